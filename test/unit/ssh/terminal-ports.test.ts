import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TerminalPorts } from '../../../electron/core/ssh/terminal-ports.ts';

function terminal(tty: boolean, expectedFingerprints?: string[]) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  const ports = new TerminalPorts({ input, output, language: 'en', ...(expectedFingerprints ? { expectedFingerprints } : {}) });
  return { input, ports, shown: () => shown };
}

const facts = { hostId: 'esxi-08', host: '10.0.0.8', port: 22, keyType: 'ecdsa-sha2-nistp256', fingerprint: 'SHA256:abc' };
const signal = new AbortController().signal;
const request = {
  promptId: 'p', hostId: 'esxi-08', host: '10.0.0.8', username: 'root', kind: 'keyboard-interactive' as const,
  name: '', instructions: '', prompts: [{ text: 'Password: ', echo: false }], canRemember: true,
};

describe('TerminalPorts (the CLI)', () => {
  it('shows the key and trusts it only on an explicit yes', async () => {
    const t = terminal(true);
    const decision = t.ports.confirmUnknown(facts, signal);
    t.input.write('yes\n');
    expect(await decision).toBe('trust');
    expect(t.shown()).toContain('SHA256:abc');
    const t2 = terminal(true);
    const no = t2.ports.confirmUnknown(facts, signal);
    t2.input.write('\n');
    expect(await no).toBe('reject');
  });

  it('without a terminal trusts only a fingerprint given up front, and asks nothing', async () => {
    expect(await terminal(false, ['SHA256:abc']).ports.confirmUnknown(facts, signal)).toBe('trust');
    expect(await terminal(false).ports.confirmUnknown(facts, signal)).toBe('reject');
    expect(await terminal(false).ports.ask(request, signal)).toEqual({ cancelled: true });
  });

  it('reads a password without echoing it and never offers to remember it', async () => {
    const t = terminal(true);
    const answer = t.ports.ask(request, signal);
    t.input.write('s3cret\n');
    expect(await answer).toEqual({ answers: ['s3cret'], remember: false });
    expect(t.shown()).toContain('root@10.0.0.8 Password:');
    expect(t.shown()).not.toContain('s3cret');
  });
});
