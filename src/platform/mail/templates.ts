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

export function renderMail(job: MailJob): RenderedMail {
  const footer = `\n\n--\n${translate(job.locale, 'mail.footer', { timeZone: job.timeZone })}\n`;
  switch (job.template) {
    case 'invitation': {
      const p = { ...job.params, expires: formatForPeople(job.params.expiresAt, job.timeZone) };
      return {
        to: job.to,
        subject: translate(job.locale, 'mail.invitation.subject', p),
        text: translate(job.locale, 'mail.invitation.body', p) + footer,
      };
    }
    case 'passwordReset': {
      const p = { ...job.params, expires: formatForPeople(job.params.expiresAt, job.timeZone) };
      return {
        to: job.to,
        subject: translate(job.locale, 'mail.passwordReset.subject', p),
        text: translate(job.locale, 'mail.passwordReset.body', p) + footer,
      };
    }
    case 'passwordChanged': {
      const p = { ...job.params, at: formatForPeople(job.params.at, job.timeZone) };
      return {
        to: job.to,
        subject: translate(job.locale, 'mail.passwordChanged.subject', p),
        text: translate(job.locale, 'mail.passwordChanged.body', p) + footer,
      };
    }
    case 'accountLocked': {
      const p = { ...job.params, until: formatForPeople(job.params.until, job.timeZone) };
      return {
        to: job.to,
        subject: translate(job.locale, 'mail.accountLocked.subject', p),
        text: translate(job.locale, 'mail.accountLocked.body', p) + footer,
      };
    }
    case 'orgAdminGranted':
    case 'orgAdminRevoked':
      return {
        to: job.to,
        subject: translate(job.locale, `mail.${job.template}.subject`, job.params),
        text: translate(job.locale, `mail.${job.template}.body`, job.params) + footer,
      };
    case 'operatorInvitation': {
      const p = { ...job.params, expires: formatForPeople(job.params.expiresAt, job.timeZone) };
      return {
        to: job.to,
        subject: translate(job.locale, 'mail.operatorInvitation.subject', p),
        text: translate(job.locale, 'mail.operatorInvitation.body', p) + footer,
      };
    }
  }
}
