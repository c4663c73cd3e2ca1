import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ISO_INSTANT, validateAs } from '@settle/contracts';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { OperatorOrTenantAdminGuard } from '../auth/api-key.guard';
import { IngestConfig } from '../ingest.config';
import { hostileJson } from '@settle/contracts';
import { OUTBOUND_EVENT_TYPES } from './domain/outbound-events';
import { DELIVERY_STATUSES, DeliveryStatus, WebhookDeliveryRepository, decodeCursor } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

class PutEndpointRequest {
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;

  /** Public event types to receive; absent or empty: all of them. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(OUTBOUND_EVENT_TYPES.length)
  @IsIn(OUTBOUND_EVENT_TYPES, { each: true, message: `each event type must be one of ${OUTBOUND_EVENT_TYPES.join(', ')}` })
  eventTypes?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

class ListDeliveriesQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional()
  @IsIn(OUTBOUND_EVENT_TYPES)
  eventType?: string;

  @IsOptional()
  @Matches(/^(100|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 100' })
  limit?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

class ReplayFailedRequest {
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: 'since must be an instant with a time and an offset, e.g. 2026-03-02T10:00:00Z' })
  since!: string;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ProblemException(404, 'not-found', 'No such tenant or delivery.') });

function invalid(errors: { field: string; problem: string }[]): never {
  throw new ProblemException(400, 'validation', 'The request is invalid.', { errors });
}

/** Validates a body or query; refuses first what would make the validator throw (see libs/contracts hostile-json.ts). */
function validated<T extends object>(schema: new () => T, input: unknown): T {
  const hostile = hostileJson(input);
  if (hostile) invalid([hostile]);
  const result = validateAs(schema, input);
  if (!result.ok) invalid(result.errors);
  return result.value;
}

/**
 * A tenant's outbound webhooks: its endpoint (URL, event-type filter, on/off; the signing secret
 * shown once), the delivery log with every attempt, and replays. The operator (ADMIN_TOKEN) or
 * the tenant's own `admin`-scoped API key.
 */
@Controller('v1/admin/tenants/:id')
@UseGuards(OperatorOrTenantAdminGuard)
export class WebhookAdminController {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  private get maxAgeMs(): number {
    return this.config.OUTBOUND_WEBHOOK_MAX_AGE_HOURS * 3_600_000;
  }

  private async requireTenant(tenantId: string): Promise<void> {
    if (!(await this.endpoints.tenantExists(tenantId))) throw new ProblemException(404, 'not-found', 'No such tenant.');
  }

  /** Creates (201, with `signingSecret` shown this once) or replaces (200) the endpoint's settings. */
  @Put('webhook-endpoint')
  async put(@Param('id', uuid) tenantId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { url, eventTypes = [], enabled = true } = validated(PutEndpointRequest, body);
    await this.requireTenant(tenantId);
    const result = await this.endpoints.put(tenantId, { url, eventTypes, enabled }, this.clock.now());
    res.status(result.signingSecret ? 201 : 200);
    return { ...result.endpoint, ...(result.signingSecret ? { signingSecret: result.signingSecret } : {}) };
  }

  @Get('webhook-endpoint')
  async get(@Param('id', uuid) tenantId: string) {
    const endpoint = await this.endpoints.find(tenantId);
    if (!endpoint) throw new ProblemException(404, 'not-found', 'This tenant has no webhook endpoint.');
    return endpoint;
  }

  /** A new signing secret, shown this once; deliveries are signed with it from now on. */
  @Post('webhook-endpoint/rotate-secret')
  @HttpCode(200)
  async rotate(@Param('id', uuid) tenantId: string) {
    const signingSecret = await this.endpoints.rotateSecret(tenantId, this.clock.now());
    if (!signingSecret) throw new ProblemException(404, 'not-found', 'This tenant has no webhook endpoint.');
    return { signingSecret };
  }

  @Delete('webhook-endpoint')
  @HttpCode(204)
  async remove(@Param('id', uuid) tenantId: string): Promise<void> {
    if (!(await this.endpoints.remove(tenantId))) throw new ProblemException(404, 'not-found', 'This tenant has no webhook endpoint.');
  }

  /** The delivery log, newest first: status, every attempt's status code and latency, the next attempt. */
  @Get('webhook-deliveries')
  async list(@Param('id', uuid) tenantId: string, @Query() query: unknown) {
    const request = validated(ListDeliveriesQuery, { ...(query as object) });
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    if (request.cursor !== undefined && !cursor) invalid([{ field: 'cursor', problem: 'is not a cursor this API returned' }]);
    await this.requireTenant(tenantId);
    return this.deliveries.list(tenantId, {
      status: request.status,
      eventType: request.eventType,
      limit: request.limit ? Number(request.limit) : 50,
      cursor,
    });
  }

  @Get('webhook-deliveries/:deliveryId')
  async getOne(@Param('id', uuid) tenantId: string, @Param('deliveryId', uuid) deliveryId: string) {
    const delivery = await this.deliveries.get(tenantId, deliveryId);
    if (!delivery) throw new ProblemException(404, 'not-found', 'This tenant has no such delivery.');
    return delivery;
  }

  /** Sends one delivery again (whatever its status), with the same event id. */
  @Post('webhook-deliveries/:deliveryId/replay')
  @HttpCode(202)
  async replayOne(@Param('id', uuid) tenantId: string, @Param('deliveryId', uuid) deliveryId: string) {
    if (!(await this.deliveries.replayOne(tenantId, deliveryId, this.clock.now(), this.maxAgeMs))) {
      throw new ProblemException(404, 'not-found', 'This tenant has no such delivery.');
    }
    return { replayed: [deliveryId] };
  }

  /** Sends again every failed delivery of an event queued at or after `since`. */
  @Post('webhook-deliveries/replay')
  @HttpCode(202)
  async replayFailed(@Param('id', uuid) tenantId: string, @Body() body: unknown) {
    const { since } = validated(ReplayFailedRequest, body);
    await this.requireTenant(tenantId);
    return { replayed: await this.deliveries.replayFailedSince(tenantId, new Date(since), this.clock.now(), this.maxAgeMs) };
  }
}
