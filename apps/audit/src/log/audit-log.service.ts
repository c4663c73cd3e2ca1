import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@settle/contracts';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { GENESIS_HASH, chainHash, firstBrokenLink } from './audit-chain';

@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one event to its tenant's chain; the chain head row serialises appends per tenant. */
  async append(tx: EntityManager, topic: string, event: EventEnvelope): Promise<void> {
    await tx.query(`INSERT INTO audit_chain_head (tenant_id, position, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [event.tenantId, GENESIS_HASH]);
    const [head] = await tx.query(`SELECT position, hash FROM audit_chain_head WHERE tenant_id = $1 FOR UPDATE`, [event.tenantId]);
    const position = Number(head.position) + 1;
    const hash = chainHash(head.hash, position, event);
    await tx.query(
      `INSERT INTO audit_entry (tenant_id, position, event_id, topic, type, account_id, case_id, occurred_at, event, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [event.tenantId, position, event.id, topic, event.type, event.accountId, event.caseId ?? null, event.occurredAt, event, head.hash, hash],
    );
    await tx.query(`UPDATE audit_chain_head SET position = $2, hash = $3 WHERE tenant_id = $1`, [event.tenantId, position, hash]);
  }

  /** Re-computes a tenant's chain: null when intact, else the first position that was tampered with. */
  async verify(tenantId: string): Promise<{ entries: number; brokenAt: number | null }> {
    const rows = await this.dataSource.query(`SELECT position, event, prev_hash, hash FROM audit_entry WHERE tenant_id = $1 ORDER BY position`, [tenantId]);
    const entries = rows.map((r: { position: string; event: unknown; prev_hash: string; hash: string }) => ({
      position: Number(r.position), event: r.event, prevHash: r.prev_hash, hash: r.hash,
    }));
    return { entries: entries.length, brokenAt: firstBrokenLink(entries) };
  }
}
