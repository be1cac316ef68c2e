import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { controlMigrations, tenantMigrations } from '../migrations/index.js';
import { contractJobHandlers, contractSchedules } from '../modules/contracts/jobs.js';
import type { Config } from '../platform/config/config.js';
import { writeAllCheckpoints } from '../platform/audit/checkpoints.js';
import { signingKey } from '../platform/audit/signing.js';
import { Storage } from '../platform/db/storage.js';
import { setAfterCommitErrorHandler } from '../platform/db/unit-of-work.js';
import { purgeExpired } from '../platform/jobs/housekeeping.js';
import { enqueue, relayOutbox } from '../platform/jobs/queue.js';
import { Scheduler } from '../platform/jobs/scheduler.js';
import { inTransaction } from '../platform/db/unit-of-work.js';
import { JobWorker } from '../platform/jobs/worker.js';
import { createLogger } from '../platform/logging/logger.js';
import { createMailer } from '../platform/mail/transport.js';
import { renderMail } from '../platform/mail/templates.js';
import type { AppDeps } from '../platform/server/context.js';
import type { TlsMaterial } from '../platform/server/tls.js';
import { readVersion } from './version.js';
import { pruneHeartbeats, recordUptime } from '../modules/maintenance/service.js';
import { notifyTenants } from '../modules/incidents/fanout.js';
import { backupJobHandlers, backupSchedules } from '../modules/backups/jobs.js';
import { recoverInterruptedBackups } from '../modules/backups/interrupted.js';
import { identityJobHandlers } from '../modules/identity/jobs.js';

export interface Runtime {
  deps: AppDeps;
  worker: JobWorker;
  scheduler: Scheduler;
  close(): Promise<void>;
}

export interface BootstrapOptions {
  config: Config;
  tls?: TlsMaterial;
  logDestination?: DestinationStream;
  clock?: () => Date;
  /** Start the job worker (default true). */
  startWorker?: boolean;
  workerPollMs?: number;
  backoffMs?: (attempt: number) => number;
  /**
   * Start the wall-clock schedules with the worker (default true). Tests that count what
   * background jobs made switch them off, so a tick at :15 or every 5 minutes cannot race them.
   */
  schedules?: boolean;
}

async function installationSecret(storage: Storage): Promise<string> {
  const db = storage.control.kysely;
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'installation_secret')
    .executeTakeFirst();
  if (row) return row.value;
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: 'installation_secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const again = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'installation_secret')
    .executeTakeFirstOrThrow();
  return again.value;
}

/**
 * Wires the platform: logger, databases (migrated), mailer, job worker. Every
 * tenant database is migrated too; a tenant whose migration fails is reported
 * by /readyz and the log, and left as it was.
 */
export async function bootstrap(options: BootstrapOptions): Promise<Runtime> {
  const { config } = options;
  const logger = createLogger({
    level: config.logLevel,
    timeZone: config.timeZone,
    destination: options.logDestination,
  });
  setAfterCommitErrorHandler((error) => logger.error({ err: error }, 'after-commit step failed'));
  const storage = await Storage.open({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    controlMigrations,
    tenantMigrations,
  });
  try {
    const applied = await storage.migrateControl();
    if (applied.length) logger.info({ applied }, 'control database migrated');
  } catch (error) {
    await storage.close();
    throw error;
  }
  const tenantMigrationFailures: string[] = [];
  const tenants = await storage.control.kysely
    .selectFrom('tenants')
    .select(['id', 'slug'])
    .where('status', '!=', 'closed')
    .execute();
  for (const t of tenants) {
    try {
      const applied = await storage.migrateTenant(t.id);
      if (applied.length) logger.info({ tenant: t.slug, applied }, 'tenant database migrated');
    } catch (error) {
      tenantMigrationFailures.push(t.slug);
      logger.error({ err: error, tenant: t.slug }, 'tenant database migration failed; left as it was');
    }
  }
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: path.join(config.dataDir, 'outbox'),
  });
  const relayTenantOutbox = async (tenantId: string): Promise<void> => {
    await relayOutbox(storage.control.kysely, storage.tenant(tenantId).kysely);
  };
  const deps: AppDeps = {
    config,
    logger,
    storage,
    mailer,
    version: readVersion(),
    secret: await installationSecret(storage),
    ...(options.tls ? { tls: options.tls } : {}),
    clock: options.clock ?? (() => new Date()),
    health: { tenantMigrationFailures },
    relayTenantOutbox,
  };
  // Jobs that a crash left in a tenant's outbox are moved to the queue now.
  for (const t of tenants) {
    if (!tenantMigrationFailures.includes(t.slug)) await relayTenantOutbox(t.id);
  }
  const worker = new JobWorker({
    control: storage.control.kysely,
    logger,
    handlers: {
      'mail.send': async (payload) => {
        await mailer.send(renderMail(payload));
      },
      'maintenance.purge': async () => {
        const purged = await purgeExpired(storage, deps.clock());
        logger.info(purged, 'expired sessions, tokens, sign-in throttles and old jobs purged');
      },
      'ops.notify': (payload) => notifyTenants(deps, payload),
      'audit.checkpoint': async () => {
        const written = await writeAllCheckpoints(storage, signingKey(config.dataDir), deps.clock());
        logger.info({ written }, 'audit checkpoints written');
      },
      ...contractJobHandlers(deps),
      ...identityJobHandlers(deps),
      ...backupJobHandlers(deps),
    },
    ...(options.workerPollMs ? { pollMs: options.workerPollMs } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const scheduler = new Scheduler(logger);
  if (options.startWorker !== false) {
    // Backups a killed process left: recorded as failed, mailed, their plaintext scratch removed.
    await recoverInterruptedBackups(deps).catch((error: unknown) =>
      logger.error({ err: error }, 'checking for interrupted backups failed'),
    );
    worker.start();
    // Availability (§2): Yosan's own record — a start event now, a heartbeat a minute, a stop at close.
    await recordUptime(storage.control.kysely, 'start', deps.clock());
    // Schedules only enqueue durable jobs, so a missed tick costs nothing and the work is visible.
    if (options.schedules !== false)
      scheduler.start([
        {
          name: 'maintenance.purge',
          pattern: '7 * * * *',
          timeZone: config.timeZone,
          run: () =>
            inTransaction(storage.control, (tx) =>
              enqueue(tx, { type: 'maintenance.purge', payload: {} }),
            ).then(() => undefined),
        },
        {
          name: 'audit.checkpoint',
          pattern: '23 * * * *',
          timeZone: config.timeZone,
          run: () =>
            inTransaction(storage.control, (tx) =>
              enqueue(tx, { type: 'audit.checkpoint', payload: {} }),
            ).then(() => undefined),
        },
        ...contractSchedules(deps),
        {
          name: 'uptime.heartbeat',
          pattern: '* * * * *',
          timeZone: config.timeZone,
          run: () => recordUptime(storage.control.kysely, 'heartbeat', deps.clock()),
        },
        {
          name: 'uptime.prune',
          pattern: '41 4 * * *',
          timeZone: config.timeZone,
          run: () => pruneHeartbeats(storage.control.kysely, deps.clock()),
        },
        ...backupSchedules(deps),
      ]);
  }
  return {
    deps,
    worker,
    scheduler,
    async close() {
      scheduler.stop();
      await worker.stop();
      if (options.startWorker !== false) {
        try {
          await recordUptime(storage.control.kysely, 'stop', deps.clock());
        } catch (error) {
          logger.error({ err: error }, 'uptime stop event failed');
        }
        // A last signed checkpoint of every chain at shutdown (the server; not one-off CLI commands).
        try {
          await writeAllCheckpoints(storage, signingKey(config.dataDir), deps.clock());
        } catch (error) {
          logger.error({ err: error }, 'audit checkpoints at shutdown failed');
        }
      }
      mailer.close();
      await storage.close();
    },
  };
}
