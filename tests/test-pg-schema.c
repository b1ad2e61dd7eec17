/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "mkt-pg-schema.h"
#include "mkt-schema.h"

/* The shape of the PostgreSQL DDL that mkt-pg-schema.c makes from the
 * entity descriptions; test-server-rls runs it on a real server. */

/* Every migration's SQL, joined. */
static char *
all_migrations (void)
{
  const MktPgMigration *migrations;
  GString *sql = g_string_new (NULL);
  guint n;

  migrations = mkt_pg_schema_get_migrations (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *one = mkt_pg_schema_build_migration (migrations[i].version);

      g_string_append (sql, one);
    }

  return g_string_free (sql, FALSE);
}

static char *
migration_of_core (guint core_version)
{
  const MktPgMigration *migrations;
  guint n;

  migrations = mkt_pg_schema_get_migrations (&n);
  for (guint i = 0; i < n; i++)
    if (migrations[i].core_version == core_version)
      return mkt_pg_schema_build_migration (migrations[i].version);

  g_assert_not_reached ();
}

static void
test_versions (void)
{
  const MktPgMigration *migrations;
  guint n, core = 0;

  migrations = mkt_pg_schema_get_migrations (&n);
  g_assert_cmpuint (n, >, 0);

  /* Numbered 1, 2, 3…; every core schema version in order, once: a bump
   * of MKT_SCHEMA_VERSION without a migration here fails. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = mkt_pg_schema_build_migration (migrations[i].version);

      g_assert_cmpuint (migrations[i].version, ==, i + 1);
      g_assert_nonnull (migrations[i].description);
      g_assert_nonnull (sql);
      if (migrations[i].core_version != 0)
        g_assert_cmpuint (migrations[i].core_version, ==, ++core);
    }
  g_assert_cmpuint (core, ==, MKT_SCHEMA_VERSION);
  g_assert_cmpuint (mkt_pg_schema_get_latest (), ==, n);

  g_assert_null (mkt_pg_schema_build_migration (0));
  g_assert_null (mkt_pg_schema_build_migration (n + 1));
}

static void
test_column_types (void)
{
  const struct {
    MktFieldType  type;
    const char   *sql;
  } cases[] = {
    { MKT_FIELD_TEXT, "text" },
    { MKT_FIELD_LONG_TEXT, "text" },
    { MKT_FIELD_INT, "bigint" },
    { MKT_FIELD_BOOL, "boolean" },
    { MKT_FIELD_MONEY, "bigint" },
    { MKT_FIELD_QUANTITY, "bigint" },
    { MKT_FIELD_TIMESTAMP, "bigint" },
    { MKT_FIELD_ENUM, "text" },
    { MKT_FIELD_JSON, "json" },
    { MKT_FIELD_REF, "uuid" },
    { MKT_FIELD_UUID, "uuid" },
    { MKT_FIELD_UNIT, "text" },
    { MKT_FIELD_CURRENCY, "text" },
    { MKT_FIELD_EMAIL, "text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (mkt_pg_column_type (cases[i].type), ==, cases[i].sql);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The CREATE TABLE statement of @table in @sql, or NULL. */
static char *
find_create_table (const char *sql,
                   const char *table)
{
  g_autofree char *head = g_strdup_printf ("CREATE TABLE \"%s\" (\n", table);
  const char *start = strstr (sql, head);
  const char *end;

  if (start == NULL)
    return NULL;
  end = strstr (start, "\n);\n");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
test_tables (void)
{
  g_autofree char *everything = all_migrations ();
  const MktEntitySpec * const *entities;
  guint n_entities;

  entities = mkt_schema_list (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      const MktEntitySpec *spec = entities[i];
      g_autofree char *sql = migration_of_core (spec->since);
      g_autofree char *create = find_create_table (sql, spec->table);
      g_autofree char *force = g_strdup_printf ("ALTER TABLE \"%s\" FORCE ROW LEVEL SECURITY;", spec->table);
      g_autofree char *enable = g_strdup_printf ("ALTER TABLE \"%s\" ENABLE ROW LEVEL SECURITY;", spec->table);
      g_autofree char *grant = g_strdup_printf (" ON \"%s\" TO market_app;", spec->table);
      g_autofree char *create_again = g_strdup_printf ("CREATE TABLE \"%s\" (", spec->table);

      /* Made once, in the migration of its version, with the tenant first. */
      g_assert_nonnull (create);
      g_assert_nonnull (strstr (create, "\n  tenant_id uuid NOT NULL"));
      g_assert_nonnull (strstr (create, "\n  id uuid NOT NULL,\n  created_at bigint NOT NULL,\n"));
      g_assert_nonnull (strstr (create, "\n  PRIMARY KEY (tenant_id, id)"));
      g_assert_cmpuint (count (everything, create_again), ==, 1);
      g_assert_nonnull (strstr (sql, enable));
      g_assert_nonnull (strstr (sql, force));
      g_assert_nonnull (strstr (sql, grant));

      if (spec->kind == MKT_ENTITY_MUTABLE)
        {
          g_autofree char *active = g_strdup_printf ("CREATE POLICY \"%s_select_active\"", spec->table);
          g_autofree char *deleted = g_strdup_printf ("CREATE POLICY \"%s_select_deleted\"", spec->table);

          g_assert_nonnull (strstr (create, "\n  deleted_at bigint,\n"));
          g_assert_nonnull (strstr (sql, active));
          g_assert_nonnull (strstr (sql, deleted));
        }

      if (spec->kind == MKT_ENTITY_LEDGER || spec->kind == MKT_ENTITY_LOG)
        {
          g_autofree char *trigger = g_strdup_printf ("CREATE TRIGGER \"%s_append_only\" BEFORE UPDATE ON \"%s\"",
                                                      spec->table, spec->table);

          g_assert_nonnull (strstr (sql, trigger));
        }

      /* Each field is a column once: in the table, or added later. */
      for (guint f = 0; f < spec->n_fields; f++)
        {
          const MktFieldSpec *field = &spec->fields[f];
          g_autofree char *column = g_strdup_printf ("\n  \"%s\" %s%s,\n", field->name,
                                                     mkt_pg_column_type (field->type),
                                                     (field->flags & MKT_FIELD_REQUIRED) ? " NOT NULL" : "");

          if (field->since == spec->since)
            g_assert_nonnull (strstr (create, column));
          else
            {
              g_autofree char *later = migration_of_core (field->since);
              g_autofree char *added = g_strdup_printf ("ALTER TABLE \"%s\" ADD COLUMN \"%s\" %s",
                                                        spec->table, field->name,
                                                        mkt_pg_column_type (field->type));

              g_assert_null (strstr (create, column));
              g_assert_nonnull (strstr (later, added));
            }
        }
    }
}

static void
test_keys_and_indexes (void)
{
  g_autofree char *sql = all_migrations ();
  g_auto(GStrv) lines = g_strsplit (sql, "\n", -1);
  guint n_indexes = 0, n_keys = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *p;

      /* Every index starts with the tenant, but for the server's two
       * lookups made before a tenant is known (an email, a refresh
       * token: unique on the whole server). */
      if (strstr (line, "\"credential_email_key\"") != NULL || strstr (line, "\"refresh_token_hash_key\"") != NULL)
        continue;
      if (g_str_has_prefix (line, "CREATE INDEX") || g_str_has_prefix (line, "CREATE UNIQUE INDEX"))
        {
          p = strstr (line, " ON \"");
          g_assert_nonnull (p);
          p = strchr (p + strlen (" ON \""), '"');
          g_assert_nonnull (p);
          g_assert_true (g_str_has_prefix (p, "\" (tenant_id, "));
          n_indexes++;
        }

      /* Every reference carries the tenant. */
      for (p = strstr (line, "FOREIGN KEY ("); p != NULL; p = strstr (p + 1, "FOREIGN KEY ("))
        {
          g_assert_true (g_str_has_prefix (p, "FOREIGN KEY (tenant_id, \""));
          g_assert_nonnull (strstr (p, "(tenant_id, id)"));
          n_keys++;
        }
    }

  g_assert_cmpuint (n_indexes, >, 10);
  g_assert_cmpuint (n_keys, >, 10);

  /* No floating point anywhere: money and quantities are exact. */
  g_assert_null (strstr (sql, " real"));
  g_assert_null (strstr (sql, " double"));
  g_assert_null (strstr (sql, " numeric"));
  g_assert_null (strstr (sql, " float"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/pg-schema/versions", test_versions);
  g_test_add_func ("/server/pg-schema/column-types", test_column_types);
  g_test_add_func ("/server/pg-schema/tables", test_tables);
  g_test_add_func ("/server/pg-schema/keys-and-indexes", test_keys_and_indexes);

  return g_test_run ();
}
