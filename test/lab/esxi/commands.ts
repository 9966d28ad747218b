// The simulated ESXi executables and where each must appear inside a host (part A binds them there).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ESXI_BIN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'bin');

export function listEsxiCommands(): { esxiPath: string; file: string }[] {
  const out: { esxiPath: string; file: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ esxiPath: `/${relative(ESXI_BIN_DIR, p)}`, file: p });
    }
  };
  walk(ESXI_BIN_DIR);
  return out.sort((a, b) => a.esxiPath.localeCompare(b.esxiPath));
}
