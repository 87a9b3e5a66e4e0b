-- More than one record system for one person: each appointment and granted service says where it
-- comes from (the municipality's number and name, the record system's id and name), as the
-- contract's `RecordSource`. NULL: the deployment's one record system, which does not say. The
-- composite record system (src/records/composite.js) keeps each source's own rows by it.

ALTER TABLE appointments
  ADD COLUMN source_municipality_number text CHECK (source_municipality_number ~ '^[0-9]{4}$'),
  ADD COLUMN source_municipality_name text,
  ADD COLUMN source_system_id text,
  ADD COLUMN source_system_name text,
  ADD CONSTRAINT appointments_source_whole CHECK (
    (source_system_id IS NULL) = (source_municipality_number IS NULL)
    AND (source_system_id IS NULL) = (source_municipality_name IS NULL)
    AND (source_system_id IS NULL) = (source_system_name IS NULL));

ALTER TABLE granted_services
  ADD COLUMN source_municipality_number text CHECK (source_municipality_number ~ '^[0-9]{4}$'),
  ADD COLUMN source_municipality_name text,
  ADD COLUMN source_system_id text,
  ADD COLUMN source_system_name text,
  ADD CONSTRAINT granted_services_source_whole CHECK (
    (source_system_id IS NULL) = (source_municipality_number IS NULL)
    AND (source_system_id IS NULL) = (source_municipality_name IS NULL)
    AND (source_system_id IS NULL) = (source_system_name IS NULL));
