export * from './sessions.js';
export * from './one-time-tokens.js';
