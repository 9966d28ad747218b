import type { TFunction } from 'i18next';
import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'warning' | 'danger';
export interface Toast {
  id: number;
  tone: ToastTone;
  /** Words, not text: a toast still on screen follows a change of language. */
  text(t: TFunction): string;
}

interface ToastState {
  toasts: Toast[];
  push(tone: ToastTone, text: (t: TFunction) => string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = 6000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, text) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, tone, text }] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
