import { SuppressionReason } from '../domain/address';

/** Puts an address on the tenant's suppression list (the first reason stays). */
export async function suppress(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  tenantId: string,
  hash: string,
  reason: SuppressionReason,
  detail: string | null,
  stepId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO email_suppression (tenant_id, address_hash, reason, detail, step_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [tenantId, hash, reason, detail, stepId],
  );
}
