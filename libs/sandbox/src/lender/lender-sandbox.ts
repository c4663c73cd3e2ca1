import { LenderPaymentReceived, Money, accountIdFor } from '@settle/contracts';
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { LenderPlatform, seedPortfolio } from './lender-platform';
import { listen } from '../listen';

/** What the lender holds to talk to Settle: where ingest is, and the credentials Settle issued it. */
export interface SettleConnection {
  ingestUrl: string;
  /** Bearer token for ingest's payment-link lookup (the admin token until per-tenant API keys arrive). */
  adminToken: string;
  tenantId: string;
  webhookSecret: string;
}

export interface SandboxPayment {
  /** The payment link code the checkout was opened with. */
  ref: string;
  externalRef: string;
  amount: Money;
  paidAt: Date;
  lenderEventId: string;
  /** What Settle answered the payment.received webhook. */
  webhookStatus: number;
}

interface Checkout {
  ref: string;
  amount: Money;
  returnUrl: URL;
}

const REF = /^[A-Za-z0-9]{10,32}$/;

/**
 * A stand-in for a lender platform's hosted checkout. Settle's pay page hands the debtor over with
 * an opaque `ref` (the link code) and the amount; the sandbox asks Settle which account the ref is
 * for, "charges", tells Settle by a signed payment.received webhook (as a lender would: signed by
 * its own code, per Settle's documented scheme) and sends the browser back to the return URL.
 */
export class LenderSandbox {
  private settle?: SettleConnection;
  /** Settle's account id → the lender's own reference: the lender knows its accounts, Settle only their ids. */
  private readonly accounts = new Map<string, string>();
  private readonly records: SandboxPayment[] = [];
  /** The lender platform's account API (balance, history, restructurings, plan write-back), with scriptable faults. */
  readonly platform: LenderPlatform;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly now: () => Date,
    apiToken: string,
  ) {
    this.platform = new LenderPlatform(apiToken, now);
  }

  /**
   * `apiToken`: the bearer token the platform API takes (default `sandbox-lender-token`);
   * `seed`: start with the demo portfolio (default true).
   */
  static async start(
    opts: { port?: number; host?: string; settle?: SettleConnection; now?: () => Date; apiToken?: string; seed?: boolean } = {},
  ): Promise<LenderSandbox> {
    const { server, url } = await listen(opts);
    const now = opts.now ?? (() => new Date());
    const sandbox = new LenderSandbox(server, url, now, opts.apiToken ?? 'sandbox-lender-token');
    if (opts.seed !== false) for (const spec of seedPortfolio(now().toISOString().slice(0, 10))) sandbox.platform.addAccount(spec);
    if (opts.settle) sandbox.connect(opts.settle);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      sandbox.handle(req, res).catch((err: unknown) => {
        if (res.headersSent) return void res.destroy();
        page(res, 500, 'Sandbox Bank failed', `${err instanceof Error ? err.message : String(err)}`);
      });
    });
    return sandbox;
  }

  /** Where Settle's LENDER_CHECKOUT_URL should point. */
  get checkoutUrl(): string {
    return `${this.url}/checkout`;
  }

  connect(settle: SettleConnection): void {
    this.settle = { ...settle, ingestUrl: settle.ingestUrl.replace(/\/$/, '') };
    this.accounts.clear();
  }

  /** An account of this lender that Settle may collect for (after connect: the id depends on the tenant). */
  registerAccount(externalRef: string): void {
    this.accounts.set(accountIdFor(this.connection().tenantId, externalRef), externalRef);
  }

  payments(): SandboxPayment[] {
    return this.records.map((p) => ({ ...p, amount: { ...p.amount } }));
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.platform.releaseStalled();
    this.server.closeAllConnections();
    await closed;
  }

  private connection(): SettleConnection {
    if (!this.settle) throw new Error('the lender sandbox is not connected to Settle: call connect() first');
    return this.settle;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (await this.platform.handle(req, res, url, () => readBody(req))) return;
    if (req.method === 'GET' && url.pathname === '/_sandbox/payments') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.records));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/checkout') {
      const checkout = this.readCheckout(url.searchParams);
      if (typeof checkout === 'string') return page(res, 400, 'Sandbox Bank cannot take this payment', checkout);
      return this.showCheckout(res, checkout);
    }
    if (req.method === 'POST' && url.pathname === '/checkout/pay') {
      const checkout = this.readCheckout(new URLSearchParams(await readBody(req)));
      if (typeof checkout === 'string') return page(res, 400, 'Sandbox Bank cannot take this payment', checkout);
      return this.pay(res, checkout);
    }
    page(res, 404, 'Not found', `Sandbox Bank has no page at ${url.pathname}.`);
  }

  /** The checkout's parameters, or what is wrong with them. */
  private readCheckout(params: URLSearchParams): Checkout | string {
    const ref = params.get('ref') ?? '';
    const amount = params.get('amount') ?? '';
    const currency = params.get('currency') ?? '';
    if (!REF.test(ref)) return 'ref must be a payment reference.';
    if (!/^[1-9]\d{0,8}$/.test(amount)) return 'amount must be a positive whole number of minor units.';
    if (!/^[A-Z]{3}$/.test(currency)) return 'currency must be an ISO 4217 code.';
    let returnUrl: URL;
    try {
      returnUrl = new URL(params.get('return') ?? '');
    } catch {
      return 'return must be a URL.';
    }
    // Only back to Settle: a checkout that redirects anywhere it is told is an open redirect.
    if (returnUrl.origin !== new URL(this.connection().ingestUrl).origin) return 'return must point back to Settle.';
    return { ref, amount: { amountMinor: Number(amount), currency }, returnUrl };
  }

  private showCheckout(res: ServerResponse, c: Checkout): void {
    const hidden = { ref: c.ref, amount: String(c.amount.amountMinor), currency: c.amount.currency, return: c.returnUrl.toString() };
    const inputs = Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('');
    page(res, 200, `Sandbox Bank — pay ${formatMoney(c.amount)}`, 'A test checkout: no money moves.', `
      <form method="post" action="/checkout/pay">${inputs}<button type="submit">Pay now</button></form>`);
  }

  private async pay(res: ServerResponse, c: Checkout): Promise<void> {
    // One payment per checkout reference: a double submit does not charge twice.
    if (!this.records.some((p) => p.ref === c.ref)) {
      const settle = this.connection();
      const lookup = await fetch(`${settle.ingestUrl}/v1/payment-links/${c.ref}`, { headers: { authorization: `Bearer ${settle.adminToken}` } });
      if (lookup.status === 404) return page(res, 404, 'Unknown payment', 'Settle does not know this payment reference.');
      if (!lookup.ok) return page(res, 502, 'Settle did not answer', `The payment-link lookup answered ${lookup.status}.`);
      const link = (await lookup.json()) as { tenantId: string; accountId: string; amount: Money };
      const externalRef = link.tenantId === settle.tenantId ? this.accounts.get(link.accountId) : undefined;
      if (!externalRef) return page(res, 404, 'Unknown account', 'Sandbox Bank has no account for this payment.');
      if (link.amount.currency !== c.amount.currency) return page(res, 400, 'Wrong currency', `This account is kept in ${link.amount.currency}.`);

      const paidAt = this.now();
      const event: LenderPaymentReceived = {
        eventId: `sandbox-pay-${randomUUID()}`,
        type: 'payment.received',
        occurredAt: paidAt.toISOString(),
        account: { externalRef },
        payment: { amount: c.amount, paidAt: paidAt.toISOString(), settlesBalance: c.amount.amountMinor >= link.amount.amountMinor },
      };
      const status = await this.sendWebhook(settle, event, paidAt);
      this.records.push({ ref: c.ref, externalRef, amount: c.amount, paidAt, lenderEventId: event.eventId, webhookStatus: status });
      if (status !== 202) return page(res, 502, 'Settle did not take the payment', `The webhook answered ${status}.`);
    }
    res.writeHead(303, { location: c.returnUrl.toString(), 'cache-control': 'no-store' }).end();
  }

  private async sendWebhook(settle: SettleConnection, event: LenderPaymentReceived, at: Date): Promise<number> {
    const body = JSON.stringify(event);
    const t = Math.floor(at.getTime() / 1000);
    const mac = createHmac('sha256', settle.webhookSecret).update(`${t}.${body}`).digest('hex');
    const res = await fetch(`${settle.ingestUrl}/v1/webhooks/lender-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'settle-tenant-id': settle.tenantId,
        'settle-signature': `t=${t},v1=${mac}`,
        'idempotency-key': event.eventId,
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }
}

function formatMoney({ amountMinor, currency }: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(amountMinor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, detail: string, extra = ''): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{margin:0;font:17px/1.5 system-ui,sans-serif;background:#eef3ef;color:#17261c}header{background:#0d5c3a;color:#fff;padding:16px 20px;font-weight:700}
main{max-width:480px;margin:0 auto;padding:24px 16px}h1{font-size:24px}button{width:100%;min-height:56px;border:0;border-radius:10px;background:#0d5c3a;color:#fff;font:inherit;font-weight:700}</style>
</head><body><header>Sandbox Bank</header><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>${extra}</main></body></html>
`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
