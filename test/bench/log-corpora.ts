import { readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLines, type LogTemplateId } from '../../electron/core/ghettovcb/log/templates.ts';
import { prng } from './prng.ts';

/**
 * Log corpora of the shapes a parser meets in the field, written at bench time (never committed). Each shape
 * is a block of a few MB repeated to the target size: the parser keeps no state across runs that repetition
 * could flatter, and the block is large enough that the CPU caches do not hold it.
 */
export interface LogShape {
  name: string;
  /** What the shape stands for, printed as bench context. */
  about: string;
  block(): string;
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BLOCK_BYTES = 4 * 1024 * 1024;

const CONFIG_KEYS: [string, string][] = [
  ['VM_BACKUP_VOLUME', '/vmfs/volumes/VM_backup_10.0.0.8'],
  ['ENABLE_NON_PERSISTENT_NFS', '0'],
  ['VM_BACKUP_ROTATION_COUNT', '3'],
  ['DISK_BACKUP_FORMAT', 'thin'],
  ['POWER_VM_DOWN_BEFORE_BACKUP', '0'],
  ['ENABLE_HARD_POWER_OFF', '0'],
  ['ITER_TO_WAIT_SHUTDOWN', '3'],
  ['POWER_DOWN_TIMEOUT', '5'],
  ['SNAPSHOT_TIMEOUT', '15'],
  ['ENABLE_COMPRESSION', '0'],
  ['VM_SNAPSHOT_MEMORY', '0'],
  ['VM_SNAPSHOT_QUIESCE', '0'],
  ['ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP', '0'],
  ['VMDK_FILES_TO_BACKUP', 'all'],
  ['VM_SHUTDOWN_ORDER', ''],
  ['VM_STARTUP_ORDER', ''],
  ['RSYNC_LINK', '0'],
  ['BACKUP_FILES_CHMOD', ''],
  ['EMAIL_LOG', '0'],
  ['ENABLE_NFS_IO_HACK', '0'],
];

interface RunShape {
  vms: () => number;
  debug: boolean;
  /** Percent steps vmkfstools prints per disk (101 for a real `\r` line, 1 for a bare 100 %). */
  progressSteps: number;
  disks: () => number;
  /** Lines no template knows, per VM (tool noise, a wrapper script's own echoes). */
  noisePerVm: number;
}

const NOISE = [
  'Skipping invalid VM \'12\'',
  'vim-cmd: warning: connection to hostd slow, retrying',
  '2025-03-01 04:30:12 -- info: wrapper: nightly job for segreteria started by cron',
  'tar: removing leading / from member names',
  'INFO: rsync of /vmfs/volumes/VM_backup_10.0.0.8 to the offsite box queued',
  '   at /bin/sh line 1: 42 Killed                  sleep 60',
];

function runOf(shape: RunShape, rand: () => number, day: number): string {
  const date = `2025-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
  let clock = 4 * 3600 + 30 * 60;
  const ts = () => {
    clock += Math.floor(rand() * 40);
    const h = Math.floor(clock / 3600) % 24;
    const m = Math.floor(clock / 60) % 60;
    const s = clock % 60;
    return `${date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  };
  const out: string[] = [];
  const line = (id: LogTemplateId, params: Record<string, string | number> = {}) => out.push(renderLines(id, ts(), params));
  const volume = '/vmfs/volumes/VM_backup_10.0.0.8';
  line('logStart');
  if (shape.debug) {
    line('lockAcquired', { workdir: '/tmp/ghettoVCB.work' });
    line('hostVersion', { version: 'VMware ESXi 8.0.3 build-24022510' });
    line('hostLevel', { level: 'VMware ESXi 8.0.3 GA' });
    line('hostname', { hostname: 'esx08' });
  }
  line('globalConfigFile', { path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf' });
  line('configValue', { key: 'VERSION', value: '2025_10_30_1' });
  line('configValue', { key: 'GHETTOVCB_PID', value: 1000 + day });
  for (const [key, value] of CONFIG_KEYS) line('configValue', { key, value });
  let ok = 0;
  let failed = 0;
  let vmdkFailed = 0;
  const vmCount = shape.vms();
  for (let v = 0; v < vmCount; v++) {
    const vm = `vm-${v}-${v % 3 === 0 ? 'segreteria' : 'laboratorio informatica'}`;
    for (let n = 0; n < shape.noisePerVm; n++) out.push(`${NOISE[Math.floor(rand() * NOISE.length)]}\n`);
    const roll = rand();
    if (roll < 0.05) {
      line('snapshotSkip', { vm });
      failed = 1;
      continue;
    }
    if (roll < 0.07) {
      line('notFound', { vm });
      failed = 1;
      continue;
    }
    line('initiate', { vm });
    if (shape.debug) {
      for (const when of ['before', 'after'] as const) {
        line('storageHeader', { when });
        line('srcDatastore', { value: 'datastore1' });
        line('srcCapacity', { value: '1862.5' });
        line('srcFree', { value: '612.2' });
        line('srcBlocksize', { value: '1' });
        line('srcMaxFileSize', { value: '62 TB' });
        line('dstDatastore', { value: 'VM_backup_10.0.0.8' });
        line('dstCapacity', { value: '7450.6' });
        line('dstFree', { value: '3301.9' });
        line('dstBlocksize', { value: 'NA' });
        line('dstMaxFileSize', { value: 'NA' });
        if (when === 'before') break;
      }
      line('vmdkList', { list: `${vm}.vmdk###40,${vm}_1.vmdk###100` });
    }
    line('snapshotCreate', { vm, snapshot: `ghettoVCB-snapshot-${date}` });
    const disks = shape.disks();
    let diskError = false;
    for (let d = disks - 1; d >= 0; d--) {
      const source = `/vmfs/volumes/datastore1/${vm}/${vm}${d === 0 ? '' : `_${d}`}.vmdk`;
      if (shape.debug) {
        line('findVmdkSearch', { disk: source });
        line('findVmdkFound', { disk: source });
        line('cloneCommand', {
          vmkfstools: '/sbin/vmkfstools',
          source,
          adapter: '-a "pvscsi"',
          format: '-d "thin"',
          destination: `${volume}/${vm}/${vm}-${date}_04-30-01/${vm}.vmdk`,
        });
      }
      out.push(`Destination disk format: VMFS thin-provisioned\nCloning disk '${source}'...\n`);
      const fail = rand() < 0.02;
      const stop = fail ? Math.floor(rand() * 100) : 100;
      const steps: string[] = [];
      for (let i = 0; i < shape.progressSteps; i++) {
        const percent = shape.progressSteps === 1 ? 100 : Math.round((i * 100) / (shape.progressSteps - 1));
        if (percent > stop) break;
        steps.push(`Clone: ${percent}% done.`);
      }
      out.push(steps.join('\r'));
      out.push(fail ? '\rFailed to clone disk: There is not enough space on the file system for the selected operation (13).\n\n' : '\n\n');
      if (fail) {
        diskError = true;
        line('diskError', { source, vm });
      }
    }
    line('snapshotRemove', { vm });
    if (shape.debug) line('rotationRemove', { path: `${volume}/${vm}/${vm}-2025-01-01_04-30-01` });
    line('durationMinutes', { value: (rand() * 30).toFixed(2) });
    if (diskError) {
      line('resultVmdkError', { vm });
      vmdkFailed = 1;
    } else {
      line('resultOk', { vm });
      ok = 1;
    }
  }
  const status =
    ok && !failed && !vmdkFailed
      ? 'All VMs backed up OK!'
      : ok && failed && vmdkFailed
        ? 'ERROR: Only some of the VMs backed up, and some disk(s) failed!'
        : ok && failed
          ? 'ERROR: Only some of the VMs backed up!'
          : ok
            ? 'WARNING: All VMs backed up, but some disk(s) failed!'
            : 'ERROR: All VMs failed!';
  if (shape.debug) line('statusFlags', { ok, failed, vmdkFailed });
  line('finalStatus', { status });
  if (shape.debug) line('lockRemoved', { workdir: '/tmp/ghettoVCB.work' });
  line('logEnd');
  return out.join('');
}

function synthetic(shape: RunShape, seed: number): () => string {
  return () => {
    const rand = prng(seed);
    const parts: string[] = [];
    let size = 0;
    for (let day = 0; size < BLOCK_BYTES; day++) {
      const run = runOf(shape, rand, day);
      parts.push(run);
      size += run.length;
    }
    return parts.join('');
  };
}

/** The real logs under test/fixtures (README samples, issue excerpts, logs the real script wrote on the lab). */
export function fixtureLogs(): string[] {
  const dir = join(repo, 'test/fixtures/ghettovcb/logs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

export const LOG_SHAPES: readonly LogShape[] = [
  {
    name: 'short runs',
    about: 'many short runs: 5 VMs, info level, one `Clone: 100%` per disk',
    block: synthetic({ vms: () => 5, debug: false, progressSteps: 1, disks: () => 1, noisePerVm: 0 }, 1),
  },
  {
    name: 'long runs',
    about: 'few long runs: 400 VMs each, info level, 1-3 disks, 11 progress steps',
    block: synthetic({ vms: () => 400, debug: false, progressSteps: 11, disks: () => 2, noisePerVm: 0 }, 2),
  },
  {
    name: 'debug level',
    about: 'debug level: storage figures, findVMDK, vmkfstools command lines',
    block: synthetic({ vms: () => 8, debug: true, progressSteps: 11, disks: () => 2, noisePerVm: 0 }, 3),
  },
  {
    name: 'long progress',
    about: 'long `\\r` lines: 101 progress steps per disk, 4 disks per VM',
    block: synthetic({ vms: () => 6, debug: false, progressSteps: 101, disks: () => 4, noisePerVm: 0 }, 4),
  },
  {
    name: 'unrecognised',
    about: 'unrecognised lines: 6 lines of other tools and wrappers per VM',
    block: synthetic({ vms: () => 6, debug: false, progressSteps: 1, disks: () => 1, noisePerVm: 6 }, 5),
  },
  {
    name: 'real fixtures',
    about: 'the real fixture logs of test/fixtures/ghettovcb/logs, concatenated and repeated',
    block: () => {
      const one = fixtureLogs()
        .map((text) => (text.endsWith('\n') ? text : `${text}\n`))
        .join('');
      return one.repeat(Math.max(1, Math.ceil(BLOCK_BYTES / one.length)));
    },
  },
];

/** Writes `block` repeated until the file holds at least `bytes`; returns the size written. */
export async function writeCorpus(path: string, block: string, bytes: number): Promise<number> {
  const data = Buffer.from(block, 'utf8');
  const file = await open(path, 'w');
  let written = 0;
  try {
    while (written < bytes) {
      await file.write(data);
      written += data.length;
    }
  } finally {
    await file.close();
  }
  return written;
}
