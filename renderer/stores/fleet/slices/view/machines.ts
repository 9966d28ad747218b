import type { HostRole } from '../../../../../shared/ipc/fleet.ts';
import type { FleetStore } from '../../store.ts';

/** How the UI names a machine: the name the user gave it, its role, and where it is. */
export interface MachineLabel {
  name: string;
  role: HostRole | null;
  address: string;
  port: number;
}

/**
 * The machine an SSH event is about, by its id in the fleet, else (a machine being added has no entry yet) by the
 * address the add form was given, else by its address alone.
 */
export function machineLabel(s: FleetStore, ref: { hostId: string; host?: string; port?: number }): MachineLabel | null {
  const entry = [...(s.view?.esxi ?? []), ...(s.view?.nas ?? [])].find((m) => m.host.id === ref.hostId)?.host;
  if (entry) return { name: entry.name, role: entry.role, address: entry.address, port: entry.port };
  const adding = s.add?.target;
  if (adding && ref.host === adding.address && (ref.port === undefined || ref.port === adding.port)) {
    return { name: adding.name || adding.address, role: s.add!.role, address: adding.address, port: adding.port };
  }
  return ref.host ? { name: ref.host, role: null, address: ref.host, port: ref.port ?? 22 } : null;
}
