export { SnsSandbox, type PublishedSms, type SnsFaultCode } from './sns/sns-sandbox';
