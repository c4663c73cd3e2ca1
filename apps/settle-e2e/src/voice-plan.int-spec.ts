import { accountIdFor } from '@settle/contracts';
import { LenderSandbox, TelnyxSandbox } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed, paymentReceived } from './harness';

jest.setTimeout(240_000);

/*
 * A plan agreed on the phone: the agent asks the negotiation service (live from the sandbox lender
 * platform, within the tenant's policy), the debtor says yes, the negotiation service writes the
 * plan back to the lender once, the part paid now goes by a link texted mid-call, and the call ends
 * plan_agreed while the scheduler's case waits on the plan.
 */
describe('voice + negotiation end to end: "part now, the rest later" agreed on the phone and written back to the lender', () => {
  let h: SettleHarness;
  let telnyx: TelnyxSandbox;
  let lender: LenderSandbox;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    process.env.ENABLED_CHANNELS = 'sms,voice';
    lender = await LenderSandbox.start({ now: () => h?.clock.now() ?? new Date('2026-03-02T10:00:00Z'), seed: false });
    process.env.TEST_LENDER_PLATFORM_URL = lender.url;
    h = await SettleHarness.create('voiceplan', '2026-03-02T10:00:00Z'); // a Monday, 11:00 in Berlin
    telnyx = await TelnyxSandbox.start({ now: () => h.clock.now() });
    await h.start('ingest', 'scheduler', 'negotiation');
    await h.startVoice(telnyx, 'conn-plan');
    tenant = await h.createTenant('Acme Pay');
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const workflow = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ steps: [{ channel: 'voice', tone: 'friendly', waitHours: 0 }, { channel: 'sms', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(workflow.status).toBe(201);
    const policy = { minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 500 }, planRule: { missesToBreak: 2, onMiss: 'remind' } };
    const put = await fetch(`${h.url('negotiation')}/v1/tenants/${tenant.tenantId}/negotiation-policy`, { method: 'PUT', headers: admin, body: JSON.stringify(policy) });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    delete process.env.ENABLED_CHANNELS;
    delete process.env.TEST_LENDER_PLATFORM_URL;
    await h?.close();
    await telnyx?.stop();
    await lender?.stop();
  });

  function addAccount(ref: string): void {
    // Pay-in-4 of 170.00 EUR every two weeks; the first paid, the second (1 March) overdue.
    lender.platform.addAccount({ externalRef: ref, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: '2026-02-15', paid: 1 });
  }

  async function missedInstalment(ref: string, phone: string): Promise<string> {
    const event = instalmentMissed({ ref, language: 'en', firstName: 'Anna', phone }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.verification = { kind: 'postcode_digits', expected: '101' };
    expect((await h.sendWebhook(tenant, event)).status).toBe(202);
    return accountIdFor(tenant.tenantId, ref);
  }

  const voiceOutbox = (type: string, accountId: string) =>
    h.query<{ payload: { data: Record<string, unknown> } }>('voice', `SELECT payload FROM outbox WHERE payload->>'type' = $1 AND payload->>'accountId' = $2 ORDER BY seq`, [type, accountId]);

  it('20 now by a link texted mid-call, the rest deferred: agreed once through the negotiation service, the call ends plan_agreed', async () => {
    const ref = 'voice-plan-1';
    const phone = '+4915112349001';
    addAccount(ref);
    telnyx.script(phone, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'I can pay 20 now and the rest on 1 April.', 'Yes, that works.'] });
    const accountId = await missedInstalment(ref, phone);

    // The plan is agreed on the phone and written back to the lender by the negotiation service.
    const [write] = await waitFor('the plan written back to the lender', () => (lender.platform.planWrites().length ? lender.platform.planWrites() : undefined), 90_000);
    expect(write.plan).toMatchObject({ source: 'voice', kind: 'deferral', currency: 'EUR' });
    const [agreed] = await waitFor('plan.agreed', async () => {
      const rows = await h.query<{ payload: { data: { planId: string; source: string; total: { amountMinor: number }; instalments: { dueDate: string; amount: { amountMinor: number } }[] } } }>(
        'negotiation',
        `SELECT payload FROM outbox WHERE payload->>'type' = 'plan.agreed' AND payload->>'accountId' = $1`,
        [accountId],
      );
      return rows.length ? rows : undefined;
    });
    expect(agreed.payload.data.source).toBe('voice');
    expect(lender.platform.account(ref)!.activePlan?.planRef).toBe(write.planRef);

    // The part paid now goes by its own link, for 20.00, texted while the debtor is on the line.
    const linkSms = await waitFor('the link for the part paid now', async () => {
      const rows = await voiceOutbox('sms.requested', accountId);
      return rows[0];
    }, 30_000);
    const sms = linkSms.payload.data as { amountDue: { amountMinor: number }; paymentLink: { code: string } };
    expect(sms.amountDue.amountMinor).toBe(2_000);

    // What the agent said: the 20.00 today and the rest of the plan the lender now holds, to the cent.
    const [dial] = telnyx.dials(phone);
    const spoken = telnyx.spoken(dial.callControlId).join(' ');
    expect(spoken).toMatch(/20[.,]00/);
    expect(agreed.payload.data.total.amountMinor).toBe(12_750);
    let upfront = 2_000;
    for (const i of agreed.payload.data.instalments) {
      const left = i.amount.amountMinor - Math.min(upfront, i.amount.amountMinor);
      upfront -= i.amount.amountMinor - left;
      if (left > 0) expect(spoken).toContain((left / 100).toFixed(2));
    }
    const tools = await voiceOutbox('call.tool_called', accountId);
    expect(tools.map((t) => [t.payload.data.tool, t.payload.data.ok])).toEqual(
      expect.arrayContaining([
        ['propose_plan', true],
        ['accept_plan', true],
        ['send_payment_link', true],
      ]),
    );

    // The debtor pays the 20.00 by the link while still on the line: the call hears it and ends plan_agreed.
    h.clock.advance(120_000);
    expect((await h.sendWebhook(tenant, paymentReceived(ref, 2_000, false))).status).toBe(202);
    const [ended] = await waitFor('call.ended', async () => {
      const rows = await voiceOutbox('call.ended', accountId);
      return rows.length ? rows : undefined;
    }, 60_000);
    expect(ended.payload.data.outcome).toBe('plan_agreed');
    await waitFor('the case waits on the plan', async () => {
      const [c] = await h.query<{ status: string }>('scheduler', 'SELECT status FROM recovery_case WHERE account_id = $1', [accountId]);
      return c?.status === 'plan_agreed' || undefined;
    }, 30_000);
    expect(lender.platform.planWrites()).toHaveLength(1);
  });

  it('a plan the lender and the tenant do not allow is not promised: the agent hands the debtor to a person', async () => {
    const ref = 'voice-plan-2';
    const phone = '+4915112349002';
    addAccount(ref);
    // 5.00 a month is below the tenant's 10.00 minimum instalment: no offered plan fits.
    telnyx.script(phone, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'I can only afford 5 euros a month.'] });
    const accountId = await missedInstalment(ref, phone);
    const [escalated] = await waitFor('call.escalated', async () => {
      const rows = await voiceOutbox('call.escalated', accountId);
      return rows.length ? rows : undefined;
    }, 90_000);
    expect(escalated.payload.data).toMatchObject({ transferred: true });
    const tools = await voiceOutbox('call.tool_called', accountId);
    expect(tools.find((t) => t.payload.data.tool === 'propose_plan')?.payload.data).toMatchObject({ ok: false });
    expect(tools.some((t) => t.payload.data.tool === 'accept_plan')).toBe(false);
    expect(lender.platform.planWrites().filter((w) => w.externalRef === ref)).toHaveLength(0);
    const [dial] = telnyx.dials(phone);
    expect(telnyx.commandsFor(dial.callControlId).some((c) => c.action === 'transfer')).toBe(true);
  });
});
