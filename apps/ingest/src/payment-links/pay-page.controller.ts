import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, Inject, Injectable, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventDefinition, PAYMENT_LINK_EVENTS_V1, PaymentLinkOpenedV1, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { IngestConfig } from '../ingest.config';
import { MissLimiter } from './miss-limiter';
import { Page, languageFromAcceptLanguage, pageHeaders, pageLanguage, renderNotice, renderPayPage } from './pay-page';
import { PaymentLink, PaymentLinkRepository } from './payment-link.repository';
import { TenantRepository } from '../tenants/tenant.repository';

export const PAY_PAGE_LIMITER = Symbol('PAY_PAGE_LIMITER');

export const payPageLimiterProvider = {
  provide: PAY_PAGE_LIMITER,
  inject: [SERVICE_CONFIG],
  useFactory: (config: IngestConfig) => new MissLimiter(config.PAYMENT_LINK_MISSES_PER_MINUTE),
};

export function send(res: Response, page: Page, formTargets: string[] = []): void {
  res.status(page.status).set(pageHeaders(page, formTargets)).send(page.html);
}

/** Whatever goes wrong behind a pay page, the debtor gets a page in their browser's language, not JSON. */
@Catch()
export class PayPageErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.logger.error({ err: error }, 'pay page failed');
    const res = http.getResponse<Response>();
    if (res.headersSent) return void res.end();
    const language = languageFromAcceptLanguage(http.getRequest<Request>().header('accept-language'));
    send(res, renderNotice('error', language, this.config.PAY_PAGE_BRAND_COLOUR));
  }
}

/**
 * What every page behind a payment link shares: finding the link (with the miss limiter against
 * enumeration, and the 404/410/429 pages in the debtor's language), its tenant's colour, and its
 * events on paylink.events.v1.
 */
@Injectable()
export class PaymentLinkPages {
  constructor(
    private readonly links: PaymentLinkRepository,
    private readonly tenants: TenantRepository,
    @Inject(PAY_PAGE_LIMITER) private readonly limiter: MissLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  /** The tenant's white-label colour (validated #rrggbb at save), else the deployment's default. */
  async brandColour(link: PaymentLink): Promise<string> {
    return (await this.tenants.find(link.tenantId))?.brandColour ?? this.config.PAY_PAGE_BRAND_COLOUR;
  }

  /** The link, or undefined after answering 429 (too many misses), 404 (unknown code) or 410 (expired). */
  async live(code: string, req: Request, res: Response): Promise<PaymentLink | undefined> {
    const link = await this.known(code, req, res);
    if (link && this.clock.now() >= link.expiresAt) {
      send(res, renderNotice('expired', pageLanguage(link.language), await this.brandColour(link), link.brandName));
      return undefined;
    }
    return link;
  }

  async known(code: string, req: Request, res: Response): Promise<PaymentLink | undefined> {
    const client = req.ip ?? 'unknown';
    const language = () => languageFromAcceptLanguage(req.header('accept-language'));
    const retryAfter = this.limiter.retryAfterSeconds(client);
    if (retryAfter > 0) {
      res.set('retry-after', String(retryAfter));
      send(res, renderNotice('tooMany', language(), this.config.PAY_PAGE_BRAND_COLOUR));
      return undefined;
    }
    const link = await this.links.find(code);
    if (!link) {
      this.limiter.miss(client);
      send(res, renderNotice('invalid', language(), this.config.PAY_PAGE_BRAND_COLOUR));
    }
    return link;
  }

  async emit<T extends PaymentLinkOpenedV1>(tx: EntityManager, link: PaymentLink, definition: EventDefinition<T>, extra: Omit<T, keyof PaymentLinkOpenedV1>): Promise<void> {
    const origin = {
      tenantId: link.tenantId,
      accountId: link.accountId,
      caseId: link.caseId,
      producer: 'ingest' as const,
      occurredAt: this.clock.now(),
      // The message that carried the link caused the click: the event joins the case's chain.
      cause: { id: link.commandId, correlationId: link.correlationId },
    };
    const data = { caseId: link.caseId, stepId: link.stepId, code: link.code, channel: link.channel, ...extra } as T;
    await new OutboxWriter(tx).add(PAYMENT_LINK_EVENTS_V1, newEvent(definition, origin, data));
  }
}

/**
 * The pages behind a payment link: the pay page, the hand-over to the lender's checkout, and the
 * thank-you page the lender sends the debtor back to (the plans pages: plans-page.controller.ts).
 * The code is the only credential: no personal data in the URL or on the page (a link may be
 * forwarded), not even a first name.
 */
@Controller('p')
@UseFilters(PayPageErrorFilter)
export class PayPageController {
  private readonly baseUrl: string;
  private readonly basePath: string;
  private readonly checkoutUrl: URL;

  constructor(
    private readonly links: PaymentLinkRepository,
    private readonly pages: PaymentLinkPages,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: IngestConfig,
  ) {
    this.baseUrl = config.PAYMENT_LINK_BASE_URL.replace(/\/$/, '');
    this.basePath = new URL(this.baseUrl).pathname.replace(/\/$/, '');
    this.checkoutUrl = new URL(config.LENDER_CHECKOUT_URL);
  }

  @Get(':code')
  async open(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const link = await this.pages.live(code, req, res);
    if (!link) return;
    // Every open is an event, but at most one a minute per link: reloads and double taps are not news.
    // HEAD (link checkers) shows nobody anything.
    if (req.method === 'GET') {
      await this.dataSource.transaction(async (tx) => {
        if (await this.links.recordOpen(tx, code, this.clock.now())) await this.pages.emit(tx, link, EVENTS.paymentLinkOpened, {});
      });
    }
    const page = renderPayPage({
      language: link.language,
      brandName: link.brandName,
      brandColour: await this.pages.brandColour(link),
      merchantName: link.merchantName,
      amount: link.amount,
      dueDate: link.dueDate,
      payAction: `${this.basePath}/${code}/pay`,
      plansHref: `${this.basePath}/${code}/plans`,
    });
    send(res, page, [this.checkoutUrl.origin]);
  }

  @Post(':code/pay')
  async pay(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const link = await this.pages.live(code, req, res);
    if (!link) return;
    await this.dataSource.transaction((tx) => this.pages.emit(tx, link, EVENTS.paymentLinkCheckoutStarted, { amount: link.amount }));
    const checkout = new URL(this.checkoutUrl);
    checkout.searchParams.set('ref', code);
    checkout.searchParams.set('amount', String(link.amount.amountMinor));
    checkout.searchParams.set('currency', link.amount.currency);
    checkout.searchParams.set('return', `${this.baseUrl}/${code}/thanks`);
    res.status(303).set({ location: checkout.toString(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
  }

  @Get(':code/thanks')
  async thanks(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Shown even if the link has expired since: the debtor has just paid.
    const link = await this.pages.known(code, req, res);
    if (link) send(res, renderNotice('thanks', pageLanguage(link.language), await this.pages.brandColour(link), link.brandName));
  }
}
