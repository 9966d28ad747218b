// ghettoVCB on a host: the datastore copy (/vmfs/volumes/datastore1/ghettoVCB) and the VIB payload (/opt/ghettovcb).
// The script installed is the lab stand-in, or a real copy when GHETTOVCB_SH names one; provisioning caches it in
// /etc/vmware/lab/ghettoVCB.sh so a later `esxcli software vib install` inside the host finds the same payload.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPath, LAB_DIR } from './paths.ts';

export const STAND_IN = join(dirname(fileURLToPath(import.meta.url)), '..', 'ghettovcb', 'ghettoVCB.sh');
export const PAYLOAD = `${LAB_DIR}/ghettoVCB.sh`;
export const DATASTORE_DIR = '/vmfs/volumes/datastore1/ghettoVCB';
export const VIB_DIR = '/opt/ghettovcb';

export const GHETTOVCB_VIB = { name: 'ghettoVCB', version: '1.0.0-0.0.0', vendor: 'virtuallyGhetto', acceptance: 'CommunitySupported' };

/** Conf in the sample's key order; rotation 3 and snapshots not allowed, as on the site. */
export function ghettoVcbConf(backupVolume: string): string {
  return [
    `VM_BACKUP_VOLUME=${backupVolume}`,
    'DISK_BACKUP_FORMAT=thin',
    'VM_BACKUP_ROTATION_COUNT=3',
    'POWER_VM_DOWN_BEFORE_BACKUP=0',
    'ENABLE_HARD_POWER_OFF=0',
    'ITER_TO_WAIT_SHUTDOWN=3',
    'POWER_DOWN_TIMEOUT=5',
    'ENABLE_COMPRESSION=0',
    'VM_SNAPSHOT_MEMORY=0',
    'VM_SNAPSHOT_QUIESCE=0',
    'ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0',
    'ENABLE_NON_PERSISTENT_NFS=0',
    'UNMOUNT_NFS=0',
    'NFS_SERVER=',
    'NFS_VERSION=nfs',
    'NFS_MOUNT=',
    'NFS_LOCAL_NAME=',
    'NFS_VM_BACKUP_DIR=',
    'SNAPSHOT_TIMEOUT=15',
    'EMAIL_ALERT=0',
    'EMAIL_LOG=0',
    'WORKDIR_DEBUG=0',
    'VM_SHUTDOWN_ORDER=',
    'VM_STARTUP_ORDER=',
    '',
  ].join('\n');
}

export function cachePayload(root: string, scriptPath: string): void {
  copyFileSync(scriptPath, hostPath(root, PAYLOAD));
}

function installScript(root: string, dst: string): void {
  copyFileSync(hostPath(root, PAYLOAD), hostPath(root, dst));
  chmodSync(hostPath(root, dst), 0o755);
}

export function installDatastoreCopy(root: string, backupVolume: string): void {
  mkdirSync(hostPath(root, DATASTORE_DIR), { recursive: true });
  installScript(root, `${DATASTORE_DIR}/ghettoVCB.sh`);
  writeFileSync(hostPath(root, `${DATASTORE_DIR}/ghettoVCB.conf`), ghettoVcbConf(backupVolume));
}

/** VIB layout since 2020-12-28 (ghettovcb.md 11.1). */
export function installVib(root: string): void {
  mkdirSync(hostPath(root, `${VIB_DIR}/bin`), { recursive: true });
  installScript(root, `${VIB_DIR}/bin/ghettoVCB.sh`);
  writeFileSync(hostPath(root, `${VIB_DIR}/ghettoVCB.conf`), ghettoVcbConf('/vmfs/volumes/mini-local-datastore-hdd/backups'));
  writeFileSync(hostPath(root, `${VIB_DIR}/ghettoVCB-vm_backup_configuration_template`), 'VM_BACKUP_VOLUME=/vmfs/volumes/dlgCore-NFS-bigboi.VM-Backups/WILLIAM_BACKUPS\nDISK_BACKUP_FORMAT=thin\nVM_BACKUP_ROTATION_COUNT=3\n');
  chmodSync(hostPath(root, VIB_DIR), 0o1777);
}
