import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';

/** The human desk's view of escalated calls: the case file of each hand-over. Operator token. */
@Controller('v1/desk/handoffs')
@UseGuards(AdminTokenGuard)
export class DeskController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@Query('tenantId') tenantId?: string, @Query('limit') limitText?: string): Promise<{ handoffs: unknown[] }> {
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ProblemException(400, 'validation', 'limit must be a whole number from 1 to 200.', { errors: [{ field: 'limit', problem: 'must be 1–200' }] });
    if (tenantId !== undefined && !/^[0-9a-f-]{36}$/i.test(tenantId)) throw new ProblemException(400, 'validation', 'tenantId must be a UUID.', { errors: [{ field: 'tenantId', problem: 'must be a UUID' }] });
    const rows = await this.dataSource.query(
      `SELECT id, call_id, tenant_id, case_id, created_at, case_file->>'whyEscalated' AS why, case_file->>'suggestedNextStep' AS next_step
       FROM desk_handoff WHERE ($1::uuid IS NULL OR tenant_id = $1) ORDER BY created_at DESC LIMIT $2`,
      [tenantId ?? null, limit],
    );
    return {
      handoffs: rows.map((r: Record<string, unknown>) => ({
        handoffId: r.id, callId: r.call_id, tenantId: r.tenant_id, caseId: r.case_id, createdAt: new Date(r.created_at as string).toISOString(), whyEscalated: r.why, suggestedNextStep: r.next_step,
      })),
    };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<unknown> {
    const [row] = await this.dataSource.query(`SELECT case_file FROM desk_handoff WHERE id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'not-found', 'No hand-over has this id.');
    return row.case_file;
  }
}
