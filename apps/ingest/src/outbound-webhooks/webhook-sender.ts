import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ServiceMetrics } from '@settle/observability';
import { BackgroundLoops, LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { IngestConfig } from '../ingest.config';
import { signPayload } from '../webhooks/webhook-signature';
import { RetrySchedule, isDelivered, nextRetry } from './domain/retry-schedule';

/** Headers of every outbound webhook (see README "Outbound webhooks"). */
export const OUTBOUND_HEADERS = {
  signature: 'Settle-Signature',
  eventId: 'Settle-Event-Id',
  eventType: 'Settle-Event-Type',
  deliveryId: 'Settle-Delivery-Id',
  attempt: 'Settle-Delivery-Attempt',
  tenantId: 'Settle-Tenant-Id',
} as const;

interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  give_up_at: Date;
  url: string;
  signing_secret: string;
}

interface AttemptResult {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** How long past its timeout a claimed delivery stays with its sender before another may take it. */
const CLAIM_GRACE_MS = 60_000;

/**
 * Sends queued webhooks. Each pass claims due deliveries with FOR UPDATE SKIP LOCKED (any number of
 * ingest replicas share the work), leases them, and commits before any HTTP call, so no transaction
 * or row lock is held while a tenant's server is slow. The result is written under the claim token:
 * a replay in the meantime wins.
 */
@Injectable()
export class WebhookSender implements OnModuleInit {
  private readonly schedule: RetrySchedule;
  private readonly attemptsTotal;
  private readonly latency;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loops: BackgroundLoops,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.schedule = {
      baseDelayMs: config.OUTBOUND_WEBHOOK_BACKOFF_BASE_MS,
      maxDelayMs: config.OUTBOUND_WEBHOOK_BACKOFF_MAX_MS,
      maxAgeMs: config.OUTBOUND_WEBHOOK_MAX_AGE_HOURS * 3_600_000,
    };
    this.attemptsTotal = metrics.counter('settle_outbound_webhook_attempts_total', 'Outbound webhook delivery attempts, by outcome', ['outcome']);
    this.latency = metrics.histogram('settle_outbound_webhook_seconds', 'Outbound webhook request latency', [], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);
  }

  onModuleInit(): void {
    this.loops.every('outbound-webhooks', this.config.POLL_INTERVAL_MS, async () => {
      while ((await this.sendDue()) >= this.config.OUTBOUND_WEBHOOK_BATCH_SIZE) {
        // a full batch: more may be due
      }
    });
  }

  /** One pass: claims due deliveries, sends them concurrently, records each result. Returns how many were claimed. */
  async sendDue(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map(async ({ delivery, token }) => this.record(delivery, token, await this.send(delivery))));
    return claimed.length;
  }

  private async claim(): Promise<{ delivery: ClaimedDelivery; token: string }[]> {
    const now = this.clock.now();
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + this.config.OUTBOUND_WEBHOOK_TIMEOUT_MS + CLAIM_GRACE_MS);
    const rows: ClaimedDelivery[] = await this.dataSource.transaction(async (tx) => {
      const due: { id: string }[] = await tx.query(
        `SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.tenant_id = d.tenant_id AND e.enabled
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1
         ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
        [now, this.config.OUTBOUND_WEBHOOK_BATCH_SIZE],
      );
      if (due.length === 0) return [];
      const [updated] = await tx.query(
        `UPDATE webhook_delivery d SET attempts = d.attempts + 1, claim_token = $2, next_attempt_at = $3
         FROM webhook_endpoint e WHERE d.id = ANY($1) AND e.tenant_id = d.tenant_id
         RETURNING d.id, d.tenant_id, d.event_id, d.event_type, d.body, d.attempts, d.give_up_at, e.url, e.signing_secret`,
        [due.map((r) => r.id), token, leaseUntil],
      );
      return updated;
    });
    return rows.map((delivery) => ({ delivery, token }));
  }

  private async send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const startedAt = this.clock.now();
    const started = performance.now();
    const signature = signPayload(delivery.signing_secret, Math.floor(startedAt.getTime() / 1000), delivery.body);
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.OUTBOUND_WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Settle-Webhooks/1',
          [OUTBOUND_HEADERS.signature]: signature,
          [OUTBOUND_HEADERS.eventId]: delivery.event_id,
          [OUTBOUND_HEADERS.eventType]: delivery.event_type,
          [OUTBOUND_HEADERS.deliveryId]: delivery.id,
          [OUTBOUND_HEADERS.attempt]: String(delivery.attempts),
          [OUTBOUND_HEADERS.tenantId]: delivery.tenant_id,
        },
        body: delivery.body,
      });
      // The answer's body is never read or kept: only its status matters.
      await res.body?.cancel().catch(() => undefined);
      return { startedAt, durationMs: Math.round(performance.now() - started), statusCode: res.status, error: isDelivered(res.status) ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { startedAt, durationMs: Math.round(performance.now() - started), statusCode: null, error: this.describe(err) };
    }
  }

  private describe(err: unknown): string {
    const e = err as { name?: string; cause?: { code?: string } };
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timed out after ${this.config.OUTBOUND_WEBHOOK_TIMEOUT_MS} ms`;
    if (e?.cause?.code) return `connection failed: ${e.cause.code}`;
    return `request failed: ${e?.name ?? 'error'}`;
  }

  private async record(delivery: ClaimedDelivery, token: string, result: AttemptResult): Promise<void> {
    const now = this.clock.now();
    const delivered = isDelivered(result.statusCode);
    this.latency.observe(result.durationMs / 1000);
    await this.dataSource.transaction(async (tx) => {
      const [current] = await tx.query(`SELECT claim_token FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [delivery.id]);
      let outcome: 'delivered' | 'retry_scheduled' | 'failed' | 'superseded';
      let nextAttemptAt: Date | null = null;
      if (current?.claim_token !== token) {
        outcome = 'superseded';
      } else if (delivered) {
        outcome = 'delivered';
        await tx.query(
          `UPDATE webhook_delivery SET status = 'delivered', delivered_at = $2, next_attempt_at = NULL, claim_token = NULL,
             last_status_code = $3, last_error = NULL, last_attempt_at = $4 WHERE id = $1`,
          [delivery.id, now, result.statusCode, result.startedAt],
        );
      } else {
        const decision = nextRetry(delivery.attempts, now, delivery.give_up_at, this.schedule, Math.random());
        outcome = decision.retry ? 'retry_scheduled' : 'failed';
        nextAttemptAt = decision.retry ? decision.at : null;
        await tx.query(
          `UPDATE webhook_delivery SET status = $2, next_attempt_at = $3, failed_at = $4, claim_token = NULL,
             last_status_code = $5, last_error = $6, last_attempt_at = $7 WHERE id = $1`,
          [delivery.id, decision.retry ? 'pending' : 'failed', nextAttemptAt, decision.retry ? null : now, result.statusCode, result.error, result.startedAt],
        );
      }
      await tx.query(
        `INSERT INTO webhook_delivery_attempt (delivery_id, attempt, tenant_id, started_at, duration_ms, status_code, error, outcome, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [delivery.id, delivery.attempts, delivery.tenant_id, result.startedAt, result.durationMs, result.statusCode, result.error, outcome, nextAttemptAt],
      );
      this.attemptsTotal.inc({ outcome });
      const log = { tenantId: delivery.tenant_id, deliveryId: delivery.id, eventType: delivery.event_type, attempt: delivery.attempts, statusCode: result.statusCode, outcome };
      if (outcome === 'failed') this.logger.warn({ ...log, error: result.error }, 'outbound webhook failed for good');
      else if (outcome === 'retry_scheduled') this.logger.info({ ...log, error: result.error, nextAttemptAt }, 'outbound webhook failed; retry scheduled');
    });
  }
}
