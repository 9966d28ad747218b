import type { DatabaseSync } from 'node:sqlite';
import { HIDDEN_VALUE, isSecretKey } from '../../../shared/model/hidden-value.ts';
import { parseConf } from '../ghettovcb/conf/parse.ts';

/** `KEY = value`, `KEY:=value`…: not an assignment sh would make, but its text after `=` may still be the secret. */
const LOOSE_KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[^=\s]?=\s*/;

/**
 * A conf as read from a host, with every secret value replaced by HIDDEN_VALUE before it is kept anywhere. Lines,
 * keys, quoting marks outside the value and line endings stay, so the conf checks judge it as before (an empty
 * password stays empty). A quote left open on a secret line hides the lines sh would read into it as well.
 */
export function redactConf(text: string): string {
  const doc = parseConf(text);
  let openQuote: string | null = null;
  return doc.lines
    .map((line) => {
      const cr = line.raw.endsWith('\r') ? '\r' : '';
      if (openQuote !== null) {
        const closes = line.raw.includes(openQuote);
        if (closes) openQuote = null;
        return cr;
      }
      if (line.kind === 'assignment' && isSecretKey(line.key)) {
        if (line.value === '' && line.problem === null) return line.raw;
        if (line.problem === 'unterminatedQuote') openQuote = line.quoting === 'double' ? '"' : "'";
        return `${line.raw.slice(0, line.valueStart)}${HIDDEN_VALUE}${cr}`;
      }
      if (line.kind === 'other') {
        const loose = LOOSE_KEY.exec(line.raw);
        if (loose && isSecretKey(loose[1]!)) return `${loose[0]}${HIDDEN_VALUE}${cr}`;
      }
      return line.raw;
    })
    .join('\n');
}

interface StoredConfs {
  confs?: { path: string; text: string | null }[];
}

/**
 * Facts an older Custode stored held confs as read, secrets included: rewrite them redacted. Idempotent and cheap
 * to run on every open; when it changed anything, the freed pages that held the old text are wiped too.
 */
export function scrubStoredConfSecrets(db: DatabaseSync): number {
  const rows = db.prepare('SELECT host_id, facts FROM fleet_probes WHERE facts IS NOT NULL').all() as { host_id: string; facts: string }[];
  const update = db.prepare('UPDATE fleet_probes SET facts = ? WHERE host_id = ?');
  let changed = 0;
  // From here on this connection zeroes what it deletes or replaces, so no old text stays in free pages.
  db.exec('PRAGMA secure_delete = ON');
  for (const row of rows) {
    let facts: StoredConfs;
    try {
      facts = JSON.parse(row.facts) as StoredConfs;
    } catch {
      continue;
    }
    if (!Array.isArray(facts.confs)) continue;
    const confs = facts.confs.map((c) => (typeof c?.text === 'string' ? { ...c, text: redactConf(c.text) } : c));
    if (confs.every((c, i) => c.text === facts.confs![i]!.text)) continue;
    update.run(JSON.stringify({ ...facts, confs }), row.host_id);
    changed++;
  }
  // VACUUM rewrites the file without its free pages (older facts replaced by refreshes); the checkpoint empties the WAL.
  if (changed > 0) db.exec('VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  return changed;
}
