import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '@settle/config';
import { FieldError, validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { OperatorOrTenantAdminGuard } from '../auth/api-key.guard';
import { asRequester } from '../auth/tenant-scope';
import { IngestConfig } from '../ingest.config';
import { ApiProblems } from '../api/openapi-decorators';
import { TenantProfileUpdate } from './tenant.dto';
import { CREATE_TENANT_SCHEMA, CREATED_TENANT_SCHEMA, ROTATED_SECRET_SCHEMA, TENANT_SCHEMA, UPDATE_TENANT_SCHEMA } from './tenant.openapi';
import { TenantProfilePublisher } from './tenant-profile.publisher';
import { Tenant, TenantRepository } from './tenant.repository';

const tenantId = new ParseUUIDPipe({ exceptionFactory: () => new ProblemException(404, 'not-found', 'No such tenant.') });

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new ProblemException(415, 'unsupported-media-type', 'Send the request body as application/json.');
}

/** The operator's connection gets a transaction of its own; a tenant key's `withTenant` is one already. */
function inTransaction<T>(db: DataSource | EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return db instanceof DataSource ? db.transaction(fn) : fn(db);
}

function invalid(errors: FieldError[]): ProblemException {
  return new ProblemException(400, 'validation', 'The request body is invalid.', { errors });
}

/** What the admin API shows of a tenant: the profile, never a secret. */
function view(tenant: Tenant) {
  return {
    tenantId: tenant.id,
    displayName: tenant.displayName,
    brandColour: tenant.brandColour,
    logoUrl: tenant.logoUrl,
    defaultLanguage: tenant.defaultLanguage,
    defaultTone: tenant.defaultTone,
    jurisdictions: tenant.jurisdictions,
    smsSenderId: tenant.smsSenderId,
    smsOriginationNumber: tenant.smsOriginationNumber,
    emailFrom: tenant.emailFrom,
    callbackPhone: tenant.callbackPhone,
    webhookSecretRotation: { previousSecretValidUntil: tenant.retiringSecretUntil?.toISOString() ?? null },
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

/**
 * Tenant administration. Creating and listing tenants is the platform operator's (ADMIN_TOKEN);
 * reading, updating and rotating one tenant's secret is also open to that tenant's `admin` key,
 * whose queries then run under row-level security for its tenant.
 */
@ApiTags('tenant admin')
@Controller('v1/admin/tenants')
export class TenantAdminController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantRepository,
    private readonly profiles: TenantProfilePublisher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @UseGuards(AdminTokenGuard)
  @ApiOperation({ summary: 'Create a tenant (a lender brand); the answer shows its webhook secret once. Operator only.' })
  @ApiBody({ schema: CREATE_TENANT_SCHEMA })
  @ApiCreatedResponse({ schema: CREATED_TENANT_SCHEMA })
  @ApiProblems(400, 401, 415)
  async create(@Req() req: Request, @Body() body: unknown) {
    requireJson(req);
    const request = validateAs(TenantProfileUpdate, body);
    const missing: FieldError[] = (body as { displayName?: unknown } | undefined)?.displayName === undefined && request.ok
      ? [{ field: 'displayName', problem: 'displayName is required' }]
      : [];
    if (!request.ok) throw invalid(request.errors);
    if (missing.length > 0) throw invalid(missing);
    // The profile reaches the other services (tenant.profile_changed) only if the tenant exists, and always then.
    const tenant = await this.dataSource.transaction(async (tx) => {
      const created = await this.tenants.create(request.value.displayName!, request.value, tx);
      await this.profiles.publish(tx, created);
      return created;
    });
    // The secret is shown once, here; it is never logged.
    return { ...view(tenant), webhookSecret: tenant.webhookSecrets[0] };
  }

  @Get()
  @UseGuards(AdminTokenGuard)
  @ApiOperation({ summary: 'Every tenant. Operator only.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: TENANT_SCHEMA } } } })
  @ApiProblems(401)
  async list() {
    return { items: (await this.tenants.list()).map(view) };
  }

  @Get(':id')
  @UseGuards(OperatorOrTenantAdminGuard)
  @ApiOperation({ summary: "One tenant's profile (never a secret). Operator, or the tenant's own admin key." })
  @ApiOkResponse({ schema: TENANT_SCHEMA })
  @ApiProblems(401, 403, 404, 429)
  async get(@Req() req: Request, @Param('id', tenantId) id: string) {
    const tenant = await asRequester(this.dataSource, req, (db) => this.tenants.findUncached(id, db));
    if (!tenant) throw new ProblemException(404, 'not-found', 'No such tenant.');
    return view(tenant);
  }

  @Patch(':id')
  @UseGuards(OperatorOrTenantAdminGuard)
  @ApiOperation({ summary: "Update a tenant's profile. Operator, or the tenant's own admin key." })
  @ApiBody({ schema: UPDATE_TENANT_SCHEMA })
  @ApiOkResponse({ schema: TENANT_SCHEMA })
  @ApiProblems(400, 401, 403, 404, 415, 429)
  async update(@Req() req: Request, @Param('id', tenantId) id: string, @Body() body: unknown) {
    requireJson(req);
    const request = validateAs(TenantProfileUpdate, body);
    if (!request.ok) throw invalid(request.errors);
    const tenant = await asRequester(this.dataSource, req, (db) =>
      inTransaction(db, async (tx) => {
        const updated = await this.tenants.update(id, request.value, tx);
        if (updated) await this.profiles.publish(tx, updated);
        return updated;
      }),
    );
    if (!tenant) throw new ProblemException(404, 'not-found', 'No such tenant.');
    return view(tenant);
  }

  /**
   * Every tenant's current profile onto tenant.events.v1 again, for a consumer that lost its copy
   * while its offsets were kept (a restored database): it takes what it lacks and ignores versions it has.
   */
  @Post('republish-profiles')
  @HttpCode(200)
  @UseGuards(AdminTokenGuard)
  @ApiOperation({ summary: "Publish every tenant's current profile (tenant.profile_changed) again. Operator only." })
  @ApiOkResponse({ schema: { type: 'object', properties: { republished: { type: 'integer', description: 'Tenants whose profile was published.' } } } })
  @ApiProblems(401)
  async republishProfiles() {
    return { republished: await this.profiles.republishAll() };
  }

  /** A new webhook signing secret, shown once; the previous one keeps verifying for WEBHOOK_SECRET_ROTATION_HOURS. */
  @Post(':id/webhook-secrets/rotate')
  @HttpCode(200)
  @UseGuards(OperatorOrTenantAdminGuard)
  @ApiOperation({ summary: 'A new inbound webhook secret, shown once; the previous one keeps verifying until previousSecretValidUntil.' })
  @ApiOkResponse({ schema: ROTATED_SECRET_SCHEMA })
  @ApiProblems(401, 403, 404, 429)
  async rotate(@Req() req: Request, @Param('id', tenantId) id: string) {
    const until = new Date(this.clock.now().getTime() + this.config.WEBHOOK_SECRET_ROTATION_HOURS * 3_600_000);
    const rotated = await asRequester(this.dataSource, req, (db) => this.tenants.rotateWebhookSecret(id, until, db));
    if (!rotated) throw new ProblemException(404, 'not-found', 'No such tenant.');
    return { webhookSecret: rotated.secret, previousSecretValidUntil: until.toISOString() };
  }
}
