import { INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceConfig } from '@settle/config';
import { JsonLogger } from '@settle/observability';
import express from 'express';
import type { Logger } from 'pino';
import { KafkaEventsTransport } from './kafka-events.transport';
import { bodyParserProblems } from './problem-details';
import { ServiceDefinition, ServiceKitModule, ServiceOverrides } from './service-kit.module';
import { LOGGER, SERVICE_CONFIG } from './tokens';

export interface StartOptions extends ServiceOverrides {
  /** Overrides PORT; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** Largest accepted request body. */
  bodyLimit?: string;
}

export interface RunningService {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts one Settle service: its module under the service kit, HTTP (health, metrics, its
 * controllers), its Kafka consumers, and graceful shutdown on SIGTERM/SIGINT.
 */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  feature: Type,
  options: StartOptions = {},
): Promise<RunningService> {
  @Module({ imports: [ServiceKitModule.forRoot(definition, options), feature] })
  class ServiceRoot {}
  Object.defineProperty(ServiceRoot, 'name', { value: `${definition.name}-root` });

  const app = await NestFactory.create(ServiceRoot, { bodyParser: false, bufferLogs: true, abortOnError: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new JsonLogger(logger));
  const config = app.get<C>(SERVICE_CONFIG);

  // Raw bytes are kept for signature checks; parse errors and oversized bodies become problem+json.
  app.use(
    express.json({
      limit: options.bodyLimit ?? '64kb',
      type: ['application/json', 'application/*+json'],
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
  );
  app.use(bodyParserProblems);

  const transport = app.get(KafkaEventsTransport);
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);

  await app.startAllMicroservices();
  const port = options.port ?? config.PORT;
  await app.listen(port, options.host ?? process.env.HOST ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url, consumes: app.get(KafkaEventsTransport).unwrap<{ topics: string[] }>().topics }, 'service started');
  return { app, url, stop: () => app.close() };
}

/** The entry point of every service's main.ts: start, or log why not and exit non-zero. */
export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>, feature: Type): void {
  startService(definition, feature).catch((error: unknown) => {
    const problems = (error as { problems?: unknown }).problems;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service: definition.name, msg: 'failed to start', error: String(error), problems })}\n`);
    process.exit(1);
  });
}
