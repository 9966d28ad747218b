import { describe, expect, it } from 'vitest';
import type { EsxiStatus, VmRow } from '../../../shared/ipc/fleet.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { splitAddress } from '../../../renderer/features/fleet/address-port.ts';
import { ALL_VMS, fleetVms, queryVms } from '../../../renderer/stores/fleet/slices/view/fleet-vms.ts';
import { groupFindings } from '../../../renderer/stores/fleet/slices/view/shared-findings.ts';
import { vmRow } from './vm-row.ts';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

const vm = (name: string, over: Partial<VmRow> = {}): VmRow => vmRow(name, NOW, over);

function host(name: string, vms: VmRow[], state: EsxiStatus['state'] = 'ok'): EsxiStatus {
  return {
    host: { id: `id-${name}`, role: 'esxi', name, address: `10.0.0.${name.length}`, port: 22, username: 'root', auth: 'password', keyPath: null, group: null, hasSecret: true, createdAt: 0 },
    state, probedAt: NOW - 2 * HOUR, error: null, version: '8.0.3', build: null, hostname: name, identityIp: null, secureBoot: 'disabled',
    installs: [], schedules: [], backupVolume: null, lock: 'none', lastRun: null, findings: [], vms,
  };
}

const snapshot: Finding = { code: 'fleet.vm.willBeSkippedSnapshot', severity: 'error', params: { snapshot: 'pre-update' } };
const noted: Finding = { code: 'fleet.vm.independentNotBackedUp', severity: 'info', params: {} };

describe('the fleet-wide VM table', () => {
  const esxi = [
    host('esxi-02', [vm('dc01'), vm('app', { blockers: [snapshot] })]),
    host('esxi-07', [vm('biblio-db')], 'unreachable'),
    host('esxi-12', [vm('files', { blockers: [noted] }), vm('old', { lastGood: null })]),
  ];
  const rows = fleetVms(esxi, NOW);
  const names = (q: Partial<typeof ALL_VMS>) => queryVms(rows, { ...ALL_VMS, ...q }).map((r) => r.vm.name);

  it('marks the VMs of a host that did not answer as unknown, and sorts worst first by default', () => {
    expect(rows.find((r) => r.vm.name === 'biblio-db')).toMatchObject({ protection: 'unknown', current: false, knownAt: NOW - 2 * HOUR });
    expect(names({})).toEqual(['app', 'old', 'biblio-db', 'dc01', 'files']);
  });

  it('filters by host, protection, problems and name, and sorts by any column both ways', () => {
    expect(names({ hostId: 'id-esxi-12' })).toEqual(['old', 'files']);
    expect(names({ protection: 'unknown' })).toEqual(['biblio-db']);
    // "files" is protected but its night has a note: it is a problem worth seeing.
    expect(names({ problemsOnly: true })).toEqual(['app', 'old', 'biblio-db', 'files']);
    expect(names({ search: 'DC' })).toEqual(['dc01']);
    expect(names({ sort: 'vm' })).toEqual(['app', 'biblio-db', 'dc01', 'files', 'old']);
    expect(names({ sort: 'vm', descending: true })).toEqual(['old', 'files', 'dc01', 'biblio-db', 'app']);
    expect(names({ sort: 'lastGood' })[0]).toBe('old');
  });
});

describe('shared warnings', () => {
  it('shows the same finding on many machines once, with the machines, and says when their details differ', () => {
    const old = (version: string): Finding => ({ code: 'fleet.host.scriptOld', severity: 'warning', params: { version } });
    const groups = groupFindings([
      { id: 'a', name: 'esxi-02', findings: [old('2024_1'), snapshot] },
      { id: 'b', name: 'esxi-07', findings: [old('2024_1'), snapshot] },
      { id: 'c', name: 'esxi-12', findings: [old('2023_9')] },
    ]);
    expect(groups.map((g) => [g.finding.code, g.finding.params, g.machines.map((m) => m.name), g.same])).toEqual([
      ['fleet.vm.willBeSkippedSnapshot', { snapshot: 'pre-update' }, ['esxi-02', 'esxi-07'], true],
      ['fleet.host.scriptOld', { version: '2024_1' }, ['esxi-02', 'esxi-07', 'esxi-12'], false],
    ]);
  });
});

describe('an address with its port', () => {
  it('moves the port typed after the address to the port field, and refuses two different ports', () => {
    expect(splitAddress('10.0.0.2:22', '22')).toEqual({ address: '10.0.0.2', port: '22', conflict: false });
    expect(splitAddress('esxi-02.scuola.lan:2222', '22')).toEqual({ address: 'esxi-02.scuola.lan', port: '2222', conflict: false });
    expect(splitAddress('10.0.0.2:2222', '')).toEqual({ address: '10.0.0.2', port: '2222', conflict: false });
    expect(splitAddress('10.0.0.2:2222', '2200')).toMatchObject({ conflict: true });
    expect(splitAddress('10.0.0.2', '22')).toEqual({ address: '10.0.0.2', port: '22', conflict: false });
    expect(splitAddress('fe80::1', '22')).toEqual({ address: 'fe80::1', port: '22', conflict: false });
  });
});
