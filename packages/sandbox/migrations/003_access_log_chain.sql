-- An access log that can be trusted, and state that two API instances share.
--
-- 1. Who acted in what capacity: the actor's role towards the subject (self, relative, staff;
--    none when the person has no access to it) and, for a relative, the grant's relation code.
-- 2. A hash chain: every row carries the hash of the row before it (prev_hash) and its own
--    hash = sha256(prev_hash || its canonical content). The BEFORE INSERT trigger computes both
--    while it holds the row lock of the chain's head (access_log_head, one row), so concurrent
--    inserts are chained one after another, in the order of their ids (the trigger also takes
--    the id, under that lock). A changed, removed or inserted row breaks the chain at that row;
--    `node packages/sandbox/src/cli.js verify-log` recomputes it and names the first broken row.
--    The trigger's function runs as its owner (SECURITY DEFINER): the application's role needs
--    only SELECT on the head row.
-- 3. dpop_proofs: the DPoP proof ids seen by any instance (replay protection across processes).
-- 4. oidc_payloads: the development OpenID provider's sessions, interactions, codes and grants,
--    so that a sign-in may go to one instance and continue at another.

ALTER TABLE access_log ADD COLUMN actor_role text CHECK (actor_role IN ('self', 'relative', 'staff', 'none'));
ALTER TABLE access_log ADD COLUMN relation_code text CHECK (relation_code ~ '^[!-~]{1,64}$');
ALTER TABLE access_log ADD COLUMN prev_hash bytea;
ALTER TABLE access_log ADD COLUMN hash bytea;

CREATE TABLE access_log_head (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_id    bigint NOT NULL,
  last_hash  bytea NOT NULL CHECK (octet_length(last_hash) = 32)
);

-- The canonical content of a row: a JSON array of its fields in a fixed order, every value text
-- or null except the status, the time in UTC with microseconds (independent of the session's
-- time zone). packages/sandbox/src/data/access-log.js computes the same text on its own.
CREATE FUNCTION access_log_content(r access_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(
    r.id::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_kind, r.actor_person_id, r.actor_role, r.relation_code, r.subject_id,
    r.action, r.resource, r.resource_id, r.client_id, r.outcome, r.status
  )::text
$$;

-- The rows logged before this migration join the chain in the order of their ids.
ALTER TABLE access_log DISABLE TRIGGER access_log_no_update;
DO $$
DECLARE
  r access_log;
  prev bytea := decode(repeat('00', 32), 'hex');
BEGIN
  FOR r IN SELECT * FROM access_log ORDER BY id LOOP
    UPDATE access_log SET prev_hash = prev, hash = sha256(prev || convert_to(access_log_content(r), 'UTF8'))
     WHERE id = r.id RETURNING hash INTO prev;
  END LOOP;
  INSERT INTO access_log_head (last_id, last_hash) VALUES (COALESCE((SELECT max(id) FROM access_log), 0), prev);
END
$$;
ALTER TABLE access_log ENABLE TRIGGER access_log_no_update;
ALTER TABLE access_log ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE access_log ALTER COLUMN hash SET NOT NULL;

CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head access_log_head;
BEGIN
  -- The lock serialises every insert into the log until its transaction ends.
  SELECT * INTO STRICT head FROM access_log_head FOR UPDATE;
  NEW.id := nextval(pg_get_serial_sequence('access_log', 'id'));
  NEW.prev_hash := head.last_hash;
  NEW.hash := sha256(NEW.prev_hash || convert_to(access_log_content(NEW), 'UTF8'));
  UPDATE access_log_head SET last_id = NEW.id, last_hash = NEW.hash;
  RETURN NEW;
END
$$;
CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_chain();

CREATE TABLE dpop_proofs (
  -- `<jkt>:<jti>`: the key's thumbprint and the proof's id.
  jkt_jti     text COLLATE "C" PRIMARY KEY CHECK (char_length(jkt_jti) <= 400),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX dpop_proofs_expires ON dpop_proofs (expires_at);

CREATE TABLE oidc_payloads (
  model        text COLLATE "C" NOT NULL,
  id           text COLLATE "C" NOT NULL,
  payload      jsonb NOT NULL,
  grant_id     text COLLATE "C",
  user_code    text COLLATE "C",
  uid          text COLLATE "C",
  expires_at   timestamptz,
  consumed_at  timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_payloads_grant ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_payloads_uid ON oidc_payloads (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_payloads_expires ON oidc_payloads (expires_at);
