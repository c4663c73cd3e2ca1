import { Module } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import { ServiceDefinition } from '@settle/service-kit';
import { AnalyticsTables1732500000500 } from './migrations/1732500000500-analytics-tables';
import { CallAndPlanFacts1732500000501 } from './migrations/1732500000501-call-and-plan-facts';
import { TenantRowSecurity1732500000906 } from './migrations/1732500000906-tenant-row-security';
import { AnalyticsConsumer, AnalyticsController } from './outcomes/analytics.consumer';
import { AnalyticsService } from './outcomes/analytics.service';

export class AnalyticsConfig extends ServiceConfig {
  override PORT: number = 3007;
}

export const ANALYTICS_SERVICE: ServiceDefinition<AnalyticsConfig> = {
  name: 'analytics',
  config: AnalyticsConfig,
  migrations: [AnalyticsTables1732500000500, CallAndPlanFacts1732500000501, TenantRowSecurity1732500000906],
};

@Module({
  controllers: [AnalyticsConsumer, AnalyticsController],
  providers: [AnalyticsService],
})
export class AnalyticsModule {}
