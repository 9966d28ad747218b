import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditFilter, AuditItem } from '../../../shared/ipc/audit.ts';
import type { SentCommand } from '../../../shared/model/operation.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { AuditStore } from '../../core/audit/audit-store.ts';
import { exportTrail } from '../../core/audit/export.ts';
import { auditText, wordsText, type Lang } from '../../core/audit/words.ts';
import { openDatabase } from '../../core/catalog/database.ts';
import { oneOf, parseArgs } from '../args.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { cliLang } from './lang.ts';

/**
 * `custode audit …`: the trail of every change, read from the same database as the app (CUSTODE_HOME).
 * `verify` exits 1 when the chain is broken and names the first entry that is not as written.
 */
function withStore<T>(io: CliIo, work: (audit: AuditStore) => T): T {
  const db = openDatabase(join(defaultDataDir(io.env as NodeJS.ProcessEnv), 'custode.sqlite'));
  try {
    return work(new AuditStore(db));
  } finally {
    db.close();
  }
}

function dateFlag(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const at = value === true ? NaN : Date.parse(value);
  if (Number.isNaN(at)) throw new UsageError(`${name} needs a date, e.g. 2026-12-01 or 2026-12-01T08:00:00Z`);
  return at;
}

function filterOf(flags: Map<string, string | true>): AuditFilter {
  const str = (name: string) => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const filter: AuditFilter = { limit: 10_000 };
  const since = dateFlag(flags.get('--since'), '--since');
  const until = dateFlag(flags.get('--until'), '--until');
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  for (const [flag, key] of [['--host', 'host'], ['--vm', 'vm'], ['--kind', 'subject'], ['--outcome', 'outcome'], ['--user', 'user']] as const) {
    const v = str(flag);
    if (v !== undefined) filter[key] = v;
  }
  return filter;
}

const FILTER_FLAGS = ['--since', '--until', '--host', '--vm', '--kind', '--outcome', '--user', '--lang'];
const iso = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);
const outcomeText = (lang: Lang, outcome: string | null) => (outcome ? auditText(lang, `operations.outcome.${outcome}`) : '-');

function itemLine(item: AuditItem, lang: Lang): string {
  const reason = item.reason ?? `(${auditText(lang, 'audit.ui.noReason')})`;
  return `${iso(item.at)}  ${item.operationId ?? item.id}  ${item.user}@${item.workstation}  ${outcomeText(lang, item.outcome)}  ${wordsText(lang, item.title)}  — ${reason}`;
}

function entryLines(e: AuditEntry, lang: Lang): string[] {
  const out = [`#${e.seq} ${iso(e.at)} ${e.kind} ${e.outcome ?? ''}`.trimEnd()];
  if (e.kind === 'operation.start') out.push(`  ${wordsText(lang, e.title)}`, `  target: ${e.target}`, `  by: ${e.user}@${e.workstation}`, `  reason: ${e.reason ?? `(${auditText(lang, 'audit.ui.noReason')})`}`);
  if (e.kind === 'trust') out.push(`  ${wordsText(lang, e.title)}`);
  const commands = ((e.data as { commands?: SentCommand[] } | null)?.commands ?? []) as SentCommand[];
  for (const c of commands) {
    out.push(`  [${c.phase}] $ ${c.command}`, `    → ${c.exitCode === null ? (c.error?.code ?? 'no exit status') : `exit ${c.exitCode}`}`);
    for (const line of c.output ? c.output.split('\n') : []) out.push(`    | ${line}`);
  }
  out.push(`  hash ${e.hash}`);
  return out;
}

export const auditCommands: CommandGroup = {
  async list(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: FILTER_FLAGS });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const items = withStore(io, (audit) => audit.list(filterOf(args.flags)));
    if (args.flags.has('--json')) io.out(`${JSON.stringify(items, null, 2)}\n`);
    else io.out(items.map((i) => `${itemLine(i, lang)}\n`).join(''));
    return 0;
  },
  async show(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang'] });
    const id = args.positionals[0];
    if (!id) throw new UsageError('usage: custode audit show <operation or entry id> [--json]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const entries = withStore(io, (audit) => audit.show(id));
    io.out(args.flags.has('--json') ? `${JSON.stringify(entries, null, 2)}\n` : `${entries.flatMap((e) => entryLines(e, lang)).join('\n')}\n`);
    return 0;
  },
  async verify(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const state = withStore(io, (audit) => audit.verify());
    if (args.flags.has('--json')) io.out(`${JSON.stringify(state, null, 2)}\n`);
    else if (state.intact) io.out(`${auditText(lang, 'audit.ui.chain.intact', { count: state.entries })}\n`);
    else {
      const bad = state.firstBad!;
      const problem = auditText(lang, `audit.ui.chain.${bad.problem}`);
      io.out(`${auditText(lang, 'audit.ui.chain.broken', { seq: bad.seq, problem })}${bad.id ? ` (id ${bad.id})` : ''}\n`);
    }
    return state.intact ? 0 : 1;
  },
  async export(argv, io) {
    const args = parseArgs(argv, { values: ['--format', '--out', ...FILTER_FLAGS] });
    const format = oneOf(args.flags.get('--format'), ['csv', 'json', 'html'] as const, '--format', 'csv');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const file = withStore(io, (audit) => exportTrail(audit, { format, filter: filterOf(args.flags), lang, now: Date.now() }));
    const out = args.flags.get('--out');
    if (typeof out === 'string') writeFileSync(out, file.text);
    else io.out(file.text);
    return 0;
  },
};
