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

const run = promisify(execFile);
const N = 50;

/**
 * 50 short commands on one lab ESXi host, one after the other: through Custode's pooled ssh2 connection (with its
 * die-with-channel wrapper), through the OpenSSH client sharing one ControlMaster connection, and with a new `ssh`
 * per command. All three use the same key and the same host; the connection set-up is outside the timing for the
 * first two, inside it for the third (that is its cost).
 */
export default async function bench(): Promise<string[]> {
  const lab = await startLab({ topology: 'small', stateDir: '/var/tmp/custode-lab-ssh-bench', seedHistory: false });
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
  const time = async (work: () => Promise<void>): Promise<number> => {
    const t = performance.now();
    for (let i = 0; i < N; i++) await work();
    return performance.now() - t;
  };
  try {
    ssh.register({ hostId: host.name, host: host.address, port: host.port, username: host.username, auth: { privateKeyPaths: [host.privateKeyPath] } });
    await ssh.run(host.name, cmd('true'));
    const custode = await time(async () => {
      const r = await ssh.run(host.name, cmd('true'));
      if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}`);
    });

    await run('ssh', ['-o', 'ControlMaster=yes', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=60', '-fN', ...base]);
    const master = await time(async () => {
      await run('ssh', ['-o', 'ControlMaster=no', '-o', `ControlPath=${control}`, ...base, 'true']);
    });
    await run('ssh', ['-o', `ControlPath=${control}`, '-O', 'exit', ...base]).catch(() => undefined);

    const fresh = await time(async () => {
      await run('ssh', ['-o', 'ControlMaster=no', '-o', 'ControlPath=none', ...base, 'true']);
    });

    const per = (ms: number): string => `${(ms / N).toFixed(1)} ms/command`;
    return [
      `${N} sequential short commands on one lab host (OpenSSH ${host.address}:${host.port})`,
      `Custode (ssh2, one pooled connection): ${per(custode)}`,
      `OpenSSH client with ControlMaster:     ${per(master)}`,
      `OpenSSH client, new ssh per command:   ${per(fresh)}`,
      `ratio Custode / ControlMaster: ${(custode / master).toFixed(2)}  (below 1 = Custode faster)`,
      `ratio Custode / new ssh each:  ${(custode / fresh).toFixed(2)}`,
    ];
  } finally {
    ssh.close();
    db.close();
    rmSync(scratch, { recursive: true, force: true });
    await lab.stop();
  }
}
