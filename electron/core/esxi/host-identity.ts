import type { HostNames, VmkInterface } from '../../../shared/model/host.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseEsxcliTable } from './esxcli-table.ts';
import { parseKeyValues } from './key-values.ts';
import { parseBool, unexpectedOutput } from './output.ts';

/**
 * Who the host is on the network. The NAS must allow the vmkernel IPs that carry NFS (B8), which are not
 * necessarily the address Custode connects to, so every vmk port is kept.
 */
export const hostnameCommand = (): ShellCommand => cmd('esxcli', 'system', 'hostname', 'get');
export const ipv4InterfacesCommand = (): ShellCommand => cmd('esxcli', 'network', 'ip', 'interface', 'ipv4', 'get');

export function parseHostname(text: string): HostNames {
  const { values } = parseKeyValues(text);
  const hostName = values.get('Host Name');
  if (hostName === undefined) throw unexpectedOutput('esxcli system hostname get', text, 'no Host Name field');
  const domainName = (values.get('Domain Name') ?? '').trim();
  return { hostName: hostName.trim(), domainName, fqdn: (values.get('Fully Qualified Domain Name') ?? hostName).trim() };
}

export function parseIpv4Interfaces(text: string): VmkInterface[] {
  const command = 'esxcli network ip interface ipv4 get';
  const table = parseEsxcliTable(text, command);
  if (table.headers.length > 0 && !table.headers.includes('IPv4 Address')) throw unexpectedOutput(command, text, 'no IPv4 Address column');
  return table.rows.map((r) => ({
    name: r['Name'] ?? '',
    address: r['IPv4 Address'] ?? '',
    netmask: r['IPv4 Netmask'] ?? '',
    broadcast: r['IPv4 Broadcast'] ?? '',
    addressType: r['Address Type'] ?? '',
    gateway: r['Gateway'] ?? '',
    dhcpDns: parseBool(r['DHCP DNS'] ?? ''),
  }));
}
