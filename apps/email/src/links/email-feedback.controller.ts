import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { EmailSignalsService } from './email-signals.service';

export class ProviderFeedback {
  /** Our Message-ID (as in the bounced message's headers) or the id the SMTP server gave it. */
  @IsString()
  @Length(1, 998)
  messageId!: string;

  /** `delivery`: the receiving server accepted the message for the mailbox (SES `Delivery`, a DSN `delivered`). */
  @IsIn(['bounce', 'complaint', 'delivery'])
  kind!: 'bounce' | 'complaint' | 'delivery';

  @ValidateIf((o: ProviderFeedback) => o.kind === 'bounce')
  @IsIn(['hard', 'soft'])
  bounceType?: 'hard' | 'soft';

  /** Required for bounces and complaints; for a delivery, the receiving server's answer if known. */
  @ValidateIf((o: ProviderFeedback) => o.kind !== 'delivery' || o.reason !== undefined)
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

/** Deliveries, bounces and spam complaints reported by the mail provider (its webhook, or an operator). */
@Controller('v1/email')
@UseGuards(AdminTokenGuard)
export class EmailFeedbackController {
  constructor(private readonly signals: EmailSignalsService) {}

  @Post('feedback')
  @HttpCode(202)
  async feedback(@Body() body: unknown) {
    const parsed = validateAs(ProviderFeedback, body);
    if (!parsed.ok) throw new ProblemException(400, 'validation', 'The feedback is invalid.', { errors: parsed.errors });
    const feedback = parsed.value;
    const row = await this.signals.byMessageId(feedback.messageId);
    if (!row) throw new ProblemException(404, 'unknown-message', 'No email with this message id was sent.');
    const reason = feedback.reason?.replace(/\s+/g, ' ').trim();
    const first = await this.signals.record(
      row,
      feedback.kind === 'bounce'
        ? { kind: 'bounced', bounce: feedback.bounceType!, reason: reason! }
        : feedback.kind === 'delivery'
          ? { kind: 'delivered', ...(reason ? { detail: reason } : {}) }
          : { kind: 'complained' },
    );
    return { stepId: row.step_id, status: first ? 'recorded' : 'duplicate' };
  }
}
