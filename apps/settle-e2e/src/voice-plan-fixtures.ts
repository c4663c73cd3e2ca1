import {
  CallCost, CallEndOutcome, DeskHandoffV1, EVENTS, EventEnvelope, PlanAgreedV1, VoiceRequestedV1, eventDefinition, newEvent, parseEvent, recordKey,
} from '@settle/contracts';
import type { TestKafka } from '@settle/testing';
import { randomUUID } from 'node:crypto';

/*
 * Voice and plan envelopes as the voice and negotiation services publish them, built with the
 * contracts' newEvent and payload classes and checked with parseEvent, so a test that feeds them to
 * a consumer feeds it records the runner accepts.
 */

export interface Party {
  tenantId: string;
  accountId: string;
  caseId: string;
}

export const party = (tenantId: string = randomUUID()): Party => ({ tenantId, accountId: randomUUID(), caseId: randomUUID() });

/** Throws with the field errors when an envelope would be dead-lettered: fixtures must be valid. */
export function valid<E extends EventEnvelope>(event: E): E {
  const parsed = parseEvent(JSON.stringify(event));
  if (!parsed.ok) throw new Error(`fixture ${event.type} is invalid: ${parsed.errors.map((e) => `${e.field}: ${e.problem}`).join('; ')}`);
  return event;
}

let tick = 0;
/** Distinct, increasing instants, so events of one story keep their order. */
function at(): Date {
  tick += 1;
  return new Date(Date.UTC(2026, 2, 2, 10, 0, tick));
}

export const PHONE = '+4915112345678';
export const FULL_NAME = 'Anna Maria Schmidt';
export const DATE_OF_BIRTH = '1990-04-17';
export const TRANSCRIPT_WORDS = 'my date of birth is the seventeenth of April';

export function voiceRequested(p: Party, over: Partial<VoiceRequestedV1> = {}): EventEnvelope<VoiceRequestedV1> {
  return valid(
    newEvent(EVENTS.voiceRequested, { ...p, producer: 'scheduler', occurredAt: at() }, {
      stepId: randomUUID(), caseId: p.caseId, language: 'de', tone: 'reminder', firstName: 'Anna', brandName: 'Acme', merchantName: 'Nordic Bikes',
      amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01', paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.acme.example/p/AbCdEfGh1234' },
      disclosures: ['eu.aiact.art50.ai_disclosure', 'de.policy.recording_notice'], to: PHONE, jurisdiction: 'DE', fullName: FULL_NAME,
      verification: { kind: 'date_of_birth', expected: DATE_OF_BIRTH }, externalAccountRef: 'acc-1', ...over,
    }),
  );
}

export interface CallStoryOptions {
  answeredBy?: 'human' | 'machine';
  outcome?: CallEndOutcome;
  cost?: CallCost;
  durationSeconds?: number;
  escalate?: boolean;
  linkSent?: boolean;
}

/** One whole AI call: the command and every event the voice service emits for it, in order. */
export function callStory(p: Party, o: CallStoryOptions = {}): { command: EventEnvelope<VoiceRequestedV1>; events: EventEnvelope[]; callId: string; handoff?: EventEnvelope<DeskHandoffV1> } {
  const command = voiceRequested(p);
  const ref = { callId: randomUUID(), stepId: command.data.stepId, caseId: p.caseId };
  const origin = () => ({ ...p, producer: 'voice' as const, occurredAt: at(), cause: command });
  const answeredBy = o.answeredBy ?? 'human';
  const turn = (turnNo: number, stage: string, blockedUtterances = 0) =>
    newEvent(EVENTS.callTurn, origin(), { ...ref, turn: turnNo, stage, next: 'listen', sentiment: 0, cues: [], latency: [{ stage: 'understand', ms: 120 }], utterances: 1, blockedUtterances });
  const events: EventEnvelope[] = [
    newEvent(EVENTS.callDialled, origin(), { ...ref, provider: 'telnyx' }),
    newEvent(EVENTS.callAnswered, origin(), { ...ref, answeredBy }),
  ];
  let handoff: EventEnvelope<DeskHandoffV1> | undefined;
  if (answeredBy === 'human') {
    events.push(turn(0, 'verify_name'), turn(1, 'verify_factor', 1), turn(2, 'conversation'));
    if (o.linkSent) events.push(newEvent(EVENTS.callLinkSent, origin(), { ...ref, smsStepId: randomUUID(), code: 'AbCdEfGh1234' }));
    events.push(newEvent(EVENTS.callToolCalled, origin(), { ...ref, tool: 'send_payment_link', ok: true }));
    if (o.escalate) {
      const handoffId = randomUUID();
      events.push(newEvent(EVENTS.callEscalated, origin(), { ...ref, handoffId, reason: 'signal:hardship', transferred: true }));
      handoff = newEvent(EVENTS.deskHandoff, origin(), {
        ...ref, handoffId,
        who: { firstName: 'Anna', fullName: FULL_NAME, language: 'de', jurisdiction: 'DE', verified: true },
        owed: { amountDue: { amountMinor: 4250, currency: 'EUR' }, merchantName: 'Nordic Bikes', orderRef: 'ORD-1001', dueDate: '2026-03-01', why: 'Instalment 2 of 4 for Nordic Bikes' },
        actions: [{ tool: 'send_payment_link', ok: true, facts: { code: 'AbCdEfGh1234' } }],
        transcript: [
          { speaker: 'agent', text: `Hallo ${FULL_NAME}, hier spricht ein KI-Assistent von Acme.`, at: '2026-03-02T10:00:10Z' },
          { speaker: 'debtor', text: TRANSCRIPT_WORDS, at: '2026-03-02T10:00:20Z' },
        ],
        whyEscalated: 'hardship signals', suggestedNextStep: 'offer a payment holiday', transferredTo: '+4930123456', decidedAt: '2026-03-02T10:01:00Z',
      });
      events.push(handoff);
    }
  }
  events.push(
    newEvent(EVENTS.callEnded, origin(), {
      ...ref, outcome: o.outcome ?? (answeredBy === 'machine' ? 'machine_message_left' : 'link_sent'), answeredBy, durationSeconds: o.durationSeconds ?? 95,
      cost: o.cost ?? { telephonyMicroUsd: 12_000, llmMicroUsd: 3_500, totalMicroUsd: 15_500 }, turns: answeredBy === 'human' ? 3 : 0, endReason: 'normal_clearing',
    }),
  );
  return { command, events: events.map(valid), callId: ref.callId, ...(handoff ? { handoff } : {}) };
}

export function planAgreed(p: Party, over: Partial<PlanAgreedV1> = {}): EventEnvelope<PlanAgreedV1> {
  const instalment = (n: number) => ({ number: n, dueDate: `2026-0${3 + n}-01`, amount: { amountMinor: 2125, currency: 'EUR' } });
  return valid(
    newEvent(EVENTS.planAgreed, { ...p, producer: 'negotiation', occurredAt: at() }, {
      planId: randomUUID(), externalAccountRef: 'acc-1', caseId: p.caseId, source: 'voice', kind: 'reduced_instalments', instalments: [instalment(1), instalment(2)],
      total: { amountMinor: 4250, currency: 'EUR' }, fee: { amountMinor: 0, currency: 'EUR' }, lenderPlanRef: 'LP-1', agreedAt: '2026-03-02T10:02:00Z', ...over,
    }),
  );
}

/** What follows an agreed plan: an instalment paid, one missed, then `completed` or `broken`. */
export function planFollowUps(p: Party, plan: EventEnvelope<PlanAgreedV1>, end: 'completed' | 'broken'): EventEnvelope[] {
  const ref = { planId: plan.data.planId, externalAccountRef: plan.data.externalAccountRef, caseId: p.caseId };
  const origin = () => ({ ...p, producer: 'negotiation' as const, occurredAt: at(), cause: plan });
  const inPlanCurrency = (amountMinor: number) => ({ amountMinor, currency: plan.data.total.currency });
  const [first, second] = plan.data.instalments.map((i) => i.amount.amountMinor);
  return [
    newEvent(EVENTS.planInstalmentPaid, origin(), { ...ref, instalmentNumber: 1, amount: inPlanCurrency(first), remaining: inPlanCurrency(second) }),
    newEvent(EVENTS.planInstalmentMissed, origin(), { ...ref, instalmentNumber: 2, amountDue: inPlanCurrency(second), dueDate: '2026-05-01', missesSoFar: 1, action: 'remind' }),
    end === 'completed'
      ? newEvent(EVENTS.planCompleted, origin(), { ...ref, totalPaid: inPlanCurrency(first + second) })
      : newEvent(EVENTS.planBroken, origin(), { ...ref, missesSoFar: 2, reason: 'two instalments missed', outstanding: inPlanCurrency(second) }),
  ].map(valid);
}

export function planReviewRequested(p: Party): EventEnvelope {
  return valid(
    newEvent(EVENTS.planReviewRequested, { ...p, producer: 'negotiation', occurredAt: at() }, {
      externalAccountRef: 'acc-1', caseId: p.caseId, source: 'voice', reason: 'the requested deferral exceeds the tenant policy', ruleId: 'eu.gdpr.art22.human_review',
    }),
  );
}

/** Publishes envelopes on their own topics (voice commands, call events, desk hand-offs, plan events), keyed as producers key them. */
export async function publish(kafka: TestKafka, events: (EventEnvelope | { topic: string; key: string; value: string })[]): Promise<void> {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const e of events) {
    const [topic, message] = 'topic' in e ? [e.topic, { key: e.key, value: e.value }] : [topicOf(e), { key: recordKey(e), value: JSON.stringify(e) }];
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
  }
  const producer = kafka.kafka.producer();
  await producer.connect();
  try {
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: kafka.topics.physical(topic), messages })) });
  } finally {
    await producer.disconnect();
  }
}

function topicOf(event: EventEnvelope): string {
  const definition = eventDefinition(event.type, event.version);
  if (!definition) throw new Error(`no topic for ${event.type} v${event.version}`);
  return definition.topic;
}
