import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, sh } from '../../../electron/core/shell/command.ts';
import { harness, labUnavailable, startSshLab, targetFor, until, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh resilience] skipped: ${skip}`);

describe.skipIf(skip !== null)('connections under faults (seed lab: five ESXi hosts)', () => {
  let lab: Lab;
  let esxi: string[];
  beforeAll(async () => {
    lab = await startSshLab('seed', 'resilience');
    esxi = lab.hosts.filter((h) => h.role === 'esxi').map((h) => h.name);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('a host dropped mid-command gives ssh.disconnected within seconds, then work resumes after reconnecting', async () => {
    const h = harness({ policy: { reconnectBaseMs: 200 } });
    const host = lab.host(esxi[0]!);
    h.ssh.register(targetFor(host));
    expect((await h.ssh.run(host.name, cmd('true'))).exitCode).toBe(0);
    // Had the drop gone unnoticed, this would end as ssh.timeout after 5 s instead.
    // The drop comes once the command is running on the host (its first line arrived), not after a guessed pause.
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    const pending = h.ssh.stream(host.name, sh`echo started; sleep 30`, { timeoutMs: 5_000, onLine: (l) => l.text === 'started' && started() });
    pending.catch(() => undefined);
    await running;
    await lab.fault(host.name, 'drop');
    await expect(pending).rejects.toMatchObject({ code: 'ssh.disconnected' });
    // The connection comes back by itself (it was in use), and the next command runs on it.
    const back = await until(() => h.ssh.states().find((s) => s.hostId === host.name)!.state, (s) => s === 'ready');
    expect(back).toBe('ready');
    expect(h.states.map((s) => s.state)).toContain('reconnecting');
    expect((await h.ssh.run(host.name, cmd('hostname'))).stdout).toBe(`${host.hostname}\n`);
    h.close();
  });

  it('200 concurrent commands over 5 hosts all finish and never exceed the per-host channel limit', async () => {
    const limit = 4;
    const h = harness({ policy: { maxChannels: limit } });
    for (const name of esxi) h.ssh.register(targetFor(lab.host(name)));
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const name = esxi[i % esxi.length]!;
        const r = await h.ssh.run(name, sh`sleep 0.05; echo ${i}`);
        return { name, i, r };
      }),
    );
    expect(results.every(({ i, r }) => r.exitCode === 0 && r.stdout === `${i}\n`)).toBe(true);
    for (const name of esxi) {
      expect(h.ssh.connection(name).peakChannels).toBeLessThanOrEqual(limit);
      // The limit was reached, so the queue was really exercised.
      expect(h.ssh.connection(name).peakChannels).toBe(limit);
    }
    h.close();
  });

  it('a stopped host fails fast as ssh.unreachable while the others keep working', async () => {
    const h = harness();
    for (const name of esxi) h.ssh.register(targetFor(lab.host(name)));
    const victim = esxi[1]!;
    await lab.fault(victim, 'stop');
    try {
      const outcomes = await Promise.allSettled(esxi.map((name) => h.ssh.run(name, cmd('hostname'), { timeoutMs: 15_000 })));
      outcomes.forEach((o, i) => {
        if (esxi[i] === victim) expect(o).toMatchObject({ status: 'rejected', reason: { code: 'ssh.unreachable' } });
        else expect(o).toMatchObject({ status: 'fulfilled', value: { exitCode: 0 } });
      });
    } finally {
      await lab.fault(victim, 'start');
    }
    expect((await h.ssh.run(victim, cmd('true'))).exitCode).toBe(0);
    h.close();
  });

  it('a host that accepts TCP but never answers times out without holding up the others', async () => {
    // The lab cannot make a silent host; a socket that never speaks SSH stands in for one.
    const sockets: Socket[] = [];
    let accepted: () => void = () => undefined;
    const connected = new Promise<void>((r) => (accepted = r));
    const silent: Server = createServer((s) => {
      sockets.push(s);
      accepted();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const target = { hostId: 'silent', host: '127.0.0.1', port, username: 'root', auth: { password: true } };
    try {
      // A ready timeout far beyond the healthy host's answer: the order below is then events, not a race.
      const h = harness({ policy: { readyTimeoutMs: 60_000 } });
      h.ssh.register(target);
      const healthy = lab.host(esxi[2]!);
      h.ssh.register(targetFor(healthy));
      let stuckSettled = false;
      const stuck = h.ssh.run('silent', cmd('true'));
      stuck.catch(() => undefined).finally(() => (stuckSettled = true));
      await connected;
      const ok = await h.ssh.run(healthy.name, cmd('hostname'));
      expect(ok.stdout).toBe(`${healthy.hostname}\n`);
      expect(stuckSettled).toBe(false);
      h.close();
      await expect(stuck).rejects.toMatchObject({ code: 'ssh.cancelled' });

      // The silent host alone, with a short ready timeout: it ends as ssh.timeout.
      const short = harness({ policy: { readyTimeoutMs: 300 } });
      short.ssh.register(target);
      await expect(short.ssh.run('silent', cmd('true'))).rejects.toMatchObject({ code: 'ssh.timeout' });
      short.close();
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });
});
