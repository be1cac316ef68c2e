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
