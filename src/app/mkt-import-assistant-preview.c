/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-import-assistant-private.h"

/*
 * The import assistant's preview: a row per column of the file to say what
 * it gives, the first rows in a column view with the dry run's problem on
 * each, and the dry run's counts and refused rows in words.
 */

/* The column rows --------------------------------------------------------------- */

static void column_selected_cb (MktImportAssistant *self,
                                GParamSpec         *pspec,
                                AdwComboRow        *row);

void
mkt_import_assistant_clear_column_rows (MktImportAssistant *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
}

/* Item 0 is what the format says, item 1 skips the column, item 2 is the
 * id, then one per field, by the name an export gives its column. */
static void
build_column_rows (MktImportAssistant  *self,
                   const char * const  *automatic)
{
  const MktEntitySpec *spec = mkt_import_assistant_current_spec (self);
  guint n_columns = self->header != NULL ? g_strv_length (self->header) : 0;

  self->updating = TRUE;
  mkt_import_assistant_clear_column_rows (self);
  g_ptr_array_set_size (self->targets, 0);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *automatic_label = NULL;
      AdwComboRow *row;

      /* Translators: %s is the field a column gives when left as it is */
      automatic_label = g_strdup_printf (_("Automatic (%s)"), automatic != NULL ? automatic[i] : "…");
      gtk_string_list_append (labels, automatic_label);
      g_ptr_array_add (targets, NULL);
      gtk_string_list_append (labels, _("Skip"));
      g_ptr_array_add (targets, g_strdup ("-"));
      gtk_string_list_append (labels, "id");
      g_ptr_array_add (targets, g_strdup ("id"));
      for (guint f = 0; f < spec->n_fields; f++)
        {
          char *name = mkt_csv_column_name (&spec->fields[f]);

          gtk_string_list_append (labels, name);
          g_ptr_array_add (targets, name);
        }

      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->header[i]);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      /* The targets, in the order of the labels (item 0's is NULL). */
      g_object_set_data_full (G_OBJECT (row), "mkt-targets", g_ptr_array_ref (targets),
                              (GDestroyNotify)g_ptr_array_unref);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_selected_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
      g_ptr_array_add (self->targets, NULL);
    }

  self->rows_spec = spec;
  self->rows_format = mkt_import_assistant_current_format (self);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), n_columns > 0);
  self->updating = FALSE;
}

static void
update_automatic_labels (MktImportAssistant  *self,
                         const char * const  *automatic)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->column_rows->len && automatic[i] != NULL; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->column_rows, i);
      GtkStringList *labels = GTK_STRING_LIST (adw_combo_row_get_model (row));
      g_autofree char *label = g_strdup_printf (_("Automatic (%s)"), automatic[i]);
      const char * const additions[] = { label, NULL };
      guint selected = adw_combo_row_get_selected (row);

      gtk_string_list_splice (labels, 0, 1, additions);
      adw_combo_row_set_selected (row, selected);
    }
  self->updating = FALSE;
}

static void
column_selected_cb (MktImportAssistant *self,
                    GParamSpec         *pspec,
                    AdwComboRow        *row)
{
  GPtrArray *targets = g_object_get_data (G_OBJECT (row), "mkt-targets");
  guint selected = adw_combo_row_get_selected (row);
  guint index;

  if (self->updating || !g_ptr_array_find (self->column_rows, row, &index))
    return;

  g_free (g_ptr_array_index (self->targets, index));
  g_ptr_array_index (self->targets, index) = selected < targets->len ? g_strdup (g_ptr_array_index (targets, selected))
                                                                     : NULL;
  mkt_import_assistant_reload_preview (self);
}

/* The preview ------------------------------------------------------------------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "mkt-column")) < 0)
    gtk_widget_add_css_class (label, "error");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MktImportRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "mkt-column"));
  g_autofree char *line = NULL;

  if (column < 0)
    {
      gtk_label_set_text (label, row->problem != NULL ? row->problem : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->problem);
    }
  else if (column == 0)
    {
      line = g_strdup_printf ("%u", row->line);
      gtk_label_set_text (label, line);
    }
  else
    {
      guint index = column - 1;

      gtk_label_set_text (label, index < g_strv_length (row->fields) ? row->fields[index] : "");
    }
}

static void
add_preview_column (MktImportAssistant *self,
                    const char         *title,
                    int                 column,
                    gboolean            expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "mkt-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->preview_view, view_column);
}

void
mkt_import_assistant_build_preview_columns (MktImportAssistant *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  guint n_columns = self->header != NULL ? g_strv_length (self->header) : 0;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }

  /* Translators: the column of the import preview with the file's line numbers */
  add_preview_column (self, _("Line"), 0, FALSE);
  /* Translators: the column of the import preview that says why a row would be refused */
  add_preview_column (self, _("Problem"), -1, FALSE);
  for (guint i = 0; i < MIN (n_columns, PREVIEW_COLUMNS); i++)
    add_preview_column (self, self->header[i], i + 1, i + 1 == MIN (n_columns, PREVIEW_COLUMNS));
}

static gboolean
same_header (char **a,
             char **b)
{
  return a != NULL && b != NULL && g_strv_equal ((const char * const *)a, (const char * const *)b);
}

void
mkt_import_assistant_show_dry_run (MktImportAssistant *self,
                                   RunData            *data)
{
  const MktCsvImportReport *report = &data->report;
  g_autoptr(GHashTable) problems = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GString) status = g_string_new (NULL);

  if (!same_header (self->header, data->header))
    {
      g_strfreev (self->header);
      self->header = g_strdupv (data->header);
      mkt_import_assistant_build_preview_columns (self);
      build_column_rows (self, (const char * const *)data->automatic);
    }
  else
    update_automatic_labels (self, (const char * const *)data->automatic);

  for (guint i = 0; report->errors != NULL && i < report->errors->len; i++)
    {
      MktCsvRowError *row_error = g_ptr_array_index (report->errors, i);

      g_hash_table_insert (problems, GUINT_TO_POINTER (row_error->line), row_error->reason);
    }
  for (guint i = 0; i < data->rows->len; i++)
    {
      MktImportRow *row = g_ptr_array_index (data->rows, i);

      row->problem = g_strdup (g_hash_table_lookup (problems, GUINT_TO_POINTER (row->line)));
    }
  g_list_store_splice (self->preview, 0, g_list_model_get_n_items (G_LIST_MODEL (self->preview)),
                       data->rows->pdata, data->rows->len);

  self->file_ok = data->problem == NULL && report->rows_read > 0;
  self->total_rows = report->rows_read;

  if (data->problem != NULL)
    {
      g_string_append (status, data->problem->message);
      if (g_error_matches (data->problem, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING))
        g_string_append_printf (status, "\n%s",
                                _("Pick another format, or set what each column gives under Columns."));
    }
  else if (report->rows_read == 0)
    g_string_append (status, _("The file has a header but no rows to import."));
  else
    {
      guint n = report->created + report->updated + report->unchanged;

      g_string_append_printf (status,
                              /* Translators: the first sentence of an import preview's summary */
                              ngettext ("The file has %u row.", "The file has %u rows.", report->rows_read),
                              report->rows_read);
      g_string_append_c (status, ' ');
      g_string_append_printf (status,
                              /* Translators: %u new, %u updated, %u unchanged items of an import preview */
                              ngettext ("Importing would keep %u row: %u new, %u updated, %u unchanged.",
                                        "Importing would keep %u rows: %u new, %u updated, %u unchanged.", n),
                              n, report->created, report->updated, report->unchanged);
      if (report->rejected > 0)
        {
          g_string_append_c (status, ' ');
          g_string_append_printf (status,
                                  ngettext ("%u row would be refused:", "%u rows would be refused:",
                                            report->rejected),
                                  report->rejected);
        }
      for (guint i = 0; i < MIN (report->errors->len, LISTED_ERRORS); i++)
        {
          MktCsvRowError *row_error = g_ptr_array_index (report->errors, i);

          g_string_append_printf (status, "\n%s", row_error->message);
        }
      if (report->rejected > LISTED_ERRORS)
        g_string_append_printf (status, "\n%s", _("…and more, each shown in the preview’s Problem column"));
    }

  mkt_import_assistant_set_status (self, status->str);
}

