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
 * mkt_record_dup_label:
 * @self: a record
 *
 * Returns: (transfer full): the title with what tells rows of that title
 *   apart, as people need it in a list: "Merino DK (Rust)"
 */
char *
mkt_record_dup_label (MktRecord *self)
{
  const char *detail = NULL;

  g_return_val_if_fail (MKT_IS_RECORD (self), NULL);

  if (self->spec->detail_field != NULL)
    detail = mkt_record_get_string (self, self->spec->detail_field);

  if (detail == NULL)
    return g_strdup (mkt_record_get_title (self));

  return g_strdup_printf ("%s (%s)", mkt_record_get_title (self), detail);
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
          g_autofree char *list = mkt_record_choices_to_string (field->choices);
          mkt_set_validation_error (error, field->name, MKT_VALIDATION_ERROR_INVALID,
                                    "“%s” is not one of %s", text, list);
          return FALSE;
        }
      return TRUE;

    case MKT_FIELD_JSON:
      {
        g_autoptr(GError) local_error = NULL;
        g_autofree char *canonical = mkt_record_canonical_json (text, &local_error);

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
      if (!mkt_record_email_looks_valid (text))
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
