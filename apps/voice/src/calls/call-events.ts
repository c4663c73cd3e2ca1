import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EventDefinition, EventEnvelope, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { DataSource, EntityManager } from 'typeorm';

export interface CallIdentity {
  tenantId: string;
  accountId: string;
  caseId: string;
  cause: { id: string; correlationId: string };
}

export interface Emission {
  topic: string;
  event: EventEnvelope;
}

/** Builds call events caused by the voice command, and writes them through the outbox. */
@Injectable()
export class CallEvents {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  event<T extends object>(definition: EventDefinition<T>, call: CallIdentity, data: T): Emission {
    const event = newEvent(definition, { tenantId: call.tenantId, accountId: call.accountId, caseId: call.caseId, producer: 'voice', occurredAt: this.clock.now(), cause: call.cause }, data);
    return { topic: definition.topic, event };
  }

  /** In the caller's transaction when given, else in one of its own, with `work` before the events. */
  async emit(emissions: Emission[], into?: { tx: EntityManager; outbox: OutboxWriter }, work?: (tx: EntityManager) => Promise<void>): Promise<void> {
    const write = async (tx: EntityManager, outbox: OutboxWriter) => {
      if (work) await work(tx);
      for (const e of emissions) await outbox.add(e.topic, e.event);
    };
    if (into) return write(into.tx, into.outbox);
    await this.dataSource.transaction((tx) => write(tx, new OutboxWriter(tx)));
  }
}
