import type {
  InstalmentStatus, PlatformAccount, PlatformInstalment, PlatformMoney, PlatformPayment, PlatformRestructurings, PlanWriteBack,
} from '@settle/platform-connector';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * The sandbox lender platform's account API: the books of a small BNPL lender (pay-in-4 and
 * monthly plans in several currencies), served over HTTP as a lender's platform would, with
 * bearer auth, an idempotent plan write-back, and scriptable faults (fail the next N calls,
 * answer slowly, stall) so clients can be tested against failure over real HTTP.
 */

export type Product = 'pay_in_4' | 'monthly';

/** An account to seed: the plan is generated from these facts. */
export interface SandboxAccountSpec {
  externalRef: string;
  product: Product;
  currency: string;
  jurisdiction: string;
  merchantName: string;
  /** Price of the purchase (minor units), split into the plan's instalments exactly. */
  purchaseMinor: number;
  /** Instalments (pay-in-4: 4; monthly: 3–24). */
  instalments?: number;
  /** Due date of the first instalment (YYYY-MM-DD). */
  firstDue: string;
  /** How many instalments are paid in full (from the first). */
  paid: number;
  /** The next one after those is partly paid by this much. */
  partlyPaidMinor?: number;
  feesChargedMinor?: number;
  allows?: Partial<Omit<PlatformRestructurings, 'reschedulesSoFar'>>;
}

export interface SandboxFaults {
  /** The next N API calls fail with `status` (default 503). */
  failNext?: number;
  status?: number;
  /** Sent with failures as Retry-After (seconds). */
  retryAfterSeconds?: number;
  /** 'before' (default): nothing happens; 'after': a plan write is applied, then the answer fails (a lost response). */
  when?: 'before' | 'after';
  /** Every API call answers this much later. */
  latencyMs?: number;
  /** The next N API calls never answer (until the client gives up or the sandbox stops). */
  stallNext?: number;
  /** Only calls with this method are failed or stalled (default: every call). */
  method?: 'GET' | 'PUT';
}

interface Account {
  spec: SandboxAccountSpec;
  instalments: PlatformInstalment[];
  payments: PlatformPayment[];
  allows: Omit<PlatformRestructurings, 'reschedulesSoFar'>;
  reschedules: number;
  activePlan?: { planRef: string; planId: string; agreedAt: string };
}

export interface StoredPlanWrite {
  externalRef: string;
  idempotencyKey: string;
  planRef: string;
  plan: PlanWriteBack;
  bodyHash: string;
}

const DEFAULT_ALLOWS: Record<Product, Omit<PlatformRestructurings, 'reschedulesSoFar'>> = {
  pay_in_4: { kinds: ['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement'], maxInstalments: 8, maxExtensionDays: 90, maxSettlementDiscountBps: 1_000, maxFeeMinor: 0 },
  monthly: { kinds: ['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement'], maxInstalments: 24, maxExtensionDays: 180, maxSettlementDiscountBps: 1_500 },
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** A realistic portfolio around `today`: pay-in-4 (every two weeks) and monthly plans, in five currencies, in every state. */
export function seedPortfolio(today: string): SandboxAccountSpec[] {
  const d = (days: number) => addDays(today, days);
  return [
    { externalRef: 'bnpl-de-1001', product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: d(-30), paid: 1 },
    { externalRef: 'bnpl-de-1002', product: 'monthly', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Küchenwelt', purchaseMinor: 119_900, instalments: 12, firstDue: d(-95), paid: 2, feesChargedMinor: 250 },
    { externalRef: 'bnpl-nl-1003', product: 'pay_in_4', currency: 'EUR', jurisdiction: 'NL', merchantName: 'Fietsenwinkel', purchaseMinor: 8_999, firstDue: d(-20), paid: 1, partlyPaidMinor: 1_000 },
    { externalRef: 'bnpl-gb-2001', product: 'pay_in_4', currency: 'GBP', jurisdiction: 'GB', merchantName: 'Camden Trainers', purchaseMinor: 12_000, firstDue: d(-16), paid: 1 },
    { externalRef: 'bnpl-gb-2002', product: 'monthly', currency: 'GBP', jurisdiction: 'GB', merchantName: 'Sofa Street', purchaseMinor: 64_900, instalments: 6, firstDue: d(-40), paid: 1 },
    { externalRef: 'bnpl-se-3001', product: 'pay_in_4', currency: 'SEK', jurisdiction: 'SE', merchantName: 'Göteborg Outdoor', purchaseMinor: 159_900, firstDue: d(-14), paid: 0 },
    { externalRef: 'bnpl-se-3002', product: 'monthly', currency: 'SEK', jurisdiction: 'SE', merchantName: 'Elgiganten Demo', purchaseMinor: 899_000, instalments: 24, firstDue: d(-70), paid: 1, feesChargedMinor: 3_900 },
    { externalRef: 'bnpl-pl-4001', product: 'pay_in_4', currency: 'PLN', jurisdiction: 'PL', merchantName: 'Sklep Sportowy', purchaseMinor: 45_600, firstDue: d(-28), paid: 2 },
    { externalRef: 'bnpl-pl-4002', product: 'monthly', currency: 'PLN', jurisdiction: 'PL', merchantName: 'Meble Kraków', purchaseMinor: 259_900, instalments: 10, firstDue: d(-45), paid: 1 },
    { externalRef: 'bnpl-us-5001', product: 'pay_in_4', currency: 'USD', jurisdiction: 'US-CA', merchantName: 'Sunset Apparel', purchaseMinor: 19_996, firstDue: d(-15), paid: 1 },
    { externalRef: 'bnpl-us-5002', product: 'monthly', currency: 'USD', jurisdiction: 'US-NY', merchantName: 'Brooklyn Audio', purchaseMinor: 149_900, instalments: 12, firstDue: d(-62), paid: 1 },
    { externalRef: 'bnpl-fr-6001', product: 'pay_in_4', currency: 'EUR', jurisdiction: 'FR', merchantName: 'Maison Lumière', purchaseMinor: 23_990, firstDue: d(14), paid: 1 },
    { externalRef: 'bnpl-es-6002', product: 'pay_in_4', currency: 'EUR', jurisdiction: 'ES', merchantName: 'Calzados Sol', purchaseMinor: 9_000, firstDue: d(-42), paid: 4 },
  ];
}

function hashBody(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export class LenderPlatform {
  private readonly accounts = new Map<string, Account>();
  private readonly writes = new Map<string, StoredPlanWrite>();
  private faultState: Required<Pick<SandboxFaults, 'failNext' | 'status' | 'when' | 'latencyMs' | 'stallNext'>> & Pick<SandboxFaults, 'retryAfterSeconds' | 'method'> = {
    failNext: 0, status: 503, when: 'before', latencyMs: 0, stallNext: 0,
  };
  private readonly stalled = new Set<ServerResponse>();
  /** Every API request seen (method and path), for tests. */
  readonly requests: { method: string; path: string; status: number; idempotencyKey?: string }[] = [];

  constructor(
    readonly apiToken: string,
    private readonly now: () => Date,
  ) {}

  addAccount(spec: SandboxAccountSpec): PlatformAccount {
    const n = spec.instalments ?? (spec.product === 'pay_in_4' ? 4 : 12);
    if (!Number.isInteger(n) || n < 1) throw new RangeError('instalments must be a positive integer');
    const base = Math.floor(spec.purchaseMinor / n);
    const rest = spec.purchaseMinor - base * n;
    const today = this.now().toISOString().slice(0, 10);
    const instalments: PlatformInstalment[] = [];
    const payments: PlatformPayment[] = [];
    for (let i = 0; i < n; i++) {
      const dueDate = spec.product === 'pay_in_4' ? addDays(spec.firstDue, 14 * i) : addMonths(spec.firstDue, i);
      const amount = base + (i < rest ? 1 : 0);
      const paidMinor = i < spec.paid ? amount : i === spec.paid ? Math.min(amount, spec.partlyPaidMinor ?? 0) : 0;
      instalments.push({ number: i + 1, dueDate, amount: { amountMinor: amount, currency: spec.currency }, paid: { amountMinor: paidMinor, currency: spec.currency }, status: 'due' });
      if (paidMinor > 0) {
        payments.push({ paymentId: `pay-${spec.externalRef}-${i + 1}`, amount: { amountMinor: paidMinor, currency: spec.currency }, paidAt: `${dueDate < today ? dueDate : today}T08:00:00Z`, instalmentNumber: i + 1 });
      }
    }
    const account: Account = { spec, instalments, payments, allows: { ...DEFAULT_ALLOWS[spec.product], ...spec.allows }, reschedules: 0 };
    this.accounts.set(spec.externalRef, account);
    return this.view(account);
  }

  account(externalRef: string): PlatformAccount | undefined {
    const a = this.accounts.get(externalRef);
    return a ? this.view(a) : undefined;
  }

  refs(): string[] {
    return [...this.accounts.keys()];
  }

  /** Plan writes the platform applied (one per idempotency key). */
  planWrites(): StoredPlanWrite[] {
    return [...this.writes.values()].map((w) => structuredClone(w));
  }

  faults(f: SandboxFaults): void {
    this.faultState = {
      failNext: f.failNext ?? 0,
      status: f.status ?? 503,
      when: f.when ?? 'before',
      latencyMs: f.latencyMs ?? 0,
      stallNext: f.stallNext ?? 0,
      retryAfterSeconds: f.retryAfterSeconds,
      method: f.method,
    };
  }

  clearFaults(): void {
    this.faults({});
  }

  /** Ends stalled responses (on stop). */
  releaseStalled(): void {
    for (const res of this.stalled) res.destroy();
    this.stalled.clear();
  }

  /** Handles /v1/accounts/… and /_sandbox/… requests; false when the path is not the platform's. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: () => Promise<string>): Promise<boolean> {
    if (url.pathname.startsWith('/_sandbox/platform/')) {
      await this.handleControl(req, res, url, body);
      return true;
    }
    const m = /^\/v1\/accounts\/([^/]+)(\/payments|\/restructuring-options|\/plan)?$/.exec(url.pathname);
    if (!m) return false;
    const ref = decodeURIComponent(m[1]);
    const sub = m[2] ?? '';
    const key = header(req, 'idempotency-key');
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, status, ...(key ? { idempotencyKey: key } : {}) });
      json(res, status, payload, headers);
    };
    const raw = req.method === 'PUT' ? await body() : '';

    const targeted = !this.faultState.method || this.faultState.method === req.method;
    if (targeted && this.faultState.stallNext > 0) {
      this.faultState.stallNext -= 1;
      this.requests.push({ method: req.method ?? '', path: url.pathname, status: 0 });
      this.stalled.add(res);
      res.on('close', () => this.stalled.delete(res));
      return true;
    }
    if (this.faultState.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faultState.latencyMs));
    if (header(req, 'authorization') !== `Bearer ${this.apiToken}`) {
      answer(401, problem(401, 'Unauthorized', 'a valid bearer token is required'), { 'www-authenticate': 'Bearer' });
      return true;
    }
    const failing = targeted && this.faultState.failNext > 0;
    const failNow = () => {
      this.faultState.failNext -= 1;
      const headers: Record<string, string> = this.faultState.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.faultState.retryAfterSeconds) };
      answer(this.faultState.status, problem(this.faultState.status, 'Sandbox fault', 'a scripted failure'), headers);
    };
    if (failing && this.faultState.when === 'before') {
      failNow();
      return true;
    }
    const account = this.accounts.get(ref);
    if (!account) {
      answer(404, problem(404, 'Not found', `no account ${ref}`));
      return true;
    }
    let status = 200;
    let payload: unknown;
    if (req.method === 'GET' && sub === '') payload = this.view(account);
    else if (req.method === 'GET' && sub === '/payments') payload = { payments: account.payments };
    else if (req.method === 'GET' && sub === '/restructuring-options') payload = { ...account.allows, reschedulesSoFar: account.reschedules };
    else if (req.method === 'PUT' && sub === '/plan') {
      const result = this.writePlan(account, raw, key);
      status = result.status;
      payload = result.payload;
    } else {
      answer(405, problem(405, 'Method not allowed', `${req.method} ${url.pathname}`));
      return true;
    }
    if (failing) failNow();
    else answer(status, payload);
    return true;
  }

  private writePlan(account: Account, raw: string, key: string | undefined): { status: number; payload: unknown } {
    if (!key || key.length > 200) return { status: 400, payload: problem(400, 'Idempotency-Key required', 'send an Idempotency-Key header (at most 200 characters)') };
    let plan: PlanWriteBack;
    try {
      plan = JSON.parse(raw) as PlanWriteBack;
    } catch {
      return { status: 400, payload: problem(400, 'Malformed JSON', 'the body is not JSON') };
    }
    const hash = hashBody(plan);
    const scoped = `${account.spec.externalRef}:${key}`;
    const previous = this.writes.get(scoped);
    if (previous) {
      if (previous.bodyHash !== hash) return { status: 409, payload: problem(409, 'Idempotency key reused', 'this key was used with another plan') };
      return { status: 200, payload: { planRef: previous.planRef, replayed: true } };
    }
    const invalid = validatePlan(plan, account);
    if (invalid) return { status: 422, payload: problem(422, 'Plan rejected', invalid) };
    const planRef = `PLAN-${randomUUID().slice(0, 8).toUpperCase()}`;
    // The restructured plan replaces what was unpaid; paid instalments stay on the books.
    const kept = account.instalments.filter((i) => i.paid.amountMinor > 0).map((i) => ({ ...i, amount: { ...i.paid } }));
    const next = kept.length;
    account.instalments = [
      ...kept,
      ...plan.instalments.map((inst, i) => ({ number: next + i + 1, dueDate: inst.dueDate, amount: { ...inst.amount }, paid: { amountMinor: 0, currency: plan.currency }, status: 'due' as InstalmentStatus })),
    ];
    account.reschedules += 1;
    account.activePlan = { planRef, planId: plan.planId, agreedAt: plan.agreedAt };
    this.writes.set(scoped, { externalRef: account.spec.externalRef, idempotencyKey: key, planRef, plan, bodyHash: hash });
    return { status: 201, payload: { planRef, replayed: false } };
  }

  private async handleControl(req: IncomingMessage, res: ServerResponse, url: URL, body: () => Promise<string>): Promise<void> {
    if (req.method === 'POST' && url.pathname === '/_sandbox/platform/faults') {
      try {
        this.faults(JSON.parse((await body()) || '{}') as SandboxFaults);
      } catch {
        return json(res, 400, problem(400, 'Malformed JSON', 'faults must be JSON'));
      }
      return json(res, 204, undefined);
    }
    if (req.method === 'POST' && url.pathname === '/_sandbox/platform/accounts') {
      try {
        return json(res, 201, this.addAccount(JSON.parse(await body()) as SandboxAccountSpec));
      } catch (e) {
        return json(res, 400, problem(400, 'Bad account', (e as Error).message));
      }
    }
    if (req.method === 'GET' && url.pathname === '/_sandbox/platform/plans') return json(res, 200, this.planWrites());
    if (req.method === 'GET' && url.pathname === '/_sandbox/platform/accounts') return json(res, 200, this.refs());
    json(res, 404, problem(404, 'Not found', url.pathname));
  }

  private view(a: Account): PlatformAccount {
    const today = this.now().toISOString().slice(0, 10);
    const instalments = a.instalments.map((i): PlatformInstalment => {
      const open = i.amount.amountMinor - i.paid.amountMinor;
      const status: InstalmentStatus = open <= 0 ? 'paid' : i.paid.amountMinor > 0 ? 'partially_paid' : i.dueDate < today ? 'overdue' : 'due';
      return { ...i, amount: { ...i.amount }, paid: { ...i.paid }, status };
    });
    const owed = instalments.reduce((s, i) => s + Math.max(0, i.amount.amountMinor - i.paid.amountMinor), 0);
    const money = (amountMinor: number): PlatformMoney => ({ amountMinor, currency: a.spec.currency });
    return {
      externalRef: a.spec.externalRef,
      product: a.spec.product,
      orderRef: `ORD-${a.spec.externalRef.toUpperCase()}`,
      merchantName: a.spec.merchantName,
      jurisdiction: a.spec.jurisdiction,
      currency: a.spec.currency,
      balance: money(owed),
      feesCharged: money(a.spec.feesChargedMinor ?? 0),
      instalments,
      ...(a.activePlan ? { activePlan: { ...a.activePlan } } : {}),
    };
  }
}

function validatePlan(plan: PlanWriteBack, account: Account): string | undefined {
  if (typeof plan !== 'object' || plan === null) return 'the plan must be an object';
  if (typeof plan.planId !== 'string' || !/^[0-9a-f-]{36}$/i.test(plan.planId)) return 'planId must be a UUID';
  if (plan.currency !== account.spec.currency) return `the account is kept in ${account.spec.currency}`;
  if (!Array.isArray(plan.instalments) || plan.instalments.length === 0) return 'instalments must be a non-empty list';
  if (plan.instalments.length > account.allows.maxInstalments) return `at most ${account.allows.maxInstalments} instalments`;
  let prev = '';
  for (const i of plan.instalments) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(i?.dueDate ?? '') || i.dueDate <= prev) return 'due dates must be strictly increasing calendar dates';
    if (!Number.isSafeInteger(i.amount?.amountMinor) || i.amount.amountMinor < 0 || i.amount.currency !== plan.currency) return 'amounts must be non-negative integers in the account currency';
    prev = i.dueDate;
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function problem(status: number, title: string, detail: string) {
  return { type: 'about:blank', title, status, detail };
}

function json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) return void res.writeHead(204, headers).end();
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(JSON.stringify(payload));
}
