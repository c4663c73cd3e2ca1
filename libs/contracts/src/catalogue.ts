import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, ServiceName } from './envelope';
import { AccountClosedV1, AccountUpdatedV1, DisputeOpenedV1, DisputeResolvedV1, HardshipFlaggedV1, InstalmentMissedV1, PaymentReceivedV1 } from './events/account-events';
import { CaseOutcomeV1 } from './events/analytics-events';
import { PlanAgreedV1, PlanBrokenV1, PlanCompletedV1, PlanInstalmentMissedV1, PlanInstalmentPaidV1, PlanReviewRequestedV1 } from './events/plan-events';
import { PLAN_EVENTS_V1, TENANT_EVENTS_V1 } from './topics';
import { TenantProfileChangedV1 } from './events/tenant-events';
import { CaseClosedV1, CaseEscalatedV1, CaseOpenedV1, CaseStatusChangedV1, ContactBlockedV1, ContactDeferredV1 } from './events/case-events';
import { SmsBlockedV1, SmsDeliveredV1, SmsFailedV1, SmsReplyReceivedV1, SmsRequestedV1, SmsSentV1 } from './events/sms-events';
import { PaymentLinkCheckoutStartedV1, PaymentLinkOpenedV1, PaymentLinkPlanChosenV1, PaymentLinkPlansViewedV1 } from './events/payment-link-events';
import { EmailBlockedV1, EmailBouncedV1, EmailDeliveredV1, EmailEngagementV1, EmailFailedV1, EmailRequestedV1, EmailSentV1 } from './events/email-events';
import {
  CallAnsweredV1, CallDialledV1, CallEndedV1, CallEscalatedV1, CallLinkClickedV1, CallLinkSentV1, CallPaymentSeenV1, CallToolCalledV1, CallTurnV1, DeskHandoffV1,
  VoiceRequestedV1,
} from './events/voice-events';
import {
  DESK_HANDOFFS_V1, VOICE_COMMANDS_V1, VOICE_EVENTS_V1,
  ACCOUNT_EVENTS_V1, ANALYTICS_OUTCOMES_V1, CASE_EVENTS_V1, EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, PAYMENT_LINK_EVENTS_V1, SMS_COMMANDS_V1, SMS_EVENTS_V1,
} from './topics';
import { FieldError, validateAs } from './validation';

export interface EventDefinition<T extends object = object> {
  type: string;
  version: number;
  topic: string;
  payload: new () => T;
  description: string;
}

function defineEvent<T extends object>(
  type: string,
  version: number,
  topic: string,
  payload: new () => T,
  description: string,
): EventDefinition<T> {
  return { type, version, topic, payload, description };
}

export const EVENTS = {
  instalmentMissed: defineEvent('account.instalment_missed', 1, ACCOUNT_EVENTS_V1, InstalmentMissedV1, 'An instalment was not paid.'),
  paymentReceived: defineEvent('account.payment_received', 1, ACCOUNT_EVENTS_V1, PaymentReceivedV1, 'Money arrived on the account.'),
  disputeOpened: defineEvent('account.dispute_opened', 1, ACCOUNT_EVENTS_V1, DisputeOpenedV1, 'The debtor disputes a charge.'),
  disputeResolved: defineEvent('account.dispute_resolved', 1, ACCOUNT_EVENTS_V1, DisputeResolvedV1, 'A dispute was upheld or rejected.'),
  accountUpdated: defineEvent('account.updated', 1, ACCOUNT_EVENTS_V1, AccountUpdatedV1, 'Contact details or consent changed.'),
  hardshipFlagged: defineEvent('account.hardship_flagged', 1, ACCOUNT_EVENTS_V1, HardshipFlaggedV1, 'Hardship, vulnerability, bereavement or breathing space.'),
  accountClosed: defineEvent('account.closed', 1, ACCOUNT_EVENTS_V1, AccountClosedV1, 'The lender closed or wrote off the account.'),
  caseOpened: defineEvent('case.opened', 1, CASE_EVENTS_V1, CaseOpenedV1, 'A recovery case was opened.'),
  caseClosed: defineEvent('case.closed', 1, CASE_EVENTS_V1, CaseClosedV1, 'A recovery case ended.'),
  caseStatusChanged: defineEvent('case.status_changed', 1, CASE_EVENTS_V1, CaseStatusChangedV1, 'A recovery case changed status, with why.'),
  caseEscalated: defineEvent('case.escalated', 1, CASE_EVENTS_V1, CaseEscalatedV1, 'A human takes the case over.'),
  contactBlocked: defineEvent('contact.blocked', 1, CASE_EVENTS_V1, ContactBlockedV1, 'The compliance gate refused a contact.'),
  contactDeferred: defineEvent('contact.deferred', 1, CASE_EVENTS_V1, ContactDeferredV1, 'The compliance gate moved a contact later.'),
  smsRequested: defineEvent('sms.requested', 1, SMS_COMMANDS_V1, SmsRequestedV1, 'Send one SMS for one workflow step.'),
  smsSent: defineEvent('sms.sent', 1, SMS_EVENTS_V1, SmsSentV1, 'The SMS provider accepted the message.'),
  smsReplyReceived: defineEvent('sms.reply_received', 1, SMS_EVENTS_V1, SmsReplyReceivedV1, 'The debtor replied to an SMS (STOP, HELP, already paid…).'),
  smsFailed: defineEvent('sms.failed', 1, SMS_EVENTS_V1, SmsFailedV1, 'The SMS was not sent, or (code undelivered) the carrier could not deliver it.'),
  smsBlocked: defineEvent('sms.blocked', 1, SMS_EVENTS_V1, SmsBlockedV1, 'The last-moment compliance gate deferred or blocked the SMS; nothing was sent.'),
  smsDelivered: defineEvent('sms.delivered', 1, SMS_EVENTS_V1, SmsDeliveredV1, 'The carrier delivered the SMS (delivery receipt).'),
  emailRequested: defineEvent('email.requested', 1, EMAIL_COMMANDS_V1, EmailRequestedV1, 'Send one email for one workflow step.'),
  emailSent: defineEvent('email.sent', 1, EMAIL_EVENTS_V1, EmailSentV1, 'The SMTP server accepted the email.'),
  emailFailed: defineEvent('email.failed', 1, EMAIL_EVENTS_V1, EmailFailedV1, 'The email was not sent.'),
  emailBounced: defineEvent('email.bounced', 1, EMAIL_EVENTS_V1, EmailBouncedV1, 'The email bounced.'),
  emailBlocked: defineEvent('email.blocked', 1, EMAIL_EVENTS_V1, EmailBlockedV1, 'Not sent: the last-moment compliance gate deferred or blocked it, or the address is suppressed.'),
  emailDelivered: defineEvent('email.delivered', 1, EMAIL_EVENTS_V1, EmailDeliveredV1, 'The receiving mail server accepted the email for the mailbox.'),
  emailEngagement: defineEvent('email.engagement', 1, EMAIL_EVENTS_V1, EmailEngagementV1, 'Opened, clicked, unsubscribed or complained.'),
  paymentLinkOpened: defineEvent('paylink.opened', 1, PAYMENT_LINK_EVENTS_V1, PaymentLinkOpenedV1, 'A debtor opened a payment link.'),
  paymentLinkCheckoutStarted: defineEvent('paylink.checkout_started', 1, PAYMENT_LINK_EVENTS_V1, PaymentLinkCheckoutStartedV1, 'A debtor went on to the lender\u2019s checkout.'),
  paymentLinkPlansViewed: defineEvent('paylink.plans_viewed', 1, PAYMENT_LINK_EVENTS_V1, PaymentLinkPlansViewedV1, 'A debtor opened the plans page behind a payment link.'),
  paymentLinkPlanChosen: defineEvent('paylink.plan_chosen', 1, PAYMENT_LINK_EVENTS_V1, PaymentLinkPlanChosenV1, 'A debtor chose a plan on the plans page and it was agreed.'),
  voiceRequested: defineEvent('voice.requested', 1, VOICE_COMMANDS_V1, VoiceRequestedV1, 'Place one AI call for one workflow step.'),
  callDialled: defineEvent('call.dialled', 1, VOICE_EVENTS_V1, CallDialledV1, 'The telephony provider accepted the outbound call.'),
  callAnswered: defineEvent('call.answered', 1, VOICE_EVENTS_V1, CallAnsweredV1, 'The call was answered, by a person or a machine.'),
  callTurn: defineEvent('call.turn', 1, VOICE_EVENTS_V1, CallTurnV1, 'One exchange of the conversation: intent, signals, latency per stage.'),
  callToolCalled: defineEvent('call.tool_called', 1, VOICE_EVENTS_V1, CallToolCalledV1, 'The agent used a tool during the call.'),
  callLinkSent: defineEvent('call.link_sent', 1, VOICE_EVENTS_V1, CallLinkSentV1, 'The payment link was texted during the call.'),
  callLinkClicked: defineEvent('call.link_clicked', 1, VOICE_EVENTS_V1, CallLinkClickedV1, 'The debtor opened the link while on the call.'),
  callPaymentSeen: defineEvent('call.payment_seen', 1, VOICE_EVENTS_V1, CallPaymentSeenV1, 'A payment arrived while on the call.'),
  callEscalated: defineEvent('call.escalated', 1, VOICE_EVENTS_V1, CallEscalatedV1, 'The call was handed to a human with a case file.'),
  callEnded: defineEvent('call.ended', 1, VOICE_EVENTS_V1, CallEndedV1, 'The call ended: outcome, duration and cost.'),
  deskHandoff: defineEvent('desk.handoff', 1, DESK_HANDOFFS_V1, DeskHandoffV1, 'A case file for the human who takes an escalated call over.'),
  planAgreed: defineEvent('plan.agreed', 1, PLAN_EVENTS_V1, PlanAgreedV1, 'A restructured plan was agreed and written back to the lender\u2019s platform.'),
  planInstalmentPaid: defineEvent('plan.instalment_paid', 1, PLAN_EVENTS_V1, PlanInstalmentPaidV1, 'An instalment of an agreed plan was paid.'),
  planInstalmentMissed: defineEvent('plan.instalment_missed', 1, PLAN_EVENTS_V1, PlanInstalmentMissedV1, 'An instalment of an agreed plan was missed; the tenant rule says what follows.'),
  planCompleted: defineEvent('plan.completed', 1, PLAN_EVENTS_V1, PlanCompletedV1, 'Every instalment of an agreed plan was paid.'),
  planBroken: defineEvent('plan.broken', 1, PLAN_EVENTS_V1, PlanBrokenV1, 'An agreed plan was cancelled by missed instalments; the case re-enters the workflow.'),
  planReviewRequested: defineEvent('plan.review_requested', 1, PLAN_EVENTS_V1, PlanReviewRequestedV1, 'An automated refusal to restructure: review by a person is offered (GDPR Art. 22).'),
  tenantProfileChanged: defineEvent('tenant.profile_changed', 1, TENANT_EVENTS_V1, TenantProfileChangedV1, 'A tenant was created or its white-label profile changed: the whole profile, with its version.'),
  caseOutcome: defineEvent('analytics.case_outcome', 1, ANALYTICS_OUTCOMES_V1, CaseOutcomeV1, 'How a case ended, for data teams.'),
} as const;

export const EVENT_DEFINITIONS: readonly EventDefinition[] = Object.values(EVENTS);

export function eventDefinition(type: string, version: number): EventDefinition | undefined {
  return EVENT_DEFINITIONS.find((d) => d.type === type && d.version === version);
}

export interface EventOrigin {
  tenantId: string;
  accountId: string;
  caseId?: string;
  producer: ServiceName;
  occurredAt: Date;
  /** The event that caused this one; its correlation id is carried on. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  id?: string;
}

export function newEvent<T extends object>(definition: EventDefinition<T>, origin: EventOrigin, data: T): EventEnvelope<T> {
  const id = origin.id ?? uuidv7();
  return {
    id,
    type: definition.type,
    version: definition.version,
    tenantId: origin.tenantId,
    accountId: origin.accountId,
    ...(origin.caseId ? { caseId: origin.caseId } : {}),
    occurredAt: origin.occurredAt.toISOString(),
    producer: origin.producer,
    correlationId: origin.cause?.correlationId ?? id,
    ...(origin.cause ? { causationId: origin.cause.id } : {}),
    data,
  };
}

export type ParsedEvent = { ok: true; event: EventEnvelope; definition: EventDefinition } | { ok: false; errors: FieldError[] };

/** Reads and validates one record value: the envelope, then the payload its type names. */
export function parseEvent(raw: Buffer | string | null): ParsedEvent {
  if (raw === null) return { ok: false, errors: [{ field: '$', problem: 'record has no value' }] };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch (error) {
    return { ok: false, errors: [{ field: '$', problem: `not JSON: ${(error as Error).message}` }] };
  }
  const envelope = validateAs(EventEnvelope, json);
  if (!envelope.ok) return envelope;
  const definition = eventDefinition(envelope.value.type, envelope.value.version);
  if (!definition) {
    return { ok: false, errors: [{ field: 'type', problem: `unknown event ${envelope.value.type} v${envelope.value.version}` }] };
  }
  const data = validateAs(definition.payload, envelope.value.data);
  if (!data.ok) return { ok: false, errors: data.errors.map((e) => ({ ...e, field: `data.${e.field}` })) };
  return { ok: true, event: { ...envelope.value, data: data.value }, definition };
}

export function isEvent<T extends object>(event: EventEnvelope, definition: EventDefinition<T>): event is EventEnvelope<T> {
  return event.type === definition.type && event.version === definition.version;
}
