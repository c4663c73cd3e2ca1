import { EVENTS, EventEnvelope, SMS_COMMANDS_V1, SmsRequestedV1, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';

/** Integration-test helpers for the sms service over the harness: commands in, SMS and events out. */
export const INBOUND_TOKEN = 'inbound-token-0123456789abcdef';
export const OUR_NUMBER = '+15550100123';

export async function startSms(label: string): Promise<SettleHarness> {
  process.env.SMS_INBOUND_TOKEN = INBOUND_TOKEN; // the harness passes the rest of the environment through
  const h = await SettleHarness.create(label);
  await h.start('sms');
  return h;
}

export function smsRequested(tenantId: string, over: Partial<SmsRequestedV1> = {}): EventEnvelope<SmsRequestedV1> {
  const caseId = over.caseId ?? randomUUID();
  return newEvent(
    EVENTS.smsRequested,
    { tenantId, accountId: randomUUID(), caseId, producer: 'scheduler', occurredAt: new Date() },
    {
      stepId: randomUUID(), caseId, to: '+4915112345678', language: 'en', tone: 'friendly', firstName: 'Lena', brandName: 'Acme Pay', merchantName: 'Nordic Bikes',
      amountDue: { amountMinor: 8950, currency: 'EUR' }, dueDate: '2026-03-02', paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.example/p/AbCdEfGh1234' },
      disclosures: [], ...over,
    },
  );
}

export async function sendCommands(h: SettleHarness, ...commands: EventEnvelope[]): Promise<void> {
  const producer = h.kafka.kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: h.kafka.topics.physical(SMS_COMMANDS_V1), messages: commands.map((c) => ({ key: recordKey(c), value: JSON.stringify(c) })) });
  } finally {
    await producer.disconnect();
  }
}

export function publishedTo(h: SettleHarness, phone: string) {
  return h.sns.published().filter((p) => p.phoneNumber === phone);
}

export async function waitForPublished(h: SettleHarness, phone: string, count: number) {
  return waitFor(`${count} SMS to ${phone}`, () => publishedTo(h, phone).length >= count && publishedTo(h, phone), 60_000, 50);
}

/** The sms service's outbox events, optionally of one type. */
export async function outboxEvents<T extends object = Record<string, unknown>>(h: SettleHarness, type?: string): Promise<EventEnvelope<T>[]> {
  const rows = await h.query<{ payload: EventEnvelope<T> }>('sms', `SELECT payload FROM outbox WHERE ($1::text IS NULL OR payload->>'type' = $1) ORDER BY seq`, [type ?? null]);
  return rows.map((r) => r.payload);
}

export async function waitForOutcome(h: SettleHarness, stepId: string): Promise<EventEnvelope<{ code?: string }>> {
  return waitFor(`the outcome of step ${stepId}`, async () => (await outboxEvents<{ stepId: string; code?: string }>(h)).find((e) => e.data.stepId === stepId && e.type !== 'sms.reply_received'), 60_000, 50);
}

/** What SNS posts for one inbound SMS: a Notification whose Message is the JSON of the SMS, as text/plain. */
export function inboundSms(from: string, text: string, inboundMessageId: string = randomUUID()): string {
  return JSON.stringify({
    Type: 'Notification', MessageId: randomUUID(), TopicArn: 'arn:aws:sns:eu-west-1:123456789012:settle-inbound', Timestamp: new Date().toISOString(),
    Message: JSON.stringify({ originationNumber: from, destinationNumber: OUR_NUMBER, messageKeyword: 'KEYWORD_123456789012', messageBody: text, inboundMessageId }),
  });
}

export async function postInbound(h: SettleHarness, body: string, options: { token?: string | null; contentType?: string; header?: boolean } = {}): Promise<Response> {
  const token = options.token === undefined ? INBOUND_TOKEN : options.token;
  const url = new URL(`${h.url('sms')}/v1/sms/inbound`);
  if (token !== null && !options.header) url.searchParams.set('token', token);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification', ...(token !== null && options.header ? { token } : {}) },
    body,
  });
}

export interface Problem {
  type: string;
  status: number;
  errors: { field: string; problem: string }[];
  [extension: string]: unknown;
}

/** The problem+json body of a refused request. */
export async function problemOf(res: Response): Promise<Problem> {
  return (await res.json()) as Problem;
}

export function admin(h: SettleHarness, method: string, path: string, body?: unknown, token: string = ADMIN_TOKEN): Promise<Response> {
  return fetch(`${h.url('sms')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
