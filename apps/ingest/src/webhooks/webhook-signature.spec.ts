import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signPayload, verifySignature } from './webhook-signature';

const SECRET = 'whsec_current_5f1c9a7e2b';
const OLD_SECRET = 'whsec_previous_0d3e8b61aa';
const TOLERANCE = 300;
const NOW = new Date('2026-03-02T10:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
const BODY = Buffer.from(JSON.stringify({ eventId: 'im-7f3a9c21', type: 'instalment.missed', occurredAt: '2026-03-02T09:58:00Z' }));

function hmacHex(secret: string, t: number | string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)])).digest('hex');
}

function verify(header: string | undefined, body: Buffer = BODY, secrets: string[] = [SECRET], now: Date = NOW, tolerance = TOLERANCE) {
  return verifySignature(header, body, secrets, now, tolerance);
}

const CODES = ['missing_signature', 'malformed_signature', 'stale_timestamp', 'future_timestamp', 'bad_signature'];

describe('signPayload', () => {
  it('produces t=<seconds>,v1=<HMAC-SHA256(secret, "t." + body) in lower-case hex>', () => {
    const header = signPayload(SECRET, NOW_S, BODY);
    expect(header).toBe(`t=${NOW_S},v1=${hmacHex(SECRET, NOW_S, BODY)}`);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('signs a string body the same as the equal Buffer body', () => {
    expect(signPayload(SECRET, NOW_S, BODY.toString('utf8'))).toBe(signPayload(SECRET, NOW_S, BODY));
  });

  it('depends on the secret, the timestamp and every byte of the body', () => {
    const base = signPayload(SECRET, NOW_S, BODY);
    expect(signPayload(OLD_SECRET, NOW_S, BODY)).not.toBe(base);
    expect(signPayload(SECRET, NOW_S + 1, BODY).split('v1=')[1]).not.toBe(base.split('v1=')[1]);
    expect(signPayload(SECRET, NOW_S, Buffer.concat([BODY, Buffer.from(' ')]))).not.toBe(base);
  });

  it('separates timestamp and body unambiguously: t=1 + "23" and t=12 + "3" get different MACs', () => {
    // Without the "." both would MAC the bytes "123".
    expect(signPayload(SECRET, 1, '23').split('v1=')[1]).not.toBe(signPayload(SECRET, 12, '3').split('v1=')[1]);
  });
});

describe('verifySignature — accepts', () => {
  it('a good signature made now', () => {
    expect(verify(signPayload(SECRET, NOW_S, BODY))).toEqual({ ok: true });
  });

  it('any of the listed secrets (rotation): old and new both verify while both are listed', () => {
    expect(verify(signPayload(OLD_SECRET, NOW_S, BODY), BODY, [SECRET, OLD_SECRET])).toEqual({ ok: true });
    expect(verify(signPayload(SECRET, NOW_S, BODY), BODY, [SECRET, OLD_SECRET])).toEqual({ ok: true });
    expect(verify(signPayload(SECRET, NOW_S, BODY), BODY, [OLD_SECRET, SECRET])).toEqual({ ok: true });
  });

  it('a header with several v1 entries when any one of them is right, in any order', () => {
    const good = hmacHex(SECRET, NOW_S, BODY);
    const wrong = hmacHex('another', NOW_S, BODY);
    expect(verify(`t=${NOW_S},v1=${wrong},v1=${good}`)).toEqual({ ok: true });
    expect(verify(`t=${NOW_S},v1=${good},v1=${wrong}`)).toEqual({ ok: true });
    expect(verify(`v1=${wrong},t=${NOW_S},v1=${good}`)).toEqual({ ok: true });
  });

  it('a secret-rotation header carrying one MAC per secret', () => {
    const header = `t=${NOW_S},v1=${hmacHex(SECRET, NOW_S, BODY)},v1=${hmacHex(OLD_SECRET, NOW_S, BODY)}`;
    expect(verify(header, BODY, [OLD_SECRET])).toEqual({ ok: true });
    expect(verify(header, BODY, [SECRET])).toEqual({ ok: true });
  });

  it('spaces around the pieces, upper-case hex and unknown schemes (v0=…) are tolerated', () => {
    const mac = hmacHex(SECRET, NOW_S, BODY);
    expect(verify(` t=${NOW_S} , v1=${mac} `)).toEqual({ ok: true });
    expect(verify(`t=${NOW_S},v1=${mac.toUpperCase()}`)).toEqual({ ok: true });
    expect(verify(`t=${NOW_S},v0=deadbeef,v1=${mac}`)).toEqual({ ok: true });
  });

  it('an empty body when signed as such', () => {
    expect(verify(signPayload(SECRET, NOW_S, ''), Buffer.alloc(0))).toEqual({ ok: true });
  });
});

describe('verifySignature — missing and malformed', () => {
  it.each([undefined, ''])('%j → missing_signature', (header) => {
    expect(verify(header)).toMatchObject({ ok: false, code: 'missing_signature' });
  });

  const mac = hmacHex(SECRET, NOW_S, BODY);
  it.each([
    ['no pieces at all', 'garbage'],
    ['only a timestamp', `t=${NOW_S}`],
    ['only a MAC', `v1=${mac}`],
    ['empty values', 't=,v1='],
    ['a non-numeric timestamp', `t=yesterday,v1=${mac}`],
    ['a negative timestamp', `t=-${NOW_S},v1=${mac}`],
    ['a fractional timestamp', `t=${NOW_S}.5,v1=${mac}`],
    ['a timestamp of 13 digits', `t=1772445600000,v1=${mac}`],
    ['a timestamp in hex', `t=0x69a55fa0,v1=${mac}`],
    ['semicolons instead of commas', `t=${NOW_S};v1=${mac}`],
    ['a stripe-style v1 only under another name', `t=${NOW_S},v2=${mac}`],
  ])('%s → malformed_signature', (_why, header) => {
    const result = verify(header);
    expect(result).toMatchObject({ ok: false, code: 'malformed_signature' });
    if (!result.ok) expect(result.detail).toMatch(/t=<unix seconds>,v1=<hex HMAC>/);
  });

  it('uses the first t= when several are given', () => {
    const header = `t=${NOW_S},t=${NOW_S - 10_000},v1=${hmacHex(SECRET, NOW_S, BODY)}`;
    expect(verify(header)).toEqual({ ok: true });
  });
});

describe('verifySignature — timestamp tolerance', () => {
  const signedAt = (t: number) => signPayload(SECRET, t, BODY);

  it('accepts a signature exactly `tolerance` seconds old', () => {
    expect(verify(signedAt(NOW_S - TOLERANCE))).toEqual({ ok: true });
  });

  it('rejects one second older as stale_timestamp, saying how old', () => {
    const result = verify(signedAt(NOW_S - TOLERANCE - 1));
    expect(result).toEqual({ ok: false, code: 'stale_timestamp', detail: `The signed timestamp is ${TOLERANCE + 1} s old; the limit is ${TOLERANCE} s.` });
  });

  it('accepts a signature exactly `tolerance` seconds in the future (clock skew)', () => {
    expect(verify(signedAt(NOW_S + TOLERANCE))).toEqual({ ok: true });
  });

  it('rejects one second further as future_timestamp', () => {
    const result = verify(signedAt(NOW_S + TOLERANCE + 1));
    expect(result).toEqual({
      ok: false,
      code: 'future_timestamp',
      detail: `The signed timestamp is ${TOLERANCE + 1} s in the future; the limit is ${TOLERANCE} s.`,
    });
  });

  it('compares whole seconds: 999 ms past the stale boundary is still accepted', () => {
    expect(verify(signedAt(NOW_S - TOLERANCE), BODY, [SECRET], new Date(NOW.getTime() + 999))).toEqual({ ok: true });
    expect(verify(signedAt(NOW_S - TOLERANCE), BODY, [SECRET], new Date(NOW.getTime() + 1000))).toMatchObject({ code: 'stale_timestamp' });
  });

  it('a zero tolerance accepts only the current second', () => {
    expect(verify(signedAt(NOW_S), BODY, [SECRET], NOW, 0)).toEqual({ ok: true });
    expect(verify(signedAt(NOW_S - 1), BODY, [SECRET], NOW, 0)).toMatchObject({ code: 'stale_timestamp' });
    expect(verify(signedAt(NOW_S + 1), BODY, [SECRET], NOW, 0)).toMatchObject({ code: 'future_timestamp' });
  });

  it('checks freshness before the MAC: an old but correctly signed request is stale, not bad', () => {
    expect(verify(signedAt(NOW_S - 86_400))).toMatchObject({ code: 'stale_timestamp' });
    expect(verify(`t=${NOW_S - 86_400},v1=${'0'.repeat(64)}`)).toMatchObject({ code: 'stale_timestamp' });
  });

  it('holds at the boundary for any tolerance and any instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999 }), (tol, nowS, ms) => {
        const now = new Date(nowS * 1000 + ms);
        const check = (t: number) => verifySignature(signPayload(SECRET, t, BODY), BODY, [SECRET], now, tol);
        expect(check(nowS - tol)).toEqual({ ok: true });
        expect(check(nowS + tol)).toEqual({ ok: true });
        expect(check(nowS - tol - 1)).toMatchObject({ ok: false, code: 'stale_timestamp' });
        expect(check(nowS + tol + 1)).toMatchObject({ ok: false, code: 'future_timestamp' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifySignature — bad signatures', () => {
  it('a signature made with a secret that is not listed', () => {
    const result = verify(signPayload('whsec_attacker', NOW_S, BODY));
    expect(result).toEqual({ ok: false, code: 'bad_signature', detail: 'The signature does not match the body with any current secret.' });
  });

  it('a retired secret once it is dropped from the list', () => {
    expect(verify(signPayload(OLD_SECRET, NOW_S, BODY), BODY, [SECRET])).toMatchObject({ code: 'bad_signature' });
  });

  it('no secrets configured at all', () => {
    expect(verify(signPayload(SECRET, NOW_S, BODY), BODY, [])).toMatchObject({ code: 'bad_signature' });
  });

  it('a tampered body', () => {
    const header = signPayload(SECRET, NOW_S, BODY);
    const tampered = Buffer.from(BODY.toString().replace('im-7f3a9c21', 'im-7f3a9c22'));
    expect(verify(header, tampered)).toMatchObject({ code: 'bad_signature' });
  });

  it('a tampered timestamp (replay with a fresh t but the old MAC)', () => {
    const mac = hmacHex(SECRET, NOW_S - 60, BODY);
    expect(verify(`t=${NOW_S - 60},v1=${mac}`)).toEqual({ ok: true });
    expect(verify(`t=${NOW_S},v1=${mac}`)).toMatchObject({ code: 'bad_signature' });
  });

  it.each([
    ['non-hex characters of the right length', 'z'.repeat(64)],
    ['a hex MAC one character short', 'a'.repeat(63)],
    ['a hex MAC one character long', 'a'.repeat(65)],
    ['a truncated correct MAC', ''],
    ['base64 instead of hex', Buffer.from('x'.repeat(32)).toString('base64')],
    ['unicode', 'ä'.repeat(64)],
  ])('%s fails without throwing', (_why, mac) => {
    const v1 = mac === '' ? hmacHex(SECRET, NOW_S, BODY).slice(0, 40) : mac;
    let result: ReturnType<typeof verify> | undefined;
    expect(() => {
      result = verify(`t=${NOW_S},v1=${v1}`);
    }).not.toThrow();
    expect(result).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('a correct MAC with trailing garbage is not accepted as a prefix match', () => {
    expect(verify(`t=${NOW_S},v1=${hmacHex(SECRET, NOW_S, BODY)}00`)).toMatchObject({ code: 'bad_signature' });
  });
});

describe('verifySignature — properties', () => {
  it('never throws on arbitrary headers, and always answers with a known code', () => {
    const headerArb = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.tuple(fc.constantFrom('t', 'v1', 'v0', '', ' t', 'x'), fc.string({ maxLength: 70 })), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(',')),
      fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxyz'.split('')), maxLength: 70 })).map(([t, mac]) => `t=${t},v1=${mac}`),
    );
    fc.assert(
      fc.property(headerArb, fc.uint8Array({ maxLength: 64 }), (header, body) => {
        const result = verifySignature(header, Buffer.from(body), [SECRET, OLD_SECRET], NOW, TOLERANCE);
        if (!result.ok) {
          expect(CODES).toContain(result.code);
          expect(result.detail.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('sign then verify round-trips for any secret, body and in-tolerance timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.uint8Array({ maxLength: 512 }), fc.integer({ min: -TOLERANCE, max: TOLERANCE }), (secret, bytes, skew) => {
        const body = Buffer.from(bytes);
        expect(verifySignature(signPayload(secret, NOW_S + skew, body), body, [secret], NOW, TOLERANCE)).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it('flipping any single bit of the body or the MAC is detected', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 0, max: 7 }), fc.boolean(), (bytes, index, bit, inBody) => {
        const body = Buffer.from(bytes);
        const mac = hmacHex(SECRET, NOW_S, body);
        if (inBody) {
          const tampered = Buffer.from(body);
          tampered[index % tampered.length] ^= 1 << bit;
          expect(verifySignature(`t=${NOW_S},v1=${mac}`, tampered, [SECRET], NOW, TOLERANCE)).toMatchObject({ code: 'bad_signature' });
        } else {
          const raw = Buffer.from(mac, 'hex');
          raw[index % raw.length] ^= 1 << bit;
          expect(verifySignature(`t=${NOW_S},v1=${raw.toString('hex')}`, body, [SECRET], NOW, TOLERANCE)).toMatchObject({ code: 'bad_signature' });
        }
      }),
      { numRuns: 300 },
    );
  });
});
