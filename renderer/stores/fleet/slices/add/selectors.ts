import type { FleetStore } from '../../store.ts';

export const addSelectors = {
  add: (s: FleetStore) => s.add,
};
