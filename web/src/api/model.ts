import type { NumberFormat } from '../lib/formNumbers.js';

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
  /** `up`: a rise is favourable (sales, profits); `down`: a fall is (costs). */
  sense: 'up' | 'down';
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

/** The dry run of a dimension import (CSV or .xlsx): every row's outcome and problems. */
export interface DimensionDryRun {
  /** utf-8-bom | utf-8 | shift_jis | xlsx */
  encoding: string;
  rows: {
    row: number;
    code: string;
    /** The row's cells as the file gives them. */
    nameJa?: string;
    nameEn?: string;
    parent?: string;
    weight?: string;
    outcome: 'new' | 'changed' | 'unchanged' | 'error';
    errors: { column: string; code: string; message: string }[];
  }[];
  summary: { total: number; new: number; changed: number; unchanged: number; error: number };
}

export interface DimensionImportResult {
  summary: DimensionDryRun['summary'];
  dimension: DimensionDetail;
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

/** Forms (`/model/forms`): the definition shape of src/modules/model/definitions.ts. */
export type MemberSelect = 'self' | 'children' | 'leaves' | 'descendants';
export interface MemberSpec {
  element: string;
  select: MemberSelect;
}
export interface FormFixedSpec {
  dimension: string;
  element: string;
  userSelectable: boolean;
  choices?: MemberSpec[];
}
/** A report's computed member: of − base (`difference`) or (of − base) / |base| (`ratio`). */
export interface ComputedMember {
  code: string;
  name: LocalName;
  kind: 'difference' | 'ratio';
  of: string;
  base: string;
}
export interface FormAxis {
  dimension: string;
  members: MemberSpec[];
  computed?: ComputedMember[];
}
export interface FormDefinition {
  cube: string;
  type: 'input' | 'report';
  rows: FormAxis;
  columns: FormAxis;
  fixed: FormFixedSpec[];
  input: 'leaves' | 'all' | 'none';
  readOnly: string[];
  /** The form's own number format; absent = the tenant's default. */
  format?: NumberFormat;
  /** Total rows below their details (P&L order) or above them; absent = above. */
  totals?: 'above' | 'below';
}
export interface FormView {
  object: ModelObjectView;
  definition: FormDefinition | null;
  canWrite: boolean;
}
export interface FormListItem {
  object: ModelObjectView;
  cube: string | null;
  type: 'input' | 'report' | null;
}
/** A shown member of the same axis that consolidates this one (index into the same array). */
export interface RollupLink {
  index: number;
  /** Effective weight: a change of Δ here changes that member by Δ × weight. */
  weight: number;
}
export interface FormMember {
  code: string;
  name: LocalName;
  /** A report's computed member; `ratio` values are fractions (0.05 = 5 %). */
  computed?: Pick<ComputedMember, 'kind' | 'of' | 'base'>;
  depth: number;
  leaf: boolean;
  /** Given members: favourable when up or down (variance colours follow it); absent on computed ones. */
  sense?: 'up' | 'down';
  rollup: RollupLink[];
}
export interface OpenForm {
  form: ModelObjectView;
  /** The cube's object id (cube history / comments routes). */
  cubeId: string;
  type: 'input' | 'report';
  rowDimension: string;
  columnDimension: string;
  dimensionNames: Record<string, LocalName>;
  rows: FormMember[];
  columns: FormMember[];
  fixed: {
    dimension: string;
    element: string;
    name: LocalName;
    choices?: { code: string; name: LocalName }[];
  }[];
  values: (number | null)[][];
  /** Input cells; a consolidated one (form `input: 'all'`) is spread over its leaves on save. */
  input: boolean[][];
  /** The format the form is shown in: its own, else the tenant's default. */
  format: NumberFormat;
}
/** One cell of `POST forms/:id/cells`; `base` = the value loaded (0 for empty) enables the conflict check. */
export interface FormSaveCell {
  row: string;
  column: string;
  value: number;
  base?: number | null;
}
export interface FormSaveBody {
  choices?: Record<string, string>;
  cells: FormSaveCell[];
}
/** `POST forms/:id/history`: the cube history of the form's readable cells (cube history item shape). */
export interface FormHistoryBody {
  choices?: Record<string, string>;
  limit?: number;
  cursor?: string;
}
