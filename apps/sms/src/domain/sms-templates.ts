import type { SmsRequestedV1, Tone } from '@settle/contracts';
import { measureSms, SmsSize } from './sms-encoding';

type Template = (v: TemplateValues) => string;

interface TemplateValues {
  greeting: string;
  merchant: string;
  amount: string;
  due: string;
  link: string;
  brand: string;
}

/**
 * Default reminders, written to sound like the lender's app: casual at first, clear later, never
 * threatening or shaming. The short variant drops the merchant when the full one is too long.
 */
const TEMPLATES: Record<string, { greet: (name?: string) => string } & Record<Tone, Template>> = {
  en: {
    greet: (n) => (n ? `Hi ${n}` : 'Hi'),
    friendly: (v) => `${v.greeting}, your ${v.merchant} payment of ${v.amount} didn't go through. Sort it in a few taps: ${v.link} - ${v.brand}`,
    reminder: (v) => `${v.greeting}, a reminder from ${v.brand}: ${v.amount} for ${v.merchant} is still open (due ${v.due}). Pay here: ${v.link}`,
    urgent: (v) => `${v.greeting}, ${v.amount} for ${v.merchant} is now overdue since ${v.due}. Please pay today or reply if you need more time: ${v.link} - ${v.brand}`,
  },
  de: {
    greet: (n) => (n ? `Hallo ${n}` : 'Hallo'),
    friendly: (v) => `${v.greeting}, deine Zahlung von ${v.amount} für ${v.merchant} hat nicht geklappt. In wenigen Schritten erledigt: ${v.link} - ${v.brand}`,
    reminder: (v) => `${v.greeting}, kurze Erinnerung von ${v.brand}: ${v.amount} für ${v.merchant} ist noch offen (fällig ${v.due}). Hier zahlen: ${v.link}`,
    urgent: (v) => `${v.greeting}, ${v.amount} für ${v.merchant} ist seit ${v.due} überfällig. Bitte zahle heute oder antworte, wenn du mehr Zeit brauchst: ${v.link} - ${v.brand}`,
  },
  fr: {
    greet: (n) => (n ? `Bonjour ${n}` : 'Bonjour'),
    friendly: (v) => `${v.greeting}, votre paiement de ${v.amount} pour ${v.merchant} n'est pas passé. Réglez-le en quelques clics : ${v.link} - ${v.brand}`,
    reminder: (v) => `${v.greeting}, petit rappel de ${v.brand} : ${v.amount} pour ${v.merchant} reste à régler (échéance ${v.due}). Payer ici : ${v.link}`,
    urgent: (v) => `${v.greeting}, ${v.amount} pour ${v.merchant} est en retard depuis le ${v.due}. Merci de régler aujourd'hui ou de répondre si vous avez besoin de temps : ${v.link} - ${v.brand}`,
  },
  es: {
    greet: (n) => (n ? `Hola ${n}` : 'Hola'),
    friendly: (v) => `${v.greeting}, tu pago de ${v.amount} en ${v.merchant} no se ha podido cobrar. Resuélvelo en unos toques: ${v.link} - ${v.brand}`,
    // Phrased without á, í, ó, ú: they are not GSM-7 and would double the cost of every SMS.
    reminder: (v) => `${v.greeting}, un recordatorio de ${v.brand}: ${v.amount} de ${v.merchant} sigue pendiente (vencimiento ${v.due}). Paga en este enlace: ${v.link}`,
    urgent: (v) => `${v.greeting}, ${v.amount} de ${v.merchant} sigue pendiente desde el ${v.due}. Por favor, paga hoy o responde si necesitas un plazo: ${v.link} - ${v.brand}`,
  },
};

export const SHIPPED_LANGUAGES = Object.keys(TEMPLATES);

export type Rendered = { ok: true; text: string; size: SmsSize; language: string } | { ok: false; code: 'too_long'; reason: string };

/** Renders the reminder for one command in the debtor's language (English when not shipped). */
export function renderReminder(command: SmsRequestedV1, maxSegments: number): Rendered {
  const language = shippedLanguageFor(command.language);
  const t = TEMPLATES[language];
  const values: TemplateValues = {
    greeting: t.greet(command.firstName),
    merchant: command.merchantName,
    amount: formatMoney(command.amountDue.amountMinor, command.amountDue.currency, language),
    due: formatDate(command.dueDate, language),
    link: command.paymentLink.url,
    brand: command.brandName,
  };
  // Alternatives, in order of preference: the variables' accents spelt out in GSM-7 (one non-GSM
  // letter makes the whole SMS UCS-2, at twice the segments), then without the first name. The
  // fewest segments wins; on a tie, the earlier.
  const plain = { ...values, greeting: t.greet(undefined) };
  let best: { text: string; size: SmsSize } | undefined;
  for (const candidate of [values, transliterate(values), plain, transliterate(plain)]) {
    const text = t[command.tone](candidate);
    const size = measureSms(text);
    if (!best || size.segments < best.size.segments) best = { text, size };
  }
  if (best && best.size.segments <= maxSegments) return { ok: true, text: best.text, size: best.size, language };
  return { ok: false, code: 'too_long', reason: `the ${language} ${command.tone} reminder needs more than ${maxSegments} segments` };
}

/** The exact language, else its primary subtag (de-AT → de), else English. */
export function shippedLanguageFor(tag: string): string {
  if (TEMPLATES[tag]) return tag;
  const primary = tag.split('-')[0];
  return TEMPLATES[primary] ? primary : 'en';
}

const GSM_SPELLING: Record<string, string> = {
  á: 'a', â: 'a', ã: 'a', í: 'i', î: 'i', ï: 'i', ó: 'o', ô: 'o', õ: 'o', ú: 'u', û: 'u', ç: 'c', ë: 'e', ê: 'e', ÿ: 'y',
  Á: 'A', Â: 'A', Í: 'I', Ó: 'O', Ú: 'U', Û: 'U', Ê: 'E', ł: 'l', Ł: 'L', ś: 's', ź: 'z', ż: 'z', ć: 'c', ń: 'n', ę: 'e', ą: 'a',
};

function transliterate(values: TemplateValues): TemplateValues {
  const spell = (s: string) => s.replace(/[^ -~]/g, (ch) => GSM_SPELLING[ch] ?? ch);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, spell(v)])) as unknown as TemplateValues;
}

export function formatMoney(amountMinor: number, currency: string, language: string): string {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits).replace(/\u00a0|\u202f/g, ' ');
}

function formatDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
