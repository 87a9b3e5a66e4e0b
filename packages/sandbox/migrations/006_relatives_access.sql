-- Relatives' access given and taken back by the person (FHIR R4 Consent with a RelatedPerson as
-- its actor). A grant is a row of proxy_grants; taking it back sets revoked_at (and who did it),
-- so the history is kept and the next request of the relative is refused (every request reads
-- the grants). The application role may add grants and set revoked_at/revoked_by, nothing else
-- (src/db/roles.js): it never deletes one.

-- The population register's confidential addresses (strengt fortrolig / fortrolig adresse): such
-- a person can be neither found nor given access.
ALTER TABLE persons ADD COLUMN confidential_address boolean NOT NULL DEFAULT false;

ALTER TABLE proxy_grants ADD COLUMN granted_by text COLLATE "C" REFERENCES persons (id);
ALTER TABLE proxy_grants ADD COLUMN revoked_by text COLLATE "C" REFERENCES persons (id);
ALTER TABLE proxy_grants ADD CONSTRAINT proxy_grants_revoked_by CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL);
CREATE INDEX proxy_grants_grantee ON proxy_grants (grantee_person_id);

-- The access log learns the relatives' access and the look-up by number (never the number).
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
  CHECK (action IN ('read', 'cancel', 'create', 'update', 'delete', 'close', 'revoke'));
ALTER TABLE access_log DROP CONSTRAINT access_log_resource_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_resource_check
  CHECK (resource IN ('me', 'appointments', 'appointment', 'services', 'message-recipients', 'threads', 'thread',
                      'message', 'seen', 'draft', 'attachment', 'dialogue-consent', 'access-log', 'relatives-access', 'person-lookup'));
