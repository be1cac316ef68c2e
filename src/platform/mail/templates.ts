import { translate, type Locale } from '../i18n/index.js';
import { formatForPeople } from '../time/zoned.js';

/** What a `mail.send` job carries: rendered at send time in the recipient's language. */
export type MailJob =
  | {
      template: 'invitation';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; link: string; expiresAt: string };
    }
  | {
      template: 'passwordReset';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; link: string; expiresAt: string };
    }
  | {
      template: 'passwordChanged';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; at: string };
    }
  | {
      template: 'accountLocked';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; until: string; ip: string };
    }
  | {
      template: 'orgAdminGranted' | 'orgAdminRevoked';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; by: string; link: string };
    }
  | {
      template: 'backupFailure';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { what: string; details: string; at: string };
    }
  | {
      template: 'operatorInvitation';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { email: string; link: string; expiresAt: string };
    };

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
}

/** The template's parameters with its times written for people (`2026-11-29 06:00 (JST)`). */
function paramsFor(job: MailJob): Record<string, string> {
  const when = (iso: string) => formatForPeople(iso, job.timeZone);
  switch (job.template) {
    case 'invitation':
    case 'passwordReset':
    case 'operatorInvitation':
      return { ...job.params, expires: when(job.params.expiresAt) };
    case 'passwordChanged':
      return { ...job.params, at: when(job.params.at) };
    case 'accountLocked':
      return { ...job.params, until: when(job.params.until) };
    case 'orgAdminGranted':
    case 'orgAdminRevoked':
      return job.params;
    case 'backupFailure':
      return { ...job.params, at: when(job.params.at) };
  }
}

export function renderMail(job: MailJob): RenderedMail {
  const footer = `\n\n--\n${translate(job.locale, 'mail.footer', { timeZone: job.timeZone })}\n`;
  const p = paramsFor(job);
  return {
    to: job.to,
    subject: translate(job.locale, `mail.${job.template}.subject`, p),
    text: translate(job.locale, `mail.${job.template}.body`, p) + footer,
  };
}
