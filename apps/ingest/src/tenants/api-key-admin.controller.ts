import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { validateAs } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsString, Length } from 'class-validator';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { OperatorOrTenantAdminGuard } from '../auth/api-key.guard';
import { SCOPES, Scope } from '../auth/scopes';
import { TenantRepository } from './tenant.repository';

class CreateApiKeyRequest {
  @IsString()
  @Length(1, 120)
  name!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true, message: `each scope must be one of ${SCOPES.join(', ')}` })
  scopes!: Scope[];
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(404, 'not-found', 'No such tenant or key.'),
});

/**
 * A tenant's API keys: created (the key is shown once, in this response), listed (never the
 * secret), revoked. The operator (ADMIN_TOKEN) or the tenant's own `admin`-scoped key.
 */
@Controller('v1/admin/tenants/:id/api-keys')
@UseGuards(OperatorOrTenantAdminGuard)
export class ApiKeyAdminController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Param('id', uuid) tenantId: string, @Body() body: unknown) {
    const request = validateAs(CreateApiKeyRequest, body);
    if (!request.ok) throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors: request.errors });
    await this.requireTenant(tenantId);
    return this.keys.create(tenantId, request.value.name, request.value.scopes);
  }

  @Get()
  async list(@Param('id', uuid) tenantId: string) {
    await this.requireTenant(tenantId);
    return { items: await this.keys.list(tenantId) };
  }

  @Delete(':keyId')
  async revoke(@Param('id', uuid) tenantId: string, @Param('keyId', uuid) keyId: string) {
    const revoked = await this.keys.revoke(tenantId, keyId, this.clock.now());
    if (!revoked) throw new ProblemException(404, 'not-found', 'This tenant has no such key.');
    return revoked;
  }

  private async requireTenant(tenantId: string): Promise<void> {
    if (!(await this.tenants.find(tenantId))) throw new ProblemException(404, 'not-found', 'No such tenant.');
  }
}
