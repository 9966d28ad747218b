// system.info: the release string is what Custode reads to pick the API dialect.
import { cpus, totalmem } from 'node:os';
import { pyDate } from './py-json.ts';
import { nasNow, type NasState } from './state.ts';
import { nasTraits } from './versions.ts';

export function systemInfo(state: NasState): Record<string, unknown> {
  const now = nasNow(state);
  const uptime = Math.max(0, now - state.bootTime);
  const days = Math.floor(uptime / 86400);
  const hms = new Date((uptime % 86400) * 1000).toISOString().slice(11, 19);
  const out: Record<string, unknown> = {
    version: nasTraits(state.version).release,
    buildtime: pyDate(state.bootTime - 30 * 86400),
    hostname: state.hostname,
    physmem: totalmem(),
    model: 'Intel(R) Xeon(R) CPU E3-1230 v6 @ 3.50GHz',
    cores: cpus().length,
    physical_cores: cpus().length,
    loadavg: [0.12, 0.08, 0.05],
    uptime: `${days} days, ${hms}`,
    uptime_seconds: uptime,
    system_serial: 'LAB0000001',
    system_product: 'TRUENAS-MINI-3.0-XL+',
    system_product_version: '1.0',
    license: null,
    boottime: pyDate(state.bootTime),
    datetime: pyDate(now),
    timezone: 'Europe/Rome',
    system_manufacturer: 'iXsystems',
    ecc_memory: true,
  };
  if (nasTraits(state.version).core) out['birthday'] = pyDate(state.bootTime - 365 * 86400);
  return out;
}
