/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg"

#include "config.h"

#include "mkt-pg-schema.h"

/* The server's database is made from the same entity descriptions as the
 * desktop's SQLite file (mkt-schema.c): migration N of the core creates the
 * entities and adds the fields whose `since` is N, as src/core's
 * mkt-sqlite-migrate.c does, in PostgreSQL's terms. On top of that every
 * table is a tenant table under forced row-level security, and the
 * application role gets only the grants its kind of rows need. */

/* The tenant of the transaction, or NULL (no row matches) when none is set.
 * A setting made with set_config (…, true) reads as '' once its
 * transaction is over, hence NULLIF. */
#define CURRENT_TENANT "NULLIF (current_setting ('app.current_tenant_id', true), '')::uuid"

/* Rows in the trash are seen only by a transaction that asks for them. */
#define INCLUDE_DELETED "current_setting ('app.include_deleted', true) = 'on'"

static const MktPgMigration migrations[] = {
  { 1, "core schema 1: tenants, users, categories, materials, stock movements, audit, outbox", 1 },
  { 2, "core schema 2: components, products, recipes, production runs, product movements, costs", 2 },
  { 3, "core schema 3: market events, market sheets, sales", 3 },
  { 4, "server accounts: credentials and refresh tokens", 0 },
  { 5, "server accounts: expired refresh tokens are removed", 0 },
};

/**
 * mkt_pg_schema_get_migrations:
 * @n_migrations: (out): the number of migrations
 *
 * Returns: (transfer none) (array length=n_migrations): every migration, in
 *   the order they are applied
 */
const MktPgMigration *
mkt_pg_schema_get_migrations (guint *n_migrations)
{
  g_return_val_if_fail (n_migrations != NULL, NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/**
 * mkt_pg_schema_get_latest:
 *
 * Returns: the newest migration this build knows
 */
guint
mkt_pg_schema_get_latest (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

/**
 * mkt_pg_column_type:
 * @type: a field type
 *
 * The PostgreSQL type of a field's column. Whole numbers, money (minor
 * units), quantities (millionths) and timestamps (microseconds since the
 * Unix epoch, as #MktRecord holds them) are bigint, exact and the same
 * numbers as in the desktop's file; JSON is `json`, which keeps mkt-core's
 * canonical text as it is (jsonb would reorder and respace it); ids are
 * `uuid`.
 *
 * Returns: the type's SQL name
 */
const char *
mkt_pg_column_type (MktFieldType type)
{
  switch (type)
    {
    case MKT_FIELD_INT:
    case MKT_FIELD_MONEY:
    case MKT_FIELD_QUANTITY:
    case MKT_FIELD_TIMESTAMP:
      return "bigint";

    case MKT_FIELD_BOOL:
      return "boolean";

    case MKT_FIELD_JSON:
      return "json";

    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
      return "uuid";

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      return "text";
    }
}

static void
append_column_ddl (GString            *sql,
                   const MktFieldSpec *field)
{
  g_string_append_printf (sql, "\"%s\" %s", field->name, mkt_pg_column_type (field->type));
  if (field->flags & MKT_FIELD_REQUIRED)
    g_string_append (sql, " NOT NULL");
}

static void
append_foreign_key (GString            *sql,
                    const MktFieldSpec *field)
{
  const MktEntitySpec *target = mkt_schema_lookup (field->ref);

  g_assert (target != NULL);
  g_string_append_printf (sql, "FOREIGN KEY (tenant_id, \"%s\") REFERENCES \"%s\" (tenant_id, id)",
                          field->name, target->table);
}

static void
append_create_table (GString             *sql,
                     const MktEntitySpec *spec,
                     guint                version)
{
  gboolean is_tenant = g_str_equal (spec->name, "tenant");

  g_string_append_printf (sql, "CREATE TABLE \"%s\" (\n", spec->table);
  /* As in SQLite: log and cache rows are written by the session alone, with
   * its tenant, and carry the tenant's id without a foreign key. */
  if (is_tenant || spec->kind == MKT_ENTITY_LOG || spec->kind == MKT_ENTITY_CACHE)
    g_string_append (sql, "  tenant_id uuid NOT NULL,\n");
  else
    g_string_append (sql, "  tenant_id uuid NOT NULL REFERENCES tenant (id),\n");
  g_string_append (sql, "  id uuid NOT NULL,\n  created_at bigint NOT NULL,\n");
  if (spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append (sql, "  updated_at bigint NOT NULL,\n  deleted_at bigint,\n");
  if (mkt_entity_spec_has_hlc (spec))
    g_string_append (sql, "  hlc text NOT NULL,\n");

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (spec->fields[i].since > version)
        continue;
      g_string_append (sql, "  ");
      append_column_ddl (sql, &spec->fields[i]);
      g_string_append (sql, ",\n");
    }

  g_string_append (sql, "  PRIMARY KEY (tenant_id, id)");
  if (is_tenant)
    g_string_append (sql, ",\n  UNIQUE (id),\n  CHECK (tenant_id = id)");

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (spec->fields[i].type != MKT_FIELD_REF || spec->fields[i].since > version)
        continue;
      g_string_append (sql, ",\n  ");
      append_foreign_key (sql, &spec->fields[i]);
    }

  g_string_append (sql, "\n);\n");
}

/* A field added to an older table. Unlike SQLite, PostgreSQL adds its
 * foreign key too. */
static void
append_add_column (GString             *sql,
                   const MktEntitySpec *spec,
                   const MktFieldSpec  *field)
{
  /* A required column would need a default for the rows already there. */
  g_assert (!(field->flags & MKT_FIELD_REQUIRED));

  g_string_append_printf (sql, "ALTER TABLE \"%s\" ADD COLUMN ", spec->table);
  append_column_ddl (sql, field);
  if (field->type == MKT_FIELD_REF)
    {
      g_string_append (sql, ",\n  ADD ");
      append_foreign_key (sql, field);
    }
  g_string_append (sql, ";\n");
}

static void
append_indexes (GString             *sql,
                const MktEntitySpec *spec,
                guint                version)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];

      if (field->since > version || (field->since != version && spec->since != version))
        continue;

      /* Every index starts with tenant_id (each query is one tenant's) and
       * ends in id, the lists' last sort key. Its middle is the very
       * expression MktPgStore sorts by (mkt-pg-store-list.c: people's text
       * by lower () under "C", other text under "C", NULLs first), or the
       * planner cannot walk it and sorts the tenant's whole table instead:
       * a session's first read of the outbox's newest hlc did that on every
       * request. */
      if (field->flags & MKT_FIELD_INDEXED)
        {
          g_autofree char *key = NULL;

          if (field->type == MKT_FIELD_TEXT || field->type == MKT_FIELD_LONG_TEXT)
            key = g_strdup_printf ("lower (\"%s\" COLLATE \"C\")", field->name);
          else if (g_str_equal (mkt_pg_column_type (field->type), "text"))
            key = g_strdup_printf ("\"%s\" COLLATE \"C\"", field->name);
          else
            key = g_strdup_printf ("\"%s\"", field->name);

          g_string_append_printf (sql, "CREATE INDEX \"%s_%s_idx\" ON \"%s\" (tenant_id, %s NULLS FIRST, id);\n",
                                  spec->table, field->name, spec->table, key);
        }

      if (field->flags & MKT_FIELD_UNIQUE)
        g_string_append_printf (sql,
                                "CREATE UNIQUE INDEX \"%s_%s_key\" ON \"%s\" (tenant_id, \"%s\")"
                                " WHERE \"%s\" IS NOT NULL%s;\n",
                                spec->table, field->name, spec->table, field->name, field->name,
                                spec->kind == MKT_ENTITY_MUTABLE ? " AND deleted_at IS NULL" : "");
    }

  if (spec->since == version && spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append_printf (sql,
                            "CREATE INDEX \"%s_trash_idx\" ON \"%s\" (tenant_id, deleted_at)"
                            " WHERE deleted_at IS NOT NULL;\n",
                            spec->table, spec->table);
}

/* The same guards as the SQLite triggers: ledger and log rows are never
 * updated, audit rows never deleted, and a ledger row leaves only with its
 * owner, once that is in the trash (a purge). */
static void
append_triggers (GString             *sql,
                 const MktEntitySpec *spec)
{
  if (spec->kind == MKT_ENTITY_LEDGER || spec->kind == MKT_ENTITY_LOG)
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_append_only\" BEFORE UPDATE ON \"%s\"\n"
                            "  FOR EACH ROW EXECUTE FUNCTION mkt_refuse_change ('%s rows are append-only');\n",
                            spec->table, spec->table, spec->name);

  if (spec->kind == MKT_ENTITY_LOG && g_str_equal (spec->name, "audit"))
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                            "  FOR EACH ROW EXECUTE FUNCTION mkt_refuse_change ('audit rows are never deleted');\n",
                            spec->table, spec->table);

  if (spec->kind != MKT_ENTITY_LEDGER)
    return;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      const MktEntitySpec *owner;

      if (!(field->flags & MKT_FIELD_OWNER))
        continue;

      owner = mkt_schema_lookup (field->ref);
      g_assert (owner != NULL);
      /* Runs as the deleting role, under row-level security: the owner
       * in the trash is seen by a purge, which sets app.include_deleted. */
      g_string_append_printf (sql,
                              "CREATE FUNCTION \"%s_keep\" () RETURNS trigger LANGUAGE plpgsql AS $$\n"
                              "BEGIN\n"
                              "  IF NOT EXISTS (SELECT 1 FROM \"%s\" o WHERE o.tenant_id = OLD.tenant_id"
                              " AND o.id = OLD.\"%s\" AND o.deleted_at IS NOT NULL) THEN\n"
                              "    RAISE EXCEPTION '%s rows leave only when their %s is purged'"
                              " USING ERRCODE = 'restrict_violation';\n"
                              "  END IF;\n"
                              "  RETURN OLD;\n"
                              "END\n"
                              "$$;\n"
                              "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                              "  FOR EACH ROW EXECUTE FUNCTION \"%s_keep\" ();\n",
                              spec->table, owner->table, field->name, spec->name, owner->name,
                              spec->table, spec->table, spec->table);
    }
}

/* Forced row-level security: the owner is held to the policies too. Mutable
 * rows have two SELECT policies, one for active rows and one for rows in
 * the trash that applies only when the transaction sets
 * app.include_deleted; writes are held to the tenant alone. PostgreSQL
 * also checks an UPDATE's new row against the SELECT policies, so moving a
 * row into or out of the trash needs app.include_deleted as well. */
static void
append_row_security (GString             *sql,
                     const MktEntitySpec *spec)
{
  const char *table = spec->table;

  g_string_append_printf (sql,
                          "ALTER TABLE \"%s\" ENABLE ROW LEVEL SECURITY;\n"
                          "ALTER TABLE \"%s\" FORCE ROW LEVEL SECURITY;\n",
                          table, table);

  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      g_string_append_printf (sql,
                              "CREATE POLICY \"%s_select_active\" ON \"%s\" FOR SELECT\n"
                              "  USING (tenant_id = " CURRENT_TENANT " AND deleted_at IS NULL);\n"
                              "CREATE POLICY \"%s_select_deleted\" ON \"%s\" FOR SELECT\n"
                              "  USING (tenant_id = " CURRENT_TENANT " AND deleted_at IS NOT NULL"
                              " AND " INCLUDE_DELETED ");\n"
                              "CREATE POLICY \"%s_insert\" ON \"%s\" FOR INSERT\n"
                              "  WITH CHECK (tenant_id = " CURRENT_TENANT ");\n"
                              "CREATE POLICY \"%s_update\" ON \"%s\" FOR UPDATE\n"
                              "  USING (tenant_id = " CURRENT_TENANT ")\n"
                              "  WITH CHECK (tenant_id = " CURRENT_TENANT ");\n"
                              "CREATE POLICY \"%s_delete\" ON \"%s\" FOR DELETE\n"
                              "  USING (tenant_id = " CURRENT_TENANT ");\n",
                              table, table, table, table, table, table,
                              table, table, table, table);
      g_string_append_printf (sql, "GRANT SELECT, INSERT, UPDATE, DELETE ON \"%s\" TO " MKT_PG_APP_ROLE ";\n",
                              table);
      return;
    }

  g_string_append_printf (sql,
                          "CREATE POLICY \"%s_tenant\" ON \"%s\"\n"
                          "  USING (tenant_id = " CURRENT_TENANT ")\n"
                          "  WITH CHECK (tenant_id = " CURRENT_TENANT ");\n",
                          table, table);

  /* What the application may do besides reading and appending: replace a
   * cached row; remove ledger rows with their purged owner, and outbox
   * rows once they are sent. Audit rows stay. */
  if (spec->kind == MKT_ENTITY_CACHE)
    g_string_append_printf (sql, "GRANT SELECT, INSERT, UPDATE, DELETE ON \"%s\" TO " MKT_PG_APP_ROLE ";\n",
                            table);
  else if (spec->kind == MKT_ENTITY_LOG && g_str_equal (spec->name, "audit"))
    g_string_append_printf (sql, "GRANT SELECT, INSERT ON \"%s\" TO " MKT_PG_APP_ROLE ";\n", table);
  else
    g_string_append_printf (sql, "GRANT SELECT, INSERT, DELETE ON \"%s\" TO " MKT_PG_APP_ROLE ";\n", table);
}

/* What the first migration sets up before any table: the application
 * role's use of the schema (mkt_pg_migrate() made the role), and the
 * function of the append-only triggers. */
static const char first_migration_sql[] =
  "GRANT USAGE ON SCHEMA public TO " MKT_PG_APP_ROLE ";\n"
  "GRANT SELECT ON schema_migrations TO " MKT_PG_APP_ROLE ";\n"
  "CREATE FUNCTION mkt_refuse_change () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';\n"
  "END\n"
  "$$;\n";

static char *
build_core_migration (guint version)
{
  const MktEntitySpec * const *entities;
  GString *sql = g_string_new (NULL);
  guint n_entities;

  entities = mkt_schema_list (&n_entities);

  if (version == 1)
    g_string_append (sql, first_migration_sql);

  for (guint i = 0; i < n_entities; i++)
    {
      const MktEntitySpec *spec = entities[i];

      if (spec->since > version)
        continue;

      if (spec->since == version)
        append_create_table (sql, spec, version);
      else
        for (guint f = 0; f < spec->n_fields; f++)
          if (spec->fields[f].since == version)
            append_add_column (sql, spec, &spec->fields[f]);

      append_indexes (sql, spec, version);

      if (spec->since == version)
        {
          append_triggers (sql, spec);
          append_row_security (sql, spec);
        }
    }

  return g_string_free (sql, FALSE);
}

/* The server's own tables (migration 4): what login and token refresh need,
 * which the desktop never has. Both are tenant tables under forced
 * row-level security like the others. Login knows an email and a refresh
 * knows a token before any tenant is known, so each table has one more
 * SELECT policy, keyed on a per-transaction setting that must name the row
 * exactly (app.login_email, app.refresh_token_hash): a role that does not
 * know an email or a token cannot list any. The two functions set it and
 * read in one statement; they run as the caller (SECURITY INVOKER), so the
 * application role gets nothing the policies do not give it. */
static const char accounts_migration_sql[] =
  "CREATE TABLE \"credential\" (\n"
  "  tenant_id uuid NOT NULL,\n"
  "  user_id uuid NOT NULL,\n"
  "  email text NOT NULL CHECK (email = lower (email) AND email <> ''),\n"
  "  password_hash text NOT NULL,\n"
  "  permissions text NOT NULL DEFAULT '[]',\n"
  "  disabled boolean NOT NULL DEFAULT false,\n"
  "  created_at timestamptz NOT NULL DEFAULT now (),\n"
  "  updated_at timestamptz NOT NULL DEFAULT now (),\n"
  "  PRIMARY KEY (tenant_id, user_id),\n"
  "  FOREIGN KEY (tenant_id, \"user_id\") REFERENCES \"app_user\" (tenant_id, id)\n"
  ");\n"
  /* The two lookups made before a tenant is known: the only indexes that
   * do not start with tenant_id (an email is one account on the whole
   * server). */
  "CREATE UNIQUE INDEX \"credential_email_key\" ON \"credential\" (email);\n"
  "CREATE TABLE \"refresh_token\" (\n"
  "  tenant_id uuid NOT NULL,\n"
  "  id uuid NOT NULL,\n"
  "  user_id uuid NOT NULL,\n"
  "  family_id uuid NOT NULL,\n"
  "  token_hash text NOT NULL,\n"
  "  issued_at timestamptz NOT NULL DEFAULT now (),\n"
  "  expires_at timestamptz NOT NULL,\n"
  "  used_at timestamptz,\n"
  "  revoked_at timestamptz,\n"
  "  replaced_by uuid,\n"
  "  PRIMARY KEY (tenant_id, id),\n"
  "  FOREIGN KEY (tenant_id, \"user_id\") REFERENCES \"app_user\" (tenant_id, id)\n"
  ");\n"
  "CREATE UNIQUE INDEX \"refresh_token_hash_key\" ON \"refresh_token\" (token_hash);\n"
  "CREATE INDEX \"refresh_token_family_id_idx\" ON \"refresh_token\" (tenant_id, family_id);\n"
  "CREATE INDEX \"refresh_token_user_id_idx\" ON \"refresh_token\" (tenant_id, user_id);\n"
  "ALTER TABLE \"credential\" ENABLE ROW LEVEL SECURITY;\n"
  "ALTER TABLE \"credential\" FORCE ROW LEVEL SECURITY;\n"
  "CREATE POLICY \"credential_tenant\" ON \"credential\"\n"
  "  USING (tenant_id = " CURRENT_TENANT ")\n"
  "  WITH CHECK (tenant_id = " CURRENT_TENANT ");\n"
  "CREATE POLICY \"credential_login\" ON \"credential\" FOR SELECT\n"
  "  USING (email = NULLIF (current_setting ('app.login_email', true), ''));\n"
  "ALTER TABLE \"refresh_token\" ENABLE ROW LEVEL SECURITY;\n"
  "ALTER TABLE \"refresh_token\" FORCE ROW LEVEL SECURITY;\n"
  "CREATE POLICY \"refresh_token_tenant\" ON \"refresh_token\"\n"
  "  USING (tenant_id = " CURRENT_TENANT ")\n"
  "  WITH CHECK (tenant_id = " CURRENT_TENANT ");\n"
  "CREATE POLICY \"refresh_token_presented\" ON \"refresh_token\" FOR SELECT\n"
  "  USING (token_hash = NULLIF (current_setting ('app.refresh_token_hash', true), ''));\n"
  "GRANT SELECT, INSERT, UPDATE ON \"credential\" TO " MKT_PG_APP_ROLE ";\n"
  "GRANT SELECT, INSERT, UPDATE ON \"refresh_token\" TO " MKT_PG_APP_ROLE ";\n"
  "CREATE FUNCTION mkt_auth_find_login (p_email text)\n"
  "  RETURNS TABLE (tenant_id uuid, user_id uuid, password_hash text, disabled boolean)\n"
  "  LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $$\n"
  "BEGIN\n"
  "  PERFORM set_config ('app.login_email', p_email, true);\n"
  "  RETURN QUERY SELECT c.tenant_id, c.user_id, c.password_hash, c.disabled\n"
  "    FROM \"credential\" c WHERE c.email = p_email;\n"
  "  PERFORM set_config ('app.login_email', '', true);\n"
  "END\n"
  "$$;\n"
  "CREATE FUNCTION mkt_auth_find_refresh (p_hash text)\n"
  "  RETURNS TABLE (tenant_id uuid, id uuid)\n"
  "  LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $$\n"
  "BEGIN\n"
  "  PERFORM set_config ('app.refresh_token_hash', p_hash, true);\n"
  "  RETURN QUERY SELECT r.tenant_id, r.id FROM \"refresh_token\" r WHERE r.token_hash = p_hash;\n"
  "  PERFORM set_config ('app.refresh_token_hash', '', true);\n"
  "END\n"
  "$$;\n"
  "REVOKE ALL ON FUNCTION mkt_auth_find_login (text) FROM PUBLIC;\n"
  "REVOKE ALL ON FUNCTION mkt_auth_find_refresh (text) FROM PUBLIC;\n"
  "GRANT EXECUTE ON FUNCTION mkt_auth_find_login (text) TO " MKT_PG_APP_ROLE ";\n"
  "GRANT EXECUTE ON FUNCTION mkt_auth_find_refresh (text) TO " MKT_PG_APP_ROLE ";\n";

/* A login or a refresh removes its user's long expired refresh tokens
 * (mkt_auth_forget_expired): the application role may delete them, as it
 * may everything of refresh_token, only in the transaction's tenant (the
 * refresh_token_tenant policy covers every command; the one keyed on a
 * presented token's hash only SELECT). Credentials are never deleted. */
static const char refresh_upkeep_migration_sql[] =
  "GRANT DELETE ON \"refresh_token\" TO " MKT_PG_APP_ROLE ";\n";

static char *
build_server_migration (guint version)
{
  g_assert (version == 4 || version == 5);
  return g_strdup (version == 4 ? accounts_migration_sql : refresh_upkeep_migration_sql);
}

/**
 * mkt_pg_schema_build_migration:
 * @version: a migration's number
 *
 * The SQL of one migration: for the core's schema version N, the tables of
 * the entities that appeared in N with their indexes, triggers, row-level
 * security and grants, and the fields added to older tables. It runs as the
 * role that owns the tables, inside the transaction that records it.
 *
 * Returns: (transfer full) (nullable): the SQL, or %NULL if @version is
 *   not a migration this build knows
 */
char *
mkt_pg_schema_build_migration (guint version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version == version)
      {
        if (migrations[i].core_version == 0)
          return build_server_migration (version);
        return build_core_migration (migrations[i].core_version);
      }

  return NULL;
}
