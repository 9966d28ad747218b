// Bringing up a lab's resident simulator (server.ts) and the small client its hosts' binaries are. The client is
// compiled once per version of its source into /var/tmp; without a C compiler the hosts keep the sh wrappers that
// start Node for each call (slower, same answers).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors/app-error.ts';
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

/**
 * Starts the simulator in the holder's mount namespace (it sees the NAS tree as the hosts do, and dies with the
 * holder at teardown); returns once its socket answers.
 */
export async function startSimulator(paths: LabPaths, holderPid: number, latencyMs: number): Promise<number> {
  const socket = simSocket(paths);
  const log = openSync(join(paths.stateDir, 'sim.log'), 'a');
  const child = spawn(
    'nsenter',
    ['-t', String(holderPid), '-m', '--', NODE_BIN, '--disable-warning=ExperimentalWarning', SERVER, socket, paths.nasState, String(latencyMs)],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, NODE_COMPILE_CACHE: '/var/tmp/custode-lab-node-cache' } },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new AppError('lab.simulatorFailed', 'Could not start the lab simulator');
  child.unref();
  writeFileSync(simPidFile(paths), String(pid));
  for (let i = 0; i < 1000; i++) {
    if (await answers(socket)) return pid;
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new AppError('lab.simulatorFailed', `The lab simulator did not start; see ${join(paths.stateDir, 'sim.log')}`, { stateDir: paths.stateDir });
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
