import { EVENTS, EventEnvelope, TenantProfileChangedV1, newEvent } from '@settle/contracts';
import type { Tenant } from './tenant.repository';

/**
 * What other services may know of a tenant: the whole white-label profile and its version, never
 * a secret. Unset (null) fields are left out, so the event states the profile as it is now.
 */
export function profileChangedData(tenant: Omit<Tenant, 'webhookSecrets' | 'retiringSecret' | 'retiringSecretUntil' | 'createdAt' | 'updatedAt'>): TenantProfileChangedV1 {
  const optional = {
    brandColour: tenant.brandColour,
    logoUrl: tenant.logoUrl,
    smsSenderId: tenant.smsSenderId,
    smsOriginationNumber: tenant.smsOriginationNumber,
    emailFrom: tenant.emailFrom,
    callbackPhone: tenant.callbackPhone,
  };
  return {
    profileVersion: tenant.profileVersion,
    displayName: tenant.displayName,
    defaultLanguage: tenant.defaultLanguage,
    defaultTone: tenant.defaultTone,
    jurisdictions: [...tenant.jurisdictions],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null && value !== undefined)),
  };
}

/** The event, keyed by the tenant: a tenant-wide fact names the tenant as its account (key `tenantId:tenantId`). */
export function profileChangedEvent(tenant: Tenant, at: Date): EventEnvelope<TenantProfileChangedV1> {
  return newEvent(EVENTS.tenantProfileChanged, { tenantId: tenant.id, accountId: tenant.id, producer: 'ingest', occurredAt: at }, profileChangedData(tenant));
}
