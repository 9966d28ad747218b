import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Each layer rule of eslint.config.js, shown to fire on a forbidden import and to stay quiet on an allowed one. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: { file: string; forbidden: string[]; allowed: string[] }[] = [
  {
    file: 'shared/ipc/probe.ts',
    forbidden: ["import { readFile } from 'node:fs';", "import { app } from 'electron';", "import { x } from '../../renderer/app/client.ts';", "import { y } from '../../electron/core/jobs/job-registry.ts';"],
    allowed: ["import { z } from 'zod';"],
  },
  {
    file: 'electron/core/probe.ts',
    forbidden: ["import { app } from 'electron';", "import { ipcMain } from 'electron/main';"],
    allowed: ["import { readFile } from 'node:fs';", "import { Client } from 'ssh2';"],
  },
  { file: 'electron/cli/probe.ts', forbidden: ["import { app } from 'electron';"], allowed: ["import { readFile } from 'node:fs';"] },
  { file: 'electron/web/probe.ts', forbidden: ["import { app } from 'electron';"], allowed: ["import { createServer } from 'node:http';"] },
  {
    file: 'renderer/app/probe.ts',
    forbidden: ["import { readFile } from 'node:fs';", "import path from 'path';", "import { ipcRenderer } from 'electron';", "import { Client } from 'ssh2';"],
    allowed: ["import { create } from 'zustand';"],
  },
  {
    file: 'electron/preload/probe.ts',
    forbidden: ["import { readFile } from 'node:fs';", "import { x } from '../core/jobs/job-registry.ts';"],
    allowed: ["import { contextBridge } from 'electron';"],
  },
];

describe('layer boundaries', () => {
  for (const { file, forbidden, allowed } of cases) {
    for (const line of forbidden) {
      it(`${file} refuses: ${line}`, async () => {
        expect((await restrictedImports(file, `${line}\nexport {};\n`)).length).toBeGreaterThan(0);
      });
    }
    for (const line of allowed) {
      it(`${file} allows: ${line}`, async () => {
        expect(await restrictedImports(file, `${line}\nexport {};\n`)).toEqual([]);
      });
    }
  }
});
