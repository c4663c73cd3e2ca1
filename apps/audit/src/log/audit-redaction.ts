import { maskPhone } from '@settle/observability';

/*
 * The audit log is append-only (and must outlive erasure requests), so personal data never enters
 * it: an event is stored, and hash-chained, with the debtor's identifiers masked. What a compliance
 * officer needs stays: which factor was checked (not its value), which country the number is in
 * (the jurisdiction travels beside it), who spoke when in a transcript (not the words), every gate
 * decision, disclosure id, outcome and amount. Keys are matched at any depth, like the logger's
 * redaction, so a field a later event version adds under a known name is masked too.
 */

const E164 = /^\+[1-9]\d{6,14}$/;
const NAME_KEYS = new Set(['firstName', 'lastName', 'fullName', 'name']);
const PHONE_KEYS = new Set(['phone', 'phoneNumber']);
/** `to` is also a case status (case.status_changed): only an address or a number is masked. */
const ADDRESS_KEYS = new Set(['to', 'email']);
/** Free text a person wrote or said (SMS replies, transcript lines), and postal addresses. */
const TEXT_KEYS = new Set(['text', 'body', 'address', 'postalAddress']);
export const REDACTED = '[redacted]';

/** `Anna Maria Schmidt` → `A. M. S.`: enough to tell parties apart in a case, not to name one. */
export function maskName(name: string): string {
  const initials = name.trim().split(/\s+/).filter(Boolean).map((part) => `${[...part][0]}.`);
  return initials.length ? initials.join(' ') : REDACTED;
}

/** `anna.schmidt@mail.example` → `a***@mail.example`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? REDACTED : `${[...email][0]}***${email.slice(at)}`;
}

function maskAddress(value: string): string {
  if (E164.test(value)) return maskPhone(value);
  if (value.includes('@')) return maskEmail(value);
  return value;
}

function redactValue(key: string | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(undefined, v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A verification factor keeps its kind (date_of_birth, postcode_digits), never the expected answer.
      const masked = key === 'verification' && k === 'expected' && v !== undefined ? REDACTED : redactValue(k, v);
      // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
      Object.defineProperty(out, k, { value: masked, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (typeof value !== 'string' || key === undefined) return value;
  if (NAME_KEYS.has(key)) return maskName(value);
  if (PHONE_KEYS.has(key)) return maskPhone(value);
  if (ADDRESS_KEYS.has(key)) return maskAddress(value);
  if (TEXT_KEYS.has(key)) return value.length === 0 ? value : REDACTED;
  return value;
}

/**
 * The event as the audit log keeps it: the envelope as it was (ids, type, times, causation), the
 * payload with personal data masked. Pure and deterministic, so the same event always hashes the same.
 */
export function redactForAudit<E extends { data: object }>(event: E): E {
  return { ...event, data: redactValue(undefined, event.data) as E['data'] };
}
