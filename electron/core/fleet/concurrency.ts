/**
 * A gate that lets at most `width` tasks run at once, in the order they asked. A probe fans out dozens of
 * commands per host; the SSH layer caps channels too, but its wait is long (it exists for bursts), so the probe
 * keeps its own, smaller width and each host stays a polite client.
 */
export function limiter(width: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    active--;
    queue.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= width) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
