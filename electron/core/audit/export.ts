import type { AuditEntry, AuditFilter } from '../../../shared/ipc/audit.ts';
import type { SentCommand } from '../../../shared/model/operation.ts';
import type { AuditStore } from './audit-store.ts';
import { auditText, wordsText, type Lang } from './words.ts';

export interface ExportRequest {
  format: 'csv' | 'json' | 'html';
  filter: AuditFilter;
  lang: Lang;
  now: number;
}

const commandsOf = (e: AuditEntry): SentCommand[] => {
  const data = e.data as { commands?: SentCommand[] } | null;
  return Array.isArray(data?.commands) ? data.commands : [];
};

const CSV_COLUMNS = ['seq', 'time', 'user', 'workstation', 'kind', 'operation', 'subject', 'title', 'target', 'reason', 'outcome', 'commands', 'hash', 'prev_hash'] as const;

/** RFC 4180: every field quoted, quotes doubled, so commas, quotes and newlines in commands survive. */
const csvField = (value: string | number | null): string => `"${String(value ?? '').replace(/"/g, '""')}"`;

/** The filtered trail as a file: every entry with its commands, exit codes and hashes, and the chain's state. */
export function exportTrail(audit: AuditStore, request: ExportRequest): { fileName: string; mime: string; text: string } {
  const entries = audit.entries(request.filter);
  const chain = audit.verify();
  const stamp = new Date(request.now).toISOString().replace(/[:.]/g, '-');
  if (request.format === 'json') {
    return { fileName: `custode-audit-${stamp}.json`, mime: 'application/json', text: `${JSON.stringify({ exportedAt: new Date(request.now).toISOString(), chain, entries }, null, 2)}\n` };
  }
  if (request.format === 'csv') {
    const rows = entries.map((e) =>
      [
        e.seq,
        new Date(e.at).toISOString(),
        e.user,
        e.workstation,
        e.kind,
        e.operationId,
        e.subject,
        wordsText(request.lang, e.title),
        e.target,
        e.reason,
        e.outcome,
        commandsOf(e).map((c) => `[${c.phase}] ${c.command} → ${c.exitCode ?? c.error?.code ?? '-'}`).join('\n'),
        e.hash,
        e.prevHash,
      ]
        .map(csvField)
        .join(','),
    );
    return { fileName: `custode-audit-${stamp}.csv`, mime: 'text/csv', text: `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n` };
  }
  return { fileName: `custode-audit-${stamp}.html`, mime: 'text/html', text: htmlPage(entries, chain.intact ? null : (chain.firstBad?.seq ?? 0), request) };
}

const esc = (s: string | number | null): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlPage(entries: AuditEntry[], brokenAt: number | null, request: ExportRequest): string {
  const t = (key: string, params: Record<string, string | number> = {}) => auditText(request.lang, key, params);
  const chain = brokenAt === null ? t('audit.export.chainIntact') : t('audit.export.chainBroken', { seq: brokenAt });
  const rows = entries
    .map((e) => {
      const commands = commandsOf(e)
        .map((c) => `<li><code>${esc(c.command)}</code> → ${esc(c.exitCode ?? c.error?.code ?? '-')}${c.output ? `<pre>${esc(c.output)}</pre>` : ''}</li>`)
        .join('');
      return `<tr><td>${e.seq}</td><td>${esc(new Date(e.at).toISOString().replace('T', ' ').slice(0, 19))}</td><td>${esc(e.user)}@${esc(e.workstation)}</td>
<td>${esc(wordsText(request.lang, e.title))}<br><small>${esc(e.kind)}</small></td><td>${esc(e.target)}</td><td>${esc(e.reason ?? '')}</td>
<td>${esc(e.outcome ? t(`operations.outcome.${e.outcome}`) : '')}</td><td>${commands ? `<ul>${commands}</ul>` : ''}</td></tr>`;
    })
    .join('\n');
  const heads = ['#', 'audit.ui.col.when', 'audit.ui.col.who', 'audit.ui.col.what', 'audit.ui.col.target', 'audit.ui.col.reason', 'audit.ui.col.outcome', 'audit.ui.col.commands'].map((k) => `<th>${esc(k === '#' ? k : t(k))}</th>`).join('');
  return `<!doctype html>
<html lang="${request.lang}"><head><meta charset="utf-8"><title>${esc(t('audit.export.title'))}</title>
<style>
body{font:12px/1.4 system-ui,sans-serif;margin:1.5cm;color:#111}h1{font-size:18px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}th{background:#eee}tr{break-inside:avoid}
code,pre{font:11px/1.3 ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}pre{margin:2px 0;color:#444}ul{margin:0;padding-left:1.2em}
@page{size:A4 landscape;margin:1cm}@media print{body{margin:0}}
</style></head><body>
<h1>${esc(t('audit.export.title'))}</h1>
<p>${esc(t('audit.export.generated', { date: new Date(request.now).toISOString().replace('T', ' ').slice(0, 16), count: entries.length, chain }))}</p>
<table><thead><tr>${heads}</tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
