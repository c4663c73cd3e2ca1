import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '@settle/config';
import { validateAs } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import type { Request } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsString, Length } from 'class-validator';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { OperatorOrTenantAdminGuard } from '../auth/api-key.guard';
import { SCOPES, Scope } from '../auth/scopes';
import { asRequester } from '../auth/tenant-scope';
import { ApiProblems } from '../api/openapi-decorators';
import { API_KEY_SCHEMA, CREATE_API_KEY_SCHEMA, CREATED_API_KEY_SCHEMA } from './tenant.openapi';
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
 * secret), revoked. The operator (ADMIN_TOKEN) or the tenant's own `admin`-scoped key, whose
 * queries then run under row-level security for its tenant.
 */
@ApiTags('tenant admin')
@Controller('v1/admin/tenants/:id/api-keys')
@UseGuards(OperatorOrTenantAdminGuard)
export class ApiKeyAdminController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key; the answer shows the key once. Operator, or the tenant\'s own admin key.' })
  @ApiBody({ schema: CREATE_API_KEY_SCHEMA })
  @ApiCreatedResponse({ schema: CREATED_API_KEY_SCHEMA })
  @ApiProblems(400, 401, 403, 404, 429)
  async create(@Req() req: Request, @Param('id', uuid) tenantId: string, @Body() body: unknown) {
    const request = validateAs(CreateApiKeyRequest, body);
    if (!request.ok) throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors: request.errors });
    return asRequester(this.dataSource, req, async (db) => {
      await this.requireTenant(tenantId, db);
      return this.keys.create(tenantId, request.value.name, request.value.scopes, db);
    });
  }

  @Get()
  @ApiOperation({ summary: "The tenant's API keys, revoked ones included (never a secret)." })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: API_KEY_SCHEMA } } } })
  @ApiProblems(401, 403, 404, 429)
  async list(@Req() req: Request, @Param('id', uuid) tenantId: string) {
    return asRequester(this.dataSource, req, async (db) => {
      await this.requireTenant(tenantId, db);
      return { items: await this.keys.list(tenantId, db) };
    });
  }

  @Delete(':keyId')
  @ApiOperation({ summary: 'Revoke a key, at once; revoking again keeps the first time.' })
  @ApiOkResponse({ schema: API_KEY_SCHEMA })
  @ApiProblems(401, 403, 404, 429)
  async revoke(@Req() req: Request, @Param('id', uuid) tenantId: string, @Param('keyId', uuid) keyId: string) {
    const revoked = await asRequester(this.dataSource, req, (db) => this.keys.revoke(tenantId, keyId, this.clock.now(), db));
    if (!revoked) throw new ProblemException(404, 'not-found', 'This tenant has no such key.');
    return revoked;
  }

  private async requireTenant(tenantId: string, db: DataSource | EntityManager): Promise<void> {
    if (!(await this.tenants.findUncached(tenantId, db))) throw new ProblemException(404, 'not-found', 'No such tenant.');
  }
}
