/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-schema.h"

G_BEGIN_DECLS

/**
 * MktCsvFormat:
 * @MKT_CSV_FORMAT_GENERIC: columns named like the entity's fields (case and
 *   spaces or underscores do not matter), as market-cli exports them
 * @MKT_CSV_FORMAT_SHOPIFY: Shopify's product CSV export
 * @MKT_CSV_FORMAT_ETSY: Etsy's listings CSV export
 *
 * Which columns a file has and what they mean.
 */
typedef enum
{
  MKT_CSV_FORMAT_GENERIC,
  MKT_CSV_FORMAT_SHOPIFY,
  MKT_CSV_FORMAT_ETSY,
} MktCsvFormat;

/**
 * MktCsvTarget:
 * @MKT_CSV_TARGET_SKIP: the column is read and left out
 * @MKT_CSV_TARGET_FIELD: a field of the entity
 * @MKT_CSV_TARGET_ATTRIBUTE: one key of a JSON field ("attributes.colour")
 * @MKT_CSV_TARGET_ID: the row's id, which finds the row to update
 * @MKT_CSV_TARGET_CURRENCY: the currency of the row's amounts, which must
 *   be the business's
 */
typedef enum
{
  MKT_CSV_TARGET_SKIP,
  MKT_CSV_TARGET_FIELD,
  MKT_CSV_TARGET_ATTRIBUTE,
  MKT_CSV_TARGET_ID,
  MKT_CSV_TARGET_CURRENCY,
} MktCsvTarget;

/**
 * MktCsvTransform:
 * @MKT_CSV_TRANSFORM_NONE: the text as it is (notes, JSON)
 * @MKT_CSV_TRANSFORM_TRIM: surrounding white space off
 * @MKT_CSV_TRANSFORM_NUMBER: a decimal comma or point, thousands separators
 *   off (see mkt_csv_normalize_number())
 * @MKT_CSV_TRANSFORM_MONEY: as a number, and a currency symbol or code off
 * @MKT_CSV_TRANSFORM_UNIT: a unit's other spellings to its symbol
 * @MKT_CSV_TRANSFORM_HTML: HTML to text
 *
 * What is done to a cell's text before the core parses it.
 */
typedef enum
{
  MKT_CSV_TRANSFORM_NONE,
  MKT_CSV_TRANSFORM_TRIM,
  MKT_CSV_TRANSFORM_NUMBER,
  MKT_CSV_TRANSFORM_MONEY,
  MKT_CSV_TRANSFORM_UNIT,
  MKT_CSV_TRANSFORM_HTML,
} MktCsvTransform;

/**
 * MktCsvColumn:
 * @index: the column's place in the file, from 0
 * @header: its name in the file's header
 * @target: what it gives
 * @field: (nullable): the name mkt_session_set_from_text() takes: a field
 *   ("price") or "attributes.KEY"; %NULL unless @target is a field or an
 *   attribute
 * @field_index: the index of the field it sets (of the JSON field for an
 *   attribute), or -1
 * @transform: what is done to its text first
 */
typedef struct
{
  guint            index;
  const char      *header;
  MktCsvTarget     target;
  const char      *field;
  int              field_index;
  MktCsvTransform  transform;
} MktCsvColumn;

/**
 * MKT_CSV_REJECT_COLUMN:
 *
 * The column of a reject file that says why its row was refused. Every
 * mapping skips it, so that a reject file imports again once fixed.
 */
#define MKT_CSV_REJECT_COLUMN "reject_reason"

gboolean            mkt_csv_format_from_string     (const char          *text,
                                                    MktCsvFormat        *out_format);
const char         *mkt_csv_format_to_string       (MktCsvFormat         format);
MktCsvFormat        mkt_csv_format_guess           (const char * const  *header,
                                                    guint                n_columns);
char               *mkt_csv_column_name            (const MktFieldSpec  *field);

#define MKT_TYPE_CSV_MAPPING (mkt_csv_mapping_get_type ())

G_DECLARE_FINAL_TYPE (MktCsvMapping, mkt_csv_mapping, MKT, CSV_MAPPING, GObject)

MktCsvMapping      *mkt_csv_mapping_new            (const MktEntitySpec *spec,
                                                    MktCsvFormat         format,
                                                    GError             **error);
const MktEntitySpec *mkt_csv_mapping_get_spec      (MktCsvMapping       *self);
MktCsvFormat        mkt_csv_mapping_get_format     (MktCsvMapping       *self);
gboolean            mkt_csv_mapping_add            (MktCsvMapping       *self,
                                                    const char          *column,
                                                    const char          *target,
                                                    GError             **error);
gboolean            mkt_csv_mapping_parse          (MktCsvMapping       *self,
                                                    const char          *assignment,
                                                    GError             **error);
gboolean            mkt_csv_mapping_bind           (MktCsvMapping       *self,
                                                    const char * const  *header,
                                                    guint                n_columns,
                                                    GError             **error);
const MktCsvColumn *mkt_csv_mapping_get_columns    (MktCsvMapping       *self,
                                                    guint               *n_columns);
int                 mkt_csv_mapping_find_field     (MktCsvMapping       *self,
                                                    const char          *field);
int                 mkt_csv_mapping_find_target    (MktCsvMapping       *self,
                                                    MktCsvTarget         target);
int                 mkt_csv_mapping_find_header    (MktCsvMapping       *self,
                                                    const char          *header);

G_END_DECLS
