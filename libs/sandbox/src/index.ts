export { SnsSandbox, type PublishedSms, type SnsFaultCode } from './sns/sns-sandbox';
export { LenderSandbox, type SandboxPayment, type SettleConnection } from './lender/lender-sandbox';
export { TelnyxSandbox, type TelnyxCallScript, type TelnyxCommand, type TelnyxWebhookDelivery } from './telnyx/telnyx-sandbox';
