import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep } from '../../../shared/model/operation.ts';
import { shellAction, step, words } from '../operations/plan-steps.ts';
import { compactBytes } from '../fleet/compact-bytes.ts';
import { cmd } from '../shell/command.ts';
import { fileWriteStep } from './file-steps.ts';
import { inspectGhettoVcb, requireAccepts } from './ghettovcb-file.ts';
import { page, type PagePlan, type PlanContext } from './plan-context.ts';

/** Room kept free on the datastore beside the script (its conf, a dated copy, logs of a run without -l). */
const SPARE_BYTES = 1024 * 1024;

/**
 * ghettoVCB (page d): the script the user picked is checked (a ghettoVCB.sh, its whitelist has the host's ESXi
 * release, the datastore has room) and installed in the ghettoVCB folder, an older one kept beside it with the
 * date; with nothing picked, the installed one is kept, and a host without one is refused.
 */
export function planInstall(ctx: PlanContext): PagePlan {
  const { state, host } = ctx;
  const installed = state.script.sha256;
  if (ctx.ghettovcb === null) {
    if (installed === null && ctx.draft) return { ...page('install', words('setup.install.none', { dir: state.installDir }), [], [words('setup.install.pickNeeded')]), waiting: true };
    if (installed === null) throw new AppError('setup.ghettoVcbMissing', `${state.host.name} has no ghettoVCB in ${state.installDir}; pick a ghettoVCB.sh (--ghettovcb FILE)`, { host: state.host.name });
    return page('install', words('setup.install.kept', { path: state.script.path, version: state.script.version ?? '?', sha256: installed }), []);
  }
  const file = inspectGhettoVcb(ctx.ghettovcb.name, ctx.ghettovcb.bytes);
  requireAccepts(file, state.esxiVersion);
  const notes = [words('setup.install.picked', { file: file.name, version: file.version ?? '?', sha256: file.sha256 })];
  if (installed === file.sha256) return page('install', words('setup.install.same', { path: state.script.path, sha256: installed }), [], notes);
  const needed = file.sizeBytes + SPARE_BYTES;
  if (state.datastoreFreeBytes !== null && state.datastoreFreeBytes < needed) {
    const free = compactBytes(state.datastoreFreeBytes);
    throw new AppError('setup.datastoreFull', `Datastore ${state.datastore} has ${free} free, ghettoVCB needs ${compactBytes(needed)} there; free some space on it, then plan again`, {
      datastore: state.datastore,
      free,
      needed: compactBytes(needed),
      freeBytes: state.datastoreFreeBytes,
      neededBytes: needed,
    });
  }
  const steps: PlanStep[] = [];
  if (installed === null) {
    steps.push(step({ id: 'install-dir', target: host, words: words('setup.step.installDir', { dir: state.installDir }), actions: [shellAction(cmd('mkdir', '-p', state.installDir))], undo: [] }));
  }
  steps.push(fileWriteStep({ id: 'install', target: host, path: state.script.path, before: installed === null ? null : { sha256: installed }, after: ctx.ghettovcb.bytes, mode: 0o755, now: ctx.now }, ctx.uploads));
  const found = installed === null ? words('setup.install.none', { dir: state.installDir }) : words('setup.install.other', { path: state.script.path, version: state.script.version ?? '?', sha256: installed });
  return page('install', found, steps, notes);
}
