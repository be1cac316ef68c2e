import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { AppError } from '../../platform/errors/app-error.js';
import { demoContent, demoPackage } from './demo/build.js';
import { readPackage, writePackage } from './format.js';
import { compareVersions } from './manifest.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A zip of exactly these entries (no checks of ours). */
async function zipOf(entries: [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, b] of entries) zip.addBuffer(b, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** A package with the given files and correct checksums. */
function withSums(files: [string, Buffer][]): Promise<Buffer> {
  const sums = files.map(([n, b]) => `${sha(b)}  ${n}\n`).join('');
  return zipOf([...files, ['SHA256SUMS', Buffer.from(sums)]]);
}

const demoFiles = (): [string, Buffer][] => {
  const c = demoContent('test');
  return [
    ['manifest.json', Buffer.from(JSON.stringify(c.manifest))],
    ...c.objects.map((o, i): [string, Buffer] => [
      c.manifest.objects[i]!.file,
      Buffer.from(JSON.stringify(o)),
    ]),
  ];
};

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  return 'accepted';
}

/** Replaces every occurrence of an entry name in the zip bytes (same length). */
function rename(zip: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const out = Buffer.from(zip);
  const f = Buffer.from(from);
  let at = out.indexOf(f);
  while (at >= 0) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(f, at + 1);
  }
  return out;
}

describe('package format', () => {
  it('writes the demo deterministically and reads it back identically', async () => {
    const a = await demoPackage('1.2.3');
    const b = await demoPackage('1.2.3');
    expect(a.equals(b)).toBe(true);
    const read = await readPackage(a);
    expect(read).toEqual(demoContent('1.2.3'));
    expect(read.manifest).toMatchObject({ format: 'yosan-package', formatVersion: 1, code: 'yosan-demo' });
  });

  it('accepts a package written by hand with correct checksums', async () => {
    expect(await refusal(readPackage(await withSums(demoFiles())))).toBe('accepted');
  });

  it('refuses hostile entry names, extra and duplicate entries', async () => {
    const good = await withSums(demoFiles());
    for (const name of ['../../etc/passwd', '/etc/passwd12345', 'objects\\001.json', 'objects/001.jsox']) {
      expect(await refusal(readPackage(rename(good, 'objects/001.json', name)))).toBe('PACKAGE_INVALID');
    }
    const files = demoFiles();
    expect(await refusal(readPackage(await withSums([...files, ['evil.sh', Buffer.from('x')]])))).toBe(
      'PACKAGE_INVALID',
    );
    expect(await refusal(readPackage(await withSums([...files, files[1]!])))).toBe('PACKAGE_INVALID');
    expect(await refusal(readPackage(await withSums(files.slice(0, 3))))).toBe('PACKAGE_INVALID');
  });

  it('verifies checksums', async () => {
    const files = demoFiles();
    const sums = files.map(([n, b]) => `${sha(b)}  ${n}\n`).join('');
    const tampered = files.map(([n, b], i): [string, Buffer] => [
      n,
      i === 2 ? Buffer.concat([b, Buffer.from(' ')]) : b,
    ]);
    expect(await refusal(readPackage(await zipOf([...tampered, ['SHA256SUMS', Buffer.from(sums)]])))).toBe(
      'PACKAGE_CHECKSUM_MISMATCH',
    );
    expect(await refusal(readPackage(await zipOf(files)))).toBe('PACKAGE_INVALID');
  });

  it('refuses prototype-polluting keys anywhere', async () => {
    for (const evil of ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}']) {
      const files = demoFiles();
      const obj = JSON.parse(files[1]![1].toString()) as Record<string, unknown>;
      const text = JSON.stringify({ ...obj, definition: 'X' }).replace('"X"', evil);
      files[1] = [files[1]![0], Buffer.from(text)];
      expect(await refusal(readPackage(await withSums(files)))).toBe('PACKAGE_INVALID');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const files = demoFiles();
    files[1] = [files[1]![0], Buffer.from(files[1]![1].toString().replace('"Account"', '"Acc\\u0000ount"'))];
    expect(await refusal(readPackage(await withSums(files)))).toBe('PACKAGE_INVALID');
  });

  it('refuses zip bombs, too many entries and oversized files', async () => {
    const files = demoFiles();
    const bomb: [string, Buffer][] = [...files, ['objects/099.json', Buffer.alloc(10 * 1024 * 1024, 0x20)]];
    expect(await refusal(readPackage(await withSums(bomb)))).toBe('PACKAGE_TOO_LARGE');
    const many: [string, Buffer][] = Array.from({ length: 600 }, (_, i) => [
      `objects/${String(i + 1).padStart(4, '0')}.json`,
      Buffer.from('{}'),
    ]);
    expect(await refusal(readPackage(await withSums([files[0]!, ...many])))).toBe('PACKAGE_TOO_LARGE');
    expect(await refusal(readPackage(Buffer.alloc(21 * 1024 * 1024)))).toBe('PACKAGE_TOO_LARGE');
  });

  it('never throws anything but a PACKAGE_* AppError on random bytes (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect((await refusal(readPackage(Buffer.from(bytes)))).startsWith('PACKAGE_')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a mutated package silently, nor throws anything else (fuzz)', async () => {
    const good = await demoPackage('fuzz');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (edits) => {
          const bad = Buffer.from(good);
          for (const e of edits) bad[e.at] = e.byte;
          const code = await refusal(readPackage(bad));
          if (code === 'accepted') {
            // Only bytes the format does not cover (zip metadata such as times) may change.
            expect(await readPackage(bad)).toEqual(await readPackage(good));
          } else expect(code.startsWith('PACKAGE_')).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('validates any JSON manifest or object file against the schemas (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), async (value, asManifest) => {
        const files = demoFiles();
        files[asManifest ? 0 : 1] = [files[asManifest ? 0 : 1]![0], Buffer.from(JSON.stringify(value))];
        expect(await refusal(readPackage(await withSums(files)))).toBe('PACKAGE_INVALID');
      }),
      { numRuns: 200 },
    );
  });

  it('orders semantic versions', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.0.0-beta', '1.0.0')).toBe(-1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
  });

  it('round-trips any package written by writePackage', async () => {
    const c = demoContent('x');
    expect(await readPackage(await writePackage(c))).toEqual(c);
  });
});
