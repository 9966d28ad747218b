import type { WebFrameMain } from 'electron';
import { APP_ORIGIN } from '../windows/app-protocol.ts';

/** `scheme://host[:port]` of a URL, or null when it has no host (about:, data:, file:, empty, unparsable). */
function schemeAndHost(raw: string): string | null {
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.host === '' ? null : `${url.protocol}//${url.host}`;
}

/**
 * Only our own page, in the top frame, may call core (VS Code's validatedIpcMain). The frame's own origin is what
 * Chromium says (Node's URL gives "null" for app://, a non-special scheme); the URL's scheme and host must say the
 * same, which refuses about:blank and empty-URL windows that inherit our origin. A frame that was disposed throws
 * on access: that is a refusal, never an exception out of the IPC handler.
 */
export function trustedSender(frame: Pick<WebFrameMain, 'url' | 'origin' | 'parent'> | null | undefined, devServerUrl: string | undefined): boolean {
  try {
    if (!frame || frame.parent !== null) return false;
    const allowed = [APP_ORIGIN, ...(devServerUrl === undefined ? [] : [schemeAndHost(devServerUrl)])];
    return allowed.includes(frame.origin) && schemeAndHost(frame.url) === frame.origin;
  } catch {
    return false;
  }
}
