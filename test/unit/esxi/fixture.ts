import { readFileSync } from 'node:fs';

/** A reference sample copied byte for byte into test/fixtures/<domain>/. */
export function fixture(domain: 'esxi' | 'nas', name: string): string {
  return readFileSync(new URL(`../../fixtures/${domain}/${name}`, import.meta.url), 'utf8');
}
