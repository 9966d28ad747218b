import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { messages } from '../../../shared/i18n/ssh.ts';
import type { AuthPromptAnswer, AuthPrompter, AuthPromptRequest } from '../ports/auth-prompter.ts';
import type { HostKeyChange, HostKeyDecision, HostKeyFacts, HostKeyTrust } from '../ports/host-key-trust.ts';

export interface TerminalIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  language: 'it' | 'en';
  /** Fingerprints the user gave up front (e.g. `--fingerprint`): trusted without asking. */
  expectedFingerprints?: string[];
}

type Key = keyof (typeof messages)['en'];

/**
 * The CLI's ports: questions on the terminal, secrets typed without echo. The CLI never keeps a password, so
 * `remember` is always false; without a terminal nothing is trusted and nothing is asked.
 */
export class TerminalPorts implements HostKeyTrust, AuthPrompter {
  readonly #io: TerminalIo;

  constructor(io: TerminalIo) {
    this.#io = io;
  }

  async confirmUnknown(facts: HostKeyFacts, signal: AbortSignal): Promise<HostKeyDecision> {
    if (this.#io.expectedFingerprints?.includes(facts.fingerprint)) return 'trust';
    this.#say('ssh.cli.hostKey', facts);
    if (!this.#io.input.isTTY) {
      this.#say('ssh.cli.noTerminal');
      return 'reject';
    }
    const answer = await this.#question(this.#words('ssh.cli.hostKeyAsk'), true, signal);
    return /^(yes|sì|si)$/i.test(answer.trim()) ? 'trust' : 'reject';
  }

  reportChanged(change: HostKeyChange): void {
    this.#say('ssh.cli.changed', change);
  }

  async ask(request: AuthPromptRequest, signal: AbortSignal): Promise<AuthPromptAnswer> {
    if (!this.#io.input.isTTY) {
      this.#say('ssh.cli.noTerminal');
      return { cancelled: true };
    }
    if (request.name.trim()) this.#io.output.write(`${request.name}\n`);
    if (request.instructions.trim()) this.#io.output.write(`${request.instructions}\n`);
    const answers: string[] = [];
    for (const prompt of request.prompts) {
      const text = request.kind === 'passphrase' ? `${this.#words('ssh.auth.passphrase')} (${request.name}): ` : `${request.username}@${request.host} ${prompt.text}`;
      answers.push(await this.#question(text, prompt.echo, signal));
    }
    return { answers, remember: false };
  }

  #words(key: Key, params: object = {}): string {
    const values = params as Record<string, unknown>;
    return messages[this.#io.language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }

  #say(key: Key, params: object = {}): void {
    this.#io.output.write(this.#words(key, params) + '\n');
  }

  /** One line from the terminal; with `echo` false nothing typed is shown. */
  #question(text: string, echo: boolean, signal: AbortSignal): Promise<string> {
    let muted = false;
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!muted) this.#io.output.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: this.#io.input, output, terminal: this.#io.input.isTTY === true });
    return new Promise<string>((resolve) => {
      const finish = (answer: string): void => {
        signal.removeEventListener('abort', onAbort);
        rl.close();
        if (!echo) this.#io.output.write('\n');
        resolve(answer);
      };
      const onAbort = (): void => finish('');
      signal.addEventListener('abort', onAbort, { once: true });
      rl.question(text, finish);
      muted = !echo;
    });
  }
}
