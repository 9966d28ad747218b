import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupRun } from '../../../shared/model/backup.ts';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import type { CancelResult } from '../../../electron/core/backup/cancel.ts';
import { slowClone } from '../../lab/esxi/faults.ts';
import { run as onHost } from '../lab/ssh-client.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, until, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup cancel] skipped: ${skip}`);
if (UPSTREAM_GHETTOVCB === undefined) console.log(`[backup cancel] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: UPSTREAM_GHETTOVCB, skip: skip !== null || UPSTREAM_GHETTOVCB === undefined },
];

/** Every entry under a folder with its size, as `path size` lines (the share as the NAS holds it). */
function listing(dir: string, leaveOut: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (leaveOut(rel)) continue;
      const st = statSync(p);
      out.push(`${rel} ${st.isDirectory() ? 'dir' : st.size}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe.each(SCRIPTS)('cancelling a backup run with $name', { timeout: 300_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-cancel${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const { shareDir } = site;
  const host = () => site.lab.host('esxi-08');
  const sh = async (command: string): Promise<string> => {
    const r = await onHost(host(), command);
    if (r.code !== 0) throw new Error(`${command} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  const vmid = async (name: string): Promise<string> => {
    const line = (await sh('vim-cmd vmsvc/getallvms')).split('\n').find((l) => l.includes(`   ${name}   `));
    if (line === undefined) throw new Error(`no VM ${name}`);
    return line.trim().split(/\s+/)[0]!;
  };
  const snapshotNames = async (id: string): Promise<string[]> =>
    (await sh(`vim-cmd vmsvc/snapshot.get ${id}`)).split('\n').flatMap((l) => /^-*Snapshot Name\s*: (.*)$/.exec(l)?.[1] ?? []);
  const lockThere = async (): Promise<boolean> => (await onHost(host(), 'test -e /tmp/ghettoVCB.work')).code === 0;

  it.skipIf(skipThis)('a cancel when no run is going on is refused and says so', async () => {
    const r = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', 'niente da annullare', '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('No ghettoVCB run is going on on esxi-08 (/tmp/ghettoVCB.work does not exist)');
    const it_ = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', 'niente da annullare', '--yes'], 'it');
    expect(it_.err).toContain('Su esxi-08 non è in corso nessun backup ghettoVCB');
  });

  it.skipIf(skipThis)('in the middle of a clone: ghettoVCB and vmkfstools stop, only the run’s snapshot goes, the lock is gone, the partial folder is reported and marked', async () => {
    const dc = await vmid('segreteria-dc01');
    const app = await vmid('segreteria app');
    // Ten times slower than the lab's slow-clone: a 100-step copy takes a minute, time enough to look and cancel.
    slowClone(host().hostFs, 600);
    const vmDir = join(shareDir(), 'segreteria-dc01');
    const copies = (): string[] => (existsSync(vmDir) ? readdirSync(vmDir) : []);
    const before = new Set(copies());
    const partialName = (): string | undefined => copies().find((n) => !before.has(n));
    const started = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--vm', 'segreteria app', '--reason', 'prova di annullamento', '--yes', '--detach', '--json']);
    expect(started.err).toBe('');
    const run = JSON.parse(started.out) as BackupRun;
    await until('the clone of segreteria-dc01 to begin', async () => {
      const p = partialName();
      return p !== undefined && readdirSync(join(vmDir, p)).some((f) => f.endsWith('.vmdk')) && (await snapshotNames(dc)).some((n) => n.startsWith('ghettoVCB-snapshot-'));
    });
    // The user takes a snapshot of the VM while it is copied: it hangs below ghettoVCB's and must stay.
    await sh(`vim-cmd vmsvc/snapshot.create ${dc} prima-del-cancel 'taken during the backup' 0 0`);
    // And one with ghettoVCB's very name on a VM the run has not reached, made after the lock: name and time alone
    // would take it for the run's; the run's log never says it took it, so it must stay too.
    await sh(`vim-cmd vmsvc/snapshot.create ${app} ghettoVCB-snapshot-2025-01-01 'not this run' 0 0`);
    const partial = join(vmDir, partialName()!);
    const logOnShare = join(shareDir(), run.logPath.slice(run.logPath.lastIndexOf('/') + 1));
    const untouched = (): string[] => listing(shareDir(), (p) => p === relative(shareDir(), logOnShare) || p.startsWith(relative(shareDir(), partial)));
    const shareBefore = untouched();

    // A reason left empty is refused before anything runs: the run goes on.
    const empty = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', '  ', '--yes']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--yes needs --reason');
    expect(await lockThere()).toBe(true);

    // Without --yes: the plan with its exact commands, and nothing done.
    const review = await site.cli.run(['backup', 'cancel', 'esxi-08']);
    expect(review.code).toBe(0);
    expect(review.out).toContain('Cancel the backup going on on esxi-08');
    expect(review.out).toMatch(/Stop ghettoVCB \(process \d+\) and the processes it started \(.*vmkfstools -i/);
    expect(review.out).toMatch(/vim-cmd vmsvc\/snapshot\.remove \d+ \d+/);
    expect(review.out).toContain('STATUS.error');
    expect(review.out).toContain('Nothing was run.');
    expect(await lockThere()).toBe(true);

    const r = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', 'serve la banda per l’aggiornamento', '--yes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as CancelResult;
    const partialOnHost = `${run.logPath.slice(0, run.logPath.lastIndexOf('/'))}/segreteria-dc01/${partialName()}`;
    expect(result.removedSnapshots).toEqual([{ vm: 'segreteria-dc01', name: expect.stringMatching(/^ghettoVCB-snapshot-\d{4}-\d{2}-\d{2}$/), id: expect.any(Number) }]);
    expect(result.partialFolders).toEqual([{ vm: 'segreteria-dc01', path: partialOnHost }]);

    // On the host: ghettoVCB is gone, so is its lock; only the run's snapshot was removed.
    expect(result.children.map((c) => c.command)).toEqual(expect.arrayContaining([expect.stringMatching(/vmkfstools -i /), expect.stringMatching(/^tail -f \/tmp\/ghettoVCB\.work\/ghettovcb\./)]));
    for (const p of [result.pid, ...result.children.map((c) => c.pid)]) expect((await onHost(host(), `kill -0 ${p}`)).code, `process ${p}`).not.toBe(0);
    expect(await lockThere()).toBe(false);
    expect(await snapshotNames(dc)).toEqual(['prima-del-cancel']);
    expect(await snapshotNames(app)).toEqual(['ghettoVCB-snapshot-2025-01-01']);
    // The copy was cut off: ghettoVCB never wrote the end of the clone or a result for the VM.
    const log = readFileSync(logOnShare, 'utf8');
    expect(log).not.toContain('Clone: 100% done.');
    expect(log).not.toContain('Successfully completed backup for segreteria-dc01');

    // On the share: the partial folder is left in place and marked; nothing else changed.
    expect(existsSync(partial)).toBe(true);
    expect(readdirSync(partial).filter((f) => f.startsWith('STATUS.'))).toEqual(['STATUS.error']);
    expect(readFileSync(join(partial, 'STATUS.error'), 'utf8')).toBe('ERROR: Backup of segreteria-dc01 cancelled in Custode: this copy is partial and is not a backup\n');
    expect(untouched()).toEqual(shareBefore);

    // Custode's record: cancelled, the VM's outcome names the partial folder, never a good copy.
    const [listed] = JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as HistoryRun[];
    expect(listed).toMatchObject({ id: run.id, state: 'cancelled' });
    expect(listed!.outcomes).toContainEqual({ vm: 'segreteria-dc01', outcome: 'cancelled', reason: partialOnHost, durationSeconds: null });
    expect(listed!.outcomes.some((o) => o.outcome === 'ok')).toBe(false);
    // Verified after the cancel: the partial folder is reported as partial, neither a failed copy nor a good one.
    expect(listed!.verify?.verdict).toBe('nothing');
    expect(listed!.verify?.vms.find((v) => v.vm === 'segreteria-dc01')).toMatchObject({
      verdict: 'noCopy',
      copy: partialOnHost,
      status: 'error',
      bytes: null,
      checks: [{ check: 'folder', verdict: 'warn', code: 'backup.verify.folder.partial', params: { copy: partialOnHost } }],
    });
    const attach = await site.cli.run(['backup', 'attach', 'esxi-08']);
    expect(attach.out).toContain('was cancelled');
    expect(attach.out).toContain(`segreteria-dc01: cancelled; partial copy left, not a backup — ${partialOnHost}`);

    // The trail holds the reason and the exact commands sent.
    const audit = await site.cli.run(['audit', 'show', result.operationId, '--json']);
    expect(audit.out).toContain('serve la banda per l’aggiornamento');
    expect(audit.out).toContain('kill -TERM');
    expect(audit.out).toContain('vmsvc/snapshot.remove');

    // Cancelling again finds nothing going on.
    const again = await site.cli.run(['backup', 'cancel', 'esxi-08', '--reason', 'di nuovo', '--yes']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('No ghettoVCB run is going on on esxi-08');
    slowClone(host().hostFs, false);
  });
});
