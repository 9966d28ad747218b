// Identifiers ESXi keeps in a .vmx, made reproducible from a seed: `uuid.location` (where the VM lives: this host and
// its path) and the shapes of uuid.bios and generated MACs. See vm-question.ts for what they decide.
import { createHash } from 'node:crypto';
import type { HostState } from './state.ts';

export function seededHex(seed: string, bytes: number): string[] {
  return [...createHash('sha256').update(seed).digest().subarray(0, bytes)].map((b) => b.toString(16).padStart(2, '0'));
}

/** `56 4d 12 … 9a-bc …`: sixteen bytes, as the .vmx writes uuid.bios and uuid.location. */
export const vmxUuid = (seed: string): string => {
  const h = seededHex(seed, 16);
  return `${h.slice(0, 8).join(' ')}-${h.slice(8, 16).join(' ')}`;
};

/** A MAC under 00:50:56, the prefix of the addresses ESXi generates for a VM's NICs. */
export const generatedMac = (seed: string): string => ['00', '50', '56', ...seededHex(seed, 3)].join(':');

/** The stamp of a VM's place: this host (by its identity) and the path it is registered at. */
export function locationStamp(state: HostState, datastore: string, relPath: string): string {
  return vmxUuid(`location|${state.identity.hostname}/${state.identity.ip}|${datastore}|${relPath}`);
}
