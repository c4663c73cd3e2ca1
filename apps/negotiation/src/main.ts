import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { NEGOTIATION_SERVICE, NegotiationModule } from './negotiation.module';

runService(NEGOTIATION_SERVICE, NegotiationModule);
