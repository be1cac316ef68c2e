import { AppError } from '../../platform/errors/app-error.js';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';

/** Gives the field issues of an `AppError` their ja/en message (`fields.<code>`) where they have none. */
export function localised(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError) || error.issues.every((i) => i.message !== undefined)) return error;
  return new AppError(error.code, {
    params: error.params,
    issues: error.issues.map((i) => ({
      ...i,
      message:
        i.message ?? translateDynamic(locale, `fields.${i.code}`, { name: i.path.split('/').pop() ?? '' }),
    })),
    cause: error,
  });
}

/** Runs `work`, localising the messages of field issues it throws. */
export async function withMessages<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw localised(error, locale);
  }
}
