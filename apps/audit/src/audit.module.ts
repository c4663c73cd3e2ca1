import { Module } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import { ServiceDefinition } from '@settle/service-kit';
import { AuditLogService } from './log/audit-log.service';
import { AuditConsumer } from './log/audit.consumer';
import { AuditController } from './log/audit.controller';
import { AuditTables1732500000400 } from './migrations/1732500000400-audit-tables';
import { AuditEntryByCase1732500000401 } from './migrations/1732500000401-audit-entry-by-case';
import { TenantRowSecurity1732500000905 } from './migrations/1732500000905-tenant-row-security';

export class AuditConfig extends ServiceConfig {
  override PORT: number = 3006;
}

export const AUDIT_SERVICE: ServiceDefinition<AuditConfig> = {
  name: 'audit',
  config: AuditConfig,
  migrations: [AuditTables1732500000400, AuditEntryByCase1732500000401, TenantRowSecurity1732500000905],
};

@Module({
  controllers: [AuditConsumer, AuditController],
  providers: [AuditLogService],
})
export class AuditModule {}
