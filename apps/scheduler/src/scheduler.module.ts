import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { CaseEventsConsumer } from './cases/case-events.consumer';
import { CasesController } from './cases/cases.controller';
import { CaseRepository } from './cases/case.repository';
import { CaseWorkflowService } from './cases/case-workflow.service';
import { SchedulerTables1732500000200 } from './migrations/1732500000200-scheduler-tables';
import { CaseHolds1732500000201 } from './migrations/1732500000201-case-holds';
import { SchedulerConfig } from './scheduler.config';
import { StepDispatcher } from './timers/step-dispatcher';

export const SCHEDULER_SERVICE: ServiceDefinition<SchedulerConfig> = {
  name: 'scheduler',
  config: SchedulerConfig,
  migrations: [SchedulerTables1732500000200, CaseHolds1732500000201],
};

@Module({
  controllers: [CaseEventsConsumer, CasesController],
  providers: [CaseRepository, CaseWorkflowService, StepDispatcher],
})
export class SchedulerModule {}
