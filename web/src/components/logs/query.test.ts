import { describe, expect, it } from 'vitest';
import { addDays, apiQuery, cleanRefId, filtersFrom, formatLogTime, quickPeriod, todayIn } from './query.js';

describe('log filters', () => {
  it('picks periods as calendar dates in the tenant zone, not the browser’s', () => {
    // 2026-11-25 16:30 UTC is already 2026-11-26 01:30 in Tokyo.
    const at = new Date('2026-11-25T16:30:00Z');
    expect(todayIn('Asia/Tokyo', at)).toBe('2026-11-26');
    expect(quickPeriod('today', 'Asia/Tokyo', at)).toEqual({ from: '2026-11-26', to: '2026-11-26' });
    expect(quickPeriod('yesterday', 'Asia/Tokyo', at)).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(quickPeriod('last7', 'Asia/Tokyo', at)).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('shows times as written, with seconds and the zone name', () => {
    expect(formatLogTime('2026-11-25T09:00:01.123+09:00')).toBe('2026-11-25 09:00:01 (JST)');
    expect(formatLogTime('2026-11-25T00:00:01Z')).toBe('2026-11-25 00:00:01 (UTC)');
    expect(formatLogTime('2026-11-25T09:00:01-05:00')).toBe('2026-11-25 09:00:01 (UTC-05:00)');
    expect(formatLogTime('not a time')).toBe('not a time');
  });

  it('takes a reference id as pasted from an error page or a mail', () => {
    expect(cleanRefId('Reference: req-1a2b')).toBe('req-1a2b');
    expect(cleanRefId('  参照番号: req-1a2b\n')).toBe('req-1a2b');
    expect(cleanRefId('参照番号：「req-1a2b」')).toBe('req-1a2b');
    expect(cleanRefId('req-1a2b')).toBe('req-1a2b');
  });

  it('keeps only the filters of the current log, in the API’s names', () => {
    const params = new URLSearchParams('log=access&from=2026-11-24&to=&method=GET&refId=x&status=500');
    const filters = filtersFrom(params, 'access');
    expect(filters).toEqual({ from: '2026-11-24', method: 'GET', status: '500' });
    expect(apiQuery('access', filters, { limit: '50' })).toBe(
      'from=2026-11-24&method=GET&status=500&limit=50',
    );
    expect(apiQuery('errors', { refId: 'abc', user: '' })).toBe('refId=abc');
  });
});
