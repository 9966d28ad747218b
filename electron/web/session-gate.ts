import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a launch code lives when nobody uses it. */
export const LAUNCH_CODE_TTL_MS = 30_000;

export interface SessionGate {
  /** A new one-time code for a launch address: it opens one session, once, within 30 s. */
  newLaunchCode(): string;
  /** The session for a hello: a live launch code (used up now) or the session itself; null when neither. */
  admit(hello: { code?: unknown; session?: unknown }): string | null;
}

function same(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may talk to core in browser mode. The session secret never leaves this process except in the first
 * WebSocket message to a page that proved a launch code; what an opener's command line (and so `ps`) or the
 * browser's history shows is the code, which dies on first use or after 30 s.
 */
export function createSessionGate(session: string = randomBytes(24).toString('base64url'), now: () => number = Date.now): SessionGate {
  const codes = new Map<string, number>();
  return {
    newLaunchCode() {
      const code = randomBytes(18).toString('base64url');
      codes.set(code, now() + LAUNCH_CODE_TTL_MS);
      return code;
    },
    admit(hello) {
      for (const [code, expires] of codes) {
        if (expires <= now()) codes.delete(code);
        else if (same(hello.code, code)) {
          codes.delete(code);
          return session;
        }
      }
      return same(hello.session, session) ? session : null;
    },
  };
}
