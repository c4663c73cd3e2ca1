import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FieldError } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import type { Request } from 'express';
import { Principal, RequireScopes, TenantPrincipal } from '../auth';
import { CaseActionRequestDto, CaseDetailDto, CasePageDto, CaseSummaryDto, CASE_STATUSES, MANUAL_ACTIONS } from './api.dto';
import { ApiKeyAuth, ApiProblems } from './openapi-decorators';
import { SchedulerClient } from './scheduler.client';

interface SchedulerCaseDetail extends CaseSummaryDto {
  tenantId: string;
  workflowId: string;
  instalments: CaseDetailDto['instalments'];
  timeline: CaseDetailDto['timeline'];
}

const LIST_FILTERS = ['status', 'accountId', 'updatedSince', 'limit'] as const;

/**
 * Recovery cases of the caller's tenant. The scheduler owns cases; ingest asks its internal API,
 * always under the tenant of the API key — another tenant's case id is simply not found.
 */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
export class PublicCasesController {
  constructor(private readonly scheduler: SchedulerClient) {}

  @Get()
  @RequireScopes('cases:read')
  @ApiOperation({ operationId: 'listCases', summary: 'List cases, oldest first, a page at a time (cursor pagination).' })
  @ApiQuery({ name: 'status', required: false, enum: CASE_STATUSES })
  @ApiQuery({ name: 'accountId', required: false, schema: { type: 'string', format: 'uuid' }, description: "Settle's account id." })
  @ApiQuery({ name: 'updatedSince', required: false, schema: { type: 'string', format: 'date-time' }, description: 'Only cases with activity at or after this instant (ISO 8601 with offset).' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, description: 'Page size.' })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' }, description: 'The `nextCursor` of the previous page (opaque).' })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblems(400, 401, 403, 429, 502, 503, 504)
  async list(@Principal() principal: TenantPrincipal, @Query() query: Record<string, unknown>): Promise<CasePageDto> {
    const forward: Record<string, string | undefined> = {};
    const repeated: FieldError[] = [];
    for (const key of [...LIST_FILTERS, 'cursor']) {
      const value = query[key];
      if (value === undefined) continue;
      if (typeof value === 'string') forward[key] = value;
      else repeated.push({ field: key, problem: 'must be given once' });
    }
    if (repeated.length) throw new ProblemException(400, 'validation', 'The query is invalid.', { errors: repeated });
    // The scheduler validates the filters and names each bad one; its 400 is passed on as it is.
    const page = await this.scheduler.get<{ items: CaseSummaryDto[]; nextCursor: string | null }>(principal.tenantId, '', forward);
    let next: string | null = null;
    if (page.nextCursor) {
      const params = new URLSearchParams();
      for (const key of LIST_FILTERS) if (forward[key] !== undefined) params.set(key, forward[key]!);
      params.set('cursor', page.nextCursor);
      next = `/v1/cases?${params.toString()}`;
    }
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor, next };
  }

  @Get(':caseId')
  @RequireScopes('cases:read')
  @ApiOperation({ operationId: 'getCase', summary: 'One case with the timeline of every recorded event.' })
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiProblems(400, 401, 403, 404, 429, 502, 503, 504)
  async get(@Principal() principal: TenantPrincipal, @Param('caseId') caseId: string): Promise<CaseDetailDto> {
    return detailOf(await this.scheduler.get<SchedulerCaseDetail>(principal.tenantId, `/${encodeURIComponent(caseId)}`));
  }

  @Post(':caseId/actions/:action')
  @HttpCode(200)
  @RequireScopes('cases:write')
  @ApiOperation({
    operationId: 'actOnCase',
    summary: 'A manual action: pause (contact stops), resume (the workflow goes on from its step), close, or escalate to a human.',
  })
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiParam({ name: 'action', enum: MANUAL_ACTIONS })
  @ApiBody({ type: CaseActionRequestDto, required: false })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The case after the action.' })
  @ApiProblems(400, 401, 403, 404, 409, 415, 429, 502, 503, 504)
  async act(
    @Principal() principal: TenantPrincipal,
    @Param('caseId') caseId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<CaseDetailDto> {
    if (req.headers['content-length'] && req.headers['content-length'] !== '0' && !req.is('application/json')) {
      throw new ProblemException(415, 'unsupported-media-type', 'Send the body as application/json.');
    }
    return detailOf(await this.scheduler.post<SchedulerCaseDetail>(principal.tenantId, `/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(action)}`, body ?? {}));
  }
}

function summaryOf(c: CaseSummaryDto): CaseSummaryDto {
  return {
    id: c.id, accountId: c.accountId, status: c.status, amountDue: c.amountDue, recovered: c.recovered, contactsSent: c.contactsSent,
    openedAt: c.openedAt, updatedAt: c.updatedAt, closedAt: c.closedAt, outcome: c.outcome,
  };
}

function detailOf(c: SchedulerCaseDetail): CaseDetailDto {
  return {
    ...summaryOf(c),
    workflowId: c.workflowId,
    instalments: c.instalments.map((i) => ({ orderRef: i.orderRef, merchantName: i.merchantName, instalmentNumber: i.instalmentNumber, amountDue: i.amountDue, dueDate: i.dueDate })),
    timeline: c.timeline,
  };
}
