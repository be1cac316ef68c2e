export * from './database.js';
export * from './migrator.js';
export * from './storage.js';
export * from './types.js';
export * from './unit-of-work.js';
