import { parseDeliveryReceipt } from './delivery-receipt';

// As in the SNS developer guide's "SMS delivery logs" examples.
const success = {
  notification: { messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf', timestamp: '2016-06-28 00:40:34.558' },
  delivery: {
    phoneCarrier: 'My Phone Carrier', mnc: 270, numberOfMessageParts: 1, destination: '+15555550100', priceInUSD: 0.00645, smsType: 'Transactional', mcc: 310,
    providerResponse: 'Message has been accepted by phone carrier', dwellTimeMs: 599, dwellTimeMsUntilDeviceAck: 1344,
  },
  status: 'SUCCESS',
};

describe('parseDeliveryReceipt', () => {
  it('reads a SUCCESS record, as an object or as JSON text', () => {
    const expected = { messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf', status: 'SUCCESS', destination: '+15555550100', providerResponse: 'Message has been accepted by phone carrier', priceUsd: 0.00645, parts: 1 };
    expect(parseDeliveryReceipt(success)).toEqual({ ok: true, receipt: expected });
    expect(parseDeliveryReceipt(JSON.stringify(success))).toEqual({ ok: true, receipt: expected });
  });

  it('reads a FAILURE record with the carrier\'s answer', () => {
    const failure = { ...success, status: 'FAILURE', delivery: { ...success.delivery, providerResponse: 'Unknown error attempting to reach phone' } };
    expect(parseDeliveryReceipt(failure)).toMatchObject({ ok: true, receipt: { status: 'FAILURE', providerResponse: 'Unknown error attempting to reach phone' } });
  });

  it('names every field that is missing or wrong', () => {
    const parsed = parseDeliveryReceipt({ notification: {}, delivery: { destination: '0151 123' }, status: 'DELIVERED' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => e.field)).toEqual(['notification.messageId', 'status', 'delivery.destination']);
    expect(parseDeliveryReceipt('not json')).toEqual({ ok: false, errors: [{ field: 'body', problem: 'must be a JSON delivery-status record' }] });
    expect(parseDeliveryReceipt([1])).toMatchObject({ ok: false });
  });
});
