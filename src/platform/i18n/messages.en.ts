import type { ErrorCode } from '../errors/codes.js';

/**
 * English server catalogue: the source of the key set. `messages.ja.ts` must
 * have exactly the same keys (the compiler checks its type, a test checks at run time).
 * `{name}` placeholders are filled by `translate()`.
 */
export const en = {
  errors: {
    VALIDATION_FAILED: 'Some of the input is not valid. Please check the highlighted fields.',
    MALFORMED_JSON: 'The request body is not valid JSON.',
    UNSUPPORTED_MEDIA_TYPE: 'This kind of content is not accepted here.',
    PAYLOAD_TOO_LARGE: 'The request is too large.',
    NOT_FOUND: 'The page or resource was not found.',
    UNAUTHENTICATED: 'Please sign in.',
    FORBIDDEN: 'You do not have permission to do this.',
    CSRF_INVALID:
      'The request could not be verified (security token missing or expired). Reload the page and try again.',
    RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
    INVALID_CREDENTIALS: 'The e-mail address or password is incorrect.',
    TOKEN_INVALID: 'This link is not valid. Please check that you copied the whole link.',
    TOKEN_EXPIRED: 'This link has expired. Please ask for a new one.',
    TOKEN_USED: 'This link has already been used. Please ask for a new one if you still need it.',
    PASSWORD_TOO_SHORT: 'The password must be at least {min} characters long.',
    PASSWORD_TOO_LONG: 'The password must be at most {max} characters long.',
    PASSWORD_TOO_COMMON:
      'This password is too common or has appeared in a data breach. Please choose another.',
    PASSWORD_CONTAINS_IDENTITY: 'The password must not contain your e-mail address or name.',
    ACCOUNT_LOCKED:
      'Too many failed sign-in attempts. Sign-in is locked until {until}. If this was not you, please tell your administrator.',
    MFA_TOKEN_INVALID:
      'This sign-in step has expired. Please sign in again with your e-mail address and password.',
    MFA_CODE_INVALID: 'The verification code or recovery code is not correct.',
    CURRENT_PASSWORD_INCORRECT: 'The current password is not correct.',
    TOTP_NOT_SET_UP: 'Two-step verification has not been set up. Please start the set-up again.',
    TOTP_ALREADY_ENABLED: 'Two-step verification is already on.',
    TOTP_REQUIRED: 'Your organisation requires two-step verification, so it cannot be turned off.',
    SESSION_NOT_FOUND: 'This session was not found. It may already have ended.',
    SETUP_ALREADY_DONE: 'Set-up has already been completed. Please sign in.',
    EMAIL_TAKEN: 'This e-mail address is already registered.',
    SLUG_TAKEN: 'The URL name "{slug}" is already in use by another tenant.',
    SLUG_INVALID:
      'The URL name must be 3 to 40 characters of lower-case letters (a-z), digits and hyphens, starting with a letter and not ending with a hyphen.',
    SLUG_RESERVED: 'The URL name "{slug}" is reserved. Please choose another.',
    CONTRACT_DATES_INVALID: 'The contract end date must be on or after the start date.',
    TENANT_NOT_FOUND: 'This organisation was not found.',
    TENANT_SUSPENDED: 'This organisation is currently suspended. Please contact your service provider.',
    TENANT_STATE_CONFLICT: 'The organisation is already {state}.',
    OPERATOR_NOT_FOUND: 'The operator was not found.',
    JOB_NOT_FOUND: 'The job was not found.',
    MAIL_NOT_FOUND: 'The message was not found.',
    LOG_PERIOD_INVALID: 'The end of the period must be on or after its start.',
    USER_NOT_FOUND: 'The user was not found.',
    GROUP_NOT_FOUND: 'The group was not found.',
    GROUP_NAME_TAKEN: 'A group named "{name}" already exists.',
    CANNOT_DELETE_SELF: 'You cannot delete your own account.',
    LAST_ORG_ADMIN: 'This is the last organisation administrator. Make another user an administrator first.',
    INVITATION_NOT_PENDING: 'This user has already set a password, so there is no invitation to resend.',
    CSV_UNREADABLE:
      'The file could not be read as text. Save it from Excel as "CSV UTF-8" or "CSV" (Shift_JIS) and try again.',
    CSV_MALFORMED:
      'The file is not valid CSV (near line {line}: perhaps a quotation mark is not closed). Nothing was imported.',
    CSV_HEADER_MISSING: 'The first row must be the header row with the column names: {columns}.',
    CSV_COLUMNS_UNKNOWN: 'Unknown or repeated columns: {columns}. The columns are: {expected}.',
    CSV_COLUMNS_MISSING: 'Required columns are missing: {columns}.',
    CSV_ROW_COLUMNS: 'Row {row} has {found} cells, but the header has {expected}. Nothing was imported.',
    CSV_EMPTY: 'The file has no data rows.',
    CSV_TOO_MANY_ROWS: 'The file has more than {max} rows. Please split it.',
    IMPORT_HAS_ERRORS:
      '{count} rows have errors, so nothing was imported. Please correct them and try again.',
    IMPORT_BATCH_NOT_FOUND: 'This import was not found.',
    HANDBOOK_PAGE_NOT_FOUND: 'This Handbook page was not found.',
    RELEASE_VERSION_TAKEN: 'Release notes for version {version} have already been published.',
    RELEASE_NOT_FOUND: 'These release notes were not found.',
    TERMS_NOT_SET: 'The terms of service have not been published yet.',
    BACKUP_GENERATION_NOT_FOUND: 'There is no backup generation "{generation}" for this database.',
    BACKUP_VERIFY_FAILED: 'The backup did not pass verification, so nothing was restored: {problems}',
    BACKUP_BUSY: 'A backup or drill of this database is already running. Please try again later.',
    SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Please try again later.',
    INTERNAL: 'Something went wrong on our side. Please quote reference {refId} if you contact support.',
  } satisfies Record<ErrorCode, string>,
  fields: {
    required: 'This field is required.',
    format: 'This value has the wrong format.',
    too_long: 'This value is too long (at most {max} characters).',
    too_short: 'This value is too short (at least {min} characters).',
    type: 'This value has the wrong type.',
    unknown: 'This field is not expected.',
    email: 'This is not a valid e-mail address.',
    date: 'This is not a valid date (YYYY-MM-DD).',
    duplicate_in_file: 'This value appears more than once in the file.',
    already_registered: 'Already registered with different details.',
    unknown_group: 'Unknown group: {name}.',
    unknown_user: 'No registered user has this e-mail address: {name}.',
    locale: 'The language must be ja or en.',
    admin_flag: 'Use yes or no (also true/false, 1/0, はい/いいえ).',
  },
  mail: {
    footer: 'This message was sent by Yosan. Times are shown in {timeZone}.',
    invitation: {
      subject: '[Yosan] You are invited to {tenant}',
      body: 'Hello {name},\n\nYou have been registered as a user of "{tenant}" on Yosan. Please open the link below and set your password. The link can be used once and expires on {expires}.\n\n{link}\n\nIf you did not expect this message, you can ignore it.',
    },
    passwordReset: {
      subject: '[Yosan] Reset your password for {tenant}',
      body: 'Hello {name},\n\nSomeone (hopefully you) asked to reset the password of your Yosan account at "{tenant}". Please open the link below and choose a new password. The link can be used once and expires on {expires}.\n\n{link}\n\nIf you did not ask for this, you can ignore this message: your password stays as it is.',
    },
    passwordChanged: {
      subject: '[Yosan] Your password for {tenant} was changed',
      body: 'Hello {name},\n\nThe password of your Yosan account at "{tenant}" was changed on {at}. All your sessions were ended; please sign in again with the new password.\n\nIf you did not do this, please contact your administrator at once.',
    },
    accountLocked: {
      subject: '[Yosan] Sign-in to {tenant} is temporarily locked',
      body: 'Hello {name},\n\nThere were several failed attempts to sign in to your Yosan account at "{tenant}", so sign-in is locked until {until}. The latest attempt came from IP address {ip}.\n\nIf these attempts were yours, please wait and try again, or reset your password. If they were not yours, your password may be known to someone else: change it after the lock ends, turn on two-step verification, and tell your administrator.',
    },
    orgAdminGranted: {
      subject: '[Yosan] You are now an administrator of {tenant}',
      body: 'Hello {name},\n\n{by} made you an organisation administrator of "{tenant}" on Yosan. From your next action on, you can manage users, groups and settings.\n\n{link}\n\nIf you think this is a mistake, please contact your administrator.',
    },
    orgAdminRevoked: {
      subject: '[Yosan] You are no longer an administrator of {tenant}',
      body: 'Hello {name},\n\n{by} removed your organisation administrator rights in "{tenant}" on Yosan. You can still sign in as a user.\n\n{link}\n\nIf you think this is a mistake, please contact your administrator.',
    },
    backupFailure: {
      subject: '[Yosan] Backup problem: {what}',
      body: 'Hello,\n\nA backup task of Yosan failed on {at}.\n\nWhat: {what}\nDetails: {details}\n\nPlease look at Operator console > Backups, and run `yosan backup drill` once it is fixed.',
    },
    operatorInvitation: {
      subject: '[Yosan] Set your operator password',
      body: 'Hello,\n\nAn operator account has been created for {email}. Please open the link below and set your password. The link can be used once and expires on {expires}.\n\n{link}',
    },
  },
  tenant: {
    status: { active: 'active', suspended: 'suspended' },
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
