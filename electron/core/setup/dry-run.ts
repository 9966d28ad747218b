import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { parseLog } from '../ghettovcb/log/parser.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';

/**
 * The dry run (page g): ghettoVCB with `-d dryrun` on every VM, its log in the host's /tmp, read back and removed,
 * then parsed per VM: what would be copied (disks and sizes), what would be skipped and why. Nothing is copied.
 */
export interface DryRunVm {
  name: string;
  outcome: string;
  reason: string | null;
  disks: Array<{ name: string; sizeGb: number | null }>;
  independentDisks: Array<{ name: string; sizeGb: number | null }>;
  totalSizeGb: number | null;
  notes: string[];
}

export interface DryRunResult {
  exitCode: number | null;
  finalStatus: string | null;
  vms: DryRunVm[];
}

/** The dry run of the schedule's run: with its exclusion file when it has one. */
export function dryRunCommand(script: string, conf: string, exclusionList: string | null = null, id: string = randomUUID()): ShellCommand {
  const log = `/tmp/custode-dryrun-${id}.log`;
  const exclude = exclusionList === null ? [] : ['-e', exclusionList];
  return sh`${cmd('/bin/sh', script, '-a', ...exclude, '-g', conf, '-d', 'dryrun', '-l', log)} ${raw('> /dev/null 2>&1;')} ${cmd('cat', log)}; ${cmd('rm', '-f', log)}`;
}

/**
 * ghettoVCB says "Ignoring <VM> … exclusion file" at debug level only, which a dry run never logs: the excluded VMs
 * (the names of the file) are listed from the file, as excluded, after those the log reports.
 */
export function parseDryRun(logText: string, excluded: readonly string[] = []): DryRunResult {
  const run = parseLog(logText).runs.at(-1);
  if (run === undefined || !run.dryrun) throw new AppError('setup.dryRunUnreadable', 'The dry run left no ghettoVCB log; run it by hand with -d dryrun to see why');
  return {
    exitCode: run.exitCode,
    finalStatus: run.finalStatus,
    vms: [
      ...run.vms.map((vm) => ({
        name: vm.name,
        outcome: vm.outcome,
        reason: vm.reason,
        disks: vm.dryrun?.disks ?? [],
        independentDisks: vm.dryrun?.independentDisks ?? [],
        totalSizeGb: vm.dryrun?.totalSizeGb ?? null,
        notes: vm.dryrun?.notes ?? [],
      })),
      ...excluded.filter((name) => !run.vms.some((vm) => vm.name === name)).map((name) => ({ name, outcome: 'excluded', reason: null, disks: [], independentDisks: [], totalSizeGb: null, notes: [] })),
    ],
  };
}
