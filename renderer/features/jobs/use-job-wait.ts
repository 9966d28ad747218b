import { useEffect, useRef, useState } from 'react';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { JobRef } from '../../../shared/ipc/jobs.ts';
import { errorData } from '../../stores/fleet/service.ts';
import { awaitJob } from './await-job.ts';

/**
 * The job a dialog or wizard is waiting for, one at a time: `wait` gives its result, or null when it failed (the error
 * is kept for the page to show) or was stopped. `stop()` aborts it in core, and leaving the page stops it too, so a
 * slow or dead host never holds the page. `job` is `wait` with the words of what is being waited for kept in `busy`
 * meanwhile (a wizard shows them with a Stop button in place of its page).
 */
export function useJobWait(): {
  error: ErrorData | null;
  setError(error: ErrorData | null): void;
  wait<T>(start: () => Promise<JobRef>): Promise<T | null>;
  stop(): void;
  busy: string | null;
  setBusy(label: string | null): void;
  job<T>(label: string, start: () => Promise<JobRef>): Promise<T | null>;
} {
  const [error, setError] = useState<ErrorData | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const waiting = useRef<(() => void) | null>(null);
  useEffect(() => () => waiting.current?.(), []);
  const wait = async <T>(start: () => Promise<JobRef>): Promise<T | null> => {
    setError(null);
    const { done, cancel } = awaitJob(start);
    waiting.current = cancel;
    try {
      const d = await done;
      if (d.state === 'succeeded') return d.result as T;
      if (d.state === 'failed' && d.error) setError(d.error);
    } catch (e) {
      setError(errorData(e));
    } finally {
      waiting.current = null;
    }
    return null;
  };
  const job = async <T>(label: string, start: () => Promise<JobRef>): Promise<T | null> => {
    setBusy(label);
    try {
      return await wait<T>(start);
    } finally {
      setBusy(null);
    }
  };
  return { error, setError, wait, stop: () => waiting.current?.(), busy, setBusy, job };
}
