import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { EsxiStatus, FleetView, HostEntry, NasStatus } from '../../../shared/ipc/fleet.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { openDatabase } from '../../core/catalog/database.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { MemorySecretStore } from '../../core/ports/memory-secret-store.ts';
import { createServices, type Services } from '../../core/app/services.ts';
import { EventHub } from '../../core/ipc/event-hub.ts';
import { JobRegistry } from '../../core/jobs/job-registry.ts';
import { namedHost } from '../../core/fleet/named-host.ts';
import { quote } from '../../core/shell/command.ts';
import { planReviewOrRun, recordedLine, REVIEW_FLAGS, wantsRun } from '../plan-cli.ts';
import { parseArgs, type ParsedArgs } from '../args.ts';
import { FingerprintGate, PipedPassword } from '../fleet-ports.ts';
import { compactBytes } from '../../core/fleet/compact-bytes.ts';
import { errorWords, words } from '../fleet-words.ts';
import { localTime } from '../local-time.ts';
import { printable } from '../printable.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { cliLang } from './lang.ts';

/**
 * `custode fleet …`: the same fleet core as the app, for scripts. The data folder is CUSTODE_HOME (default: the
 * app's userData). Host keys are trusted only through --accept-fingerprint; passwords only come on stdin and are
 * never kept. Exit codes: 0 done, 1 failed (or, for status, a machine could not be checked), 2 usage, 3 host key
 * refused (its fingerprint is printed).
 */
export const EXIT_KEY_REFUSED = 3;

export interface Session extends Services {
  db: DatabaseSync;
  gate: FingerprintGate;
  close(): void;
}

/**
 * The app's services over the data folder, answered by the CLI's ports: host keys only through
 * --accept-fingerprint, a password only from stdin and never kept. Writes go through the same operations and
 * audit trail as in the app. `stdinCommand`: for a command that takes `--password-stdin`, its line as an example of
 * how to give the password when a host asks for one and none came.
 */
export function open(io: CliIo, options: { accept?: string | null; password?: string | null; stdinCommand?: string } = {}): Session {
  const dataDir = defaultDataDir(io.env as NodeJS.ProcessEnv);
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  const gate = new FingerprintGate(options.accept ?? null);
  const services = createServices(db, {
    dataDir,
    hostKeys: gate,
    prompter: new PipedPassword(options.password ?? null, options.stdinCommand ?? null),
    secrets: new MemorySecretStore(),
    jobs: new JobRegistry(new EventHub()),
    sshPolicy: { reconnectAttempts: 0 },
  });
  const { ssh } = services;
  return {
    ...services,
    db,
    gate,
    close() {
      ssh.close();
      db.close();
    },
  };
}

export async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.chunks('-')) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** How a CLI session logs in where a host asks for a password (`open`). */
export interface LoginOptions {
  password: string | null;
  stdinCommand: string;
}

/** The flag of a command that reaches hosts: a password for those that log in with one, read from stdin. */
export const PASSWORD_STDIN = '--password-stdin';

/**
 * `open`'s login options for a command that reaches hosts: the password piped with `--password-stdin` (the same for
 * every host that asks); else, as the example of how to give one when a host asks, the command as it was typed
 * (`typed`: its group, its name and its arguments), quoted for the shell.
 */
export async function loginOptions(args: ParsedArgs, io: CliIo, typed: readonly string[]): Promise<LoginOptions> {
  return { password: args.flags.has(PASSWORD_STDIN) ? await readStdin(io) : null, stdinCommand: ['custode', ...typed.map((w) => quote(w))].join(' ') };
}

const ADD_USAGE = (what: string) =>
  UsageError.of('cli.error.usage', {
    usage: `custode fleet ${what} <address> [--port N] [--user U] [--password-stdin | --key FILE] [--accept-fingerprint SHA256:…] [--name NAME] [--group GROUP] [--reason "…" --yes] [--json] [--lang it|en]`,
  });

function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true || !/^\d+$/.test(v)) throw UsageError.of('cli.error.number', { name });
  return Number(v);
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Adding a machine is an audited operation, as in the app: without --yes the plan is printed and nothing runs;
 * with --reason "…" --yes it runs, and the trail records the reason, the commands and the outcome.
 */
function addCommand(role: 'esxi' | 'nas', what: string) {
  return async (argv: readonly string[], io: CliIo): Promise<number> => {
    const args = parseArgs(argv, {
      booleans: ['--password-stdin', '--json', ...REVIEW_FLAGS.booleans],
      values: ['--port', '--user', '--key', '--accept-fingerprint', '--name', '--group', '--lang', ...REVIEW_FLAGS.values],
    });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const address = args.positionals[0];
    if (address === undefined || args.positionals.length !== 1) throw ADD_USAGE(what);
    const key = stringFlag(args, '--key');
    if (key !== undefined && args.flags.has('--password-stdin')) throw UsageError.of('cli.error.keyAndPassword');
    const auth = key !== undefined ? 'key' : args.flags.has('--password-stdin') ? 'password' : io.env.SSH_AUTH_SOCK ? 'agent' : null;
    if (auth === null) throw UsageError.of('cli.error.noLogin');
    const port = intFlag(args, '--port', 22);
    // A plan to review needs no password: stdin is read only when the plan runs.
    const password = auth === 'password' && wantsRun(args) ? await readStdin(io) : null;
    const accept = stringFlag(args, '--accept-fingerprint') ?? null;
    const session = open(io, { accept, password });
    try {
      const host = {
        role,
        address,
        port,
        username: stringFlag(args, '--user') ?? 'root',
        auth,
        ...(key !== undefined ? { keyPath: key } : {}),
        ...(stringFlag(args, '--name') !== undefined ? { name: stringFlag(args, '--name') } : {}),
        ...(stringFlag(args, '--group') !== undefined ? { group: stringFlag(args, '--group') } : {}),
      } as const;
      const reviewed = await planReviewOrRun(session, { kind: 'host.add', host, ...(password !== null ? { password } : {}), remember: false }, args, io, lang);
      if ('exit' in reviewed) return reviewed.exit;
      const entry = session.fleet.hosts.findByAddress(address, port)!;
      const view = session.fleet.view(await session.fleet.rememberedHosts());
      const status = [...view.esxi, ...view.nas].find((s) => s.host.id === entry.id);
      if (args.flags.has('--json')) io.out(`${JSON.stringify({ host: entry, status, operationId: reviewed.result.operationId }, null, 2)}\n`);
      else io.out(`${formatAdded(entry, status, { lang, now: Date.now(), env: io.env })}\n${recordedLine(lang, reviewed.result)}`);
      return 0;
    } catch (error) {
      const refused = keyRefusal(error, session.gate, address, port, accept, lang);
      if (refused === null) throw error;
      io.err(refused);
      return EXIT_KEY_REFUSED;
    } finally {
      session.close();
    }
  };
}

/** The words for a refused host key, with the fingerprint to check; null for any other failure. */
function keyRefusal(error: unknown, gate: FingerprintGate, address: string, port: number, accept: string | null, lang: Lang): string | null {
  const code = error instanceof AppError ? error.code : null;
  const where = `${address}:${port}`;
  if (code === 'ssh.hostKeyChanged' && gate.changed) {
    const c = gate.changed;
    return [
      `custode: ${words(lang, 'cli.key.changed', { address: where })}`,
      `  ${words(lang, 'cli.key.now', { key: `${c.keyType} ${c.fingerprint}` })}`,
      `  ${words(lang, 'cli.key.pinned', { key: `${c.pinnedKeyType} ${c.pinnedFingerprint}` })}`,
      `  ${words(lang, 'cli.key.reinstalled')}`,
      '',
    ].join('\n');
  }
  if (code !== 'ssh.hostKeyUnknown' || gate.seen === null) return null;
  const seen = gate.seen;
  return [
    `custode: ${accept === null ? words(lang, 'cli.key.unknown', { address: where }) : words(lang, 'cli.key.mismatch', { address: where, given: accept })}`,
    `  ${printable(`${seen.keyType} ${seen.fingerprint}`)}`,
    `  ${words(lang, 'cli.key.check', { fingerprint: seen.fingerprint })}`,
    '',
  ].join('\n');
}

function when(ms: number | null, lang: Lang, env: CliIo['env']): string {
  return ms === null ? words(lang, 'cli.word.never') : localTime(ms, lang, env);
}

function age(ms: number, now: number, lang: Lang): string {
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return d > 0 ? words(lang, 'cli.age.days', { d, h }) : h > 0 ? words(lang, 'cli.age.hours', { h, m }) : words(lang, 'cli.age.minutes', { m });
}

/** A ghettoVCB log time ("2025-11-06 01:00:02", the host's clock: UTC on ESXi) in this computer's time. */
function logTime(text: string | null, lang: Lang, env: CliIo['env']): string {
  const at = text === null ? Number.NaN : Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(at) ? (text === null ? words(lang, 'cli.word.unknown') : printable(text)) : localTime(at, lang, env);
}

const yesNo = (v: boolean | null, lang: Lang): string => words(lang, v === null ? 'cli.word.unknown' : v ? 'cli.word.yes' : 'cli.word.no');
const orUnknown = (v: string | number | null, lang: Lang): string => (v === null ? words(lang, 'cli.word.unknown') : printable(String(v)));
const line = (f: Finding, lang: Lang, indent: string): string => `${indent}${words(lang, `cli.severity.${f.severity}`)}: ${words(lang, f.code, f.params)} [${f.code}]`;
const head = (host: HostEntry, state: string, lang: Lang): string => `${printable(host.name)}  ${printable(host.address)}:${host.port}  ${words(lang, `cli.fleet.state.${state}`)}`;

interface Ctx {
  lang: Lang;
  now: number;
  env: CliIo['env'];
}

function formatEsxi(s: EsxiStatus, { lang, now, env }: Ctx): string[] {
  const installs = s.installs.map((i) => `${words(lang, `cli.fleet.install.${i.kind}`)} ${orUnknown(i.version, lang)}`).join(', ');
  const gvcb = installs ? words(lang, 'cli.fleet.ghettovcb', { installs }) : words(lang, 'cli.fleet.ghettovcbNone');
  const out = [`${head(s.host, s.state, lang)}  ESXi ${orUnknown(s.version, lang)}  ${gvcb}`];
  if (s.error) out.push(`  ${words(lang, 'cli.fleet.error', { text: errorWords(lang, s.error) })} [${s.error.code}]`);
  for (const sch of s.schedules) {
    const text = sch.text ? sch.text[lang] : sch.line;
    out.push(`  ${words(lang, 'cli.fleet.schedule', { text, next: when(sch.nextRun, lang, env), reboot: yesNo(sch.survivesReboot, lang) })}`);
  }
  if (s.lastRun) {
    const status = s.lastRun.finalStatus ?? (s.lastRun.aborted ? words(lang, 'cli.fleet.lastRunAborted') : words(lang, 'cli.word.unknown'));
    out.push(`  ${words(lang, 'cli.fleet.lastRun', { when: logTime(s.lastRun.startedAt, lang, env), status })}`);
  }
  for (const f of s.findings) out.push(line(f, lang, '  '));
  for (const vm of s.vms) {
    const good = vm.lastGood ? words(lang, 'cli.fleet.goodAt', { when: when(vm.lastGood.at, lang, env), age: age(vm.lastGood.at, now, lang) }) : words(lang, 'cli.word.none');
    const power = vm.powerState === null ? words(lang, 'cli.word.unknown') : words(lang, `cli.fleet.power.${vm.powerState}`);
    const outcome = vm.lastOutcome === null ? words(lang, 'cli.word.unknown') : words(lang, `ghettovcb.outcome.${vm.lastOutcome}.label`);
    out.push(`  ${words(lang, 'cli.fleet.vm', { name: vm.name, power, copies: vm.copies.length, rotation: orUnknown(vm.rotation, lang), good, outcome })}`);
    for (const f of vm.blockers) out.push(line(f, lang, '     '));
  }
  return out;
}

function formatNas(s: NasStatus, { lang }: Ctx): string[] {
  const nfs = words(lang, 'cli.fleet.nfsV4', { state: s.nfsV4 === null ? words(lang, 'cli.word.unknown') : words(lang, s.nfsV4 ? 'cli.word.on' : 'cli.word.off') });
  const out = [`${head(s.host, s.state, lang)}  ${orUnknown(s.version, lang)}  ${nfs}`];
  if (s.error) out.push(`  ${words(lang, 'cli.fleet.error', { text: errorWords(lang, s.error) })} [${s.error.code}]`);
  for (const f of s.findings) out.push(line(f, lang, '  '));
  for (const share of s.shares) {
    const hosts = [...share.hosts, ...share.networks].join(', ') || words(lang, 'cli.fleet.anyHost');
    const free = share.availableBytes === null ? words(lang, 'cli.word.unknown') : compactBytes(share.availableBytes);
    out.push(`  ${words(lang, 'cli.fleet.share', { path: share.path, hosts, maproot: share.maproot ?? '—', free })}`);
    for (const f of share.findings) out.push(line(f, lang, '     '));
  }
  return out;
}

function formatView(view: FleetView, ctx: Ctx): string {
  return [...view.nas.flatMap((n) => formatNas(n, ctx)), ...view.esxi.flatMap((e) => formatEsxi(e, ctx))].join('\n');
}

function formatAdded(entry: HostEntry, status: EsxiStatus | NasStatus | undefined, ctx: Ctx): string {
  const added = words(ctx.lang, 'cli.fleet.added', { name: entry.name, role: words(ctx.lang, `cli.fleet.role.${entry.role}`), address: `${entry.address}:${entry.port}` });
  if (status === undefined) return added;
  return [added, ...('vms' in status ? formatEsxi(status, ctx) : formatNas(status, ctx))].join('\n');
}

const REMOVE_USAGE = UsageError.of('cli.error.usage', { usage: 'custode fleet remove <name|address[:port]> [--reason "…" --yes] [--json] [--lang it|en]' });

/**
 * Removing a machine forgets it in Custode only, as an audited operation: the plan is printed without --yes; with
 * --reason "…" --yes it runs. An unknown name is refused before anything is planned.
 */
async function removeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { booleans: ['--json', ...REVIEW_FLAGS.booleans], values: ['--lang', ...REVIEW_FLAGS.values] });
  const lang = cliLang(args.flags.get('--lang'), io.env);
  const named = args.positionals[0];
  if (named === undefined || args.positionals.length !== 1) throw REMOVE_USAGE;
  const session = open(io);
  try {
    const host = namedHost(session.fleet.hosts.list(), named);
    const reviewed = await planReviewOrRun(session, { kind: 'host.remove', hostId: host.id }, args, io, lang);
    if ('exit' in reviewed) return reviewed.exit;
    if (args.flags.has('--json')) io.out(`${JSON.stringify({ removed: host, operationId: reviewed.result.operationId }, null, 2)}\n`);
    else io.out(`${words(lang, 'cli.fleet.removed', { name: host.name, address: `${host.address}:${host.port}` })}\n${recordedLine(lang, reviewed.result)}`);
    return 0;
  } finally {
    session.close();
  }
}

export const fleetCommands: CommandGroup = {
  'add-host': addCommand('esxi', 'add-host'),
  'add-nas': addCommand('nas', 'add-nas'),
  remove: removeCommand,

  async list(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const session = open(io);
    try {
      const view = session.fleet.view(await session.fleet.rememberedHosts());
      const rows = [...view.nas, ...view.esxi].map((s) => ({ ...s.host, state: s.state, probedAt: s.probedAt }));
      if (args.flags.has('--json')) io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const text = rows.map((r) => {
          const checked = r.probedAt === null ? words(lang, 'cli.fleet.neverChecked') : words(lang, 'cli.fleet.checkedAt', { when: when(r.probedAt, lang, io.env) });
          return `${head(r, r.state, lang)}  ${words(lang, `cli.fleet.role.${r.role}`)}  ${words(lang, `cli.fleet.auth.${r.auth}`)}  ${checked}`;
        });
        io.out(text.length > 0 ? text.map((t) => `${t}\n`).join('') : `${words(lang, 'cli.fleet.empty')}\n`);
      }
      return 0;
    } finally {
      session.close();
    }
  },

  /**
   * Checks every machine now (in parallel) and prints the fleet; `--no-refresh` prints the last results only.
   * `--password-stdin` answers the hosts that log in with a password (the same one for all of them).
   */
  async status(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', '--no-refresh', PASSWORD_STDIN], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    // Hosts added with a password need it again for every check: the CLI never keeps one.
    const session = open(io, await loginOptions(args, io, ['fleet', 'status', ...argv]));
    try {
      if (!args.flags.has('--no-refresh')) await session.fleet.refresh(undefined, { signal: new AbortController().signal });
      const view = session.fleet.view(await session.fleet.rememberedHosts());
      if (args.flags.has('--json')) io.out(`${JSON.stringify(view, null, 2)}\n`);
      else if (view.esxi.length + view.nas.length === 0) io.out(`${words(lang, 'cli.fleet.empty')}\n`);
      else io.out(`${formatView(view, { lang, now: Date.now(), env: io.env })}\n`);
      const bad = [...view.esxi, ...view.nas].some((s) => s.state === 'unreachable' || s.state === 'failed');
      return bad ? 1 : 0;
    } catch (error) {
      io.err(`custode: ${errorWords(lang, toErrorData(error))}\n`);
      return 1;
    } finally {
      session.close();
    }
  },
};
