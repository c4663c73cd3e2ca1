import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Account, CaseDetail, CasePage, CaseSummary, ContactPreferences, SettleClient, SettleProblemError, paginate, signPayload, signedWebhookHeaders } from './index';
import { verifySignature } from '../../../apps/ingest/src/webhooks/webhook-signature';

describe('signPayload', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', () => {
    const body = '{"eventId":"e-1"}';
    const mac = createHmac('sha256', 'whsec_x').update(`1772445600.${body}`).digest('hex');
    expect(signPayload('whsec_x', 1772445600, body)).toBe(`t=1772445600,v1=${mac}`);
    expect(signPayload('whsec_x', 1772445600, Buffer.from(body))).toBe(`t=1772445600,v1=${mac}`);
  });

  it('is the algorithm ingest verifies (one implementation): a signed body passes, a changed byte fails', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const rawBody = JSON.stringify({ eventId: 'e-2', type: 'payment.received' });
    const headers = signedWebhookHeaders({ tenantId: 't', secret: 'whsec_y', rawBody, idempotencyKey: 'k', now });
    expect(headers['content-type']).toBe('application/json');
    expect(verifySignature(headers['settle-signature'], Buffer.from(rawBody), ['whsec_y'], now, 300)).toEqual({ ok: true });
    expect(verifySignature(headers['settle-signature'], Buffer.from(rawBody.replace('e-2', 'e-3')), ['whsec_y'], now, 300)).toMatchObject({ ok: false, code: 'bad_signature' });
  });
});

describe('paginate', () => {
  it('yields every item of every page in order and stops at a null cursor', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      start: { items: [1, 2], nextCursor: 'a' },
      a: { items: [3, 4], nextCursor: 'b' },
      b: { items: [5], nextCursor: null },
    };
    const asked: (string | undefined)[] = [];
    const seen: number[] = [];
    for await (const n of paginate(async (cursor) => (asked.push(cursor), pages[cursor ?? 'start']))) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('refuses a server that hands back the same cursor (it would loop forever)', async () => {
    const loop = paginate(async () => ({ items: [1], nextCursor: 'same' }));
    await expect((async () => { for await (const _ of loop) { /* drain */ } })()).rejects.toThrow(/same cursor/);
  });
});

describe('SettleProblemError', () => {
  it('exposes the status, the problem code and each named field', () => {
    const error = new SettleProblemError({
      type: 'https://settle.dev/problems/validation', title: 'Bad Request', status: 400, detail: 'The query is invalid.',
      errors: [{ field: 'limit', problem: 'must be an integer from 1 to 200' }],
    });
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation');
    expect(error.fieldError('limit')?.problem).toMatch(/1 to 200/);
    expect(error.message).toBe('400 Bad Request: The query is invalid.');
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('carries Retry-After of a 429 in seconds', () => {
    const error = new SettleProblemError({ type: 'https://settle.dev/problems/rate-limited', title: 'Too Many Requests', status: 429 }, '7');
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.code).toBe('rate-limited');
  });
});

describe('the SDK over the OpenAPI document', () => {
  it('has a method for every public operation of apps/ingest/openapi.json', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../../../apps/ingest/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const publicOperations = Object.entries(document.paths)
      .filter(([path]) => /^\/v1\/(cases|accounts)/.test(path))
      .flatMap(([, item]) => Object.values(item).map((op) => op.operationId))
      .sort();
    const methods: Record<string, keyof SettleClient> = {
      listCases: 'listCases',
      getCase: 'getCase',
      actOnCase: 'actOnCase',
      getAccount: 'getAccount',
      getAccountByExternalRef: 'getAccountByExternalRef',
      getContactPreferences: 'getContactPreferences',
      setContactPreferences: 'setContactPreferences',
    };
    expect(publicOperations).toEqual(Object.keys(methods).sort());
    for (const method of Object.values(methods)) expect(typeof SettleClient.prototype[method]).toBe('function');
  });
});

/** Every key of T, listed; the compiler refuses a list that misses one or names one T lacks. */
function keysOf<T>() {
  return <const K extends readonly (keyof T)[]>(...keys: K & ([keyof T] extends [K[number]] ? unknown : never)) => [...keys].sort();
}

describe('the SDK types over the OpenAPI schemas', () => {
  const document = JSON.parse(readFileSync(join(__dirname, '../../../apps/ingest/openapi.json'), 'utf8')) as {
    components: { schemas: Record<string, { properties: Record<string, unknown>; allOf?: { properties?: Record<string, unknown> }[] }> };
  };
  const propertiesOf = (name: string): string[] => {
    const schema = document.components.schemas[name];
    const own = Object.keys(schema.properties ?? {});
    const inherited = (schema.allOf ?? []).flatMap((part) => Object.keys(part.properties ?? {}));
    return [...new Set([...own, ...inherited])].sort();
  };

  it.each([
    ['CaseSummaryDto', keysOf<CaseSummary>()('id', 'accountId', 'status', 'amountDue', 'recovered', 'contactsSent', 'openedAt', 'updatedAt', 'closedAt', 'outcome')],
    ['CasePageDto', keysOf<CasePage>()('items', 'nextCursor', 'next')],
    ['ContactPreferencesDto', keysOf<ContactPreferences>()('accountId', 'channels', 'updatedAt')],
    [
      'AccountDto',
      keysOf<Account>()(
        'id', 'externalRef', 'status', 'contact', 'amountOverdue', 'overdueInstalments', 'totalPaid', 'lastPaymentAt', 'openDisputes', 'holds',
        'contactPreferences', 'updatedAt',
      ),
    ],
  ])('%s has exactly the properties of the SDK type', (schema, keys) => {
    expect(propertiesOf(schema)).toEqual(keys);
  });

  it('CaseDetailDto adds to CaseSummaryDto exactly what CaseDetail adds to CaseSummary', () => {
    const added = keysOf<Omit<CaseDetail, keyof CaseSummary>>()('workflowId', 'instalments', 'timeline');
    expect(propertiesOf('CaseDetailDto').filter((p) => !propertiesOf('CaseSummaryDto').includes(p))).toEqual(added);
  });
});
