import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** How the peer answers RCPT TO or the end of DATA for one recipient, per attempt (1 = first). */
export type Answer = 'accept' | 'stall' | { code: number; message: string };
type Script = (attempt: number) => Answer;

export interface ReceivedEmail {
  to: string[];
  mailFrom: string;
  raw: string;
  parsed: ParsedMail;
}

/** A real SMTP server (smtp-server) for tests: it records what it accepted and can be told to refuse or stall. */
export class SmtpPeer {
  readonly received: ReceivedEmail[] = [];
  private readonly rcptScripts = new Map<string, Script>();
  private readonly dataScripts = new Map<string, Script>();
  private readonly attempts = new Map<string, number>();

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onRcptTo: (address, _session, callback) => void this.answer(this.rcptScripts, `rcpt:${address.address}`, address.address, () => callback(), callback),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        void this.answer(this.dataScripts, `data:${to[0]}`, to[0], async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.received.push({ to, mailFrom, raw, parsed: await simpleParser(raw) });
          callback(null, `Message queued as PEER${String(this.received.length).padStart(6, '0')}`);
        }, callback);
      });
    },
  });

  private constructor() {}

  static async start(): Promise<SmtpPeer> {
    const peer = new SmtpPeer();
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Scripts the answer to RCPT TO for one address. */
  onRcpt(address: string, script: Script): void {
    this.rcptScripts.set(address, script);
  }

  /** Scripts the answer after the message body, for messages to one address. */
  onData(address: string, script: Script): void {
    this.dataScripts.set(address, script);
  }

  /** How often RCPT TO was tried for an address. */
  rcptAttempts(address: string): number {
    return this.attempts.get(`rcpt:${address}`) ?? 0;
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((r) => r.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(scripts: Map<string, Script>, key: string, address: string, accept: () => void | Promise<void>, callback: (err?: Error | null) => void): Promise<void> {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const answer = scripts.get(address)?.(attempt) ?? 'accept';
    if (answer === 'stall') return; // never answers: the client's timeout decides
    if (answer === 'accept') return accept();
    callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
  }
}
