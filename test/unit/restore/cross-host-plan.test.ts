import { describe, expect, it } from 'vitest';
import type { NfsMount } from '../../../shared/model/datastore.ts';
import type { NfsShare } from '../../../shared/model/nas.ts';
import { planShareAccess, type AccessFacts } from '../../../electron/core/restore/cross-host/access-plan.ts';
import { findReadableDatastore, type CopyShare } from '../../../electron/core/restore/cross-host/copy-share.ts';
import { changedFields, parseExportRecord } from '../../../electron/core/restore/cross-host/export-record.ts';
import { temporaryDatastoreName } from '../../../electron/core/restore/cross-host/temporary-mount.ts';

const mount = (volumeName: string, host: string, share: string, more: Partial<NfsMount> = {}): NfsMount => ({
  volumeName,
  version: 'nfs41',
  hosts: [host],
  share,
  accessible: true,
  mounted: true,
  readOnly: false,
  security: 'AUTH_SYS',
  hardwareAcceleration: null,
  extra: {},
  ...more,
});

const share = (id: number, path: string, hosts: string[], networks: string[] = []): NfsShare => ({
  id,
  paths: [path],
  comment: '',
  hosts,
  networks,
  readOnly: false,
  maprootUser: 'root',
  maprootGroup: 'root',
  mapallUser: null,
  mapallGroup: null,
  security: [],
  enabled: true,
  locked: false,
  alldirs: null,
});

// What SCALE 25.x prints for `sharing.nfs.query [["id","=",4]] {"get": true}` (shape from esxi-truenas.md B2).
const RECORD_TEXT =
  '{"id": 4, "path": "/mnt/tank/backup/10.0.0.1", "aliases": [], "comment": "esxi-01 \'s copies", "networks": [], "hosts": ["10.0.0.1"], "ro": false, "maproot_user": "root", "maproot_group": "root", "mapall_user": null, "mapall_group": null, "security": [], "enabled": true, "locked": false, "expose_snapshots": false}';

const copy: CopyShare = { server: '10.0.0.50', share: '/mnt/tank/backup/10.0.0.1', folder: 'dc01/dc01-2026-12-06_01-00-00', version: 'nfs41' };

function facts(mounts: NfsMount[], shares: NfsShare[], datastoreNames: string[] = ['datastore1']): AccessFacts {
  return {
    host: { id: 'h2', name: 'esxi-02', address: '10.0.0.2', ips: ['10.0.0.2'], mounts, datastoreNames },
    nas: { id: 'n1', name: 'truenas', address: '10.0.0.50', addresses: ['10.0.0.50', 'truenas.lan'], shares, record: parseExportRecord(4, RECORD_TEXT + '\n') },
  };
}

describe('findReadableDatastore', () => {
  it('finds a mount of the same share by another NAS address, and the copy folder below it', () => {
    expect(findReadableDatastore([mount('other', '10.0.0.51', copy.share), mount('A copy', 'TrueNAS.lan', copy.share)], copy, ['truenas.lan'])).toEqual({
      datastore: 'A copy',
      folder: 'dc01/dc01-2026-12-06_01-00-00',
    });
  });
  it('takes a mount of a parent folder, the closest one, and never a sibling whose name only starts the same', () => {
    const mounts = [mount('tank', '10.0.0.50', '/mnt/tank'), mount('backup', '10.0.0.50', '/mnt/tank/backup/'), mount('sibling', '10.0.0.50', '/mnt/tank/backup/10.0.0.1x')];
    expect(findReadableDatastore(mounts, copy, [])).toEqual({ datastore: 'backup', folder: '10.0.0.1/dc01/dc01-2026-12-06_01-00-00' });
  });
  it('ignores a mount that is not accessible', () => {
    expect(findReadableDatastore([mount('dead', '10.0.0.50', copy.share, { accessible: false })], copy, [])).toBeNull();
  });
});

describe('temporaryDatastoreName', () => {
  it('keeps only safe characters of the token and skips names taken in any case', () => {
    expect(temporaryDatastoreName(['CUSTODE-RESTORE-R1', 'custode-restore-r1-2'], "r1'; $(id)")).toBe('custode-restore-r1id');
    expect(temporaryDatastoreName(['CUSTODE-RESTORE-R1', 'custode-restore-r1-2'], 'r1')).toBe('custode-restore-r1-3');
  });
});

describe('changedFields', () => {
  it('names every field that differs, including order inside lists and fields present on one side only', () => {
    const a = parseExportRecord(4, RECORD_TEXT).fields;
    expect(changedFields(a, { ...a })).toEqual([]);
    expect(changedFields(a, { ...a, hosts: ['10.0.0.1', '10.0.0.2'], ro: true })).toEqual(['hosts', 'ro']);
    const { comment: _, ...noComment } = a;
    expect(changedFields(a, { ...noComment, quiet: false })).toEqual(['comment', 'quiet']);
  });
  it('refuses output that is not the record asked for', () => {
    expect(() => parseExportRecord(5, RECORD_TEXT)).toThrow(expect.objectContaining({ code: 'restore.access.exportUnreadable' }));
  });
});

describe('planShareAccess', () => {
  it('uses the datastore the host already has, and plans nothing', () => {
    expect(planShareAccess(copy, facts([mount('VM_backup_10.0.0.1', '10.0.0.50', copy.share)], [share(4, copy.share, ['10.0.0.1', '10.0.0.2'])]), 'r1')).toEqual({
      kind: 'mounted',
      datastore: 'VM_backup_10.0.0.1',
      folder: copy.folder,
    });
  });

  it('widens only the hosts of the export, checked against the exact record, then mounts read-only under a free name', () => {
    const access = planShareAccess(copy, facts([mount('VM_backup_10.0.0.2', '10.0.0.50', '/mnt/tank/backup/10.0.0.2')], [share(4, copy.share, ['10.0.0.1'])], ['custode-restore-r1']), 'r1');
    if (access.kind !== 'temporary') throw new Error('expected a temporary access');
    expect(access.datastore).toBe('custode-restore-r1-2');
    expect(access.change?.widenedHosts).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(access.steps.map((s) => [s.id, s.target.kind === 'host' ? s.target.name : '', s.actions.map((a) => a.command), s.undo?.map((u) => u.actions[0]!.command)])).toEqual([
      ['export-widen', 'truenas', [`midclt call sharing.nfs.update 4 '{"hosts":["10.0.0.1","10.0.0.2"]}'`], [`midclt call sharing.nfs.update 4 '{"hosts":["10.0.0.1"]}'`]],
      [
        'mount',
        'esxi-02',
        ['esxcli storage nfs41 add --hosts=10.0.0.50 --share=/mnt/tank/backup/10.0.0.1 --volume-name=custode-restore-r1-2 --readonly'],
        ['esxcli storage nfs41 remove --volume-name=custode-restore-r1-2'],
      ],
    ]);
    // The record's text goes into the check single-quoted, its own quote closed and escaped.
    expect(access.steps[0]!.checks[0]!.action.command).toBe(
      `test "$(midclt call sharing.nfs.query '[["id","=",4]]' '{"get":true}')" = '${RECORD_TEXT.replace(/'/g, `'\\''`)}'`,
    );
    expect(access.steps[1]!.checks[0]!.action.command).toBe('test ! -e /vmfs/volumes/custode-restore-r1-2');
  });

  it('leaves the export alone when a network already lets the host in', () => {
    const access = planShareAccess(copy, facts([], [share(4, copy.share, ['10.0.0.1'], ['10.0.0.0/24'])]), 'r1');
    expect(access.kind === 'temporary' && [access.change, access.steps.map((s) => s.id)]).toEqual([null, ['mount']]);
  });

  it('quotes a share path with spaces and quotes in the mount', () => {
    const odd: CopyShare = { ...copy, share: "/mnt/tank/it's backup", version: 'nfs3' };
    const f = facts([], [share(4, "/mnt/tank/it's backup", ['10.0.0.1'])]);
    f.nas.record = parseExportRecord(4, RECORD_TEXT.replace('/mnt/tank/backup/10.0.0.1', "/mnt/tank/it's backup"));
    const access = planShareAccess(odd, f, 'r1');
    expect(access.kind === 'temporary' && access.steps[1]!.actions[0]!.command).toBe(`esxcli storage nfs add --host=10.0.0.50 '--share=/mnt/tank/it'\\''s backup' --volume-name=custode-restore-r1 --readonly`);
  });

  it('refuses a copy no share exports, and a disabled share', () => {
    expect(() => planShareAccess(copy, facts([], [share(4, '/mnt/tank/other', [])]), 'r1')).toThrow(expect.objectContaining({ code: 'restore.access.shareNotExported' }));
    expect(() => planShareAccess(copy, facts([], [{ ...share(4, copy.share, []), enabled: false }]), 'r1')).toThrow(expect.objectContaining({ code: 'restore.access.shareDisabled' }));
  });
});
