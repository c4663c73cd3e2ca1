import { Body, Controller, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import type { Response } from 'express';
import { AgreementRequestDto, OptionsRequestDto } from './negotiation.dto';
import { NegotiationService } from './negotiation.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/**
 * The internal negotiation API the voice agent (and the plan-link page, and lenders through the
 * edge) call within a budget. Options are computed live from the lender's platform; an agreement
 * is recomputed here (a client never dictates a plan), written back once, then tracked.
 * Service-to-service only: the callers hold the deployment's ADMIN_TOKEN, as for the scheduler's
 * internal case API; lenders reach agreements through ingest's tenant-scoped edge.
 */
@Controller('v1')
@UseGuards(AdminTokenGuard)
export class NegotiationController {
  constructor(private readonly negotiation: NegotiationService) {}

  @Post('negotiation/options')
  @HttpCode(200)
  async options(@Body() body: unknown) {
    const parsed = validateAs(OptionsRequestDto, body);
    if (!parsed.ok) throw new ProblemException(400, 'validation', 'The options request is invalid.', { errors: parsed.errors });
    const started = Date.now();
    const { accountId, externalAccountRef, result, reviewRequested } = await this.negotiation.options(parsed.value);
    return {
      accountId,
      externalAccountRef,
      options: result.options.map((o) => ({
        kind: o.kind,
        plan: { instalments: o.plan.instalments, total: o.plan.total, fee: o.plan.fee },
        why: o.why,
        forbearance: o.forbearance,
        legalBasis: o.legalBasis,
        feeAddedMinor: o.feeAddedMinor,
        extensionDays: o.extensionDays,
        ...(o.discountBps === undefined ? {} : { discountBps: o.discountBps, discountMinor: o.discountMinor }),
      })),
      notOffered: result.notOffered,
      humanReview: { ...result.humanReview, requested: reviewRequested },
      bounds: result.bounds,
      elapsedMs: Date.now() - started,
    };
  }

  @Post('agreements')
  async agree(@Body() body: unknown, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ProblemException(400, 'validation', 'An Idempotency-Key header of 8–200 visible ASCII characters is required.', { errors: [{ field: 'Idempotency-Key', problem: 'missing or malformed' }] });
    }
    const parsed = validateAs(AgreementRequestDto, body);
    if (!parsed.ok) throw new ProblemException(400, 'validation', 'The agreement request is invalid.', { errors: parsed.errors });
    const { status, body: answer } = await this.negotiation.agree(parsed.value, key);
    res.status(status);
    return answer;
  }
}
