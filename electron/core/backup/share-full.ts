import type { RunVmOutcome, VmOutcomeWhy } from '../../../shared/model/backup.ts';
import type { LogRun, LogVm } from '../ghettovcb/log/types.ts';

/**
 * Why the VMs of a run ended as they did when the backup share filled up during it. ghettoVCB's `-l` log is on that
 * same share, so its lines stop (or stop part way) once the share is full: the VMs after the one whose copy the full
 * share cut off then have no result in it. What Custode can still establish: the run's output on the host (ghettoVCB
 * writes every log line to stdout too; the wrapper keeps it in the host's /tmp, only for a run Custode started), the
 * vmkfstools error ESXi gave, and the share's free space read after the run.
 */
export interface ShareEvidence {
  /** The run as its log on the share tells it (what was kept while following); null when there is none. */
  log: LogRun | null;
  /** The run as its stdout on the host tells it; null when there is none (a cron run, an older wrapper, a reboot). */
  output: LogRun | null;
  /** The VMs Custode asked for (empty: all VMs, whose names only the log tells). */
  requested: readonly string[];
  /** The backup datastore the run wrote to, as the log's CONFIG names it; null when not known. */
  share: string | null;
  /** Its free bytes read after the run (`esxcli storage filesystem list`); null when it could not be read. */
  freeBytes: number | null;
  /** How free bytes are shown (the same text for both languages: `12 KiB`). */
  freeText: string | null;
}

/** Less than this free after a run is a full share: ghettoVCB cannot even write a disk descriptor there. */
export const FULL_BELOW_BYTES = 1024 * 1024;

/** ESXi's words for a full datastore: vmkfstools' error 13, and the shell's ENOSPC. */
const NO_SPACE = /not enough space|no space left/i;

export const vmOutOfSpace = (vm: Pick<LogVm, 'reason' | 'disks'>): boolean =>
  (vm.reason !== null && NO_SPACE.test(vm.reason)) || vm.disks.some((d) => d.errorCode === 13 || (d.error !== null && NO_SPACE.test(d.error)));

export function runOutcomes(run: LogRun | null): RunVmOutcome[] {
  return (run?.vms ?? []).map((v) => ({ vm: v.name, outcome: v.outcome, reason: v.reason, durationSeconds: v.durationSeconds }));
}

const settled = (vm: LogVm | undefined): vm is LogVm => vm !== undefined && vm.outcome !== 'unknown';

/** Whether the share was full: ESXi said so for a copy of this run, or hardly any space is left on it now. */
export function shareWasFull(e: ShareEvidence): boolean {
  const vms = [...(e.log?.vms ?? []), ...(e.output?.vms ?? [])];
  return vms.some(vmOutOfSpace) || (e.freeBytes !== null && e.freeBytes < FULL_BELOW_BYTES);
}

/** Whether the log on the share may have lost lines: the run did not say how it ended there, or left a VM open. */
export function logLooksCut(log: LogRun | null): boolean {
  return log === null || log.finalStatus === null || log.vms.some((v) => v.outcome === 'unknown');
}

/**
 * Each VM's outcome, the share's log filled in from the run's output where the log lost it, and on a full share
 * the reason for each VM that did not end with a good copy. A share that was not full changes nothing.
 */
export function explainShareFull(e: ShareEvidence): RunVmOutcome[] {
  if (!shareWasFull(e)) return runOutcomes(e.log);
  const fromLog = new Map((e.log?.vms ?? []).map((v) => [v.name, v]));
  const fromOutput = new Map((e.output?.vms ?? []).map((v) => [v.name, v]));
  const names = [...new Set([...fromLog.keys(), ...fromOutput.keys(), ...e.requested])];
  const params = { share: e.share ?? '?', free: e.freeText ?? '?', freeBytes: e.freeBytes ?? -1 };
  return names.map((name): RunVmOutcome => {
    const logged = fromLog.get(name);
    const output = fromOutput.get(name);
    const lost = !settled(logged) && settled(output);
    const vm = lost ? output : (logged ?? output);
    const base: RunVmOutcome = { vm: name, outcome: vm?.outcome ?? 'unknown', reason: vm?.reason ?? null, durationSeconds: vm?.durationSeconds ?? null };
    const why = (code: string): VmOutcomeWhy => ({ code: `backup.shareFull.${code}`, params: { ...params, vm: name } });
    if (settled(vm)) {
      // A good copy whose result only the output holds says so too. ESXi's own words survive only when the log still
      // had room for them; the output may have lost them too.
      if (lost) return { ...base, why: why(vm.outcome === 'error_vmdk' ? 'copyFailedOutput' : 'fromOutput') };
      if (vmOutOfSpace(vm)) return { ...base, why: why('copyFailed') };
      return vm.outcome === 'error_vmdk' ? { ...base, why: why('failedWhileFull') } : base;
    }
    return { ...base, why: why(e.output === null ? 'unknownNoOutput' : 'unknown') };
  });
}
