import { ContactWindow, isKnownZone, nextWindowOpening, isInsideWindow } from './contact-hours';
import { ComplianceDecision, ContactRequest } from './decision';

/**
 * The contact-hours rule of the walking skeleton: 08:00–21:00 in the debtor's own zone (US FDCPA
 * §805(a)(1) "convenient time" safe harbour, applied everywhere until per-country rule data lands).
 */
export const DEFAULT_CONTACT_WINDOW: ContactWindow = { startMinute: 8 * 60, endMinute: 21 * 60 };

export const RULES = {
  contactHours: 'hours.default.0800-2100',
  unknownZone: 'hours.zone-unknown',
  optOut: 'consent.opt-out',
} as const;

/** Decides whether one contact may happen now, later, or not at all. Pure: same input, same answer. */
export function decideContact(request: ContactRequest, window: ContactWindow = DEFAULT_CONTACT_WINDOW): ComplianceDecision {
  if (request.optedOut.includes(request.channel)) {
    return { outcome: 'block', ruleIds: [RULES.optOut], reasons: [`the debtor opted out of ${request.channel}`], flags: [] };
  }
  if (!isKnownZone(request.timeZone)) {
    // Without a zone no local hour can be proven lawful: refuse rather than guess.
    return {
      outcome: 'block',
      ruleIds: [RULES.unknownZone],
      reasons: [`"${request.timeZone}" is not a known IANA time zone`],
      flags: ['unknown_time_zone'],
    };
  }
  if (isInsideWindow(request.at, request.timeZone, window)) {
    return { outcome: 'allow', ruleIds: [RULES.contactHours], reasons: ['inside 08:00–21:00 in the debtor’s time zone'], flags: [] };
  }
  const until = nextWindowOpening(request.at, request.timeZone, window);
  return {
    outcome: 'defer',
    until,
    ruleIds: [RULES.contactHours],
    reasons: [`outside 08:00–21:00 in ${request.timeZone}; next lawful moment ${until.toISOString()}`],
    flags: [],
  };
}
