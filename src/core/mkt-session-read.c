/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-session"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Reading -------------------------------------------------------------------- */

/**
 * mkt_session_get_any:
 * @self: a session
 * @spec: the entity
 * @id: the row's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the row, also if it is in the trash
 */
MktRecord *
mkt_session_get_any (MktSession           *self,
                     const MktEntitySpec  *spec,
                     const char           *id,
                     GError              **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return mkt_store_get (self->store, spec, self->tenant_id, id, error);
}

/**
 * mkt_session_get:
 * @self: a session
 * @spec: the entity
 * @id: the row's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the row; one in the trash is not
 *   found, as in every normal read
 */
MktRecord *
mkt_session_get (MktSession           *self,
                 const MktEntitySpec  *spec,
                 const char           *id,
                 GError              **error)
{
  g_autoptr(MktRecord) record = mkt_session_get_any (self, spec, id, error);

  if (record != NULL && mkt_record_is_deleted (record))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "The %s “%s” is in the trash", mkt_entity_spec_get_label (spec), mkt_record_get_title (record));
      return NULL;
    }

  return g_steal_pointer (&record);
}

/**
 * mkt_session_list:
 * @self: a session
 * @spec: the entity
 * @query: (nullable): what to list; %NULL for every active row
 * @next_cursor: (out) (optional) (nullable): the next page's cursor
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MktRecord): the rows
 */
GPtrArray *
mkt_session_list (MktSession           *self,
                  const MktEntitySpec  *spec,
                  MktQuery             *query,
                  char                **next_cursor,
                  GError              **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return mkt_store_list (self->store, spec, self->tenant_id, query, next_cursor, error);
}

/**
 * mkt_session_list_pages:
 * @self: a session
 * @spec: the entity
 * @query: (nullable): what to list (its limit and cursor are set here)
 * @page_size: how many rows a page holds
 * @func: (scope call): called with each page
 * @user_data: for @func
 * @error: return location for an error
 *
 * mkt_store_list_pages() in the session's tenant.
 *
 * Returns: %TRUE when every page was read and @func kept going
 */
gboolean
mkt_session_list_pages (MktSession           *self,
                        const MktEntitySpec  *spec,
                        MktQuery             *query,
                        guint                 page_size,
                        MktListPageFunc       func,
                        gpointer              user_data,
                        GError              **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);

  return mkt_store_list_pages (self->store, spec, self->tenant_id, query, page_size, func, user_data, error);
}

/**
 * mkt_session_list_json:
 * @self: a session
 * @spec: the entity
 * @query: (nullable): what to list; %NULL for every active row
 * @out: where to write
 * @next_cursor: (out) (optional) (nullable): the next page's cursor
 * @error: return location for an error
 *
 * Appends mkt_session_list()'s rows to @out as a JSON array (see
 * mkt_store_list_json()).
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_session_list_json (MktSession           *self,
                       const MktEntitySpec  *spec,
                       MktQuery             *query,
                       GString              *out,
                       char                **next_cursor,
                       GError              **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);

  return mkt_store_list_json (self->store, spec, self->tenant_id, query, out, next_cursor, error);
}

/**
 * mkt_session_resolve:
 * @self: a session
 * @spec: the entity
 * @text: an id, a unique key (a sku) or the title of exactly one row
 *   ("Merino DK")
 * @deleted: which rows may match
 * @error: return location for a %MKT_VALIDATION_ERROR
 *
 * Returns: (transfer full) (nullable): the id of the row @text names
 */
char *
mkt_session_resolve (MktSession           *self,
                     const MktEntitySpec  *spec,
                     const char           *text,
                     MktDeletedFilter      deleted,
                     GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (mkt_uuid_is_valid (text))
    {
      mkt_query_set_deleted (query, deleted);
      mkt_query_add_filter (query, "id", MKT_FILTER_EQ,
                            g_variant_new_take_string (g_ascii_strdown (text, -1)));
      mkt_query_set_limit (query, 2);
      rows = mkt_session_list (self, spec, query, NULL, error);
      if (rows == NULL)
        return NULL;
    }

  /* Then the unique text fields (a sku), then the title (a name). */
  for (guint i = 0; rows == NULL && i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      gboolean is_key = (field->flags & MKT_FIELD_UNIQUE) && field->type == MKT_FIELD_TEXT;
      gboolean is_title = spec->title_field != NULL && g_str_equal (field->name, spec->title_field);
      g_autoptr(GPtrArray) found = NULL;

      if (!is_key && !is_title)
        continue;

      g_clear_pointer (&query, mkt_query_unref);
      query = mkt_query_new ();
      mkt_query_set_deleted (query, deleted);
      mkt_query_add_filter (query, field->name, MKT_FILTER_EQ, g_variant_new_string (text));
      mkt_query_set_limit (query, 2);
      found = mkt_session_list (self, spec, query, NULL, error);
      if (found == NULL)
        return NULL;
      if (found->len > 0)
        rows = g_steal_pointer (&found);
    }

  if (rows == NULL)
    rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (rows->len == 0)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "There is no %s%s “%s”", mkt_entity_spec_get_label (spec),
                   deleted == MKT_DELETED_ONLY ? " in the trash" : "", text);
      return NULL;
    }

  if (rows->len > 1)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT,
                   "More than one %s is called “%s”; use its id", mkt_entity_spec_get_label (spec), text);
      return NULL;
    }

  return g_strdup (mkt_record_get_id (g_ptr_array_index (rows, 0)));
}

/**
 * mkt_session_set_from_text:
 * @self: a session
 * @record: the record to change
 * @name: a field name; also "category" for "category_id" (any reference
 *   without its "_id"), and "attributes.KEY" for one key of a JSON field
 * @text: what a person typed; a reference may name its row (by sku or name)
 * @error: return location for a %MKT_VALIDATION_ERROR naming the field
 *
 * Sets a field from text as people and files give it, with the tenant's
 * currency for money. The command line and imports share this.
 */
gboolean
mkt_session_set_from_text (MktSession  *self,
                           MktRecord   *record,
                           const char  *name,
                           const char  *text,
                           GError     **error)
{
  const MktEntitySpec *spec;
  const MktFieldSpec *field;
  g_autofree char *ref_name = NULL;
  const char *dot;

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (record), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  spec = mkt_record_get_spec (record);

  dot = strchr (name, '.');
  if (dot != NULL)
    {
      g_autofree char *json_field = g_strndup (name, dot - name);
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *updated = NULL;
      const char *current;

      field = mkt_entity_spec_field (spec, json_field);
      if (field == NULL || field->type != MKT_FIELD_JSON || dot[1] == '\0')
        {
          mkt_set_validation_error (error, name, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                    "%s has no such field", mkt_entity_spec_get_label (spec));
          return FALSE;
        }

      current = mkt_record_get_string (record, json_field);
      root = current ? json_from_string (current, NULL) : NULL;
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        root = json_node_init_object (json_node_alloc (), json_object_new ());

      if (text[0] == '\0')
        json_object_remove_member (json_node_get_object (root), dot + 1);
      else
        json_object_set_string_member (json_node_get_object (root), dot + 1, text);

      updated = json_to_string (root, FALSE);
      return mkt_record_set_from_text (record, json_field, updated, NULL, error);
    }

  field = mkt_entity_spec_field (spec, name);
  if (field == NULL)
    {
      ref_name = g_strconcat (name, "_id", NULL);
      field = mkt_entity_spec_field (spec, ref_name);
      if (field == NULL || field->type != MKT_FIELD_REF)
        return mkt_record_set_from_text (record, name, text, NULL, error);
      name = ref_name;
    }

  if (field->type == MKT_FIELD_REF && text[0] != '\0' && !mkt_uuid_is_valid (text))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *id = mkt_session_resolve (self, mkt_schema_lookup (field->ref), text,
                                                 MKT_DELETED_EXCLUDE, &local_error);

      if (id == NULL)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_REFERENCE,
                                    "%s", local_error->message);
          return FALSE;
        }
      mkt_record_set_string (record, field->name, id);
      return TRUE;
    }

  /* The tenant's currency is read for money only: an import sets many
   * fields a row. */
  return mkt_record_set_from_text (record, name, text,
                                   field->type == MKT_FIELD_MONEY ? mkt_session_get_currency (self) : NULL,
                                   error);
}
