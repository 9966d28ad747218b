import type { MethodInput } from '../../../shared/ipc/contract.ts';
import { client } from '../../app/client.ts';

/**
 * Prints a report: the HTML core made goes into a hidden frame and the frame's print dialog opens (Save as PDF in
 * the browser; in the desktop app the system dialog, which also saves PDF). The frame stays until the next report.
 */
export async function exportReport(input: MethodInput<'logs.export'>): Promise<void> {
  const { html, title } = await client().call('logs.export', input);
  document.getElementById('logs-print-frame')?.remove();
  const frame = document.createElement('iframe');
  frame.id = 'logs-print-frame';
  frame.title = title;
  frame.className = 'print-frame';
  frame.srcdoc = html;
  frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
  document.body.appendChild(frame);
}
