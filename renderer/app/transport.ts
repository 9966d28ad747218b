import type { Bridge, WireHello } from '../../shared/ipc/bridge.ts';
import { createWebSocketBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    custode?: Bridge;
  }
}

/** This tab's browser-mode session, kept for its reloads only (never in a URL, so never in history). */
const SESSION_KEY = 'custode.session';

export type TransportChoice = { kind: 'electron' | 'browser'; bridge: Bridge } | { kind: 'needs-launch' };

/**
 * The one place that knows how the page talks to core: the preload's bridge in the desktop app, otherwise the
 * browser host's WebSocket. A launch address carries a one-time code in its fragment; the page takes it out of
 * the address at once, trades it for the session in its first frame and keeps the session for reloads of this tab.
 */
export async function chooseTransport(onConnectionLost: () => void): Promise<TransportChoice> {
  if (window.custode) return { kind: 'electron', bridge: window.custode };
  const code = new URLSearchParams(window.location.hash.slice(1)).get('launch');
  if (code) history.replaceState(null, '', `${window.location.pathname}#/fleet`);
  const session = sessionStorage.getItem(SESSION_KEY);
  const hello: WireHello | null = code ? { kind: 'hello', code } : session ? { kind: 'hello', session } : null;
  if (!hello) return { kind: 'needs-launch' };
  const { bridge, admitted } = createWebSocketBridge(`ws://${window.location.host}/ipc`, hello, onConnectionLost);
  const granted = await admitted;
  if (!granted) {
    sessionStorage.removeItem(SESSION_KEY);
    return { kind: 'needs-launch' };
  }
  sessionStorage.setItem(SESSION_KEY, granted);
  return { kind: 'browser', bridge };
}
