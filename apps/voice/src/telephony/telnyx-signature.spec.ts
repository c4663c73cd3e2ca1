import { generateKeyPairSync, sign } from 'node:crypto';
import { parseTelnyxPublicKey, verifyTelnyxSignature } from './telnyx-signature';

const pair = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const rawPublic = (key: typeof pair.publicKey) => key.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
const now = new Date('2026-03-02T10:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));
const body = JSON.stringify({ data: { event_type: 'call.answered', id: 'e1', payload: { call_control_id: 'v3:abc' } } });
const signed = (timestamp: string, raw: string, key = pair.privateKey) => sign(null, Buffer.from(`${timestamp}|${raw}`), key).toString('base64');

function check(overrides: Partial<Parameters<typeof verifyTelnyxSignature>[0]> = {}) {
  return verifyTelnyxSignature({
    rawBody: Buffer.from(body),
    signature: signed(ts, body),
    timestamp: ts,
    publicKey: parseTelnyxPublicKey(rawPublic(pair.publicKey)),
    now,
    toleranceSeconds: 300,
    ...overrides,
  });
}

describe('Telnyx webhook signature (Ed25519 over timestamp|body)', () => {
  it('accepts a webhook signed by the key, with a fresh timestamp', () => {
    expect(check()).toEqual({ ok: true, timestamp: Number(ts) });
  });

  it('accepts the public key as raw base64, base64 DER or PEM', () => {
    const der = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const pem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    for (const text of [rawPublic(pair.publicKey), der, pem]) expect(check({ publicKey: parseTelnyxPublicKey(text) }).ok).toBe(true);
  });

  it('refuses keys that are not Ed25519 or have the wrong length', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parseTelnyxPublicKey(rsa)).toThrow(/not Ed25519/);
    expect(() => parseTelnyxPublicKey(Buffer.alloc(31).toString('base64'))).toThrow(/32-byte/);
  });

  it('refuses a tampered body', () => {
    expect(check({ rawBody: body.replace('call.answered', 'call.hangup') })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature made with another key', () => {
    expect(check({ signature: signed(ts, body, other.privateKey) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature over another timestamp (the timestamp is signed)', () => {
    const later = String(Number(ts) + 10);
    expect(check({ timestamp: later })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses stale and future timestamps outside the replay window, accepts the edges', () => {
    const at = (delta: number) => String(Number(ts) + delta);
    expect(check({ timestamp: at(-301), signature: signed(at(-301), body) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({ timestamp: at(301), signature: signed(at(301), body) })).toEqual({ ok: false, reason: 'future_timestamp' });
    expect(check({ timestamp: at(-300), signature: signed(at(-300), body) }).ok).toBe(true);
    expect(check({ timestamp: at(300), signature: signed(at(300), body) }).ok).toBe(true);
  });

  it('refuses missing headers and malformed values', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: '2026-03-02T10:00:00Z' })).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(check({ signature: 'not base64!' })).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(check({ signature: Buffer.alloc(32).toString('base64') })).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(check({ signature: Buffer.alloc(64).toString('base64') })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
