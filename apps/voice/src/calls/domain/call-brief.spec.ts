import type { VoiceRequestedV1 } from '@settle/contracts';
import { briefFromCommand, speechLocale } from './call-brief';

const command: VoiceRequestedV1 = {
  stepId: '0195a3c2-7f20-7c11-9b2e-4d6f8a0b1c23',
  caseId: '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71',
  to: '+4915112345678',
  language: 'de-AT',
  tone: 'friendly',
  firstName: 'Jonas',
  brandName: 'Ratenkauf Nord',
  merchantName: 'Fahrradladen Weber',
  amountDue: { amountMinor: 4999, currency: 'EUR' },
  dueDate: '2025-03-01',
  paymentLink: { code: 'k7Qm2xR9pL4w', url: 'https://pay.settle.dev/k7Qm2xR9pL4w' },
  disclosures: ['Dies ist ein Inkassoversuch.'],
  jurisdiction: 'AT',
  verification: { kind: 'postcode_digits', expected: '101' },
};
const ids = { callId: '0195a3c2-a001-7b12-8c23-9d34e5f6a701', tenantId: '8f14e45f-ceea-4d6e-9c21-3b5a7d2e1f04', accountId: '0195a3c2-a001-7b12-8c23-9d34e5f6a702' };
const settings = { agentName: 'Lena', callbackNumber: '+4930123456789' };

describe('voice command → call brief', () => {
  it('carries the facts the agent may state after verification, and the factor', () => {
    const { brief, canVerify } = briefFromCommand(ids, command, settings);
    expect(canVerify).toBe(true);
    expect(brief).toMatchObject({
      callId: ids.callId,
      caseId: command.caseId,
      channel: 'phone',
      language: 'de',
      brandName: 'Ratenkauf Nord',
      agentName: 'Lena',
      callbackNumber: '+4930123456789',
      debtor: { firstName: 'Jonas', fullName: 'Jonas' },
      verification: { kind: 'postcode_digits', expected: '101' },
      debt: { amountDueMinor: 4999, currency: 'EUR', merchantName: 'Fahrradladen Weber', dueDate: '2025-03-01' },
      jurisdiction: 'AT',
      disclosures: ['Dies ist ein Inkassoversuch.'],
    });
  });

  it('without a factor the call cannot verify and the brief carries an unmatchable factor', () => {
    const { brief, canVerify } = briefFromCommand(ids, { ...command, verification: undefined }, settings);
    expect(canVerify).toBe(false);
    expect(brief.verification.expected).toBe('\u0000no-factor');
    expect(briefFromCommand(ids, { ...command, verification: { kind: 'date_of_birth', expected: '  ' } }, settings).canVerify).toBe(false);
  });

  it("gives the tenant's callback number (from its profile) over the service-wide one", () => {
    expect(briefFromCommand(ids, { ...command, callbackNumber: '+43800123456' }, settings).brief.callbackNumber).toBe('+43800123456');
    expect(briefFromCommand(ids, command, settings).brief.callbackNumber).toBe('+4930123456789');
  });

  it('prefers the full name when the command has one', () => {
    expect(briefFromCommand(ids, { ...command, fullName: 'Jonas Becker' }, settings).brief.debtor.fullName).toBe('Jonas Becker');
  });

  it('picks a speech locale from the tag, the jurisdiction or a default', () => {
    expect(speechLocale('de-AT', 'AT')).toBe('de-AT');
    expect(speechLocale('de', 'CH')).toBe('de-CH');
    expect(speechLocale('en', 'US-MA')).toBe('en-US');
    expect(speechLocale('en', 'IE')).toBe('en-GB');
    expect(speechLocale('es', 'ES')).toBe('es-ES');
    expect(speechLocale('fr', 'BE')).toBe('fr-BE');
  });
});
