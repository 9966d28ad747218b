import type { RunLive, VmLive } from '../../shared/model/backup.ts';
import { compactBytes } from '../core/fleet/compact-bytes.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import { words } from './fleet-words.ts';
import type { CliIo } from './io.ts';
import { printable } from './printable.ts';

/** A time span the same in Italian and English: `1 h 05 min`, `3 min 20 s`, `45 s`. */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const ENDED = new Set(['done', 'skipped', 'failed', 'cancelled']);

export function vmLine(v: VmLive, lang: Lang): string {
  let what: string;
  if (v.state === 'cloning' && v.disks !== null && v.disk !== null) what = words(lang, v.percent === null ? 'backup.live.cloningStarting' : 'backup.live.cloning', { disk: v.disk, disks: v.disks, percent: v.percent ?? '' });
  else what = words(lang, `cli.backup.vm.${v.state}`, { disk: v.disk ?? '', percent: v.percent ?? '' });
  const times: string[] = [];
  if (v.elapsedMs !== null && v.state !== 'waiting') times.push(words(lang, ENDED.has(v.state) ? 'backup.live.took' : 'backup.live.elapsed', { elapsed: span(v.elapsedMs) }));
  if (v.etaMs !== null && !ENDED.has(v.state)) times.push(words(lang, 'backup.live.eta', { eta: span(v.etaMs) }));
  const reason = (v.state === 'skipped' || v.state === 'failed') && v.reason ? ` — ${printable(v.reason)}` : '';
  return `${printable(v.vm)}: ${what}${times.length > 0 ? ` (${times.join(', ')})` : ''}${reason}`;
}

/**
 * Progress lines in the terminal: one each time a VM changes state or disk, or its copy passes ten percent, and a
 * line for the run's totals beside each copy step once a rate is known.
 */
export function livePrinter(io: CliIo, lang: Lang): (live: RunLive) => void {
  const last = new Map<string, string>();
  return (live) => {
    let moved = false;
    for (const v of live.vms) {
      const key = `${v.state}|${v.disk ?? ''}|${v.percent === null ? '' : Math.floor(v.percent / 10)}`;
      if (last.get(v.vm) === key) continue;
      last.set(v.vm, key);
      io.out(`${vmLine(v, lang)}\n`);
      moved ||= v.state === 'cloning';
    }
    if (moved && live.bytesPerSecond !== null && live.bytesTotal !== null && live.etaMs !== null) {
      io.out(`${words(lang, 'backup.live.run', { done: compactBytes(live.bytesDone), total: compactBytes(live.bytesTotal), rate: compactBytes(live.bytesPerSecond), eta: span(live.etaMs), elapsed: span(live.elapsedMs ?? 0) })}\n`);
    }
  };
}
