import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  errorResponseXml,
  parsePublish,
  publishResponseXml,
  type PublishInput,
  type QueryError,
} from './sns-query-protocol';
import { listen } from '../listen';

export interface PublishedSms {
  messageId: string;
  phoneNumber: string;
  message: string;
  attributes: Record<string, string>;
  receivedAt: Date;
}

/**
 * Failures SNS really returns for Publish, and how @aws-sdk/client-sns sees them:
 * - Throttling: the account-wide API rate limit (400); a plain SNSServiceException named "Throttling", retried as throttling.
 * - Throttled: the modelled ThrottledException (429), retried as throttling.
 * - InvalidParameter: InvalidParameterException (400), not retried.
 * - InternalError: InternalErrorException (500), retried as transient.
 */
export type SnsFaultCode = 'Throttling' | 'Throttled' | 'InvalidParameter' | 'InternalError';

const FAULTS: Record<SnsFaultCode, QueryError> = {
  Throttling: { status: 400, type: 'Sender', code: 'Throttling', message: 'Rate exceeded' },
  Throttled: { status: 429, type: 'Sender', code: 'Throttled', message: 'Rate exceeded' },
  InvalidParameter: {
    status: 400,
    type: 'Sender',
    code: 'InvalidParameter',
    message: 'Invalid parameter: PhoneNumber Reason: failure injected by SnsSandbox',
  },
  InternalError: { status: 500, type: 'Receiver', code: 'InternalError', message: 'Internal Error' },
};

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * One SMS delivery-status record as Amazon SNS logs it to CloudWatch Logs
 * (`sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]`), which a forwarder posts on.
 */
export interface SmsDeliveryReceipt {
  notification: { messageId: string; timestamp: string };
  delivery: {
    phoneCarrier?: string;
    mnc: number;
    mcc: number;
    numberOfMessageParts: number;
    destination: string;
    priceInUSD: number;
    smsType: string;
    providerResponse: string;
    dwellTimeMs: number;
    dwellTimeMsUntilDeviceAck?: number;
  };
  status: 'SUCCESS' | 'FAILURE';
}

export interface PostedReceipt {
  receipt: SmsDeliveryReceipt;
  /** The callback's HTTP status, or 0 when it could not be reached. */
  httpStatus: number;
}

/** A local stand-in for Amazon SNS that the real SNSClient can publish SMS to via its `endpoint` setting. */
export class SnsSandbox {
  private readonly records: PublishedSms[] = [];
  private faults: SnsFaultCode[] = [];
  private delays: number[] = [];
  private readonly stopping = new AbortController();
  private receiptUrl: string | undefined;
  private receiptDelayMs = 0;
  private deliveryFailures: string[] = [];
  private readonly receipts: PostedReceipt[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(opts: { port?: number; host?: string } = {}): Promise<SnsSandbox> {
    const { server, url } = await listen(opts);
    const sandbox = new SnsSandbox(server, url);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      sandbox.handle(req, res).catch((err: unknown) => sandbox.replyUnexpected(res, err));
    });
    return sandbox;
  }

  published(): PublishedSms[] {
    return this.records.map((r) => ({ ...r, attributes: { ...r.attributes } }));
  }

  /** The next `count` Publish calls fail with `code`, after any failures already queued. */
  failNext(count: number, code: SnsFaultCode): void {
    this.faults.push(...Array<SnsFaultCode>(checkCount(count)).fill(code));
  }

  /**
   * The next `count` Publish calls answer only after `ms`. The publish is still recorded
   * when the client has given up meanwhile, as a timed-out call to real SNS may have been sent.
   */
  delayNext(count: number, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be a non-negative number, got ${ms}`);
    this.delays.push(...Array<number>(checkCount(count)).fill(ms));
  }

  /**
   * After each accepted Publish, POST its delivery-status record (JSON, SNS's CloudWatch log shape)
   * to `url` after `delayMs`, as a log forwarder would; `undefined` stops. Success unless scripted.
   */
  sendReceiptsTo(url: string | undefined, delayMs = 0): void {
    this.receiptUrl = url;
    this.receiptDelayMs = delayMs;
  }

  /** The receipts of the next `count` accepted publishes report FAILURE with this carrier answer. */
  failDeliveryNext(count: number, providerResponse = 'Phone carrier has blocked this message'): void {
    this.deliveryFailures.push(...Array<string>(checkCount(count)).fill(providerResponse));
  }

  /** Receipts posted so far, with the callback's answer. */
  postedReceipts(): PostedReceipt[] {
    return this.receipts.map((r) => ({ ...r }));
  }

  /** The delivery-status record the sandbox reports for one accepted publish. */
  static receiptFor(sms: PublishedSms, failure?: string): SmsDeliveryReceipt {
    const parts = Math.max(1, Math.ceil(sms.message.length / 153));
    return {
      notification: { messageId: sms.messageId, timestamp: sms.receivedAt.toISOString().replace('T', ' ').replace('Z', '') },
      delivery: {
        ...(failure ? {} : { phoneCarrier: 'Sandbox Mobile' }),
        mnc: failure ? 0 : 1,
        mcc: failure ? 0 : 262,
        numberOfMessageParts: parts,
        destination: sms.phoneNumber,
        priceInUSD: Number((0.0087 * parts).toFixed(5)),
        smsType: sms.attributes['AWS.SNS.SMS.SMSType'] ?? 'Transactional',
        providerResponse: failure ?? 'Message has been accepted by phone carrier',
        dwellTimeMs: 120,
        ...(failure ? {} : { dwellTimeMsUntilDeviceAck: 850 }),
      },
      status: failure ? 'FAILURE' : 'SUCCESS',
    };
  }

  reset(): void {
    this.records.length = 0;
    this.faults = [];
    this.delays = [];
    this.deliveryFailures = [];
    this.receipts.length = 0;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The SDK keeps connections alive; without this close() would wait for them to idle out.
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (req.method === 'GET' && path === '/_sandbox/published') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.records));
      return;
    }
    if (req.method !== 'POST' || path.startsWith('/_sandbox/')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }

    const requestId = randomUUID();
    const body = await readBody(req);
    if (req.headers['x-amz-target'] !== undefined) {
      // A future SDK may move SNS to AWS JSON; fail loudly rather than misparse it.
      res
        .writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId })
        .end(JSON.stringify({ __type: 'UnknownOperationException', message: 'SnsSandbox speaks only awsQuery' }));
      return;
    }

    const authError = checkAuthorization(req.headers.authorization);
    if (authError) return replyError(res, authError, requestId);

    const form = new URLSearchParams(body);
    const action = form.get('Action') ?? '';
    if (action !== 'Publish') return replyError(res, invalidAction(action), requestId);

    const delay = this.delays.shift();
    if (delay !== undefined && !(await this.sleep(delay))) return;

    const fault = this.faults.shift();
    if (fault) return replyError(res, FAULTS[fault], requestId);

    const sms = checkPublish(parsePublish(form));
    if ('code' in sms) return replyError(res, sms, requestId);

    const messageId = randomUUID();
    const record = { messageId, ...sms, receivedAt: new Date() };
    this.records.push(record);
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }).end(publishResponseXml(messageId, requestId));
    if (this.receiptUrl) {
      const posting = this.postReceipt(this.receiptUrl, SnsSandbox.receiptFor(record, this.deliveryFailures.shift()));
      this.inFlight.add(posting);
      void posting.finally(() => this.inFlight.delete(posting));
    }
  }

  private async postReceipt(url: string, receipt: SmsDeliveryReceipt): Promise<void> {
    if (this.receiptDelayMs > 0 && !(await this.sleep(this.receiptDelayMs))) return;
    // Like a log forwarder: a receipt can overtake the sender's own record of the send, so a 404,
    // 429, 5xx or no answer is tried again with back-off (5 attempts); other answers are final.
    let httpStatus = 0;
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt), signal: AbortSignal.timeout(5000) });
        httpStatus = res.status;
        await res.arrayBuffer();
      } catch {
        httpStatus = 0; // unreachable callback
      }
      if (httpStatus !== 0 && httpStatus !== 404 && httpStatus !== 429 && httpStatus < 500) break;
      if (attempt < 5 && !(await this.sleep(100 * 2 ** attempt))) return;
    }
    this.receipts.push({ receipt, httpStatus });
  }

  /** Resolves false when the sandbox stops first. */
  private async sleep(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  private replyUnexpected(res: ServerResponse, err: unknown): void {
    if (res.headersSent) return void res.destroy();
    const message = `SnsSandbox failed: ${err instanceof Error ? err.message : String(err)}`;
    replyError(res, { ...FAULTS.InternalError, message }, randomUUID());
  }
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  return count;
}

// The SDK signs with SigV4; the signature itself is not verified, only that the request was signed.
function checkAuthorization(header: string | undefined): QueryError | undefined {
  if (!header) {
    return { status: 403, type: 'Sender', code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
  }
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    return { status: 403, type: 'Sender', code: 'IncompleteSignature', message: 'Authorization header must use AWS4-HMAC-SHA256' };
  }
  return undefined;
}

function checkPublish({ phoneNumber, message, attributes }: PublishInput): Omit<PublishedSms, 'messageId' | 'receivedAt'> | QueryError {
  if (phoneNumber === undefined) return invalidParameter('PhoneNumber Reason: SnsSandbox accepts only SMS publishes to a phone number');
  if (!E164.test(phoneNumber)) return invalidParameter(`PhoneNumber Reason: ${phoneNumber} is not valid to publish to`);
  if (!message) return invalidParameter('Empty message');
  return { phoneNumber, message, attributes };
}

function invalidParameter(detail: string): QueryError {
  return { status: 400, type: 'Sender', code: 'InvalidParameter', message: `Invalid parameter: ${detail}` };
}

function invalidAction(action: string): QueryError {
  return { status: 400, type: 'Sender', code: 'InvalidAction', message: `The action ${action} is not valid for this web service.` };
}

function replyError(res: ServerResponse, error: QueryError, requestId: string): void {
  res
    .writeHead(error.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
    .end(errorResponseXml(error, requestId));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
