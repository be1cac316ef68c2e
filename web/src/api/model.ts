/** Shapes of the planning-model API (`/t/:slug/api/model/...`). */
export interface LocalName {
  ja: string;
  en: string;
}

export interface ModelObjectView {
  id: string;
  kind: 'dimension' | 'cube' | 'form' | 'portal';
  code: string;
  name: LocalName;
  distributedName: LocalName;
  category: string;
  description: string;
  origin: 'provider' | 'tenant';
  overridden: boolean;
  owner: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface LinkView {
  code: string;
  weight: number;
}

export interface ElementView {
  id: number;
  code: string;
  name: LocalName;
  leaf: boolean;
  parents: LinkView[];
  children: LinkView[];
}

export interface DimensionDetail {
  object: ModelObjectView;
  roots: string[];
  elements: ElementView[];
}

export interface DimensionSummary {
  object: ModelObjectView;
  elementCount: number;
}

export interface CubeView {
  object: ModelObjectView;
  dimensions: { id: string; code: string; name: LocalName }[];
  /** Populated leaf cells. */
  size: number;
  lastChange: string;
}

// Portals and rights screens (issue 6).
export interface PortalTileDef {
  form: string;
  title?: LocalName;
  note?: LocalName;
}

export interface PortalAnnouncement {
  id: string;
  at: string;
  title: LocalName;
  body: LocalName;
}

export interface PortalDefinitionView {
  portal: ModelObjectView;
  definition: { tiles: PortalTileDef[]; announcements: PortalAnnouncement[] };
}

export interface PortalTileView {
  formId: string;
  code: string;
  name: LocalName;
  title?: LocalName;
  note?: LocalName;
  /** Issue 7 (workflow) will fill this; always null for now. */
  status: null;
}

export interface PortalPageView {
  portal: ModelObjectView;
  tiles: PortalTileView[];
  announcements: PortalAnnouncement[];
  canEdit: boolean;
}

export interface PortalSummary {
  portal: ModelObjectView;
  tileCount: number;
}

export type Access = 'read' | 'write';

export interface ObjectRightsView {
  object: ModelObjectView;
  groups: { groupId: string; groupName: string; access: Access }[];
}

export interface GroupRightsView {
  objects: { objectId: string; access: Access }[];
  elements: { dimensionId: string; element: string; access: Access }[];
}

export interface EffectiveCubeRights {
  cubeId: string;
  code: string;
  name: LocalName;
  access: Access | 'none';
  via: {
    groupId: string;
    groupName: string;
    access: Access;
    restrictions: Record<string, { element: string; access: Access }[]>;
  }[];
}

export interface EffectiveObjectRights {
  objectId: string;
  kind: 'cube' | 'form' | 'portal';
  code: string;
  name: LocalName;
  access: Access | 'none';
  via: { groupId: string; groupName: string; access: Access }[];
}
