import 'reflect-metadata';
import { ManualClock } from '@settle/config';
import { LenderEvent } from '@settle/contracts';
import { RetryPolicy } from '@settle/messaging';
import { SnsSandbox } from '@settle/sandbox';
import { RunningService, startService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, freePort, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ANALYTICS_SERVICE, AnalyticsModule } from '../../analytics/src/analytics.module';
import { AUDIT_SERVICE, AuditModule } from '../../audit/src/audit.module';
import { EMAIL_SERVICE, EmailModule } from '../../email/src/email.module';
import { INGEST_SERVICE, IngestModule } from '../../ingest/src/ingest.module';
import { signPayload } from '../../ingest/src/webhooks/webhook-signature';
import { SCHEDULER_SERVICE, SchedulerModule } from '../../scheduler/src/scheduler.module';
import { SMS_SERVICE, SmsModule } from '../../sms/src/sms.module';
import { NEGOTIATION_SERVICE, NegotiationModule } from '../../negotiation/src/negotiation.module';
import { VOICE_SERVICE, VoiceModule } from '../../voice/src/voice.module';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Fast back-off so retry paths finish within a test. */
export const TEST_RETRY_POLICY: RetryPolicy = { inProcessBackoffMs: [20, 40], retryTopicDelaysMs: [200] };

export const SERVICES = {
  ingest: [INGEST_SERVICE, IngestModule],
  scheduler: [SCHEDULER_SERVICE, SchedulerModule],
  sms: [SMS_SERVICE, SmsModule],
  voice: [VOICE_SERVICE, VoiceModule],
  email: [EMAIL_SERVICE, EmailModule],
  audit: [AUDIT_SERVICE, AuditModule],
  analytics: [ANALYTICS_SERVICE, AnalyticsModule],
  negotiation: [NEGOTIATION_SERVICE, NegotiationModule],
} as const;

export type ServiceKey = keyof typeof SERVICES;

/**
 * The Settle system in one test process, over the real broker and a fresh PostgreSQL database,
 * with one manual clock shared by every service.
 */
export class SettleHarness {
  readonly running = new Map<ServiceKey, RunningService>();

  private constructor(
    readonly db: TestDatabase,
    readonly kafka: TestKafka,
    readonly sns: SnsSandbox,
    readonly clock: ManualClock,
  ) {}

  static async create(label: string, start: Date | string = '2026-03-02T10:00:00Z'): Promise<SettleHarness> {
    const [db, kafka, sns] = await Promise.all([createTestDatabase(label), createTestKafka(label), SnsSandbox.start()]);
    return new SettleHarness(db, kafka, sns, new ManualClock(start));
  }

  env(): Record<string, string> {
    return {
      DATABASE_URL: this.db.url,
      KAFKA_BROKERS: this.kafka.brokers,
      KAFKA_TOPIC_PREFIX: this.kafka.prefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      POLL_INTERVAL_MS: '100',
      ADMIN_TOKEN: ADMIN_TOKEN,
      SNS_ENDPOINT: this.sns.endpoint,
      SNS_MAX_ATTEMPTS: '1',
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      // A suite that sends email starts an SMTP peer and sets TEST_SMTP_URL (see apps/email/src/testing/smtp-peer.ts).
      SMTP_URL: process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:2525',
      EMAIL_FROM: 'Acme Pay <reminders@acme.example>',
      EMAIL_SIGNING_SECRET: 'test-email-signing-secret-0123456789abcdef',
      SMTP_TIMEOUT_MS: '2000',
      // A suite that negotiates starts a LenderSandbox and sets TEST_LENDER_PLATFORM_URL.
      LENDER_PLATFORM_URL: process.env.TEST_LENDER_PLATFORM_URL ?? 'http://127.0.0.1:4010',
      LENDER_PLATFORM_TOKEN: 'sandbox-lender-token',
      LENDER_PLATFORM_TIMEOUT_MS: '1000',
      // Ingest's public case API calls the scheduler: start the scheduler first to give ingest its address.
      ...(this.running.has('scheduler') ? { SCHEDULER_URL: this.url('scheduler') } : {}),
      // Voice (plans agreed on the phone) and ingest (the plans page) call the negotiation service: start it first.
      ...(this.running.has('negotiation') ? { NEGOTIATION_URL: this.url('negotiation') } : {}),
    };
  }

  async start(...keys: ServiceKey[]): Promise<void> {
    // The SDK reads credentials from the environment, not from our config.
    process.env.AWS_ACCESS_KEY_ID ??= 'sandbox';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'sandbox';
    for (const key of keys) {
      const [definition, feature] = SERVICES[key];
      this.running.set(key, await startService(definition as never, feature, { port: 0, env: this.env(), clock: this.clock, retryPolicy: TEST_RETRY_POLICY }));
    }
  }

  /** The voice service against a Telnyx sandbox, on a port chosen first: Telnyx posts its webhooks there. */
  async startVoice(telnyx: { apiUrl: string; apiKey: string; publicKey: string }, connectionId = 'conn-e2e'): Promise<RunningService> {
    const port = await freePort();
    const voice = await startService(VOICE_SERVICE, VoiceModule, {
      port,
      clock: this.clock,
      retryPolicy: TEST_RETRY_POLICY,
      env: {
        ...this.env(),
        TELNYX_API_URL: telnyx.apiUrl,
        TELNYX_API_KEY: telnyx.apiKey,
        TELNYX_CONNECTION_ID: connectionId,
        TELNYX_PUBLIC_KEY: telnyx.publicKey,
        VOICE_WEBHOOK_BASE_URL: `http://127.0.0.1:${port}`,
        VOICE_DRAIN_SECONDS: '0', // a suite's last call is not waited for at its end
      },
    });
    this.running.set('voice', voice);
    return voice;
  }

  async stop(...keys: ServiceKey[]): Promise<void> {
    for (const key of keys.length ? keys : [...this.running.keys()]) {
      await this.running.get(key)?.stop();
      this.running.delete(key);
    }
  }

  url(key: ServiceKey): string {
    const service = this.running.get(key);
    if (!service) throw new Error(`${key} is not running`);
    return service.url;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.sns.stop();
    await this.db.drop();
    await this.kafka.cleanup();
  }

  /** Runs SQL against one service's schema of the test database. */
  async query<T = Record<string, unknown>>(schema: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.db.url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * Creates a tenant through ingest's admin API: a display name, or a whole profile (smsSenderId,
   * emailFrom, callbackPhone…). With the scheduler running, waits until its copy of the profile
   * (tenant.events.v1) has arrived, so the tenant's first contact already carries its brand.
   */
  async createTenant(profile: string | ({ displayName: string } & Record<string, unknown>) = 'Acme Pay'): Promise<{ tenantId: string; webhookSecret: string }> {
    const res = await fetch(`${this.url('ingest')}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(typeof profile === 'string' ? { displayName: profile } : profile),
    });
    if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
    const tenant = (await res.json()) as { tenantId: string; webhookSecret: string };
    if (this.running.has('scheduler')) await this.schedulerHasProfile(tenant.tenantId, 1);
    return tenant;
  }

  /** Waits until the scheduler holds at least `version` of the tenant's profile. */
  async schedulerHasProfile(tenantId: string, version: number): Promise<void> {
    await waitFor(`the scheduler to hold version ${version} of tenant ${tenantId}'s profile`, async () => {
      const [row] = await this.query<{ version: string }>('scheduler', `SELECT version FROM tenant_profile WHERE tenant_id = $1`, [tenantId]);
      return row && Number(row.version) >= version ? true : undefined;
    });
  }

  /** POSTs a lender event as a signed webhook, signed at the harness clock's time. */
  async sendWebhook(
    tenant: { tenantId: string; webhookSecret: string },
    body: unknown,
    options: { idempotencyKey?: string; signedAt?: Date; secret?: string; raw?: string; contentType?: string } = {},
  ): Promise<Response> {
    const raw = options.raw ?? JSON.stringify(body);
    const ts = Math.floor((options.signedAt ?? this.clock.now()).getTime() / 1000);
    return fetch(`${this.url('ingest')}/v1/webhooks/lender-events`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'settle-tenant-id': tenant.tenantId,
        'settle-signature': signPayload(options.secret ?? tenant.webhookSecret, ts, raw),
        'idempotency-key': options.idempotencyKey ?? randomUUID(),
      },
      body: raw,
    });
  }
}

let counter = 0;

export function instalmentMissed(overrides: { ref?: string; phone?: string; timeZone?: string; country?: string; amountMinor?: number; language?: string; firstName?: string } = {}): LenderEvent {
  counter += 1;
  return {
    eventId: `evt-missed-${Date.now()}-${counter}`,
    type: 'instalment.missed',
    occurredAt: '2026-03-02T09:00:00Z',
    account: {
      externalRef: overrides.ref ?? `acc-${counter}`,
      contact: {
        phone: overrides.phone ?? '+4915112345678',
        firstName: overrides.firstName ?? 'Anna',
        language: overrides.language ?? 'de',
        timeZone: overrides.timeZone ?? 'Europe/Berlin',
        country: overrides.country ?? 'DE',
      },
    },
    instalment: {
      orderRef: 'ORD-1001',
      merchantName: 'Nordic Bikes',
      instalmentNumber: 2,
      instalmentsTotal: 4,
      amountDue: { amountMinor: overrides.amountMinor ?? 4250, currency: 'EUR' },
      dueDate: '2026-03-01',
      daysPastDue: 1,
    },
  } as LenderEvent;
}

export function paymentReceived(ref: string, amountMinor = 4250, settlesBalance = true): LenderEvent {
  counter += 1;
  return {
    eventId: `evt-paid-${Date.now()}-${counter}`,
    type: 'payment.received',
    occurredAt: '2026-03-02T12:00:00Z',
    account: { externalRef: ref },
    payment: { amount: { amountMinor, currency: 'EUR' }, paidAt: '2026-03-02T12:00:00Z', settlesBalance },
  } as LenderEvent;
}
