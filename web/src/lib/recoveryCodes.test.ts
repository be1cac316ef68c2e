import { describe, expect, it } from 'vitest';
import {
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodesFileName,
  recoveryCodesText,
  svgDataUrl,
} from './recoveryCodes.js';

describe('recoveryCodesText', () => {
  it('numbers the codes, aligned, with CRLF line ends for Windows Notepad', () => {
    const codes = Array.from({ length: 10 }, (_, i) => `code-${i}`);
    const text = recoveryCodesText({ title: 'T', account: 'a@x.jp (acme)', note: 'N', codes });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('T');
    expect(lines[1]).toBe('a@x.jp (acme)');
    expect(lines[3]).toBe(' 1. code-0');
    expect(lines[12]).toBe('10. code-9');
    expect(lines).toContain('N');
  });
});

describe('recoveryCodesFileName', () => {
  it('keeps only safe characters', () => {
    expect(recoveryCodesFileName('acme')).toBe('yosan-recovery-codes-acme.txt');
    expect(recoveryCodesFileName('../x')).toBe('yosan-recovery-codes-x.txt');
    expect(recoveryCodesFileName('')).toBe('yosan-recovery-codes-tenant.txt');
  });
});

describe('normaliseTotpCode', () => {
  it('accepts spaces, hyphens and full-width digits', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('123-456')).toBe('123456');
    expect(normaliseTotpCode('１２３４５６')).toBe('123456');
  });
  it('rejects anything else', () => {
    expect(normaliseTotpCode('12345')).toBeUndefined();
    expect(normaliseTotpCode('1234567')).toBeUndefined();
    expect(normaliseTotpCode('abcdef')).toBeUndefined();
  });
});

describe('normaliseRecoveryCode', () => {
  it('trims, removes spaces and converts full-width characters', () => {
    expect(normaliseRecoveryCode('  abcd efgh ')).toBe('abcdefgh');
    expect(normaliseRecoveryCode('ＡＢＣＤ－１２３４')).toBe('ABCD-1234');
  });
});

describe('svgDataUrl', () => {
  it('base64-encodes UTF-8 SVG for an <img src>', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><title>予算</title></svg>');
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = Buffer.from(url.split(',')[1]!, 'base64').toString('utf8');
    expect(decoded).toContain('<title>予算</title>');
  });
});
