import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_POLICY, NegotiationPolicyDto, StoredPolicy } from './policy.dto';

@Injectable()
export class PolicyRepository {
  async get(tx: EntityManager, tenantId: string): Promise<StoredPolicy> {
    const rows: { policy: StoredPolicy['policy']; plan_rule: StoredPolicy['planRule']; version: number }[] = await tx.query(
      'SELECT policy, plan_rule, version FROM tenant_policy WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0] ? { policy: rows[0].policy, planRule: rows[0].plan_rule, version: rows[0].version } : DEFAULT_POLICY;
  }

  async save(tx: EntityManager, tenantId: string, dto: NegotiationPolicyDto): Promise<number> {
    const { planRule, ...policy } = dto;
    const rows: { version: number }[] = await tx.query(
      `INSERT INTO tenant_policy (tenant_id, policy, plan_rule) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET policy = EXCLUDED.policy, plan_rule = EXCLUDED.plan_rule, version = tenant_policy.version + 1, updated_at = now()
       RETURNING version`,
      [tenantId, JSON.stringify(policy), JSON.stringify(planRule)],
    );
    return rows[0].version;
  }
}
