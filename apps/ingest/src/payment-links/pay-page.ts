import { Money } from '@settle/contracts';
import { createHash } from 'node:crypto';
import { PageLanguage, STRINGS } from './pay-page.strings';
import { PLAN_STRINGS } from './plans-page.strings';

/** A rendered page: its status, its HTML, and the hash the CSP must allow for its one style block. */
export interface Page {
  status: number;
  html: string;
  styleHash: string;
}

export interface PayPageView {
  language: string;
  brandName: string;
  brandColour: string;
  merchantName: string;
  amount: Money;
  dueDate: string;
  payAction: string;
  /** The plans page of the same link: "Can't pay it all at once?" */
  plansHref?: string;
}

export type NoticeKind = 'expired' | 'invalid' | 'thanks' | 'tooMany' | 'error';

const NOTICE_STATUS: Record<NoticeKind, number> = { expired: 410, invalid: 404, thanks: 200, tooMany: 429, error: 500 };

function supported(tag: string): PageLanguage | undefined {
  const lower = tag.trim().toLowerCase();
  const primary = lower.split('-')[0];
  for (const candidate of [lower, primary]) if (Object.hasOwn(STRINGS, candidate)) return candidate as PageLanguage;
  return undefined;
}

/** The debtor's language: the exact tag, else its primary subtag, else English. */
export function pageLanguage(tag: string | undefined): PageLanguage {
  return supported(tag ?? '') ?? 'en';
}

/** For pages where no debtor is known: the best match of the browser's Accept-Language. */
export function languageFromAcceptLanguage(header: string | undefined): PageLanguage {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const language = supported(tag);
    if (language) return language;
  }
  return 'en';
}

/** Numbers and dates follow the debtor's full tag (de-AT, not de) when its texts are in that language. */
export function localeFor(tag: string, language: PageLanguage): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && supported(canonical) === language ? canonical : language;
  } catch {
    return language;
  }
}

export function formatMoney({ amountMinor, currency }: Money, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function fill(template: string, values: Record<string, string> = {}): string {
  return escapeHtml(template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? ''));
}

export function renderPayPage(view: PayPageView): Page {
  const language = pageLanguage(view.language);
  const t = STRINGS[language];
  const locale = localeFor(view.language, language);
  const amount = formatMoney(view.amount, locale);
  const values = { merchant: view.merchantName, brand: view.brandName, amount };
  const main = `
    <h1>${fill(t.heading, values)}</h1>
    <dl>
      <dt>${fill(t.amountDue)}</dt>
      <dd class="amount">${escapeHtml(amount)}</dd>
      <dt>${fill(t.dueDate)}</dt>
      <dd>${escapeHtml(formatDate(view.dueDate, locale))}</dd>
    </dl>
    <form method="post" action="${escapeHtml(view.payAction)}">
      <button type="submit">${fill(t.pay, values)}</button>
    </form>
    <p class="note">${fill(t.handover, values)}</p>${
      view.plansHref ? `
    <p class="alt"><a href="${escapeHtml(view.plansHref)}">${fill(PLAN_STRINGS[language].plansLink)}</a></p>` : ''
    }`;
  return layout(200, language, fill(t.heading, values), view.brandName, view.brandColour, main);
}

/** Expired, invalid, thanks, too many attempts, error: a title and a sentence, never a stack trace. */
export function renderNotice(kind: NoticeKind, language: PageLanguage, brandColour: string, brandName?: string): Page {
  const t = STRINGS[language];
  const title = fill(t[`${kind}Title`]);
  const main = `
    <h1>${title}</h1>
    <p>${fill(t[`${kind}Body`], { brand: brandName ?? '' })}</p>`;
  return layout(NOTICE_STATUS[kind], language, title, brandName, brandColour, main, `notice ${kind}`);
}

export function layout(status: number, language: PageLanguage, title: string, brandName: string | undefined, brandColour: string, main: string, kind = 'pay'): Page {
  const style = css(brandColour);
  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}${brandName ? ` – ${escapeHtml(brandName)}` : ''}</title>
<style>${style}</style>
</head>
<body>
${brandName ? `<header>${escapeHtml(brandName)}</header>` : ''}
<main><div class="card ${kind}">${main}
</div></main>
</body>
</html>
`;
  return { status, html, styleHash: createHash('sha256').update(style).digest('base64') };
}

/** Headers of every pay page: nothing cached, no referrer, no script, no framing, one allowed style block. */
export function pageHeaders(page: Pick<Page, 'styleHash'>, formTargets: string[] = []): Record<string, string> {
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${page.styleHash}'`,
    // Browsers check a form's redirects too: the pay button's 303 goes to the lender's checkout.
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': csp,
  };
}

function css(brandColour: string): string {
  return `
:root{--brand:${brandColour}}
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2330;background:#f2f4f8;-webkit-text-size-adjust:100%}
header{background:var(--brand);color:#fff;padding:16px 20px;font-weight:700;font-size:18px}
main{max-width:480px;margin:0 auto;padding:20px 16px 40px}
.card{background:#fff;border-radius:16px;padding:24px 20px;box-shadow:0 1px 3px rgba(16,24,40,.12)}
h1{font-size:22px;line-height:1.3;margin:0 0 20px}
dl{margin:0 0 8px}
dt{font-size:14px;color:#5b6475}
dd{margin:0 0 16px}
.amount{font-size:40px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
button{display:block;width:100%;min-height:56px;border:0;border-radius:12px;background:var(--brand);color:#fff;font:inherit;font-size:19px;font-weight:700;cursor:pointer}
button:focus-visible{outline:3px solid #f5b400;outline-offset:3px}
.note{font-size:14px;color:#5b6475;margin:14px 0 0;text-align:center}
.alt{margin:20px 0 0;text-align:center}
a{color:var(--brand);font-weight:600}
a:focus-visible{outline:3px solid #f5b400;outline-offset:3px}
.intro{margin:0 0 20px;color:#3d4554}
.plan{border:1px solid #dde2ea;border-radius:12px;padding:16px;margin:0 0 16px}
.plan h2{font-size:19px;margin:0 0 4px}
.plan p{margin:0 0 12px;color:#3d4554}
.schedule{list-style:none;margin:0 0 12px;padding:0}
.schedule li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px solid #eef1f5;font-variant-numeric:tabular-nums}
.sum{font-weight:700}
.terms{font-size:14px;color:#5b6475}
.notice ol.schedule{margin-top:16px}
.notice .alt,.notice form{margin-top:20px}
.notice h1{margin-bottom:12px}
.notice p{margin:0;color:#3d4554}
@media (min-width:600px){main{padding-top:48px}h1{font-size:26px}}
`;
}
