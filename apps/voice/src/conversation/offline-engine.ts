// The offline engine: deterministic intents (understand.ts) and a small dialogue policy over the
// tools. The default when no LLM is configured, so tests and the demo need no network. Every
// amount and date it speaks is read back from a tool result of this call.
import { minorPerMajor } from '@settle/negotiation';
import type { ConversationEngine, EngineContext, EngineReply } from './engine';
import { type TemplateKey, formatDate, formatMoney, joinList, render } from './language';
import type { Intent } from './lexicon';
import type { ToolResult } from './ports';

type Awaiting = 'offer' | 'upfront' | 'when' | 'plan_confirm' | 'hardship_choice' | 'promise_date';

interface Memory {
  awaiting?: Awaiting;
  upfrontMinor?: number;
  optionId?: string;
  linkSent?: boolean;
  planAgreed?: boolean;
  misunderstood?: number;
  hardship?: boolean;
  promiseMinor?: number;
}

export interface PlanOption {
  optionId: string;
  upfrontMinor?: number;
  currency?: string;
  instalments: { dueDate: string; amountMinor: number }[];
}

export class OfflineEngine implements ConversationEngine {
  readonly kind = 'offline' as const;

  async respond(ctx: EngineContext): Promise<EngineReply> {
    const m = ctx.memory as Memory;
    const u = ctx.understanding;
    const has = (i: Intent) => u.intents.includes(i);
    const t = (key: TemplateKey, vars: Record<string, string> = {}) =>
      render(ctx.language, key, {
        first: ctx.brief.debtor.firstName ?? ctx.brief.debtor.fullName.split(/\s+/)[0],
        callback: ctx.brief.callbackNumber,
        ...vars,
      });
    const money = (minor: unknown, currency?: unknown) =>
      formatMoney(Number(minor), typeof currency === 'string' ? currency : ctx.brief.debt.currency, ctx.locale);
    const date = (iso: unknown) => formatDate(String(iso), ctx.locale);
    const { currency, amountDueMinor } = ctx.brief.debt;
    const toMinor = (major: number) => Math.round(major * minorPerMajor(currency));
    const awaiting = m.awaiting;
    m.awaiting = undefined;

    const escalate = async (reason: string, say: string[] = []): Promise<EngineReply> => {
      await ctx.callTool('escalate_to_human', { reason, verified: true });
      return { say: [...say, t('to_human')], next: 'transfer', outcome: 'escalated', intent: reason };
    };

    const sendLink = async (amountMinor: number, say: string[] = []): Promise<EngineReply> => {
      const r = await ctx.callTool('send_payment_link', { amountMinor, currency });
      if (!r.ok) return escalate('link_failed', say);
      m.linkSent = true;
      return {
        say: [...say, t('link_sent', { amount: money(r.result.amountMinor ?? amountMinor, r.result.currency) })],
        next: 'listen',
        outcome: m.planAgreed ? 'plan_agreed' : 'link_sent',
        intent: 'pay_by_link',
      };
    };

    const propose = async (args: Record<string, unknown>): Promise<EngineReply> => {
      const r = await ctx.callTool('propose_plan', { currency, ...args });
      const option = firstOption(r);
      if (!r.ok || !option) return escalate('no_plan_fits', [t('no_plan')]);
      m.optionId = option.optionId;
      m.awaiting = 'plan_confirm';
      const parts: string[] = [];
      if (option.upfrontMinor) parts.push(t('plan_today', { amount: money(option.upfrontMinor, option.currency) }));
      for (const i of option.instalments) parts.push(t('plan_on', { amount: money(i.amountMinor, option.currency), date: date(i.dueDate) }));
      return { say: [t('plan_offer', { plan: joinList(parts, ctx.locale) })], next: 'listen', intent: 'plan_proposed' };
    };

    const partNow = async (upfrontMinor: number): Promise<EngineReply> => {
      if (upfrontMinor >= amountDueMinor) return sendLink(amountDueMinor);
      m.upfrontMinor = upfrontMinor;
      if (u.dates[0]) return propose({ upfrontMinor, restDate: u.dates[0], firstDueDate: u.dates[0] });
      m.awaiting = 'when';
      return { say: [t('ask_when')], next: 'listen', intent: 'part_now' };
    };

    // Answers to the agent's own question come first.
    if (awaiting === 'plan_confirm' && m.optionId) {
      if (has('yes') && !has('no')) {
        const r = await ctx.callTool('accept_plan', { optionId: m.optionId, planId: m.optionId });
        if (!r.ok) return escalate('plan_not_accepted', [t('no_plan')]);
        m.planAgreed = true;
        ctx.memory.planAgreed = true;
        const upfront = Number(r.result.upfrontMinor ?? 0);
        if (upfront > 0) return sendLink(upfront, [t('plan_agreed')]);
        return { say: [t('plan_agreed')], next: 'end', outcome: 'plan_agreed', intent: 'plan_accepted' };
      }
      if (has('no') && !u.amounts.length) {
        m.awaiting = 'offer';
        return { say: [t('offer')], next: 'listen', intent: 'plan_declined' };
      }
    }
    if (awaiting === 'when' && m.upfrontMinor !== undefined && u.dates[0]) return propose({ upfrontMinor: m.upfrontMinor, restDate: u.dates[0], firstDueDate: u.dates[0] });
    if (awaiting === 'promise_date' && u.dates[0]) return this.promise(ctx, m.promiseMinor ?? amountDueMinor, u.dates[0], t, money, date);

    if (has('already_paid')) {
      const status = await ctx.callTool('get_account_status', {});
      if (status.ok && (status.result.paid === true || Number(status.result.amountDueMinor) === 0)) {
        return { say: [t('already_paid_confirmed')], next: 'end', outcome: 'paid', intent: 'already_paid' };
      }
      await ctx.callTool('open_dispute', { reason: 'already_paid', note: 'debtor says it is paid; not visible yet' });
      return { say: [t('already_paid_check')], next: 'end', outcome: 'dispute', intent: 'already_paid' };
    }
    if (has('dispute')) {
      await ctx.callTool('open_dispute', { reason: disputeReason(u.normalised) });
      return { say: [t('dispute_opened')], next: 'end', outcome: 'dispute', intent: 'dispute' };
    }
    if (has('bereavement') || has('vulnerability')) {
      const kind = has('bereavement') ? 'bereavement' : 'vulnerability';
      await ctx.callTool('flag_hardship', { kind, note: `cue:${kind}` });
      return escalate(kind, [t(kind)]);
    }
    if (has('hardship') && !m.hardship) {
      m.hardship = true;
      await ctx.callTool('flag_hardship', { kind: 'hardship', note: 'debtor describes financial hardship' });
      if (u.amounts.length) return partNow(toMinor(u.amounts[0]));
      m.awaiting = 'hardship_choice';
      return { say: [t('hardship')], next: 'listen', outcome: 'hardship', intent: 'hardship' };
    }
    if (has('human')) return escalate('asked_for_human');
    if (has('wrong_person') || has('third_party')) {
      return { say: [render(ctx.language, 'wrong_party')], next: 'end', outcome: 'wrong_party', intent: 'third_party' };
    }

    const amount = u.amounts[0] !== undefined ? toMinor(u.amounts[0]) : undefined;
    if (has('monthly') && amount) return propose({ affordableMinorPerMonth: amount, monthlyAmountMinor: amount });
    if ((has('part_payment') || (has('cant_pay') && amount)) && amount) return partNow(amount);
    if (awaiting === 'upfront' && amount) return partNow(amount);
    if (awaiting === 'upfront' && (has('no') || /(^| )(nothing|nichts|rien|nada|niente|niets|inget|nic|nada|intet)( |$)/.test(u.normalised))) return propose({ upfrontMinor: 0 });
    if (has('promise') && u.dates[0] && !has('part_payment')) return this.promise(ctx, amount ?? amountDueMinor, u.dates[0], t, money, date);
    if (has('promise')) {
      m.promiseMinor = amount;
      m.awaiting = 'promise_date';
      return { say: [t('ask_when')], next: 'listen', intent: 'promise' };
    }
    if (has('part_payment') || has('plan') || has('cant_pay') || (awaiting === 'hardship_choice' && has('yes'))) {
      m.awaiting = 'upfront';
      return { say: [t('ask_upfront')], next: 'listen', intent: has('cant_pay') ? 'cant_pay' : 'plan' };
    }
    if (has('pay_now') || (awaiting === 'offer' && has('yes')) || (awaiting === undefined && has('yes') && !m.linkSent)) {
      return sendLink(m.linkSent ? (lastLinkAmount(ctx.results) ?? amountDueMinor) : amountDueMinor);
    }
    if (has('goodbye') || has('no')) {
      if (awaiting === 'hardship_choice') return { say: [t('goodbye')], next: 'end', outcome: 'hardship', intent: 'goodbye' };
      return { say: [t('goodbye')], next: 'end', outcome: m.planAgreed ? 'plan_agreed' : m.linkSent ? 'link_sent' : 'no_agreement', intent: 'goodbye' };
    }
    if (m.linkSent && (has('yes') || u.intents.length === 0)) {
      // Waiting for the payment to land: stay on the line.
      m.misunderstood = 0;
      return { say: [], next: 'listen', intent: 'waiting_for_payment' };
    }
    m.misunderstood = (m.misunderstood ?? 0) + 1;
    if (m.misunderstood >= 3) return escalate('not_understood');
    m.awaiting = awaiting ?? 'offer';
    return { say: [t('not_understood')], next: 'listen', intent: 'not_understood' };
  }

  private async promise(
    ctx: EngineContext,
    amountMinor: number,
    date: string,
    t: (k: TemplateKey, v?: Record<string, string>) => string,
    money: (m: unknown, c?: unknown) => string,
    fmtDate: (d: unknown) => string,
  ): Promise<EngineReply> {
    const r = await ctx.callTool('record_promise_to_pay', { amountMinor, currency: ctx.brief.debt.currency, date });
    if (!r.ok) {
      (ctx.memory as Memory).awaiting = 'upfront';
      return { say: [t('no_plan').split(/[.!]/)[0] + '.', t('ask_upfront')], next: 'listen', intent: 'promise_refused' };
    }
    return {
      say: [t('promise_recorded', { amount: money(r.result.amountMinor ?? amountMinor, r.result.currency), date: fmtDate(r.result.date ?? date) })],
      next: 'end',
      outcome: 'promise_to_pay',
      intent: 'promise_to_pay',
    };
  }
}

/** The first option of a propose_plan result: `{ options: [...] }`, or one proposal `{ planId, instalments }`. */
function firstOption(r: ToolResult): PlanOption | undefined {
  const options = r.result.options;
  if (Array.isArray(options) && options.length > 0) {
    const o = options[0] as PlanOption;
    return typeof o.optionId === 'string' && Array.isArray(o.instalments) ? o : undefined;
  }
  const { planId, instalments, upfrontMinor, currency } = r.result as { planId?: unknown; instalments?: unknown; upfrontMinor?: unknown; currency?: unknown };
  if (typeof planId === 'string' && Array.isArray(instalments) && instalments.length > 0) {
    return {
      optionId: planId,
      instalments: instalments as PlanOption['instalments'],
      ...(typeof upfrontMinor === 'number' ? { upfrontMinor } : {}),
      ...(typeof currency === 'string' ? { currency } : {}),
    };
  }
  return undefined;
}

function lastLinkAmount(results: readonly ToolResult[]): number | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    if (results[i].name === 'send_payment_link' && results[i].ok) return Number(results[i].result.amountMinor);
  }
  return undefined;
}

function disputeReason(norm: string): string {
  if (/return|zuruck|retour|renvoy|devuel|restitu|tillbaka|zwroc|devolv|sendt tilbage/.test(norm)) return 'goods_returned';
  if (/never|nie |jamais|nunca|mai |nooit|aldrig|nigdy/.test(norm)) return 'not_received_or_not_ordered';
  if (/fraud|betrug|fraude|truffa|oplichting|bedrageri|oszust|burla|svindel|scam|arnaque|estafa/.test(norm)) return 'fraud';
  if (/amount|betrag|montant|importe|importo|bedrag|belopp|kwot|valor|belob/.test(norm)) return 'wrong_amount';
  return 'other';
}
