import { en, type Messages } from './messages.en.js';
import { ja } from './messages.ja.js';
import type { Locale } from './locale.js';

export const catalogues: Record<Locale, Messages> = { ja, en };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the server catalogue, e.g. `errors.NOT_FOUND` or `mail.invitation.subject`. */
export type MessageKey = Leaves<Messages>;

export type MessageParams = Record<string, string | number>;

export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function lookup(catalogue: Messages, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Looks up `key` in the locale's catalogue and fills its placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = lookup(catalogues[locale], key) ?? lookup(catalogues.en, key) ?? key;
  return interpolate(template, params);
}

/** For keys built at run time (e.g. field issue codes); falls back to `fallback`. */
export function translateDynamic(
  locale: Locale,
  key: string,
  params?: MessageParams,
  fallback?: string,
): string {
  const template = lookup(catalogues[locale], key);
  return template === undefined ? (fallback ?? key) : interpolate(template, params);
}

/** All leaf keys of an object catalogue, for parity tests. */
export function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}
