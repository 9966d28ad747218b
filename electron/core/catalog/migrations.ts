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
  // 5: the audit trail (electron/core/audit/audit-store.ts): append-only, each row hash-chained to the one before.
  // The triggers stop accidental edits; the chain (`custode audit verify`) shows deliberate ones.
  `CREATE TABLE audit_entries (
     seq          INTEGER PRIMARY KEY,
     id           TEXT NOT NULL UNIQUE,
     at           INTEGER NOT NULL,
     user         TEXT NOT NULL,
     workstation  TEXT NOT NULL,
     kind         TEXT NOT NULL,
     operation_id TEXT,
     subject      TEXT NOT NULL,
     title        TEXT NOT NULL,
     target       TEXT NOT NULL,
     host_ids     TEXT NOT NULL,
     reason       TEXT,
     outcome      TEXT,
     data         TEXT NOT NULL,
     prev_hash    TEXT NOT NULL,
     hash         TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_entries_operation ON audit_entries (operation_id);
   CREATE INDEX audit_entries_at ON audit_entries (at);
   CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  // 6: the log catalog (electron/core/logs/): every harvested or imported ghettoVCB log file (raw bytes kept under the
  // data folder by content hash), its runs, per-VM results, disks and findings, and every line in an FTS5 index.
  // Run ids are file_id * 100000 + run index and line rowids file_id * 2^32 + line, so a file re-indexed after it
  // grew keeps its ids, and one file's lines are a rowid range. Trigram: substrings of VM names with dashes and dots.
  `CREATE TABLE log_files (
     id           INTEGER PRIMARY KEY,
     host_id      TEXT,
     host_name    TEXT NOT NULL,
     source       TEXT NOT NULL CHECK (source IN ('nas', 'esxi', 'import')),
     origin       TEXT NOT NULL,
     size         INTEGER NOT NULL,
     mtime        INTEGER NOT NULL,
     sha256       TEXT NOT NULL,
     blob         TEXT NOT NULL,
     state        TEXT NOT NULL CHECK (state IN ('indexed', 'refused')),
     reason       TEXT,
     line_count   INTEGER NOT NULL DEFAULT 0,
     invalid_utf8 INTEGER NOT NULL DEFAULT 0,
     growing      INTEGER NOT NULL DEFAULT 0,
     harvested_at INTEGER NOT NULL,
     UNIQUE (host_name, origin)
   ) STRICT;
   CREATE INDEX log_files_sha ON log_files (sha256);
   CREATE TABLE log_runs (
     id           INTEGER PRIMARY KEY,
     file_id      INTEGER NOT NULL REFERENCES log_files(id) ON DELETE CASCADE,
     run_index    INTEGER NOT NULL,
     host_id      TEXT,
     host_name    TEXT NOT NULL,
     hostname     TEXT,
     started_at   TEXT,
     ended_at     TEXT,
     status       TEXT NOT NULL,
     final_status TEXT,
     exit_code    INTEGER,
     dryrun       INTEGER NOT NULL,
     first_line   INTEGER NOT NULL,
     last_line    INTEGER NOT NULL,
     vms_ok       INTEGER NOT NULL,
     vms_problem  INTEGER NOT NULL,
     duration_s   INTEGER,
     run_json     TEXT NOT NULL
   ) STRICT;
   CREATE INDEX log_runs_start ON log_runs (started_at);
   CREATE INDEX log_runs_host ON log_runs (host_name, started_at);
   CREATE TABLE log_vms (
     run_id     INTEGER NOT NULL REFERENCES log_runs(id) ON DELETE CASCADE,
     name       TEXT NOT NULL,
     outcome    TEXT NOT NULL,
     reason     TEXT,
     line       INTEGER NOT NULL,
     started_at TEXT,
     duration_s INTEGER,
     PRIMARY KEY (run_id, name)
   ) STRICT;
   CREATE INDEX log_vms_name ON log_vms (name);
   CREATE TABLE log_disks (
     run_id      INTEGER NOT NULL REFERENCES log_runs(id) ON DELETE CASCADE,
     vm_name     TEXT NOT NULL,
     source      TEXT,
     destination TEXT,
     format      TEXT,
     percent     INTEGER,
     error       TEXT,
     error_code  INTEGER
   ) STRICT;
   CREATE INDEX log_disks_run ON log_disks (run_id);
   CREATE TABLE log_findings (
     run_id  INTEGER NOT NULL REFERENCES log_runs(id) ON DELETE CASCADE,
     vm_name TEXT,
     kind    TEXT NOT NULL,
     text    TEXT NOT NULL
   ) STRICT;
   CREATE INDEX log_findings_run ON log_findings (run_id);
   CREATE TABLE log_line_text (
     id   INTEGER PRIMARY KEY,
     text TEXT NOT NULL
   ) STRICT;
   CREATE VIRTUAL TABLE log_lines USING fts5 (text, content = 'log_line_text', content_rowid = 'id', tokenize = 'trigram');`,
  // 7: backup runs Custode started (electron/core/backup/run-store.ts): where each runs and logs on the host, how far
  // its log was read (so a re-attach neither loses nor repeats a byte), who started it and why, and how it ended.
  `CREATE TABLE backup_runs (
     id            TEXT PRIMARY KEY,
     host_id       TEXT NOT NULL,
     host_name     TEXT NOT NULL,
     operation_id  TEXT,
     started_at    INTEGER NOT NULL,
     started_by    TEXT NOT NULL,
     reason        TEXT NOT NULL,
     vms           TEXT NOT NULL,
     dry_run       INTEGER NOT NULL,
     pid           INTEGER,
     log_path      TEXT NOT NULL,
     exit_path     TEXT NOT NULL,
     log_offset    INTEGER NOT NULL DEFAULT 0,
     state         TEXT NOT NULL,
     ended_at      INTEGER,
     exit_code     INTEGER,
     final_status  TEXT,
     outcomes      TEXT,
     bytes         INTEGER,
     duration_ms   INTEGER
   ) STRICT;
   CREATE INDEX backup_runs_host ON backup_runs (host_id, started_at);`,
  // 8: history and verification (electron/core/backup/verify-store.ts): runs the host's schedule started are kept
  // beside Custode's own (origin 'cron'), and what Custode found on the share after each run, per VM: the copy
  // folder, its STATUS file, the copies on disk against the rotation, and the disks' sizes against their sources.
  // A VM's last good copy is its newest verified one, so it moves only when a copy is verified.
  `ALTER TABLE backup_runs ADD COLUMN origin TEXT NOT NULL DEFAULT 'custode' CHECK (origin IN ('custode', 'cron'));
   ALTER TABLE backup_runs ADD COLUMN verified_at INTEGER;
   ALTER TABLE backup_runs ADD COLUMN verify_verdict TEXT;
   CREATE TABLE backup_verifications (
     run_id          TEXT NOT NULL REFERENCES backup_runs(id) ON DELETE CASCADE,
     vm              TEXT NOT NULL,
     verdict         TEXT NOT NULL CHECK (verdict IN ('verified', 'failed', 'noCopy')),
     copy            TEXT,
     status          TEXT,
     status_text     TEXT,
     copies_on_disk  INTEGER,
     rotation        INTEGER,
     bytes           INTEGER,
     disks           TEXT NOT NULL,
     checks          TEXT NOT NULL,
     PRIMARY KEY (run_id, vm)
   ) STRICT;
   CREATE INDEX backup_verifications_good ON backup_verifications (vm, verdict);`,
  // 9: restore drills (electron/core/drill/drill-store.ts): a VM's latest good copy restored under a temporary name
  // with its NICs off, powered on, measured and removed again. Kept per VM so the recovery times form a trend.
  `CREATE TABLE drills (
     id            TEXT PRIMARY KEY,
     vm            TEXT NOT NULL,
     source_host   TEXT NOT NULL,
     copy_folder   TEXT NOT NULL,
     target_host   TEXT NOT NULL,
     datastore     TEXT NOT NULL,
     temp_name     TEXT NOT NULL,
     reason        TEXT NOT NULL,
     started_at    INTEGER NOT NULL,
     ended_at      INTEGER,
     recovery_ms   INTEGER,
     tools_ms      INTEGER,
     result        TEXT NOT NULL CHECK (result IN ('running', 'succeeded', 'failed', 'cancelled')),
     error_code    TEXT,
     operation_id  TEXT
   ) STRICT;
   CREATE INDEX drills_vm ON drills (vm, started_at);`,
  // 10: cancels of backup runs (electron/core/backup/cancel-mark.ts), recorded before anything is stopped on the host,
  // so a follower in another process (the app while the CLI cancels, or the other way round) that sees the run end
  // knows a cancel stopped it: who began it (user, workstation, process) and when, and how it ended.
  `CREATE TABLE backup_cancels (
     id           TEXT PRIMARY KEY,
     run_id       TEXT NOT NULL REFERENCES backup_runs(id) ON DELETE CASCADE,
     began_at     INTEGER NOT NULL,
     user         TEXT NOT NULL,
     workstation  TEXT NOT NULL,
     pid          INTEGER NOT NULL,
     state        TEXT NOT NULL CHECK (state IN ('underway', 'done', 'failed')),
     ended_at     INTEGER
   ) STRICT;
   CREATE INDEX backup_cancels_run ON backup_cancels (run_id);`,
];
