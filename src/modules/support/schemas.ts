import { Type, type Static } from 'typebox';
import { SingleLine } from '../shared-schemas.js';
import { TICKET_CATEGORIES, TICKET_STATUSES } from './tables.js';

export const TicketStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('waiting_for_customer'),
  Type.Literal('answered'),
  Type.Literal('closed'),
]);
export const TicketCategorySchema = Type.Union([
  Type.Literal('question'),
  Type.Literal('request'),
  Type.Literal('incident_report'),
  Type.Literal('security_concern'),
]);
// The schemas above list exactly the table's values:
const _statuses: readonly Static<typeof TicketStatusSchema>[] = TICKET_STATUSES;
const _categories: readonly Static<typeof TicketCategorySchema>[] = TICKET_CATEGORIES;
void _statuses;
void _categories;

const When = Type.String({ description: 'ISO 8601 in the tenant zone' });
export const TicketView = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  category: TicketCategorySchema,
  subject: Type.String(),
  status: TicketStatusSchema,
  createdAt: When,
  updatedAt: When,
  tenant: Type.Optional(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() })),
});
export type TicketView = Static<typeof TicketView>;

export const MessageView = Type.Object({
  id: Type.String(),
  authorType: Type.Union([Type.Literal('user'), Type.Literal('operator')]),
  authorName: Type.String(),
  body: Type.String(),
  createdAt: When,
});
export const AttachmentView = Type.Object({
  id: Type.String(),
  authorType: Type.Union([Type.Literal('user'), Type.Literal('operator')]),
  authorName: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: When,
});
export const TicketDetail = Type.Object({
  ticket: TicketView,
  openedBy: Type.Union([Type.Object({ name: Type.String(), email: Type.String() }), Type.Null()]),
  messages: Type.Array(MessageView),
  attachments: Type.Array(AttachmentView),
});
export const TicketList = Type.Object({ items: Type.Array(TicketView) });
export const TicketResponse = Type.Object({ ticket: TicketView });
export const AttachmentResponse = Type.Object({ attachment: AttachmentView });
export const SupportAccess = Type.Object({ canOpen: Type.Boolean(), isOrgAdmin: Type.Boolean() });

export const TenantTicketParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const TenantAttachmentParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  attachmentId: Type.String({ maxLength: 64 }),
});
export const OperatorTicketParams = Type.Object({
  tenantId: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const OperatorAttachmentParams = Type.Object({
  tenantId: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  attachmentId: Type.String({ maxLength: 64 }),
});
export const TicketListQuery = Type.Object(
  { status: Type.Optional(TicketStatusSchema), tenant: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export const OpenTicketBody = Type.Object(
  {
    category: TicketCategorySchema,
    subject: SingleLine({ minLength: 1, maxLength: 200, notBlank: true }),
    description: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 20_000 }), status: Type.Optional(TicketStatusSchema) },
  { additionalProperties: false },
);
export const StatusBody = Type.Object({ status: TicketStatusSchema }, { additionalProperties: false });
export const UploadQuery = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);
export const AccessSettings = Type.Object({
  installation: Type.Boolean(),
  tenants: Type.Array(Type.Object({ tenantId: Type.String(), anyUser: Type.Boolean() })),
});
export const AccessBody = Type.Object(
  { tenantId: Type.Optional(Type.String({ maxLength: 64 })), anyUser: Type.Boolean() },
  { additionalProperties: false },
);
