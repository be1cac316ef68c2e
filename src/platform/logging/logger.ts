import pino, { type DestinationStream, type Logger } from 'pino';
import { formatInZone } from '../time/zoned.js';

export type { Logger } from 'pino';

/**
 * Paths pino removes from every log line. Request/response serialisers below
 * never include cookies or auth headers either; this is the second fence.
 */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'cookie',
  'authorization',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.cookie',
  '*.authorization',
  '*.passwordHash',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
];

/** Strips the query string's values (keys kept) so tokens never reach a log. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = url
    .slice(q + 1)
    .split('&')
    .map((kv) => kv.split('=')[0])
    .filter(Boolean);
  return `${url.slice(0, q)}${keys.length ? `?${keys.map((k) => `${k}=[redacted]`).join('&')}` : ''}`;
}

export interface LoggerOptions {
  level: string;
  timeZone: string;
  destination?: DestinationStream;
}

/** One JSON line per event, `time` in ISO 8601 in the installation's zone (default +09:00). */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'yosan' },
      messageKey: 'msg',
      timestamp: () => `,"time":"${formatInZone(new Date(), options.timeZone)}"`,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      serializers: {
        err: pino.stdSerializers.err,
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: safeUrl(req.url ?? ''),
          ip: req.ip,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    options.destination,
  );
}
