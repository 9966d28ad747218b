import type { Finding } from '../../../../../shared/model/finding.ts';

export interface SharedFinding {
  /** The first machine's finding: its words are the ones shown. */
  finding: Finding;
  /** The machines that reported it, in fleet order. */
  machines: { id: string; name: string }[];
  /** False when the machines' details differ (a path or an address of their own): each machine's page has its own. */
  same: boolean;
}

const paramsKey = (f: Finding): string => JSON.stringify(Object.entries(f.params).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The same finding on many machines, shown once with the list of machines: the same code and severity is the same
 * finding, even where a detail in its words (a share path with the host's address) differs from machine to machine.
 */
export function groupFindings(machines: readonly { id: string; name: string; findings: readonly Finding[] }[]): SharedFinding[] {
  const groups = new Map<string, SharedFinding>();
  for (const m of machines) {
    for (const f of m.findings) {
      const key = `${f.code}\n${f.severity}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { finding: f, machines: [{ id: m.id, name: m.name }], same: true });
      else {
        if (!group.machines.some((x) => x.id === m.id)) group.machines.push({ id: m.id, name: m.name });
        if (paramsKey(f) !== paramsKey(group.finding)) group.same = false;
      }
    }
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  return [...groups.values()].sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || b.machines.length - a.machines.length);
}
