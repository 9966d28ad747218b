import { text, type Lang } from '../text.ts';
import type { LogRun, LogVm } from './types.ts';

/**
 * A parsed run in plain words: per VM what happened, why, and what to do; per run the notes that matter
 * (aborted, dryrun, pre-flight failure, e-mail). The words come from shared/i18n/ghettovcb.ts.
 */
export interface VmExplanation {
  name: string;
  outcome: LogVm['outcome'];
  label: string;
  explanation: string;
  fix: string;
  /** The log's own line, quoted. */
  reason: string | null;
  diskErrors: string[];
}

export interface RunExplanation {
  title: string;
  status: string;
  notes: string[];
  vms: VmExplanation[];
}

function diskHint(lang: Lang, code: number | null): string | null {
  if (code === null) return null;
  const key = `ghettovcb.disk.error.${code}`;
  const hint = text(lang, key);
  return hint === key ? null : hint;
}

export function explainVm(vm: LogVm, lang: Lang): VmExplanation {
  const base = `ghettovcb.outcome.${vm.outcome}`;
  return {
    name: vm.name,
    outcome: vm.outcome,
    label: text(lang, `${base}.label`),
    explanation: text(lang, `${base}.explanation`),
    fix: text(lang, `${base}.fix`),
    reason: vm.reason,
    diskErrors: vm.disks
      .filter((d) => d.error !== null)
      .map((d) => {
        const line = text(lang, 'ghettovcb.explain.diskError', { disk: d.source ?? '?', error: d.error ?? '' });
        const hint = diskHint(lang, d.errorCode);
        return hint ? `${line} — ${hint}` : line;
      }),
  };
}

export function explainRun(run: LogRun, index: number, lang: Lang): RunExplanation {
  const title = run.startedAt
    ? text(lang, 'ghettovcb.explain.run', { index: index + 1, start: run.startedAt })
    : text(lang, 'ghettovcb.explain.runUnknownStart', { index: index + 1 });
  const status =
    run.finalStatus !== null
      ? text(lang, 'ghettovcb.explain.status', { status: run.finalStatus, code: run.exitCode ?? '?' })
      : text(lang, 'ghettovcb.explain.noStatus');
  const notes: string[] = [];
  if (run.failure) {
    notes.push(text(lang, `ghettovcb.failure.${run.failure.kind}.explanation`));
    notes.push(`${text(lang, 'ghettovcb.explain.fix')}: ${text(lang, `ghettovcb.failure.${run.failure.kind}.fix`)}`);
  } else if (run.aborted) notes.push(text(lang, 'ghettovcb.run.aborted'));
  if (run.dryrun) notes.push(text(lang, 'ghettovcb.run.dryrun'));
  for (const message of run.emailErrors) notes.push(text(lang, 'ghettovcb.run.emailError', { message }));
  return { title, status, notes, vms: run.vms.map((vm) => explainVm(vm, lang)) };
}
