export { CubeStore, CubeStoreError } from './store.js';
export type { CellWrite, CubeStoreErrorCode, NewCube, TextWrite, WithinTx, WriteResult } from './store.js';
export { cubeDb } from './tables.js';
export type { CubeTables } from './tables.js';
