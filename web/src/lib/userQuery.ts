import type { Role, UserState } from '../api/identity.js';
import { USER_STATES } from '../api/identity.js';

/** The Users list's filters, kept in the page URL so they survive reloads and back/forward. */
export interface UserQuery {
  q: string;
  group: string;
  role: Role | '';
  state: UserState | '';
  page: number;
}

export const PAGE_SIZE = 50;

export function parseUserQuery(params: URLSearchParams): UserQuery {
  const role = params.get('role');
  const state = params.get('state');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q')?.trim() ?? '',
    group: params.get('group') ?? '',
    role: role === 'admin' || role === 'member' ? role : '',
    state: USER_STATES.includes(state as UserState) ? (state as UserState) : '',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** Search params for the page URL / API: empty filters and page 1 are left out. */
export function userQueryParams(query: UserQuery, pageSize?: number): URLSearchParams {
  const out = new URLSearchParams();
  if (query.q) out.set('q', query.q);
  if (query.group) out.set('group', query.group);
  if (query.role) out.set('role', query.role);
  if (query.state) out.set('state', query.state);
  if (query.page > 1 || pageSize) out.set('page', String(query.page));
  if (pageSize) out.set('pageSize', String(pageSize));
  return out;
}

/** A filter change starts again at page 1. */
export function withFilter(query: UserQuery, change: Partial<Omit<UserQuery, 'page'>>): UserQuery {
  return { ...query, ...change, page: 1 };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
