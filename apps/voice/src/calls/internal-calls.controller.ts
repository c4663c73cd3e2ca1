import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { parseEvent } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import type { Request } from 'express';
import { CallLifecycle } from './call-lifecycle.service';
import { ACCOUNT_SIGNALS_PATH } from './call-owners';

/** What another voice replica passes to the one holding a call (service credential: ADMIN_TOKEN). */
@Controller()
@UseGuards(AdminTokenGuard)
export class InternalCallsController {
  constructor(private readonly calls: CallLifecycle) {}

  /** A link or payment event (the envelope as it was on its topic) for an account with a call here. */
  @Post(ACCOUNT_SIGNALS_PATH.slice(1))
  @HttpCode(200)
  async accountSignal(@Req() req: Request & { rawBody?: Buffer }): Promise<{ delivered: boolean }> {
    const parsed = parseEvent(req.rawBody ?? null);
    if (!parsed.ok) throw new ProblemException(400, 'validation', 'The body is not a valid event envelope.', { errors: parsed.errors });
    return { delivered: await this.calls.onAccountEvent(parsed.event, undefined, true) };
  }
}
