import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantBrandProfile, supersedes } from '../domain/tenant-brand';

/** The scheduler's copy of tenant profiles; always inside the caller's transaction. */
@Injectable()
export class TenantProfileRepository {
  async find(tx: EntityManager, tenantId: string, options: { forUpdate?: boolean } = {}): Promise<TenantBrandProfile | undefined> {
    const [row] = await tx.query(`SELECT profile FROM tenant_profile WHERE tenant_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [tenantId]);
    return row ? (row.profile as TenantBrandProfile) : undefined;
  }

  /** Keeps the incoming profile if it is newer than the stored one; returns whether it did. */
  async keepNewest(tx: EntityManager, tenantId: string, incoming: TenantBrandProfile): Promise<boolean> {
    const stored = await this.find(tx, tenantId, { forUpdate: true });
    if (!supersedes(stored, incoming)) return false;
    // The WHERE guards the one case the row lock cannot: two first inserts for one tenant at once.
    const written: unknown[] = await tx.query(
      `INSERT INTO tenant_profile (tenant_id, version, profile) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version, profile = EXCLUDED.profile, updated_at = now()
        WHERE tenant_profile.version < EXCLUDED.version
       RETURNING tenant_id`,
      [tenantId, incoming.profileVersion, incoming],
    );
    return written.length > 0;
  }
}
