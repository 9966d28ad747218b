import { useState } from 'react';

/** Which rows of a table are expanded, by key. */
export function useOpenRows(): { isOpen(key: string): boolean; toggle(key: string): void } {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  return {
    isOpen: (key) => open.has(key),
    toggle(key) {
      const next = new Set(open);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      setOpen(next);
    },
  };
}
