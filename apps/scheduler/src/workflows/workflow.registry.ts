import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_WORKFLOW, SKELETON_WORKFLOW, Workflow } from '../domain/workflow';
import { WorkflowDefinitionDto } from './workflow-definition.dto';

const HOUR = 3600 * 1000;
const BUILT_IN: Record<string, Workflow> = { [SKELETON_WORKFLOW.id]: SKELETON_WORKFLOW, [DEFAULT_WORKFLOW.id]: DEFAULT_WORKFLOW };

/** Tenant workflows by id (`tenant:<uuid>:v<n>`), plus the built-in ones; versions never change, so they cache forever. */
@Injectable()
export class WorkflowRegistry {
  private readonly cache = new Map<string, Workflow>();

  constructor(private readonly dataSource: DataSource) {}

  /** The workflow a new case of this tenant starts on. */
  async currentFor(tx: EntityManager, tenantId: string): Promise<Workflow> {
    const [row] = await tx.query(`SELECT version, definition FROM workflow_version WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`, [tenantId]);
    return row ? this.remember(toWorkflow(tenantId, row.version, row.definition)) : SKELETON_WORKFLOW;
  }

  async byId(id: string): Promise<Workflow> {
    const known = BUILT_IN[id] ?? this.cache.get(id);
    if (known) return known;
    const match = /^tenant:([0-9a-f-]{36}):v(\d+)$/.exec(id);
    if (!match) throw new Error(`unknown workflow ${id}`);
    const [row] = await this.dataSource.query(`SELECT definition FROM workflow_version WHERE tenant_id = $1 AND version = $2`, [match[1], Number(match[2])]);
    if (!row) throw new Error(`unknown workflow ${id}`);
    return this.remember(toWorkflow(match[1], Number(match[2]), row.definition));
  }

  async save(tenantId: string, definition: WorkflowDefinitionDto): Promise<Workflow> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`workflow:${tenantId}`]);
      const [row] = await tx.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM workflow_version WHERE tenant_id = $1`, [tenantId]);
      const stored = JSON.parse(JSON.stringify(definition));
      await tx.query(`INSERT INTO workflow_version (tenant_id, version, definition) VALUES ($1, $2, $3)`, [tenantId, row.next, stored]);
      return this.remember(toWorkflow(tenantId, row.next, stored));
    });
  }

  private remember(workflow: Workflow): Workflow {
    this.cache.set(workflow.id, workflow);
    return workflow;
  }
}

function toWorkflow(tenantId: string, version: number, definition: WorkflowDefinitionDto): Workflow {
  return {
    id: `tenant:${tenantId}:v${version}`,
    version,
    steps: definition.steps.map(({ waitHours, ...step }) => ({ ...step, waitMs: waitHours * HOUR })),
  };
}
