import { EVENTS, newEvent } from '@settle/contracts';
import { randomUUID } from 'node:crypto';
import { callStory, party, planAgreed, planFollowUps, planReviewRequested, voiceRequested } from '../../../settle-e2e/src/voice-plan-fixtures';
import { outcomeFactOf } from './outcome-facts';

describe('outcomeFactOf: how voice and plan events fold into call and plan rows', () => {
  it('a human call: dialled, answered, link sent, escalated, ended with outcome and cost', () => {
    const p = party();
    const story = callStory(p, { linkSent: true, escalate: true, outcome: 'escalated', cost: { telephonyMicroUsd: 20_000, llmMicroUsd: 4_000, totalMicroUsd: 24_000 }, durationSeconds: 61 });
    const byType = new Map(story.events.map((e) => [e.type, outcomeFactOf(e)]));
    const key = ['call_id', story.callId];
    const ids = { step_id: story.command.data.stepId, case_id: p.caseId };
    expect(byType.get('call.dialled')).toEqual({ table: 'call_fact', key, tenantId: p.tenantId, set: { ...ids, dialled_at: story.events[0].occurredAt, provider: 'telnyx' }, add: {} });
    expect(byType.get('call.answered')).toMatchObject({ set: { answered_by: 'human' }, add: {} });
    expect(byType.get('call.link_sent')).toMatchObject({ key, add: { links_sent: 1 } });
    expect(byType.get('call.escalated')).toMatchObject({ key, add: { escalations: 1 } });
    expect(byType.get('call.ended')).toMatchObject({
      key,
      set: { outcome: 'escalated', answered_by: 'human', duration_seconds: 61, turns: 3, end_reason: 'normal_clearing', telephony_micro_usd: 20_000, llm_micro_usd: 4_000, total_micro_usd: 24_000 },
      add: {},
    });
    // Turns and tool calls only count (event_count); the hand-off is not on analytics' topics at all.
    expect(byType.get('call.turn')).toBeNull();
    expect(byType.get('call.tool_called')).toBeNull();
  });

  it('a call nobody answered does not overwrite answered_by with none', () => {
    const p = party();
    const ref = { callId: randomUUID(), stepId: randomUUID(), caseId: p.caseId };
    const ended = newEvent(EVENTS.callEnded, { ...p, producer: 'voice', occurredAt: new Date() }, {
      ...ref, outcome: 'no_answer', answeredBy: 'none', durationSeconds: 0, cost: { telephonyMicroUsd: 0, llmMicroUsd: 0, totalMicroUsd: 0 }, turns: 0, endReason: 'timeout',
    });
    const fact = outcomeFactOf(ended)!;
    expect(fact.set.outcome).toBe('no_answer');
    expect(fact.set).not.toHaveProperty('answered_by');
  });

  it('a plan: agreed with its value and source, an instalment paid (amount) and missed, then completed or broken', () => {
    const p = party();
    const plan = planAgreed(p);
    const key = ['plan_id', plan.data.planId];
    expect(outcomeFactOf(plan)).toEqual({
      table: 'plan_fact', key, tenantId: p.tenantId,
      set: { case_id: p.caseId, source: 'voice', kind: 'reduced_instalments', currency: 'EUR', total_minor: 4250, fee_minor: 0, instalments: 2, agreed_at: '2026-03-02T10:02:00Z', status: 'active' },
      add: {},
    });
    const [paid, missed, completed] = planFollowUps(p, plan, 'completed').map(outcomeFactOf);
    expect(paid).toEqual({ table: 'plan_fact', key, tenantId: p.tenantId, set: { case_id: p.caseId }, add: { instalments_paid: 1, paid_minor: 2125 } });
    expect(missed).toMatchObject({ key, set: { case_id: p.caseId }, add: { instalments_missed: 1 } });
    expect(completed).toMatchObject({ key, set: { status: 'completed' } });
    const broken = planFollowUps(p, plan, 'broken').map(outcomeFactOf)[2];
    expect(broken).toMatchObject({ key, set: { status: 'broken', outstanding_minor: 2125 } });
  });

  it('events without a row of their own (commands, review requests, other topics) only count', () => {
    const p = party();
    expect(outcomeFactOf(voiceRequested(p))).toBeNull();
    expect(outcomeFactOf(planReviewRequested(p))).toBeNull();
    expect(outcomeFactOf(newEvent(EVENTS.smsSent, { ...p, producer: 'sms', occurredAt: new Date() }, { stepId: randomUUID(), caseId: p.caseId, providerMessageId: 'm', segments: 1, encoding: 'GSM-7' }))).toBeNull();
  });
});
