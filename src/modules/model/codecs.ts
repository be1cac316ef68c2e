import { cubeCodec } from './cube-codec.js';
import type { KindCodec } from './definitions.js';
import { dimensionCodec } from './dimension-codec.js';
import { portalCodec } from './portal-codec.js';
import { formCodec } from './form-codec.js';

/**
 * Every kind's package codec (see `KindCodec` in definitions.ts). A kind's module adds one line;
 * packages import and apply objects in ascending `order` (dimensions before cubes before forms
 * before portals).
 */
export const codecs: readonly KindCodec[] = [
  dimensionCodec, // dimensions (order 10)
  cubeCodec, // cubes (order 20, after dimensions)
  formCodec, // forms (order 30)
  portalCodec, // portals (order 40, after forms)
];
