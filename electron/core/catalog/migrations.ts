/**
 * The schema, as an append-only list: migration N brings user_version N-1 to N.
 * Never edit a shipped entry; add a new one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE settings (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
  // 2: host trust (electron/core/trust/pin-store.ts): pinned host keys per host, port and key type, and every trust event.
  `CREATE TABLE host_key_pins (
     host        TEXT NOT NULL,
     port        INTEGER NOT NULL,
     key_type    TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     public_key  TEXT NOT NULL,
     source      TEXT NOT NULL,
     pinned_at   INTEGER NOT NULL,
     PRIMARY KEY (host, port, key_type)
   ) STRICT;
   CREATE TABLE host_key_events (
     id                   INTEGER PRIMARY KEY,
     at                   INTEGER NOT NULL,
     kind                 TEXT NOT NULL,
     host                 TEXT NOT NULL,
     port                 INTEGER NOT NULL,
     key_type             TEXT NOT NULL,
     fingerprint          TEXT NOT NULL,
     previous_fingerprint TEXT
   ) STRICT;`,
  // The managed machines. Secrets are not here: they live in the SecretStore (the SSH password under `ssh.password:<id>`).
  `CREATE TABLE hosts (
     id          TEXT PRIMARY KEY,
     role        TEXT NOT NULL CHECK (role IN ('esxi', 'nas')),
     name        TEXT NOT NULL,
     address     TEXT NOT NULL,
     port        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
     username    TEXT NOT NULL,
     auth        TEXT NOT NULL CHECK (auth IN ('password', 'key', 'agent')),
     key_path    TEXT,
     group_name  TEXT,
     has_secret  INTEGER NOT NULL DEFAULT 0,
     created_at  INTEGER NOT NULL,
     UNIQUE (address, port)
   ) STRICT;`,
  // 4: the last probe of each managed machine (electron/core/fleet/probe-store.ts): how the last attempt went, and the
  // facts of the last one that reached it (JSON, versioned by facts_schema).
  `CREATE TABLE fleet_probes (
     host_id       TEXT PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
     attempted_at  INTEGER NOT NULL,
     state         TEXT NOT NULL CHECK (state IN ('ok', 'partial', 'unreachable', 'failed')),
     error         TEXT,
     facts         TEXT,
     facts_at      INTEGER,
     facts_schema  INTEGER
   ) STRICT;`,
];
