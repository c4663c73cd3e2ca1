export { createLogger, JsonLogger, maskPhone } from './logger';
export { ServiceMetrics } from './metrics';
export { HealthRegistry, HealthCheck, HealthReport } from './health';
export { TraceContext, childTrace, formatTraceparent, parseTraceparent } from './trace-context';
export type { Logger } from 'pino';
