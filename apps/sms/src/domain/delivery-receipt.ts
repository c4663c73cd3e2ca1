/**
 * An SMS delivery-status record in the shape Amazon SNS logs to CloudWatch Logs (and a log
 * forwarder posts on): `notification.messageId` is the id Publish returned, `status` SUCCESS or
 * FAILURE, `delivery.providerResponse` the carrier's answer. Pure: no I/O.
 */
export interface DeliveryReceipt {
  messageId: string;
  status: 'SUCCESS' | 'FAILURE';
  destination: string;
  providerResponse: string;
  priceUsd?: number;
  parts?: number;
}

export type ParsedReceipt = { ok: true; receipt: DeliveryReceipt } | { ok: false; errors: { field: string; problem: string }[] };

const E164 = /^\+[1-9]\d{6,14}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accepts the record as an object or as its JSON text (a forwarder may post text/plain). */
export function parseDeliveryReceipt(body: unknown): ParsedReceipt {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return { ok: false, errors: [{ field: 'body', problem: 'must be a JSON delivery-status record' }] };
    }
  }
  if (!isObject(value)) return { ok: false, errors: [{ field: 'body', problem: 'must be a JSON delivery-status record' }] };
  const errors: { field: string; problem: string }[] = [];
  const notification = isObject(value.notification) ? value.notification : undefined;
  const delivery = isObject(value.delivery) ? value.delivery : undefined;
  const messageId = notification?.messageId;
  if (typeof messageId !== 'string' || messageId.length === 0 || messageId.length > 200) errors.push({ field: 'notification.messageId', problem: 'must be the message id Publish returned' });
  if (value.status !== 'SUCCESS' && value.status !== 'FAILURE') errors.push({ field: 'status', problem: 'must be SUCCESS or FAILURE' });
  const destination = delivery?.destination;
  if (typeof destination !== 'string' || !E164.test(destination)) errors.push({ field: 'delivery.destination', problem: 'must be an E.164 phone number' });
  const response = delivery?.providerResponse;
  if (response !== undefined && typeof response !== 'string') errors.push({ field: 'delivery.providerResponse', problem: 'must be text' });
  if (errors.length > 0) return { ok: false, errors };
  const price = delivery?.priceInUSD;
  const parts = delivery?.numberOfMessageParts;
  return {
    ok: true,
    receipt: {
      messageId: messageId as string,
      status: value.status as 'SUCCESS' | 'FAILURE',
      destination: destination as string,
      providerResponse: typeof response === 'string' ? response.replace(/\s+/g, ' ').trim().slice(0, 500) : value.status === 'SUCCESS' ? 'delivered' : 'not delivered',
      ...(typeof price === 'number' && Number.isFinite(price) && price >= 0 ? { priceUsd: price } : {}),
      ...(typeof parts === 'number' && Number.isInteger(parts) && parts > 0 ? { parts } : {}),
    },
  };
}
