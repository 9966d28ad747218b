// The lab's resident simulator and its small client against the same commands run as their own Node processes
// (the path every other lab-esxi test checks byte for byte): same stdout, same stderr, same exit code, stdin left
// alone, `\r` clone progress streamed while the clone runs, midclt's answers and failures.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESXI_COMMANDS } from '../../lab/esxi/dispatch.ts';
import { slowClone } from '../../lab/esxi/faults.ts';
import { HOSTILE_NAME, seedVmSpecs } from '../../lab/esxi/seed.ts';
import { NODE_BIN } from '../../lab/lab-paths.ts';
import { simClient } from '../../lab/sim/resident.ts';
import { inHost, makeLab, namespaceSupport, type TestLab } from './helpers.ts';

const client = simClient();
const why = namespaceSupport() ?? (client === null ? 'no C compiler (cc) to build the simulator client' : null);
if (why) console.log(`resident simulator tests skipped: ${why}`);

const IP = '10.0.0.8';
const SERVER = fileURLToPath(new URL('../../lab/sim/server.ts', import.meta.url));
const MIDCLT = fileURLToPath(new URL('../../lab/nas/midclt.ts', import.meta.url));
let lab: TestLab;
let h: string;
let server: ChildProcess;
let socket: string;
let clientDir: string;

async function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  if (why) return;
  lab = await makeLab([{ hostname: 'esxi-08', ip: IP, vms: seedVmSpecs(1) }]);
  h = lab.hostFs(IP);
  socket = join(lab.dir, 'sim.sock');
  clientDir = join(lab.dir, 'client-bin');
  mkdirSync(clientDir);
  for (const name of [...ESXI_COMMANDS, 'midclt']) symlinkSync(client!, join(clientDir, name));
  server = spawn(NODE_BIN, ['--disable-warning=ExperimentalWarning', SERVER, socket, lab.nasState, '0', String(process.pid)], { stdio: 'inherit' });
  const up = new Promise<void>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
    const poll = (): void => void answers(socket).then((ok) => (ok ? resolve() : setImmediate(poll)));
    poll();
  });
  await up;
}, 60_000);

afterAll(() => {
  server?.kill('SIGKILL');
  lab?.cleanup();
});

/** One command line in the host, through the Node wrappers (/bin, /sbin) and through the client. */
async function bothWays(line: string): Promise<[Awaited<ReturnType<typeof inHost>>, Awaited<ReturnType<typeof inHost>>]> {
  const viaNode = await inHost(h, line);
  const viaClient = await inHost(h, `PATH=${clientDir}:$PATH; ${line.replace(/(^|; )\/s?bin\//g, '$1')}`, { LAB_SIM_SOCK: socket });
  return [viaNode, viaClient];
}

describe.skipIf(why !== null)('resident simulator', () => {
  it.each([
    ['vim-cmd vmsvc/getallvms'],
    ['vim-cmd vmsvc/snapshot.get 1'],
    ['vim-cmd vmsvc/get.guest 1'],
    ['vim-cmd vmsvc/power.getstate 99'],
    ['vim-cmd hostsvc/nonsense'],
    ['esxcli system version get'],
    ['esxcli storage nfs41 list'],
    ['esxcli network ip interface ipv4 get'],
    ['esxcli nonsense'],
    ['vmware -v'],
    ['vmware --bogus'],
    ['/sbin/vmkfstools -h'],
    ['/sbin/vmkfstools -i /vmfs/volumes/datastore1/none.vmdk /tmp/x.vmdk'],
    ['/usr/lib/vmware/secureboot/bin/secureBoot.py -s'],
    ['/usr/lib/vmware/secureboot/bin/secureBoot.py -x'],
  ])('answers %s with the same bytes, streams and exit code', async (line) => {
    const [viaNode, viaClient] = await bothWays(line.startsWith('/') ? line : `/bin/${line}`);
    expect(viaNode.stdout + viaNode.stderr).not.toBe('');
    expect(viaClient).toEqual(viaNode);
  });

  it('passes arguments with quotes, $() and spaces through untouched', async () => {
    const vm = seedVmSpecs(1).find((v) => v.name === HOSTILE_NAME);
    expect(vm).toBeDefined();
    const line = `/bin/vim-cmd vmsvc/getallvms | grep -F "$(printf '%s' 'prova')" ; /bin/vim-cmd solo/registervm '/vmfs/volumes/datastore1/a b/$(id); x.vmx'`;
    const [viaNode, viaClient] = await bothWays(line);
    expect(viaNode.stdout).toContain(HOSTILE_NAME);
    expect(viaClient).toEqual(viaNode);
  });

  it('clones with the same output and leaves stdin to the caller', async () => {
    const src = '/vmfs/volumes/datastore1/fileserver/fileserver.vmdk';
    const line = (dir: string): string =>
      `mkdir -p /tmp/${dir}; printf 'one\\ntwo\\n' | { /sbin/vmkfstools -i ${src} -a lsilogic -d thin /tmp/${dir}/copy.vmdk; echo "rc=$?"; cat; }; ls /tmp/${dir}`;
    const viaNode = await inHost(h, line('node'));
    const viaClient = await inHost(h, `PATH=${clientDir}:$PATH; ${line('client').replace('/sbin/vmkfstools', 'vmkfstools')}`, { LAB_SIM_SOCK: socket });
    expect(viaNode.stdout).toContain('\rClone: 100% done.\nrc=0\none\ntwo\ncopy-flat.vmdk\ncopy.vmdk\n');
    expect(viaClient).toEqual(viaNode);
  });

  it('streams clone progress while the clone still runs (slow-clone)', async () => {
    slowClone(h, 20);
    try {
      const src = '/vmfs/volumes/datastore1/fileserver/fileserver.vmdk';
      // The first progress line is in the file before the command has exited: the client replays as it receives.
      const r = await inHost(
        h,
        `PATH=${clientDir}:$PATH; vmkfstools -i ${src} -d thin /tmp/slow.vmdk > /tmp/progress & pid=$!; ` +
          `while kill -0 $pid 2>/dev/null && ! grep -q 'Clone: 1% done' /tmp/progress; do usleep 5000; done; ` +
          `if kill -0 $pid 2>/dev/null; then echo running; else echo finished; fi; wait $pid; echo "rc=$?"`,
        { LAB_SIM_SOCK: socket },
      );
      expect(r.stdout).toBe('running\nrc=0\n');
    } finally {
      slowClone(h, false);
    }
  });

  it('answers midclt like the Node midclt, failures and exit codes included', () => {
    for (const args of [['ping'], ['call', 'sharing.nfs.query', '[["path", "=", "/mnt/x"]]'], ['call', 'no.such'], ['bogus'], ['-q', 'call', 'no.such']]) {
      const viaNode = spawnSync(NODE_BIN, ['--no-warnings', MIDCLT, ...args], { env: { ...process.env, LAB_NAS_STATE: lab.nasState }, encoding: 'utf8' });
      const viaClient = spawnSync(join(clientDir, 'midclt'), args, { env: { ...process.env, LAB_SIM_SOCK: socket }, encoding: 'utf8' });
      expect([viaClient.status, viaClient.stdout, viaClient.stderr]).toEqual([viaNode.status, viaNode.stdout, viaNode.stderr]);
    }
  });

  it('says what is wrong when no simulator answers', () => {
    const r = spawnSync(join(clientDir, 'vim-cmd'), ['vmsvc/getallvms'], { env: { ...process.env, LAB_SIM_SOCK: join(lab.dir, 'none.sock') }, encoding: 'utf8' });
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/simulator does not answer at .*none\.sock .*is the lab up\?/);
  });
});
