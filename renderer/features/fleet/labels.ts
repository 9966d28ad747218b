import type { TFunction, i18n as I18n } from 'i18next';
import type { BadgeTone } from '../../components/Badge.tsx';
import type { Finding } from '../../../shared/model/finding.ts';
import { shownHidden } from './hidden-param.ts';
import type { VmOutcome } from '../../../shared/model/vm-outcome.ts';
import { cachedFormatter } from './format.ts';

/** How loud each ghettoVCB verdict is: independent disks left out on purpose are not a failure on this site. */
export const outcomeTone: Record<VmOutcome, BadgeTone> = {
  ok: 'success',
  warn_independent_disks: 'info',
  error_vmdk: 'danger',
  error_snapshot: 'danger',
  skipped_has_snapshot: 'danger',
  not_found: 'danger',
  power_off_failed: 'danger',
  no_valid_vmdks: 'danger',
  excluded: 'neutral',
  unknown: 'warning',
};

export const severityTone: Record<Finding['severity'], BadgeTone> = { error: 'danger', warning: 'warning', info: 'info' };

/**
 * A finding's short name for its badge: its own when the UI has one, else what its severity means here
 * (`fallback` names the set of severity words: `fleet.ui.blocker` for a VM's night, `fleet.ui.severity` elsewhere).
 */
export function findingLabel(t: TFunction, i18n: I18n, finding: Finding, fallback: 'fleet.ui.blocker' | 'fleet.ui.severity'): string {
  const own = `fleet.ui.short.${finding.code}`;
  return i18n.exists(own) ? t(own, finding.params) : t(`${fallback}.${finding.severity}`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * A finding's full text; instants among its params read as dates in the UI's language, not as ISO strings, and a
 * secret Custode hid when it read it says so ("set, hidden").
 */
export function findingText(t: TFunction, i18n: I18n, finding: Finding): string {
  const when = cachedFormatter(`dt:${i18n.language}`, () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }));
  const shown = (v: unknown) => {
    if (typeof v !== 'string') return v;
    return ISO_INSTANT.test(v) ? when.format(new Date(v)) : shownHidden(t, v);
  };
  const params = Object.fromEntries(Object.entries(finding.params).map(([k, v]) => [k, shown(v)]));
  return t(finding.code, params);
}

/** Findings that only restate the probe state; the card's alert already says it, with the error's own words. */
const STATE_FINDINGS = new Set(['fleet.host.unreachable', 'fleet.host.probeFailed']);

export function withoutStateFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => !STATE_FINDINGS.has(f.code));
}
