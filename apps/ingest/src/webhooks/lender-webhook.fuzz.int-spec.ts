import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SettleHarness, instalmentMissed, paymentReceived } from '../../../settle-e2e/src/harness';
import { signPayload } from './webhook-signature';

/*
 * Thousands of malformed and hostile requests at the real lender webhook (real HTTP, PostgreSQL and
 * broker): random JSON, valid events with one part broken, wrong types, huge strings, deep nesting,
 * prototype-pollution keys, invalid UTF-8, wrong or missing headers — almost all of them carrying a
 * valid signature, so they get past authentication to the parser and validator. No answer may be
 * a 5xx, the service must still be healthy, and only accepted events may leave rows behind.
 *
 * FUZZ_SEED reproduces a run (fast-check prints the seed of a failure); FUZZ_SCALE multiplies the counts.
 */

jest.setTimeout(300_000);

const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One POST with exactly these bytes and headers (node:http lets latin-1 header values and any body through). */
function post(url: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- arbitraries ----

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isAdmin', 'polluted'];
const NASTY_STRINGS = [
  '', ' ', '\u0000', '\ud800', '\udfff', '\uffff', '\u202e', 'NaN', 'Infinity', '-0', '1e309', 'null', 'true', '[]', '{}',
  '$ne', '{"$gt": ""}', "'; DROP TABLE tenant; --", '../../etc/passwd', '<script>alert(1)</script>', '{{7*7}}', '%s%s%s%n',
  '2026-02-30', '2026-03-02T25:00:00Z', '+00000000000000000', 'EUR ', 'eur', 'Europe/Nowhere', 'XX', '😀'.repeat(40),
];

const hostileKey = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 101, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -1, 0.5, 12.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 100_000_001),
);

const { hostileValue } = fc.letrec((tie) => ({
  hostileValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('hostileValue'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('hostileValue'), { maxKeys: 4 }),
  ),
}));

/** An object whose own keys include the dangerous ones: `obj[key] = v` would set the prototype instead. */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number }
  | { op: 'stringify'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileValue }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('stringify' as const), at: fc.nat() }),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const own = Object.keys(value).flatMap((k) => pathsOf((value as Record<string, unknown>)[k], [...prefix, Array.isArray(value) ? Number(k) : k]));
  return [prefix, ...own];
}

function parentOf(root: Record<string, unknown>, path: Path): { parent: Record<string, unknown>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let parent: unknown = root;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string, unknown>)[k as string];
  return { parent: parent as Record<string, unknown>, key: path[path.length - 1] };
}

/** A fresh copy of a generated value (fast-check shares instances, which could otherwise close a cycle); own `__proto__` keys survive JSON.parse. */
const fresh = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function applyMutations(event: Record<string, unknown>, mutations: Mutation[]): unknown {
  let root: unknown = event;
  for (const generated of mutations) {
    const m = 'value' in generated ? { ...generated, value: fresh(generated.value) } : generated;
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length];
    const at = parentOf(root as Record<string, unknown>, path);
    const current = at ? at.parent[at.key as string] : root;
    const set = (v: unknown) => (at ? withOwn(at.parent, String(at.key), v) : (root = v));
    switch (m.op) {
      case 'replace': set(m.value); break;
      case 'delete': if (at) delete at.parent[at.key as string]; break;
      case 'add':
        if (typeof current === 'object' && current !== null && !Array.isArray(current)) withOwn(current as Record<string, unknown>, m.key, m.value);
        break;
      case 'wrap': set([current]); break;
      case 'stringify': set(JSON.stringify(current) ?? 'undefined'); break;
    }
    if (typeof root !== 'object' || root === null) break;
  }
  return root;
}

let serial = 0;
/** A fresh valid event (unique eventId and account), one of two shapes. */
function baseEvent(kind: 'missed' | 'paid'): Record<string, unknown> {
  serial += 1;
  const ref = `fuzz-acc-${serial}`;
  const event = (kind === 'missed' ? instalmentMissed({ ref }) : paymentReceived(ref)) as unknown as Record<string, unknown>;
  event.eventId = `fuzz-${process.pid}-${serial}`;
  return event;
}

/** Bytes that are not UTF-8 (overlong, lone continuation, surrogate halves, 0xFF), put inside a JSON string or anywhere. */
const BAD_UTF8 = [[0xff], [0xc3, 0x28], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]].map((b) => Buffer.from(b));

describe('lender webhook under fuzzing: no 5xx, no crash, nothing half-written', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };
  let url: string;
  const statuses = new Map<number, number>();
  /** eventIds of every 202 "accepted" (fresh) answer, and how many fresh 202s came back in all. */
  const acceptedEventIds = new Set<string>();
  let fresh202 = 0;
  let accepted = 0;
  let sent = 0;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    h = await SettleHarness.create('fuzz');
    await h.start('ingest');
    tenant = await h.createTenant('Fuzz Bank');
    url = `${h.url('ingest')}/v1/webhooks/lender-events`;
  });

  afterAll(async () => {
    agent.destroy();
    await h?.close();
    console.log(`fuzz: ${sent} requests, answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, ${accepted} events accepted`);
  });

  const signedHeaders = (body: Buffer, over: Record<string, string | undefined> = {}): Record<string, string> => {
    const ts = Math.floor(h.clock.now().getTime() / 1000);
    const headers: Record<string, string | undefined> = {
      'content-type': 'application/json',
      'settle-tenant-id': tenant.tenantId,
      'settle-signature': signPayload(tenant.webhookSecret, ts, body),
      'idempotency-key': randomUUID(),
      ...over,
    };
    return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
  };

  /** Sends, checks the answer is never a 5xx and is well-formed, and books what was accepted. */
  async function fire(body: Buffer, headers: Record<string, string>, allowed: number[]): Promise<Answer> {
    let answer = await post(url, headers, body);
    sent += 1;
    // The per-tenant rate limit is not under test here: do what a lender should, wait (on the
    // service's clock, the harness's manual one) and send the same request again.
    for (let again = 0; answer.status === 429 && again < 10; again++) {
      statuses.set(429, (statuses.get(429) ?? 0) + 1);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      h.clock.advance(Number(answer.headers['retry-after']) * 1000);
      answer = await post(url, headers, body);
    }
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500 || !allowed.includes(answer.status)) {
      throw new Error(`answered ${answer.status} (allowed ${allowed.join(', ')}): ${answer.body.slice(0, 300)}`);
    }
    if (answer.status === 202) {
      const parsed = JSON.parse(answer.body) as { status: string; eventIds: string[] };
      if (answer.headers['idempotent-replayed'] !== 'true') fresh202 += 1;
      if (parsed.status === 'accepted' && answer.headers['idempotent-replayed'] !== 'true') {
        accepted += 1;
        for (const id of parsed.eventIds) acceptedEventIds.add(id);
      }
    } else if (answer.status !== 431) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body).status).toBe(answer.status);
    }
    return answer;
  }

  const params = (numRuns: number) => ({ numRuns: runs(numRuns), ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: false });

  it('valid events with one to three parts broken, re-typed, wrapped, deleted or padded with hostile keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('missed' as const, 'paid' as const), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (kind, mutations) => {
        const body = Buffer.from(JSON.stringify(applyMutations(baseEvent(kind), mutations)) ?? 'null');
        await fire(body, signedHeaders(body), [202, 400, 413]);
      }),
      params(1_200),
    );
  });

  it('arbitrary JSON documents, signed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), hostileValue, fc.dictionary(hostileKey, hostileValue)), async (value) => {
        const body = Buffer.from(JSON.stringify(value) ?? 'null');
        await fire(body, signedHeaders(body), [202, 400, 413]);
      }),
      params(500),
    );
  });

  it('raw bytes: invalid UTF-8 in and around valid events, truncated JSON, random binary — signed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
          fc.tuple(fc.constantFrom(...BAD_UTF8), fc.nat(), fc.constantFrom('missed' as const, 'paid' as const)).map(([bad, at, kind]) => {
            // Inside one of the event's string values (after an opening quote), or anywhere.
            const text = Buffer.from(JSON.stringify(baseEvent(kind)));
            const quotes = [...text.entries()].filter(([, b]) => b === 0x22).map(([i]) => i + 1);
            const pos = at % 2 === 0 ? quotes[at % quotes.length] : at % (text.length + 1);
            return Buffer.concat([text.subarray(0, pos), bad, text.subarray(pos)]);
          }),
          fc.tuple(fc.nat(), fc.constantFrom('missed' as const, 'paid' as const)).map(([cut, kind]) => {
            const text = Buffer.from(JSON.stringify(baseEvent(kind)));
            return text.subarray(0, cut % text.length);
          }),
        ),
        async (body) => {
          await fire(body, signedHeaders(body), [202, 400, 413, 415]);
        },
      ),
      params(400),
    );
  });

  it('deep nesting and huge values, inside valid events or alone, signed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20, max: 30_000 }),
        fc.constantFrom('[', '{"a":', '{"__proto__":'),
        fc.constantFrom('alone', 'unknown-field', 'known-field', 'huge-string', 'huge-array') as fc.Arbitrary<string>,
        async (depth, opener, where) => {
          const closer = opener === '[' ? ']' : '}';
          const nest = `${opener.repeat(depth)}1${closer.repeat(depth)}`;
          const event = JSON.stringify(baseEvent('missed'));
          const text =
            where === 'alone' ? nest
              : where === 'unknown-field' ? event.replace('"account":', `"extra":${nest},"account":`)
              : where === 'known-field' ? event.replace(/"externalRef":"[^"]*"/, `"externalRef":${nest}`)
              : where === 'huge-string' ? event.replace(/"firstName":"[^"]*"/, `"firstName":"${'A'.repeat(depth * 2)}"`)
              : event.replace('"account":', `"extra":[${Array.from({ length: Math.min(depth, 20_000) }, () => '0').join(',')}],"account":`);
          const body = Buffer.from(text);
          await fire(body, signedHeaders(body), [202, 400, 413]);
        },
      ),
      params(200),
    );
  });

  it('wrong, missing, malformed or forged headers around valid and hostile bodies', async () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 });
    const headerAttack = fc.oneof(
      fc.record({ header: fc.constant('settle-signature'), value: fc.oneof(fc.constant(undefined), latin1, fc.constantFrom('t=,v1=', 't=abc,v1=zz', 't=1,v1=' + '0'.repeat(64), 'v1=' + 'a'.repeat(64), 't=99999999999999,v1=00', 't=-5,v1=' + 'f'.repeat(64), ',,,,', '='.repeat(100), `t=1,${'v1=ab,'.repeat(500)}`)) }),
      fc.record({ header: fc.constant('settle-tenant-id'), value: fc.oneof(fc.constant(undefined), latin1, fc.uuid().map(String), fc.constantFrom("' OR 1=1 --", '00000000-0000-0000-0000-000000000000', 'null')) }),
      fc.record({ header: fc.constant('idempotency-key'), value: fc.oneof(fc.constant(undefined), fc.constant(''), latin1, fc.constant('k'.repeat(201)), fc.constant('k'.repeat(200))) }),
      fc.record({ header: fc.constant('content-type'), value: fc.oneof(fc.constant(undefined), fc.constantFrom('text/plain', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nonsense', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'application/jsonx', 'application/json; charset=utf-8', '*/*', 'APPLICATION/JSON'), latin1) }),
      fc.record({ header: fc.constant('stale-or-future'), value: fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map(String) }),
      fc.record({ header: fc.constant('wrong-secret'), value: fc.string({ minLength: 1, maxLength: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(headerAttack, fc.option(hostileValue, { nil: undefined }), async ({ header, value }, hostile) => {
        const body = Buffer.from(JSON.stringify(hostile === undefined ? baseEvent('missed') : hostile) ?? 'null');
        const ts = Math.floor(h.clock.now().getTime() / 1000);
        const headers =
          header === 'stale-or-future'
            ? signedHeaders(body, { 'settle-signature': signPayload(tenant.webhookSecret, ts + Number(value), body) })
            : header === 'wrong-secret'
              ? signedHeaders(body, { 'settle-signature': signPayload(String(value), ts, body) })
              : signedHeaders(body, { [header]: value });
        const answer = await fire(body, headers, [202, 400, 401, 409, 413, 415]);
        // Nothing gets through without a valid signature by the tenant's secret.
        if (header === 'wrong-secret' || (header === 'settle-signature' && value !== headers['settle-signature'])) expect(answer.status).not.toBe(202);
        // (A body that is not a JSON object or array fails parsing first: 400.)
        if (header === 'stale-or-future' && Math.abs(Number(value)) > 300) expect([400, 401]).toContain(answer.status);
      }),
      params(400),
    );
  });

  it('idempotency keys reused with the same or another body replay or conflict, never double-write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(mutation, { maxLength: 1 }), async (sameBody, mutations) => {
        const key = randomUUID();
        const first = Buffer.from(JSON.stringify(applyMutations(baseEvent('paid'), mutations)) ?? 'null');
        const a = await fire(first, signedHeaders(first, { 'idempotency-key': key }), [202, 400, 413]);
        const second = sameBody ? first : Buffer.from(JSON.stringify(baseEvent('paid')));
        const b = await fire(second, signedHeaders(second, { 'idempotency-key': key }), [202, 400, 409, 413]);
        if (a.status === 202) {
          expect(b.status).toBe(sameBody ? 202 : 409);
          if (sameBody) expect(b.headers['idempotent-replayed']).toBe('true');
        }
      }),
      params(100),
    );
  });

  it('afterwards: still healthy, prototypes untouched, and rows only for what was accepted', async () => {
    expect(sent).toBeGreaterThanOrEqual(runs(2_900));
    const health = await fetch(`${h.url('ingest')}/health`);
    expect(health.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);

    // A normal event is still accepted after all that.
    const ok = await h.sendWebhook(tenant, instalmentMissed({ ref: 'after-the-storm' }));
    expect(ok.status).toBe(202);
    const okBody = (await ok.json()) as { eventIds: string[] };
    fresh202 += 1;
    accepted += 1;
    for (const id of okBody.eventIds) acceptedEventIds.add(id);

    const [receipts] = await h.query<{ n: string; incomplete: string }>(
      'ingest', `SELECT count(*) AS n, count(*) FILTER (WHERE response_status IS DISTINCT FROM 202 OR response_body IS NULL) AS incomplete FROM webhook_receipt`,
    );
    expect(Number(receipts.incomplete)).toBe(0);
    expect(Number(receipts.n)).toBe(fresh202);
    const [lenderEvents] = await h.query<{ n: string }>('ingest', `SELECT count(*) AS n FROM lender_event`);
    expect(Number(lenderEvents.n)).toBe(accepted);
    const outbox = await h.query<{ event_id: string; payload: string }>('ingest', `SELECT event_id, payload::text AS payload FROM outbox WHERE topic = 'account.events.v1'`);
    expect(new Set(outbox.map((r) => r.event_id))).toEqual(acceptedEventIds);
    // Unknown fields (hostile keys among them) are dropped, not stored.
    for (const row of outbox) expect(row.payload).not.toMatch(/__proto__|"polluted"|"isAdmin"|"extra"/);
    expect(accepted).toBeGreaterThan(10);
  });
});
