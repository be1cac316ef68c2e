export * from './queue.js';
export * from './worker.js';
