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
