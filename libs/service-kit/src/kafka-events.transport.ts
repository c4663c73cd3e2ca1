import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { ConsumerRunner } from '@settle/messaging';
import { isObservable, lastValueFrom } from 'rxjs';

/**
 * Nest's `@EventPattern(TOPIC)` handlers, fed by Settle's ConsumerRunner instead of Nest's stock
 * Kafka server (which shares one consumer across topics and retries a failing record forever).
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly runner: ConsumerRunner) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        this.runner.register(pattern, async (value, context) => {
          const result = await handler(value, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        });
      }
      await this.runner.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.runner.stop();
  }

  on(): never {
    throw new Error('KafkaEventsTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }
}
