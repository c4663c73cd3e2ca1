import { EVENTS, newEvent } from '@settle/contracts';
import { randomUUID } from 'node:crypto';
import { DATE_OF_BIRTH, FULL_NAME, PHONE, TRANSCRIPT_WORDS, callStory, party, voiceRequested } from '../../../settle-e2e/src/voice-plan-fixtures';
import { canonicalJson } from './audit-chain';
import { caseIdOf } from './audit-log.service';
import { REDACTED, maskEmail, maskName, redactForAudit } from './audit-redaction';

describe('redactForAudit: what the append-only log keeps of an event', () => {
  it('masks the number, names and right-party answer of a voice command, keeping what shows the call was lawful', () => {
    const command = voiceRequested(party());
    const stored = redactForAudit(command);
    const text = canonicalJson(stored);
    for (const secret of [PHONE, FULL_NAME, 'Anna', DATE_OF_BIRTH]) expect(text).not.toContain(secret);
    expect(stored.data).toMatchObject({
      to: '***********678', fullName: 'A. M. S.', firstName: 'A.', verification: { kind: 'date_of_birth', expected: REDACTED },
      jurisdiction: 'DE', disclosures: ['eu.aiact.art50.ai_disclosure', 'de.policy.recording_notice'], amountDue: { amountMinor: 4250, currency: 'EUR' },
      stepId: command.data.stepId, brandName: 'Acme', merchantName: 'Nordic Bikes',
    });
    // The envelope is kept whole: ids, type, times and causation are what the chain orders by.
    expect({ ...stored, data: undefined }).toEqual({ ...command, data: undefined });
    // The original is not touched (the consumer's handler may still read it).
    expect(command.data.to).toBe(PHONE);
  });

  it('drops the words of a desk hand-off transcript and the party’s name, keeps speakers, times and the case facts', () => {
    const { handoff } = callStory(party(), { escalate: true });
    const stored = redactForAudit(handoff!);
    const text = canonicalJson(stored);
    expect(text).not.toContain(TRANSCRIPT_WORDS);
    expect(text).not.toContain(FULL_NAME);
    expect(stored.data.transcript).toEqual([
      { speaker: 'agent', text: REDACTED, at: '2026-03-02T10:00:10Z' },
      { speaker: 'debtor', text: REDACTED, at: '2026-03-02T10:00:20Z' },
    ]);
    expect(stored.data.who).toEqual({ firstName: 'A.', fullName: 'A. M. S.', language: 'de', jurisdiction: 'DE', verified: true });
    expect(stored.data).toMatchObject({ whyEscalated: 'hardship signals', owed: { amountDue: { amountMinor: 4250, currency: 'EUR' } } });
  });

  it('leaves call and plan events without personal data as they are', () => {
    const { events } = callStory(party(), { linkSent: true });
    for (const e of events) expect(canonicalJson(redactForAudit(e))).toBe(canonicalJson(e));
  });

  it('masks the contact profile of account events, an e-mail address and an SMS reply, but not a case status named `to`', () => {
    const p = party();
    const updated = newEvent(EVENTS.accountUpdated, { ...p, producer: 'ingest', occurredAt: new Date() }, {
      contact: { phone: PHONE, firstName: 'Anna', language: 'de', timeZone: 'Europe/Berlin', country: 'DE', email: 'anna.schmidt@mail.example', verification: { kind: 'postcode_digits', expected: '10115' } },
    } as never);
    expect(redactForAudit(updated).data).toMatchObject({
      contact: { phone: '***********678', firstName: 'A.', email: 'a***@mail.example', country: 'DE', verification: { kind: 'postcode_digits', expected: REDACTED } },
    });
    const reply = newEvent(EVENTS.smsReplyReceived, { ...p, producer: 'sms', occurredAt: new Date() }, { caseId: p.caseId, stepId: randomUUID(), intent: 'other', text: 'I lost my job', language: 'en' });
    expect(redactForAudit(reply).data).toMatchObject({ intent: 'other', text: REDACTED });
    const status = newEvent(EVENTS.caseStatusChanged, { ...p, producer: 'scheduler', occurredAt: new Date() }, { caseId: p.caseId, from: 'reminding', to: 'resolved' } as never);
    expect(redactForAudit(status).data).toMatchObject({ to: 'resolved' });
  });

  it('is deterministic, so the same event always hashes the same', () => {
    const command = voiceRequested(party());
    expect(canonicalJson(redactForAudit(command))).toBe(canonicalJson(redactForAudit(JSON.parse(JSON.stringify(command)))));
  });

  it('masks names to initials and addresses to their first letter and domain', () => {
    expect(maskName('  Łukasz   Nowak ')).toBe('Ł. N.');
    expect(maskName('')).toBe(REDACTED);
    expect(maskEmail('anna@x.example')).toBe('a***@x.example');
    expect(maskEmail('not-an-address')).toBe(REDACTED);
  });
});

describe('caseIdOf', () => {
  it('takes the envelope’s case, else the payload’s (a plan event may name it only there)', () => {
    const p = party();
    const withEnvelope = voiceRequested(p);
    expect(caseIdOf(withEnvelope)).toBe(p.caseId);
    const { caseId: _omit, ...noEnvelopeCase } = withEnvelope;
    expect(caseIdOf(noEnvelopeCase)).toBe(p.caseId);
    expect(caseIdOf({ ...noEnvelopeCase, data: { caseId: 'not-a-uuid' } })).toBeNull();
  });
});
