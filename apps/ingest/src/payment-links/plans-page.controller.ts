import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS } from '@settle/contracts';
import { withTenant } from '@settle/persistence';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AccountSnapshotRepository } from '../accounts/account-snapshot.repository';
import { IngestConfig } from '../ingest.config';
import { NegotiationClient, NegotiationFailure, PlanLinkAccount } from './negotiation.client';
import { PayPageErrorFilter, PaymentLinkPages, send } from './pay-page.controller';
import { Page } from './pay-page';
import { PaymentLink, PaymentLinkRepository } from './payment-link.repository';
import { crossSiteSubmission, isRestructuringKind, planFailurePage, planIdempotencyKey } from './plan-choice';
import { PlansPageContext, renderPlanAgreed, renderPlanNotice, renderPlansPage } from './plans-page';

/**
 * The plans page behind a payment link (any link): the restructurings the lender allows for the
 * account right now, live from the negotiation service, and a button per plan. Choosing one agrees
 * it through the negotiation service (source plan_link), which writes it back to the lender once.
 * No scripts: every choice is a plain HTML form to a URL naming the kind.
 */
@Controller('p')
@UseFilters(PayPageErrorFilter)
export class PlansPageController {
  private readonly basePath: string;
  private readonly ownOrigin: string;
  private readonly checkoutOrigin: string;

  constructor(
    private readonly pages: PaymentLinkPages,
    private readonly links: PaymentLinkRepository,
    private readonly snapshots: AccountSnapshotRepository,
    private readonly negotiation: NegotiationClient,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) config: IngestConfig,
  ) {
    const base = new URL(config.PAYMENT_LINK_BASE_URL);
    this.basePath = base.pathname.replace(/\/$/, '');
    this.ownOrigin = base.origin;
    this.checkoutOrigin = new URL(config.LENDER_CHECKOUT_URL).origin;
  }

  @Get(':code/plans')
  async plans(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const link = await this.pages.live(code, req, res);
    if (!link) return;
    const context = await this.context(link);
    const account = await this.account(link);
    if (!account) return this.send(res, renderPlanNotice('unavailable', 503, context));
    let answer;
    try {
      answer = await this.negotiation.options(account);
    } catch (error) {
      return this.failed(res, error, context, 'options');
    }
    // HEAD (link checkers) shows nobody anything.
    if (req.method === 'GET') {
      await this.dataSource.transaction(async (tx) => {
        if (await this.links.recordPlansView(tx, code, this.clock.now())) {
          await this.pages.emit(tx, link, EVENTS.paymentLinkPlansViewed, { offered: answer.options.map((o) => o.kind), reviewRequested: answer.humanReview.requested });
        }
      });
    }
    if (answer.options.length === 0) {
      // Nothing can be offered automatically; the negotiation service asked a person to review (Art. 22).
      return this.send(res, renderPlanNotice(answer.humanReview.requested ? 'review' : 'unavailable', answer.humanReview.requested ? 200 : 503, context));
    }
    this.send(res, renderPlansPage({ ...context, options: answer.options, chooseAction: (kind) => `${this.basePath}/${code}/plans/${kind}` }));
  }

  @Post(':code/plans/:kind')
  async choose(@Param('code') code: string, @Param('kind') kind: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const link = await this.pages.live(code, req, res);
    if (!link) return;
    const context = await this.context(link);
    if (crossSiteSubmission({ secFetchSite: req.header('sec-fetch-site'), origin: req.header('origin') }, this.ownOrigin)) {
      return this.send(res, renderPlanNotice('refused', 403, context));
    }
    if (!isRestructuringKind(kind)) return this.send(res, renderPlanNotice('refused', 400, context));
    const account = await this.account(link);
    if (!account) return this.send(res, renderPlanNotice('unavailable', 503, context));
    let agreed;
    try {
      agreed = await this.negotiation.agree(account, kind, planIdempotencyKey(code, kind));
    } catch (error) {
      return this.failed(res, error, context, 'agreement');
    }
    // A double submit is answered from the same agreement (same Idempotency-Key): one plan, one event.
    await this.dataSource.transaction(async (tx) => {
      if (await this.links.recordPlanChosen(tx, code, agreed.planId)) await this.pages.emit(tx, link, EVENTS.paymentLinkPlanChosen, { kind: agreed.kind, planId: agreed.planId });
    });
    this.send(res, renderPlanAgreed({ ...context, plan: agreed.plan }));
  }

  private send(res: Response, page: Page): void {
    // Forms on these pages post here, or to the pay button's hand-over to the lender's checkout.
    send(res, page, [this.checkoutOrigin]);
  }

  private failed(res: Response, error: unknown, context: PlansPageContext, call: 'options' | 'agreement'): void {
    if (!(error instanceof NegotiationFailure)) throw error;
    const page = planFailurePage(error.status, error.type);
    // No personal data: the status and problem type say what happened.
    this.logger.warn({ status: error.status, type: error.type, call }, 'plans page: the negotiation service did not agree or answer');
    if (page === 'lenderDown' && error.retryAfterSeconds) res.set('retry-after', String(error.retryAfterSeconds));
    const status = page === 'review' ? (call === 'agreement' ? 422 : 200) : 503;
    this.send(res, renderPlanNotice(page, status, context));
  }

  private async context(link: PaymentLink): Promise<PlansPageContext> {
    return {
      language: link.language,
      brandName: link.brandName,
      brandColour: await this.pages.brandColour(link),
      merchantName: link.merchantName,
      payHref: `${this.basePath}/${link.code}`,
      payAction: `${this.basePath}/${link.code}/pay`,
      amount: link.amount,
    };
  }

  /** The lender's reference of the link's account, from ingest's own snapshot (read as the link's tenant). */
  private async account(link: PaymentLink): Promise<PlanLinkAccount | undefined> {
    const snapshot = await withTenant(this.dataSource, link.tenantId, (tx) => this.snapshots.find(tx, link.tenantId, link.accountId));
    if (!snapshot) return undefined;
    return { tenantId: link.tenantId, externalAccountRef: snapshot.externalRef, caseId: link.caseId };
  }
}
