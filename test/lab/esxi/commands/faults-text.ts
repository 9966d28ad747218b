// VMODL fault blocks exactly as vim-cmd prints them (esxi-truenas.md A1.1, A1.6): printed on stdout, not thrown.

export function notFoundVm(vmid: string): string {
  return `(vim.fault.NotFound) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   msg = "Unable to find a VM corresponding to "${vmid}""\n}\n`;
}

export function notFoundObject(): string {
  return '(vim.fault.NotFound) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   msg = "The object or item referred to could not be found."\n}\n';
}

export function alreadyExists(name: string): string {
  return `(vim.fault.AlreadyExists) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   name = "${name}", \n   msg = "The specified key, name, or identifier '${name}' already exists."\n}\n`;
}

export function invalidPowerState(existing: string): string {
  const label = existing === 'poweredOn' ? 'Powered on' : existing === 'poweredOff' ? 'Powered off' : 'Suspended';
  return `(vim.fault.InvalidPowerState) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   requestedState = <unset>, \n   existingState = "${existing}", \n   msg = "The attempted operation cannot be performed in the current state (${label})."\n}\n`;
}

export function toolsUnavailable(): string {
  return '(vim.fault.ToolsUnavailable) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   msg = "Cannot complete operation because VMware Tools is not running in this virtual machine."\n}\n';
}

/** After `Create Snapshot:`; the same short form as `Power on failed` (A1.3). Not in the reference: inferred. */
export function createSnapshotFailed(): string {
  return 'Create snapshot failed\n';
}

export function platformConfig(text: string): string {
  return `(vim.fault.PlatformConfigFault) {\n   faultCause = (vmodl.MethodFault) null, \n   faultMessage = <unset>\n   text = "${text}", \n   msg = "An error occurred during host configuration."\n}\n`;
}

export function usage(cmd: string, args: string, help: string): string {
  return `Insufficient arguments.\nUsage: ${cmd} ${args}\n\n${help}\n`;
}
