// The per-VM faults (`lab fault HOST snapshot-fail|power-off-hang|consolidate-needed VM`): what vim-cmd shows, and what
// ghettoVCB writes about them. The real script (GHETTOVCB_SH, or the upstream copy beside the clone) and the stand-in
// both run on the host and must write the reference's lines (ghettovcb.md 5.3), which Custode's parser turns into the
// matching outcome. The real script's waits are real `sleep 60`s (busybox runs its own applets, so the lab cannot
// shorten them): its timeouts are 0 here, which still takes one 60 s wait for a power-off; the stand-in runs on the
// lab clock (LAB_NOW), where waits advance the clock, so it also runs with the conf's default timeouts.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import { consolidateNeeded, powerOffHang, snapshotFail } from '../../lab/esxi/faults.ts';
import { STAND_IN } from '../../lab/esxi/ghettovcb-install.ts';
import { hostExec } from '../../lab/esxi/host-exec.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { withSimulator } from '../../lab/sim/resident.ts';
import { inHost, makeLab, maskRunDifferences, namespaceSupport, shareDir, type TestLab } from './helpers.ts';

const BESIDE = join(fileURLToPath(new URL('../../../..', import.meta.url)), 'shared/upstream/ghettovcb/ghettoVCB.sh');
const REAL = process.env['GHETTOVCB_SH'] || (existsSync(BESIDE) ? BESIDE : undefined);
if (REAL !== undefined && !existsSync(REAL)) throw new Error(`GHETTOVCB_SH names a file that does not exist: ${REAL}`);
const why = namespaceSupport();
const whyNoReal = why ?? (REAL === undefined ? `no upstream ghettoVCB.sh: GHETTOVCB_SH is not set and ${BESIDE} does not exist` : null);
if (why) console.log(`lab-esxi VM fault tests skipped: ${why}`);
else if (whyNoReal) console.log(`lab-esxi VM faults with the real script skipped: ${whyNoReal}`);

const IP = '10.0.0.8';
const GV = '/vmfs/volumes/datastore1/ghettoVCB';
const VMS = ['snap-vm', 'hang-vm', 'shutdown-vm', 'hard-vm', 'consolidate-vm'] as const;
type Script = 'real.sh' | 'standin.sh';

let lab: TestLab;
let h: string;
let share: string;

function vmid(name: string): number {
  return readHostState(h).vms.find((v) => v.name === name)!.vmid;
}

/** The site's conf with some settings changed, saved on the datastore as `<name>.conf`. */
function conf(name: string, settings: Record<string, string | number>): string {
  let text = readFileSync(join(h, 'vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf'), 'utf8');
  for (const [key, value] of Object.entries(settings)) text = text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`);
  writeFileSync(join(h, `vmfs/volumes/datastore1/ghettoVCB/${name}.conf`), text);
  return `${GV}/${name}.conf`;
}

interface ScriptRun {
  code: number;
  log: string;
  statusError: string | null;
}

/**
 * One backup of one VM (`-m VM -d debug`, its own work dir and log). The stand-in runs on the lab clock from now
 * (LAB_NOW), so its waits cost nothing; the real script reads the real clock.
 */
async function backup(script: Script, vm: string, confPath: string): Promise<ScriptRun> {
  const run = await backupOnce(script, vm, confPath);
  runs.set(`${script} ${vm}`, run);
  return run;
}

/** Each script's last run per VM, for the comparison at the end. */
const runs = new Map<string, ScriptRun>();

async function backupOnce(script: Script, vm: string, confPath: string): Promise<ScriptRun> {
  const tag = `${script.replace('.sh', '')}-${vm}`;
  const env: Record<string, string> = script === 'standin.sh' ? { LAB_NOW: String(Math.floor(Date.now() / 1000)) } : {};
  // One resident simulator per run: the real script's hundreds of vim-cmd calls would each start Node otherwise.
  const r = await withSimulator(lab.nasState, (simSocket) => hostExec(
    h,
    `rm -rf '/vmfs/volumes/VM_backup_${IP}/${vm}' /tmp/${tag}.*; sh ${GV}/${script} -m ${vm} -g ${confPath} -d debug -w /tmp/${tag}.work -l /tmp/${tag}.log > /tmp/${tag}.out 2>&1; echo $?`,
    { ownTmp: true, env, simSocket },
  ));
  const logFile = join(h, 'tmp', `${tag}.log`);
  if (!existsSync(logFile)) throw new Error(`${script} wrote no log (exit ${r.stdout.trim()}): ${readFileSync(join(h, 'tmp', `${tag}.out`), 'utf8')}`);
  const folder = join(share, vm);
  const dated = existsSync(folder) ? readdirSync(folder).find((f) => f.startsWith(`${vm}-`)) : undefined;
  const status = dated === undefined ? null : join(folder, dated, 'STATUS.error');
  return {
    code: Number(r.stdout.trim()),
    log: readFileSync(logFile, 'utf8'),
    statusError: status !== null && existsSync(status) ? readFileSync(status, 'utf8') : null,
  };
}

/** Log lines without their time stamp, for `toContain` on whole lines. */
function lines(log: string): string[] {
  return log.split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d -- /, ''));
}

function comparable(log: string, script: Script): string {
  return maskRunDifferences(log, script).replace(/ghettoVCB-snapshot-\d{4}-\d\d-\d\d/g, 'SNAPSHOT').replace(/\/tmp\/(real|standin)-/g, '/tmp/X-');
}

function outcomeOf(log: string, vm: string): { outcome: string; powerOff: string | null; finalStatus: string | null } {
  const run = parseLog(log).runs.at(-1)!;
  const v = run.vms.find((x) => x.name === vm)!;
  return { outcome: v.outcome, powerOff: v.powerOff, finalStatus: run.finalStatus };
}

beforeAll(async () => {
  if (why) return;
  const vms = VMS.map((name) => ({ name, disks: [{ sizeMB: 8 }] }));
  lab = await makeLab([{ hostname: 'esxi-08', ip: IP, vms, ghettovcb: { install: 'datastore' } }]);
  h = lab.hostFs(IP);
  share = shareDir(lab, IP);
  copyFileSync(STAND_IN, join(h, 'vmfs/volumes/datastore1/ghettoVCB/standin.sh'));
  if (REAL !== undefined) copyFileSync(REAL, join(h, 'vmfs/volumes/datastore1/ghettoVCB/real.sh'));
  snapshotFail(h, 'snap-vm');
  snapshotFail(h, 'hang-vm', 'hang');
  powerOffHang(h, 'shutdown-vm');
  powerOffHang(h, 'hard-vm');
  consolidateNeeded(h, 'consolidate-vm');
});
afterAll(() => lab?.cleanup());

describe.skipIf(why !== null)('VM faults as vim-cmd shows them', () => {
  it('snapshot-fail: snapshot.create says it failed and exits 1; with hang it is accepted and no snapshot ever appears; off clears it', async () => {
    const [fail, hang] = [vmid('snap-vm'), vmid('hang-vm')];
    const r = await inHost(h, `vim-cmd vmsvc/snapshot.create ${fail} s s 0 0; echo "rc=$?"; vim-cmd vmsvc/snapshot.create ${hang} s s 0 0; echo "rc=$?"; vim-cmd vmsvc/snapshot.get ${fail}; vim-cmd vmsvc/snapshot.get ${hang}`);
    expect(r.stdout).toBe('Create Snapshot:\nCreate snapshot failed\nrc=1\nCreate Snapshot:\nrc=0\nGet Snapshot:\nGet Snapshot:\n');
    snapshotFail(h, 'snap-vm', 'off');
    const ok = await inHost(h, `vim-cmd vmsvc/snapshot.create ${fail} s s 0 0 && vim-cmd vmsvc/snapshot.get ${fail} | grep -c 'Snapshot Name' && vim-cmd vmsvc/snapshot.removeall ${fail}`);
    expect(ok.stdout).toBe('Create Snapshot:\n1\nRemove All Snapshots:\n');
    snapshotFail(h, 'snap-vm');
  });

  it('power-off-hang: power.shutdown returns with no output and the VM stays on; power.off still stops it', async () => {
    const id = vmid('shutdown-vm');
    const r = await inHost(h, `vim-cmd vmsvc/power.shutdown ${id}; echo "rc=$?"; vim-cmd vmsvc/power.getstate ${id}; vim-cmd vmsvc/power.off ${id}; vim-cmd vmsvc/power.getstate ${id}; vim-cmd vmsvc/power.on ${id}`);
    expect(r.stdout).toBe('rc=0\nRetrieved runtime info\nPowered on\nPowering off VM:\nRetrieved runtime info\nPowered off\nPowering on VM:\n');
  });

  it('consolidate-needed: get.summary says consolidationNeeded = true, snapshot.get lists nothing, the redo logs are in the VM folder', async () => {
    const id = vmid('consolidate-vm');
    const r = await inHost(h, `vim-cmd vmsvc/get.summary ${id} | grep -o 'consolidationNeeded = [a-z]*'; vim-cmd vmsvc/snapshot.get ${id}; ls /vmfs/volumes/datastore1/consolidate-vm | grep -- '-0000'; grep fileName /vmfs/volumes/datastore1/consolidate-vm/consolidate-vm.vmx`);
    expect(r.stdout).toBe(
      'consolidationNeeded = true\nGet Snapshot:\nconsolidate-vm-000001-delta.vmdk\nconsolidate-vm-000001.vmdk\nscsi0:0.fileName = "consolidate-vm-000001.vmdk"\nide1:0.fileName = "emptyBackingString"\n',
    );
  });

  it('consolidate-needed off (or the shell way, snapshot.create + snapshot.removeall) merges the redo logs back', async () => {
    const state = "vim-cmd vmsvc/get.summary ID | grep -o 'consolidationNeeded = [a-z]*'; ls /vmfs/volumes/datastore1/consolidate-vm | grep -c -- -0000; grep scsi0:0.fileName /vmfs/volumes/datastore1/consolidate-vm/consolidate-vm.vmx";
    const id = vmid('consolidate-vm');
    const consolidated = 'consolidationNeeded = false\n0\nscsi0:0.fileName = "consolidate-vm.vmdk"\n';
    const byShell = await inHost(h, `vim-cmd vmsvc/snapshot.create ${id} c c 0 0 >/dev/null; vim-cmd vmsvc/snapshot.removeall ${id} >/dev/null; ${state.replace('ID', String(id))}`);
    expect(byShell.stdout).toBe(consolidated);
    consolidateNeeded(h, 'consolidate-vm');
    consolidateNeeded(h, 'consolidate-vm', 'off');
    expect((await inHost(h, state.replace('ID', String(id)))).stdout).toBe(consolidated);
    consolidateNeeded(h, 'consolidate-vm');
  });
});

const SCRIPTS: Array<[Script, string | null]> = [
  ['real.sh', whyNoReal],
  ['standin.sh', why],
];

describe.skipIf(why !== null)('ghettoVCB on the faults', { timeout: 300_000 }, () => {
  for (const [script, skip] of SCRIPTS) {
    describe.skipIf(skip !== null)(script === 'real.sh' ? 'the real script' : 'the stand-in', () => {
      it.each([['snap-vm'], ['hang-vm']])('snapshot-fail (%s): the snapshot times out, error_snapshot, STATUS.error written twice', async (vm) => {
        const run = await backup(script, vm, conf('snap0', { SNAPSHOT_TIMEOUT: 0 }));
        const date = /Creating Snapshot "ghettoVCB-snapshot-(\d{4}-\d\d-\d\d)"/.exec(run.log)?.[1];
        expect(lines(run.log)).toEqual(
          expect.arrayContaining([
            `info: Creating Snapshot "ghettoVCB-snapshot-${date}" for ${vm}`,
            `debug: Waiting for snapshot "ghettoVCB-snapshot-${date}" to be created`,
            'debug: Snapshot timeout set to: 0 seconds',
            `info: Snapshot timed out, failed to create snapshot: "ghettoVCB-snapshot-${date}" for ${vm}`,
            `info: ERROR: Unable to backup ${vm} due to snapshot creation!`,
            'info: ###### Final status: ERROR: All VMs failed! ######',
          ]),
        );
        expect(run.code).toBe(6);
        expect(run.statusError).toBe(`ERROR: Unable to backup ${vm} due to snapshot creation\n`.repeat(2));
        expect(outcomeOf(run.log, vm)).toEqual({ outcome: 'error_snapshot', powerOff: null, finalStatus: 'ERROR: All VMs failed!' });
      });

      it('power-off-hang: without hard power-off the VM is given up (power_off_failed); with it, it is powered off hard and backed up', async () => {
        const [soft, hard] = await Promise.all([
          backup(script, 'shutdown-vm', conf('down0', { POWER_VM_DOWN_BEFORE_BACKUP: 1, POWER_DOWN_TIMEOUT: 0 })),
          backup(script, 'hard-vm', conf('hard0', { POWER_VM_DOWN_BEFORE_BACKUP: 1, ENABLE_HARD_POWER_OFF: 1, ITER_TO_WAIT_SHUTDOWN: 0 })),
        ]);
        expect(lines(soft.log)).toEqual(
          expect.arrayContaining([
            'info: Powering off initiated for shutdown-vm, backup will not begin until VM is off...',
            'info: VM is still on - Iteration: 0 - sleeping for 60secs (Duration: 0 seconds)',
            'info: Unable to power off shutdown-vm, waited for 0 seconds! Ignoring shutdown-vm for backup!',
            'info: ERROR: Failed to backup shutdown-vm!',
          ]),
        );
        expect(soft.log).not.toContain('VM is powerdOff');
        expect(soft.code).toBe(6);
        expect(outcomeOf(soft.log, 'shutdown-vm')).toEqual({ outcome: 'power_off_failed', powerOff: 'failed', finalStatus: 'ERROR: All VMs failed!' });
        expect(readHostState(h).vms.find((v) => v.name === 'shutdown-vm')!.power).toBe('on');

        expect(lines(hard.log)).toEqual(
          expect.arrayContaining([
            'info: Powering off initiated for hard-vm, backup will not begin until VM is off...',
            'info: Hard power off occured for hard-vm, waited for 0 seconds',
            'info: VM is powerdOff',
            'info: Powering back on hard-vm',
            'info: Successfully completed backup for hard-vm!',
          ]),
        );
        expect(hard.code).toBe(0);
        expect(outcomeOf(hard.log, 'hard-vm')).toEqual({ outcome: 'ok', powerOff: 'hard', finalStatus: 'All VMs backed up OK!' });
      });

      it('consolidate-needed: the redo logs look like a snapshot to the script, which skips the VM (skipped_has_snapshot)', async () => {
        const run = await backup(script, 'consolidate-vm', conf('site', {}));
        expect(lines(run.log)).toContain('info: Snapshot found for consolidate-vm, backup will not take place');
        expect(run.code).toBe(6);
        expect(outcomeOf(run.log, 'consolidate-vm')).toEqual({ outcome: 'skipped_has_snapshot', powerOff: null, finalStatus: 'ERROR: All VMs failed!' });
      });
    });
  }

  it.skipIf(whyNoReal !== null).each(['snap-vm', 'hang-vm', 'shutdown-vm', 'hard-vm', 'consolidate-vm'])(
    'the stand-in wrote what the real script wrote (%s): log, exit code, STATUS.error',
    (vm) => {
      const real = runs.get(`real.sh ${vm}`);
      const std = runs.get(`standin.sh ${vm}`);
      expect(real && std, 'both scripts ran this case above').toBeTruthy();
      expect(comparable(std!.log, 'standin.sh')).toBe(comparable(real!.log, 'real.sh'));
      expect([std!.code, std!.statusError]).toEqual([real!.code, real!.statusError]);
    },
  );

  it('the stand-in on the lab clock waits out the default timeouts (15 min snapshot, 5 min power-down) in no time, its log stamped on that clock', async () => {
    const snap = await backupOnce('standin.sh', 'hang-vm', conf('site', {}));
    expect(lines(snap.log)).toContain('debug: Waiting for snapshot creation to be completed - Iteration: 14 - sleeping for 60secs (Duration: 420 seconds)');
    const stamps = (log: string, text: string): number => Date.parse(log.split('\n').find((l) => l.includes(text))!.slice(0, 19).replace(' ', 'T') + 'Z');
    expect(stamps(snap.log, 'Snapshot timed out') - stamps(snap.log, 'Creating Snapshot')).toBeGreaterThanOrEqual(15 * 60_000);
    const down = await backupOnce('standin.sh', 'shutdown-vm', conf('down', { POWER_VM_DOWN_BEFORE_BACKUP: 1 }));
    expect(lines(down.log)).toContain('info: Unable to power off shutdown-vm, waited for 300 seconds! Ignoring shutdown-vm for backup!');
    expect(lines(down.log).filter((l) => l.startsWith('info: VM is still on - Iteration: '))).toHaveLength(6);
    expect(stamps(down.log, 'Unable to power off') - stamps(down.log, 'Powering off initiated')).toBeGreaterThanOrEqual(6 * 60_000);
  });
});
