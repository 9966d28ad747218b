// GHETTOVCB_SH (or the upstream copy beside the clone): this test installs the real ghettoVCB.sh instead of the
// stand-in, and the real script runs unmodified on the lab. With an upstream copy at hand, both scripts' logs must match modulo timing.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN } from '../../lab/esxi/ghettovcb-install.ts';
import { provisionHost } from '../../lab/esxi/provision.ts';
import { seedVmSpecs } from '../../lab/esxi/seed.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { editShare, inHost, makeLab, maskRunDifferences, namespaceSupport, type TestLab } from './helpers.ts';

describe('ghettoVCB install source', () => {
  it('installs the script named by spec.ghettovcb.scriptPath on the datastore and as VIB payload, and the stand-in otherwise', async () => {
    const lab = await makeLab([]);
    try {
      const fake = join(lab.dir, 'my-ghettoVCB.sh');
      writeFileSync(fake, '#!/bin/sh\necho real copy\n');
      const h = join(lab.dir, 'h');
      await provisionHost(h, { hostname: 'x', ip: '10.0.0.3', vms: [], ghettovcb: { install: 'both', scriptPath: fake } });
      expect(readFileSync(join(h, 'vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh'), 'utf8')).toBe('#!/bin/sh\necho real copy\n');
      expect(readFileSync(join(h, 'opt/ghettovcb/bin/ghettoVCB.sh'), 'utf8')).toBe('#!/bin/sh\necho real copy\n');
      const h2 = join(lab.dir, 'h2');
      await provisionHost(h2, { hostname: 'y', ip: '10.0.0.4', vms: [] });
      expect(readFileSync(join(h2, 'vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh'), 'utf8')).toBe(readFileSync(STAND_IN, 'utf8'));
    } finally {
      lab.cleanup();
    }
  });
});

const REAL = UPSTREAM_GHETTOVCB;
const why = REAL === undefined ? upstreamMissing : namespaceSupport();
if (REAL !== undefined && why === null) console.log(`lab-esxi real-vs-stand-in comparison against ${REAL}`);
if (why) console.log(`lab-esxi real-vs-stand-in comparison skipped: ${why}`);

// Each case runs two whole backups on busybox; under load one takes over a minute. A case cut off by a timeout would
// leave its scripts running on the host and spoil the cases after it (a held lock, a share emptied mid-run).
describe.skipIf(why !== null)('stand-in versus the real script', { timeout: 300_000 }, () => {
  const IP = '10.0.0.8';
  const CONF = '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf';
  let lab: TestLab;
  let h: string;

  beforeAll(async () => {
    // `tiny` keeps the compression scenario fast: busybox tar reads sparse disks whole.
    const vms = [...seedVmSpecs(1), { name: 'tiny', disks: [{ sizeMB: 8 }] }];
    lab = await makeLab([{ hostname: 'esxi-08', ip: IP, vms, ghettovcb: { install: 'datastore', scriptPath: REAL! } }], [IP, '10.0.0.12']);
    h = lab.hostFs(IP);
    editShare(lab, '10.0.0.12', { hosts: ['10.0.0.12', IP] });
    copyFileSync(STAND_IN, join(h, 'vmfs/volumes/datastore1/ghettoVCB/standin.sh'));
    const gv = join(h, 'vmfs/volumes/datastore1/ghettoVCB');
    writeFileSync(join(gv, 'list'), '# site list\nsegreteria-dc\n  Protocollo Segreteria  \n\nfileserver\noldvm\n');
    writeFileSync(join(gv, 'excl'), 'fileserver\n');
    mkdirSync(join(gv, 'vmconf'));
    writeFileSync(join(gv, 'vmconf', 'segreteria-dc'), 'VM_BACKUP_ROTATION_COUNT=1\nDISK_BACKUP_FORMAT=zeroedthick\n');
    const conf = readFileSync(join(gv, 'ghettoVCB.conf'), 'utf8');
    writeFileSync(
      join(gv, 'other.conf'),
      conf.replace('POWER_VM_DOWN_BEFORE_BACKUP=0', 'POWER_VM_DOWN_BEFORE_BACKUP=1').replace('ENABLE_COMPRESSION=0', 'ENABLE_COMPRESSION=1').replace('VM_STARTUP_ORDER=', 'VM_STARTUP_ORDER=archivio-2019') + 'RSYNC_LINK=1\n',
    );
    writeFileSync(join(gv, 'index.conf'), `${conf}VM_BACKUP_DIR_NAMING_CONVENTION=0\nVM_BACKUP_ROTATION_COUNT=2\n`);
    writeFileSync(join(gv, 'allow.conf'), conf.replace('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0', 'ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=1'));
    writeFileSync(
      join(gv, 'nonpersistent.conf'),
      conf
        .replace('ENABLE_NON_PERSISTENT_NFS=0', 'ENABLE_NON_PERSISTENT_NFS=1')
        .replace('NFS_SERVER=', 'NFS_SERVER=10.0.0.50')
        .replace('NFS_VERSION=nfs', 'NFS_VERSION=nfsv41')
        .replace('NFS_MOUNT=', 'NFS_MOUNT=/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.12')
        .replace('NFS_LOCAL_NAME=', 'NFS_LOCAL_NAME=npnfs')
        .replace('NFS_VM_BACKUP_DIR=', 'NFS_VM_BACKUP_DIR=mybackups'),
    );
    mkdirSync(join(gv, 'diskconf'));
    writeFileSync(join(gv, 'diskconf', 'segreteria-dc'), 'VMDK_FILES_TO_BACKUP="segreteria-dc_1.vmdk,missing.vmdk"\n');
  });
  afterAll(() => lab?.cleanup());

  const both = async (args: string, before = '', times = 1): Promise<{ real: string[]; std: string[] }> => {
    const run = async (script: string, tag: string): Promise<string[]> => {
      const once = `sh /vmfs/volumes/datastore1/ghettoVCB/${script} ${args} -l /tmp/${tag}.log >> /tmp/${tag}.out 2>>/tmp/${tag}.err; echo $?;`;
      // Both start from an empty share, so rotation sees the same history.
      const r = await inHost(
        h,
        `${before} rm -rf /vmfs/volumes/VM_backup_${IP}/*; rm -f /tmp/${tag}.*; ${once.repeat(times)} cat /tmp/${tag}.log; echo ==OUT; cat /tmp/${tag}.out; echo ==ERR; cat /tmp/${tag}.err`,
      );
      return maskRunDifferences(r.stdout, script).split('==');
    };
    return { real: await run('ghettoVCB.sh', 'real'), std: await run('standin.sh', 'std') };
  };

  for (const [label, args, sample, ...rest] of [
    ['info', `-a -g ${CONF}`, 'Final status: ERROR: Only some of the VMs backed up, and some disk(s) failed!'],
    ['debug', `-a -g ${CONF} -d debug`, 'debug: VM_OK:1, VM_FAILED:1, VMDK_FAILED:1'],
    ['dryrun', `-a -g ${CONF} -d dryrun`, 'dryrun: TOTAL_VM_SIZE_TO_BACKUP: 6 GB'],
    ['one VM', `-m fileserver -g ${CONF}`, 'WARN: fileserver has some Independent VMDKs'],
    ['a missing input file', '-f /nope', 'ERROR: "/nope" is not valid VM input file!'],
    [
      '-f list, -e exclusions, -c per-VM confs, -w workdir (with -l: the 12-word maximum)',
      `-f /vmfs/volumes/datastore1/ghettoVCB/list -e /vmfs/volumes/datastore1/ghettoVCB/excl -c /vmfs/volumes/datastore1/ghettoVCB/vmconf -g ${CONF} -w /tmp/other.work`,
      'info: CONFIG - USING CONFIGURATION FILE = /vmfs/volumes/datastore1/ghettoVCB/vmconf/segreteria-dc',
    ],
    ['power-down, compression, rsync link, startup order', '-m tiny -g /vmfs/volumes/datastore1/ghettoVCB/other.conf -d debug', 'info: Successfully compressed backup for tiny!'],
    [
      'per-VM VMDK_FILES_TO_BACKUP with a missing disk',
      `-m segreteria-dc -c /vmfs/volumes/datastore1/ghettoVCB/diskconf -g ${CONF} -d debug`,
      'info: WARNING: missing.vmdk not found in VMDKs for segreteria-dc',
    ],
    ['existing snapshots consolidated (ALLOW=1)', '-m moodle-didattica -g /vmfs/volumes/datastore1/ghettoVCB/allow.conf', 'consolidating ALL snapshots now', 'vim-cmd vmsvc/snapshot.create 3 user-snap >/dev/null;'],
    ['non-persistent NFS mount', '-m tiny -g /vmfs/volumes/datastore1/ghettoVCB/nonpersistent.conf -d debug', 'CONFIG - NFS_MOUNT = /mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.12', 'vim-cmd hostsvc/datastore/destroy npnfs >/dev/null 2>&1; rm -rf /vmfs/volumes/npnfs/mybackups;'],
    ['index-mode rotation, three runs', '-m tiny -g /vmfs/volumes/datastore1/ghettoVCB/index.conf', 'info: Deleted /vmfs/volumes/VM_backup_10.0.0.8/tiny/tiny-1', '', 3],
  ] as const satisfies readonly (readonly [string, string, string, string?, number?])[]) {
    it(`writes the same log, stdout, stderr and exit code (${label})`, async () => {
      const [before, times] = rest;
      const { real, std } = await both(args, before ?? '', times ?? 1);
      expect(real.join('==')).toContain(sample);
      expect(std).toEqual(real);
    });
  }

  it('fails the same way on a held lock', async () => {
    const { real, std } = await both(`-a -g ${CONF}`, 'mkdir -p /tmp/ghettoVCB.work;');
    await inHost(h, 'rmdir /tmp/ghettoVCB.work');
    expect(std).toEqual(real);
    expect(real[0]).toMatch(/^1\n/);
  });
});
