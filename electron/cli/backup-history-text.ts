import type { HistoryRun, MissedRunAlert, RunVerify } from '../../shared/model/backup-history.ts';
import { clockOffWords } from '../../shared/model/host-clock.ts';
import { compactBytes } from '../core/fleet/compact-bytes.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import { words } from './fleet-words.ts';
import type { CliIo } from './io.ts';
import { localTime } from './local-time.ts';
import { printable } from './printable.ts';

/** The history and the missed-run alerts as terminal lines (`custode backup list / verify / alerts`). */
const duration = (ms: number | null): string => (ms === null ? '—' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** Per VM: verified or not, the copy, and every check that found something (the others passed). */
export function verifyLines(verify: RunVerify, lang: Lang): string[] {
  const out: string[] = [];
  for (const v of verify.vms) {
    out.push(words(lang, 'cli.backup.verifyLine', { vm: printable(v.vm), verdict: words(lang, `backup.verify.verdict.${v.verdict}`), copy: v.copy === null ? '' : ` — ${printable(v.copy)}` }));
    for (const c of v.checks) if (c.verdict !== 'go') out.push(`      [${words(lang, `backup.verdict.${c.verdict}`)}] ${words(lang, c.code, c.params)}`);
  }
  return out;
}

export function historyLines(run: HistoryRun, lang: Lang, env: CliIo['env']): string[] {
  const line = words(lang, 'cli.backup.history', {
    when: localTime(run.startedAt, lang, env),
    host: run.hostName,
    origin: words(lang, `backup.origin.${run.origin}`),
    vms: run.vms.length === 0 ? words(lang, 'cli.backup.allVmsShort') : run.vms.join(', '),
    state: words(lang, `cli.backup.state.${run.state}`),
    code: run.exitCode ?? '—',
    duration: duration(run.durationMs),
    bytes: run.bytes === null ? '—' : compactBytes(run.bytes),
    verify: words(lang, run.verify === null ? 'backup.verify.run.notYet' : `backup.verify.run.${run.verify.verdict}`),
    by: run.startedBy,
    reason: run.reason === '' ? '' : `: ${run.reason}`,
  });
  const outcomes = run.outcomes.map((o) => `    ${printable(o.vm)}: ${words(lang, `ghettovcb.outcome.${o.outcome}.label`)}`);
  // Why a VM ended as it did where the log alone cannot say (a share that filled up during the run).
  const why = run.outcomes.flatMap((o) => (o.why ? [`    ${printable(o.vm)}: ${words(lang, o.why.code, o.why.params)}`] : []));
  return [line, ...(run.verify === null ? outcomes : verifyLines(run.verify, lang)), ...why];
}

export function alertLines(alerts: readonly MissedRunAlert[], graceMinutes: number, lang: Lang, env: CliIo['env']): string[] {
  if (alerts.length === 0) return [words(lang, 'cli.backup.alertsNone', { grace: graceMinutes })];
  return [
    words(lang, 'cli.backup.alertsHeader', { grace: graceMinutes }),
    ...alerts.flatMap((a) => {
      const clock = clockOffWords(a.hostClockOffsetMs);
      return [
        `  ${words(lang, 'backup.alert.missed', {
          host: a.host,
          expected: localTime(a.expectedAt, lang, env),
          deadline: localTime(a.expectedAt + a.graceMinutes * 60_000, lang, env),
          schedule: a.schedule,
          last: a.lastLog === null ? words(lang, 'backup.alert.noLog') : `${a.lastLog}${a.lastLogAt === null ? '' : ` (${localTime(a.lastLogAt, lang, env)})`}`,
        })}`,
        // The host's clock is off: the times above are on the user's clock, not the host's.
        ...(clock === null ? [] : [`    ${words(lang, clock.key, clock.params)}`]),
      ];
    }),
  ];
}
