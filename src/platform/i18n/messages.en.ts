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
    RATE_LIMITED: 'Too many requests. Please try again in {seconds} seconds.',
    INVALID_CREDENTIALS: 'The e-mail address or password is incorrect.',
    TOKEN_INVALID: 'This link is not valid. Please check that you copied the whole link.',
    TOKEN_EXPIRED: 'This link has expired. Please ask for a new one.',
    TOKEN_USED: 'This link has already been used. Please ask for a new one if you still need it.',
    PASSWORD_TOO_SHORT: 'The password must be at least {min} characters long.',
    PASSWORD_TOO_LONG: 'The password must be at most {max} characters long.',
    PASSWORD_TOO_COMMON:
      'This password is too common or has appeared in a data breach. Please choose another.',
    PASSWORD_TOO_SIMPLE:
      'A password of only spaces, or of one character repeated, cannot be used. Please choose another.',
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
    INVITATION_RESEND_LIMIT:
      'At most {perHour} invitation mails an hour can go to this user. Please resend it later.',
    INVITATION_NOT_PENDING: 'This user has already set a password, so there is no invitation to resend.',
    TOO_MANY_CELLS:
      'This view covers {cells} cells, more than the {max} one request may show. Choose fewer rows or columns (or a narrower fixed choice).',
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
    TENANT_CLOSED:
      "This organisation's contract ended on {date}. The service is closed and its data has been deleted. Please contact your service provider.",
    CONFIRMATION_MISMATCH: 'To confirm, type the URL name of the organisation exactly: {slug}',
    TERMINATION_ALREADY_CANCELLED: 'The termination after this end date has already been cancelled.',
    CERTIFICATE_NOT_FOUND: 'There is no deletion certificate for this organisation (yet).',
    CERTIFICATE_INVALID: 'This file is not a Yosan deletion certificate.',
    EXPORT_IN_PROGRESS: 'An export is already being prepared. Please wait until it is ready.',
    EXPORT_NOT_FOUND: 'This export was not found.',
    EXPORT_NOT_READY: 'This export cannot be downloaded: it is not ready yet, or its 7 days have passed.',
    SUPPORT_NOT_ALLOWED:
      'Only organisation administrators can open support tickets here. Please ask your administrator.',
    TICKET_NOT_FOUND: 'This support ticket was not found.',
    TICKET_STATUS_NOT_ALLOWED: 'You cannot set this ticket to "{status}".',
    ATTACHMENT_NOT_FOUND: 'This attachment was not found.',
    ATTACHMENT_TOO_LARGE: 'The file is too large. Attachments can be at most {max}.',
    ATTACHMENT_TYPE_NOT_ALLOWED:
      'This kind of file cannot be attached. Allowed: {allowed}. The type is checked from the content, not the name.',
    ATTACHMENT_EMPTY: 'The file is empty.',
    ATTACHMENT_LIMIT: 'A ticket can have at most {max} attachments.',
    INCIDENT_NOT_FOUND: 'This incident was not found.',
    INCIDENT_RESOLVED: 'This incident is already resolved.',
    INCIDENT_TENANTS_REQUIRED: 'Choose the affected tenants, or all tenants.',
    MAINTENANCE_NOT_FOUND: 'This maintenance window was not found.',
    MAINTENANCE_PERIOD_INVALID: 'The end must be after the start, and the end must be in the future.',
    MAINTENANCE_STATE_CONFLICT: 'This maintenance window has already ended or was cancelled.',
    MAINTENANCE_IN_PROGRESS: 'Yosan is under scheduled maintenance until {until}. Please try again then.',
    HANDBOOK_PAGE_NOT_FOUND: 'This Handbook page was not found.',
    RELEASE_VERSION_TAKEN: 'Release notes for version {version} have already been published.',
    RELEASE_NOT_FOUND: 'These release notes were not found.',
    TERMS_NOT_SET: 'The terms of service have not been published yet.',
    MODEL_OBJECT_NOT_FOUND: 'This model object (dimension, cube, form or portal) was not found.',
    MODEL_CODE_TAKEN: 'The code "{code}" is already used by another object of this kind.',
    MODEL_OWNER_UNKNOWN: 'The owner must be a registered user of this organisation.',
    ELEMENT_NOT_FOUND: 'The dimension has no element "{element}". Nothing was changed.',
    ELEMENT_CODE_TAKEN: 'The dimension already has an element with the code "{code}". Nothing was changed.',
    HIERARCHY_CYCLE:
      '"{child}" cannot be placed under "{parent}": "{parent}" is already below "{child}", so the hierarchy would loop. Nothing was changed.',
    LINK_EXISTS: '"{child}" is already under "{parent}". Nothing was changed.',
    LINK_NOT_FOUND: '"{child}" is not under "{parent}". Nothing was changed.',
    WEIGHT_INVALID: 'The weight must be a finite number (for example 1, -1 or 0.5). Nothing was changed.',
    MODEL_OPERATION_INVALID: 'This change cannot be made ({reason}). Nothing was changed.',
    WORKFLOW_CLOSED:
      '{unit} has been submitted or approved and cannot be changed until its approver returns or reopens it. Nothing was saved.',
    WORKFLOW_TRANSITION_INVALID: 'This step is not possible in the current state ({state}). Please reload.',
    WORKFLOW_NOT_SET_UP: 'This portal has no workflow.',
    CELL_LOCKED:
      '{dimension} = {element} is locked and cannot be changed (until an organisation administrator unlocks it). Nothing was saved.',
    ANNOUNCEMENT_NOT_FOUND: 'This announcement was not found. Nothing was changed.',
    CELL_NOT_LEAF:
      'The cell {cell} is a total (not a leaf) and cannot be entered directly. Nothing was saved.',
    CELL_VALUE_INVALID: 'The value of cell {cell} is not a finite number. Nothing was saved.',
    CUBE_DIMENSION_UNKNOWN:
      'The cube has no dimension "{dimension}", or a dimension is missing from the cell address. Nothing was changed.',
    XLSX_UNREADABLE:
      'The file is not an Excel workbook (.xlsx) or it is damaged. In Excel, save it as "Excel Workbook (*.xlsx)" without a password (older .xls files are not accepted), or upload a CSV file. Nothing was imported.',
    XLSX_TOO_LARGE:
      'The workbook is too large (at most {max} MB, and not more than 64 MB unpacked). Remove other sheets or upload a CSV file. Nothing was imported.',
    XLSX_SHEET_NOT_FOUND:
      'No sheet of the workbook starts with the expected header row ({columns}). Sheets found: {sheets}. Nothing was imported.',
    ELEMENT_HAS_CELLS:
      '"{element}" cannot be deleted: it has figures ({cubes}). Clear those cells first. Nothing was changed.',
    ELEMENT_HAS_RIGHTS:
      '"{element}" cannot be deleted: access rights of these groups refer to it: {groups}. Change those rights first. Nothing was changed.',
    ELEMENT_LOCKED:
      '"{element}" cannot be deleted: it is locked in these cubes: {cubes}. Unlock it first. Nothing was changed.',
    ELEMENT_IN_FORMS:
      '"{element}" cannot be deleted: these forms name it: {forms}. Change those forms first. Nothing was changed.',
    FORM_NOT_DEFINED: 'This form has no layout yet. An administrator must define it first.',
    FORM_OUT_OF_DATE:
      'This form refers to a cube, dimension or element that no longer exists. An administrator must correct the form.',
    FORM_DRILL_INVALID:
      'You cannot drill into “{element}” here: drilling is for totals on the rows of a report that you may see.',
    FORM_CHOICE_INVALID: '"{element}" cannot be chosen for {dimension} in this form. Nothing was changed.',
    FORM_CELL_NOT_INPUT: 'The cell {cell} cannot be entered in this form. Nothing was saved.',
    FORM_XLSX_NOT_FORM:
      'This file is not a form downloaded from Yosan (its hidden sheet "yosan" is missing). Download the form with "Download Excel", edit that file and upload it. Nothing was saved.',
    FORM_XLSX_TAMPERED:
      'The hidden sheet of this file was changed after the download, so its cells cannot be matched to the form. Download the form again. Nothing was saved.',
    FORM_XLSX_OTHER_FORM:
      'This file was downloaded from another form ({form}) or another organisation. Upload it on that form. Nothing was saved.',
    FORM_XLSX_HAS_ERRORS:
      'The file has {errors} cell(s) in error and {conflicts} cell(s) changed by someone else since the download (see the preview). Nothing was saved.',
    FORM_XLSX_PREVIEW_EXPIRED:
      'This preview has expired, was already applied or belongs to another user. Please upload the file again.',
    FORM_SAVE_CONFLICT:
      '{count} of the cells you changed were changed by someone else since you opened the form. Nothing was saved: compare their values with yours, then save again.',
    FORM_SPREAD_HOLD_OUTSIDE:
      'The held cell {held} is not under the total {cell} you typed: only cells under a total can be held. Nothing was saved.',
    FORM_SPREAD_NO_FREE_LEAF:
      'The total {cell} cannot be spread: every cell under it is held. Release a cell, or type the sum of the cells under it. Nothing was saved.',
    CELL_NOT_VISIBLE: 'This cell was not found, or you may not see it.',
    COMMENT_NOT_FOUND: 'This comment was not found (it may have been deleted).',
    COMMENT_NOT_OWN: 'You can delete only your own comments.',
    IMPORT_DEFINITION_MISSING: 'This cube has no import definition yet. Save the column mapping first.',
    IMPORT_DEFINITION_INVALID: 'The import definition is not complete or not valid. Nothing was saved.',
    IMPORT_FILE_UNREADABLE:
      'The file could not be read. Upload a CSV file (UTF-8 or Shift_JIS) or an Excel workbook (.xlsx).',
    IMPORT_COLUMN_MISSING: 'The file has no column "{column}", which the import definition uses.',
    BACKUP_GENERATION_NOT_FOUND: 'There is no backup generation "{generation}" for this database.',
    BACKUP_VERIFY_FAILED: 'The backup did not pass verification, so nothing was restored: {problems}',
    BACKUP_BUSY: 'A backup or drill of this database is already running. Please try again later.',
    PACKAGE_INVALID: 'This file is not a valid Yosan package ({reason}). Nothing was imported.',
    PACKAGE_TOO_LARGE:
      'The package is too large (at most 20 MiB, 100 MiB unpacked, 500 objects). Nothing was imported.',
    PACKAGE_CHECKSUM_MISMATCH:
      'The package is damaged: the checksum of {file} does not match. Nothing was imported.',
    PACKAGE_KIND_UNSUPPORTED:
      'This version of Yosan cannot install objects of kind "{kind}" yet. Nothing was imported.',
    PACKAGE_DEPENDENCY_MISSING:
      'The package needs the {kind} "{code}", which is neither in the package nor in this organisation. Nothing was imported.',
    PACKAGE_CONFLICT:
      'The package conflicts with objects of this organisation (see the preview). Nothing was imported.',
    PACKAGE_PREVIEW_EXPIRED:
      'This preview has expired or was already applied. Please upload the package again.',
    PACKAGE_NOT_FOUND: 'This package was not found.',
    PACKAGE_VERSION_TAKEN: 'Version {version} of package {code} has already been uploaded.',
    PACKAGE_NOTHING_SELECTED: 'Choose at least one object to export.',
    SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Please try again later.',
    INTERNAL: 'Something went wrong on our side. Please quote reference {refId} if you contact support.',
  } satisfies Record<ErrorCode, string>,
  fields: {
    nul_character: 'The null character (U+0000) is not allowed in any value.',
    single_line:
      'Line breaks, tabs, control characters and text-direction marks are not allowed (one line only).',
    single_line_not_blank:
      'Enter some text, on one line: spaces only, line breaks, tabs, control characters and text-direction marks are not allowed.',
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
    code_format: 'Use letters, digits, _ - . only (no spaces), at most 64 characters.',
    self_parent: 'An element cannot be its own parent.',
    number: 'This is not a number (for example 1, -1 or 0.5).',
    names_differ: 'The names differ from those in row {row} for the same code.',
    unknown_element: 'No element has the code {name} (neither in the dimension nor in the file).',
    unknown_object: 'No dimension, cube, form or portal has this id.',
    unknown_dimension: 'No dimension has this id.',
    unknown_cube: 'There is no cube with this id.',
    unknown_element_code: 'This element is not in the dimension.',
    same_as_from: 'Choose an element other than the one copied from.',
    no_read_right: 'You may not read the cells copied from.',
    duplicate: 'This is a duplicate.',
    no_write_right: 'You may not change this cell.',
    formula_no_value:
      'This cell holds a formula ({formula}) without a saved value: open the file in Excel, save it and upload it again, or enter the value itself.',
    cell_error: 'This cell shows an error ({value}).',
    xlsx_not_number:
      'This is not a number: "{value}" (1234, 1,234, ▲1,234 and full-width digits are accepted).',
    xlsx_not_on_form: 'This row or column is no longer on the form for you, so the cell cannot be saved.',
    xlsx_not_input:
      'This cell cannot be entered (a total, a read-only, locked or closed cell, or no write right): it must keep its downloaded value {value}.',
    xlsx_hidden_cell: 'This cell was hidden from you when the file was downloaded; it must stay empty.',
    xlsx_conflict: 'Someone else changed this cell since the download.',
    unknown_form: 'No form has the code {name}.',
    unknown_group_id: 'No group has this id.',
    form_unknown_cube: 'No cube has the code {name}.',
    form_dimension_not_in_cube: 'The cube {cube} has no dimension {name}.',
    form_dimension_twice: 'The dimension {name} is used more than once (rows, columns and fixed together).',
    form_dimension_missing: 'The dimension {name} of the cube must be on rows, on columns or fixed.',
    form_unknown_element: 'The dimension {dimension} has no element {name}.',
    form_default_not_choice: 'The default element {name} must be one of the choices (as “self”).',
    form_not_on_axis: 'This element is not on this axis of the form.',
    form_computed_report_only: 'Computed members (variance, %) are for reports only.',
    form_computed_code_taken:
      'The code {name} is already used on this axis (by an element or another computed member).',
    form_computed_same: 'A variance needs two different elements.',
    too_many_cells: 'Too many cells at once (at most 5,000).',
    no_mapping: 'Choose a file column or a fixed element for this dimension.',
    both_mapped: 'Choose either a file column or a fixed element for this dimension, not both.',
    not_leaf: 'The element {name} is a total (not a leaf); choose a leaf element.',
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
    contractEnding: {
      subject: '[Yosan] The contract of {tenant} ends on {end}: please export your data',
      body: 'Hello {name},\n\nThe Yosan contract of "{tenant}" ends on {end} ({days} days from today). On {closing} the service for your organisation will be closed and all of its data deleted, backups included, within 30 days.\n\nIf you want to keep your data, please download a complete export (content, figures, users and groups, and all logs) before then:\n\n{link}\n\nIf the contract is being renewed, you can ignore this message.',
    },
    backupFailure: {
      subject: '[Yosan] Backup problem: {what}',
      body: 'Hello,\n\nA backup task of Yosan failed on {at}.\n\nWhat: {what}\nDetails: {details}\n\nPlease look at Operator console > Backups, and run `yosan backup drill` once it is fixed.',
    },
    operatorInvitation: {
      subject: '[Yosan] Set your operator password',
      body: 'Hello,\n\nAn operator account has been created for {email}. Please open the link below and set your password. The link can be used once and expires on {expires}.\n\n{link}',
    },
    supportOpened: {
      subject: '[Yosan] Support #{number} from {tenant}: {subject}',
      body: 'A new support ticket was opened.\n\nTenant: {tenant}\nTicket: #{number} {subject}\nCategory: {category}\nOpened by: {by}\n\n{text}\n\n{link}',
    },
    supportCustomerReplied: {
      subject: '[Yosan] Support #{number} from {tenant}: new reply',
      body: '{by} replied to support ticket #{number} ({subject}) of {tenant}. Status: {status}.\n\n{text}\n\n{link}',
    },
    supportAnswered: {
      subject: '[Yosan] Support replied to #{number}: {subject}',
      body: 'Hello,\n\nThe Yosan support team replied to ticket #{number} ({subject}) of {tenant}. Status: {status}.\n\n{text}\n\nOpen the ticket to read the whole thread or to reply:\n{link}',
    },
    supportStatusChanged: {
      subject: '[Yosan] Support ticket #{number} is now {status}',
      body: 'Hello,\n\nTicket #{number} ({subject}) of {tenant} is now: {status} (changed by {by}).\n\n{link}',
    },
    incidentDeclared: {
      subject: '[Yosan] Incident ({severity}): {title}',
      body: 'Hello,\n\nThe Yosan operator has declared an incident affecting {tenant}.\n\nSeverity: {severity}\nStarted: {startedAt}\n\n{text}\n\nThe incident page is kept up to date:\n{link}',
    },
    incidentUpdated: {
      subject: '[Yosan] Incident update: {title}',
      body: 'Hello,\n\nAn update on the incident "{title}" affecting {tenant} ({at}):\n\n{text}\n\n{link}',
    },
    incidentResolved: {
      subject: '[Yosan] Resolved: {title}',
      body: 'Hello,\n\nThe incident "{title}" affecting {tenant} was resolved on {at}.\n\n{text}\n\n{link}',
    },
    workflowSubmitted: {
      subject: '[Yosan] {unit} was submitted ({portal})',
      body: '{by} submitted {unit} in “{portal}”. Please review it and approve it or return it.\n{comment}\n{link}',
    },
    workflowApproved: {
      subject: '[Yosan] {unit} was approved ({portal})',
      body: '{by} approved {unit} in “{portal}”. Its figures are final and can no longer be changed.\n{comment}\n{link}',
    },
    workflowReturned: {
      subject: '[Yosan] {unit} was returned ({portal})',
      body: '{by} returned {unit} in “{portal}”. Please read the comment, correct the figures and submit again.\n{comment}\n{link}',
    },
    workflowReopened: {
      subject: '[Yosan] {unit} was reopened ({portal})',
      body: '{by} reopened the approved {unit} in “{portal}”. It can be edited again; please submit it again when done.\n{comment}\n{link}',
    },
    maintenanceScheduled: {
      subject: '[Yosan] Scheduled maintenance from {startsAt}',
      body: 'Hello,\n\nYosan will be under scheduled maintenance from {startsAt} to {endsAt}. During this time Yosan cannot be used for {tenant}.\n\n{text}\n\n{link}',
    },
  },
  entry: {
    rows: {
      unknown_element: 'No element "{element}" in {dimension}.',
      consolidated_element: '"{element}" in {dimension} is a total; actuals go to leaf elements only.',
      not_a_number: '"{value}" is not a number (accepted: 1234, 1,234, -1,234, ▲1,234, △1,234, (1,234)).',
      empty_value: 'The value is empty.',
      empty_code: 'The column for {dimension} is empty.',
      no_write_right: 'You may not change this cell.',
      extra_columns:
        'This row has {found} columns, the header {expected}: write a number with commas in quotes ("1,234").',
      clear_no_right: 'Replacing the slice would clear cells you may not change.',
    },
  },
  tenant: {
    status: { active: 'active', suspended: 'suspended', closed: 'closed' },
  },
  ops: {
    ticketStatus: {
      open: 'open',
      waiting_for_customer: 'waiting for customer',
      answered: 'answered',
      closed: 'closed',
    },
    ticketCategory: {
      question: 'question',
      request: 'request',
      incident_report: 'incident report',
      security_concern: 'security concern',
    },
    severity: { minor: 'minor', major: 'major', critical: 'critical' },
    maintenancePage: {
      title: 'Scheduled maintenance',
      heading: 'Yosan is under scheduled maintenance',
      until: 'Expected to end: {until}',
    },
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
