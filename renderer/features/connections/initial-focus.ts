import { useEffect, useRef } from 'react';

/**
 * Puts the focus on the dialog's `[data-initial-focus]` element once it is open. `showModal()` would otherwise
 * focus the first focusable element, which in these dialogs can be a checkbox or the accepting button.
 */
export function useInitialFocus<T extends HTMLElement>() {
  const inside = useRef<T>(null);
  // Runs after the Dialog's own effect (children's effects run first), so the dialog is already modal here.
  useEffect(() => {
    inside.current?.closest('dialog')?.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
  }, []);
  return inside;
}
