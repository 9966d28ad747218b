// The ESXi side's view of the NAS: does an export exist, does it let this host in, is root squashed, and which real
// directory backs it. The NAS simulator answers (test/lab/nas/exports.ts); this module only adapts the call.
import { lookupExport as lookupOnNas, type ExportLookup } from '../nas/exports.ts';

export type { ExportLookup };

export async function lookupExport(nasStatePath: string, exportPath: string, clientIp: string): Promise<ExportLookup> {
  return lookupOnNas(nasStatePath, exportPath, clientIp);
}
