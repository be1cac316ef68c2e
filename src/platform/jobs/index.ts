export * from './queue.js';
export * from './worker.js';
export * from './scheduler.js';
export * from './housekeeping.js';
