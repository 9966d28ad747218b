import type { StateCreator } from 'zustand';
import type { ErrorData } from '../../../../../shared/errors/app-error.ts';
import type { AddHostInput, HostRole } from '../../../../../shared/ipc/fleet.ts';
import { errorData, type FleetService } from '../../service.ts';
import type { FleetStore } from '../../store.ts';
import { addInitialState, type AddState } from './initialState.ts';

export interface AddActions {
  openAdd(role: HostRole): void;
  closeAdd(): void;
  /** Starts the add job and waits for it; true when the host is in the fleet (the dialog then closes). */
  submitAdd(input: AddHostInput): Promise<boolean>;
  stopAdd(): Promise<void>;
}

export type AddSlice = AddState & AddActions;

export const createAddSlice =
  (service: FleetService): StateCreator<FleetStore, [['zustand/devtools', never]], [], AddSlice> =>
  (set, get) => ({
    ...addInitialState,
    openAdd(role) {
      if (get().add?.running) return;
      set({ add: { role, jobId: null, running: false, progress: null, error: null, target: null, storage: null } }, undefined, 'fleet/openAdd');
      void service.secretStorage().then(
        (storage) => {
          const now = get().add;
          if (now) set({ add: { ...now, storage } }, undefined, 'fleet/addStorage');
        },
        // Without an answer the form simply offers no "remember".
        () => undefined,
      );
    },
    closeAdd() {
      if (get().add?.running) return;
      set({ add: null }, undefined, 'fleet/closeAdd');
    },
    async submitAdd(input) {
      const current = get().add;
      if (!current || current.running) return false;
      const target = { name: input.host.name ?? '', address: input.host.address, port: input.host.port ?? 22 };
      set({ add: { ...current, running: true, progress: null, error: null, jobId: null, target } }, undefined, 'fleet/addStart');
      const fail = (error: ErrorData | null): false => {
        const now = get().add;
        if (now) set({ add: { ...now, running: false, jobId: null, progress: null, error } }, undefined, 'fleet/addFailed');
        return false;
      };
      let jobId: string;
      try {
        jobId = (await service.addHost(input)).jobId;
      } catch (error) {
        return fail(errorData(error));
      }
      const started = get().add;
      if (started) set({ add: { ...started, jobId } }, undefined, 'fleet/addRunning');
      const off = service.onProgress(jobId, (progress) => {
        const now = get().add;
        if (now?.jobId === jobId) set({ add: { ...now, progress } }, undefined, 'fleet/addProgress');
      });
      const done = await service.jobDone(jobId);
      off();
      if (done.state === 'succeeded') {
        set({ add: null }, undefined, 'fleet/added');
        await get().load();
        return true;
      }
      // Stopped by the user: back to the form, nothing to explain.
      return fail(done.state === 'cancelled' ? null : (done.error ?? { code: 'unknown', message: '' }));
    },
    async stopAdd() {
      const jobId = get().add?.jobId;
      if (jobId) await service.cancel(jobId);
    },
  });
