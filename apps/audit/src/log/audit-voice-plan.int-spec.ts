import { DESK_HANDOFFS_V1, EventEnvelope, PLAN_EVENTS_V1, VOICE_EVENTS_V1, deadLetterTopicOf, recordKey } from '@settle/contracts';
import { HEADERS } from '@settle/messaging';
import { readTopic, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { SettleHarness } from '../../../settle-e2e/src/harness';
import {
  DATE_OF_BIRTH, FULL_NAME, PHONE, TRANSCRIPT_WORDS, callStory, party, planAgreed, planFollowUps, planReviewRequested, publish,
} from '../../../settle-e2e/src/voice-plan-fixtures';
import type { AuditEntryView } from './audit-log.service';
import type { CallComplianceRecord } from './call-record';

jest.setTimeout(180_000);

/** Voice commands, call events, desk hand-offs and plan events into the audit chain, over the real broker and PostgreSQL. */
describe('audit: voice and plan events in the tamper-evident log', () => {
  let h: SettleHarness;

  beforeAll(async () => {
    h = await SettleHarness.create('auditvoice');
    await h.start('audit');
  });

  afterAll(async () => {
    await h?.close();
  });

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${h.url('audit')}/v1/audit/${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };

  it('chains every call, hand-off and plan event of a case, masked, answers "was this call lawful", and detects tampering', async () => {
    const p = party();
    const story = callStory(p, { escalate: true, linkSent: true, outcome: 'escalated' });
    const plan = planAgreed(p);
    const { caseId: _envelopeCase, ...planPaidWithoutEnvelopeCase } = planFollowUps(p, plan, 'completed')[0];
    const published: EventEnvelope[] = [story.command, ...story.events, plan, planPaidWithoutEnvelopeCase as EventEnvelope, planReviewRequested(p)];
    await publish(h.kafka, published);

    // Every event is in the case's entries; one account's events keep their order within a topic.
    const entries = await waitFor('the case’s audit entries', async () => {
      const res = await get<{ entries: AuditEntryView[] }>(`tenants/${p.tenantId}/cases/${p.caseId}/entries`);
      return res.status === 200 && res.body.entries.length === published.length ? res.body.entries : undefined;
    });
    expect(entries.map((e) => e.event.id).sort()).toEqual(published.map((e) => e.id).sort());
    const topicOf = (type: string) => entries.find((e) => e.type === type)?.topic;
    expect([topicOf('voice.requested'), topicOf('call.ended'), topicOf('desk.handoff'), topicOf('plan.instalment_paid')])
      .toEqual(['voice.commands.v1', VOICE_EVENTS_V1, DESK_HANDOFFS_V1, PLAN_EVENTS_V1]);
    const callTypes = entries.filter((e) => e.topic === VOICE_EVENTS_V1).map((e) => e.type);
    expect(callTypes).toEqual(story.events.filter((e) => e.type.startsWith('call.')).map((e) => e.type));

    // No personal data in the stored log, neither through the API nor in the table.
    const rows = await h.query<{ event: string }>('audit', `SELECT event::text AS event FROM audit_entry WHERE tenant_id = $1`, [p.tenantId]);
    expect(rows).toHaveLength(published.length);
    for (const text of [JSON.stringify(entries), ...rows.map((r) => r.event)]) {
      for (const secret of [PHONE, FULL_NAME, DATE_OF_BIRTH, TRANSCRIPT_WORDS]) expect(text).not.toContain(secret);
    }
    const command = entries.find((e) => e.type === 'voice.requested')!.event.data;
    expect(command).toMatchObject({ to: '***********678', fullName: 'A. M. S.', verification: { kind: 'date_of_birth', expected: '[redacted]' }, jurisdiction: 'DE' });

    // Was the call lawful: the facts per call.
    const { body: calls } = await get<{ calls: CallComplianceRecord[] }>(`tenants/${p.tenantId}/cases/${p.caseId}/calls`);
    expect(calls.calls).toHaveLength(1);
    expect(calls.calls[0]).toMatchObject({
      stepId: story.command.data.stepId, callId: story.callId, requestedAt: story.command.occurredAt, jurisdiction: 'DE',
      requiredDisclosures: ['eu.aiact.art50.ai_disclosure', 'de.policy.recording_notice'], rightPartyFactor: 'date_of_birth',
      answeredBy: 'human', rightPartyVerified: true, blockedUtterances: 1, escalations: [{ reason: 'signal:hardship', transferred: true }],
      ended: { outcome: 'escalated', endReason: 'normal_clearing' },
    });

    // The chain over all of it holds; an edited call outcome breaks it at that entry.
    const verify = await get<{ entries: number; brokenAt: number | null }>(`tenants/${p.tenantId}/verify`);
    expect(verify.body).toEqual({ entries: published.length, brokenAt: null });
    const ended = entries.find((e) => e.type === 'call.ended')!;
    await h.query('audit', `ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change`);
    try {
      await h.query('audit', `UPDATE audit_entry SET event = jsonb_set(event, '{data,outcome}', '"paid"') WHERE tenant_id = $1 AND position = $2`, [p.tenantId, ended.position]);
    } finally {
      await h.query('audit', `ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_change`);
    }
    expect((await get<{ brokenAt: number | null }>(`tenants/${p.tenantId}/verify`)).body.brokenAt).toBe(ended.position);
  });

  it('dead-letters a malformed call or plan event with the field at fault and goes on with the next one', async () => {
    const p = party();
    const story = callStory(p, { answeredBy: 'machine' });
    const ended = story.events[story.events.length - 1] as EventEnvelope<Record<string, unknown>>;
    const badCall = { ...ended, id: randomUUID(), data: { ...ended.data, cost: { telephonyMicroUsd: -1, llmMicroUsd: 0, totalMicroUsd: 0 } } };
    const plan = planAgreed(p);
    const badPlan = { ...plan, id: randomUUID(), data: { ...plan.data, total: { amountMinor: 4250, currency: 'euro' } } };
    await publish(h.kafka, [
      { topic: VOICE_EVENTS_V1, key: recordKey(badCall), value: JSON.stringify(badCall) },
      { topic: PLAN_EVENTS_V1, key: recordKey(badPlan), value: JSON.stringify(badPlan) },
      story.command, ...story.events, plan,
    ]);
    await waitFor('the valid events behind the malformed ones', async () => {
      const res = await get<{ entries: AuditEntryView[] }>(`tenants/${p.tenantId}/cases/${p.caseId}/entries`);
      return res.status === 200 && res.body.entries.length === story.events.length + 2 ? true : undefined;
    });
    for (const [topic, bad, field] of [[VOICE_EVENTS_V1, badCall, 'data.cost.telephonyMicroUsd'], [PLAN_EVENTS_V1, badPlan, 'data.total.currency']] as const) {
      const dlq = await waitFor(`the malformed record on ${topic}'s audit DLQ`, async () => {
        const records = await readTopic(h.kafka.kafka, h.kafka.topics.physical(deadLetterTopicOf(topic, 'audit')), 10, 3_000);
        return records.find((r) => r.value.includes(bad.id));
      });
      expect(dlq.headers[HEADERS.errorKind]).toBe('invalid_record');
      expect(dlq.headers[HEADERS.error]).toContain(field);
    }
    const stored = await h.query('audit', `SELECT 1 FROM audit_entry WHERE event_id = ANY($1)`, [[badCall.id, badPlan.id]]);
    expect(stored).toHaveLength(0);
    expect((await get<{ brokenAt: number | null }>(`tenants/${p.tenantId}/verify`)).body.brokenAt).toBeNull();
  });

  it('answers 404 for a case it holds nothing of and 400 for an id that is not a UUID', async () => {
    expect((await get(`tenants/${randomUUID()}/cases/${randomUUID()}/entries`)).status).toBe(404);
    expect((await get(`tenants/${randomUUID()}/cases/not-a-uuid/calls`)).status).toBe(400);
  });
});
