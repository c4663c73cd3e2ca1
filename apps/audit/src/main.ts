import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { AUDIT_SERVICE, AuditModule } from './audit.module';

runService(AUDIT_SERVICE, AuditModule);
