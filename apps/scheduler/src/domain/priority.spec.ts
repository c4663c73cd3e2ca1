import fc from 'fast-check';
import { DEFAULT_PRIORITY_WEIGHTS, PriorityInputs, bestHour, preferredChannel, priorityScore } from './priority';

const base: PriorityInputs = { daysPastDue: 9, balanceMinor: 4250, instalmentsPaid: 1, promisesKept: 0, promisesBroken: 0, responsesByChannel: {} };

describe('priorityScore', () => {
  it('is the sum of its contributions, each explained by one input', () => {
    const score = priorityScore({ ...base, promisesBroken: 1, responsesByChannel: { sms: 2 } });
    expect(score.contributions).toEqual({
      daysPastDue: 4.5, // 1.5 × √9
      balance: 4.25, // 10 × 42.50 / 100
      instalmentsPaid: 4,
      promisesKept: 0,
      promisesBroken: -8,
      responses: 6,
    });
    expect(score.score).toBeCloseTo(Object.values(score.contributions).reduce((a, b) => a + b, 0), 2);
    expect(score.inputs.promisesBroken).toBe(1);
  });

  it('ranks a larger, older debt above a smaller, newer one, and a broken promise lower', () => {
    const older = priorityScore({ ...base, daysPastDue: 30, balanceMinor: 15000 }).score;
    const newer = priorityScore({ ...base, daysPastDue: 2, balanceMinor: 2500 }).score;
    expect(older).toBeGreaterThan(newer);
    expect(priorityScore({ ...base, promisesBroken: 2 }).score).toBeLessThan(priorityScore(base).score);
  });

  it('caps the weight of very old debts and of many responses', () => {
    expect(priorityScore({ ...base, daysPastDue: 400 }).contributions.daysPastDue).toBe(priorityScore({ ...base, daysPastDue: 90 }).contributions.daysPastDue);
    expect(priorityScore({ ...base, responsesByChannel: { sms: 50 } }).contributions.responses).toBe(5 * DEFAULT_PRIORITY_WEIGHTS.responses);
  });

  it('follows configured weights', () => {
    const onlyBalance = { daysPastDue: 0, balance: 1, instalmentsPaid: 0, promisesKept: 0, promisesBroken: 0, responses: 0 };
    expect(priorityScore({ ...base, balanceMinor: 20000 }, onlyBalance).score).toBe(2);
  });

  it('is monotone in days past due and in balance', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(1_000_000), fc.nat(1_000_000), (d1, d2, b1, b2) => {
        const [dLo, dHi] = [Math.min(d1, d2), Math.max(d1, d2)];
        const [bLo, bHi] = [Math.min(b1, b2), Math.max(b1, b2)];
        return priorityScore({ ...base, daysPastDue: dHi, balanceMinor: bHi }).score >= priorityScore({ ...base, daysPastDue: dLo, balanceMinor: bLo }).score;
      }),
    );
  });
});

describe('preferredChannel and bestHour', () => {
  it('keeps the planned channel unless another has more responses', () => {
    expect(preferredChannel('sms', {})).toBe('sms');
    expect(preferredChannel('sms', { sms: 1, email: 1 })).toBe('sms');
    expect(preferredChannel('sms', { email: 2, sms: 1 })).toBe('email');
  });

  it('picks the most answered hour inside the window, earliest on a tie, or none', () => {
    const window = { startHour: 8, endHour: 21 };
    expect(bestHour([19, 19, 10, 22, 22, 22], window)).toBe(19);
    expect(bestHour([10, 19], window)).toBe(10);
    expect(bestHour([6, 23], window)).toBeUndefined();
    expect(bestHour([], window)).toBeUndefined();
  });
});
