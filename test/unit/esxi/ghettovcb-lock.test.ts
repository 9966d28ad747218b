import { describe, expect, it } from 'vitest';
import { assessLock, parseLockProbe, type LockProbe } from '../../../electron/core/esxi/ghettovcb-lock.ts';
import { parseProcessList, processListCommand } from '../../../electron/core/esxi/processes.ts';

// ESXi `ps -c` rows as the ghettoVCB README shows them (world id, cartel id, padded world name, command).
const ESXI_PS = [
  'WID      CID      World Name           Command',
  '3360393 3360393 busybox              ash ./ghettoVCB.sh -f list -d debug',
  '3360400 3360400 tail                 tail -f /tmp/ghettoVCB.work/ghettovcb.deGeB7',
  '3360411 3360411 vmkfstools           /sbin/vmkfstools -i /vmfs/volumes/ds/vm/vm.vmdk -a lsilogic -d thin /vmfs/volumes/VM_backup_10.0.0.8/vm/vm.vmdk',
  '2100 2100 hostd                hostd ++min=0,swapscope=system -u -a /etc/vmware/hostd/config.xml',
].join('\n');

// busybox ps as the lab prints it (no -c there).
const BUSYBOX_PS = ['PID   USER     COMMAND', '  812 root     /bin/sh -c /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -w /tmp/job 2', '  813 root     busybox ash /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -w /tmp/job 2'].join('\n');

const probe = (over: Partial<LockProbe>): LockProbe => ({ state: 'present', mtime: 1000, now: 1600, pid: null, pidText: null, files: ['pid'], ...over });

describe('process list', () => {
  it('falls back to plain ps where -c is unknown', () => {
    expect(processListCommand().text).toBe('ps -c 2>/dev/null || ps');
  });

  it('reads ESXi ps -c rows with both ids', () => {
    const [ash] = parseProcessList(ESXI_PS);
    expect(ash).toMatchObject({ ids: [3360393, 3360393], command: 'busybox              ash ./ghettoVCB.sh -f list -d debug' });
    expect(parseProcessList(ESXI_PS)).toHaveLength(4);
  });

  it('reads busybox ps rows without the user column', () => {
    const rows = parseProcessList(BUSYBOX_PS);
    expect(rows[0]).toMatchObject({ ids: [812], command: '/bin/sh -c /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -w /tmp/job 2' });
  });
});

describe('ghettoVCB lock', () => {
  it('parses the probe output', () => {
    const text = 'custode.lock=present\ncustode.lock.mtime=1700000000\ncustode.lock.now=1700000600\ncustode.lock.pid=3360393\ncustode.lock.files:\n.\n..\npid\nvms_list\n';
    expect(parseLockProbe(text)).toEqual({ state: 'present', mtime: 1700000000, now: 1700000600, pid: 3360393, pidText: null, files: ['pid', 'vms_list'] });
    expect(parseLockProbe('custode.lock=absent\n').state).toBe('absent');
    expect(parseLockProbe('custode.lock=present\ncustode.lock.mtime=\ncustode.lock.now=5\ncustode.lock.pid=\ncustode.lock.files:\n')).toMatchObject({ mtime: null, pid: null, pidText: '' });
  });

  it('no directory, no run: none', () => {
    expect(assessLock(probe({ state: 'absent', files: [], mtime: null }), parseProcessList(''))).toEqual({ state: 'none', reasons: [], leftoverPids: [], ageSeconds: null });
  });

  it('the pid is a live ghettoVCB: running', () => {
    const a = assessLock(probe({ pid: 3360393 }), parseProcessList(ESXI_PS));
    expect(a.state).toBe('running');
    expect(a.reasons.map((r) => r.code)).toEqual(['esxi.lock.pidAlive']);
    expect(a.ageSeconds).toBe(600);
  });

  it('the pid is dead but a tail and a clone are left: stale, with the leftovers to stop', () => {
    const ps = parseProcessList(ESXI_PS).filter((p) => !p.command.includes('ghettoVCB.sh'));
    const a = assessLock(probe({ pid: 999 }), ps);
    expect(a.state).toBe('stale');
    expect(a.reasons.map((r) => r.code)).toEqual(['esxi.lock.pidDead', 'esxi.lock.orphanTail', 'esxi.lock.orphanClone']);
    expect(a.leftoverPids).toEqual([3360400, 3360411]);
  });

  it('the pid now belongs to another program: stale', () => {
    const a = assessLock(probe({ pid: 2100 }), parseProcessList(ESXI_PS).filter((p) => p.ids[0] === 2100));
    expect(a.reasons[0]).toMatchObject({ code: 'esxi.lock.pidReused', params: { pid: 2100 } });
    expect(a.state).toBe('stale');
  });

  it('an empty pid file with no run is stale; with a run on this workdir it is running', () => {
    expect(assessLock(probe({ pidText: '' }), []).reasons[0]!.code).toBe('esxi.lock.pidMissing');
    const a = assessLock(probe({}), parseProcessList(BUSYBOX_PS), '/tmp/job');
    expect(a).toMatchObject({ state: 'running', reasons: [{ code: 'esxi.lock.runWithoutPid' }] });
  });

  it('a run on another workdir does not hold this lock', () => {
    expect(assessLock(probe({ pid: 5 }), parseProcessList(BUSYBOX_PS)).state).toBe('stale');
    expect(assessLock(probe({ state: 'absent' }), parseProcessList(BUSYBOX_PS), '/tmp/job/').state).toBe('running');
  });

  it('a file where the directory should be blocks every run', () => {
    expect(assessLock(probe({ state: 'notDirectory' }), [])).toMatchObject({ state: 'stale', reasons: [{ code: 'esxi.lock.notDirectory', severity: 'error' }] });
  });
});
