/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-export"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-export.h"
#include "mkt-print-operation.h"
#include "mkt-task-pages.h"

/*
 * Printing and exports from the window: market sheets and price tags
 * printed or saved as PDF, materials, products and components saved as
 * CSV. mkt-core writes every file; reading and writing run on a worker
 * thread with a store connection of its own, and the outcome comes back
 * as a toast.
 */

#define CHOOSER_KEY "mkt-export-chooser"

static const MktEntitySpec *
lookup_csv_entity (const char  *name,
                   GError     **error)
{
  static const MktEntitySpec * const specs[] = {
    &mkt_material_spec, &mkt_product_spec, &mkt_component_spec,
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (name, specs[i]->name) == 0)
      return specs[i];

  /* Translators: %s is what a button asked to export */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Cannot export “%s” as CSV"),
               name != NULL ? name : "");
  return NULL;
}

static gboolean
check_target (MktExportKind   kind,
              const char     *target,
              GError        **error)
{
  switch (kind)
    {
    case MKT_EXPORT_SHEET:
      if (target == NULL || *target == '\0')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("No market event was given to print the sheet of"));
          return FALSE;
        }
      return TRUE;
    case MKT_EXPORT_TAGS:
      return TRUE;
    case MKT_EXPORT_CSV:
      return lookup_csv_entity (target, error) != NULL;
    default:
      g_assert_not_reached ();
    }
}

/* Reading and writing on a worker thread ------------------------------------- */

typedef struct
{
  char          *db_path;
  MktExportKind  kind;
  char          *target;
  GFile         *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->target, g_free);
  g_clear_object (&data->file);
  g_free (data);
}

static GObject *
load_document (MktSession     *session,
               MktExportKind   kind,
               const char     *target,
               GError        **error)
{
  if (kind == MKT_EXPORT_SHEET)
    return G_OBJECT (mkt_print_sheet_new_for_event (session, target, error));

  if (kind == MKT_EXPORT_TAGS)
    {
      const char *ids[] = { target, NULL };

      return G_OBJECT (mkt_print_tags_new_for_products (session, target != NULL && *target != '\0' ? ids : NULL,
                                                        mkt_tag_layout_get_default (), FALSE, error));
    }

  g_return_val_if_reached (NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  GObject *document;

  session = mkt_task_open_session (data->db_path, &store, NULL, &error);
  if (session == NULL ||
      (document = load_document (session, data->kind, data->target, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, document, g_object_unref);
}

/**
 * mkt_export_load_document_async:
 * @db_path: the database file
 * @kind: %MKT_EXPORT_SHEET or %MKT_EXPORT_TAGS
 * @target: (nullable): the event's id; the product's id, or %NULL or ""
 *   for every product with a price
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the document
 * @user_data: for @callback
 *
 * Reads a market sheet or price tags on a worker thread, to print.
 */
void
mkt_export_load_document_async (const char          *db_path,
                                MktExportKind        kind,
                                const char          *target,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (kind == MKT_EXPORT_SHEET || kind == MKT_EXPORT_TAGS);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_export_load_document_async);
  g_task_set_name (task, "[mkt] load document");

  if (!check_target (kind, target, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (db_path);
  data->kind = kind;
  data->target = g_strdup (target);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * mkt_export_load_document_finish:
 * @result: the result
 * @error: return location for mkt-core's error
 *
 * Returns: (transfer full) (nullable): a #MktPrintSheet or #MktPrintTags
 */
GObject *
mkt_export_load_document_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* CSV goes to a file beside the target that replaces it once complete. */
static gboolean
write_csv (MktSession           *session,
           const MktEntitySpec  *spec,
           GFile                *file,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GCancellable) discard = g_cancellable_new ();
  gboolean ok;

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (output == NULL)
    return FALSE;

  ok = mkt_csv_export_entity (session, spec, G_OUTPUT_STREAM (output), MKT_CSV_EXPORT_NONE, NULL,
                              cancellable, error);
  if (ok)
    return g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error);

  /* Closed cancelled, the temporary file goes and the old one stays. */
  g_cancellable_cancel (discard);
  g_output_stream_close (G_OUTPUT_STREAM (output), discard, NULL);
  return FALSE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GObject) document = NULL;
  const char *path = g_file_peek_path (data->file);
  gboolean ok = FALSE;

  session = mkt_task_open_session (data->db_path, &store, NULL, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == MKT_EXPORT_CSV)
    ok = write_csv (session, lookup_csv_entity (data->target, NULL), data->file, cancellable, &error);
  else if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("PDF files can only be saved to a local folder"));
  else if ((document = load_document (session, data->kind, data->target, &error)) != NULL)
    ok = MKT_IS_PRINT_SHEET (document)
         ? mkt_print_sheet_write_pdf (MKT_PRINT_SHEET (document), mkt_paper_get_default (), path, &error)
         : mkt_print_tags_write_pdf (MKT_PRINT_TAGS (document), path, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mkt_export_write_async:
 * @db_path: the database file
 * @kind: what to write
 * @target: (nullable): the event's id, the product's id (%NULL or "" for
 *   every product with a price) or the entity's name ("material")
 * @file: the file to write, replaced once complete
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: for @callback
 *
 * Writes a market sheet or price tags as a PDF, or an entity as CSV,
 * through mkt-core on a worker thread with a connection of its own.
 */
void
mkt_export_write_async (const char          *db_path,
                        MktExportKind        kind,
                        const char          *target,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_export_write_async);
  g_task_set_name (task, "[mkt] export");

  if (!check_target (kind, target, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (db_path);
  data->kind = kind;
  data->target = g_strdup (target);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * mkt_export_write_finish:
 * @result: the result
 * @error: return location for mkt-core's or the file's error
 *
 * Returns: whether the file was written
 */
gboolean
mkt_export_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* File names --------------------------------------------------------------------- */

/* "Winter Makers' Market" → "winter-makers-market" */
static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", NULL);
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (*p == '\'')
        continue;
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}

/**
 * mkt_export_suggest_name:
 * @session: a session
 * @kind: what is exported
 * @target: (nullable): as for mkt_export_write_async()
 * @error: return location for %MKT_STORE_ERROR_NOT_FOUND (no such event
 *   or product) or an unknown entity
 *
 * Returns: (transfer full) (nullable): the file name a save dialog offers,
 *   "winter-makers-market-sheet.pdf"
 */
char *
mkt_export_suggest_name (MktSession     *session,
                         MktExportKind   kind,
                         const char     *target,
                         GError        **error)
{
  g_autoptr(MktRecord) record = NULL;
  g_autofree char *slug = NULL;
  const MktEntitySpec *spec;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  if (!check_target (kind, target, error))
    return NULL;

  switch (kind)
    {
    case MKT_EXPORT_SHEET:
      record = mkt_session_get (session, &mkt_market_event_spec, target, error);
      if (record == NULL)
        return NULL;
      slug = slugify (mkt_record_get_title (record));
      return g_strdup_printf ("%s-sheet.pdf", *slug != '\0' ? slug : "market");

    case MKT_EXPORT_TAGS:
      if (target == NULL || *target == '\0')
        return g_strdup ("price-tags.pdf");
      record = mkt_session_get (session, &mkt_product_spec, target, error);
      if (record == NULL)
        return NULL;
      slug = slugify (mkt_record_get_title (record));
      return g_strdup_printf ("%s-price-tags.pdf", *slug != '\0' ? slug : "product");

    case MKT_EXPORT_CSV:
      spec = lookup_csv_entity (target, error);
      return g_strdup_printf ("%ss.csv", spec->name);

    default:
      g_assert_not_reached ();
    }
}

/* The window's side ----------------------------------------------------------------- */

static void
show_error (MktWindow    *window,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  mkt_window_add_toast (window, adw_toast_new (escaped));
}

/* The window, without keeping it alive while a file is written. */
static GWeakRef *
weak_window_new (MktWindow *window)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, window);
  return ref;
}

static MktWindow *
weak_window_steal (GWeakRef *ref)
{
  MktWindow *window = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return window;
}

typedef struct
{
  GWeakRef *window;
  GFile    *file;
} WriteCall;

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteCall *call = user_data;
  g_autoptr(MktWindow) window = weak_window_steal (call->window);
  g_autoptr(GFile) file = call->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  g_free (call);

  if (!mkt_export_write_finish (result, &error))
    {
      if (window != NULL)
        show_error (window, error);
      return;
    }

  if (window == NULL)
    return;

  shown = g_file_get_parse_name (file);
  escaped = g_markup_escape_text (shown, -1);
  /* Translators: %s is a file's path */
  title = g_strdup_printf (_("Exported to %s"), escaped);
  mkt_window_add_toast (window, adw_toast_new (title));
}

/**
 * mkt_export_start:
 * @window: the window
 * @kind: what to write
 * @target: (nullable): as for mkt_export_write_async()
 * @file: the file to write
 *
 * Writes the file in the background; a toast tells where it went, or why
 * it could not be written.
 */
void
mkt_export_start (MktWindow     *window,
                  MktExportKind  kind,
                  const char    *target,
                  GFile         *file)
{
  WriteCall *call;

  g_return_if_fail (MKT_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  call = g_new0 (WriteCall, 1);
  call->window = weak_window_new (window);
  call->file = g_object_ref (file);
  mkt_export_write_async (mkt_window_get_db_path (window), kind, target, file, NULL, written_cb, call);
}

typedef struct
{
  MktExportKind  kind;
  char          *target;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_free (data->target);
  g_free (data);
}

/**
 * mkt_export_get_chooser:
 * @window: the window
 *
 * Returns: (transfer none) (nullable): the export's save dialog while it is
 *   open
 */
GtkFileChooserNative *
mkt_export_get_chooser (MktWindow *window)
{
  g_return_val_if_fail (MKT_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), CHOOSER_KEY);
}

/**
 * mkt_export_chooser_respond:
 * @window: the window
 * @file: (nullable): the file chosen, or %NULL to cancel
 *
 * Closes the open save dialog as if the user had chosen @file.
 */
void
mkt_export_chooser_respond (MktWindow *window,
                            GFile     *file)
{
  GtkFileChooserNative *chooser;
  ChooserData *data;

  g_return_if_fail (MKT_IS_WINDOW (window));

  chooser = mkt_export_get_chooser (window);
  if (chooser == NULL)
    return;

  data = g_object_get_data (G_OBJECT (chooser), "mkt-export");
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
  if (file != NULL)
    mkt_export_start (window, data->kind, data->target, file);
  /* Drops the dialog, and the data with it. */
  g_object_set_data (G_OBJECT (window), CHOOSER_KEY, NULL);
}

static void
chooser_free (gpointer chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MktWindow       *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  mkt_export_chooser_respond (window, file);
}

static void
choose_file (MktWindow     *window,
             MktExportKind  kind,
             const char    *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  MktSession *session;
  ChooserData *data;

  session = mkt_window_get_session (window, &error);
  if (session == NULL ||
      (name = mkt_export_suggest_name (session, kind, target, &error)) == NULL)
    {
      show_error (window, error);
      return;
    }

  chooser = gtk_file_chooser_native_new (kind == MKT_EXPORT_CSV ? _("Export CSV") : _("Export PDF"),
                                         GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (kind == MKT_EXPORT_CSV)
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  data = g_new0 (ChooserData, 1);
  data->kind = kind;
  data->target = g_strdup (target);
  g_object_set_data_full (G_OBJECT (chooser), "mkt-export", data, (GDestroyNotify)chooser_data_free);

  /* A second export replaces a dialog still open. */
  if (mkt_export_get_chooser (window) != NULL)
    mkt_export_chooser_respond (window, NULL);
  g_object_set_data_full (G_OBJECT (window), CHOOSER_KEY, chooser, chooser_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing ------------------------------------------------------------------------- */

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               MktWindow               *window)
{
  g_autoptr(GError) error = NULL;

  if (!mkt_print_operation_check (operation, result, &error))
    show_error (window, error);
}

static void
document_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MktWindow) window = weak_window_steal (user_data);
  g_autoptr(GObject) document = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  document = mkt_export_load_document_finish (result, &error);
  if (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return;
  if (document == NULL)
    {
      show_error (window, error);
      return;
    }

  if (MKT_IS_PRINT_SHEET (document))
    operation = mkt_print_operation_new_for_sheet (MKT_PRINT_SHEET (document), mkt_paper_get_default ());
  else
    operation = mkt_print_operation_new_for_tags (MKT_PRINT_TAGS (document));

  /* The dialog does not block the window; GTK keeps the operation alive
   * until it is done. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), window, 0);
  if (mkt_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (window),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (window, error);
}

static const char *
parameter_string (GVariant *parameter)
{
  return parameter != NULL && g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING)
         ? g_variant_get_string (parameter, NULL) : "";
}

/**
 * mkt_export_print_action:
 *
 * win.print-sheet (an event's id) and win.print-tags (a product's id, or ""
 * for every product with a price): the print dialog, with a preview.
 */
void
mkt_export_print_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MktWindow *window = MKT_WINDOW (widget);
  MktExportKind kind = g_str_equal (action_name, "win.print-sheet") ? MKT_EXPORT_SHEET : MKT_EXPORT_TAGS;
  g_autoptr(GError) error = NULL;

  if (!mkt_window_get_ready (window))
    {
      mkt_window_get_session (window, &error);
      show_error (window, error);
      return;
    }

  mkt_export_load_document_async (mkt_window_get_db_path (window), kind, parameter_string (parameter), NULL,
                                  document_loaded_cb, weak_window_new (window));
}

/**
 * mkt_export_pdf_action:
 *
 * win.export-sheet and win.export-tags: "Export PDF…" to a file the user
 * picks.
 */
void
mkt_export_pdf_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (MKT_WINDOW (widget),
               g_str_equal (action_name, "win.export-sheet") ? MKT_EXPORT_SHEET : MKT_EXPORT_TAGS,
               parameter_string (parameter));
}

/**
 * mkt_export_csv_action:
 *
 * win.export-csv ("material", "product" or "component"): "Export CSV…".
 */
void
mkt_export_csv_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (MKT_WINDOW (widget), MKT_EXPORT_CSV, parameter_string (parameter));
}
