import type { EmailRequestedV1 } from '@settle/contracts';
import { COPY, Facts } from './email-copy';
import { escapeHtml as e, oneLine } from './html';

export type EmailContent = Pick<
  EmailRequestedV1,
  'language' | 'tone' | 'firstName' | 'brandName' | 'merchantName' | 'orderRef' | 'amountDue' | 'dueDate' | 'paymentLink' | 'disclosures'
>;

export interface EmailLinks {
  /** The button's target: the payment link itself, or the click-tracking redirect to it. */
  pay: string;
  unsubscribe: string;
  /** The open-tracking pixel; absent when the tenant turned tracking off. */
  openPixel?: string;
}

export type RenderedEmail =
  | { ok: true; language: string; subject: string; html: string; text: string }
  | { ok: false; code: 'render_failed'; reason: string };

export const SHIPPED_LANGUAGES = Object.keys(COPY);

/** The exact language, else its primary subtag (de-AT → de), else English. */
export function shippedLanguageFor(tag: string): string {
  if (COPY[tag]) return tag;
  const primary = tag.split('-')[0];
  return COPY[primary] ? primary : 'en';
}

/** Renders the reminder in the debtor's language; a bad variable fails this one email, with why. */
export function renderEmail(content: EmailContent, links: EmailLinks): RenderedEmail {
  try {
    return { ok: true, ...render(content, links) };
  } catch (error) {
    return { ok: false, code: 'render_failed', reason: (error as Error).message };
  }
}

interface Message {
  lang: string;
  colon: string;
  subject: string;
  preheader: string;
  brand: string;
  heading: string;
  greeting: string;
  body: string;
  details: { label: string; value: string; strong?: boolean }[];
  button: string;
  help: string;
  fallback: string;
  paymentUrl: string;
  footer: string;
  disclosures: string[];
  unsubscribe: string;
}

function render(content: EmailContent, links: EmailLinks): { language: string; subject: string; html: string; text: string } {
  const language = shippedLanguageFor(content.language);
  const copy = COPY[language];
  const tone = copy.tones[content.tone];
  if (!tone) throw new Error(`no ${content.tone} template`);
  // Numbers and dates follow the regional variant (de-CH, pt-BR) when its language is the one shipped.
  const locale = content.language.split('-')[0] === language ? content.language : language;
  const facts: Facts = {
    brand: required(content.brandName, 'brandName'),
    merchant: required(content.merchantName, 'merchantName'),
    amount: formatMoney(content.amountDue.amountMinor, content.amountDue.currency, locale),
    due: formatDate(content.dueDate, locale),
  };
  const orderRef = content.orderRef ? oneLine(content.orderRef) : '';
  const colon = copy.colon ?? ': ';
  const message: Message = {
    lang: locale,
    colon,
    subject: tone.subject(facts),
    preheader: `${copy.labels.amountDue}${colon}${facts.amount} · ${facts.merchant}`,
    brand: facts.brand,
    heading: tone.heading(facts),
    greeting: copy.greeting(oneLine(content.firstName ?? '') || undefined),
    body: tone.body(facts),
    details: [
      { label: copy.labels.merchant, value: facts.merchant },
      ...(orderRef ? [{ label: copy.labels.order, value: orderRef }] : []),
      { label: copy.labels.amountDue, value: facts.amount, strong: true },
      { label: copy.labels.dueDate, value: facts.due },
    ],
    button: copy.payButton,
    help: copy.help,
    fallback: copy.fallback,
    paymentUrl: webUrl(content.paymentLink.url, 'the payment link'),
    footer: copy.footer(facts.brand),
    disclosures: content.disclosures.map(oneLine).filter(Boolean),
    unsubscribe: copy.unsubscribe,
  };
  const checked: EmailLinks = {
    pay: webUrl(links.pay, 'the pay button link'),
    unsubscribe: webUrl(links.unsubscribe, 'the unsubscribe link'),
    ...(links.openPixel ? { openPixel: webUrl(links.openPixel, 'the open pixel') } : {}),
  };
  return { language, subject: message.subject, html: html(message, checked), text: text(message, checked) };
}

/** Formats integer minor units in the currency's own number of decimals (JPY 0, EUR 2, KWD 3). */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

export function formatDate(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) throw new Error(`dueDate ${isoDate} is not a calendar date`);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function required(value: string, field: string): string {
  const text = oneLine(value);
  if (!text) throw new Error(`${field} is empty`);
  return text;
}

/** Only absolute http(s) links reach a button: never javascript:, data: or a relative path. */
function webUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${what} is not an http(s) URL`);
  return url.href;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const INK = '#1f2937';
const MUTED = '#6b7280';
const ACCENT = '#2453d6';
const p = (text: string, style: string) => `<p style="margin:0 0 16px;${FONT}${style}">${e(text)}</p>`;

// Tables, inline styles and a fixed 600 px column (narrowed by the media query on phones) are
// what Gmail, Outlook and Apple Mail all render the same way.
function html(m: Message, links: EmailLinks): string {
  const rows = m.details
    .map(({ label, value, strong }, i) => {
      const border = i > 0 ? 'border-top:1px solid #e5e7eb;' : '';
      const size = strong ? 'font-size:18px;font-weight:700;' : 'font-size:15px;';
      return `<tr>
<td style="padding:12px 16px;${border}${FONT}font-size:14px;color:${MUTED};">${e(label)}</td>
<td align="right" style="padding:12px 16px;${border}${FONT}${size}color:${INK};">${e(value)}</td>
</tr>`;
    })
    .join('\n');
  const pixel = links.openPixel ? `\n<img src="${e(links.openPixel)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">` : '';
  return `<!DOCTYPE html>
<html lang="${e(m.lang)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no">
<title>${e(m.subject)}</title>
<style>
@media only screen and (max-width: 620px) {
  .container { width: 100% !important; }
  .px { padding-left: 20px !important; padding-right: 20px !important; }
  .button, .button a { display: block !important; width: 100% !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${e(m.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr>
<td align="center" style="padding:24px 12px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background-color:#ffffff;border-radius:12px;">
<tr>
<td class="px" style="padding:24px 32px;border-bottom:1px solid #e5e7eb;${FONT}font-size:20px;font-weight:700;color:${INK};">${e(m.brand)}</td>
</tr>
<tr>
<td class="px" style="padding:32px 32px 8px;">
<h1 style="margin:0 0 20px;${FONT}font-size:24px;line-height:32px;font-weight:700;color:${INK};">${e(m.heading)}</h1>
${p(m.greeting, `font-size:16px;line-height:24px;color:${INK};`)}
${p(m.body, `font-size:16px;line-height:24px;color:${INK};`)}
</td>
</tr>
<tr>
<td class="px" style="padding:0 32px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f9fafb;border:1px solid #e5e7eb;border-radius:8px;">
${rows}
</table>
</td>
</tr>
<tr>
<td class="px" align="center" style="padding:28px 32px;">
<table role="presentation" class="button" cellpadding="0" cellspacing="0" border="0">
<tr>
<td align="center" bgcolor="${ACCENT}" style="border-radius:8px;mso-padding-alt:14px 40px;">
<a href="${e(links.pay)}" target="_blank" style="display:inline-block;padding:14px 40px;${FONT}font-size:18px;line-height:24px;font-weight:700;color:#ffffff;text-decoration:none;border-radius:8px;mso-padding-alt:0;">${e(m.button)}</a>
</td>
</tr>
</table>
</td>
</tr>
<tr>
<td class="px" style="padding:0 32px 16px;">
${p(m.help, `font-size:15px;line-height:22px;color:${INK};`)}
<p style="margin:0 0 16px;${FONT}font-size:13px;line-height:20px;color:${MUTED};">${e(m.fallback)}<br><a href="${e(m.paymentUrl)}" target="_blank" style="color:${ACCENT};word-break:break-all;">${e(m.paymentUrl)}</a></p>
</td>
</tr>
<tr>
<td class="px" style="padding:20px 32px 24px;border-top:1px solid #e5e7eb;">
${[m.footer, ...m.disclosures].map((line) => p(line, `font-size:12px;line-height:18px;color:${MUTED};`)).join('\n')}
<p style="margin:0;${FONT}font-size:12px;line-height:18px;"><a href="${e(links.unsubscribe)}" target="_blank" style="color:${MUTED};text-decoration:underline;">${e(m.unsubscribe)}</a></p>
</td>
</tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->${pixel}
</td>
</tr>
</table>
</body>
</html>
`;
}

function text(m: Message, links: EmailLinks): string {
  return [
    m.greeting,
    '',
    m.body,
    '',
    ...m.details.map(({ label, value }) => `${label}${m.colon}${value}`),
    '',
    `${m.button}${m.colon}${links.pay}`,
    '',
    m.help,
    '',
    '-- ',
    m.footer,
    ...m.disclosures,
    `${m.unsubscribe}${m.colon}${links.unsubscribe}`,
    '',
  ].join('\n');
}
