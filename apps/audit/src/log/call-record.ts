/*
 * "Was this call lawful?" answered from a case's audit entries alone: for each AI call, what the
 * scheduler's compliance gate allowed (the voice.requested command exists only after it did; its
 * refusals are contact.blocked / contact.deferred), what the call had to disclose, whether the right
 * party was checked before anything was said about the debt, what the guardrails stopped, and how
 * it ended. Facts only, as the events carry them; nothing here re-decides the law.
 */

export interface AuditedEvent {
  position: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface GateRefusal {
  position: number;
  at: string;
  outcome: 'block' | 'defer';
  ruleIds: string[];
  reasons: string[];
  until?: string;
}

export interface CallComplianceRecord {
  stepId: string;
  callId: string | null;
  /** When the scheduler's gate had allowed the call and it was requested; null if only refusals were seen. */
  requestedAt: string | null;
  jurisdiction: string | null;
  /** Disclosure ids (or texts) the compliance gate required in this call. */
  requiredDisclosures: string[];
  /** The right-party factor the agent could check; null: a limited-content message only, nothing disclosed. */
  rightPartyFactor: string | null;
  gateRefusals: GateRefusal[];
  dialledAt: string | null;
  answeredBy: 'human' | 'machine' | 'none' | null;
  /** Script stages in the order the turns reported them. */
  stages: string[];
  /** The script reached the conversation, which it enters only after the right-party check passed. */
  rightPartyVerified: boolean;
  /** Agent sentences the guardrails refused to say (e.g. a debt detail before verification). */
  blockedUtterances: number;
  tools: { tool: string; ok: boolean }[];
  linksSent: number;
  escalations: { handoffId: string; reason: string; transferred: boolean }[];
  ended: { at: string; outcome: string; endReason: string; durationSeconds: number; turns: number } | null;
  /** The audit positions this record was built from, to look each one up. */
  positions: number[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function emptyRecord(stepId: string): CallComplianceRecord {
  return {
    stepId, callId: null, requestedAt: null, jurisdiction: null, requiredDisclosures: [], rightPartyFactor: null, gateRefusals: [],
    dialledAt: null, answeredBy: null, stages: [], rightPartyVerified: false, blockedUtterances: 0, tools: [], linksSent: 0, escalations: [],
    ended: null, positions: [],
  };
}

/** One record per voice step of the case, in the order the steps first appear. */
export function callComplianceRecords(entries: AuditedEvent[]): CallComplianceRecord[] {
  const byStep = new Map<string, CallComplianceRecord>();
  const voiceSteps = new Set(entries.filter((e) => e.type === 'voice.requested' || e.type.startsWith('call.')).map((e) => str(e.data.stepId)));
  const recordOf = (stepId: string) => {
    let r = byStep.get(stepId);
    if (!r) byStep.set(stepId, (r = emptyRecord(stepId)));
    return r;
  };

  for (const e of [...entries].sort((a, b) => a.position - b.position)) {
    const stepId = str(e.data.stepId);
    if (!stepId) continue;
    const d = e.data;
    if (e.type === 'contact.blocked' || e.type === 'contact.deferred') {
      // The gate's refusals of a voice step: the channel says so, or the step is a call's.
      if (d.channel !== 'voice' && !voiceSteps.has(stepId)) continue;
      const r = recordOf(stepId);
      r.gateRefusals.push({
        position: e.position, at: e.occurredAt, outcome: e.type === 'contact.blocked' ? 'block' : 'defer', ruleIds: strings(d.ruleIds), reasons: strings(d.reasons),
        ...(str(d.until) ? { until: str(d.until)! } : {}),
      });
      r.positions.push(e.position);
      continue;
    }
    if (e.type !== 'voice.requested' && !e.type.startsWith('call.')) continue;
    const r = recordOf(stepId);
    r.positions.push(e.position);
    r.callId ??= str(d.callId);
    switch (e.type) {
      case 'voice.requested': {
        r.requestedAt = e.occurredAt;
        r.jurisdiction = str(d.jurisdiction);
        r.requiredDisclosures = strings(d.disclosures);
        const factor = d.verification as { kind?: unknown } | undefined;
        r.rightPartyFactor = str(factor?.kind);
        break;
      }
      case 'call.dialled':
        r.dialledAt = e.occurredAt;
        break;
      case 'call.answered':
        r.answeredBy = d.answeredBy === 'machine' ? 'machine' : 'human';
        break;
      case 'call.turn': {
        const stage = str(d.stage);
        if (stage && r.stages[r.stages.length - 1] !== stage) r.stages.push(stage);
        if (stage === 'conversation') r.rightPartyVerified = true;
        r.blockedUtterances += typeof d.blockedUtterances === 'number' ? d.blockedUtterances : 0;
        break;
      }
      case 'call.tool_called':
        r.tools.push({ tool: str(d.tool) ?? '?', ok: d.ok === true });
        break;
      case 'call.link_sent':
        r.linksSent += 1;
        break;
      case 'call.escalated':
        r.escalations.push({ handoffId: str(d.handoffId) ?? '', reason: str(d.reason) ?? '', transferred: d.transferred === true });
        break;
      case 'call.ended':
        r.answeredBy = (str(d.answeredBy) as CallComplianceRecord['answeredBy']) ?? r.answeredBy;
        r.ended = {
          at: e.occurredAt, outcome: str(d.outcome) ?? '?', endReason: str(d.endReason) ?? '?',
          durationSeconds: Number(d.durationSeconds ?? 0), turns: Number(d.turns ?? 0),
        };
        break;
    }
  }
  return [...byStep.values()];
}
