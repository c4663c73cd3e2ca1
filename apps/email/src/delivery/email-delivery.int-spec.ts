import { EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, EVENTS, EmailRequestedV1, EventEnvelope, newEvent, recordKey } from '@settle/contracts';
import { readTopic, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';
import { SmtpPeer } from '../testing/smtp-peer';

jest.setTimeout(120_000);

const PAY_URL = 'https://pay.acme.example/p/AbCdEfGh1234';

describe('email service: real broker, PostgreSQL and SMTP peer', () => {
  let h: SettleHarness;
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    process.env.TEST_SMTP_URL = peer.url;
    h = await SettleHarness.create('email');
    await h.start('email');
  });

  afterAll(async () => {
    await h?.close();
    await peer?.stop();
  });

  function command(over: Partial<EmailRequestedV1> = {}, account = { tenantId: randomUUID(), accountId: randomUUID() }): EventEnvelope<EmailRequestedV1> {
    const caseId = over.caseId ?? randomUUID();
    return newEvent(
      EVENTS.emailRequested,
      { ...account, caseId, producer: 'scheduler', occurredAt: new Date() },
      {
        stepId: randomUUID(), caseId, to: `${randomUUID().slice(0, 8)}@debtor.example`, language: 'en', tone: 'reminder', firstName: 'Lena',
        brandName: 'Acme Pay', merchantName: 'Nordic Bikes', orderRef: 'ORD-1001', amountDue: { amountMinor: 4250, currency: 'EUR' },
        dueDate: '2026-03-01', paymentLink: { code: 'AbCdEfGh1234', url: PAY_URL }, disclosures: ['Acme Pay Ltd is authorised and regulated.'], tracking: true,
        ...over,
      },
    );
  }

  async function produce(...commands: EventEnvelope[]): Promise<void> {
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    await producer.send({ topic: h.kafka.topics.physical(EMAIL_COMMANDS_V1), messages: commands.map((c) => ({ key: recordKey(c), value: JSON.stringify(c) })) });
    await producer.disconnect();
  }

  /** Events the email service wrote for a step, in order. */
  async function events(stepId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
    const rows = await h.query<{ payload: EventEnvelope<Record<string, unknown>> }>('email', `SELECT payload FROM outbox WHERE payload->'data'->>'stepId' = $1 ORDER BY seq`, [stepId]);
    return rows.map((r) => r.payload);
  }

  const eventOf = (stepId: string, type: string) => waitFor(`${type} for step ${stepId}`, async () => (await events(stepId)).find((e) => e.type === type), 30_000);

  /** A header of the raw message as sent, unfolded (RFC 5322 lets long headers span lines). */
  function header(raw: string, name: string): string | undefined {
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n(?=[ \t])/g, '');
    return head.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
  }

  /** The service's own address for a link in an email (which names PUBLIC_BASE_URL). */
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, h.url('email'));

  async function sent(cmd: EventEnvelope<EmailRequestedV1>) {
    await produce(cmd);
    await eventOf(cmd.data.stepId, 'email.sent');
    const [mail] = peer.to(cmd.data.to);
    return mail;
  }

  it('sends one branded email with HTML and text parts, RFC 8058 headers, the pay link and an escaped merchant', async () => {
    const cmd = command({ merchantName: '<script>alert(1)</script> & Bikes' });
    const mail = await sent(cmd);
    const { parsed } = mail;

    expect(mail.mailFrom).toBe('reminders@acme.example');
    expect(parsed.from?.value).toEqual([{ name: 'Acme Pay', address: 'reminders@acme.example' }]);
    expect(parsed.subject).toBe('Reminder: your <script>alert(1)</script> & Bikes payment is still open');
    expect(parsed.messageId).toBe(`<${cmd.data.stepId}@acme.example>`);
    expect(parsed.headers.get('x-settle-step')).toBe(cmd.data.stepId);
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/m);

    const html = parsed.html as string;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Bikes');
    expect(html).not.toContain('<script>');
    expect(html).toContain('€42.50');
    expect(html).toContain('ORD-1001');
    expect(html).toContain(`href="${PAY_URL}"`);
    expect(parsed.text).toContain('<script>alert(1)</script> & Bikes');
    expect(parsed.text).toMatch(/Pay now: http:\/\/127\.0\.0\.1:3003\/v1\/email\/c\/[A-Za-z0-9_-]{65}/);

    const listUnsubscribe = header(mail.raw, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:3003\/v1\/email\/unsubscribe\/[A-Za-z0-9_-]{65}>, <mailto:reminders@acme\.example\?subject=unsubscribe%20[A-Za-z0-9_-]{65}>$/);
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(html).toContain(`href="${listUnsubscribe.slice(1, listUnsubscribe.indexOf('>'))}"`); // the same link, visible

    const event = await eventOf(cmd.data.stepId, 'email.sent');
    expect(event).toMatchObject({ producer: 'email', tenantId: cmd.tenantId, accountId: cmd.accountId, caseId: cmd.data.caseId, causationId: cmd.id, correlationId: cmd.correlationId });
    expect(event.data).toEqual({ stepId: cmd.data.stepId, caseId: cmd.data.caseId, providerMessageId: expect.stringMatching(/^PEER\d{6}$/) });
  });

  it("shows the tenant's sender in From, and keeps the envelope sender, Message-ID and unsubscribe mailto the service's own (bounces come back to us)", async () => {
    const cmd = command({ from: 'Klarlich Pay <zahlung@klarlich.example>', brandName: 'Klarlich Pay' });
    const mail = await sent(cmd);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Klarlich Pay', address: 'zahlung@klarlich.example' }]);
    expect(mail.mailFrom).toBe('reminders@acme.example');
    expect(mail.parsed.messageId).toBe(`<${cmd.data.stepId}@acme.example>`);
    expect(header(mail.raw, 'List-Unsubscribe')).toContain('<mailto:reminders@acme.example?');

    // A bare tenant address is named after the brand.
    const bare = await sent(command({ from: 'zahlung@klarlich.example', brandName: 'Klarlich Pay' }));
    expect(bare.parsed.from?.value).toEqual([{ name: 'Klarlich Pay', address: 'zahlung@klarlich.example' }]);
    expect(bare.mailFrom).toBe('reminders@acme.example');
  });

  it('sends once when the command is delivered twice, or re-issued for the same step', async () => {
    const account = { tenantId: randomUUID(), accountId: randomUUID() };
    const cmd = command({}, account);
    const reissued = newEvent(EVENTS.emailRequested, { ...account, caseId: cmd.data.caseId, producer: 'scheduler', occurredAt: new Date() }, cmd.data);
    const sentinel = command({}, account); // same key, same partition: handled after the three
    await produce(cmd, cmd, reissued, sentinel);
    await eventOf(sentinel.data.stepId, 'email.sent');

    expect(peer.to(cmd.data.to)).toHaveLength(1);
    expect((await events(cmd.data.stepId)).map((e) => e.type)).toEqual(['email.sent']);
  });

  it('a 550 to RCPT TO is a hard bounce; a 553 bad address fails the send; neither is retried', async () => {
    const unknownUser = command();
    const badAddress = command();
    peer.onRcpt(unknownUser.data.to, () => ({ code: 550, message: '5.1.1 No such user' }));
    peer.onRcpt(badAddress.data.to, () => ({ code: 553, message: '5.1.3 Bad recipient address syntax' }));
    await produce(unknownUser, badAddress);

    const bounced = await eventOf(unknownUser.data.stepId, 'email.bounced');
    expect(bounced.data).toEqual({ stepId: unknownUser.data.stepId, caseId: unknownUser.data.caseId, kind: 'hard', reason: 'smtp_550: 550 5.1.1 No such user' });
    const failed = await eventOf(badAddress.data.stepId, 'email.failed');
    expect(failed.data).toMatchObject({ code: 'invalid_address', retryable: false });
    expect(peer.rcptAttempts(unknownUser.data.to)).toBe(1);
    expect(peer.rcptAttempts(badAddress.data.to)).toBe(1);
    expect(peer.to(unknownUser.data.to)).toHaveLength(0);
  });

  it('a 451 is retried, and the email then goes out once', async () => {
    const cmd = command();
    peer.onRcpt(cmd.data.to, (attempt) => (attempt === 1 ? { code: 451, message: '4.3.0 Try again later' } : 'accept'));
    await sent(cmd);
    expect(peer.rcptAttempts(cmd.data.to)).toBe(2);
    expect(peer.to(cmd.data.to)).toHaveLength(1);
    expect((await events(cmd.data.stepId)).map((e) => e.type)).toEqual(['email.sent']);
  });

  it('a server that stalls before DATA is retried; one that stalls after the body is never resent', async () => {
    const beforeData = command();
    const afterBody = command();
    peer.onRcpt(beforeData.data.to, (attempt) => (attempt === 1 ? 'stall' : 'accept'));
    peer.onData(afterBody.data.to, () => 'stall');
    await produce(beforeData, afterBody);

    await eventOf(beforeData.data.stepId, 'email.sent');
    expect(peer.to(beforeData.data.to)).toHaveLength(1);

    const unknown = await eventOf(afterBody.data.stepId, 'email.failed');
    expect(unknown.data).toMatchObject({ code: 'outcome_unknown', retryable: false });
    const [row] = await h.query<{ status: string }>('email', 'SELECT status FROM email_delivery WHERE step_id = $1', [afterBody.data.stepId]);
    expect(row.status).toBe('unknown');
    expect(peer.rcptAttempts(afterBody.data.to)).toBe(1);
  });

  it('a template that cannot render fails that one send, with the reason', async () => {
    const cmd = command({ dueDate: '2026-02-30' });
    await produce(cmd);
    const failed = await eventOf(cmd.data.stepId, 'email.failed');
    expect(failed.data).toMatchObject({ code: 'render_failed', reason: 'dueDate 2026-02-30 is not a calendar date', retryable: false });
    expect(peer.rcptAttempts(cmd.data.to)).toBe(0);
  });

  it('tracking off: no pixel and no tracked link, the button goes straight to the payment link', async () => {
    const mail = await sent(command({ tracking: false }));
    const html = mail.parsed.html as string;
    expect(html).not.toContain('<img');
    expect(html).not.toContain('/v1/email/o/');
    expect(html).not.toContain('/v1/email/c/');
    expect(html).toContain(`<a href="${PAY_URL}" target="_blank" style="display:inline-block;`);
    expect(mail.parsed.text).toContain(`Pay now: ${PAY_URL}`);
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('tracking on: the pixel and the click each record one engagement; the click redirects to the stored payment link', async () => {
    const cmd = command();
    const html = (await sent(cmd)).parsed.html as string;
    const pixel = local(html.match(/<img src="([^"]+)"/)![1]);
    const click = local(html.match(/<a href="([^"]+\/v1\/email\/c\/[^"]+)"/)![1]);

    for (let i = 0; i < 2; i++) {
      const open = await fetch(pixel);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toBe('image/gif');
      const res = await fetch(`${click}?url=https://evil.example/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(PAY_URL); // from the table, never from the request
    }
    await eventOf(cmd.data.stepId, 'email.engagement');
    const engagement = (await events(cmd.data.stepId)).filter((e) => e.type === 'email.engagement');
    expect(engagement.map((e) => e.data.kind).sort()).toEqual(['clicked', 'opened']);
    expect(engagement[0]).toMatchObject({ tenantId: cmd.tenantId, accountId: cmd.accountId, caseId: cmd.data.caseId, correlationId: cmd.correlationId });

    // A token for one purpose does not work for another, and a changed one does not work at all.
    const clickToken = click.slice(click.lastIndexOf('/') + 1);
    expect((await fetch(`${h.url('email')}/v1/email/o/${clickToken}.gif`)).status).toBe(404);
    expect((await fetch(`${h.url('email')}/v1/email/unsubscribe/${clickToken}`, { method: 'POST' })).status).toBe(404);
    const tampered = clickToken.slice(0, -1) + (clickToken.endsWith('A') ? 'B' : 'A');
    expect((await fetch(`${h.url('email')}/v1/email/c/${tampered}`, { redirect: 'manual' })).status).toBe(404);
  });

  it('one-click unsubscribe (RFC 8058): 200, idempotent, one email.engagement unsubscribed on the topic', async () => {
    const cmd = command({ language: 'de', tracking: false });
    const mail = await sent(cmd);
    const link = local(header(mail.raw, 'List-Unsubscribe')!.match(/^<([^>]+)>/)![1]);

    const page = await fetch(link); // a mail scanner following the link changes nothing
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect((await events(cmd.data.stepId)).map((e) => e.type)).toEqual(['email.sent']);

    for (let i = 0; i < 2; i++) {
      const res = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('du erhältst diese E-Mails nicht mehr');
    }
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(link, { method: 'POST', body: multipart })).status).toBe(200);

    const unsubscribed = await eventOf(cmd.data.stepId, 'email.engagement');
    expect(unsubscribed.data).toEqual({ stepId: cmd.data.stepId, caseId: cmd.data.caseId, kind: 'unsubscribed' });
    expect((await events(cmd.data.stepId)).map((e) => e.type)).toEqual(['email.sent', 'email.engagement']);

    const onTopic = await waitFor('the unsubscribe on email.events.v1', async () => {
      const records = await readTopic(h.kafka.kafka, h.kafka.topics.physical(EMAIL_EVENTS_V1), 1_000, 3_000);
      const mine = records.map((r) => JSON.parse(r.value) as EventEnvelope<{ stepId: string; kind?: string }>).filter((e) => e.data.stepId === cmd.data.stepId && e.type === 'email.engagement');
      return mine.length > 0 ? { mine, key: records.find((r) => r.value.includes(unsubscribed.id))!.key } : undefined;
    });
    expect(onTopic.mine.map((e) => e.data.kind)).toEqual(['unsubscribed']);
    expect(onTopic.key).toBe(`${cmd.tenantId}:${cmd.accountId}`);
  });

  it('provider feedback: admin-token guarded; bounces and complaints become events once', async () => {
    const cmd = command();
    await sent(cmd);
    const sentEvent = await eventOf(cmd.data.stepId, 'email.sent');
    const feedback = (body: unknown, token: string | null = ADMIN_TOKEN) =>
      fetch(`${h.url('email')}/v1/email/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });

    const bounce = { messageId: sentEvent.data.providerMessageId, kind: 'bounce', bounceType: 'hard', reason: '550 5.1.1 mailbox gone' };
    expect((await feedback(bounce, null)).status).toBe(401);
    expect((await feedback(bounce, 'wrong-token-0123456789abcdefgh')).status).toBe(401);
    expect((await feedback({ messageId: 'x', kind: 'bounce', reason: 'no type' })).status).toBe(400);
    expect((await feedback({ ...bounce, messageId: '<nobody@acme.example>' })).status).toBe(404);

    const first = await feedback(bounce);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ stepId: cmd.data.stepId, status: 'recorded' });
    expect(await (await feedback(bounce)).json()).toEqual({ stepId: cmd.data.stepId, status: 'duplicate' });
    // A complaint names the message by the Message-ID of the original, as ARF reports carry it.
    expect((await feedback({ messageId: `<${cmd.data.stepId}@acme.example>`, kind: 'complaint', reason: 'abuse report' })).status).toBe(202);

    await waitFor('bounce and complaint events', async () => ((await events(cmd.data.stepId)).length === 3 ? true : undefined));
    const [, bounced, complained] = await events(cmd.data.stepId);
    expect(bounced).toMatchObject({ type: 'email.bounced', data: { kind: 'hard', reason: '550 5.1.1 mailbox gone' } });
    expect(complained).toMatchObject({ type: 'email.engagement', data: { kind: 'complained' } });
  });
});
