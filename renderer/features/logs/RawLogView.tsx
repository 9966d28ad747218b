import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../../app/client.ts';

/**
 * The whole log with line numbers, virtualized: only the rows in view (plus a margin) exist in the page, and
 * lines arrive from the catalog a page at a time, so a 200,000-line log opens at once and scrolls smoothly.
 * Every row has the same height, so line N sits at (N-1) × ROW.
 */
export const ROW_PX = 18;
const PAGE = 500;
const MARGIN = 30;

export interface RawLogViewProps {
  fileId: number;
  lineCount: number;
  /** Scrolled into view (a third from the top) and marked whenever it changes. */
  target: number | null;
  /** Changes on every request, so asking for the same line again scrolls back to it. */
  nonce?: number;
  /** The open run's lines, shaded. */
  range: { from: number; to: number } | null;
  label: string;
  height?: number;
}

export function RawLogView({ fileId, lineCount, target, nonce = 0, range, label, height = 480 }: RawLogViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, string[]>());
  const asked = useRef(new Set<number>());
  const [scrollTop, setScrollTop] = useState(0);
  const [, setLoaded] = useState(0);

  useEffect(() => {
    pages.current = new Map();
    asked.current = new Set();
    setLoaded((n) => n + 1);
  }, [fileId]);

  useEffect(() => {
    if (target === null || !box.current) return;
    const top = Math.max(0, (target - 1) * ROW_PX - height / 3);
    box.current.scrollTop = top;
    setScrollTop(top);
  }, [target, nonce, height, fileId]);

  const first = Math.max(1, Math.floor(scrollTop / ROW_PX) + 1 - MARGIN);
  const last = Math.min(lineCount, Math.ceil((scrollTop + height) / ROW_PX) + MARGIN);

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      void client()
        .call('logs.lines', { fileId, from: page * PAGE + 1, count: PAGE })
        .then((result) => {
          pages.current.set(page, result.lines);
          setLoaded((n) => n + 1);
        })
        .catch(() => asked.current.delete(page));
    },
    [fileId],
  );

  useEffect(() => {
    for (let p = Math.floor((first - 1) / PAGE); p <= Math.floor((last - 1) / PAGE); p++) fetchPage(p);
  }, [first, last, fetchPage]);

  const rows = [];
  const width = String(lineCount).length;
  for (let n = first; n <= last; n++) {
    const text = pages.current.get(Math.floor((n - 1) / PAGE))?.[(n - 1) % PAGE];
    const inRun = range !== null && n >= range.from && n <= range.to;
    rows.push(
      <div key={n} className={`raw-row${n === target ? ' raw-target' : ''}${inRun ? ' raw-in-run' : ''}`} style={{ top: (n - 1) * ROW_PX }} data-line={n}>
        <span className="raw-no" style={{ width: `${width + 1}ch` }}>
          {n}
        </span>
        <span className="raw-text">{text ?? ''}</span>
      </div>,
    );
  }

  return (
    <div
      ref={box}
      className="raw-view"
      role="region"
      aria-label={label}
      tabIndex={0}
      style={{ height }}
      data-testid="raw-view"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="raw-space" style={{ height: lineCount * ROW_PX }}>
        {rows}
      </div>
    </div>
  );
}
