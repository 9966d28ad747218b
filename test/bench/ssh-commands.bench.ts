import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { cmd } from '../../electron/core/shell/command.ts';
import { ScriptedAuthPrompter, ScriptedHostKeyTrust } from '../../electron/core/ssh/scripted-ports.ts';
import { SshService } from '../../electron/core/ssh/ssh-service.ts';
import { HostTrust } from '../../electron/core/trust/host-trust.ts';
import { PinStore } from '../../electron/core/trust/pin-store.ts';
import { startLab } from '../lab/api.ts';
import { publish, sample, summarize, type BenchRow } from './report.ts';

const run = promisify(execFile);
/** Timed commands per side, after WARMUP unmeasured ones; a new `ssh` each time is slow, so it gets fewer. */
const SAMPLES = 40;
const FRESH_SAMPLES = 15;
const WARMUP = 5;

async function timeOne(work: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/**
 * Short commands (`true`) on one lab ESXi host, one after the other, each timed: through Custode's pooled ssh2
 * connection (with its die-with-channel wrapper), through the OpenSSH client sharing one ControlMaster connection
 * (the baseline), and with a new `ssh` per command. All three use the same key and host; connection set-up is
 * outside the timing for the first two (done during warm-up), inside it for the third (that is its cost).
 */
export default async function bench(): Promise<string[]> {
  const stateDir = `/var/tmp/custode-lab-ssh-bench-${process.pid}`;
  const lab = await startLab({ topology: 'small', stateDir, seedHistory: false });
  const scratch = mkdtempSync(join(tmpdir(), 'custode-bench-ssh-'));
  const host = lab.host('esxi-08');
  const db = openDatabase(':memory:');
  const ssh = new SshService({
    trust: new HostTrust(new PinStore(db), ScriptedHostKeyTrust.expecting([host.fingerprint])),
    prompter: ScriptedAuthPrompter.never(),
    secrets: new MemorySecretStore(),
  });
  const control = join(scratch, 'cm.sock');
  const base = ['-F', '/dev/null', '-i', host.privateKeyPath, '-p', String(host.port), '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${host.username}@${host.address}`];
  try {
    ssh.register({ hostId: host.name, host: host.address, port: host.port, username: host.username, auth: { privateKeyPaths: [host.privateKeyPath] } });
    const custode = await sample(
      () =>
        timeOne(async () => {
          const r = await ssh.run(host.name, cmd('true'));
          if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}`);
        }),
      SAMPLES,
      WARMUP,
    );

    await run('ssh', ['-o', 'ControlMaster=yes', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=60', '-fN', ...base]);
    const master = await sample(() => timeOne(() => run('ssh', ['-o', 'ControlMaster=no', '-o', `ControlPath=${control}`, ...base, 'true']).then(() => undefined)), SAMPLES, WARMUP);
    await run('ssh', ['-o', `ControlPath=${control}`, '-O', 'exit', ...base]).catch(() => undefined);

    const fresh = await sample(() => timeOne(() => run('ssh', ['-o', 'ControlMaster=no', '-o', 'ControlPath=none', ...base, 'true']).then(() => undefined)), FRESH_SAMPLES, 1);

    const BASE = 'ControlMaster';
    const m = summarize(master);
    const rows = (label: string, samples: number[], compare: boolean): BenchRow[] => {
      const s = summarize(samples);
      return [
        { label: `${label}: median`, value: s.median, unit: 'ms/command', ...(compare ? { baseline: BASE, ratio: s.median / m.median } : {}) },
        { label: `${label}: p95`, value: s.p95, unit: 'ms/command', ...(compare ? { baseline: BASE, ratio: s.p95 / m.p95 } : {}) },
      ];
    };
    return publish({
      name: 'ssh-commands',
      context: {
        host: `lab ${host.name} (OpenSSH ${host.address}:${host.port})`,
        command: 'true, one at a time',
        samples: `${SAMPLES} per side after ${WARMUP} warm-up (new ssh each: ${FRESH_SAMPLES} after 1)`,
        ratio: 'below 1 = faster than the OpenSSH client on a ControlMaster connection',
      },
      rows: [...rows('OpenSSH client, ControlMaster (baseline)', master, false), ...rows('Custode (ssh2, one pooled connection)', custode, true), ...rows('OpenSSH client, new ssh per command', fresh, true)],
    });
  } finally {
    ssh.close();
    db.close();
    rmSync(scratch, { recursive: true, force: true });
    await lab.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
