import { AppError } from '../../../shared/errors/app-error.ts';
import type { DrillHistory, DrillRecord } from '../../../shared/model/drill.ts';
import { DrillRequest } from '../../../shared/model/drill.ts';
import { DrillService } from '../../core/drill/drill-service.ts';
import { DrillStore } from '../../core/drill/drill-store.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { errorWords, words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { localTime } from '../local-time.ts';
import { planText } from '../plan-cli.ts';
import { printable } from '../printable.ts';
import type { CommandGroup } from './group.ts';
import { loginOptions, open, PASSWORD_STDIN, type LoginOptions } from './fleet.ts';
import { cliLang } from './lang.ts';

/**
 * `custode drill …`: restore drills. `run` restores the VM's latest good copy under a temporary name on the chosen
 * host with every NIC disconnected, powers it on, measures the recovery time, and removes it again; without
 * `--reason "…" --yes` it only shows the plan. `list` shows the drills kept and each VM's recovery-time trend.
 * Exit 0 done, 1 blocked or failed, 2 bad usage.
 */
const USAGE = {
  run: 'custode drill run --vm NAME [--from-host H] --to-host H [--datastore DS] [--timeout SECONDS] --reason "…" --yes [--password-stdin] [--json] [--lang it|en]',
  list: 'custode drill list [--vm NAME] [--json] [--lang it|en]',
};

function session(io: CliIo, login: Partial<LoginOptions> = {}) {
  const s = open(io, login);
  const restore = s.restore;
  return { restore, drill: new DrillService({ restore, store: new DrillStore(s.db), fleet: s.fleet, ssh: s.ssh, operations: s.operations }), close: () => s.close() };
}

const seconds = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

function recordLine(d: DrillRecord, lang: Lang, env: CliIo['env']): string {
  return words(lang, 'cli.drill.list', { when: localTime(d.startedAt, lang, env), vm: d.vm, host: d.targetHost, datastore: d.datastore, name: d.tempName, result: words(lang, `drill.result.${d.result}`), recovery: seconds(d.recoveryMs), tools: seconds(d.toolsMs) });
}

function historyText(h: DrillHistory, lang: Lang, env: CliIo['env']): string {
  if (h.drills.length === 0) return words(lang, 'cli.drill.none');
  return [...h.drills.map((d) => recordLine(d, lang, env)), '', ...h.trends.map((t) => words(lang, 'cli.drill.trend', { vm: t.vm, points: t.points.map((p) => seconds(p.recoveryMs)).join(', ') }))].join('\n');
}

export const drillCommands: CommandGroup = {
  async run(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', '--yes', PASSWORD_STDIN], values: ['--lang', '--vm', '--from-host', '--to-host', '--datastore', '--timeout', '--reason'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const value = (name: string) => {
      const v = args.flags.get(name);
      return typeof v === 'string' ? v : undefined;
    };
    const vm = value('--vm');
    const to = value('--to-host');
    const timeout = value('--timeout');
    if (vm === undefined || to === undefined || args.positionals.length !== 0 || (timeout !== undefined && !/^\d+$/.test(timeout))) throw UsageError.of('cli.error.usage', { usage: USAGE.run });
    const reason = value('--reason');
    const yes = args.flags.has('--yes');
    const json = args.flags.has('--json');
    if (yes && (reason === undefined || reason.trim() === '')) {
      io.err(`custode: ${words(lang, 'cli.drill.reasonRequired')}\n`);
      return 2;
    }
    const { restore, drill, close } = session(io, await loginOptions(args, io, ['drill', 'run', ...argv]));
    try {
      const from = value('--from-host');
      const datastore = value('--datastore');
      const request = DrillRequest.parse({
        vm,
        ...(from !== undefined ? { fromHostId: restore.findHost(from) } : {}),
        toHostId: restore.findHost(to),
        ...(datastore !== undefined ? { datastore } : {}),
        ...(timeout !== undefined ? { timeoutMs: Number(timeout) * 1000 } : {}),
      });
      const view = await drill.plan(request, { signal: new AbortController().signal });
      const r = view.restore;
      const plan = restore.operationPlan(r.planId);
      if (!json) {
        io.out(`${words(lang, 'cli.drill.plan', { vm: r.vm, copy: r.copy.folder, source: r.sourceHost, host: r.targetHost, name: r.name, folder: r.targetFolder, verdict: words(lang, `backup.verdict.${r.verdict}`) })}\n`);
        for (const c of r.checks.filter((c) => c.verdict !== 'go')) io.out(`  [${words(lang, `backup.verdict.${c.verdict}`)}] ${words(lang, `restore.checkName.${c.check}`)}: ${words(lang, c.code, c.params)}\n`);
      }
      if (plan === null) {
        if (json) io.out(`${JSON.stringify(view, null, 2)}\n`);
        else io.out(`${words(lang, 'cli.restore.blocked')}\n`);
        return 1;
      }
      if (!yes) {
        const teardown = [``, `${words(lang, 'drills.ui.review.teardownCommands', { name: r.name })}:`, ...view.teardown.map((c) => `  ${printable(c)}`), ``].join('\n');
        io.out(json ? `${JSON.stringify({ ...view, plan }, null, 2)}\n` : `\n${planText(plan, lang)}${teardown}${words(lang, 'cli.plan.notRun')}\n`);
        return 0;
      }
      const { record, notRemoved } = await drill.run(view.drillId, reason!, { signal: new AbortController().signal });
      if (json) io.out(`${JSON.stringify({ record, notRemoved }, null, 2)}\n`);
      else if (record.result === 'succeeded') io.out(`${words(lang, 'cli.drill.done', { vm: record.vm, recovery: seconds(record.recoveryMs), tools: record.toolsMs === null ? words(lang, 'cli.drill.noTools') : seconds(record.toolsMs), name: record.tempName, host: record.targetHost })}\n`);
      if (record.result !== 'succeeded') {
        const error = errorWords(lang, new AppError(record.errorCode ?? 'drill.failed', record.errorCode ?? 'drill.failed'));
        io.err(`custode: ${words(lang, 'cli.drill.ended', { vm: record.vm, result: words(lang, `drill.result.${record.result}`), error })}\n`);
      }
      if (notRemoved.length > 0) io.err(`${words(lang, 'cli.drill.notRemoved', { paths: notRemoved.map(printable).join(', ') })}\n`);
      return record.result === 'succeeded' ? 0 : 1;
    } finally {
      close();
    }
  },

  list(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang', '--vm'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    if (args.positionals.length !== 0) throw UsageError.of('cli.error.usage', { usage: USAGE.list });
    const vm = args.flags.get('--vm');
    const { drill, close } = session(io);
    try {
      const history = drill.history(typeof vm === 'string' ? vm : undefined);
      io.out(args.flags.has('--json') ? `${JSON.stringify(history, null, 2)}\n` : `${historyText(history, lang, io.env)}\n`);
      return Promise.resolve(0);
    } finally {
      close();
    }
  },
};
