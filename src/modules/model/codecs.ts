import type { KindCodec } from './definitions.js';
import { portalCodec } from './portal-codec.js';
import { formCodec } from './form-codec.js';

/**
 * Every kind's package codec (see `KindCodec` in definitions.ts). A kind's module adds one line;
 * packages import and apply objects in ascending `order` (dimensions before cubes before forms
 * before portals).
 */
export const codecs: readonly KindCodec[] = [
  formCodec, // forms (order 30)
  portalCodec, // portals (order 40, after forms)
];
