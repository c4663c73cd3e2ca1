import { EVENTS, EventEnvelope, newEvent } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { SettleHarness } from '../../../settle-e2e/src/harness';
import { callStory, party, planAgreed, planFollowUps, planReviewRequested, publish } from '../../../settle-e2e/src/voice-plan-fixtures';
import type { TenantSummary } from './analytics.service';

jest.setTimeout(180_000);

/** Call and plan outcome figures folded from voice.* and plan.events.v1, over the real broker and PostgreSQL. */
describe('analytics: call and plan outcomes', () => {
  let h: SettleHarness;

  beforeAll(async () => {
    h = await SettleHarness.create('anavoice');
    await h.start('analytics');
  });

  afterAll(async () => {
    await h?.close();
  });

  const summary = async (tenantId: string) => (await (await fetch(`${h.url('analytics')}/v1/analytics/tenants/${tenantId}/summary`)).json()) as TenantSummary;
  /** What analytics reads: the hand-off (desk.handoffs.v1) is not on its topics. */
  const ownTopics = (events: EventEnvelope[]) => events.filter((e) => e.type !== 'desk.handoff');

  it('counts calls placed and answered, outcomes, cost; plans agreed, paid, missed, completed, broken; review requests — once each', async () => {
    const tenantId = randomUUID();
    const before = await summary(tenantId);
    expect(before.calls).toEqual({
      requested: 0, placed: 0, answered: { human: 0, machine: 0 }, outcomes: {}, escalated: 0, linksSent: 0, durationSeconds: 0, costMicroUsd: { telephony: 0, llm: 0, total: 0 },
    });
    expect(before.plans).toMatchObject({ agreed: 0, completed: 0, broken: 0, reviewRequested: 0 });

    const [a, b, c, d] = [party(tenantId), party(tenantId), party(tenantId), party(tenantId)];
    const linkCall = callStory(a, { linkSent: true, outcome: 'link_sent', cost: { telephonyMicroUsd: 12_000, llmMicroUsd: 3_500, totalMicroUsd: 15_500 }, durationSeconds: 95 });
    const machine = callStory(b, { answeredBy: 'machine', cost: { telephonyMicroUsd: 2_000, llmMicroUsd: 0, totalMicroUsd: 2_000 }, durationSeconds: 20 });
    const escalated = callStory(c, { escalate: true, outcome: 'escalated', cost: { telephonyMicroUsd: 30_000, llmMicroUsd: 9_000, totalMicroUsd: 39_000 }, durationSeconds: 240 });
    const promised = callStory(d, { outcome: 'promise_to_pay', cost: { telephonyMicroUsd: 8_000, llmMicroUsd: 2_500, totalMicroUsd: 10_500 }, durationSeconds: 70 });
    const completedPlan = planAgreed(a);
    const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });
    const brokenPlan = planAgreed(c, {
      source: 'plan_link', total: gbp(9000), fee: gbp(0),
      instalments: [{ number: 1, dueDate: '2026-04-01', amount: gbp(4500) }, { number: 2, dueDate: '2026-05-01', amount: gbp(4500) }],
    });
    const events = [
      ...[linkCall, machine, escalated, promised].flatMap((s) => [s.command, ...ownTopics(s.events)]),
      completedPlan, ...planFollowUps(a, completedPlan, 'completed'),
      brokenPlan, ...planFollowUps(c, brokenPlan, 'broken'),
      planReviewRequested(d),
    ];
    await publish(h.kafka, events);

    const after = await waitFor('analytics to fold every call and plan event', async () => {
      const s = await summary(tenantId);
      const counted = Object.values(s.events).reduce((n, x) => n + x, 0);
      return counted === events.length && s.plans.completed === 1 && s.plans.broken === 1 ? s : undefined;
    }, 60_000, 200);
    expect(after.calls).toEqual({
      requested: 4, placed: 4, answered: { human: 3, machine: 1 },
      outcomes: { link_sent: 1, machine_message_left: 1, escalated: 1, promise_to_pay: 1 },
      escalated: 1, linksSent: 1, durationSeconds: 95 + 20 + 240 + 70,
      costMicroUsd: { telephony: 52_000, llm: 15_000, total: 67_000 },
    });
    expect(after.plans).toEqual({
      agreed: 2, bySource: { voice: 1, plan_link: 1 }, active: 0, completed: 1, broken: 1, instalmentsPaid: 2, instalmentsMissed: 2,
      // Each plan paid its first instalment, in the plan's currency.
      agreedValue: { EUR: 4250, GBP: 9000 }, paid: { EUR: 2125, GBP: 4500 }, reviewRequested: 1,
    });
    expect(after.events).toMatchObject({ 'call.turn': 9, 'call.ended': 4, 'plan.agreed': 2, 'plan.review_requested': 1 });

    // Redelivered records change nothing (the inbox), a new one behind them on the same key does.
    const linkSentAgain = newEvent(EVENTS.callLinkSent, { ...a, producer: 'voice', occurredAt: new Date('2026-03-02T10:30:00Z') }, {
      callId: linkCall.callId, stepId: linkCall.command.data.stepId, caseId: a.caseId, smsStepId: randomUUID(), code: 'AbCdEfGh1234',
    });
    await publish(h.kafka, [...ownTopics(linkCall.events), linkSentAgain]);
    const again = await waitFor('the new link counted', async () => {
      const s = await summary(tenantId);
      return s.calls.linksSent === 2 ? s : undefined;
    }, 30_000, 200);
    expect({ ...again.calls, linksSent: 1 }).toEqual(after.calls);
    expect(again.plans).toEqual(after.plans);
  });
});
