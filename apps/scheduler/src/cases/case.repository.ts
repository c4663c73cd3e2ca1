import { Injectable } from '@nestjs/common';
import type { ContactProfile } from '@settle/contracts';
import type { EntityManager } from 'typeorm';
import { CaseStatus, RecoveryCaseState, Transition } from '../domain/recovery-case';

export interface StoredCase {
  state: RecoveryCaseState;
  contact: ContactProfile;
  /** The lender's account reference (absent on cases opened before it was kept). */
  externalAccountRef?: string;
}

/** Reads and writes recovery cases; always inside the caller's transaction. */
@Injectable()
export class CaseRepository {
  async findOpenForAccount(tx: EntityManager, tenantId: string, accountId: string): Promise<StoredCase | undefined> {
    const [row] = await tx.query(
      `SELECT * FROM recovery_case WHERE tenant_id = $1 AND account_id = $2 AND status NOT IN ('resolved', 'closed', 'written_off') FOR UPDATE`,
      [tenantId, accountId],
    );
    return row ? toStored(row) : undefined;
  }

  async lock(tx: EntityManager, caseId: string, options: { skipLocked?: boolean } = {}): Promise<StoredCase | undefined> {
    const [row] = await tx.query(`SELECT * FROM recovery_case WHERE id = $1 FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`, [caseId]);
    return row ? toStored(row) : undefined;
  }

  async insert(tx: EntityManager, state: RecoveryCaseState, contact: ContactProfile, externalAccountRef: string): Promise<void> {
    await tx.query(
      `INSERT INTO recovery_case (id, tenant_id, account_id, status, workflow_id, next_step, currency, amount_due_minor,
         recovered_minor, instalments, contacts_sent, contact, opened_at, closed_at, outcome, external_account_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        state.id, state.tenantId, state.accountId, state.status, state.workflowId, state.nextStep, state.currency,
        state.amountDueMinor, state.recoveredMinor, JSON.stringify(state.instalments), state.contactsSent, contact,
        state.openedAt, state.closedAt ?? null, state.outcome ?? null, externalAccountRef,
      ],
    );
  }

  async update(tx: EntityManager, state: RecoveryCaseState, contact?: ContactProfile): Promise<void> {
    await tx.query(
      `UPDATE recovery_case SET status = $2, next_step = $3, amount_due_minor = $4, recovered_minor = $5, instalments = $6,
         contacts_sent = $7, closed_at = $8, outcome = $9, contact = COALESCE($10, contact), open_disputes = $11, opted_out = $12,
         hold_reason = $13, hold_until = $14
       WHERE id = $1`,
      [
        state.id, state.status, state.nextStep, state.amountDueMinor, state.recoveredMinor, JSON.stringify(state.instalments),
        state.contactsSent, state.closedAt ?? null, state.outcome ?? null, contact ?? null, state.openDisputes ?? [],
        state.optedOut ?? [], state.holdReason ?? null, state.holdUntil ?? null,
      ],
    );
  }

  async recordTransitions(tx: EntityManager, caseId: string, transitions: Transition[]): Promise<void> {
    for (const t of transitions) {
      await tx.query(
        `INSERT INTO case_transition (case_id, from_status, to_status, cause_event_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [caseId, t.from, t.to, t.causeEventId, t.reason, t.at],
      );
    }
  }
}

function toStored(row: Record<string, unknown>): StoredCase {
  return {
    contact: row.contact as ContactProfile,
    ...(row.external_account_ref ? { externalAccountRef: row.external_account_ref as string } : {}),
    state: {
      id: row.id as string,
      tenantId: row.tenant_id as string,
      accountId: row.account_id as string,
      status: row.status as CaseStatus,
      workflowId: row.workflow_id as string,
      nextStep: row.next_step as number,
      currency: (row.currency as string).trim(),
      amountDueMinor: Number(row.amount_due_minor),
      recoveredMinor: Number(row.recovered_minor),
      instalments: row.instalments as RecoveryCaseState['instalments'],
      contactsSent: row.contacts_sent as number,
      openedAt: row.opened_at as Date,
      closedAt: (row.closed_at as Date | null) ?? undefined,
      outcome: (row.outcome as RecoveryCaseState['outcome'] | null) ?? undefined,
      openDisputes: row.open_disputes as string[],
      optedOut: row.opted_out as RecoveryCaseState['optedOut'],
      holdReason: (row.hold_reason as string | null) ?? undefined,
      holdUntil: (row.hold_until as Date | null) ?? undefined,
    },
  };
}
