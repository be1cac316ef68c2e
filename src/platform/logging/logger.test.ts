import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../../test/support/log-capture.js';
import { createLogger, safeUrl } from './logger.js';

const JST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/;

function capture() {
  const destination = new LogCapture();
  const logger = createLogger({ level: 'info', timeZone: 'Asia/Tokyo', destination });
  return { logger, destination };
}

const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;

describe('createLogger', () => {
  it('writes one JSON object per line with the time in ISO 8601 at +09:00', () => {
    const { logger, destination } = capture();
    logger.info('first');
    logger.warn({ n: 2 }, 'second\nwith a newline');
    logger.debug('below the level');
    expect(destination.lines).toHaveLength(2);
    const [a, b] = destination.lines.map(parse);
    expect(a).toMatchObject({ level: 'info', msg: 'first', service: 'yosan' });
    expect(b).toMatchObject({ level: 'warn', msg: 'second\nwith a newline', n: 2 });
    for (const line of destination.lines.map(parse)) expect(line.time).toMatch(JST);
  });

  it('never shows passwords, tokens, cookies or authorization values', () => {
    const { logger, destination } = capture();
    const secrets = {
      password: 'pw-top-SECRET-1',
      newPassword: 'pw-new-SECRET-2',
      currentPassword: 'pw-cur-SECRET-3',
      token: 'tok-top-SECRET-4',
      secret: 'sec-top-SECRET-5',
      cookie: 'ck-top-SECRET-6',
      authorization: 'Bearer auth-top-SECRET-7',
    };
    logger.info(secrets, 'top level');
    logger.info(
      {
        body: { password: 'pw-deep-SECRET-8', token: 'tok-deep-SECRET-9', email: 'a@b.example' },
        user: { passwordHash: '$argon2id$hash-SECRET-10' },
        headers: { cookie: 'sid=ck-deep-SECRET-11', authorization: 'Basic auth-deep-SECRET-12' },
      },
      'one level deep',
    );
    logger.info(
      {
        req: {
          method: 'GET',
          url: '/api/x?token=url-SECRET-13',
          headers: { cookie: 'sid=req-ck-SECRET-14', authorization: 'Bearer req-auth-SECRET-15' },
        },
      },
      'request',
    );
    expect(destination.lines).toHaveLength(3);
    expect(destination.text).not.toMatch(/SECRET/);
    const [top, deep, req] = destination.lines.map(parse);
    expect(top).toMatchObject({ password: '[redacted]', token: '[redacted]', cookie: '[redacted]' });
    expect(deep).toMatchObject({ body: { password: '[redacted]', email: 'a@b.example' } });
    expect(req).toMatchObject({ req: { method: 'GET', url: '/api/x?token=[redacted]' } });
  });

  it('redacts header objects logged on their own (cookie, authorization, CSRF token, set-cookie)', () => {
    const { logger, destination } = capture();
    logger.info(
      {
        headers: {
          cookie: 'sid=hdr-SECRET-1',
          authorization: 'Bearer hdr-SECRET-2',
          'x-csrf-token': 'hdr-SECRET-3',
          'set-cookie': ['sid=hdr-SECRET-4; HttpOnly'],
          'user-agent': 'vitest',
        },
      },
      'headers',
    );
    expect(destination.lines).toHaveLength(1);
    expect(destination.text).not.toMatch(/SECRET/);
    expect(parse(destination.lines[0]!)).toMatchObject({ headers: { 'user-agent': 'vitest' } });
  });
});

describe('safeUrl', () => {
  it('keeps the path and query keys but drops every value', () => {
    expect(safeUrl('/t/acme/invite?token=abc123&lang=ja')).toBe(
      '/t/acme/invite?token=[redacted]&lang=[redacted]',
    );
    expect(safeUrl('/api/x?token')).toBe('/api/x?token=[redacted]');
    expect(safeUrl('/api/x?')).toBe('/api/x');
    expect(safeUrl('/plain/path')).toBe('/plain/path');
    expect(safeUrl('/a?=value-only')).not.toContain('value-only');
  });
});
