-- Each BFF process keeps the session rows it has read, and drops one when it hears here that the
-- row was deleted (sign-out, back-channel logout, expiry, sweep) or its tokens changed (refresh),
-- whichever process or statement did it. A move of last_seen alone is not announced: it only
-- makes a session live longer, and a process that finds a kept row past its idle limit reads
-- the row again before it ends the session.

CREATE FUNCTION bff_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('omsorg_bff_sessions', OLD.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER bff_sessions_changed
  AFTER DELETE OR UPDATE OF sealed, access_expires_at, auth_time, sid ON bff_sessions
  FOR EACH ROW EXECUTE FUNCTION bff_sessions_changed();
