import type { Bridge } from '../../shared/ipc/bridge.ts';
import { createWebSocketBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    custode?: Bridge;
  }
}

const TOKEN_KEY = 'custode.token';

export type TransportChoice = { kind: 'electron' | 'browser'; bridge: Bridge } | { kind: 'missing-token' };

/**
 * The one place that knows how the page talks to core: the preload's bridge in the desktop app, otherwise the
 * browser host's WebSocket. The token arrives in the URL fragment once and is kept for reloads of this tab.
 */
export function chooseTransport(onConnectionLost: () => void): TransportChoice {
  if (window.custode) return { kind: 'electron', bridge: window.custode };
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', `${window.location.pathname}#/fleet`);
  }
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) return { kind: 'missing-token' };
  const url = `ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`;
  return { kind: 'browser', bridge: createWebSocketBridge(url, onConnectionLost) };
}
