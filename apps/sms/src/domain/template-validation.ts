import { FieldError, LANGUAGE_TAG, TONES } from '@settle/contracts';
import { isGsm7, SmsEncoding } from './sms-encoding';
import { TEMPLATE_VARIABLES, TemplateValues, formatDate, formatMoney, renderBody } from './sms-templates';

export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const MAX_BODY_LENGTH = 1000;
const PLACEHOLDER = /\{\{\s*(\w*)\s*\}\}/g;

/** Where the law asks every text to say how to opt out, and the word the text must use. */
const OPT_OUT_REQUIRED: Record<string, { word: RegExp; text: string }> = {
  US: { word: /\bSTOP\b/, text: 'must contain "STOP" as the way to opt out (Reg F, 12 CFR 1006.6(e)) for US debtors' },
};

export interface SizeReport {
  text: string;
  encoding: SmsEncoding;
  segments: number;
  units: number;
}

export interface TemplateDraft {
  name: string;
  language: string;
  tone: string;
  body: unknown;
  /** ISO countries whose debtors will get this template; decides the opt-out wording required. */
  jurisdictions?: unknown;
}

export interface TemplateCheck {
  errors: FieldError[];
  warnings: string[];
  /** The template rendered with realistic values, as it would be sent. */
  example?: SizeReport;
}

/** Realistic, rather long values in the language: what a template is measured with. */
export function exampleValues(language: string): TemplateValues {
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

/** Checks a tenant template before it is saved: path, variables, opt-out wording, size. */
export function checkTemplate(draft: TemplateDraft, maxSegments: number): TemplateCheck {
  const errors: FieldError[] = [];
  if (!TEMPLATE_NAME.test(draft.name)) errors.push({ field: 'name', problem: 'must be 1-80 letters, digits, dot, underscore or dash' });
  if (!LANGUAGE_TAG.test(draft.language)) errors.push({ field: 'language', problem: 'must be a language tag such as de or de-AT' });
  if (!(TONES as readonly string[]).includes(draft.tone)) errors.push({ field: 'tone', problem: `must be one of ${TONES.join(', ')}` });
  const jurisdictions = draft.jurisdictions ?? [];
  if (!Array.isArray(jurisdictions) || !jurisdictions.every((j) => typeof j === 'string' && /^[A-Z]{2}$/.test(j))) {
    errors.push({ field: 'jurisdictions', problem: 'must be a list of ISO 3166-1 alpha-2 country codes such as ["US"]' });
  }
  const bodyCheck = checkBody(draft.body);
  errors.push(...bodyCheck.errors);
  const body = bodyCheck.body;
  if (body === undefined) return { errors, warnings: [] };

  if (!bodyCheck.variables.includes('link')) errors.push({ field: 'body', problem: 'must contain {{link}}: every reminder carries its payment link' });
  for (const country of Array.isArray(jurisdictions) ? jurisdictions : []) {
    const rule = OPT_OUT_REQUIRED[country as string];
    if (rule && !rule.word.test(body)) errors.push({ field: 'body', problem: rule.text });
  }
  const example = preview(body, LANGUAGE_TAG.test(draft.language) ? draft.language : 'en');
  if (example.segments > maxSegments) {
    errors.push({ field: 'body', problem: `a realistic example needs ${example.segments} segments (${example.encoding}, ${example.units} units); at most ${maxSegments} are allowed` });
  }
  return { errors, warnings: warningsFor(body, bodyCheck.variables), example };
}

/** The variables a body uses and what is wrong with it; `body` when it can be rendered at all. */
export function checkBody(body: unknown): { errors: FieldError[]; variables: string[]; body?: string } {
  if (typeof body !== 'string' || body.trim() === '') return { errors: [{ field: 'body', problem: 'must be a non-empty string' }], variables: [] };
  if (body.length > MAX_BODY_LENGTH) return { errors: [{ field: 'body', problem: `must be at most ${MAX_BODY_LENGTH} characters` }], variables: [] };
  const variables = [...body.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const errors: FieldError[] = [];
  const unknown = [...new Set(variables.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v)))];
  if (unknown.length > 0) {
    errors.push({ field: 'body', problem: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; known: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}` });
  }
  const rest = body.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) errors.push({ field: 'body', problem: 'has an unmatched {{ or }}: write variables as {{name}}' });
  return { errors, variables, body };
}

/** Renders a body with realistic values in the language, overridden by any sample values given. */
export function preview(body: string, language: string, sample: Partial<TemplateValues> = {}): SizeReport {
  const { text, size } = renderBody(body, { ...exampleValues(language), ...sample });
  return { text, ...size };
}

function warningsFor(body: string, variables: string[]): string[] {
  const warnings: string[] = [];
  const outside = [...new Set([...body.replace(PLACEHOLDER, '')].filter((ch) => !isGsm7(ch)))];
  if (outside.length > 0) {
    warnings.push(`${outside.map((c) => JSON.stringify(c)).join(', ')} ${outside.length > 1 ? 'are' : 'is'} not GSM-7: the SMS goes as UCS-2 (70 characters a segment) unless spelling without accents saves segments`);
  }
  if (!variables.includes('brand')) warnings.push('names no {{brand}}: debtors ignore or distrust texts from a sender they do not recognise');
  if (variables.includes('orderRef')) warnings.push('sms.requested carries no order reference yet: {{orderRef}} renders empty until it does');
  return warnings;
}
