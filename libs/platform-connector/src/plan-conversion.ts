import { InstalmentPlan, Money, makePlan, money } from '@settle/negotiation';
import type { PlatformAccount } from './types';

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
