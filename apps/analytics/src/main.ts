import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { ANALYTICS_SERVICE, AnalyticsModule } from './analytics.module';

runService(ANALYTICS_SERVICE, AnalyticsModule);
