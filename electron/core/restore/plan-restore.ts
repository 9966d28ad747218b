import type { OperationPlan, PlanStep, StepTarget } from '../../../shared/model/operation.ts';
import type { RestoreDisk, RestoreDiskFormat, RestoreMethod } from '../../../shared/model/restore.ts';
import { check, shellAction, step, targetText, undoStep, words } from '../operations/plan-steps.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';
import { cloneFiles } from './created-files.ts';

/**
 * A restore as a plan to review: the exact commands, sent only after the user gave a reason. Each step that makes
 * something names it (`made`), so a failed or cancelled restore removes exactly those paths and nothing else.
 * Natively: the VM folder (`mkdir`, refused when it exists), one `vmkfstools -i` per disk, the rewritten .vmx
 * (written with noclobber), the nvram, then `vim-cmd solo/registervm`. Through ghettoVCB-restore.sh: its one-line
 * input file, then the script with `-l` (its log is read afterwards; it registers the VM itself).
 */
export interface RestoreSpec {
  target: StepTarget & { kind: 'host' };
  method: RestoreMethod;
  name: string;
  format: RestoreDiskFormat;
  datastorePath: string;
  folder: string;
  vmx: string;
  /** The new .vmx's text (native). */
  vmxText: string;
  /** The copy's nvram as the target reads it, and where it goes; null when the copy has none. */
  nvram: { from: string; to: string } | null;
  disks: RestoreDisk[];
  /** A file written into the new folder right after it is made, before anything else (a drill's proof of its own folder). */
  marker?: { path: string; text: string } | null;
  /** ghettoVCB-restore.sh: the script, its input line, and the files in /tmp named for this restore. */
  /** The script's stdout goes to `out`: its vmkfstools output reaches the `-l` log only through a `tee` that truncates it. */
  ghettovcb: { script: string; line: string; input: string; log: string; out: string } | null;
}

/** The paths each step makes, by step id (the cleanup reads it back). */
export type MadeBy = Record<string, string[]>;

/**
 * A clone or the restore script runs as long as the disks take to copy (hours for a large VM over NFS), far past the
 * executor's default; a dropped link still ends it at once (the connection's keepalive), and a cancel too.
 */
const LONG_MS = 48 * 3_600_000;
const longAction = (command: ShellCommand) => ({ ...shellAction(command), timeoutMs: LONG_MS });

const absent = (path: string) => check('operations.check.pathAbsent', { path }, shellAction(cmd('test', raw('!'), '-e', path)));
const exists = (path: string) => check('restore.run.check.exists', { path }, shellAction(cmd('test', '-e', path)));
const removeFiles = (id: string, target: StepTarget, paths: string[]) => undoStep({ id, target, words: words('restore.run.step.remove', { paths: paths.join(', ') }), actions: [shellAction(cmd('rm', '-f', ...paths))] });

/** Writes a file that must not exist yet; the shell's noclobber refuses to replace one that appeared meanwhile. */
export const writeNewFile = (path: string, text: string): ShellCommand => sh`( set -C; ${cmd('printf', '%s', text)} > ${path} )`;

/** A step that writes one new file (never over one), undone by removing it. */
const newFileStep = (id: string, target: StepTarget, said: ReturnType<typeof words>, path: string, text: string): PlanStep =>
  step({ id, target, words: said, actions: [shellAction(writeNewFile(path, text))], checks: [absent(path)], effect: exists(path), undo: [removeFiles(`rm-${id}`, target, [path])] });

export const registerCommand = (vmx: string): ShellCommand => cmd('vim-cmd', 'solo/registervm', vmx);

export function ghettoVcbCommand(g: { script: string; input: string; log: string; out: string }): ShellCommand {
  return sh`${cmd('/bin/sh', g.script, '-c', g.input, '-l', g.log)} > ${g.out} 2>&1`;
}

export function planRestoreSteps(spec: RestoreSpec, id: string, now: number): { plan: OperationPlan; made: MadeBy } {
  const { target } = spec;
  const steps: PlanStep[] = [];
  const made: MadeBy = {};
  const datastoreThere = check('restore.run.check.datastore', { path: spec.datastorePath }, shellAction(cmd('test', '-d', spec.datastorePath)));
  if (spec.method === 'ghettovcb' && spec.ghettovcb !== null) {
    const g = spec.ghettovcb;
    made['input'] = [g.input];
    steps.push(
      step({
        id: 'input',
        target,
        words: words('restore.run.step.input', { path: g.input, line: g.line }),
        actions: [shellAction(writeNewFile(g.input, `${g.line}\n`))],
        checks: [absent(g.input)],
        effect: exists(g.input),
        undo: [removeFiles('rm-input', target, [g.input])],
      }),
    );
    made['restore'] = [g.log, g.out, spec.vmx, ...(spec.nvram ? [spec.nvram.to] : []), ...spec.disks.flatMap((d) => cloneFiles(d.target, spec.format, d.provisionedBytes)), spec.folder];
    steps.push(
      step({
        id: 'restore',
        target,
        words: words('restore.run.step.script', { script: g.script, folder: spec.folder, log: g.log }),
        actions: [longAction(ghettoVcbCommand(g))],
        checks: [datastoreThere, absent(spec.folder), absent(g.log), absent(g.out)],
        effect: exists(spec.folder),
        undo: null,
      }),
    );
  } else {
    made['folder'] = [spec.folder];
    steps.push(
      step({
        id: 'folder',
        target,
        words: words('restore.run.step.folder', { folder: spec.folder }),
        actions: [shellAction(cmd('mkdir', spec.folder))],
        checks: [datastoreThere, absent(spec.folder)],
        effect: exists(spec.folder),
        undo: [undoStep({ id: 'rmdir-folder', target, words: words('restore.run.step.rmdir', { folder: spec.folder }), actions: [shellAction(cmd('rmdir', spec.folder))] })],
      }),
    );
    if (spec.marker) {
      const marker = spec.marker;
      made['marker'] = [marker.path];
      steps.push(newFileStep('marker', target, words('restore.run.step.marker', { path: marker.path }), marker.path, marker.text));
    }
    spec.disks.forEach((d, i) => {
      const files = cloneFiles(d.target, spec.format, d.provisionedBytes);
      made[`clone-${i}`] = files;
      steps.push(
        step({
          id: `clone-${i}`,
          target,
          words: words('restore.run.step.clone', { n: i + 1, of: spec.disks.length, source: d.source, target: d.target, format: spec.format }),
          actions: [longAction(cmd('vmkfstools', '-i', d.source, '-d', spec.format, d.target))],
          checks: [exists(d.source), absent(d.target)],
          effect: exists(d.target),
          undo: [removeFiles(`rm-clone-${i}`, target, files)],
        }),
      );
    });
    made['vmx'] = [spec.vmx];
    steps.push(newFileStep('vmx', target, words('restore.run.step.vmx', { path: spec.vmx }), spec.vmx, spec.vmxText));
    if (spec.nvram) {
      made['nvram'] = [spec.nvram.to];
      steps.push(
        step({
          id: 'nvram',
          target,
          words: words('restore.run.step.nvram', { from: spec.nvram.from, to: spec.nvram.to }),
          actions: [shellAction(cmd('cp', spec.nvram.from, spec.nvram.to))],
          checks: [exists(spec.nvram.from), absent(spec.nvram.to)],
          effect: exists(spec.nvram.to),
          undo: [removeFiles('rm-nvram', target, [spec.nvram.to])],
        }),
      );
    }
    steps.push(
      step({
        id: 'register',
        target,
        words: words('restore.run.step.register', { vmx: spec.vmx, name: spec.name }),
        actions: [shellAction(registerCommand(spec.vmx))],
        checks: [exists(spec.vmx)],
        effect: null,
        undo: null,
      }),
    );
  }
  const plan: OperationPlan = {
    id,
    kind: 'restore.run',
    title: words('restore.run.title', { name: spec.name, host: target.name, method: spec.method }),
    about: targetText(target),
    createdAt: now,
    risk: 'medium',
    steps,
    undoOf: null,
  };
  return { plan, made };
}
