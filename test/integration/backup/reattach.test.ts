import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { JobDone, JobLog } from '../../../shared/ipc/jobs.ts';
import type { BackupRun, RunLive } from '../../../shared/model/backup.ts';
import type { CronRun } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup reattach] skipped: ${skip}`);
if (UPSTREAM_GHETTOVCB === undefined) console.log(`[backup reattach] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: UPSTREAM_GHETTOVCB, skip: skip !== null || UPSTREAM_GHETTOVCB === undefined },
];

/** The site's cron line writes ghettoVCB's stdout to `ghettoVCB-<epoch seconds>.log` on the share. */
const CRON_LOG = /^ghettoVCB-\d+\.log$/;

describe.each(SCRIPTS)('a scheduled run with $name that Custode did not start', { timeout: 600_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-reattach${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const cronLogs = () => readdirSync(site.shareDir()).filter((n) => CRON_LOG.test(n));
  const until = async (what: string, ok: () => boolean | Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 1200; i++) {
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`waited in vain for ${what}`);
  };
  /** Fires the host's cron jobs (they run in the host, not over SSH) and waits for the new log's first clone. */
  const startCron = async (): Promise<{ ended: Promise<CronRun[]>; log: string }> => {
    const before = new Set(cronLogs());
    const ended = site.lab.cron('esxi-08');
    let log = '';
    await until('the scheduled run to begin its first clone', () => {
      log = cronLogs().find((n) => !before.has(n)) ?? '';
      return log !== '' && readFileSync(join(site.shareDir(), log), 'utf8').includes('Cloning disk');
    });
    return { ended, log: join(site.shareDir(), log) };
  };

  it.skipIf(skipThis)('is found by its lock and log, followed through two dropped links, and the log Custode shows equals the share’s byte for byte', async () => {
    await site.lab.fault('esxi-08', 'slow-clone', 'on');
    const cron = await startCron();
    const core: Core = createCore({ dataDir: site.cli.home, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    try {
      const { call, job } = coreCalls(() => core);
      expect(await call<BackupRun[]>('backup.runs', {})).toEqual([]);
      const hostId = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;
      const found = await job('backup.findRunning', { hostId });
      expect(found.error).toBeUndefined();
      const run = found.result as BackupRun;
      expect(run).toMatchObject({ startedBy: 'cron', operationId: null, state: 'running', logPath: `/vmfs/volumes/VM_backup_10.0.0.8/${cron.log.slice(cron.log.lastIndexOf('/') + 1)}` });
      expect(run.reason).toMatch(/^30 4 \* \* \* .*ghettoVCB\.sh -a /);
      // Looked for again, it is the same run, not a second record.
      expect(((await job('backup.findRunning', { hostId })).result as BackupRun).id).toBe(run.id);

      const lines: string[] = [];
      const lives: RunLive[] = [];
      let jobId = '';
      const off = core.events.subscribe((event, payload) => {
        if (event === 'job:log' && (payload as JobLog).jobId === jobId) lines.push((payload as JobLog).text);
        if (event === 'backup:live' && (payload as { jobId: string }).jobId === jobId) lives.push((payload as { live: RunLive }).live);
      });
      const done = new Promise<JobDone>((resolve) => {
        const stop = core.events.subscribe((event, payload) => {
          if (event !== 'job:done' || (payload as JobDone).jobId !== jobId) return;
          stop();
          resolve(payload as JobDone);
        });
      });
      jobId = (await call<{ jobId: string }>('backup.attach', { hostId })).jobId;
      const copying = () => lives.at(-1)?.vms.find((v) => v.state === 'cloning' && v.percent !== null && v.percent > 0 && v.percent < 100);
      await until('a clone under way', () => copying() !== undefined);
      const during = copying()!;
      expect(during).toMatchObject({ disk: 1, disks: 1 });
      expect(await site.lab.fault('esxi-08', 'drop')).toMatch(/dropped [1-9]\d* connection/);
      expect(readFileSync(cron.log, 'utf8')).not.toContain('Final status');
      const seen = lines.length;
      await until('the log to go on after the drop', () => lines.length > seen + 2);
      await site.lab.fault('esxi-08', 'drop');

      const ended = await done;
      off();
      const [cronRun] = await cron.ended;
      expect(ended.error).toBeUndefined();
      expect(ended.result).toMatchObject({ id: run.id, state: 'ended', exitCode: cronRun!.code });
      const share = readFileSync(cron.log);
      expect(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8').equals(share)).toBe(true);
      expect(readFileSync(join(site.cli.home, 'backup-runs', `${run.id}.log`)).equals(share)).toBe(true);
      const last = lives.at(-1)!;
      expect(last.vms.find((v) => v.vm === 'segreteria-dc01')).toMatchObject({ state: 'done', disk: 1, disks: 1, percent: 100 });
      expect(last.vms.find((v) => v.vm === 'segreteria-dc01')!.elapsedMs).toBeGreaterThan(0);
      expect(last.etaMs).toBe(0);
    } finally {
      core.close();
    }
  });

  it.skipIf(skipThis)('is printed by “backup attach” as progress lines in Italian, ending with ghettoVCB’s exit code', async () => {
    const cron = await startCron();
    const attached = await site.cli.run(['backup', 'attach', 'esxi-08', '--lang', 'it']);
    const [cronRun] = await cron.ended;
    expect(attached.err).toBe('');
    expect(attached.code).toBe(cronRun!.code);
    expect(attached.out).toMatch(/^Su esxi-08 è in corso un backup di ghettoVCB che Custode non ha avviato \(processo \d+, da “30 4 \* \* \* /);
    expect(attached.out).toMatch(/\nsegreteria-dc01: copia del disco 1 di 1: \d+% \(\d+ s finora/);
    expect(attached.out).toMatch(/\nsegreteria-dc01: fatto \(in \d+ (s|min \d\d s)\)\n/);
    await site.lab.fault('esxi-08', 'slow-clone', 'off');
  });
});
