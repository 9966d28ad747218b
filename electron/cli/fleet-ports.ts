import type { AuthPromptAnswer, AuthPrompter, AuthPromptRequest } from '../core/ports/auth-prompter.ts';
import type { HostKeyChange, HostKeyDecision, HostKeyFacts, HostKeyTrust } from '../core/ports/host-key-trust.ts';

/**
 * The CLI's answers to the trust and login ports. Nobody sits at a script: a host key is trusted only when it is
 * the fingerprint given with `--accept-fingerprint`, and a password only comes from stdin, used for this run and
 * never kept. What was asked is recorded, so the command can print the fingerprint it refused.
 */
export class FingerprintGate implements HostKeyTrust {
  readonly #expected: string | null;
  seen: HostKeyFacts | null = null;
  changed: HostKeyChange | null = null;

  constructor(expected: string | null) {
    this.#expected = expected;
  }

  async confirmUnknown(facts: HostKeyFacts): Promise<HostKeyDecision> {
    this.seen = facts;
    return this.#expected !== null && facts.fingerprint === this.#expected ? 'trust' : 'reject';
  }

  reportChanged(change: HostKeyChange): void {
    this.changed = change;
  }
}

/**
 * Answers secret prompts with the piped password; anything else (or no password) is cancelled, never waited on.
 * The CLI never asks on the terminal, with one or without: for a command that takes `--password-stdin`
 * (`stdinCommand`, its line), a password prompt left unanswered puts on the `ssh.authCancelled` error the i18n key
 * of how to give it.
 */
export class PipedPassword implements AuthPrompter {
  readonly #password: string | null;
  readonly #stdinCommand: string | null;

  constructor(password: string | null, stdinCommand: string | null = null) {
    this.#password = password;
    this.#stdinCommand = stdinCommand;
  }

  async ask(request: AuthPromptRequest): Promise<AuthPromptAnswer> {
    const single = request.prompts.length === 1 && !request.prompts[0]!.echo;
    if (!single || request.kind === 'passphrase') return { cancelled: true };
    if (this.#password !== null) return { answers: [this.#password], remember: false };
    return this.#stdinCommand === null ? { cancelled: true } : { cancelled: true, details: { hint: 'cli.hint.passwordStdin', command: this.#stdinCommand } };
  }
}
