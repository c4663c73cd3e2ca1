import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ACCOUNT_EVENTS_V1, LenderEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import type { EntityManager } from 'typeorm';
import { AccountSnapshotRepository } from '../accounts/account-snapshot.repository';
import { normaliseLenderEvent } from './normalise';

export interface IntakeResult {
  eventIds: string[];
  duplicate: boolean;
}

/**
 * Accepts one lender event inside the caller's transaction: records it (once per tenant and
 * lender event id, whichever path it came by) and puts its domain events in the outbox.
 */
@Injectable()
export class LenderEventIntake {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly snapshots: AccountSnapshotRepository,
  ) {}

  async accept(tx: EntityManager, outbox: OutboxWriter, tenantId: string, event: LenderEvent, via: 'webhook' | 'kafka'): Promise<IntakeResult> {
    const domainEvents = normaliseLenderEvent(tenantId, event, this.clock.now());
    const eventIds = domainEvents.map((e) => e.id);
    const inserted = await tx.query(
      `INSERT INTO lender_event (tenant_id, lender_event_id, event_ids, received_via) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING lender_event_id`,
      [tenantId, event.eventId, eventIds, via],
    );
    if (inserted.length === 0) {
      const [seen] = await tx.query(`SELECT event_ids FROM lender_event WHERE tenant_id = $1 AND lender_event_id = $2`, [tenantId, event.eventId]);
      return { eventIds: seen.event_ids, duplicate: true };
    }
    await outbox.add(ACCOUNT_EVENTS_V1, ...domainEvents);
    // Settle's own account snapshot moves with the events, in the same transaction.
    const restated = await this.snapshots.project(tx, domainEvents);
    if (restated.length > 0) await outbox.add(ACCOUNT_EVENTS_V1, ...restated);
    return { eventIds, duplicate: false };
  }
}
