import type { SecureBootState } from '../../../shared/model/host.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseKeyValues } from './key-values.ts';
import { splitLines, unexpectedOutput } from './output.ts';

/**
 * The two host settings that decide how ghettoVCB may be run and scheduled (A4.4): `execInstalledOnly` (ESXi 8
 * default on: datastore scripts must be started through `/bin/sh`) and UEFI Secure Boot (then local.sh never runs,
 * so a cron entry cannot survive a reboot). The reference gives no reader for Secure Boot; VMware's own status
 * script prints `Enabled` / `Disabled` (the lab simulates it) and is absent on hosts without it.
 */
export const EXEC_INSTALLED_ONLY_OPTION = '/User/execInstalledOnly';
export const SECURE_BOOT_SCRIPT = '/usr/lib/vmware/secureboot/bin/secureBoot.py';

export const execInstalledOnlyCommand = (): ShellCommand =>
  cmd('esxcli', 'system', 'settings', 'advanced', 'list', '-o', EXEC_INSTALLED_ONLY_OPTION);
export const secureBootCommand = (): ShellCommand => cmd(SECURE_BOOT_SCRIPT, '-s');

/** true/false from `Int Value`; null when the option does not exist on this build. */
export function parseExecInstalledOnly(text: string): boolean | null {
  const command = 'esxcli system settings advanced list -o /User/execInstalledOnly';
  if (/Unable to find option/i.test(text)) return null;
  const { values } = parseKeyValues(text);
  const value = values.get('Int Value');
  if (value === undefined || !/^\d+$/.test(value.trim())) throw unexpectedOutput(command, text, 'no Int Value field');
  return Number(value.trim()) !== 0;
}

/** Missing script, an error, or any other text is `unknown`, never a guess. */
export function parseSecureBoot(text: string): SecureBootState {
  const last = splitLines(text).filter((l) => l.trim() !== '').pop()?.trim().toLowerCase();
  if (last === 'enabled') return 'enabled';
  if (last === 'disabled') return 'disabled';
  return 'unknown';
}

/** How these settings change the way Custode runs and schedules ghettoVCB on this host. */
export function hostSecurityFindings(execInstalledOnly: boolean | null, secureBoot: SecureBootState): Finding[] {
  const out: Finding[] = [];
  if (execInstalledOnly === true) out.push(finding('esxi.host.execInstalledOnly', 'info'));
  if (secureBoot === 'enabled') out.push(finding('esxi.host.secureBoot', 'warning'));
  return out;
}
