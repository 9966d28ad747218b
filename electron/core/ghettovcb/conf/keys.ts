/**
 * The keys ghettoVCB 2025_10_30 reads from a `-g`/`-c` file (reference section 2.3), with what each accepts.
 * `perVm`: the per-VM template's keys (section 2.4) — every per-VM file must set all of them, because a
 * per-VM file is sourced on top of whatever the previous VM's file left behind.
 * `runWide`: read once per run; setting it in a per-VM file has no effect on that VM.
 */
export type ConfKeyKind =
  | { type: 'bool' }
  | { type: 'int'; min: number; max?: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'path' }
  | { type: 'list' }
  | { type: 'text' };

export interface ConfKey {
  readonly name: string;
  readonly kind: ConfKeyKind;
  /** Value embedded in ghettoVCB.sh, used when no conf sets the key. */
  readonly scriptDefault: string;
  readonly perVm: boolean;
  readonly runWide: boolean;
  /** Documented, but the script ignores it when set from a conf file. */
  readonly noEffect?: boolean;
}

const bool = { type: 'bool' } as const;
const text = { type: 'text' } as const;
const list = { type: 'list' } as const;
const minutes = { type: 'int', min: 1 } as const;

function key(name: string, kind: ConfKeyKind, scriptDefault: string, flags: Partial<Pick<ConfKey, 'perVm' | 'runWide' | 'noEffect'>> = {}): ConfKey {
  return { name, kind, scriptDefault, perVm: flags.perVm ?? false, runWide: flags.runWide ?? false, ...(flags.noEffect ? { noEffect: true } : {}) };
}

export const DISK_FORMATS = ['zeroedthick', '2gbsparse', 'thin', 'eagerzeroedthick'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

export const CONF_KEYS: readonly ConfKey[] = [
  key('VM_BACKUP_VOLUME', { type: 'path' }, '/vmfs/volumes/mini-local-datastore-hdd/backups', { perVm: true }),
  key('DISK_BACKUP_FORMAT', { type: 'enum', values: DISK_FORMATS }, 'thin', { perVm: true }),
  key('VM_BACKUP_ROTATION_COUNT', { type: 'int', min: 1 }, '3', { perVm: true }),
  key('POWER_VM_DOWN_BEFORE_BACKUP', bool, '0', { perVm: true }),
  key('ENABLE_HARD_POWER_OFF', bool, '0', { perVm: true }),
  key('ITER_TO_WAIT_SHUTDOWN', minutes, '3', { perVm: true }),
  key('POWER_DOWN_TIMEOUT', minutes, '5', { perVm: true }),
  key('SNAPSHOT_TIMEOUT', minutes, '15', { perVm: true }),
  key('ENABLE_COMPRESSION', bool, '0', { perVm: true }),
  key('VM_SNAPSHOT_MEMORY', bool, '0', { perVm: true }),
  key('VM_SNAPSHOT_QUIESCE', bool, '0', { perVm: true }),
  key('VMDK_FILES_TO_BACKUP', list, 'all', { perVm: true }),
  key('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP', bool, '0'),
  key('ENABLE_NON_PERSISTENT_NFS', bool, '0', { runWide: true }),
  key('UNMOUNT_NFS', bool, '0', { runWide: true }),
  key('NFS_SERVER', text, '172.51.0.192', { runWide: true }),
  key('NFS_VERSION', { type: 'enum', values: ['nfs', 'nfsv41'] }, 'nfs', { runWide: true }),
  key('NFS_MOUNT', text, '/upload', { runWide: true }),
  key('NFS_LOCAL_NAME', text, 'backup', { runWide: true }),
  key('NFS_VM_BACKUP_DIR', text, 'mybackups', { runWide: true }),
  key('EMAIL_ALERT', bool, '0', { runWide: true }),
  key('EMAIL_LOG', bool, '0'),
  key('EMAIL_DELAY_INTERVAL', { type: 'int', min: 0 }, '1', { runWide: true }),
  key('EMAIL_SERVER', text, 'auroa.primp-industries.com', { runWide: true }),
  key('EMAIL_SERVER_PORT', { type: 'int', min: 1, max: 65535 }, '25', { runWide: true }),
  key('EMAIL_USER_NAME', text, '', { runWide: true }),
  key('EMAIL_USER_PASSWORD', text, '', { runWide: true }),
  key('EMAIL_FROM', text, 'root@ghettoVCB', { runWide: true }),
  key('EMAIL_TO', list, 'auroa@primp-industries.com', { runWide: true }),
  key('EMAIL_ERRORS_TO', list, '', { runWide: true }),
  key('VM_SHUTDOWN_ORDER', list, ''),
  key('VM_STARTUP_ORDER', list, ''),
  key('RSYNC_LINK', bool, '0'),
  key('BACKUP_FILES_CHMOD', text, ''),
  key('ENABLE_NFS_IO_HACK', bool, '0'),
  key('NFS_IO_HACK_LOOP_MAX', { type: 'int', min: 1 }, '10'),
  key('NFS_IO_HACK_SLEEP_TIMER', { type: 'int', min: 0 }, '60'),
  key('NFS_BACKUP_DELAY', { type: 'int', min: 0 }, '0'),
  key('WORKDIR_DEBUG', bool, '0', { noEffect: true }),
  key('LOG_LEVEL', { type: 'enum', values: ['info', 'debug', 'dryrun'] }, 'info', { runWide: true }),
  key('VM_BACKUP_DIR_NAMING_CONVENTION', text, '$(date +%F_%H-%M-%S)', { runWide: true }),
  key('ADDITIONAL_ROTATION_PATH', text, '', { noEffect: true }),
  key('EMAIL_DEBUG', bool, '0', { noEffect: true }),
];

/** VM_BACKUP_VOLUME values from the author's lab: the script's default and the shipped sample conf's. */
export const EXAMPLE_BACKUP_VOLUMES: readonly string[] = [
  '/vmfs/volumes/mini-local-datastore-hdd/backups',
  '/vmfs/volumes/dlgCore-NFS-bigboi.VM-Backups/WILLIAM_BACKUPS',
];

const BY_NAME = new Map(CONF_KEYS.map((k) => [k.name, k]));

export function confKey(name: string): ConfKey | undefined {
  return BY_NAME.get(name);
}

export const PER_VM_KEYS: readonly string[] = CONF_KEYS.filter((k) => k.perVm).map((k) => k.name);

/** Variables of the script that a sourced file can overwrite although they are not settings (section 2.3). */
export const NOT_SETTINGS: readonly string[] = ['LOG_OUTPUT', 'JOBNAME', 'WORKDIR'];
