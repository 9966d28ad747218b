import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnownNas } from '../../../electron/core/fleet/adoption.ts';
import type { EsxiFacts } from '../../../electron/core/fleet/esxi-facts.ts';
import { esxiStatus } from '../../../electron/core/fleet/esxi-status.ts';
import type { NasFacts } from '../../../electron/core/fleet/nas-probe.ts';
import { nasStatus } from '../../../electron/core/fleet/nas-status.ts';
import type { ProbeRecord } from '../../../electron/core/fleet/probe-record.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';

// Recorded from the seed lab (test/fixtures/fleet/SOURCES.md); each test changes a copy.
const FACTS = JSON.parse(readFileSync(new URL('../../fixtures/fleet/esxi-08-facts.json', import.meta.url), 'utf8')) as EsxiFacts;
const NAS_FACTS = JSON.parse(readFileSync(new URL('../../fixtures/fleet/truenas-facts.json', import.meta.url), 'utf8')) as NasFacts;
const NOW = Date.parse('2026-11-26T16:30:00Z');

const entry = (role: 'esxi' | 'nas', name: string, address: string): HostEntry => ({
  id: name,
  role,
  name,
  address,
  port: 22,
  username: 'root',
  auth: 'password',
  keyPath: null,
  group: null,
  hasSecret: true,
  createdAt: 0,
});
const HOST = entry('esxi', 'esxi-08', '127.10.8.5');
const NAS: KnownNas = { entry: entry('nas', 'truenas', '127.10.8.1'), facts: NAS_FACTS };
const facts = (): EsxiFacts => structuredClone(FACTS);
const ok = (f: EsxiFacts): ProbeRecord<EsxiFacts> => ({ state: 'ok', attemptedAt: NOW, error: null, facts: f, factsAt: NOW - 60_000 });
const codes = (list: { code: string }[]) => list.map((f) => f.code);
const vm = (status: ReturnType<typeof esxiStatus>, name: string) => status.vms.find((v) => v.name === name)!;

describe('the fleet view of an ESXi host', () => {
  it('rolls the seed host up: versions, schedule in both languages, reboot persistence, last run, copies', () => {
    const s = esxiStatus(HOST, ok(facts()), [NAS], NOW);
    expect(s).toMatchObject({ version: '8.0.3', build: '24022510', hostname: 'esxi-08', identityIp: '10.0.0.8', lock: 'none', backupVolume: '/vmfs/volumes/VM_backup_10.0.0.8' });
    expect(s.installs).toEqual([{ kind: 'datastore', path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', version: '2025_10_30_1', acceptsEsxi: true }]);
    expect(s.schedules[0]).toMatchObject({ text: { en: 'Every day at 04:30 (UTC, the host clock)', it: 'Ogni giorno alle 04:30 (UTC, orologio dell’host)' }, nextRun: Date.parse('2026-11-27T04:30:00Z'), survivesReboot: true });
    expect(s.lastRun).toMatchObject({ exitCode: 5, vmsOk: 4, vmsProblem: 1 });
    expect(vm(s, 'segreteria-dc01')).toMatchObject({ rotation: 3, lastOutcome: 'ok', powerState: 'poweredOn' });
    expect(vm(s, 'segreteria-dc01').copies.map((c) => c.folder)).toEqual(['segreteria-dc01-2026-11-25_04-30-00', 'segreteria-dc01-2026-11-24_04-30-00', 'segreteria-dc01-2026-11-23_04-30-00']);
    expect(vm(s, 'segreteria-dc01').lastGood?.status).toBe('ok');
    expect(vm(s, 'segreteria-files').lastGood?.status).toBe('warn');
    expect(codes(vm(s, 'segreteria-app').blockers)).toEqual(['fleet.vm.willBeSkippedSnapshot']);
    expect(codes(vm(s, 'segreteria-files').blockers)).toEqual(['fleet.vm.independentNotBackedUp']);
    // The NAS is reached at another address than the one the host mounts: matched by the exported path.
    expect(codes(s.findings)).toContain('fleet.link.matchedByPath');
    expect(codes(s.findings)).toContain('fleet.run.missed');
  });

  it('judges the missed night on the host’s clock and says how far off it is (it/en texts in shared/i18n/host-clock.ts)', () => {
    // NOW is 11-26 16:30 for Custode; the last log began 11-25 04:30 (host clock). A host 13 h behind is at 11-26 03:30:
    // its 11-26 04:30 has not come yet, so the 11-25 log is the newest one due.
    const f = facts();
    f.clock = { offsetMs: -13 * 3_600_000, precisionMs: 520 };
    const s = esxiStatus(HOST, ok(f), [NAS], NOW);
    expect(codes(s.findings)).not.toContain('fleet.run.missed');
    // The host reaches its next 04:30 (11-26's) 13 h after Custode does: 17:30 for Custode.
    expect(s.schedules[0]!.nextRun).toBe(Date.parse('2026-11-26T17:30:00Z'));
    expect(s.findings.find((x) => x.code === 'fleet.host.clockBehind')).toEqual({ code: 'fleet.host.clockBehind', severity: 'warning', params: { minutes: 780 } });
    // 2 h ahead, the host's 11-26 04:30 (11-26 02:30 for Custode) left no log: missed, named on Custode's clock.
    f.clock = { offsetMs: 2 * 3_600_000, precisionMs: 520 };
    const ahead = esxiStatus(HOST, ok(f), [NAS], NOW);
    expect(ahead.findings.find((x) => x.code === 'fleet.run.missed')?.params).toEqual({ expected: '2026-11-26T02:30:00.000Z' });
    expect(ahead.findings.find((x) => x.code === 'fleet.host.clockAhead')?.params).toEqual({ minutes: 120 });
    // Within 2 minutes, or unknown (facts stored before the clock was read): nothing said.
    f.clock = { offsetMs: 90_000, precisionMs: 520 };
    expect(codes(esxiStatus(HOST, ok(f), [NAS], NOW).findings).filter((c) => c.startsWith('fleet.host.clock'))).toEqual([]);
    expect(codes(esxiStatus(HOST, ok(facts()), [NAS], NOW).findings).filter((c) => c.startsWith('fleet.host.clock'))).toEqual([]);
  });

  it('says a snapshot will be deleted, not skipped, when the conf allows backing up VMs with snapshots', () => {
    const f = facts();
    f.confs[0]!.text = f.confs[0]!.text!.replace('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0', 'ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=1');
    expect(codes(vm(esxiStatus(HOST, ok(f), [NAS], NOW), 'segreteria-app').blockers)).toEqual(['fleet.vm.snapshotsWillBeDeleted']);
  });

  it('puts host-wide blockers on every VM, most severe first: stale lock, unsupported ESXi, full share', () => {
    const f = facts();
    f.lock = { state: 'stale', reasons: [{ code: 'esxi.lock.pidDead', severity: 'warning', params: { pid: 4194300, workdir: '/tmp/ghettoVCB.work' } }], leftoverPids: [], ageSeconds: 3600 };
    f.version = { ...f.version!, version: '8.0.4' };
    const fs = f.filesystems.find((x) => x.volumeName === 'VM_backup_10.0.0.8')!;
    fs.free = 1024 * 1024;
    const s = esxiStatus(HOST, ok(f), [NAS], NOW);
    expect(s.lock).toBe('stale');
    const blockers = vm(s, 'segreteria-app').blockers;
    expect(codes(blockers)).toEqual(['fleet.host.esxiUnsupported', 'fleet.host.staleLock', 'fleet.share.full', 'fleet.vm.willBeSkippedSnapshot']);
    expect(blockers.find((b) => b.code === 'fleet.share.full')!.params).toMatchObject({ free: '1024 KiB', freeBytes: 1048576 });
    expect(codes(vm(s, 'segreteria-dc01').blockers)).toEqual(['fleet.host.esxiUnsupported', 'fleet.host.staleLock', 'fleet.share.full']);
  });

  it('flags a read-only share from the NAS side and an unmounted one from the host side', () => {
    const nas = structuredClone(NAS);
    nas.facts.shares!.find((x) => x.paths[0]!.endsWith('ESXI_10.0.0.8'))!.readOnly = true;
    expect(codes(vm(esxiStatus(HOST, ok(facts()), [nas], NOW), 'segreteria-dc01').blockers)).toEqual(['fleet.share.readOnly']);
    const f = facts();
    f.mounts[0]!.accessible = false;
    expect(codes(vm(esxiStatus(HOST, ok(f), [NAS], NOW), 'segreteria-dc01').blockers)).toEqual(['fleet.share.notMounted']);
  });

  it('without a schedule, every VM is unprotected and the host says so', () => {
    const f = facts();
    f.crontab = f.crontab!.split('\n').filter((l) => !l.includes('ghettoVCB')).join('\n');
    const s = esxiStatus(HOST, ok(f), [NAS], NOW);
    expect(codes(s.findings)).toContain('fleet.host.noSchedule');
    expect(s.schedules).toEqual([]);
    expect(s.vms.every((v) => v.blockers[0]?.code === 'fleet.vm.notScheduled')).toBe(true);
  });

  it('a schedule local.sh does not re-create, or that Secure Boot stops, does not survive a reboot', () => {
    const f = facts();
    f.localSh = '#!/bin/sh\nexit 0\n';
    expect(esxiStatus(HOST, ok(f), [NAS], NOW).schedules[0]!.survivesReboot).toBe(false);
    const g = facts();
    g.secureBoot = 'enabled';
    const s = esxiStatus(HOST, ok(g), [NAS], NOW);
    expect(s.schedules[0]!.survivesReboot).toBe(false);
    expect(codes(s.findings)).toContain('esxi.localSh.secureBootSkips');
  });

  it('a host that could not be reached keeps its last facts and says what to do', () => {
    const record: ProbeRecord<EsxiFacts> = { state: 'unreachable', attemptedAt: NOW, error: { code: 'ssh.unreachable', message: 'x' }, facts: facts(), factsAt: NOW - 86_400_000 };
    const s = esxiStatus(HOST, record, [NAS], NOW);
    expect(s.findings[0]).toMatchObject({ code: 'fleet.host.unreachable', severity: 'error', params: { code: 'ssh.unreachable' } });
    expect(s.vms).toHaveLength(5);
    expect(s.probedAt).toBe(NOW - 86_400_000);
    const never = esxiStatus(HOST, { state: 'unreachable', attemptedAt: NOW, error: { code: 'ssh.unreachable', message: 'x' }, facts: null, factsAt: null }, [], NOW);
    expect(never).toMatchObject({ vms: [], schedules: [], version: null, secureBoot: 'unknown' });
  });

  it('without the NAS in the fleet, asks for it instead of judging the share', () => {
    const s = esxiStatus(HOST, ok(facts()), [], NOW);
    expect(codes(s.findings)).toContain('fleet.link.nasNotAdded');
    expect(codes(vm(s, 'segreteria-dc01').blockers)).toEqual([]);
  });
});

describe('the fleet view of the NAS', () => {
  it('lists shares with their hosts, maproot, space and snapshot protection', () => {
    const record: ProbeRecord<NasFacts> = { state: 'ok', attemptedAt: NOW, error: null, facts: NAS_FACTS, factsAt: NOW };
    const s = nasStatus(NAS.entry, record, [FACTS]);
    expect(s).toMatchObject({ version: 'TrueNAS-SCALE-24.10.2.2', nfsV4: true });
    const share = s.shares.find((x) => x.path.endsWith('ESXI_10.0.0.8'))!;
    expect(share).toMatchObject({ hosts: ['10.0.0.8'], maproot: 'root:root', readOnly: false, snapshotTask: false, encrypted: false });
    expect(codes(share.findings)).toEqual(['nas.dataset.noSnapshotTask', 'nas.dataset.unencrypted']);
    expect(codes(s.shares.find((x) => x.path.endsWith('ESXI_10.0.0.2'))!.findings)).toContain('fleet.share.unused');
  });
});
