import { describe, expect, it } from 'vitest';
import { renderMail } from './templates.js';

const INJECTED = 'Taro\r\nBcc: victim@example.com\r\n\r\nInjected\u202eevil\u0000';
/** Lines that start like the headers the test text tries to inject. */
const headerLike = (text: string) => text.split('\n').filter((l) => /^(bcc|subject):/i.test(l));

describe('mail bodies hold user-supplied text safely (issue 21 point 4)', () => {
  it('keeps a single-line value on its line: no new header-like lines, no control or bidi characters', () => {
    for (const locale of ['ja', 'en'] as const) {
      const mail = renderMail({
        template: 'invitation',
        to: 'taro@example.com',
        locale,
        timeZone: 'Asia/Tokyo',
        params: {
          name: INJECTED,
          tenant: 'Acme\nSubject: x',
          link: 'https://yosan.example/t/acme/invite#t',
          expiresAt: '2026-12-10T00:00:00.000Z',
        },
      });
      expect(headerLike(mail.text)).toEqual([]);
      expect(mail.text.split('\n')).not.toContain('Injected');
      expect(mail.text).toContain('Taro  Bcc: victim@example.com    Injected evil ');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      // eslint-disable-next-line no-control-regex
      expect(mail.text).not.toMatch(/[\u0000\u202e\r]/);
    }
  });

  it('keeps the line breaks of free text but indents each of its lines', () => {
    const mail = renderMail({
      template: 'supportOpened',
      to: 'ops@example.com',
      locale: 'en',
      timeZone: 'Asia/Tokyo',
      params: {
        tenant: 'Acme',
        number: '12',
        subject: 'Help',
        category: 'question',
        status: 'open',
        by: 'Hanako',
        text: 'First line\r\nBcc: victim@example.com\n\nLast line',
        link: 'https://yosan.example/t/acme/support/12',
      },
    });
    expect(headerLike(mail.text)).toEqual([]);
    expect(mail.text).toContain('  First line\n  Bcc: victim@example.com\n\n  Last line');
  });
});
