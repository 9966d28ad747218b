// Output, environment and pauses of a simulated command. Run as its own process (the Node fallback), a command
// writes straight to fds 1 and 2 and reads process.env; run by the lab's resident simulator, it runs inside a
// context that collects what it writes (per stream, in order) and the pauses between, for the client to replay.
// Writes are synchronous so interleaving with child processes (and with ghettoVCB's `tail -f` of a clone log)
// follows the order of the calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeSync } from 'node:fs';

export type Emission = { fd: 1 | 2; text: string } | { pauseMs: number } | { poll: () => number | null; everyMs: number };

export interface CommandContext {
  env: Record<string, string | undefined>;
  emitted: Emission[];
}

const current = new AsyncLocalStorage<CommandContext>();
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function runInContext<T>(context: CommandContext, work: () => T): T {
  return current.run(context, work);
}

function emit(fd: 1 | 2, text: string): void {
  const context = current.getStore();
  if (context === undefined) writeSync(fd, text);
  else context.emitted.push({ fd, text });
}

export function out(text: string): void {
  emit(1, text);
}

export function err(text: string): void {
  emit(2, text);
}

/** A variable of the calling process's environment (LAB_NOW, LAB_NAS_STATE…). */
export function labEnv(name: string): string | undefined {
  return (current.getStore()?.env ?? process.env)[name];
}

/** Time passing between two writes (clone progress): slept here, or replayed by the resident simulator's client. */
export function pause(ms: number): void {
  const context = current.getStore();
  if (context === undefined) Atomics.wait(sleeper, 0, 0, ms);
  else context.emitted.push({ pauseMs: ms });
}

/**
 * A command that waits for another one (power.on for the answer to its question): `poll` runs every `everyMs` until
 * it returns the exit code. As its own process the command simply loops here; in the resident simulator, whose queue
 * runs one command at a time, the wait happens outside the queue (each poll alone in it) so the answering command can
 * run meanwhile, and the code returned here is ignored.
 */
export function waitUntil(poll: () => number | null, everyMs: number): number {
  const context = current.getStore();
  if (context !== undefined) {
    context.emitted.push({ poll, everyMs });
    return 0;
  }
  for (;;) {
    const code = poll();
    if (code !== null) return code;
    Atomics.wait(sleeper, 0, 0, everyMs);
  }
}
