/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * MktFieldRow:
 * @field: the name of a field, as mkt-core's errors name it
 * @row_offset: where the widget's instance struct holds the row that shows
 *   it (G_STRUCT_OFFSET)
 *
 * One entry of a table that says which row of a form shows which field.
 */
typedef struct
{
  const char *field;
  gsize       row_offset;
} MktFieldRow;

const char *mkt_field_error_message         (const GError      *error,
                                             const char       **out_field);
GtkWidget  *mkt_field_error_find_row        (gpointer           instance,
                                             const MktFieldRow *rows,
                                             gsize              n_rows,
                                             const char        *field);
void        mkt_field_error_show            (GtkWidget         *row,
                                             const char        *message);
void        mkt_field_error_clear           (GtkWidget         *row);
const char *mkt_field_error_get             (GtkWidget         *row);
GtkWidget  *mkt_field_error_get_message_row (GtkWidget         *row);

G_END_DECLS
