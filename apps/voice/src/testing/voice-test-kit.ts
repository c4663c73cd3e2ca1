import { EVENTS, EventEnvelope, VoiceRequestedV1, newEvent, recordKey } from '@settle/contracts';
import type { TelnyxSandbox } from '@settle/sandbox';
import { RunningService, startService } from '@settle/service-kit';
import type { TestDatabase, TestKafka } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { VOICE_SERVICE, VoiceModule } from '../voice.module';

/** Integration-test helpers for the voice service on its own: started over a test database and topics, commands in. */
export const VOICE_ADMIN_TOKEN = 'voice-test-admin-token-0123456789';

export interface VoiceTestDeps {
  db: TestDatabase;
  kafka: TestKafka;
  /** Phone calls through this sandbox; without it calls are off (the talk page still works). */
  telnyx?: TelnyxSandbox;
}

/** One voice replica on `port` (0: any); `env` adds or overrides settings. */
export function startVoice(deps: VoiceTestDeps, port: number, env: Record<string, string> = {}): Promise<RunningService> {
  const { db, kafka, telnyx } = deps;
  return startService(VOICE_SERVICE, VoiceModule, {
    port,
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_TOPIC_PREFIX: kafka.prefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      POLL_INTERVAL_MS: '100',
      ADMIN_TOKEN: VOICE_ADMIN_TOKEN,
      ...(telnyx ? { TELNYX_API_URL: telnyx.apiUrl, TELNYX_API_KEY: telnyx.apiKey, TELNYX_CONNECTION_ID: '1494404757140276705', TELNYX_PUBLIC_KEY: telnyx.publicKey } : {}),
      VOICE_WEBHOOK_BASE_URL: `http://127.0.0.1:${port || 9}`,
      VOICE_FROM_NUMBER: '+4930120000000',
      VOICE_DESK_NUMBER: '+4930120000099',
      // A test that stops a replica mid-call means a replica that is gone; the drain test sets its own.
      VOICE_DRAIN_SECONDS: '0',
      ...env,
    },
    retryPolicy: { inProcessBackoffMs: [20, 40], retryTopicDelaysMs: [200] },
  });
}

let n = 0;

/** A voice.requested command for a new case of `tenantId`: a German number, an English-speaking debtor who verifies with postcode digits 101. */
export function voiceRequested(tenantId: string, overrides: Partial<VoiceRequestedV1> = {}, stepId = randomUUID()): EventEnvelope<VoiceRequestedV1> {
  n += 1;
  const caseId = randomUUID();
  const code = `VoiceLink${String(n).padStart(4, '0')}`;
  return newEvent(EVENTS.voiceRequested, { tenantId, accountId: randomUUID(), caseId, producer: 'scheduler', occurredAt: new Date() }, {
    stepId,
    caseId,
    to: `+4915700000${String(n).padStart(3, '0')}`,
    language: 'en',
    tone: 'friendly',
    firstName: 'Anna',
    fullName: 'Anna Weber',
    brandName: 'Acme Pay',
    merchantName: 'Nordic Bikes',
    amountDue: { amountMinor: 4250, currency: 'EUR' },
    dueDate: '2026-03-01',
    orderRef: 'ORD-1001',
    paymentLink: { code, url: `https://pay.example/p/${code}` },
    disclosures: [],
    jurisdiction: 'DE',
    verification: { kind: 'postcode_digits', expected: '101' },
    ...overrides,
  });
}

export async function publish(kafka: TestKafka, topic: string, ...events: EventEnvelope[]): Promise<void> {
  const producer = kafka.kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: kafka.topics.physical(topic), messages: events.map((e) => ({ key: recordKey(e), value: JSON.stringify(e) })) });
  } finally {
    await producer.disconnect();
  }
}

