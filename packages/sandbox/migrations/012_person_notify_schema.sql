-- Migration 011's notices named only the person, and the channel is the whole database's: a
-- process on another schema of the same database (another sandbox, a test, the bench) then
-- dropped rows it had no reason to drop. Each notice now starts with the schema the change was
-- made in, '<schema>/<person id>' ('<schema>/' when a table was emptied), and a process keeps
-- listening only to its own schema's (api/kept-persons.js).

CREATE OR REPLACE FUNCTION omsorg_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || OLD.id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || NEW.id); END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION omsorg_subject_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || OLD.person_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || NEW.person_id); END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION omsorg_persons_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/');
  RETURN NULL;
END
$$;
