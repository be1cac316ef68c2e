/**
 * Errors raised by the cube engine. Every error carries a stable `code` and a
 * `params` object so that the server can translate it (ja/en) without parsing
 * the message. The engine never throws anything else on bad input.
 */
export const ENGINE_ERROR_CODES = [
  'ENGINE_CYCLE',
  'ENGINE_UNKNOWN_ELEMENT',
  'ENGINE_DUPLICATE_ELEMENT',
  'ENGINE_DUPLICATE_LINK',
  'ENGINE_UNKNOWN_LINK',
  'ENGINE_NOT_LEAF',
  'ENGINE_INVALID_WEIGHT',
  'ENGINE_INVALID_VALUE',
  'ENGINE_INVALID_ORDER',
  'ENGINE_ARITY',
  'ENGINE_DUPLICATE_DIMENSION',
  'ENGINE_UNKNOWN_DIMENSION',
  'ENGINE_CUBE_TOO_LARGE',
  'ENGINE_SPREAD_TOO_LARGE',
  'ENGINE_SPREAD_NO_FREE_LEAF',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export type EngineErrorParams = Record<string, string | number>;

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly params: EngineErrorParams;

  constructor(code: EngineErrorCode, params: EngineErrorParams = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'EngineError';
    this.code = code;
    this.params = params;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
