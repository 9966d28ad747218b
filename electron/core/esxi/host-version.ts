import type { HostVersion } from '../../../shared/model/host.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseKeyValues } from './key-values.ts';
import { splitLines, unexpectedOutput } from './output.ts';

/**
 * The host's release, three ways (esxi-truenas.md A2.5): `vmware -v` is what ghettoVCB checks against its
 * whitelist (3rd field), `vmware -l` adds the update level, `esxcli system version get` has everything but needs
 * hostd.
 */
export const vmwareVersionCommand = (): ShellCommand => cmd('vmware', '-v');
export const vmwareLevelCommand = (): ShellCommand => cmd('vmware', '-l');
export const systemVersionCommand = (): ShellCommand => cmd('esxcli', 'system', 'version', 'get');

function firstLine(text: string): string {
  return splitLines(text).find((l) => l.trim() !== '')?.trim() ?? '';
}

/** `VMware ESXi 8.0.2 build-22380479` */
export function parseVmwareVersion(text: string): HostVersion {
  const line = firstLine(text);
  const m = /^(VMware ESXi?)\s+(\S+)(?:\s+build-(\d+))?/.exec(line);
  if (m === null) throw unexpectedOutput('vmware -v', text, 'no "VMware ESXi <version>"');
  return { product: m[1]!, version: m[2]!, build: m[3] ?? null, update: null, patch: null };
}

/** `VMware ESXi 6.7.0 Update 3`; `GA` (or nothing) means update 0. */
export function parseVmwareLevel(text: string): HostVersion {
  const line = firstLine(text);
  const m = /^(VMware ESXi?)\s+(\S+)(?:\s+(?:(GA)|Update\s+(\d+)))?(?:\s+Patch\s+(\d+))?/.exec(line);
  if (m === null) throw unexpectedOutput('vmware -l', text, 'no "VMware ESXi <version>"');
  const update = m[4] !== undefined ? Number(m[4]) : 0;
  return { product: m[1]!, version: m[2]!, build: null, update, patch: m[5] !== undefined ? Number(m[5]) : null };
}

export function parseSystemVersion(text: string): HostVersion {
  const { values } = parseKeyValues(text);
  const version = values.get('Version');
  if (version === undefined || version === '') throw unexpectedOutput('esxcli system version get', text, 'no Version field');
  const int = (key: string): number | null => {
    const v = values.get(key);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const build = values.get('Build');
  return {
    product: values.get('Product') ?? 'VMware ESXi',
    version,
    build: build === undefined ? null : (/(\d+)\s*$/.exec(build)?.[1] ?? build),
    update: int('Update'),
    patch: int('Patch'),
  };
}
