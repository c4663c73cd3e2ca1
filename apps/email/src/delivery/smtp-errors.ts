import { EmailSendError } from './email-transport';

/** The fields nodemailer puts on its errors (see nodemailer's NodemailerError). */
export interface SmtpErrorShape {
  message?: string;
  code?: string;
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/**
 * Sorts an SMTP failure. A reply from the server is definite: 4xx (and 503) means "not now",
 * 5xx means "never", and a 5xx to RCPT TO says what is wrong with the mailbox. Without a reply,
 * only whether the message body had started to flow (the server had answered DATA) tells a
 * failure that certainly sent nothing from one that may have delivered the email.
 */
export function classifySmtpError(error: unknown, bodyStarted: boolean): EmailSendError {
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpErrorShape;
  const reply = (err.response ?? err.message ?? 'unknown error').replace(/\s+/g, ' ').trim();
  const code = err.responseCode;
  if (code) {
    const tag = `smtp_${code}`;
    if (code < 500 || code === 503) return new EmailSendError('unavailable', tag, reply);
    const mailbox = err.command === 'RCPT TO' ? mailboxProblem(code, enhancedStatus(reply)) : undefined;
    if (mailbox === 'invalid') return new EmailSendError('invalid_address', tag, reply);
    if (mailbox) return new EmailSendError('bounced', tag, reply, mailbox);
    return new EmailSendError('rejected', tag, reply);
  }
  // nodemailer refused the address itself, before talking to the server.
  if (err.code === 'EENVELOPE') return new EmailSendError('invalid_address', 'invalid_recipient', reply);
  if (err.code === 'EMESSAGE') return new EmailSendError('rejected', 'message_refused', reply);
  const tag = err.originalCode ?? err.code ?? 'unexpected';
  return new EmailSendError(bodyStarted ? 'unknown' : 'unavailable', tag, reply);
}

/** RFC 3463 enhanced status code in a reply, e.g. 5.1.1. */
function enhancedStatus(reply: string): string | undefined {
  return /\b(5\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1];
}

function mailboxProblem(code: number, status: string | undefined): 'invalid' | 'hard' | 'soft' | undefined {
  if (status) {
    if (status === '5.1.3') return 'invalid'; // bad mailbox syntax
    if (status.startsWith('5.1.') || status === '5.2.1') return 'hard'; // no such mailbox, mailbox disabled
    if (status === '5.2.2') return 'soft'; // mailbox full
    return undefined; // policy (5.7.x) and the rest: a refusal, not a bounce
  }
  if (code === 501 || code === 553) return 'invalid';
  if (code === 550 || code === 551) return 'hard';
  if (code === 552) return 'soft';
  return undefined;
}
