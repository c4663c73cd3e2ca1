import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { NegotiationController } from './agreements/negotiation.controller';
import { NegotiationService } from './agreements/negotiation.service';
import { NegotiationTables1732500000700 } from './migrations/1732500000700-negotiation-tables';
import { ReviewRequests1732500000701 } from './migrations/1732500000701-review-requests';
import { NegotiationConfig } from './negotiation.config';
import { platformConnectorProvider } from './platform/platform-connector.provider';
import { PolicyController } from './policy/policy.controller';
import { PolicyRepository } from './policy/policy.repository';
import { AccountEventsConsumer } from './tracking/account-events.consumer';
import { PlanTrackingService } from './tracking/plan-tracking.service';

export { NegotiationConfig };

/**
 * Restructuring options (lender ∩ tenant policy ∩ jurisdiction, via @settle/negotiation and the
 * platform connector), agreements written back to the lender once, and plan tracking from
 * account events; plan events on plan.events.v1.
 */
export const NEGOTIATION_SERVICE: ServiceDefinition<NegotiationConfig> = {
  name: 'negotiation',
  config: NegotiationConfig,
  migrations: [NegotiationTables1732500000700, ReviewRequests1732500000701],
};

@Module({
  controllers: [NegotiationController, PolicyController, AccountEventsConsumer],
  providers: [NegotiationService, PolicyRepository, PlanTrackingService, platformConnectorProvider],
})
export class NegotiationModule {}
