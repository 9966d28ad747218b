import { create } from 'zustand';
import type { AuthPrompt, ConnectionState, HostKeyChanged, HostKeyPrompt } from '../../../shared/ipc/ssh.ts';
import { client } from '../../app/client.ts';

interface ConnectionsState {
  /** Latest state per host id. */
  hosts: Record<string, ConnectionState>;
  /** Questions waiting for the user, oldest first; the dialogs show the first of each. */
  hostKeyPrompts: HostKeyPrompt[];
  authPrompts: AuthPrompt[];
  /** Refused key changes not yet acknowledged. */
  changes: HostKeyChanged[];
  /** Subscribes to the SSH events and loads what is already pending; returns the unsubscribe. */
  connect(onNotice: (code: string) => void): () => void;
  answerHostKey(promptId: string, decision: 'trust' | 'reject'): Promise<void>;
  answerAuth(promptId: string, answers: string[], remember: boolean, acceptBasicText: boolean): Promise<void>;
  cancelAuth(promptId: string): Promise<void>;
  dismissChange(change: HostKeyChanged): void;
  /** The user checked the new key on the host's console: forget the old pin, so the next contact asks again. */
  forgetPin(change: HostKeyChanged): Promise<void>;
}

const withoutPrompt = <T extends { promptId: string }>(list: T[], promptId: string): T[] => list.filter((p) => p.promptId !== promptId);

export const useConnections = create<ConnectionsState>()((set, get) => ({
  hosts: {},
  hostKeyPrompts: [],
  authPrompts: [],
  changes: [],
  connect(onNotice) {
    const offs = [
      client().on('ssh:state', (s) => set({ hosts: { ...get().hosts, [s.hostId]: s } })),
      client().on('ssh:hostKeyPrompt', (p) => set({ hostKeyPrompts: [...withoutPrompt(get().hostKeyPrompts, p.promptId), p] })),
      client().on('ssh:authPrompt', (p) => set({ authPrompts: [...withoutPrompt(get().authPrompts, p.promptId), p] })),
      client().on('ssh:promptClosed', ({ promptId }) =>
        set({ hostKeyPrompts: withoutPrompt(get().hostKeyPrompts, promptId), authPrompts: withoutPrompt(get().authPrompts, promptId) }),
      ),
      client().on('ssh:hostKeyChanged', (c) => set({ changes: [...get().changes, c] })),
      client().on('ssh:notice', (n) => onNotice(n.code)),
    ];
    void Promise.all([client().call('ssh.pending', {}), client().call('ssh.states', {})]).then(([pending, states]) =>
      set({
        hostKeyPrompts: [...pending.hostKeys, ...get().hostKeyPrompts.filter((p) => !pending.hostKeys.some((q) => q.promptId === p.promptId))],
        authPrompts: [...pending.auth, ...get().authPrompts.filter((p) => !pending.auth.some((q) => q.promptId === p.promptId))],
        hosts: { ...Object.fromEntries(states.map((s) => [s.hostId, s])), ...get().hosts },
      }),
    );
    return () => offs.forEach((off) => off());
  },
  async answerHostKey(promptId, decision) {
    set({ hostKeyPrompts: withoutPrompt(get().hostKeyPrompts, promptId) });
    await client().call('ssh.hostKey.answer', { promptId, decision });
  },
  async answerAuth(promptId, answers, remember, acceptBasicText) {
    set({ authPrompts: withoutPrompt(get().authPrompts, promptId) });
    await client().call('ssh.auth.answer', { promptId, answers, remember, ...(acceptBasicText ? { acceptBasicText } : {}) });
  },
  async cancelAuth(promptId) {
    set({ authPrompts: withoutPrompt(get().authPrompts, promptId) });
    await client().call('ssh.auth.answer', { promptId, cancelled: true });
  },
  dismissChange(change) {
    set({ changes: get().changes.filter((c) => c !== change) });
  },
  async forgetPin(change) {
    await client().call('ssh.trust.forget', { host: change.host, port: change.port });
    get().dismissChange(change);
  },
}));

export const connectionSelectors = {
  hostList: (s: ConnectionsState): ConnectionState[] => Object.values(s.hosts).sort((a, b) => a.hostId.localeCompare(b.hostId)),
  firstHostKeyPrompt: (s: ConnectionsState): HostKeyPrompt | undefined => s.hostKeyPrompts[0],
  firstAuthPrompt: (s: ConnectionsState): AuthPrompt | undefined => s.authPrompts[0],
  firstChange: (s: ConnectionsState): HostKeyChanged | undefined => s.changes[0],
};
