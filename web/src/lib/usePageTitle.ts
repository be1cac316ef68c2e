import { useEffect } from 'react';

/** Sets the document title (`Tenants · Yosan 予算`), so tabs, history and screen readers name the page. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Yosan 予算` : 'Yosan 予算';
  }, [title]);
}
