/**
 * Fleet refresh: every machine of `seed` and of `large:50` probed through Custode (one connection per host, bounded
 * commands per host, hosts in parallel), against two baselines measured in the same run: the slowest single host
 * probed alone (the floor a parallel refresh can reach), and a sequential OpenSSH script (`ssh` client, BatchMode,
 * a lab key) running the same commands the probe ran, one `ssh` per command, as a shell script would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { probeEsxi } from '../../electron/core/fleet/esxi-probe.ts';
import { FleetService } from '../../electron/core/fleet/fleet-service.ts';
import { probeNas } from '../../electron/core/fleet/nas-probe.ts';
import { sshProbeShell, type ProbeShell } from '../../electron/core/fleet/probe-shell.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { cmd, quote } from '../../electron/core/shell/command.ts';
import { ScriptedAuthPrompter, ScriptedHostKeyTrust } from '../../electron/core/ssh/scripted-ports.ts';
import { SshService } from '../../electron/core/ssh/ssh-service.ts';
import { HostTrust } from '../../electron/core/trust/host-trust.ts';
import { PinStore } from '../../electron/core/trust/pin-store.ts';
import { startLab, teardownLab, type Lab } from '../lab/api.ts';

const signal = new AbortController().signal;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/** The probe's commands for one host, as sh text; a listing becomes the `ls` a script would use. */
function recording(inner: ProbeShell, out: string[]): ProbeShell {
  return {
    run: (c) => (out.push(c.text), inner.run(c)),
    stream: (c, onLine) => (out.push(c.text), inner.stream(c, onLine)),
    list: (path) => (out.push(cmd('ls', '-la', path).text), inner.list(path)),
  };
}

async function measure(topology: string): Promise<string[]> {
  // Per process: two bench runs at once (CI and a person) must not tear down each other's lab.
  const stateDir = `/var/tmp/custode-lab-fleet-bench-${process.pid}`;
  await teardownLab(stateDir);
  rmSync(stateDir, { recursive: true, force: true });
  const lab: Lab = await startLab({ topology, stateDir });
  const db = openDatabase(':memory:');
  const trust = new HostTrust(new PinStore(db), new ScriptedHostKeyTrust(() => 'trust'));
  const prompter = ScriptedAuthPrompter.never();
  const secrets = new MemorySecretStore();
  const ssh = new SshService({ trust, prompter, secrets });
  const fleet = new FleetService({ db, ssh, trust, prompter, secrets });
  try {
    for (const h of lab.hosts) {
      await fleet.addHost({ host: { role: h.role, address: h.address, port: h.port, auth: 'key', keyPath: h.privateKeyPath } }, { signal });
    }
    const hosts = fleet.hosts.list();
    // Warm: connections open, lab command caches hot; then three timed refreshes of everything.
    await fleet.refresh(undefined, { signal });
    const all: number[] = [];
    for (let i = 0; i < 3; i++) {
      all.push(await timed(async () => {
        const outcomes = await fleet.refresh(undefined, { signal });
        const bad = outcomes.filter((o) => o.state !== 'ok');
        if (bad.length > 0) throw new Error(`refresh: ${bad.map((b) => `${b.name} ${b.state}`).join(', ')}`);
      }));
    }
    const single = new Map<string, number>();
    for (const h of hosts) single.set(h.name, median([await timed(() => fleet.refresh([h.id], { signal })), await timed(() => fleet.refresh([h.id], { signal }))]));
    const [slowestName, slowest] = [...single.entries()].sort((a, b) => b[1] - a[1])[0]!;

    // The same commands through OpenSSH, one `ssh` per command, host after host.
    const script: string[] = ['set -u'];
    let commands = 0;
    for (const h of hosts) {
      const lh = lab.hosts.find((x) => x.address === h.address)!;
      const texts: string[] = [];
      const shell = recording(sshProbeShell(ssh, h.id, signal), texts);
      if (h.role === 'esxi') await probeEsxi(shell, signal);
      else await probeNas(shell, h.address, signal);
      commands += texts.length;
      const sshArgs = cmd('ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-i', lh.privateKeyPath, '-p', lh.port, `root@${lh.address}`);
      for (const text of texts) script.push(`${sshArgs.text} ${quote(text)} >/dev/null 2>&1 </dev/null`);
    }
    const file = `${stateDir}/openssh-sequential.sh`;
    writeFileSync(file, script.join('\n') + '\n');
    const sequential = await timed(async () => {
      const r = spawnSync('bash', [file], { stdio: 'ignore' });
      if (r.status !== 0 && r.status !== null) throw new Error(`the OpenSSH script failed (${r.status})`);
    });
    const ms = (x: number) => `${Math.round(x)} ms`;
    const m = median(all);
    return [
      `${topology}: ${hosts.length} machines, ${commands} commands and listings per refresh`,
      `  Custode refresh (median of 3): ${ms(m)}`,
      `  slowest single host alone (${slowestName}): ${ms(slowest)} → refresh / slowest = ${(m / slowest).toFixed(2)}`,
      `  sequential OpenSSH script, same commands: ${ms(sequential)} → refresh / OpenSSH = ${(m / sequential).toFixed(3)} (${(sequential / m).toFixed(1)}× faster)`,
    ];
  } finally {
    ssh.close();
    db.close();
    await lab.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<string[]> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return ['skipped: the lab needs root'];
  execFileSync('ssh', ['-V'], { stdio: 'ignore' });
  const lines: string[] = [];
  for (const topology of ['seed', 'large:50']) {
    // A lab that fails to come up is retried once; a second failure is reported and the other topology still runs.
    for (let attempt = 1; ; attempt++) {
      try {
        lines.push(...(await measure(topology)));
        break;
      } catch (error) {
        if (attempt < 2) continue;
        lines.push(`${topology}: failed: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
    }
  }
  return lines;
}
