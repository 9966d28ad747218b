import type { Finding } from '../../../../../shared/model/finding.ts';

export interface SharedFinding {
  finding: Finding;
  /** The machines that reported it, in fleet order. */
  machines: { id: string; name: string }[];
}

/**
 * The same finding on many machines, shown once with the list of machines: findings are the same when their code
 * and their words' params are (a per-host value, such as a version, keeps them apart).
 */
export function groupFindings(machines: readonly { id: string; name: string; findings: readonly Finding[] }[]): SharedFinding[] {
  const groups = new Map<string, SharedFinding>();
  for (const m of machines) {
    for (const f of m.findings) {
      const key = `${f.code}\n${JSON.stringify(Object.entries(f.params).sort(([a], [b]) => a.localeCompare(b)))}`;
      const group = groups.get(key) ?? { finding: f, machines: [] };
      if (!group.machines.some((x) => x.id === m.id)) group.machines.push({ id: m.id, name: m.name });
      groups.set(key, group);
    }
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  return [...groups.values()].sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || b.machines.length - a.machines.length);
}
