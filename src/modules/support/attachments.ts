import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors/app-error.js';

/** Largest attachment (10 MiB) and most attachments per ticket. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_TICKET = 20;

/** The allow-list: file-name extension → the type its content must be sniffed as. */
const ALLOWED: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  csv: 'text/plain',
  log: 'text/plain',
};
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

/** Plain text: valid UTF-8 (BOM allowed) without NUL or other binary control bytes. */
function isPlainText(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(bytes.toString('latin1'));
}

export interface CheckedFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f"]/g;

/** A safe display name: no folders, no control characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).at(-1)!.replace(UNSAFE_IN_NAME, '').trim();
  return base.slice(-200) || 'file';
}

/**
 * Checks an upload: not empty, not over 10 MiB, its extension on the allow-list, and its
 * content sniffed as that type (a renamed executable or a PNG called `.pdf` is refused).
 */
export async function checkAttachment(rawName: string, bytes: Buffer): Promise<CheckedFile> {
  const fileName = cleanFileName(rawName);
  if (bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY');
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { params: { max: '10 MiB' } });
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const expected = ALLOWED[ext];
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime ?? (isPlainText(bytes) ? 'text/plain' : undefined);
  if (!expected || sniffed !== expected) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', {
      params: { allowed: ALLOWED_EXTENSIONS.join(', ') },
    });
  }
  return {
    fileName,
    contentType: expected === 'text/plain' ? 'text/plain; charset=utf-8' : expected,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
