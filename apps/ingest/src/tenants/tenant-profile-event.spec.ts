import { parseEvent } from '@settle/contracts';
import { profileChangedData, profileChangedEvent } from './tenant-profile-event';
import type { Tenant } from './tenant.repository';

const TENANT: Tenant = {
  id: '6f1c1f5e-1d4a-4a57-9b8e-2a2f0c9e7d11',
  profileVersion: 7,
  displayName: 'Acme Pay',
  brandColour: '#2451b7',
  logoUrl: null,
  defaultLanguage: 'de-AT',
  defaultTone: 'formal',
  jurisdictions: ['AT'],
  smsSenderId: 'AcmePay',
  smsOriginationNumber: null,
  emailFrom: 'Acme Pay <billing@acme.example>',
  callbackPhone: null,
  webhookSecrets: ['whsec_current'],
  retiringSecret: 'whsec_old',
  retiringSecretUntil: new Date('2026-03-03T00:00:00Z'),
  createdAt: new Date('2026-03-01T00:00:00Z'),
  updatedAt: new Date('2026-03-02T00:00:00Z'),
};

describe('tenant.profile_changed from a tenant', () => {
  it('carries the whole profile and its version, leaves unset fields out, and no secret', () => {
    expect(profileChangedData(TENANT)).toEqual({
      profileVersion: 7, displayName: 'Acme Pay', brandColour: '#2451b7', defaultLanguage: 'de-AT', defaultTone: 'formal',
      jurisdictions: ['AT'], smsSenderId: 'AcmePay', emailFrom: 'Acme Pay <billing@acme.example>',
    });
  });

  it('is a valid envelope naming the tenant as its account (key tenantId:tenantId)', () => {
    const event = profileChangedEvent(TENANT, new Date('2026-03-02T10:00:00Z'));
    const parsed = parseEvent(Buffer.from(JSON.stringify(event)));
    expect(parsed.ok).toBe(true);
    expect(event).toMatchObject({ type: 'tenant.profile_changed', version: 1, tenantId: TENANT.id, accountId: TENANT.id, producer: 'ingest', occurredAt: '2026-03-02T10:00:00.000Z' });
    expect(JSON.stringify(event)).not.toMatch(/whsec_/);
  });
});
