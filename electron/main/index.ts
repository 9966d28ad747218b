import { startApp } from './lifecycle/start-app.ts';

// Awaited at top level: a CLI run finishes (and exits) before Electron makes the app ready and starts any GUI.
await startApp({ argv: process.argv, env: process.env, mainDir: import.meta.dirname, defaultApp: process.defaultApp === true });
