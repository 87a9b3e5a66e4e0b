-- Migrations 011 and 012 had two row functions that differed only in the column naming the
-- person (persons.id, subjects.person_id). One function now serves both row triggers, and each
-- trigger names its column as the function's argument. The notices are as in 012:
-- '<schema>/<person id>'.

CREATE FUNCTION omsorg_person_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || (to_jsonb(OLD) ->> TG_ARGV[0]));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('omsorg_persons', TG_TABLE_SCHEMA || '/' || (to_jsonb(NEW) ->> TG_ARGV[0]));
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER omsorg_person_changed ON persons;
DROP TRIGGER omsorg_subject_changed ON subjects;
CREATE TRIGGER omsorg_person_changed AFTER INSERT OR UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION omsorg_person_row_changed('id');
CREATE TRIGGER omsorg_subject_changed AFTER INSERT OR UPDATE OR DELETE ON subjects
  FOR EACH ROW EXECUTE FUNCTION omsorg_person_row_changed('person_id');
DROP FUNCTION omsorg_person_changed();
DROP FUNCTION omsorg_subject_changed();
