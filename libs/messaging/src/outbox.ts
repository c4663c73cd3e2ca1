import { EventEnvelope, recordKey } from '@settle/contracts';
import { TraceContext, childTrace, formatTraceparent } from '@settle/observability';
import type { EntityManager } from 'typeorm';
import { HEADERS } from './headers';

/**
 * Writes events into the outbox inside the caller's transaction: the state change and the events
 * it causes commit together or not at all. The relay publishes them afterwards.
 */
export class OutboxWriter {
  private added = 0;
  private notified = false;

  constructor(
    private readonly tx: EntityManager,
    private readonly trace?: TraceContext,
  ) {}

  async add(topic: string, ...events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      const headers: Record<string, string> = {
        [HEADERS.eventId]: event.id,
        [HEADERS.eventType]: event.type,
        [HEADERS.eventVersion]: String(event.version),
        [HEADERS.tenantId]: event.tenantId,
        [HEADERS.traceparent]: formatTraceparent(childTrace(this.trace)),
        [HEADERS.contentType]: 'application/json',
      };
      await this.tx.query(
        `INSERT INTO outbox (event_id, topic, record_key, headers, payload) VALUES ($1, $2, $3, $4, $5)`,
        [event.id, topic, recordKey(event), headers, event],
      );
      this.added += 1;
    }
    if (!this.notified && events.length > 0) {
      // Delivered on commit, so the relay wakes only for events that really exist; once per transaction.
      await this.tx.query(`SELECT pg_notify('settle_outbox', current_schema())`);
      this.notified = true;
    }
  }

  get count(): number {
    return this.added;
  }
}
