export { ClientOptions, SettleAdminClient, SettleClient, SettleWebhookSender } from './client';
export { SettleNetworkError, SettleProblemError } from './errors';
export { Page, paginate } from './pagination';
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TENANT_HEADER, signatureMac, signedWebhookHeaders, signPayload } from './signing';
export * from './types';
