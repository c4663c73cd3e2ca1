import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP relay that accepts every message and keeps only a count: the email service needs
 * an SMTP_URL to start, and any email step a workflow takes must land somewhere harmless.
 */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    private readonly counter: { accepted: number },
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpSink> {
    const counter = { accepted: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          counter.accepted += 1;
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    return new SmtpSink(server, counter, `smtp://127.0.0.1:${port}`);
  }

  get messages(): number {
    return this.counter.accepted;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
