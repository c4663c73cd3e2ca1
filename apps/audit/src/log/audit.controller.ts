import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';

@Controller('v1/audit')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  /** Lets a compliance officer prove the tenant's log is complete and unaltered. */
  @Get('tenants/:tenantId/verify')
  verify(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    return this.log.verify(tenantId);
  }
}
