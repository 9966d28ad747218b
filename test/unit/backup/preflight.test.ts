import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgePreflight, type PreflightInput } from '../../../electron/core/backup/preflight.ts';
import { hostBlocks } from '../../../shared/model/backup.ts';
import { runSetup } from '../../../electron/core/backup/run-setup.ts';
import { parseWriteTest, writeTestCommand, writeTestFile } from '../../../electron/core/backup/write-test.ts';
import { adopt, backupShare, type KnownNas } from '../../../electron/core/fleet/adoption.ts';
import type { EsxiFacts } from '../../../electron/core/fleet/esxi-facts.ts';
import { esxiStatus } from '../../../electron/core/fleet/esxi-status.ts';
import type { NasFacts } from '../../../electron/core/fleet/nas-probe.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import type { PreflightReport } from '../../../shared/model/backup.ts';

// The seed lab's esxi-08 as recorded (test/fixtures/fleet/SOURCES.md): five VMs, three nights of copies, one VM
// with a snapshot, one with an independent disk; each test changes a copy.
const FACTS = JSON.parse(readFileSync(new URL('../../fixtures/fleet/esxi-08-facts.json', import.meta.url), 'utf8')) as EsxiFacts;
const NAS_FACTS = JSON.parse(readFileSync(new URL('../../fixtures/fleet/truenas-facts.json', import.meta.url), 'utf8')) as NasFacts;
const NOW = Date.parse('2026-11-26T16:30:00Z');
const entry = (role: 'esxi' | 'nas', name: string, address: string): HostEntry => ({ id: name, role, name, address, port: 22, username: 'root', auth: 'password', keyPath: null, group: null, hasSecret: true, createdAt: 0 });
const HOST = entry('esxi', 'esxi-08', '127.10.8.5');
const NAS: KnownNas = { entry: entry('nas', 'truenas', '127.10.8.1'), facts: NAS_FACTS };
const VOLUME = '/vmfs/volumes/VM_backup_10.0.0.8';
const OK_WRITE = { dir: VOLUME, file: `${VOLUME}/.custode-write-test-x`, outcome: 'ok' as const, output: '' };

function judge(change: (f: EsxiFacts) => void = () => {}, extra: Partial<PreflightInput> = {}): PreflightReport {
  const facts = structuredClone(FACTS);
  change(facts);
  const status = esxiStatus(HOST, { state: 'ok', attemptedAt: NOW, error: null, facts, factsAt: NOW }, [NAS], NOW);
  const setup = runSetup(facts);
  const share = backupShare(facts, setup?.volume ?? null, adopt(HOST, facts, setup?.volume ?? null, [NAS]));
  return judgePreflight({ status, facts, setup, share, requested: null, writeTest: OK_WRITE, others: [], now: NOW, ...extra });
}
const of = (r: PreflightReport, check: string) => r.checks.filter((c) => c.check === check).map((c) => [c.verdict, c.code, c.vm]);

describe('backup pre-flight judgement', () => {
  it('runs the schedule’s script and conf, and finds the seed host fit to run apart from its two known VMs', () => {
    const r = judge();
    expect(r.setup).toEqual({ script: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', conf: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf', volume: VOLUME });
    expect(r.vms).toHaveLength(5);
    expect(hostBlocks(r)).toEqual([]);
    expect(of(r, 'version')).toEqual([['go', 'backup.check.version.go', null]]);
    expect(of(r, 'snapshots')).toEqual([['block', 'fleet.vm.willBeSkippedSnapshot', 'segreteria-app']]);
    expect(of(r, 'disks')).toEqual([['warn', 'fleet.vm.independentNotBackedUp', 'segreteria-files']]);
    expect(r.verdict).toBe('block');
  });

  it('judges only the VMs asked for', () => {
    const r = judge(undefined, { requested: ['segreteria-dc01'] });
    expect(r.vms).toEqual(['segreteria-dc01']);
    expect(r.allVms).toBe(false);
    expect(of(r, 'snapshots')).toEqual([['go', 'backup.check.snapshots.go', null]]);
  });

  it('calls a lock stale only when the pid in it is proven dead', () => {
    const lock = (reasons: { code: string; params: Record<string, string | number> }[]) => (f: EsxiFacts) => {
      f.lock = { state: 'stale', ageSeconds: 3600, leftoverPids: [], reasons: reasons.map((x) => ({ ...x, severity: 'warning' as const })) };
    };
    expect(of(judge(lock([{ code: 'esxi.lock.pidDead', params: { pid: 4194300, workdir: '/tmp/ghettoVCB.work' } }])), 'lock')).toEqual([['block', 'backup.check.lock.stale', null]]);
    expect(of(judge(lock([{ code: 'esxi.lock.pidMissing', params: { text: '' } }])), 'lock')).toEqual([
      ['block', 'backup.check.lock.unproven', null],
      ['warn', 'esxi.lock.pidMissing', null],
    ]);
    expect(of(judge(lock([{ code: 'esxi.lock.pidReused', params: { pid: 7, command: 'sshd' } }])), 'lock')[0]).toEqual(['block', 'backup.check.lock.unproven', null]);
    const running = judge((f) => {
      f.lock = { state: 'running', ageSeconds: 5, leftoverPids: [], reasons: [{ code: 'esxi.lock.pidAlive', severity: 'info', params: { pid: 812, workdir: '/tmp/ghettoVCB.work' } }] };
    });
    expect(running.checks.find((c) => c.check === 'lock')).toMatchObject({ verdict: 'block', code: 'backup.check.lock.running', params: { pid: '812' } });
    expect(hostBlocks(running)).toHaveLength(1);
  });

  it('sizes thin copies by what the disks use and thick ones by what they may grow to', () => {
    const grow = (f: EsxiFacts) => {
      for (const v of f.vms) v.uncommittedBytes = 10 * 2 ** 30;
    };
    const needed = (r: PreflightReport) => Number(r.checks.find((c) => c.check === 'space')!.params['neededBytes']);
    const thin = judge(grow, { requested: ['segreteria-dc01'] });
    const thick = judge((f) => {
      grow(f);
      f.confs[0]!.text = f.confs[0]!.text!.replace('DISK_BACKUP_FORMAT=thin', 'DISK_BACKUP_FORMAT=zeroedthick');
    }, { requested: ['segreteria-dc01'] });
    expect(needed(thick) - needed(thin)).toBe(10 * 2 ** 30);
    expect(thick.checks.find((c) => c.check === 'space')!.params['format']).toBe('zeroedthick');
  });

  it('warns of the rotation trap: a failed copy tonight would push out the last good one', () => {
    const r = judge((f) => {
      f.confs[0]!.text = f.confs[0]!.text!.replace('VM_BACKUP_ROTATION_COUNT=3', 'VM_BACKUP_ROTATION_COUNT=1');
    }, { requested: ['segreteria-dc01'] });
    expect(of(r, 'rotation')).toEqual([['warn', 'backup.check.rotation.trap', 'segreteria-dc01']]);
    expect(judge(undefined, { requested: ['segreteria-dc01'] }).checks.find((c) => c.check === 'rotation')).toMatchObject({ verdict: 'go', params: { count: 3 } });
  });

  it('finds names ghettoVCB mishandles: one contained in another, the same name twice', () => {
    const r = judge((f) => {
      const copy = structuredClone(f.vms[0]!);
      copy.inventory = { ...copy.inventory, name: 'segreteria-dc01-old', vmid: '99' };
      const twin = structuredClone(f.vms[1]!);
      twin.inventory = { ...twin.inventory, vmid: '98' };
      f.vms.push(copy, twin);
    }, { requested: ['segreteria-dc01', 'segreteria-files'] });
    expect(of(r, 'names')).toEqual([
      ['warn', 'backup.check.names.contained', 'segreteria-dc01'],
      ['block', 'backup.check.names.duplicate', 'segreteria-files'],
    ]);
  });

  it('blocks on a write test that failed, and on another host writing into the same share now', () => {
    const failed = judge(undefined, { writeTest: { ...OK_WRITE, outcome: 'notCreated', output: "sh: can't create x: Read-only file system" } });
    expect(of(failed, 'writeTest')).toEqual([['block', 'backup.check.write.block', null]]);
    const shared = judge(undefined, { others: [{ host: 'esxi-12', running: true, sameTime: false }, { host: 'esxi-07', running: false, sameTime: true }] });
    expect(of(shared, 'sharedShare')).toEqual([
      ['warn', 'backup.check.sharedShare.running', null],
      ['warn', 'backup.check.sharedShare.sameTime', null],
    ]);
  });

  it('blocks a host without ghettoVCB, and one whose ghettoVCB does not accept its ESXi', () => {
    expect(of(judge((f) => void (f.scripts = [])), 'ghettovcb')).toEqual([['block', 'fleet.host.noGhettoVcb', null]]);
    const old = judge((f) => void (f.version = { ...f.version!, version: '8.0.4' }));
    expect(of(old, 'version')).toEqual([['block', 'fleet.host.esxiUnsupported', null]]);
    expect(hostBlocks(old)).toHaveLength(1);
  });
});

describe('the write test', () => {
  it('creates a file with a unique name only if nothing is there, and removes only that file', () => {
    const file = writeTestFile("/vmfs/volumes/VM backup 'x'", 'id1');
    expect(file).toBe("/vmfs/volumes/VM backup 'x'/.custode-write-test-id1");
    expect(writeTestCommand(file).text).toBe(
      `if ( set -C; : > '/vmfs/volumes/VM backup '\\''x'\\''/.custode-write-test-id1' ) 2>&1; then echo custode-write-test >> '/vmfs/volumes/VM backup '\\''x'\\''/.custode-write-test-id1' 2>&1; w=$?; rm -f '/vmfs/volumes/VM backup '\\''x'\\''/.custode-write-test-id1' 2>&1; r=$?; echo custode.write=$w; echo custode.write.remove=$r; else echo custode.write=notCreated; fi`,
    );
    expect(parseWriteTest('/d', '/d/f', 'custode.write=0\ncustode.write.remove=0\n').outcome).toBe('ok');
    expect(parseWriteTest('/d', '/d/f', "sh: can't create /d/f: Read-only file system\ncustode.write=notCreated\n")).toMatchObject({ outcome: 'notCreated', output: "sh: can't create /d/f: Read-only file system" });
    expect(parseWriteTest('/d', '/d/f', 'sh: write error: No space left on device\ncustode.write=1\ncustode.write.remove=0\n').outcome).toBe('notWritten');
    expect(parseWriteTest('/d', '/d/f', 'custode.write=0\ncustode.write.remove=1\n').outcome).toBe('leftover');
  });
});
