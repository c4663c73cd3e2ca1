import { Injectable } from '@nestjs/common';
import { UUID_PATTERN } from '@settle/contracts';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager } from 'typeorm';
import { OutboundEvent } from './domain/outbound-events';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttemptView {
  attempt: number;
  startedAt: string;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry_scheduled' | 'failed' | 'superseded';
  nextAttemptAt: string | null;
}

export interface DeliveryView {
  deliveryId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  giveUpAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  failedAt: string | null;
  attemptLog: DeliveryAttemptView[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Deliveries and their attempts, always scoped to one tenant. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues one webhook inside the consumer's transaction; the same event id twice is one delivery. */
  async enqueue(tx: EntityManager, event: OutboundEvent, sourceEventId: string, now: Date, maxAgeMs: number): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO webhook_delivery (id, tenant_id, event_id, event_type, source_event_id, body, status, next_attempt_at, give_up_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $7)
       ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING id`,
      [uuidv7(), event.tenantId, event.id, event.type, sourceEventId, JSON.stringify(event), now, new Date(now.getTime() + maxAgeMs)],
    );
    return inserted.length > 0;
  }

  /** Newest first, cursor-paginated; each with its attempts. */
  async list(
    tenantId: string,
    filter: { status?: DeliveryStatus; eventType?: string; limit: number; cursor?: { createdAt: Date; id: string } },
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const params: unknown[] = [tenantId, filter.limit + 1];
    const where = ['tenant_id = $1'];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.eventType) where.push(`event_type = $${params.push(filter.eventType)}`);
    if (filter.cursor) where.push(`(created_at, id) < ($${params.push(filter.cursor.createdAt)}, $${params.push(filter.cursor.id)})`);
    return this.snapshot(async (tx) => {
      const rows = await tx.query(`SELECT * FROM webhook_delivery WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`, params);
      const page = rows.slice(0, filter.limit);
      const items = await this.withAttempts(tx, tenantId, page);
      const last = page[page.length - 1];
      const nextCursor = rows.length > filter.limit && last ? encodeCursor(last.created_at, last.id) : null;
      return { items, nextCursor };
    });
  }

  async get(tenantId: string, deliveryId: string): Promise<DeliveryView | undefined> {
    return this.snapshot(async (tx) => {
      const rows = await tx.query(`SELECT * FROM webhook_delivery WHERE tenant_id = $1 AND id = $2`, [tenantId, deliveryId]);
      return (await this.withAttempts(tx, tenantId, rows))[0];
    });
  }

  /** Deliveries and their attempts read in one snapshot, so a view never pairs a delivery with attempts from after (or before) it. */
  private snapshot<T>(read: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  /**
   * Sends one delivery again, whatever its status, with the same event id: back to pending, due now,
   * and retried for another max age. A copy in flight finishes but no longer changes the row.
   */
  async replayOne(tenantId: string, deliveryId: string, now: Date, maxAgeMs: number): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = $3, give_up_at = $4, claim_token = NULL, failed_at = NULL
       WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, deliveryId, now, new Date(now.getTime() + maxAgeMs)],
    );
    return rows.length > 0;
  }

  /** Every failed delivery of an event queued at or after `since`, sent again. Returns their ids. */
  async replayFailedSince(tenantId: string, since: Date, now: Date, maxAgeMs: number): Promise<string[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = $3, give_up_at = $4, claim_token = NULL, failed_at = NULL
       WHERE tenant_id = $1 AND status = 'failed' AND created_at >= $2 RETURNING id`,
      [tenantId, since, now, new Date(now.getTime() + maxAgeMs)],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  private async withAttempts(tx: EntityManager, tenantId: string, rows: Record<string, never>[]): Promise<DeliveryView[]> {
    if (rows.length === 0) return [];
    const attempts = await tx.query(
      `SELECT * FROM webhook_delivery_attempt WHERE tenant_id = $1 AND delivery_id = ANY($2) ORDER BY delivery_id, attempt`,
      [tenantId, rows.map((r) => r.id)],
    );
    const byDelivery = new Map<string, DeliveryAttemptView[]>();
    for (const a of attempts) {
      byDelivery.set(a.delivery_id, [
        ...(byDelivery.get(a.delivery_id) ?? []),
        { attempt: a.attempt, startedAt: a.started_at.toISOString(), latencyMs: a.duration_ms, statusCode: a.status_code, error: a.error, outcome: a.outcome, nextAttemptAt: iso(a.next_attempt_at) },
      ]);
    }
    return rows.map((r: Record<string, never>) => ({
      deliveryId: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
      giveUpAt: (r.give_up_at as Date).toISOString(),
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      lastAttemptAt: iso(r.last_attempt_at),
      createdAt: (r.created_at as Date).toISOString(),
      deliveredAt: iso(r.delivered_at),
      failedAt: iso(r.failed_at),
      attemptLog: byDelivery.get(r.id) ?? [],
    }));
  }
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && UUID_PATTERN.test(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : undefined;
}
