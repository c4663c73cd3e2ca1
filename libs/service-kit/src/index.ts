export { ServiceKitModule, ServiceDefinition, ServiceOverrides } from './service-kit.module';
export { runService, startService, StartOptions, RunningService } from './bootstrap';
export { BackgroundLoops } from './background-loops';
export { ProblemException, ProblemDetails, PROBLEM_CONTENT_TYPE, sendProblem } from './problem-details';
export { LOGGER, SERVICE_CONFIG, SERVICE_NAME } from './tokens';
export { KafkaEventsTransport } from './kafka-events.transport';
export { AdminTokenGuard } from './admin-token.guard';
