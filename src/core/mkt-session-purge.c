/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-session"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Purge ---------------------------------------------------------------------- */

void
mkt_purge_item_free (MktPurgeItem *item)
{
  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->title, g_free);
  g_clear_pointer (&item->kept_reason, g_free);
  g_free (item);
}

/* Whether a row of another entity still points at @row (other than a ledger
 * row it owns, which goes with it). Such a row must stay: its referrer's
 * foreign key needs it. */
static gboolean
find_referrer (MktSession  *self,
               MktRecord   *row,
               GHashTable  *purged,
               char       **out_reason,
               GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (row);
  const MktEntitySpec * const *entities;
  guint n_entities;

  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    for (guint i = 0; i < entities[e]->n_fields; i++)
      {
        const MktFieldSpec *field = &entities[e]->fields[i];
        g_autoptr(MktQuery) query = NULL;
        g_autoptr(GPtrArray) rows = NULL;

        if (field->type != MKT_FIELD_REF || !g_str_equal (field->ref, spec->name) ||
            (field->flags & MKT_FIELD_OWNER))
          continue;

        query = mkt_query_new ();
        mkt_query_add_filter (query, field->name, MKT_FILTER_EQ,
                              g_variant_new_string (mkt_record_get_id (row)));
        mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
        rows = mkt_store_list (self->store, entities[e], self->tenant_id, query, NULL, error);
        if (rows == NULL)
          return FALSE;

        /* Rows this purge removes (or, in a dry run, would remove) no longer
         * count: a dry run must report what the purge would do. */
        for (guint r = 0; r < rows->len; r++)
          {
            MktRecord *user = g_ptr_array_index (rows, r);

            if (g_hash_table_contains (purged, mkt_record_get_id (user)))
              continue;

            *out_reason = g_strdup_printf ("still used by the %s “%s”%s", mkt_entity_spec_get_label (entities[e]),
                                           mkt_record_get_title (user),
                                           mkt_record_is_deleted (user) ? " (in the trash)" : "");
            return TRUE;
          }
      }

  return TRUE;
}

/* Removes the ledger rows @row owns; returns how many, or -1 on error. */
static int
remove_owned (MktSession  *self,
              MktRecord   *row,
              gboolean     dry_run,
              GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (row);
  const MktEntitySpec * const *entities;
  guint n_entities;
  int n_removed = 0;

  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    for (guint i = 0; i < entities[e]->n_fields; i++)
      {
        const MktFieldSpec *field = &entities[e]->fields[i];
        g_autoptr(MktQuery) query = NULL;
        g_autoptr(GPtrArray) rows = NULL;

        if (field->type != MKT_FIELD_REF || !g_str_equal (field->ref, spec->name) ||
            !(field->flags & MKT_FIELD_OWNER))
          continue;

        query = mkt_query_new ();
        mkt_query_add_filter (query, field->name, MKT_FILTER_EQ,
                              g_variant_new_string (mkt_record_get_id (row)));
        rows = mkt_store_list (self->store, entities[e], self->tenant_id, query, NULL, error);
        if (rows == NULL)
          return -1;

        for (guint r = 0; r < rows->len && !dry_run; r++)
          {
            MktRecord *owned = g_ptr_array_index (rows, r);
            gboolean removed = mkt_store_remove (self->store, entities[e], self->tenant_id,
                                                 mkt_record_get_id (owned), error);

            if (!mkt_session_counted (self, removed))
              return -1;
          }

        n_removed += rows->len;
      }

  return n_removed;
}

static gboolean
purge_row (MktSession    *self,
           MktRecord     *row,
           GHashTable    *purged,
           gboolean       dry_run,
           MktPurgeItem  *item,
           GError       **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (row);
  g_autoptr(GString) old_values = NULL;
  g_autofree char *deleted_at = NULL;
  gboolean removed;
  int n_owned;

  if (!find_referrer (self, row, purged, &item->kept_reason, error))
    return FALSE;
  if (item->kept_reason != NULL)
    return TRUE;

  g_hash_table_add (purged, g_strdup (mkt_record_get_id (row)));

  n_owned = remove_owned (self, row, dry_run, error);
  if (n_owned < 0)
    return FALSE;
  item->n_owned = n_owned;

  if (dry_run)
    return TRUE;

  /* The audit keeps the whole row: after a purge it is all that remains. */
  old_values = g_string_new (NULL);
  mkt_record_append_fields_json (row, mkt_session_set_fields_mask (row), old_values);
  g_string_truncate (old_values, old_values->len - 1);
  if (old_values->len > 1)
    g_string_append_c (old_values, ',');
  deleted_at = mkt_timestamp_format (mkt_record_get_deleted_at (row));
  g_string_append (old_values, "\"deleted_at\":");
  mkt_json_append_string (old_values, deleted_at);
  if (n_owned > 0)
    g_string_append_printf (old_values, ",\"owned_rows_removed\":%d", n_owned);
  g_string_append_c (old_values, '}');

  mkt_session_stamp (self, row, mkt_session_now (self), mkt_record_get_created_at (row),
                     mkt_record_get_deleted_at (row));

  removed = mkt_store_remove (self->store, spec, self->tenant_id, mkt_record_get_id (row), error);
  return mkt_session_counted (self, removed) &&
         mkt_session_write_log (self, row, "purge", old_values->str, NULL, error);
}

static MktQuery *
purge_query (gint64 cutoff)
{
  MktQuery *query = mkt_query_new ();

  mkt_query_set_deleted (query, MKT_DELETED_ONLY);
  mkt_query_add_filter (query, "deleted_at", MKT_FILTER_LT, g_variant_new_int64 (cutoff));
  return query;
}

/* A purge is refused as a whole, before it removes anything, when one of the
 * entities it would remove rows of needs a hard_delete the session lacks. */
static gboolean
check_purge_permissions (MktSession  *self,
                         gint64       cutoff,
                         GError     **error)
{
  const MktEntitySpec * const *entities;
  guint n_entities;

  if (self->permissions == NULL)
    return TRUE;

  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      const char *resource = mkt_permission_resource_for_spec (entities[e]);
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      if (entities[e]->kind != MKT_ENTITY_MUTABLE ||
          (resource != NULL && mkt_permission_set_allows (self->permissions, resource, "hard_delete")))
        continue;

      query = purge_query (cutoff);
      mkt_query_set_limit (query, 1);
      rows = mkt_store_list (self->store, entities[e], self->tenant_id, query, NULL, error);
      if (rows == NULL)
        return FALSE;
      if (rows->len > 0)
        return mkt_session_check_permission (self, entities[e], "hard_delete", error);
    }

  return TRUE;
}

/**
 * mkt_session_purge:
 * @self: a session
 * @older_than_days: purge what has been in the trash longer than this
 * @dry_run: only report what would be purged
 * @error: return location for an error
 *
 * Removes for good the rows deleted more than @older_than_days ago, with the
 * ledger rows they own, in one transaction. Each purged row leaves an audit
 * row holding its last values and an outbox change. A row still referenced
 * by another row is kept, and the report says why. A session with
 * permissions needs hard_delete on every entity with rows to purge (a dry
 * run too, as it reports what the purge would do).
 *
 * Returns: (transfer container) (element-type MktPurgeItem): one item per
 *   row considered, or %NULL on error (then nothing was purged)
 */
GPtrArray *
mkt_session_purge (MktSession  *self,
                   guint        older_than_days,
                   gboolean     dry_run,
                   GError     **error)
{
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_purge_item_free);
  g_autoptr(GHashTable) purged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MktEntitySpec * const *entities;
  guint n_entities;
  gint64 cutoff;
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  cutoff = mkt_session_now (self) - (gint64)older_than_days * 24 * 3600 * G_USEC_PER_SEC;

  /* A dry run only reads. */
  if (!dry_run && !mkt_session_mutation_begin (self, error))
    return NULL;

  /* Inside the transaction: the rows checked are the rows purged. */
  ok = check_purge_permissions (self, cutoff, error);

  /* Referencing entities come after the ones they reference in the schema's
   * list: walking it backwards purges a material before its category, so a
   * category emptied by this purge goes too. */
  entities = mkt_schema_list (&n_entities);
  for (guint e = n_entities; ok && e-- > 0;)
    {
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      if (entities[e]->kind != MKT_ENTITY_MUTABLE)
        continue;

      query = purge_query (cutoff);
      mkt_query_set_sort (query, "deleted_at", FALSE);
      rows = mkt_store_list (self->store, entities[e], self->tenant_id, query, NULL, error);
      ok = rows != NULL;

      for (guint r = 0; ok && r < rows->len; r++)
        {
          MktRecord *row = g_ptr_array_index (rows, r);
          MktPurgeItem *item = g_new0 (MktPurgeItem, 1);

          item->spec = entities[e];
          item->id = g_strdup (mkt_record_get_id (row));
          item->title = g_strdup (mkt_record_get_title (row));
          item->deleted_at = mkt_record_get_deleted_at (row);
          g_ptr_array_add (report, item);

          ok = purge_row (self, row, purged, dry_run, item, error);
        }
    }

  if (dry_run)
    return ok ? g_steal_pointer (&report) : NULL;

  if (!mkt_session_mutation_finish (self, ok, error))
    return NULL;

  return g_steal_pointer (&report);
}

/**
 * mkt_session_purge_row:
 * @self: a session
 * @spec: a mutable entity
 * @id: the id of a row in the trash
 * @out_n_owned: (out) (optional): how many ledger rows it owned went with it
 * @error: return location for an error
 *
 * Removes one row of the trash for good, with the ledger rows it owns, as
 * mkt_session_purge() does for old ones: its audit row keeps its last
 * values. A row still referenced by another row is refused with
 * %MKT_STORE_ERROR_IN_USE saying by what; an active row with
 * %MKT_STORE_ERROR_CONFLICT (move it to the trash first). Needs
 * hard_delete.
 */
gboolean
mkt_session_purge_row (MktSession           *self,
                       const MktEntitySpec  *spec,
                       const char           *id,
                       guint                *out_n_owned,
                       GError              **error)
{
  g_autoptr(GHashTable) purged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(MktPurgeItem) item = g_new0 (MktPurgeItem, 1);
  g_autoptr(MktRecord) row = NULL;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (spec->kind != MKT_ENTITY_MUTABLE)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY,
                   "A %s cannot be deleted; record a correcting one instead",
                   mkt_entity_spec_get_label (spec));
      return FALSE;
    }

  if (!mkt_session_check_permission (self, spec, "hard_delete", error))
    return FALSE;

  if (!mkt_session_mutation_begin (self, error))
    return FALSE;

  row = mkt_session_get_any (self, spec, id, error);
  if (row == NULL)
    return mkt_session_mutation_finish (self, FALSE, error);

  if (!mkt_record_is_deleted (row))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT,
                   "The %s “%s” is not in the trash; move it there first",
                   mkt_entity_spec_get_label (spec), mkt_record_get_title (row));
      return mkt_session_mutation_finish (self, FALSE, error);
    }

  ok = purge_row (self, row, purged, FALSE, item, error);
  if (ok && item->kept_reason != NULL)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_IN_USE,
                   "The %s “%s” cannot be deleted for good: %s",
                   mkt_entity_spec_get_label (spec), mkt_record_get_title (row), item->kept_reason);
      ok = FALSE;
    }

  if (!mkt_session_mutation_finish (self, ok, error))
    return FALSE;

  if (out_n_owned != NULL)
    *out_n_owned = item->n_owned;
  return TRUE;
}
