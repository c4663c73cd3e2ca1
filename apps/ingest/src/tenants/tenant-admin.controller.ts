import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import { IsString, Length } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import { IngestConfig } from '../ingest.config';
import { TenantRepository } from './tenant.repository';

class CreateTenantRequest {
  @IsString()
  @Length(1, 120)
  displayName!: string;
}

/** Minimal tenant administration; the full admin API (keys, scopes, rotation) builds on it. */
@Controller('v1/admin/tenants')
export class TenantAdminController {
  constructor(
    private readonly tenants: TenantRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    this.authorise(authorization);
    const request = validateAs(CreateTenantRequest, body);
    if (!request.ok) throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors: request.errors });
    const tenant = await this.tenants.create(request.value.displayName);
    // The secret is shown once, here; it is never logged.
    return { tenantId: tenant.id, displayName: tenant.displayName, webhookSecret: tenant.webhookSecrets[0] };
  }

  private authorise(header: string | undefined): void {
    const token = this.config.INGEST_ADMIN_TOKEN;
    if (!token) throw new ProblemException(404, 'not-found', 'The admin API is not enabled.');
    const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ProblemException(401, 'unauthorized', 'A valid admin bearer token is required.');
    }
  }
}
