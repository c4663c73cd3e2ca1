import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export interface WebhookEndpoint {
  tenantId: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointSettings {
  url: string;
  eventTypes: string[];
  enabled: boolean;
}

interface EndpointRow {
  tenant_id: string;
  url: string;
  event_types: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  tenantId: row.tenant_id,
  url: row.url,
  eventTypes: row.event_types,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const COLUMNS = 'tenant_id, url, event_types, enabled, created_at, updated_at';

function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Each tenant's outbound webhook endpoint. The signing secret leaves this class only when it is made. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  async tenantExists(tenantId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM tenant WHERE id = $1`, [tenantId])).length > 0;
  }

  async find(tenantId: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_endpoint WHERE tenant_id = $1`, [tenantId]);
    return row ? toEndpoint(row) : undefined;
  }

  /** The endpoint's filter and switch, read inside a consumer's transaction. */
  async settingsIn(tx: EntityManager, tenantId: string): Promise<{ eventTypes: string[]; enabled: boolean } | undefined> {
    const [row] = await tx.query(`SELECT event_types, enabled FROM webhook_endpoint WHERE tenant_id = $1`, [tenantId]);
    return row ? { eventTypes: row.event_types, enabled: row.enabled } : undefined;
  }

  /** Creates the endpoint (with a new secret, returned once) or replaces its settings (the secret stays). */
  async put(tenantId: string, settings: EndpointSettings, now: Date): Promise<{ endpoint: WebhookEndpoint; signingSecret?: string }> {
    const secret = newSigningSecret();
    const [row] = await this.dataSource.query(
      `INSERT INTO webhook_endpoint (tenant_id, url, signing_secret, event_types, enabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET url = EXCLUDED.url, event_types = EXCLUDED.event_types, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [tenantId, settings.url, secret, settings.eventTypes, settings.enabled, now],
    );
    return { endpoint: toEndpoint(row), ...(row.created ? { signingSecret: secret } : {}) };
  }

  /** A new signing secret, returned once; the old one stops signing at once. */
  async rotateSecret(tenantId: string, now: Date): Promise<string | undefined> {
    const secret = newSigningSecret();
    const rows = await this.dataSource.query(`UPDATE webhook_endpoint SET signing_secret = $2, updated_at = $3 WHERE tenant_id = $1 RETURNING tenant_id`, [tenantId, secret, now]);
    return rows[0].length > 0 ? secret : undefined;
  }

  async remove(tenantId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`DELETE FROM webhook_endpoint WHERE tenant_id = $1 RETURNING tenant_id`, [tenantId]);
    return rows[0].length > 0;
  }
}
