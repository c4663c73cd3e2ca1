import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { apiKeyDisplayPrefix, issueApiKey } from './api-key';
import type { Scope } from './scopes';

export interface ApiKeyRecord {
  keyId: string;
  tenantId: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

interface Row {
  id: string;
  tenant_id: string;
  name: string;
  scopes: Scope[];
  created_at: Date;
  revoked_at: Date | null;
}

const toRecord = (row: Row): ApiKeyRecord => ({
  keyId: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  prefix: apiKeyDisplayPrefix(row.id),
  scopes: row.scopes,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** The owner connection, or a transaction confined to one tenant by `withTenant` (row-level security). */
type Db = DataSource | EntityManager;

/**
 * Keys are read by primary key on every authenticated request, uncached: one indexed lookup is
 * cheap, and a revocation then takes effect on every replica at once.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForAuth(keyId: string): Promise<{ tenantId: string; hash: Buffer; scopes: Scope[]; revoked: boolean } | undefined> {
    const [row] = await this.dataSource.query(`SELECT tenant_id, key_sha256, scopes, revoked_at FROM api_key WHERE id = $1`, [keyId]);
    return row ? { tenantId: row.tenant_id, hash: row.key_sha256, scopes: row.scopes, revoked: row.revoked_at !== null } : undefined;
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
  async create(tenantId: string, name: string, scopes: Scope[], db: Db = this.dataSource): Promise<ApiKeyRecord & { key: string }> {
    const issued = issueApiKey();
    const [row] = await db.query(
      `INSERT INTO api_key (id, tenant_id, name, key_sha256, scopes) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, tenant_id, name, scopes, created_at, revoked_at`,
      [issued.keyId, tenantId, name, issued.hash, scopes],
    );
    return { ...toRecord(row), key: issued.key };
  }

  async list(tenantId: string, db: Db = this.dataSource): Promise<ApiKeyRecord[]> {
    const rows: Row[] = await db.query(
      `SELECT id, tenant_id, name, scopes, created_at, revoked_at FROM api_key WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenantId],
    );
    return rows.map(toRecord);
  }

  /** Revokes a key of this tenant (idempotent: a revoked key keeps its first revocation time). */
  async revoke(tenantId: string, keyId: string, at: Date, db: Db = this.dataSource): Promise<ApiKeyRecord | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Row[], number] = await db.query(
      `UPDATE api_key SET revoked_at = COALESCE(revoked_at, $3) WHERE tenant_id = $1 AND id = $2
       RETURNING id, tenant_id, name, scopes, created_at, revoked_at`,
      [tenantId, keyId, at],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }
}
