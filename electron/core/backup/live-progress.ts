import type { RunLive, VmLive } from '../../../shared/model/backup.ts';
import { stampMs } from '../ghettovcb/log/stamp.ts';
import type { LogRun, LogVm } from '../ghettovcb/log/types.ts';
import type { LiveProbe } from './live-clone.ts';
import type { VmDisks } from './live-sizes.ts';
import { vmProgress } from './progress.ts';

/**
 * The live view of a followed run, recomputed from what is known each time something new arrives: the log so far
 * (with the partial line the parser holds, where a stdout capture has vmkfstools' steps), the last look at the work
 * directory's clone file (where a `-l` log is silent until the disk is done), and the disks' sizes. Times are on the
 * host's clock (the log's stamps against the host's `date`); the copy rate is measured on Custode's clock over what
 * it saw copied while following, so a re-attach does not count the catch-up as speed.
 */
export interface LiveInput {
  run: LogRun | null;
  /** The parser's view of the line still being written (GhettoVcbLogParser.live()). */
  partial: { vm: string | null; source: string | null; percent: number | null };
  probe: LiveProbe | null;
  /** Custode's clock when `probe` was taken. */
  probeAt: number | null;
  now: number;
}

const finished = (d: LogVm['disks'][number]): boolean => d.lastPercent === 100 || d.error !== null;

export class LiveTracker {
  readonly #runId: string;
  readonly #disks: Map<string, VmDisks>;
  readonly #order: string[];
  #first: { at: number; bytes: number } | null = null;

  /** `requested` empty: every VM, in the order of the host's inventory (`disks`). */
  constructor(runId: string, requested: readonly string[], disks: readonly VmDisks[]) {
    this.#runId = runId;
    this.#disks = new Map(disks.map((d) => [d.vm, d]));
    this.#order = requested.length > 0 ? [...requested] : disks.map((d) => d.vm);
  }

  update(input: LiveInput): RunLive {
    const { run, now } = input;
    const hostNow = input.probe?.hostNow === undefined ? null : stampMs(input.probe.hostNow);
    const hostClock = hostNow === null || input.probeAt === null ? null : hostNow + (now - input.probeAt);
    const current = run?.vms.findLast((v) => v.outcome === 'unknown') ?? null;
    const vms = vmProgress(run, this.#order).map((p): VmLive => {
      const logVm = run?.vms.find((v) => v.name === p.vm) ?? null;
      const known = this.#disks.get(p.vm);
      const sizes = known?.disks.map((path) => known.sizes.get(path) ?? null) ?? [];
      const sizeOf = (i: number, source: string | null): number | null => (source !== null ? (known?.sizes.get(source) ?? null) : null) ?? sizes[i] ?? null;
      let { state, disk, percent } = p;
      let doneDisks = logVm?.disks.filter(finished).length ?? 0;
      if (logVm !== null && logVm === current && state !== 'removingSnapshot') {
        const seen = logVm.disks;
        const last = seen.at(-1);
        if (last !== undefined && !finished(last) && input.partial.vm === logVm.name && input.partial.percent !== null) percent = input.partial.percent;
        const clone = input.probe?.clone ?? null;
        const newDisk = clone !== null && (clone.source !== null ? !seen.some((d) => d.source === clone.source) : last === undefined || finished(last));
        if (newDisk) {
          state = 'cloning';
          disk = seen.length + 1;
          percent = clone.percent;
        } else if (clone !== null && last !== undefined && !finished(last) && clone.percent !== null) {
          percent = Math.max(percent ?? 0, clone.percent);
        }
        doneDisks = seen.filter(finished).length;
      }
      // A stdout capture may miss vmkfstools' last steps (ghettoVCB stops its `tail -f` as the clone ends): a VM
      // backed up whole has copied every disk.
      if (state === 'done' && disk !== null) percent = 100;
      const total = sizes.length > 0 && sizes.every((s) => s !== null) ? sizes.reduce<number>((a, s) => a + (s ?? 0), 0) : null;
      let bytesDone: number | null = null;
      if (state === 'done') bytesDone = total;
      else if (state === 'waiting') bytesDone = total === null ? null : 0;
      else if (logVm !== null) {
        let sum = 0;
        let unknown = false;
        for (let i = 0; i < doneDisks; i++) {
          const s = sizeOf(i, logVm.disks[i]?.source ?? null);
          if (s === null) unknown = true;
          else sum += s;
        }
        if (state === 'cloning' && disk !== null && disk > doneDisks && percent !== null) {
          const s = sizeOf(disk - 1, logVm.disks[disk - 1]?.source ?? input.probe?.clone?.source ?? null);
          if (s === null) unknown = true;
          else sum += (s * percent) / 100;
        }
        bytesDone = unknown ? null : Math.round(sum);
      }
      const started = stampMs(logVm?.startedAt ?? null);
      const ended = stampMs(logVm?.endedAt ?? null);
      const elapsedMs = logVm?.durationSeconds != null ? Math.round(logVm.durationSeconds * 1000) : started !== null && ended !== null ? ended - started : started !== null && hostClock !== null && state !== 'waiting' ? Math.max(0, hostClock - started) : null;
      return {
        ...p,
        state,
        disk,
        percent,
        disks: known ? known.disks.length : null,
        reason: logVm?.reason ?? null,
        // What a skipped or failed VM copied is all it will ever copy.
        bytesTotal: state === 'skipped' || state === 'failed' ? bytesDone : total,
        bytesDone,
        elapsedMs,
        etaMs: null,
      };
    });
    const bytesDone = vms.reduce((a, v) => a + (v.bytesDone ?? 0), 0);
    const bytesTotal = vms.every((v) => v.bytesTotal !== null) ? vms.reduce((a, v) => a + (v.bytesTotal ?? 0), 0) : null;
    const copying = vms.some((v) => v.state === 'cloning');
    if (this.#first === null && copying) this.#first = { at: now, bytes: bytesDone };
    const first = this.#first;
    const rate = first !== null && now - first.at >= 1000 && bytesDone > first.bytes ? ((bytesDone - first.bytes) * 1000) / (now - first.at) : null;
    const eta = (total: number | null, done: number | null): number | null => (rate === null || total === null || done === null ? null : Math.round(((total - done) * 1000) / rate));
    for (const v of vms) if (v.state === 'cloning' || v.state === 'snapshot') v.etaMs = eta(v.bytesTotal, v.bytesDone);
    const runStart = stampMs(run?.startedAt ?? null);
    return {
      runId: this.#runId,
      at: now,
      elapsedMs: runStart !== null && hostClock !== null ? Math.max(0, ((run?.logEnd === true ? stampMs(run.endedAt) : null) ?? hostClock) - runStart) : null,
      bytesTotal,
      bytesDone,
      bytesPerSecond: rate === null ? null : Math.round(rate),
      etaMs: vms.every((v) => v.state === 'done' || v.state === 'skipped' || v.state === 'failed') ? 0 : eta(bytesTotal, bytesDone),
      vms,
    };
  }
}
