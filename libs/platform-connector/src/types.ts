import type { LenderAllows, RestructuringKind } from '@settle/negotiation';

/*
 * The lender platform's account API as Settle reads and writes it. Money is integer minor units
 * with an ISO 4217 code; dates are calendar dates (YYYY-MM-DD) or UTC instants.
 */

export interface PlatformMoney {
  amountMinor: number;
  currency: string;
}

export type InstalmentStatus = 'paid' | 'partially_paid' | 'due' | 'overdue';

export interface PlatformInstalment {
  number: number;
  dueDate: string;
  amount: PlatformMoney;
  paid: PlatformMoney;
  status: InstalmentStatus;
}

/** One account (one purchase financed) as the lender's books show it now. */
export interface PlatformAccount {
  externalRef: string;
  product: 'pay_in_4' | 'monthly';
  orderRef: string;
  merchantName: string;
  /** Where the debtor lives, for the rule book: 'DE', 'GB', 'US-CA'… */
  jurisdiction: string;
  currency: string;
  /** What is still owed (Σ unpaid instalment remainders). */
  balance: PlatformMoney;
  /** Fees charged on the account so far (counted against statutory fee caps). */
  feesCharged: PlatformMoney;
  instalments: PlatformInstalment[];
  /** The restructured plan in force, if one was written back. */
  activePlan?: { planRef: string; planId: string; agreedAt: string };
}

export interface PlatformPayment {
  paymentId: string;
  amount: PlatformMoney;
  paidAt: string;
  /** The instalment it was applied to first, if any. */
  instalmentNumber?: number;
}

/** What the lender allows for this account, plus how often it was already restructured. */
export interface PlatformRestructurings {
  kinds: RestructuringKind[];
  maxInstalments: number;
  maxExtensionDays: number;
  maxSettlementDiscountBps: number;
  maxFeeMinor?: number;
  reschedulesSoFar: number;
}

export const AGREEMENT_SOURCES = ['voice', 'plan_link', 'api'] as const;
export type AgreementSource = (typeof AGREEMENT_SOURCES)[number];

/** An agreed plan, to be written back to the lender's platform. */
export interface PlanWriteBack {
  /** Settle's plan id (UUID). */
  planId: string;
  source: AgreementSource;
  kind: RestructuringKind;
  currency: string;
  instalments: { dueDate: string; amount: PlatformMoney }[];
  /** The part of the plan's total that is fees. */
  feeMinor: number;
  agreedAt: string;
}

export interface PlanWriteResult {
  planRef: string;
  /** True when the platform had already taken this idempotency key and replayed its first answer. */
  replayed: boolean;
}

export interface CallOptions {
  /** Abort the whole call (every attempt and back-off) with this signal. */
  signal?: AbortSignal;
  /** The caller's time budget for the call, all attempts and back-offs included (ms). */
  budgetMs?: number;
}

/** The port through which Settle reads live account data from, and writes plans to, a lender platform. */
export interface PlatformConnector {
  balance(externalRef: string, options?: CallOptions): Promise<PlatformAccount>;
  payments(externalRef: string, options?: CallOptions): Promise<PlatformPayment[]>;
  restructurings(externalRef: string, options?: CallOptions): Promise<PlatformRestructurings>;
  /** Idempotent: the same key writes the plan once; the same key with another plan is a conflict. */
  writePlan(externalRef: string, plan: PlanWriteBack, idempotencyKey: string, options?: CallOptions): Promise<PlanWriteResult>;
}

/** The lender's bounds as @settle/negotiation takes them. */
export function toLenderAllows(r: PlatformRestructurings): LenderAllows {
  return {
    kinds: r.kinds,
    maxInstalments: r.maxInstalments,
    maxExtensionDays: r.maxExtensionDays,
    maxSettlementDiscountBps: r.maxSettlementDiscountBps,
    ...(r.maxFeeMinor === undefined ? {} : { maxFeeMinor: r.maxFeeMinor }),
  };
}
