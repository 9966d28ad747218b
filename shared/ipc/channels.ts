/** The two Electron IPC channels; everything else is a name inside the contract. */
export const INVOKE_CHANNEL = 'custode:invoke';
export const EVENT_CHANNEL = 'custode:event';
