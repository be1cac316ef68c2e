import { AppError } from '../../platform/errors/app-error.js';

/**
 * The one file of a `multipart/form-data` upload (the first part with a file name), for the
 * package upload routes only (they register this parser in their own scope). Anything else —
 * no boundary, no file part, an unterminated part — is a clear 400.
 */
export function fileFromMultipart(contentType: string | undefined, body: Buffer): Buffer {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new AppError('PACKAGE_INVALID', { params: { reason: 'multipart' } });
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const headersStart = at + delimiter.length + 2; // past "\r\n"
    if (body.subarray(at + delimiter.length, at + delimiter.length + 2).toString() === '--') break;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(headersStart, headersEnd).toString('latin1');
    if (/^content-disposition:[^\r\n]*\bfilename=/im.test(headers))
      return body.subarray(headersEnd + 4, next);
    at = next + 2;
  }
  throw new AppError('PACKAGE_INVALID', { params: { reason: 'multipart' } });
}
