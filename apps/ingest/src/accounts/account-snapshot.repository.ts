import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ACCOUNT_EVENTS_V1, ContactChannel, EVENTS, EventEnvelope, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import type { EntityManager } from 'typeorm';
import { AccountEventLike, AccountSnapshot, applyAccountEvent, standingOptOutsToRestate } from './domain/account-snapshot';

/**
 * Settle's own account snapshots. Every normalised account event ingest emits goes through
 * `project` in the transaction that puts it in the outbox, so the snapshot never runs ahead of or
 * behind what the rest of Settle is told.
 */
@Injectable()
export class AccountSnapshotRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async find(tx: EntityManager, tenantId: string, accountId: string, options: { forUpdate?: boolean } = {}): Promise<AccountSnapshot | undefined> {
    const [row] = await tx.query(
      `SELECT * FROM account_snapshot WHERE tenant_id = $1 AND account_id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [tenantId, accountId],
    );
    return row ? toSnapshot(row) : undefined;
  }

  async findByExternalRef(tx: EntityManager, tenantId: string, externalRef: string): Promise<AccountSnapshot | undefined> {
    const [row] = await tx.query(`SELECT * FROM account_snapshot WHERE tenant_id = $1 AND external_ref = $2`, [tenantId, externalRef]);
    return row ? toSnapshot(row) : undefined;
  }

  /**
   * Folds the events into their accounts' snapshots. Returns further events to publish after
   * them: the standing opt-outs of an account on which a new instalment was missed.
   */
  async project(tx: EntityManager, events: EventEnvelope[]): Promise<EventEnvelope[]> {
    const extra: EventEnvelope[] = [];
    for (const event of events) {
      if (event.type.split('.')[0] !== 'account') continue;
      const like = event as unknown as AccountEventLike;
      const before = await this.find(tx, event.tenantId, event.accountId, { forUpdate: true });
      const after = applyAccountEvent(before, like, this.clock.now());
      if (after !== before) await this.save(tx, after);
      const restate = standingOptOutsToRestate(before, event.type);
      if (restate.length > 0) {
        extra.push(
          newEvent(
            EVENTS.accountUpdated,
            { tenantId: event.tenantId, accountId: event.accountId, producer: 'ingest', occurredAt: this.clock.now(), cause: event },
            { externalAccountRef: like.data.externalAccountRef, lenderEventId: `settle:restate:${event.id}`, consent: { optOut: restate } },
          ),
        );
      }
    }
    return extra;
  }

  /**
   * A consent change made through Settle's API: the same normalised `account.updated` a lender's
   * consent change becomes, through the outbox, so the scheduler's compliance gate sees it.
   */
  async changeConsent(
    tx: EntityManager,
    outbox: OutboxWriter,
    snapshot: AccountSnapshot,
    change: { optOut: ContactChannel[]; optIn: ContactChannel[]; requestId: string },
  ): Promise<{ snapshot: AccountSnapshot; eventId: string | null }> {
    if (change.optOut.length === 0 && change.optIn.length === 0) return { snapshot, eventId: null };
    const event = newEvent(
      EVENTS.accountUpdated,
      { tenantId: snapshot.tenantId, accountId: snapshot.accountId, producer: 'ingest', occurredAt: this.clock.now() },
      {
        externalAccountRef: snapshot.externalRef,
        lenderEventId: `settle:api:${change.requestId}`,
        consent: { ...(change.optOut.length ? { optOut: change.optOut } : {}), ...(change.optIn.length ? { optIn: change.optIn } : {}) },
      },
    );
    await outbox.add(ACCOUNT_EVENTS_V1, event);
    const after = applyAccountEvent(snapshot, event as unknown as AccountEventLike, this.clock.now());
    await this.save(tx, after);
    return { snapshot: after, eventId: event.id };
  }

  private async save(tx: EntityManager, s: AccountSnapshot): Promise<void> {
    await tx.query(
      `INSERT INTO account_snapshot (tenant_id, account_id, external_ref, contact, opted_out, status, state, last_event_id, last_event_type,
         events_applied, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, account_id) DO UPDATE SET contact = EXCLUDED.contact, opted_out = EXCLUDED.opted_out, status = EXCLUDED.status,
         state = EXCLUDED.state, last_event_id = EXCLUDED.last_event_id, last_event_type = EXCLUDED.last_event_type,
         events_applied = EXCLUDED.events_applied, updated_at = EXCLUDED.updated_at`,
      [
        s.tenantId, s.accountId, s.externalRef, s.contact, s.optedOut, s.status, s.state, s.lastEventId, s.lastEventType,
        s.eventsApplied, s.createdAt, s.updatedAt,
      ],
    );
  }
}

function toSnapshot(row: Record<string, unknown>): AccountSnapshot {
  return {
    tenantId: row.tenant_id as string,
    accountId: row.account_id as string,
    externalRef: row.external_ref as string,
    contact: (row.contact as AccountSnapshot['contact']) ?? null,
    optedOut: row.opted_out as ContactChannel[],
    status: row.status as AccountSnapshot['status'],
    state: row.state as AccountSnapshot['state'],
    lastEventId: row.last_event_id as string,
    lastEventType: row.last_event_type as string,
    eventsApplied: row.events_applied as number,
    createdAt: new Date(row.created_at as Date).toISOString(),
    updatedAt: new Date(row.updated_at as Date).toISOString(),
  };
}
