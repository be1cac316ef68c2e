export * from './locale.js';
export * from './translate.js';
