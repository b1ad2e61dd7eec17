/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-record"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-record-private.h"
#include "mkt-time.h"
#include "mkt-unit.h"
#include "mkt-uuid.h"

/* Parsing -------------------------------------------------------------------- */

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "1", "on", NULL };
  static const char * const no[] = { "false", "no", "0", "off", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return !(*out = FALSE);

  return FALSE;
}

char *
mkt_record_canonical_json (const char  *text,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                           "must be a JSON object, like {\"needle\": \"4 mm\"}");
      return NULL;
    }

  return json_to_string (root, FALSE);
}

gboolean
mkt_record_email_looks_valid (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' &&
         !g_str_has_suffix (text, ".") && strpbrk (text, " \t\r\n,;<>") == NULL;
}

char *
mkt_record_choices_to_string (const char * const *choices)
{
  return g_strjoinv (", ", (char **)choices);
}

/* Turns one text into a value for @field. Errors name no field; the caller
 * prefixes it. */
static GVariant *
parse_text (const MktFieldSpec  *field,
            const char          *text,
            const char          *currency,
            GError             **error)
{
  g_autofree char *stripped = NULL;
  gint64 number;
  gboolean flag;

  /* Empty input empties the field; required fields say so at validation. */
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return NULL;

  switch (field->type)
    {
    case MKT_FIELD_TEXT:
    case MKT_FIELD_EMAIL:
      return g_variant_new_string (stripped);

    case MKT_FIELD_LONG_TEXT:
      return g_variant_new_string (text);

    case MKT_FIELD_INT:
      if (!g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                       "“%s” is not a whole number", stripped);
          return NULL;
        }
      return g_variant_new_int64 (number);

    case MKT_FIELD_BOOL:
      if (!parse_bool (stripped, &flag))
        {
          g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                       "“%s” is not yes or no", stripped);
          return NULL;
        }
      return g_variant_new_int64 (flag);

    case MKT_FIELD_MONEY:
      if (!mkt_money_parse (stripped, currency, &number, error))
        return NULL;
      return g_variant_new_int64 (number);

    case MKT_FIELD_QUANTITY:
      if (!mkt_quantity_parse (stripped, &number, error))
        return NULL;
      return g_variant_new_int64 (number);

    case MKT_FIELD_TIMESTAMP:
      if (!mkt_timestamp_parse (stripped, &number, error))
        return NULL;
      return g_variant_new_int64 (number);

    case MKT_FIELD_ENUM:
      {
        g_autofree char *lower = g_ascii_strdown (stripped, -1);

        g_strdelimit (lower, " -", '_');
        if (!g_strv_contains ((const char * const *)field->choices, lower))
          {
            g_autofree char *list = mkt_record_choices_to_string (field->choices);
            g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                         "“%s” is not one of %s", stripped, list);
            return NULL;
          }
        return g_variant_new_string (lower);
      }

    case MKT_FIELD_JSON:
      {
        g_autofree char *canonical = mkt_record_canonical_json (stripped, error);

        if (canonical == NULL)
          return NULL;
        return g_variant_new_string (canonical);
      }

    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
      if (!mkt_uuid_is_valid (stripped))
        {
          g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                       "“%s” is not an id", stripped);
          return NULL;
        }
      return g_variant_new_take_string (g_ascii_strdown (stripped, -1));

    case MKT_FIELD_UNIT:
      {
        const MktUnit *unit = mkt_unit_lookup_checked (stripped, error);

        if (unit == NULL)
          return NULL;
        return g_variant_new_string (unit->symbol);
      }

    case MKT_FIELD_CURRENCY:
      {
        g_autofree char *upper = g_ascii_strup (stripped, -1);

        if (!mkt_currency_is_valid (upper))
          {
            g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                         "“%s” is not an ISO 4217 currency code (EUR, USD, GBP…)", stripped);
            return NULL;
          }
        return g_variant_new_string (upper);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
prefix_with_field (GError     **error,
                   GError      *cause,
                   const char  *field)
{
  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID, "%s", cause->message);
  g_error_free (cause);
}

static int
field_index_checked (MktRecord   *self,
                     const char  *field,
                     GError     **error)
{
  int index = mkt_entity_spec_field_index (self->spec, field);

  if (index < 0)
    mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                              "%s has no such field", mkt_entity_spec_get_label (self->spec));

  return index;
}

/**
 * mkt_record_set_from_text:
 * @self: a record
 * @field: a field name
 * @text: what a person typed: "4.99", "364", "yard", "2026-11-26"
 * @currency: (nullable): the currency money is in (needed for money fields)
 * @error: return location for a %MKT_VALIDATION_ERROR naming @field
 *
 * Parses @text as the field's type wants and sets it. Empty text empties
 * the field. On error nothing changes.
 */
gboolean
mkt_record_set_from_text (MktRecord   *self,
                          const char  *field,
                          const char  *text,
                          const char  *currency,
                          GError     **error)
{
  const MktFieldSpec *spec;
  GError *local_error = NULL;
  GVariant *value;
  int index;

  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Text from a file or a command line may be in another encoding: say so
   * rather than lose it. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                                "is not valid UTF-8 text (is the file in another encoding?)");
      return FALSE;
    }

  index = field_index_checked (self, field, error);
  if (index < 0)
    return FALSE;

  spec = &self->spec->fields[index];
  if (spec->type == MKT_FIELD_MONEY && currency == NULL)
    currency = "EUR";

  value = parse_text (spec, text, currency, &local_error);
  if (local_error != NULL)
    {
      prefix_with_field (error, local_error, field);
      return FALSE;
    }

  mkt_record_take_value (self, index, value);
  return TRUE;
}

/**
 * mkt_record_set_from_json:
 * @self: a record
 * @field: a field name
 * @node: a JSON value as mkt_value_to_json() writes it: money as an integer of
 *   minor units, quantities as a decimal string or number, times as ISO 8601,
 *   JSON fields as an object; %NULL or a JSON null empties the field
 * @error: return location for a %MKT_VALIDATION_ERROR naming @field
 */
gboolean
mkt_record_set_from_json (MktRecord   *self,
                          const char  *field,
                          JsonNode    *node,
                          GError     **error)
{
  const MktFieldSpec *spec;
  GError *local_error = NULL;
  GVariant *value = NULL;
  int index;

  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  index = field_index_checked (self, field, error);
  if (index < 0)
    return FALSE;
  spec = &self->spec->fields[index];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      mkt_record_take_value (self, index, NULL);
      return TRUE;
    }

  switch (spec->type)
    {
    case MKT_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto wrong_type;
      value = g_variant_new_take_string (json_to_string (node, FALSE));
      break;

    case MKT_FIELD_INT:
    case MKT_FIELD_MONEY:
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        goto wrong_type;
      value = g_variant_new_int64 (json_node_get_int (node));
      break;

    case MKT_FIELD_BOOL:
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto wrong_type;
      value = g_variant_new_int64 (json_node_get_boolean (node));
      break;

    case MKT_FIELD_QUANTITY:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 whole = json_node_get_int (node);

          if (whole > G_MAXINT64 / MKT_QUANTITY_SCALE || whole < G_MININT64 / MKT_QUANTITY_SCALE)
            {
              mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                        "%" G_GINT64_FORMAT " is too large", whole);
              return FALSE;
            }
          value = g_variant_new_int64 (MKT_QUANTITY_FROM_INT (whole));
          break;
        }
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          /* The shortest text that reads back as this double: 0.1 stays "0.1". */
          g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node));
          value = parse_text (spec, buffer, NULL, &local_error);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_TIMESTAMP:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        goto wrong_type;
      value = parse_text (spec, json_node_get_string (node), NULL, &local_error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (local_error != NULL)
    {
      prefix_with_field (error, local_error, field);
      return FALSE;
    }

  mkt_record_take_value (self, index, value);
  return TRUE;

wrong_type:
  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                            "must be %s %s", spec->type == MKT_FIELD_JSON ? "a" : "a JSON value for a",
                            mkt_field_type_to_string (spec->type));
  return FALSE;
}

/* Output --------------------------------------------------------------------- */

/**
 * mkt_record_format_value:
 * @self: a record
 * @index: a field index
 * @currency: (nullable): the currency of money fields
 *
 * Returns: (transfer full) (nullable): the value as a person reads it and as
 *   mkt_record_set_from_text() takes it back, or %NULL when empty
 */
char *
mkt_record_format_value (MktRecord  *self,
                         guint       index,
                         const char *currency)
{
  const MktFieldSpec *field;
  GVariant *value;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->spec->n_fields, NULL);

  field = &self->spec->fields[index];
  value = self->values[index];
  if (value == NULL)
    return NULL;

  switch (field->type)
    {
    case MKT_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
    case MKT_FIELD_BOOL:
      return g_strdup (g_variant_get_int64 (value) ? "yes" : "no");
    case MKT_FIELD_MONEY:
      return mkt_money_format (g_variant_get_int64 (value), currency ? currency : "EUR");
    case MKT_FIELD_QUANTITY:
      return mkt_quantity_format (g_variant_get_int64 (value));
    case MKT_FIELD_TIMESTAMP:
      return mkt_timestamp_format (g_variant_get_int64 (value));
    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_JSON:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      return g_variant_dup_string (value, NULL);
    }
}

/**
 * mkt_value_to_json:
 * @field: the field @value belongs to
 * @value: (nullable): a value of @field
 *
 * The one JSON form of a value, used by the API, the CLI's --json, audit rows
 * and sync changes: money as integer minor units, quantities as decimal
 * strings ("120.5"), times as ISO 8601 UTC, JSON fields as objects.
 *
 * Returns: (transfer full): a JSON node (null for an empty value)
 */
JsonNode *
mkt_value_to_json (const MktFieldSpec *field,
                   GVariant           *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  switch (field->type)
    {
    case MKT_FIELD_INT:
    case MKT_FIELD_MONEY:
      return json_node_init_int (json_node_alloc (), g_variant_get_int64 (value));

    case MKT_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), g_variant_get_int64 (value) != 0);

    case MKT_FIELD_QUANTITY:
      text = mkt_quantity_format (g_variant_get_int64 (value));
      return json_node_init_string (json_node_alloc (), text);

    case MKT_FIELD_TIMESTAMP:
      text = mkt_timestamp_format (g_variant_get_int64 (value));
      return json_node_init_string (json_node_alloc (), text);

    case MKT_FIELD_JSON:
      {
        JsonNode *parsed = json_from_string (g_variant_get_string (value, NULL), NULL);

        /* Stored JSON went through canonical_json_object(); a broken row is
         * shown as its text rather than lost. */
        if (parsed != NULL)
          return parsed;
      }
      G_GNUC_FALLTHROUGH;

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      return json_node_init_string (json_node_alloc (), g_variant_get_string (value, NULL));
    }
}

static void
add_timestamp_member (JsonObject *object,
                      const char *name,
                      gint64      usec)
{
  g_autofree char *text = NULL;

  if (usec == 0)
    {
      json_object_set_null_member (object, name);
      return;
    }

  text = mkt_timestamp_format (usec);
  json_object_set_string_member (object, name, text);
}

/**
 * mkt_record_to_json:
 * @self: a record
 *
 * Returns: (transfer full): the row as a JSON object: "id", the common
 *   columns its kind has, then every field (null when empty)
 */
JsonObject *
mkt_record_to_json (MktRecord *self)
{
  JsonObject *object;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  add_timestamp_member (object, "created_at", self->created_at);
  if (self->spec->kind == MKT_ENTITY_MUTABLE)
    {
      add_timestamp_member (object, "updated_at", self->updated_at);
      add_timestamp_member (object, "deleted_at", self->deleted_at);
    }
  if (mkt_entity_spec_has_hlc (self->spec))
    json_object_set_string_member (object, "hlc", self->hlc);

  for (guint i = 0; i < self->spec->n_fields; i++)
    json_object_set_member (object, self->spec->fields[i].name,
                            mkt_value_to_json (&self->spec->fields[i], self->values[i]));

  return object;
}

/**
 * mkt_json_append_string:
 * @out: where to write
 * @text: UTF-8 text
 *
 * Appends @text as a JSON string literal, escaped as RFC 8259 asks and as
 * json-glib writes it (\b, \f, \n, \r, \t by name, other control characters
 * and DEL as \u00xx), so that text written here and json_to_string()'s
 * read the same. One exception: json-glib 1.6 leaves U+001F raw, which is
 * not JSON; it is escaped here.
 */
void
mkt_json_append_string (GString    *out,
                        const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p = text;

  g_string_append_c (out, '"');
  for (;; p++)
    {
      guchar c = (guchar)*p;

      /* Most text needs no escape: it goes in runs, not byte by byte. */
      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f))
        continue;
      if (c == '\0')
        break;

      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default:
          g_string_append_len (out, "\\u00", 4);
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_int (GString *out,
            gint64   value)
{
  char buffer[24];
  char *end = buffer + sizeof buffer;
  char *p = end;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, end - p);
}

static void
append_timestamp_member (GString    *out,
                         const char *name,
                         gint64      usec)
{
  g_string_append_c (out, ',');
  mkt_json_append_string (out, name);
  g_string_append_c (out, ':');
  if (usec == 0)
    g_string_append (out, "null");
  else
    {
      g_string_append_c (out, '"');
      mkt_timestamp_append (out, usec);
      g_string_append_c (out, '"');
    }
}

/**
 * mkt_json_append_row_head:
 * @out: where to write
 * @spec: the row's entity
 * @id: (nullable): the row's id
 * @created_at: its common columns, in microseconds (0: none)
 * @updated_at: (as @created_at, for mutable entities)
 * @deleted_at: (as @created_at, for mutable entities)
 * @hlc: (nullable): its clock, for entities that have one
 *
 * Opens a row's JSON object with its common members, as
 * mkt_record_append_json() writes it. A store that writes rows without
 * making records (a list page) goes on with mkt_json_append_field() for
 * each field of @spec in order and closes the object with '}'.
 */
void
mkt_json_append_row_head (GString             *out,
                          const MktEntitySpec *spec,
                          const char          *id,
                          gint64               created_at,
                          gint64               updated_at,
                          gint64               deleted_at,
                          const char          *hlc)
{
  /* json_object_set_string_member() makes a NULL string null. */
  g_string_append (out, "{\"id\":");
  if (id != NULL)
    mkt_json_append_string (out, id);
  else
    g_string_append (out, "null");
  append_timestamp_member (out, "created_at", created_at);
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      append_timestamp_member (out, "updated_at", updated_at);
      append_timestamp_member (out, "deleted_at", deleted_at);
    }
  if (mkt_entity_spec_has_hlc (spec))
    {
      g_string_append (out, ",\"hlc\":");
      if (hlc != NULL)
        mkt_json_append_string (out, hlc);
      else
        g_string_append (out, "null");
    }
}

/**
 * mkt_json_append_field:
 * @out: where to write
 * @field: the field
 * @is_null: whether the field is empty
 * @number: its value, for fields of mkt_field_type_is_integer() types
 * @text: (nullable): its value, for the other types
 *
 * Appends a field's member (with the comma before it) in the form of
 * mkt_value_to_json(), as json_to_string() writes it.
 */
void
mkt_json_append_field (GString            *out,
                       const MktFieldSpec *field,
                       gboolean            is_null,
                       gint64              number,
                       const char         *text)
{
  g_string_append_c (out, ',');
  mkt_json_append_string (out, field->name);
  g_string_append_c (out, ':');

  if (is_null || (!mkt_field_type_is_integer (field->type) && text == NULL))
    {
      g_string_append (out, "null");
      return;
    }

  switch (field->type)
    {
    case MKT_FIELD_INT:
    case MKT_FIELD_MONEY:
      append_int (out, number);
      break;

    case MKT_FIELD_BOOL:
      g_string_append (out, number ? "true" : "false");
      break;

    case MKT_FIELD_QUANTITY:
      {
        g_autofree char *quantity = mkt_quantity_format (number);

        mkt_json_append_string (out, quantity);
      }
      break;

    case MKT_FIELD_TIMESTAMP:
      g_string_append_c (out, '"');
      mkt_timestamp_append (out, number);
      g_string_append_c (out, '"');
      break;

    case MKT_FIELD_JSON:
      {
        /* As mkt_value_to_json() reads it: parsed and written again
         * (stored text is canonical, so this is the same text, but a
         * row written by hand reads as the API always showed it), and
         * a broken one as its text. */
        g_autoptr(JsonNode) parsed = json_from_string (text, NULL);

        if (parsed != NULL)
          {
            g_autofree char *written = json_to_string (parsed, FALSE);

            g_string_append (out, written);
            break;
          }
      }
      G_GNUC_FALLTHROUGH;

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      mkt_json_append_string (out, text);
      break;
    }
}

/**
 * mkt_record_append_json:
 * @self: a record
 * @out: where to write
 *
 * Appends the row as compact JSON text, exactly as json_to_string() writes
 * mkt_record_to_json()'s object (same members, order, escapes and numbers),
 * without building the tree: lists write many rows at once.
 */
void
mkt_record_append_json (MktRecord *self,
                        GString   *out)
{
  g_return_if_fail (MKT_IS_RECORD (self));
  g_return_if_fail (out != NULL);

  mkt_json_append_row_head (out, self->spec, self->id, self->created_at, self->updated_at,
                            self->deleted_at, self->hlc);

  for (guint i = 0; i < self->spec->n_fields; i++)
    {
      const MktFieldSpec *field = &self->spec->fields[i];
      GVariant *value = self->values[i];

      if (value == NULL)
        mkt_json_append_field (out, field, TRUE, 0, NULL);
      else if (mkt_field_type_is_integer (field->type))
        mkt_json_append_field (out, field, FALSE, g_variant_get_int64 (value), NULL);
      else
        mkt_json_append_field (out, field, FALSE, 0, g_variant_get_string (value, NULL));
    }
  g_string_append_c (out, '}');
}

/**
 * mkt_record_append_fields_json:
 * @self: a record
 * @mask: the fields to write, bit i for field i
 * @out: where to write
 *
 * Appends a JSON object of the selected fields, in the form of
 * mkt_value_to_json(), compact. This is what audit rows and outbox changes
 * hold; it is written on every mutation, so it is written directly rather
 * than through a JsonNode tree.
 */
void
mkt_record_append_fields_json (MktRecord *self,
                               guint64    mask,
                               GString   *out)
{
  gboolean first = TRUE;

  g_return_if_fail (MKT_IS_RECORD (self));
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '{');
  for (guint i = 0; i < self->spec->n_fields; i++)
    {
      const MktFieldSpec *field = &self->spec->fields[i];
      GVariant *value = self->values[i];
      g_autofree char *text = NULL;

      if (!(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      mkt_json_append_string (out, field->name);
      g_string_append_c (out, ':');

      if (value == NULL)
        {
          g_string_append (out, "null");
          continue;
        }

      switch (field->type)
        {
        case MKT_FIELD_INT:
        case MKT_FIELD_MONEY:
          append_int (out, g_variant_get_int64 (value));
          break;

        case MKT_FIELD_BOOL:
          g_string_append (out, g_variant_get_int64 (value) ? "true" : "false");
          break;

        case MKT_FIELD_QUANTITY:
          text = mkt_quantity_format (g_variant_get_int64 (value));
          mkt_json_append_string (out, text);
          break;

        case MKT_FIELD_TIMESTAMP:
          text = mkt_timestamp_format (g_variant_get_int64 (value));
          mkt_json_append_string (out, text);
          break;

        case MKT_FIELD_JSON:
          /* Stored canonical by canonical_json_object(). */
          g_string_append (out, g_variant_get_string (value, NULL));
          break;

        case MKT_FIELD_TEXT:
        case MKT_FIELD_LONG_TEXT:
        case MKT_FIELD_ENUM:
        case MKT_FIELD_REF:
        case MKT_FIELD_UUID:
        case MKT_FIELD_UNIT:
        case MKT_FIELD_CURRENCY:
        case MKT_FIELD_EMAIL:
        default:
          mkt_json_append_string (out, g_variant_get_string (value, NULL));
          break;
        }
    }
  g_string_append_c (out, '}');
}

