import { Provider } from '@nestjs/common';
import { HttpPlatformConnector, PlatformConnector } from '@settle/platform-connector';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Logger } from 'pino';
import type { NegotiationConfig } from '../negotiation.config';

export const PLATFORM_CONNECTOR = Symbol('PLATFORM_CONNECTOR');
export type { PlatformConnector };

export const platformConnectorProvider: Provider = {
  provide: PLATFORM_CONNECTOR,
  inject: [SERVICE_CONFIG, LOGGER],
  useFactory: (config: NegotiationConfig, logger: Logger): PlatformConnector =>
    new HttpPlatformConnector({
      baseUrl: config.LENDER_PLATFORM_URL,
      token: config.LENDER_PLATFORM_TOKEN,
      timeoutMs: config.LENDER_PLATFORM_TIMEOUT_MS,
      retry: { maxAttempts: config.LENDER_PLATFORM_MAX_ATTEMPTS },
      breaker: { failureThreshold: config.LENDER_PLATFORM_BREAKER_THRESHOLD, resetTimeoutMs: config.LENDER_PLATFORM_BREAKER_RESET_MS },
      onBreakerStateChange: (from, to) => logger.warn({ from, to }, 'lender platform circuit breaker changed state'),
    }),
};
