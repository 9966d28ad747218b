import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GhettoVcbLogParser } from '../../electron/core/ghettovcb/log/parser.ts';
import { renderLines, type LogTemplateId } from '../../electron/core/ghettovcb/log/templates.ts';

/**
 * Log parser throughput on ~100 MB of synthetic but realistic ghettoVCB logs (many appended runs, info and
 * debug level, `\r` progress lines, the usual failures), streamed from files in chunks, against
 * `grep -c -- '-- info:'` over the same files in the same run.
 */
const TARGET_BYTES = 100 * 1024 * 1024;
const FILES = 10;

/** Small deterministic PRNG so every run measures the same corpus. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONFIG_KEYS: [string, string][] = [
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

function syntheticRun(rand: () => number, day: number): string {
  const date = `2025-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
  let clock = 4 * 3600 + 30 * 60;
  const ts = () => {
    clock += Math.floor(rand() * 40);
    const h = Math.floor(clock / 3600) % 24;
    const m = Math.floor(clock / 60) % 60;
    const s = clock % 60;
    return `${date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  };
  const debug = rand() < 0.15;
  const out: string[] = [];
  const line = (id: LogTemplateId, params: Record<string, string | number> = {}) => out.push(renderLines(id, ts(), params));
  const volume = '/vmfs/volumes/VM_backup_10.0.0.8';
  line('logStart');
  if (debug) {
    line('lockAcquired', { workdir: '/tmp/ghettoVCB.work' });
    line('hostVersion', { version: 'VMware ESXi 8.0.3 build-24022510' });
    line('hostLevel', { level: 'VMware ESXi 8.0.3 GA' });
    line('hostname', { hostname: 'esx08' });
  }
  line('globalConfigFile', { path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf' });
  line('configValue', { key: 'VERSION', value: '2025_10_30_1' });
  line('configValue', { key: 'GHETTOVCB_PID', value: 1000 + day });
  line('configValue', { key: 'VM_BACKUP_VOLUME', value: volume });
  for (const [key, value] of CONFIG_KEYS) line('configValue', { key, value });
  let ok = 0;
  let failed = 0;
  let vmdkFailed = 0;
  const vmCount = 3 + Math.floor(rand() * 10);
  for (let v = 0; v < vmCount; v++) {
    const vm = `vm-${v}-${v % 3 === 0 ? 'segreteria' : 'didattica'}`;
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
    line('snapshotCreate', { vm, snapshot: `ghettoVCB-snapshot-${date}` });
    const disks = 1 + Math.floor(rand() * 3);
    let diskError = false;
    for (let d = disks - 1; d >= 0; d--) {
      const source = `/vmfs/volumes/datastore1/${vm}/${vm}${d === 0 ? '' : `_${d}`}.vmdk`;
      if (debug) {
        line('findVmdkSearch', { disk: source });
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
      const last = fail ? Math.floor(rand() * 100) : 100;
      const steps: string[] = [];
      for (let p = 0; p <= last; p++) steps.push(`Clone: ${p}% done.`);
      out.push(steps.join('\r'));
      out.push(fail ? 'Failed to clone disk: There is not enough space on the file system for the selected operation (13).\n\n' : '\n\n');
      if (fail) {
        diskError = true;
        line('diskError', { source, vm });
      }
    }
    line('snapshotRemove', { vm });
    if (debug) line('rotationRemove', { path: `${volume}/${vm}/${vm}-2025-01-01_04-30-01` });
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
  if (debug) line('statusFlags', { ok, failed, vmdkFailed });
  line('finalStatus', { status });
  if (debug) line('lockRemoved', { workdir: '/tmp/ghettoVCB.work' });
  line('logEnd');
  return out.join('');
}

async function writeCorpus(dir: string): Promise<string[]> {
  const rand = prng(20251030);
  const files: string[] = [];
  let day = 0;
  for (let f = 0; f < FILES; f++) {
    const parts: string[] = [];
    let size = 0;
    while (size < TARGET_BYTES / FILES) {
      const run = syntheticRun(rand, day++);
      parts.push(run);
      size += run.length;
    }
    const file = join(dir, `host-${f}.log`);
    await writeFile(file, parts.join(''));
    files.push(file);
  }
  return files;
}

async function parseFiles(files: string[]): Promise<number> {
  let runs = 0;
  for (const file of files) {
    const parser = new GhettoVcbLogParser();
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) parser.feed(chunk as string);
    runs += parser.end().runs.length;
  }
  return runs;
}

function grepFiles(files: string[]): number {
  const result = spawnSync('grep', ['-c', '--', '-- info:', ...files], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`grep failed: ${result.stderr}`);
  return result.stdout.split('\n').reduce((sum, line) => sum + (Number(line.slice(line.lastIndexOf(':') + 1)) || 0), 0);
}

async function best<T>(times: number, work: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  let seconds = Infinity;
  let value!: T;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    value = await work();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds, value };
}

export default async function bench(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'custode-log-bench-'));
  try {
    const files = await writeCorpus(dir);
    let bytes = 0;
    for (const file of files) bytes += (await stat(file)).size;
    const mb = bytes / (1024 * 1024);
    await parseFiles(files.slice(0, 1)); // warm the JIT and the page cache
    grepFiles(files);
    const parser = await best(3, () => parseFiles(files));
    const grep = await best(3, () => grepFiles(files));
    const rate = mb / parser.seconds;
    return [
      `log-parse: ${mb.toFixed(1)} MB in ${parser.seconds.toFixed(2)} s = ${rate.toFixed(0)} MB/s (${parser.value} runs); ` +
        `grep -c ${grep.seconds.toFixed(2)} s (${grep.value} info lines); ratio parser/grep = ${(parser.seconds / grep.seconds).toFixed(1)}x`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
