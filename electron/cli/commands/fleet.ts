import { join } from 'node:path';
import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { EsxiStatus, FleetView, HostEntry, NasStatus } from '../../../shared/ipc/fleet.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { openDatabase } from '../../core/catalog/database.ts';
import { FleetService } from '../../core/fleet/fleet-service.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { MemorySecretStore } from '../../core/ports/memory-secret-store.ts';
import { SshService } from '../../core/ssh/ssh-service.ts';
import { HostTrust } from '../../core/trust/host-trust.ts';
import { PinStore } from '../../core/trust/pin-store.ts';
import { parseArgs, type ParsedArgs } from '../args.ts';
import { FingerprintGate, PipedPassword } from '../fleet-ports.ts';
import { errorWords, words } from '../fleet-words.ts';
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

export interface Session {
  fleet: FleetService;
  ssh: SshService;
  gate: FingerprintGate;
  close(): void;
}

export function open(io: CliIo, options: { accept?: string | null; password?: string | null } = {}): Session {
  const dataDir = defaultDataDir(io.env as NodeJS.ProcessEnv);
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  const gate = new FingerprintGate(options.accept ?? null);
  const prompter = new PipedPassword(options.password ?? null);
  const trust = new HostTrust(new PinStore(db), gate);
  const secrets = new MemorySecretStore();
  const ssh = new SshService({ trust, prompter, secrets, policy: { reconnectAttempts: 0 } });
  const fleet = new FleetService({ db, ssh, trust, prompter, secrets });
  return {
    fleet,
    ssh,
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

const ADD_USAGE = (what: string) =>
  `usage: custode fleet ${what} <address> [--port N] [--user U] [--password-stdin | --key FILE] [--accept-fingerprint SHA256:…] [--name NAME] [--group GROUP] [--json] [--lang it|en]`;

function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true || !/^\d+$/.test(v)) throw new UsageError(`${name} must be a number`);
  return Number(v);
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function addCommand(role: 'esxi' | 'nas', what: string) {
  return async (argv: readonly string[], io: CliIo): Promise<number> => {
    const args = parseArgs(argv, {
      booleans: ['--password-stdin', '--json'],
      values: ['--port', '--user', '--key', '--accept-fingerprint', '--name', '--group', '--lang'],
    });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const address = args.positionals[0];
    if (address === undefined || args.positionals.length !== 1) throw new UsageError(ADD_USAGE(what));
    const key = stringFlag(args, '--key');
    if (key !== undefined && args.flags.has('--password-stdin')) throw new UsageError('give either --password-stdin or --key, not both');
    const auth = key !== undefined ? 'key' : args.flags.has('--password-stdin') ? 'password' : io.env.SSH_AUTH_SOCK ? 'agent' : null;
    if (auth === null) throw new UsageError(`${ADD_USAGE(what)}\n  (no --password-stdin, no --key and no SSH_AUTH_SOCK: nothing to log in with)`);
    const password = auth === 'password' ? await readStdin(io) : null;
    const accept = stringFlag(args, '--accept-fingerprint') ?? null;
    const port = intFlag(args, '--port', 22);
    const session = open(io, { accept, password });
    try {
      const entry = await session.fleet.addHost(
        {
          host: {
            role,
            address,
            port,
            username: stringFlag(args, '--user') ?? 'root',
            auth,
            ...(key !== undefined ? { keyPath: key } : {}),
            ...(stringFlag(args, '--name') !== undefined ? { name: stringFlag(args, '--name') } : {}),
            ...(stringFlag(args, '--group') !== undefined ? { group: stringFlag(args, '--group') } : {}),
          },
          ...(password !== null ? { password } : {}),
          remember: false,
        },
        { signal: new AbortController().signal },
      );
      const view = session.fleet.view();
      const status = [...view.esxi, ...view.nas].find((s) => s.host.id === entry.id);
      if (args.flags.has('--json')) io.out(`${JSON.stringify({ host: entry, status }, null, 2)}\n`);
      else io.out(`${formatAdded(entry, status, lang)}\n`);
      return 0;
    } catch (error) {
      const refused = keyRefusal(error, session.gate, address, port, accept);
      if (refused === null) throw error;
      io.err(refused);
      return EXIT_KEY_REFUSED;
    } finally {
      session.close();
    }
  };
}

/** The words for a refused host key, with the fingerprint to check; null for any other failure. */
function keyRefusal(error: unknown, gate: FingerprintGate, address: string, port: number, accept: string | null): string | null {
  const code = error instanceof AppError ? error.code : null;
  if (code === 'ssh.hostKeyChanged' && gate.changed) {
    const c = gate.changed;
    return [
      `custode: WARNING: the host key of ${address}:${port} CHANGED since it was trusted. Nothing was sent to it.`,
      `  now:    ${c.keyType} ${c.fingerprint}`,
      `  pinned: ${c.pinnedKeyType} ${c.pinnedFingerprint}`,
      '  If the host was reinstalled on purpose, forget the old key in the app (Connections) and add it again.',
      '',
    ].join('\n');
  }
  if (code !== 'ssh.hostKeyUnknown' || gate.seen === null) return null;
  const seen = gate.seen;
  const lines =
    accept === null
      ? [`custode: the host key of ${address}:${port} is not trusted yet; nothing was sent to the host.`]
      : [`custode: the host key of ${address}:${port} is not the one given with --accept-fingerprint (${accept}); refused, nothing was sent.`];
  lines.push(`  ${seen.keyType} ${seen.fingerprint}`);
  lines.push(`  Check it on the host's console, then run again with --accept-fingerprint ${seen.fingerprint}`);
  return lines.join('\n') + '\n';
}

const when = (ms: number | null): string => (ms === null ? '—' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

function age(ms: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${minutes % 60}m` : `${minutes}m`;
}

const line = (f: Finding, lang: Lang, indent: string): string => `${indent}${f.severity}: ${words(lang, f.code, f.params)} [${f.code}]`;

function formatEsxi(s: EsxiStatus, lang: Lang, now: number): string[] {
  const gvcb = s.installs.map((i) => `${i.kind} ${i.version ?? '?'}`).join(', ') || 'none';
  const out = [`${s.host.name}  ${s.host.address}:${s.host.port}  ${s.state}  ESXi ${s.version ?? '?'}  ghettoVCB ${gvcb}`];
  if (s.error) out.push(`  error: ${errorWords(lang, s.error)} [${s.error.code}]`);
  for (const sch of s.schedules) {
    const reboot = sch.survivesReboot === null ? '?' : sch.survivesReboot ? 'yes' : 'no';
    out.push(`  schedule: ${sch.text ? sch.text[lang] : sch.line}; next ${when(sch.nextRun)}; survives reboot: ${reboot}`);
  }
  if (s.lastRun) out.push(`  last run: ${s.lastRun.startedAt ?? '?'} — ${s.lastRun.finalStatus ?? (s.lastRun.aborted ? 'aborted' : '?')}`);
  for (const f of s.findings) out.push(line(f, lang, '  '));
  for (const vm of s.vms) {
    const good = vm.lastGood ? `${when(vm.lastGood.at)} (${age(vm.lastGood.at, now)} ago)` : 'none';
    out.push(`  VM ${vm.name}  ${vm.powerState ?? '?'}  copies ${vm.copies.length}/${vm.rotation ?? '?'}  last good ${good}  last ${vm.lastOutcome ?? '—'}`);
    for (const f of vm.blockers) out.push(line(f, lang, '     '));
  }
  return out;
}

function formatNas(s: NasStatus, lang: Lang): string[] {
  const out = [`${s.host.name}  ${s.host.address}:${s.host.port}  ${s.state}  ${s.version ?? '?'}  NFSv4 ${s.nfsV4 === null ? '?' : s.nfsV4 ? 'on' : 'off'}`];
  if (s.error) out.push(`  error: ${errorWords(lang, s.error)} [${s.error.code}]`);
  for (const f of s.findings) out.push(line(f, lang, '  '));
  for (const share of s.shares) {
    out.push(`  share ${share.path}  hosts ${[...share.hosts, ...share.networks].join(',') || '*'}  maproot ${share.maproot ?? '—'}  free ${share.availableBytes ?? '?'}`);
    for (const f of share.findings) out.push(line(f, lang, '     '));
  }
  return out;
}

function formatView(view: FleetView, lang: Lang, now: number): string {
  return [...view.nas.flatMap((n) => formatNas(n, lang)), ...view.esxi.flatMap((e) => formatEsxi(e, lang, now))].join('\n');
}

function formatAdded(entry: HostEntry, status: EsxiStatus | NasStatus | undefined, lang: Lang): string {
  const head = `added ${entry.name} (${entry.role}) ${entry.address}:${entry.port}`;
  if (status === undefined) return head;
  return [head, ...('vms' in status ? formatEsxi(status, lang, Date.now()) : formatNas(status, lang))].join('\n');
}

export const fleetCommands: CommandGroup = {
  'add-host': addCommand('esxi', 'add-host'),
  'add-nas': addCommand('nas', 'add-nas'),

  async list(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang'] });
    const session = open(io);
    try {
      const view = session.fleet.view();
      const rows = [...view.nas, ...view.esxi].map((s) => ({ ...s.host, state: s.state, probedAt: s.probedAt }));
      if (args.flags.has('--json')) io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else io.out(rows.map((r) => `${r.name}  ${r.role}  ${r.address}:${r.port}  ${r.auth}  ${r.state}  ${when(r.probedAt)}`).join('\n') + (rows.length ? '\n' : ''));
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
    const args = parseArgs(argv, { booleans: ['--json', '--no-refresh', '--password-stdin'], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    // Hosts added with a password need it again for every check: the CLI never keeps one.
    const session = open(io, { password: args.flags.has('--password-stdin') ? await readStdin(io) : null });
    try {
      if (!args.flags.has('--no-refresh')) await session.fleet.refresh(undefined, { signal: new AbortController().signal });
      const view = session.fleet.view();
      if (args.flags.has('--json')) io.out(`${JSON.stringify(view, null, 2)}\n`);
      else io.out(`${formatView(view, lang, Date.now())}\n`);
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
