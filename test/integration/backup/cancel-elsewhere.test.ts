import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { CancelResult } from '../../../electron/core/backup/cancel.ts';
import { RunStore } from '../../../electron/core/backup/run-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';
import type { BackupRun, RunLive, VmProgress } from '../../../shared/model/backup.ts';
import type { HistoryRun, RunEnded } from '../../../shared/model/backup-history.ts';
import { slowClone } from '../../lab/esxi/faults.ts';
import { coreCalls } from '../core-calls.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, until, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup cancel elsewhere] skipped: ${skip}`);
if (UPSTREAM_GHETTOVCB === undefined) console.log(`[backup cancel elsewhere] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: UPSTREAM_GHETTOVCB, skip: skip !== null || UPSTREAM_GHETTOVCB === undefined },
];

// The app follows a run (the core, as the desktop app and the web host run it, on the same CUSTODE_HOME) while the
// headless CLI cancels it: ghettoVCB's end reaches the app's follower before the CLI has recorded the cancel.
describe.each(SCRIPTS)('a run of $name the app follows, cancelled from the CLI', { timeout: 300_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-cancel-elsewhere${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const host = () => site.lab.host('esxi-08');

  it.skipIf(skipThis)('ends in the app with the cut-off VM cancelled, never failed, and the run cancelled', async () => {
    // A 100-step copy takes a minute: time to cancel in the middle of it.
    slowClone(host().hostFs, 600);
    const core: Core = createCore({ dataDir: site.cli.home, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    try {
      const { call } = coreCalls(() => core);
      const started = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--vm', 'segreteria app', '--reason', 'prova di annullamento da un altro processo', '--yes', '--detach', '--json']);
      expect(started.err).toBe('');
      const run = JSON.parse(started.out) as BackupRun;
      const hostId = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;

      let jobId = '';
      const progress: VmProgress[][] = [];
      const lives: RunLive[] = [];
      let done: JobDone | null = null;
      const announced: RunEnded[] = [];
      const off = core.events.subscribe((event, payload) => {
        if (event === 'backup:runEnded') announced.push(payload as RunEnded);
        const p = payload as { jobId: string };
        if (p.jobId !== jobId) return;
        if (event === 'backup:progress') progress.push((payload as { vms: VmProgress[] }).vms);
        if (event === 'backup:live') lives.push((payload as { live: RunLive }).live);
        if (event === 'job:done') done = payload as JobDone;
      });
      try {
        jobId = (await call<{ jobId: string }>('backup.attach', { hostId })).jobId;
        const dc01 = (vms: readonly VmProgress[] | undefined) => vms?.find((v) => v.vm === 'segreteria-dc01');
        await until('the app to see segreteria-dc01 copying', () => {
          const v = dc01(progress.at(-1));
          return v?.state === 'cloning' && v.percent !== null && v.percent > 0;
        });

        const cancel = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', 'annullato dalla riga di comando', '--yes', '--json']);
        expect(cancel.err).toBe('');
        expect(cancel.code).toBe(0);
        const result = JSON.parse(cancel.out) as CancelResult;
        expect(result.run).toMatchObject({ id: run.id, state: 'cancelled' });

        await until('the app’s follower to end', () => done !== null);
        const ended = done as unknown as JobDone;
        expect(ended.error).toBeUndefined();
        // The bars as the app shows them last: the copy cut off is cancelled where it stopped, the VM never begun too.
        const last = progress.at(-1)!;
        expect(dc01(last)).toMatchObject({ state: 'cancelled', outcome: 'cancelled' });
        expect(dc01(last)!.percent).toBeGreaterThan(0);
        expect(last.find((v) => v.vm === 'segreteria app')).toMatchObject({ state: 'cancelled', outcome: null });
        expect(dc01(lives.at(-1)!.vms)).toMatchObject({ state: 'cancelled', etaMs: null });
        // At no moment did the app show the cut-off copy as failed.
        expect(progress.map((vms) => dc01(vms)?.state)).not.toContain('failed');
        expect(lives.map((l) => dc01(l.vms)?.state)).not.toContain('failed');
        // And the job's end (what the run's page tells under the bars) is the cancel's record.
        expect(ended.result).toMatchObject({ id: run.id, state: 'cancelled' });
        // The CLI recorded and verified the cancel; the app, whose user watched the run, tells its end once.
        expect(announced).toEqual([expect.objectContaining({ runId: run.id, state: 'cancelled', cancelledVms: ['segreteria-dc01'], problems: true })]);
      } finally {
        off();
      }

      // The history the app reads: the run cancelled, its cut-off VM named with its partial folder; the cancel's mark done.
      const [listed] = await call<HistoryRun[]>('backup.runs', {});
      expect(listed).toMatchObject({ id: run.id, state: 'cancelled' });
      expect(listed!.outcomes).toContainEqual(expect.objectContaining({ vm: 'segreteria-dc01', outcome: 'cancelled' }));
      const store = openDatabase(join(site.cli.home, 'custode.sqlite'));
      try {
        expect(new RunStore(store).cancelMarks(run.id)).toEqual([expect.objectContaining({ runId: run.id, state: 'done', pid: process.pid })]);
      } finally {
        store.close();
      }
    } finally {
      core.close();
      slowClone(host().hostFs, false);
    }
  });
});
