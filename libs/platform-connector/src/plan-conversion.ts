import { InstalmentPlan, Money, OfferPreferences, RestructuringInput, SayCanPay, TenantPolicy, makePlan, money } from '@settle/negotiation';
import { type PlatformAccount, type PlatformRestructurings, toLenderAllows } from './types';

/** What is still owed on the account, as @settle/negotiation's plan: each unpaid remainder on its due date. */
export function remainingPlanOf(account: PlatformAccount): InstalmentPlan {
  const open = account.instalments
    .filter((i) => i.amount.amountMinor - i.paid.amountMinor > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
    .map((i) => ({ dueDate: i.dueDate, amount: money(i.amount.amountMinor - i.paid.amountMinor, account.currency) }));
  return makePlan(open, account.currency);
}

export function balanceOf(account: PlatformAccount): Money {
  return money(account.balance.amountMinor, account.balance.currency);
}

/**
 * The in-process path (the voice agent calls this and @settle/negotiation directly inside a
 * turn): live account data and the lender's bounds, with the tenant's policy and the debtor's
 * jurisdiction, as the input of `restructuringOptions`.
 */
export function restructuringInputOf(
  account: PlatformAccount,
  allowed: PlatformRestructurings,
  tenantPolicy: TenantPolicy,
  today: string,
  extra: { jurisdiction?: string; sayCanPay?: SayCanPay; preferences?: OfferPreferences } = {},
): RestructuringInput {
  return {
    balance: balanceOf(account),
    remainingPlan: remainingPlanOf(account),
    lenderAllows: toLenderAllows(allowed),
    tenantPolicy,
    reschedulesSoFar: allowed.reschedulesSoFar,
    jurisdiction: extra.jurisdiction ?? account.jurisdiction,
    today,
    feesChargedSoFar: money(account.feesCharged.amountMinor, account.currency),
    ...(extra.sayCanPay ? { sayCanPay: extra.sayCanPay } : {}),
    ...(extra.preferences ? { preferences: extra.preferences } : {}),
  };
}
