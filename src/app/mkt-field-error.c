/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-field-error"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-field-error.h"

/*
 * mkt-core's errors on the row they are about, the same in every form: the
 * row turns red, says what is wrong in its tooltip, and a line under it in
 * its list says it too, where the eyes are (a preferences group has no
 * place for it in between).
 */

#define MESSAGE_ROW_KEY "mkt-field-error-row"
#define MESSAGE_KEY "mkt-field-error-message"

/**
 * mkt_field_error_message:
 * @error: an error of mkt-core
 * @out_field: (out) (optional) (nullable): the field it names, if any
 *
 * Returns: (transfer none): the message, without the "field: " prefix the
 *   core puts before what is wrong, since the row names the field already
 */
const char *
mkt_field_error_message (const GError  *error,
                         const char   **out_field)
{
  const char *field = NULL;
  const char *message = error->message;

  if (error->domain == MKT_VALIDATION_ERROR)
    {
      field = mkt_validation_error_get_field (error);
      if (field != NULL && g_str_has_prefix (message, field) &&
          g_str_has_prefix (message + strlen (field), ": "))
        message += strlen (field) + 2;
    }

  if (out_field != NULL)
    *out_field = field;

  return message;
}

/**
 * mkt_field_error_find_row:
 * @instance: the widget whose instance struct holds the rows
 * @rows: (array length=n_rows): which row shows which field
 * @n_rows: the length of @rows
 * @field: (nullable): the field an error names
 *
 * Returns: (transfer none) (nullable): the row that shows @field, or %NULL
 *   when @field is %NULL or no row shows it
 */
GtkWidget *
mkt_field_error_find_row (gpointer           instance,
                          const MktFieldRow *rows,
                          gsize              n_rows,
                          const char        *field)
{
  for (gsize i = 0; field != NULL && i < n_rows; i++)
    {
      if (g_str_equal (rows[i].field, field))
        return G_STRUCT_MEMBER (GtkWidget *, instance, rows[i].row_offset);
    }

  return NULL;
}

/**
 * mkt_field_error_show:
 * @row: a row of a #GtkListBox (an #AdwEntryRow, say)
 * @message: what is wrong
 *
 * Shows @message on @row, replacing any error it showed.
 */
void
mkt_field_error_show (GtkWidget  *row,
                      const char *message)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *label;
  GtkWidget *message_row;

  g_return_if_fail (GTK_IS_WIDGET (row));

  mkt_field_error_clear (row);
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  g_object_set_data_full (G_OBJECT (row), MESSAGE_KEY, g_strdup (message), g_free);

  if (!GTK_IS_LIST_BOX (list) || !GTK_IS_LIST_BOX_ROW (row))
    return;

  label = g_object_new (GTK_TYPE_LABEL,
                        "label", message,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "margin-start", 12,
                        "margin-end", 12,
                        "margin-top", 6,
                        "margin-bottom", 6,
                        NULL);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");

  message_row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                              "child", label,
                              "activatable", FALSE,
                              "selectable", FALSE,
                              "focusable", FALSE,
                              NULL);
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_object_set_data (G_OBJECT (row), MESSAGE_ROW_KEY, message_row);
}

/**
 * mkt_field_error_clear:
 * @row: a row that may show an error
 */
void
mkt_field_error_clear (GtkWidget *row)
{
  GtkWidget *message_row;

  g_return_if_fail (GTK_IS_WIDGET (row));

  if (g_object_get_data (G_OBJECT (row), MESSAGE_KEY) == NULL)
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  g_object_set_data (G_OBJECT (row), MESSAGE_KEY, NULL);

  message_row = g_object_steal_data (G_OBJECT (row), MESSAGE_ROW_KEY);
  if (message_row != NULL && GTK_IS_LIST_BOX (gtk_widget_get_parent (message_row)))
    gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (message_row)), message_row);
}

/**
 * mkt_field_error_get:
 * @row: a row
 *
 * Returns: (nullable): the error @row shows, or %NULL
 */
const char *
mkt_field_error_get (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), MESSAGE_KEY);
}

/**
 * mkt_field_error_get_message_row:
 * @row: a row
 *
 * Returns: (transfer none) (nullable): the row under @row that says what
 *   is wrong, or %NULL
 */
GtkWidget *
mkt_field_error_get_message_row (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), MESSAGE_ROW_KEY);
}
