// The seed lab with a school's disk sizes (issue 12 item 1), run as `lab up --topology seed` runs it, three nights of
// history included. The real ghettoVCB.sh (when there is an upstream copy) and the stand-in both read every disk's
// size off its descriptor: the dry run shows each disk at its provisioned GB and never an "EMPTY VMDK LIST"; a full
// run leaves thin copies on the share that hold the data written, not the provisioned size.
import { copyFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab, type LabHost } from '../../lab/api.ts';
import { DATASTORE_DIR, STAND_IN } from '../../lab/esxi/ghettovcb-install.ts';
import { shareDataset, topologyByName, volumeName, type EsxiDef } from '../../lab/topology.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { canRunLab, freshStateDir, skipReason } from './lab-state-dir.ts';
import { run } from './ssh-client.ts';

if (!canRunLab) console.log(`skipping the seed lab disk-size tests: ${skipReason}`);
else if (UPSTREAM_GHETTOVCB === undefined) console.log(`seed lab: the real-script cases are skipped (${upstreamMissing}); the stand-in cases run`);

const SEED = topologyByName('seed');
const CONF = `${DATASTORE_DIR}/ghettoVCB.conf`;
const STANDIN_ON_HOST = `${DATASTORE_DIR}/standin.sh`;
const GIB = 1024 ** 3;

type DiskLine = [file: string, gb: number];

/** What the topology says each VM's dry run must list: its .vmx's disk file names and their size in GB. */
function expectedDisks(def: EsxiDef): Map<string, { disks: DiskLine[]; independent: DiskLine[] }> {
  const out = new Map<string, { disks: DiskLine[]; independent: DiskLine[] }>();
  for (const vm of def.spec.vms ?? []) {
    const entry = { disks: [] as DiskLine[], independent: [] as DiskLine[] };
    (vm.disks ?? []).forEach((d, i) => {
      // A VM with a snapshot runs on the snapshot's child descriptor, which carries the same extent size.
      const file = `${i === 0 ? vm.name : `${vm.name}_${i}`}${(vm.snapshots ?? []).length > 0 ? '-000001' : ''}.vmdk`;
      (d.mode?.startsWith('independent') ? entry.independent : entry.disks).push([file, d.sizeMB / 1024]);
    });
    out.set(vm.name, entry);
  }
  return out;
}

/** The dry run's per-VM disk lists, read off its `dryrun:` lines exactly as both scripts print them. */
function dryRunDisks(stdout: string): Map<string, { disks: DiskLine[]; independent: DiskLine[] }> {
  const out = new Map<string, { disks: DiskLine[]; independent: DiskLine[] }>();
  let current: { disks: DiskLine[]; independent: DiskLine[] } | null = null;
  let list: DiskLine[] | null = null;
  for (const line of stdout.split('\n')) {
    const msg = / -- dryrun: (.*)$/.exec(line)?.[1];
    if (msg === undefined) continue;
    const vm = /^Virtual Machine: (.*)$/.exec(msg)?.[1];
    if (vm !== undefined) out.set(vm, (current = { disks: [], independent: [] }));
    else if (msg.startsWith('VMDK(s):')) list = current?.disks ?? null;
    else if (msg.startsWith('INDEPENDENT VMDK(s):')) list = current?.independent ?? null;
    else if (msg.startsWith('TOTAL_VM_SIZE_TO_BACKUP')) list = null;
    else {
      const disk = /^\t(.+)\t(\d+) GB$/.exec(msg);
      if (disk !== null && list !== null) list.push([disk[1]!, Number(disk[2])]);
    }
  }
  return out;
}

describe.skipIf(!canRunLab)('the seed lab with school-sized disks', { timeout: 900_000 }, () => {
  let lab: Lab;
  const stateDir = freshStateDir();

  beforeAll(async () => {
    lab = await startLab({ topology: 'seed', stateDir, ...(UPSTREAM_GHETTOVCB === undefined ? {} : { ghettovcbScript: UPSTREAM_GHETTOVCB }) });
    for (const def of SEED.esxi) copyFileSync(STAND_IN, join(lab.host(def.name).hostFs, STANDIN_ON_HOST));
  }, 900_000);
  afterAll(async () => {
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  async function dryRunsMatchTheTopology(script: string): Promise<void> {
    await Promise.all(
      SEED.esxi.map(async (def) => {
        const r = await run(lab.host(def.name), `${script} -a -g ${CONF} -d dryrun`);
        expect(r.stdout).not.toContain('EMPTY VMDK LIST');
        expect(r.stdout).toContain('Final status: OK, only a dryrun.');
        const seen = dryRunDisks(r.stdout);
        expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expectedDisks(def)));
        for (const { disks, independent } of seen.values()) for (const [, gb] of [...disks, ...independent]) expect(gb).toBeGreaterThan(0);
      }),
    );
  }

  /** NAS accounted `used` of a host's share, through midclt as Custode reads it. */
  async function shareUsed(ip: string): Promise<number> {
    const q = await run(lab.host('truenas'), `midclt call pool.dataset.query '[["id","=","${shareDataset(ip)}"]]' '{"get": true}'`);
    return (JSON.parse(q.stdout) as { used: { parsed: number } }).used.parsed;
  }

  /**
   * A full backup of every VM but the one with a snapshot (which both scripts skip by the site's conf). A VM with an
   * independent disk backs up with that disk left out, which both scripts count as a failed disk.
   */
  async function fullRunLeavesThinCopies(host: LabHost, def: EsxiDef, script: string): Promise<void> {
    const vms = (def.spec.vms ?? []).filter((vm) => (vm.snapshots ?? []).length === 0);
    const list = `${DATASTORE_DIR}/disk-test-list`;
    await run(host, `printf '%s\\n' ${vms.map((vm) => `'${vm.name}'`).join(' ')} > ${list}`);
    const before = await shareUsed(def.spec.ip);
    const r = await run(host, `${script} -f ${list} -g ${CONF}`);
    const independent = vms.some((vm) => (vm.disks ?? []).some((d) => d.mode?.startsWith('independent')));
    expect(r.stdout).toContain(independent ? '###### Final status: WARNING: All VMs backed up, but some disk(s) failed! ######' : '###### Final status: All VMs backed up OK! ######');
    const share = join(host.hostFs, '/vmfs/volumes', volumeName(def.spec.ip));
    let data = 0;
    for (const vm of vms) {
      const copies = readdirSync(join(share, vm.name)).sort();
      const newest = join(share, vm.name, copies.at(-1)!);
      for (const [i, disk] of (vm.disks ?? []).entries()) {
        if (disk.mode?.startsWith('independent')) continue;
        const stem = i === 0 ? vm.name : `${vm.name}_${i}`;
        const copy = statSync(join(newest, `${stem}-flat.vmdk`));
        const source = statSync(join(host.hostFs, '/vmfs/volumes/datastore1', vm.name, `${stem}-flat.vmdk`));
        expect(copy.size).toBe(disk.sizeMB * 1024 * 1024);
        // The copy holds the source's data (a few hundred KB), not its provisioned size.
        expect(copy.blocks * 512).toBeGreaterThanOrEqual(128 * 1024);
        expect(copy.blocks * 512).toBeLessThanOrEqual(source.blocks * 512 + 64 * 1024);
        data += copy.blocks * 512;
      }
    }
    // Rotation may drop the oldest copies: the share grew by at most this run's data (plus small files), never GBs.
    expect((await shareUsed(def.spec.ip)) - before).toBeLessThan(data + 16 * 1024 * 1024);
    expect(data).toBeLessThan(GIB / 100);
  }

  it.skipIf(UPSTREAM_GHETTOVCB === undefined)('the real script dry run shows every disk at its provisioned size on every host, never an empty VMDK list', async () => {
    await dryRunsMatchTheTopology(`${DATASTORE_DIR}/ghettoVCB.sh`);
  });

  it('the stand-in dry run shows the same', async () => {
    await dryRunsMatchTheTopology(`/bin/sh ${STANDIN_ON_HOST}`);
  });

  it.skipIf(UPSTREAM_GHETTOVCB === undefined)('a full run of the real script leaves thin copies that hold the data written, not the provisioned size', async () => {
    const def = SEED.esxi.find((d) => d.name === 'esxi-08')!;
    await fullRunLeavesThinCopies(lab.host(def.name), def, `${DATASTORE_DIR}/ghettoVCB.sh`);
  });

  it('so does a full run of the stand-in', async () => {
    const def = SEED.esxi.find((d) => d.name === 'esxi-02')!;
    await fullRunLeavesThinCopies(lab.host(def.name), def, `/bin/sh ${STANDIN_ON_HOST}`);
  });
});
