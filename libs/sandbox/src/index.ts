export { SnsSandbox, type PublishedSms, type SnsFaultCode } from './sns/sns-sandbox';
export { LenderSandbox, type SandboxPayment, type SettleConnection } from './lender/lender-sandbox';
