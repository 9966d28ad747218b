import { messages } from '../../../shared/i18n/desktop.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page shown when the window's own page did not load, instead of a window that never appears. It is a data:
 * URL so that it needs nothing that just failed; it says it in both languages because the user's choice is in the
 * page that did not load.
 */
export function loadFailedPageUrl(error: unknown): string {
  const detail = escapeHtml(String(error instanceof Error ? error.message : error));
  const section = (lang: 'it' | 'en') => {
    const m = messages[lang];
    return `<section lang="${lang}"><h1>${escapeHtml(m['desktop.loadFailed.title'])}</h1><p>${escapeHtml(m['desktop.loadFailed.body'])}</p>`
      + `<p><small>${escapeHtml(m['desktop.loadFailed.detail']).replace('{{error}}', `<code>${detail}</code>`)}</small></p></section>`;
  };
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + `<title>Custode</title><style>body{font:15px system-ui,sans-serif;background:#10151c;color:#e6e9ee;margin:3em;max-width:46em}code{word-break:break-all}section+section{margin-top:2.5em;border-top:1px solid #2a3340;padding-top:1em}</style></head>`
    + `<body>${section('it')}${section('en')}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
