/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-mapping.h"
#include "mkt-csv-reader.h"
#include "mkt-csv-transform.h"

/**
 * MktCsvMapping:
 *
 * Which column of a CSV file gives which field of an entity, and how its
 * text is cleaned first. A format gives the columns it knows (a Shopify
 * export's "Variant Price" is the price); explicit COLUMN=FIELD entries
 * come on top. Binding to a file's header checks both: a column or field
 * the mapping names that does not exist is an error naming it.
 */

typedef struct
{
  const char      *header;
  const char      *target;
  MktCsvTransform  transform;
} FormatColumn;

/* What fits from Shopify's product export; its other columns (inventory,
 * shipping, SEO, variant options...) are skipped. */
static const FormatColumn shopify_columns[] = {
  { "Handle", "attributes.handle", MKT_CSV_TRANSFORM_TRIM },
  { "Title", "name", MKT_CSV_TRANSFORM_TRIM },
  { "Body (HTML)", "notes", MKT_CSV_TRANSFORM_HTML },
  { "Vendor", "attributes.vendor", MKT_CSV_TRANSFORM_TRIM },
  { "Type", "attributes.type", MKT_CSV_TRANSFORM_TRIM },
  { "Tags", "attributes.tags", MKT_CSV_TRANSFORM_TRIM },
  { "Variant SKU", "sku", MKT_CSV_TRANSFORM_TRIM },
  { "Variant Price", "price", MKT_CSV_TRANSFORM_MONEY },
  { "Image Src", "photo", MKT_CSV_TRANSFORM_TRIM },
  { NULL }
};

/* Etsy's listings export. QUANTITY is stock, which an import does not
 * set: stock is a ledger of movements. */
static const FormatColumn etsy_columns[] = {
  { "TITLE", "name", MKT_CSV_TRANSFORM_TRIM },
  { "DESCRIPTION", "notes", MKT_CSV_TRANSFORM_NONE },
  { "PRICE", "price", MKT_CSV_TRANSFORM_MONEY },
  { "CURRENCY_CODE", "currency", MKT_CSV_TRANSFORM_TRIM },
  { "TAGS", "attributes.tags", MKT_CSV_TRANSFORM_TRIM },
  { "MATERIALS", "attributes.materials", MKT_CSV_TRANSFORM_TRIM },
  { "IMAGE1", "photo", MKT_CSV_TRANSFORM_TRIM },
  { "SKU", "sku", MKT_CSV_TRANSFORM_TRIM },
  { NULL }
};

typedef struct
{
  char *column;
  char *target;
} Override;

struct _MktCsvMapping
{
  GObject              parent_instance;

  const MktEntitySpec *spec;
  MktCsvFormat         format;
  GArray              *overrides;
  GArray              *columns;
  GStringChunk        *strings;
};

G_DEFINE_FINAL_TYPE (MktCsvMapping, mkt_csv_mapping, G_TYPE_OBJECT)

static void
clear_override (gpointer data)
{
  Override *override = data;

  g_free (override->column);
  g_free (override->target);
}

static void
mkt_csv_mapping_finalize (GObject *object)
{
  MktCsvMapping *self = (MktCsvMapping *)object;

  g_clear_pointer (&self->overrides, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (mkt_csv_mapping_parent_class)->finalize (object);
}

static void
mkt_csv_mapping_class_init (MktCsvMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_csv_mapping_finalize;
}

static void
mkt_csv_mapping_init (MktCsvMapping *self)
{
  self->overrides = g_array_new (FALSE, FALSE, sizeof (Override));
  g_array_set_clear_func (self->overrides, clear_override);
  self->columns = g_array_new (FALSE, FALSE, sizeof (MktCsvColumn));
  self->strings = g_string_chunk_new (1024);
}

/* Formats ---------------------------------------------------------------------- */

static const char * const format_names[] = {
  [MKT_CSV_FORMAT_GENERIC] = "generic",
  [MKT_CSV_FORMAT_SHOPIFY] = "shopify",
  [MKT_CSV_FORMAT_ETSY] = "etsy",
};

/**
 * mkt_csv_format_from_string:
 * @text: "generic", "shopify" or "etsy", any case
 * @out_format: (out): the format
 *
 * Returns: whether @text names a format
 */
gboolean
mkt_csv_format_from_string (const char   *text,
                            MktCsvFormat *out_format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *out_format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
mkt_csv_format_to_string (MktCsvFormat format)
{
  g_return_val_if_fail ((guint)format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

static gboolean
header_has (const char * const *header,
            guint               n_columns,
            const char         *name)
{
  for (guint i = 0; i < n_columns; i++)
    if (g_ascii_strcasecmp (header[i], name) == 0)
      return TRUE;

  return FALSE;
}

/**
 * mkt_csv_format_guess:
 * @header: (array length=n_columns): a file's header
 * @n_columns: its length
 *
 * Returns: the shop whose export @header looks like, else
 *   %MKT_CSV_FORMAT_GENERIC
 */
MktCsvFormat
mkt_csv_format_guess (const char * const *header,
                      guint               n_columns)
{
  if (header_has (header, n_columns, "Handle") && header_has (header, n_columns, "Variant SKU"))
    return MKT_CSV_FORMAT_SHOPIFY;
  if (header_has (header, n_columns, "TITLE") && header_has (header, n_columns, "CURRENCY_CODE"))
    return MKT_CSV_FORMAT_ETSY;

  return MKT_CSV_FORMAT_GENERIC;
}

/**
 * mkt_csv_column_name:
 * @field: a field
 *
 * Returns: (transfer full): the column an export gives @field and the
 *   generic format reads: the field's name, a reference without its "_id"
 *   ("category")
 */
char *
mkt_csv_column_name (const MktFieldSpec *field)
{
  if (field->type == MKT_FIELD_REF && g_str_has_suffix (field->name, "_id"))
    return g_strndup (field->name, strlen (field->name) - 3);

  return g_strdup (field->name);
}

/* Targets ---------------------------------------------------------------------- */

/* "Purchase Price", "purchase-price" and "purchase_price" are one name. */
static char *
normalize_name (const char *name)
{
  g_autofree char *stripped = mkt_csv_strip (name);
  char *lower = g_utf8_strdown (stripped, -1);

  g_strdelimit (lower, " -", '_');
  return lower;
}

static MktCsvTransform
transform_for (const MktFieldSpec *field)
{
  switch (field->type)
    {
    case MKT_FIELD_MONEY:
      return MKT_CSV_TRANSFORM_MONEY;
    case MKT_FIELD_QUANTITY:
    case MKT_FIELD_INT:
      return MKT_CSV_TRANSFORM_NUMBER;
    case MKT_FIELD_UNIT:
      return MKT_CSV_TRANSFORM_UNIT;
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_JSON:
      return MKT_CSV_TRANSFORM_NONE;
    case MKT_FIELD_TEXT:
    case MKT_FIELD_BOOL:
    case MKT_FIELD_TIMESTAMP:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      return MKT_CSV_TRANSFORM_TRIM;
    }
}

static char *
field_names (const MktEntitySpec *spec)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      g_autofree char *name = mkt_csv_column_name (&spec->fields[i]);

      g_string_append_printf (names, "%s%s", i ? ", " : "", name);
    }

  return g_string_free (names, FALSE);
}

/* What @name gives: a field, by its name or a reference's without "_id",
 * "JSONFIELD.KEY", "id", "currency", or "-" to skip. */
static gboolean
resolve_target (MktCsvMapping  *self,
                const char     *name,
                MktCsvColumn   *column,
                GError        **error)
{
  const MktEntitySpec *spec = self->spec;
  g_autofree char *normal = normalize_name (name);
  const char *dot = strchr (normal, '.');
  int index;

  column->target = MKT_CSV_TARGET_SKIP;
  column->field = NULL;
  column->field_index = -1;
  column->transform = MKT_CSV_TRANSFORM_TRIM;

  /* "-" normalises to "_". */
  if (normal[0] == '\0' || g_str_equal (normal, "_"))
    return TRUE;

  if (dot != NULL && dot[1] != '\0')
    {
      g_autofree char *json_field = g_strndup (normal, dot - normal);
      const char *key = strchr (name, '.') + 1;
      g_autofree char *key_stripped = mkt_csv_strip (key);

      index = mkt_entity_spec_field_index (spec, json_field);
      if (index >= 0 && spec->fields[index].type == MKT_FIELD_JSON && key_stripped[0] != '\0')
        {
          g_autofree char *full = g_strconcat (json_field, ".", key_stripped, NULL);

          column->target = MKT_CSV_TARGET_ATTRIBUTE;
          column->field = g_string_chunk_insert (self->strings, full);
          column->field_index = index;
          return TRUE;
        }
    }
  else
    {
      g_autofree char *ref_name = g_strconcat (normal, "_id", NULL);

      index = mkt_entity_spec_field_index (spec, normal);
      if (index < 0)
        {
          index = mkt_entity_spec_field_index (spec, ref_name);
          if (index >= 0 && spec->fields[index].type != MKT_FIELD_REF)
            index = -1;
        }

      if (index >= 0)
        {
          column->target = MKT_CSV_TARGET_FIELD;
          column->field = spec->fields[index].name;
          column->field_index = index;
          column->transform = transform_for (&spec->fields[index]);
          return TRUE;
        }

      if (g_str_equal (normal, "id"))
        {
          column->target = MKT_CSV_TARGET_ID;
          return TRUE;
        }

      if (g_str_equal (normal, "currency"))
        {
          column->target = MKT_CSV_TARGET_CURRENCY;
          return TRUE;
        }
    }

  {
    g_autofree char *names = field_names (spec);
    const char *json_field = NULL;

    for (guint i = 0; i < spec->n_fields && json_field == NULL; i++)
      if (spec->fields[i].type == MKT_FIELD_JSON)
        json_field = spec->fields[i].name;

    if (json_field != NULL)
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                   "%s has no field “%s” (its fields: %s; also id, and %s.KEY for one key of %s)",
                   spec->name, name, names, json_field, json_field);
    else
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                   "%s has no field “%s” (its fields: %s; also id)", spec->name, name, names);
  }
  return FALSE;
}

/* Mappings --------------------------------------------------------------------- */

/**
 * mkt_csv_mapping_new:
 * @spec: the entity the rows are of
 * @format: the file's format
 * @error: return location for a %MKT_CSV_ERROR_FORMAT when a shop's export
 *   is not of @spec (Shopify and Etsy export products)
 *
 * Returns: (transfer full) (nullable): a mapping
 */
MktCsvMapping *
mkt_csv_mapping_new (const MktEntitySpec  *spec,
                     MktCsvFormat          format,
                     GError              **error)
{
  MktCsvMapping *self;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail ((guint)format < G_N_ELEMENTS (format_names), NULL);

  if (format != MKT_CSV_FORMAT_GENERIC && !g_str_equal (spec->name, "product"))
    {
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_FORMAT,
                   "%s export holds products, not %ss",
                   format == MKT_CSV_FORMAT_SHOPIFY ? "A Shopify" : "An Etsy", spec->name);
      return NULL;
    }

  self = g_object_new (MKT_TYPE_CSV_MAPPING, NULL);
  self->spec = spec;
  self->format = format;
  return self;
}

const MktEntitySpec *
mkt_csv_mapping_get_spec (MktCsvMapping *self)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), NULL);

  return self->spec;
}

MktCsvFormat
mkt_csv_mapping_get_format (MktCsvMapping *self)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), MKT_CSV_FORMAT_GENERIC);

  return self->format;
}

/**
 * mkt_csv_mapping_add:
 * @self: a mapping
 * @column: a column of the file, by its header name
 * @target: a field ("price", "category", "attributes.width"), "id", or "-"
 *   to skip the column
 * @error: return location for a %MKT_CSV_ERROR_MAPPING naming @target when
 *   the entity has no such field
 *
 * Maps @column to @target, over what the format says. Whether the file has
 * @column is checked by mkt_csv_mapping_bind().
 */
gboolean
mkt_csv_mapping_add (MktCsvMapping  *self,
                     const char     *column,
                     const char     *target,
                     GError        **error)
{
  MktCsvColumn probe = { 0 };
  Override override;

  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (!resolve_target (self, target, &probe, error))
    return FALSE;

  for (guint i = 0; i < self->overrides->len; i++)
    if (g_str_equal (g_array_index (self->overrides, Override, i).column, column))
      {
        g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                     "The column “%s” is mapped twice", column);
        return FALSE;
      }

  override.column = g_strdup (column);
  override.target = g_strdup (target);
  g_array_append_val (self->overrides, override);
  return TRUE;
}

/**
 * mkt_csv_mapping_parse:
 * @self: a mapping
 * @assignment: "COLUMN=FIELD", as mkt_csv_mapping_add() takes them
 * @error: return location for a %MKT_CSV_ERROR_MAPPING
 */
gboolean
mkt_csv_mapping_parse (MktCsvMapping  *self,
                       const char     *assignment,
                       GError        **error)
{
  const char *equals;
  g_autofree char *column = NULL;

  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  equals = strrchr (assignment, '=');
  if (equals == NULL || equals == assignment)
    {
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                   "“%s” is not COLUMN=FIELD", assignment);
      return FALSE;
    }

  column = g_strndup (assignment, equals - assignment);
  return mkt_csv_mapping_add (self, column, equals + 1, error);
}

static int
find_column (const char * const *header,
             guint               n_columns,
             const char         *name)
{
  g_autofree char *normal = normalize_name (name);

  for (guint i = 0; i < n_columns; i++)
    if (g_str_equal (header[i], name))
      return i;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *other = normalize_name (header[i]);

      if (g_str_equal (other, normal))
        return i;
    }

  return -1;
}

static char *
quoted_list (const char * const *header,
             guint               n_columns)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < n_columns && i < 40; i++)
    g_string_append_printf (list, "%s“%s”", i ? ", " : "", header[i]);
  if (n_columns > 40)
    g_string_append (list, "…");

  return g_string_free (list, FALSE);
}

static const FormatColumn *
format_columns (MktCsvFormat format)
{
  switch (format)
    {
    case MKT_CSV_FORMAT_SHOPIFY:
      return shopify_columns;
    case MKT_CSV_FORMAT_ETSY:
      return etsy_columns;
    case MKT_CSV_FORMAT_GENERIC:
    default:
      return NULL;
    }
}

static gboolean
same_target (const MktCsvColumn *a,
             const MktCsvColumn *b)
{
  if (a->target != b->target || a->target == MKT_CSV_TARGET_SKIP)
    return FALSE;
  if (a->target == MKT_CSV_TARGET_FIELD)
    return a->field_index == b->field_index;
  if (a->target == MKT_CSV_TARGET_ATTRIBUTE)
    return g_str_equal (a->field, b->field);

  return TRUE;
}

/* How a column with no explicit entry is read. */
static gboolean
map_by_format (MktCsvMapping  *self,
               const char     *header,
               guint           index,
               MktCsvColumn   *column,
               GError        **error)
{
  const FormatColumn *known = format_columns (self->format);
  g_autofree char *normal = NULL;

  if (known == NULL)
    {
      if (!resolve_target (self, header, column, NULL))
        {
          g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                       "The column “%s” (column %u) is not a field of %s; map it to one, "
                       "or skip it", header, index + 1, self->spec->name);
          return FALSE;
        }
      return TRUE;
    }

  normal = mkt_csv_strip (header);
  for (guint i = 0; known[i].header != NULL; i++)
    if (g_ascii_strcasecmp (normal, known[i].header) == 0)
      {
        if (!resolve_target (self, known[i].target, column, error))
          return FALSE;
        column->transform = known[i].transform;
        return TRUE;
      }

  column->target = MKT_CSV_TARGET_SKIP;
  return TRUE;
}

/**
 * mkt_csv_mapping_bind:
 * @self: a mapping
 * @header: (array length=n_columns): the file's header row
 * @n_columns: its length
 * @error: return location for a %MKT_CSV_ERROR_MAPPING
 *
 * Decides what each column of the file gives. Fails, naming the column,
 * when an explicit entry names a column the file lacks, when a column of a
 * generic file is no field, or when two columns give the same field.
 */
gboolean
mkt_csv_mapping_bind (MktCsvMapping       *self,
                      const char * const  *header,
                      guint                n_columns,
                      GError             **error)
{
  g_autofree int *explicit = NULL;

  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (header != NULL || n_columns == 0, FALSE);

  g_array_set_size (self->columns, 0);
  explicit = g_new (int, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    explicit[i] = -1;

  for (guint i = 0; i < self->overrides->len; i++)
    {
      const Override *override = &g_array_index (self->overrides, Override, i);
      int index = find_column (header, n_columns, override->column);

      if (index < 0)
        {
          g_autofree char *list = quoted_list (header, n_columns);

          g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                       "The file has no column “%s” (its columns: %s)", override->column, list);
          return FALSE;
        }
      explicit[index] = i;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      MktCsvColumn column = { 0 };
      g_autofree char *normal = normalize_name (header[i]);

      column.index = i;
      column.header = g_string_chunk_insert (self->strings, header[i]);

      if (explicit[i] >= 0)
        {
          const Override *override = &g_array_index (self->overrides, Override, explicit[i]);

          if (!resolve_target (self, override->target, &column, error))
            return FALSE;
        }
      else if (g_str_equal (normal, MKT_CSV_REJECT_COLUMN) || normal[0] == '\0')
        column.target = MKT_CSV_TARGET_SKIP;
      else if (!map_by_format (self, header[i], i, &column, error))
        return FALSE;

      for (guint j = 0; j < self->columns->len; j++)
        {
          const MktCsvColumn *other = &g_array_index (self->columns, MktCsvColumn, j);

          if (same_target (other, &column))
            {
              g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING,
                           "The columns “%s” and “%s” both give %s; skip one of them",
                           other->header, column.header,
                           column.field ? column.field : column.target == MKT_CSV_TARGET_ID ? "id" : "currency");
              return FALSE;
            }
        }

      g_array_append_val (self->columns, column);
    }

  return TRUE;
}

/**
 * mkt_csv_mapping_get_columns:
 * @self: a mapping, bound to a header
 * @n_columns: (out): how many columns the header has
 *
 * Returns: (transfer none) (array length=n_columns): what each column gives
 */
const MktCsvColumn *
mkt_csv_mapping_get_columns (MktCsvMapping *self,
                             guint         *n_columns)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (n_columns != NULL, NULL);

  *n_columns = self->columns->len;
  return (const MktCsvColumn *)(gpointer)self->columns->data;
}

/**
 * mkt_csv_mapping_find_field:
 * @self: a mapping, bound to a header
 * @field: a field name
 *
 * Returns: the column that gives @field, or -1
 */
int
mkt_csv_mapping_find_field (MktCsvMapping *self,
                            const char    *field)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const MktCsvColumn *column = &g_array_index (self->columns, MktCsvColumn, i);

      if (column->target == MKT_CSV_TARGET_FIELD && g_str_equal (column->field, field))
        return i;
    }

  return -1;
}

/**
 * mkt_csv_mapping_find_target:
 * @self: a mapping, bound to a header
 * @target: %MKT_CSV_TARGET_ID or %MKT_CSV_TARGET_CURRENCY
 *
 * Returns: the column that gives @target, or -1
 */
int
mkt_csv_mapping_find_target (MktCsvMapping *self,
                             MktCsvTarget   target)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, MktCsvColumn, i).target == target)
      return i;

  return -1;
}

/**
 * mkt_csv_mapping_find_header:
 * @self: a mapping, bound to a header
 * @header: a column name, any case
 *
 * Returns: the column of that name, or -1
 */
int
mkt_csv_mapping_find_header (MktCsvMapping *self,
                             const char    *header)
{
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *stripped = mkt_csv_strip (g_array_index (self->columns, MktCsvColumn, i).header);

      if (g_ascii_strcasecmp (stripped, header) == 0)
        return i;
    }

  return -1;
}
