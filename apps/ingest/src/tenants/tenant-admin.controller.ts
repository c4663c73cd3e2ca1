import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { IsString, Length } from 'class-validator';
import { TenantRepository } from './tenant.repository';

class CreateTenantRequest {
  @IsString()
  @Length(1, 120)
  displayName!: string;
}

/** Minimal tenant administration; the full admin API (keys, scopes, rotation) builds on it. */
@Controller('v1/admin/tenants')
@UseGuards(AdminTokenGuard)
export class TenantAdminController {
  constructor(private readonly tenants: TenantRepository) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const request = validateAs(CreateTenantRequest, body);
    if (!request.ok) throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors: request.errors });
    const tenant = await this.tenants.create(request.value.displayName);
    // The secret is shown once, here; it is never logged.
    return { tenantId: tenant.id, displayName: tenant.displayName, webhookSecret: tenant.webhookSecrets[0] };
  }
}
