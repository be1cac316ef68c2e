import type { Area } from '../../../../lib/gridPaste.js';

/*
 * RevoGrid's own type declarations do not resolve under NodeNext (extensionless relative
 * imports in an ESM package), so the few shapes the input grid uses are declared here, with the
 * small helpers its event handlers share.
 */
export type Row = { r: number; h: string } & Record<string, string | number>;
export type Focused = { r: number; c: number } | null;
export type VNode = unknown;
export type Hyper = (tag: string, props: Record<string, unknown>, children?: unknown) => VNode;
export interface CellArgs {
  model: Row;
  prop: string;
}
export interface ColumnDef {
  prop: string;
  name: string;
  pin?: 'colPinStart';
  size: number;
  ci?: number;
  readonly: boolean | ((p: CellArgs) => boolean);
  columnProperties: () => Record<string, string>;
  cellProperties: (p: CellArgs) => Record<string, string | undefined>;
  cellTemplate?: (h: Hyper, p: CellArgs) => VNode;
  columnTemplate?: (h: Hyper) => VNode;
  editor?: string;
}
export interface GridElement extends HTMLElement {
  setCellEdit(rgRow: number, prop: string): Promise<void>;
  getSelectedRange(): Promise<(Area & { colType: string }) | null>;
  getFocused(): Promise<{ cell: { x: number; y: number }; colType: string } | null>;
}
export type GridEvent<T> = CustomEvent<T>;

export const ROW_SIZE = 30;
export const HEADER = 40;
export const prop = (c: number) => `c${c}`;
export const colOf = (p: unknown) => (typeof p === 'string' && p.startsWith('c') ? Number(p.slice(1)) : -1);

/** Editable elements outside the grid (comment box, selectors) keep their own keys, paste and copy. */
export function outside(grid: Element | null, target: EventTarget | null): boolean {
  if (!(target instanceof Element) || !grid || grid.contains(target)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}
/**
 * Every viewport section of RevoGrid (frozen column, body) listens to the document and re-emits
 * the same key or paste event: each native event is acted on once.
 */
const seen = new WeakSet<Event>();
export function once(e: Event): boolean {
  if (seen.has(e)) return true;
  seen.add(e);
  return false;
}
export const inEditor = (target: EventTarget | null) =>
  target instanceof Element && target.closest('revogr-edit') !== null;
