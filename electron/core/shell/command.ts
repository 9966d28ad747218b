import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * The only way to build a command line for a host's busybox `ash`.
 *
 * Every value that comes from a host or a user (VM names, datastore names, paths) is an argument and is
 * single-quoted; only fragments that were themselves built here are spliced in raw. A string can never
 * become shell syntax, whatever it holds: quotes, `$()`, backticks, `;`, `|`, newlines, unicode.
 */
const brand: unique symbol = Symbol('ShellCommand');

export interface ShellCommand {
  readonly text: string;
  readonly [brand]: true;
}

export type ShellValue = string | number | ShellCommand;

function make(text: string): ShellCommand {
  return Object.freeze({ text, [brand]: true as const });
}

export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'object' && value !== null && (value as { [brand]?: true })[brand] === true;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** `NAME=…` unquoted at the start of a command is an environment assignment, not a word: always quoted. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Reserved words are syntax only where a command starts; quoted, they name a program like any other word. */
const RESERVED = new Set(['!', '{', '}', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while']);

/** Quotes one argument for POSIX sh / busybox ash. Refuses NUL, which no shell argument can carry. */
export function quote(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string') throw new AppError('shell.invalidArgument', 'A shell argument must be a string');
  if (s.includes('\0')) {
    throw new AppError('shell.nulByte', 'A shell argument cannot contain a NUL byte', { argument: s.replace(/\0/g, '\\0') });
  }
  if (s.length > 0 && SAFE_WORD.test(s) && !ASSIGNMENT.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function render(value: ShellValue): string {
  if (isShellCommand(value)) return value.text;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('shell.invalidArgument', 'A numeric shell argument must be finite');
    return String(value);
  }
  return quote(value);
}

/** A fixed piece of shell syntax written in our own source code (never data). */
export function raw(text: string): ShellCommand {
  return make(text);
}

/**
 * Tagged template: the literal parts are our syntax, every interpolated value is quoted.
 *   sh`ls -la ${dir} | head -n ${count}`
 */
export function sh(strings: TemplateStringsArray, ...values: ShellValue[]): ShellCommand {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '');
  });
  return make(text);
}

/**
 * A program and its arguments. The program is quoted too when it needs it (a script on a datastore whose
 * name has a space): quoted, it can only ever name one file to run.
 */
export function cmd(program: string, ...args: ShellValue[]): ShellCommand {
  if (program === '') throw new AppError('shell.invalidProgram', 'A command needs a program');
  const word = quote(program);
  return make([RESERVED.has(word) ? `'${word}'` : word, ...args.map(render)].join(' '));
}

function joinWith(separator: string, parts: ShellValue[]): ShellCommand {
  return make(parts.map(render).join(separator));
}

/** `a | b | c` */
export const pipe = (...parts: ShellCommand[]): ShellCommand => joinWith(' | ', parts);
/** `a && b && c` */
export const and = (...parts: ShellCommand[]): ShellCommand => joinWith(' && ', parts);
/** `a; b; c` */
export const seq = (...parts: ShellCommand[]): ShellCommand => joinWith('; ', parts);
/** `( a )`: runs in a subshell so redirections and `cd` stay local. */
export const subshell = (inner: ShellCommand): ShellCommand => make(`( ${inner.text} )`);

/**
 * Joins path segments with single slashes. Segments are data (a VM name may hold anything but `/` and NUL);
 * a segment that is `.`/`..` or contains `/` would change which directory is meant, so it is refused.
 */
export function joinPath(base: string, ...segments: string[]): string {
  if (base.includes('\0')) throw new AppError('shell.nulByte', 'A path cannot contain a NUL byte');
  let out = base.length > 1 ? base.replace(/\/+$/, '') : base;
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\0')) {
      throw new AppError('shell.invalidPathSegment', `Not a single path segment: ${JSON.stringify(segment)}`, { segment });
    }
    out = out.endsWith('/') ? out + segment : `${out}/${segment}`;
  }
  return out;
}

/**
 * A path argument that can never be read as an option: relative paths starting with `-` get `./`.
 */
export function pathArg(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}
