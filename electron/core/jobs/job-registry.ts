import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { JobProgress, JobRef, JobSummary } from '../../../shared/ipc/jobs.ts';
import type { EventHub } from '../ipc/event-hub.ts';

export interface ProgressUpdate {
  fraction?: number | null;
  step?: string | null;
  stepKey?: string | null;
  stepParams?: Record<string, string | number>;
}

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

export interface JobSpec<T> {
  kind: string;
  title: string;
  run(ctx: JobContext): Promise<T>;
}

interface JobRecord {
  summary: JobSummary;
  controller: AbortController;
  lastProgressAt: number;
  pendingProgress: ReturnType<typeof setTimeout> | null;
}

const KEEP_FINISHED = 100;
/** Progress is coalesced so a chatty job (clone percentages) cannot flood the renderer. */
const PROGRESS_INTERVAL_MS = 100;

let counter = 0;
const newJobId = (): string => `job-${Date.now().toString(36)}-${(++counter).toString(36)}`;

export class JobRegistry {
  readonly #hub: EventHub;
  readonly #jobs = new Map<string, JobRecord>();

  constructor(hub: EventHub) {
    this.#hub = hub;
  }

  start<T>(spec: JobSpec<T>): JobRef {
    const jobId = newJobId();
    const controller = new AbortController();
    const summary: JobSummary = {
      jobId,
      kind: spec.kind,
      title: spec.title,
      state: 'running',
      startedAt: Date.now(),
      endedAt: null,
      fraction: null,
      step: null,
    };
    const record: JobRecord = { summary, controller, lastProgressAt: 0, pendingProgress: null };
    this.#jobs.set(jobId, record);
    this.#hub.emit('job:started', { ...summary });

    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (update) => this.#progress(record, update),
      log: (level, text) => {
        if (record.summary.state === 'running') this.#hub.emit('job:log', { jobId, at: Date.now(), level, text });
      },
    };
    // Started on the next tick so the caller holds the jobId before the first event can matter.
    queueMicrotask(() => {
      spec.run(ctx).then(
        (result) => this.#finish(record, controller.signal.aborted ? 'cancelled' : 'succeeded', result),
        (error: unknown) => this.#finish(record, controller.signal.aborted ? 'cancelled' : 'failed', undefined, error),
      );
    });
    return { jobId };
  }

  cancel(jobId: string): boolean {
    const record = this.#jobs.get(jobId);
    if (!record) throw new AppError('job.notFound', `No job ${jobId}`, { jobId });
    if (record.summary.state !== 'running') return false;
    record.controller.abort(new AppError('job.cancelled', 'Cancelled by the user'));
    return true;
  }

  list(): JobSummary[] {
    return [...this.#jobs.values()].map((r) => ({ ...r.summary }));
  }

  /** Cancels everything still running (window closed, app quitting). */
  cancelAll(): void {
    for (const r of this.#jobs.values()) if (r.summary.state === 'running') r.controller.abort(new AppError('job.cancelled', 'Shutting down'));
  }

  #progress(record: JobRecord, update: ProgressUpdate): void {
    if (record.summary.state !== 'running') return;
    const s = record.summary;
    if (update.fraction !== undefined) s.fraction = update.fraction === null ? null : Math.min(1, Math.max(0, update.fraction));
    if (update.step !== undefined) s.step = update.step;
    const payload: JobProgress = {
      jobId: s.jobId,
      fraction: s.fraction,
      step: s.step,
      stepKey: update.stepKey ?? null,
      ...(update.stepParams ? { stepParams: update.stepParams } : {}),
    };
    const now = Date.now();
    if (record.pendingProgress) clearTimeout(record.pendingProgress);
    const wait = record.lastProgressAt + PROGRESS_INTERVAL_MS - now;
    if (wait <= 0) {
      record.lastProgressAt = now;
      this.#hub.emit('job:progress', payload);
      record.pendingProgress = null;
    } else {
      record.pendingProgress = setTimeout(() => {
        record.pendingProgress = null;
        record.lastProgressAt = Date.now();
        if (record.summary.state === 'running') this.#hub.emit('job:progress', payload);
      }, wait);
    }
  }

  #finish(record: JobRecord, state: 'succeeded' | 'failed' | 'cancelled', result?: unknown, error?: unknown): void {
    if (record.pendingProgress) clearTimeout(record.pendingProgress);
    record.pendingProgress = null;
    record.summary.state = state;
    record.summary.endedAt = Date.now();
    if (state === 'succeeded') record.summary.fraction = 1;
    const jobId = record.summary.jobId;
    if (state === 'succeeded') this.#hub.emit('job:done', { jobId, state, result });
    else if (state === 'cancelled') this.#hub.emit('job:done', { jobId, state, error: { code: 'job.cancelled', message: 'Cancelled' } });
    else this.#hub.emit('job:done', { jobId, state, error: toErrorData(error) });
    this.#prune();
  }

  #prune(): void {
    const finished = [...this.#jobs.values()].filter((r) => r.summary.state !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#jobs.delete(r.summary.jobId);
  }
}

/** Resolves after `ms`, or rejects as soon as the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
