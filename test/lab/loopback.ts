// Picks a free loopback /24 for a lab (127.10.N.0, N random) so parallel labs do not collide; .1 is the NAS, ESXi
// hosts follow. Only 127.0.0.0/8 is ever used.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { AppError } from '../../shared/errors/app-error.ts';

/**
 * The /24s the labs of this machine took lately, newest last. A lab's hosts get new keys: a later lab on the same
 * addresses would meet a Custode (an e2e run's one data folder, a developer's app) that pinned the earlier keys, and
 * be refused as a changed host key. So a new lab avoids them while others are free.
 */
const RECENT_FILE = '/var/tmp/custode-lab-loopback-recent';
const RECENT_KEPT = 128;

function recentBases(): Set<number> {
  try {
    return new Set(readFileSync(RECENT_FILE, 'utf8').split('\n').filter(Boolean).map(Number).slice(-RECENT_KEPT));
  } catch {
    return new Set();
  }
}

function remember(n: number): void {
  try {
    appendFileSync(RECENT_FILE, `${n}\n`);
    const lines = readFileSync(RECENT_FILE, 'utf8').split('\n').filter(Boolean);
    if (lines.length > 2 * RECENT_KEPT) writeFileSync(RECENT_FILE, `${lines.slice(-RECENT_KEPT).join('\n')}\n`);
  } catch {
    // Only a preference: a lab still comes up without it.
  }
}

function canListen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export interface LoopbackPlan {
  base: string;
  port: number;
  address(index: number): string;
}

export async function planLoopback(hostCount: number, preferredPort: number): Promise<LoopbackPlan> {
  if (hostCount > 253) throw new AppError('lab.tooManyHosts', 'A lab has at most 253 hosts (one loopback /24)');
  // At most RECENT_KEPT of the 254 are recent: at least 126 are always fresh.
  const recent = recentBases();
  const fresh = Array.from({ length: 254 }, (_, i) => i + 1).filter((n) => !recent.has(n));
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = fresh[Math.floor(Math.random() * fresh.length)]!;
    const base = `127.10.${n}`;
    for (const port of [preferredPort, 10022 + n]) {
      const probes = await Promise.all([1, hostCount].map((i) => canListen(`${base}.${i}`, port)));
      if (probes.every(Boolean)) {
        remember(n);
        return { base, port, address: (i) => `${base}.${i + 1}` };
      }
    }
  }
  throw new AppError('lab.noAddress', `No free loopback address/port found for ${hostCount} hosts`);
}
