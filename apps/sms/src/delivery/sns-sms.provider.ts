import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { OutgoingSms, SmsProvider, SmsProviderError } from './sms-provider';

export interface SnsOptions {
  region: string;
  endpoint?: string;
  timeoutMs: number;
  maxAttempts: number;
  smsType: string;
}

const REJECTED = new Set(['InvalidParameter', 'InvalidParameterException', 'InvalidParameterValue', 'InvalidParameterValueException', 'AuthorizationError', 'AuthorizationErrorException', 'OptedOut', 'EndpointDisabled']);

/** AWS SNS `Publish` to a phone number, through the real SDK (the sandbox speaks the same protocol). */
export class SnsSmsProvider implements SmsProvider {
  private readonly client: SNSClient;

  constructor(private readonly options: SnsOptions) {
    this.client = new SNSClient({
      region: options.region,
      endpoint: options.endpoint,
      maxAttempts: options.maxAttempts,
      requestHandler: { requestTimeout: options.timeoutMs, connectionTimeout: Math.min(options.timeoutMs, 3000), throwOnRequestTimeout: true },
    });
  }

  async send(message: OutgoingSms): Promise<{ messageId: string }> {
    try {
      const out = await this.client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: this.options.smsType },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: message.senderId },
            ...(message.originationNumber ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: message.originationNumber } } : {}),
          },
        }),
      );
      if (!out.MessageId) throw new SmsProviderError('unknown', 'no_message_id', 'SNS answered without a MessageId');
      return { messageId: out.MessageId };
    } catch (error) {
      throw classify(error);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}

function classify(error: unknown): SmsProviderError {
  if (error instanceof SmsProviderError) return error;
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  if (error instanceof SNSServiceException) {
    if (REJECTED.has(name)) return new SmsProviderError('rejected', name, e.message ?? name);
    // SNS answered with an error after the SDK's own retries: the message was not accepted.
    return new SmsProviderError('unavailable', name, e.message ?? name);
  }
  // No answer: refused connections never reached SNS; anything after the request left is unknown.
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return new SmsProviderError('unavailable', e.code, e.message ?? e.code);
  }
  return new SmsProviderError('unknown', e.code ?? name, e.message ?? String(error));
}
