import { app, session, shell, type WebContents } from 'electron';

/** Addresses Custode may hand to the system browser (help pages); compared as parsed URLs, never as strings. */
const EXTERNAL_ALLOWLIST = new Set(['github.com', 'www.truenas.com', 'docs.vmware.com']);

function openExternalIfAllowed(raw: string): void {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(url.hostname)) void shell.openExternal(url.toString());
  } catch {
    // Not a URL: nothing to open.
  }
}

/** Deny by default: no navigation, no new windows, no permissions, no webviews. */
export function installSecurityGuards(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url);
      return { action: 'deny' };
    });
  });
}
