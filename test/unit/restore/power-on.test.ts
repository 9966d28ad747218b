import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { powerOnRestoredVm, type RunOnHost } from '../../../electron/core/restore/power-on.ts';
import type { ShellCommand } from '../../../electron/core/shell/command.ts';

/**
 * A host that behaves as the KB describes: power.on of a copied VM blocks until its question is answered through
 * vmsvc/message; Cancel fails it. Everything sent is kept in order, so the tests read what Custode did.
 */
function host(opts: { asks?: 'uuid' | 'other' | null; toolsAfter?: number; tools?: boolean } = {}) {
  const sent: string[] = [];
  let question: { id: string; key: string } | null = null;
  let power = 'Powered off';
  let guestReads = 0;
  let release: ((r: { exitCode: number; stdout: string; stderr: string }) => void) | null = null;
  const asks = opts.asks === undefined ? 'uuid' : opts.asks;
  const ok = (stdout = '') => Promise.resolve({ exitCode: 0, stdout, stderr: '' });
  const run: RunOnHost = (command: ShellCommand, signal) => {
    const text = command.text;
    sent.push(text);
    if (text === 'vim-cmd vmsvc/power.on 5') {
      if (asks === null) {
        power = 'Powered on';
        return ok('Powering on VM:\n');
      }
      question = { id: '7', key: asks === 'uuid' ? 'msg.uuid.altered' : 'msg.hbacommon.outofspace' };
      return new Promise((resolve, reject) => {
        release = resolve;
        signal.addEventListener('abort', () => reject(new Error('channel closed')), { once: true });
      });
    }
    if (text === 'vim-cmd vmsvc/message 5') {
      if (question === null) return ok('No message.\n');
      return ok(`Virtual machine message ${question.id}:\n${question.key}:This virtual machine might have been moved or copied.\n   0. Cancel (Cancel)\n   1. I _Moved It (I _Moved It)\n   2. I _Copied It (I _Copied It) [default]\n`);
    }
    const answer = /^vim-cmd vmsvc\/message 5 7 (\d)$/.exec(text);
    if (answer !== null) {
      question = null;
      if (answer[1] === '0') release?.({ exitCode: 1, stdout: 'Powering on VM:\nPower on failed\n', stderr: '' });
      else {
        power = 'Powered on';
        release?.({ exitCode: 0, stdout: 'Powering on VM:\n', stderr: '' });
      }
      return ok();
    }
    if (text === 'vim-cmd vmsvc/power.getstate 5') return ok(`Retrieved runtime info\n${power}\n`);
    if (text === 'vim-cmd vmsvc/get.guest 5') {
      guestReads++;
      const running = guestReads > (opts.toolsAfter ?? 0);
      const status = opts.tools === false ? 'toolsNotInstalled' : running ? 'toolsOk' : 'toolsNotRunning';
      return ok(`Guest information:\n\n(vim.vm.GuestInfo) {\n   toolsStatus = "${status}",\n   toolsRunningStatus = "${running && opts.tools !== false ? 'guestToolsRunning' : 'guestToolsNotRunning'}"\n}\n`);
    }
    throw new Error(`unexpected command ${text}`);
  };
  return { run, sent };
}

/** Lets the fake clock run until the power-on settles. */
async function settle<T>(p: Promise<T>, stepMs = 1000, steps = 50): Promise<T> {
  let done = false;
  const watched = p.finally(() => (done = true));
  watched.catch(() => undefined);
  for (let i = 0; i < steps && !done; i++) await vi.advanceTimersByTimeAsync(stepMs);
  return watched;
}

describe('powerOnRestoredVm', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers “I copied it” by default and times power-on and Tools from the start', async () => {
    const h = host({ toolsAfter: 3 });
    const t = await settle(powerOnRestoredVm({ vmid: 5, run: h.run, waitForTools: true }));
    expect(h.sent.filter((c) => c.startsWith('vim-cmd vmsvc/message 5 '))).toEqual(['vim-cmd vmsvc/message 5 7 2']);
    expect(t).toMatchObject({ startedAt: 1_000_000, questionAt: 1_001_000, answer: 'copied', poweredOnAt: 1_001_000, tools: 'running', msToPoweredOn: 1000 });
    // Tools run from the fourth read of get.guest, a poll (1 s) apart.
    expect([t.toolsRunningAt, t.msToTools]).toEqual([1_004_000, 4000]);
  });

  it('answers “I moved it” only when the caller says the original is gone', async () => {
    const h = host();
    const t = await settle(powerOnRestoredVm({ vmid: 5, run: h.run, originalGone: true }));
    expect(h.sent).toContain('vim-cmd vmsvc/message 5 7 1');
    expect([t.answer, t.tools, t.toolsRunningAt]).toEqual(['moved', 'notWaited', null]);
  });

  it('asks nothing when ESXi asks nothing, and ends the Tools wait at once for a guest without Tools', async () => {
    const h = host({ asks: null, tools: false });
    const t = await settle(powerOnRestoredVm({ vmid: 5, run: h.run, waitForTools: true }));
    expect([t.questionAt, t.answer, t.tools, t.msToPoweredOn]).toEqual([null, null, 'notInstalled', 0]);
    expect(h.sent.some((c) => c.startsWith('vim-cmd vmsvc/message'))).toBe(false);
  });

  it('leaves a question it does not know to a person', async () => {
    const h = host({ asks: 'other' });
    await expect(settle(powerOnRestoredVm({ vmid: 5, run: h.run }))).rejects.toMatchObject({ code: 'restore.power.unexpectedQuestion', details: { key: 'msg.hbacommon.outofspace', messageId: '7' } });
    expect(h.sent.filter((c) => /message 5 \d/.test(c))).toEqual([]);
  });

  it('on cancel answers Cancel, so nothing is left waiting on the host', async () => {
    const h = host();
    const cancel = new AbortController();
    // Cancelled before the first look at the questions.
    const p = powerOnRestoredVm({ vmid: 5, run: h.run, signal: cancel.signal });
    cancel.abort();
    await expect(settle(p)).rejects.toMatchObject({ code: 'job.cancelled' });
    expect(h.sent).toEqual(['vim-cmd vmsvc/power.on 5', 'vim-cmd vmsvc/message 5', 'vim-cmd vmsvc/message 5 7 0']);
  });

  it('times out with a typed error, and cancels the question', async () => {
    const h = host();
    const never: RunOnHost = (c, s) => (c.text === 'vim-cmd vmsvc/message 5' ? Promise.resolve({ exitCode: 0, stdout: 'No message.\n', stderr: '' }) : h.run(c, s));
    await expect(settle(powerOnRestoredVm({ vmid: 5, run: never, timeoutMs: 5000 }))).rejects.toMatchObject({ code: 'restore.power.timeout', details: { vmid: '5', timeoutMs: 5000 } });
  });
});
