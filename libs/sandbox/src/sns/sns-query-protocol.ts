// The awsQuery wire format that @aws-sdk/client-sns (v3.1169) uses: form-encoded requests, XML replies.

export const SNS_XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

export interface QueryError {
  status: number;
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
}

export interface PublishInput {
  phoneNumber?: string;
  message?: string;
  attributes: Record<string, string>;
}

export function parsePublish(form: URLSearchParams): PublishInput {
  const attributes: Record<string, string> = {};
  for (const [key, name] of form) {
    const entry = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key)?.[1];
    if (entry === undefined) continue;
    const prefix = `MessageAttributes.entry.${entry}.Value`;
    attributes[name] = form.get(`${prefix}.StringValue`) ?? form.get(`${prefix}.BinaryValue`) ?? '';
  }
  return {
    phoneNumber: form.get('PhoneNumber') ?? undefined,
    message: form.get('Message') ?? undefined,
    attributes,
  };
}

export function publishResponseXml(messageId: string, requestId: string): string {
  return (
    `<PublishResponse xmlns="${SNS_XML_NAMESPACE}">` +
    `<PublishResult><MessageId>${escapeXml(messageId)}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</PublishResponse>`
  );
}

export function errorResponseXml(error: QueryError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${SNS_XML_NAMESPACE}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
