// The lab's resident simulator: one Node process per lab answers every simulated command of every host (vim-cmd,
// esxcli, vmkfstools… on the ESXi hosts, midclt on the NAS), so a call costs a tiny client's exec and a socket round
// trip instead of a Node start. A host's binaries are the client (sim-client.c); it sends its pid, working directory,
// argv and environment, and replays what comes back: stdout and stderr frames in order (clone progress pauses
// included) and the exit code. The simulator reads and writes the caller's host through /proc/<pid>/root, so every
// host keeps its own state and mounts. Commands run one at a time (they lock state files synchronously); the
// optional per-command latency, like hostd's, is waited outside that queue.
//
// `node server.ts SOCKET NAS_STATE [LATENCY_MS] [PARENT_PID]`, started by the lab in its holder namespace (it dies with
// the holder), or for a while by a process that seeds or tests host trees (it exits when that parent is gone).
import { rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { runEsxiCommand } from '../esxi/dispatch.ts';
import { clientRoot } from '../esxi/paths.ts';
import { midclt } from '../nas/midclt.ts';
import { runInContext, type CommandContext, type Emission } from './io.ts';
import { decodeRequest, encodeFrame, type SimRequest } from './protocol.ts';

const [socketPath = '', nasStatePath = '', latencyArg = '0', parentArg = ''] = process.argv.slice(2);
const latencyMs = Number(latencyArg) || 0;
const parentPid = Number(parentArg) || null;

async function execute(req: SimRequest): Promise<{ code: number; emitted: Emission[] }> {
  const context: CommandContext = { env: req.env, emitted: [] };
  try {
    const code = await runInContext(context, () =>
      req.command === 'midclt' ? midclt(req.args, nasStatePath || req.env['LAB_NAS_STATE']) : runEsxiCommand(req.command, clientRoot(req.pid), req.args),
    );
    return { code, emitted: context.emitted };
  } catch (e) {
    context.emitted.push({ fd: 2, text: `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` });
    return { code: 1, emitted: context.emitted };
  }
}

let queue: Promise<unknown> = Promise.resolve();

function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

async function answer(socket: Socket, req: SimRequest): Promise<void> {
  if (latencyMs > 0) await sleep(latencyMs);
  const first = await serially(() => execute(req));
  let code = first.code;
  // Adjacent writes to one stream go as one frame; a pause (clone progress) is kept as the time between frames.
  let pending: { fd: 1 | 2; text: string } | null = null;
  const flush = (): void => {
    if (pending !== null) socket.write(encodeFrame(pending.fd === 1 ? 'o' : 'e', Buffer.from(pending.text)));
    pending = null;
  };
  const replay = async (emitted: Emission[]): Promise<void> => {
    for (const e of emitted) {
      if ('poll' in e) {
        flush();
        code = await polled(socket, req, e, replay);
      } else if ('pauseMs' in e) {
        flush();
        await sleep(e.pauseMs);
      } else if (pending !== null && pending.fd === e.fd) pending.text += e.text;
      else {
        flush();
        pending = { fd: e.fd, text: e.text };
      }
    }
  };
  await replay(first.emitted);
  flush();
  const status = Buffer.alloc(4);
  status.writeInt32BE(code);
  socket.end(encodeFrame('x', status));
}

/** A waiting command (waitUntil): its poll runs alone in the queue now and then until it gives the exit code. */
async function polled(socket: Socket, req: SimRequest, wait: { poll: () => number | null; everyMs: number }, replay: (e: Emission[]) => Promise<void>): Promise<number> {
  for (;;) {
    await sleep(wait.everyMs);
    // The caller is gone (its ssh channel closed): stop asking; what it waited for stays as it is, as on ESXi.
    if (socket.destroyed || socket.readableEnded) return 1;
    const context: CommandContext = { env: req.env, emitted: [] };
    const code = await serially(async () => runInContext(context, wait.poll));
    await replay(context.emitted);
    if (code !== null) return code;
  }
}

const server = createServer((socket) => {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    let req: SimRequest | null;
    try {
      req = decodeRequest(buffered);
    } catch {
      socket.destroy();
      return;
    }
    if (req === null) return;
    socket.removeAllListeners('data');
    answer(socket, req).catch((e: unknown) => socket.destroy(e instanceof Error ? e : new Error(String(e))));
  });
});

// Load every command once now, so the first call of each pays no import.
await Promise.all([import('../esxi/commands/vim-cmd.ts'), import('../esxi/commands/esxcli.ts'), import('../esxi/commands/vmkfstools.ts'), import('../esxi/commands/host-info.ts')]);
rmSync(socketPath, { force: true });
server.listen(socketPath);
const stop = (): never => {
  rmSync(socketPath, { force: true });
  process.exit(0);
};
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, stop);
if (parentPid !== null) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      stop();
    }
  }, 1000).unref();
}
