import type { ShellCommand } from '../shell/command.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { parseDuK } from './read-copy.ts';

/** How often a clone's files are measured while it runs. */
export const CLONE_POLL_MS = 1000;

export const duCommand = (files: readonly string[]): ShellCommand => cmd('du', '-k', ...files);

/**
 * A clone's percent, measured from outside: the space its files take on the target (`du -k`) against the space the
 * disk needs there (what the copy holds for thin and sparse, the whole disk for thick). It reports a new value only,
 * never 100 (the clone's own end says that), and stops with `stop()` or the signal.
 */
export function watchClone(ssh: SshService, hostId: string, files: readonly string[], expectedBytes: number, onPercent: (percent: number) => void, signal: AbortSignal): () => void {
  const own = new AbortController();
  const stopAll = (): void => own.abort();
  signal.addEventListener('abort', stopAll, { once: true });
  let last = -1;
  const tick = async (): Promise<void> => {
    while (!own.signal.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLONE_POLL_MS);
        own.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (own.signal.aborted) return;
      try {
        const result = await ssh.run(hostId, duCommand(files), { signal: own.signal, timeoutMs: 10_000 });
        const bytes = [...parseDuK(result.stdout).values()].reduce((a, b) => a + b, 0);
        const percent = expectedBytes <= 0 ? 0 : Math.min(99, Math.floor((bytes / expectedBytes) * 100));
        if (percent !== last && !own.signal.aborted) onPercent((last = percent));
      } catch {
        // A missed measure is no news; the clone's own step says whether it failed.
      }
    }
  };
  void tick();
  return () => {
    signal.removeEventListener('abort', stopAll);
    own.abort();
  };
}
