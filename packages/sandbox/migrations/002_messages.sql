-- Secure messages between the subject's side (the citizen, or relatives with the `messages`
-- scope) and the care services of the subject's granted services.

-- What each care service promises about answers (shown beside every thread).
CREATE TABLE reply_policies (
  care_service_id              text COLLATE "C" PRIMARY KEY REFERENCES care_services (id),
  expected_reply_working_days  integer NOT NULL CHECK (expected_reply_working_days BETWEEN 1 AND 30),
  notice                       text CHECK (char_length(notice) <= 500)
);

-- Staff of a care service (the sandbox's staff page signs them in; no national identity number).
CREATE TABLE staff (
  id               text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  care_service_id  text COLLATE "C" NOT NULL REFERENCES care_services (id)
);

CREATE TABLE threads (
  subject_id          text COLLATE "C" NOT NULL REFERENCES subjects (id),
  id                  text COLLATE "C" NOT NULL CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$' AND id <> 'new'),
  -- Bumped by every message, every change of anyone's seen state and closing: the ETag.
  version_no          integer NOT NULL DEFAULT 1 CHECK (version_no >= 1),
  title               text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  granted_service_id  text COLLATE "C" NOT NULL,
  care_service_id     text COLLATE "C" NOT NULL REFERENCES care_services (id),
  started_by          text NOT NULL CHECK (started_by IN ('citizen', 'relative', 'staff')),
  created_at          timestamptz NOT NULL,
  last_activity_at    timestamptz NOT NULL,
  closed_at           timestamptz,
  PRIMARY KEY (subject_id, id),
  FOREIGN KEY (subject_id, granted_service_id) REFERENCES granted_services (subject_id, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX threads_subject_activity ON threads (subject_id, last_activity_at DESC, id DESC);
CREATE INDEX threads_care_service ON threads (care_service_id, last_activity_at DESC);

-- Exactly one of sender_person_id / sender_staff_id. `seq` orders messages (and read pointers).
CREATE TABLE messages (
  id                text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  seq               integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  subject_id        text COLLATE "C" NOT NULL,
  thread_id         text COLLATE "C" NOT NULL,
  sent_at           timestamptz NOT NULL,
  sender_role       text NOT NULL CHECK (sender_role IN ('citizen', 'relative', 'staff')),
  sender_person_id  text COLLATE "C" REFERENCES persons (id),
  sender_staff_id   text COLLATE "C" REFERENCES staff (id),
  text              text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
  FOREIGN KEY (subject_id, thread_id) REFERENCES threads (subject_id, id),
  CHECK ((sender_person_id IS NULL) <> (sender_staff_id IS NULL)),
  CHECK ((sender_role = 'staff') = (sender_staff_id IS NOT NULL))
);
CREATE INDEX messages_thread ON messages (subject_id, thread_id, seq);

-- Per reader (a signed-in person, whoever they act for, or a staff member): the last message
-- seen in a thread. Unread counts and seenSinceLastUpdate come from here.
CREATE TABLE thread_reads (
  subject_id     text COLLATE "C" NOT NULL,
  thread_id      text COLLATE "C" NOT NULL,
  reader_kind    text NOT NULL CHECK (reader_kind IN ('person', 'staff')),
  reader_id      text COLLATE "C" NOT NULL CHECK (reader_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  last_seen_seq  integer NOT NULL,
  seen_at        timestamptz NOT NULL,
  PRIMARY KEY (subject_id, thread_id, reader_kind, reader_id),
  FOREIGN KEY (subject_id, thread_id) REFERENCES threads (subject_id, id)
);

-- A signed-in person's draft for a subject: `new` (a new thread) or a thread id.
CREATE TABLE drafts (
  person_id           text COLLATE "C" NOT NULL REFERENCES persons (id),
  subject_id          text COLLATE "C" NOT NULL REFERENCES subjects (id),
  key                 text COLLATE "C" NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{1,64}$'),
  -- Random, never reused: a draft deleted and made again never matches an old ETag.
  version             text NOT NULL CHECK (char_length(version) BETWEEN 1 AND 64),
  text                text NOT NULL CHECK (char_length(text) <= 20000),
  title               text CHECK (char_length(title) <= 120),
  granted_service_id  text COLLATE "C",
  attachment_ids      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(attachment_ids) <= 5),
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (person_id, subject_id, key)
);

-- Files, in the database. Before a message uses one, only its uploader may see it.
CREATE TABLE attachments (
  id                  text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  subject_id          text COLLATE "C" NOT NULL REFERENCES subjects (id),
  uploader_person_id  text COLLATE "C" REFERENCES persons (id),
  uploader_staff_id   text COLLATE "C" REFERENCES staff (id),
  filename            text NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
  content_type        text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size                integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  sha256              text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  data                bytea NOT NULL,
  message_id          text COLLATE "C" REFERENCES messages (id),
  -- The order within its message.
  position            integer NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL,
  CHECK ((uploader_person_id IS NULL) <> (uploader_staff_id IS NULL)),
  CHECK (octet_length(data) = size)
);
CREATE INDEX attachments_subject ON attachments (subject_id, id);
CREATE INDEX attachments_message ON attachments (message_id, position);

-- The access log learns the new actions and resources, and who acted: a person or staff.
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
  CHECK (action IN ('read', 'cancel', 'create', 'update', 'delete', 'close'));
ALTER TABLE access_log DROP CONSTRAINT access_log_resource_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_resource_check
  CHECK (resource IN ('me', 'appointments', 'appointment', 'services', 'message-recipients', 'threads', 'thread',
                      'message', 'seen', 'draft', 'attachment'));
ALTER TABLE access_log ADD COLUMN actor_kind text NOT NULL DEFAULT 'person' CHECK (actor_kind IN ('person', 'staff'));
