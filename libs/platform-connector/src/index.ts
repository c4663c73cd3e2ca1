// The lender platform connector: the port Settle reads live account data through and writes
// agreed plans back through, and its HTTP implementation (timeouts, retries, circuit breaker).
export * from './types';
export * from './errors';
export * from './retry-policy';
export * from './circuit-breaker';
export * from './http-platform-connector';
export * from './plan-conversion';
