import { describe, expect, it } from 'vitest';
import { pageCount, parseUserQuery, userQueryParams, withFilter } from './userQuery.js';

describe('user list query', () => {
  it('parses the URL, ignoring unknown values', () => {
    expect(
      parseUserQuery(new URLSearchParams('q=%E5%B1%B1%E7%94%B0&role=admin&state=invited&page=3')),
    ).toEqual({
      q: '山田',
      group: '',
      role: 'admin',
      state: 'invited',
      page: 3,
    });
    expect(parseUserQuery(new URLSearchParams('role=boss&state=gone&page=-2'))).toEqual({
      q: '',
      group: '',
      role: '',
      state: '',
      page: 1,
    });
  });

  it('writes only what is set, and the page size for the API', () => {
    const q = { q: '', group: 'g1', role: '' as const, state: 'active' as const, page: 1 };
    expect(userQueryParams(q).toString()).toBe('group=g1&state=active');
    expect(userQueryParams(q, 50).toString()).toBe('group=g1&state=active&page=1&pageSize=50');
  });

  it('goes back to page 1 when a filter changes', () => {
    const q = { q: 'a', group: '', role: '' as const, state: '' as const, page: 4 };
    expect(withFilter(q, { role: 'member' })).toEqual({ ...q, role: 'member', page: 1 });
  });

  it('counts pages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
  });
});
