/** One email as the delivery service hands it to the SMTP adapter. */
export interface OutgoingEmail {
  to: string;
  /** The From header the debtor sees (the tenant's sender, or the brand at the service's address). */
  from: { name: string; address: string };
  /** The SMTP envelope sender (MAIL FROM, the Return-Path): where bounces go, always the service's own address. */
  envelopeFrom: string;
  subject: string;
  html: string;
  text: string;
  /** Derived from the step id, so a second copy of the same step would be recognisable. */
  messageId: string;
  headers: Record<string, string>;
}

/** The port the SMTP adapter implements. */
export interface EmailTransport {
  /** Resolves once the server accepted the message: our Message-ID, and the server's own id when its reply names one. */
  send(email: OutgoingEmail): Promise<{ messageId: string; serverMessageId?: string }>;
  close(): void;
}

export const EMAIL_TRANSPORT = Symbol('EMAIL_TRANSPORT');

/**
 * Send failures sorted by what they mean for the debtor. Never sent, and never will be:
 * `invalid_address`, `bounced` (the mailbox does not exist or is full), `rejected` (the server
 * refused the message). `unavailable`: certainly not sent, safe to retry. `unknown`: the message
 * may have been accepted, never retry or the debtor could get it twice.
 */
export class EmailSendError extends Error {
  constructor(
    readonly kind: 'invalid_address' | 'bounced' | 'rejected' | 'unavailable' | 'unknown',
    readonly code: string,
    message: string,
    readonly bounce?: 'hard' | 'soft',
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}
