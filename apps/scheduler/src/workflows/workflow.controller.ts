import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { WorkflowDefinitionDto, crossFieldProblems } from './workflow-definition.dto';
import { WorkflowRegistry } from './workflow.registry';

/** Tenant workflows: each save is a new version, validated before it is stored; running cases keep theirs. */
@Controller('v1/tenants/:tenantId/workflow')
@UseGuards(AdminTokenGuard)
export class WorkflowController {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly dataSource: DataSource,
  ) {}

  @Put()
  @HttpCode(201)
  async save(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: unknown) {
    const parsed = validateAs(WorkflowDefinitionDto, body);
    const errors = parsed.ok ? crossFieldProblems(parsed.value) : parsed.errors;
    if (!parsed.ok || errors.length > 0) throw new ProblemException(400, 'validation', 'The workflow is invalid.', { errors });
    const saved = await this.workflows.save(tenantId, parsed.value);
    return { workflowId: saved.id, version: saved.version };
  }

  @Get()
  async current(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    const workflow = await this.workflows.currentFor(this.dataSource.manager, tenantId);
    return { workflowId: workflow.id, version: workflow.version ?? null, steps: workflow.steps };
  }
}
