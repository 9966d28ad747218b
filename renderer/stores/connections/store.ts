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
  /** `host:port` whose old key the user forgot after checking the new one: its next key dialog says so. */
  replaced: string[];
  /** Subscribes to the SSH events and loads what is already pending; returns the unsubscribe. */
  connect(onNotice: (code: string) => void): () => void;
  answerHostKey(promptId: string, decision: 'trust' | 'reject'): Promise<void>;
  /**
   * Answers a login prompt. `share`: the user said the other machines asking now use the same password, so the
   * answer also goes to the other password prompts waiting, and to those that arrive in the next half minute.
   */
  answerAuth(promptId: string, answers: string[], remember: boolean, acceptBasicText: boolean, share?: boolean): Promise<void>;
  cancelAuth(promptId: string): Promise<void>;
  dismissChange(change: HostKeyChanged): void;
  /**
   * The user checked the new key on the host's console and the reviewed operation forgot the old pin: the change
   * is settled, and the next contact shows the new key as a replacement.
   */
  pinForgotten(change: HostKeyChanged): void;
}

/** A prompt one typed password answers: a single hidden field (ESXi's "Password:" round, or a plain password). */
export const sharable = (p: AuthPrompt): boolean => p.kind !== 'passphrase' && p.prompts.length === 1 && !p.prompts[0]!.echo;

/** How long a password the user said is shared keeps answering prompts that arrive after it (a refresh's logins). */
const SHARE_WINDOW_MS = 30_000;
let shared: { answers: string[]; remember: boolean; until: number } | null = null;

export const keyOf = (where: { host: string; port: number }): string => `${where.host}:${where.port}`;

const withoutPrompt = <T extends { promptId: string }>(list: T[], promptId: string): T[] => list.filter((p) => p.promptId !== promptId);

export const useConnections = create<ConnectionsState>()((set, get) => ({
  hosts: {},
  hostKeyPrompts: [],
  authPrompts: [],
  changes: [],
  replaced: [],
  connect(onNotice) {
    const offs = [
      client().on('ssh:state', (s) => set({ hosts: { ...get().hosts, [s.hostId]: s } })),
      client().on('ssh:hostKeyPrompt', (p) => set({ hostKeyPrompts: [...withoutPrompt(get().hostKeyPrompts, p.promptId), p] })),
      client().on('ssh:authPrompt', (p) => {
        if (shared && Date.now() < shared.until && sharable(p)) {
          void client().call('ssh.auth.answer', { promptId: p.promptId, answers: shared.answers, remember: shared.remember });
          return;
        }
        set({ authPrompts: [...withoutPrompt(get().authPrompts, p.promptId), p] });
      }),
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
  async answerAuth(promptId, answers, remember, acceptBasicText, share = false) {
    const others = share ? get().authPrompts.filter((p) => p.promptId !== promptId && sharable(p)) : [];
    shared = share ? { answers, remember, until: Date.now() + SHARE_WINDOW_MS } : null;
    set({ authPrompts: get().authPrompts.filter((p) => p.promptId !== promptId && !others.includes(p)) });
    await client().call('ssh.auth.answer', { promptId, answers, remember, ...(acceptBasicText ? { acceptBasicText } : {}) });
    await Promise.all(others.map((p) => client().call('ssh.auth.answer', { promptId: p.promptId, answers, remember })));
  },
  async cancelAuth(promptId) {
    set({ authPrompts: withoutPrompt(get().authPrompts, promptId) });
    await client().call('ssh.auth.answer', { promptId, cancelled: true });
  },
  dismissChange(change) {
    set({ changes: get().changes.filter((c) => c !== change) });
  },
  pinForgotten(change) {
    set({ replaced: [...get().replaced, keyOf(change)] });
    get().dismissChange(change);
  },
}));

export const connectionSelectors = {
  hostList: (s: ConnectionsState): ConnectionState[] => Object.values(s.hosts).sort((a, b) => a.hostId.localeCompare(b.hostId)),
  firstHostKeyPrompt: (s: ConnectionsState): HostKeyPrompt | undefined => s.hostKeyPrompts[0],
  firstAuthPrompt: (s: ConnectionsState): AuthPrompt | undefined => s.authPrompts[0],
  firstChange: (s: ConnectionsState): HostKeyChanged | undefined => s.changes[0],
};
