import { translate, translateDynamic, type Locale } from '../i18n/index.js';
import { oneLine } from '../text/single-line.js';
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
      template: 'contractEnding';
      to: string;
      locale: Locale;
      timeZone: string;
      params: { name: string; tenant: string; end: string; closing: string; days: string; link: string };
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
    }
  | OpsMailJob;

type Mail<T extends string, P> = { template: T; to: string; locale: Locale; timeZone: string; params: P };
interface TicketMailParams {
  tenant: string;
  number: string;
  subject: string;
  /** Ticket category and status codes; rendered in the recipient's language. */
  category: string;
  status: string;
  by: string;
  text: string;
  link: string;
}
/** Provider operations (issue 9): support desk, incidents, maintenance. */
export type OpsMailJob =
  | Mail<
      'supportOpened' | 'supportCustomerReplied' | 'supportAnswered' | 'supportStatusChanged',
      TicketMailParams
    >
  | Mail<
      'incidentDeclared' | 'incidentUpdated' | 'incidentResolved',
      {
        tenant: string;
        title: string;
        severity: string;
        startedAt: string;
        at: string;
        text: string;
        link: string;
      }
    >
  | Mail<
      'maintenanceScheduled',
      { tenant: string; startsAt: string; endsAt: string; text: string; link: string }
    >
  | Mail<
      'workflowSubmitted' | 'workflowApproved' | 'workflowReturned' | 'workflowReopened',
      { tenant: string; portal: string; unit: string; by: string; comment: string; link: string }
    >;

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
    case 'contractEnding':
      return job.params;
    case 'supportOpened':
    case 'supportCustomerReplied':
    case 'supportAnswered':
    case 'supportStatusChanged':
      return {
        ...job.params,
        category: translateDynamic(job.locale, `ops.ticketCategory.${job.params.category}`),
        status: translateDynamic(job.locale, `ops.ticketStatus.${job.params.status}`),
      };
    case 'incidentDeclared':
    case 'incidentUpdated':
    case 'incidentResolved':
      return {
        ...job.params,
        severity: translateDynamic(job.locale, `ops.severity.${job.params.severity}`),
        startedAt: when(job.params.startedAt),
        at: when(job.params.at),
      };
    case 'maintenanceScheduled':
      return { ...job.params, startsAt: when(job.params.startsAt), endsAt: when(job.params.endsAt) };
    case 'backupFailure':
      return { ...job.params, at: when(job.params.at) };
    case 'workflowSubmitted':
    case 'workflowApproved':
    case 'workflowReturned':
    case 'workflowReopened':
      return { ...job.params, comment: job.params.comment ? `\n${job.params.comment}\n` : '' };
  }
}

/** Parameters that hold free text of several lines (ticket and incident texts, workflow comments). */
const MULTI_LINE = new Set(['text', 'details', 'comment']);

/**
 * User-supplied text can never form a line of its own that looks like a header or the mail's end
 * (issue 21 point 4): single-line values lose every control character, line break and bidi
 * override; multi-line values keep their line breaks, and each of their lines is indented.
 */
function safeParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = MULTI_LINE.has(key)
      ? value
          .replace(/\r\n?/g, '\n')
          .split('\n')
          .map((line) => (line.trim() === '' ? '' : `  ${oneLine(line)}`))
          .join('\n')
      : oneLine(value);
  }
  return out;
}

export function renderMail(job: MailJob): RenderedMail {
  const footer = `\n\n--\n${translate(job.locale, 'mail.footer', { timeZone: job.timeZone })}\n`;
  const p = safeParams(paramsFor(job));
  return {
    to: job.to,
    subject: translate(job.locale, `mail.${job.template}.subject`, p),
    text: translate(job.locale, `mail.${job.template}.body`, p) + footer,
  };
}
