/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-sqlite-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-error.h"
#include "mkt-sqlite-store-private.h"

/* Migrations ----------------------------------------------------------------- */

static void
append_column_ddl (GString            *sql,
                   const MktFieldSpec *field)
{
  g_string_append_printf (sql, "\"%s\" %s", field->name, mkt_sqlite_type (field->type));
  if (field->flags & MKT_FIELD_REQUIRED)
    g_string_append (sql, " NOT NULL");
}

static void
append_create_table (GString             *sql,
                     const MktEntitySpec *spec,
                     guint                version)
{
  gboolean is_tenant = g_str_equal (spec->name, "tenant");

  g_string_append_printf (sql, "CREATE TABLE \"%s\" (\n", spec->table);
  /* Log rows are written by MktSession alone, with its tenant; they carry the
   * tenant's id without a foreign key check on every mutation. */
  if (is_tenant || spec->kind == MKT_ENTITY_LOG || spec->kind == MKT_ENTITY_CACHE)
    g_string_append (sql, "  tenant_id TEXT NOT NULL,\n");
  else
    g_string_append (sql, "  tenant_id TEXT NOT NULL REFERENCES tenant (id),\n");
  g_string_append (sql, "  id TEXT NOT NULL,\n  created_at INTEGER NOT NULL,\n");
  if (spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append (sql, "  updated_at INTEGER NOT NULL,\n  deleted_at INTEGER,\n");
  if (mkt_entity_spec_has_hlc (spec))
    g_string_append (sql, "  hlc TEXT NOT NULL,\n");

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
      const MktFieldSpec *field = &spec->fields[i];
      const MktEntitySpec *target;

      if (field->type != MKT_FIELD_REF || field->since > version)
        continue;

      target = mkt_schema_lookup (field->ref);
      g_assert (target != NULL);
      g_string_append_printf (sql, ",\n  FOREIGN KEY (tenant_id, \"%s\") REFERENCES \"%s\" (tenant_id, id)",
                              field->name, target->table);
    }

  /* Log rows are written on every mutation and read by key: keeping them in
   * their primary key's b-tree spares a second b-tree per row. */
  if (spec->kind == MKT_ENTITY_LOG || spec->kind == MKT_ENTITY_CACHE)
    g_string_append (sql, "\n) STRICT, WITHOUT ROWID;\n");
  else
    g_string_append (sql, "\n) STRICT;\n");
}

static void
append_indexes (GString             *sql,
                const MktEntitySpec *spec,
                guint                version)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];

      /* A field's indexes come with the field: with its table when both
       * are new, on its own when it is added to an older table. */
      if (field->since > version || (field->since != version && spec->since != version))
        continue;

      if (field->flags & MKT_FIELD_INDEXED)
        /* Ending in id lets one index both find and order a list (lists
         * sort by id last): otherwise SQLite walks the primary key in id
         * order and tests every row of the tenant. */
        g_string_append_printf (sql, "CREATE INDEX \"%s_%s_idx\" ON \"%s\" (tenant_id, \"%s\", id);\n",
                                spec->table, field->name, spec->table, field->name);

      if (field->flags & MKT_FIELD_UNIQUE)
        g_string_append_printf (sql,
                                "CREATE UNIQUE INDEX \"%s_%s_key\" ON \"%s\" (tenant_id, \"%s\")"
                                " WHERE \"%s\" IS NOT NULL%s;\n",
                                spec->table, field->name, spec->table, field->name, field->name,
                                spec->kind == MKT_ENTITY_MUTABLE ? " AND deleted_at IS NULL" : "");
    }

  if (spec->since != version)
    return;

  if (spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append_printf (sql,
                            "CREATE INDEX \"%s_trash_idx\" ON \"%s\" (tenant_id, deleted_at)"
                            " WHERE deleted_at IS NOT NULL;\n",
                            spec->table, spec->table);

  /* Ledger and log rows are append-only. A ledger row may leave only with
   * its owner, while the owner is in the trash (a purge removes the owned
   * rows first); one without an owner never leaves. */
  if (spec->kind == MKT_ENTITY_LEDGER || spec->kind == MKT_ENTITY_LOG)
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_append_only\" BEFORE UPDATE ON \"%s\"\n"
                            "BEGIN SELECT RAISE (ABORT, '%s rows are append-only'); END;\n",
                            spec->table, spec->table, spec->name);

  if (spec->kind == MKT_ENTITY_LOG && g_str_equal (spec->name, "audit"))
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                            "BEGIN SELECT RAISE (ABORT, 'audit rows are never deleted'); END;\n",
                            spec->table, spec->table);

  if (spec->kind == MKT_ENTITY_LEDGER)
    for (guint i = 0; i < spec->n_fields; i++)
      {
        const MktFieldSpec *field = &spec->fields[i];
        const MktEntitySpec *owner;

        if (!(field->flags & MKT_FIELD_OWNER))
          continue;

        owner = mkt_schema_lookup (field->ref);
        g_string_append_printf (sql,
                                "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                                "WHEN NOT EXISTS (SELECT 1 FROM \"%s\" o WHERE o.tenant_id = OLD.tenant_id"
                                " AND o.id = OLD.\"%s\" AND o.deleted_at IS NOT NULL)\n"
                                "BEGIN SELECT RAISE (ABORT, '%s rows leave only when their %s is purged'); END;\n",
                                spec->table, spec->table, owner->table, field->name,
                                spec->name, owner->name);
      }
}

/**
 * build_migration:
 * @version: the version to migrate to
 *
 * The SQL that brings a database at @version - 1 to @version: the entities
 * that appeared in @version, the fields added to older ones, their indexes
 * and triggers.
 */
static char *
build_migration (guint version)
{
  const MktEntitySpec * const *entities;
  GString *sql = g_string_new (NULL);
  guint n_entities;

  entities = mkt_schema_list (&n_entities);

  if (version == 1)
    g_string_append (sql,
                     "CREATE TABLE local_meta (\n"
                     "  key TEXT NOT NULL PRIMARY KEY,\n"
                     "  value TEXT\n"
                     ") STRICT;\n");

  for (guint i = 0; i < n_entities; i++)
    {
      const MktEntitySpec *spec = entities[i];

      if (spec->since == version)
        append_create_table (sql, spec, version);
      else if (spec->since < version)
        for (guint f = 0; f < spec->n_fields; f++)
          if (spec->fields[f].since == version)
            {
              /* SQLite cannot add a NOT NULL column without a default. */
              g_assert (!(spec->fields[f].flags & MKT_FIELD_REQUIRED));
              g_string_append_printf (sql, "ALTER TABLE \"%s\" ADD COLUMN ", spec->table);
              append_column_ddl (sql, &spec->fields[f]);
              g_string_append (sql, ";\n");
            }

      if (spec->since <= version)
        append_indexes (sql, spec, version);
    }

  g_string_append_printf (sql, "PRAGMA user_version = %u;\n", version);

  return g_string_free (sql, FALSE);
}

static gboolean
read_version (MktSqliteStore  *self,
              guint           *out_version,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return mkt_sqlite_store_set_error (self, error, rc, "Could not read the schema version");

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return mkt_sqlite_store_set_error (self, error, rc, "Could not read the schema version");
    }

  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
mkt_sqlite_store_migrate (MktSqliteStore  *self,
                          GError         **error)
{
  if (!read_version (self, &self->version, error))
    return FALSE;

  if (self->version > self->target_version)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_SCHEMA_TOO_NEW,
                   "%s was written by a newer Market Manager (schema %u; this one knows up to %u)",
                   self->path, self->version, self->target_version);
      return FALSE;
    }

  while (self->version < self->target_version)
    {
      g_autofree char *sql = build_migration (self->version + 1);
      g_autoptr(GError) local_error = NULL;

      if (!mkt_sqlite_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!mkt_sqlite_store_exec (self, sql, &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                       "Could not migrate %s to schema %u: %s",
                       self->path, self->version + 1, local_error->message);
          return FALSE;
        }

      if (!mkt_sqlite_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      self->version++;
      g_debug ("Migrated %s to schema %u", self->path, self->version);
    }

  return TRUE;
}

