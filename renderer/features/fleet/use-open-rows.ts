import { useCallback, useState } from 'react';

/** Which rows of a table are expanded, by key; `toggle` stays the same function, so memoized rows keep it. */
export function useOpenRows(): { isOpen(key: string): boolean; toggle(key: string): void } {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string) => {
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  return { isOpen: (key) => open.has(key), toggle };
}
