import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * What the user asks of a host's setup. Everything left out keeps what the host has (an adopted host's time,
 * rotation and conf) or takes the site's defaults (rotation 3, NFS 4.1, the schedule on the host unless Secure Boot
 * keeps local.sh from running).
 */
export interface SetupRequest {
  hostId: string;
  nasId: string;
  /** `HH:MM`, the host's clock (UTC on ESXi). */
  time?: string;
  /** The days of the week it runs on (cron's numbers, Sunday 0); default: the host's own, else every day. */
  days?: number[];
  /** VM names ghettoVCB leaves out (its `-e` file); `[]` clears the list; default: the host's own list. */
  exclude?: string[];
  rotation?: number;
  schedule?: 'host' | 'nas';
  nfsVersion?: 'nfs41' | 'nfs3';
  /** A ghettoVCB.sh picked on the workstation, read whole. */
  ghettovcb?: { name: string; bytes: Buffer };
  /** The dataset under which `ESXI_<ip>` is made; default: the parent of the datasets the NAS already shares to hosts. */
  dataset?: string;
  /** Keep periodic ZFS snapshots of the new dataset this long (a compromised host cannot erase them). */
  snapshots?: { value: number; unit: 'DAY' | 'WEEK' | 'MONTH' };
  /** The wizard's plan before every choice is made: a page still waiting for one is listed, not refused. */
  draft?: boolean;
}

export interface ClockTime {
  hour: number;
  minute: number;
}

/** `04:30` → 4 h 30; `25:70`, `4:3`, `24:00` are refused with what to type. */
export function parseClockTime(text: string): ClockTime {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new AppError('setup.timeInvalid', `Not a time of day: ${text}; write HH:MM from 00:00 to 23:59, e.g. 04:30`, { time: text });
  }
  return { hour, minute };
}

export const clockText = (t: ClockTime): string => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** Rotation 1–30 (ghettoVCB keeps that many copies per VM on the share). */
export function checkRotation(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 30) throw new AppError('setup.rotationInvalid', `Keep from 1 to 30 copies per VM, not ${n}`, { rotation: String(n) });
  return n;
}

/** `2w`, `14d`, `3m` (months) → the snapshot task's lifetime. */
export function parseLifetime(text: string): { value: number; unit: 'DAY' | 'WEEK' | 'MONTH' } {
  const m = /^(\d{1,3})([dwm])$/.exec(text);
  if (m === null || Number(m[1]) < 1) throw new AppError('setup.lifetimeInvalid', `A snapshot lifetime is a number and d, w or m (days, weeks, months), e.g. 2w; got ${text}`, { lifetime: text });
  return { value: Number(m[1]), unit: m[2] === 'd' ? 'DAY' : m[2] === 'w' ? 'WEEK' : 'MONTH' };
}
