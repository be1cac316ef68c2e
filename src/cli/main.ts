import { parseArgs } from 'node:util';
import { auditVerify } from './audit-verify.js';
import { certificateVerify } from './certificate-verify.js';
import { reportIntegrity } from './report-integrity.js';
import { backupCli } from './backup.js';
import { inviteOperator } from '../modules/operators/service.js';
import { createTenant, listTenants } from '../modules/tenants/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/audit-log.js';
import { ConfigError, loadConfig, type Config } from '../platform/config/config.js';
import { isAppError } from '../platform/errors/app-error.js';
import { translate } from '../platform/i18n/translate.js';
import { isLocale } from '../platform/i18n/locale.js';
import { bootstrap } from '../runtime/bootstrap.js';
import { startServer } from '../runtime/server.js';
import { readVersion } from '../runtime/version.js';

const HELP = `Yosan ${readVersion()} — budget-planning service

Usage: yosan <command> [options]

  serve                          start the HTTPS server (default)
  migrate                        migrate the control and every tenant database, then exit
  operator create --email X [--name N] [--locale ja|en]
                                 create an operator; prints a one-time set-password link
  tenant create --slug S --name N --admin-email E --start YYYY-MM-DD --end YYYY-MM-DD
                [--region R] [--admin-locale ja|en]
                                 create a tenant and invite its first organisation administrator
  tenant list [--json]           list tenants
  audit verify [--tenant S]      verify the audit chains (control and every tenant, or one) and
                                 their signed checkpoints; exit 1 and name the first bad entry
  certificate verify FILE [--public-key PEM]
                                 verify a deletion certificate (.json or .html download) against
                                 the installation key; exit 1 if it does not verify
  report integrity [--json]      verify every tenant's logs now and print its trust-page facts
                                 (regions, TLS certificate, logs, version); exit 1 if logs fail
  backup run [--tenant S|control] [--kind daily|weekly|replica]
                                 make (and verify) backups now; exit 1 if one failed
  backup list [--tenant S] [--json]
                                 list the counted backup generations
  backup drill [--tenant S]      restore drill: restore the newest generation of each kind into
                                 scratch space and check it; exit 1 if one failed
  backup restore --tenant S --from GENERATION [--force]
                                 restore a tenant (stop the server first: refused while
                                 something answers on the HTTPS port, unless --force)
  --version                      print the version
  --config FILE                  read settings from a JSON file (keys as in README)
`;

const SYSTEM_CLI_ACTOR = { ...SYSTEM_ACTOR, name: 'yosan CLI' };

function fail(message: string, code = 2): never {
  console.error(`yosan: ${message}`);
  process.exit(code);
}

async function withRuntime<T>(
  config: Config,
  work: (deps: Awaited<ReturnType<typeof bootstrap>>['deps']) => Promise<T>,
): Promise<T> {
  const quiet = { ...config, logLevel: config.logLevel === 'info' ? ('warn' as const) : config.logLevel };
  const runtime = await bootstrap({ config: quiet, startWorker: false });
  try {
    return await work(runtime.deps);
  } finally {
    await runtime.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      config: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-locale': { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean' },
      tenant: { type: 'string' },
      'public-key': { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (values.version) {
    console.log(readVersion());
    return;
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  let config: Config;
  try {
    config = loadConfig(values.config ? { configFile: values.config } : {});
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
  const [command = 'serve', sub] = positionals;
  const locale = isLocale(values.locale) ? values.locale : 'ja';

  switch (command) {
    case 'serve': {
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({ config });
      } catch (error) {
        if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
        if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
          fail(`cannot listen: port already in use (${error.message})`);
        }
        throw error;
      }
      const shutdown = (signal: string): void => {
        server.runtime.deps.logger.info({ signal }, 'shutting down');
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      return;
    }
    case 'migrate': {
      await withRuntime(config, async (deps) => {
        const failed = deps.health.tenantMigrationFailures;
        if (failed.length)
          fail(`migration failed for tenants: ${failed.join(', ')} (they were left as they were)`, 1);
        console.log('All databases are migrated.');
      });
      return;
    }
    case 'operator': {
      if (sub !== 'create') fail('usage: yosan operator create --email X');
      if (!values.email) fail('operator create needs --email');
      const result = await withRuntime(config, (deps) =>
        inviteOperator(
          deps,
          { email: values.email!, ...(values.name ? { displayName: values.name } : {}), locale },
          SYSTEM_CLI_ACTOR,
        ),
      );
      console.log(
        `Operator ${result.operator.email} created. One-time set-password link (valid until ${result.expiresAt}):`,
      );
      console.log(result.link);
      return;
    }
    case 'tenant': {
      if (sub === 'list') {
        const tenants = await withRuntime(config, (deps) => listTenants(deps));
        if (values.json) {
          console.log(
            JSON.stringify(
              tenants.map(({ id, slug, display_name, status, contract_start, contract_end, region }) => ({
                id,
                slug,
                displayName: display_name,
                status,
                contractStart: contract_start,
                contractEnd: contract_end,
                region,
              })),
              null,
              2,
            ),
          );
        } else {
          for (const t of tenants)
            console.log(
              `${t.slug}\t${t.status}\t${t.contract_start}..${t.contract_end}\t${t.region}\t${t.display_name}`,
            );
          if (tenants.length === 0) console.log('(no tenants)');
        }
        return;
      }
      if (sub !== 'create') fail('usage: yosan tenant create|list');
      for (const k of ['slug', 'name', 'admin-email', 'start', 'end'] as const) {
        if (!values[k]) fail(`tenant create needs --${k}`);
      }
      const adminLocale = values['admin-locale'];
      const tenant = await withRuntime(config, (deps) =>
        createTenant(
          deps,
          {
            slug: values.slug!,
            displayName: values.name!,
            contractStart: values.start!,
            contractEnd: values.end!,
            region: values.region ?? '日本 / Japan',
            firstAdminEmail: values['admin-email']!,
            ...(isLocale(adminLocale) ? { firstAdminLocale: adminLocale } : {}),
          },
          SYSTEM_CLI_ACTOR,
        ),
      );
      console.log(
        `Tenant ${tenant.slug} created: ${config.publicUrl}/t/${tenant.slug}/ (invitation sent to ${tenant.first_admin_email})`,
      );
      return;
    }
    case 'audit': {
      if (sub !== 'verify') fail('usage: yosan audit verify [--tenant slug]');
      const code = await withRuntime(config, (deps) => auditVerify(deps, values.tenant));
      process.exitCode = code;
      return;
    }
    case 'certificate': {
      const file = positionals[2];
      if (sub !== 'verify' || !file) fail('usage: yosan certificate verify FILE [--public-key PEM]');
      process.exitCode = certificateVerify(file, config.dataDir, values['public-key']);
      return;
    }
    case 'report': {
      if (sub !== 'integrity') fail('usage: yosan report integrity [--json]');
      process.exitCode = await withRuntime(config, (deps) =>
        reportIntegrity(deps, SYSTEM_CLI_ACTOR, values.json ?? false),
      );
      return;
    }
    case 'backup': {
      const code = await withRuntime(config, async (deps) => {
        try {
          return await backupCli(
            deps,
            sub,
            {
              tenant: values.tenant,
              kind: values.kind,
              from: values.from,
              json: values.json ?? false,
              force: values.force ?? false,
            },
            SYSTEM_CLI_ACTOR,
          );
        } catch (error) {
          if (isAppError(error)) throw error;
          console.error(`yosan: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        }
      });
      process.exitCode = code;
      return;
    }
    default:
      fail(`unknown command "${command}"\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isAppError(error)) {
    const detail = error.issues.length
      ? ` (${error.issues.map((i) => `${i.path}: ${i.code}`).join(', ')})`
      : '';
    fail(`${translate('en', `errors.${error.code}`, { ...error.params, refId: '-' })}${detail}`);
  }
  if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
  console.error(error);
  process.exit(1);
});
