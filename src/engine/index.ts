/** Public API of the pure cube engine (no I/O). */
export { ChangeSet } from './changes.js';
export type { CellChange, ChangeListener } from './changes.js';
export { Cube } from './cube.js';
export type { CubeOptions, Grid, GridQuery } from './cube.js';
export { Dimension } from './dimension.js';
export type {
  AttributeValue,
  ChildLink,
  DimensionEvent,
  DimensionListener,
  ElementRef,
} from './dimension.js';
export { ENGINE_ERROR_CODES, EngineError, isEngineError } from './errors.js';
export type { EngineErrorCode, EngineErrorParams } from './errors.js';
export { Closure } from './hierarchy.js';
export type { Selection, SpreadOptions } from './ops.js';
export type { SpreadMode } from './spread.js';
export { exactFallbacks } from './kernel-canonical.js';
