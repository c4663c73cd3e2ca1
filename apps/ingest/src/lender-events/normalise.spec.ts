import fc from 'fast-check';
import {
  EVENTS, LenderEvent, LenderInstalmentMissed, LenderPaymentReceived, accountIdFor, parseEvent, validateLenderEvent,
} from '@settle/contracts';
import { normaliseLenderEvent } from './normalise';

const TENANT = '3b8f6c1e-2d4a-4f7b-9e0c-5a1d2b3c4e5f';
const OTHER_TENANT = '9c2e7a14-6b3d-4e8f-a1c5-0d9e8f7a6b5c';
const RECEIVED_AT = new Date('2026-03-02T09:30:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function missed(over: Partial<LenderInstalmentMissed> = {}): LenderInstalmentMissed {
  return {
    eventId: 'im-7f3a9c21',
    type: 'instalment.missed',
    occurredAt: '2026-03-02T10:00:00+01:00',
    account: {
      externalRef: 'LN-2024-000871',
      contact: { phone: '+4915112345678', firstName: 'Lena', language: 'de-AT', timeZone: 'Europe/Vienna', country: 'AT' },
    },
    instalment: {
      orderRef: 'ORD-2026-55102',
      merchantName: 'Nordic Bikes',
      instalmentNumber: 2,
      instalmentsTotal: 4,
      amountDue: { amountMinor: 2500, currency: 'EUR' },
      dueDate: '2026-02-28',
      daysPastDue: 2,
    },
    ...over,
  };
}

function payment(over: Partial<LenderPaymentReceived> = {}, pay: Partial<LenderPaymentReceived['payment']> = {}): LenderPaymentReceived {
  return {
    eventId: 'pr-1c88e0d4',
    type: 'payment.received',
    occurredAt: '2026-03-02T08:15:00Z',
    account: { externalRef: 'LN-2024-000871' },
    payment: { amount: { amountMinor: 2500, currency: 'EUR' }, paidAt: '2026-03-02T09:14:59.250+01:00', orderRef: 'ORD-2026-55102', settlesBalance: true, ...pay },
    ...over,
  };
}

/** Round trip through JSON as the envelope travels on Kafka, and parse it as a consumer would. */
function roundTrip(envelope: object) {
  return parseEvent(Buffer.from(JSON.stringify(envelope)));
}

describe('normaliseLenderEvent — instalment.missed', () => {
  const [envelope, ...rest] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);

  it('becomes exactly one account.instalment_missed v1 envelope', () => {
    expect(rest).toEqual([]);
    expect(envelope.type).toBe('account.instalment_missed');
    expect(envelope.version).toBe(1);
    expect(envelope.type).toBe(EVENTS.instalmentMissed.type);
  });

  it('is addressed to the tenant and the derived account id, produced by ingest', () => {
    expect(envelope.tenantId).toBe(TENANT);
    expect(envelope.accountId).toBe(accountIdFor(TENANT, 'LN-2024-000871'));
    expect(envelope.producer).toBe('ingest');
    expect(envelope).not.toHaveProperty('caseId');
  });

  it('starts a chain: a UUID v7 id that is also the correlation id, and no causation id', () => {
    expect(envelope.id).toMatch(UUID_V7);
    expect(envelope.correlationId).toBe(envelope.id);
    expect(envelope).not.toHaveProperty('causationId');
  });

  it('normalises occurredAt to a UTC instant ending in Z ("10:00+01:00" → "09:00:00.000Z")', () => {
    expect(envelope.occurredAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('carries the lender reference, event id, contact and instalment unchanged', () => {
    const lender = missed();
    expect(envelope.data).toEqual({
      externalAccountRef: 'LN-2024-000871',
      lenderEventId: 'im-7f3a9c21',
      contact: lender.account.contact,
      instalment: lender.instalment,
    });
  });

  it('passes parseEvent after a JSON round trip, as the instalment-missed definition', () => {
    const parsed = roundTrip(envelope);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.definition).toBe(EVENTS.instalmentMissed);
      expect(JSON.parse(JSON.stringify(parsed.event))).toEqual(JSON.parse(JSON.stringify(envelope)));
    }
  });

  it('leaves the lender event it was given untouched', () => {
    const lender = missed();
    const copy = structuredClone(lender);
    normaliseLenderEvent(TENANT, lender, RECEIVED_AT);
    expect(lender).toEqual(copy);
  });
});

describe('normaliseLenderEvent — occurredAt', () => {
  const occurred = (occurredAt: string, receivedAt = RECEIVED_AT) => normaliseLenderEvent(TENANT, missed({ occurredAt }), receivedAt)[0].occurredAt;

  it.each([
    ['2026-03-02T10:00:00+01:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T04:00:00-05:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T14:45:00+05:45', '2026-03-02T09:00:00.000Z'],
    ['2026-03-01T23:30:00-09:30', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00.5Z', '2026-03-02T09:00:00.500Z'],
    ['2026-03-02T09:00:00.123+00:00', '2026-03-02T09:00:00.123Z'],
    ['2025-12-31T23:59:59Z', '2025-12-31T23:59:59.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(occurred(input)).toBe(expected);
  });

  it('clamps a future occurredAt to the receipt time', () => {
    expect(occurred('2026-03-02T11:00:00+01:00')).toBe(RECEIVED_AT.toISOString()); // 10:00Z, after 09:30Z
    expect(occurred('2027-01-01T00:00:00Z')).toBe(RECEIVED_AT.toISOString());
  });

  it('keeps an occurredAt exactly at the receipt time, and one a millisecond before it', () => {
    expect(occurred('2026-03-02T09:30:00.000Z')).toBe('2026-03-02T09:30:00.000Z');
    expect(occurred('2026-03-02T09:29:59.999Z')).toBe('2026-03-02T09:29:59.999Z');
  });

  it('clamps one millisecond in the future', () => {
    expect(occurred('2026-03-02T09:30:00.001Z')).toBe('2026-03-02T09:30:00.000Z');
  });

  it('property: the result is a Z instant, equal to the stated instant or the receipt time, whichever is earlier', () => {
    const offsetArb = fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 15, 30, 45)).map(
        ([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
      ),
    );
    const instantArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instantArb, offsetArb, instantArb, (stated, offset, receivedAt) => {
        // Write the stated instant as local time at `offset`, the way a lender might.
        const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
        const shown = new Date(stated.getTime() + minutes * 60_000).toISOString().slice(0, 23);
        const text = `${shown}${offset}`;
        const [envelope] = normaliseLenderEvent(TENANT, missed({ occurredAt: text }), receivedAt);
        expect(envelope.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(envelope.occurredAt).toBe(new Date(Math.min(stated.getTime(), receivedAt.getTime())).toISOString());
        expect(roundTrip(envelope).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // `new Date(text)` is only safe for full instants with an offset: an ISO week date ("2026-W10-1") or
  // ordinal date ("2026-061") becomes Invalid Date and `toISOString()` throws RangeError, and an
  // offset-less "2026-03-02T10:00:00" is read in the host's time zone. Such strings must never reach
  // normalisation: the lender-event contract has to reject them.
  it.each(['2026-W10-1', '2026-W10', '2026-061', '2026-03-02T10:00:00', '2026-03-02', '2026-03'])(
    'the validated path never hands normalisation an occurredAt it cannot read: %s is rejected by the contract',
    (occurredAt) => {
      const validated = validateLenderEvent(JSON.parse(JSON.stringify(missed({ occurredAt }))));
      expect(validated.ok).toBe(false);
      if (!validated.ok) expect(validated.errors.map((e) => e.field)).toContain('occurredAt');
    },
  );

  it('property: every occurredAt the contract accepts normalises to the same UTC instant, without throwing', () => {
    const textArb = fc
      .record({
        at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        offsetMinutes: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
        precision: fc.constantFrom('minutes', 'seconds', 'millis', 'micros', 'nanos'),
        zulu: fc.constantFrom('Z', '+00:00', '-00:00'),
      })
      .map(({ at, offsetMinutes, precision, zulu }) => {
        const wall = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
        const body = { minutes: wall.slice(0, 16), seconds: wall.slice(0, 19), millis: wall.slice(0, 23), micros: `${wall.slice(0, 23)}456`, nanos: `${wall.slice(0, 23)}456789` }[precision];
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = offsetMinutes === 0 ? zulu : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const truncated = { minutes: 60_000, seconds: 1000, millis: 1, micros: 1, nanos: 1 }[precision];
        return { text: `${body}${offset}`, instant: Math.floor(at.getTime() / truncated) * truncated };
      });
    fc.assert(
      fc.property(textArb, ({ text, instant }) => {
        const validated = validateLenderEvent(JSON.parse(JSON.stringify(missed({ occurredAt: text }))));
        expect(validated.ok).toBe(true);
        if (!validated.ok) return;
        const receivedAt = new Date('2100-01-01T00:00:00Z');
        const [envelope] = normaliseLenderEvent(TENANT, validated.value, receivedAt);
        expect(envelope.occurredAt).toBe(new Date(instant).toISOString());
      }),
      { numRuns: 300 },
    );
  });
});

describe('normaliseLenderEvent — payment.received', () => {
  it('becomes one account.payment_received v1 envelope with the payment mapped', () => {
    const events = normaliseLenderEvent(TENANT, payment(), RECEIVED_AT);
    expect(events).toHaveLength(1);
    const [envelope] = events;
    expect(envelope).toMatchObject({
      type: 'account.payment_received',
      version: 1,
      tenantId: TENANT,
      accountId: accountIdFor(TENANT, 'LN-2024-000871'),
      producer: 'ingest',
      occurredAt: '2026-03-02T08:15:00.000Z',
    });
    expect(envelope.correlationId).toBe(envelope.id);
    expect(envelope.data).toEqual({
      externalAccountRef: 'LN-2024-000871',
      lenderEventId: 'pr-1c88e0d4',
      amount: { amountMinor: 2500, currency: 'EUR' },
      paidAt: '2026-03-02T08:14:59.250Z',
      orderRef: 'ORD-2026-55102',
      settlesBalance: true,
    });
  });

  it('omits orderRef entirely when the lender gave none', () => {
    const [envelope] = normaliseLenderEvent(TENANT, payment({}, { orderRef: undefined }), RECEIVED_AT);
    expect(Object.keys(envelope.data)).not.toContain('orderRef');
  });

  it('keeps settlesBalance false for a partial payment', () => {
    const [envelope] = normaliseLenderEvent(TENANT, payment({}, { settlesBalance: false, amount: { amountMinor: 1000, currency: 'EUR' } }), RECEIVED_AT);
    expect(envelope.data).toMatchObject({ settlesBalance: false, amount: { amountMinor: 1000, currency: 'EUR' } });
  });

  it('normalises paidAt to UTC but does not clamp it (it is the lender’s statement, not the event time)', () => {
    const [envelope] = normaliseLenderEvent(TENANT, payment({}, { paidAt: '2026-03-02T18:00:00+09:00' }), RECEIVED_AT);
    expect(envelope.data).toMatchObject({ paidAt: '2026-03-02T09:00:00.000Z' });
  });

  it('clamps a future occurredAt to the receipt time here too', () => {
    const [envelope] = normaliseLenderEvent(TENANT, payment({ occurredAt: '2026-03-03T00:00:00Z' }), RECEIVED_AT);
    expect(envelope.occurredAt).toBe('2026-03-02T09:30:00.000Z');
  });

  it.each([
    ['with orderRef', payment()],
    ['without orderRef', payment({}, { orderRef: undefined })],
  ])('passes parseEvent after a JSON round trip (%s)', (_label, lender) => {
    const [envelope] = normaliseLenderEvent(TENANT, lender, RECEIVED_AT);
    const parsed = roundTrip(envelope);
    expect(parsed).toMatchObject({ ok: true, definition: EVENTS.paymentReceived });
  });
});

describe('normaliseLenderEvent — identity and the validated path', () => {
  it('derives the same account id for the same tenant and reference, whatever the event type', () => {
    const [a] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);
    const [b] = normaliseLenderEvent(TENANT, payment(), RECEIVED_AT);
    expect(a.accountId).toBe(b.accountId);
  });

  it('derives different account ids for another tenant or another reference', () => {
    const [mine] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);
    const [theirs] = normaliseLenderEvent(OTHER_TENANT, missed(), RECEIVED_AT);
    const [otherRef] = normaliseLenderEvent(TENANT, missed({ account: { ...missed().account, externalRef: 'LN-2024-000872' } }), RECEIVED_AT);
    expect(theirs.accountId).not.toBe(mine.accountId);
    expect(otherRef.accountId).not.toBe(mine.accountId);
  });

  it('never puts the raw lender reference into the routing fields', () => {
    const [envelope] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);
    const routing = JSON.stringify({ ...envelope, data: undefined });
    expect(routing).not.toContain('LN-2024-000871');
  });

  it('gives each normalisation its own envelope id', () => {
    const [a] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);
    const [b] = normaliseLenderEvent(TENANT, missed(), RECEIVED_AT);
    expect(a.id).not.toBe(b.id);
  });

  it.each<[string, LenderEvent]>([
    ['instalment.missed', missed()],
    ['payment.received', payment()],
  ])('%s from the webhook JSON → validateLenderEvent → normalise → JSON → parseEvent round-trips', (_type, lender) => {
    const validated = validateLenderEvent(JSON.parse(JSON.stringify({ ...lender, unknownLenderField: 'ignored' })));
    expect(validated.ok).toBe(true);
    if (!validated.ok) return;
    const [envelope] = normaliseLenderEvent(TENANT, validated.value, RECEIVED_AT);
    const parsed = roundTrip(envelope);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.event.id).toBe(envelope.id);
      expect(JSON.stringify(parsed.event.data)).not.toContain('unknownLenderField');
    }
  });
});
