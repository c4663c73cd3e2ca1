import { DynamicModule, Global, Inject, Injectable, Module, Type, BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { CLOCK, Clock, ServiceConfig, clockFromSpec, validateConfig } from '@settle/config';
import { ServiceName } from '@settle/contracts';
import { ConsumerRunner, KafkajsBroker, MESSAGE_BROKER, MessageBroker, MessagingTables1732500000000, OutboxRelay, RetryPolicy, TopicNames } from '@settle/messaging';
import { HealthRegistry, ServiceMetrics, createLogger } from '@settle/observability';
import { createServiceDataSource, initializeServiceDataSource } from '@settle/persistence';
import type { Logger } from 'pino';
import { DataSource, MigrationInterface } from 'typeorm';
import { BackgroundLoops } from './background-loops';
import { HealthController, MetricsController } from './controllers';
import { KafkaEventsTransport } from './kafka-events.transport';
import { ProblemDetailsFilter } from './problem-details';
import { LOGGER, SERVICE_CONFIG, SERVICE_NAME } from './tokens';

/** What makes a Settle service: its name, its settings, and the migrations of its schema. */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  name: ServiceName;
  config: new () => C;
  /** The service's own migrations; the outbox and inbox tables are added before them. */
  migrations: (new () => MigrationInterface)[];
  entities?: Type[];
}

/** Per-run overrides: tests and the demo start services in-process with these. */
export interface ServiceOverrides {
  env?: Record<string, string>;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
}

@Injectable()
class ServiceLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly loops: BackgroundLoops,
    private readonly runner: ConsumerRunner,
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.loops.start();
  }

  /** First stop taking work: consumers finish in-flight records and commit; loops finish their pass. */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down: finishing in-flight work');
    await Promise.all([this.runner.stop(), this.loops.stop()]);
  }

  /** Then publish what the last handlers committed, and close connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.broker.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.info('shut down cleanly');
  }
}

@Global()
@Module({})
export class ServiceKitModule {
  static forRoot<C extends ServiceConfig>(definition: ServiceDefinition<C>, overrides: ServiceOverrides = {}): DynamicModule {
    const readConfig = (env: Record<string, unknown>) => validateConfig(definition.config, { ...env, ...overrides.env });
    return {
      module: ServiceKitModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true, validate: readConfig })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: definition.name },
        { provide: SERVICE_CONFIG, useFactory: () => readConfig(process.env) },
        {
          provide: LOGGER,
          inject: [SERVICE_CONFIG],
          useFactory: (config: C) => createLogger(definition.name, config.LOG_LEVEL),
        },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(definition.name) },
        { provide: CLOCK, inject: [SERVICE_CONFIG], useFactory: (config: C) => overrides.clock ?? clockFromSpec(config.SETTLE_CLOCK) },
        { provide: TopicNames, inject: [SERVICE_CONFIG], useFactory: (config: C) => new TopicNames(config.KAFKA_TOPIC_PREFIX) },
        { provide: BackgroundLoops, inject: [LOGGER], useFactory: (logger: Logger) => new BackgroundLoops(logger) },
        {
          provide: DataSource,
          inject: [SERVICE_CONFIG],
          useFactory: async (config: C) => {
            const dataSource = createServiceDataSource({
              url: config.DATABASE_URL,
              schema: definition.name,
              entities: definition.entities,
              migrations: [MessagingTables1732500000000, ...definition.migrations],
              applicationName: `settle-${definition.name}`,
            });
            await initializeServiceDataSource(dataSource);
            return dataSource;
          },
        },
        {
          provide: MESSAGE_BROKER,
          inject: [SERVICE_CONFIG, LOGGER],
          useFactory: (config: C, logger: Logger) =>
            new KafkajsBroker({ brokers: config.KAFKA_BROKERS.split(','), clientId: `settle-${definition.name}`, logger }),
        },
        {
          provide: HealthRegistry,
          inject: [DataSource, MESSAGE_BROKER],
          useFactory: (dataSource: DataSource, broker: MessageBroker) => {
            const health = new HealthRegistry();
            health.register('postgres', async () => void (await dataSource.query('SELECT 1')));
            health.register('kafka', () => broker.ping());
            return health;
          },
        },
        {
          provide: ConsumerRunner,
          inject: [DataSource, MESSAGE_BROKER, TopicNames, LOGGER, ServiceMetrics],
          useFactory: (dataSource: DataSource, broker: MessageBroker, topics: TopicNames, logger: Logger, metrics: ServiceMetrics) =>
            new ConsumerRunner({ service: definition.name, dataSource, broker, topics, logger, metrics, retry: overrides.retryPolicy }),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, MESSAGE_BROKER, TopicNames, LOGGER, ServiceMetrics, SERVICE_CONFIG],
          useFactory: (dataSource: DataSource, broker: MessageBroker, topics: TopicNames, logger: Logger, metrics: ServiceMetrics, config: C) =>
            new OutboxRelay({ dataSource, broker, topics, logger, metrics, schema: definition.name, pollIntervalMs: config.POLL_INTERVAL_MS }),
        },
        { provide: KafkaEventsTransport, inject: [ConsumerRunner], useFactory: (runner: ConsumerRunner) => new KafkaEventsTransport(runner) },
        { provide: APP_FILTER, inject: [LOGGER], useFactory: (logger: Logger) => new ProblemDetailsFilter(logger) },
        ServiceLifecycle,
      ],
      exports: [
        SERVICE_NAME, SERVICE_CONFIG, LOGGER, ServiceMetrics, CLOCK, TopicNames, BackgroundLoops, DataSource, MESSAGE_BROKER,
        HealthRegistry, ConsumerRunner, OutboxRelay, KafkaEventsTransport,
      ],
    };
  }
}
