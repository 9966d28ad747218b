import type { Vib } from '../../../shared/model/host.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseEsxcliTable } from './esxcli-table.ts';
import { parseKeyValues } from './key-values.ts';
import { splitLines, unexpectedOutput } from './output.ts';

/**
 * Installed VIBs (ghettovcb.md 11.1): the ghettoVCB VIB is named `ghettoVCB`, vendor `virtuallyGhetto`. `vib get`
 * for a VIB that is not installed prints `[NoMatchError]` (the lab's wording; not captured from a real host).
 */
export const GHETTOVCB_VIB_NAME = 'ghettoVCB';

export const vibListCommand = (): ShellCommand => cmd('esxcli', 'software', 'vib', 'list');
export const vibGetCommand = (name: string = GHETTOVCB_VIB_NAME): ShellCommand => cmd('esxcli', 'software', 'vib', 'get', '-n', name);

export function parseVibList(text: string): Vib[] {
  const command = 'esxcli software vib list';
  const table = parseEsxcliTable(text, command);
  if (table.headers.length > 0 && !table.headers.includes('Name')) throw unexpectedOutput(command, text, 'no Name column');
  return table.rows.map((r) => ({
    name: r['Name'] ?? '',
    version: r['Version'] ?? '',
    vendor: r['Vendor'] ?? '',
    acceptanceLevel: r['Acceptance Level'] ?? '',
    installDate: r['Install Date'] ?? '',
  }));
}

export interface VibDetails extends Vib {
  /** e.g. `virtuallyGhetto_bootbank_ghettoVCB_1.0.0-0.0.0`. */
  id: string | null;
  summary: string | null;
}

/** null when the VIB is not installed. */
export function parseVibGet(text: string): VibDetails | null {
  const command = 'esxcli software vib get';
  const first = splitLines(text).find((l) => l.trim() !== '')?.trim() ?? '';
  if (first === '[NoMatchError]') return null;
  if (/^\[\w+Error\]$/.test(first)) throw unexpectedOutput(command, text, first);
  const { heading, values } = parseKeyValues(text);
  const name = values.get('Name');
  if (name === undefined) throw unexpectedOutput(command, text, 'no Name field');
  return {
    id: heading,
    name,
    version: values.get('Version') ?? '',
    vendor: values.get('Vendor') ?? '',
    acceptanceLevel: values.get('Acceptance Level') ?? '',
    installDate: values.get('Install Date') ?? values.get('Creation Date') ?? '',
    summary: values.get('Summary') ?? null,
  };
}
