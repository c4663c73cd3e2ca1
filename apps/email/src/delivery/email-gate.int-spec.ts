import { EMAIL_COMMANDS_V1, EVENTS, EmailRequestedV1, EventEnvelope, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';
import { SmtpPeer } from '../testing/smtp-peer';

jest.setTimeout(180_000);

/** The email service's last-moment gate, suppression list and delivery notifications, over a real SMTP peer. */
describe('email service: last-moment gate, suppression, delivered', () => {
  let h: SettleHarness;
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    process.env.TEST_SMTP_URL = peer.url;
    h = await SettleHarness.create('emailgate'); // 2026-03-02T10:00Z: 11:00 in Berlin
    await h.start('email');
  });

  afterAll(async () => {
    await h?.close();
    await peer?.stop();
  });

  const facts = (over: Record<string, unknown> = {}) => ({ jurisdiction: 'DE', timeZones: ['Europe/Berlin'], decidedAt: '2026-03-02T10:00:00Z', optedOut: [], holds: [], history: [], ...over });

  function command(over: Partial<EmailRequestedV1> = {}, tenantId: string = randomUUID()): EventEnvelope<EmailRequestedV1> {
    const caseId = randomUUID();
    return newEvent(
      EVENTS.emailRequested,
      { tenantId, accountId: randomUUID(), caseId, producer: 'scheduler', occurredAt: new Date() },
      {
        stepId: randomUUID(), caseId, to: `${randomUUID().slice(0, 8)}@debtor.example`, language: 'en', tone: 'reminder', brandName: 'Acme Pay', merchantName: 'Nordic Bikes',
        amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01', paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.acme.example/p/AbCdEfGh1234' },
        disclosures: [], tracking: false, ...over,
      },
    );
  }

  async function produce(...commands: EventEnvelope[]): Promise<void> {
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    await producer.send({ topic: h.kafka.topics.physical(EMAIL_COMMANDS_V1), messages: commands.map((c) => ({ key: recordKey(c), value: JSON.stringify(c) })) });
    await producer.disconnect();
  }

  async function events(stepId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
    const rows = await h.query<{ payload: EventEnvelope<Record<string, unknown>> }>('email', `SELECT payload FROM outbox WHERE payload->'data'->>'stepId' = $1 ORDER BY seq`, [stepId]);
    return rows.map((r) => r.payload);
  }
  const outcomeOf = (stepId: string) => waitFor(`the outcome of ${stepId}`, async () => (await events(stepId))[0], 60_000, 50);
  const feedback = (body: unknown) =>
    fetch(`${h.url('email')}/v1/email/feedback`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('asks the compliance gate again at the send moment: quiet hours defer with until, a hold blocks; nothing is sent', async () => {
    const allowed = command({ compliance: facts() });
    const held = command({ compliance: facts({ holds: [{ kind: 'dispute' }] }) });
    await produce(allowed, held);
    expect((await outcomeOf(allowed.data.stepId)).type).toBe('email.sent');
    const blocked = await outcomeOf(held.data.stepId);
    expect(blocked).toMatchObject({ type: 'email.blocked', data: { outcome: 'block', ruleIds: expect.arrayContaining(['core.hold.dispute']) } });
    expect(peer.to(held.data.to)).toHaveLength(0);

    h.clock.set('2026-03-02T20:30:00Z'); // 21:30 in Berlin
    try {
      const late = command({ compliance: facts() });
      await produce(late);
      const deferred = await outcomeOf(late.data.stepId);
      expect(deferred).toMatchObject({ type: 'email.blocked', data: { outcome: 'defer', until: '2026-03-03T07:00:00.000Z', ruleIds: expect.arrayContaining(['de.policy.hours']) } });
      expect(peer.to(late.data.to)).toHaveLength(0);
      // Redelivered: reported once, still not sent.
      await produce(late);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await events(late.data.stepId)).map((e) => e.type)).toEqual(['email.blocked']);
      expect(peer.to(late.data.to)).toHaveLength(0);
    } finally {
      h.clock.set('2026-03-02T10:00:00Z');
    }
  });

  it('a recipient that is not an address is blocked naming the problem (not dead-lettered); nothing is sent', async () => {
    const bad = command({ to: 'anna.weber-at-debtor.example' });
    await produce(bad);
    const outcome = await outcomeOf(bad.data.stepId);
    expect(outcome).toMatchObject({ type: 'email.blocked', data: { outcome: 'block', ruleIds: ['email.invalid_address'], reasons: ['the recipient is not an e-mail address'] } });
    expect(peer.to(bad.data.to)).toHaveLength(0);
  });

  it('a hard bounce suppresses the address for the tenant: the next email to it is blocked naming the bounce; other tenants are unaffected', async () => {
    const tenantId = randomUUID();
    const address = `${randomUUID().slice(0, 8)}@debtor.example`;
    peer.onRcpt(address, () => ({ code: 550, message: '5.1.1 No such user' }));
    const first = command({ to: address }, tenantId);
    await produce(first);
    expect((await outcomeOf(first.data.stepId)).type).toBe('email.bounced');

    const second = command({ to: address.toUpperCase() }, tenantId);
    await produce(second);
    const blocked = await outcomeOf(second.data.stepId);
    expect(blocked.type).toBe('email.blocked');
    expect(blocked.data).toMatchObject({ outcome: 'block', ruleIds: ['email.suppressed'] });
    expect((blocked.data.reasons as string[])[0]).toBe('the address hard-bounced: smtp_550: 550 5.1.1 No such user');
    expect(peer.rcptAttempts(address)).toBe(1); // the SMTP server was not asked again

    const [row] = await h.query<{ reason: string; n: string }>('email', `SELECT reason, count(*) OVER () AS n FROM email_suppression WHERE tenant_id = $1`, [tenantId]);
    expect(row).toMatchObject({ reason: 'hard_bounce', n: '1' });
    const plain = await h.query('email', `SELECT 1 FROM email_suppression WHERE address_hash = $1 OR detail LIKE $2`, [address, `%${address}%`]);
    expect(plain).toHaveLength(0); // the address itself is not stored

    peer.onRcpt(address, () => 'accept');
    const otherTenant = command({ to: address });
    await produce(otherTenant);
    expect((await outcomeOf(otherTenant.data.stepId)).type).toBe('email.sent');
  });

  it('a complaint reported by the provider suppresses the address; a soft bounce does not', async () => {
    const tenantId = randomUUID();
    const complainer = command({}, tenantId);
    const soft = command({}, tenantId);
    await produce(complainer, soft);
    expect((await outcomeOf(complainer.data.stepId)).type).toBe('email.sent');
    expect((await outcomeOf(soft.data.stepId)).type).toBe('email.sent');
    expect((await feedback({ messageId: `<${complainer.data.stepId}@acme.example>`, kind: 'complaint', reason: 'abuse' })).status).toBe(202);
    expect((await feedback({ messageId: `<${soft.data.stepId}@acme.example>`, kind: 'bounce', bounceType: 'soft', reason: '452 mailbox full' })).status).toBe(202);

    const again = command({ to: complainer.data.to }, tenantId);
    const softAgain = command({ to: soft.data.to }, tenantId);
    await produce(again, softAgain);
    expect(await outcomeOf(again.data.stepId)).toMatchObject({ type: 'email.blocked', data: { ruleIds: ['email.suppressed'], reasons: ['the recipient marked an earlier email as spam'] } });
    expect((await outcomeOf(softAgain.data.stepId)).type).toBe('email.sent');
    expect(peer.to(complainer.data.to)).toHaveLength(1);
  });

  it('a delivery notification becomes email.delivered once', async () => {
    const cmd = command();
    await produce(cmd);
    expect((await outcomeOf(cmd.data.stepId)).type).toBe('email.sent');
    const delivery = { messageId: `${cmd.data.stepId}@acme.example`, kind: 'delivery', reason: '250 2.0.0 OK  queued' };
    const first = await feedback(delivery);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ stepId: cmd.data.stepId, status: 'recorded' });
    expect(await (await feedback(delivery)).json()).toEqual({ stepId: cmd.data.stepId, status: 'duplicate' });
    expect((await feedback({ messageId: delivery.messageId, kind: 'delivery' })).status).toBe(202); // the detail is optional
    const all = await events(cmd.data.stepId);
    expect(all.map((e) => e.type)).toEqual(['email.sent', 'email.delivered']);
    expect(all[1].data).toEqual({ stepId: cmd.data.stepId, caseId: cmd.data.caseId, detail: '250 2.0.0 OK queued' });
  });
});
