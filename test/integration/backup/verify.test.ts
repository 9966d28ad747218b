import { readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app/create-core.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';
import { HistoryStore } from '../../../electron/core/backup/history-store.ts';
import { RunStore } from '../../../electron/core/backup/run-store.ts';
import type { HistoryRun, LastGoodCopy, RunEnded, VmVerify } from '../../../shared/model/backup-history.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, useSmallLab, type SmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup verify] skipped: ${skip}`);
const REAL = UPSTREAM_GHETTOVCB;
if (REAL === undefined) console.log(`[backup verify] the real ghettoVCB case is skipped: ${upstreamMissing}`);

// The lab's disks are sparse files of their provisioned size: segreteria-dc01 has one disk of 100 GB (topology.ts).
const DC01_DISK_BYTES = 100 * 1024 * 1024 * 1024;
const DC01 = 'segreteria-dc01';
const APP = 'segreteria app';

describe.skipIf(skip !== null)('verifying the copies a run left on the share', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-verify');
  const { shareDir } = site;
  const runs = async (): Promise<HistoryRun[]> => JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as HistoryRun[];
  const vmOf = (run: HistoryRun, vm: string): VmVerify => run.verify!.vms.find((v) => v.vm === vm)!;
  const copiesOf = (vm: string): string[] => readdirSync(join(shareDir(), vm)).sort();
  const lastGood = (): LastGoodCopy[] => lastGoodOf(site);
  const until = async (what: string, ok: () => boolean): Promise<void> => {
    for (let i = 0; i < 600; i++) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`waited in vain for ${what}`);
  };

  it('a run Custode started is verified when it ends: its copy folder, STATUS.ok, the disk’s size against its source, the copies against rotation 3', () => verifiedRun(site));

  it('a truncated disk file and a missing STATUS are not verified, and the last good copy stays the earlier verified one', async () => {
    const good = lastGood();
    const before = { dc01: copiesOf(DC01), app: existsDir(join(shareDir(), APP)) ? copiesOf(APP) : [] };
    const started = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', DC01, '--vm', APP, '--reason', 'copia da manomettere', '--yes', '--detach', '--json']);
    expect(started.code).toBe(0);
    const log = join(shareDir(), (JSON.parse(started.out) as HistoryRun).logPath.split('/').pop()!);
    await until('the run to end on the host', () => {
      try {
        return readFileSync(log, 'utf8').includes('LOG END');
      } catch {
        return false;
      }
    });
    // Someone (or a failing NAS) damages the new copies before Custode reads them.
    const newDc01 = copiesOf(DC01).filter((n) => !before.dc01.includes(n));
    const newApp = copiesOf(APP).filter((n) => !before.app.includes(n));
    expect(newDc01).toHaveLength(1);
    expect(newApp).toHaveLength(1);
    const dc01Dir = join(shareDir(), DC01, newDc01[0]!);
    const flat = readdirSync(dc01Dir).find((n) => n.endsWith('-flat.vmdk'))!;
    truncateSync(join(dc01Dir, flat), DC01_DISK_BYTES / 2);
    rmSync(join(shareDir(), APP, newApp[0]!, 'STATUS.ok'));

    const attached = await site.cli.run(['backup', 'attach', 'esxi-08']);
    expect(attached.err).toBe('');
    // ghettoVCB itself saw nothing wrong: its exit code stays 0, the verification says otherwise.
    expect(attached.code).toBe(0);
    expect(attached.out).toContain(`${DC01}: NOT verified`);
    expect(attached.out).toContain(`${APP}: NOT verified`);

    const [run] = await runs();
    expect(run!.verify!.verdict).toBe('problems');
    const dc01 = vmOf(run!, DC01);
    expect(dc01.verdict).toBe('failed');
    expect(dc01.checks).toContainEqual(expect.objectContaining({ code: 'backup.verify.disks.truncated', verdict: 'block', params: expect.objectContaining({ file: flat, expected: DC01_DISK_BYTES, actual: DC01_DISK_BYTES / 2 }) }));
    expect(dc01.copiesOnDisk).toBe(2);
    const app = vmOf(run!, APP);
    expect(app.verdict).toBe('failed');
    expect(app.status).toBeNull();
    expect(app.checks).toContainEqual(expect.objectContaining({ code: 'backup.verify.status.missing', verdict: 'block' }));
    // The disk of the copy without STATUS is whole: only the missing marker fails it.
    expect(app.checks.filter((c) => c.check === 'disks')).toEqual([expect.objectContaining({ code: 'backup.verify.disks.ok' })]);

    expect(lastGood()).toEqual(good);
    expect(lastGood().some((g) => g.vm === APP)).toBe(false);
  });

  it('through the app’s IPC: a run ends verified and backup:runEnded says whether it needs a notification', async () => {
    // A user's snapshot makes ghettoVCB skip archivio-2019: the run ends with a problem to be told about.
    await site.lab.fault('esxi-08', 'add-snapshot', 'archivio-2019');
    const core = createCore({ dataDir: site.cli.home, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    const ended: RunEnded[] = [];
    const done = new Map<string, JobDone>();
    core.events.subscribe((event, payload) => {
      if (event === 'backup:runEnded') ended.push(payload as RunEnded);
      if (event === 'job:done') done.set((payload as JobDone).jobId, payload as JobDone);
    });
    const call = async (name: string, input: unknown): Promise<unknown> => {
      const r = (await core.router.dispatch(name, input, { signal: new AbortController().signal })) as { ok: boolean; value?: unknown; error?: unknown };
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    try {
      const hostId = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;
      const runJob = async (vms: string[]): Promise<JobDone> => {
        const { jobId } = (await call('backup.start', { hostId, vms, reason: 'prova dalla console' })) as { jobId: string };
        await until('the run job to end', () => done.has(jobId));
        return done.get(jobId)!;
      };
      expect((await runJob([DC01])).state).toBe('succeeded');
      expect(ended).toEqual([expect.objectContaining({ host: 'esxi-08', origin: 'custode', state: 'ended', exitCode: 0, failedVms: [], verify: 'verified', problems: false })]);
      const [latest] = (await call('backup.runs', { hostId })) as HistoryRun[];
      expect(latest).toMatchObject({ id: ended[0]!.runId, origin: 'custode', reason: 'prova dalla console', verify: { verdict: 'verified' } });
      expect((await call('backup.lastGood', { hostId })) as LastGoodCopy[]).toContainEqual(expect.objectContaining({ vm: DC01, runId: latest!.id }));

      expect((await runJob([DC01, 'archivio-2019'])).state).toBe('succeeded');
      expect(ended[1]).toMatchObject({ failedVms: ['archivio-2019'], problems: true });
      expect(ended[1]!.exitCode).not.toBe(0);
    } finally {
      core.close();
    }
  });
});

describe.skipIf(skip !== null || REAL === undefined)('verifying a run of the real ghettoVCB', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-verify-real', { script: REAL, skip: skip !== null || REAL === undefined });
  it('its copy is verified the same way: folder, STATUS.ok, the disk against its source, rotation 3', () => verifiedRun(site));
});

/** One VM backed up through the CLI, then its verification checked against what the NAS's own folder holds. */
async function verifiedRun(site: SmallLab): Promise<void> {
  const { shareDir } = site;
  const runs = async (): Promise<HistoryRun[]> => JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as HistoryRun[];
  const copiesOf = (vm: string): string[] => readdirSync(join(shareDir(), vm)).sort();
  const r = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', DC01, '--reason', 'verifica dopo il backup', '--yes']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`${DC01}: verified`);

  const [run] = await runs();
  expect(run).toMatchObject({ origin: 'custode', state: 'ended', exitCode: 0, verify: { verdict: 'verified' } });
  const v = run!.verify!.vms.find((x) => x.vm === DC01)!;
  // What the share holds, read off the NAS's own folder.
  const [folder] = copiesOf(DC01);
  expect(copiesOf(DC01)).toHaveLength(1);
  const onNas = join(shareDir(), DC01, folder!);
  expect(readFileSync(join(onNas, 'STATUS.ok'), 'utf8').trim()).toBe('Successfully completed backup');
  const flat = readdirSync(onNas).find((n) => n.endsWith('-flat.vmdk'))!;
  expect(statSync(join(onNas, flat)).size).toBe(DC01_DISK_BYTES);

  expect(v).toMatchObject({ verdict: 'verified', status: 'ok', statusText: 'Successfully completed backup', copiesOnDisk: 1, rotation: 3 });
  expect(v.copy).toBe(`/vmfs/volumes/VM_backup_10.0.0.8/${DC01}/${folder}`);
  expect(v.disks).toEqual([{ source: expect.stringContaining(`/${DC01}.vmdk`), sourceBytes: DC01_DISK_BYTES, copyBytes: DC01_DISK_BYTES, fileBytes: DC01_DISK_BYTES }]);
  expect(v.checks.every((c) => c.verdict === 'go')).toBe(true);
  expect(run!.bytes).toBe(v.bytes);
  expect(v.bytes).toBeGreaterThanOrEqual(DC01_DISK_BYTES);
  expect(lastGoodOf(site)).toEqual([expect.objectContaining({ vm: DC01, runId: run!.id, copy: v.copy, status: 'ok' })]);

  const italian = await site.cli.run(['backup', 'list'], 'it');
  expect(italian.out).toContain('copie verificate');
  expect(italian.out).toContain(`${DC01}: verificata`);
}

function lastGoodOf(site: SmallLab): LastGoodCopy[] {
  const db = openDatabase(join(site.cli.home, 'custode.sqlite'));
  try {
    return new HistoryStore(db, new RunStore(db)).lastGood();
  } finally {
    db.close();
  }
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
