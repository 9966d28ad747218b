/**
 * Questions a host asks during login that only the user can answer: keyboard-interactive rounds (ESXi's
 * default login), a password, a key's passphrase. Each request is a value with an id so a UI can show it,
 * and the answers come back in order. Nothing is kept unless the answer says `remember`.
 */
export interface AuthPromptField {
  text: string;
  /** false for secrets: the UI masks what is typed. */
  echo: boolean;
}

export type AuthPromptKind = 'keyboard-interactive' | 'password' | 'passphrase';

export interface AuthPromptRequest {
  promptId: string;
  hostId: string;
  host: string;
  username: string;
  kind: AuthPromptKind;
  /** Server-supplied words for keyboard-interactive rounds (may be empty). */
  name: string;
  instructions: string;
  prompts: AuthPromptField[];
  /** True when the answer is a single secret Custode may keep in the keychain if the user asks. */
  canRemember: boolean;
}

/**
 * `details`: what the asker adds to the `ssh.authCancelled` error when it could not answer, so the words can say why
 * and what to do (the CLI names an i18n key of its own in `hint`). Absent when a person cancelled.
 */
export type AuthPromptAnswer = { answers: string[]; remember: boolean } | { cancelled: true; details?: Readonly<Record<string, string>> };

export interface AuthPrompter {
  ask(request: AuthPromptRequest, signal: AbortSignal): Promise<AuthPromptAnswer>;
}
