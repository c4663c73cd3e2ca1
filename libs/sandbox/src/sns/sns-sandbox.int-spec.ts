import {
  InternalErrorException,
  InvalidParameterException,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
  type SNSClientConfig,
  SNSServiceException,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { SnsSandbox, type SmsDeliveryReceipt } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type RetryStrategyV2 = Extract<NonNullable<SNSClientConfig['retryStrategy']>, { recordSuccess: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>;

/**
 * The SDK's standard strategy waits up to 1 s, then 2 s, before retrying a throttled call. This one
 * makes the same decision from the SDK's own error classification (errorType) but waits 5 ms.
 */
function fastRetry(maxAttempts: number, errorTypes: string[]): RetryStrategyV2 {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 5 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info) => {
      errorTypes.push(info.errorType);
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      if (!retryable || previous.getRetryCount() + 1 >= maxAttempts) throw new Error('No retry token available');
      return token(previous.getRetryCount() + 1);
    },
    recordSuccess: () => undefined,
  };
}

const sms = (overrides: Partial<PublishCommandInput> = {}): PublishCommand =>
  new PublishCommand({
    PhoneNumber: '+447700900123',
    Message: 'Your balance of £12.50 is due & payable',
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Settle' },
    },
    ...overrides,
  });

describe('SnsSandbox with the real SNSClient', () => {
  let sandbox: SnsSandbox;
  const clients: SNSClient[] = [];
  let errorTypes: string[];

  const client = (config: Partial<SNSClientConfig> = {}): SNSClient => {
    const maxAttempts = typeof config.maxAttempts === 'number' ? config.maxAttempts : 3;
    const created = new SNSClient({
      endpoint: sandbox.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      maxAttempts,
      retryStrategy: fastRetry(maxAttempts, errorTypes),
      ...config,
    });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    sandbox = await SnsSandbox.start();
    errorTypes = [];
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await sandbox.stop();
  });

  it('records a publish and returns its MessageId to the SDK', async () => {
    const out = await client().send(sms());

    expect(out.MessageId).toBeDefined();
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.published()).toEqual([
      {
        messageId: out.MessageId,
        phoneNumber: '+447700900123',
        message: 'Your balance of £12.50 is due & payable',
        attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional', 'AWS.SNS.SMS.SenderID': 'Settle' },
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it('serves the published list as JSON', async () => {
    const out = await client().send(sms());

    const res = await fetch(`${sandbox.endpoint}/_sandbox/published`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([expect.objectContaining({ messageId: out.MessageId, phoneNumber: '+447700900123' })]);
  });

  it('lets the SDK retry Throttling until the third attempt succeeds', async () => {
    sandbox.failNext(2, 'Throttling');

    const out = await client({ maxAttempts: 3 }).send(sms());

    expect(out.$metadata.attempts).toBe(3);
    expect(errorTypes).toEqual(['THROTTLING', 'THROTTLING']);
    expect(sandbox.published()).toHaveLength(1);
  });

  it('surfaces Throttling once the attempts run out', async () => {
    sandbox.failNext(3, 'Throttling');

    const error = await client({ maxAttempts: 3 }).send(sms()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SNSServiceException);
    expect(error).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
    expect(sandbox.published()).toEqual([]);
  });

  it('maps Throttled to the modelled ThrottledException, retried as throttling', async () => {
    sandbox.failNext(2, 'Throttled');

    const error = await client({ maxAttempts: 2 }).send(sms()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ThrottledException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 429, attempts: 2 } });
    expect(errorTypes).toEqual(['THROTTLING', 'THROTTLING']);
  });

  it('retries Throttling with the SDK default standard retry strategy', async () => {
    sandbox.failNext(1, 'Throttling');

    // No custom strategy: the back-off is the SDK's own (at most 1 s for one throttled retry).
    const out = await client({ maxAttempts: 2, retryStrategy: undefined, retryMode: 'standard' }).send(sms());

    expect(out.$metadata.attempts).toBe(2);
    expect(sandbox.published()).toHaveLength(1);
  });

  it('surfaces InvalidParameter as InvalidParameterException without retrying', async () => {
    sandbox.failNext(1, 'InvalidParameter');

    const error = await client({ maxAttempts: 3 }).send(sms()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error).toMatchObject({ $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(errorTypes).toEqual(['CLIENT_ERROR']);
    expect(sandbox.published()).toEqual([]);
  });

  it('retries InternalError as transient and surfaces InternalErrorException when it persists', async () => {
    sandbox.failNext(1, 'InternalError');
    const recovered = await client({ maxAttempts: 2 }).send(sms());
    expect(recovered.$metadata.attempts).toBe(2);

    sandbox.failNext(2, 'InternalError');
    const error = await client({ maxAttempts: 2 }).send(sms()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalErrorException);
    expect(error).toMatchObject({ $fault: 'server', $metadata: { httpStatusCode: 500 } });
    expect(errorTypes).toEqual(['TRANSIENT', 'TRANSIENT', 'TRANSIENT']);
  });

  it('rejects a phone number that is not E.164', async () => {
    const error = await client().send(sms({ PhoneNumber: '07700900123' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toBe('Invalid parameter: PhoneNumber Reason: 07700900123 is not valid to publish to');
    expect(sandbox.published()).toEqual([]);
  });

  it('rejects an unsigned request', async () => {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', PhoneNumber: '+447700900123', Message: 'hi' }),
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(sandbox.published()).toEqual([]);
  });

  it('delays answers so a client request timeout fires', async () => {
    sandbox.delayNext(1, 1_500);
    const impatient = client({ maxAttempts: 1, requestHandler: { requestTimeout: 50, throwOnRequestTimeout: true } });

    await expect(impatient.send(sms())).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sandbox.published()).toEqual([]);

    const started = Date.now();
    await client().send(sms({ Message: 'on time' }));
    expect(Date.now() - started).toBeLessThan(1_000); // not delayed: well under the 1.5 s the first one waits

    // Like a timed-out call to real SNS, the abandoned publish may still go out.
    await waitFor('the abandoned publish', () => sandbox.published().length === 2 || undefined, 5_000);
    expect(sandbox.published().map((p) => p.message)).toEqual(['on time', 'Your balance of £12.50 is due & payable']);
  });

  it('forgets publishes and queued failures on reset', async () => {
    await client().send(sms());
    sandbox.failNext(5, 'InvalidParameter');
    sandbox.delayNext(5, 1000);

    sandbox.reset();

    expect(sandbox.published()).toEqual([]);
    await client().send(sms());
    expect(sandbox.published()).toHaveLength(1);
  });

  it('posts a delivery-status record (SNS CloudWatch log shape) after each publish: SUCCESS, or a scripted FAILURE; retries a 404', async () => {
    const bodies: { contentType?: string; body: SmsDeliveryReceipt }[] = [];
    let refuseFirst = true;
    const callback = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (refuseFirst) {
          refuseFirst = false; // the receipt overtook the sender's record of the send
          res.writeHead(404).end();
          return;
        }
        bodies.push({ contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
    try {
      sandbox.sendReceiptsTo(`http://127.0.0.1:${(callback.address() as AddressInfo).port}/status?token=t`);
      const ok = await client().send(sms());
      sandbox.failDeliveryNext(1, 'Unknown error attempting to reach phone');
      const bad = await client().send(sms({ PhoneNumber: '+447700900124' }));
      const deadline = Date.now() + 10_000;
      while (sandbox.postedReceipts().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

      const byId = (id: string | undefined) => bodies.find((b) => b.body.notification.messageId === id)!;
      expect(byId(ok.MessageId).contentType).toBe('application/json');
      expect(byId(ok.MessageId).body).toMatchObject({
        notification: { messageId: ok.MessageId, timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/) },
        delivery: { destination: '+447700900123', providerResponse: 'Message has been accepted by phone carrier', smsType: 'Transactional', numberOfMessageParts: 1 },
        status: 'SUCCESS',
      });
      expect(byId(bad.MessageId).body).toMatchObject({ delivery: { destination: '+447700900124', providerResponse: 'Unknown error attempting to reach phone' }, status: 'FAILURE' });
      expect(sandbox.postedReceipts().map((r) => r.httpStatus)).toEqual([202, 202]);
      expect(bodies).toHaveLength(2);
    } finally {
      await new Promise<void>((r) => callback.close(() => r()));
    }
  });
});
