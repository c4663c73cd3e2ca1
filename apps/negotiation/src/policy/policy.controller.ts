import { Body, Controller, Get, Param, ParseUUIDPipe, Put, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { NegotiationPolicyDto, crossFieldProblems } from './policy.dto';
import { PolicyRepository } from './policy.repository';

/** Operator endpoint: a tenant's negotiation policy (bounds of what may be offered, the missed-instalment rule). */
@Controller('v1/tenants/:tenantId/negotiation-policy')
@UseGuards(AdminTokenGuard)
export class PolicyController {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Put()
  async save(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: unknown) {
    const parsed = validateAs(NegotiationPolicyDto, body);
    const errors = parsed.ok ? crossFieldProblems(parsed.value) : parsed.errors;
    if (!parsed.ok || errors.length > 0) throw new ProblemException(400, 'validation', 'The negotiation policy is invalid.', { errors });
    const version = await this.policies.save(this.dataSource.manager, tenantId, parsed.value);
    return { tenantId, version };
  }

  @Get()
  async get(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    const stored = await this.policies.get(this.dataSource.manager, tenantId);
    return { tenantId, ...stored.policy, planRule: stored.planRule, version: stored.version };
  }
}
