import { EVENTS, EventEnvelope, PLAN_EVENTS_V1, PlanInstalmentMissedV1, SmsRequestedV1, accountIdFor, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';

jest.setTimeout(240_000);
const DAY = 24 * 3600 * 1000;

/*
 * A missed instalment of an agreed plan, over the real broker and PostgreSQL: the plan events are
 * published as the negotiation service would, and the scheduler + sms services do the rest. One
 * reminder for the missed instalment's amount goes through the ordinary contact path; a redelivered
 * event sends nothing more; a broken plan sends no miss reminder and the workflow resumes.
 */
describe('plan reminders: a missed instalment of an agreed plan', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('planrem', '2026-03-02T10:00:00Z');
    await h.start('ingest', 'scheduler', 'sms');
    tenant = await h.createTenant();
  });

  afterAll(async () => h?.close());

  const publish = async (...events: EventEnvelope[]) => {
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: h.kafka.topics.physical(PLAN_EVENTS_V1), messages: events.map((e) => ({ key: recordKey(e), value: JSON.stringify(e) })) });
    } finally {
      await producer.disconnect();
    }
  };
  const caseOf = async (ref: string) =>
    (await h.query<{ id: string; status: string; next_step: number }>('scheduler', 'SELECT id, status, next_step FROM recovery_case WHERE account_id = $1', [accountIdFor(tenant.tenantId, ref)]))[0];
  const smsCommands = async (caseId: string) =>
    (await h.query<{ payload: EventEnvelope<SmsRequestedV1> }>('scheduler', `SELECT payload FROM outbox WHERE payload->>'type' = 'sms.requested' AND payload->>'caseId' = $1 ORDER BY seq`, [caseId])).map((r) => r.payload);
  const sent = (phone: string) => h.sns.published().filter((m) => m.phoneNumber === phone);
  const origin = (ref: string, caseId: string) => ({ tenantId: tenant.tenantId, accountId: accountIdFor(tenant.tenantId, ref), caseId, producer: 'negotiation' as const, occurredAt: h.clock.now() });

  /** An open case with its first workflow SMS sent, then an agreed plan: the case is plan_agreed. */
  async function agreedPlan(ref: string, phone: string): Promise<{ caseId: string; planId: string }> {
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref, phone }))).status).toBe(202);
    await waitFor('the first workflow SMS', () => sent(phone).length === 1, 30_000);
    const { id: caseId } = await waitFor('the case reminding', async () => ((await caseOf(ref))?.status === 'reminding' ? caseOf(ref) : undefined));
    const planId = randomUUID();
    const instalments = ['2026-03-02', '2026-03-16', '2026-03-30', '2026-04-13'].map((dueDate, i) => ({ number: i + 1, dueDate, amount: { amountMinor: 3_188, currency: 'EUR' } }));
    await publish(
      newEvent(EVENTS.planAgreed, origin(ref, caseId), {
        planId, externalAccountRef: ref, caseId, source: 'api', kind: 'term_extension', instalments,
        total: { amountMinor: 12_752, currency: 'EUR' }, fee: { amountMinor: 0, currency: 'EUR' }, lenderPlanRef: `LP-${ref}`, agreedAt: h.clock.now().toISOString(),
      }),
    );
    await waitFor('the case plan_agreed', async () => (await caseOf(ref))?.status === 'plan_agreed', 30_000);
    return { caseId, planId };
  }

  const missed = (ref: string, caseId: string, planId: string, over: Partial<PlanInstalmentMissedV1> = {}) =>
    newEvent(EVENTS.planInstalmentMissed, origin(ref, caseId), {
      planId, externalAccountRef: ref, caseId, instalmentNumber: 2, amountDue: { amountMinor: 3_188, currency: 'EUR' }, dueDate: '2026-03-16', missesSoFar: 1, action: 'remind' as const, ...over,
    });

  it('sends one reminder for the missed amount through the contact path; a redelivery sends nothing; a broken plan resumes the workflow without a miss reminder', async () => {
    const REF = 'plan-rem-1';
    const PHONE = '+4915100000801';
    const { caseId, planId } = await agreedPlan(REF, PHONE);
    const before = await caseOf(REF);

    // Two weeks on, the plan's second instalment is missed; the tenant rule says: remind.
    h.clock.advance(14 * DAY);
    const miss = missed(REF, caseId, planId);
    await publish(miss);
    const [command] = await waitFor('the plan reminder sms.requested', async () => {
      const rows = (await smsCommands(caseId)).filter((c) => c.data.template === 'plan_instalment_missed');
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    // The missed instalment's amount and date (not the plan's 127.52 balance), a pay link for it, the gate's facts.
    expect(command.data).toMatchObject({ amountDue: { amountMinor: 3_188, currency: 'EUR' }, dueDate: '2026-03-16', tone: 'friendly', language: 'de', to: PHONE });
    expect(command.data.paymentLink.url).toMatch(new RegExp(`/${command.data.paymentLink.code}$`));
    expect(command.data.compliance).toBeDefined();

    const [sms] = await waitFor('the reminder SMS', () => (sent(PHONE).length === 2 ? sent(PHONE).slice(1) : undefined), 30_000);
    expect(sms.message).toContain('31,88 €');
    expect(sms.message).toContain('16. März');
    expect(sms.message).toContain(command.data.paymentLink.url);
    expect(sms.message).not.toContain('127,52');

    // The ordinary contact records: the step (kind plan_reminder), the gate's decision, the ledger.
    const steps = await h.query<{ id: string; kind: string; status: string; step: number }>('scheduler', `SELECT id, kind, status, step FROM contact_step WHERE case_id = $1 AND kind = 'plan_reminder'`, [caseId]);
    expect(steps).toEqual([{ id: command.data.stepId, kind: 'plan_reminder', status: 'fired', step: 2 }]);
    const decisions = await h.query<{ outcome: string }>('scheduler', `SELECT outcome FROM compliance_decision WHERE step_id = $1`, [command.data.stepId]);
    expect(decisions).toEqual([{ outcome: 'allow' }]);
    await waitFor('the attempt recorded as sent', async () => {
      const [attempt] = await h.query<{ outcome: string }>('scheduler', `SELECT outcome FROM contact_attempt WHERE step_id = $1`, [command.data.stepId]);
      return attempt?.outcome === 'sent' || attempt?.outcome === 'delivered';
    }, 30_000);
    // The case stays where it was: plan_agreed, the workflow position unchanged, no transition.
    const after = await caseOf(REF);
    expect(after).toEqual({ ...before, status: 'plan_agreed' });
    const transitions = await h.query<{ to_status: string }>('scheduler', `SELECT to_status FROM case_transition WHERE case_id = $1 ORDER BY id`, [caseId]);
    expect(transitions.map((t) => t.to_status)).toEqual(['opened', 'reminding', 'plan_agreed']);

    // The same event again (a redelivery), then a marker behind it on the same partition: once the
    // marker is recorded, the duplicate was consumed — and the inbox dropped it.
    const marker = missed(REF, caseId, randomUUID());
    await publish(miss, marker);
    await waitFor('the marker consumed', async () => (await h.query('scheduler', `SELECT 1 FROM ignored_event WHERE event_id = $1`, [marker.id])).length === 1, 30_000);
    const inbox = await h.query<{ n: string }>('scheduler', `SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [miss.id]);
    expect(Number(inbox[0].n)).toBe(1);
    await new Promise((r) => setTimeout(r, 500)); // a pass of the dispatcher, had anything been planned
    expect((await smsCommands(caseId)).filter((c) => c.data.template === 'plan_instalment_missed')).toHaveLength(1);
    expect(await h.query('scheduler', `SELECT 1 FROM contact_step WHERE case_id = $1 AND kind = 'plan_reminder'`, [caseId])).toHaveLength(1);
    expect(sent(PHONE)).toHaveLength(2);

    // The next miss breaks the plan: the negotiation service reports plan.broken alone. No miss
    // reminder; the case reminds again from where the workflow stood (step 1 of the SMS workflow).
    h.clock.advance(14 * DAY);
    await publish(
      newEvent(EVENTS.planBroken, origin(REF, caseId), { planId, externalAccountRef: REF, caseId, missesSoFar: 2, reason: '2 instalment(s) missed', outstanding: { amountMinor: 9_564, currency: 'EUR' } }),
    );
    await waitFor('the case reminding again', async () => (await caseOf(REF))?.status === 'reminding', 30_000);
    const resumed = await waitFor('the workflow SMS', async () => {
      const rows = await smsCommands(caseId);
      return rows.length === 3 ? rows[2] : undefined;
    }, 30_000);
    expect(resumed.data.template).toBeUndefined();
    expect(resumed.data.tone).toBe('reminder');
    await waitFor('the third SMS', () => sent(PHONE).length === 3, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect((await smsCommands(caseId)).map((c) => c.data.template ?? 'workflow')).toEqual(['workflow', 'plan_instalment_missed', 'workflow']);
    expect(sent(PHONE)).toHaveLength(3);
  });

  it('a miss reported at night: the gate defers the reminder to the morning, and it goes out once then', async () => {
    const REF = 'plan-rem-3';
    const PHONE = '+4915100000803';
    const { caseId, planId } = await agreedPlan(REF, PHONE);
    const night = new Date(h.clock.now().getTime() + 2 * DAY);
    night.setUTCHours(21, 0, 0, 0); // 23:00 in Berlin
    h.clock.set(night);
    await publish(missed(REF, caseId, planId));
    const [deferral] = await waitFor('the reminder deferred', async () => {
      const rows = await h.query<{ outcome: string; until: Date; step_id: string }>(
        'scheduler',
        `SELECT d.outcome, d.until, d.step_id FROM compliance_decision d JOIN contact_step s ON s.id = d.step_id WHERE s.case_id = $1 AND s.kind = 'plan_reminder'`,
        [caseId],
      );
      return rows.length ? rows : undefined;
    }, 30_000);
    expect(deferral.outcome).toBe('defer');
    expect(new Date(deferral.until).toISOString()).toMatch(/T06:00:00\.000Z$/); // 08:00 in Berlin (summer time)
    await new Promise((r) => setTimeout(r, 500));
    expect(sent(PHONE)).toHaveLength(1);
    expect(await smsCommands(caseId)).toHaveLength(1);

    h.clock.set(deferral.until);
    await waitFor('the reminder in the morning', () => sent(PHONE).length === 2, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(sent(PHONE)).toHaveLength(2);
    const templates = (await smsCommands(caseId)).map((c) => c.data.template ?? 'workflow');
    expect(templates).toEqual(['workflow', 'plan_instalment_missed']);
    const steps = await h.query<{ id: string; status: string }>('scheduler', `SELECT id, status FROM contact_step WHERE case_id = $1 AND kind = 'plan_reminder'`, [caseId]);
    expect(steps).toEqual([{ id: deferral.step_id, status: 'fired' }]);
  });

  it('move_to_end: the reminder says the instalment moved to the end of the plan; a miss after the plan broke sends nothing', async () => {
    const REF = 'plan-rem-2';
    const PHONE = '+4915100000802';
    const { caseId, planId } = await agreedPlan(REF, PHONE);
    h.clock.advance(DAY);
    await publish(missed(REF, caseId, planId, { instalmentNumber: 1, dueDate: '2026-03-02', action: 'move_to_end' }));
    const [sms] = await waitFor('the reminder SMS', () => (sent(PHONE).length === 2 ? sent(PHONE).slice(1) : undefined), 30_000);
    expect(sms.message).toContain('ans Ende deines Plans');
    expect(sms.message).toContain('31,88 €');
    const templates = (await smsCommands(caseId)).map((c) => c.data.template ?? 'workflow');
    expect(templates).toEqual(['workflow', 'plan_instalment_moved_to_end']);

    // A stray miss of the same plan after it broke: the case no longer waits on it, nothing is sent.
    await publish(newEvent(EVENTS.planBroken, origin(REF, caseId), { planId, externalAccountRef: REF, caseId, missesSoFar: 3, reason: 'x', outstanding: { amountMinor: 12_752, currency: 'EUR' } }));
    await waitFor('the case reminding again', async () => (await caseOf(REF))?.status === 'reminding', 30_000);
    const stray = missed(REF, caseId, planId, { instalmentNumber: 3, missesSoFar: 3 });
    await publish(stray);
    const [ignored] = await waitFor('the stray miss recorded and ignored', async () => {
      const rows = await h.query<{ reason: string }>('scheduler', `SELECT reason FROM ignored_event WHERE event_id = $1`, [stray.id]);
      return rows.length ? rows : undefined;
    }, 30_000);
    expect(ignored.reason).toMatch(/no reminder: the case is reminding/);
    expect(await h.query('scheduler', `SELECT 1 FROM contact_step WHERE case_id = $1 AND kind = 'plan_reminder'`, [caseId])).toHaveLength(1);
  });
});
