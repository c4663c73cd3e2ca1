import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { PaymentLinkRepository } from './payment-link.repository';

/**
 * What a payment link is for, by its code: the lender's checkout asks before it charges, to learn
 * which of its accounts it is paying. Opaque ids only; the lender maps the account id back to its
 * own reference. Behind the admin token until per-tenant API keys arrive.
 */
@Controller('v1/payment-links')
@UseGuards(AdminTokenGuard)
export class PaymentLinkLookupController {
  constructor(
    private readonly links: PaymentLinkRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':code')
  async lookup(@Param('code') code: string) {
    const link = await this.links.find(code);
    if (!link) throw new ProblemException(404, 'not-found', 'No payment link has this code.');
    return {
      tenantId: link.tenantId,
      accountId: link.accountId,
      caseId: link.caseId,
      amount: link.amount,
      expiresAt: link.expiresAt.toISOString(),
      expired: this.clock.now() >= link.expiresAt,
    };
  }
}
