import { SettleNetworkError, SettleProblemError } from './errors';
import { paginate } from './pagination';
import { IDEMPOTENCY_HEADER, signedWebhookHeaders } from './signing';
import type {
  Account, CaseDetail, CasePage, CaseSummary, ContactPreferences, ListCasesParams, ManualAction, PreferenceChannel, Problem, Scope, WebhookAccepted,
} from './types';

export interface ClientOptions {
  /** Settle ingest's base URL, e.g. https://api.settle.example */
  baseUrl: string;
  /** Per-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** What the HTTP layer shares: URL building, JSON, timeouts and problem+json errors. */
class Transport {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions, private readonly authorization: string | undefined) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(method: string, path: string, init: { query?: Query; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...(init.headers ?? {}) };
    if (this.authorization) headers.authorization = this.authorization;
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new SettleNetworkError(`${method} ${path} failed: ${(err as Error).message}`, err);
    }
    const text = await res.text();
    if (!res.ok) throw new SettleProblemError(toProblem(res.status, text), res.headers.get('retry-after'));
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function toProblem(status: number, text: string): Problem {
  try {
    const parsed = JSON.parse(text) as Problem;
    if (parsed && typeof parsed.type === 'string') return parsed;
  } catch {
    // not JSON
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: text.slice(0, 200) };
}

const seg = (value: string) => encodeURIComponent(value);

/**
 * Settle's public API for a lender's engineers, over the OpenAPI document: cases, accounts,
 * contact preferences and manual actions, with a tenant API key.
 */
export class SettleClient {
  private readonly http: Transport;

  constructor(options: ClientOptions & { apiKey: string }) {
    this.http = new Transport(options, `Bearer ${options.apiKey}`);
  }

  /** One page of cases (`GET /v1/cases`). */
  listCases(params: ListCasesParams = {}): Promise<CasePage> {
    const updatedSince = params.updatedSince instanceof Date ? params.updatedSince.toISOString() : params.updatedSince;
    return this.http.request('GET', '/v1/cases', { query: { status: params.status, accountId: params.accountId, updatedSince, limit: params.limit, cursor: params.cursor } });
  }

  /** Every case matching the filters, page after page. */
  cases(params: Omit<ListCasesParams, 'cursor'> = {}): AsyncGenerator<CaseSummary, void, undefined> {
    return paginate((cursor) => this.listCases({ ...params, cursor }));
  }

  /** One case with its timeline (`GET /v1/cases/{caseId}`). */
  getCase(caseId: string): Promise<CaseDetail> {
    return this.http.request('GET', `/v1/cases/${seg(caseId)}`);
  }

  /** A manual action (`POST /v1/cases/{caseId}/actions/{action}`); 409 when the case's status does not allow it. */
  actOnCase(caseId: string, action: ManualAction, reason?: string): Promise<CaseDetail> {
    return this.http.request('POST', `/v1/cases/${seg(caseId)}/actions/${seg(action)}`, { body: reason === undefined ? {} : { reason } });
  }

  pauseCase(caseId: string, reason?: string): Promise<CaseDetail> {
    return this.actOnCase(caseId, 'pause', reason);
  }

  resumeCase(caseId: string, reason?: string): Promise<CaseDetail> {
    return this.actOnCase(caseId, 'resume', reason);
  }

  closeCase(caseId: string, reason?: string): Promise<CaseDetail> {
    return this.actOnCase(caseId, 'close', reason);
  }

  escalateCase(caseId: string, reason?: string): Promise<CaseDetail> {
    return this.actOnCase(caseId, 'escalate', reason);
  }

  /** Settle's snapshot of an account (`GET /v1/accounts/{accountId}`). */
  getAccount(accountId: string): Promise<Account> {
    return this.http.request('GET', `/v1/accounts/${seg(accountId)}`);
  }

  /** The same, by the lender's own account reference. */
  getAccountByExternalRef(externalRef: string): Promise<Account> {
    return this.http.request('GET', `/v1/accounts/by-external-ref/${seg(externalRef)}`);
  }

  getContactPreferences(accountId: string): Promise<ContactPreferences> {
    return this.http.request('GET', `/v1/accounts/${seg(accountId)}/contact-preferences`);
  }

  /** Opt out of (true) or back into (false) channels; channels not named stay as they are. */
  setContactPreferences(accountId: string, optedOut: Partial<Record<PreferenceChannel, boolean>>): Promise<ContactPreferences> {
    const channels = Object.fromEntries(Object.entries(optedOut).map(([c, v]) => [c, { optedOut: v }]));
    return this.http.request('PUT', `/v1/accounts/${seg(accountId)}/contact-preferences`, { body: { channels } });
  }
}

/**
 * The lender side of the integration: sends lender events to Settle's webhook, signed with the
 * tenant's webhook secret (`Settle-Signature`).
 */
export class SettleWebhookSender {
  private readonly http: Transport;

  constructor(private readonly options: ClientOptions & { tenantId: string; secret: string }) {
    this.http = new Transport(options, undefined);
  }

  /** POSTs one lender event; the body is signed exactly as sent. */
  send(event: object, options: { idempotencyKey?: string; now?: Date } = {}): Promise<WebhookAccepted> {
    const rawBody = JSON.stringify(event);
    const idempotencyKey = options.idempotencyKey ?? (event as { eventId?: string }).eventId ?? globalThis.crypto.randomUUID();
    const headers = signedWebhookHeaders({ tenantId: this.options.tenantId, secret: this.options.secret, rawBody, idempotencyKey, now: options.now });
    return this.http.request('POST', '/v1/webhooks/lender-events', { rawBody, headers: { ...headers, [IDEMPOTENCY_HEADER]: idempotencyKey } });
  }
}

/** Tenant administration with the operator's ADMIN_TOKEN (or a tenant key with the `admin` scope, for its own keys). */
export class SettleAdminClient {
  private readonly http: Transport;

  constructor(options: ClientOptions & { token: string }) {
    this.http = new Transport(options, `Bearer ${options.token}`);
  }

  createTenant(request: { displayName: string } & Record<string, unknown>): Promise<{ tenantId: string; displayName: string; webhookSecret: string } & Record<string, unknown>> {
    return this.http.request('POST', '/v1/admin/tenants', { body: request });
  }

  /** The key itself is in the answer, once. */
  createApiKey(tenantId: string, request: { name: string; scopes: Scope[] }): Promise<{ keyId: string; key: string; scopes: Scope[] } & Record<string, unknown>> {
    return this.http.request('POST', `/v1/admin/tenants/${seg(tenantId)}/api-keys`, { body: request });
  }

  revokeApiKey(tenantId: string, keyId: string): Promise<unknown> {
    return this.http.request('DELETE', `/v1/admin/tenants/${seg(tenantId)}/api-keys/${seg(keyId)}`);
  }
}
