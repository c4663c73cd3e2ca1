// Micro-benchmark of the policy engine: node -r @swc-node/register libs/compliance/scripts/bench.ts [count]
import { ContactContext, ContactEvent, evaluate } from '../src';

const count = Number(process.argv[2] ?? 1_000_000);
const jurisdictions = ['US-MA', 'US', 'GB', 'IE', 'DE', 'FR', 'XX'];
const zones: Record<string, string[]> = {
  'US-MA': ['America/New_York'],
  US: ['America/New_York', 'America/Los_Angeles'],
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  DE: ['Europe/Berlin'],
  FR: ['Europe/Paris'],
  XX: ['Asia/Kolkata'],
};
const channels = ['sms', 'email', 'voice', 'human'] as const;
const start = Date.UTC(2026, 0, 1);
const contexts: ContactContext[] = [];
for (let i = 0; i < 10_000; i++) {
  const jurisdiction = jurisdictions[i % jurisdictions.length];
  const at = start + ((i * 7_919_993) % (365 * 86_400_000));
  const history: ContactEvent[] = [];
  for (let k = 0; k < i % 6; k++) history.push({ channel: channels[k % 4], at: new Date(at - (k + 1) * 20 * 3_600_000), kind: k === 3 ? 'conversation' : 'attempt', debtId: `d${k % 2}` });
  contexts.push({
    channel: channels[i % 4],
    at: new Date(at),
    debtor: { jurisdiction, timeZones: zones[jurisdiction], optedOut: [], consents: ['ai_voice'] },
    holds: [],
    history,
    debtId: 'd0',
  });
}
const outcomes: Record<string, number> = {};
for (let i = 0; i < 20_000; i++) evaluate(contexts[i % contexts.length]); // warm-up
const t0 = process.hrtime.bigint();
for (let i = 0; i < count; i++) {
  const d = evaluate(contexts[i % contexts.length]);
  outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`${count} evaluations in ${ms.toFixed(0)} ms: ${((ms * 1000) / count).toFixed(2)} µs each`, outcomes);
