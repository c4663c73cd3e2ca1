import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { CaseEventsConsumer } from './cases/case-events.consumer';
import { VoiceEventsConsumer } from './cases/voice-events.consumer';
import { PlanEventsConsumer } from './cases/plan-events.consumer';
import { CasesController } from './cases/cases.controller';
import { InternalCasesController } from './cases/internal-cases.controller';
import { CaseRepository } from './cases/case.repository';
import { CaseWorkflowService } from './cases/case-workflow.service';
import { SchedulerTables1732500000200 } from './migrations/1732500000200-scheduler-tables';
import { TenantRowSecurity1732500000902 } from './migrations/1732500000902-tenant-row-security';
import { CaseHolds1732500000201 } from './migrations/1732500000201-case-holds';
import { Workflows1732500000202 } from './migrations/1732500000202-workflows';
import { PriorityBasis1732500000203 } from './migrations/1732500000203-priority-basis';
import { CaseActivityIndexes1732500000210 } from './migrations/1732500000210-case-activity-indexes';
import { CaseExternalAccountRef1732500000215 } from './migrations/1732500000215-case-external-account-ref';
import { PlanReminders1732500000220 } from './migrations/1732500000220-plan-reminders';
import { TenantProfile1732500000230 } from './migrations/1732500000230-tenant-profile';
import { TenantProfileConsumer } from './tenants/tenant-profile.consumer';
import { TenantProfileRepository } from './tenants/tenant-profile.repository';
import { WorkflowController } from './workflows/workflow.controller';
import { WorkflowRegistry } from './workflows/workflow.registry';
import { SchedulerConfig } from './scheduler.config';
import { StepDispatcher } from './timers/step-dispatcher';

export const SCHEDULER_SERVICE: ServiceDefinition<SchedulerConfig> = {
  name: 'scheduler',
  config: SchedulerConfig,
  migrations: [SchedulerTables1732500000200, CaseHolds1732500000201, Workflows1732500000202, PriorityBasis1732500000203, CaseActivityIndexes1732500000210, CaseExternalAccountRef1732500000215, PlanReminders1732500000220, TenantProfile1732500000230, TenantRowSecurity1732500000902],
};

@Module({
  controllers: [CaseEventsConsumer, VoiceEventsConsumer, PlanEventsConsumer, TenantProfileConsumer, CasesController, InternalCasesController, WorkflowController],
  providers: [CaseRepository, TenantProfileRepository, CaseWorkflowService, StepDispatcher, WorkflowRegistry],
})
export class SchedulerModule {}
