import { newWebhookSecret, webhookSecretsValidAt } from './tenant.repository';

describe('webhook secrets during a rotation window', () => {
  const until = new Date('2026-03-03T10:00:00Z');
  const tenant = { webhookSecrets: ['whsec_new'], retiringSecret: 'whsec_old', retiringSecretUntil: until };

  it('accepts the current and the retiring secret until the window ends, then only the current one', () => {
    expect(webhookSecretsValidAt(tenant, new Date('2026-03-02T10:00:00Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(webhookSecretsValidAt(tenant, new Date(until.getTime() - 1))).toEqual(['whsec_new', 'whsec_old']);
    expect(webhookSecretsValidAt(tenant, until)).toEqual(['whsec_new']);
    expect(webhookSecretsValidAt(tenant, new Date('2027-01-01T00:00:00Z'))).toEqual(['whsec_new']);
  });

  it('has only the current secrets when nothing was rotated', () => {
    expect(webhookSecretsValidAt({ webhookSecrets: ['a', 'b'], retiringSecret: null, retiringSecretUntil: null }, new Date())).toEqual(['a', 'b']);
  });

  it('makes distinct, high-entropy secrets', () => {
    const secrets = new Set(Array.from({ length: 100 }, newWebhookSecret));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(s).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
