// Runs, or reverts the last of, the migrations of one service's schema or of every service:
//
//   npm run migrate -- <service|all> [--revert]
//
// Uses the same ServiceDefinition objects the services start with, and builds the data source the
// way the service kit does (its schema, the messaging tables migration first, then its own), so
// what this applies is exactly what the service would apply on start. Reads DATABASE_URL (default:
// the ServiceConfig default, the local server). Prints one line per service; exits 1 on failure.
import 'reflect-metadata';
import { ServiceConfig } from '@settle/config';
import { MessagingTables1732500000000 } from '@settle/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@settle/persistence';
import { ServiceDefinition } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { ANALYTICS_SERVICE } from '../apps/analytics/src/analytics.module';
import { AUDIT_SERVICE } from '../apps/audit/src/audit.module';
import { EMAIL_SERVICE } from '../apps/email/src/email.module';
import { INGEST_SERVICE } from '../apps/ingest/src/ingest.module';
import { NEGOTIATION_SERVICE } from '../apps/negotiation/src/negotiation.module';
import { SCHEDULER_SERVICE } from '../apps/scheduler/src/scheduler.module';
import { SMS_SERVICE } from '../apps/sms/src/sms.module';
import { VOICE_SERVICE } from '../apps/voice/src/voice.module';

const SERVICES: readonly ServiceDefinition[] = [
  INGEST_SERVICE,
  SCHEDULER_SERVICE,
  SMS_SERVICE,
  EMAIL_SERVICE,
  VOICE_SERVICE,
  NEGOTIATION_SERVICE,
  AUDIT_SERVICE,
  ANALYTICS_SERVICE,
];

const USAGE = `usage: npm run migrate -- <${SERVICES.map((s) => s.name).join('|')}|all> [--revert]

  Applies the pending migrations of the service's schema (or of every service's schema).
  --revert   reverts the last applied migration instead (of each schema, with "all").
  DATABASE_URL  the PostgreSQL database (default ${new ServiceConfig().DATABASE_URL})`;

class UsageError extends Error {}

interface Plan {
  services: ServiceDefinition[];
  revert: boolean;
  url: string;
}

function parseArgs(argv: string[]): Plan | 'help' {
  if (argv.some((a) => a === '--help' || a === '-h')) return 'help';
  const revert = argv.includes('--revert');
  const unknownFlags = argv.filter((a) => a.startsWith('-') && a !== '--revert');
  if (unknownFlags.length > 0) throw new UsageError(`unknown option ${unknownFlags.join(' ')}`);
  const targets = argv.filter((a) => !a.startsWith('-'));
  if (targets.length !== 1) throw new UsageError(targets.length === 0 ? 'name a service, or all' : `one target only, got ${targets.join(' ')}`);
  const [target] = targets;
  let services: ServiceDefinition[];
  if (target === 'all') {
    // Reverting undoes the newest work first; the schemas are independent either way.
    services = revert ? [...SERVICES].reverse() : [...SERVICES];
  } else {
    const service = SERVICES.find((s) => s.name === target);
    if (!service) throw new UsageError(`unknown service "${target}"`);
    services = [service];
  }
  const url = process.env.DATABASE_URL || new ServiceConfig().DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('DATABASE_URL must be a postgres:// URL');
  return { services, revert, url };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Exactly the data source the service kit builds for the service. */
function dataSourceOf(definition: ServiceDefinition, url: string): DataSource {
  return createServiceDataSource({
    url,
    schema: definition.name,
    entities: definition.entities,
    migrations: [MessagingTables1732500000000, ...definition.migrations],
    poolSize: 2,
    applicationName: `settle-migrate-${definition.name}`,
  });
}

/** Names of the migrations recorded in the schema's migrations table, oldest first (none if it has none). */
async function executedMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const [{ table }] = await dataSource.query(`SELECT to_regclass($1) AS table`, [`"${schema}".migrations`]);
  if (!table) return [];
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

async function migrate(definition: ServiceDefinition, url: string): Promise<string> {
  const dataSource = dataSourceOf(definition, url);
  try {
    // Connects, creates the schema if needed and applies what is pending, under the advisory lock
    // the services take when they start, so this can run while replicas start.
    const applied = await initializeServiceDataSource(dataSource);
    if (applied.length > 0) return `applied ${applied.join(', ')}`;
    const all = await executedMigrations(dataSource, definition.name);
    return `up to date (${all.length} applied: ${all.join(', ') || 'none'})`;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function revertLast(definition: ServiceDefinition, url: string): Promise<string> {
  const schema = definition.name;
  const dataSource = dataSourceOf(definition, url);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    // The same lock initializeServiceDataSource holds while migrating this schema.
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`settle.migrate.${schema}`]);
    try {
      const before = await executedMigrations(dataSource, schema);
      if (before.length === 0) return 'nothing to revert (no migrations applied)';
      await dataSource.undoLastMigration({ transaction: 'each' });
      const after = new Set(await executedMigrations(dataSource, schema));
      const reverted = before.filter((name) => !after.has(name));
      return reverted.length > 0 ? `reverted ${reverted.join(', ')}` : 'nothing reverted';
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`settle.migrate.${schema}`]).catch(() => undefined);
    }
  } finally {
    await lock.release();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const plan = parseArgs(process.argv.slice(2));
  if (plan === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const width = Math.max(...plan.services.map((s) => s.name.length));
  process.stdout.write(`${plan.revert ? 'reverting the last migration' : 'migrating'} in ${redact(plan.url)}\n`);
  for (const service of plan.services) {
    try {
      const outcome = plan.revert ? await revertLast(service, plan.url) : await migrate(service, plan.url);
      process.stdout.write(`${service.name.padEnd(width)}  ${outcome}\n`);
    } catch (error) {
      throw new Error(`${service.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`migrate: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`migrate: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
