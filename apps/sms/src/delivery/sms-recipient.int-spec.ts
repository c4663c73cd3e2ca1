import { randomUUID } from 'node:crypto';
import type { SettleHarness } from '../../../settle-e2e/src/harness';
import { publishedTo, sendCommands, smsRequested, startSms, waitForOutcome } from '../testing/sms-test-kit';

jest.setTimeout(120_000);

/** A command whose number is not E.164 is blocked naming the problem — never dead-lettered, never sent. */
describe('sms service: a number that is not E.164', () => {
  let h: SettleHarness;
  const tenantId = randomUUID();

  beforeAll(async () => {
    h = await startSms('smsrecipient');
  });

  afterAll(async () => h?.close());

  it('blocks the step with rule sms.invalid_number and a reason that does not repeat the number; a valid one beside it is sent', async () => {
    const bad = smsRequested(tenantId, { to: '0151 1234 5678' });
    const good = smsRequested(tenantId, { to: '+4915112340077' });
    await sendCommands(h, bad, good);
    const blocked = await waitForOutcome(h, bad.data.stepId);
    expect(blocked).toMatchObject({ type: 'sms.blocked', data: { outcome: 'block', ruleIds: ['sms.invalid_number'] } });
    expect(JSON.stringify(blocked)).not.toContain('0151 1234 5678');
    expect((await waitForOutcome(h, good.data.stepId)).type).toBe('sms.sent');
    expect(publishedTo(h, '0151 1234 5678')).toHaveLength(0);
    // Redelivered: reported once, still not sent.
    await sendCommands(h, bad);
    await new Promise((r) => setTimeout(r, 1_500));
    const outcomes = await h.query<{ type: string }>('sms', `SELECT payload->>'type' AS type FROM outbox WHERE payload->'data'->>'stepId' = $1`, [bad.data.stepId]);
    expect(outcomes).toEqual([{ type: 'sms.blocked' }]);
  });
});
