export { validateConfig, ConfigValidationError } from './validate-config';
export { ServiceConfig } from './service-config';
export { CLOCK, Clock, ManualClock, ScaledClock, SystemClock, clockFromSpec } from './clock';
