import type { AuthPromptAnswer, AuthPrompter, AuthPromptRequest } from '../ports/auth-prompter.ts';
import type { HostKeyChange, HostKeyDecision, HostKeyFacts, HostKeyTrust } from '../ports/host-key-trust.ts';

/**
 * Ports answered by code instead of a person: tests, and non-interactive runs of the CLI where the answers
 * were given up front (an expected fingerprint, a key file). Every question asked is kept, so a caller can
 * show or check what was asked.
 */
export class ScriptedHostKeyTrust implements HostKeyTrust {
  readonly asked: HostKeyFacts[] = [];
  readonly changes: HostKeyChange[] = [];
  #decide: (facts: HostKeyFacts) => HostKeyDecision | Promise<HostKeyDecision>;

  constructor(decide: (facts: HostKeyFacts) => HostKeyDecision | Promise<HostKeyDecision>) {
    this.#decide = decide;
  }

  /** Trusts exactly the listed fingerprints and nothing else. */
  static expecting(fingerprints: string[]): ScriptedHostKeyTrust {
    return new ScriptedHostKeyTrust((facts) => (fingerprints.includes(facts.fingerprint) ? 'trust' : 'reject'));
  }

  set(decide: (facts: HostKeyFacts) => HostKeyDecision | Promise<HostKeyDecision>): void {
    this.#decide = decide;
  }

  async confirmUnknown(facts: HostKeyFacts): Promise<HostKeyDecision> {
    this.asked.push(facts);
    return this.#decide(facts);
  }

  reportChanged(change: HostKeyChange): void {
    this.changes.push(change);
  }
}

export class ScriptedAuthPrompter implements AuthPrompter {
  readonly asked: AuthPromptRequest[] = [];
  #answer: (request: AuthPromptRequest) => AuthPromptAnswer | Promise<AuthPromptAnswer>;

  constructor(answer: (request: AuthPromptRequest) => AuthPromptAnswer | Promise<AuthPromptAnswer>) {
    this.#answer = answer;
  }

  /** Answers every secret prompt with `secret` (keyboard-interactive rounds, password, passphrase). */
  static always(secret: string, remember = false): ScriptedAuthPrompter {
    return new ScriptedAuthPrompter((r) => ({ answers: r.prompts.map(() => secret), remember }));
  }

  /** Refuses to answer: a run that must not need a person fails with `ssh.authCancelled` instead of hanging. */
  static never(): ScriptedAuthPrompter {
    return new ScriptedAuthPrompter(() => ({ cancelled: true }));
  }

  set(answer: (request: AuthPromptRequest) => AuthPromptAnswer | Promise<AuthPromptAnswer>): void {
    this.#answer = answer;
  }

  async ask(request: AuthPromptRequest): Promise<AuthPromptAnswer> {
    this.asked.push(request);
    return this.#answer(request);
  }
}
