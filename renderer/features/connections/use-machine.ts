import { useShallow } from 'zustand/react/shallow';
import { machineLabel, type MachineLabel } from '../../stores/fleet/slices/view/machines.ts';
import { useFleet } from '../../stores/fleet/store.ts';

/** The machine an SSH event is about, as the user named it (see machineLabel). */
export function useMachine(ref: { hostId: string; host?: string; port?: number }): MachineLabel | null {
  return useFleet(useShallow((s) => machineLabel(s, ref)));
}

/** "esxi-01 (10.0.0.11)", or the address alone when the machine has no other name. */
export function nameAndAddress(machine: MachineLabel | null, host: string, port: number): string {
  const where = port === 22 ? host : `${host}:${port}`;
  return machine && machine.name !== host ? `${machine.name} (${where})` : where;
}
