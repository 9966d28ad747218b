/**
 * Every line format ghettoVCB 2025_10_30 (and the vmkfstools/busybox output mixed into its logs) writes,
 * as data. The parser compiles these; the lab's ghettoVCB stand-in renders them, so both sides agree by
 * construction. Source: ../shared/reference/ghettovcb.md sections 3.2, 5 and 9.7, checked against
 * `ghettoVCB.sh` at commit 0f21884 (typos such as "Succesfully", "occured", "powerdOff" are the script's).
 *
 * A timestamped line is `<YYYY-MM-DD> <HH:MM:SS> -- <level>: <message>`; `raw` lines carry no prefix
 * (vmkfstools output, stdout-only echoes). `blankAfter`: the script's message ends in `\n` and `echo -e`
 * therefore leaves an empty line after it. Placeholders are `{name}`; a name used twice must hold the same
 * value (`powerOffFailed`).
 */
export type LogLevel = 'info' | 'debug' | 'dryrun';

export interface LogTemplate {
  readonly level: LogLevel | 'raw';
  readonly text: string;
  readonly blankAfter?: boolean;
}

function t(level: LogLevel | 'raw', text: string, blankAfter = false): LogTemplate {
  return blankAfter ? { level, text, blankAfter } : { level, text };
}

export const LOG_TEMPLATES = {
  // --- run frame, lock, host (section 5.2, 5.4, 8)
  logStart: t('info', '============================== ghettoVCB LOG START ==============================', true),
  logEnd: t('info', '============================== ghettoVCB LOG END ================================', true),
  lockAcquired: t('debug', 'Succesfully acquired lock directory - {workdir}', true),
  lockRemoved: t('debug', 'Succesfully removed lock directory - {workdir}', true),
  lockFailed: t('info', 'Failed to acquire lock, another instance of script may be running, giving up on {workdir}', true),
  workdirKept: t('info', 'Workdir: {workdir} will not! be removed on exit'),
  loggingTo: t('raw', 'Logging output to "{path}" ...'),
  hostVersion: t('debug', 'HOST VERSION: {version}'),
  hostLevel: t('debug', 'HOST LEVEL: {level}'),
  hostname: t('debug', 'HOSTNAME: {hostname}', true),
  nfsMount: t('debug', 'Mounting NFS: {source} to /vmfs/volume/{name}'),
  globalConfigFile: t('info', 'CONFIG - USING GLOBAL GHETTOVCB CONFIGURATION FILE = {path}'),
  vmConfigFile: t('info', 'CONFIG - USING CONFIGURATION FILE = {path}'),
  /** One line of the CONFIG dump; the first key of every dump is VERSION (section 5.2 item 7). */
  configValue: t('info', 'CONFIG - {key} = {value}'),
  multiextent: t('info', 'multiextent VMkernel module is not loaded & is required for 2gbsparse, enabling ...'),
  shutdownOrder: t('debug', 'VM Shutdown Order: {list}', true),
  shutdownError: t('debug', 'Error unable to shutdown VM {vm}', true),
  startupOrder: t('debug', 'VM Startup Order: {list}', true),

  // --- pre-flight refusals (section 3.2); runs that stop here exit 1
  notRoot: t('info', 'This script needs to be executed by "root"!'),
  notRootEcho: t('raw', 'ERROR: This script needs to be executed by "root"!'),
  badVmList: t('info', 'ERROR: "{path}" is not valid VM input file!'),
  badExclusionList: t('info', 'ERROR: "{path}" is not valid VM exclusion input file!'),
  badConfigDir: t('info', 'ERROR: "{path}" is not valid directory!'),
  badGlobalConfig: t('info', 'ERROR: "{path}" is not valid global configuration file!'),
  noVimCmd: t('info', 'ERROR: Unable to locate *vimsh*!'),
  unsupportedVersion: t('raw', 'ESX(i) version not supported!'),
  argumentCount: t('info', 'ERROR: Incorrect number of arguments!'),
  optionMissingArgument: t('raw', 'Option -{flag} requires an argument.'),
  unsafeWorkdir: t('raw', 'ERROR: Refusing to run with unsafe workdir {workdir}'),
  noBackupVolume: t('info', 'ERROR: Variable VM_BACKUP_VOLUME was not defined'),
  badNfsBackupDir: t(
    'info',
    'ERROR: Variable BACKUP_DIR was not set properly, please ensure all required variables for non-persistent NFS backup option has been defined',
  ),
  backupDirNotCreated: t('info', 'Unable to create "{path}"! - Ensure VM_BACKUP_VOLUME was defined correctly'),
  mkdirFailed: t('raw', "mkdir: can't create directory '{path}': {reason}"),

  // --- per VM, before the copy (section 5.3)
  excluded: t('debug', 'Ignoring {vm} for backup since it is located in exclusion file or problem list', true),
  problemVm: t('info', 'Ignoring {vm} as a problem VM', true),
  notFound: t('info', 'ERROR: failed to locate and extract VM_ID for {vm}!', true),
  storageHeader: t('debug', 'Storage Information {when} backup: '),
  srcDatastore: t('debug', 'SRC_DATASTORE: {value}'),
  srcCapacity: t('debug', 'SRC_DATASTORE_CAPACITY: {value} GB'),
  srcFree: t('debug', 'SRC_DATASTORE_FREE: {value} GB'),
  srcBlocksize: t('debug', 'SRC_DATASTORE_BLOCKSIZE: {value}'),
  srcMaxFileSize: t('debug', 'SRC_DATASTORE_MAX_FILE_SIZE: {value}'),
  dstDatastore: t('debug', 'DST_DATASTORE: {value}'),
  dstCapacity: t('debug', 'DST_DATASTORE_CAPACITY: {value} GB'),
  dstFree: t('debug', 'DST_DATASTORE_FREE: {value} GB'),
  dstBlocksize: t('debug', 'DST_DATASTORE_BLOCKSIZE: {value}'),
  dstMaxFileSize: t('debug', 'DST_DATASTORE_MAX_FILE_SIZE: {value}'),
  /** #129: the capacity grep also matches maxVirtualDiskCapacity, so a bare second value follows. */
  capacityContinuation: t('raw', '{value} GB'),
  blocksizeWarning: t(
    'debug',
    'SRC VMFS blocksze of {src}MB is less than DST VMFS blocksize of {dst}MB which can be an issue for VM snapshots',
  ),
  snapshotSkip: t('info', 'Snapshot found for {vm}, backup will not take place', true),
  snapshotConsolidate: t('info', 'Snapshot found for {vm}, consolidating ALL snapshots now (this can take awhile) ...', true),
  vmdkList: t('debug', 'getVMDKs() - {list}'),
  vmdkNotFound: t('info', 'WARNING: {disk} not found in VMDKs for {vm}'),
  noValidVmdks: t('info', 'ERROR: No valid VMDKs in list of VMDKs to backup for {vm}'),
  powerOffStart: t('info', 'Powering off initiated for {vm}, backup will not begin until VM is off...'),
  powerOffWait: t('info', 'VM is still on - Iteration: {iteration} - sleeping for 60secs (Duration: {seconds} seconds)'),
  hardPowerOff: t('info', 'Hard power off occured for {vm}, waited for {seconds} seconds'),
  powerOffFailed: t('info', 'Unable to power off {vm}, waited for {seconds} seconds! Ignoring {vm} for backup!'),
  poweredOff: t('info', 'VM is powerdOff'),
  backupFailed: t('info', 'ERROR: Failed to backup {vm}!', true),
  lookupFailed: t('info', 'ERROR: Failed to lookup {vm}!', true),

  // --- per VM, the copy
  initiate: t('info', 'Initiate backup for {vm}'),
  snapshotCreate: t('info', 'Creating Snapshot "{snapshot}" for {vm}'),
  snapshotWait: t('debug', 'Waiting for snapshot "{snapshot}" to be created'),
  snapshotTimeoutSet: t('debug', 'Snapshot timeout set to: {seconds} seconds'),
  snapshotWaitIteration: t(
    'debug',
    'Waiting for snapshot creation to be completed - Iteration: {iteration} - sleeping for 60secs (Duration: {seconds} seconds)',
  ),
  snapshotTimedOut: t('info', 'Snapshot timed out, failed to create snapshot: "{snapshot}" for {vm}'),
  findVmdkSearch: t('debug', 'findVMDK() - Searching for VMDK: "{disk}" to backup'),
  findVmdkFound: t('debug', 'findVMDK() - Found VMDK! - "{disk}" to backup'),
  /** `{adapter}` is `-a "<type>"` or empty, `{format}` is `-d "<fmt>"` or empty (ESXi 8/9 zeroedthick). */
  cloneCommand: t('debug', '{vmkfstools} -i "{source}" {adapter} {format} "{destination}"'),
  diskError: t('info', 'ERROR: error in backing up of "{source}" for {vm}'),
  physicalRdm: t('info', 'WARNING: A physical RDM "{source}" was found for {vm}, which will not be backed up'),
  /** The script really writes a backslash instead of the closing quote. */
  wrongFormat: t('info', 'ERROR: wrong DISK_BACKUP_FORMAT "{format}\\ specified for {vm}'),
  snapshotRemove: t('info', 'Removing snapshot from {vm} ...'),
  powerBackOn: t('info', 'Powering back on {vm}'),
  compressing: t('info', 'Compressing VM backup "{archive}"...'),
  compressed: t('info', 'Successfully compressed backup for {vm}!', true),
  compressFailed: t('info', 'Error in compressing {vm}!', true),
  rotationRemove: t('debug', 'Removing {path}'),
  rotationDeleted: t('info', 'Deleted {path}'),
  rotationMoved: t('info', 'Moved {from} to {to}'),
  rotationDeleteFailed: t('info', 'Failure deleting {path}'),
  rotationMoveFailed: t('info', 'Failure moving {from} to {to}'),
  nfsHackOk: t('info', 'Slept {seconds} seconds to work around NFS I/O error'),
  nfsHackFailed: t('info', 'Slept {seconds} seconds but failed work around for NFS I/O error'),
  /** Up to 60 s the duration is whole seconds, above that decimal minutes (1.83 = 1 min 50 s, #164). */
  durationSeconds: t('info', 'Backup Duration: {value} Seconds'),
  durationMinutes: t('info', 'Backup Duration: {value} Minutes'),
  resultSnapshotError: t('info', 'ERROR: Unable to backup {vm} due to snapshot creation!', true),
  resultVmdkError: t('info', 'ERROR: Unable to backup {vm} due to error in VMDK backup!', true),
  resultIndependent: t('info', 'WARN: {vm} has some Independent VMDKs that can not be backed up!', true),
  resultOk: t('info', 'Successfully completed backup for {vm}!', true),
  symlink: t('info', 'Creating symlink "{link}" to "{target}"'),

  // --- vmkfstools output, appended raw after each disk (section 9.7)
  adapterDeprecated: t('raw', 'Option --adaptertype is deprecated and hence will be ignored'),
  destinationFormat: t('raw', 'Destination disk format: {format}'),
  cloning: t('raw', "Cloning disk '{source}'..."),
  /** Repeated with `\r` between steps on one line; a failure message follows the last step without a newline. */
  cloneProgress: t('raw', 'Clone: {percent}% done.'),
  cloneFailed: t('raw', 'Failed to clone disk: {reason} ({code}).'),
  /** vim-cmd getallvms noise on stdout (#270). */
  invalidVmSkipped: t('raw', "Skipping invalid VM '{id}'"),

  // --- end of run (section 5.4, 5.5)
  startupPowerOn: t('info', 'Powering on initiated for {vm}'),
  startupWait: t('info', 'VM is still not booted - Iteration: {iteration} - sleeping for 60secs (Duration: {seconds} seconds)'),
  startupNoTools: t('info', 'Unable to detect started tools on {vm}, waited for {seconds} seconds!'),
  startupPoweredOn: t('info', 'VM is powerdOn'),
  startupFailed: t('info', 'Unable to detect fully powered on VM {vm}', true),
  unmountWait: t('debug', 'Sleeping for 30seconds before unmounting NFS volume'),
  statusFlags: t('debug', 'VM_OK:{ok}, VM_FAILED:{failed}, VMDK_FAILED:{vmdkFailed}'),
  finalStatus: t('info', '###### Final status: {status} ######', true),
  emailFirewall: t('info', 'ERROR: Please enable firewall rule for email traffic on port {port}', true),
  emailFirewallHelp: t('info', 'Please refer to ghettoVCB documentation for ESXi 5 firewall configuration', true),
  emailFailed: t('info', 'ERROR: Failed to email log output to {server} to {recipients}', true),

  // --- dryrun block, one per VM (section 5.6)
  dryrunRule: t('dryrun', '###############################################'),
  dryrunVm: t('dryrun', 'Virtual Machine: {vm}'),
  dryrunVmId: t('dryrun', 'VM_ID: {value}'),
  dryrunVmxPath: t('dryrun', 'VMX_PATH: {value}'),
  dryrunVmxDir: t('dryrun', 'VMX_DIR: {value}'),
  dryrunVmxConf: t('dryrun', 'VMX_CONF: {value}'),
  dryrunVmfsVolume: t('dryrun', 'VMFS_VOLUME: {value}'),
  dryrunVmdks: t('dryrun', 'VMDK(s): '),
  dryrunIndependentVmdks: t('dryrun', 'INDEPENDENT VMDK(s): '),
  /** One per disk under the two headers above; the README's copy shows the tabs as spaces. */
  dryrunDisk: t('dryrun', '\t{disk}\t{size} GB'),
  dryrunTotal: t('dryrun', 'TOTAL_VM_SIZE_TO_BACKUP: {size} GB'),
  dryrunIndependentNote: t('dryrun', 'Snapshots can not be taken for independent disks!'),
  dryrunIndependentVerdict: t('dryrun', 'THIS VIRTUAL MACHINE WILL NOT HAVE ALL ITS VMDKS BACKED UP!'),
  dryrunSnapshotNote: t('dryrun', 'Snapshots found for this VM, please commit all snapshots before continuing!'),
  dryrunSnapshotVerdict: t('dryrun', 'THIS VIRTUAL MACHINE WILL NOT BE BACKED UP DUE TO EXISTING SNAPSHOTS!'),
  dryrunSnapshotConsolidate: t('dryrun', 'Snapshots found for this VM, ALL EXISTING SNAPSHOTS WILL BE CONSOLIDATED PRIOR TO BACKUP!'),
  dryrunEmptyVerdict: t('dryrun', 'THIS VIRTUAL MACHINE WILL NOT BE BACKED UP DUE TO EMPTY VMDK LIST!'),
} as const satisfies Record<string, LogTemplate>;

export type LogTemplateId = keyof typeof LOG_TEMPLATES;

/** The exact Final status texts and the exit code `getFinalStatus` pairs with each (section 5.5). */
export const FINAL_STATUS_EXIT_CODES: Readonly<Record<string, number>> = {
  'OK, only a dryrun.': 0,
  'All VMs backed up OK!': 0,
  'WARNING: All VMs backed up, but some disk(s) failed!': 3,
  'ERROR: Only some of the VMs backed up!': 4,
  'ERROR: Only some of the VMs backed up, and some disk(s) failed!': 5,
  'ERROR: All VMs failed!': 6,
  'ERROR: No VMs backed up!': 7,
  'ERROR: All VMs experienced at least a partial failure!': 8,
};

/** Fills a template's placeholders; a missing parameter is an error in the caller. */
export function renderMessage(id: LogTemplateId, params: Readonly<Record<string, string | number>> = {}): string {
  return LOG_TEMPLATES[id].text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`renderMessage(${id}): missing {${name}}`);
    return String(value);
  });
}

/** `2025-11-02 01:00:02 -- info: <message>`, as `logger()` in ghettoVCB.sh prints it. */
export function formatLogLine(timestamp: string, level: LogLevel, message: string): string {
  return `${timestamp} -- ${level}: ${message}`;
}

/**
 * The lines one template produces in the log file, `\n`-terminated, including the blank line a message
 * ending in `\n` leaves behind. Raw templates ignore the timestamp.
 */
export function renderLines(id: LogTemplateId, timestamp: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template: LogTemplate = LOG_TEMPLATES[id];
  const message = renderMessage(id, params);
  const line = template.level === 'raw' ? message : formatLogLine(timestamp, template.level, message);
  return template.blankAfter ? `${line}\n\n` : `${line}\n`;
}
