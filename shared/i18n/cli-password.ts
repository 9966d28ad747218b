/**
 * What the CLI says, after "Login cancelled.", when a host asked for a password it had none to give: the CLI never
 * asks on the terminal (there may be none, in a script or a cron job), so it says how to give one.
 * `{{command}}`: the command line that takes the password on stdin.
 */
export const messages = {
  en: {
    'cli.hint.passwordStdin': 'You gave no password, and custode does not ask for one on the terminal: pass it on standard input with --password-stdin (e.g. `printf \'%s\\n\' "$PASS" | {{command}} --password-stdin`).',
  },
  it: {
    'cli.hint.passwordStdin': 'Non hai passato la password e custode non la chiede sul terminale: passala sullo standard input con --password-stdin (ad es. `printf \'%s\\n\' "$PASS" | {{command}} --password-stdin`).',
  },
} as const;
