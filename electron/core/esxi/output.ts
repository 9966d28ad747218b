import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * Helpers every ESXi parser shares. Output arrives over an exec channel with LF endings, but a PTY or a copied
 * capture brings CRLF, so a trailing CR is dropped per line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const EXCERPT = 400;

/** The output cannot be read as what `command` prints: the caller shows the excerpt, never guesses. */
export function unexpectedOutput(command: string, text: string, reason: string): AppError {
  return new AppError('esxi.unexpectedOutput', `Unexpected output from ${command}: ${reason}`, {
    command,
    reason,
    excerpt: text.slice(0, EXCERPT),
  });
}

export interface VimFault {
  /** e.g. `vim.fault.NotFound`. */
  type: string;
  msg: string | null;
}

const FAULT = /^\s*\(((?:vim|vmodl)\.fault\.[\w.]+)\) \{/m;

/** vim-cmd prints faults on stdout and its exit status is not known to reflect them (A1.1), so look. */
export function findVimFault(text: string): VimFault | null {
  const m = FAULT.exec(text);
  if (m === null) return null;
  const msg = /^\s*msg = "(.*)",?\s*$/m.exec(text.slice(m.index));
  return { type: m[1]!, msg: msg ? msg[1]! : null };
}

export function throwIfVimFault(command: string, text: string): void {
  const fault = findVimFault(text);
  if (fault !== null) {
    throw new AppError('esxi.vimFault', `${command} failed with ${fault.type}`, {
      command,
      fault: fault.type.replace(/^.*\./, ''),
      msg: fault.msg ?? '',
    });
  }
}

export function parseBool(value: string): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function parseIntOrNull(value: string): number | null {
  return /^-?\d+$/.test(value) ? Number(value) : null;
}
