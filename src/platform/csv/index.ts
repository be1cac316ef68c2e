export * from './decode.js';
export * from './encoding.js';
export * from './export.js';
export * from './table.js';
