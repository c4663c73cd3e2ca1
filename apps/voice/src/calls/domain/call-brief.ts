import type { VoiceRequestedV1 } from '@settle/contracts';
import type { CallBrief } from '../../conversation/ports';

export interface BriefSettings {
  agentName: string;
  /** The service-wide fallback, for a command without the tenant's callbackNumber. */
  callbackNumber: string;
}

/**
 * The conversation's brief from a voice command. Without a verification factor the agent cannot
 * check who answered, so `canVerify` is false and the call may only leave a limited-content
 * message: the brief then carries an unmatchable factor as a second line of defence.
 */
export function briefFromCommand(
  ids: { callId: string; tenantId: string; accountId: string },
  command: VoiceRequestedV1,
  settings: BriefSettings,
): { brief: CallBrief; canVerify: boolean } {
  const canVerify = Boolean(command.verification?.expected.trim());
  const brief: CallBrief = {
    callId: ids.callId,
    tenantId: ids.tenantId,
    accountId: ids.accountId,
    caseId: command.caseId,
    channel: 'phone',
    language: baseLanguage(command.language),
    brandName: command.brandName,
    agentName: settings.agentName,
    // The tenant's number (from its profile, on the command) over the service-wide VOICE_CALLBACK_NUMBER.
    callbackNumber: command.callbackNumber ?? settings.callbackNumber,
    debtor: { ...(command.firstName ? { firstName: command.firstName } : {}), fullName: command.fullName ?? command.firstName ?? '' },
    verification: canVerify ? { kind: command.verification!.kind, expected: command.verification!.expected } : { kind: 'date_of_birth', expected: '\u0000no-factor' },
    debt: {
      amountDueMinor: command.amountDue.amountMinor,
      currency: command.amountDue.currency,
      merchantName: command.merchantName,
      ...(command.orderRef ? { orderRef: command.orderRef } : {}),
      dueDate: command.dueDate,
    },
    jurisdiction: command.jurisdiction,
    disclosures: command.disclosures,
  };
  return { brief, canVerify };
}

export function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}

const DEFAULT_LOCALES: Record<string, string> = {
  en: 'en-GB', de: 'de-DE', es: 'es-ES', fr: 'fr-FR', it: 'it-IT', nl: 'nl-NL', pl: 'pl-PL', pt: 'pt-PT', sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI', nb: 'nb-NO',
};

/** The text-to-speech locale: the command's own region when it has one, else the jurisdiction's, else a default. */
export function speechLocale(languageTag: string, jurisdiction: string): string {
  if (/^[a-z]{2,3}-[A-Z]{2}$/.test(languageTag)) return languageTag;
  const base = baseLanguage(languageTag);
  const country = jurisdiction.slice(0, 2);
  if (base === 'en' && country === 'US') return 'en-US';
  if (base === 'de' && (country === 'AT' || country === 'CH')) return `de-${country}`;
  if (base === 'fr' && (country === 'BE' || country === 'CA')) return `fr-${country}`;
  return DEFAULT_LOCALES[base] ?? `${base}-${country}`;
}

/** Words a limited-content (answering machine) message must never contain, by language. */
export const DEBT_WORDS: Record<string, string[]> = {
  en: ['debt', 'payment', 'owe', 'overdue', 'instalment', 'installment', 'collection', 'arrears'],
  de: ['schuld', 'zahlung', 'rate', 'überfällig', 'inkasso', 'mahnung', 'betrag'],
  es: ['deuda', 'pago', 'cuota', 'vencid', 'cobro'],
  fr: ['dette', 'paiement', 'échéance', 'impayé', 'recouvrement'],
};
