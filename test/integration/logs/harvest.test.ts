import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import type { HostHarvest } from '../../../electron/core/logs/harvest.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { RunDetail, RunRow, SearchResult } from '../../../shared/ipc/logs.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';

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
