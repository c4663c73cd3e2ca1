import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { hostileJson, validateLenderEvent, UUID_PATTERN } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IngestConfig } from '../ingest.config';
import { LenderEventIntake } from '../lender-events/lender-event-intake';
import { TenantRateLimiter } from '../rate-limit/tenant-rate-limiter';
import { TenantRepository, webhookSecretsValidAt } from '../tenants/tenant.repository';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TENANT_HEADER, verifySignature } from './webhook-signature';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Lender events by signed webhook. Checks run cheapest-first and nothing is written until the
 * request is authentic and valid; then the receipt and the domain events commit together.
 */
@Controller('v1/webhooks')
export class LenderWebhookController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantRepository,
    private readonly intake: LenderEventIntake,
    private readonly limiter: TenantRateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  @Post('lender-events')
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response): Promise<void> {
    if (!req.is('application/json') || !req.rawBody) {
      throw new ProblemException(415, 'unsupported-media-type', 'Send the event as application/json.');
    }
    const tenantId = req.header(TENANT_HEADER);
    const tenant = tenantId && UUID_PATTERN.test(tenantId) ? await this.tenants.find(tenantId) : undefined;
    if (!tenant) throw new ProblemException(401, 'unknown-tenant', 'The Settle-Tenant-Id header does not name a known tenant.');

    const signature = verifySignature(req.header(SIGNATURE_HEADER), req.rawBody, webhookSecretsValidAt(tenant, this.clock.now()), this.clock.now(), this.config.WEBHOOK_TOLERANCE_SECONDS);
    if (!signature.ok) throw new ProblemException(401, signature.code.replace(/_/g, '-'), signature.detail);
    // Counted once authentic: unsigned junk naming a tenant must not use up that tenant's allowance.
    this.limiter.enforce('webhook', tenant.id, res);

    const idempotencyKey = req.header(IDEMPOTENCY_HEADER);
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ProblemException(400, 'validation', 'The Idempotency-Key header is required.', {
        errors: [{ field: 'headers.idempotency-key', problem: 'must be 1–200 printable ASCII characters' }],
      });
    }
    // Deep nesting and own `constructor` keys make the validator throw (they were a 500): refuse them first.
    const hostile = hostileJson(req.body);
    if (hostile) throw new ProblemException(400, 'validation', 'The event is invalid.', { errors: [hostile] });
    const event = validateLenderEvent(req.body);
    if (!event.ok) throw new ProblemException(400, 'validation', 'The event is invalid.', { errors: event.errors });

    const bodyHash = createHash('sha256').update(req.rawBody).digest('hex');
    const outcome = await this.dataSource.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO webhook_receipt (tenant_id, idempotency_key, body_sha256) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [tenant.id, idempotencyKey, bodyHash],
      );
      if (claimed.length === 0) {
        const [earlier] = await tx.query(
          `SELECT body_sha256, response_status, response_body FROM webhook_receipt WHERE tenant_id = $1 AND idempotency_key = $2`,
          [tenant.id, idempotencyKey],
        );
        return { kind: 'replay' as const, earlier: earlier as { body_sha256: string; response_status: number; response_body: object } };
      }
      const result = await this.intake.accept(tx, new OutboxWriter(tx), tenant.id, event.value, 'webhook');
      const body = { status: result.duplicate ? 'duplicate' : 'accepted', eventIds: result.eventIds };
      await tx.query(`UPDATE webhook_receipt SET response_status = 202, response_body = $3 WHERE tenant_id = $1 AND idempotency_key = $2`, [
        tenant.id, idempotencyKey, body,
      ]);
      return { kind: 'fresh' as const, body };
    });

    if (outcome.kind === 'replay') {
      if (outcome.earlier.body_sha256 !== bodyHash) {
        throw new ProblemException(409, 'idempotency-key-reused', 'This Idempotency-Key was used with a different body.');
      }
      res.status(outcome.earlier.response_status).setHeader('Idempotent-Replayed', 'true').json(outcome.earlier.response_body);
      return;
    }
    res.status(202).json(outcome.body);
  }
}
