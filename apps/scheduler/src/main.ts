import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { SCHEDULER_SERVICE, SchedulerModule } from './scheduler.module';

runService(SCHEDULER_SERVICE, SchedulerModule);
