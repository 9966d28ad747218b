import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powerOnRestoredVm, type RunOnHost } from '../../../electron/core/restore/power-on.ts';
import { cmd, sh, type ShellCommand } from '../../../electron/core/shell/command.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { run } from '../lab/ssh-client.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[restore-xhost power-on] skipped: ${skip}`);

/**
 * Issue 16 item 3 (power-on) on a lab host over its real OpenSSH: a VM registered from copied files asks ESXi's
 * "moved or copied" question, powerOnRestoredVm answers it as told and measures the time to running and to Tools.
 * The copies hold the .vmx and .nvram only: the question is about the VM's identity, not its disks.
 */
describe.skipIf(skip !== null)('powering on a VM registered from copied files', () => {
  let lab: Lab;
  let host: LabHost;
  const source = '/vmfs/volumes/datastore1/vm-1-a';
  const hostRun: RunOnHost = (command, signal) => {
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    return run(host, command.text).then((r) => ({ exitCode: r.code, stdout: r.stdout, stderr: r.stderr }));
  };
  const on = async (line: ShellCommand) => run(host, line.text);
  const vmx = async (path: string): Promise<Record<string, string>> =>
    Object.fromEntries([...(await on(cmd('cat', path))).stdout.matchAll(/^(\S+) = "(.*)"$/gm)].map((m) => [m[1]!, m[2]!]));

  /** A copy of vm-1-a's configuration in a new folder, registered: its vmid and .vmx path. */
  async function restoredCopy(folder: string): Promise<{ vmid: string; path: string }> {
    const dir = `/vmfs/volumes/datastore1/${folder}`;
    const copied = await on(sh`mkdir ${dir} && cp ${`${source}/vm-1-a.vmx`} ${`${source}/vm-1-a.nvram`} ${dir}/`);
    expect(copied.code, copied.stderr).toBe(0);
    const reg = await on(cmd('vim-cmd', 'solo/registervm', `${dir}/vm-1-a.vmx`, folder));
    expect(reg.stdout).toMatch(/^\d+\n$/);
    return { vmid: reg.stdout.trim(), path: `${dir}/vm-1-a.vmx` };
  }

  beforeAll(async () => {
    const stateDir = '/var/tmp/custode-lab-restore-power-it';
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'large:1', stateDir, seedHistory: false });
    host = lab.hosts.find((h) => h.role === 'esxi')!;
  }, 300_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('answers “I copied it”: new uuid.bios and MAC, powered on, Tools running after the lab’s delay', { timeout: 120_000 }, async () => {
    const original = await vmx(`${source}/vm-1-a.vmx`);
    const copy = await restoredCopy(`vm-1-a ripristino 'prova' $(id)`);
    // ESXi's question appears only once power.on is sent, and power.on waits for it.
    expect((await on(cmd('vim-cmd', 'vmsvc/message', copy.vmid))).stdout).toBe('No message.\n');

    const t = await powerOnRestoredVm({ vmid: copy.vmid, run: hostRun, waitForTools: true, pollMs: 200, timeoutMs: 60_000 });
    expect([t.answer, t.tools]).toEqual(['copied', 'running']);
    expect(t.questionAt).not.toBeNull();
    expect(t.toolsRunningAt! >= t.poweredOnAt && t.poweredOnAt >= t.startedAt).toBe(true);
    expect((await on(cmd('vim-cmd', 'vmsvc/power.getstate', copy.vmid))).stdout).toBe('Retrieved runtime info\nPowered on\n');
    const after = await vmx(copy.path);
    expect(after['uuid.bios']).not.toBe(original['uuid.bios']);
    expect(after['ethernet0.generatedAddress']).not.toBe(original['ethernet0.generatedAddress']);
    expect(after['ethernet0.generatedAddress']).toMatch(/^00:50:56(:[0-9a-f]{2}){3}$/);
    expect(after['uuid.location']).not.toBe(original['uuid.location']);

    // Powered on again, it asks nothing (its place is stamped now); with a long Tools delay the guest shows no Tools yet.
    expect((await on(cmd('vim-cmd', 'vmsvc/power.off', copy.vmid))).code).toBe(0);
    expect((await on(sh`LAB_TOOLS_DELAY_MS=3600000 vim-cmd vmsvc/power.on ${copy.vmid}`)).stdout).toBe('Powering on VM:\n');
    expect((await on(cmd('vim-cmd', 'vmsvc/get.guest', copy.vmid))).stdout).toContain('toolsRunningStatus = "guestToolsNotRunning"');
  });

  it('answers “I moved it” when told the original is gone: same uuid.bios and MAC', async () => {
    const original = await vmx(`${source}/vm-1-a.vmx`);
    const copy = await restoredCopy('vm-1-a spostata');
    const t = await powerOnRestoredVm({ vmid: copy.vmid, run: hostRun, originalGone: true, pollMs: 200, timeoutMs: 60_000 });
    expect([t.answer, t.tools]).toEqual(['moved', 'notWaited']);
    const after = await vmx(copy.path);
    expect([after['uuid.bios'], after['ethernet0.generatedAddress']]).toEqual([original['uuid.bios'], original['ethernet0.generatedAddress']]);
    expect(after['uuid.location']).not.toBe(original['uuid.location']);
  });

  it('cancelled while ESXi asks: answers Cancel, the VM stays off and nothing waits on the host', { timeout: 60_000 }, async () => {
    const copy = await restoredCopy('vm-1-a annullata');
    const before = await vmx(copy.path);
    const cancel = new AbortController();
    // The user cancels the moment the question shows up.
    const watching: RunOnHost = async (command, signal) => {
      const r = await hostRun(command, signal);
      if (command.text === cmd('vim-cmd', 'vmsvc/message', copy.vmid).text && r.stdout.includes('msg.uuid.altered')) cancel.abort();
      return r;
    };
    await expect(powerOnRestoredVm({ vmid: copy.vmid, run: watching, signal: cancel.signal, pollMs: 200, timeoutMs: 60_000 })).rejects.toMatchObject({ code: 'job.cancelled' });
    expect((await on(cmd('vim-cmd', 'vmsvc/power.getstate', copy.vmid))).stdout).toBe('Retrieved runtime info\nPowered off\n');
    expect((await on(cmd('vim-cmd', 'vmsvc/message', copy.vmid))).stdout).toBe('No message.\n');
    expect(await vmx(copy.path)).toEqual(before);
  });

  it('leaves the lab’s own VMs as they were: no question, Tools at once', async () => {
    const vmid = (await on(cmd('vim-cmd', 'vmsvc/getallvms'))).stdout.match(/^(\d+)\s+vm-1-a\s/m)![1]!;
    await on(cmd('vim-cmd', 'vmsvc/power.off', vmid));
    expect((await on(cmd('vim-cmd', 'vmsvc/power.on', vmid))).stdout).toBe('Powering on VM:\n');
    expect((await on(cmd('vim-cmd', 'vmsvc/message', vmid))).stdout).toBe('No message.\n');
    expect((await on(cmd('vim-cmd', 'vmsvc/get.guest', vmid))).stdout).toContain('toolsRunningStatus = "guestToolsRunning"');
  });
});
