import type { EsxiStatus, HostEntry } from '../../../shared/ipc/fleet.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import { clockCorrection, clockOffWords } from '../../../shared/model/host-clock.ts';
import { hostSecurityFindings } from '../esxi/host-security.ts';
import { analyseLocalSh, localShFindings } from '../esxi/local-sh.ts';
import { parseConf } from '../ghettovcb/conf/parse.ts';
import { stampMs } from '../ghettovcb/log/stamp.ts';
import { validateConf } from '../ghettovcb/conf/validate.ts';
import { describeSchedule } from '../ghettovcb/cron/describe.ts';
import { nextRuns } from '../ghettovcb/cron/next-runs.ts';
import type { Issue } from '../ghettovcb/issue.ts';
import { esxiMajor } from '../ghettovcb/versions.ts';
import { adopt, backupShare, type KnownNas } from './adoption.ts';
import { effectiveConf } from './conf-reading.ts';
import { scheduledRuns, type ScheduledRun } from './cron-invocation.ts';
import type { EsxiFacts, LogFacts } from './esxi-facts.ts';
import { bySeverity } from './findings.ts';
import type { ProbeRecord } from './probe-record.ts';
import { scriptAcceptsEsxi } from './script-version.ts';
import { vmRows } from './vm-rows.ts';

/**
 * The fleet view of one ESXi host, judged from its last probe (and the NAS's, for the share): versions, the
 * schedule in words with its next run, whether it survives a reboot, the lock, last night's result, and the VMs.
 * Pure: `now` and the facts in, `EsxiStatus` out; the view is rebuilt on every read, so rules apply to old facts too.
 */
const squash = (line: string): string => line.trim().replace(/\s+/g, ' ');

/** A missed night: the newest log began more than this long before the latest time the schedule fired. */
const MISSED_MARGIN_MS = 60 * 60_000;

function issueFinding(issue: Issue, extra: Record<string, string | number>): Finding {
  return finding(issue.code, issue.severity, { ...issue.params, ...extra, ...(issue.line !== undefined ? { line: issue.line } : {}) });
}

/** When the log began, on the host's clock: its first line is; its modification time is the NAS's (taken as Custode's). */
function logStart(log: LogFacts, clockOffsetMs: number): number {
  return stampMs(log.startedAt) ?? log.mtimeMs + clockOffsetMs;
}

/** The latest time at or before `now` that the schedule fired (within the last eight days). */
export function lastFiring(run: ScheduledRun, now: number): number | null {
  let from = new Date(now - 8 * 86_400_000);
  let last: number | null = null;
  for (;;) {
    const batch = nextRuns(run.cron, from, 64);
    for (const at of batch) {
      if (at.getTime() > now) return last;
      last = at.getTime();
    }
    if (batch.length < 64) return last;
    from = batch[batch.length - 1]!;
  }
}

function nextOnHost(run: ScheduledRun, now: number, clockOffsetMs: number): number | null {
  const next = nextRuns(run.cron, new Date(now + clockOffsetMs), 1)[0];
  return next === undefined ? null : next.getTime() - clockOffsetMs;
}

/** `clockOffsetMs`: the host's clock minus Custode's, as `clockCorrection` applies it; cron fires on the host's clock. */
function runFindings(runs: ScheduledRun[], log: LogFacts | null, now: number, clockOffsetMs: number): Finding[] {
  const primary = runs[0];
  if (primary === undefined) return [];
  if (log === null) return [finding('fleet.run.noLog', 'warning', { target: primary.invocation.logFile ?? primary.invocation.stdoutTarget ?? '' })];
  const out: Finding[] = [];
  if (log.aborted || (log.startedAt !== null && log.finalStatus === null)) out.push(finding('fleet.run.aborted', 'error', { log: log.path }));
  else if (log.exitCode !== null && log.exitCode !== 0) out.push(finding('fleet.run.notAllOk', 'warning', { status: log.finalStatus ?? '', log: log.path }));
  else if (log.startedAt === null) out.push(finding('fleet.run.emptyLog', 'warning', { log: log.path }));
  const fired = lastFiring(primary, now + clockOffsetMs);
  if (fired !== null && logStart(log, clockOffsetMs) < fired - MISSED_MARGIN_MS) {
    out.push(finding('fleet.run.missed', 'warning', { expected: new Date(fired - clockOffsetMs).toISOString() }));
  }
  return out;
}

function stateFindings(host: HostEntry, record: ProbeRecord<EsxiFacts>): Finding[] {
  const at = record.factsAt === null ? '' : new Date(record.factsAt).toISOString();
  if (record.state === 'unreachable') return [finding('fleet.host.unreachable', 'error', { address: host.address, port: host.port, code: record.error?.code ?? '', since: at })];
  if (record.state === 'failed') return [finding('fleet.host.probeFailed', 'error', { address: host.address, code: record.error?.code ?? '', since: at })];
  if (record.state === 'partial' && record.facts) {
    return [finding('fleet.host.probePartial', 'warning', { steps: record.facts.errors.map((e) => e.step).join(', ') })];
  }
  return [];
}

export function esxiStatus(host: HostEntry, record: ProbeRecord<EsxiFacts>, nas: readonly KnownNas[], now: number): EsxiStatus {
  const facts = record.facts;
  const base = {
    host,
    state: record.state,
    probedAt: record.factsAt,
    error: record.error,
  };
  if (facts === null) {
    return {
      ...base,
      version: null,
      build: null,
      hostname: null,
      identityIp: null,
      secureBoot: 'unknown',
      installs: [],
      schedules: [],
      backupVolume: null,
      lock: null,
      lastRun: null,
      findings: stateFindings(host, record),
      vms: [],
    };
  }
  const findings: Finding[] = stateFindings(host, record);
  const esxi = facts.version?.version ?? null;
  const runs = facts.crontab === null ? [] : scheduledRuns(facts.crontab);
  const primary = runs[0] ?? null;
  const localSh = facts.localSh === null ? null : analyseLocalSh(facts.localSh);
  const clockOffset = clockCorrection(facts.clock?.offsetMs);

  const installs = facts.scripts.map((s) => {
    // The stand-in and some copies lack the header variables; the log of the script the schedule runs names it.
    const version = s.version ?? (primary?.invocation.script === s.path ? facts.lastLog?.scriptVersion ?? null : null);
    return { kind: s.kind, path: s.path, version, acceptsEsxi: scriptAcceptsEsxi(version, esxi) };
  });
  const schedules = runs.map((r) => {
    const persisted = localSh === null ? null : localSh.appends.some((a) => !a.afterExit && squash(a.cronLine) === squash(r.line));
    return {
      line: r.line,
      text: { it: describeSchedule(r.cron, 'it'), en: describeSchedule(r.cron, 'en') },
      // Found on the host's clock, as cron fires it; given at the true moment on Custode's.
      nextRun: nextOnHost(r, now, clockOffset),
      survivesReboot: persisted === null ? null : persisted && facts.secureBoot !== 'enabled',
      confPath: r.invocation.globalConf,
      logTarget: r.invocation.logFile ?? r.invocation.stdoutTarget,
    };
  });

  const hostBlockers: Finding[] = [];
  if (installs.length === 0) findings.push(finding('fleet.host.noGhettoVcb', 'error'));
  if (primary === null) findings.push(finding('fleet.host.noSchedule', 'error'));
  for (const r of runs) {
    if (!installs.some((i) => i.path === r.invocation.script)) {
      const f = finding('fleet.host.scriptMissing', 'error', { script: r.invocation.script, line: r.lineNumber });
      findings.push(f);
      if (r === primary) hostBlockers.push(f);
    }
    for (const issue of r.issues) findings.push(issueFinding(issue, { cronLine: r.lineNumber }));
  }
  const running = installs.find((i) => i.path === primary?.invocation.script);
  if (running?.acceptsEsxi === false) {
    const f = finding('fleet.host.esxiUnsupported', 'error', { esxi: esxi ?? '', script: running.version ?? '' });
    findings.push(f);
    hostBlockers.push(f);
  }

  const confPath = primary?.invocation.globalConf ?? null;
  const confText = confPath === null ? null : (facts.confs.find((c) => c.path === confPath)?.text ?? null);
  if (confPath !== null && confText === null) {
    const f = finding('fleet.conf.missing', 'error', { path: confPath });
    findings.push(f);
    hostBlockers.push(f);
  }
  const usedConfs = new Set(runs.map((r) => r.invocation.globalConf).filter((p): p is string => p !== null));
  for (const conf of facts.confs) {
    if (conf.text === null || !usedConfs.has(conf.path)) continue;
    const major = esxi === null ? null : esxiMajor(esxi);
    for (const issue of validateConf(parseConf(conf.text), { role: 'global', ...(major !== null ? { esxiMajor: major } : {}) })) {
      findings.push(issueFinding(issue, { file: conf.path }));
    }
  }
  const conf = primary === null ? null : effectiveConf(confText);
  const backupVolume = conf?.get('VM_BACKUP_VOLUME') ?? null;

  if (facts.lock?.state === 'stale') {
    const f = finding('fleet.host.staleLock', 'error', { workdir: '/tmp/ghettoVCB.work', ageSeconds: facts.lock.ageSeconds ?? 0 });
    findings.push(f);
    hostBlockers.push(f);
  }
  findings.push(...(facts.lock?.reasons ?? []));
  findings.push(...hostSecurityFindings(facts.execInstalledOnly, facts.secureBoot));
  if (localSh !== null && primary !== null) findings.push(...localShFindings(localSh, facts.secureBoot));

  const adoption = adopt(host, facts, backupVolume, nas);
  findings.push(...adoption.findings);
  const share = backupShare(facts, backupVolume, adoption);
  findings.push(...runFindings(runs, facts.lastLog, now, clockOffset));
  const clockOff = clockOffWords(facts.clock?.offsetMs);
  if (clockOff !== null) findings.push(finding(clockOff.key, primary === null ? 'info' : 'warning', clockOff.params));

  const lists = new Map(facts.vmLists.map((l) => [l.path, l.text]));
  const outcomes = new Map((facts.lastLog?.outcomes ?? []).map((o) => [o.name, o.outcome]));
  const log = facts.lastLog;
  const okOutcomes = new Set(['ok', 'warn_independent_disks']);
  return {
    ...base,
    version: esxi,
    build: facts.version?.build ?? null,
    hostname: facts.names?.hostName ?? null,
    identityIp: facts.interfaces.find((i) => i.address !== '')?.address ?? null,
    secureBoot: facts.secureBoot,
    installs,
    schedules,
    backupVolume,
    lock: facts.lock?.state ?? null,
    lastRun: log === null
      ? null
      : {
          logPath: log.path,
          startedAt: log.startedAt,
          finalStatus: log.finalStatus,
          exitCode: log.exitCode,
          aborted: log.aborted,
          vmsOk: log.outcomes.filter((o) => okOutcomes.has(o.outcome)).length,
          vmsProblem: log.outcomes.filter((o) => !okOutcomes.has(o.outcome) && o.outcome !== 'excluded').length,
        },
    findings: bySeverity(findings),
    vms: vmRows(facts, { invocation: primary?.invocation ?? null, conf, share, hostBlockers, outcomes, lists }),
  };
}
