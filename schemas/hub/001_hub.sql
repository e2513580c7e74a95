-- The team hub (issue 18): a PostgreSQL database holding the ordered change
-- log, snapshots for joining, the members and the pack registry.
-- Run by Hub::create / Hub::migrate (workbench/team/hub.cpp) in one
-- transaction, as the hub's owner. Not an SQLite schema: it lives in
-- schemas/hub/, which the SQLite migrations (schemas/*.sql) do not read.
--
-- Access control is PostgreSQL's own. Members are login roles in one of two
-- group roles (cluster-wide, shared by every hub database of a cluster):
--   govbench_analyst  reads everything; inserts changes, snapshots, packs
--   govbench_reader   reads everything
-- Nobody but the owner (who owns the tables) may update or delete a row.
-- Who wrote a row is never taken from the client: triggers set changes.author,
-- snapshots.author and packs.publisher from session_user.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'govbench_analyst') THEN
    CREATE ROLE govbench_analyst NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'govbench_reader') THEN
    CREATE ROLE govbench_reader NOLOGIN;
  END IF;
  -- Only members connect: add_member grants CONNECT role by role.
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

CREATE TABLE hub_meta (
  key text PRIMARY KEY,  -- team_id, replica_schema_version, owner
  value text NOT NULL
);

CREATE TABLE members (
  name text PRIMARY KEY,  -- the login role
  display text NOT NULL,
  role text NOT NULL CHECK (role IN ('analyst', 'reader')),
  public_key bytea CHECK (public_key IS NULL OR length(public_key) = 32),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);

CREATE TABLE replicas (
  id bigserial PRIMARY KEY,
  member text NOT NULL REFERENCES members,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The change log. The first change has parent 0 (there is no row 0); each
-- later one names the seq before it, and the unique parent lets exactly one
-- push take each head.
CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  parent bigint NOT NULL UNIQUE CHECK (parent >= 0),
  uuid uuid NOT NULL UNIQUE,
  author text NOT NULL REFERENCES members,
  replica bigint,
  created_at timestamptz NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  summary text NOT NULL,
  kind text NOT NULL,
  payload bytea NOT NULL,
  signature bytea NOT NULL,
  CHECK (seq = parent + 1),
  CHECK (length(signature) = 64)
);

CREATE TABLE snapshots (
  seq bigint PRIMARY KEY CHECK (seq >= 0),  -- the content after change seq
  author text NOT NULL REFERENCES members,
  created_at timestamptz NOT NULL DEFAULT now(),
  bytes bytea NOT NULL,
  signature bytea NOT NULL
);

CREATE TABLE packs (
  name text NOT NULL,
  version text NOT NULL,
  publisher text NOT NULL REFERENCES members,
  published_at timestamptz NOT NULL DEFAULT now(),
  bundle bytea NOT NULL,
  PRIMARY KEY (name, version)
);

-- The member this session is, or an insufficient_privilege error that says so.
CREATE FUNCTION hub_current_member() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m text;
BEGIN
  SELECT name INTO m FROM members WHERE name = session_user AND removed_at IS NULL;
  IF m IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format('%s is not a member of this hub', session_user);
  END IF;
  RETURN m;
END
$$;

CREATE FUNCTION hub_change_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.author := hub_current_member();
  NEW.pushed_at := now();
  IF NEW.parent <> 0 AND NOT EXISTS (SELECT 1 FROM changes WHERE seq = NEW.parent) THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = format('change %s names parent %s, which is not in the log', NEW.seq, NEW.parent);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER changes_author BEFORE INSERT ON changes
  FOR EACH ROW EXECUTE FUNCTION hub_change_before_insert();

CREATE FUNCTION hub_change_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('govbench_changes', NEW.seq || ' ' || NEW.author);
  RETURN NULL;
END
$$;
CREATE TRIGGER changes_notify AFTER INSERT ON changes
  FOR EACH ROW EXECUTE FUNCTION hub_change_after_insert();

CREATE FUNCTION hub_snapshot_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.author := hub_current_member();
  NEW.created_at := now();
  IF NEW.seq > (SELECT coalesce(max(seq), 0) FROM changes) THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = format('a snapshot after change %s, which is not in the log yet', NEW.seq);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER snapshots_author BEFORE INSERT ON snapshots
  FOR EACH ROW EXECUTE FUNCTION hub_snapshot_before_insert();

CREATE FUNCTION hub_pack_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.publisher := hub_current_member();
  NEW.published_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER packs_publisher BEFORE INSERT ON packs
  FOR EACH ROW EXECUTE FUNCTION hub_pack_before_insert();

-- A new replica number for the session's member (readers too).
CREATE FUNCTION register_replica() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r bigint;
BEGIN
  INSERT INTO replicas (member) VALUES (hub_current_member()) RETURNING id INTO r;
  RETURN r;
END
$$;

-- Records the session's member's public key when none is recorded yet;
-- the same key again is fine, a different one is refused.
CREATE FUNCTION claim_key(key bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m text := hub_current_member();
  old bytea;
BEGIN
  IF key IS NULL OR length(key) <> 32 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('a public key is 32 bytes (Ed25519), not %s', coalesce(length(key), 0));
  END IF;
  SELECT public_key INTO old FROM members WHERE name = m FOR UPDATE;
  IF old IS NULL THEN
    UPDATE members SET public_key = key WHERE name = m;
  ELSIF old <> key THEN
    RAISE EXCEPTION USING ERRCODE = 'unique_violation', CONSTRAINT = 'members_public_key_claimed',
      MESSAGE = format('%s already has a different public key recorded on the hub; ask the hub''s owner', m);
  END IF;
END
$$;

REVOKE ALL ON FUNCTION hub_current_member(), register_replica(), claim_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hub_current_member(), register_replica(), claim_key(bytea)
  TO govbench_analyst, govbench_reader;

GRANT SELECT ON hub_meta, members, replicas, changes, snapshots, packs, hub_migrations
  TO govbench_analyst, govbench_reader;
GRANT INSERT ON changes, snapshots, packs TO govbench_analyst;
