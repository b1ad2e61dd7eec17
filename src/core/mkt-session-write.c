/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-session"

#include "config.h"

#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* The mutations (create, update, delete, restore) and the rules they
 * check against the store; each one is a transaction of its own or a
 * part of a batch (mkt-session.c). */

/* The JSON text of the fields of @record that @mask selects. */
static char *
fields_json (MktRecord *record,
             guint64    mask)
{
  GString *out = g_string_sized_new (256);

  mkt_record_append_fields_json (record, mask, out);
  return g_string_free (out, FALSE);
}

static char *
deleted_at_json (gint64 deleted_at)
{
  g_autofree char *text = NULL;

  if (deleted_at == 0)
    return g_strdup ("{\"deleted_at\":null}");

  text = mkt_timestamp_format (deleted_at);
  return g_strdup_printf ("{\"deleted_at\":\"%s\"}", text);
}

/* Rules that need the store -------------------------------------------------- */

static gboolean
run_check (MktSession  *self,
           MktRecord   *record,
           const char  *action,
           GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);

  return spec->check == NULL || spec->check (self, record, action, error);
}

static gboolean
run_after_write (MktSession  *self,
                 MktRecord   *record,
                 const char  *action,
                 guint64      changed,
                 GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);

  return spec->after_write == NULL || spec->after_write (self, record, action, changed, error);
}

static gboolean
check_references (MktSession  *self,
                  MktRecord   *record,
                  guint64      mask,
                  GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      const MktEntitySpec *target;
      g_autoptr(MktRecord) row = NULL;
      const char *id;

      if (field->type != MKT_FIELD_REF || !(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;

      id = mkt_record_get_string (record, field->name);
      if (id == NULL)
        continue;

      target = mkt_schema_lookup (field->ref);
      row = mkt_store_get (self->store, target, self->tenant_id, id, NULL);
      if (row == NULL)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_REFERENCE,
                                    "there is no %s with id %s", mkt_entity_spec_get_label (target), id);
          return FALSE;
        }
      if (mkt_record_is_deleted (row))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_REFERENCE,
                                    "the %s “%s” is in the trash", mkt_entity_spec_get_label (target),
                                    mkt_record_get_title (row));
          return FALSE;
        }
    }

  return TRUE;
}

/* The store reports a clash on a unique field by the field alone; name the
 * row that holds the value, as a person needs to sort it out. */
static void
explain_clash (MktSession  *self,
               MktRecord   *record,
               GError     **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  g_autofree char *field = g_strdup (mkt_validation_error_get_field (*error));
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  GVariant *value;
  int index;

  index = field != NULL ? mkt_entity_spec_field_index (spec, field) : -1;
  if (index < 0 || (value = mkt_record_get_value (record, index)) == NULL ||
      !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return;

  mkt_query_add_filter (query, field, MKT_FILTER_EQ, value);
  mkt_query_add_filter (query, "id", MKT_FILTER_NE, g_variant_new_string (mkt_record_get_id (record)));
  mkt_query_set_limit (query, 1);
  rows = mkt_store_list (self->store, spec, self->tenant_id, query, NULL, NULL);
  if (rows == NULL || rows->len == 0)
    return;

  g_clear_error (error);
  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                            "“%s” is already used by the %s “%s”",
                            g_variant_get_string (value, NULL), mkt_entity_spec_get_label (spec),
                            mkt_record_get_title (g_ptr_array_index (rows, 0)));
}

static gboolean
write_row (MktSession  *self,
           MktRecord   *record,
           gboolean     insert,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (insert)
    ok = mkt_store_insert (self->store, record, &local_error);
  else
    ok = mkt_store_update (self->store, record, &local_error);

  if (ok)
    return mkt_session_counted (self, TRUE);

  if (local_error->domain == MKT_VALIDATION_ERROR)
    explain_clash (self, record, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

guint64
mkt_session_set_fields_mask (MktRecord *record)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  guint64 mask = 0;

  for (guint i = 0; i < spec->n_fields; i++)
    if (mkt_record_get_value (record, i) != NULL)
      mask |= G_GUINT64_CONSTANT (1) << i;

  return mask;
}

/* Mutations ------------------------------------------------------------------ */

/**
 * mkt_session_create:
 * @self: a session
 * @record: a new row of a mutable or ledger entity; its id is made here
 *   unless it has one (a row made offline elsewhere)
 * @error: return location for an error
 *
 * Validates @record and stores it with its audit row and outbox change.
 * On success @record carries its id, times and clock.
 */
gboolean
mkt_session_create (MktSession  *self,
                    MktRecord   *record,
                    GError     **error)
{
  const MktEntitySpec *spec;
  g_autofree char *values = NULL;
  guint64 mask;
  gint64 now;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (record), FALSE);

  spec = mkt_record_get_spec (record);
  g_return_val_if_fail (spec->kind != MKT_ENTITY_LOG, FALSE);

  if (!mkt_session_check_permission (self, spec, "create", error))
    return FALSE;

  if (mkt_record_get_id (record) == NULL)
    {
      g_autofree char *id = mkt_uuid_new_v7 ();
      mkt_record_set_id (record, id);
    }
  else if (!mkt_uuid_is_valid (mkt_record_get_id (record)))
    {
      mkt_set_validation_error (error, "id", MKT_VALIDATION_ERROR_INVALID,
                                "“%s” is not an id", mkt_record_get_id (record));
      return FALSE;
    }
  mkt_record_set_tenant_id (record, self->tenant_id);

  if (!mkt_record_validate (record, error))
    return FALSE;

  now = mkt_session_now (self);
  mask = mkt_session_set_fields_mask (record);

  if (!mkt_session_mutation_begin (self, error))
    return FALSE;

  mkt_session_stamp (self, record, now, now, 0);
  values = fields_json (record, mask);

  ok = check_references (self, record, mask, error) &&
       run_check (self, record, "create", error) &&
       write_row (self, record, TRUE, error) &&
       mkt_session_write_log (self, record, "create", NULL, values, error) &&
       run_after_write (self, record, "create", mask, error);

  if (!mkt_session_mutation_finish (self, ok, error))
    return FALSE;

  mkt_record_clear_dirty (record);
  return TRUE;
}

static gboolean
refuse_ledger_change (const MktEntitySpec  *spec,
                      GError              **error)
{
  if (spec->kind == MKT_ENTITY_MUTABLE)
    return FALSE;

  g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY,
               "A %s cannot be changed or deleted; record a correcting one instead",
               mkt_entity_spec_get_label (spec));
  return TRUE;
}

/**
 * mkt_session_update:
 * @self: a session
 * @changes: a record with the id of an active row; its dirty fields (those
 *   set since it was read or made) are the changes
 * @error: return location for an error
 *
 * Applies the changes to the row as it is now in the store, so that edits of
 * other fields made meanwhile are kept. Fields whose value does not change
 * are not written, audited or sent; a change of nothing writes nothing.
 * On success @changes holds the whole row as stored.
 */
gboolean
mkt_session_update (MktSession  *self,
                    MktRecord   *changes,
                    GError     **error)
{
  const MktEntitySpec *spec;
  g_autoptr(MktRecord) current = NULL;
  g_autoptr(MktRecord) merged = NULL;
  g_autofree char *old_values = NULL;
  g_autofree char *new_values = NULL;
  guint64 mask = 0;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (changes), FALSE);
  g_return_val_if_fail (mkt_record_get_id (changes) != NULL, FALSE);

  spec = mkt_record_get_spec (changes);
  if (refuse_ledger_change (spec, error) ||
      !mkt_session_check_permission (self, spec, "update", error))
    return FALSE;

  if (!mkt_session_mutation_begin (self, error))
    return FALSE;

  current = mkt_session_get (self, spec, mkt_record_get_id (changes), error);
  if (current == NULL)
    return mkt_session_mutation_finish (self, FALSE, error);

  merged = mkt_record_copy (current);
  for (guint i = 0; i < spec->n_fields; i++)
    {
      GVariant *before = mkt_record_get_value (current, i);
      GVariant *after = mkt_record_get_value (changes, i);

      if (!mkt_record_is_dirty (changes, i))
        continue;
      if (before == after || (before != NULL && after != NULL && g_variant_equal (before, after)))
        continue;

      if (spec->fields[i].flags & MKT_FIELD_IMMUTABLE)
        {
          mkt_set_validation_error (error, spec->fields[i].name, MKT_VALIDATION_ERROR_READ_ONLY,
                                    "cannot be changed once set");
          return mkt_session_mutation_finish (self, FALSE, error);
        }

      mkt_record_take_value (merged, i, after != NULL ? g_variant_ref (after) : NULL);
      mask |= G_GUINT64_CONSTANT (1) << i;
    }

  if (mask == 0)
    return mkt_session_mutation_finish (self, TRUE, error);

  mkt_session_stamp (self, merged, mkt_session_now (self), mkt_record_get_created_at (current), 0);
  old_values = fields_json (current, mask);
  new_values = fields_json (merged, mask);

  ok = mkt_record_validate (merged, error) &&
       check_references (self, merged, mask, error) &&
       run_check (self, merged, "update", error) &&
       write_row (self, merged, FALSE, error) &&
       mkt_session_write_log (self, merged, "update", old_values, new_values, error) &&
       run_after_write (self, merged, "update", mask, error);

  if (!mkt_session_mutation_finish (self, ok, error))
    return FALSE;

  /* Hand the caller the row as stored. */
  for (guint i = 0; i < spec->n_fields; i++)
    {
      GVariant *value = mkt_record_get_value (merged, i);
      mkt_record_take_value (changes, i, value != NULL ? g_variant_ref (value) : NULL);
    }
  mkt_record_set_meta (changes, mkt_record_get_created_at (merged), mkt_record_get_updated_at (merged),
                       0, mkt_record_get_hlc (merged));
  mkt_record_clear_dirty (changes);
  return TRUE;
}

/* Soft delete and restore are edits of deleted_at, audited and sent like any. */
static gboolean
set_deleted (MktSession           *self,
             const MktEntitySpec  *spec,
             const char           *id,
             gboolean              delete,
             GError              **error)
{
  g_autoptr(MktRecord) row = NULL;
  g_autofree char *old_values = NULL;
  g_autofree char *new_values = NULL;
  gint64 now;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (refuse_ledger_change (spec, error))
    return FALSE;

  if (g_str_equal (spec->name, "tenant") && g_str_equal (id, self->tenant_id))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY,
                   "The business itself cannot be moved to the trash");
      return FALSE;
    }

  if (!mkt_session_check_permission (self, spec, delete ? "soft_delete" : "restore", error))
    return FALSE;

  if (!mkt_session_mutation_begin (self, error))
    return FALSE;

  row = mkt_session_get_any (self, spec, id, error);
  if (row == NULL)
    return mkt_session_mutation_finish (self, FALSE, error);

  if (delete == mkt_record_is_deleted (row))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   delete ? "The %s “%s” is already in the trash" : "The %s “%s” is not in the trash",
                   mkt_entity_spec_get_label (spec), mkt_record_get_title (row));
      return mkt_session_mutation_finish (self, FALSE, error);
    }

  now = mkt_session_now (self);
  old_values = deleted_at_json (mkt_record_get_deleted_at (row));
  mkt_session_stamp (self, row, now, mkt_record_get_created_at (row), delete ? now : 0);
  new_values = deleted_at_json (mkt_record_get_deleted_at (row));

  /* A restored row that clashes with one made while it was away is refused
   * by the store's unique index, and write_row() names the field. */
  /* A restored row must meet the rules that read other rows again (a part
   * that would now close a cycle). */
  ok = (delete || run_check (self, row, "restore", error)) &&
       write_row (self, row, FALSE, error) &&
       mkt_session_write_log (self, row, delete ? "delete" : "restore", old_values, new_values, error) &&
       run_after_write (self, row, delete ? "delete" : "restore", 0, error);

  return mkt_session_mutation_finish (self, ok, error);
}

/**
 * mkt_session_delete:
 * @self: a session
 * @spec: a mutable entity
 * @id: the id of an active row
 * @error: return location for an error
 *
 * Moves the row to the trash. It disappears from normal reads and lists and
 * can be restored until it is purged.
 */
gboolean
mkt_session_delete (MktSession           *self,
                    const MktEntitySpec  *spec,
                    const char           *id,
                    GError              **error)
{
  return set_deleted (self, spec, id, TRUE, error);
}

/**
 * mkt_session_restore:
 * @self: a session
 * @spec: a mutable entity
 * @id: the id of a row in the trash
 * @error: return location for an error
 *
 * Brings the row back from the trash, unless an active row now holds one of
 * its unique values (a %MKT_VALIDATION_ERROR names the field).
 */
gboolean
mkt_session_restore (MktSession           *self,
                     const MktEntitySpec  *spec,
                     const char           *id,
                     GError              **error)
{
  return set_deleted (self, spec, id, FALSE, error);
}
