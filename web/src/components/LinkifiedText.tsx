import type { ReactNode } from 'react';

const URL_PATTERN = /https?:\/\/[^\s<>"'「」（）]+[^\s<>"'「」（）.,;:!?)]/g;

/** Plain text with http(s) links made clickable, for mail bodies shown in a <pre>. */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={match[0]} rel="noreferrer noopener" data-testid="mail-link">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
