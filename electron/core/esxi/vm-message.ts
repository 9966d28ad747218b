import { AppError } from '../../../shared/errors/app-error.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { splitLines, throwIfVimFault } from './output.ts';
import { checkVmid } from './vmid.ts';

/**
 * `vim-cmd vmsvc/message <vmid>`: the questions a VM waits on (a power-on blocks until one is answered), and
 * `vim-cmd vmsvc/message <vmid> <id> <choice>` to answer one. What is known of the output (reported, not verified
 * on a real host: VMware's KB text as quoted in public notes, and scripts that answer the question): a block per
 * question, `Virtual machine message <id>:` (ids like `12` or `_vmx1`), then `<key>:<text>` (`msg.uuid.altered:This
 * virtual machine might/may have been moved or copied.`) and more text, then the choices `   0. Cancel (Cancel)`,
 * `   1. I _moved it (I _moved it)`, `   2. I _copied it (I _copied it) [default]`; `No message.` when there is
 * none. `_` marks a label's accelerator key; releases differ in the labels' case, so labels are compared without it.
 */
export const UUID_ALTERED = 'msg.uuid.altered';

export interface VmChoice {
  index: number;
  /** The label as the user sees it: accelerator marks removed. */
  label: string;
  isDefault: boolean;
}

export interface VmQuestion {
  id: string;
  /** `msg.uuid.altered`; null when the text does not start with a message key. */
  key: string | null;
  text: string;
  choices: VmChoice[];
}

export const vmMessagesCommand = (vmid: string | number): ShellCommand => cmd('vim-cmd', 'vmsvc/message', checkVmid(vmid));

export function answerVmMessageCommand(vmid: string | number, messageId: string, choice: number): ShellCommand {
  if (!/^[\w.-]{1,64}$/.test(messageId)) throw new AppError('esxi.invalidMessageId', `Not a VM message id: ${messageId}`, { messageId });
  if (!Number.isInteger(choice) || choice < 0) throw new AppError('esxi.invalidMessageChoice', `Not a choice number: ${choice}`, { choice });
  return cmd('vim-cmd', 'vmsvc/message', checkVmid(vmid), messageId, choice);
}

const HEADER = /^Virtual machine message\s+([^\s:]+):\s*(.*)$/;
const CHOICE = /^\s*(\d+)\.\s+(.*?)\s+\((.*)\)(\s+\[default\])?\s*$/;
const KEY = /^(msg\.[\w.]+):([\s\S]*)$/;

const plainLabel = (label: string): string => label.replace(/_/g, '').replace(/\s+/g, ' ').trim();

export function parseVmMessages(text: string): VmQuestion[] {
  throwIfVimFault('vim-cmd vmsvc/message', text);
  const questions: VmQuestion[] = [];
  let lines: string[] = [];
  const close = (): void => {
    const q = questions.at(-1);
    if (q === undefined) return;
    const body = lines.join('\n').trim();
    const key = KEY.exec(body);
    q.key = key === null ? null : key[1]!;
    q.text = (key === null ? body : key[2]!).trim();
    lines = [];
  };
  for (const line of splitLines(text)) {
    const header = HEADER.exec(line);
    if (header !== null) {
      close();
      questions.push({ id: header[1]!, key: null, text: '', choices: [] });
      if (header[2] !== '') lines.push(header[2]!);
      continue;
    }
    const q = questions.at(-1);
    if (q === undefined) continue;
    const choice = CHOICE.exec(line);
    if (choice !== null) q.choices.push({ index: Number(choice[1]), label: plainLabel(choice[2]!), isDefault: choice[4] !== undefined });
    else if (q.choices.length === 0) lines.push(line);
  }
  close();
  return questions;
}

/** The choice that says "I copied it" or "I moved it", whatever the release's case and accelerator marks. */
export function uuidAlteredChoice(question: VmQuestion, answer: 'copied' | 'moved' | 'cancel'): number {
  const wanted = answer === 'cancel' ? 'cancel' : `i ${answer} it`;
  const found = question.choices.find((c) => c.label.toLowerCase() === wanted);
  if (found === undefined) {
    throw new AppError('esxi.messageChoiceMissing', `The question ${question.id} offers no “${wanted}” choice`, { messageId: question.id, choices: question.choices.map((c) => c.label).join(', ') });
  }
  return found.index;
}
