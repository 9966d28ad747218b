import { AppError } from '../../../shared/errors/app-error.ts';
import { DISK_FORMATS, RestoreRequest, type CopyListing, type RestorePlanView, type RestoreResult } from '../../../shared/model/restore.ts';
import { compactBytes } from '../../core/fleet/compact-bytes.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { type RestoreService } from '../../core/restore/restore-service.ts';
import { oneOf, parseArgs, type ParsedArgs } from '../args.ts';
import { errorWords, words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { localTime } from '../local-time.ts';
import { planText } from '../plan-cli.ts';
import { printable } from '../printable.ts';
import type { CommandGroup } from './group.ts';
import { loginOptions, open, PASSWORD_STDIN } from './fleet.ts';
import { cliLang } from './lang.ts';
import { accessCommand } from './restore-access.ts';

/**
 * `custode restore …`: a VM restored from a ghettoVCB copy on the NAS share onto a chosen ESXi host. `plan` reads
 * and checks only (exit 1 when a check blocks); `run` does the same, then with `--reason "…" --yes` restores
 * through the reviewed operation path (exit 1 when it blocks or fails; what the failed restore made is removed and
 * what could not be is listed). 2 is bad usage.
 */
const REQUEST = '--vm NAME [--from-host H] [--copy latest|FOLDER] --to-host H --datastore DS --name NEW [--format thin|zeroedthick|eagerzeroedthick|2gbsparse] [--power-on [--original-gone]] [--allow-bad-copy] [--method auto|native|ghettovcb]';
const USAGE = {
  copies: 'custode restore copies --vm NAME [--from-host H] [--password-stdin] [--json] [--lang it|en]',
  plan: `custode restore plan ${REQUEST} [--password-stdin] [--json] [--lang it|en]`,
  run: `custode restore run ${REQUEST} --reason "…" --yes [--password-stdin] [--json] [--lang it|en]`,
};

const SPEC = {
  booleans: ['--json', '--yes', '--power-on', '--original-gone', '--allow-bad-copy', PASSWORD_STDIN],
  values: ['--lang', '--vm', '--from-host', '--copy', '--to-host', '--datastore', '--name', '--format', '--method', '--reason'],
} as const;

const signal = () => new AbortController().signal;

/** The services, logged in with `--password-stdin`'s password where a host asks for one (`typed`: the command as typed). */
async function session(io: CliIo, args: ParsedArgs, typed: readonly string[]) {
  const s = open(io, await loginOptions(args, io, typed));
  return { restore: s.restore, close: () => s.close() };
}

function duration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  return h >= 48 ? `${Math.floor(h / 24)} d` : h >= 1 ? `${h} h` : `${Math.max(0, Math.floor(ms / 60_000))} min`;
}

function copiesText(l: CopyListing, lang: Lang, env: CliIo['env']): string {
  const head = l.readBy === null ? words(lang, 'cli.restore.copiesProbe', { vm: l.vm, host: l.sourceHost }) : words(lang, 'cli.restore.copies', { vm: l.vm, host: l.sourceHost, reader: l.readBy });
  const lines = l.copies.map((c) =>
    words(lang, 'cli.restore.copy', { folder: c.folder, when: localTime(c.takenAt, lang, env), age: duration(c.ageMs), size: compactBytes(c.sizeBytes), status: c.overrideNeeded === null ? c.status : `${c.status} (${words(lang, c.overrideNeeded)})` }),
  );
  return [head, ...(lines.length > 0 ? lines : [words(lang, 'cli.restore.noCopies')])].join('\n');
}

function planView(v: RestorePlanView, lang: Lang): string {
  const out = [
    words(lang, 'cli.restore.plan', { vm: v.vm, copy: v.copy.folder, source: v.sourceHost, host: v.targetHost, name: v.name, folder: v.targetFolder, format: v.format, method: v.method, verdict: words(lang, `backup.verdict.${v.verdict}`) }),
  ];
  for (const d of v.disks) out.push(words(lang, 'cli.restore.disk', { key: d.key, source: d.source, target: d.target, provisioned: compactBytes(d.provisionedBytes), used: d.usedBytes === null ? '?' : compactBytes(d.usedBytes) }));
  for (const c of v.checks) out.push(`  [${words(lang, `backup.verdict.${c.verdict}`)}] ${words(lang, `restore.checkName.${c.check}`)}: ${words(lang, c.code, c.params)}`);
  if (v.access !== null) {
    out.push(words(lang, 'cli.restore.access', { datastore: v.access.datastore, nas: v.access.nas }));
    for (const c of v.access.commands) out.push(`    ${printable(c)}`);
  }
  if (v.verdict === 'block') out.push(words(lang, 'cli.restore.blocked'));
  return out.join('\n');
}

/** The request from the flags, or a usage error naming what is missing. */
function request(args: ReturnType<typeof parseArgs>, usage: string, restore: RestoreService) {
  const value = (name: string) => {
    const v = args.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const vm = value('--vm');
  const to = value('--to-host');
  const datastore = value('--datastore');
  const name = value('--name');
  if (vm === undefined || to === undefined || datastore === undefined || name === undefined || args.positionals.length !== 0) throw UsageError.of('cli.error.usage', { usage });
  const from = value('--from-host');
  return RestoreRequest.parse({
    vm,
    ...(from !== undefined ? { fromHostId: restore.findHost(from) } : {}),
    copy: value('--copy') ?? 'latest',
    toHostId: restore.findHost(to),
    datastore,
    name,
    format: oneOf(args.flags.get('--format'), DISK_FORMATS, '--format', 'thin'),
    powerOn: args.flags.has('--power-on'),
    originalGone: args.flags.has('--original-gone'),
    allowBadCopy: args.flags.has('--allow-bad-copy'),
    method: oneOf(args.flags.get('--method'), ['auto', 'native', 'ghettovcb'] as const, '--method', 'auto'),
  });
}

function doneText(r: RestoreResult, lang: Lang): string {
  const done = words(lang, 'cli.restore.done', { name: r.name, host: r.targetHost, vmid: r.vmid, vmx: r.vmxPath, power: r.poweredOn ? words(lang, 'cli.restore.poweredOn') : '' });
  return r.accessLeftOpen ? `${done}\n${words(lang, 'cli.restore.accessLeftOpen', { error: errorWords(lang, r.accessLeftOpen) })}` : done;
}

export const restoreCommands: CommandGroup = {
  access: accessCommand,

  async copies(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', PASSWORD_STDIN], values: ['--lang', '--vm', '--from-host'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const vm = args.flags.get('--vm');
    if (typeof vm !== 'string' || args.positionals.length !== 0) throw UsageError.of('cli.error.usage', { usage: USAGE.copies });
    const { restore, close } = await session(io, args, ['restore', 'copies', ...argv]);
    try {
      const from = args.flags.get('--from-host');
      const listing = await restore.copies(vm, typeof from === 'string' ? restore.findHost(from) : undefined, { signal: signal() });
      io.out(args.flags.has('--json') ? `${JSON.stringify(listing, null, 2)}\n` : `${copiesText(listing, lang, io.env)}\n`);
      return 0;
    } finally {
      close();
    }
  },

  async plan(argv, io) {
    const args = parseArgs(argv, SPEC);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const { restore, close } = await session(io, args, ['restore', 'plan', ...argv]);
    try {
      const view = await restore.plan(request(args, USAGE.plan, restore), { signal: signal() });
      const plan = restore.operationPlan(view.planId);
      if (args.flags.has('--json')) io.out(`${JSON.stringify({ ...view, plan }, null, 2)}\n`);
      else io.out(`${planView(view, lang)}\n${plan === null ? '' : `\n${planText(plan, lang)}${words(lang, 'cli.plan.notRun')}\n`}`);
      return view.verdict === 'block' ? 1 : 0;
    } finally {
      close();
    }
  },

  async run(argv, io) {
    const args = parseArgs(argv, SPEC);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const reason = args.flags.get('--reason');
    const yes = args.flags.has('--yes');
    const json = args.flags.has('--json');
    // The reason is asked for before anything is read or sent.
    if (yes && (typeof reason !== 'string' || reason.trim() === '')) {
      io.err(`custode: ${words(lang, 'cli.restore.reasonRequired')}\n`);
      return 2;
    }
    const { restore, close } = await session(io, args, ['restore', 'run', ...argv]);
    try {
      const view = await restore.plan(request(args, USAGE.run, restore), { signal: signal() });
      const plan = restore.operationPlan(view.planId);
      if (!json) io.out(`${planView(view, lang)}\n`);
      if (plan === null) {
        if (json) io.out(`${JSON.stringify(view, null, 2)}\n`);
        return 1;
      }
      if (!yes) {
        io.out(json ? `${JSON.stringify({ ...view, plan }, null, 2)}\n` : `\n${planText(plan, lang)}${words(lang, 'cli.plan.notRun')}\n`);
        return 0;
      }
      if (!json) io.out(`\n${planText(plan, lang)}`);
      // A line per disk as it starts, every tenth of it, and as it ends.
      let shown = '';
      try {
        const result = await restore.run(view.planId, reason as string, {
          signal: signal(),
          onProgress: (p) => {
            const key = `${p.disk}:${p.state}:${Math.floor((p.percent ?? 0) / 10)}`;
            if (json || p.disk === null || key === shown) return;
            shown = key;
            io.out(`${words(lang, 'cli.restore.progress', { n: p.disk + 1, of: p.disks, state: words(lang, `restore.state.${p.state}`), percent: p.percent ?? '?', file: p.file ?? '' })}\n`);
          },
        });
        io.out(json ? `${JSON.stringify(result, null, 2)}\n` : `${doneText(result, lang)}\n${words(lang, 'cli.plan.recorded', { id: result.operationId })}\n`);
        return 0;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const removed = (error.details?.['removed'] as string[] | undefined) ?? [];
        const left = (error.details?.['notRemoved'] as string[] | undefined) ?? [];
        if (json) io.out(`${JSON.stringify({ error: { code: error.code, message: error.message }, removed, notRemoved: left }, null, 2)}\n`);
        io.err(`custode: ${errorWords(lang, error)}\n`);
        if (removed.length > 0) io.err(`${words(lang, 'cli.restore.removed', { paths: removed.map(printable).join(', ') })}\n`);
        if (left.length > 0) io.err(`${words(lang, 'cli.restore.notRemoved', { paths: left.map(printable).join(', ') })}\n`);
        return 1;
      }
    } finally {
      close();
    }
  },
};
