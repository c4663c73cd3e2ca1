import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { BrandTone, TenantProfileUpdate } from './tenant.dto';

export interface TenantProfile {
  displayName: string;
  brandColour: string | null;
  logoUrl: string | null;
  defaultLanguage: string;
  defaultTone: BrandTone;
  jurisdictions: string[];
  smsSenderId: string | null;
  smsOriginationNumber: string | null;
  emailFrom: string | null;
  callbackPhone: string | null;
}

export interface Tenant extends TenantProfile {
  id: string;
  /** Grows with every profile change (not with secret rotation); other services keep the highest they saw. */
  profileVersion: number;
  /** Current secret first (older ones from before rotation existed stay valid until a rotation). */
  webhookSecrets: string[];
  /** The secret replaced by the last rotation, valid until `retiringSecretUntil`. */
  retiringSecret: string | null;
  retiringSecretUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The secrets an inbound webhook may be signed with at `now`: the current ones, and the retiring one inside its window. */
export function webhookSecretsValidAt(tenant: Pick<Tenant, 'webhookSecrets' | 'retiringSecret' | 'retiringSecretUntil'>, now: Date): string[] {
  const retiring = tenant.retiringSecret && tenant.retiringSecretUntil && now < tenant.retiringSecretUntil ? [tenant.retiringSecret] : [];
  return [...tenant.webhookSecrets, ...retiring];
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

const COLUMNS: Record<keyof TenantProfile, string> = {
  displayName: 'display_name',
  brandColour: 'brand_colour',
  logoUrl: 'logo_url',
  defaultLanguage: 'default_language',
  defaultTone: 'default_tone',
  jurisdictions: 'jurisdictions',
  smsSenderId: 'sms_sender_id',
  smsOriginationNumber: 'sms_origination_number',
  emailFrom: 'email_from',
  callbackPhone: 'callback_phone',
};

const RETURNED = `id, profile_version, webhook_secrets, retiring_secret, retiring_secret_until, created_at, updated_at, ${Object.values(COLUMNS).join(', ')}`;
const SELECT = `SELECT ${RETURNED} FROM tenant`;

/** The owner connection, or a transaction confined to one tenant by `withTenant` (row-level security). */
type Db = DataSource | EntityManager;

function toTenant(row: Record<string, unknown>): Tenant {
  const profile = Object.fromEntries(Object.entries(COLUMNS).map(([field, column]) => [field, row[column]])) as unknown as TenantProfile;
  return {
    id: row.id as string,
    ...profile,
    profileVersion: Number(row.profile_version),
    webhookSecrets: row.webhook_secrets as string[],
    retiringSecret: (row.retiring_secret as string | null) ?? null,
    retiringSecretUntil: (row.retiring_secret_until as Date | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

/**
 * The tenant table is read by the service itself (webhook verification, uncached lookups) and by
 * admin routes; under `withTenant` its row-level security policy (on `id`) shows a tenant only its
 * own row. Methods take the connection to use; the default is the service's own.
 */
@Injectable()
export class TenantRepository {
  private readonly cache = new Map<string, { tenant: Tenant | undefined; at: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Looked up on every webhook: cached briefly so a burst does not hit PostgreSQL per request.
   * Changes through this replica clear the entry; other replicas see them within 5 s.
   */
  async find(id: string): Promise<Tenant | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < 5_000) return hit.tenant;
    const tenant = await this.findUncached(id);
    this.cache.set(id, { tenant, at: Date.now() });
    return tenant;
  }

  async findUncached(id: string, db: Db = this.dataSource): Promise<Tenant | undefined> {
    const [row] = await db.query(`${SELECT} WHERE id = $1`, [id]);
    return row ? toTenant(row) : undefined;
  }

  async list(): Promise<Tenant[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`${SELECT} ORDER BY created_at, id`);
    return rows.map(toTenant);
  }

  async create(displayName: string, profile: TenantProfileUpdate = {}, db: Db = this.dataSource): Promise<Tenant> {
    const fields = { ...definedFields(profile), displayName };
    const columns = ['id', 'webhook_secrets', ...Object.keys(fields).map((f) => COLUMNS[f as keyof TenantProfile])];
    const values = [randomUUID(), [newWebhookSecret()], ...Object.values(fields)];
    const [row] = await db.query(
      `INSERT INTO tenant (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING ${RETURNED}`,
      values,
    );
    return toTenant(row);
  }

  /** Applies the given fields (null clears a nullable one) and bumps the profile version; undefined when there is no such tenant. */
  async update(id: string, profile: TenantProfileUpdate, db: Db = this.dataSource): Promise<Tenant | undefined> {
    const fields = definedFields(profile);
    const sets = Object.keys(fields).map((f, i) => `${COLUMNS[f as keyof TenantProfile]} = $${i + 2}`);
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Record<string, unknown>[], number] = await db.query(
      `UPDATE tenant SET ${[...sets, 'profile_version = profile_version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${RETURNED}`,
      [id, ...Object.values(fields)],
    );
    this.cache.delete(id);
    return rows[0] ? toTenant(rows[0]) : undefined;
  }

  /**
   * A new current secret; the old current one keeps verifying until `retiringUntil`. Rotating
   * again inside a window retires the current secret and drops the one already retiring.
   */
  async rotateWebhookSecret(id: string, retiringUntil: Date, db: Db = this.dataSource): Promise<{ secret: string; tenant: Tenant } | undefined> {
    const secret = newWebhookSecret();
    const [rows]: [Record<string, unknown>[], number] = await db.query(
      `UPDATE tenant SET retiring_secret = webhook_secrets[1], retiring_secret_until = $2, webhook_secrets = ARRAY[$3::text],
              updated_at = now()
        WHERE id = $1 RETURNING ${RETURNED}`,
      [id, retiringUntil, secret],
    );
    this.cache.delete(id);
    return rows[0] ? { secret, tenant: toTenant(rows[0]) } : undefined;
  }
}

/**
 * Tenants whose current profile version was never written to the outbox, locked for this
 * transaction (replicas skip each other's); at most `limit`.
 */
export async function lockUnpublishedProfiles(tx: EntityManager, limit: number): Promise<Tenant[]> {
  const rows: Record<string, unknown>[] = await tx.query(
    `${SELECT} WHERE profile_published_version IS DISTINCT FROM profile_version ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows.map(toTenant);
}

/** Records that `version` of the tenant's profile is in the outbox (never moves backwards). */
export async function markProfilePublished(db: Db, id: string, version: number): Promise<void> {
  await db.query(
    `UPDATE tenant SET profile_published_version = $2 WHERE id = $1 AND (profile_published_version IS NULL OR profile_published_version < $2)`,
    [id, version],
  );
}

/** Every tenant's profile counts as unpublished again (the operator's republish). */
export async function forgetPublishedProfiles(db: Db): Promise<void> {
  await db.query(`UPDATE tenant SET profile_published_version = NULL`);
}

function definedFields(profile: TenantProfileUpdate): Partial<TenantProfile> {
  return Object.fromEntries(
    Object.keys(COLUMNS)
      .filter((field) => (profile as Record<string, unknown>)[field] !== undefined)
      .map((field) => [field, (profile as Record<string, unknown>)[field]]),
  ) as Partial<TenantProfile>;
}
