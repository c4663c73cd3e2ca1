import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@settle/service-kit';
import { AuditLogService } from './audit-log.service';

@Controller('v1/audit')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  /** Lets a compliance officer prove the tenant's log is complete and unaltered. */
  @Get('tenants/:tenantId/verify')
  verify(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    return this.log.verify(tenantId);
  }

  /** One case's entries in chain order (personal data masked), each with its hash. */
  @Get('tenants/:tenantId/cases/:caseId/entries')
  async caseEntries(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Param('caseId', new ParseUUIDPipe()) caseId: string) {
    const entries = await this.log.caseEntries(tenantId, caseId);
    if (entries.length === 0) throw new ProblemException(404, 'not-found', `The audit log of tenant ${tenantId} holds nothing for case ${caseId}.`);
    return { tenantId, caseId, entries };
  }

  /** Was each AI call of the case lawful: gate decisions, required disclosures, right-party check, guardrails, outcome. */
  @Get('tenants/:tenantId/cases/:caseId/calls')
  async caseCalls(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Param('caseId', new ParseUUIDPipe()) caseId: string) {
    return { tenantId, caseId, calls: await this.log.caseCalls(tenantId, caseId) };
  }
}
