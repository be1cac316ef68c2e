import { describe, expect, it } from 'vitest';
import { describeUserAgent, formatDate, formatDateTime } from './format.js';

describe('formatDateTime', () => {
  it('keeps the wall-clock time and names JST', () => {
    expect(formatDateTime('2026-11-25T09:00:00.000+09:00')).toBe('2026-11-25 09:00 (JST)');
  });
  it('never converts to the browser zone', () => {
    expect(formatDateTime('2026-11-25T23:59:59+09:00')).toBe('2026-11-25 23:59 (JST)');
  });
  it('labels other offsets and UTC', () => {
    expect(formatDateTime('2026-01-02T03:04:05Z')).toBe('2026-01-02 03:04 (UTC)');
    expect(formatDateTime('2026-01-02T03:04:05-0500')).toBe('2026-01-02 03:04 (UTC-05:00)');
  });
  it('passes dates, empty values and junk through', () => {
    expect(formatDateTime('2026-04-01')).toBe('2026-04-01');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatDate', () => {
  it('takes the date part', () => {
    expect(formatDate('2026-11-25T09:00:00.000+09:00')).toBe('2026-11-25');
    expect(formatDate('2027-03-31')).toBe('2027-03-31');
  });
});

describe('describeUserAgent', () => {
  it('names common browsers', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome / Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      ),
    ).toBe('Safari / macOS');
    expect(describeUserAgent(undefined)).toBeUndefined();
  });
});
