/**
 * At most once per step, for providers with no idempotency key (SNS SMS, SMTP): the step is
 * claimed in the service's own table — a row in status `sending`, committed — before the provider
 * is called, and the provider's answer is written straight after, outside the handler's
 * transaction. Whatever crashes when, a redelivered command finds the claim:
 * - `sent` (or any final status) → report it, never resend;
 * - still `sending` → the earlier attempt may have reached the provider: report the outcome as
 *   unknown, never resend;
 * - `released` → the provider certainly did not take it (refused connection, throttled, 5xx):
 *   this attempt claims it again.
 *
 * The table needs the key column (primary key), `status text` and `updated_at timestamptz`.
 */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export type ClaimResult = 'claimed' | string;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class StepClaims {
  constructor(
    private readonly db: Queryable,
    private readonly table: string,
    private readonly keyColumn = 'step_id',
  ) {
    for (const name of [table, keyColumn]) if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  }

  /**
   * Claims `key` for this attempt: inserts the row (with `columns`) in status `sending`, or takes
   * back a `released` one. Returns 'claimed' when this attempt owns the step, else the row's status.
   */
  async claim(key: string, columns: Record<string, unknown> = {}): Promise<ClaimResult> {
    const names = Object.keys(columns);
    for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
    const values = names.map((n) => columns[n]);
    const fresh = (await this.db.query(
      `INSERT INTO ${this.table} (${[this.keyColumn, 'status', ...names].join(', ')})
       VALUES ($1, 'sending'${names.map((_, i) => `, $${i + 2}`).join('')}) ON CONFLICT DO NOTHING RETURNING ${this.keyColumn}`,
      [key, ...values],
    )) as unknown[];
    if (fresh.length > 0) return 'claimed';
    const reclaimed = await this.db.query(
      `UPDATE ${this.table} SET status = 'sending', updated_at = now() WHERE ${this.keyColumn} = $1 AND status = 'released' RETURNING ${this.keyColumn}`,
      [key],
    );
    if (rowsOf(reclaimed).length > 0) return 'claimed';
    const [row] = (await this.db.query(`SELECT status FROM ${this.table} WHERE ${this.keyColumn} = $1`, [key])) as { status: string }[];
    return row.status;
  }

  /**
   * Records what the provider (or the service) decided: `status` and the columns given; columns
   * left out keep their value. `released` gives the step back for a retry.
   */
  async finish(key: string, status: string, columns: Record<string, unknown> = {}): Promise<void> {
    const names = Object.keys(columns).filter((n) => columns[n] !== undefined);
    for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
    await this.db.query(
      `UPDATE ${this.table} SET status = $2, updated_at = now()${names.map((n, i) => `, ${n} = $${i + 3}`).join('')} WHERE ${this.keyColumn} = $1`,
      [key, status, ...names.map((n) => columns[n])],
    );
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected]; a plain pg client with rows. */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}
