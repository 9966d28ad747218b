// `lab clock advance`: on the seed lab, a day and an hour later every host's 04:30 ghettoVCB line has run once, on its
// clock as it stood at 04:30, and left its log on the host's share; a second advance runs it again and never twice;
// the NAS's hourly snapshot task keeps pace and prunes what is older than its lifetime.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type ClockAdvance, type Lab } from '../../lab/api.ts';
import { nowSeconds } from '../../lab/esxi/clock.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { readNasState } from '../../lab/nas/state.ts';
import { sharePath } from '../../lab/topology.ts';
import { canRunLab, freshStateDir, skipReason } from './lab-state-dir.ts';
import { run } from './ssh-client.ts';

if (!canRunLab) console.log(`skipping lab clock tests: ${skipReason}`);

const DAY = 86400;
const DATASET = 'UniventionBackup/ESXI_VM_backups';

/** Every 04:30 UTC in (after, until]: the seed crontab's line is `30 4 * * *`. */
function half4s(after: number, until: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(after / DAY) * DAY + 4.5 * 3600; t <= until; t += DAY) if (t > after) out.push(t);
  return out;
}

describe.skipIf(!canRunLab)('lab clock advance on the seed lab', { timeout: 600_000 }, () => {
  let lab: Lab;
  const stateDir = freshStateDir();
  const advances: Array<{ before: Map<string, number>; result: ClockAdvance }> = [];

  beforeAll(async () => {
    lab = await startLab({ topology: 'seed', stateDir });
  }, 600_000);
  afterAll(async () => {
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const esxi = (): string[] => lab.hosts.filter((h) => h.role === 'esxi').map((h) => h.name);
  const hostNow = (name: string): number => nowSeconds(readHostState(lab.host(name).hostFs).clockOffset);
  const shareDir = (name: string): string => {
    const nas = readNasState(lab.nasStatePath);
    return join(nas.mntDir, sharePath(lab.host(name).identityIp).slice('/mnt'.length));
  };

  async function advance(duration: string): Promise<ClockAdvance> {
    const before = new Map(esxi().map((n) => [n, hostNow(n)]));
    const result = await lab.advanceClock(duration);
    advances.push({ before, result });
    return result;
  }

  it('moves every clock 25 h and runs each host’s 04:30 line once per 04:30 passed, writing its log on the share', async () => {
    const created = await run(lab.host('truenas'), `midclt call pool.snapshottask.create '{"dataset": "${DATASET}", "schedule": {"minute": "0", "hour": "*"}, "lifetime_value": 1, "lifetime_unit": "DAY"}'`);
    expect(created.code).toBe(0);
    const nasBefore = Math.floor(Date.now() / 1000) + (readNasState(lab.nasStatePath).clockOffset ?? 0);
    const result = await advance('25h');
    const nasAfter = Math.floor(Date.now() / 1000) + (readNasState(lab.nasStatePath).clockOffset ?? 0);
    expect(nasAfter - nasBefore).toBeGreaterThanOrEqual(25 * 3600);
    expect(result.stopped).toEqual([]);
    const { before } = advances[0]!;
    for (const name of esxi()) {
      expect(hostNow(name) - before.get(name)!).toBeGreaterThanOrEqual(25 * 3600);
      const due = half4s(before.get(name)!, before.get(name)! + 25 * 3600);
      expect(due.length).toBeGreaterThanOrEqual(1);
      const fired = result.fired.filter((f) => f.host === name);
      expect(fired.map((f) => f.at)).toEqual(due);
      for (const f of fired) {
        expect(f.job).toMatch(/^30 4 \* \* \* \/vmfs\/volumes\/datastore1\/ghettoVCB\/ghettoVCB\.sh -a -g /);
        const log = join(shareDir(name), `ghettoVCB-${f.at}.log`);
        expect(existsSync(log), `${name}: ${log}`).toBe(true);
        const text = readFileSync(log, 'utf8');
        const day = new Date(f.at * 1000).toISOString().slice(0, 10);
        expect(text).toMatch(new RegExp(`^${day} 04:30:0\\d -- info: ============================== ghettoVCB LOG START`, 'm'));
        expect(text).toContain(`-- info: CONFIG - VM_BACKUP_DIR_NAMING_CONVENTION = ${day}_04-30-00\n`);
        expect(text).toContain('-- info: ============================== ghettoVCB LOG END');
      }
    }
    // The NAS's hourly task ran at each of the 25 hours passed, in order among the hosts' jobs, and kept one day.
    const hourly = result.fired.filter((f) => f.host === 'truenas');
    expect(hourly).toHaveLength(25);
    expect(hourly.every((f) => f.at % 3600 === 0)).toBe(true);
    expect(result.fired.map((f) => f.at)).toEqual([...result.fired.map((f) => f.at)].sort((a, b) => a - b));
    const last = hourly.at(-1)!.at;
    const kept = readNasState(lab.nasStatePath).snapshots.filter((s) => s.dataset === DATASET).map((s) => s.createdAt);
    expect(kept).toEqual(hourly.map((f) => f.at).filter((t) => t > last - DAY));
    expect(kept).toHaveLength(24);
  });

  it('a second advance runs the line again, and no host ever runs the same 04:30 twice', async () => {
    const result = await advance('25h');
    const { before } = advances[1]!;
    for (const name of esxi()) {
      const fired = result.fired.filter((f) => f.host === name).map((f) => f.at);
      expect(fired).toEqual(half4s(before.get(name)!, before.get(name)! + 25 * 3600));
      expect(fired.length).toBeGreaterThanOrEqual(1);
      const all = advances.flatMap((a) => a.result.fired.filter((f) => f.host === name).map((f) => f.at));
      expect(new Set(all).size).toBe(all.length);
      for (const at of fired) expect(existsSync(join(shareDir(name), `ghettoVCB-${at}.log`))).toBe(true);
    }
  });

  it('refuses a duration it cannot read, saying what it takes', async () => {
    await expect(lab.advanceClock('25 hours')).rejects.toMatchObject({ code: 'lab.durationInvalid' });
  });
});
