import type { SmsReplyReceivedV1 } from '@settle/contracts';
import { createHash, randomUUID } from 'node:crypto';
import { SettleHarness } from '../../../settle-e2e/src/harness';
import { autoReplyText } from '../domain/auto-replies';
import { SHIPPED_LANGUAGES } from '../domain/sms-templates';
import {
  OUR_NUMBER, inboundSms, outboxEvents, postInbound, problemOf, publishedTo, sendCommands, smsRequested, startSms, waitForOutcome, waitForPublished,
} from '../testing/sms-test-kit';

jest.setTimeout(180_000);

/** How a debtor says STOP in each shipped language. */
const STOP_REPLY: Record<string, string> = {
  en: 'Please stop texting me.', de: 'STOPP', fr: 'Arrêt', es: 'BAJA', it: 'Basta!', nl: 'stoppen', sv: 'Stopp', da: 'AFMELD', pl: 'NIE', pt: 'Parar',
};

describe('sms replies (real broker, database and the SNS sandbox)', () => {
  let h: SettleHarness;
  const tenantId = randomUUID();
  let phoneCounter = 0;
  const nextPhone = () => `+49151000${String(++phoneCounter).padStart(5, '0')}`;

  beforeAll(async () => {
    h = await startSms('smsreply');
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Sends one reminder to a fresh number and waits until SNS has it. */
  async function remind(language: string) {
    const phone = nextPhone();
    const command = smsRequested(tenantId, { to: phone, language });
    await sendCommands(h, command);
    expect(await waitForOutcome(h, command.data.stepId)).toMatchObject({ type: 'sms.sent' });
    await waitForPublished(h, phone, 1);
    return { phone, command };
  }

  async function replyEvents(caseId: string) {
    return (await outboxEvents<SmsReplyReceivedV1>(h, 'sms.reply_received')).filter((e) => e.data.caseId === caseId);
  }

  it('covers every shipped language', () => {
    expect(Object.keys(STOP_REPLY).sort()).toEqual([...SHIPPED_LANGUAGES].sort());
  });

  it.each(Object.entries(STOP_REPLY))('%s: STOP is confirmed once in the language, published, and silences the number', async (language, stopText) => {
    const { phone, command } = await remind(language);
    const inboundId = randomUUID();

    const res = await postInbound(h, inboundSms(phone, stopText, inboundId));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted', intent: 'stop' });

    const [, confirmation] = await waitForPublished(h, phone, 2);
    expect(confirmation.message).toBe(autoReplyText('opt_out_confirmation', language, 'Acme Pay').text);
    expect(confirmation.attributes['AWS.MM.SMS.OriginationNumber']).toBe(OUR_NUMBER);

    const [event] = await replyEvents(command.data.caseId);
    expect(event).toMatchObject({
      tenantId, accountId: command.accountId, caseId: command.data.caseId, producer: 'sms',
      data: { caseId: command.data.caseId, stepId: command.data.stepId, intent: 'stop', text: stopText, language },
    });

    // SNS redelivers the same notification; the debtor sends STOP again: neither is answered.
    expect(await (await postInbound(h, inboundSms(phone, stopText, inboundId))).json()).toEqual({ status: 'duplicate', intent: 'stop' });
    expect(await (await postInbound(h, inboundSms(phone, 'STOP'))).json()).toEqual({ status: 'accepted', intent: 'stop' });

    // The scheduler's gate is the first line; if a command still comes, the sms service refuses it.
    const later = smsRequested(tenantId, { to: phone, language, caseId: command.data.caseId });
    await sendCommands(h, later);
    const outcome = await waitForOutcome(h, later.data.stepId);
    expect(outcome).toMatchObject({ type: 'sms.blocked', data: { outcome: 'block', ruleIds: ['sms.opt_out'] } });
    expect(publishedTo(h, phone)).toHaveLength(2); // the reminder and the one confirmation, nothing after
    expect(await replyEvents(command.data.caseId)).toHaveLength(2); // each distinct reply is an event; the redelivery is not
  });

  it('the opt-out is stored by phone hash and tenant, and the number itself nowhere', async () => {
    const { phone } = await remind('en');
    await postInbound(h, inboundSms(phone, 'STOP'));
    await waitForPublished(h, phone, 2);
    const hash = createHash('sha256').update(phone).digest('hex');
    expect(await h.query('sms', 'SELECT tenant_id FROM sms_opt_out WHERE phone_hash = $1', [hash])).toEqual([{ tenant_id: tenantId }]);
    const digits = phone.slice(1);
    for (const table of ['sms_delivery', 'sms_opt_out', 'sms_reply']) {
      const rows = await h.query<{ row: string }>('sms', `SELECT t::text AS row FROM ${table} t`);
      expect(rows.some((r) => r.row.includes(digits))).toBe(false);
    }
  });

  it('START lifts the opt-out: the next reminder is sent', async () => {
    const { phone } = await remind('de');
    await postInbound(h, inboundSms(phone, 'STOPP'));
    await waitForPublished(h, phone, 2);
    expect(await (await postInbound(h, inboundSms(phone, 'Start'))).json()).toEqual({ status: 'accepted', intent: 'start' });

    const next = smsRequested(tenantId, { to: phone, language: 'de' });
    await sendCommands(h, next);
    expect(await waitForOutcome(h, next.data.stepId)).toMatchObject({ type: 'sms.sent' });
    expect(publishedTo(h, phone)).toHaveLength(3);
  });

  it('HELP gets one help text with the brand and how to opt out, and no opt-out', async () => {
    const { phone, command } = await remind('fr');
    expect(await (await postInbound(h, inboundSms(phone, 'Aide ?'))).json()).toEqual({ status: 'accepted', intent: 'help' });
    const [, help] = await waitForPublished(h, phone, 2);
    expect(help.message).toBe(autoReplyText('help', 'fr', 'Acme Pay').text);
    expect(help.message).toContain('Acme Pay');
    expect(help.message).toContain('STOP');
    expect((await replyEvents(command.data.caseId)).map((e) => e.data.intent)).toEqual(['help']);
    expect(await h.query('sms', 'SELECT 1 FROM sms_opt_out WHERE case_id = $1', [command.data.caseId])).toEqual([]);
  });

  it('"already paid" is published for the scheduler to escalate, with no answer sent', async () => {
    const { phone, command } = await remind('es');
    const res = await postInbound(h, inboundSms(phone, 'Ya pagué ayer, gracias'), { contentType: 'application/json' });
    expect(await res.json()).toEqual({ status: 'accepted', intent: 'already_paid' });
    expect((await replyEvents(command.data.caseId)).map((e) => e.data)).toEqual([
      { caseId: command.data.caseId, stepId: command.data.stepId, intent: 'already_paid', text: 'Ya pagué ayer, gracias', language: 'es' },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(publishedTo(h, phone)).toHaveLength(1);
  });

  it('a reply from a number no SMS went to is acknowledged and dropped', async () => {
    const before = (await outboxEvents(h, 'sms.reply_received')).length;
    const res = await postInbound(h, inboundSms('+4915199999999', 'STOP'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'unknown_number' });
    expect(await outboxEvents(h, 'sms.reply_received')).toHaveLength(before);
  });

  it('refuses a missing or wrong token with 401, accepts it as a header too', async () => {
    const body = inboundSms('+4915199999999', 'STOP');
    expect((await postInbound(h, body, { token: null })).status).toBe(401);
    expect((await postInbound(h, body, { token: 'inbound-token-0123456789abcdeX' })).status).toBe(401);
    expect((await postInbound(h, body, { token: 'short' })).status).toBe(401);
    const viaHeader = await postInbound(h, body, { header: true });
    expect(viaHeader.status).toBe(200);
  });

  it('answers the SNS subscription handshake with 200 and fetches nothing', async () => {
    const res = await postInbound(h, JSON.stringify({ Type: 'SubscriptionConfirmation', TopicArn: 'arn:aws:sns:eu-west-1:1:in', SubscribeURL: 'http://127.0.0.1:9/never-fetched', Token: 't' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'subscription_confirmation_logged' });
  });

  it('refuses what is not an SNS notification with field errors', async () => {
    const res = await postInbound(h, JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ originationNumber: 'nope', messageBody: 'STOP', inboundMessageId: 'x' }) }));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors).toEqual([{ field: 'Message.originationNumber', problem: 'must be an E.164 number' }]);
  });

  it('stores what each SMS cost in integer micro-USD, from the destination country', async () => {
    const { command } = await remind('de');
    const [row] = await h.query<{ country: string; segments: number; cost_micro_usd: string }>(
      'sms', 'SELECT country, segments, cost_micro_usd FROM sms_delivery WHERE step_id = $1', [command.data.stepId],
    );
    expect(row.country).toBe('DE');
    expect(Number(row.cost_micro_usd)).toBe(row.segments * 87_000); // DE:0.0870 USD a segment by default
  });
});
