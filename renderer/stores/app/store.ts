import { create } from 'zustand';

export const SECTIONS = ['fleet', 'backups', 'restore', 'logs', 'audit', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

function sectionFromHash(): Section {
  const name = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'fleet';
}

interface AppState {
  section: Section;
  connectionLost: boolean;
  go(section: Section): void;
  markConnectionLost(): void;
}

/** Navigation lives in the URL fragment so a reload (or a bookmark) keeps the section. */
export const useApp = create<AppState>()((set) => {
  window.addEventListener('hashchange', () => set({ section: sectionFromHash() }));
  return {
    section: sectionFromHash(),
    connectionLost: false,
    go(section) {
      window.location.hash = `/${section}`;
      set({ section });
    },
    markConnectionLost() {
      set({ connectionLost: true });
    },
  };
});
