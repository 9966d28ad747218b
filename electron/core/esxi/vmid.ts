import { AppError } from '../../../shared/errors/app-error.ts';

/** Vmids are decimal numbers; anything else is refused before it reaches a command line. */
export function checkVmid(vmid: string | number): string {
  const s = String(vmid);
  if (!/^\d{1,10}$/.test(s)) throw new AppError('esxi.invalidVmid', `Not a Vmid: ${s}`, { vmid: s });
  return s;
}
