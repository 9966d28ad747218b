import { issue, type Issue } from '../issue.ts';
import { CONF_KEYS, EXAMPLE_BACKUP_VOLUMES, NOT_SETTINGS, PER_VM_KEYS, confKey, type ConfKey } from './keys.ts';
import { confValues, type ConfDocument } from './parse.ts';

/**
 * Checks a global (`-g`) or per-VM (`-c`) conf against what ghettoVCB 2025_10_30 really does with it
 * (reference 2.2–2.4, 7, 13.3). Findings are data; their words live in shared/i18n/ghettovcb.ts.
 */
export interface ConfCheckOptions {
  role: 'global' | 'perVm';
  /** Major ESXi version of the host, when known: eagerzeroedthick only degrades on 8 and later. */
  esxiMajor?: number;
}

const P = 'ghettovcb.conf.';
const EMAIL_LISTS = new Set(['EMAIL_TO', 'EMAIL_ERRORS_TO']);

function checkSyntax(doc: ConfDocument, out: Issue[]): void {
  const seen = new Map<string, number>();
  let crlfReported = false;
  doc.lines.forEach((l, i) => {
    const line = i + 1;
    if (!crlfReported && l.raw.endsWith('\r')) {
      out.push(issue('error', `${P}crlf`, {}, { line }));
      crlfReported = true;
    }
    if (l.kind === 'other') {
      out.push(issue('error', l.spaceAroundEquals ? `${P}spaceAroundEquals` : `${P}notAssignment`, { text: l.raw.trim().slice(0, 80) }, { line }));
      return;
    }
    if (l.kind !== 'assignment') return;
    const where = { key: l.key, line };
    if (l.problem) out.push(issue('error', `${P}${l.problem}`, { key: l.key }, where));
    if (l.expands) out.push(issue('warning', `${P}expansion`, { key: l.key }, where));
    const first = seen.get(l.key);
    if (first !== undefined) out.push(issue('warning', `${P}duplicateKey`, { key: l.key, firstLine: first }, where));
    else seen.set(l.key, line);
    const known = confKey(l.key);
    if (NOT_SETTINGS.includes(l.key)) out.push(issue('warning', `${P}notASetting`, { key: l.key }, where));
    else if (!known) out.push(issue('warning', `${P}unknownKey`, { key: l.key }, where));
    else if (known.noEffect) out.push(issue('warning', `${P}noEffect`, { key: l.key }, where));
  });
}

function checkList(k: ConfKey, value: string, where: { key: string; line: number }, out: Issue[]): void {
  if (value === '' || (k.name === 'VMDK_FILES_TO_BACKUP' && value === 'all')) return;
  const items = value.split(',');
  if (items.some((item) => item.trim() === '')) out.push(issue('error', `${P}listEmptyItem`, { key: k.name }, where));
  if (items.some((item) => item !== item.trim())) {
    out.push(issue(EMAIL_LISTS.has(k.name) || k.name === 'VMDK_FILES_TO_BACKUP' ? 'error' : 'warning', `${P}listSpaces`, { key: k.name }, where));
  }
  if (k.name === 'VMDK_FILES_TO_BACKUP') {
    for (const item of items) if (item.trim() !== '' && !item.trim().endsWith('.vmdk')) out.push(issue('warning', `${P}vmdkName`, { name: item.trim() }, where));
  }
}

function checkValue(k: ConfKey, value: string, where: { key: string; line: number }, options: ConfCheckOptions, out: Issue[]): void {
  const kind = k.kind;
  if (k.name === 'VM_BACKUP_ROTATION_COUNT') {
    if (value === '') out.push(issue('warning', `${P}rotationEmpty`, {}, where));
    else if (value === '0') out.push(issue('error', `${P}rotationZero`, {}, where));
    else if (value === '1') out.push(issue('warning', `${P}rotationLow`, {}, where));
    if (value === '' || value === '0' || value === '1') return;
  }
  if (kind.type === 'bool' && value !== '0' && value !== '1') out.push(issue('error', `${P}notBoolean`, { key: k.name, value }, where));
  if (kind.type === 'int') {
    if (!/^-?\d+$/.test(value)) out.push(issue('error', `${P}notInteger`, { key: k.name, value }, where));
    else if (Number(value) < kind.min || (kind.max !== undefined && Number(value) > kind.max)) {
      out.push(issue('error', `${P}outOfRange`, { key: k.name, value, min: kind.min, max: kind.max ?? '∞' }, where));
    }
  }
  if (kind.type === 'enum' && !kind.values.includes(value)) {
    out.push(issue('error', `${P}badEnum`, { key: k.name, value, values: kind.values.join(', ') }, where));
  }
  if (k.name === 'DISK_BACKUP_FORMAT' && value === 'eagerzeroedthick' && (options.esxiMajor === undefined || options.esxiMajor >= 8)) {
    out.push(issue('warning', `${P}eagerZeroedThick`, {}, where));
  }
  if (kind.type === 'path') {
    if (value === '') out.push(issue('error', `${P}volumeEmpty`, {}, where));
    else if (!/^\/vmfs\/volumes\/[^/]+/.test(value)) out.push(issue('error', `${P}volumeNotVmfs`, { value }, where));
    else if (EXAMPLE_BACKUP_VOLUMES.includes(value.replace(/\/+$/, ''))) out.push(issue('error', `${P}volumeDefault`, { value }, where));
  }
  if (kind.type === 'list') checkList(k, value, where, out);
  if (k.name === 'VM_BACKUP_DIR_NAMING_CONVENTION' && value !== '0') out.push(issue('error', `${P}namingConvention`, { value }, where));
  if (k.name === 'LOG_LEVEL') out.push(issue('warning', `${P}logLevelOverrides`, { value }, where));
  if (k.name === 'EMAIL_USER_PASSWORD' && value !== '') out.push(issue('warning', `${P}passwordInClear`, {}, where));
  if (k.name === 'ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP' && value === '1') out.push(issue('warning', `${P}allowSnapshotsDeletes`, {}, where));
  if (k.name === 'UNMOUNT_NFS' && value === '1') out.push(issue('warning', `${P}unmountNfs`, {}, where));
}

export function validateConf(doc: ConfDocument, options: ConfCheckOptions): Issue[] {
  const out: Issue[] = [];
  checkSyntax(doc, out);
  const values = confValues(doc);
  for (const [name, { value, line }] of values) {
    const k = confKey(name);
    const l = doc.lines[line - 1];
    if (!k || k.noEffect || (l?.kind === 'assignment' && l.expands)) continue;
    const where = { key: name, line };
    checkValue(k, value, where, options, out);
    if (options.role === 'perVm' && k.runWide) out.push(issue('warning', `${P}runWideInPerVm`, { key: name }, where));
    if (options.role === 'global' && name === 'VMDK_FILES_TO_BACKUP' && value !== 'all') out.push(issue('warning', `${P}vmdkListInGlobal`, {}, where));
  }
  const effective = (name: string): string => values.get(name)?.value ?? CONF_KEYS.find((k) => k.name === name)?.scriptDefault ?? '';
  const iter = Number(effective('ITER_TO_WAIT_SHUTDOWN'));
  const timeout = Number(effective('POWER_DOWN_TIMEOUT'));
  if (Number.isInteger(iter) && Number.isInteger(timeout) && iter > timeout) {
    const matters = effective('POWER_VM_DOWN_BEFORE_BACKUP') === '1' && effective('ENABLE_HARD_POWER_OFF') === '1';
    const line = values.get('ITER_TO_WAIT_SHUTDOWN')?.line ?? values.get('POWER_DOWN_TIMEOUT')?.line;
    out.push(issue(matters ? 'error' : 'warning', `${P}iterAfterTimeout`, { iter, timeout }, { key: 'ITER_TO_WAIT_SHUTDOWN', ...(line ? { line } : {}) }));
  }
  if (options.role === 'perVm') {
    for (const name of PER_VM_KEYS) if (!values.has(name)) out.push(issue('error', `${P}perVmMissingKey`, { key: name }, { key: name }));
  } else if (effective('ENABLE_NON_PERSISTENT_NFS') === '1') {
    for (const name of ['NFS_SERVER', 'NFS_MOUNT', 'NFS_LOCAL_NAME', 'NFS_VM_BACKUP_DIR']) {
      if ((values.get(name)?.value ?? '') === '') out.push(issue('error', `${P}nfsKeyMissing`, { key: name }, { key: name }));
    }
  } else if (!values.has('VM_BACKUP_VOLUME')) {
    out.push(issue('error', `${P}volumeMissing`, { value: effective('VM_BACKUP_VOLUME') }, { key: 'VM_BACKUP_VOLUME' }));
  }
  return out.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}
