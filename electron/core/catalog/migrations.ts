/**
 * The schema, as an append-only list: migration N brings user_version N-1 to N.
 * Never edit a shipped entry; add a new one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE settings (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
];
