import type { OperationPlan } from '../../../../shared/model/operation.ts';
import { cmd, pathArg, raw } from '../../shell/command.ts';
import { check, hostTarget, shellAction, step, targetText, undoStep, words } from '../plan-steps.ts';

/**
 * Creating folders on a host (a backup folder on a datastore, a working folder), one step each, in order. Each
 * is refused if the path exists by then, and undone by `rmdir`, which removes only an empty folder: an undo never
 * deletes data that appeared meanwhile.
 */
export function planMakeDirectories(host: { id: string; name: string; address: string }, paths: readonly string[], id: string, now: number): OperationPlan {
  const target = hostTarget(host);
  const absent = (path: string) => check('operations.check.pathAbsent', { path }, shellAction(cmd('test', raw('!'), '-e', pathArg(path))));
  const isDir = (path: string) => check('operations.check.isDirectory', { path }, shellAction(cmd('test', '-d', pathArg(path))));
  return {
    id,
    kind: 'directories.create',
    title: words('operations.directories.title', { count: paths.length, host: host.name }),
    about: targetText(target),
    createdAt: now,
    risk: 'low',
    undoOf: null,
    steps: paths.map((path, i) =>
      step({
        id: `mkdir-${i}`,
        target,
        words: words('operations.directories.step', { path }),
        actions: [shellAction(cmd('mkdir', pathArg(path)))],
        checks: [absent(path)],
        effect: isDir(path),
        undo: [
          undoStep({
            id: `rmdir-${i}`,
            target,
            words: words('operations.directories.undo', { path }),
            actions: [shellAction(cmd('rmdir', pathArg(path)))],
            checks: [isDir(path)],
            effect: absent(path),
          }),
        ],
      }),
    ),
  };
}
