// @ts-check
/**
 * The application's role on a PostgreSQL server, when another role owns the schema (see
 * `openDatabase({ ownerUrl })`): it reads and writes the data, appends to and reads the access
 * log, and nothing more. It owns no table, so it cannot `ALTER TABLE … DISABLE TRIGGER`; it has
 * no UPDATE, DELETE or TRUNCATE on the log; the chain's head it reaches only through the log's
 * trigger, whose function runs as the owner. PGlite has one user and no roles: there the hash
 * chain (migrations/003_access_log_chain.sql) is the log's only protection. Relatives' access
 * (`proxy_grants`) keeps its history: the role adds grants and takes them back (`revoked_at`,
 * `revoked_by`), and can neither delete one nor change what was given.
 *
 * Tables another package migrates into the schema as the owner (`openDatabase({ alsoMigrate })`,
 * e.g. the BFF's `bff_*`) get the same DML by `ON ALL TABLES`; every migration history
 * (`…schema_migrations`) is read-only to the application role.
 */
import { quoteSchema } from './names.js';

/**
 * Grants `role` its rights in the owner's schema. Run by the owner after all migrations, under
 * the migrations' advisory lock (two processes starting at once grant one after the other).
 * @param {import('./types.js').Database} owner
 * @param {string} role
 */
export async function grantAppRole(owner, role) {
  const s = quoteSchema(owner.schema);
  const r = quoteSchema(role);
  await owner.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`omsorg-migrations:${owner.schema}`]);
    await tx.exec(`
      GRANT USAGE ON SCHEMA ${s} TO ${r};
      REVOKE CREATE ON SCHEMA ${s} FROM ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${s}.access_log FROM ${r};
      REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.dialogue_consents FROM ${r};
      REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.proxy_grants FROM ${r};
      GRANT UPDATE (revoked_at, revoked_by) ON ${s}.proxy_grants TO ${r};
      REVOKE ALL ON ${s}.access_log_head FROM ${r};
      GRANT SELECT ON ${s}.access_log_head TO ${r};
    `);
    const histories = await tx.query("SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE '%schema\\_migrations'", [owner.schema]);
    for (const { tablename } of histories.rows) {
      await tx.exec(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${s}.${quoteSchema(String(tablename))} FROM ${r}`);
    }
  });
}
