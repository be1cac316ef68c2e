import { isEngineError, type EngineError } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { CubeStoreError } from '../cubes/store.js';

function fromEngine(e: EngineError): AppError {
  const p = e.params;
  const str = (k: string) => String(p[k] ?? '');
  switch (e.code) {
    case 'ENGINE_CYCLE':
      return new AppError('HIERARCHY_CYCLE', { params: { parent: str('parent'), child: str('child') } });
    case 'ENGINE_UNKNOWN_ELEMENT':
      return new AppError('ELEMENT_NOT_FOUND', { params: { element: str('element') } });
    case 'ENGINE_DUPLICATE_ELEMENT':
      return new AppError('ELEMENT_CODE_TAKEN', { params: { code: str('code') } });
    case 'ENGINE_DUPLICATE_LINK':
      return new AppError('LINK_EXISTS', { params: { parent: str('parent'), child: str('child') } });
    case 'ENGINE_UNKNOWN_LINK':
      return new AppError('LINK_NOT_FOUND', { params: { parent: str('parent'), child: str('child') } });
    case 'ENGINE_INVALID_WEIGHT':
      return new AppError('WEIGHT_INVALID');
    case 'ENGINE_NOT_LEAF':
      return new AppError('CELL_NOT_LEAF', { params: { cell: `${str('dimension')} = ${str('element')}` } });
    case 'ENGINE_INVALID_VALUE':
      return new AppError('CELL_VALUE_INVALID', { params: { cell: str('value') } });
    case 'ENGINE_UNKNOWN_DIMENSION':
    case 'ENGINE_ARITY':
    case 'ENGINE_DUPLICATE_DIMENSION':
      return new AppError('CUBE_DIMENSION_UNKNOWN', {
        params: { dimension: str('dimension') || str('missing') },
      });
    default:
      return new AppError('MODEL_OPERATION_INVALID', { params: { reason: e.code }, internal: e.message });
  }
}

/**
 * Engine refusals and cube-store errors as `AppError`s with ja/en messages.
 * Stored data the store cannot rebuild is an internal error (logged with its detail).
 */
export function toAppError(error: unknown): unknown {
  if (isEngineError(error)) return fromEngine(error);
  if (error instanceof CubeStoreError) {
    switch (error.code) {
      case 'CUBE_NOT_FOUND':
      case 'DIMENSION_NOT_FOUND':
        return new AppError('MODEL_OBJECT_NOT_FOUND', { internal: error.message });
      case 'CUBE_EXISTS':
        return new AppError('MODEL_CODE_TAKEN', { params: { code: '' }, internal: error.message });
      default:
        return error; // the last-resort handler answers 500 INTERNAL with a reference id and logs it
    }
  }
  return error;
}

/** Runs `work`, translating engine and store errors. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}
