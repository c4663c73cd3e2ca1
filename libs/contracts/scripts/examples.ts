import {
  EmailBouncedV1, EmailEngagementV1, EmailFailedV1, EmailRequestedV1, EmailSentV1,
  AccountClosedV1, AccountUpdatedV1, CaseEscalatedV1, CaseStatusChangedV1, DisputeOpenedV1, DisputeResolvedV1, HardshipFlaggedV1,
  LenderAccountClosed, LenderAccountUpdated, LenderChargeDisputed, LenderDisputeResolved, LenderEvent, LenderHardshipFlagged,
  CaseClosedV1, CaseOpenedV1, CaseOutcomeV1, ContactBlockedV1, ContactDeferredV1, EVENTS, EventDefinition, EventEnvelope,
  InstalmentMissedV1, LenderInstalmentMissed, LenderPaymentReceived, PaymentReceivedV1, SmsFailedV1, SmsRequestedV1,
  SmsSentV1, TENANT_EVENTS_V1, TOPICS, TenantProfileChangedV1, accountIdFor, newEvent,
} from '../src';

/**
 * One realistic, valid record per contract, shown in the JSON Schemas and the AsyncAPI document and
 * checked against the runtime validators by contract-artifacts.spec.ts. Fixed ids and instants keep
 * the generated artifacts byte-for-byte stable. All personal data here is invented.
 */

export const EXAMPLE_TENANT_ID = '8f14e45f-ceea-4d6e-9c21-3b5a7d2e1f04';
export const EXAMPLE_ACCOUNT_REF = 'ACC-100234';
export const EXAMPLE_ACCOUNT_ID = accountIdFor(EXAMPLE_TENANT_ID, EXAMPLE_ACCOUNT_REF);
export const EXAMPLE_CASE_ID = '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71';
export const EXAMPLE_STEP_ID = '0195a3c2-7f20-7c11-9b2e-4d6f8a0b1c23';
export const EXAMPLE_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const CONTACT = { phone: '+4915112345678', firstName: 'Jonas', language: 'de', timeZone: 'Europe/Berlin', country: 'DE' };
const AMOUNT_DUE = { amountMinor: 4999, currency: 'EUR' };

const instalmentMissed: InstalmentMissedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQ7Z3K9W2M',
  contact: CONTACT,
  instalment: {
    orderRef: 'ORD-58213',
    merchantName: 'Fahrradladen Weber',
    instalmentNumber: 2,
    instalmentsTotal: 4,
    amountDue: AMOUNT_DUE,
    dueDate: '2025-03-01',
    daysPastDue: 14,
  },
};

const paymentReceived: PaymentReceivedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQ8A4T2C7D',
  amount: AMOUNT_DUE,
  paidAt: '2025-03-17T09:12:44Z',
  orderRef: 'ORD-58213',
  settlesBalance: true,
};

const caseOpened: CaseOpenedV1 = {
  caseId: EXAMPLE_CASE_ID,
  cause: 'instalment_missed',
  amountDue: AMOUNT_DUE,
  daysPastDue: 14,
  workflowId: 'skeleton-sms-v1',
};

const caseClosed: CaseClosedV1 = {
  caseId: EXAMPLE_CASE_ID,
  outcome: 'resolved',
  reason: 'paid in full',
  amountRecovered: AMOUNT_DUE,
  contactsSent: 2,
};

const contactBlocked: ContactBlockedV1 = {
  caseId: EXAMPLE_CASE_ID,
  stepId: EXAMPLE_STEP_ID,
  channel: 'sms',
  ruleIds: ['consent.opt-out'],
  reasons: ['the debtor opted out of sms'],
};

const contactDeferred: ContactDeferredV1 = {
  caseId: EXAMPLE_CASE_ID,
  stepId: EXAMPLE_STEP_ID,
  channel: 'sms',
  ruleIds: ['hours.default.0800-2100'],
  reasons: ['outside 08:00–21:00 in Europe/Berlin; next lawful moment 2025-03-16T07:00:00.000Z'],
  until: '2025-03-16T07:00:00.000Z',
};

const smsRequested: SmsRequestedV1 = {
  stepId: EXAMPLE_STEP_ID,
  caseId: EXAMPLE_CASE_ID,
  to: '+4915112345678',
  senderId: 'RatenNord',
  originationNumber: '+4915790001234',
  language: 'de',
  tone: 'friendly',
  firstName: 'Jonas',
  brandName: 'Ratenkauf Nord',
  merchantName: 'Fahrradladen Weber',
  amountDue: AMOUNT_DUE,
  dueDate: '2025-03-01',
  paymentLink: { code: 'k7Qm2xR9pL4w', url: 'https://pay.settle.dev/k7Qm2xR9pL4w' },
  disclosures: [],
  compliance: {
    jurisdiction: 'DE',
    timeZones: ['Europe/Berlin'],
    decidedAt: '2025-03-16T07:00:00.000Z',
    optedOut: [],
    holds: [],
    history: [{ channel: 'email', at: '2025-03-12T09:00:00.000Z', kind: 'attempt', debtId: EXAMPLE_CASE_ID }],
  },
};

const smsBlocked = {
  stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, outcome: 'defer' as const, ruleIds: ['de.policy.hours'],
  reasons: ['outside 08:00-21:00 local time (no statutory collection hours) in Europe/Berlin'], until: '2025-03-17T07:00:00.000Z',
};
const smsDelivered = {
  stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, providerMessageId: 'SM5f2c0b6e9a4d4c1e8b7a6f5e4d3c2b1a', providerResponse: 'Message has been accepted by phone carrier',
};

const smsSent: SmsSentV1 = {
  stepId: EXAMPLE_STEP_ID,
  caseId: EXAMPLE_CASE_ID,
  providerMessageId: 'SM5f2c0b6e9a4d4c1e8b7a6f5e4d3c2b1a',
  segments: 1,
  encoding: 'GSM-7',
};

const smsFailed: SmsFailedV1 = {
  stepId: EXAMPLE_STEP_ID,
  caseId: EXAMPLE_CASE_ID,
  code: 'invalid_number',
  reason: 'the provider reports the number as unreachable',
  retryable: false,
};

const PLAN_ID = '0195a3c2-b001-7a12-8b23-9c34d5e6f701';
const planRef = { planId: PLAN_ID, externalAccountRef: EXAMPLE_ACCOUNT_REF, caseId: EXAMPLE_CASE_ID };
const planAgreed = {
  ...planRef,
  source: 'voice' as const,
  kind: 'term_extension' as const,
  instalments: [
    { number: 1, dueDate: '2025-04-01', amount: { amountMinor: 3333, currency: 'EUR' } },
    { number: 2, dueDate: '2025-05-01', amount: { amountMinor: 3333, currency: 'EUR' } },
    { number: 3, dueDate: '2025-06-01', amount: { amountMinor: 3332, currency: 'EUR' } },
  ],
  total: { amountMinor: 9998, currency: 'EUR' },
  fee: { amountMinor: 0, currency: 'EUR' },
  lenderPlanRef: 'PLAN-7F3A9C21',
  agreedAt: '2025-03-18T09:01:30.000Z',
};
const planInstalmentPaid = { ...planRef, instalmentNumber: 1, amount: { amountMinor: 3333, currency: 'EUR' }, remaining: { amountMinor: 6665, currency: 'EUR' } };
const planInstalmentMissed = { ...planRef, instalmentNumber: 2, amountDue: { amountMinor: 3333, currency: 'EUR' }, dueDate: '2025-05-01', missesSoFar: 1, action: 'remind' as const };
const planCompleted = { ...planRef, totalPaid: { amountMinor: 9998, currency: 'EUR' } };
const planBroken = { ...planRef, missesSoFar: 2, reason: '2 instalments missed: the tenant rule cancels the plan at 2', outstanding: { amountMinor: 6665, currency: 'EUR' } };
const planReviewRequested = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  caseId: EXAMPLE_CASE_ID,
  source: 'voice' as const,
  reason: 'reschedule limit reached (2 of 2): no automated restructuring; a person must review the request',
  ruleId: 'eu.gdpr.art22.human_review',
};

const caseOutcome: CaseOutcomeV1 = {
  caseId: EXAMPLE_CASE_ID,
  outcome: 'resolved',
  amountRecovered: AMOUNT_DUE,
  smsSent: 2,
  secondsToOutcome: 172800,
};

const disputeOpened: DisputeOpenedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQ9D1S5P3E',
  disputeId: 'DSP-4410',
  orderRef: 'ORD-58213',
  reason: 'item not received',
};

const disputeResolved: DisputeResolvedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQB2R6Q8F1',
  disputeId: 'DSP-4410',
  outcome: 'rejected',
};

const accountUpdated: AccountUpdatedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQC7U2V4G9',
  contact: { ...CONTACT, timeZone: 'Europe/Vienna', country: 'AT', language: 'de-AT' },
  consent: { optOut: ['voice'] },
};

const hardshipFlagged: HardshipFlaggedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQD3W7X1H2',
  kind: 'breathing_space',
  until: '2025-05-16',
};

const accountClosed: AccountClosedV1 = {
  externalAccountRef: EXAMPLE_ACCOUNT_REF,
  lenderEventId: 'evt_01HQE8Y9Z3J4',
  kind: 'written_off',
};

const caseStatusChanged: CaseStatusChangedV1 = {
  caseId: EXAMPLE_CASE_ID,
  from: 'reminding',
  to: 'disputed',
  reason: 'the debtor disputes the charge',
  causeEventId: '0195a4b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
};

const caseEscalated: CaseEscalatedV1 = {
  caseId: EXAMPLE_CASE_ID,
  reason: 'hardship flagged by the lender',
  amountDue: AMOUNT_DUE,
  contactsSent: 1,
  suggestedNextStep: 'offer a payment holiday or reduced instalments; signpost free debt advice',
};

const emailRequested: EmailRequestedV1 = {
  stepId: EXAMPLE_STEP_ID,
  caseId: EXAMPLE_CASE_ID,
  to: 'jonas.weber@example.com',
  language: 'de',
  tone: 'reminder',
  firstName: 'Jonas',
  brandName: 'Acme Pay',
  merchantName: 'Fahrradladen Weber',
  orderRef: 'ORD-58213',
  amountDue: AMOUNT_DUE,
  dueDate: '2025-03-01',
  paymentLink: { code: 'Xq7PzK2mWb9L', url: 'https://pay.acme.example/p/Xq7PzK2mWb9L' },
  disclosures: [],
  from: 'Acme Pay <reminders@acme.example>',
  tracking: true,
};

const emailSent: EmailSentV1 = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, providerMessageId: '<0195a3c2.7f26@mail.acme.example>' };
const emailFailed: EmailFailedV1 = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, code: 'invalid_address', reason: 'the domain has no mail server', retryable: false };
const emailBounced: EmailBouncedV1 = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, kind: 'hard', reason: '550 5.1.1 user unknown' };
const emailEngagement: EmailEngagementV1 = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, kind: 'clicked' };
const emailBlocked = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, outcome: 'block' as const, ruleIds: ['email.suppressed'], reasons: ['the address hard-bounced: 550 5.1.1 user unknown'] };
const emailDelivered = { stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID, detail: '250 2.0.0 OK queued as 4Zk2qL' };

const smsReplyReceived = { caseId: EXAMPLE_CASE_ID, stepId: EXAMPLE_STEP_ID, intent: 'stop' as const, text: 'STOPP', language: 'de' };

const paymentLinkOpened = { caseId: EXAMPLE_CASE_ID, stepId: EXAMPLE_STEP_ID, code: 'Xq7PzK2mWb9L', channel: 'sms' as const };
const paymentLinkCheckoutStarted = { ...paymentLinkOpened, amount: AMOUNT_DUE };
const paymentLinkPlansViewed = { ...paymentLinkOpened, offered: ['deferral', 'term_extension'], reviewRequested: false };
const paymentLinkPlanChosen = { ...paymentLinkOpened, kind: 'term_extension', planId: '0195a3c2-9c10-7a41-8b52-c063d7e8f901' };

const CALL_REF = { callId: '0195a3c2-a001-7b12-8c23-9d34e5f6a701', stepId: EXAMPLE_STEP_ID, caseId: EXAMPLE_CASE_ID };
const voiceRequested = {
  stepId: EXAMPLE_STEP_ID,
  caseId: EXAMPLE_CASE_ID,
  to: '+4915112345678',
  language: 'de',
  tone: 'friendly' as const,
  firstName: 'Jonas',
  fullName: 'Jonas Becker',
  brandName: 'Ratenkauf Nord',
  merchantName: 'Fahrradladen Weber',
  amountDue: AMOUNT_DUE,
  dueDate: '2025-03-01',
  orderRef: 'ORD-58213',
  paymentLink: { code: 'k7Qm2xR9pL4w', url: 'https://pay.settle.dev/k7Qm2xR9pL4w' },
  disclosures: [],
  jurisdiction: 'DE',
  verification: { kind: 'postcode_digits' as const, expected: '201' },
  overdue: [{ orderRef: 'ORD-58213', merchantName: 'Fahrradladen Weber', instalmentNumber: 2, amountDue: AMOUNT_DUE, dueDate: '2025-03-01' }],
  contactsSoFar: 2,
  callbackNumber: '+4940123456789',
};
const callDialled = { ...CALL_REF, provider: 'telnyx' };
const callAnswered = { ...CALL_REF, answeredBy: 'human' as const };
const callTurn = {
  ...CALL_REF, turn: 3, intent: 'wants_link', stage: 'conversation', next: 'listen' as const, sentiment: 0.2, cues: [],
  latency: [{ stage: 'understand', ms: 2 }, { stage: 'policy', ms: 1 }, { stage: 'tools', ms: 9 }, { stage: 'guardrail', ms: 1 }], utterances: 1, blockedUtterances: 0,
};
const callToolCalled = { ...CALL_REF, tool: 'send_payment_link', ok: true };
const callLinkSent = { ...CALL_REF, smsStepId: '0195a3c2-a002-7c23-9d34-ae45f6a7b802', code: 'k7Qm2xR9pL4w' };
const callLinkClicked = { ...CALL_REF, code: 'k7Qm2xR9pL4w' };
const callPaymentSeen = { ...CALL_REF, amount: AMOUNT_DUE };
const callEscalated = { ...CALL_REF, handoffId: '0195a3c2-a003-7d34-ae45-bf56a7b8c903', reason: 'the debtor mentioned a bereavement', transferred: true };
const callEnded = {
  ...CALL_REF, outcome: 'paid' as const, answeredBy: 'human' as const, durationSeconds: 143, turns: 6, endReason: 'normal_clearing',
  cost: { telephonyMicroUsd: 30000, llmMicroUsd: 0, totalMicroUsd: 30000 },
};
const deskHandoff = {
  ...CALL_REF,
  handoffId: callEscalated.handoffId,
  who: { firstName: 'Jonas', fullName: 'Jonas Becker', language: 'de', jurisdiction: 'DE', verified: true },
  owed: { amountDue: AMOUNT_DUE, merchantName: 'Fahrradladen Weber', orderRef: 'ORD-58213', dueDate: '2025-03-01', why: 'instalment 2 of 4 for ORD-58213 was not paid', overdue: voiceRequested.overdue },
  contactsBeforeThisCall: 2,
  actions: [{ tool: 'get_account_status', ok: true, facts: { amountDueMinor: 4999, currency: 'EUR' } }],
  transcript: [
    { speaker: 'agent' as const, text: 'Guten Tag, hier ist Lena, eine KI-Assistentin von Ratenkauf Nord.', at: '2025-03-16T07:00:05.000Z' },
    { speaker: 'debtor' as const, text: 'Mein Vater ist letzte Woche gestorben.', at: '2025-03-16T07:00:40.000Z' },
  ],
  whyEscalated: 'the debtor mentioned a bereavement',
  suggestedNextStep: 'offer condolences and a payment holiday; pause contact for 30 days',
  transferredTo: '+4930123456789',
  decidedAt: '2025-03-16T07:00:41.000Z',
};

interface PayloadExample<T extends object> {
  definition: EventDefinition<T>;
  data: T;
  id: string;
  occurredAt: string;
  /** Events after the lender's fact are caused by it and share its correlation id. */
  causedByFirst: boolean;
  withCase: boolean;
}

function example<T extends object>(
  definition: EventDefinition<T>, data: T, id: string, occurredAt: string, causedByFirst = true, withCase = true,
): PayloadExample<object> {
  return { definition, data, id, occurredAt, causedByFirst, withCase } as unknown as PayloadExample<object>;
}

const tenantProfileChanged: TenantProfileChangedV1 = {
  profileVersion: 3,
  displayName: 'Acme Pay',
  brandColour: '#2451b7',
  logoUrl: 'https://cdn.acme.example/logo.svg',
  defaultLanguage: 'de',
  defaultTone: 'warm',
  jurisdictions: ['DE', 'AT'],
  smsSenderId: 'AcmePay',
  emailFrom: 'Acme Pay <reminders@acme.example>',
  callbackPhone: '+4930123456789',
};

const FIRST_EVENT_ID = '0195a3c2-5b00-7a3e-8c4d-1e2f3a4b5c6d';

const PAYLOAD_EXAMPLES: readonly PayloadExample<object>[] = [
  example(EVENTS.instalmentMissed, instalmentMissed, FIRST_EVENT_ID, '2025-03-15T08:30:00.000Z', false, false),
  example(EVENTS.paymentReceived, paymentReceived, '0195a9e1-3c40-7d2b-a1f0-5e6d7c8b9a01', '2025-03-17T09:12:44.000Z', false, true),
  example(EVENTS.caseOpened, caseOpened, '0195a3c2-6d1f-7c02-b3a4-5c6d7e8f9a0b', '2025-03-15T08:30:01.000Z'),
  example(EVENTS.caseClosed, caseClosed, '0195a9e1-3d10-7e4c-8b2a-6f7e8d9c0b1a', '2025-03-17T09:12:45.000Z'),
  example(EVENTS.contactBlocked, contactBlocked, '0195a3c2-7f21-7d3e-9c4b-6a7b8c9d0e1f', '2025-03-15T08:30:02.000Z'),
  example(EVENTS.contactDeferred, contactDeferred, '0195a3c2-7f22-7e4f-8d5c-7b8c9d0e1f2a', '2025-03-15T21:40:00.000Z'),
  example(EVENTS.smsRequested, smsRequested, '0195a3c2-7f23-7f50-9e6d-8c9d0e1f2a3b', '2025-03-16T07:00:00.000Z'),
  example(EVENTS.smsSent, smsSent, '0195a3c2-7f24-7061-8f7e-9d0e1f2a3b4c', '2025-03-16T07:00:02.000Z'),
  example(EVENTS.smsFailed, smsFailed, '0195a3c2-7f25-7172-a08f-0e1f2a3b4c5d', '2025-03-16T07:00:03.000Z'),
  example(EVENTS.disputeOpened, disputeOpened, '0195a4b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f', '2025-03-16T10:00:00.000Z', false, false),
  example(EVENTS.disputeResolved, disputeResolved, '0195a5c1-2b3c-7d4e-9f50-6b7c8d9e0f1a', '2025-03-20T10:00:00.000Z', false, false),
  example(EVENTS.accountUpdated, accountUpdated, '0195a6d2-3c4d-7e5f-a061-7c8d9e0f1a2b', '2025-03-16T11:00:00.000Z', false, false),
  example(EVENTS.hardshipFlagged, hardshipFlagged, '0195a7e3-4d5e-7f60-b172-8d9e0f1a2b3c', '2025-03-16T12:00:00.000Z', false, false),
  example(EVENTS.accountClosed, accountClosed, '0195a8f4-5e6f-7071-8283-9e0f1a2b3c4d', '2025-06-30T12:00:00.000Z', false, false),
  example(EVENTS.caseStatusChanged, caseStatusChanged, '0195a4b0-1a2c-7d4e-9f50-6b7c8d9e0f1b', '2025-03-16T10:00:01.000Z'),
  example(EVENTS.caseEscalated, caseEscalated, '0195a7e3-4d5f-7061-8273-9e0f1a2b3c4e', '2025-03-16T12:00:01.000Z'),
  example(EVENTS.emailRequested, emailRequested, '0195a3c2-8a01-7b12-8c23-9d34e5f6a7b8', '2025-03-17T08:00:00.000Z'),
  example(EVENTS.emailSent, emailSent, '0195a3c2-8a02-7c23-9d34-ae45f6a7b8c9', '2025-03-17T08:00:02.000Z'),
  example(EVENTS.emailFailed, emailFailed, '0195a3c2-8a03-7d34-ae45-bf56a7b8c9d0', '2025-03-17T08:00:03.000Z'),
  example(EVENTS.emailBounced, emailBounced, '0195a3c2-8a04-7e45-bf56-c067b8c9d0e1', '2025-03-17T08:05:00.000Z'),
  example(EVENTS.emailEngagement, emailEngagement, '0195a3c2-8a05-7f56-8067-d178c9d0e1f2', '2025-03-17T09:10:00.000Z'),
  example(EVENTS.smsReplyReceived, smsReplyReceived, '0195a3c2-7f26-7283-b19f-1f2a3b4c5d6e', '2025-03-16T07:05:00.000Z'),
  example(EVENTS.smsBlocked, smsBlocked, '0195a3c2-7f27-7394-a2b0-2a3b4c5d6e7f', '2025-03-16T07:00:01.000Z'),
  example(EVENTS.smsDelivered, smsDelivered, '0195a3c2-7f28-74a5-b3c1-3b4c5d6e7f80', '2025-03-16T07:00:09.000Z'),
  example(EVENTS.emailBlocked, emailBlocked, '0195a3c2-8a06-7067-9178-e289d0e1f203', '2025-03-17T08:00:01.000Z'),
  example(EVENTS.emailDelivered, emailDelivered, '0195a3c2-8a07-7178-a289-f39ae1f20314', '2025-03-17T08:00:04.000Z'),
  example(EVENTS.paymentLinkOpened, paymentLinkOpened, '0195a3c2-9b01-7c12-8d23-ae34f5a6b7c8', '2025-03-16T07:10:00.000Z'),
  example(EVENTS.paymentLinkCheckoutStarted, paymentLinkCheckoutStarted, '0195a3c2-9b02-7d23-9e34-bf45a6b7c8d9', '2025-03-16T07:10:20.000Z'),
  example(EVENTS.paymentLinkPlansViewed, paymentLinkPlansViewed, '0195a3c2-9b03-7e34-8f45-c056b7c8d9ea', '2025-03-16T07:10:40.000Z'),
  example(EVENTS.paymentLinkPlanChosen, paymentLinkPlanChosen, '0195a3c2-9b04-7f45-9a56-d167c8d9eafb', '2025-03-16T07:11:05.000Z'),
  example(EVENTS.voiceRequested, voiceRequested, '0195a3c2-a010-7b12-8c23-9d34e5f6a710', '2025-03-18T09:00:00.000Z'),
  example(EVENTS.callDialled, callDialled, '0195a3c2-a011-7b12-8c23-9d34e5f6a711', '2025-03-18T09:00:01.000Z'),
  example(EVENTS.callAnswered, callAnswered, '0195a3c2-a012-7b12-8c23-9d34e5f6a712', '2025-03-18T09:00:09.000Z'),
  example(EVENTS.callTurn, callTurn, '0195a3c2-a013-7b12-8c23-9d34e5f6a713', '2025-03-18T09:00:40.000Z'),
  example(EVENTS.callToolCalled, callToolCalled, '0195a3c2-a014-7b12-8c23-9d34e5f6a714', '2025-03-18T09:00:41.000Z'),
  example(EVENTS.callLinkSent, callLinkSent, '0195a3c2-a015-7b12-8c23-9d34e5f6a715', '2025-03-18T09:00:41.000Z'),
  example(EVENTS.callLinkClicked, callLinkClicked, '0195a3c2-a016-7b12-8c23-9d34e5f6a716', '2025-03-18T09:01:10.000Z'),
  example(EVENTS.callPaymentSeen, callPaymentSeen, '0195a3c2-a017-7b12-8c23-9d34e5f6a717', '2025-03-18T09:02:00.000Z'),
  example(EVENTS.callEscalated, callEscalated, '0195a3c2-a018-7b12-8c23-9d34e5f6a718', '2025-03-18T09:00:41.000Z'),
  example(EVENTS.callEnded, callEnded, '0195a3c2-a019-7b12-8c23-9d34e5f6a719', '2025-03-18T09:02:24.000Z'),
  example(EVENTS.deskHandoff, deskHandoff, '0195a3c2-a01a-7b12-8c23-9d34e5f6a71a', '2025-03-18T09:00:41.000Z'),
  example(EVENTS.planAgreed, planAgreed, '0195a3c2-b010-7b12-8c23-9d34e5f6b710', '2025-03-18T09:01:31.000Z'),
  example(EVENTS.planInstalmentPaid, planInstalmentPaid, '0195a3c2-b011-7b12-8c23-9d34e5f6b711', '2025-04-01T08:00:00.000Z'),
  example(EVENTS.planInstalmentMissed, planInstalmentMissed, '0195a3c2-b012-7b12-8c23-9d34e5f6b712', '2025-05-02T08:00:00.000Z'),
  example(EVENTS.planCompleted, planCompleted, '0195a3c2-b013-7b12-8c23-9d34e5f6b713', '2025-06-01T08:00:00.000Z'),
  example(EVENTS.planBroken, planBroken, '0195a3c2-b014-7b12-8c23-9d34e5f6b714', '2025-06-02T08:00:00.000Z'),
  example(EVENTS.planReviewRequested, planReviewRequested, '0195a3c2-b015-7b12-8c23-9d34e5f6b715', '2025-03-18T09:01:20.000Z'),
  example(EVENTS.tenantProfileChanged, tenantProfileChanged, '0195a3c2-4a00-7a11-8b22-9c33d44e55f6', '2025-03-14T10:00:00.000Z', false, false),
  example(EVENTS.caseOutcome, caseOutcome, '0195a9e1-3d11-7f5d-9c3b-7a8b9c0d1e2f', '2025-03-17T09:12:46.000Z'),
];

/** The example record value of one event: a complete, valid envelope. */
export function exampleEnvelope(definition: EventDefinition): EventEnvelope {
  const found = PAYLOAD_EXAMPLES.find((e) => e.definition.type === definition.type && e.definition.version === definition.version);
  if (!found) {
    throw new Error(`no example for ${definition.type} v${definition.version}: add one to libs/contracts/scripts/examples.ts`);
  }
  const producer = TOPICS.find((t) => t.name === definition.topic)?.producer;
  if (!producer || producer === 'lender') throw new Error(`${definition.type}: topic ${definition.topic} has no Settle producer`);
  const event = newEvent(
    definition,
    {
      tenantId: EXAMPLE_TENANT_ID,
      // Tenant-wide facts name the tenant as their account (key `tenantId:tenantId`).
      accountId: definition.topic === TENANT_EVENTS_V1 ? EXAMPLE_TENANT_ID : EXAMPLE_ACCOUNT_ID,
      caseId: found.withCase ? EXAMPLE_CASE_ID : undefined,
      producer,
      occurredAt: new Date(found.occurredAt),
      cause: found.causedByFirst ? { id: FIRST_EVENT_ID, correlationId: FIRST_EVENT_ID } : undefined,
      id: found.id,
    },
    found.data,
  );
  return JSON.parse(JSON.stringify(event)) as EventEnvelope;
}

/** The Kafka headers Settle sets on an event record. */
export function exampleHeaders(event: EventEnvelope): Record<string, string> {
  return {
    'settle-event-id': event.id,
    'settle-event-type': event.type,
    'settle-event-version': String(event.version),
    'settle-tenant-id': event.tenantId,
    traceparent: EXAMPLE_TRACEPARENT,
    'content-type': 'application/json',
  };
}

const lenderInstalmentMissed: LenderInstalmentMissed = {
  eventId: 'evt_01HQ7Z3K9W2M',
  type: 'instalment.missed',
  occurredAt: '2025-03-15T08:29:57Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF, contact: CONTACT },
  instalment: instalmentMissed.instalment,
};

const lenderPaymentReceived: LenderPaymentReceived = {
  eventId: 'evt_01HQ8A4T2C7D',
  type: 'payment.received',
  occurredAt: '2025-03-17T09:12:44Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  payment: { amount: AMOUNT_DUE, paidAt: '2025-03-17T09:12:44Z', orderRef: 'ORD-58213', settlesBalance: true },
};

const lenderChargeDisputed: LenderChargeDisputed = {
  eventId: 'evt_01HQ9D1S5P3E',
  type: 'charge.disputed',
  occurredAt: '2025-03-16T10:00:00Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  dispute: { disputeId: 'DSP-4410', orderRef: 'ORD-58213', reason: 'item not received' },
};

const lenderDisputeResolved: LenderDisputeResolved = {
  eventId: 'evt_01HQB2R6Q8F1',
  type: 'dispute.resolved',
  occurredAt: '2025-03-20T10:00:00Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  dispute: { disputeId: 'DSP-4410', outcome: 'rejected' },
};

const lenderAccountUpdated: LenderAccountUpdated = {
  eventId: 'evt_01HQC7U2V4G9',
  type: 'account.updated',
  occurredAt: '2025-03-16T11:00:00Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  changes: { contact: accountUpdated.contact, consent: { optOut: ['voice'] } },
};

const lenderHardshipFlagged: LenderHardshipFlagged = {
  eventId: 'evt_01HQD3W7X1H2',
  type: 'hardship.flagged',
  occurredAt: '2025-03-16T12:00:00Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  hardship: { kind: 'breathing_space', until: '2025-05-16' },
};

const lenderAccountClosed: LenderAccountClosed = {
  eventId: 'evt_01HQE8Y9Z3J4',
  type: 'account.closed',
  occurredAt: '2025-06-30T12:00:00Z',
  account: { externalRef: EXAMPLE_ACCOUNT_REF },
  closure: { kind: 'written_off' },
};

/** Lender events as a lender sends them, by webhook or on the platform topic. */
export const LENDER_EVENT_EXAMPLES: readonly LenderEvent[] = [
  lenderInstalmentMissed,
  lenderPaymentReceived,
  lenderChargeDisputed,
  lenderDisputeResolved,
  lenderAccountUpdated,
  lenderHardshipFlagged,
  lenderAccountClosed,
];
