import type { FastifyInstance } from 'fastify';
import { XLSX_CONTENT_TYPE } from './read.js';

/** Lets routes receive a raw .xlsx body (its own content type) as a Buffer, like `registerCsvUpload`. */
export function registerXlsxUpload(app: FastifyInstance): void {
  if (app.hasContentTypeParser(XLSX_CONTENT_TYPE)) return;
  app.addContentTypeParser(XLSX_CONTENT_TYPE, { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
}
