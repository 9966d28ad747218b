import type { NfsVersion } from '../../../../shared/model/datastore.ts';
import { cmd, raw, type ShellCommand } from '../../shell/command.ts';

/**
 * The read-only NFS datastore a host mounts only for one restore, and its name. ESXi compares datastore names
 * case-insensitively, so the name is chosen against every name the host has in any case.
 */
export interface TemporaryMount {
  volume: string;
  server: string;
  share: string;
  version: NfsVersion;
}

const PREFIX = 'custode-restore';

export function temporaryDatastoreName(taken: readonly string[], token: string): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  const base = `${PREFIX}-${token.replace(/[^A-Za-z0-9-]/g, '').slice(0, 24)}`;
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

const namespace = (version: NfsVersion): string => (version === 'nfs41' ? 'nfs41' : 'nfs');

export function mountAddCommand(m: TemporaryMount): ShellCommand {
  const server = m.version === 'nfs41' ? '--hosts' : '--host';
  return cmd('esxcli', 'storage', namespace(m.version), 'add', `${server}=${m.server}`, `--share=${m.share}`, `--volume-name=${m.volume}`, '--readonly');
}

export const mountRemoveCommand = (m: TemporaryMount): ShellCommand => cmd('esxcli', 'storage', namespace(m.version), 'remove', `--volume-name=${m.volume}`);

/** Exits 0 while no datastore (and no file) has this name under /vmfs/volumes. */
export const volumeAbsentCommand = (volume: string): ShellCommand => cmd('test', raw('!'), '-e', `/vmfs/volumes/${volume}`);
export const volumePresentCommand = (volume: string): ShellCommand => cmd('test', '-d', `/vmfs/volumes/${volume}`);
