/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-importer-private.h"
#include "mkt-csv-transform.h"
#include "mkt-error.h"
#include "mkt-uuid.h"

/* One row of an import: its cells cleaned and set through the session's
 * rules on a new item or a copy of the one it names, then created, updated
 * in what differs, or left alone. */

/* Errors a row cannot fix: the database itself failed. */
gboolean
mkt_csv_importer_is_fatal (const GError *error)
{
  if (error->domain == MKT_STORE_ERROR)
    return error->code == MKT_STORE_ERROR_FAILED || error->code == MKT_STORE_ERROR_BUSY ||
           error->code == MKT_STORE_ERROR_SCHEMA_TOO_NEW;

  return error->domain != MKT_VALIDATION_ERROR && error->domain != MKT_VALUE_ERROR &&
         error->domain != MKT_UNIT_ERROR && error->domain != MKT_CSV_ERROR;
}

static const MktCsvColumn *
column_of_field (MktCsvImporter *self,
                 const char     *field)
{
  const MktCsvColumn *columns;
  guint n_columns;

  columns = mkt_csv_mapping_get_columns (self->mapping, &n_columns);
  for (guint i = 0; i < n_columns; i++)
    if (columns[i].field != NULL &&
        (g_str_equal (columns[i].field, field) ||
         (columns[i].target == MKT_CSV_TARGET_ATTRIBUTE &&
          g_str_has_prefix (columns[i].field, field) && columns[i].field[strlen (field)] == '.')))
      return &columns[i];

  return NULL;
}

/* What is wrong with a row, naming the file's column too when it is not
 * called like the field ("price (column “Variant Price”): …"). */
char *
mkt_csv_importer_row_reason (MktCsvImporter *self,
                             const GError   *error)
{
  const char *field = mkt_validation_error_get_field (error);
  const MktCsvColumn *column = field != NULL ? column_of_field (self, field) : NULL;
  g_autofree char *column_name = NULL;

  if (column != NULL && column->target == MKT_CSV_TARGET_FIELD)
    column_name = mkt_csv_column_name (&self->spec->fields[column->field_index]);

  if (column_name != NULL && g_str_has_prefix (error->message, field) &&
      g_ascii_strcasecmp (column->header, column_name) != 0 &&
      g_ascii_strcasecmp (column->header, field) != 0)
    return g_strdup_printf ("%s (column “%s”)%s", field, column->header,
                            error->message + strlen (field));

  return g_strdup (error->message);
}

static char *
transform_cell (MktCsvImporter      *self,
                const MktCsvColumn  *column,
                const char          *text,
                GError             **error)
{
  switch (column->transform)
    {
    case MKT_CSV_TRANSFORM_TRIM:
      return mkt_csv_strip (text);
    case MKT_CSV_TRANSFORM_NUMBER:
      return mkt_csv_normalize_number (text, self->decimal_hint);
    case MKT_CSV_TRANSFORM_MONEY:
      {
        g_autoptr(GError) local_error = NULL;
        char *amount = mkt_csv_normalize_money (text, self->currency, self->decimal_hint, &local_error);

        if (amount == NULL)
          mkt_set_validation_error (error, column->field, MKT_VALIDATION_ERROR_INVALID,
                                    "%s", local_error->message);
        return amount;
      }
    case MKT_CSV_TRANSFORM_UNIT:
      return mkt_csv_normalize_unit (text);
    case MKT_CSV_TRANSFORM_HTML:
      return mkt_csv_html_to_text (text);
    case MKT_CSV_TRANSFORM_NONE:
    default:
      return g_strdup (text);
    }
}

/* Whether the JSON field of @record holds @key ("attributes.width"). */
static gboolean
has_attribute (MktRecord          *record,
               const MktCsvColumn *column)
{
  const char *json = mkt_record_get_string (record, mkt_record_get_spec (record)->fields[column->field_index].name);
  g_autoptr(JsonNode) root = NULL;

  if (json == NULL)
    return FALSE;

  root = json_from_string (json, NULL);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_has_member (json_node_get_object (root), strchr (column->field, '.') + 1);
}

static gboolean
check_currency (MktCsvImporter  *self,
                const char      *text,
                GError         **error)
{
  g_autofree char *code = mkt_csv_strip (text);

  if (code[0] == '\0' || g_ascii_strcasecmp (code, self->currency) == 0)
    return TRUE;

  mkt_set_validation_error (error, "currency", MKT_VALIDATION_ERROR_INVALID,
                            "the row is in %s, but the business keeps its accounts in %s",
                            code, self->currency);
  return FALSE;
}

/* The active row the file's row names, by id, else by its unique key; NULL
 * with no error when there is none. */
static MktRecord *
find_existing (MktCsvImporter      *self,
               const char * const  *cells,
               GError             **error)
{
  if (self->id_column >= 0 && cells[self->id_column][0] != '\0')
    {
      g_autofree char *id = mkt_csv_strip (cells[self->id_column]);
      MktRecord *row;

      if (!mkt_uuid_is_valid (id))
        {
          mkt_set_validation_error (error, "id", MKT_VALIDATION_ERROR_INVALID, "“%s” is not an id", id);
          return NULL;
        }
      row = self->started_empty ? NULL : mkt_session_get (self->session, self->spec, id, NULL);
      if (row != NULL)
        return row;
    }

  if (self->key_column >= 0 && cells[self->key_column][0] != '\0')
    {
      const char *key_name = self->spec->fields[self->key_field].name;
      g_autofree char *key = mkt_csv_strip (cells[self->key_column]);
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (self->seen_keys, key));

      if (seen != 0)
        {
          mkt_set_validation_error (error, key_name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is also on line %u", key, seen);
          return NULL;
        }

      /* Into an empty table, only rows of this file could match. */
      if (self->started_empty)
        return NULL;


      query = mkt_query_new ();
      mkt_query_add_filter (query, key_name, MKT_FILTER_EQ, g_variant_new_string (key));
      mkt_query_set_limit (query, 1);
      rows = mkt_session_list (self->session, self->spec, query, NULL, error);
      if (rows == NULL)
        return NULL;
      if (rows->len > 0)
        return g_object_ref (g_ptr_array_index (rows, 0));
    }

  return NULL;
}

/* Sets a field from a cell's text as mkt_session_set_from_text() does.
 * References ("category": a name) and attribute keys go through it; for
 * the other fields it reads the business's currency anew each time, which
 * an import that holds the currency for the whole batch need not do on
 * every cell of every row. */
static gboolean
set_cell (MktCsvImporter      *self,
          MktRecord           *record,
          const MktCsvColumn  *column,
          const char          *value,
          GError             **error)
{
  if (column->target == MKT_CSV_TARGET_FIELD && self->spec->fields[column->field_index].type != MKT_FIELD_REF)
    return mkt_record_set_from_text (record, column->field, value, self->currency, error);

  return mkt_session_set_from_text (self->session, record, column->field, value, error);
}

static gboolean
differs (MktRecord *record,
         MktRecord *existing)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      GVariant *after = mkt_record_get_value (record, i);
      GVariant *before = mkt_record_get_value (existing, i);

      if (!mkt_record_is_dirty (record, i) || after == before)
        continue;
      if (after == NULL || before == NULL || !g_variant_equal (after, before))
        return TRUE;
    }

  return FALSE;
}

/* Shopify lists a product's variants and extra images on rows of their own
 * that repeat the handle and leave the title empty. A variant becomes a
 * product of its own named after its options ("Beanie (Red / M)"); an image
 * row is skipped. Returns the name to use, or NULL to skip the row. */
static char *
shopify_name (MktCsvImporter      *self,
              const char * const  *cells,
              gboolean            *skip)
{
  g_autofree char *title = mkt_csv_strip (cells[self->title_column]);
  g_autofree char *handle = self->handle_column >= 0 ? mkt_csv_strip (cells[self->handle_column]) : g_strdup ("");
  g_autoptr(GString) options = g_string_new (NULL);

  *skip = FALSE;
  if (title[0] == '\0')
    {
      int sku = mkt_csv_mapping_find_field (self->mapping, "sku");
      int price = mkt_csv_mapping_find_field (self->mapping, "price");

      if (self->last_title == NULL || handle[0] == '\0' || g_strcmp0 (handle, self->last_handle) != 0)
        return g_strdup ("");
      if ((sku < 0 || cells[sku][0] == '\0') && (price < 0 || cells[price][0] == '\0'))
        {
          *skip = TRUE;
          return NULL;
        }
      g_free (title);
      title = g_strdup (self->last_title);
    }
  else
    {
      g_free (self->last_title);
      self->last_title = g_strdup (title);
      g_free (self->last_handle);
      self->last_handle = g_strdup (handle);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->option_columns); i++)
    {
      g_autofree char *value = NULL;

      if (self->option_columns[i] < 0)
        continue;
      value = mkt_csv_strip (cells[self->option_columns[i]]);
      if (value[0] == '\0' || g_str_equal (value, "Default Title"))
        continue;
      g_string_append_printf (options, "%s%s", options->len ? " / " : "", value);
    }

  if (options->len == 0)
    return g_steal_pointer (&title);

  return g_strdup_printf ("%s (%s)", title, options->str);
}


/* Imports one row. Returns %FALSE with an error when the row is refused (or,
 * for mkt_csv_importer_is_fatal() errors, when the store failed). */
gboolean
mkt_csv_importer_import_row (MktCsvImporter      *self,
                             const char * const  *fields,
                             guint                n_fields,
                             guint                line,
                             MktCsvRowOutcome    *outcome,
                             GError             **error)
{
  const MktCsvColumn *columns;
  g_autofree const char **cells = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MktRecord) existing = NULL;
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) find_error = NULL;
  gboolean any = FALSE;
  guint n_columns;

  columns = mkt_csv_mapping_get_columns (self->mapping, &n_columns);

  /* A row shorter than the header has empty cells; a longer one has lost
   * its way (a quote too many or too few). */
  for (guint i = n_columns; i < n_fields; i++)
    if (fields[i][0] != '\0')
      {
        g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                     "the row has %u fields but the header only %u columns", n_fields, n_columns);
        return FALSE;
      }

  cells = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      cells[i] = i < n_fields ? fields[i] : "";
      any |= cells[i][0] != '\0' && columns[i].target != MKT_CSV_TARGET_SKIP;
    }

  if (!any)
    {
      *outcome = MKT_CSV_ROW_SKIPPED;
      return TRUE;
    }

  if (self->title_column >= 0)
    {
      gboolean skip;

      name = shopify_name (self, cells, &skip);
      if (skip)
        {
          *outcome = MKT_CSV_ROW_SKIPPED;
          return TRUE;
        }
      cells[self->title_column] = name;
    }

  existing = find_existing (self, cells, &find_error);
  if (find_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&find_error));
      return FALSE;
    }

  if (existing != NULL)
    {
      record = mkt_record_copy (existing);
      mkt_record_clear_dirty (record);
    }
  else
    record = mkt_record_new (self->spec);

  for (guint i = 0; i < n_columns; i++)
    {
      const MktCsvColumn *column = &columns[i];
      g_autofree char *value = NULL;

      switch (column->target)
        {
        case MKT_CSV_TARGET_FIELD:
        case MKT_CSV_TARGET_ATTRIBUTE:
          value = transform_cell (self, column, cells[i], error);
          if (value == NULL)
            return FALSE;
          /* An empty cell of an attribute the item does not have changes
           * nothing (rather than make an empty object). */
          if (column->target == MKT_CSV_TARGET_ATTRIBUTE && value[0] == '\0' &&
              !has_attribute (record, column))
            break;
          if (!set_cell (self, record, column, value, error))
            return FALSE;
          break;

        case MKT_CSV_TARGET_CURRENCY:
          if (!check_currency (self, cells[i], error))
            return FALSE;
          break;

        case MKT_CSV_TARGET_ID:
        case MKT_CSV_TARGET_SKIP:
        default:
          break;
        }
    }

  if (existing == NULL)
    {
      if (!mkt_session_create (self->session, record, error))
        return FALSE;
      *outcome = MKT_CSV_ROW_CREATED;
    }
  else if (!differs (record, existing))
    *outcome = MKT_CSV_ROW_UNCHANGED;
  else
    {
      if (!mkt_session_update (self->session, record, error))
        return FALSE;
      *outcome = MKT_CSV_ROW_UPDATED;
    }

  if (self->key_field >= 0)
    {
      const char *key = mkt_record_get_string (record, self->spec->fields[self->key_field].name);

      if (key != NULL)
        g_hash_table_insert (self->seen_keys, g_strdup (key), GUINT_TO_POINTER (line));
    }

  return TRUE;
}

