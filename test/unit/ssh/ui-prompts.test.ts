import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/ipc/event-hub.ts';
import { UiPrompts } from '../../../electron/core/ssh/ui-prompts.ts';
import type { EventName } from '../../../shared/ipc/contract.ts';

function setup() {
  const hub = new EventHub();
  const seen: { event: EventName; payload: unknown }[] = [];
  hub.subscribe((event, payload) => seen.push({ event, payload }));
  const prompts = new UiPrompts(hub, async () => ({ kind: 'memory', name: 'process memory', basicTextAccepted: false }));
  return { prompts, seen };
}

const facts = { hostId: 'esxi-08', host: '10.0.0.8', port: 22, keyType: 'ecdsa-sha2-nistp256', fingerprint: 'SHA256:abc' };
const request = {
  promptId: 'p1',
  hostId: 'esxi-08',
  host: '10.0.0.8',
  username: 'root',
  kind: 'keyboard-interactive' as const,
  name: '',
  instructions: '',
  prompts: [{ text: 'Password: ', echo: false }],
  canRemember: true,
};

describe('UiPrompts (the ports answered through the UI)', () => {
  it('sends a host-key question as an event and resolves with the answer given by id', async () => {
    const { prompts, seen } = setup();
    const decision = prompts.confirmUnknown(facts, new AbortController().signal);
    const [asked] = seen;
    expect(asked).toMatchObject({ event: 'ssh:hostKeyPrompt', payload: facts });
    const promptId = (asked!.payload as { promptId: string }).promptId;
    expect(prompts.pending().hostKeys).toHaveLength(1);
    expect(prompts.answerHostKey('not-this-one', 'trust')).toBe(false);
    expect(prompts.answerHostKey(promptId, 'trust')).toBe(true);
    expect(await decision).toBe('trust');
    expect(prompts.answerHostKey(promptId, 'reject')).toBe(false);
    expect(seen.at(-1)).toEqual({ event: 'ssh:promptClosed', payload: { promptId } });
  });

  it('withdraws a question when its login ends first, answering it as a refusal', async () => {
    const { prompts, seen } = setup();
    const controller = new AbortController();
    const decision = prompts.confirmUnknown(facts, controller.signal);
    controller.abort();
    expect(await decision).toBe('reject');
    expect(seen.map((s) => s.event)).toEqual(['ssh:hostKeyPrompt', 'ssh:promptClosed']);
    expect(prompts.pending().hostKeys).toEqual([]);
  });

  it('sends login prompts with where a remembered secret would go, and passes the answer back', async () => {
    const { prompts, seen } = setup();
    const answer = prompts.ask(request, new AbortController().signal);
    await new Promise((r) => setImmediate(r));
    expect(seen[0]).toMatchObject({ event: 'ssh:authPrompt', payload: { ...request, storage: { kind: 'memory' } } });
    prompts.answerAuth('p1', { answers: ['secret'], remember: false });
    expect(await answer).toEqual({ answers: ['secret'], remember: false });
  });

  it('reports a changed key loudly as an event', () => {
    const { prompts, seen } = setup();
    prompts.reportChanged({ ...facts, pinnedKeyType: 'ecdsa-sha2-nistp256', pinnedFingerprint: 'SHA256:old', pinnedAt: 1 });
    expect(seen[0]).toMatchObject({ event: 'ssh:hostKeyChanged', payload: { fingerprint: 'SHA256:abc', pinnedFingerprint: 'SHA256:old' } });
  });
});
