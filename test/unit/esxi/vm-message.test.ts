import { describe, expect, it } from 'vitest';
import { answerVmMessageCommand, parseVmMessages, uuidAlteredChoice, vmMessagesCommand } from '../../../electron/core/esxi/vm-message.ts';
import { parseGuestTools } from '../../../electron/core/restore/power-on.ts';

// VMware's KB text on answering a VM question from the command line, as quoted in public notes (reported, not a
// capture of a real host; the publisher collapsed its line breaks, restored here at the sentence breaks the KB shows).
const KB = `Virtual machine message 12:
msg.uuid.altered:This virtual machine may have been moved or copied.
To configure certain management and networking features VMware ESX needs to know which.

Did you move this virtual machine, or did you copy it?
If you don't know, answer "I copied it".
   0. Cancel (Cancel)
   1. I _moved it (I _moved it)
   2. I _copied it (I _copied it) [default]
`;

// The same notes as published: the header and the message on one line, the choices on one line.
const COLLAPSED = `Virtual machine message 12: msg.uuid.altered:This virtual machine may have been moved or copied.
   0. Cancel (Cancel)
   1. I _moved it (I _moved it)
   2. I _copied it (I _copied it) [default]
`;

// ESXi 8 get.guest of a VM without Tools (esxi-truenas.md A1.4, jenkinsci VimCmdParsersTest ESXI8_GUEST), abridged.
const GUEST_ESXI8 = `Guest information:

(vim.vm.GuestInfo) {
   toolsStatus = "toolsNotInstalled",
   toolsVersionStatus = "guestToolsNotInstalled",
   toolsVersionStatus2 = "guestToolsNotInstalled",
   toolsRunningStatus = "guestToolsNotRunning",
   toolsVersion = "0",
   guestState = "running",
   hwVersion = "vmx-20"
}
`;

describe('vim-cmd vmsvc/message', () => {
  it('reads the KB’s question: id 12, its key, its text and the three choices with the default', () => {
    const [q, ...rest] = parseVmMessages(KB);
    expect(rest).toEqual([]);
    expect(q).toEqual({
      id: '12',
      key: 'msg.uuid.altered',
      text: 'This virtual machine may have been moved or copied.\nTo configure certain management and networking features VMware ESX needs to know which.\n\nDid you move this virtual machine, or did you copy it?\nIf you don\'t know, answer "I copied it".',
      choices: [
        { index: 0, label: 'Cancel', isDefault: false },
        { index: 1, label: 'I moved it', isDefault: false },
        { index: 2, label: 'I copied it', isDefault: true },
      ],
    });
    expect([uuidAlteredChoice(q!, 'copied'), uuidAlteredChoice(q!, 'moved'), uuidAlteredChoice(q!, 'cancel')]).toEqual([2, 1, 0]);
  });

  it('reads the header and message on one line, and ids like _vmx1, and labels in title case', () => {
    const [q] = parseVmMessages(COLLAPSED.replace('message 12', 'message _vmx1').replace(/I _copied it/g, 'I _Copied It'));
    expect([q!.id, q!.key, q!.text, uuidAlteredChoice(q!, 'copied')]).toEqual(['_vmx1', 'msg.uuid.altered', 'This virtual machine may have been moved or copied.', 2]);
  });

  it('reads "No message." as no question, and refuses a fault', () => {
    expect(parseVmMessages('No message.\n')).toEqual([]);
    expect(() => parseVmMessages('(vim.fault.NotFound) {\n   msg = "Unable to find a VM corresponding to "9""\n}\n')).toThrow();
  });

  it('says so when the expected choice is not offered', () => {
    const [q] = parseVmMessages(KB.replace(/ {3}1\. .*\n/, ''));
    expect(() => uuidAlteredChoice(q!, 'moved')).toThrow(expect.objectContaining({ code: 'esxi.messageChoiceMissing' }));
  });

  it('builds the KB’s commands, and refuses ids and vmids that are not ids', () => {
    expect(vmMessagesCommand(80).text).toBe('vim-cmd vmsvc/message 80');
    expect(answerVmMessageCommand(80, '12', 2).text).toBe('vim-cmd vmsvc/message 80 12 2');
    expect(answerVmMessageCommand('80', '_vmx1', 2).text).toBe('vim-cmd vmsvc/message 80 _vmx1 2');
    expect(() => answerVmMessageCommand(80, '12; reboot', 2)).toThrow(expect.objectContaining({ code: 'esxi.invalidMessageId' }));
    expect(() => answerVmMessageCommand('80 1', '12', 2)).toThrow(expect.objectContaining({ code: 'esxi.invalidVmid' }));
  });
});

describe('vim-cmd vmsvc/get.guest', () => {
  it('reads the Tools status of the ESXi 8 capture', () => {
    expect(parseGuestTools(GUEST_ESXI8)).toEqual({ toolsStatus: 'toolsNotInstalled', toolsRunningStatus: 'guestToolsNotRunning' });
  });
});
