-- Each API process keeps the person rows it has read (who the signed-in person is and their own
-- subject: api/index.js, `keepPersons`), and drops one when it hears here that the person or
-- their subject changed, whichever process or statement did it. An emptied table (TRUNCATE)
-- drops every kept row (an empty payload).

CREATE FUNCTION omsorg_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('omsorg_persons', OLD.id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('omsorg_persons', NEW.id); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION omsorg_subject_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('omsorg_persons', OLD.person_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('omsorg_persons', NEW.person_id); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION omsorg_persons_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('omsorg_persons', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER omsorg_person_changed AFTER INSERT OR UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION omsorg_person_changed();
CREATE TRIGGER omsorg_subject_changed AFTER INSERT OR UPDATE OR DELETE ON subjects
  FOR EACH ROW EXECUTE FUNCTION omsorg_subject_changed();
CREATE TRIGGER omsorg_persons_emptied AFTER TRUNCATE ON persons
  FOR EACH STATEMENT EXECUTE FUNCTION omsorg_persons_emptied();
CREATE TRIGGER omsorg_subjects_emptied AFTER TRUNCATE ON subjects
  FOR EACH STATEMENT EXECUTE FUNCTION omsorg_persons_emptied();
