-- The citizen reads their own access log (GET …/access-log), and that read is logged too, as
-- helsenorge logs it: the log learns the resource `access-log`. Rows are still never changed.
ALTER TABLE access_log DROP CONSTRAINT access_log_resource_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_resource_check
  CHECK (resource IN ('me', 'appointments', 'appointment', 'services', 'message-recipients', 'threads', 'thread',
                      'message', 'seen', 'draft', 'attachment', 'dialogue-consent', 'access-log'));
