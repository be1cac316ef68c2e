export * from './templates.js';
export * from './transport.js';
