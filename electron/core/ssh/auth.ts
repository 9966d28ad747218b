import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type KeyboardInteractiveCallback, type ParsedKey, type Prompt } from 'ssh2';
import type { AuthPromptAnswer, AuthPrompter, AuthPromptRequest } from '../ports/auth-prompter.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { sshError, SSH_ERRORS } from './errors.ts';
import type { SshTarget } from './target.ts';

/** Keychain names: a password per host, a passphrase per key file. */
export const passwordSecretKey = (hostId: string): string => `ssh.password:${hostId}`;
export const passphraseSecretKey = (keyPath: string): string => `ssh.passphrase:${keyPath}`;

export interface AuthContext {
  target: SshTarget;
  prompter: AuthPrompter;
  secrets: SecretStore;
  signal: AbortSignal;
  /** Told when a chosen-to-remember secret could not be kept (e.g. no keyring and no consent). */
  onNotice(code: string): void;
}

type Step = () => Promise<AnyAuthMethod | null>;

/**
 * One login attempt as ssh2's `authHandler`: agent, then key files, then keyboard-interactive, then password,
 * each only if the host still offers it. ssh2 calls this only after the host key was verified, so nothing here
 * runs before trust. Secrets the user asked to remember are saved only after the host accepted them.
 */
export class LoginAttempt {
  readonly #ctx: AuthContext;
  readonly #steps: { method: AuthenticationType; run: Step }[] = [];
  /** Set when the person cancelled a prompt: the attempt ends as `ssh.authCancelled`, not `authFailed`. */
  cancelled = false;
  /** What the asker said about a cancel, carried on the error (AuthPromptAnswer's `details`). */
  cancelDetails: Readonly<Record<string, string>> = {};
  #toRemember: { key: string; value: string } | null = null;
  #storedPasswordUsed = false;
  #password: string | null | undefined;

  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
    const { auth } = ctx.target;
    const agent = auth.agent === true ? process.env.SSH_AUTH_SOCK : auth.agent || undefined;
    if (agent) this.#steps.push({ method: 'publickey', run: async () => ({ type: 'agent', username: this.#user, agent }) });
    for (const path of auth.privateKeyPaths ?? []) this.#steps.push({ method: 'publickey', run: () => this.#keyFile(path) });
    if (auth.password) {
      for (const method of auth.passwordMethods ?? ['keyboard-interactive', 'password']) {
        if (method === 'keyboard-interactive') this.#steps.push({ method, run: async () => this.#keyboardInteractive() });
        else this.#steps.push({ method, run: () => this.#plainPassword() });
      }
    }
  }

  get #user(): string {
    return this.#ctx.target.username;
  }

  hasMethods(): boolean {
    return this.#steps.length > 0;
  }

  /** ssh2's authHandler. */
  readonly handler = (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (m: AnyAuthMethod | false) => void): void => {
    void this.#next(methodsLeft).then(next, () => next(false));
  };

  async #next(methodsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | false> {
    while (this.#steps.length > 0 && !this.cancelled && !this.#ctx.signal.aborted) {
      const step = this.#steps.shift()!;
      if (methodsLeft && !methodsLeft.includes(step.method)) continue;
      const method = await step.run();
      if (method) return method;
    }
    return false;
  }

  /** After `ready`: keep what the user asked to keep, now that it is known to work. */
  async succeeded(): Promise<void> {
    if (!this.#toRemember) return;
    try {
      await this.#ctx.secrets.set(this.#toRemember.key, this.#toRemember.value);
    } catch (error) {
      this.#ctx.onNotice((error as { code?: string }).code ?? 'secrets.unavailable');
    }
  }

  async #keyFile(path: string): Promise<AnyAuthMethod | null> {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (error) {
      throw sshError(SSH_ERRORS.keyUnreadable, `Cannot read the key file ${path}`, { path, cause: String(error) });
    }
    const plain = ssh2.utils.parseKey(data);
    if (!(plain instanceof Error)) return { type: 'publickey', username: this.#user, key: firstKey(plain) };
    if (!/passphrase/i.test(plain.message)) throw sshError(SSH_ERRORS.keyUnreadable, `Not a usable private key: ${path}`, { path, cause: plain.message });
    const stored = await this.#ctx.secrets.get(passphraseSecretKey(path)).catch(() => null);
    if (stored !== null) {
      const parsed = ssh2.utils.parseKey(data, stored);
      if (!(parsed instanceof Error)) return { type: 'publickey', username: this.#user, key: firstKey(parsed) };
    }
    // Two tries at typing the passphrase, then the next method.
    for (let i = 0; i < 2; i++) {
      const answer = await this.#ask({ kind: 'passphrase', name: path, instructions: '', prompts: [{ text: path, echo: false }], canRemember: true });
      if (!answer) return null;
      const parsed = ssh2.utils.parseKey(data, answer.answers[0] ?? '');
      if (parsed instanceof Error) continue;
      if (answer.remember) this.#toRemember = { key: passphraseSecretKey(path), value: answer.answers[0] ?? '' };
      return { type: 'publickey', username: this.#user, key: firstKey(parsed) };
    }
    return null;
  }

  #keyboardInteractive(): AnyAuthMethod {
    return {
      type: 'keyboard-interactive',
      username: this.#user,
      prompt: (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
        void this.#round(name, instructions, prompts).then(finish, () => finish([]));
      },
    };
  }

  /** One keyboard-interactive round. Every round is answered, including empty ones (ESXi sends some). */
  async #round(name: string, instructions: string, prompts: Prompt[]): Promise<string[]> {
    if (prompts.length === 0 && name.trim() === '' && instructions.trim() === '') return [];
    const single = prompts.length === 1 && prompts[0]!.echo !== true;
    if (single && !this.#storedPasswordUsed) {
      // The host's stored password answers ESXi's one `Password:` prompt, once per attempt so a stale one falls to the user.
      const stored = await this.#storedPassword();
      if (stored !== null) {
        this.#storedPasswordUsed = true;
        return [stored];
      }
    }
    const answer = await this.#ask({
      kind: 'keyboard-interactive',
      name,
      instructions,
      prompts: prompts.map((p) => ({ text: p.prompt, echo: p.echo === true })),
      canRemember: single,
    });
    if (!answer) return [];
    if (single && answer.remember) this.#toRemember = { key: passwordSecretKey(this.#ctx.target.hostId), value: answer.answers[0] ?? '' };
    return prompts.map((_, i) => answer.answers[i] ?? '');
  }

  async #plainPassword(): Promise<AnyAuthMethod | null> {
    const stored = this.#storedPasswordUsed ? null : await this.#storedPassword();
    if (stored !== null) {
      this.#storedPasswordUsed = true;
      return { type: 'password', username: this.#user, password: stored };
    }
    const answer = await this.#ask({ kind: 'password', name: '', instructions: '', prompts: [{ text: 'Password:', echo: false }], canRemember: true });
    if (!answer) return null;
    if (answer.remember) this.#toRemember = { key: passwordSecretKey(this.#ctx.target.hostId), value: answer.answers[0] ?? '' };
    return { type: 'password', username: this.#user, password: answer.answers[0] ?? '' };
  }

  async #storedPassword(): Promise<string | null> {
    if (this.#password === undefined) this.#password = await this.#ctx.secrets.get(passwordSecretKey(this.#ctx.target.hostId)).catch(() => null);
    return this.#password;
  }

  async #ask(fields: Pick<AuthPromptRequest, 'kind' | 'name' | 'instructions' | 'prompts' | 'canRemember'>): Promise<{ answers: string[]; remember: boolean } | null> {
    const { target, prompter, signal } = this.#ctx;
    const request: AuthPromptRequest = { promptId: randomUUID(), hostId: target.hostId, host: target.host, username: target.username, ...fields };
    const answer: AuthPromptAnswer = await prompter.ask(request, signal);
    if ('cancelled' in answer) {
      this.cancelled = true;
      this.cancelDetails = answer.details ?? {};
      return null;
    }
    return answer;
  }
}

function firstKey(parsed: ParsedKey | ParsedKey[]): ParsedKey {
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}
