import { ManualClock } from '@settle/config';
import { EVENTS, VoiceRequestedV1, newEvent } from '@settle/contracts';
import type { EntityManager } from 'typeorm';
import { CallAgentTools } from './agent-tools';
import { CallEvents, Emission } from './call-events';
import type { LiveCall } from './live-calls';

/** Records what the tools would write through the outbox (the real outbox is exercised by the integration test). */
class RecordingEvents extends CallEvents {
  readonly written: Emission[] = [];
  constructor(clock: ManualClock) {
    super(undefined as never, clock);
  }
  override async emit(emissions: Emission[], _into?: unknown, work?: (tx: EntityManager) => Promise<void>): Promise<void> {
    if (work) throw new Error('tools write no rows');
    this.written.push(...emissions);
  }
}

const clock = new ManualClock('2026-03-10T09:00:00Z');
const command: VoiceRequestedV1 = {
  stepId: '0195a3c2-7f20-7c11-9b2e-4d6f8a0b1c23', caseId: '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71', to: '+4915112345678', language: 'de', tone: 'friendly',
  firstName: 'Jonas', brandName: 'Ratenkauf Nord', merchantName: 'Fahrradladen Weber', amountDue: { amountMinor: 10000, currency: 'EUR' }, dueDate: '2026-03-01',
  paymentLink: { code: 'k7Qm2xR9pL4w', url: 'https://pay.settle.dev/k7Qm2xR9pL4w' }, disclosures: ['Hinweis'], jurisdiction: 'DE',
  verification: { kind: 'postcode_digits', expected: '101' },
};
const envelope = newEvent(EVENTS.voiceRequested, { tenantId: '8f14e45f-ceea-4d6e-9c21-3b5a7d2e1f04', accountId: '0195a3c2-a001-7b12-8c23-9d34e5f6a702', caseId: command.caseId, producer: 'scheduler', occurredAt: clock.now() }, command);

function setUp() {
  const call = {
    callId: '0195a3c2-a001-7b12-8c23-9d34e5f6a701', stepId: command.stepId, caseId: command.caseId, tenantId: envelope.tenantId, accountId: envelope.accountId, command,
    cause: { id: envelope.id, correlationId: envelope.correlationId }, actions: [], linkSent: false, linkCodes: [], paymentSeen: false,
  } as unknown as LiveCall;
  const events = new RecordingEvents(clock);
  const tools = new CallAgentTools(call, events, clock, { deskNumber: '+4930120000099' });
  return { call, events, tools };
}

describe('agent tools of a phone call', () => {
  it('send_payment_link texts the call\u2019s own link as an sms.requested with a fresh step id, and reports link_sent', async () => {
    const { call, events, tools } = setUp();
    const result = await tools.invoke({ id: 't1', name: 'send_payment_link', arguments: {} });
    expect(result).toMatchObject({ ok: true, result: { sent: true, amountMinor: 10000, currency: 'EUR', toLastDigits: '678' } });
    const [sms, linkSent, toolCalled] = events.written;
    expect(sms.topic).toBe('sms.commands.v1');
    expect(sms.event).toMatchObject({ type: 'sms.requested', producer: 'voice', causationId: envelope.id, correlationId: envelope.correlationId, caseId: command.caseId });
    expect(sms.event.data).toMatchObject({ to: command.to, paymentLink: command.paymentLink, amountDue: command.amountDue, language: 'de', disclosures: ['Hinweis'] });
    expect((sms.event.data as { stepId: string }).stepId).not.toBe(command.stepId);
    expect(linkSent.event).toMatchObject({ type: 'call.link_sent', data: { smsStepId: (sms.event.data as { stepId: string }).stepId, code: 'k7Qm2xR9pL4w' } });
    expect(toolCalled.event).toMatchObject({ type: 'call.tool_called', data: { tool: 'send_payment_link', ok: true } });
    expect(call.linkSent).toBe(true);
    expect(call.actions).toEqual([expect.objectContaining({ tool: 'send_payment_link', ok: true })]);
  });

  it('send_payment_link for a part of the amount texts a new link for that part on the same pay page; the call listens for its code', async () => {
    const { call, events, tools } = setUp();
    const result = await tools.invoke({ id: 't1', name: 'send_payment_link', arguments: { amountMinor: 4000, currency: 'EUR' } });
    expect(result).toMatchObject({ ok: true, result: { amountMinor: 4000 } });
    const data = events.written[0].event.data as { amountDue: { amountMinor: number }; paymentLink: { code: string; url: string } };
    expect(data.amountDue).toEqual({ amountMinor: 4000, currency: 'EUR' });
    expect(data.paymentLink.code).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(data.paymentLink.code).not.toBe(command.paymentLink.code);
    expect(data.paymentLink.url).toBe(`https://pay.settle.dev/${data.paymentLink.code}`);
    expect(call.linkCodes).toEqual([data.paymentLink.code]);
    expect(await tools.invoke({ id: 't2', name: 'send_payment_link', arguments: { amountMinor: 10001 } })).toMatchObject({ ok: false, error: 'amountMinor must be between 1 and the amount due' });
  });

  it("the link texted mid-call goes out under the tenant's sender identities the command carries", async () => {
    const { call, events, tools } = setUp();
    call.command = { ...command, smsSenderId: 'AcmePay', smsOriginationNumber: '+4915790001234' };
    await tools.invoke({ id: 't1', name: 'send_payment_link', arguments: {} });
    expect(events.written[0].event.data).toMatchObject({ senderId: 'AcmePay', originationNumber: '+4915790001234' });
    const plain = setUp();
    await plain.tools.invoke({ id: 't1', name: 'send_payment_link', arguments: {} });
    expect(plain.events.written[0].event.data).not.toHaveProperty('senderId');
  });

  it('without a negotiation service a plan is not proposed: the engine hands the debtor to a person', async () => {
    const { tools } = setUp();
    const proposed = await tools.invoke({ id: 't1', name: 'propose_plan', arguments: { instalmentCount: 3 } });
    expect(proposed).toMatchObject({ ok: false });
    expect(proposed.error).toMatch(/no negotiation service/);
    expect(await tools.invoke({ id: 't2', name: 'propose_plan', arguments: { restDate: 'soon' } })).toMatchObject({ ok: false, error: 'restDate must be YYYY-MM-DD' });
  });

  it('refuses what the facts do not allow, with the reason, and reports the failed tool call', async () => {
    const { events, tools } = setUp();
    expect(await tools.invoke({ id: 't1', name: 'accept_plan', arguments: {} })).toMatchObject({ ok: false, error: 'no plan was proposed in this call' });
    expect(await tools.invoke({ id: 't2', name: 'record_promise_to_pay', arguments: { date: 'next week' } })).toMatchObject({ ok: false, error: 'date must be YYYY-MM-DD' });
    expect(await tools.invoke({ id: 't3', name: 'record_promise_to_pay', arguments: { date: '2026-03-20', amountMinor: 20000 } })).toMatchObject({ ok: false });
    expect(await tools.invoke({ id: 't4', name: 'propose_plan', arguments: { instalments: 1 } })).toMatchObject({ ok: false });
    expect(events.written.map((e) => (e.event.data as { ok: boolean }).ok)).toEqual([false, false, false, false]);
  });

  it('states the account from the command, and zero once the payment was seen', async () => {
    const { call, tools } = setUp();
    expect((await tools.invoke({ id: 't1', name: 'get_account_status', arguments: {} })).result).toMatchObject({ amountDueMinor: 10000, merchantName: 'Fahrradladen Weber', paid: false });
    call.paymentSeen = true;
    expect((await tools.invoke({ id: 't2', name: 'get_account_status', arguments: {} })).result).toMatchObject({ amountDueMinor: 0, paid: true });
  });

  it('records a promise to pay within the amount due', async () => {
    const { tools } = setUp();
    expect((await tools.invoke({ id: 't1', name: 'record_promise_to_pay', arguments: { date: '2026-03-20', amountMinor: 5000 } })).result).toEqual({ promised: true, date: '2026-03-20', amountMinor: 5000, currency: 'EUR' });
  });
});
