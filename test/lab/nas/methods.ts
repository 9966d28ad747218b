// The middleware methods the simulated NAS answers, by name; `mutating` ones run under the state lock.
import { cronjobMethods } from './cronjobs.ts';
import { datasetMethods } from './datasets.ts';
import { fail } from './errors.ts';
import { filesystemMethods } from './filesystem.ts';
import { renderNfsConfig, updateNfsConfig } from './nfs-config.ts';
import { sharingNfs } from './sharing-nfs.ts';
import { snapshotMethods } from './snapshots.ts';
import { readNasState, updateNasState, type NasState } from './state.ts';
import { systemInfo } from './system.ts';

type Method = (state: NasState, args: unknown[]) => unknown;

function table(state: NasState): Record<string, Method> {
  return {
    ...sharingNfs,
    ...cronjobMethods,
    ...datasetMethods,
    ...filesystemMethods,
    ...snapshotMethods(state),
    'nfs.config': (s) => renderNfsConfig(s),
    'nfs.update': (s, args) => updateNfsConfig(s, (args[0] ?? {}) as Record<string, unknown>),
    'system.info': (s) => systemInfo(s),
  };
}

function isMutating(method: string): boolean {
  return /\.(create|update|delete)$/.test(method);
}

export function callMethod(statePath: string, method: string, args: unknown[]): unknown {
  const lookup = (state: NasState): Method => table(state)[method] ?? fail('ALL', `Method ${JSON.stringify(method)} not found`, 'ENOMETHOD');
  if (!isMutating(method)) {
    const state = readNasState(statePath);
    return lookup(state)(state, args);
  }
  return updateNasState(statePath, (state) => lookup(state)(state, args));
}
