-- Recurring visits (contract 1.1, Appointment.series). A series is a row of its own per subject
-- (its id, the RRULE of the contract's subset, the first visit's planned start and end); each
-- visit is still a row of appointments, cancelled on its own, pointing at its series. The rule's
-- CHECK is the contract's pattern; what a pattern cannot say (rules/series.ts, `seriesProblem`)
-- the seed checks before it writes.

CREATE TABLE appointment_series (
  subject_id  text COLLATE "C" NOT NULL REFERENCES subjects (id),
  id          text COLLATE "C" NOT NULL CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  rule        text NOT NULL CHECK (char_length(rule) <= 120 AND rule ~ '^FREQ=(DAILY|WEEKLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$'),
  start_at    timestamptz NOT NULL,
  end_at      timestamptz NOT NULL CHECK (end_at > start_at),
  PRIMARY KEY (subject_id, id)
);

ALTER TABLE appointments ADD COLUMN series_id text COLLATE "C";
ALTER TABLE appointments ADD FOREIGN KEY (subject_id, series_id) REFERENCES appointment_series (subject_id, id);
CREATE INDEX appointments_series ON appointments (subject_id, series_id) WHERE series_id IS NOT NULL;
