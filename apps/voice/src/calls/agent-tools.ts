import { EVENTS, SmsRequestedV1 } from '@settle/contracts';
import { Clock } from '@settle/config';
import { MONTHLY, addDays, scheduleDates, splitIntoInstalments } from '@settle/negotiation';
import { randomUUID } from 'node:crypto';
import type { AgentTools, ToolCall, ToolResult } from '../conversation/ports';
import { CallEvents, Emission } from './call-events';
import type { LiveCall } from './live-calls';

export interface AgentToolsSettings {
  deskNumber: string;
  /** Most instalments a plan proposed on the phone may have (tenant policy; the negotiation service has the full bounds). */
  maxInstalments: number;
}

interface Proposal {
  planId: string;
  instalments: { dueDate: string; amountMinor: number }[];
  currency: string;
  totalMinor: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The side effects of one call's conversation. Every fact a tool returns comes from the voice
 * command (the case as the scheduler knew it) or from the negotiation maths run here in-process;
 * every side effect is an event written through the voice service's outbox.
 *
 * accept_plan: no negotiation HTTP API exists yet, so the agreement is recorded as a
 * call.tool_called event and the call's outcome (plan_agreed); writing it back to the lender is
 * the negotiation service's job once it consumes it.
 */
export class CallAgentTools implements AgentTools {
  private readonly proposals = new Map<string, Proposal>();

  constructor(
    private readonly call: LiveCall,
    private readonly events: CallEvents,
    private readonly clock: Clock,
    private readonly settings: AgentToolsSettings,
  ) {}

  async invoke(tool: ToolCall): Promise<ToolResult> {
    const emissions: Emission[] = [];
    let result: ToolResult;
    try {
      result = { callId: tool.id, name: tool.name, ok: true, result: this.run(tool, emissions) };
    } catch (error) {
      result = { callId: tool.id, name: tool.name, ok: false, result: {}, error: (error as Error).message.slice(0, 200) };
    }
    this.call.actions.push({ tool: tool.name, ok: result.ok, facts: result.result });
    emissions.push(this.events.event(EVENTS.callToolCalled, this.call, { ...this.ref(), tool: tool.name, ok: result.ok, ...(result.error ? { error: result.error } : {}) }));
    await this.events.emit(emissions);
    return result;
  }

  private run(tool: ToolCall, out: Emission[]): Record<string, unknown> {
    const c = this.call.command;
    const args = tool.arguments ?? {};
    switch (tool.name) {
      case 'get_account_status':
        return {
          amountDueMinor: this.call.paymentSeen ? 0 : c.amountDue.amountMinor,
          currency: c.amountDue.currency,
          merchantName: c.merchantName,
          ...(c.orderRef ? { orderRef: c.orderRef } : {}),
          dueDate: c.dueDate,
          paid: this.call.paymentSeen,
          linkSent: this.call.linkSent,
        };
      case 'send_payment_link': {
        const smsStepId = randomUUID();
        const sms: SmsRequestedV1 = {
          stepId: smsStepId,
          caseId: c.caseId,
          to: c.to,
          language: c.language,
          tone: c.tone,
          ...(c.firstName ? { firstName: c.firstName } : {}),
          brandName: c.brandName,
          merchantName: c.merchantName,
          amountDue: c.amountDue,
          dueDate: c.dueDate,
          // The call's own link: a click or payment on it comes back into this call.
          paymentLink: c.paymentLink,
          disclosures: c.disclosures,
        };
        out.push(this.events.event(EVENTS.smsRequested, this.call, sms));
        out.push(this.events.event(EVENTS.callLinkSent, this.call, { ...this.ref(), smsStepId, code: c.paymentLink.code }));
        this.call.linkSent = true;
        return { sent: true, channel: 'sms', toLastDigits: c.to.slice(-3), amountMinor: c.amountDue.amountMinor, currency: c.amountDue.currency };
      }
      case 'propose_plan': {
        const balance = c.amountDue.amountMinor;
        const wanted = Number(args.instalments ?? (args.monthlyAmountMinor ? Math.ceil(balance / Number(args.monthlyAmountMinor)) : 3));
        if (!Number.isInteger(wanted) || wanted < 2) throw new Error('instalments must be a whole number ≥ 2');
        const n = Math.min(wanted, this.settings.maxInstalments);
        const today = this.clock.now().toISOString().slice(0, 10);
        const first = typeof args.firstDueDate === 'string' && ISO_DATE.test(args.firstDueDate) && args.firstDueDate > today ? args.firstDueDate : addDays(today, 7);
        const parts = splitIntoInstalments({ amountMinor: balance, currency: c.amountDue.currency }, n);
        const dates = scheduleDates(first, n, MONTHLY);
        const proposal: Proposal = {
          planId: randomUUID(),
          instalments: parts.map((p, i) => ({ dueDate: dates[i], amountMinor: p.amountMinor })),
          currency: c.amountDue.currency,
          totalMinor: balance,
        };
        this.proposals.set(proposal.planId, proposal);
        return { ...proposal, capped: n < wanted, maxInstalments: this.settings.maxInstalments };
      }
      case 'accept_plan': {
        const planId = typeof args.planId === 'string' ? args.planId : [...this.proposals.keys()].pop();
        const proposal = planId ? this.proposals.get(planId) : undefined;
        if (!proposal) throw new Error('no plan was proposed in this call');
        return { agreed: true, ...proposal };
      }
      case 'record_promise_to_pay': {
        const date = String(args.date ?? '');
        const amountMinor = Number(args.amountMinor ?? c.amountDue.amountMinor);
        if (!ISO_DATE.test(date)) throw new Error('date must be YYYY-MM-DD');
        if (!Number.isInteger(amountMinor) || amountMinor <= 0 || amountMinor > c.amountDue.amountMinor) throw new Error('amountMinor must be between 1 and the amount due');
        this.call.promisedBy = date;
        return { promised: true, date, amountMinor, currency: c.amountDue.currency };
      }
      case 'open_dispute':
        return { opened: true, reason: String(args.reason ?? 'disputed on the phone').slice(0, 200) };
      case 'flag_hardship':
        return { flagged: true, kind: String(args.kind ?? 'hardship') };
      case 'opt_out':
        return { optedOut: true, channel: String(args.channel ?? 'voice') };
      case 'escalate_to_human':
        return { transferTo: 'human_desk', reason: String(args.reason ?? 'the debtor asked for a person').slice(0, 300) };
      case 'end_call':
        return { ended: true };
      default:
        throw new Error(`unknown tool ${String(tool.name)}`);
    }
  }

  private ref() {
    return { callId: this.call.callId, stepId: this.call.stepId, caseId: this.call.caseId };
  }
}
