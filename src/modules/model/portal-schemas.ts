import { Type, type Static } from 'typebox';
import { LocalText, PortalDefinition } from './definitions.js';
import { ModelObjectView, NewObjectFields } from './schemas.js';

/** Request/response schemas of `/t/:slug/api/model/portals`. */
const strict = { additionalProperties: false } as const;

export const PortalTiles = PortalDefinition.properties.tiles;

export const CreatePortalBody = Type.Object(
  {
    ...NewObjectFields,
    /** Tiles (forms by code); announcements are added one by one afterwards. */
    tiles: Type.Optional(PortalTiles),
  },
  strict,
);
export type CreatePortalBody = Static<typeof CreatePortalBody>;

/** Replaces the tiles (names and category change through the catalogue, `PATCH /objects/:id`). */
export const UpdatePortalBody = Type.Object({ tiles: PortalTiles }, strict);
export type UpdatePortalBody = Static<typeof UpdatePortalBody>;

export const AnnouncementBody = Type.Object({ title: LocalText, body: LocalText }, strict);
export type AnnouncementBody = Static<typeof AnnouncementBody>;

export const AnnouncementParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  announcementId: Type.String({ maxLength: 64 }),
});

const Name = Type.Object({ ja: Type.String(), en: Type.String() });

export const TileView = Type.Object({
  /** Catalogue id of the form (link target `/t/:slug/forms/:id`). */
  formId: Type.String(),
  code: Type.String(),
  name: Name,
  title: Type.Optional(Name),
  note: Type.Optional(Name),
  /**
   * Seam for issue 7 (workflow): each department's status of this form. Always `null` until the
   * workflow exists.
   */
  status: Type.Null(),
});
export type TileView = Static<typeof TileView>;

export const AnnouncementView = Type.Object({
  id: Type.String(),
  /** ISO 8601 in the tenant zone. */
  at: Type.String(),
  title: Name,
  body: Name,
});

export const PortalSummary = Type.Object({ portal: ModelObjectView, tileCount: Type.Integer() });
export const PortalListResponse = Type.Object({ items: Type.Array(PortalSummary) });

export const PortalPage = Type.Object({
  portal: ModelObjectView,
  /** Tiles whose form the user may read, in the definition's order. */
  tiles: Type.Array(TileView),
  /** Newest first. */
  announcements: Type.Array(AnnouncementView),
  /** True when the user may edit the portal (org admins). */
  canEdit: Type.Boolean(),
});
export type PortalPage = Static<typeof PortalPage>;

/** The stored definition, for the editor (org admins). */
export const PortalDefinitionResponse = Type.Object({
  portal: ModelObjectView,
  definition: PortalDefinition,
});
export type PortalDefinitionResponse = Static<typeof PortalDefinitionResponse>;
