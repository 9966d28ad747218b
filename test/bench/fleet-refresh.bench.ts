/**
 * Fleet refresh: every machine of `seed` and of `large:50` probed through Custode (one connection per host, at most
 * `concurrency` commands in flight per host, hosts in parallel), against two baselines measured in the same run:
 * the slowest single host probed alone (the floor a parallel refresh can reach), and OpenSSH running the same
 * commands the probe ran, over one ControlMaster connection per host with the same parallelism. Beside the times:
 * Custode's own CPU per refresh (this process) and the lab's (sshd, shells, the resident simulator).
 *
 * The lab answers each simulated command after CUSTODE_BENCH_LATENCY_MS (default 100 ms), as hostd and the
 * TrueNAS middleware take time; 0 measures a lab that answers at once (then the 2-core machine's CPU is the bound).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { limiter } from '../../electron/core/fleet/concurrency.ts';
import { probeEsxi } from '../../electron/core/fleet/esxi-probe.ts';
import { DEFAULT_FLEET_LIMITS, FleetService } from '../../electron/core/fleet/fleet-service.ts';
import { probeNas } from '../../electron/core/fleet/nas-probe.ts';
import { sshProbeShell, type ProbeShell } from '../../electron/core/fleet/probe-shell.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { cmd } from '../../electron/core/shell/command.ts';
import { ScriptedAuthPrompter, ScriptedHostKeyTrust } from '../../electron/core/ssh/scripted-ports.ts';
import { SshService } from '../../electron/core/ssh/ssh-service.ts';
import { HostTrust } from '../../electron/core/trust/host-trust.ts';
import { PinStore } from '../../electron/core/trust/pin-store.ts';
import { labCpuSeconds, startLab, teardownLab, type Lab, type LabHost } from '../lab/api.ts';
import { publish, sample, summarize, type BenchRow } from './report.ts';

const signal = new AbortController().signal;
const LATENCY_MS = Number(process.env['CUSTODE_BENCH_LATENCY_MS'] ?? 100);
const SAMPLES = 3;

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

function exited(program: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

/** OpenSSH with one master connection per host: what a careful shell script would do. */
class OpenSshMasters {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  #args(h: LabHost): string[] {
    return ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
      '-o', `ControlPath=${join(this.#dir, '%C')}`, '-i', h.privateKeyPath, '-p', String(h.port), `root@${h.address}`];
  }

  async open(h: LabHost): Promise<void> {
    const code = await exited('ssh', ['-o', 'ControlMaster=yes', '-o', 'ControlPersist=yes', '-fN', ...this.#args(h)]);
    if (code !== 0) throw new Error(`ssh master to ${h.name} failed (${code})`);
  }

  run(h: LabHost, text: string): Promise<number> {
    return exited('ssh', [...this.#args(h), text]);
  }

  close(h: LabHost): Promise<number> {
    return exited('ssh', ['-O', 'exit', ...this.#args(h)]);
  }
}

const ms = (seconds: number): number => seconds * 1000;

/** Counts the channels Custode opens (every exec, stream and SFTP session is one), to set beside the baseline's commands. */
class CountingSsh extends SshService {
  channels = 0;
  override run(...args: Parameters<SshService['run']>): ReturnType<SshService['run']> {
    this.channels++;
    return super.run(...args);
  }
  override stream(...args: Parameters<SshService['stream']>): ReturnType<SshService['stream']> {
    this.channels++;
    return super.stream(...args);
  }
  override list(...args: Parameters<SshService['list']>): ReturnType<SshService['list']> {
    this.channels++;
    return super.list(...args);
  }
  override listEach(...args: Parameters<SshService['listEach']>): ReturnType<SshService['listEach']> {
    this.channels++;
    return super.listEach(...args);
  }
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

async function measure(topology: string): Promise<{ rows: BenchRow[]; context: Record<string, string | number> }> {
  // Per process: two bench runs at once (CI and a person) must not tear down each other's lab.
  const stateDir = `/var/tmp/custode-lab-fleet-bench-${process.pid}`;
  await teardownLab(stateDir);
  rmSync(stateDir, { recursive: true, force: true });
  const lab: Lab = await startLab({ topology, stateDir, commandLatencyMs: LATENCY_MS });
  const loadAtStart = load();
  const db = openDatabase(':memory:');
  const trust = new HostTrust(new PinStore(db), new ScriptedHostKeyTrust(() => 'trust'));
  const prompter = ScriptedAuthPrompter.never();
  const secrets = new MemorySecretStore();
  const ssh = new CountingSsh({ trust, prompter, secrets });
  const fleet = new FleetService({ db, ssh, trust, prompter, secrets });
  // Short: a socket path (with the temporary suffix ssh adds while binding it) must fit in 108 bytes.
  const masters = mkdtempSync('/tmp/cfr-');
  const openssh = new OpenSshMasters(masters);
  const labHosts = lab.hosts;
  try {
    for (const h of labHosts) {
      await fleet.addHost({ host: { role: h.role, address: h.address, port: h.port, auth: 'key', keyPath: h.privateKeyPath } }, { signal });
    }
    const hosts = fleet.hosts.list();
    const refreshAll = async (): Promise<void> => {
      const outcomes = await fleet.refresh(undefined, { signal });
      const bad = outcomes.filter((o) => o.state !== 'ok');
      if (bad.length > 0) throw new Error(`refresh: ${bad.map((b) => `${b.name} ${b.state}`).join(', ')}`);
    };
    // Warm-up refresh (connections open), then the timed ones with both sides' CPU read around them.
    await refreshAll();
    ssh.channels = 0;
    const cpu0 = process.cpuUsage();
    const lab0 = labCpuSeconds(stateDir);
    const refreshes = summarize(await sample(() => timed(refreshAll), SAMPLES, 0));
    const cpu = process.cpuUsage(cpu0);
    const custodeCpu = (cpu.user + cpu.system) / 1000 / SAMPLES;
    const labCpu = ms(labCpuSeconds(stateDir) - lab0) / SAMPLES;
    const channels = ssh.channels / SAMPLES;

    const single = new Map<string, number>();
    for (const h of hosts) single.set(h.name, summarize(await sample(() => timed(() => fleet.refresh([h.id], { signal })), 2, 1)).median);
    const [slowestName, slowest] = [...single.entries()].sort((a, b) => b[1] - a[1])[0]!;

    // The same commands through OpenSSH masters, every host at once, `concurrency` commands in flight per host.
    const plan: Array<{ host: LabHost; texts: string[] }> = [];
    for (const h of hosts) {
      const texts: string[] = [];
      const shell = recording(sshProbeShell(ssh, h.id, signal), texts);
      if (h.role === 'esxi') await probeEsxi(shell, signal);
      else await probeNas(shell, h.address, signal);
      plan.push({ host: labHosts.find((x) => x.address === h.address)!, texts });
    }
    await Promise.all(plan.map((p) => openssh.open(p.host)));
    const sshRound = async (): Promise<number> =>
      timed(() =>
        Promise.all(
          plan.map(({ host, texts }) => {
            const gate = limiter(DEFAULT_FLEET_LIMITS.concurrency);
            return Promise.all(texts.map((t) => gate(() => openssh.run(host, t))));
          }),
        ),
      );
    const sshTimes = summarize(await sample(sshRound, SAMPLES, 1));
    await Promise.all(plan.map((p) => openssh.close(p.host)));

    const commands = plan.reduce((a, p) => a + p.texts.length, 0);
    const refreshLabel = `${topology}: Custode refresh (median of ${SAMPLES})`;
    const slowLabel = `${topology}: slowest host alone (${slowestName})`;
    const sshLabel = `${topology}: OpenSSH ControlMaster, same commands and parallelism`;
    return {
      context: {
        [`${topology} machines`]: hosts.length,
        [`${topology} commands per refresh (OpenSSH runs each on its own channel)`]: commands,
        [`${topology} Custode channels per refresh`]: channels,
        [`${topology} load average during the run`]: `${loadAtStart} → ${load()} (1, 5, 15 min)`,
      },
      rows: [
        { label: slowLabel, value: slowest, unit: 'ms' },
        { label: sshLabel, value: sshTimes.median, unit: 'ms' },
        {
          label: refreshLabel,
          value: refreshes.median,
          unit: 'ms',
          baseline: 'slowest host',
          ratio: refreshes.median / slowest,
          ...(topology.startsWith('large') ? { goal: '≤ 1.5× slowest host', met: refreshes.median <= 1.5 * slowest } : {}),
        },
        { label: `${topology}: Custode refresh vs OpenSSH`, value: refreshes.median, unit: 'ms', baseline: 'OpenSSH', ratio: refreshes.median / sshTimes.median },
        { label: `${topology}: Custode CPU per refresh`, value: custodeCpu, unit: 'ms', baseline: 'lab CPU', ratio: custodeCpu / labCpu },
        { label: `${topology}: lab CPU per refresh (sshd, shells, simulator)`, value: labCpu, unit: 'ms' },
      ],
    };
  } finally {
    ssh.close();
    db.close();
    await lab.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(masters, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<string[]> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return ['skipped: the lab needs root'];
  execFileSync('ssh', ['-V'], { stdio: 'ignore' });
  const rows: BenchRow[] = [];
  const context: Record<string, string | number> = {
    'command latency in the lab': `${LATENCY_MS} ms (CUSTODE_BENCH_LATENCY_MS)`,
    cores: availableParallelism(),
    'per-host concurrency': DEFAULT_FLEET_LIMITS.concurrency,
  };
  const failures: string[] = [];
  // CUSTODE_BENCH_TOPOLOGIES=large:50 measures one of them (a seed lab's three nights of history take minutes to make).
  const topologies = (process.env['CUSTODE_BENCH_TOPOLOGIES'] ?? 'seed,large:50').split(',').filter((t) => t !== '');
  for (const topology of topologies) {
    // A lab that fails to come up is retried once; a second failure is reported and the other topology still runs.
    for (let attempt = 1; ; attempt++) {
      try {
        const m = await measure(topology);
        rows.push(...m.rows);
        Object.assign(context, m.context);
        break;
      } catch (error) {
        if (attempt < 2) continue;
        failures.push(`${topology}: failed: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
    }
  }
  return [...publish({ name: 'fleet-refresh', context, rows }), ...failures];
}
