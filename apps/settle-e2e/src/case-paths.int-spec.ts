import { LenderEvent, accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(180_000);

const DAY = 24 * 3600 * 1000;
let n = 0;
const lender = (type: string, ref: string, body: Record<string, unknown>): LenderEvent =>
  ({ eventId: `evt-${type}-${Date.now()}-${++n}`, type, occurredAt: '2026-03-02T10:00:00Z', account: { externalRef: ref }, ...body }) as unknown as LenderEvent;

describe('a payment, a dispute, an opt-out or a hardship signal changes the path at once', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('paths', '2026-03-02T10:00:00Z');
    await h.start('ingest', 'scheduler', 'sms');
    tenant = await h.createTenant();
  });

  afterAll(async () => h?.close());

  const caseOf = async (ref: string) =>
    (await h.query<{ id: string; status: string; contacts_sent: number; opted_out: string[] }>('scheduler', `SELECT * FROM recovery_case WHERE account_id = $1`, [accountIdFor(tenant.tenantId, ref)]))[0];
  const smsTo = (phone: string) => h.sns.published().filter((m) => m.phoneNumber === phone);
  const send = async (event: LenderEvent) => expect((await h.sendWebhook(tenant, event)).status).toBe(202);
  const outboxTypes = async (caseId: string) =>
    (await h.query<{ type: string }>('scheduler', `SELECT payload->>'type' AS type FROM outbox WHERE payload->>'caseId' = $1 ORDER BY seq`, [caseId])).map((r) => r.type);

  it('a dispute pauses every contact until it is rejected, then the workflow resumes', async () => {
    await send(instalmentMissed({ ref: 'p-dispute', phone: '+4915100000101' }));
    await waitFor('first SMS', () => smsTo('+4915100000101').length === 1);
    await send(lender('charge.disputed', 'p-dispute', { dispute: { disputeId: 'D-1', reason: 'never arrived' } }));
    await waitFor('case disputed', async () => (await caseOf('p-dispute'))?.status === 'disputed');

    h.clock.advance(3 * DAY); // the second reminder would have been due
    await new Promise((r) => setTimeout(r, 800));
    expect(smsTo('+4915100000101')).toHaveLength(1);

    await send(lender('dispute.resolved', 'p-dispute', { dispute: { disputeId: 'D-1', outcome: 'rejected' } }));
    await waitFor('the resumed reminder', () => smsTo('+4915100000101').length === 2, 20_000);
    const c = await caseOf('p-dispute');
    expect(c.status).toBe('reminding');
    const types = await outboxTypes(c.id);
    expect(types.filter((t) => t === 'case.status_changed')).toHaveLength(4); // opened, reminding, disputed, reminding
  });

  it('an upheld dispute closes the case', async () => {
    await send(instalmentMissed({ ref: 'p-upheld', phone: '+4915100000102' }));
    await waitFor('case reminding', async () => (await caseOf('p-upheld'))?.status === 'reminding');
    await send(lender('charge.disputed', 'p-upheld', { dispute: { disputeId: 'D-2' } }));
    await send(lender('dispute.resolved', 'p-upheld', { dispute: { disputeId: 'D-2', outcome: 'upheld' } }));
    await waitFor('case closed', async () => (await caseOf('p-upheld'))?.status === 'closed');
  });

  it('a hardship flag stops automated contact and escalates to a human with a case file', async () => {
    await send(instalmentMissed({ ref: 'p-hardship', phone: '+4915100000103' }));
    await waitFor('case reminding', async () => (await caseOf('p-hardship'))?.status === 'reminding');
    await send(lender('hardship.flagged', 'p-hardship', { hardship: { kind: 'hardship' } }));
    await waitFor('case escalated', async () => (await caseOf('p-hardship'))?.status === 'escalated');
    const c = await caseOf('p-hardship');
    const [escalated] = await h.query<{ payload: { data: { reason: string; suggestedNextStep: string } } }>(
      'scheduler', `SELECT payload FROM outbox WHERE payload->>'type' = 'case.escalated' AND payload->>'caseId' = $1`, [c.id]);
    expect(escalated.payload.data.reason).toMatch(/hardship/);
    expect(escalated.payload.data.suggestedNextStep).toMatch(/forbearance/);
    h.clock.advance(7 * DAY);
    await new Promise((r) => setTimeout(r, 800));
    expect(smsTo('+4915100000103')).toHaveLength(1);
  });

  it('an SMS opt-out blocks further SMS, recorded with the rule that decided it', async () => {
    await send(instalmentMissed({ ref: 'p-optout', phone: '+4915100000104' }));
    await waitFor('first SMS', () => smsTo('+4915100000104').length === 1);
    await send(lender('account.updated', 'p-optout', { changes: { consent: { optOut: ['sms'] } } }));
    await waitFor('opt-out recorded', async () => (await caseOf('p-optout'))?.opted_out.includes('sms'));
    h.clock.advance(3 * DAY);
    const c = await caseOf('p-optout');
    const [decision] = await waitFor('the blocking decision', async () => {
      const rows = await h.query<{ outcome: string; rule_ids: string[] }>('scheduler', `SELECT outcome, rule_ids FROM compliance_decision WHERE case_id = $1 AND outcome = 'block'`, [c.id]);
      return rows.length ? rows : undefined;
    }, 20_000);
    expect(decision.rule_ids).toContain('core.optout.medium');
    expect(smsTo('+4915100000104')).toHaveLength(1);
  });

  it('a breathing space pauses all contact until it ends, then reminders resume', async () => {
    await send(instalmentMissed({ ref: 'p-breathing', phone: '+4915100000105' }));
    await waitFor('first SMS', () => smsTo('+4915100000105').length === 1);
    const until = new Date(h.clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10);
    await send(lender('hardship.flagged', 'p-breathing', { hardship: { kind: 'breathing_space', until } }));
    await waitFor('case paused', async () => (await caseOf('p-breathing'))?.status === 'paused');
    h.clock.advance(5 * DAY);
    await new Promise((r) => setTimeout(r, 800));
    expect(smsTo('+4915100000105')).toHaveLength(1);
    h.clock.set(`${until}T10:00:00Z`);
    await waitFor('reminders resume after the breathing space', () => smsTo('+4915100000105').length === 2, 20_000);
  });

  it('a write-off ends the case; a payment for it afterwards is recorded and ignored', async () => {
    await send(instalmentMissed({ ref: 'p-writeoff', phone: '+4915100000106' }));
    await waitFor('case reminding', async () => (await caseOf('p-writeoff'))?.status === 'reminding');
    await send(lender('account.closed', 'p-writeoff', { closure: { kind: 'written_off' } }));
    await waitFor('case written off', async () => (await caseOf('p-writeoff'))?.status === 'written_off');
    await send(lender('payment.received', 'p-writeoff', { payment: { amount: { amountMinor: 100, currency: 'EUR' }, paidAt: '2026-03-02T10:00:00Z', settlesBalance: false } }));
    await waitFor('the payment recorded as ignored', async () => {
      const rows = await h.query<{ reason: string }>('scheduler', `SELECT reason FROM ignored_event WHERE account_id = $1`, [accountIdFor(tenant.tenantId, 'p-writeoff')]);
      return rows.some((r) => /no open case/.test(r.reason));
    });
  });
});
