/**
 * Nightly ghettoVCB logs written out literally, line by line as ghettoVCB.sh prints them (info or debug level,
 * vmkfstools progress joined with `\r`, failures, dry runs, runs killed mid-copy). The tests know what each
 * generated night holds (which VM, which outcome), so expectations are facts of the input, not parser output.
 */
export type GenOutcome = 'ok' | 'snapshot' | 'vmdk';

export interface GenVm {
  name: string;
  outcome: GenOutcome;
}

export interface GenNight {
  host: string;
  /** Start of the run, UTC. */
  start: Date;
  vms: GenVm[];
  level?: 'info' | 'debug';
  dryrun?: boolean;
  /** Killed while copying the first VM: no Final status, no LOG END. */
  aborted?: boolean;
  /** Steps of `Clone: N% done.` per disk (100 = the long single line real logs have). */
  progressSteps?: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
export const stamp = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

export function nightlyLog(night: GenNight): string {
  const level = night.level ?? 'info';
  let t = night.start.getTime();
  const out: string[] = [];
  const at = (): string => stamp(new Date(t));
  const info = (message: string): void => void out.push(`${at()} -- info: ${message}`);
  const debug = (message: string): void => void (level === 'debug' && out.push(`${at()} -- debug: ${message}`));
  const day = stamp(night.start).slice(0, 10);
  info('============================== ghettoVCB LOG START ==============================');
  out.push('');
  debug(`HOST VERSION: VMware ESXi 8.0.3 build-24022510`);
  debug(`HOSTNAME: ${night.host}`);
  out.push('');
  info('CONFIG - VERSION = 2025_10_30_1');
  info(`CONFIG - GHETTOVCB_PID = ${1000 + (night.start.getTime() / 1000) % 50000}`);
  info(`CONFIG - VM_BACKUP_VOLUME = /vmfs/volumes/VM_backup_${night.host}`);
  info(`CONFIG - LOG_LEVEL = ${night.dryrun ? 'dryrun' : level}`);
  info('CONFIG - DISK_BACKUP_FORMAT = thin');
  info('CONFIG - VM_BACKUP_ROTATION_COUNT = 3');
  const steps = night.progressSteps ?? 100;
  let okCount = 0;
  for (const vm of night.vms) {
    t += 2000;
    if (night.dryrun) {
      out.push(`${at()} -- dryrun: ###############################################`);
      out.push(`${at()} -- dryrun: Virtual Machine: ${vm.name}`);
      out.push(`${at()} -- dryrun: VM_ID: ${10 + okCount}`);
      out.push(`${at()} -- dryrun: TOTAL_VM_SIZE_TO_BACKUP: 40 GB`);
      out.push(`${at()} -- dryrun: ###############################################`);
      out.push('');
      okCount++;
      continue;
    }
    if (vm.outcome === 'snapshot') {
      info(`Snapshot found for ${vm.name}, backup will not take place`);
      out.push('');
      continue;
    }
    info(`Initiate backup for ${vm.name}`);
    info(`Creating Snapshot "ghettoVCB-snapshot-${day}" for ${vm.name}`);
    debug(`/sbin/vmkfstools -i "/vmfs/volumes/datastore1/${vm.name}/${vm.name}.vmdk" -a "lsilogic" -d "thin" "/vmfs/volumes/VM_backup_${night.host}/${vm.name}/${vm.name}-${day}_04-30-01/${vm.name}.vmdk"`);
    out.push('Destination disk format: VMFS thin-provisioned');
    out.push(`Cloning disk '/vmfs/volumes/datastore1/${vm.name}/${vm.name}.vmdk'...`);
    const last = night.aborted ? 37 : 100;
    const progress = Array.from({ length: Math.min(steps, last) + 1 }, (_, i) => `Clone: ${Math.round((i * last) / Math.min(steps, last))}% done.`).join('\r');
    if (night.aborted) {
      out.push(progress);
      return `${out.join('\n')}\n`;
    }
    if (vm.outcome === 'vmdk') {
      out.push(`${progress}Failed to clone disk: There is not enough space on the file system for the selected operation (13).`);
      out.push('');
      t += 60_000;
      info(`ERROR: error in backing up of "/vmfs/volumes/datastore1/${vm.name}/${vm.name}.vmdk" for ${vm.name}`);
      info(`Removing snapshot from ${vm.name} ...`);
      info('Backup Duration: 1.02 Minutes');
      info(`ERROR: Unable to backup ${vm.name} due to error in VMDK backup!`);
      out.push('');
      continue;
    }
    out.push(progress);
    out.push('');
    t += 300_000;
    info(`Removing snapshot from ${vm.name} ...`);
    info('Backup Duration: 5.00 Minutes');
    info(`Successfully completed backup for ${vm.name}!`);
    out.push('');
    okCount++;
  }
  t += 1000;
  const failed = night.vms.length - okCount;
  const status = night.dryrun ? 'OK, only a dryrun.' : failed === 0 ? 'All VMs backed up OK!' : okCount === 0 ? 'ERROR: All VMs failed!' : 'ERROR: Only some of the VMs backed up!';
  info(`###### Final status: ${status} ######`);
  out.push('');
  info('============================== ghettoVCB LOG END ================================');
  out.push('');
  return `${out.join('\n')}\n`;
}

/**
 * A log of at least `lines` lines as a `-l` file grows: one run appended every night, going back from `last`,
 * five VMs a night (one of them a failed disk copy every tenth night).
 */
export function hugeLog(host: string, lines: number, last = new Date(Date.UTC(2026, 0, 10, 4, 30, 1))): string {
  const nights: string[] = [];
  let count = 0;
  for (let d = 0; count < lines; d++) {
    const vms = ['dc01', 'files', 'app', 'web.01', 'test'].map((n, i) => ({ name: `${host}-${n}`, outcome: (d % 10 === 0 && i === 1 ? 'vmdk' : 'ok') as GenOutcome }));
    const text = nightlyLog({ host, start: new Date(last.getTime() - d * 86400_000), vms, progressSteps: 4 });
    nights.push(text);
    count += text.split('\n').length - 1;
  }
  return nights.reverse().join('');
}
