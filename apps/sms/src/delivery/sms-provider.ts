export interface OutgoingSms {
  to: string;
  text: string;
  senderId: string;
  idempotencyKey: string;
  /** Answer from this number (the one a debtor texted), where the provider supports it. */
  originationNumber?: string;
}

/** The port every SMS provider adapter implements; SNS is the first. */
export interface SmsProvider {
  /** Resolves with the provider's message id once it accepted the message. */
  send(message: OutgoingSms): Promise<{ messageId: string }>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/**
 * Provider failures sorted by what they mean for the debtor: `rejected` (will never send: do not
 * retry), `unavailable` (certainly not sent: safe to retry), `unknown` (may have been sent: never
 * retry, or the debtor could get the SMS twice).
 */
export class SmsProviderError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unavailable' | 'unknown',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}
