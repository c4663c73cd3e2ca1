import type { Money } from '@settle/contracts';
import type { OfferedOption } from './negotiation.client';
import { Page, escapeHtml, fill, formatDate, formatMoney, layout, localeFor, pageLanguage } from './pay-page';
import { STRINGS } from './pay-page.strings';
import { PLAN_STRINGS } from './plans-page.strings';
import type { PlanFailurePage } from './plan-choice';

/** What every page behind the plans link knows: whose it is, in which language and colours. */
export interface PlansPageContext {
  language: string;
  brandName: string;
  brandColour: string;
  merchantName: string;
  /** The link's pay page and its pay button's action: "pay the full amount instead". */
  payHref: string;
  payAction: string;
  amount: Money;
}

type Plan = OfferedOption['plan'];

function localised(tag: string) {
  const language = pageLanguage(tag);
  return { language, locale: localeFor(tag, language), t: PLAN_STRINGS[language], pay: STRINGS[language] };
}

function schedule(plan: Plan, locale: string): string {
  const rows = plan.instalments.map(
    (i) => `\n        <li><span>${escapeHtml(formatDate(i.dueDate, locale))}</span><span>${escapeHtml(formatMoney(i.amount, locale))}</span></li>`,
  );
  return `<ol class="schedule">${rows.join('')}\n      </ol>`;
}

function terms(option: Pick<OfferedOption, 'plan' | 'discountMinor'>, t: (typeof PLAN_STRINGS)['en'], locale: string): string {
  const { plan } = option;
  const lines = [`<span class="sum">${fill(t.total)}: ${escapeHtml(formatMoney(plan.total, locale))}</span>`];
  lines.push(plan.fee.amountMinor > 0 ? fill(t.fee, { fee: formatMoney(plan.fee, locale) }) : fill(t.noFee));
  if (option.discountMinor) lines.push(fill(t.saving, { amount: formatMoney({ amountMinor: option.discountMinor, currency: plan.total.currency }, locale) }));
  return `<p class="terms">${lines.join('<br>')}</p>`;
}

/** The plans the lender allows right now, each with its dates, amounts and fees, and a button to choose it. */
export function renderPlansPage(view: PlansPageContext & { options: OfferedOption[]; chooseAction: (kind: string) => string }): Page {
  const { language, locale, t } = localised(view.language);
  const values = { merchant: view.merchantName, brand: view.brandName };
  const plans = view.options.map((option) => {
    const words = t.kinds[option.kind];
    return `
    <section class="plan ${escapeHtml(option.kind)}">
      <h2>${fill(words.title)}</h2>
      <p>${fill(words.body)}</p>
      <h3 class="terms">${fill(t.schedule)}</h3>
      ${schedule(option.plan, locale)}
      ${terms(option, t, locale)}
      <form method="post" action="${escapeHtml(view.chooseAction(option.kind))}">
        <button type="submit">${fill(t.choose)}</button>
      </form>
    </section>`;
  });
  const main = `
    <h1>${fill(t.heading, values)}</h1>
    <p class="intro">${fill(t.intro, values)}</p>${plans.join('')}
    <p class="alt"><a href="${escapeHtml(view.payHref)}">${fill(t.payInFull)}</a></p>`;
  return layout(200, language, fill(t.heading, values), view.brandName, view.brandColour, main, 'plans');
}

/** The confirmation: the plan is agreed and written back; its schedule. */
export function renderPlanAgreed(view: Omit<PlansPageContext, 'payAction' | 'amount' | 'payHref'> & { plan: Plan }): Page {
  const { language, locale, t } = localised(view.language);
  const first = view.plan.instalments[0];
  const main = `
    <h1>${fill(t.agreedTitle)}</h1>
    <p>${fill(t.agreedBody, { brand: view.brandName })}</p>
    ${schedule(view.plan, locale)}
    ${terms({ plan: view.plan }, t, locale)}${first ? `\n    <p class="note">${fill(t.agreedFirst, { date: formatDate(first.dueDate, locale) })}</p>` : ''}`;
  return layout(200, language, fill(t.agreedTitle), view.brandName, view.brandColour, main, 'notice agreed');
}

export type PlanNoticeKind = PlanFailurePage | 'refused';

/** Review requested, plans unavailable (pay now instead), lender down, a refused submission: never a stack trace. */
export function renderPlanNotice(kind: PlanNoticeKind, status: number, view: PlansPageContext): Page {
  const { language, locale, t, pay } = localised(view.language);
  const values = { brand: view.brandName, merchant: view.merchantName };
  const title = fill(t[`${kind}Title`], values);
  const payNow =
    kind === 'unavailable'
      ? `
    <form method="post" action="${escapeHtml(view.payAction)}">
      <button type="submit">${fill(pay.pay, { amount: formatMoney(view.amount, locale) })}</button>
    </form>`
      : `
    <p class="alt"><a href="${escapeHtml(view.payHref)}">${fill(t.payInFull)}</a></p>`;
  const main = `
    <h1>${title}</h1>
    <p>${fill(t[`${kind}Body`], values)}</p>${payNow}`;
  return layout(status, language, title, view.brandName, view.brandColour, main, `notice ${kind}`);
}
