import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { harvest, type HostHarvest } from '../../../electron/core/logs/harvest.ts';
import { LogCatalog } from '../../../electron/core/logs/log-catalog.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { RunDetail, RunRow, SearchResult } from '../../../shared/ipc/logs.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';
import { nightlyLog } from '../../unit/logs/log-generator.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[logs harvest] skipped: ${skip}`);

/**
 * The harvest end to end through the app's contract against the seed lab: three seeded nights of five hosts read
 * from the NAS's datasets, nothing fetched twice, a new night fetched once, and a stopped host still browsable.
 */
describe.skipIf(skip !== null)('log harvest against the seed lab', () => {
  let lab: Lab;
  let core: Core;
  let dataDir: string;
  const signal = new AbortController().signal;

  const { call, job } = coreCalls(() => core);
  const sync = async (): Promise<Map<string, HostHarvest>> => {
    const result = await job('logs.sync', {});
    expect(result.state).toBe('succeeded');
    return new Map((result.result as HostHarvest[]).map((h) => [h.name, h]));
  };
  const esxiHosts = (): LabHost[] => lab.hosts.filter((h) => h.role === 'esxi');
  /** The catalog's record of a run's file, read beside the core as any reader of the database could. */
  const fileOf = (fileId: number): { origin: string; size: number; sha256: string; lines: number } => {
    const db = new DatabaseSync(join(dataDir, 'custode.sqlite'), { readOnly: true });
    try {
      return db.prepare('SELECT origin, size, sha256, line_count AS lines FROM log_files WHERE id = ?').get(fileId) as never;
    } finally {
      db.close();
    }
  };
  /** The file on the NAS's disk holding exactly the bytes the catalog fetched (hosts' logs share their names). */
  const onNas = (file: { origin: string; sha256: string }): string => {
    const { mntDir } = JSON.parse(readFileSync(lab.nasStatePath, 'utf8')) as { mntDir: string };
    const named = readdirSync(mntDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === basename(file.origin));
    const same = named.map((e) => join(e.parentPath, e.name)).filter((p) => createHash('sha256').update(readFileSync(p)).digest('hex') === file.sha256);
    expect(same, `${file.origin} on the NAS`).toHaveLength(1);
    return same[0]!;
  };
  const nextNight = (run: RunRow): Date => new Date(Date.parse(`${run.startedAt!.replace(' ', 'T')}Z`) + 86400_000);

  beforeAll(async () => {
    const stateDir = '/var/tmp/custode-lab-logs-it';
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'seed', stateDir });
    dataDir = mkdtempSync(join(tmpdir(), 'custode-logs-it-'));
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    core.events.subscribe((event, payload) => {
      if (event === 'ssh:hostKeyPrompt') void core.router.dispatch('ssh.hostKey.answer', { promptId: (payload as { promptId: string }).promptId, decision: 'trust' }, { signal });
    });
    console.log(`[logs harvest] lab up at ${new Date().toISOString()}`);
    const add = (h: LabHost) => job('fleet.addHost', { host: { role: h.role, address: h.address, port: h.port, auth: 'password' }, password: h.password, remember: true });
    const nas = await add(lab.host('truenas'));
    expect(nas.state, JSON.stringify(nas.error)).toBe('succeeded');
    const added = await Promise.all(esxiHosts().map(add));
    expect(added.map((a) => a.state), JSON.stringify(added.map((a) => a.error))).toEqual(esxiHosts().map(() => 'succeeded'));
    console.log(`[logs harvest] fleet added at ${new Date().toISOString()}`);
  }, 2_400_000);
  afterAll(async () => {
    core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
  }, 120_000);

  it('the first sync fetches the three seeded nights of every host from the NAS', async () => {
    const results = await sync();
    for (const h of esxiHosts()) expect(results.get(h.hostname), h.hostname).toMatchObject({ source: 'nas', found: 3, fetched: 3, unchanged: 0, refused: 0, failed: [], error: null });
    for (const h of esxiHosts()) {
      const runs = await call<RunRow[]>('logs.runs', { host: h.hostname });
      expect(runs, h.hostname).toHaveLength(3);
      const nights = new Set(runs.map((r) => r.startedAt!.slice(0, 10)));
      expect(nights.size).toBe(3);
    }
  }, 300_000);

  it('a second sync fetches nothing', async () => {
    const before = await call<{ runs: number; lines: number }>('logs.status', {});
    const results = await sync();
    for (const h of esxiHosts()) expect(results.get(h.hostname), h.hostname).toMatchObject({ found: 3, fetched: 0, unchanged: 3 });
    expect(await call('logs.status', {})).toMatchObject({ runs: before.runs, lines: before.lines });
  }, 300_000);

  it('a run made meanwhile is fetched once', async () => {
    const host = esxiHosts()[0]!;
    const cron = await lab.cron(host.hostname);
    expect(cron.length).toBeGreaterThan(0);
    const first = await sync();
    expect(first.get(host.hostname)).toMatchObject({ found: 4, fetched: 1, unchanged: 3 });
    for (const other of esxiHosts().slice(1)) expect(first.get(other.hostname)).toMatchObject({ fetched: 0 });
    const second = await sync();
    expect(second.get(host.hostname)).toMatchObject({ found: 4, fetched: 0, unchanged: 4 });
    expect(await call<RunRow[]>('logs.runs', { host: host.hostname })).toHaveLength(4);
  }, 300_000);

  it('a log that grew between two syncs is followed: only its new bytes are read, its runs updated in place', async () => {
    const host = esxiHosts()[2]!;
    const runs = await call<RunRow[]>('logs.runs', { host: host.hostname });
    const newest = runs[0]!;
    const file = fileOf(newest.fileId);
    const status = await call<{ runs: number; lines: number; files: number }>('logs.status', {});
    const added = nightlyLog({ host: host.hostname, start: nextNight(newest), vms: [{ name: 'grown-after-sync', outcome: 'ok' }] });
    appendFileSync(onNas(file), added);

    const result = (await sync()).get(host.hostname)!;
    expect(result).toMatchObject({ fetched: 1, followed: 1, bytesRead: Buffer.byteLength(added), failed: [], error: null });
    const after = await call<RunRow[]>('logs.runs', { host: host.hostname });
    expect(after).toHaveLength(runs.length + 1);
    // The runs that were there keep their ids; the new one is in the same file.
    expect(after.map((r) => r.id)).toEqual(expect.arrayContaining(runs.map((r) => r.id)));
    expect(after.filter((r) => r.fileId === newest.fileId)).toHaveLength(runs.filter((r) => r.fileId === newest.fileId).length + 1);
    const grown = fileOf(newest.fileId);
    expect(grown.size).toBe(file.size + Buffer.byteLength(added));
    expect(grown.lines).toBe(file.lines + added.split('\n').length - 1);
    expect(await call('logs.status', {})).toMatchObject({ files: status.files, runs: status.runs + 1, lines: status.lines + added.split('\n').length - 1 });
    const found = await call<SearchResult>('logs.search', { query: 'grown-after-sync' });
    expect(found.groups).toHaveLength(1);
    expect(found.groups[0]!.hits.length).toBeGreaterThan(0);
    // Nothing more to read next time.
    expect((await sync()).get(host.hostname)).toMatchObject({ fetched: 0, bytesRead: 0 });
  }, 300_000);

  it('a log rewritten rather than appended to is fetched whole, not followed', async () => {
    const host = esxiHosts()[3]!;
    const runs = await call<RunRow[]>('logs.runs', { host: host.hostname });
    const newest = runs[0]!;
    const file = fileOf(newest.fileId);
    const path = onNas(file);
    const old = readFileSync(path);
    // The same length and more, but its first byte differs: a rotated or rewritten file, not a grown one.
    const rewritten = Buffer.concat([old, Buffer.from('\n')]);
    rewritten[0] = rewritten[0]! ^ 1;
    writeFileSync(path, rewritten);
    const result = (await sync()).get(host.hostname)!;
    expect(result).toMatchObject({ fetched: 1, followed: 0, bytesRead: rewritten.length });
    expect(fileOf(newest.fileId)).toMatchObject({ size: rewritten.length, sha256: createHash('sha256').update(rewritten).digest('hex') });
    expect(await call<RunRow[]>('logs.runs', { host: host.hostname })).toHaveLength(runs.length);
  }, 300_000);

  it('a share that vanishes mid-copy leaves the catalog as it was, says which file, and the next sync fetches it', async () => {
    const host = esxiHosts()[4]!;
    const runs = await call<RunRow[]>('logs.runs', { host: host.hostname });
    const file = fileOf(runs[0]!.fileId);
    const status = await call<{ runs: number; lines: number; files: number }>('logs.status', {});
    // Large enough to come in several SFTP reads: the NAS stops after the first one.
    const added = nightlyLog({ host: host.hostname, start: nextNight(runs[0]!), vms: [{ name: 'cut-mid-copy', outcome: 'ok' }], progressSteps: 100 }).repeat(100);
    appendFileSync(onNas(file), added);
    let stopped = false;
    const ssh = new Proxy(core.ssh, {
      get(target, name) {
        if (name === 'read')
          return (hostId: string, path: string, onChunk: (chunk: Buffer) => Promise<void> | void, options: object) =>
            target.read(hostId, path, async (chunk) => {
              await onChunk(chunk);
              if (!stopped) {
                stopped = true;
                await lab.fault('truenas', 'stop');
              }
            }, options);
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const dbFile = join(dataDir, 'custode.sqlite');
    const db = openDatabase(dbFile);
    try {
      const catalog = new LogCatalog(db, dataDir);
      const [result] = await harvest({ catalog, hosts: core.fleet.hosts, probes: core.fleet.probes, ssh, connectTimeoutMs: 5_000 }, [core.fleet.hosts.list().find((h) => h.name === host.hostname)!.id], { signal });
      expect(stopped).toBe(true);
      expect(result).toMatchObject({ fetched: 0, followed: 0 });
      expect(result!.failed.map((f) => f.file)).toEqual([file.origin]);
      expect(result!.failed[0]!.message.length).toBeGreaterThan(10);
      expect(fileOf(runs[0]!.fileId)).toMatchObject({ size: file.size, sha256: file.sha256, lines: file.lines });
      expect(await call('logs.status', {})).toMatchObject(status);
      expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    } finally {
      db.close();
      await lab.fault('truenas', 'start');
    }
    const again = (await sync()).get(host.hostname)!;
    expect(again).toMatchObject({ fetched: 1, followed: 1, bytesRead: Buffer.byteLength(added), failed: [] });
    expect(await call<RunRow[]>('logs.runs', { host: host.hostname })).toHaveLength(runs.length + 100);
  }, 600_000);

  it('after the host is stopped its logs are still browsable and searchable', async () => {
    const host = esxiHosts()[1]!;
    await lab.fault(host.hostname, 'stop');
    const runs = await call<RunRow[]>('logs.runs', { host: host.hostname });
    expect(runs).toHaveLength(3);
    const detail = await call<RunDetail>('logs.run', { runId: runs[0]!.id });
    expect(detail.vms.length).toBeGreaterThan(0);
    const page = await call<{ lines: string[] }>('logs.lines', { fileId: detail.run.fileId, from: detail.firstLine, count: 50 });
    expect(page.lines.join('\n')).toContain('ghettoVCB LOG START');
    const vm = detail.vms[0]!.name;
    const found = await call<SearchResult>('logs.search', { query: `host:${host.hostname} "${vm}"` });
    expect(found.groups.map((g) => g.run.id).sort()).toEqual(runs.map((r) => r.id).sort());
  }, 120_000);
});
