import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep, Words } from '../../../shared/model/operation.ts';
import { shellAction, step, undoStep, words } from '../operations/plan-steps.ts';
import { cmd } from '../shell/command.ts';
import { fileWriteStep, unchangedCheck } from './file-steps.ts';
import { datedCopy } from './names.ts';
import type { ScheduleContext } from './plan-schedule.ts';

/**
 * The VMs the schedule leaves out: ghettoVCB's exclusion file (`-e`), one VM name per line, beside the conf. ghettoVCB
 * tests each VM with `grep -E "^<name>$" <file>`: the VM's name is read as a pattern, so a name is only excluded
 * when that pattern matches the name itself (a `.` does; brackets, parentheses, `*`, `+`, `?`, `|`, `^`, `$`, `\`
 * do not), and a name with a line break cannot be a line of the file at all. Both are refused, never written
 * to be ignored at night.
 */
export const exclusionPathOf = (confPath: string): string => `${confPath.slice(0, confPath.lastIndexOf('/'))}/ghettoVCB-exclude.txt`;

const NOT_ITSELF = /[[\](){}*+?|^$\\]/;

/** The names as asked, each checked, repeats dropped, in the order given. */
export function checkExcludeNames(names: readonly string[]): string[] {
  for (const name of names) {
    if (name.trim() === '') throw new AppError('setup.excludeEmpty', 'An empty VM name cannot be excluded; give the VM’s name as the host shows it', {});
    if (/[\r\n]/.test(name)) throw new AppError('setup.excludeMultiline', `The VM name ${JSON.stringify(name)} holds a line break: ghettoVCB’s exclusion file has one name per line, so it cannot hold this one; rename the VM to exclude it`, { vm: name });
    if (NOT_ITSELF.test(name)) throw new AppError('setup.excludeUnmatchable', `ghettoVCB reads an excluded name as a pattern (grep -E "^name$"), and ${name} does not match itself that way, so it would still be backed up; rename the VM without [ ] ( ) { } * + ? | ^ $ \\ to exclude it`, { vm: name });
  }
  return [...new Set(names)];
}

/**
 * The host's other VMs the file would leave out too: ghettoVCB reads each VM's own name as the pattern, so a VM named
 * `aula.1` is left out by a line `aula-1`. A name that is no valid pattern (grep then fails) leaves nothing out.
 */
export function caughtVms(names: readonly string[], vms: readonly string[]): Array<{ vm: string; by: string }> {
  const caught: Array<{ vm: string; by: string }> = [];
  for (const vm of vms) {
    if (names.includes(vm)) continue;
    let pattern: RegExp;
    try {
      // As grep -E "^<vm>$" reads it: the anchors bind to the first and last alternative, as in ERE.
      pattern = new RegExp(`^${vm}$`);
    } catch {
      continue;
    }
    const by = names.find((n) => pattern.test(n));
    if (by !== undefined) caught.push({ vm, by });
  }
  return caught;
}

/** Refuses names that would leave out a VM of the host that was not asked to be left out. */
export function refuseCaughtVms(names: readonly string[], vms: readonly string[]): void {
  const [first] = caughtVms(names, vms);
  if (first === undefined) return;
  throw new AppError(
    'setup.excludeCatchesOther',
    `Leaving out ${first.by} would leave out ${first.vm} too: ghettoVCB reads the name ${first.vm} as a pattern, and it matches ${first.by}; exclude ${first.vm} as well, or rename it without dots or other pattern characters to keep it backed up`,
    first,
  );
}

export const exclusionText = (names: readonly string[]): string => names.map((n) => `${n}\n`).join('');

/** The names a file holds (its lines; a last line without a newline counts too). */
export function exclusionNames(text: string | null): string[] {
  if (text === null || text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Names that are no VM of the host: a warning, not a refusal (the VM may be created later). */
export function unknownVmNotes(names: readonly string[], vms: readonly string[]): Words[] {
  return names.filter((n) => !vms.includes(n)).map((vm) => words('setup.exclude.unknownVm', { vm }));
}

/** The file as `names` asks: written (a dated copy of a different one kept), or, for none, moved to a dated copy. */
export function exclusionSteps(ctx: ScheduleContext, names: readonly string[]): PlanStep[] {
  const file = ctx.state.exclusion;
  if (names.length === 0) return exclusionRemoval(ctx);
  const after = exclusionText(names);
  if (file.text === after) return [];
  const before = file.sha256 === null ? null : { sha256: file.sha256 };
  return [fileWriteStep({ id: 'exclude', target: ctx.host, path: file.path, before, after, mode: 0o644, now: ctx.now }, ctx.uploads)];
}

/** The file set aside under a dated name (nothing on a host is deleted), when there is one. */
export function exclusionRemoval(ctx: ScheduleContext): PlanStep[] {
  const file = ctx.state.exclusion;
  if (file.text === null) return [];
  const copy = datedCopy(file.path, ctx.now);
  return [
    step({
      id: 'exclude-remove',
      target: ctx.host,
      words: words('setup.step.excludeRemove', { path: file.path, copy }),
      actions: [shellAction(cmd('mv', file.path, copy))],
      checks: [unchangedCheck(file.path, { sha256: file.sha256! }), unchangedCheck(copy, null)],
      undo: [undoStep({ id: 'exclude-remove-undo', target: ctx.host, words: words('setup.undo.restoreFile', { path: file.path, copy }), actions: [shellAction(cmd('mv', copy, file.path))] })],
    }),
  ];
}
