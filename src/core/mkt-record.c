/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-record"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-record.h"
#include "mkt-time.h"
#include "mkt-unit.h"
#include "mkt-uuid.h"

/**
 * MktRecord:
 *
 * One row of any entity: the common columns and one value per field of its
 * #MktEntitySpec. A value is a #GVariant of type "x" (integer types, see
 * mkt_field_type_is_integer()) or "s" (everything else; JSON objects as
 * their text), or %NULL when the field is empty.
 *
 * A record remembers which fields were set since it was loaded (its dirty
 * fields), so that an update writes exactly what its caller changed.
 */
struct _MktRecord
{
  GObject              parent_instance;

  const MktEntitySpec *spec;
  char                *id;
  char                *tenant_id;
  char                *hlc;
  gint64               created_at;
  gint64               updated_at;
  gint64               deleted_at;
  guint64              dirty;
  GVariant           **values;
};

G_DEFINE_FINAL_TYPE (MktRecord, mkt_record, G_TYPE_OBJECT)

/* g_set_str() arrives in GLib 2.76; Debian 12 has 2.74. */
static inline void
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
}

static void
mkt_record_finalize (GObject *object)
{
  MktRecord *self = (MktRecord *)object;

  for (guint i = 0; i < self->spec->n_fields; i++)
    g_clear_pointer (&self->values[i], g_variant_unref);
  g_clear_pointer (&self->values, g_free);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->hlc, g_free);

  G_OBJECT_CLASS (mkt_record_parent_class)->finalize (object);
}

static void
mkt_record_class_init (MktRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_record_finalize;
}

static void
mkt_record_init (MktRecord *self)
{
}

/**
 * mkt_record_new:
 * @spec: the entity
 *
 * Returns: (transfer full): an empty record of @spec
 */
MktRecord *
mkt_record_new (const MktEntitySpec *spec)
{
  MktRecord *self;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->n_fields <= 64, NULL);

  self = g_object_new (MKT_TYPE_RECORD, NULL);
  self->spec = spec;
  self->values = g_new0 (GVariant *, spec->n_fields);

  return self;
}

/**
 * mkt_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a copy of @self, dirty marks included
 */
MktRecord *
mkt_record_copy (MktRecord *self)
{
  MktRecord *copy;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  copy = mkt_record_new (self->spec);
  copy->id = g_strdup (self->id);
  copy->tenant_id = g_strdup (self->tenant_id);
  copy->hlc = g_strdup (self->hlc);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;
  copy->dirty = self->dirty;
  for (guint i = 0; i < self->spec->n_fields; i++)
    copy->values[i] = self->values[i] ? g_variant_ref (self->values[i]) : NULL;

  return copy;
}

const MktEntitySpec *
mkt_record_get_spec (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  return self->spec;
}

const char *
mkt_record_get_id (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  return self->id;
}

void
mkt_record_set_id (MktRecord  *self,
                   const char *id)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  set_str (&self->id, id);
}

const char *
mkt_record_get_tenant_id (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  return self->tenant_id;
}

void
mkt_record_set_tenant_id (MktRecord  *self,
                          const char *tenant_id)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  set_str (&self->tenant_id, tenant_id);
}

gint64
mkt_record_get_created_at (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), 0);

  return self->created_at;
}

gint64
mkt_record_get_updated_at (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), 0);

  return self->updated_at;
}

/**
 * mkt_record_get_deleted_at:
 * @self: a record
 *
 * Returns: when the row was moved to the trash, or 0 if it is active
 */
gint64
mkt_record_get_deleted_at (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), 0);

  return self->deleted_at;
}

gboolean
mkt_record_is_deleted (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);

  return self->deleted_at != 0;
}

const char *
mkt_record_get_hlc (MktRecord *self)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  return self->hlc;
}

/**
 * mkt_record_set_meta:
 * @self: a record
 * @created_at: creation time, microseconds
 * @updated_at: last change, microseconds
 * @deleted_at: when deleted, or 0
 * @hlc: (nullable): the hybrid logical clock of the last change
 *
 * Sets the common columns. Stores and sessions call this; a caller editing a
 * row changes its fields instead.
 */
void
mkt_record_set_meta (MktRecord  *self,
                     gint64      created_at,
                     gint64      updated_at,
                     gint64      deleted_at,
                     const char *hlc)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  self->created_at = created_at;
  self->updated_at = updated_at;
  self->deleted_at = deleted_at;
  set_str (&self->hlc, hlc);
}

/**
 * mkt_record_get_title:
 * @self: a record
 *
 * Returns: (nullable): what names the row for people (a material's name),
 *   falling back to its id
 */
const char *
mkt_record_get_title (MktRecord *self)
{
  const char *title = NULL;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  if (self->spec->title_field != NULL)
    title = mkt_record_get_string (self, self->spec->title_field);

  return title != NULL ? title : self->id;
}

/**
 * mkt_record_get_value:
 * @self: a record
 * @index: a field index of the record's entity
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when empty
 */
GVariant *
mkt_record_get_value (MktRecord *self,
                      guint      index)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->spec->n_fields, NULL);

  return self->values[index];
}

/**
 * mkt_record_take_value:
 * @self: a record
 * @index: a field index of the record's entity
 * @value: (transfer full) (nullable): the new value, "x" or "s" as the field's
 *   type wants, or %NULL to empty the field
 *
 * Sets a field and marks it dirty. A floating @value is sunk.
 */
void
mkt_record_take_value (MktRecord *self,
                       guint      index,
                       GVariant  *value)
{
  g_return_if_fail (MKT_IS_RECORD (self));
  g_return_if_fail (index < self->spec->n_fields);
  g_return_if_fail (value == NULL ||
                    g_variant_is_of_type (value, mkt_field_type_is_integer (self->spec->fields[index].type)
                                                 ? G_VARIANT_TYPE_INT64 : G_VARIANT_TYPE_STRING));

  if (value != NULL)
    g_variant_take_ref (value);

  g_clear_pointer (&self->values[index], g_variant_unref);
  self->values[index] = value;
  self->dirty |= G_GUINT64_CONSTANT (1) << index;
}

gboolean
mkt_record_is_dirty (MktRecord *self,
                     guint      index)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);
  g_return_val_if_fail (index < self->spec->n_fields, FALSE);

  return (self->dirty & (G_GUINT64_CONSTANT (1) << index)) != 0;
}

void
mkt_record_clear_dirty (MktRecord *self)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  self->dirty = 0;
}

static guint
field_index_or_die (MktRecord  *self,
                    const char *field)
{
  int index = mkt_entity_spec_field_index (self->spec, field);

  if (index < 0)
    g_error ("%s has no field “%s”", self->spec->name, field);

  return index;
}

gboolean
mkt_record_has (MktRecord  *self,
                const char *field)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);

  return self->values[field_index_or_die (self, field)] != NULL;
}

/**
 * mkt_record_get_string:
 * @self: a record
 * @field: the name of a field stored as text
 *
 * Returns: (nullable): the text, or %NULL when empty
 */
const char *
mkt_record_get_string (MktRecord  *self,
                       const char *field)
{
  GVariant *value;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  value = self->values[field_index_or_die (self, field)];
  if (value == NULL)
    return NULL;

  g_return_val_if_fail (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING), NULL);

  return g_variant_get_string (value, NULL);
}

/**
 * mkt_record_get_int:
 * @self: a record
 * @field: the name of a field stored as an integer
 *
 * Returns: the value, or 0 when empty (see mkt_record_has())
 */
gint64
mkt_record_get_int (MktRecord  *self,
                    const char *field)
{
  GVariant *value;

  g_return_val_if_fail (MKT_IS_RECORD (self), 0);

  value = self->values[field_index_or_die (self, field)];
  if (value == NULL)
    return 0;

  g_return_val_if_fail (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64), 0);

  return g_variant_get_int64 (value);
}

void
mkt_record_set_string (MktRecord  *self,
                       const char *field,
                       const char *value)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  mkt_record_take_value (self, field_index_or_die (self, field),
                         value != NULL ? g_variant_new_string (value) : NULL);
}

void
mkt_record_set_int (MktRecord  *self,
                    const char *field,
                    gint64      value)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  mkt_record_take_value (self, field_index_or_die (self, field), g_variant_new_int64 (value));
}

void
mkt_record_set_null (MktRecord  *self,
                     const char *field)
{
  g_return_if_fail (MKT_IS_RECORD (self));

  mkt_record_take_value (self, field_index_or_die (self, field), NULL);
}

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

static char *
canonical_json_object (const char  *text,
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

static gboolean
email_looks_valid (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' &&
         !g_str_has_suffix (text, ".") && strpbrk (text, " \t\r\n,;<>") == NULL;
}

static char *
choices_to_string (const char * const *choices)
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
            g_autofree char *list = choices_to_string (field->choices);
            g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                         "“%s” is not one of %s", stripped, list);
            return NULL;
          }
        return g_variant_new_string (lower);
      }

    case MKT_FIELD_JSON:
      {
        g_autofree char *canonical = canonical_json_object (stripped, error);

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

  index = mkt_entity_spec_field_index (self->spec, field);
  if (index < 0)
    {
      mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                "%s has no such field", self->spec->name);
      return FALSE;
    }

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

  index = mkt_entity_spec_field_index (self->spec, field);
  if (index < 0)
    {
      mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                "%s has no such field", self->spec->name);
      return FALSE;
    }
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
 * Appends @text as a JSON string literal, escaped as RFC 8259 asks.
 */
void
mkt_json_append_string (GString    *out,
                        const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append (out, run);
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

/* Validation ----------------------------------------------------------------- */

static gboolean
validate_field (const MktFieldSpec  *field,
                GVariant            *value,
                GError             **error)
{
  const MktUnit *unit;
  const char *text = NULL;
  gint64 number = 0;

  if (value == NULL)
    {
      if (field->flags & MKT_FIELD_REQUIRED)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_REQUIRED,
                                    "is required");
          return FALSE;
        }
      return TRUE;
    }

  if (mkt_field_type_is_integer (field->type))
    number = g_variant_get_int64 (value);
  else
    text = g_variant_get_string (value, NULL);

  if (text != NULL)
    {
      const char *end;

      if (!g_utf8_validate (text, -1, &end))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "is not valid UTF-8 text");
          return FALSE;
        }

      if ((field->flags & MKT_FIELD_REQUIRED) && text[strspn (text, " \t\r\n")] == '\0')
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_REQUIRED,
                                    "must not be empty");
          return FALSE;
        }

      /* A text has no more characters than bytes: count only long ones. */
      if (field->max_length > 0 && (gsize)(end - text) > field->max_length &&
          g_utf8_strlen (text, end - text) > field->max_length)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_TOO_LONG,
                                    "must be at most %u characters", field->max_length);
          return FALSE;
        }

      if (field->type != MKT_FIELD_LONG_TEXT && field->type != MKT_FIELD_JSON &&
          strpbrk (text, "\r\n") != NULL)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "must be a single line");
          return FALSE;
        }
    }

  switch (field->type)
    {
    case MKT_FIELD_MONEY:
    case MKT_FIELD_QUANTITY:
    case MKT_FIELD_INT:
      if ((field->flags & MKT_FIELD_POSITIVE) && number <= 0)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                    "must be more than 0");
          return FALSE;
        }
      if ((field->flags & MKT_FIELD_NON_NEGATIVE) && number < 0)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                    "must not be negative");
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_BOOL:
      if (number != 0 && number != 1)
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "must be yes or no");
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_TIMESTAMP:
      return TRUE;

    case MKT_FIELD_ENUM:
      if (!g_strv_contains ((const char * const *)field->choices, text))
        {
          g_autofree char *list = choices_to_string (field->choices);
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not one of %s", text, list);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_JSON:
      {
        g_autoptr(GError) local_error = NULL;
        g_autofree char *canonical = canonical_json_object (text, &local_error);

        if (canonical == NULL)
          {
            mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                      "%s", local_error->message);
            return FALSE;
          }
        return TRUE;
      }

    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
      if (!mkt_uuid_is_valid (text))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not an id", text);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_UNIT:
      unit = mkt_unit_lookup (text);
      if (unit == NULL || !g_str_equal (unit->symbol, text))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not a known unit", text);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_CURRENCY:
      if (!mkt_currency_is_valid (text))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not an ISO 4217 currency code", text);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_EMAIL:
      if (!email_looks_valid (text))
        {
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not an e-mail address", text);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    default:
      return TRUE;
    }
}

/**
 * mkt_record_validate:
 * @self: a record
 * @error: return location for a %MKT_VALIDATION_ERROR
 *
 * Checks every field against its description, then the entity's
 * cross-field rules. References to other rows are checked by the session,
 * which can see the store.
 *
 * Returns: %TRUE if the record may be stored
 */
gboolean
mkt_record_validate (MktRecord  *self,
                     GError    **error)
{
  g_return_val_if_fail (MKT_IS_RECORD (self), FALSE);

  for (guint i = 0; i < self->spec->n_fields; i++)
    if (!validate_field (&self->spec->fields[i], self->values[i], error))
      return FALSE;

  if (self->spec->validate != NULL)
    return self->spec->validate (self, error);

  return TRUE;
}
