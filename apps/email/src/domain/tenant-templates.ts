import { FieldError, LANGUAGE_TAG, TONES } from '@settle/contracts';
import { COPY } from './email-copy';
import { EmailContent, EmailLinks, formatDate, formatMoney, shippedLanguageFor } from './email-templates';
import { escapeHtml, oneLine } from './html';

/**
 * Tenant email templates: a subject, an HTML body fragment and a text part, with {{variables}}.
 * Variables are escaped for HTML in the HTML part and flattened to one line in the subject. The
 * system always wraps the tenant's part: the HTML document and brand header, the disclosures the
 * compliance gate hands over, the footer, the unsubscribe link and (when on) the open pixel.
 * Pure: no I/O.
 */
export const EMAIL_TEMPLATE_VARIABLES = ['firstName', 'merchant', 'amount', 'dueDate', 'link', 'brand', 'orderRef'] as const;
export type EmailTemplateVariable = (typeof EMAIL_TEMPLATE_VARIABLES)[number];
export type EmailTemplateValues = Record<EmailTemplateVariable, string>;

export interface EmailTemplateParts {
  subject: string;
  html: string;
  text: string;
}

export interface TenantEmailTemplate extends EmailTemplateParts {
  /** The language the template's words are in (after the fallback chain). */
  language: string;
}

export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
export const TENANT_DEFAULT_LANGUAGE = 'en';
const PLACEHOLDER = /\{\{\s*(\w*)\s*\}\}/g;
const LIMITS: Record<keyof EmailTemplateParts, number> = { subject: 200, html: 50_000, text: 20_000 };
/** What a template's HTML may not contain: the system owns scripts, forms and the document around it. */
const FORBIDDEN_HTML: { pattern: RegExp; problem: string }[] = [
  { pattern: /<\s*(script|iframe|object|embed|form|input|button|base|meta|link|style)\b/i, problem: 'must not contain <script>, <iframe>, <object>, <embed>, <form>, <input>, <button>, <base>, <meta>, <link> or <style>' },
  { pattern: /<\s*\/?\s*(html|head|body)\b/i, problem: 'is the body fragment only: the system adds <html>, <head> and <body>' },
  { pattern: /\son[a-z]+\s*=/i, problem: 'must not contain event-handler attributes such as onclick=' },
  { pattern: /(javascript|vbscript|data)\s*:/i, problem: 'must not contain javascript:, vbscript: or data: URLs' },
];

/** The tenant's template languages to try, in order: the debtor's tag, its base language, the tenant default. */
export function tenantTemplateLanguages(tag: string): string[] {
  return [...new Set([tag, tag.split('-')[0], TENANT_DEFAULT_LANGUAGE])];
}

export interface TemplateCheck {
  errors: FieldError[];
  warnings: string[];
  /** The template rendered with realistic values (no tracking), as it would be sent. */
  example?: { subject: string; html: string; text: string };
}

/** Checks a template before it is saved: path, each part's variables, the pay link, the HTML's safety. */
export function checkEmailTemplate(draft: { name: string; language: string; tone: string; subject: unknown; html: unknown; text: unknown }): TemplateCheck {
  const errors: FieldError[] = [];
  if (!TEMPLATE_NAME.test(draft.name)) errors.push({ field: 'name', problem: 'must be 1-80 letters, digits, dot, underscore or dash' });
  if (!LANGUAGE_TAG.test(draft.language)) errors.push({ field: 'language', problem: 'must be a language tag such as de or de-AT' });
  if (!(TONES as readonly string[]).includes(draft.tone)) errors.push({ field: 'tone', problem: `must be one of ${TONES.join(', ')}` });
  const parts = checkParts(draft);
  errors.push(...parts.errors);
  if (!parts.parts) return { errors, warnings: [] };
  const used = parts.variables;
  if (!used.html.includes('link')) errors.push({ field: 'html', problem: 'must contain {{link}}: every reminder carries its payment link' });
  if (!used.text.includes('link')) errors.push({ field: 'text', problem: 'must contain {{link}}: the text part carries the payment link too' });
  const warnings: string[] = [];
  if (![...used.subject, ...used.html].includes('brand')) warnings.push('names no {{brand}} in the subject or body: the brand is only in the header the system adds');
  if (!used.html.includes('amount')) warnings.push('the HTML part does not state the {{amount}} due');
  const example = errors.length === 0 ? previewEmailTemplate(parts.parts, LANGUAGE_TAG.test(draft.language) ? draft.language : 'en') : undefined;
  return { errors, warnings, ...(example ? { example } : {}) };
}

/** Each part's variables and what is wrong with it; `parts` when all three are strings in bounds. */
export function checkParts(input: { subject: unknown; html: unknown; text: unknown }): { errors: FieldError[]; variables: Record<keyof EmailTemplateParts, string[]>; parts?: EmailTemplateParts } {
  const errors: FieldError[] = [];
  const variables: Record<keyof EmailTemplateParts, string[]> = { subject: [], html: [], text: [] };
  for (const field of ['subject', 'html', 'text'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push({ field, problem: 'must be a non-empty string' });
      continue;
    }
    if (value.length > LIMITS[field]) {
      errors.push({ field, problem: `must be at most ${LIMITS[field]} characters` });
      continue;
    }
    variables[field] = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const unknown = [...new Set(variables[field].filter((v) => !(EMAIL_TEMPLATE_VARIABLES as readonly string[]).includes(v)))];
    if (unknown.length > 0) {
      errors.push({
        field,
        problem: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; known: ${EMAIL_TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
      });
    }
    const rest = value.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) errors.push({ field, problem: 'has an unmatched {{ or }}: write variables as {{name}}' });
    if (field === 'subject' && /[\r\n]/.test(value)) errors.push({ field, problem: 'must be one line' });
    if (field === 'html') for (const rule of FORBIDDEN_HTML) if (rule.pattern.test(value)) errors.push({ field, problem: rule.problem });
  }
  const usable = (['subject', 'html', 'text'] as const).every((f) => typeof input[f] === 'string' && (input[f] as string).trim() !== '' && (input[f] as string).length <= LIMITS[f]);
  return usable ? { errors, variables, parts: { subject: input.subject as string, html: input.html as string, text: input.text as string } } : { errors, variables };
}

/** Realistic, rather long values in the language: what a preview shows unless a sample overrides them. */
export function exampleValues(language: string): EmailTemplateValues {
  return {
    firstName: 'Alexandra',
    merchant: 'Nordic Bikes & Outdoor',
    amount: formatMoney(123456, 'EUR', language),
    dueDate: formatDate('2026-09-28', language),
    link: 'https://pay.settle.example/p/AbCdEfGh1234',
    brand: 'Acme Pay',
    orderRef: 'ORD-2026-004711',
  };
}

/** Fills a part: `html` escapes every value, `plain` flattens it to one line. Unknown names render empty. */
export function fill(template: string, values: EmailTemplateValues, mode: 'html' | 'plain'): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = oneLine((values as Record<string, string>)[name] ?? '');
    return mode === 'html' ? escapeHtml(value) : value;
  });
}

/** The message a template gives for realistic values (overridden by `sample`), wrapped as it would be sent. */
export function previewEmailTemplate(parts: EmailTemplateParts, language: string, sample: Partial<EmailTemplateValues> = {}): { subject: string; html: string; text: string } {
  const values = { ...exampleValues(language), ...sample };
  return wrap({ ...parts, language }, values, { pay: values.link, unsubscribe: 'https://settle.example/v1/email/unsubscribe/preview' }, [], values.brand);
}

export type RenderedTenantEmail = { ok: true; language: string; subject: string; html: string; text: string } | { ok: false; code: 'render_failed'; reason: string };

/** Renders a command with a tenant's template; a bad value fails this one email, with why. */
export function renderTenantEmail(template: TenantEmailTemplate, content: EmailContent, links: EmailLinks): RenderedTenantEmail {
  try {
    const locale = content.language.split('-')[0] === template.language.split('-')[0] ? content.language : template.language;
    const brand = oneLine(content.brandName);
    if (!brand) throw new Error('brandName is empty');
    const values: EmailTemplateValues = {
      firstName: content.firstName ?? '',
      merchant: content.merchantName,
      amount: formatMoney(content.amountDue.amountMinor, content.amountDue.currency, locale),
      dueDate: formatDate(content.dueDate, locale),
      link: webUrl(links.pay, 'the pay link'),
      brand,
      orderRef: content.orderRef ?? '',
    };
    const checked: EmailLinks = { pay: values.link, unsubscribe: webUrl(links.unsubscribe, 'the unsubscribe link'), ...(links.openPixel ? { openPixel: webUrl(links.openPixel, 'the open pixel') } : {}) };
    return { ok: true, language: template.language, ...wrap(template, values, checked, content.disclosures.map(oneLine).filter(Boolean), brand) };
  } catch (error) {
    return { ok: false, code: 'render_failed', reason: (error as Error).message };
  }
}

/** The system's part around the tenant's: document, brand header, disclosures, footer, unsubscribe, pixel. */
function wrap(t: TenantEmailTemplate, values: EmailTemplateValues, links: EmailLinks, disclosures: string[], brand: string): { subject: string; html: string; text: string } {
  const copy = COPY[shippedLanguageFor(t.language)];
  const colon = copy.colon ?? ': ';
  const subject = fill(t.subject, values, 'plain');
  const footer = [copy.footer(brand), ...disclosures];
  const e = escapeHtml;
  const small = 'margin:0 0 12px;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;color:#6b7280;';
  const pixel = links.openPixel ? `\n<img src="${e(links.openPixel)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">` : '';
  const html = `<!DOCTYPE html>
<html lang="${e(t.language)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr>
<td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-radius:12px;">
<tr>
<td style="padding:24px 32px;border-bottom:1px solid #e5e7eb;font-family:Helvetica,Arial,sans-serif;font-size:20px;font-weight:700;color:#1f2937;">${e(brand)}</td>
</tr>
<tr>
<td style="padding:24px 32px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#1f2937;">
${fill(t.html, values, 'html')}
</td>
</tr>
<tr>
<td style="padding:20px 32px 24px;border-top:1px solid #e5e7eb;">
${footer.map((line) => `<p style="${small}">${e(line)}</p>`).join('\n')}
<p style="${small}margin:0;"><a href="${e(links.unsubscribe)}" target="_blank" style="color:#6b7280;text-decoration:underline;">${e(copy.unsubscribe)}</a></p>
</td>
</tr>
</table>${pixel}
</td>
</tr>
</table>
</body>
</html>
`;
  const text = [fill(t.text, values, 'plain').trimEnd(), '', '-- ', ...footer, `${copy.unsubscribe}${colon}${links.unsubscribe}`, ''].join('\n');
  return { subject, html, text };
}

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
