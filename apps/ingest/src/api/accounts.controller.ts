import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { accountIdFor, ContactChannel, FieldError, UUID_PATTERN } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { withTenant } from '@settle/persistence';
import { ProblemException } from '@settle/service-kit';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountSnapshotRepository } from '../accounts/account-snapshot.repository';
import { AccountSnapshot, amountOverdueMinor, PREFERENCE_CHANNELS, PreferenceChannel } from '../accounts/domain/account-snapshot';
import { Principal, RequireScopes, TenantPrincipal } from '../auth';
import { AccountDto, ContactPreferencesDto, ContactPreferencesUpdateDto } from './api.dto';
import { ApiKeyAuth, ApiProblems } from './openapi-decorators';

/**
 * Accounts as Settle knows them (its own snapshot, kept current from the lender's events) and the
 * debtor's contact preferences. An opt-out set here becomes the same normalised `account.updated`
 * event a lender's consent change becomes, so the scheduler's compliance gate honours it at once.
 */
@ApiTags('accounts')
@ApiKeyAuth()
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: AccountSnapshotRepository,
  ) {}

  @Get('by-external-ref/:externalRef')
  @RequireScopes('cases:read')
  @ApiOperation({ operationId: 'getAccountByExternalRef', summary: "An account by the lender's own reference." })
  @ApiParam({ name: 'externalRef', description: "The lender's account reference (URL-encoded)." })
  @ApiOkResponse({ type: AccountDto })
  @ApiProblems(401, 403, 404, 429)
  async byExternalRef(@Principal() principal: TenantPrincipal, @Param('externalRef') externalRef: string): Promise<AccountDto> {
    return accountOf(await this.load(principal.tenantId, accountIdFor(principal.tenantId, externalRef), externalRef));
  }

  @Get(':accountId')
  @RequireScopes('cases:read')
  @ApiOperation({ operationId: 'getAccount', summary: "An account: Settle's snapshot from the lender's events (balance overdue, payments, disputes, holds, contact preferences)." })
  @ApiParam({ name: 'accountId', format: 'uuid' })
  @ApiOkResponse({ type: AccountDto })
  @ApiProblems(400, 401, 403, 404, 429)
  async get(@Principal() principal: TenantPrincipal, @Param('accountId') accountId: string): Promise<AccountDto> {
    return accountOf(await this.load(principal.tenantId, accountId));
  }

  @Get(':accountId/contact-preferences')
  @RequireScopes('cases:read')
  @ApiOperation({ operationId: 'getContactPreferences', summary: 'Opt-outs per channel.' })
  @ApiParam({ name: 'accountId', format: 'uuid' })
  @ApiOkResponse({ type: ContactPreferencesDto })
  @ApiProblems(400, 401, 403, 404, 429)
  async preferences(@Principal() principal: TenantPrincipal, @Param('accountId') accountId: string): Promise<ContactPreferencesDto> {
    return preferencesOf(await this.load(principal.tenantId, accountId));
  }

  @Put(':accountId/contact-preferences')
  @RequireScopes('cases:write')
  @ApiOperation({
    operationId: 'setContactPreferences',
    summary: 'Opt the debtor out of (or back into) channels. Effective at once: the compliance gate blocks contact on an opted-out channel.',
  })
  @ApiParam({ name: 'accountId', format: 'uuid' })
  @ApiBody({ type: ContactPreferencesUpdateDto })
  @ApiOkResponse({ type: ContactPreferencesDto })
  @ApiProblems(400, 401, 403, 404, 415, 429)
  async setPreferences(
    @Principal() principal: TenantPrincipal,
    @Param('accountId') accountId: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<ContactPreferencesDto> {
    if (!req.is('application/json')) throw new ProblemException(415, 'unsupported-media-type', 'Send the body as application/json.');
    checkAccountId(accountId);
    const wanted = parsePreferences(body);
    // Under row-level security for the key's tenant: the database itself refuses another tenant's rows.
    const updated = await withTenant(this.dataSource, principal.tenantId, async (tx) => {
      const snapshot = await this.snapshots.find(tx, principal.tenantId, accountId, { forUpdate: true });
      if (!snapshot) throw notFound(accountId);
      const optOut: ContactChannel[] = [];
      const optIn: ContactChannel[] = [];
      for (const [channel, optedOut] of wanted) {
        const now = snapshot.optedOut.includes(channel);
        if (optedOut && !now) optOut.push(channel);
        if (!optedOut && now) optIn.push(channel);
      }
      return (await this.snapshots.changeConsent(tx, new OutboxWriter(tx), snapshot, { optOut, optIn, requestId: randomUUID() })).snapshot;
    });
    return preferencesOf(updated);
  }

  private async load(tenantId: string, accountId: string, externalRef?: string): Promise<AccountSnapshot> {
    if (externalRef === undefined) checkAccountId(accountId);
    const snapshot = await withTenant(this.dataSource, tenantId, (tx) => this.snapshots.find(tx, tenantId, accountId));
    if (!snapshot) throw notFound(externalRef ?? accountId);
    return snapshot;
  }
}

function checkAccountId(accountId: string): void {
  if (!UUID_PATTERN.test(accountId)) throw new ProblemException(400, 'validation', 'The account id is invalid.', { errors: [{ field: 'accountId', problem: 'must be a UUID' }] });
}

function notFound(id: string): ProblemException {
  return new ProblemException(404, 'not-found', `There is no account ${id}.`);
}

/** `{ channels: { sms: { optedOut: true } } }` → [['sms', true]]; every bad field named. */
export function parsePreferences(body: unknown): [PreferenceChannel, boolean][] {
  const errors: FieldError[] = [];
  const result: [PreferenceChannel, boolean][] = [];
  const channels = isObject(body) ? body.channels : undefined;
  if (!isObject(body)) errors.push({ field: '$', problem: 'must be a JSON object' });
  else if (!isObject(channels)) errors.push({ field: 'channels', problem: 'must be an object such as {"sms": {"optedOut": true}}' });
  else {
    for (const [name, value] of Object.entries(channels)) {
      if (!(PREFERENCE_CHANNELS as readonly string[]).includes(name)) {
        errors.push({ field: `channels.${name}`, problem: `is not a channel; the channels are ${PREFERENCE_CHANNELS.join(', ')}` });
      } else if (!isObject(value) || typeof value.optedOut !== 'boolean') {
        errors.push({ field: `channels.${name}.optedOut`, problem: 'must be true or false' });
      } else {
        result.push([name as PreferenceChannel, value.optedOut]);
      }
    }
    if (errors.length === 0 && result.length === 0) errors.push({ field: 'channels', problem: 'must name at least one channel' });
  }
  if (errors.length) throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors });
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preferencesOf(s: AccountSnapshot): ContactPreferencesDto {
  const channels = Object.fromEntries(PREFERENCE_CHANNELS.map((c) => [c, { optedOut: s.optedOut.includes(c) }])) as unknown as ContactPreferencesDto['channels'];
  return { accountId: s.accountId, channels, updatedAt: s.updatedAt };
}

function accountOf(s: AccountSnapshot): AccountDto {
  const currency = s.state.currency;
  return {
    id: s.accountId,
    externalRef: s.externalRef,
    status: s.status,
    contact: s.contact,
    amountOverdue: currency ? { amountMinor: amountOverdueMinor(s.state), currency } : null,
    overdueInstalments: s.state.overdue.map((i) => ({ orderRef: i.orderRef, merchantName: i.merchantName, instalmentNumber: i.instalmentNumber, amountDue: i.amountDue, dueDate: i.dueDate })),
    totalPaid: currency ? { amountMinor: s.state.paidMinor, currency } : null,
    lastPaymentAt: s.state.lastPaymentAt,
    openDisputes: s.state.openDisputes,
    holds: s.state.holds,
    contactPreferences: preferencesOf(s).channels,
    updatedAt: s.updatedAt,
  };
}
