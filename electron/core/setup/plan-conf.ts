import type { Words } from '../../../shared/model/operation.ts';
import { redactConf } from '../fleet/conf-redaction.ts';
import { confValues, parseConf } from '../ghettovcb/conf/parse.ts';
import { createConf, formatConf, setConfValue } from '../ghettovcb/conf/write.ts';
import { words } from '../operations/plan-steps.ts';
import { fileWriteStep } from './file-steps.ts';
import { lineDiff, page, type PagePlan, type PlanContext } from './plan-context.ts';

/**
 * The conf (page e). A new one has the site's defaults: thin copies, rotation 3 (or as asked), VMs with snapshots
 * not backed up, the share's datastore as the volume. An existing one is edited only where it must change (the
 * volume, a rotation asked for), every other byte kept, and never without a dated copy of the old one beside it
 * and the diff shown first (secrets hidden).
 */
export function siteDefaults(volumePath: string, rotation: number): Array<[string, string]> {
  return [
    ['VM_BACKUP_VOLUME', volumePath],
    ['DISK_BACKUP_FORMAT', 'thin'],
    ['VM_BACKUP_ROTATION_COUNT', String(rotation)],
    ['POWER_VM_DOWN_BEFORE_BACKUP', '0'],
    ['ENABLE_HARD_POWER_OFF', '0'],
    ['ITER_TO_WAIT_SHUTDOWN', '3'],
    ['POWER_DOWN_TIMEOUT', '5'],
    ['ENABLE_COMPRESSION', '0'],
    ['VM_SNAPSHOT_MEMORY', '0'],
    ['VM_SNAPSHOT_QUIESCE', '0'],
    ['ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP', '0'],
    ['ENABLE_NON_PERSISTENT_NFS', '0'],
    ['UNMOUNT_NFS', '0'],
    ['SNAPSHOT_TIMEOUT', '15'],
    ['EMAIL_ALERT', '0'],
    ['EMAIL_LOG', '0'],
  ];
}

/** The rotation a plan keeps: the one asked for, else the conf's, else the site's 3. */
export function currentRotation(text: string | null): number | null {
  if (text === null) return null;
  const v = confValues(parseConf(text)).get('VM_BACKUP_ROTATION_COUNT')?.value;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

export function planConf(ctx: PlanContext, rotationAsked: boolean): PagePlan {
  const { state, host } = ctx;
  const { conf } = state;
  if (conf.text === null) {
    const text = formatConf(createConf(siteDefaults(ctx.volumePath, ctx.rotation), ['ghettoVCB global conf written by Custode']));
    const s = fileWriteStep({ id: 'conf', target: host, path: conf.path, before: null, after: text, mode: 0o644, now: ctx.now }, ctx.uploads);
    return page('conf', words('setup.conf.none', { path: conf.path }), [s], [], lineDiff('', text));
  }
  let doc = parseConf(conf.text);
  const values = confValues(doc);
  const notes: Words[] = [];
  if (values.get('VM_BACKUP_VOLUME')?.value !== ctx.volumePath) doc = setConfValue(doc, 'VM_BACKUP_VOLUME', ctx.volumePath);
  if (rotationAsked && values.get('VM_BACKUP_ROTATION_COUNT')?.value !== String(ctx.rotation)) doc = setConfValue(doc, 'VM_BACKUP_ROTATION_COUNT', String(ctx.rotation));
  const text = formatConf(doc);
  if (text === conf.text) return page('conf', words('setup.conf.same', { path: conf.path, rotation: ctx.rotation }), [], notes);
  const s = fileWriteStep({ id: 'conf', target: host, path: conf.path, before: { sha256: conf.sha256! }, after: text, mode: 0o644, now: ctx.now }, ctx.uploads);
  return page('conf', words('setup.conf.edit', { path: conf.path }), [s], notes, lineDiff(redactConf(conf.text), redactConf(text)));
}
