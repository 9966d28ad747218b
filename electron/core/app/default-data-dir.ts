import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The same folder Electron's app.getPath('userData') gives for productName "Custode", so the desktop app,
 * the CLI and browser mode share one database. CUSTODE_HOME overrides it (tests, scripts, several sites); a relative
 * CUSTODE_HOME is taken from the current folder, as a shell user means it (Electron's setPath refuses relative paths).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CUSTODE_HOME) return resolve(env.CUSTODE_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Custode');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Custode');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Custode');
}
