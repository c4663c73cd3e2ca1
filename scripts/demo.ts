// `npm run demo`: Settle end to end, as separate processes over the real Kafka broker and
// PostgreSQL, with one scaled clock so a week of recovery plays out in a few minutes.
//
// A lender's portfolio of 36 BNPL accounts in nine time zones misses instalments; Settle opens a
// case per account and texts each debtor through the SNS sandbox, within the contact hours of the
// debtor's jurisdiction (never outside 08:00–21:00 local); a scripted subset pays (in full, late, or
// only half) as their messages arrive. At the end it prints one row per account and the totals from
// the scheduler, analytics and audit, and checks that the run made sense. Run it through
// scripts/demo.sh (it sets up everything, the broker included).
import 'reflect-metadata';
import { clockFromSpec } from '@settle/config';
import { accountIdFor } from '@settle/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DemoDatabase, DemoTopics, createDemoDatabase, createDemoTopics } from './demo/infra';
import { LenderClient, Tenant, instalmentMissed, paymentReceived } from './demo/lender';
import { DemoAccount, Payment, buildPortfolio, paysInFull } from './demo/portfolio';
import { ChildService, describeExit, freePorts, logDigest, sleep } from './demo/processes';
import { duration, localHour, localTime, money, percent, settleTime, table } from './demo/report';
import { SmtpSink } from './demo/smtp-sink';
import { practiceCall } from './demo/practice-call';
import { CaseDetail, CaseSummary, SettleApi, TenantSummary } from './demo/settle-api';

/** Settle time starts on a Monday at 05:00 UTC: before dawn in Europe, night in the Americas, afternoon in Asia. */
const SETTLE_START = '2026-03-02T05:00:00Z';
/** One Settle hour per real second: the six-day SMS workflow takes under three minutes. */
const FACTOR = 3600;
/** Real time allowed for the processes to start; Settle's clock reaches SETTLE_START when it has passed. */
const STARTUP_BUDGET_MS = 30_000;
/** Give up when Settle time passes this many days after the start. */
const SETTLE_DEADLINE_DAYS = 9.5;
/** Something that should happen within minutes of Settle time and has not after this long is stuck. */
const STALL_MS = 12 * 3_600_000;
const TERMINAL: readonly string[] = ['resolved', 'closed', 'written_off'];
const SERVICES = ['ingest', 'scheduler', 'sms', 'email', 'voice', 'negotiation', 'audit', 'analytics'] as const;
type ServiceName = (typeof SERVICES)[number];

const REPO = resolve(__dirname, '..');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.now();

const out = (line = '') => process.stdout.write(`${line}\n`);
const step = (line: string) => out(`• ${line}`);

// ------------------------------------------------------------------------------------ teardown ---

const children: ChildService[] = [];
let database: DemoDatabase | undefined;
let topics: DemoTopics | undefined;
let smtp: SmtpSink | undefined;
let teardown: Promise<string[]> | undefined;

/** Stops every child (SIGTERM, wait), drops the database and the run's topics. Runs once. */
function tearDown(): Promise<string[]> {
  teardown ??= (async () => {
    const problems: string[] = [];
    const services = children.filter((c) => c.name !== 'sns-sandbox');
    const sandbox = children.filter((c) => c.name === 'sns-sandbox');
    const running = children.filter((c) => c.running).length;
    const began = Date.now();
    let graceful = 0;
    // Services first (they finish in-flight work and publish what they committed), then the sandbox.
    for (const group of [services, sandbox]) {
      const stopped = await Promise.all(group.map(async (c) => ({ c, wasRunning: c.running, ...(await c.stop(20_000)) })));
      for (const { c, wasRunning, exit, killed } of stopped) {
        if (!wasRunning) problems.push(`${c.name} had already exited (${describeExit(exit)}) before the demo stopped it (log: ${c.logFile})`);
        else if (killed) problems.push(`${c.name} did not exit within 20s of SIGTERM and was killed (log: ${c.logFile})`);
        else if (exit.code !== null && exit.code !== 0) problems.push(`${c.name} exited with ${describeExit(exit)} (log: ${c.logFile})`);
        else if (wasRunning) graceful += 1;
      }
    }
    if (running) step(`stopped ${running} processes with SIGTERM in ${duration(Date.now() - began)} (${graceful} exited cleanly)`);
    await smtp?.stop().catch(() => undefined);
    await dropDatabase(problems);
    if (topics) await Promise.race([topics.delete().catch(() => undefined), sleep(20_000)]);
    return problems;
  })();
  return teardown;
}

async function dropDatabase(problems: string[]): Promise<void> {
  if (!database) return;
  const db = database;
  database = undefined;
  try {
    await db.drop();
    step(`dropped database ${db.name}`);
  } catch (error) {
    problems.push(`could not drop database ${db.name}: ${String(error)}`);
  }
}

let signalledAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A signal can arrive twice for one Ctrl-C (from the terminal and forwarded by npm): only a
    // second one a moment later means "now".
    if (signalledAt && Date.now() - signalledAt > 1000) {
      out(`${signal} again: killing the processes`);
      children.forEach((c) => c.killNow());
      void Promise.race([dropDatabase([]), sleep(5000)]).then(() => process.exit(130));
      return;
    }
    if (signalledAt) return;
    signalledAt = Date.now();
    out(`\n${signal}: stopping the demo (press Ctrl-C again to kill the processes at once) …`);
    void tearDown().then((problems) => {
      problems.forEach((p) => out(`  ! ${p}`));
      out(`Demo interrupted after ${duration(Date.now() - t0)}.`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  });
}
// Last resort if the demo dies without tearing down: no orphaned services.
process.on('exit', () => children.forEach((c) => c.killNow()));

// ------------------------------------------------------------------------------------- the run ---

interface AccountRun {
  account: DemoAccount;
  arrivalAt: Date;
  reported: boolean;
  /** Settle time at which the lender's webhook went out. */
  reportedAt?: Date;
  /** SMS for this account seen at the SNS endpoint. */
  smsSeen: number;
  /** Index into account.payments of the next payment to make. */
  nextPayment: number;
  pending?: { payment: Payment; at: Date };
  paidMinor: number;
  paymentsSent: number;
  settlingPaymentSent: boolean;
  summary?: CaseSummary;
  detail?: CaseDetail;
  detailFingerprint?: string;
  detailFetchedAt: number;
  done: boolean;
}

interface Outcome {
  ok: boolean;
  problems: string[];
}

async function run(): Promise<Outcome> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the demo with `npm run demo` (scripts/demo.sh starts the broker)');

  out('Settle demo: 36 BNPL accounts, 9 time zones, one week of recovery at 1 Settle hour per real second');
  out('  Settle texts each debtor at once (friendly), 2 days later (reminder) and 4 days after that (urgent), only');
  out('  within the contact hours of their country and zone (never outside 08:00–21:00 local). A third pay soon after');
  out('  the first SMS, a sixth after the reminder, a few after the urgent one; some pay half (a few of those the rest');
  out('  later); the others never do.');
  out();

  // Infrastructure of this run.
  database = await createDemoDatabase();
  step(`database ${database.name}`);
  topics = await createDemoTopics(brokers);
  step(`Kafka ${brokers}: ${topics.names.length} topics with prefix ${topics.prefix}`);
  const logDir = mkdtempSync(join(tmpdir(), 'settle-demo-'));
  step(`service logs in ${logDir}`);

  // One clock for everyone. Its real epoch lies after the start-up budget, so Settle time reads
  // SETTLE_START when the first webhook goes out, however long the machine took to start.
  const [snsPort, ...servicePorts] = await freePorts(1 + SERVICES.length);
  const ports = Object.fromEntries(SERVICES.map((s, i) => [s, servicePorts[i]])) as Record<ServiceName, number>;
  const epoch = Date.now() + STARTUP_BUDGET_MS;
  const clockSpec = `scaled:${SETTLE_START}:${FACTOR}:${epoch}`;
  const clock = clockFromSpec(clockSpec);
  const adminToken = randomBytes(24).toString('hex');
  smtp = await SmtpSink.start();
  const sharedEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topics.prefix,
    SNS_ENDPOINT: `http://127.0.0.1:${snsPort}`,
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    POLL_INTERVAL_MS: '200',
    PAYMENT_LINK_BASE_URL: `http://127.0.0.1:${ports.ingest}/p`,
    SETTLE_CLOCK: clockSpec,
    // An hour of Settle time is one real second: allow webhooks the widest signing tolerance.
    WEBHOOK_TOLERANCE_SECONDS: '3600',
    // The email service needs a relay to start; the demo's sink accepts and counts.
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'Settle <reminders@settle.example>',
    EMAIL_SIGNING_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports.email}`,
  };
  step(`SETTLE_CLOCK=${clockSpec}`);

  const startedAt = Date.now();
  const sns = new ChildService('sns-sandbox', 'libs/sandbox/src/sns/main.ts', snsPort, { SNS_SANDBOX_PORT: String(snsPort) }, logDir, REPO);
  children.push(sns);
  const services = Object.fromEntries(
    SERVICES.map((name) => {
      const child = new ChildService(name, `apps/${name}/src/main.ts`, ports[name], { ...sharedEnv, PORT: String(ports[name]) }, logDir, REPO);
      children.push(child);
      return [name, child];
    }),
  ) as Record<ServiceName, ChildService>;
  await Promise.all([sns.waitUntilHealthy('/_sandbox/published', 90_000), ...SERVICES.map((s) => services[s].waitUntilHealthy('/health', 120_000))]);
  step(`SNS sandbox and ${SERVICES.length} services healthy in ${duration(Date.now() - startedAt)} (${SERVICES.map((s) => `${s}:${ports[s]}`).join(' ')})`);

  const lender = new LenderClient(services.ingest.url, adminToken, clock);
  const tenant: Tenant = await lender.createTenant('Demo BNPL Lender');
  const api = new SettleApi({ scheduler: services.scheduler.url, analytics: services.analytics.url, audit: services.audit.url, sns: sns.url }, tenant.tenantId);
  step(`tenant ${tenant.tenantId} created`);

  const start = new Date(SETTLE_START);
  if (clock.now() < start) {
    step(`waiting ${duration(epoch - Date.now())} for Settle time to reach ${settleTime(start)}`);
    while (clock.now() < start) await sleep(50);
  } else {
    out(`  ! start-up took longer than ${STARTUP_BUDGET_MS / 1000}s: Settle time is already ${settleTime(clock.now())}`);
  }
  out();

  const runs = buildPortfolio().map<AccountRun>((account) => ({
    account,
    arrivalAt: new Date(start.getTime() + account.arrivalHours * HOUR),
    reported: false,
    smsSeen: 0,
    nextPayment: 0,
    paidMinor: 0,
    paymentsSent: 0,
    settlingPaymentSent: false,
    detailFetchedAt: 0,
    done: false,
  }));
  const byPhone = new Map(runs.map((r) => [r.account.contact.phone, r]));
  const deadline = new Date(start.getTime() + SETTLE_DEADLINE_DAYS * DAY);
  let lastDay = start.toISOString().slice(0, 10);
  let smsTotal = 0;

  const progress = (now: Date) => {
    const resolved = runs.filter((r) => r.summary?.status === 'resolved').length;
    const payments = runs.reduce((n, r) => n + r.paymentsSent, 0);
    const reported = runs.filter((r) => r.reported).length;
    out(`  ${settleTime(now)}  missed instalments ${String(reported).padStart(2)} · SMS sent ${String(smsTotal).padStart(3)} · payments ${String(payments).padStart(2)} · resolved ${String(resolved).padStart(2)}`);
  };

  // The lender's week, following Settle time: the lender acts on its own schedule, debtors react
  // to the SMS that reach them, and the demo watches what Settle makes of it, concurrently.
  let finished = false;
  const until = async (loop: () => Promise<void>, everyMs: number) => {
    while (!finished) {
      if (signalledAt) throw new Error('interrupted');
      await loop();
      await sleep(everyMs);
    }
  };

  const lenderActs = async () => {
    const now = clock.now();
    // Missed instalments arrive in batches through the day.
    const arriving = runs.filter((r) => !r.reported && r.arrivalAt <= now);
    if (arriving.length) {
      arriving.forEach((r) => (r.reported = true));
      await Promise.all(
        arriving.map(async (r) => {
          r.reportedAt = clock.now();
          await lender.send(tenant, instalmentMissed(r.account, r.reportedAt));
        }),
      );
      out(`  ${settleTime(now)}  lender reports ${arriving.length} missed instalments (${new Set(arriving.map((r) => r.account.contact.timeZone)).size} zones)`);
    }
    // Payments the debtors decided on.
    const paying = runs.filter((r) => r.pending && r.pending.at <= now);
    await Promise.all(
      paying.map(async (r) => {
        const { payment } = r.pending!;
        const amount = payment.kind === 'half' ? Math.floor(r.account.amountMinor / 2) : r.account.amountMinor - r.paidMinor;
        await lender.send(tenant, paymentReceived(r.account, r.paymentsSent + 1, amount, payment.kind === 'full', clock.now()));
        r.paidMinor += amount;
        r.paymentsSent += 1;
        r.settlingPaymentSent ||= payment.kind !== 'half';
        r.nextPayment += 1;
        r.pending = undefined;
      }),
    );
    const day = now.toISOString().slice(0, 10);
    if (day !== lastDay) {
      lastDay = day;
      progress(now);
    }
  };

  const debtorsReact = async () => {
    const now = clock.now();
    const published = await api.published();
    smsTotal = published.length;
    const counts = new Map<string, number>();
    for (const sms of published) counts.set(sms.phoneNumber, (counts.get(sms.phoneNumber) ?? 0) + 1);
    const strangers = [...counts.keys()].filter((phone) => !byPhone.has(phone));
    if (strangers.length) throw new Error(`${strangers.length} SMS went to numbers outside the portfolio`);
    for (const r of runs) {
      r.smsSeen = counts.get(r.account.contact.phone) ?? 0;
      const next = r.account.payments[r.nextPayment];
      if (!r.pending && next && r.smsSeen >= next.afterSms) r.pending = { payment: next, at: new Date(now.getTime() + next.delayMinutes * 60_000) };
    }
  };

  const watchSettle = async () => {
    const crashed = children.find((c) => !c.running);
    if (crashed) throw new Error(`${crashed.name} exited unexpectedly (${describeExit(crashed.exit)}); the end of ${crashed.logFile}:\n${crashed.tail(10)}`);
    const now = clock.now();
    const cases = await api.cases(20);
    const byAccountId = new Map(cases.map((c) => [c.accountId, c]));
    const stalled: string[] = [];
    await Promise.all(
      runs.map(async (r) => {
        if (r.done || !r.reportedAt) return;
        r.summary = byAccountId.get(accountIdOf(tenant, r.account)) ?? r.summary;
        if (!r.summary) {
          if (now.getTime() - r.reportedAt.getTime() > STALL_MS) stalled.push(`${r.account.ref}: no case ${STALL_MS / HOUR} Settle hours after the lender reported the missed instalment`);
          return;
        }
        const waitingForPayment = !!r.pending || (r.account.payments[r.nextPayment]?.afterSms ?? Infinity) <= r.smsSeen;
        if (TERMINAL.includes(r.summary.status)) {
          r.done = !waitingForPayment;
          return;
        }
        // Details only when the case moved, or now and then: the demo should not load the scheduler.
        const fingerprint = `${r.summary.status}/${r.summary.contactsSent}/${r.summary.amountDue.amountMinor}`;
        if (!r.detail || fingerprint !== r.detailFingerprint || Date.now() - r.detailFetchedAt > 5000) {
          r.detail = await api.caseDetail(r.summary.id);
          r.detailFingerprint = fingerprint;
          r.detailFetchedAt = Date.now();
        }
        const overdue = r.detail.steps.find((t) => t.status === 'pending' && now.getTime() - Date.parse(t.dueAt) > STALL_MS);
        if (overdue) stalled.push(`${r.account.ref}: step ${overdue.step} (${overdue.channel}) due ${settleTime(new Date(overdue.dueAt))} has not fired`);
        const unanswered = r.detail.contactAttempts.find((a) => a.outcome === 'requested' && now.getTime() - Date.parse(a.requestedAt) > STALL_MS);
        if (unanswered) stalled.push(`${r.account.ref}: the ${unanswered.channel} requested at ${settleTime(new Date(unanswered.requestedAt))} was never reported sent or failed`);
        const pendingSteps = r.detail.steps.some((t) => t.status === 'pending');
        const attemptsFinal = r.detail.contactAttempts.every((a) => a.outcome !== 'requested');
        const sent = r.detail.contactAttempts.filter((a) => a.outcome === 'sent').length;
        r.done = !pendingSteps && attemptsFinal && r.smsSeen >= sent && !waitingForPayment;
      }),
    );
    if (stalled.length) throw new Error(`Settle stalled:\n    ${stalled.join('\n    ')}`);
    if (runs.every((r) => r.done)) finished = true;
    else if (now > deadline) {
      const open = runs.filter((r) => !r.done).map((r) => `${r.account.ref} (${r.summary ? `${r.summary.status}, ${r.summary.contactsSent} SMS` : 'no case'})`);
      throw new Error(`the workflow had not played out by ${settleTime(deadline)}: ${open.join(', ')}`);
    }
  };

  try {
    await Promise.all([until(lenderActs, 50), until(debtorsReact, 250), until(watchSettle, 1000)]);
  } finally {
    finished = true; // stop the other loops when one fails
  }
  progress(clock.now());
  step(`the week played out by ${settleTime(clock.now())} (${duration(Date.now() - t0)} since the demo started)`);

  // The voice agent, through the talk page (the way a lender tries it): one practice call.
  const practice = await practiceCall(services.voice.url, clock.now());
  out();
  out('  A practice call on the talk page (AI agent, offline engine, no side effects):');
  for (const line of practice.lines) out(`    ${line.speaker === 'agent' ? 'Agent ' : line.speaker === 'debtor' ? 'Debtor' : '      '}  ${line.text}`);
  out(`    tools: ${practice.tools.join(', ')} · outcome ${practice.outcome ?? 'none'}`);

  // Final state, case by case, through the scheduler's API (paged, to use the cursor).
  const cases = await api.cases(10);
  const byAccountId = new Map(cases.map((c) => [c.accountId, c]));
  for (const r of runs) {
    const summary = byAccountId.get(accountIdOf(tenant, r.account));
    r.summary = summary;
    r.detail = summary ? await api.caseDetail(summary.id) : undefined;
  }
  const published = await api.published();
  const sentByPhone = new Map<string, number>();
  for (const sms of published) sentByPhone.set(sms.phoneNumber, (sentByPhone.get(sms.phoneNumber) ?? 0) + 1);

  // Analytics and audit consume the same events asynchronously: let them catch up.
  const resolvedCount = runs.filter((r) => r.summary?.status === 'resolved').length;
  const sentCount = runs.reduce((n, r) => n + (r.summary?.contactsSent ?? 0), 0);
  const summary = await settle(
    () => api.summary(),
    (s) => s.cases.opened === runs.length && s.cases.resolved === resolvedCount && s.smsSent === sentCount,
  );
  const eventTotal = (s: TenantSummary) => Object.values(s.events).reduce((a, b) => a + b, 0);
  let audit = await settle(
    () => api.verifyAudit(),
    (v) => v.entries > 0 && v.entries === eventTotal(summary.value),
  );
  const finalSummary = await api.summary();
  if (eventTotal(finalSummary) !== eventTotal(summary.value)) audit = await settle(() => api.verifyAudit(), (v) => v.entries === eventTotal(finalSummary));

  // ------------------------------------------------------------------------------- the report ---
  out();
  const outcomeOf = (r: AccountRun) =>
    !r.summary ? 'no case' : r.summary.status === 'resolved' ? 'resolved' : r.summary.recovered.amountMinor > 0 ? 'partially paid' : r.summary.status === 'reminding' || r.summary.status === 'opened' ? 'still reminding' : r.summary.status;
  const rows = runs.map((r) => {
    const zone = r.account.contact.timeZone;
    const attempts = r.detail?.contactAttempts ?? [];
    const firstSent = attempts.find((a) => a.outcome === 'sent');
    const failed = attempts.filter((a) => a.outcome !== 'sent' && a.outcome !== 'requested').length;
    const deferred = (r.detail?.complianceDecisions ?? []).some((d) => d.outcome === 'defer');
    const recovered = r.summary?.recovered.amountMinor ?? 0;
    return [
      r.account.ref,
      zone,
      r.reportedAt ? localTime(r.reportedAt, zone) : '—',
      firstSent ? localTime(firstSent.requestedAt, zone) : '—',
      `${r.summary?.contactsSent ?? 0}${failed ? ` (+${failed} failed)` : ''}`,
      deferred ? 'yes' : 'no',
      outcomeOf(r),
      recovered > 0 ? money(recovered, r.account.currency) : '—',
    ];
  });
  out(table(['Account', 'Zone', 'Missed (local)', 'First SMS (local)', 'SMS sent', 'Deferred', 'Outcome', 'Recovered'], rows, [4, 7]));
  out();

  const partial = runs.filter((r) => outcomeOf(r) === 'partially paid').length;
  const reminding = runs.filter((r) => outcomeOf(r) === 'still reminding').length;
  const deferredAccounts = runs.filter((r) => (r.detail?.complianceDecisions ?? []).some((d) => d.outcome === 'defer')).length;
  const failedSms = runs.flatMap((r) => (r.detail?.contactAttempts ?? []).filter((a) => a.outcome !== 'sent' && a.outcome !== 'requested').map((a) => ({ r, a })));
  const s = summary.value;
  out(`  Cases ${s.cases.opened} · resolved ${s.cases.resolved} · partially paid ${partial} · still reminding ${reminding} · recovery rate ${s.recoveryRate === null ? 'n/a' : percent(s.cases.resolved, s.cases.opened)}`);
  out(`  SMS sent ${s.smsSent}${failedSms.length ? ` · SMS failed ${failedSms.length}` : ''}${smtp?.messages ? ` · emails ${smtp.messages}` : ''} · accounts deferred by quiet hours ${deferredAccounts} of ${runs.length}`);
  const currencies = [...new Set(runs.map((r) => r.account.currency))].sort();
  out(
    `  Recovered ${currencies
      .map((c) => {
        const of = runs.filter((r) => r.account.currency === c);
        const got = of.reduce((n, r) => n + (r.summary?.recovered.amountMinor ?? 0), 0);
        const due = of.reduce((n, r) => n + r.account.amountMinor, 0);
        return `${money(got, c)} of ${money(due, c).slice(4)} (${percent(got, due)})`;
      })
      .join(' · ')}`,
  );
  const lags = runs
    .filter((r) => r.summary && r.reportedAt)
    .map((r) => (Date.parse(r.summary!.openedAt) - r.reportedAt!.getTime()) / FACTOR)
    .sort((a, b) => a - b);
  if (lags.length) {
    out(`  Webhook → case opened: median ${(lags[Math.floor(lags.length / 2)] / 1000).toFixed(2)} s, max ${(lags[lags.length - 1] / 1000).toFixed(2)} s real time (a real second is a Settle hour)`);
  }
  out(`  audit chain ${audit.value.brokenAt === null ? 'intact' : `BROKEN at position ${audit.value.brokenAt}`}: ${audit.value.entries} entries`);
  if (failedSms.length) {
    const reasons = new Map<string, string[]>();
    for (const { r, a } of failedSms) reasons.set(a.detail ?? a.outcome, [...(reasons.get(a.detail ?? a.outcome) ?? []), `${r.account.ref} (${r.account.contact.language})`]);
    for (const [reason, refs] of reasons) out(`  ! ${refs.length} SMS not sent: ${reason} — ${[...new Set(refs)].join(', ')}`);
  }
  out();

  // ------------------------------------------------------------------------------- the checks ---
  const checks: [string, string[]][] = [];
  checks.push([
    'every account got at least one SMS or a recorded deferral',
    runs
      .filter((r) => !((r.summary?.contactsSent ?? 0) > 0 || (r.detail?.complianceDecisions ?? []).some((d) => d.outcome === 'defer')))
      .map((r) => r.account.ref),
  ]);
  checks.push([
    'every account that paid its balance is resolved, with every payment counted',
    runs
      .filter((r) => (r.settlingPaymentSent && r.summary?.status !== 'resolved') || (r.summary?.recovered.amountMinor ?? 0) !== r.paidMinor)
      .map((r) => `${r.account.ref} (${r.summary?.status ?? 'no case'}, recovered ${r.summary?.recovered.amountMinor ?? 0} of ${r.paidMinor} paid)`),
  ]);
  checks.push([
    'no SMS was sent outside 08:00–21:00 in the debtor’s zone',
    runs.flatMap((r) =>
      (r.detail?.contactAttempts ?? [])
        .filter((a) => a.outcome === 'sent')
        .filter((a) => {
          const hour = localHour(a.requestedAt, r.account.contact.timeZone);
          return hour < 8 || hour >= 21;
        })
        .map((a) => `${r.account.ref} at ${localTime(a.requestedAt, r.account.contact.timeZone)}`),
    ),
  ]);
  checks.push([
    'each SMS reached the SNS endpoint exactly once',
    runs.filter((r) => (sentByPhone.get(r.account.contact.phone) ?? 0) !== (r.summary?.contactsSent ?? 0)).map((r) => `${r.account.ref} (${sentByPhone.get(r.account.contact.phone) ?? 0} published, ${r.summary?.contactsSent ?? 0} counted)`),
  ]);
  checks.push(['analytics counted every case, resolution and SMS', summary.settled ? [] : [`cases ${s.cases.opened}/${runs.length}, resolved ${s.cases.resolved}/${resolvedCount}, SMS ${s.smsSent}/${sentCount}`]]);
  checks.push([
    'the audit chain is intact and holds every event',
    [
      ...(audit.value.brokenAt !== null ? [`broken at position ${audit.value.brokenAt}`] : []),
      ...(audit.settled ? [] : [`${audit.value.entries} entries for ${eventTotal(finalSummary)} events`]),
    ],
  ]);
  checks.push([
    'the practice call disclosed the AI, agreed a plan, sent the link and heard the payment',
    [
      ...(/\bAI\b|virtual assistant|automated/i.test(practice.lines.find((l) => l.speaker === 'agent')?.text ?? '') ? [] : ['no AI disclosure in the opening']),
      ...['propose_plan', 'accept_plan', 'send_payment_link'].filter((t) => !practice.tools.includes(t)).map((t) => `no ${t}`),
      ...(practice.outcome === 'plan_agreed' ? [] : [`outcome ${practice.outcome ?? 'none'}`]),
    ],
  ]);
  const unpaidByFailure = runs.filter((r) => paysInFull(r.account) && !r.settlingPaymentSent);
  for (const [name, failures] of checks) out(`  ${failures.length ? '✘' : '✔'} ${name}${failures.length ? `: ${failures.join('; ')}` : ''}`);
  if (unpaidByFailure.length) {
    out(`  ! ${unpaidByFailure.length} debtors scripted to pay never received the SMS they were waiting for: ${unpaidByFailure.map((r) => r.account.ref).join(', ')}`);
  }
  out();
  const problems = checks.filter(([, f]) => f.length).map(([name]) => name);
  return { ok: problems.length === 0, problems };
}

function accountIdOf(tenant: Tenant, account: DemoAccount): string {
  // Settle derives the account id from the tenant and the lender's reference.
  return accountIdFor(tenant.tenantId, account.ref);
}

/** Polls until `done` holds (or 30 s passed); returns the last value and whether it held. */
async function settle<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<{ value: T; settled: boolean }> {
  const until = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await sleep(250);
    value = await probe();
  }
  return { value, settled: done(value) };
}


async function main(): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (error) {
    if (signalledAt) return; // the signal handler tears down and exits
    out(`\n✘ ${error instanceof Error ? error.message : String(error)}`);
    if (children.length) out(logDigest(children));
    outcome = { ok: false, problems: ['the demo did not complete'] };
  }
  if (signalledAt) return;
  const problems = await tearDown();
  problems.forEach((p) => out(`  ! ${p}`));
  const verdict = outcome.ok && problems.length === 0;
  out(verdict ? `Demo passed in ${duration(Date.now() - t0)}.` : `Demo FAILED after ${duration(Date.now() - t0)}: ${[...outcome.problems, ...problems].join('; ')}`);
  process.exit(verdict ? 0 : 1);
}

void main();
