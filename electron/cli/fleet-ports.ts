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

/** Answers secret prompts with the piped password; anything else (or no password) is cancelled, never waited on. */
export class PipedPassword implements AuthPrompter {
  readonly #password: string | null;

  constructor(password: string | null) {
    this.#password = password;
  }

  async ask(request: AuthPromptRequest): Promise<AuthPromptAnswer> {
    const single = request.prompts.length === 1 && !request.prompts[0]!.echo;
    if (this.#password === null || !single || request.kind === 'passphrase') return { cancelled: true };
    return { answers: [this.#password], remember: false };
  }
}
