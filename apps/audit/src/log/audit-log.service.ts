import { Injectable } from '@nestjs/common';
import { EventEnvelope, UUID_PATTERN } from '@settle/contracts';
import { withTenant } from '@settle/persistence';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { GENESIS_HASH, chainHash, firstBrokenLink } from './audit-chain';
import { redactForAudit } from './audit-redaction';
import { CallComplianceRecord, callComplianceRecords } from './call-record';

export interface AuditEntryView {
  position: number;
  topic: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  /** The event as stored and hashed: personal data masked. */
  event: EventEnvelope<Record<string, unknown>>;
  hash: string;
}

/** The case an event belongs to: the envelope's, else the payload's (plan events may name it only there). */
export function caseIdOf(event: EventEnvelope): string | null {
  const fromData = (event.data as { caseId?: unknown }).caseId;
  return event.caseId ?? (typeof fromData === 'string' && UUID_PATTERN.test(fromData) ? fromData : null);
}

@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one event to its tenant's chain; the chain head row serialises appends per tenant. */
  async append(tx: EntityManager, topic: string, event: EventEnvelope): Promise<void> {
    const stored = redactForAudit(event);
    await tx.query(`INSERT INTO audit_chain_head (tenant_id, position, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [event.tenantId, GENESIS_HASH]);
    const [head] = await tx.query(`SELECT position, hash FROM audit_chain_head WHERE tenant_id = $1 FOR UPDATE`, [event.tenantId]);
    const position = Number(head.position) + 1;
    const hash = chainHash(head.hash, position, stored);
    await tx.query(
      `INSERT INTO audit_entry (tenant_id, position, event_id, topic, type, account_id, case_id, occurred_at, event, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [event.tenantId, position, event.id, topic, event.type, event.accountId, caseIdOf(event), event.occurredAt, stored, head.hash, hash],
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

  /** Every entry of one case in chain order, read under the tenant's row-level security. */
  async caseEntries(tenantId: string, caseId: string): Promise<AuditEntryView[]> {
    const rows: { position: string; topic: string; type: string; occurred_at: Date; recorded_at: Date; event: EventEnvelope<Record<string, unknown>>; hash: string }[] =
      await withTenant(this.dataSource, tenantId, (tx) =>
        tx.query(`SELECT position, topic, type, occurred_at, recorded_at, event, hash FROM audit_entry WHERE tenant_id = $1 AND case_id = $2 ORDER BY position`, [tenantId, caseId]),
      );
    return rows.map((r) => ({
      position: Number(r.position), topic: r.topic, type: r.type, occurredAt: r.occurred_at.toISOString(), recordedAt: r.recorded_at.toISOString(), event: r.event, hash: r.hash,
    }));
  }

  /** The compliance facts of each AI call of a case, from its entries. */
  async caseCalls(tenantId: string, caseId: string): Promise<CallComplianceRecord[]> {
    const entries = await this.caseEntries(tenantId, caseId);
    return callComplianceRecords(entries.map((e) => ({ position: e.position, type: e.type, occurredAt: e.occurredAt, data: e.event.data })));
  }
}
