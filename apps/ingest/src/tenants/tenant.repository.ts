import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface Tenant {
  id: string;
  displayName: string;
  webhookSecrets: string[];
}

@Injectable()
export class TenantRepository {
  private readonly cache = new Map<string, { tenant: Tenant | undefined; at: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /** Looked up on every webhook: cached briefly so a burst does not hit PostgreSQL per request. */
  async find(id: string): Promise<Tenant | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < 5_000) return hit.tenant;
    const [row] = await this.dataSource.query(`SELECT id, display_name, webhook_secrets FROM tenant WHERE id = $1`, [id]);
    const tenant = row ? { id: row.id, displayName: row.display_name, webhookSecrets: row.webhook_secrets } : undefined;
    this.cache.set(id, { tenant, at: Date.now() });
    return tenant;
  }

  async create(displayName: string): Promise<Tenant> {
    const tenant = { id: randomUUID(), displayName, webhookSecrets: [`whsec_${randomBytes(24).toString('base64url')}`] };
    await this.dataSource.query(`INSERT INTO tenant (id, display_name, webhook_secrets) VALUES ($1, $2, $3)`, [
      tenant.id, tenant.displayName, tenant.webhookSecrets,
    ]);
    return tenant;
  }
}
