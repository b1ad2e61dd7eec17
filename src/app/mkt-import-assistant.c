/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-import-assistant-private.h"

/*
 * The CSV import assistant: a file, what it holds (materials, products,
 * components), its format or a column by column mapping, a preview of its
 * first rows with the errors a dry run finds on each, then the import
 * itself with a progress bar. mkt-core's importer does all of it; the dry
 * run and the import run on a worker thread with a store connection of
 * their own, so the window never waits on the file or on SQLite.
 */

#define WINDOW_KEY "mkt-import-assistant"

static const MktEntitySpec * const entity_specs[] = {
  &mkt_material_spec, &mkt_product_spec, &mkt_component_spec,
};

/* The assistant ----------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (MktImportAssistant, mkt_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const MktEntitySpec *
mkt_import_assistant_current_spec (MktImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->entity_row);

  return entity_specs[selected < G_N_ELEMENTS (entity_specs) ? selected : 0];
}

MktCsvFormat
mkt_import_assistant_current_format (MktImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected <= MKT_CSV_FORMAT_ETSY ? (MktCsvFormat)selected : MKT_CSV_FORMAT_GENERIC;
}

static void
update_actions (MktImportAssistant *self)
{
  gboolean busy = self->previewing || self->importing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run",
                                 self->file_ok && !busy && !self->imported);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !self->importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entity_row), !self->importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !self->importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), !self->importing);
  gtk_button_set_label (self->cancel_button, self->importing || !self->imported ? _("_Cancel") : _("_Close"));
}

static void
set_busy (MktImportAssistant *self,
          gboolean            previewing,
          gboolean            importing)
{
  gboolean was_busy = self->previewing || self->importing;

  self->previewing = previewing;
  self->importing = importing;
  update_actions (self);

  if (was_busy != (previewing || importing))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
mkt_import_assistant_set_status (MktImportAssistant *self,
                                 const char         *text)
{
  gtk_label_set_text (self->status_label, text);
}

static RunData *
run_data_new (MktImportAssistant *self,
              gboolean            dry_run)
{
  RunData *data = g_new0 (RunData, 1);

  data->db_path = g_strdup (self->window != NULL ? mkt_window_get_db_path (self->window) : "");
  data->file = g_object_ref (self->file);
  data->spec = mkt_import_assistant_current_spec (self);
  data->format = mkt_import_assistant_current_format (self);
  data->dry_run = dry_run;
  data->overrides = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->header != NULL && i < self->targets->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);

      if (target == NULL)
        continue;
      g_ptr_array_add (data->overrides, g_strdup (self->header[i]));
      g_ptr_array_add (data->overrides, g_strdup (target));
    }

  return data;
}

/* The preview ------------------------------------------------------------------- */

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MktImportAssistant *self = MKT_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A newer preview replaced this one, or the assistant is gone. */
  if (cancellable != self->preview_cancellable || self->preview == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->file_ok = FALSE;
      g_list_store_remove_all (self->preview);
      mkt_import_assistant_set_status (self, error->message);
    }
  else
    mkt_import_assistant_show_dry_run (self, g_task_get_task_data (G_TASK (result)));

  g_clear_object (&self->preview_cancellable);
  set_busy (self, FALSE, self->importing);
}

void
mkt_import_assistant_reload_preview (MktImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->file == NULL || self->importing)
    return;

  /* Rows built for another entity or format offer other fields. */
  if (self->header != NULL && (self->rows_spec != mkt_import_assistant_current_spec (self) || self->rows_format != mkt_import_assistant_current_format (self)))
    {
      g_clear_pointer (&self->header, g_strfreev);
      mkt_import_assistant_clear_column_rows (self);
      g_ptr_array_set_size (self->targets, 0);
    }

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  self->file_ok = FALSE;
  self->imported = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  mkt_import_assistant_set_status (self, _("Reading the file…"));
  set_busy (self, TRUE, self->importing);

  task = g_task_new (self, self->preview_cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, mkt_import_assistant_reload_preview);
  g_task_set_name (task, "[mkt] import preview");
  g_task_set_task_data (task, run_data_new (self, TRUE), (GDestroyNotify)mkt_import_run_data_free);
  g_task_run_in_thread (task, mkt_import_run_thread);
}

/* The import -------------------------------------------------------------------- */

static gboolean
progress_tick_cb (gpointer user_data)
{
  MktImportAssistant *self = user_data;
  guint done = (guint)g_atomic_int_get (&self->progress_rows);
  g_autofree char *text = NULL;

  /* Translators: progress of an import, "120 of 4000 rows" */
  text = g_strdup_printf (_("%u of %u rows"), done, self->total_rows);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 self->total_rows > 0 ? MIN ((double)done / self->total_rows, 1.0) : 0);

  return G_SOURCE_CONTINUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MktImportAssistant *self = MKT_IMPORT_ASSISTANT (object);
  RunData *data = g_task_get_task_data (G_TASK (result));
  const MktCsvImportReport *report = &data->report;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Disposed: the rows were cancelled and nothing is left to show. */
  if (self->preview == NULL)
    return;

  /* The bar shows how far it got; it stays on a finished import. */
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->import_cancellable);
  progress_tick_cb (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_string_append (text, _("The import was cancelled; nothing was imported."));
      else
        g_string_append (text, error->message);
    }
  else if (data->problem != NULL || !report->committed)
    g_string_append (text, data->problem != NULL ? data->problem->message : _("Nothing was imported."));
  else
    {
      guint n = report->created + report->updated + report->unchanged;

      self->imported = TRUE;
      self->counts[0] = report->created;
      self->counts[1] = report->updated;
      self->counts[2] = report->rejected;
      g_string_append_printf (text,
                              /* Translators: %u new, %u updated, %u unchanged items after an import */
                              ngettext ("Imported %u row: %u new, %u updated, %u unchanged.",
                                        "Imported %u rows: %u new, %u updated, %u unchanged.", n),
                              n, report->created, report->updated, report->unchanged);
      if (report->rejected > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  ngettext ("%u row was refused:", "%u rows were refused:", report->rejected),
                                  report->rejected);
        }
      for (guint i = 0; i < MIN (report->errors->len, LISTED_ERRORS); i++)
        {
          MktCsvRowError *row_error = g_ptr_array_index (report->errors, i);

          g_string_append_printf (text, "\n%s", row_error->message);
        }
      if (report->rejected > LISTED_ERRORS)
        g_string_append_printf (text, "\n%s", _("…and more"));

      /* The pages that show what was imported read it again. */
      if (self->window != NULL && (report->created > 0 || report->updated > 0))
        mkt_window_data_changed (self->window, data->spec->name);
    }

  gtk_label_set_text (self->result_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  set_busy (self, self->previewing, FALSE);
}

/**
 * mkt_import_assistant_import:
 * @self: an assistant whose preview found rows to import
 *
 * Imports the file on a worker thread: the good rows are kept, the refused
 * ones listed with their line. The window's pages then reload.
 */
void
mkt_import_assistant_import (MktImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (MKT_IS_IMPORT_ASSISTANT (self));

  if (!self->file_ok || self->importing || self->previewing || self->imported)
    return;

  self->import_cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_rows, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  progress_tick_cb (self);
  self->progress_source = g_timeout_add (100, progress_tick_cb, self);
  set_busy (self, FALSE, TRUE);

  data = run_data_new (self, FALSE);
  data->progress = &self->progress_rows;

  /* The task keeps the assistant, and so the counter, alive. */
  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, mkt_import_assistant_import);
  g_task_set_name (task, "[mkt] import");
  g_task_set_task_data (task, data, (GDestroyNotify)mkt_import_run_data_free);
  g_task_run_in_thread (task, mkt_import_run_thread);
}

/**
 * mkt_import_assistant_cancel:
 * @self: an assistant
 *
 * Stops a running import (which then keeps nothing), or closes the
 * assistant.
 */
void
mkt_import_assistant_cancel (MktImportAssistant *self)
{
  g_return_if_fail (MKT_IS_IMPORT_ASSISTANT (self));

  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* Choosing the file -------------------------------------------------------------- */

static void
chooser_response_cb (MktImportAssistant   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    mkt_import_assistant_set_file (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MktImportAssistant *self = MKT_IMPORT_ASSISTANT (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Import CSV"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  mkt_import_assistant_import (MKT_IMPORT_ASSISTANT (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mkt_import_assistant_cancel (MKT_IMPORT_ASSISTANT (widget));
}

static void
options_changed_cb (MktImportAssistant *self)
{
  mkt_import_assistant_reload_preview (self);
}

/* GObject ------------------------------------------------------------------------ */

static gboolean
mkt_import_assistant_close_request (GtkWindow *window)
{
  MktImportAssistant *self = MKT_IMPORT_ASSISTANT (window);

  /* A running import stops and keeps nothing; the task holds the
   * assistant until it has. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);

  return GTK_WINDOW_CLASS (mkt_import_assistant_parent_class)->close_request (window);
}

static void
mkt_import_assistant_dispose (GObject *object)
{
  MktImportAssistant *self = (MktImportAssistant *)object;

  if (self->window != NULL && g_object_get_data (G_OBJECT (self->window), WINDOW_KEY) == self)
    g_object_set_data (G_OBJECT (self->window), WINDOW_KEY, NULL);
  g_clear_weak_pointer (&self->window);

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_IMPORT_ASSISTANT);
  g_clear_object (&self->file);
  g_clear_object (&self->preview);

  G_OBJECT_CLASS (mkt_import_assistant_parent_class)->dispose (object);
}

static void
mkt_import_assistant_finalize (GObject *object)
{
  MktImportAssistant *self = (MktImportAssistant *)object;

  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);

  G_OBJECT_CLASS (mkt_import_assistant_parent_class)->finalize (object);
}

static void
mkt_import_assistant_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MktImportAssistant *self = MKT_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mkt_import_assistant_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_import_assistant_class_init (MktImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mkt_import_assistant_dispose;
  object_class->finalize = mkt_import_assistant_finalize;
  object_class->get_property = mkt_import_assistant_get_property;
  window_class->close_request = mkt_import_assistant_close_request;

  /* Whether a preview or an import is running. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, entity_row);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, format_row);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, status_label);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, preview_view);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, result_label);
  gtk_widget_class_bind_template_child (widget_class, MktImportAssistant, cancel_button);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
mkt_import_assistant_init (MktImportAssistant *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->preview = g_list_store_new (MKT_TYPE_IMPORT_ROW);
  self->column_rows = g_ptr_array_new ();
  self->targets = g_ptr_array_new_with_free_func (g_free);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->preview)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  mkt_import_assistant_build_preview_columns (self);

  g_signal_connect_object (self->entity_row, "notify::selected", G_CALLBACK (options_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (options_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* API ---------------------------------------------------------------------------- */

/**
 * mkt_import_assistant_new:
 * @window: the window whose business the rows go into
 *
 * Returns: (transfer none): a new assistant, transient for @window and
 *   owned by GTK's list of toplevels
 */
MktImportAssistant *
mkt_import_assistant_new (MktWindow *window)
{
  MktImportAssistant *self;

  g_return_val_if_fail (MKT_IS_WINDOW (window), NULL);

  self = g_object_new (MKT_TYPE_IMPORT_ASSISTANT,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  g_object_set_data (G_OBJECT (window), WINDOW_KEY, self);

  return self;
}

/**
 * mkt_import_assistant_get_for_window:
 * @window: a window
 *
 * Returns: (transfer none) (nullable): the window's open assistant
 */
MktImportAssistant *
mkt_import_assistant_get_for_window (MktWindow *window)
{
  g_return_val_if_fail (MKT_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), WINDOW_KEY);
}

/**
 * mkt_import_assistant_set_file:
 * @self: an assistant
 * @file: a CSV file
 *
 * Reads the file's header and first rows, and dry-runs the import.
 */
void
mkt_import_assistant_set_file (MktImportAssistant *self,
                               GFile              *file)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (MKT_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->importing)
    return;

  g_set_object (&self->file, file);
  shown = g_file_get_parse_name (file);
  adw_action_row_set_subtitle (self->file_row, shown);

  /* Another file has other columns. */
  g_clear_pointer (&self->header, g_strfreev);
  mkt_import_assistant_clear_column_rows (self);
  g_ptr_array_set_size (self->targets, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);

  mkt_import_assistant_reload_preview (self);
}

GFile *
mkt_import_assistant_get_file (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  return self->file;
}

/**
 * mkt_import_assistant_set_entity:
 * @self: an assistant
 * @entity: "material", "product" or "component"
 */
void
mkt_import_assistant_set_entity (MktImportAssistant *self,
                                 const char         *entity)
{
  g_return_if_fail (MKT_IS_IMPORT_ASSISTANT (self));

  for (guint i = 0; i < G_N_ELEMENTS (entity_specs); i++)
    if (g_strcmp0 (entity, entity_specs[i]->name) == 0)
      adw_combo_row_set_selected (self->entity_row, i);
}

const char *
mkt_import_assistant_get_entity (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  return mkt_import_assistant_current_spec (self)->name;
}

void
mkt_import_assistant_set_format (MktImportAssistant *self,
                                 MktCsvFormat        format)
{
  g_return_if_fail (MKT_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (format <= MKT_CSV_FORMAT_ETSY);

  adw_combo_row_set_selected (self->format_row, format);
}

/**
 * mkt_import_assistant_set_column_target:
 * @self: an assistant with a file
 * @column: a column of the file, by its header
 * @target: (nullable): "-" to skip it, "id", a field's column name, or
 *   %NULL for what the format makes of it
 *
 * Chooses in the column's row what it gives, as a user would.
 *
 * Returns: whether the file has the column and the entity the target
 */
gboolean
mkt_import_assistant_set_column_target (MktImportAssistant *self,
                                        const char         *column,
                                        const char         *target)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint i = 0; self->header != NULL && i < self->column_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->column_rows, i);
      GPtrArray *targets = g_object_get_data (G_OBJECT (row), "mkt-targets");

      if (!g_str_equal (self->header[i], column))
        continue;

      for (guint t = 0; t < targets->len; t++)
        if (g_strcmp0 (g_ptr_array_index (targets, t), target) == 0)
          {
            adw_combo_row_set_selected (row, t);
            return TRUE;
          }
    }

  return FALSE;
}

gboolean
mkt_import_assistant_get_busy (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), FALSE);

  return self->previewing || self->importing;
}

gboolean
mkt_import_assistant_get_importing (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), FALSE);

  return self->importing;
}

/**
 * mkt_import_assistant_get_can_import:
 * @self: an assistant
 *
 * Returns: whether the dry run found rows to import with the mapping set
 */
gboolean
mkt_import_assistant_get_can_import (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), FALSE);

  return self->file_ok && !self->imported;
}

guint
mkt_import_assistant_get_n_preview_rows (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->preview));
}

static MktImportRow *
peek_row (MktImportAssistant *self,
          guint               position)
{
  g_autoptr(MktImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->preview), position);

  /* The store keeps it. */
  return row;
}

guint
mkt_import_assistant_get_preview_line (MktImportAssistant *self,
                                       guint               position)
{
  MktImportRow *row;

  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), 0);

  row = peek_row (self, position);
  return row != NULL ? row->line : 0;
}

const char *
mkt_import_assistant_get_preview_field (MktImportAssistant *self,
                                        guint               position,
                                        guint               column)
{
  MktImportRow *row;

  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  row = peek_row (self, position);
  return row != NULL && column < g_strv_length (row->fields) ? row->fields[column] : NULL;
}

const char *
mkt_import_assistant_get_preview_problem (MktImportAssistant *self,
                                          guint               position)
{
  MktImportRow *row;

  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  row = peek_row (self, position);
  return row != NULL ? row->problem : NULL;
}

/**
 * mkt_import_assistant_get_status:
 * @self: an assistant
 *
 * Returns: (transfer none): what the preview says: the dry run's counts
 *   and refused rows, or why the file cannot be imported
 */
const char *
mkt_import_assistant_get_status (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_label_get_text (self->status_label);
}

/**
 * mkt_import_assistant_get_result:
 * @self: an assistant
 *
 * Returns: (transfer none) (nullable): the summary of the last import
 */
const char *
mkt_import_assistant_get_result (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->result_label)) ? gtk_label_get_text (self->result_label)
                                                                    : NULL;
}

/**
 * mkt_import_assistant_get_counts:
 * @self: an assistant
 * @out_created: (out) (optional): rows that made new items
 * @out_updated: (out) (optional): rows that changed items
 * @out_rejected: (out) (optional): rows refused
 *
 * Returns: whether an import went through
 */
gboolean
mkt_import_assistant_get_counts (MktImportAssistant *self,
                                 guint              *out_created,
                                 guint              *out_updated,
                                 guint              *out_rejected)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), FALSE);

  if (out_created != NULL)
    *out_created = self->counts[0];
  if (out_updated != NULL)
    *out_updated = self->counts[1];
  if (out_rejected != NULL)
    *out_rejected = self->counts[2];

  return self->imported;
}

double
mkt_import_assistant_get_fraction (MktImportAssistant *self)
{
  g_return_val_if_fail (MKT_IS_IMPORT_ASSISTANT (self), 0);

  return gtk_progress_bar_get_fraction (self->progress_bar);
}

/**
 * mkt_import_assistant_action:
 *
 * win.import: opens the window's import assistant, or brings it forward.
 */
void
mkt_import_assistant_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MktWindow *window = MKT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  MktImportAssistant *assistant;

  if (!mkt_window_get_ready (window))
    {
      g_autofree char *escaped = NULL;

      mkt_window_get_session (window, &error);
      escaped = g_markup_escape_text (error->message, -1);
      mkt_window_add_toast (window, adw_toast_new (escaped));
      return;
    }

  assistant = mkt_import_assistant_get_for_window (window);
  if (assistant == NULL)
    assistant = mkt_import_assistant_new (window);
  gtk_window_present (GTK_WINDOW (assistant));
}
