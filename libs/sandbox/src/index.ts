export { SnsSandbox, type PostedReceipt, type PublishedSms, type SmsDeliveryReceipt, type SnsFaultCode } from './sns/sns-sandbox';
export { LenderSandbox, type SandboxPayment, type SettleConnection } from './lender/lender-sandbox';
export { TelnyxSandbox, type TelnyxCallScript, type TelnyxCommand, type TelnyxWebhookDelivery } from './telnyx/telnyx-sandbox';
export { LenderPlatform, seedPortfolio, type SandboxAccountSpec, type SandboxFaults, type StoredPlanWrite } from './lender/lender-platform';
export { OpenAiSandbox, type ScriptedReply, type RecordedChatRequest, type ChatRequestBody, type Responder } from './openai/openai-sandbox';
