/** A success message passed in router state after a create / delete (`{ notice: '…' }`). */
export function noticeOf(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  const notice = state.notice;
  return typeof notice === 'string' && notice !== '' ? notice : undefined;
}
