import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isValidTimeZone } from '../time/zoned.js';

/** Yosan's settings after validation. Every field is documented in README.md. */
export interface Config {
  dataDir: string;
  host: string;
  httpsPort: number;
  /** 0 = no plain-HTTP redirect listener. */
  httpPort: number;
  publicUrl: string;
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  timeZone: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  invitationHours: number;
  passwordMinLength: number;
  trustProxy: boolean;
  /** Where the primary storage (databases, files) is, as stated to customers on the trust page. */
  dataRegion: string | undefined;
  /** Where backups are kept, as stated on the trust page. */
  backupRegion: string | undefined;
  backupDir: string;
  backupSecondaryDir: string;
  backupReplicaMinutes: number;
  backupMasterKey: string | undefined;
  /** Load every active tenant's cubes into memory after start (first form opens are then warm). */
  warmCubes: boolean;
  /** Requests a minute per signed-in user (tenant user or operator), wherever they come from. */
  rateUserPerMinute: number;
  /** Requests a minute of all the users of one tenant together. */
  rateTenantPerMinute: number;
  /** Requests a minute per client address without a live session (anonymous). */
  rateAddressPerMinute: number;
  /** Sign-in, invitation and password-reset requests a minute per account (tenant + e-mail or link). */
  rateSignInAccountPerMinute: number;
  /** Sign-in, invitation and password-reset requests a minute per client address. */
  rateSignInAddressPerMinute: number;
  /** Password and two-step changes on My page a minute per user. */
  rateSensitivePerMinute: number;
  /** Password-reset (and invitation) mails an hour per address (issue 21 point 5); further requests send nothing. */
  resetMailsPerHour: number;
  /** Cells one grid, form, report or export request may cover (issue 21 point 1); more: 400 TOO_MANY_CELLS. */
  maxCellsPerRequest: number;
}

/** A setting, its environment variable, default and parser. Shared by README's table. */
interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  default: Config[K] | ((partial: Partial<Config>) => Config[K]);
  parse: (raw: string) => Config[K];
  describe: string;
}

class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
export { ConfigError };

function flag(name: string) {
  return (raw: string): boolean => {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes'].includes(v)) return true;
    if (['0', 'false', 'no', ''].includes(v)) return false;
    throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  };
}

function port(name: string, allowZero: boolean) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n > 65535 || (!allowZero && n === 0)) {
      throw new ConfigError(
        `${name} must be a port number ${allowZero ? '0-65535 (0 = off)' : '1-65535'}, got "${raw}"`,
      );
    }
    return n;
  };
}

function positiveInt(name: string, min = 1, max = 1_000_000) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };
}

const optionalString = (raw: string): string | undefined => (raw.trim() === '' ? undefined : raw.trim());

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const SETTINGS: { [K in keyof Config]: Setting<K> } = {
  dataDir: {
    key: 'dataDir',
    env: 'YOSAN_DATA_DIR',
    default: './data',
    parse: (raw) => raw,
    describe: 'Folder for the SQLite databases, the self-signed certificate, keys and the mail outbox.',
  },
  host: {
    key: 'host',
    env: 'YOSAN_HOST',
    default: '0.0.0.0',
    parse: (raw) => raw,
    describe: 'Address to listen on.',
  },
  httpsPort: {
    key: 'httpsPort',
    env: 'YOSAN_HTTPS_PORT',
    default: 8443,
    parse: port('YOSAN_HTTPS_PORT', false),
    describe: 'HTTPS port.',
  },
  httpPort: {
    key: 'httpPort',
    env: 'YOSAN_HTTP_PORT',
    default: 8080,
    parse: port('YOSAN_HTTP_PORT', true),
    describe: 'Plain-HTTP port that only redirects to HTTPS (0 = off).',
  },
  publicUrl: {
    key: 'publicUrl',
    env: 'YOSAN_PUBLIC_URL',
    default: (c) => `https://localhost:${c.httpsPort ?? 8443}`,
    parse: (raw) => {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        throw new ConfigError(`YOSAN_PUBLIC_URL must be an absolute https:// URL, got "${raw}"`);
      }
      if (u.protocol !== 'https:')
        throw new ConfigError(`YOSAN_PUBLIC_URL must start with https://, got "${raw}"`);
      return u.origin;
    },
    describe: 'Address users reach Yosan at; used in links in e-mails.',
  },
  tlsCertFile: {
    key: 'tlsCertFile',
    env: 'YOSAN_TLS_CERT_FILE',
    default: undefined,
    parse: optionalString,
    describe: 'PEM certificate (chain). Without it, a self-signed certificate is made under the data folder.',
  },
  tlsKeyFile: {
    key: 'tlsKeyFile',
    env: 'YOSAN_TLS_KEY_FILE',
    default: undefined,
    parse: optionalString,
    describe: 'PEM private key for YOSAN_TLS_CERT_FILE.',
  },
  databaseUrl: {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    default: undefined,
    parse: (raw) => {
      const v = optionalString(raw);
      if (v === undefined) return undefined;
      if (!/^postgres(ql)?:\/\//.test(v)) {
        throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
      }
      return v;
    },
    describe: 'PostgreSQL connection URL. Unset: embedded SQLite under the data folder.',
  },
  smtpUrl: {
    key: 'smtpUrl',
    env: 'SMTP_URL',
    default: undefined,
    parse: (raw) => {
      const v = optionalString(raw);
      if (v !== undefined && !/^smtps?:\/\//.test(v)) {
        throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
      }
      return v;
    },
    describe: 'SMTP server for outgoing mail. Unset: mails are written as .eml files to <data>/outbox.',
  },
  mailFrom: {
    key: 'mailFrom',
    env: 'YOSAN_MAIL_FROM',
    default: 'Yosan <no-reply@localhost>',
    parse: (raw) => raw,
    describe: 'Sender address of e-mails.',
  },
  logLevel: {
    key: 'logLevel',
    env: 'YOSAN_LOG_LEVEL',
    default: 'info',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      const found = LOG_LEVELS.find((l) => l === v);
      if (!found)
        throw new ConfigError(`YOSAN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
      return found;
    },
    describe: 'Log level.',
  },
  timeZone: {
    key: 'timeZone',
    env: 'YOSAN_TIME_ZONE',
    default: 'Asia/Tokyo',
    parse: (raw) => {
      if (!isValidTimeZone(raw))
        throw new ConfigError(`YOSAN_TIME_ZONE is not a known IANA time zone: "${raw}"`);
      return raw;
    },
    describe: 'Zone of log timestamps and the default zone of new tenants.',
  },
  sessionIdleMinutes: {
    key: 'sessionIdleMinutes',
    env: 'YOSAN_SESSION_IDLE_MINUTES',
    default: 30,
    parse: positiveInt('YOSAN_SESSION_IDLE_MINUTES', 1, 24 * 60),
    describe: 'A session ends after this many minutes without a request.',
  },
  sessionAbsoluteHours: {
    key: 'sessionAbsoluteHours',
    env: 'YOSAN_SESSION_ABSOLUTE_HOURS',
    default: 12,
    parse: positiveInt('YOSAN_SESSION_ABSOLUTE_HOURS', 1, 24 * 7),
    describe: 'A session ends this many hours after sign-in, whatever happens.',
  },
  invitationHours: {
    key: 'invitationHours',
    env: 'YOSAN_INVITATION_HOURS',
    default: 72,
    parse: positiveInt('YOSAN_INVITATION_HOURS', 1, 24 * 30),
    describe: 'How long invitation (set-password) links stay valid.',
  },
  passwordMinLength: {
    key: 'passwordMinLength',
    env: 'YOSAN_PASSWORD_MIN_LENGTH',
    default: 12,
    parse: positiveInt('YOSAN_PASSWORD_MIN_LENGTH', 8, 64),
    describe: 'Shortest password accepted (8 to 64; at most 128 characters are always allowed).',
  },
  trustProxy: {
    key: 'trustProxy',
    env: 'YOSAN_TRUST_PROXY',
    default: false,
    parse: flag('YOSAN_TRUST_PROXY'),
    describe:
      "Trust X-Forwarded-* headers (only behind your own reverse proxy; there, set it, or every client has the proxy's address for the per-address limits and logs).",
  },
  dataRegion: {
    key: 'dataRegion',
    env: 'YOSAN_DATA_REGION',
    default: undefined,
    parse: optionalString,
    describe: 'Region of the primary storage (e.g. "Japan / Tokyo"), shown on the trust page.',
  },
  backupRegion: {
    key: 'backupRegion',
    env: 'YOSAN_BACKUP_REGION',
    default: undefined,
    parse: optionalString,
    describe: 'Region where backups are kept (e.g. "Japan / Osaka"), shown on the trust page.',
  },
  backupDir: {
    key: 'backupDir',
    env: 'YOSAN_BACKUP_DIR',
    default: (c) => path.join(c.dataDir ?? './data', 'backups'),
    parse: (raw) => raw,
    describe: 'First backup location: the replica and the daily generations (put it on another disk).',
  },
  backupSecondaryDir: {
    key: 'backupSecondaryDir',
    env: 'YOSAN_BACKUP_SECONDARY_DIR',
    default: (c) => path.join(c.dataDir ?? './data', 'backups-secondary'),
    parse: (raw) => raw,
    describe: 'Second location (the secondary region): the weekly generations. Mount another site here.',
  },
  backupReplicaMinutes: {
    key: 'backupReplicaMinutes',
    env: 'YOSAN_BACKUP_REPLICA_MINUTES',
    default: 5,
    parse: positiveInt('YOSAN_BACKUP_REPLICA_MINUTES', 1, 60),
    describe: 'Minutes between replica copies of every database (the replica is at most this old).',
  },
  backupMasterKey: {
    key: 'backupMasterKey',
    env: 'YOSAN_BACKUP_MASTER_KEY',
    default: undefined,
    parse: (raw) => {
      const v = optionalString(raw);
      if (v !== undefined && Buffer.from(v, 'base64').length !== 32)
        throw new ConfigError('YOSAN_BACKUP_MASTER_KEY must be 32 random bytes in base64');
      return v;
    },
    describe:
      'Master key wrapping the backup data keys (base64, 32 bytes). Unset: <data>/keys/backup-master.key.',
  },
  warmCubes: {
    key: 'warmCubes',
    env: 'YOSAN_WARM_CUBES',
    default: true,
    parse: flag('YOSAN_WARM_CUBES'),
    describe:
      "After start, load every active tenant's cubes into memory in the background, so the first form opened after a restart is as fast as the next ones.",
  },
  rateUserPerMinute: {
    key: 'rateUserPerMinute',
    env: 'YOSAN_RATE_USER_PER_MINUTE',
    default: 600,
    parse: positiveInt('YOSAN_RATE_USER_PER_MINUTE', 1, 1_000_000),
    describe: 'Requests a minute per signed-in user (or operator), counted per user wherever they come from.',
  },
  rateTenantPerMinute: {
    key: 'rateTenantPerMinute',
    env: 'YOSAN_RATE_TENANT_PER_MINUTE',
    default: 6000,
    parse: positiveInt('YOSAN_RATE_TENANT_PER_MINUTE', 1, 1_000_000),
    describe: "Requests a minute of all of one tenant's signed-in users together.",
  },
  rateAddressPerMinute: {
    key: 'rateAddressPerMinute',
    env: 'YOSAN_RATE_ADDRESS_PER_MINUTE',
    default: 1200,
    parse: positiveInt('YOSAN_RATE_ADDRESS_PER_MINUTE', 1, 1_000_000),
    describe: 'API requests a minute per client address without a live session (anonymous).',
  },
  rateSignInAccountPerMinute: {
    key: 'rateSignInAccountPerMinute',
    env: 'YOSAN_RATE_SIGN_IN_ACCOUNT_PER_MINUTE',
    default: 10,
    parse: positiveInt('YOSAN_RATE_SIGN_IN_ACCOUNT_PER_MINUTE', 1, 1_000_000),
    describe:
      'Sign-in, invitation and password-reset requests a minute per account (tenant + e-mail, or link).',
  },
  rateSignInAddressPerMinute: {
    key: 'rateSignInAddressPerMinute',
    env: 'YOSAN_RATE_SIGN_IN_ADDRESS_PER_MINUTE',
    default: 300,
    parse: positiveInt('YOSAN_RATE_SIGN_IN_ADDRESS_PER_MINUTE', 1, 1_000_000),
    describe: 'Sign-in, invitation and password-reset requests a minute per client address.',
  },
  rateSensitivePerMinute: {
    key: 'rateSensitivePerMinute',
    env: 'YOSAN_RATE_SENSITIVE_PER_MINUTE',
    default: 20,
    parse: positiveInt('YOSAN_RATE_SENSITIVE_PER_MINUTE', 1, 1_000_000),
    describe: 'Password and two-step verification changes on My page a minute per user.',
  },
  resetMailsPerHour: {
    key: 'resetMailsPerHour',
    env: 'YOSAN_RESET_MAILS_PER_HOUR',
    default: 3,
    parse: positiveInt('YOSAN_RESET_MAILS_PER_HOUR', 1, 100),
    describe:
      'Password-reset mails an hour per address (further requests get the same answer, send nothing and are logged as suppressed); also invitation mails an hour per invited user (further resends are refused).',
  },
  maxCellsPerRequest: {
    key: 'maxCellsPerRequest',
    env: 'YOSAN_MAX_CELLS_PER_REQUEST',
    default: 100_000,
    parse: positiveInt('YOSAN_MAX_CELLS_PER_REQUEST', 10, 10_000_000),
    describe:
      'Cells (rows × columns) one grid, form, report or export request may cover; larger requests are refused before any work with 400 TOO_MANY_CELLS. Heavy reads of one user also run one at a time.',
  },
};

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON config file whose keys are the environment variable names. */
  configFile?: string;
}

/**
 * Reads settings: defaults < config file (`YOSAN_CONFIG` or `configFile`) < environment.
 * Throws `ConfigError` with one clear line for the first invalid setting.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.configFile ?? optionalString(env.YOSAN_CONFIG ?? '');
  let fromFile: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`Config file "${file}" cannot be read`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      fromFile = parsed as Record<string, unknown>;
    } catch {
      throw new ConfigError(`Config file "${file}" is not a JSON object of settings`);
    }
    const known = new Set(Object.values(SETTINGS).map((s) => s.env));
    for (const key of Object.keys(fromFile)) {
      if (!known.has(key)) throw new ConfigError(`Config file "${file}": unknown setting "${key}"`);
    }
  }

  const result: Partial<Config> = {};
  const assign = <K extends keyof Config>(s: Setting<K>): void => {
    const raw = env[s.env] ?? (fromFile[s.env] === undefined ? undefined : String(fromFile[s.env]));
    if (raw !== undefined) {
      result[s.key] = s.parse(raw);
    } else {
      result[s.key] = typeof s.default === 'function' ? s.default(result) : s.default;
    }
  };
  // Order matters only for derived defaults (publicUrl after httpsPort).
  for (const key of Object.keys(SETTINGS) as (keyof Config)[]) {
    assign(SETTINGS[key] as Setting<typeof key>);
  }
  const config = result as Config;
  if ((config.tlsCertFile === undefined) !== (config.tlsKeyFile === undefined)) {
    throw new ConfigError('YOSAN_TLS_CERT_FILE and YOSAN_TLS_KEY_FILE must be set together');
  }
  if (config.httpPort !== 0 && config.httpPort === config.httpsPort) {
    throw new ConfigError('YOSAN_HTTP_PORT and YOSAN_HTTPS_PORT must differ');
  }
  config.dataDir = path.resolve(config.dataDir);
  config.backupDir = path.resolve(config.backupDir);
  config.backupSecondaryDir = path.resolve(config.backupSecondaryDir);
  return config;
}
