// CPU time a lab spends: every process in its hosts' namespaces and in its holder's (the resident simulator), each
// counted with the children it has reaped, so commands that came and went between two readings are in.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { holderPid } from './holder.ts';
import { labPaths } from './lab-paths.ts';
import { readLabRecord } from './lab-record.ts';
import { mountNamespaceOf } from './processes.ts';

let ticksPerSecond: number | undefined;

function ticks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** utime + stime + cutime + cstime of one process, in clock ticks (0 once it is gone). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return 0;
  }
}

export function labCpuSeconds(stateDir: string): number {
  const paths = labPaths(stateDir);
  const namespaces = new Set<string>();
  for (const host of readLabRecord(paths.record)?.hosts ?? []) if (host.ns !== null) namespaces.add(host.ns);
  const holder = holderPid(paths);
  const holderNs = holder === null ? null : mountNamespaceOf(holder);
  if (holderNs !== null) namespaces.add(holderNs);
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ns = mountNamespaceOf(Number(name));
    if (ns !== null && namespaces.has(ns)) total += cpuTicks(Number(name));
  }
  return total / ticks();
}
