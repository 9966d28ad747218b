import type { NfsMount, NfsVersion } from '../../../shared/model/datastore.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseEsxcliTable } from './esxcli-table.ts';
import { parseBool, unexpectedOutput } from './output.ts';

/**
 * `esxcli storage nfs41 list` and `esxcli storage nfs list` (A2.2, A2.3). NFS 4.1 has `Host(s)` (a comma list for
 * trunking) and `Security`; NFS 3 has `Host`. Columns newer builds may add (`Vmknic`, `Connections`) are kept.
 */
export const nfs41ListCommand = (): ShellCommand => cmd('esxcli', 'storage', 'nfs41', 'list');
export const nfs3ListCommand = (): ShellCommand => cmd('esxcli', 'storage', 'nfs', 'list');

const KNOWN = new Set(['Volume Name', 'Host(s)', 'Host', 'Share', 'Accessible', 'Mounted', 'Read-Only', 'Security', 'isPE', 'Hardware Acceleration']);

function parse(text: string, version: NfsVersion): NfsMount[] {
  const command = version === 'nfs41' ? 'esxcli storage nfs41 list' : 'esxcli storage nfs list';
  const table = parseEsxcliTable(text, command);
  if (table.headers.length > 0 && (!table.headers.includes('Volume Name') || !table.headers.includes('Share'))) {
    throw unexpectedOutput(command, text, 'no Volume Name / Share columns');
  }
  return table.rows.map((r) => ({
    volumeName: r['Volume Name']!,
    version,
    hosts: (r['Host(s)'] ?? r['Host'] ?? '').split(',').map((h) => h.trim()).filter((h) => h !== ''),
    share: r['Share']!,
    accessible: parseBool(r['Accessible'] ?? ''),
    mounted: parseBool(r['Mounted'] ?? ''),
    readOnly: parseBool(r['Read-Only'] ?? ''),
    security: r['Security'] ?? null,
    hardwareAcceleration: r['Hardware Acceleration'] ?? null,
    extra: Object.fromEntries(Object.entries(r).filter(([k]) => !KNOWN.has(k))),
  }));
}

export const parseNfs41List = (text: string): NfsMount[] => parse(text, 'nfs41');
export const parseNfs3List = (text: string): NfsMount[] => parse(text, 'nfs3');
