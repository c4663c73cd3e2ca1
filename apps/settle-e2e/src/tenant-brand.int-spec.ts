import { EVENTS, TENANT_EVENTS_V1, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(180_000);

/**
 * A tenant's white-label profile reaches its contacts: ingest publishes it (tenant.events.v1), the
 * scheduler keeps the newest and puts the brand and sender identities on each command, the sms
 * service hands them to SNS. Real broker, PostgreSQL and SNS sandbox.
 */
describe('tenant brand: each tenant’s profile reaches its contacts', () => {
  let h: SettleHarness;
  let acme: { tenantId: string; webhookSecret: string };
  let nordlicht: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('brand', '2026-03-02T10:00:00Z'); // 11:00 in Berlin
    await h.start('ingest', 'scheduler', 'sms');
    acme = await h.createTenant({ displayName: 'Acme Pay', smsSenderId: 'AcmePay', smsOriginationNumber: '+4915790001234' });
    nordlicht = await h.createTenant('Nordlicht Kredit');
  });

  afterAll(async () => h?.close());

  const smsTo = (phone: string, count: number) =>
    waitFor(`${count} SMS to ${phone}`, () => {
      const sent = h.sns.published().filter((m) => m.phoneNumber === phone);
      return sent.length >= count ? sent : undefined;
    });

  it('texts each tenant’s debtor in its own name and sender id; a renamed tenant’s next contact uses the new name', async () => {
    expect((await h.sendWebhook(acme, instalmentMissed({ ref: 'acc-brand-1', phone: '+4915100000101' }))).status).toBe(202);
    expect((await h.sendWebhook(nordlicht, instalmentMissed({ ref: 'acc-brand-2', phone: '+4915100000102' }))).status).toBe(202);

    const [first] = await smsTo('+4915100000101', 1);
    expect(first.attributes['AWS.SNS.SMS.SenderID']).toBe('AcmePay');
    expect(first.attributes['AWS.MM.SMS.OriginationNumber']).toBe('+4915790001234');
    expect(first.message).toContain('Acme Pay');
    expect(first.message).not.toContain('Settle');

    const [other] = await smsTo('+4915100000102', 1);
    expect(other.message).toContain('Nordlicht Kredit');
    expect(other.message).not.toContain('Acme');
    // No sender identities in its profile: the sms service's own defaults.
    expect(other.attributes['AWS.SNS.SMS.SenderID']).toBe('Settle');
    expect(other.attributes['AWS.MM.SMS.OriginationNumber']).toBeUndefined();

    const renamed = await fetch(`${h.url('ingest')}/v1/admin/tenants/${acme.tenantId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Acme Pay Europe' }),
    });
    expect(renamed.status).toBe(200);
    await h.schedulerHasProfile(acme.tenantId, 2);

    // The skeleton workflow's next SMS is two days later, for both debtors.
    h.clock.advance(2 * 24 * 3600 * 1000);
    const [, second] = await smsTo('+4915100000101', 2);
    expect(second.message).toContain('Acme Pay Europe');
    expect(second.attributes['AWS.SNS.SMS.SenderID']).toBe('AcmePay');
    const [, otherSecond] = await smsTo('+4915100000102', 2);
    expect(otherSecond.message).toContain('Nordlicht Kredit');
    expect(otherSecond.message).not.toContain('Acme');
  });

  it('ignores an older profile version arriving late, and a redelivered one', async () => {
    const stale = newEvent(
      EVENTS.tenantProfileChanged,
      { tenantId: acme.tenantId, accountId: acme.tenantId, producer: 'ingest', occurredAt: h.clock.now() },
      { profileVersion: 1, displayName: 'Stale Name', defaultLanguage: 'en', defaultTone: 'neutral', jurisdictions: [] },
    );
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    try {
      const record = { key: recordKey(stale), value: JSON.stringify(stale) };
      await producer.send({ topic: h.kafka.topics.physical(TENANT_EVENTS_V1), messages: [record, record] });
    } finally {
      await producer.disconnect();
    }
    await waitFor('the scheduler to consume the stale profile', async () =>
      (await h.query('scheduler', `SELECT 1 FROM inbox WHERE event_id = $1`, [stale.id])).length > 0 || undefined);
    const [row] = await h.query<{ version: string; profile: { displayName: string } }>('scheduler', `SELECT version, profile FROM tenant_profile WHERE tenant_id = $1`, [acme.tenantId]);
    expect([Number(row.version), row.profile.displayName]).toEqual([2, 'Acme Pay Europe']);
  });
});
