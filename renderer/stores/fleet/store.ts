import { useStore } from 'zustand';
import { devtools } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { createAddSlice, type AddSlice } from './slices/add/actions.ts';
import { createViewSlice, type ViewSlice } from './slices/view/actions.ts';
import { createFleetService, type FleetService } from './service.ts';

export type FleetStore = ViewSlice & AddSlice;

/** One store for the fleet page, built from typed slices; middleware only here, on the combined store (devtools connects only outside production builds). */
export function createFleetStore(service: FleetService) {
  return createStore<FleetStore>()(
    devtools((...a) => ({ ...createViewSlice(service)(...a), ...createAddSlice(service)(...a) }), { name: 'fleet' }),
  );
}

export const fleetStore = createFleetStore(createFleetService());

export function useFleet<T>(selector: (s: FleetStore) => T): T {
  return useStore(fleetStore, selector);
}
