import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { scriptVersionFromHeader } from '../fleet/script-version.ts';

/**
 * A ghettoVCB.sh the user picked on the workstation, judged before anything is sent: it must be a shell script
 * (`#!` first: ESXi 8's execInstalledOnly treats a script without it as a binary) that checks the ESXi release the
 * way ghettoVCB does (`case "${ESX_VERSION}" in … "ESX(i) version not supported!"`), and that list is its whitelist.
 */
export interface GhettoVcbFile {
  name: string;
  sha256: string;
  sizeBytes: number;
  /** `LAST_MODIFIED_DATE_VERSION` as the script logs it; null when its header does not say. */
  version: string | null;
  /** The ESXi releases its version check lets through. */
  whitelist: string[];
}

const VERSION_CASE = /case\s+"?\$\{?ESX_VERSION\}?"?\s+in([\s\S]*?)esac/;

export function inspectGhettoVcb(name: string, bytes: Buffer): GhettoVcbFile {
  const text = bytes.toString('utf8');
  const block = VERSION_CASE.exec(text)?.[1];
  if (!text.startsWith('#!') || block === undefined || !block.includes('version not supported') || !/ghettoVCB/i.test(text)) {
    throw new AppError('setup.notGhettoVcb', `${name} is not a ghettoVCB.sh (no #! line or no ESXi version check); pick the ghettoVCB.sh of a lamw/ghettoVCB release`, { file: name });
  }
  const whitelist = [...block.matchAll(/^\s*([\w.|]+)\)/gm)].flatMap((m) => m[1]!.split('|')).filter((v) => v !== '*');
  return {
    name,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    version: scriptVersionFromHeader(text.split('\n', 80).join('\n')),
    whitelist,
  };
}

/** Refuses a script whose whitelist lacks the host's release: ghettoVCB would stop at once every night. */
export function requireAccepts(file: GhettoVcbFile, esxiVersion: string): void {
  if (!file.whitelist.includes(esxiVersion)) {
    throw new AppError('setup.ghettoVcbRefusesEsxi', `${file.name} (version ${file.version ?? '?'}) does not run on ESXi ${esxiVersion}: its list is ${file.whitelist.join(', ')}; pick a newer ghettoVCB release`, {
      file: file.name,
      version: file.version ?? '?',
      esxi: esxiVersion,
    });
  }
}
