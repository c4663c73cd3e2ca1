import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

export interface ServiceDataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns; no service reads another's tables. */
  schema: string;
  entities?: (Function | EntitySchema)[];
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  applicationName?: string;
}

/**
 * A TypeORM data source confined to one schema: unqualified SQL resolves there (search_path), and
 * the migrations table lives there too. `synchronize` is never used: schemas change by migration.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  assertIdentifier(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema},public`,
      application_name: options.applicationName ?? options.schema,
    },
  });
}

/**
 * Connects, creates the service's schema if needed and applies pending migrations. Then checks
 * that every table holding tenant data is under row-level security (tenant-row-security.ts) and
 * adds what is missing — so a table a later migration adds is covered without anyone remembering.
 */
export async function initializeServiceDataSource(dataSource: DataSource, options: { rowSecurity?: boolean } = {}): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  assertIdentifier(schema);
  // Replicas starting together must not race on the schema or its migrations: hold a session
  // advisory lock on a dedicated connection while migrating.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`settle.migrate.${schema}`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (options.rowSecurity ?? true) await enableTenantRowSecurity(lock, schema);
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`settle.migrate.${schema}`]).catch(() => undefined);
    await lock.release();
  }
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a safe schema name`);
}
