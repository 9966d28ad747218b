// Read-only layers stacked over /usr inside hosts (overlayfs), so ESXi's absolute command paths resolve to part B's
// simulators and TrueNAS's midclt exists, in the host's namespace only; the real /usr is never written.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runOk } from './exec.ts';
import { writeHostShell } from './host-shell.ts';
import { ESXI_BIN_DIR, NODE_BIN, REPO_DIR } from './lab-paths.ts';
import { HOST_CLIENT_DIR } from './sim/resident.ts';

/** The resident simulator's client (a file) and the lab's socket it talks to. */
export interface SimLink {
  client: string;
  socket: string;
}

const BUSYBOX = '/bin/busybox';
const ESXI_DATE = join(REPO_DIR, 'test', 'lab', 'esxi', 'clock-bin', 'date');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

/** An ESXi absolute path as a path inside the /usr overlay (/bin and /sbin are /usr/bin and /usr/sbin on Debian). */
function usrRelative(esxiPath: string): string | null {
  const parts = esxiPath.split('/').filter(Boolean);
  const top = parts[0];
  if (top === 'bin' || top === 'sbin') return parts.join('/');
  if (top === 'usr') return parts.slice(1).join('/');
  return null;
}

function link(layer: string, usrPath: string, target: string): void {
  const at = join(layer, usrPath);
  mkdirSync(dirname(at), { recursive: true });
  rmSync(at, { force: true });
  symlinkSync(target, at);
}

/** Puts the client in the layer with the link to the socket; returns the client's path inside a host. */
function addClient(layer: string, sim: SimLink): string {
  mkdirSync(join(layer, HOST_CLIENT_DIR), { recursive: true });
  copyFileSync(sim.client, join(layer, HOST_CLIENT_DIR, 'sim-client'));
  symlinkSync(sim.socket, join(layer, HOST_CLIENT_DIR, 'sim.sock'));
  return `/usr/${HOST_CLIENT_DIR}/sim-client`;
}

/** Each simulated command is the client (named by the link) when there is one, else its Node-starting wrapper. */
export async function buildEsxiUsrLayer(layer: string, sim: SimLink | null): Promise<string[]> {
  rmSync(layer, { recursive: true, force: true });
  const applets = join(layer, 'lib', 'vmware', 'busybox', 'bin');
  mkdirSync(applets, { recursive: true });
  const list = (await runOk(BUSYBOX, ['--list'])).split('\n').filter(Boolean);
  for (const applet of new Set([...list, 'busybox'])) symlinkSync(BUSYBOX, join(applets, applet));
  // In the host, /bin/busybox is a copy whose `date` comes from PATH: the lab's (esxi/clock-bin/date), which prints the
  // host's own clock (its clockOffset) through the untouched binary, kept beside the client.
  mkdirSync(join(layer, 'bin'), { recursive: true });
  writeHostShell(BUSYBOX, join(layer, 'bin', 'busybox'), list);
  mkdirSync(join(layer, HOST_CLIENT_DIR), { recursive: true });
  copyFileSync(BUSYBOX, join(layer, HOST_CLIENT_DIR, 'busybox'));
  link(layer, 'lib/vmware/busybox/bin/date', ESXI_DATE);
  link(layer, 'bin/date', ESXI_DATE);
  // Root's login shell and /bin/sh are busybox ash on ESXi; the link name picks the applet.
  link(layer, 'bin/ash', BUSYBOX);
  link(layer, 'bin/sh', BUSYBOX);
  const client = sim === null ? null : addClient(layer, sim);
  const skipped: string[] = [];
  for (const file of listFiles(ESXI_BIN_DIR)) {
    const usrPath = usrRelative('/' + file);
    if (usrPath === null) skipped.push('/' + file);
    else link(layer, usrPath, client ?? join(ESXI_BIN_DIR, file));
  }
  return skipped;
}

export function buildNasUsrLayer(layer: string, nasStatePath: string, sim: SimLink | null): void {
  rmSync(layer, { recursive: true, force: true });
  mkdirSync(join(layer, 'bin'), { recursive: true });
  if (sim !== null) {
    link(layer, 'bin/midclt', addClient(layer, sim));
    return;
  }
  const midclt = join(REPO_DIR, 'test', 'lab', 'nas', 'midclt.ts');
  writeFileSync(
    join(layer, 'bin', 'midclt'),
    `#!/bin/sh\nLAB_NAS_STATE='${nasStatePath}' exec '${NODE_BIN}' --no-warnings '${midclt}' "$@"\n`,
    { mode: 0o755 },
  );
}

