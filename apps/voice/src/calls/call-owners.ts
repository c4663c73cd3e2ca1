import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@settle/contracts';
import { ServiceMetrics } from '@settle/observability';
import { LOGGER, ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { TELNYX_SIGNATURE_HEADER, TELNYX_TIMESTAMP_HEADER } from '../telephony/telnyx-signature';
import { VoiceCallsConfig } from './calls.config';

/** Set on a webhook one replica passes to another: the receiver handles it and never passes it on. */
export const FORWARDED_BY_HEADER = 'settle-forwarded-by';
export const ACCOUNT_SIGNALS_PATH = '/internal/v1/voice/account-signals';

const FORWARD_TIMEOUT_MS = 2_000;
const OVER = `status NOT IN ('ended', 'failed', 'unknown', 'released')`;

/** A webhook as Telnyx signed it, so the owner verifies it itself. */
export interface SignedWebhook {
  rawBody: Buffer;
  signature?: string;
  timestamp?: string;
}

/**
 * Which replica holds a call's conversation (voice_call.owner_url, VOICE_REPLICA_URL at dial
 * time), and passing it what reached another replica: Telnyx webhooks unchanged (the owner checks
 * the signature), link and payment events to the owner's internal endpoint.
 */
@Injectable()
export class CallOwners {
  private readonly self?: string;
  private readonly passed;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: VoiceCallsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.self = config.VOICE_REPLICA_URL?.replace(/\/$/, '');
    this.passed = metrics.counter('settle_voice_passed_on_total', 'Webhooks and call signals passed to the replica holding the call', ['what', 'result']);
  }

  /** What voice_call.owner_url records for a call this replica dials. */
  get ownUrl(): string | null {
    return this.self ?? null;
  }

  /**
   * Passes a webhook for a call another replica holds. False when no other replica holds it, or the
   * owner is gone (connection refused): the caller ends the call. An owner that answers an error or
   * not in time throws, so Telnyx delivers the webhook again.
   */
  async passWebhook(callId: string, hook: SignedWebhook): Promise<boolean> {
    if (!this.self) return false; // a replica without VOICE_REPLICA_URL runs alone
    const [row] = await this.dataSource.query(`SELECT owner_url FROM voice_call WHERE id = $1 AND ${OVER}`, [callId]);
    const owner = this.other(row?.owner_url);
    if (!owner) return false;
    const headers: Record<string, string> = { 'content-type': 'application/json', [FORWARDED_BY_HEADER]: this.self ?? 'unknown' };
    if (hook.signature) headers[TELNYX_SIGNATURE_HEADER] = hook.signature;
    if (hook.timestamp) headers[TELNYX_TIMESTAMP_HEADER] = hook.timestamp;
    const res = await this.post(`${owner}/v1/telnyx/webhooks`, hook.rawBody, headers, callId).catch((error: unknown) => {
      this.passed.inc({ what: 'webhook', result: 'failed' });
      throw error;
    });
    this.passed.inc({ what: 'webhook', result: res === 'gone' ? 'owner_gone' : res.ok ? 'passed' : 'failed' });
    if (res === 'gone') return false;
    if (!res.ok) throw new ProblemException(502, 'owner-replica-failed', `The replica holding this call answered ${res.status}.`);
    return true;
  }

  /**
   * Passes a link or payment event for an account whose live call another replica holds. A signal
   * that cannot be passed is dropped with a warning: it only adds to a call; the click or payment
   * itself is recorded by the services that own it.
   */
  async passAccountSignal(event: EventEnvelope): Promise<boolean> {
    if (!this.self) return false;
    const [row] = await this.dataSource.query(
      `SELECT id, owner_url FROM voice_call WHERE tenant_id = $1 AND account_id = $2 AND ${OVER} AND owner_url IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
      [event.tenantId, event.accountId],
    );
    const owner = this.other(row?.owner_url);
    if (!owner) return false;
    const headers = { 'content-type': 'application/json', ...(this.config.ADMIN_TOKEN ? { authorization: `Bearer ${this.config.ADMIN_TOKEN}` } : {}) };
    try {
      const res = await this.post(`${owner}${ACCOUNT_SIGNALS_PATH}`, Buffer.from(JSON.stringify(event)), headers, row.id);
      this.passed.inc({ what: 'signal', result: res === 'gone' ? 'owner_gone' : res.ok ? 'passed' : 'failed' });
      if (res !== 'gone' && res.ok) return true;
      this.logger.warn({ callId: row.id, eventId: event.id, status: res === 'gone' ? 'unreachable' : res.status }, 'call signal not passed to its replica');
    } catch (error) {
      this.passed.inc({ what: 'signal', result: 'failed' });
      this.logger.warn({ callId: row.id, eventId: event.id, err: (error as Error).message }, 'call signal not passed to its replica');
    }
    return false;
  }

  private other(owner: string | null | undefined): string | undefined {
    return owner && owner !== this.self ? owner : undefined;
  }

  /** 'gone' when nothing listens at the owner's address (the replica is down). */
  private async post(url: string, body: Buffer, headers: Record<string, string>, callId: string): Promise<Response | 'gone'> {
    try {
      return await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') {
        this.logger.warn({ callId, code }, "the replica holding this call is gone");
        return 'gone';
      }
      throw new ProblemException(502, 'owner-replica-failed', 'The replica holding this call did not answer in time.');
    }
  }
}
