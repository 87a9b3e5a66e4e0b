-- Consent to digital dialogue (FHIR R4 Consent): every decision is a row, newest by `seq`; the
-- latest decides. Rows are never changed: withdrawing adds an `inactive` row, so the history is
-- kept (the application role may only read and add: src/db/roles.js).

CREATE TABLE dialogue_consents (
  subject_id    text COLLATE "C" NOT NULL REFERENCES subjects (id),
  seq           integer NOT NULL CHECK (seq >= 1),
  status        text NOT NULL CHECK (status IN ('active', 'inactive')),
  text_version  text NOT NULL CHECK (text_version ~ '^[!-~]{1,40}$'),
  decided_at    timestamptz NOT NULL,
  decided_by    text COLLATE "C" NOT NULL REFERENCES persons (id),
  PRIMARY KEY (subject_id, seq)
);

-- The access log learns the consent as a resource.
ALTER TABLE access_log DROP CONSTRAINT access_log_resource_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_resource_check
  CHECK (resource IN ('me', 'appointments', 'appointment', 'services', 'message-recipients', 'threads', 'thread',
                      'message', 'seen', 'draft', 'attachment', 'dialogue-consent'));
