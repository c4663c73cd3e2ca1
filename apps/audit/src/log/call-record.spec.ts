import { EVENTS, EventEnvelope, newEvent } from '@settle/contracts';
import { randomUUID } from 'node:crypto';
import { callStory, party } from '../../../settle-e2e/src/voice-plan-fixtures';
import { redactForAudit } from './audit-redaction';
import { AuditedEvent, callComplianceRecords } from './call-record';

/** Entries as the audit log stores them: redacted, in chain order. */
const asEntries = (events: EventEnvelope[]): AuditedEvent[] =>
  events.map((e, i) => ({ position: i + 1, type: e.type, occurredAt: e.occurredAt, data: redactForAudit(e).data as Record<string, unknown> }));

describe('callComplianceRecords: was each call of a case lawful', () => {
  it('answers from a human call: gate allowed, disclosures required, right party verified, guardrail stops, outcome', () => {
    const p = party();
    const story = callStory(p, { escalate: true, linkSent: true, outcome: 'escalated' });
    const [record, ...rest] = callComplianceRecords(asEntries([story.command, ...story.events]));
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({
      stepId: story.command.data.stepId, callId: story.callId, requestedAt: story.command.occurredAt, jurisdiction: 'DE',
      requiredDisclosures: ['eu.aiact.art50.ai_disclosure', 'de.policy.recording_notice'], rightPartyFactor: 'date_of_birth', gateRefusals: [],
      answeredBy: 'human', stages: ['verify_name', 'verify_factor', 'conversation'], rightPartyVerified: true, blockedUtterances: 1,
      tools: [{ tool: 'send_payment_link', ok: true }], linksSent: 1, escalations: [{ reason: 'signal:hardship', transferred: true }],
      ended: { outcome: 'escalated', endReason: 'normal_clearing', durationSeconds: 95, turns: 3 },
    });
    expect(record.dialledAt).toBe(story.events[0].occurredAt);
    // Every entry of the call by position; the desk hand-off is the case file, looked up by its handoffId.
    const all = [story.command, ...story.events];
    expect(record.positions).toEqual(all.map((e, i) => (e.type === 'desk.handoff' ? 0 : i + 1)).filter((pos) => pos > 0));
  });

  it('a machine answered: nothing verified, no conversation stage, a machine message left', () => {
    const story = callStory(party(), { answeredBy: 'machine' });
    const [record] = callComplianceRecords(asEntries([story.command, ...story.events]));
    expect(record).toMatchObject({ answeredBy: 'machine', rightPartyVerified: false, stages: [], ended: { outcome: 'machine_message_left' } });
  });

  it('a call without a right-party factor is recorded as such', () => {
    const story = callStory(party());
    const { verification: _none, ...command } = story.command.data;
    const [record] = callComplianceRecords(asEntries([{ ...story.command, data: command } as EventEnvelope, ...story.events]));
    expect(record.rightPartyFactor).toBeNull();
  });

  it('keeps the gate’s refusals of a voice step (deferred, then blocked), and ignores those of other channels', () => {
    const p = party();
    const stepId = randomUUID();
    const origin = { ...p, producer: 'scheduler' as const, occurredAt: new Date('2026-03-02T22:00:00Z') };
    const deferred = newEvent(EVENTS.contactDeferred, origin, {
      caseId: p.caseId, stepId, channel: 'voice', ruleIds: ['de.policy.hours'], reasons: ['outside 08:00–21:00 Europe/Berlin'], until: '2026-03-03T07:00:00Z',
    });
    const blocked = newEvent(EVENTS.contactBlocked, origin, { caseId: p.caseId, stepId, channel: 'voice', ruleIds: ['core.hold.dispute'], reasons: ['dispute open'] });
    const smsBlocked = newEvent(EVENTS.contactBlocked, origin, { caseId: p.caseId, stepId: randomUUID(), channel: 'sms', ruleIds: ['core.cap'], reasons: ['cap'] });
    const records = callComplianceRecords(asEntries([deferred, smsBlocked, blocked]));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      stepId, requestedAt: null, callId: null,
      gateRefusals: [
        { outcome: 'defer', ruleIds: ['de.policy.hours'], until: '2026-03-03T07:00:00Z', position: 1 },
        { outcome: 'block', ruleIds: ['core.hold.dispute'], position: 3 },
      ],
    });
  });

  it('keeps two calls of one case apart, by step', () => {
    const p = party();
    const first = callStory(p, { answeredBy: 'machine' });
    const second = callStory(p, { outcome: 'promise_to_pay' });
    const records = callComplianceRecords(asEntries([first.command, ...first.events, second.command, ...second.events]));
    expect(records.map((r) => [r.stepId, r.ended?.outcome])).toEqual([
      [first.command.data.stepId, 'machine_message_left'],
      [second.command.data.stepId, 'promise_to_pay'],
    ]);
  });
});
