// The tools' arguments (JSON Schema, as given to an LLM) and the result fields the engines read.
// Implementations of AgentTools (apps/voice/src/calls, the browser adapter) answer in this shape;
// money is integer minor units with an ISO 4217 code, dates are ISO (YYYY-MM-DD).
import type { ToolName } from './ports';

export interface ToolSpec {
  name: ToolName;
  description: string;
  parameters: { type: 'object'; properties: Record<string, unknown>; required?: string[]; additionalProperties: false };
  /** Result fields (documentation for implementers). */
  returns: string;
}

const minor = { type: 'integer', minimum: 0, description: 'integer minor units (cents)' };
const currency = { type: 'string', pattern: '^[A-Z]{3}$' };
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

export const TOOL_SPECS: ToolSpec[] = [
  {
    name: 'get_account_status',
    description: "Live status of the debtor's account from the lender platform (amount due, paid or not).",
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    returns: '{ amountDueMinor, currency, status, paid: boolean }',
  },
  {
    name: 'send_payment_link',
    description: 'Text the debtor a secure payment link now, during the call. Amount defaults to the full amount due.',
    parameters: { type: 'object', properties: { amountMinor: minor, currency }, required: ['amountMinor', 'currency'], additionalProperties: false },
    returns: '{ code, amountMinor, currency }',
  },
  {
    name: 'propose_plan',
    description:
      'Ask the negotiation rules for a plan. Give upfrontMinor (paid today) and restDate for "part now, rest later", or affordableMinorPerMonth for instalments the debtor can afford.',
    parameters: {
      type: 'object',
      properties: {
        upfrontMinor: minor,
        restDate: isoDate,
        affordableMinorPerMonth: minor,
        instalmentCount: { type: 'integer', minimum: 1, maximum: 12 },
        instalments: { type: 'integer', minimum: 2, maximum: 12, description: 'number of instalments (call-side adapter name)' },
        firstDueDate: isoDate,
        monthlyAmountMinor: minor,
        currency,
      },
      additionalProperties: false,
    },
    returns: '{ options: [{ optionId, upfrontMinor, currency, instalments: [{ dueDate, amountMinor }] }] } or one proposal { planId, currency, instalments }',
  },
  {
    name: 'accept_plan',
    description: 'Accept a proposed plan option after the debtor said yes to it.',
    parameters: { type: 'object', properties: { optionId: { type: 'string' }, planId: { type: 'string' } }, additionalProperties: false },
    returns: '{ planId, upfrontMinor, currency, instalments }',
  },
  {
    name: 'record_promise_to_pay',
    description: 'Record that the debtor promises to pay an amount on a date.',
    parameters: { type: 'object', properties: { amountMinor: minor, currency, date: isoDate }, required: ['amountMinor', 'currency', 'date'], additionalProperties: false },
    returns: '{ promiseId, amountMinor, currency, date }',
  },
  {
    name: 'open_dispute',
    description: 'Open a dispute (not ordered, returned, wrong amount, fraud, already paid). Collection pauses while it is looked at.',
    parameters: { type: 'object', properties: { reason: { type: 'string' }, note: { type: 'string' } }, required: ['reason'], additionalProperties: false },
    returns: '{ disputeId }',
  },
  {
    name: 'flag_hardship',
    description: 'Record financial hardship, bereavement or vulnerability the debtor mentioned.',
    parameters: { type: 'object', properties: { kind: { type: 'string', enum: ['hardship', 'bereavement', 'vulnerability'] }, note: { type: 'string' } }, required: ['kind'], additionalProperties: false },
    returns: '{}',
  },
  {
    name: 'opt_out',
    description: 'The debtor asked not to be called again.',
    parameters: { type: 'object', properties: { scope: { type: 'string', enum: ['calls', 'all'] }, reason: { type: 'string' } }, additionalProperties: false },
    returns: '{}',
  },
  {
    name: 'escalate_to_human',
    description: 'Hand the call to a human colleague (warm transfer) with the reason.',
    parameters: { type: 'object', properties: { reason: { type: 'string' }, summary: { type: 'string' } }, required: ['reason'], additionalProperties: false },
    returns: '{ transferTo? }',
  },
  {
    name: 'end_call',
    description: 'End the call with its outcome.',
    parameters: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: ['paid', 'link_sent', 'promise_to_pay', 'plan_agreed', 'dispute', 'hardship', 'opted_out', 'wrong_party', 'escalated', 'machine_message_left', 'no_agreement'] },
        reason: { type: 'string' },
      },
      required: ['outcome'],
      additionalProperties: false,
    },
    returns: '{}',
  },
];
