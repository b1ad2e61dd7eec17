/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-cursor"

#include "config.h"

#include <string.h>

#include "mkt-cursor.h"
#include "mkt-error.h"

/**
 * mkt_cursor_encode:
 * @last: the last row of a page
 * @spec: its entity
 * @sort_field: (nullable): the field the list sorts by, %NULL for the id
 *
 * A keyset cursor, the same text whatever store made the page: base64url
 * of a JSON array of the sort value (if any) and the id.
 *
 * Returns: (transfer full): the cursor
 */
char *
mkt_cursor_encode (MktRecord           *last,
                   const MktEntitySpec *spec,
                   const char          *sort_field)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  char *cursor;

  if (sort_field != NULL)
    {
      int index = mkt_entity_spec_field_index (spec, sort_field);
      g_autoptr(GVariant) value = NULL;

      if (index >= 0)
        value = mkt_record_get_value (last, index) ? g_variant_ref (mkt_record_get_value (last, index)) : NULL;
      else if (g_str_equal (sort_field, "created_at"))
        value = g_variant_new_int64 (mkt_record_get_created_at (last));
      else if (g_str_equal (sort_field, "updated_at"))
        value = g_variant_new_int64 (mkt_record_get_updated_at (last));
      else if (g_str_equal (sort_field, "deleted_at") && mkt_record_is_deleted (last))
        value = g_variant_new_int64 (mkt_record_get_deleted_at (last));
      else if (g_str_equal (sort_field, "hlc"))
        value = g_variant_new_string (mkt_record_get_hlc (last));
      else if (g_str_equal (sort_field, "tenant_id"))
        value = g_variant_new_string (mkt_record_get_tenant_id (last));

      if (value != NULL && g_variant_is_floating (value))
        g_variant_ref_sink (value);

      if (value == NULL)
        json_array_add_null_element (array);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        json_array_add_int_element (array, g_variant_get_int64 (value));
      else
        json_array_add_string_element (array, g_variant_get_string (value, NULL));
    }

  json_array_add_string_element (array, mkt_record_get_id (last));
  json_node_set_array (root, array);
  text = json_to_string (root, FALSE);

  cursor = g_base64_encode ((const guchar *)text, strlen (text));
  g_strdelimit (cursor, "+", '-');
  g_strdelimit (cursor, "/", '_');
  return cursor;
}

/* A cursor is the sort value and id of the last row of the previous page. */
/**
 * mkt_cursor_decode:
 * @cursor: what mkt_cursor_encode() made
 * @has_sort: whether the list sorts by a field
 * @out_value: (out) (optional): the sort value (a null, string or int64
 *   node), when @has_sort
 * @out_id: (out): the last row's id
 * @error: a validation error on "cursor" when @cursor is not one
 *
 * Returns: %TRUE for a well-formed cursor
 */
gboolean
mkt_cursor_decode (const char  *cursor,
                   gboolean     has_sort,
                   JsonNode   **out_value,
                   char       **out_id,
                   GError     **error)
{
  g_autofree char *copy = g_strdup (cursor);
  g_autofree guchar *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonNode *id;
  gsize length;

  g_strdelimit (copy, "-", '+');
  g_strdelimit (copy, "_", '/');
  text = g_base64_decode (copy, &length);
  if (text != NULL && g_utf8_validate ((const char *)text, length, NULL))
    {
      g_autofree char *json = g_strndup ((const char *)text, length);
      root = json_from_string (json, NULL);
    }

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;

  array = json_node_get_array (root);
  if (json_array_get_length (array) != (has_sort ? 2u : 1u))
    goto invalid;

  id = json_array_get_element (array, has_sort ? 1 : 0);
  if (json_node_get_value_type (id) != G_TYPE_STRING)
    goto invalid;

  if (has_sort)
    {
      JsonNode *value = json_array_get_element (array, 0);
      GType type = JSON_NODE_HOLDS_NULL (value) ? G_TYPE_NONE : json_node_get_value_type (value);

      if (type != G_TYPE_NONE && type != G_TYPE_STRING && type != G_TYPE_INT64)
        goto invalid;
      if (out_value != NULL)
        *out_value = json_node_copy (value);
    }

  *out_id = json_node_dup_string (id);
  return TRUE;

invalid:
  mkt_set_validation_error (error, "cursor", MKT_VALIDATION_ERROR_INVALID,
                            "is not a cursor this list gave out");
  return FALSE;
}
