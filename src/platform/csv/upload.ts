import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

/** The largest CSV file accepted (5 MiB); larger uploads are refused before parsing (413). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const CSV_CONTENT_TYPES = ['text/csv', 'application/octet-stream'];

/**
 * Lets routes receive a raw file (`text/csv` or `application/octet-stream`) as a
 * Buffer. Routes that take a file also set `bodyLimit: MAX_CSV_BYTES`; every other
 * route keeps the 1 MiB default, so the parser's own limit is that of the route.
 */
export function registerCsvUpload(app: FastifyInstance): void {
  for (const type of CSV_CONTENT_TYPES) {
    if (app.hasContentTypeParser(type)) continue;
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body);
    });
  }
}

/** The uploaded file of a CSV route; a JSON or form body is refused (415). */
export function uploadedFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  return body;
}
