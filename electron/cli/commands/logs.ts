import { join } from 'node:path';
import type { RunDetail, RunRow } from '../../../shared/ipc/logs.ts';
import { vmLineRange } from '../../../shared/model/log-catalog.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { openDatabase } from '../../core/catalog/database.ts';
import { MARK_END, MARK_START } from '../../core/logs/catalog-reader.ts';
import { LogCatalog } from '../../core/logs/log-catalog.ts';
import { text, type Lang } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { cliLang } from './lang.ts';
import { logsSync } from './logs-sync.ts';

/**
 * `custode logs …`: the log catalog of the data folder (CUSTODE_HOME), the same one the app shows. Everything but
 * `sync` reads or writes only the local catalog, so it works with no machine reachable.
 */
function open(io: CliIo): { catalog: LogCatalog; close(): void } {
  const dataDir = defaultDataDir(io.env as NodeJS.ProcessEnv);
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  return { catalog: new LogCatalog(db, dataDir), close: () => db.close() };
}

function positiveInt(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number`);
  return n;
}

function date(value: string | true | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === true || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${name} must be a date as YYYY-MM-DD`);
  return value;
}

const str = (value: string | true | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function runLine(r: RunRow, lang: Lang): string {
  const status = text(lang, `logs.status.${r.status}`);
  return `${String(r.id).padStart(9)}  ${(r.startedAt ?? '?').padEnd(19)}  ${r.hostName.padEnd(16)}  ${status.padEnd(16)}  ${text(lang, 'cli.logs.run.counts', { ok: r.vmsOk, problems: r.vmsProblem })}`;
}

function showRun(catalog: LogCatalog, detail: RunDetail, vmName: string | undefined, lang: Lang): string[] {
  const r = detail.run;
  const out = [
    `${text(lang, 'cli.logs.show.run', { id: r.id })}  ${r.hostName}  ${r.startedAt ?? '?'} → ${r.endedAt ?? '?'}  ${text(lang, `logs.status.${r.status}`)}${r.finalStatus ? `  (${r.finalStatus})` : ''}`,
    text(lang, 'cli.logs.show.file', { origin: detail.origin, source: detail.source, from: detail.firstLine, to: detail.lastLine }),
  ];
  if (detail.failure) out.push(`! ${text(lang, `ghettovcb.failure.${detail.failure.kind}.explanation`)}`, `  ${text(lang, 'ghettovcb.explain.fix')}: ${text(lang, `ghettovcb.failure.${detail.failure.kind}.fix`)}`);
  const vms = vmName === undefined ? detail.vms : detail.vms.filter((v) => v.name === vmName);
  if (vmName !== undefined && vms.length === 0) throw new UsageError(`run ${r.id} has no VM named "${vmName}" (it has: ${detail.vms.map((v) => v.name).join(', ') || 'none'})`);
  for (const vm of vms) {
    out.push('', `• ${vm.name}: ${text(lang, `ghettovcb.outcome.${vm.outcome}.label`)}`);
    if (vm.reason) out.push(`  ${text(lang, 'ghettovcb.explain.reason')}: ${vm.reason}`);
    if (vm.outcome !== 'ok') out.push(`  ${text(lang, 'ghettovcb.explain.why')}: ${text(lang, `ghettovcb.outcome.${vm.outcome}.explanation`)}`, `  ${text(lang, 'ghettovcb.explain.fix')}: ${text(lang, `ghettovcb.outcome.${vm.outcome}.fix`)}`);
  }
  const range = vmName === undefined ? { from: detail.firstLine, to: detail.lastLine } : vmLineRange(detail.vms, vmName, detail.lastLine)!;
  out.push('');
  const width = String(range.to).length;
  for (let from = range.from; from <= range.to; from += 5000) {
    const page = catalog.reader.lines(r.fileId, from, Math.min(5000, range.to - from + 1));
    page.lines.forEach((line, i) => out.push(`${String(from + i).padStart(width)}  ${line}`));
  }
  return out;
}

export const logsCommands: CommandGroup = {
  async import(argv, io) {
    const args = parseArgs(argv, { values: ['--host', '--lang'], booleans: ['--json'] });
    if (args.positionals.length !== 1) throw new UsageError('usage: custode logs import <file|dir> [--host H] [--json] [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const s = open(io);
    try {
      const files = await s.catalog.import(args.positionals[0]!, { host: str(args.flags.get('--host')) });
      if (args.flags.has('--json')) io.out(`${JSON.stringify(files, null, 2)}\n`);
      else {
        for (const f of files) {
          const host = f.hostName ? `  ${text(lang, 'cli.logs.file.host', { host: f.hostName })}` : '';
          const what = f.status === 'refused' ? `  (${f.reason}: ${text(lang, `error.${f.reason ?? ''}`)})` : f.runs > 0 ? `  ${text(lang, 'cli.logs.file.indexed', { runs: f.runs, lines: f.lines })}` : '';
          io.out(`${text(lang, `cli.logs.file.${f.status}`).padEnd(10)} ${f.path}${host}${what}\n`);
        }
        const count = (s: string) => files.filter((f) => f.status === s).length;
        const summary = { files: files.length, added: count('added'), updated: count('updated'), known: count('unchanged') + count('duplicate'), refused: count('refused') };
        io.out(`${text(lang, 'cli.logs.import.summary', summary)}\n`);
      }
      return 0;
    } finally {
      s.close();
    }
  },

  async runs(argv, io) {
    const args = parseArgs(argv, { values: ['--host', '--vm', '--since', '--until', '--status', '--limit', '--lang'], booleans: ['--json'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const s = open(io);
    try {
      const rows = s.catalog.reader.runs({
        host: str(args.flags.get('--host')),
        vm: str(args.flags.get('--vm')),
        status: str(args.flags.get('--status')) as RunRow['status'] | undefined,
        since: date(args.flags.get('--since'), '--since'),
        until: date(args.flags.get('--until'), '--until'),
        limit: positiveInt(args.flags.get('--limit'), '--limit', 500),
      });
      if (args.flags.has('--json')) io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else io.out(rows.length === 0 ? `${text(lang, 'cli.logs.runs.none')}\n` : `${rows.map((r) => runLine(r, lang)).join('\n')}\n`);
      return 0;
    } finally {
      s.close();
    }
  },

  async search(argv, io) {
    const args = parseArgs(argv, { values: ['--limit', '--lang'], booleans: ['--json'] });
    if (args.positionals.length < 1) throw new UsageError('usage: custode logs search "<query>" [--limit N] [--json] [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const s = open(io);
    try {
      const result = s.catalog.reader.search(args.positionals.join(' '), positiveInt(args.flags.get('--limit'), '--limit', 200));
      if (args.flags.has('--json')) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        const plain = (t: string) => t.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');
        for (const g of result.groups) {
          io.out(`${runLine(g.run, lang)}\n`);
          for (const h of g.hits) io.out(`    ${String(h.line).padStart(7)}: ${plain(h.snippet)}\n`);
        }
        if (result.ignored.length > 0) io.err(`${text(lang, 'cli.logs.search.ignored', { words: result.ignored.join(' ') })}\n`);
        io.out(`${text(lang, 'cli.logs.search.summary', { lines: result.total, runs: result.groups.length })}${result.truncated ? ` ${text(lang, 'cli.logs.search.more')}` : ''}\n`);
      }
      return 0;
    } finally {
      s.close();
    }
  },

  async show(argv, io) {
    const args = parseArgs(argv, { values: ['--vm', '--lang'], booleans: ['--json'] });
    if (args.positionals.length !== 1 || !/^\d+$/.test(args.positionals[0]!)) throw new UsageError('usage: custode logs show <run-id> [--vm NAME] [--lang it|en]');
    const s = open(io);
    try {
      const detail = s.catalog.reader.run(Number(args.positionals[0]));
      if (args.flags.has('--json')) io.out(`${JSON.stringify(detail, null, 2)}\n`);
      else io.out(`${showRun(s.catalog, detail, str(args.flags.get('--vm')), cliLang(args.flags.get('--lang'), io.env)).join('\n')}\n`);
      return 0;
    } finally {
      s.close();
    }
  },

  sync: logsSync,
};
