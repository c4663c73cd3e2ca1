import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { LOGGER, ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { TELNYX_SIGNATURE_HEADER, TELNYX_TIMESTAMP_HEADER, parseTelnyxPublicKey, verifyTelnyxSignature } from '../telephony/telnyx-signature';
import { parseTelnyxWebhook } from '../telephony/telnyx.provider';
import { CallLifecycle } from './call-lifecycle.service';
import { FORWARDED_BY_HEADER } from './call-owners';
import { VoiceCallsConfig } from './calls.config';

/** Telnyx Call Control webhooks: verified (Ed25519 over timestamp|raw body, replay window), then handed to the call. */
@Controller('v1/telnyx')
export class TelnyxWebhookController {
  private readonly publicKey?: KeyObject;

  constructor(
    private readonly calls: CallLifecycle,
    @Inject(SERVICE_CONFIG) private readonly config: VoiceCallsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // Fail fast at start-up on a malformed key rather than on the first call.
    if (config.TELNYX_PUBLIC_KEY) this.publicKey = parseTelnyxPublicKey(config.TELNYX_PUBLIC_KEY);
  }

  @Post('webhooks')
  @HttpCode(200)
  async receive(@Req() req: Request & { rawBody?: Buffer }): Promise<{ received: true }> {
    if (!this.publicKey) throw new ProblemException(404, 'not-found', 'Telnyx webhooks are not enabled (TELNYX_PUBLIC_KEY is unset).');
    if (!req.rawBody) throw new ProblemException(415, 'unsupported-media-type', 'Send the webhook as application/json.');
    const check = verifyTelnyxSignature({
      rawBody: req.rawBody,
      signature: req.header(TELNYX_SIGNATURE_HEADER),
      timestamp: req.header(TELNYX_TIMESTAMP_HEADER),
      publicKey: this.publicKey,
      now: this.clock.now(),
      toleranceSeconds: this.config.TELNYX_WEBHOOK_TOLERANCE_SECONDS,
    });
    if (!check.ok) {
      this.logger.warn({ reason: check.reason }, 'telnyx webhook refused');
      // One answer for every failure: the caller learns nothing about which check failed.
      throw new ProblemException(401, 'invalid-signature', 'The webhook signature could not be verified.');
    }
    const hook = parseTelnyxWebhook(req.body);
    // Passed on by another replica: handled here, never passed on again.
    const signed = req.header(FORWARDED_BY_HEADER) === undefined ? { rawBody: req.rawBody, signature: req.header(TELNYX_SIGNATURE_HEADER), timestamp: req.header(TELNYX_TIMESTAMP_HEADER) } : undefined;
    if (hook) await this.calls.onWebhook(hook, signed);
    return { received: true };
  }
}
