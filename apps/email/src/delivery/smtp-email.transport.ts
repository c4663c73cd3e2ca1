import { createTransport, Transporter } from 'nodemailer';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { EmailSendError, EmailTransport, OutgoingEmail } from './email-transport';
import { classifySmtpError } from './smtp-errors';

export interface SmtpOptions {
  url: string;
  timeoutMs: number;
}

/** Pooled SMTP through nodemailer. */
export class SmtpEmailTransport implements EmailTransport {
  private readonly mailer: Transporter;
  /** The last stage of each message's stream, by Message-ID, while it is being sent. */
  private readonly bodies = new Map<string, Readable>();

  constructor(options: SmtpOptions) {
    this.mailer = createTransport({
      pool: true,
      url: options.url,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
    // The connection reads this stage only after the server answered DATA with 354, so whether
    // it was read tells a failure before DATA (nothing sent) from one after (maybe delivered).
    // It must stay the last stage: DKIM signing, if ever added, would read it before DATA and
    // turn every failure into "maybe delivered" (safe, but never retried).
    this.mailer.use('stream', (mail, done) => {
      const messageId = mail.data.messageId;
      mail.message.processFunc((input) => {
        const body = pipeline(input, new PassThrough(), () => undefined);
        if (messageId) this.bodies.set(messageId, body);
        return body;
      });
      done();
    });
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string; serverMessageId?: string }> {
    try {
      const info = await this.mailer.sendMail({
        from: email.from,
        to: email.to,
        // Without it nodemailer would take MAIL FROM from the header, and a tenant's From would send bounces away from us.
        envelope: { from: email.envelopeFrom, to: email.to },
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: email.headers,
      });
      // Outlook and SES replies are read by nodemailer; Postfix-style relays say "queued as <id>".
      const serverMessageId: string | undefined = info.serverMessageId ?? /\bqueued as ([\w.-]+)/i.exec(String(info.response ?? ''))?.[1];
      return { messageId: info.messageId, ...(serverMessageId ? { serverMessageId } : {}) };
    } catch (error) {
      throw error instanceof EmailSendError ? error : classifySmtpError(error, this.bodies.get(email.messageId)?.readableDidRead ?? false);
    } finally {
      this.bodies.delete(email.messageId);
    }
  }

  close(): void {
    this.mailer.close();
  }
}
