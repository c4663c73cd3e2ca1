import type { SmsRequestedV1, Tone } from '@settle/contracts';
import { isGsm7, measureSms, SmsSize } from './sms-encoding';

/** What a template may say, each written `{{name}}`; system defaults and tenant templates alike. */
export const TEMPLATE_VARIABLES = ['firstName', 'merchant', 'amount', 'dueDate', 'link', 'brand', 'orderRef'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/**
 * Default reminders, written to sound like the lender's app: casual at first, clear later, never
 * threatening or shaming, always naming the brand. Every word is GSM-7 so that a reminder costs at
 * most two segments: Polish is written without diacritics (as Polish SMS usually are) and
 * Portuguese avoids ã, ç, ê and á ("Ola" for "Olá"); Spanish avoids á, í, ó, ú.
 */
const DEFAULT_TEMPLATES: Record<string, Record<Tone, string>> = {
  en: {
    friendly: "Hi {{firstName}}, your {{merchant}} payment of {{amount}} didn't go through. Sort it in a few taps: {{link}} - {{brand}}",
    reminder: 'Hi {{firstName}}, a reminder from {{brand}}: {{amount}} for {{merchant}} is still open (due {{dueDate}}). Pay here: {{link}}',
    urgent: 'Hi {{firstName}}, {{amount}} for {{merchant}} has been overdue since {{dueDate}}. Please pay today or reply if you need more time: {{link}} - {{brand}}',
  },
  de: {
    friendly: 'Hallo {{firstName}}, deine Zahlung von {{amount}} für {{merchant}} hat nicht geklappt. In wenigen Schritten erledigt: {{link}} - {{brand}}',
    reminder: 'Hallo {{firstName}}, kurze Erinnerung von {{brand}}: {{amount}} für {{merchant}} ist noch offen (fällig {{dueDate}}). Hier zahlen: {{link}}',
    urgent: 'Hallo {{firstName}}, {{amount}} für {{merchant}} ist seit {{dueDate}} überfällig. Bitte zahle heute oder antworte, wenn du mehr Zeit brauchst: {{link}} - {{brand}}',
  },
  fr: {
    friendly: "Bonjour {{firstName}}, votre paiement de {{amount}} pour {{merchant}} n'est pas passé. Réglez-le en quelques clics : {{link}} - {{brand}}",
    reminder: 'Bonjour {{firstName}}, petit rappel de {{brand}} : {{amount}} pour {{merchant}} reste à régler (échéance {{dueDate}}). Payer ici : {{link}}',
    urgent: "Bonjour {{firstName}}, {{amount}} pour {{merchant}} est en retard depuis le {{dueDate}}. Merci de régler aujourd'hui ou de répondre si vous avez besoin de temps : {{link}} - {{brand}}",
  },
  es: {
    friendly: 'Hola {{firstName}}, tu pago de {{amount}} en {{merchant}} no se ha podido cobrar. Resuélvelo en unos toques: {{link}} - {{brand}}',
    reminder: 'Hola {{firstName}}, un recordatorio de {{brand}}: {{amount}} de {{merchant}} sigue pendiente (vencimiento {{dueDate}}). Paga en este enlace: {{link}}',
    urgent: 'Hola {{firstName}}, {{amount}} de {{merchant}} sigue pendiente desde el {{dueDate}}. Por favor, paga hoy o responde si necesitas un plazo: {{link}} - {{brand}}',
  },
  it: {
    friendly: 'Ciao {{firstName}}, il pagamento di {{amount}} per {{merchant}} non è andato a buon fine. Puoi sistemarlo in pochi tocchi: {{link}} - {{brand}}',
    reminder: 'Ciao {{firstName}}, un promemoria da {{brand}}: {{amount}} per {{merchant}} è ancora da pagare (scadenza {{dueDate}}). Paga qui: {{link}}',
    urgent: 'Ciao {{firstName}}, il pagamento di {{amount}} per {{merchant}} è in ritardo dal {{dueDate}}. Ti chiediamo di pagare oggi o di rispondere se ti serve più tempo: {{link}} - {{brand}}',
  },
  nl: {
    friendly: 'Hoi {{firstName}}, je betaling van {{amount}} bij {{merchant}} is niet gelukt. Regel het in een paar tikken: {{link}} - {{brand}}',
    reminder: 'Hoi {{firstName}}, een herinnering van {{brand}}: {{amount}} bij {{merchant}} moet nog betaald worden (vervaldatum {{dueDate}}). Betaal hier: {{link}}',
    urgent: 'Hoi {{firstName}}, {{amount}} bij {{merchant}} staat sinds {{dueDate}} open. Wil je vandaag betalen, of laat je even weten als je meer tijd nodig hebt? {{link}} - {{brand}}',
  },
  sv: {
    friendly: 'Hej {{firstName}}! Din betalning på {{amount}} till {{merchant}} gick inte igenom. Fixa det med några klick: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påminnelse från {{brand}}: {{amount}} till {{merchant}} är fortfarande obetalt (förfallodag {{dueDate}}). Betala här: {{link}}',
    urgent: 'Hej {{firstName}}! Betalningen på {{amount}} till {{merchant}} har varit obetald sedan {{dueDate}}. Betala gärna i dag eller svara om du behöver mer tid: {{link}} - {{brand}}',
  },
  da: {
    friendly: 'Hej {{firstName}}! Din betaling på {{amount}} til {{merchant}} gik ikke igennem. Klar det med få klik: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påmindelse fra {{brand}}: {{amount}} til {{merchant}} er stadig ikke betalt (forfaldsdato {{dueDate}}). Betal her: {{link}}',
    urgent: 'Hej {{firstName}}! Betalingen på {{amount}} til {{merchant}} har været forsinket siden {{dueDate}}. Betal gerne i dag, eller svar, hvis du har brug for mere tid: {{link}} - {{brand}}',
  },
  pl: {
    friendly: 'Czesc {{firstName}}, Twoja platnosc {{amount}} za zakupy w {{merchant}} nie przeszla. Zalatwisz to w pare klikniec: {{link}} - {{brand}}',
    reminder: 'Czesc {{firstName}}, przypomnienie od {{brand}}: {{amount}} za zakupy w {{merchant}} jest do zaplaty (termin {{dueDate}}). Zaplac tutaj: {{link}}',
    urgent: 'Czesc {{firstName}}, {{amount}} za zakupy w {{merchant}} czeka na zaplate od {{dueDate}}. Zaplac prosze dzisiaj albo odpisz, jesli potrzebujesz wiecej czasu: {{link}} - {{brand}}',
  },
  pt: {
    friendly: 'Ola {{firstName}}, o pagamento de {{amount}} da sua compra em {{merchant}} falhou. Resolva em poucos toques: {{link}} - {{brand}}',
    reminder: 'Ola {{firstName}}, um lembrete de {{brand}}: {{amount}} da sua compra em {{merchant}} continua pendente (prazo: {{dueDate}}). Pague aqui: {{link}}',
    urgent: 'Ola {{firstName}}, o pagamento de {{amount}} da sua compra em {{merchant}} continua em atraso desde {{dueDate}}. Por favor, pague hoje ou responda se precisar de mais tempo: {{link}} - {{brand}}',
  },
};

export const SHIPPED_LANGUAGES = Object.keys(DEFAULT_TEMPLATES);

export function defaultTemplate(language: string, tone: Tone): string {
  return DEFAULT_TEMPLATES[shippedLanguageFor(language)][tone];
}

/** Tenants keep no default language of their own: a missing translation falls back to their English. */
export const TENANT_DEFAULT_LANGUAGE = 'en';

/** The tenant template languages to try, in order, before the system default in the debtor's language. */
export function tenantTemplateLanguages(tag: string): string[] {
  return [...new Set([tag, tag.split('-')[0], TENANT_DEFAULT_LANGUAGE])];
}

/** A template chosen for a command (a tenant's), with the language its words are in. */
export interface TemplateChoice {
  body: string;
  language: string;
}

export type Rendered = { ok: true; text: string; size: SmsSize; language: string } | { ok: false; code: 'too_long'; reason: string };

/** Renders the reminder for one command: the given template, else the default in the debtor's language. */
export function renderReminder(command: SmsRequestedV1, maxSegments: number, template?: TemplateChoice): Rendered {
  const language = template?.language ?? shippedLanguageFor(command.language);
  const body = template?.body ?? DEFAULT_TEMPLATES[language][command.tone];
  const best = renderBody(body, valuesFor(command, language));
  if (best.size.segments <= maxSegments) return { ok: true, ...best, language };
  return { ok: false, code: 'too_long', reason: `the ${language} ${command.tone} reminder needs more than ${maxSegments} segments` };
}

function valuesFor(command: SmsRequestedV1, language: string): TemplateValues {
  return {
    firstName: command.firstName ?? '',
    merchant: command.merchantName,
    amount: formatMoney(command.amountDue.amountMinor, command.amountDue.currency, language),
    dueDate: formatDate(command.dueDate, language),
    link: command.paymentLink.url,
    brand: command.brandName,
    // sms.requested carries no order reference (yet): a template that names one renders it empty.
    orderRef: '',
  };
}

/**
 * Fills the template, choosing the cheapest of: as is; with the values spelt in GSM-7 (one non-GSM
 * letter makes the whole SMS UCS-2, at twice the segments); with the whole text spelt in GSM-7;
 * then the same without the first name. The fewest segments wins; on a tie, the earlier.
 */
export function renderBody(body: string, values: TemplateValues): { text: string; size: SmsSize } {
  const nameless = { ...values, firstName: '' };
  let best: { text: string; size: SmsSize } | undefined;
  for (const v of [values, nameless]) {
    for (const text of [fillTemplate(body, v), fillTemplate(body, spellValues(v)), gsmSpelling(fillTemplate(body, v))]) {
      const size = measureSms(text);
      if (!best || size.segments < best.size.segments) best = { text, size };
    }
  }
  return best!;
}

/**
 * `{{name}}` → its value. An empty value takes one space before it along ("Hi {{firstName}}," reads
 * "Hi,"), and a value ending in a full stop absorbs the one after it ("15 janv." + "." → "15 janv.").
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/( ?)\{\{\s*(\w+)\s*\}\}(\.?)/g, (_match, space: string, name: string, stop: string) => {
    const value = Object.hasOwn(values, name) ? values[name as TemplateVariable] : '';
    return (value ? space + value : '') + (value.endsWith('.') ? '' : stop);
  });
}

/** The exact language, else its primary subtag (de-AT → de), else English. */
export function shippedLanguageFor(tag: string): string {
  if (DEFAULT_TEMPLATES[tag]) return tag;
  const primary = tag.split('-')[0];
  return DEFAULT_TEMPLATES[primary] ? primary : 'en';
}

/** Letters and signs with no GSM-7 form and no accent to strip. */
const GSM_SPELLING: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'Th', ð: 'd',
  '‘': "'", '’': "'", '`': "'", '´': "'", '“': '"', '”': '"', '„': '"', '‚': ',', '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '\u202f': ' ',
};

/** Spells text in GSM-7 where it can: á → a, ł → l, ’ → '; characters with no spelling are kept. */
export function gsmSpelling(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isGsm7(ch)) out += ch;
    else if (GSM_SPELLING[ch]) out += GSM_SPELLING[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every(isGsm7) ? bare : ch;
    }
  }
  return out;
}

function spellValues(values: TemplateValues): TemplateValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, gsmSpelling(v)])) as TemplateValues;
}

export function formatMoney(amountMinor: number, currency: string, language: string): string {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // GSM-7 spelling: "zł" as "zl", as Polish SMS write it, and no no-break spaces.
  return gsmSpelling(format.format(amountMinor / 10 ** digits));
}

export function formatDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
