import type { PlanStep, StepTarget, UndoStep } from '../../../shared/model/operation.ts';
import { check, localAction, shellAction, step, undoStep, words } from '../operations/plan-steps.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';
import { datedCopy } from './names.ts';
import type { SetupUploads } from './uploads.ts';

/**
 * Writing one whole file on a host or the NAS, the setup's only way to change a file: right before, the file must
 * still be as it was read (absent, or the same SHA-256), else nothing is written; an existing file is first copied
 * beside itself with the date (`conf.custode-20261207-031005-250`), the new text is uploaded next to it and moved into
 * place. Undo puts the dated copy back (or removes a file that did not exist).
 */
export interface FileWrite {
  id: string;
  target: StepTarget & { kind: 'host' };
  path: string;
  /** What the plan read there: null when there was no file. */
  before: { sha256: string } | null;
  after: string | Buffer;
  mode: number;
  now: number;
  /**
   * Where the dated copy and the new text go when not beside the file: crond reads every file in crontabs/ as a
   * user's crontab (a copy there would run the old schedule as well), and that folder is lost at reboot.
   */
  copyPath?: string;
  staging?: string;
  /** Run after the move (restart crond, save the config with auto-backup.sh). */
  then?: ShellCommand[];
}

export const sha256Command = (path: string): ShellCommand => sh`sha256sum < ${path} | cut -c1-64`;

export function unchangedCheck(path: string, before: { sha256: string } | null) {
  return before === null
    ? check('operations.check.pathAbsent', { path }, shellAction(cmd('test', raw('!'), '-e', path)))
    : check('setup.check.unchanged', { path }, shellAction(sh`test "$(${sha256Command(path)})" = ${before.sha256}`));
}

export function fileWriteStep(w: FileWrite, uploads: SetupUploads): PlanStep {
  const sha256 = uploads.keep(w.after);
  const staging = w.staging ?? `${w.path}.custode-new`;
  const copy = w.before === null ? null : (w.copyPath ?? datedCopy(w.path, w.now));
  const upload = localAction('setup.upload', { hostId: w.target.hostId, path: staging, sha256, mode: w.mode }, cmd('custode', 'upload', `sha256:${sha256}`, `${w.target.name}:${staging}`).text);
  const actions = [
    ...(copy === null ? [] : [shellAction(cmd('cp', '-p', w.path, copy))]),
    upload,
    shellAction(cmd('mv', '-f', staging, w.path)),
    ...(w.then ?? []).map(shellAction),
  ];
  const undo: UndoStep = undoStep({
    id: `${w.id}-undo`,
    target: w.target,
    words: words(copy === null ? 'setup.undo.removeFile' : 'setup.undo.restoreFile', { path: w.path, copy: copy ?? '' }),
    actions: [shellAction(copy === null ? cmd('rm', '-f', w.path) : cmd('cp', '-p', copy, w.path)), ...(w.then ?? []).map(shellAction)],
  });
  return step({
    id: w.id,
    target: w.target,
    words: words(copy === null ? 'setup.step.writeFile' : 'setup.step.replaceFile', { path: w.path, copy: copy ?? '', sha256: sha256.slice(0, 12) }),
    actions,
    checks: [unchangedCheck(w.path, w.before), unchangedCheck(staging, null), ...(copy === null ? [] : [unchangedCheck(copy, null)])],
    effect: check('setup.check.written', { path: w.path }, shellAction(sh`test "$(${sha256Command(w.path)})" = ${sha256}`)),
    undo: [undo],
  });
}
