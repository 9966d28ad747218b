import { describe, expect, it } from 'vitest';
import { ghettoVcbArgs, launchCommand, launchCommandOutput, runFiles, vmListCommand } from '../../../electron/core/backup/launch.ts';
import { planBackupRun } from '../../../electron/core/backup/plan-run.ts';
import { vmProgress } from '../../../electron/core/backup/progress.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';

const SETUP = { script: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', conf: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf', volume: '/vmfs/volumes/VM_backup_10.0.0.8' };
const FILES = runFiles(SETUP.volume, '0123abcd-0000-4000-8000-000000000000', Date.UTC(2026, 11, 6, 21, 5, 9));
const HOST = { id: 'h1', name: 'esxi-08', address: '10.0.0.8' };

describe('starting ghettoVCB detached', () => {
  it('names a new log on the share and the run’s files in the host’s /tmp', () => {
    expect(FILES).toEqual({
      log: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-custode-20261206-210509-0123abcd.log',
      base: '/tmp/custode-run-0123abcd-0000-4000-8000-000000000000',
      exit: '/tmp/custode-run-0123abcd-0000-4000-8000-000000000000.exit',
      stderr: '/tmp/custode-run-0123abcd-0000-4000-8000-000000000000.err',
      stdout: '/tmp/custode-run-0123abcd-0000-4000-8000-000000000000.out',
      vmList: '/tmp/custode-run-0123abcd-0000-4000-8000-000000000000.vms',
    });
    expect(() => runFiles('/x', '../etc', 0)).toThrow(/Not a run id/);
  });

  it('passes -a, -m or -f, the conf, its own -l and -d dryrun; never -w', () => {
    expect(ghettoVcbArgs(SETUP, { vms: [], dryRun: false }, FILES)).toEqual(['-a', '-g', SETUP.conf, '-l', FILES.log]);
    expect(ghettoVcbArgs(SETUP, { vms: ['segreteria app'], dryRun: true }, FILES)).toEqual(['-m', 'segreteria app', '-g', SETUP.conf, '-l', FILES.log, '-d', 'dryrun']);
    expect(ghettoVcbArgs({ ...SETUP, conf: null }, { vms: ['a', 'b'], dryRun: false }, FILES)).toEqual(['-f', FILES.vmList, '-l', FILES.log]);
    for (const args of [ghettoVcbArgs(SETUP, { vms: ['a', 'b'], dryRun: true }, FILES)]) {
      expect(args).not.toContain('-w');
      expect(args.length).toBeLessThanOrEqual(12);
    }
  });

  it('runs the script through /bin/sh in its own session, every value quoted, and prints the wrapper’s pid', () => {
    const text = launchCommand(SETUP, { vms: ["prova'; $(id) & *"], dryRun: false }, FILES).text;
    expect(text).toBe(
      `if command -v setsid >/dev/null 2>&1; then d=setsid; else d=nohup; fi; cd /; $d /bin/sh -c 'b=$1; shift; /bin/sh "$@" >"$b.out" 2>"$b.err"; echo $? >"$b.exit.tmp" && mv "$b.exit.tmp" "$b.exit"' custode-run ${FILES.base} ${SETUP.script} -m 'prova'\\''; $(id) & *' -g ${SETUP.conf} -l ${FILES.log} </dev/null >/dev/null 2>&1 & echo custode.pid=$!`,
    );
    expect(launchCommandOutput('custode.pid=4711\n')).toBe(4711);
    expect(launchCommandOutput('sh: setsid: not found\n')).toBeNull();
    expect(vmListCommand(FILES, ['a b', "c'd"]).text).toBe(`( set -C; printf '%s\\n' 'a b' 'c'\\''d' > ${FILES.vmList} )`);
    expect(() => vmListCommand(FILES, ['a\nb'])).toThrow(/line break/);
  });

  it('plans the start behind a lock check and a log that must not exist yet; no undo is promised', () => {
    const plan = planBackupRun(HOST, SETUP, { vms: ['a', 'b'], dryRun: false }, FILES, 'p1', 0);
    expect(plan.kind).toBe('backup.run');
    expect(plan.steps.map((s) => s.id)).toEqual(['vm-list', 'start']);
    const start = plan.steps[1]!;
    expect(start.checks.map((c) => c.action.command)).toEqual(["test ! -e /tmp/ghettoVCB.work", `test ! -e ${FILES.log}`]);
    expect(start.undo).toBeNull();
    expect(plan.steps[0]!.undo![0]!.actions[0]!.command).toBe(`rm -f ${FILES.vmList}`);
    expect(planBackupRun(HOST, SETUP, { vms: [], dryRun: true }, FILES, 'p2', 0).steps.map((s) => s.id)).toEqual(['start']);
  });
});

describe('per-VM progress from the log so far', () => {
  const head = '2026-12-06 21:00:00 -- info: ============================== ghettoVCB LOG START ==============================\n\n';
  it('is waiting, in its snapshot, removing it, then done or skipped, as the lines arrive', () => {
    const at = (text: string) => vmProgress(parseLog(text).runs.at(-1) ?? null, ['a', 'b', 'c']).map((v) => `${v.vm}:${v.state}`);
    expect(at(head)).toEqual(['a:waiting', 'b:waiting', 'c:waiting']);
    const a1 = `${head}2026-12-06 21:00:01 -- info: Initiate backup for a\n2026-12-06 21:00:01 -- info: Creating Snapshot "ghettoVCB-snapshot-2026-12-06" for a\n`;
    expect(at(a1)).toEqual(['a:snapshot', 'b:waiting', 'c:waiting']);
    const a2 = `${a1}2026-12-06 21:00:09 -- info: Removing snapshot from a ...\n`;
    expect(at(a2)).toEqual(['a:removingSnapshot', 'b:waiting', 'c:waiting']);
    const a3 = `${a2}2026-12-06 21:00:10 -- info: Backup Duration: 9 Seconds\n2026-12-06 21:00:10 -- info: Successfully completed backup for a!\n\n2026-12-06 21:00:11 -- info: Snapshot found for b, backup will not take place\n\n`;
    expect(at(a3)).toEqual(['a:done', 'b:skipped', 'c:waiting']);
  });

  it('shows a copy going on (known from the work dir, not yet in the log) as the next disk of the VM at work', () => {
    const snap = `${head}2026-12-06 21:00:01 -- info: Initiate backup for a\n2026-12-06 21:00:01 -- info: Creating Snapshot "ghettoVCB-snapshot-2026-12-06" for a\n`;
    expect(vmProgress(parseLog(snap).runs.at(-1) ?? null, ['a', 'b'], 41)).toEqual([
      { vm: 'a', state: 'cloning', disk: 1, percent: 41, outcome: null },
      { vm: 'b', state: 'waiting', disk: null, percent: null, outcome: null },
    ]);
  });
});
