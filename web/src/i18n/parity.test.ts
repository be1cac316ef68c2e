import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ja } from './ja.js';

/** Every leaf key path of a catalogue; a leaf that is not a string is marked so it never matches. */
function leaves(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (typeof node !== 'object' || node === null) return [`${prefix} (not a string: ${typeof node})`];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

function valueAt(node: unknown, path: string): string {
  let value: unknown = node;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return String(value);
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1] ?? '')
    .sort()
    .join(',');
}

describe('UI message catalogues (en / ja)', () => {
  const enKeys = leaves(en);
  const jaKeys = leaves(ja);

  it('has every English key in Japanese', () => {
    expect(enKeys.filter((k) => !jaKeys.includes(k))).toEqual([]);
  });

  it('has every Japanese key in English', () => {
    expect(jaKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('uses the same {placeholders} in both languages', () => {
    const shared = enKeys.filter((k) => jaKeys.includes(k));
    expect(shared.filter((k) => placeholders(valueAt(en, k)) !== placeholders(valueAt(ja, k)))).toEqual([]);
  });

  it('has no empty messages', () => {
    expect(enKeys.filter((k) => valueAt(en, k).trim() === '')).toEqual([]);
    expect(jaKeys.filter((k) => valueAt(ja, k).trim() === '')).toEqual([]);
  });
});
