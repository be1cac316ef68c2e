import { Writable } from 'node:stream';

/** Collects every log line the server writes, for assertions (redaction, JST timestamps). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(line);
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
