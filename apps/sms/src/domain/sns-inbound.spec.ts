import { parseSnsInbound } from './sns-inbound';

const message = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    originationNumber: '+4915112345678',
    destinationNumber: '+4915199999999',
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: 'STOP',
    inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
    previousPublishedMessageId: 'wJ0UzYmRmMTAtM2ZlZi00ZjQyLTg0MjEtZWU3NGJjMDU4YTRj',
    ...over,
  });
const notification = (over: Record<string, unknown> = {}) => ({ Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:eu-west-1:1:inbound', Message: message(over) });

describe('parseSnsInbound', () => {
  it('reads a two-way SMS notification', () => {
    expect(parseSnsInbound(notification())).toEqual({
      kind: 'sms',
      sms: {
        from: '+4915112345678', to: '+4915199999999', text: 'STOP', inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        previousPublishedMessageId: 'wJ0UzYmRmMTAtM2ZlZi00ZjQyLTg0MjEtZWU3NGJjMDU4YTRj',
      },
    });
  });

  it('reads the body as SNS sends it, JSON labelled text/plain', () => {
    expect(parseSnsInbound(JSON.stringify(notification()))).toMatchObject({ kind: 'sms', sms: { text: 'STOP' } });
  });

  it('recognises the subscription handshake, without fetching anything', () => {
    expect(parseSnsInbound({ Type: 'SubscriptionConfirmation', TopicArn: 'arn:t', SubscribeURL: 'https://sns.example/confirm?Token=x', Token: 'x' })).toEqual({
      kind: 'subscription_confirmation', topicArn: 'arn:t', subscribeUrl: 'https://sns.example/confirm?Token=x',
    });
    expect(parseSnsInbound({ Type: 'UnsubscribeConfirmation', TopicArn: 'arn:t' })).toEqual({ kind: 'unsubscribe_confirmation', topicArn: 'arn:t' });
  });

  it('keeps at most 1600 characters of the text', () => {
    const parsed = parseSnsInbound(notification({ messageBody: 'x'.repeat(5000) }));
    expect(parsed.kind === 'sms' && parsed.sms.text.length).toBe(1600);
  });

  it.each([
    ['not JSON', '{', '$'],
    ['an array', [], '$'],
    ['an unknown Type', { Type: 'Other' }, 'Type'],
    ['a Message that is not JSON', { Type: 'Notification', Message: 'STOP' }, 'Message'],
    ['a bad sender', notification({ originationNumber: '015112345678' }), 'Message.originationNumber'],
    ['no text', notification({ messageBody: 42 }), 'Message.messageBody'],
    ['no inbound id', notification({ inboundMessageId: '' }), 'Message.inboundMessageId'],
  ])('refuses %s, naming the field', (_label, body, field) => {
    const parsed = parseSnsInbound(body);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.errors.map((e) => e.field)).toEqual([field]);
  });
});
