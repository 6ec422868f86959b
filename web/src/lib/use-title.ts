import { useEffect } from 'react';

/** Sets the document title: "<screen> · Flowlens". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Flowlens`;
  }, [title]);
}
