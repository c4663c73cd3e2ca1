// The pure negotiation maths: integer minor-unit money, exact splits, schedules, plan operations
// and the restructuring options a debtor may be offered. No framework, I/O or clock in here.
export * from './money';
export * from './dates';
export * from './split';
export * from './plans';
export * from './options';
