import type { RunSetup } from '../../../shared/model/backup.ts';
import { effectiveConf } from '../fleet/conf-reading.ts';
import { scheduledRuns } from '../fleet/cron-invocation.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import { VIB_CONF } from '../fleet/esxi-probe.ts';

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/**
 * The ghettoVCB a run started by Custode uses: the script and conf the host's schedule runs (so a run now does
 * what tonight's run does), else the first install with the conf beside it. null: no ghettoVCB on the host.
 */
export function runSetup(facts: EsxiFacts): RunSetup | null {
  const primary = facts.crontab === null ? undefined : scheduledRuns(facts.crontab)[0];
  const installed = (path: string) => facts.scripts.some((s) => s.path === path);
  let script: string;
  let conf: string | null;
  if (primary !== undefined && installed(primary.invocation.script)) {
    script = primary.invocation.script;
    conf = primary.invocation.globalConf;
  } else {
    const first = facts.scripts[0];
    if (first === undefined) return null;
    script = first.path;
    conf = first.kind === 'vib' ? VIB_CONF : `${dirOf(first.path)}/ghettoVCB.conf`;
  }
  const text = conf === null ? null : (facts.confs.find((c) => c.path === conf)?.text ?? null);
  const volume = conf !== null && text === null ? null : (effectiveConf(text).get('VM_BACKUP_VOLUME') ?? null);
  return { script, conf, volume };
}

/** The conf's settings as the run will see them (script defaults under the conf's values). */
export function runConf(facts: EsxiFacts, setup: RunSetup): Map<string, string> {
  return effectiveConf(setup.conf === null ? null : (facts.confs.find((c) => c.path === setup.conf)?.text ?? null));
}
