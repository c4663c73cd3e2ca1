import { E164, FieldError } from '@settle/contracts';

/** One SMS a debtor sent, as AWS two-way SMS hands it over. */
export interface InboundSms {
  from: string;
  to?: string;
  text: string;
  inboundMessageId: string;
  /** The id of our message this answers, when the carrier tells. */
  previousPublishedMessageId?: string;
}

export type SnsInbound =
  | { kind: 'subscription_confirmation'; topicArn?: string; subscribeUrl?: string }
  | { kind: 'unsubscribe_confirmation'; topicArn?: string }
  | { kind: 'sms'; sms: InboundSms }
  | { kind: 'invalid'; errors: FieldError[] };

/**
 * Reads an SNS HTTP(S) delivery: `{ Type, Message }`, the body JSON even when SNS labels it
 * text/plain, and for a notification `Message` itself a JSON string carrying the inbound SMS.
 */
export function parseSnsInbound(body: unknown): SnsInbound {
  const envelope = typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(envelope)) return invalid('$', 'must be an SNS message (JSON object)');
  const topicArn = typeof envelope.TopicArn === 'string' ? envelope.TopicArn : undefined;
  switch (envelope.Type) {
    case 'SubscriptionConfirmation':
      return { kind: 'subscription_confirmation', topicArn, subscribeUrl: typeof envelope.SubscribeURL === 'string' ? envelope.SubscribeURL : undefined };
    case 'UnsubscribeConfirmation':
      return { kind: 'unsubscribe_confirmation', topicArn };
    case 'Notification':
      break;
    default:
      return invalid('Type', 'must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation');
  }
  const message = typeof envelope.Message === 'string' ? parseJson(envelope.Message) : undefined;
  if (!isObject(message)) return invalid('Message', 'must be a JSON string describing the inbound SMS');
  const errors: FieldError[] = [];
  const { originationNumber, destinationNumber, messageBody, inboundMessageId, previousPublishedMessageId } = message;
  if (typeof originationNumber !== 'string' || !E164.test(originationNumber)) errors.push({ field: 'Message.originationNumber', problem: 'must be an E.164 number' });
  if (typeof messageBody !== 'string') errors.push({ field: 'Message.messageBody', problem: 'must be a string' });
  if (typeof inboundMessageId !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(inboundMessageId)) {
    errors.push({ field: 'Message.inboundMessageId', problem: 'must be 1-200 printable ASCII characters' });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'sms',
    sms: {
      from: originationNumber as string,
      ...(typeof destinationNumber === 'string' ? { to: destinationNumber } : {}),
      text: (messageBody as string).slice(0, 1600),
      inboundMessageId: inboundMessageId as string,
      ...(typeof previousPublishedMessageId === 'string' && previousPublishedMessageId ? { previousPublishedMessageId } : {}),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, problem: string): SnsInbound {
  return { kind: 'invalid', errors: [{ field, problem }] };
}
