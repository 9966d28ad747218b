import { finding, type Finding } from '../../../shared/model/finding.ts';
import { joinPath, sh, type ShellCommand } from '../shell/command.ts';
import { splitLines } from './output.ts';
import type { ProcessEntry } from './processes.ts';

/**
 * Is a ghettoVCB run holding the lock (ghettovcb.md 8)? The lock is the work directory (default
 * /tmp/ghettoVCB.work), created by `mkdir` and removed on exit; the script writes `$$` to `pid` inside. A kill -9
 * or a crash leaves it behind, and every later run then fails with "Failed to acquire lock". The probe reports the
 * directory, its age and pid; the process list says whether that pid is a ghettoVCB still running, and which
 * leftovers (`tail -f <workdir>/ghettovcb.*`, vmkfstools) an interrupted run left.
 */
export const DEFAULT_WORKDIR = '/tmp/ghettoVCB.work';

const MARK = 'custode.lock';

export function lockProbeCommand(workdir: string = DEFAULT_WORKDIR): ShellCommand {
  const pidFile = joinPath(workdir, 'pid');
  return sh`if [ -d ${workdir} ]; then echo ${MARK}=present; echo ${MARK}.mtime=$(stat -c %Y ${workdir} 2>/dev/null); echo ${MARK}.now=$(date +%s); echo ${MARK}.pid=$(cat ${pidFile} 2>/dev/null); echo ${MARK}.files:; ls -1a ${workdir}; elif [ -e ${workdir} ]; then echo ${MARK}=notDirectory; else echo ${MARK}=absent; fi`;
}

export interface LockProbe {
  state: 'present' | 'absent' | 'notDirectory' | 'unknown';
  /** Epoch seconds, host clock. */
  mtime: number | null;
  now: number | null;
  pid: number | null;
  /** The pid file's text when it is not a number (empty, truncated, garbage). */
  pidText: string | null;
  files: string[];
}

export function parseLockProbe(text: string): LockProbe {
  const probe: LockProbe = { state: 'unknown', mtime: null, now: null, pid: null, pidText: null, files: [] };
  let inFiles = false;
  for (const line of splitLines(text)) {
    if (inFiles) {
      if (line !== '.' && line !== '..' && line !== '') probe.files.push(line);
      continue;
    }
    const m = /^custode\.lock(?:\.(\w+))?[=:](.*)$/.exec(line);
    if (m === null) continue;
    const field = m[1];
    const value = m[2]!;
    if (field === undefined) probe.state = value === 'present' || value === 'absent' || value === 'notDirectory' ? value : 'unknown';
    else if (field === 'mtime') probe.mtime = /^\d+$/.test(value) ? Number(value) : null;
    else if (field === 'now') probe.now = /^\d+$/.test(value) ? Number(value) : null;
    else if (field === 'pid') {
      const v = value.trim();
      if (/^\d+$/.test(v)) probe.pid = Number(v);
      else probe.pidText = v;
    } else if (field === 'files') inFiles = true;
  }
  return probe;
}

export type LockState = 'none' | 'running' | 'stale';

export interface LockAssessment {
  state: LockState;
  /** Each reason is a finding (text in shared/i18n/esxi.ts). */
  reasons: Finding[];
  /** Processes a cleanup would have to stop first (README "Stopping ghettoVCB Process"). */
  leftoverPids: number[];
  ageSeconds: number | null;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'busybox', '-c']);
const base = (w: string): string => w.slice(w.lastIndexOf('/') + 1);

/** A ghettoVCB.sh invocation, possibly through a shell (`busybox ash ./ghettoVCB.sh`, `/bin/sh -c /vmfs/.../ghettoVCB.sh`). */
function ghettoVcbWorkdir(p: ProcessEntry): string | null {
  const at = p.words.findIndex((w) => /^ghettoVCB[^/]*\.sh$/i.test(base(w)));
  if (at < 0 || !p.words.slice(0, at).every((w) => SHELLS.has(base(w)))) return null;
  const w = p.words.indexOf('-w', at);
  return w >= 0 && p.words[w + 1] !== undefined ? p.words[w + 1]! : DEFAULT_WORKDIR;
}

export function assessLock(probe: LockProbe, processes: readonly ProcessEntry[], workdir: string = DEFAULT_WORKDIR): LockAssessment {
  const norm = (p: string): string => p.replace(/\/+$/, '');
  const runs = processes.filter((p) => {
    const w = ghettoVcbWorkdir(p);
    return w !== null && norm(w) === norm(workdir);
  });
  const tails = processes.filter((p) => p.words.some((w) => base(w) === 'tail') && p.words.some((w) => w.startsWith(`${norm(workdir)}/ghettovcb.`)));
  const clones = processes.filter((p) => p.words.slice(0, 2).some((w) => base(w) === 'vmkfstools') && p.words.includes('-i'));
  const ageSeconds = probe.mtime !== null && probe.now !== null ? Math.max(0, probe.now - probe.mtime) : null;
  const reasons: Finding[] = [];
  const params = { workdir };

  if (probe.state === 'absent' || probe.state === 'unknown') {
    if (runs.length > 0) {
      reasons.push(finding('esxi.lock.runStarting', 'info', { ...params, pid: runs[0]!.ids[0]! }));
      return { state: 'running', reasons, leftoverPids: [], ageSeconds };
    }
    return { state: 'none', reasons, leftoverPids: [], ageSeconds };
  }
  if (probe.state === 'notDirectory') {
    reasons.push(finding('esxi.lock.notDirectory', 'error', params));
    return { state: 'stale', reasons, leftoverPids: [], ageSeconds };
  }

  const owner = probe.pid === null ? undefined : processes.find((p) => p.ids.includes(probe.pid!));
  if (owner !== undefined && runs.includes(owner)) {
    reasons.push(finding('esxi.lock.pidAlive', 'info', { ...params, pid: probe.pid! }));
    return { state: 'running', reasons, leftoverPids: [], ageSeconds };
  }
  if (runs.length > 0) {
    // The pid file is written just after mkdir; a run may be between the two, or the pid file was replaced.
    reasons.push(finding('esxi.lock.runWithoutPid', 'info', { ...params, pid: runs[0]!.ids[0]! }));
    return { state: 'running', reasons, leftoverPids: [], ageSeconds };
  }
  if (probe.pid === null) reasons.push(finding('esxi.lock.pidMissing', 'warning', { ...params, text: probe.pidText ?? '' }));
  else if (owner !== undefined) reasons.push(finding('esxi.lock.pidReused', 'warning', { ...params, pid: probe.pid, command: owner.command }));
  else reasons.push(finding('esxi.lock.pidDead', 'warning', { ...params, pid: probe.pid }));
  for (const t of tails) reasons.push(finding('esxi.lock.orphanTail', 'warning', { pid: t.ids[0]!, command: t.command }));
  for (const c of clones) reasons.push(finding('esxi.lock.orphanClone', 'warning', { pid: c.ids[0]!, command: c.command }));
  return { state: 'stale', reasons, leftoverPids: [...tails, ...clones].map((p) => p.ids[0]!), ageSeconds };
}
