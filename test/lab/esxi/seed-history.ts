// Three (or N) nights of existing backups: the site's cron command is replayed with the ghettoVCB stand-in on a
// shifted clock (LAB_NOW = 04:30 UTC of each past day), so the share holds dated folders, STATUS files, rotation
// and the stdout logs the cron line writes, exactly as if the host had run them.
import { readFileSync, utimesSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { withSimulator } from '../sim/resident.ts';
import { STAND_IN } from './ghettovcb-install.ts';
import { hostExec, type HostRun } from './host-exec.ts';
import { hostPath } from './paths.ts';
import { readHostState } from './state.ts';

const DAY = 86400;

export interface SeedHistoryOptions {
  days: number;
  nasStatePath?: string;
  signal?: AbortSignal;
}

/** The ghettoVCB line of the host's crontab, split into its command and its `> log` target. */
function cronCommand(hostFs: string): { command: string; log: string } | null {
  const crontab = readFileSync(hostPath(hostFs, '/var/spool/cron/crontabs/root'), 'utf8');
  const line = crontab.split('\n').find((l) => l.includes('ghettoVCB.sh') && !l.startsWith('#'));
  if (!line) return null;
  const m = /^\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(.*?)\s*>\s*(.+?)\s*$/.exec(line);
  return m ? { command: m[1]!, log: m[2]! } : null;
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function seedHistory(hostFs: string, options: SeedHistoryOptions): Promise<HostRun[]> {
  const cron = cronCommand(hostFs);
  if (!cron) return [];
  const [script = '', ...args] = cron.command.split(/\s+/);
  if (!script.endsWith('ghettoVCB.sh')) return [];
  const ownTmp = ![hostFs, STAND_IN, options.nasStatePath ?? ''].some((p) => p.startsWith('/tmp/'));
  // The newest seeded run is the last 04:30 UTC that has already passed, as if cron had fired every night up to now.
  const now = Math.floor(Date.now() / 1000);
  const todayRun = Math.floor(now / DAY) * DAY + 4 * 3600 + 30 * 60;
  const latest = todayRun <= now ? todayRun : todayRun - DAY;
  // One simulator for every night's commands (a Node start per vim-cmd made seeding the slow part of `lab up`).
  return withSimulator(options.nasStatePath ?? '', async (simSocket) => {
    const runs: HostRun[] = [];
    for (let d = options.days; d >= 1; d--) {
      const start = latest - (d - 1) * DAY;
      const log = cron.log.replace('$(date +\\%s)', String(start));
      const run = await hostExec(hostFs, `/bin/sh ${q(STAND_IN)} ${args.map(q).join(' ')} > ${q(log)} 2>/dev/null`, {
        env: { LAB_NOW: String(start) },
        ownTmp,
        simSocket,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      runs.push(run);
      const logOnHost = logPath(hostFs, log);
      if (logOnHost && existsSync(logOnHost)) {
        const end = new Date((start + 60 + readHostState(hostFs).vms.length * 20) * 1000);
        utimesSync(logOnHost, end, end);
      }
    }
    return runs;
  });
}

/** A /vmfs/volumes path as seen from outside (through the datastore symlinks in hostFs). */
function logPath(hostFs: string, esxiPath: string): string | null {
  return esxiPath.startsWith('/vmfs/') ? join(hostFs, esxiPath) : null;
}
