/**
 * "10.0.0.2:22" typed in the address field: the part after the colon is the port, so it moves to the port field
 * (a port already typed there that says otherwise is a conflict the form refuses). IPv6 addresses hold several
 * colons and are left alone.
 */
export function splitAddress(address: string, port: string): { address: string; port: string; conflict: boolean } {
  const m = /^([^:]+):(\d{1,5})$/.exec(address.trim());
  if (!m) return { address, port, conflict: false };
  const [, host, fromAddress] = m as unknown as [string, string, string];
  const typed = port.trim();
  const conflict = typed !== '' && typed !== '22' && Number(typed) !== Number(fromAddress);
  return { address: host, port: conflict ? typed : String(Number(fromAddress)), conflict };
}
