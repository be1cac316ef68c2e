/** Shapes of the budget-entry API (`/t/:slug/api/model/cubes/:id/{history,comments,actuals}`). */
export type CellSource = 'grid' | 'excel' | 'import' | 'spread' | 'copy' | 'package';
type Coords = Record<string, string>;
type UserRef = { id: string; name: string } | null;

export interface HistoryItem {
  coords: Coords;
  oldValue: number;
  newValue: number;
  user: UserRef;
  at: string;
  source: CellSource;
}
export interface HistoryResponse {
  items: HistoryItem[];
  nextCursor: string | null;
}

export interface CommentView {
  id: string;
  coords: Coords;
  parentId: string | null;
  author: UserRef;
  body: string;
  deleted: boolean;
  mine: boolean;
  at: string;
}

export interface ImportDefinition {
  columns: Record<string, string>;
  fixed: Record<string, string>;
  value: string;
  maps: Record<string, Record<string, string>>;
  replace: boolean;
  sliceDimensions: string[];
}

export interface InspectResponse {
  format: string;
  encoding: string;
  headers: string[];
  sample: string[][];
  rows: number;
}

export interface ImportCounts {
  rows: number;
  valid: number;
  errors: number;
  cells: number;
  summed: number;
  total: number;
}

export interface PreviewRow {
  line: number;
  coords: Coords;
  value: number | null;
  summed: boolean;
  errors: { column: string; code: string; message: string }[];
}

export interface PreviewResponse {
  format: string;
  encoding: string;
  counts: ImportCounts;
  rows: PreviewRow[];
  problems: { code: string; message: string }[];
}
