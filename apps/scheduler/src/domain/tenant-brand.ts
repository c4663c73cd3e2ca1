import type { TenantProfileChangedV1 } from '@settle/contracts';

/** The scheduler's copy of a tenant's profile: the event's data, at its version. */
export type TenantBrandProfile = TenantProfileChangedV1;

/**
 * Whether an incoming profile replaces the stored one: only a higher version does, so a
 * redelivered, replayed or older event changes nothing.
 */
export function supersedes(stored: Pick<TenantBrandProfile, 'profileVersion'> | undefined, incoming: Pick<TenantBrandProfile, 'profileVersion'>): boolean {
  return stored === undefined || incoming.profileVersion > stored.profileVersion;
}

/** What a contact command carries of the tenant's brand; an absent field leaves the channel's own default. */
export interface ContactBrand {
  /** Named in the message, and `{business}` in the disclosures. */
  brandName: string;
  sms: { senderId?: string; originationNumber?: string };
  email: { from?: string };
  /** The callback number, and the sender identities of the link texted during the call. */
  voice: { callbackNumber?: string; smsSenderId?: string; smsOriginationNumber?: string };
}

/**
 * The tenant's brand on a contact: its display name (else the service-wide fallback, e.g. before
 * the tenant's profile has arrived) and the sender identities it set.
 */
export function contactBrand(profile: TenantBrandProfile | undefined, fallbackBrandName: string): ContactBrand {
  return {
    brandName: profile?.displayName ?? fallbackBrandName,
    sms: {
      ...(profile?.smsSenderId ? { senderId: profile.smsSenderId } : {}),
      ...(profile?.smsOriginationNumber ? { originationNumber: profile.smsOriginationNumber } : {}),
    },
    email: profile?.emailFrom ? { from: profile.emailFrom } : {},
    voice: {
      ...(profile?.callbackPhone ? { callbackNumber: profile.callbackPhone } : {}),
      ...(profile?.smsSenderId ? { smsSenderId: profile.smsSenderId } : {}),
      ...(profile?.smsOriginationNumber ? { smsOriginationNumber: profile.smsOriginationNumber } : {}),
    },
  };
}

/** A disclosure text with the business it speaks for filled in. */
export function disclosureFor(text: string, brand: Pick<ContactBrand, 'brandName'>): string {
  return text.replace(/\{business\}/g, brand.brandName);
}
