import { Inject, Injectable } from '@nestjs/common';
import { ProblemDetails, ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import { IngestConfig } from '../ingest.config';

/** Answers of the scheduler that the public API hands on as they are (the same problem, the same status). */
const PASSED_ON = new Set([400, 404, 409]);

/**
 * Ingest's client of the scheduler's internal case API (`/internal/v1/tenants/:tenantId/cases…`).
 * Every path it builds starts with the caller's tenant: a key can never name another tenant's case.
 * The service-to-service credential is ADMIN_TOKEN; calls time out after SCHEDULER_TIMEOUT_MS.
 */
@Injectable()
export class SchedulerClient {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: IngestConfig) {}

  async get<T>(tenantId: string, path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.call<T>('GET', tenantId, path, query);
  }

  async post<T>(tenantId: string, path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', tenantId, path, {}, body);
  }

  private async call<T>(method: string, tenantId: string, path: string, query: Record<string, string | undefined>, body?: unknown): Promise<T> {
    const token = this.config.ADMIN_TOKEN;
    if (!token) throw new ProblemException(503, 'scheduler-unavailable', 'The case API is not configured: ingest has no service credential (ADMIN_TOKEN).');
    const url = new URL(`${this.config.SCHEDULER_URL.replace(/\/$/, '')}/internal/v1/tenants/${encodeURIComponent(tenantId)}/cases${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.config.SCHEDULER_TIMEOUT_MS),
      });
    } catch (err) {
      const timedOut = (err as { name?: string }).name === 'TimeoutError';
      throw timedOut
        ? new ProblemException(504, 'scheduler-timeout', `The case service did not answer within ${this.config.SCHEDULER_TIMEOUT_MS} ms; try again.`)
        : new ProblemException(503, 'scheduler-unavailable', 'The case service is unreachable; try again shortly.');
    }
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as T;
    const problem = parseProblem(text);
    if (PASSED_ON.has(res.status) && problem) {
      const { type, title: _title, status: _status, detail, ...extensions } = problem;
      throw new ProblemException(res.status, type.replace(/^https:\/\/settle\.dev\/problems\//, ''), detail ?? '', extensions);
    }
    throw new ProblemException(502, 'scheduler-error', `The case service answered ${res.status}.`);
  }
}

function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const value = JSON.parse(text) as ProblemDetails;
    return typeof value?.type === 'string' && typeof value.status === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
