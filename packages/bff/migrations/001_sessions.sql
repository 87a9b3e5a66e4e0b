-- The BFF's sessions and sign-ins in progress. Ids are SHA-256 hashes of the cookie values (a
-- copy of this table gives no cookie); tokens, the DPoP key and the display name are sealed
-- with AES-256-GCM (the key is not in the database).

CREATE TABLE bff_logins (
  id          text PRIMARY KEY,
  expires_at  timestamptz NOT NULL,
  sealed      text NOT NULL
);

CREATE TABLE bff_sessions (
  id                 text PRIMARY KEY,
  sid                text,
  auth_time          timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  last_seen          timestamptz NOT NULL,
  access_expires_at  timestamptz NOT NULL,
  sealed             text NOT NULL
);

CREATE INDEX bff_sessions_sid ON bff_sessions (sid);
