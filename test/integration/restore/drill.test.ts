import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markerLine } from '../../../electron/core/drill/marker.ts';
import { tearDownDrill } from '../../../electron/core/drill/teardown.ts';
import { hostTarget } from '../../../electron/core/operations/plan-steps.ts';
import type { DrillEnded, DrillHistory, DrillPlanView, DrillRecord } from '../../../shared/model/drill.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { appCore } from './app-core.ts';
import { labPaths } from '../../lab/lab-paths.ts';
import { labSkip, useSmallLab } from '../backup/cli-session.ts';
import { esxi } from '../lab-esxi/helpers.ts';

const skip = labSkip();
if (skip) console.log(`[drill] skipped: ${skip}`);

const STATE = '/var/tmp/custode-lab-drill';
/** Files above this are compared by size only (the lab's flat disks are sparse and many GB long). */
const HASHED_MAX = 4 << 20;

/**
 * Restore drills on the small lab (esxi-08 and the NAS): the drill restores onto esxi-08 itself, the only host that
 * sees the share. What the datastore holds (every path, size, and the bytes of every file up to 4 MiB) and what
 * getallvms prints are compared, before and after, byte for byte.
 */
describe.skipIf(skip !== null)('restore drills', { timeout: 300_000 }, () => {
  const site = useSmallLab(STATE);
  const datastore = () => realpathSync(join(labPaths(STATE).host('esxi-08').hostFs, 'vmfs/volumes/datastore1'));
  const inventory = () => esxi(labPaths(STATE).host('esxi-08').hostFs, 'bin/vim-cmd', ['vmsvc/getallvms']).stdout;
  const tree = (dir: string, prefix = ''): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return [`${prefix}${e.name}/`, ...tree(path, `${prefix}${e.name}/`)];
        const size = statSync(path).size;
        return [`${prefix}${e.name} ${size} ${size <= HASHED_MAX ? createHash('sha256').update(readFileSync(path)).digest('hex') : ''}`];
      });
  const state = () => ({ files: tree(datastore()), vms: inventory() });
  /**
   * The state once nothing else changes it: once, a backup's tail on the lab wrote another VM's .vmsd (its snapshot
   * list) while the first drill ran, so "before" is read only when two reads 500 ms apart agree.
   */
  const settled = async <T>(read: () => T): Promise<T> => {
    let last = read();
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = read();
      if (JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
    throw new Error('the datastore kept changing for 30 s');
  };

  it('takes the copies the drills restore', async () => {
    for (const vm of ['segreteria-dc01', 'archivio-2019']) {
      const backup = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', vm, '--reason', 'a copy to drill', '--yes']);
      expect(backup.code).toBe(0);
    }
  });

  it('a drill restores the latest good copy with every NIC off, records its recovery time, and leaves nothing behind', async () => {
    const args = ['drill', 'run', '--vm', 'segreteria-dc01', '--to-host', 'esxi-08', '--datastore', 'datastore1'];
    const shown = await site.cli.run([...args, '--json']);
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.out) as DrillPlanView & { plan: OperationPlan };
    expect(view.restore).toMatchObject({ vm: 'segreteria-dc01', method: 'native', verdict: 'go' });
    expect(view.restore.name).toMatch(/^segreteria-dc01-drill-\d{8}-\d{4}$/);
    expect(view.marker).toBe(`/vmfs/volumes/datastore1/${view.restore.name}/.custode-drill`);
    // The marker is written right after the folder is made, before any disk.
    expect(view.plan.steps.map((s) => s.id).slice(0, 3)).toEqual(['folder', 'marker', 'clone-0']);
    const vmxStep = view.plan.steps.find((s) => s.id === 'vmx')!;
    expect(vmxStep.actions[0]!.command).toContain('ethernet0.startConnected = "FALSE"');
    expect(shown.err).toBe('');
    // The removal after the drill is shown before it runs; the folder's removal exactly as the teardown sends it.
    expect(view.teardown).toEqual([
      'vim-cmd vmsvc/power.off <id>',
      'vim-cmd vmsvc/unregister <id>',
      expect.stringMatching(/^grep -qxF 'custode-drill [0-9a-f-]{36}' \S+\/\.custode-drill && rm -rf \S+$/),
    ]);
    expect(view.teardown[2]).toContain(`/vmfs/volumes/datastore1/${view.restore.name}`);

    const before = await settled(state);
    const r = await site.cli.run([...args, '--reason', 'prova di ripristino mensile', '--yes', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { record, notRemoved } = JSON.parse(r.out) as { record: DrillRecord; notRemoved: string[] };
    expect(notRemoved).toEqual([]);
    expect(record).toMatchObject({ vm: 'segreteria-dc01', sourceHost: 'esxi-08', targetHost: 'esxi-08', datastore: 'datastore1', result: 'succeeded', errorCode: null, reason: 'prova di ripristino mensile' });
    expect(record.copyFolder).toMatch(/^segreteria-dc01-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/);
    expect(record.recoveryMs).toBeGreaterThan(0);
    // The lab starts a restored guest's Tools after it is on: the Tools time comes later than the running time.
    expect(record.toolsMs).toBeGreaterThan(record.recoveryMs!);
    expect(record.operationId).not.toBeNull();
    expect(state()).toEqual(before);

    console.log(`[drill] segreteria-dc01 on the lab: running ${record.recoveryMs} ms after the start, Tools ${record.toolsMs} ms`);

    // The same drill again, as a person reads it in Italian: the second point of the trend.
    const again = await site.cli.run([...args, '--reason', 'seconda prova', '--yes', '--lang', 'it'], 'it');
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`Prova di segreteria-dc01 completata: in esecuzione dopo \\d+\\.\\d s dall’inizio, VMware Tools \\d+\\.\\d s; segreteria-dc01-drill-\\d{8}-\\d{4} è stata rimossa da esxi-08\\.`));
    expect(state()).toEqual(before);

    const list = await site.cli.run(['drill', 'list', '--vm', 'segreteria-dc01', '--json']);
    const history = JSON.parse(list.out) as DrillHistory;
    expect(history.drills.map((d) => d.id).at(-1)).toBe(record.id);
    expect(history.drills).toHaveLength(2);
    const second = history.drills[0]!;
    expect(history.trends).toEqual([
      {
        vm: 'segreteria-dc01',
        points: [
          { at: record.startedAt, recoveryMs: record.recoveryMs, toolsMs: record.toolsMs },
          { at: second.startedAt, recoveryMs: second.recoveryMs, toolsMs: second.toolsMs },
        ],
      },
    ]);
    const italian = await site.cli.run(['drill', 'list', '--lang', 'it'], 'it');
    expect(italian.out).toContain('riuscita');
    expect(italian.out).toContain('Tempi di ripristino di segreteria-dc01 (dal più vecchio)');
  });

  it('a drill whose VM is not up in time is kept as failed, and the VM it powered on is still removed', async () => {
    // The lab starts a restored guest's Tools 2 s after its power-on: a 1 s allowance always runs out first.
    const before = await settled(state);
    const r = await site.cli.run(['drill', 'run', '--vm', 'segreteria-dc01', '--to-host', 'esxi-08', '--datastore', 'datastore1', '--timeout', '1', '--reason', 'prova a tempo', '--yes', '--json']);
    expect(r.code).toBe(1);
    const { record, notRemoved } = JSON.parse(r.out) as { record: DrillRecord; notRemoved: string[] };
    expect(record).toMatchObject({ result: 'failed', errorCode: 'restore.power.timeout', recoveryMs: null, toolsMs: null });
    expect(notRemoved).toEqual([]);
    expect(r.err).toContain('was not up within the time allowed');
    expect(state()).toEqual(before);
  });

  it('a drill cancelled mid-clone through the app’s IPC leaves nothing, and is kept as cancelled', async () => {
    await site.lab.fault('esxi-08', 'slow-clone', 'on');
    const { core, call, ended } = appCore(site.cli.home);
    const ends: DrillEnded[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'drill:ended') ends.push(payload as DrillEnded);
    });
    try {
      const before = await settled(state);
      const hostId = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;
      const planned = await ended(((await call('drill.plan', { vm: 'segreteria-dc01', toHostId: hostId, datastore: 'datastore1' })) as { jobId: string }).jobId);
      expect(planned.state).toBe('succeeded');
      const view = planned.result as DrillPlanView;
      const { jobId } = (await call('drill.run', { drillId: view.drillId, reason: 'prova annullata' })) as { jobId: string };
      const folder = join(datastore(), view.restore.name);
      for (let i = 0; i < 600 && !existsSync(join(folder, `${view.restore.name}-0-flat.vmdk`)) && !existsSync(join(folder, `${view.restore.name}-0.vmdk`)); i++) await new Promise((r) => setTimeout(r, 100));
      // The marker came first, holding this drill's id.
      expect(readFileSync(join(folder, '.custode-drill'), 'utf8')).toBe(`custode-drill ${view.drillId}\n`);
      expect(await call('drill.cancel', { jobId })).toEqual({ cancelled: true });
      const d = await ended(jobId);
      expect(d.state).toBe('cancelled');
      expect(ends.find((e) => e.jobId === jobId)).toMatchObject({ notRemoved: [], record: { id: view.drillId, result: 'cancelled', errorCode: 'job.cancelled', recoveryMs: null } });
      expect(state()).toEqual(before);
      const history = (await call('drill.history', { vm: 'segreteria-dc01' })) as DrillHistory;
      expect(history.drills[0]).toMatchObject({ id: view.drillId, result: 'cancelled' });
    } finally {
      core.close();
      await site.lab.fault('esxi-08', 'slow-clone', 'off');
    }
  });

  it('a scheduled drill is started by the app by itself, with the reason “scheduled drill”, onto the VM’s own datastore', async () => {
    const datastore2 = () => realpathSync(join(labPaths(STATE).host('esxi-08').hostFs, 'vmfs/volumes/datastore2'));
    const both = () => ({ ...state(), files2: tree(datastore2()) });
    const before = await settled(both);
    const setup = appCore(site.cli.home);
    try {
      const hostId = setup.core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!.id;
      expect(await setup.call('drill.schedule.set', { entries: [{ vm: 'archivio-2019', toHostId: hostId, everyDays: 30 }] })).toEqual({ entries: [{ vm: 'archivio-2019', toHostId: hostId, everyDays: 30 }] });
    } finally {
      setup.core.close();
    }
    // The app starting again finds the drill due and starts it, nobody asking.
    const { core, call } = appCore(site.cli.home);
    const ends: DrillEnded[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'drill:ended') ends.push(payload as DrillEnded);
    });
    try {
      for (let i = 0; i < 3000 && ends.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(ends).toHaveLength(1);
      expect(ends[0]!).toMatchObject({ notRemoved: [], record: { vm: 'archivio-2019', reason: 'scheduled drill', result: 'succeeded', datastore: 'datastore2', targetHost: 'esxi-08' } });
      expect(ends[0]!.record.recoveryMs).toBeGreaterThan(0);
      expect(both()).toEqual(before);
      const history = (await call('drill.history', { vm: 'archivio-2019' })) as DrillHistory;
      expect(history.drills.map((d) => d.reason)).toEqual(['scheduled drill']);
    } finally {
      core.close();
    }
  });

  it('never removes a folder without the drill’s own marker: none, or one naming another drill', async () => {
    const { core } = appCore(site.cli.home);
    try {
      const host = core.fleet.hosts.list().find((h) => h.name === 'esxi-08')!;
      const target = hostTarget(host) as Parameters<typeof tearDownDrill>[1]['target'];
      const cases = [
        { name: 'non-una-prova', marker: null },
        { name: 'prova-di-altri', marker: `${markerLine('another-drill')}\n` },
      ];
      for (const c of cases) {
        const dir = join(datastore(), c.name);
        mkdirSync(dir);
        writeFileSync(join(dir, 'dati.txt'), 'da tenere\n');
        if (c.marker !== null) writeFileSync(join(dir, '.custode-drill'), c.marker);
        const before = state();
        const folder = `/vmfs/volumes/datastore1/${c.name}`;
        const down = await tearDownDrill(core, { target, datastore: 'datastore1', vmxInDatastore: `${c.name}/${c.name}.vmx`, folder, marker: `${folder}/.custode-drill`, line: markerLine('this-drill'), reason: 'prova' });
        expect(down).toEqual({ operationId: null, notRemoved: [folder], markerMissing: true });
        expect(state()).toEqual(before);
      }
    } finally {
      core.close();
    }
  });
});
