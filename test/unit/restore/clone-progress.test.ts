import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLONE_POLL_MS, watchClone } from '../../../electron/core/restore/clone-progress.ts';
import type { SshService } from '../../../electron/core/ssh/ssh-service.ts';

afterEach(() => vi.useRealTimers());

/** An SSH stand-in answering each `du -k` with the next of `answers` (kilobytes of the flat file). */
function fakeSsh(answers: number[]) {
  const sent: string[] = [];
  const ssh = {
    run: (_host: string, command: { text: string }) => {
      sent.push(command.text);
      const kb = answers.shift() ?? 0;
      return Promise.resolve({ exitCode: 0, stdout: `${kb}\t/d/n-0-flat.vmdk\n`, stderr: '' });
    },
  } as unknown as SshService;
  return { ssh, sent };
}

describe('a clone’s percent, measured with du', () => {
  it('reports each new percent of the bytes needed, never 100, and stops when told', async () => {
    vi.useFakeTimers();
    const { ssh, sent } = fakeSsh([0, 512, 512, 1024, 2048]);
    const seen: number[] = [];
    const stop = watchClone(ssh, 'h', ['/d/n-0.vmdk', '/d/n-0-flat.vmdk'], 1024 * 1024, (p) => seen.push(p), new AbortController().signal);
    for (let i = 0; i < 4; i++) await vi.advanceTimersByTimeAsync(CLONE_POLL_MS);
    // 0 KiB, 512 KiB (50 %), 512 again (no news), 1024 KiB: 100 % is the clone's own end, shown as 99.
    expect(seen).toEqual([0, 50, 99]);
    expect(sent[0]).toBe("du -k /d/n-0.vmdk /d/n-0-flat.vmdk");
    stop();
    await vi.advanceTimersByTimeAsync(CLONE_POLL_MS * 3);
    expect(sent).toHaveLength(4);
  });

  it('stops with the restore’s signal', async () => {
    vi.useFakeTimers();
    const { ssh, sent } = fakeSsh([1, 2, 3]);
    const cancel = new AbortController();
    watchClone(ssh, 'h', ['/d/x.vmdk'], 4096, () => {}, cancel.signal);
    await vi.advanceTimersByTimeAsync(CLONE_POLL_MS);
    cancel.abort();
    await vi.advanceTimersByTimeAsync(CLONE_POLL_MS * 3);
    expect(sent).toHaveLength(1);
  });
});
