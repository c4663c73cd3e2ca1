import { EVENTS, SmsRequestedV1 } from '@settle/contracts';
import { Clock } from '@settle/config';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AgentTools, ToolCall, ToolResult } from '../conversation/ports';
import { CallEvents, Emission } from './call-events';
import { OptionsQuery, PhoneProposal, PlanAsk, choosePlan, optionsQueryFor, withUpfront } from './domain/plan-choice';
import type { LiveCall } from './live-calls';
import { NegotiatedAccount, NegotiationError, PlanNegotiation } from './negotiation.client';

export interface AgentToolsSettings {
  deskNumber: string;
  /** The negotiation service; without it (or without the lender's account reference) plans go to a person. */
  negotiation?: PlanNegotiation;
}

interface Proposal {
  proposal: PhoneProposal;
  query: OptionsQuery;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The side effects of one call's conversation. Facts come from the voice command (the case as the
 * scheduler knew it) and from the negotiation service (plans, live from the lender's platform);
 * every side effect is an event written through the voice service's outbox. A plan the debtor
 * accepts is agreed through the negotiation service, which writes it back to the lender once.
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
      result = { callId: tool.id, name: tool.name, ok: true, result: await this.run(tool, emissions) };
    } catch (error) {
      result = { callId: tool.id, name: tool.name, ok: false, result: {}, error: (error as Error).message.slice(0, 200) };
    }
    this.call.actions.push({ tool: tool.name, ok: result.ok, facts: result.result });
    emissions.push(this.events.event(EVENTS.callToolCalled, this.call, { ...this.ref(), tool: tool.name, ok: result.ok, ...(result.error ? { error: result.error } : {}) }));
    await this.events.emit(emissions);
    return result;
  }

  private async run(tool: ToolCall, out: Emission[]): Promise<Record<string, unknown>> {
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
        const amountMinor = args.amountMinor === undefined ? c.amountDue.amountMinor : Number(args.amountMinor);
        if (!Number.isInteger(amountMinor) || amountMinor <= 0 || amountMinor > c.amountDue.amountMinor) throw new Error('amountMinor must be between 1 and the amount due');
        // The full amount goes by the command's own link; a part ("part now") by a new link for that part.
        // Either way a click or payment on it comes back into this call.
        const link = amountMinor === c.amountDue.amountMinor ? c.paymentLink : this.partLink();
        if (link !== c.paymentLink) this.call.linkCodes.push(link.code);
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
          amountDue: { amountMinor, currency: c.amountDue.currency },
          dueDate: c.dueDate,
          paymentLink: link,
          disclosures: c.disclosures,
          // The tenant's own sender identities, as on every other text it sends.
          ...(c.smsSenderId ? { senderId: c.smsSenderId } : {}),
          ...(c.smsOriginationNumber ? { originationNumber: c.smsOriginationNumber } : {}),
        };
        out.push(this.events.event(EVENTS.smsRequested, this.call, sms));
        out.push(this.events.event(EVENTS.callLinkSent, this.call, { ...this.ref(), smsStepId, code: link.code }));
        this.call.linkSent = true;
        return { sent: true, channel: 'sms', toLastDigits: c.to.slice(-3), amountMinor, currency: c.amountDue.currency };
      }
      case 'propose_plan': {
        const ask = planAsk(args);
        const query = optionsQueryFor(ask, this.clock.now().toISOString().slice(0, 10));
        const offered = await this.negotiation().options(this.account(), query).catch(rethrow);
        const chosen = choosePlan(offered, ask);
        if (!chosen) throw new Error(offered.length ? 'no offered plan fits what the debtor asked for' : 'the lender allows no restructuring for this account');
        const proposal = withUpfront(chosen, ask.upfrontMinor ?? 0);
        const planId = randomUUID();
        this.proposals.set(planId, { proposal, query });
        return { planId, ...proposal };
      }
      case 'accept_plan': {
        const planId = typeof args.planId === 'string' && this.proposals.has(args.planId) ? args.planId : typeof args.optionId === 'string' && this.proposals.has(args.optionId) ? args.optionId : [...this.proposals.keys()].pop();
        const proposed = planId ? this.proposals.get(planId) : undefined;
        if (!planId || !proposed) throw new Error('no plan was proposed in this call');
        // Recomputed and written back by the negotiation service; the key makes a retried accept agree once.
        const agreed = await this.negotiation().agree(this.account(), proposed.query, proposed.proposal.kind, `voice-${this.call.callId}-${planId}`).catch(rethrow);
        // What the lender holds now is what the debtor hears (it equals the proposal unless the account changed meanwhile).
        const plan = withUpfront(agreed.plan, proposed.proposal.upfrontMinor);
        this.call.agreedPlanId = agreed.planId;
        return { agreed: true, planId: agreed.planId, ...(agreed.lenderPlanRef ? { lenderPlanRef: agreed.lenderPlanRef } : {}), ...plan };
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

  private negotiation() {
    if (!this.settings.negotiation) throw new Error('plans are not negotiated on this line (no negotiation service): a person will help');
    return this.settings.negotiation;
  }

  private account(): NegotiatedAccount {
    const c = this.call.command;
    if (!c.externalAccountRef) throw new Error("the lender's account reference is unknown for this case: a person will help");
    return { tenantId: this.call.tenantId, externalAccountRef: c.externalAccountRef, caseId: c.caseId, jurisdiction: c.jurisdiction };
  }

  /** A new link for a part of the amount, on the same pay page as the command's link. */
  private partLink(): { code: string; url: string } {
    const { code, url } = this.call.command.paymentLink;
    const part = randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 12).padEnd(12, '0');
    return { code: part, url: url.endsWith(code) ? `${url.slice(0, -code.length)}${part}` : url.replace(code, part) };
  }
}

/** The debtor's ask, whichever argument names the engine used. */
function planAsk(args: Record<string, unknown>): PlanAsk {
  const int = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0`);
    return n;
  };
  const date = (v: unknown, name: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !ISO_DATE.test(v)) throw new Error(`${name} must be YYYY-MM-DD`);
    return v;
  };
  const ask: PlanAsk = {};
  const upfront = int(args.upfrontMinor, 'upfrontMinor');
  const restDate = date(args.restDate, 'restDate') ?? date(args.firstDueDate, 'firstDueDate');
  const affordable = int(args.affordableMinorPerMonth ?? args.monthlyAmountMinor, 'affordableMinorPerMonth');
  const count = int(args.instalmentCount ?? args.instalments, 'instalmentCount');
  if (upfront) ask.upfrontMinor = upfront;
  if (restDate) ask.restDate = restDate;
  if (affordable) ask.affordableMinorPerMonth = affordable;
  if (count) ask.instalmentCount = count;
  return ask;
}

/** A negotiation refusal in words the engine passes on (and the case file keeps). */
function rethrow(error: unknown): never {
  if (error instanceof NegotiationError) {
    if (error.type === 'not-offered') throw new Error(`not offered by automated means (a person may review it): ${error.message}`);
    throw new Error(`negotiation failed (${error.type}): ${error.message}`);
  }
  throw error;
}