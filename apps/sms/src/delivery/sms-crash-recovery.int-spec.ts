import { EVENTS, SMS_COMMANDS_V1, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SettleHarness } from '../../../settle-e2e/src/harness';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../../../..');

/** The sms service as a real OS process, so it can be killed without warning. */
function spawnSms(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/sms/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('sms service killed mid-stream', () => {
  let h: SettleHarness;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    h = await SettleHarness.create('smscrash');
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await h?.close();
  });

  it('loses no command and sends no SMS twice after SIGKILL and restart', async () => {
    const tenantId = randomUUID();
    const commands = Array.from({ length: 24 }, (_, i) => {
      const accountId = randomUUID();
      const caseId = randomUUID();
      return newEvent(
        EVENTS.smsRequested,
        { tenantId, accountId, caseId, producer: 'scheduler', occurredAt: new Date() },
        {
          stepId: randomUUID(), caseId, to: `+4915200000${String(i).padStart(3, '0')}`, language: 'en', tone: 'friendly', firstName: 'Sam',
          brandName: 'Acme Pay', merchantName: 'Nordic Bikes', amountDue: { amountMinor: 2500 + i, currency: 'EUR' }, dueDate: '2026-03-01',
          paymentLink: { code: `Code${String(i).padStart(8, '0')}`, url: `https://pay.example/p/Code${String(i).padStart(8, '0')}` }, disclosures: [],
        },
      );
    });
    // Each publish takes a while, so the kill lands with sends in flight.
    h.sns.delayNext(1000, 150);
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: h.kafka.topics.physical(SMS_COMMANDS_V1),
      messages: commands.map((c) => ({ key: recordKey(c), value: JSON.stringify(c) })),
    });
    await producer.disconnect();

    child = spawnSms(h.env());
    await waitFor('a third of the SMS to go out', () => h.sns.published().length >= 8, 60_000, 20);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const publishedAtKill = h.sns.published().length;
    expect(publishedAtKill).toBeLessThan(commands.length);

    child = spawnSms(h.env());
    const rows = await waitFor('every step to reach a reported outcome', async () => {
      const r = await h.query<{ step_id: string; status: string; reported: boolean }>('sms', 'SELECT step_id, status, reported FROM sms_delivery');
      return r.length === commands.length && r.every((x) => x.reported) ? r : undefined;
    }, 90_000);
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;

    const published = h.sns.published();
    const perPhone = new Map<string, number>();
    for (const p of published) perPhone.set(p.phoneNumber, (perPhone.get(p.phoneNumber) ?? 0) + 1);
    expect([...perPhone.values()].every((n) => n === 1)).toBe(true); // never twice

    const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
    expect(byStatus('sent') + byStatus('unknown')).toBe(commands.length); // nothing lost
    // At most the handful in flight at the kill are unknown; everything else went out.
    expect(byStatus('unknown')).toBeLessThanOrEqual(3);
    expect(published.length).toBeGreaterThanOrEqual(byStatus('sent'));
    const outcomes = await h.query<{ type: string; n: string }>('sms', `SELECT payload->>'type' AS type, count(*) AS n FROM outbox GROUP BY 1`);
    const count = (t: string) => Number(outcomes.find((o) => o.type === t)?.n ?? 0);
    expect(count('sms.sent')).toBe(byStatus('sent'));
    expect(count('sms.failed')).toBe(byStatus('unknown'));
  });
});
