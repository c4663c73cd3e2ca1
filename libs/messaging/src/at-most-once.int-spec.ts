import { createTestDatabase, TestDatabase } from '@settle/testing';
import { Client } from 'pg';
import { StepClaims } from './at-most-once';

jest.setTimeout(60_000);

describe('StepClaims (real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: Client;
  let claims: StepClaims;

  beforeAll(async () => {
    db = await createTestDatabase('stepclaims');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TABLE delivery (step_id uuid PRIMARY KEY, status text NOT NULL, note text, provider_id text, updated_at timestamptz NOT NULL DEFAULT now())`);
    claims = new StepClaims({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows }, 'delivery');
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const key = () => crypto.randomUUID();

  it('claims a step once; a second attempt sees it in flight, then its final status', async () => {
    const k = key();
    expect(await claims.claim(k, { note: 'first' })).toBe('claimed');
    expect(await claims.claim(k, { note: 'second' })).toBe('sending'); // the caller must treat this as possibly sent
    await claims.finish(k, 'sent', { provider_id: 'msg-1' });
    expect(await claims.claim(k)).toBe('sent');
    const { rows } = await client.query('SELECT status, note, provider_id FROM delivery WHERE step_id = $1', [k]);
    expect(rows).toEqual([{ status: 'sent', note: 'first', provider_id: 'msg-1' }]);
  });

  it('a released step is claimed again by exactly one of two racing attempts; columns left out keep their value', async () => {
    const k = key();
    await claims.claim(k);
    await claims.finish(k, 'sent', { provider_id: 'kept' });
    await claims.finish(k, 'released', { note: 'throttled' });
    const results = await Promise.all([claims.claim(k), claims.claim(k)]);
    expect(results.sort()).toEqual(['claimed', 'sending']);
    const { rows } = await client.query('SELECT provider_id, note FROM delivery WHERE step_id = $1', [k]);
    expect(rows[0]).toEqual({ provider_id: 'kept', note: 'throttled' });
  });

  it('refuses identifiers that are not plain SQL names', () => {
    expect(() => new StepClaims({ query: async () => [] }, 'delivery; DROP TABLE x')).toThrow(/identifier/);
    return expect(claims.claim(key(), { 'note = 1 --': 'x' })).rejects.toThrow(/identifier/);
  });
});
