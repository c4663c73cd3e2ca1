import type { ChannelGateFacts } from '@settle/contracts';
import { lastMomentGate } from './last-moment-gate';

const DEBT = '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71';
const known = { optedOut: false, optOutRule: 'sms.opt_out', optOutReason: 'replied STOP' };
const facts = (over: Partial<ChannelGateFacts> = {}): ChannelGateFacts => ({
  jurisdiction: 'DE', timeZones: ['Europe/Berlin'], decidedAt: '2026-03-10T10:00:00Z', optedOut: [], holds: [], history: [], ...over,
});

describe('lastMomentGate', () => {
  it('allows at a lawful moment', () => {
    expect(lastMomentGate('sms', new Date('2026-03-10T10:00:00Z'), DEBT, facts(), known).outcome).toBe('allow');
  });

  it('defers a command that reaches the channel after quiet hours began, until the next lawful morning', () => {
    // 21:30 in Berlin (UTC+1 in March): German policy hours are 08:00-21:00.
    const v = lastMomentGate('sms', new Date('2026-03-10T20:30:00Z'), DEBT, facts(), known);
    expect(v).toMatchObject({ outcome: 'defer', ruleIds: expect.arrayContaining(['de.policy.hours']) });
    expect(v.outcome === 'defer' && v.until.toISOString()).toBe('2026-03-11T07:00:00.000Z');
  });

  it('blocks when the channel knows of an opt-out the scheduler did not, naming the channel rule too', () => {
    const v = lastMomentGate('sms', new Date('2026-03-10T10:00:00Z'), DEBT, facts(), { ...known, optedOut: true });
    expect(v.outcome).toBe('block');
    expect(v.ruleIds).toEqual(expect.arrayContaining(['core.optout.medium', 'sms.opt_out']));
  });

  it('blocks on a hold carried by the command', () => {
    const v = lastMomentGate('email', new Date('2026-03-10T10:00:00Z'), DEBT, facts({ holds: [{ kind: 'dispute' }] }), known);
    expect(v).toMatchObject({ outcome: 'block', ruleIds: expect.arrayContaining(['core.hold.dispute']) });
  });

  it('counts the carried ledger against the caps (Washington: 3 communications per week)', () => {
    const history = Array.from({ length: 3 }, (_, i) => ({ channel: 'sms' as const, at: `2026-03-0${6 + i}T18:00:00Z`, kind: 'attempt' as const }));
    const v = lastMomentGate('sms', new Date('2026-03-10T18:00:00Z'), DEBT, facts({ jurisdiction: 'US-WA', timeZones: ['America/Los_Angeles'], history }), known);
    expect(v.outcome).not.toBe('allow');
    expect(v.ruleIds.some((id) => id.startsWith('us-wa') || id.startsWith('us_wa') || id.includes('wa.'))).toBe(true);
    expect(lastMomentGate('sms', new Date('2026-03-10T18:00:00Z'), DEBT, facts({ jurisdiction: 'US-WA', timeZones: ['America/Los_Angeles'] }), known).outcome).toBe('allow');
  });

  it('without facts only the channel\'s own knowledge applies', () => {
    expect(lastMomentGate('sms', new Date('2026-03-10T23:30:00Z'), DEBT, undefined, known).outcome).toBe('allow');
    expect(lastMomentGate('sms', new Date('2026-03-10T10:00:00Z'), DEBT, undefined, { ...known, optedOut: true })).toEqual({ outcome: 'block', ruleIds: ['sms.opt_out'], reasons: ['replied STOP'] });
  });
});
