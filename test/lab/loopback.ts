// Picks a free loopback /24 for a lab (127.10.N.0, N random) so parallel labs do not collide; .1 is the NAS, ESXi
// hosts follow. Only 127.0.0.0/8 is ever used.
import { createServer } from 'node:net';
import { AppError } from '../../shared/errors/app-error.ts';

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
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = 1 + Math.floor(Math.random() * 254);
    const base = `127.10.${n}`;
    for (const port of [preferredPort, 10022 + n]) {
      const probes = await Promise.all([1, hostCount].map((i) => canListen(`${base}.${i}`, port)));
      if (probes.every(Boolean)) return { base, port, address: (i) => `${base}.${i + 1}` };
    }
  }
  throw new AppError('lab.noAddress', `No free loopback address/port found for ${hostCount} hosts`);
}
