export { ComplianceDecision, ContactRequest, ContactChannel } from './decision';
export { decideContact, DEFAULT_CONTACT_WINDOW, RULES } from './gate';
export { ContactWindow, isInsideWindow, nextWindowOpening, isKnownZone } from './contact-hours';
