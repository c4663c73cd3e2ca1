// An AgentTools implementation with no outside effects: it answers from the brief and the
// negotiation maths and records every call. Used by the browser talk page when no call-side
// adapter is wired, by the conversation tests and by the per-turn benchmark.
import { addDays, addMonths, splitMinor } from '@settle/negotiation';
import { randomBytes } from 'node:crypto';
import type { AgentTools, CallBrief, ToolCall, ToolResult } from './ports';

export interface RecordingToolsOptions {
  now?: () => Date;
  /** The lender already has the payment (for "I already paid"). */
  alreadyPaid?: boolean;
  /** Longest a single promise or the rest of a part payment may be pushed out, in days. Default 45. */
  maxDeferralDays?: number;
  /** Most instalments a plan may have. Default 6. */
  maxInstalments?: number;
  /** Smallest instalment in minor units. Default 500. */
  minInstalmentMinor?: number;
}

export class RecordingAgentTools implements AgentTools {
  readonly calls: ToolCall[] = [];
  readonly results: ToolResult[] = [];
  private readonly options = new Map<string, Record<string, unknown>>();
  private readonly now: () => Date;
  /** Called after every tool call (the browser page streams these). */
  onCall?: (call: ToolCall, result: ToolResult) => void;

  constructor(
    private readonly brief: CallBrief,
    private readonly opts: RecordingToolsOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  async invoke(call: ToolCall): Promise<ToolResult> {
    this.calls.push(call);
    let result: ToolResult;
    try {
      result = { callId: call.id, name: call.name, ok: true, result: this.answer(call) };
    } catch (err) {
      result = { callId: call.id, name: call.name, ok: false, result: {}, error: err instanceof Error ? err.message : String(err) };
    }
    this.results.push(result);
    this.onCall?.(call, result);
    return result;
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  private answer(call: ToolCall): Record<string, unknown> {
    const { amountDueMinor, currency } = this.brief.debt;
    const a = call.arguments;
    switch (call.name) {
      case 'get_account_status':
        return this.opts.alreadyPaid
          ? { amountDueMinor: 0, currency, status: 'paid', paid: true }
          : { amountDueMinor, currency, status: 'overdue', paid: false };
      case 'send_payment_link': {
        const amountMinor = int(a.amountMinor ?? amountDueMinor, 'amountMinor');
        if (amountMinor <= 0 || amountMinor > amountDueMinor) throw new Error('amountMinor must be between 1 and the amount due');
        return { code: randomBytes(9).toString('base64url'), amountMinor, currency };
      }
      case 'propose_plan': {
        const upfrontMinor = int(a.upfrontMinor ?? 0, 'upfrontMinor');
        if (upfrontMinor >= amountDueMinor) throw new Error('upfront covers the whole amount: send a payment link instead');
        const rest = amountDueMinor - upfrontMinor;
        const maxDays = this.opts.maxDeferralDays ?? 45;
        const maxN = this.opts.maxInstalments ?? 6;
        const minInst = this.opts.minInstalmentMinor ?? 500;
        let instalments: { dueDate: string; amountMinor: number }[];
        if (typeof a.restDate === 'string') {
          if (a.restDate <= this.today() || a.restDate > addDays(this.today(), maxDays)) throw new Error(`restDate must be within ${maxDays} days`);
          instalments = [{ dueDate: a.restDate, amountMinor: rest }];
        } else {
          let n = a.instalmentCount !== undefined ? int(a.instalmentCount, 'instalmentCount') : 3;
          if (a.affordableMinorPerMonth !== undefined) n = Math.ceil(rest / Math.max(1, int(a.affordableMinorPerMonth, 'affordableMinorPerMonth')));
          n = Math.max(1, Math.min(n, Math.floor(rest / minInst) || 1));
          if (n > maxN) throw new Error(`a plan has at most ${maxN} instalments`);
          const first = addDays(this.today(), 14);
          instalments = splitMinor(rest, n, { roundTo: 100 }).map((amountMinor, i) => ({ dueDate: addMonths(first, i), amountMinor }));
        }
        const optionId = `opt-${this.options.size + 1}`;
        const option = { optionId, upfrontMinor, currency, instalments };
        this.options.set(optionId, option);
        return { options: [option] };
      }
      case 'accept_plan': {
        const option = this.options.get(String(a.optionId ?? a.planId));
        if (!option) throw new Error('unknown optionId');
        return { planId: `plan-${String(a.optionId)}`, ...option };
      }
      case 'record_promise_to_pay': {
        const amountMinor = int(a.amountMinor, 'amountMinor');
        const date = String(a.date);
        if (amountMinor <= 0 || amountMinor > amountDueMinor) throw new Error('amountMinor must be between 1 and the amount due');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < this.today() || date > addDays(this.today(), this.opts.maxDeferralDays ?? 45)) throw new Error('date out of range');
        return { promiseId: `promise-${this.calls.length}`, amountMinor, currency, date };
      }
      case 'open_dispute':
        return { disputeId: `dispute-${this.calls.length}` };
      case 'escalate_to_human':
        return { queue: 'desk' };
      case 'flag_hardship':
      case 'opt_out':
      case 'end_call':
        return {};
    }
  }
}

function int(v: unknown, name: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}
