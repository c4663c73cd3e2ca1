import { TenantBrandProfile, contactBrand, disclosureFor, supersedes } from './tenant-brand';

const ACME: TenantBrandProfile = {
  profileVersion: 4,
  displayName: 'Acme Pay',
  defaultLanguage: 'de',
  defaultTone: 'warm',
  jurisdictions: ['DE'],
  smsSenderId: 'AcmePay',
  smsOriginationNumber: '+4915790001234',
  emailFrom: 'Acme Pay <billing@acme.example>',
  callbackPhone: '+4930123456789',
};

describe('contactBrand: the tenant profile on a contact command', () => {
  it('names the tenant and carries every sender identity it set', () => {
    expect(contactBrand(ACME, 'Settle')).toEqual({
      brandName: 'Acme Pay',
      sms: { senderId: 'AcmePay', originationNumber: '+4915790001234' },
      email: { from: 'Acme Pay <billing@acme.example>' },
      voice: { callbackNumber: '+4930123456789', smsSenderId: 'AcmePay', smsOriginationNumber: '+4915790001234' },
    });
  });

  it('leaves out what the tenant did not set, so each channel keeps its own default', () => {
    const { smsSenderId, smsOriginationNumber, emailFrom, callbackPhone, ...bare } = ACME;
    void [smsSenderId, smsOriginationNumber, emailFrom, callbackPhone];
    expect(contactBrand(bare, 'Settle')).toEqual({ brandName: 'Acme Pay', sms: {}, email: {}, voice: {} });
  });

  it('falls back to the service-wide brand before the tenant profile has arrived', () => {
    expect(contactBrand(undefined, 'Settle')).toEqual({ brandName: 'Settle', sms: {}, email: {}, voice: {} });
  });

  it('fills {business} in disclosures with the tenant, every occurrence', () => {
    const brand = contactBrand(ACME, 'Settle');
    expect(disclosureFor('{business} is collecting a debt. {business} will use any information for that purpose.', brand))
      .toBe('Acme Pay is collecting a debt. Acme Pay will use any information for that purpose.');
    expect(disclosureFor('No placeholder here.', brand)).toBe('No placeholder here.');
    expect(disclosureFor('{business} GmbH', contactBrand(undefined, 'Settle'))).toBe('Settle GmbH');
  });
});

describe('supersedes: only a newer profile version replaces the stored one', () => {
  it('takes the first profile of a tenant', () => {
    expect(supersedes(undefined, { profileVersion: 1 })).toBe(true);
  });

  it('takes a higher version', () => {
    expect(supersedes({ profileVersion: 4 }, { profileVersion: 5 })).toBe(true);
  });

  it('ignores the same version (a redelivery or a republish) and an older one (arriving late)', () => {
    expect(supersedes({ profileVersion: 4 }, { profileVersion: 4 })).toBe(false);
    expect(supersedes({ profileVersion: 4 }, { profileVersion: 3 })).toBe(false);
  });
});
