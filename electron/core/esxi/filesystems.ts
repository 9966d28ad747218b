import type { Filesystem } from '../../../shared/model/datastore.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseEsxcliTable } from './esxcli-table.ts';
import { parseBool, parseIntOrNull, unexpectedOutput } from './output.ts';

/**
 * `esxcli storage filesystem list` (A2.4): maps datastore names to their `/vmfs/volumes/<uuid>` mount points, so a
 * VM_BACKUP_VOLUME written with either form can be resolved. Size and Free are bytes.
 */
export const filesystemListCommand = (): ShellCommand => cmd('esxcli', 'storage', 'filesystem', 'list');

export function parseFilesystems(text: string): Filesystem[] {
  const command = 'esxcli storage filesystem list';
  const table = parseEsxcliTable(text, command);
  if (table.headers.length > 0 && !table.headers.includes('Mount Point')) throw unexpectedOutput(command, text, 'no Mount Point column');
  return table.rows.map((r) => ({
    mountPoint: r['Mount Point'] ?? '',
    volumeName: r['Volume Name'] ?? '',
    uuid: r['UUID'] ?? '',
    mounted: parseBool(r['Mounted'] ?? ''),
    type: r['Type'] ?? '',
    size: parseIntOrNull(r['Size'] ?? ''),
    free: parseIntOrNull(r['Free'] ?? ''),
  }));
}
