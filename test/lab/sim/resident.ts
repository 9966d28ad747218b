// Bringing up a lab's resident simulator (server.ts) and the small client its hosts' binaries are. The client is
// compiled once per version of its source into /var/tmp; without a C compiler the hosts keep the sh wrappers that
// start Node for each call (slower, same answers).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors/app-error.ts';
import { listEsxiCommands } from '../esxi/commands.ts';
import { NODE_BIN, type LabPaths } from '../lab-paths.ts';
import { commandLine, isAlive, signal } from '../processes.ts';

const SOURCE = fileURLToPath(new URL('./sim-client.c', import.meta.url));
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

/** Inside every host: the client's folder in the /usr layer, and the link to the lab's socket beside it. */
export const HOST_CLIENT_DIR = 'lib/custode-lab';

let built: string | null | undefined;

/** The compiled client (cached by the hash of its source), or null when no C compiler is there. */
export function simClient(): string | null {
  if (built !== undefined) return built;
  const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 12);
  const out = `/var/tmp/custode-lab-sim-client-${hash}`;
  if (existsSync(out)) return (built = out);
  const tmp = `${out}.${process.pid}.tmp`;
  // Static when the libc allows it: no dynamic loader on each of the thousands of calls a refresh makes.
  for (const flags of [['-static'], []]) {
    try {
      execFileSync('cc', ['-O2', ...flags, '-o', tmp, SOURCE], { stdio: 'ignore' });
      renameSync(tmp, out);
      return (built = out);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
  return (built = null);
}

export function simSocket(paths: LabPaths): string {
  return join(paths.stateDir, 'sim.sock');
}

function simPidFile(paths: LabPaths): string {
  return join(paths.stateDir, 'sim.pid');
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socket);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Spawns server.ts (behind `prefix`, e.g. nsenter) and returns its pid once its socket answers. */
async function spawnSimulator(prefix: string[], socket: string, nasState: string, latencyMs: number, logFile: string, parentPid?: number): Promise<number> {
  const log = openSync(logFile, 'a');
  const argv = [...prefix, NODE_BIN, '--disable-warning=ExperimentalWarning', SERVER, socket, nasState, String(latencyMs), ...(parentPid ? [String(parentPid)] : [])];
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, NODE_COMPILE_CACHE: '/var/tmp/custode-lab-node-cache' },
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new AppError('lab.simulatorFailed', 'Could not start the lab simulator');
  child.unref();
  for (let i = 0; i < 1000; i++) {
    if (await answers(socket)) return pid;
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  signal(pid, 'SIGKILL');
  throw new AppError('lab.simulatorFailed', `The lab simulator did not start; see ${logFile}`, { log: logFile });
}

/**
 * Starts the lab's simulator in the holder's mount namespace (it sees the NAS tree as the hosts do, and dies with
 * the holder at teardown); returns once its socket answers.
 */
export async function startSimulator(paths: LabPaths, holderPid: number, latencyMs: number): Promise<number> {
  const pid = await spawnSimulator(['nsenter', '-t', String(holderPid), '-m', '--'], simSocket(paths), paths.nasState, latencyMs, join(paths.stateDir, 'sim.log'));
  writeFileSync(simPidFile(paths), String(pid));
  return pid;
}

/**
 * Runs `work` with a simulator of its own (for host trees driven without a running lab: seeding history, tests),
 * or with null when no client can be built; the simulator is stopped afterwards.
 */
export async function withSimulator<T>(nasState: string, work: (socket: string | null) => Promise<T>): Promise<T> {
  if (simClient() === null) return work(null);
  const socket = `/var/tmp/custode-lab-sim-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`;
  const pid = await spawnSimulator([], socket, nasState, 0, '/dev/null', process.pid);
  try {
    return await work(socket);
  } finally {
    signal(pid, 'SIGKILL');
    rmSync(socket, { force: true });
  }
}

/** A tree like esxi/bin whose every command is a link to the client, to overlay at /usr in a private namespace. */
export function clientLinks(): string | null {
  const client = simClient();
  if (client === null) return null;
  const dir = `${client}-links`;
  if (existsSync(join(dir, '.complete'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  for (const { esxiPath } of listEsxiCommands()) {
    const at = join(tmp, esxiPath);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(client, at);
  }
  writeFileSync(join(tmp, '.complete'), '');
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process made it meanwhile
  }
  return dir;
}

/** Kill-only stop (the holder's namespace going away stops it too); a reused pid is left alone. */
export function stopSimulator(paths: LabPaths): void {
  try {
    const pid = Number(readFileSync(simPidFile(paths), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid).includes(simSocket(paths))) signal(pid, 'SIGKILL');
  } catch {
    /* never started */
  }
  rmSync(simPidFile(paths), { force: true });
  rmSync(simSocket(paths), { force: true });
}
