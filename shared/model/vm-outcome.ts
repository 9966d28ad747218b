/** Per-VM verdict of a ghettoVCB run; `unknown` = the VM was seen but no result line followed (run died, or the log is cut). */
export const VM_OUTCOMES = [
  'ok',
  'warn_independent_disks',
  'error_vmdk',
  'error_snapshot',
  'skipped_has_snapshot',
  'not_found',
  'power_off_failed',
  'no_valid_vmdks',
  'excluded',
  'unknown',
] as const;
export type VmOutcome = (typeof VM_OUTCOMES)[number];
