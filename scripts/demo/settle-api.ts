import type { PublishedSms } from '@settle/sandbox';
import type { TenantSummary } from '../../apps/analytics/src/outcomes/analytics.service';
import type { CaseDetail, CasePage, CaseSummary } from '../../apps/scheduler/src/cases/cases.controller';

export type { CaseDetail, CaseSummary, TenantSummary };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The read side of Settle the demo reports from: scheduler cases, analytics, audit, and the SNS sandbox. */
export class SettleApi {
  constructor(
    private readonly urls: { scheduler: string; analytics: string; audit: string; sns: string },
    private readonly tenantId: string,
  ) {}

  /** Every case of the tenant, page by page through the cursor. */
  async cases(pageSize = 100): Promise<CaseSummary[]> {
    const all: CaseSummary[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ tenantId: this.tenantId, limit: String(pageSize), ...(cursor ? { cursor } : {}) });
      const page: CasePage = await getJson<CasePage>(`${this.urls.scheduler}/v1/cases?${query}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  caseDetail(caseId: string): Promise<CaseDetail> {
    return getJson<CaseDetail>(`${this.urls.scheduler}/v1/cases/${caseId}`);
  }

  summary(): Promise<TenantSummary> {
    return getJson<TenantSummary>(`${this.urls.analytics}/v1/analytics/tenants/${this.tenantId}/summary`);
  }

  verifyAudit(): Promise<{ entries: number; brokenAt: number | null }> {
    return getJson(`${this.urls.audit}/v1/audit/tenants/${this.tenantId}/verify`);
  }

  /** What reached the SNS endpoint (phone numbers: used to match, never printed). */
  published(): Promise<PublishedSms[]> {
    return getJson<PublishedSms[]>(`${this.urls.sns}/_sandbox/published`);
  }
}
