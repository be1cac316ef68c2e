import { cubeCodec } from './cube-codec.js';
import type { KindCodec } from './definitions.js';
import { dimensionCodec } from './dimension-codec.js';

/**
 * Every kind's package codec (see `KindCodec` in definitions.ts). A kind's module adds one line;
 * packages import and apply objects in ascending `order` (dimensions before cubes before forms
 * before portals).
 */
export const codecs: readonly KindCodec[] = [dimensionCodec, cubeCodec];
