import type { History, RunDetail } from '../../../shared/ipc/logs.ts';
import { historyNights, type HistoryCell } from '../../../shared/model/log-catalog.ts';
import { text, type Lang } from '../ghettovcb/text.ts';
import { messages } from '../../../shared/i18n/logs.ts';

/**
 * A run, or a VM's history, as one self-contained HTML page (inline CSS, no script, no external resource) that
 * prints well: A4, the per-VM table and the history strip, page breaks kept out of table rows.
 */
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const w = (lang: Lang, key: string, params: Record<string, string | number> = {}): string => {
  const template = (messages[lang] as Record<string, string>)[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
};

const CELL_COLOURS: Record<HistoryCell, string> = { ok: '#2e7d32', warn: '#f9a825', error: '#c62828', skipped: '#6a1b9a', absent: '#9e9e9e', none: '#eeeeee' };

const STYLE = `
@page { size: A4; margin: 14mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 18px 0 6px; }
.meta { color: #444; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
tr { break-inside: avoid; } th { background: #f2f2f2; }
.strip { display: flex; gap: 1px; flex-wrap: nowrap; } .cell { display: inline-block; flex: none; width: 3px; height: 16px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.legend span { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px; font-size: 9pt; }
.ok { color: #2e7d32; } .bad { color: #c62828; } .small { font-size: 9pt; color: #555; }
`;

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}<p class="small">${escape(w(lang, 'logs.export.footer'))}</p></body></html>`;
}

function legend(lang: Lang): string {
  return `<div class="legend">${(Object.keys(CELL_COLOURS) as HistoryCell[]).map((c) => `<span><i class="cell" style="background:${CELL_COLOURS[c]}"></i>${escape(w(lang, `logs.cell.${c}`))}</span>`).join('')}</div>`;
}

export function strip(cells: readonly HistoryCell[], days: readonly string[]): string {
  // The strip fits an A4 column whatever the number of nights (30 or 365).
  const width = Math.max(1, Math.floor(360 / Math.max(1, cells.length)) - 1);
  return `<div class="strip">${cells.map((c, i) => `<i class="cell" title="${days[i] ?? ''}" style="width:${width}px;background:${CELL_COLOURS[c]}"></i>`).join('')}</div>`;
}

export function runReport(detail: RunDetail, history: History, lang: Lang): { title: string; html: string } {
  const r = detail.run;
  const title = w(lang, 'logs.export.runTitle', { host: r.hostName, start: r.startedAt ?? '?' });
  const days = historyNights(history.until, history.days);
  const rows = detail.vms
    .map((vm) => {
      const strip_ = history.rows.find((h) => h.vm === vm.name && h.hostName === r.hostName);
      const explanation = vm.outcome === 'ok' ? '' : `${text(lang, `ghettovcb.outcome.${vm.outcome}.explanation`)}<br><b>${escape(text(lang, 'ghettovcb.explain.fix'))}:</b> ${escape(text(lang, `ghettovcb.outcome.${vm.outcome}.fix`))}`;
      return `<tr><td>${escape(vm.name)}</td><td class="${vm.outcome === 'ok' ? 'ok' : 'bad'}">${escape(text(lang, `ghettovcb.outcome.${vm.outcome}.label`))}</td><td>${vm.reason ? `<code>${escape(vm.reason)}</code><br>` : ''}${explanation}</td><td>${strip_ ? strip(strip_.cells, days) : ''}</td></tr>`;
    })
    .join('');
  const body = `<h1>${escape(title)}</h1>
<p class="meta">${escape(w(lang, `logs.status.${r.status}`))}${r.finalStatus ? ` — ${escape(r.finalStatus)}` : ''} · ${escape(w(lang, 'logs.export.counts', { ok: r.vmsOk, problem: r.vmsProblem }))} · ${escape(detail.origin)}</p>
${detail.failure ? `<p class="bad">${escape(text(lang, `ghettovcb.failure.${detail.failure.kind}.explanation`))}</p>` : ''}
<table><thead><tr><th>${escape(w(lang, 'logs.col.vm'))}</th><th>${escape(w(lang, 'logs.col.outcome'))}</th><th>${escape(w(lang, 'logs.col.explanation'))}</th><th>${escape(w(lang, 'logs.export.lastNights', { days: history.days }))}</th></tr></thead><tbody>${rows}</tbody></table>
${legend(lang)}`;
  return { title, html: page(lang, title, body) };
}

export function historyReport(vm: string, history: History, lang: Lang): { title: string; html: string } {
  const title = w(lang, 'logs.export.historyTitle', { vm, days: history.days });
  const days = historyNights(history.until, history.days);
  const rows = history.rows
    .map((row) => {
      const count = (c: HistoryCell) => row.cells.filter((x) => x === c).length;
      return `<tr><td>${escape(row.hostName)}</td><td>${strip(row.cells, days)}</td><td>${count('ok')}</td><td>${count('error') + count('warn')}</td><td>${count('skipped') + count('absent')}</td></tr>`;
    })
    .join('');
  const body = `<h1>${escape(title)}</h1><p class="meta">${escape(w(lang, 'logs.export.until', { until: history.until }))}</p>
<table><thead><tr><th>${escape(w(lang, 'logs.col.host'))}</th><th>${escape(w(lang, 'logs.export.nights'))}</th><th>${escape(w(lang, 'logs.cell.ok'))}</th><th>${escape(w(lang, 'logs.cell.error'))}</th><th>${escape(w(lang, 'logs.cell.skipped'))}</th></tr></thead><tbody>${rows}</tbody></table>
${legend(lang)}`;
  return { title, html: page(lang, title, body) };
}
