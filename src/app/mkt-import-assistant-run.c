/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-import-assistant-private.h"
#include "mkt-task-pages.h"

/*
 * The import assistant's work on a worker thread, with a store connection
 * of its own: the file's header and first rows, and mkt-core's importer,
 * as a dry run for the preview or for real.
 */

G_DEFINE_FINAL_TYPE (MktImportRow, mkt_import_row, G_TYPE_OBJECT)

static void
mkt_import_row_finalize (GObject *object)
{
  MktImportRow *self = (MktImportRow *)object;

  g_clear_pointer (&self->fields, g_strfreev);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (mkt_import_row_parent_class)->finalize (object);
}

static void
mkt_import_row_class_init (MktImportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mkt_import_row_finalize;
}

static void
mkt_import_row_init (MktImportRow *self)
{
}


void
mkt_import_run_data_free (RunData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_object (&data->file);
  g_clear_pointer (&data->overrides, g_ptr_array_unref);
  g_clear_pointer (&data->header, g_strfreev);
  g_clear_pointer (&data->automatic, g_strfreev);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->report.errors, g_ptr_array_unref);
  g_clear_error (&data->problem);
  g_free (data);
}

static void
copy_report (RunData                  *data,
             const MktCsvImportReport *report)
{
  data->report = *report;
  data->report.errors = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_csv_row_error_free);
  for (guint i = 0; report->errors != NULL && i < report->errors->len; i++)
    {
      const MktCsvRowError *from = g_ptr_array_index (report->errors, i);
      MktCsvRowError *copy = g_new0 (MktCsvRowError, 1);

      copy->line = from->line;
      copy->field = g_strdup (from->field);
      copy->reason = g_strdup (from->reason);
      copy->message = g_strdup (from->message);
      g_ptr_array_add (data->report.errors, copy);
    }
}

/* The header and the first rows, as the importer will read them. */
static gboolean
read_preview (RunData       *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(MktCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_columns;

  input = g_file_read (data->file, cancellable, error);
  if (input == NULL)
    return FALSE;

  reader = mkt_csv_reader_new (G_INPUT_STREAM (input));
  if (!mkt_csv_reader_next (reader, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, MKT_CSV_ERROR, MKT_CSV_ERROR_EMPTY,
                             _("The file is empty: it has not even a header row"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  n_columns = mkt_csv_reader_get_n_fields (reader);
  data->header = g_new0 (char *, n_columns + 1);
  data->automatic = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    data->header[i] = g_strdup (mkt_csv_reader_get_field (reader, i));

  /* What the format alone makes of each column, told apart. */
  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(MktCsvMapping) mapping = mkt_csv_mapping_new (data->spec, data->format, NULL);
      const MktCsvColumn *columns;
      guint n;

      if (mapping == NULL ||
          !mkt_csv_mapping_bind (mapping, (const char * const *)&data->header[i], 1, NULL) ||
          (columns = mkt_csv_mapping_get_columns (mapping, &n)) == NULL || n != 1)
        data->automatic[i] = g_strdup (_("not recognised"));
      else if (columns[0].target == MKT_CSV_TARGET_SKIP)
        data->automatic[i] = g_strdup (_("skipped"));
      else if (columns[0].target == MKT_CSV_TARGET_ID)
        data->automatic[i] = g_strdup ("id");
      else if (columns[0].target == MKT_CSV_TARGET_CURRENCY)
        data->automatic[i] = g_strdup (_("currency"));
      else
        data->automatic[i] = g_strdup (columns[0].field);
    }

  data->rows = g_ptr_array_new_with_free_func (g_object_unref);
  while (data->rows->len < PREVIEW_ROWS && mkt_csv_reader_next (reader, cancellable, &local_error))
    {
      MktImportRow *row = g_object_new (MKT_TYPE_IMPORT_ROW, NULL);
      guint n_fields = mkt_csv_reader_get_n_fields (reader);

      row->line = mkt_csv_reader_get_line (reader);
      row->fields = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        row->fields[i] = g_strdup (mkt_csv_reader_get_field (reader, i));
      g_ptr_array_add (data->rows, row);
    }

  /* A broken row further on is the dry run's to report. */
  if (local_error != NULL && data->rows->len == 0 && n_columns == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
progress_cb (guint    rows_read,
             gpointer user_data)
{
  RunData *data = user_data;

  if (data->progress != NULL)
    g_atomic_int_set (data->progress, (int)MIN (rows_read, G_MAXINT));
}

/* The dry run or the import. Errors that concern the file or its mapping
 * are data->problem; only the store's failures fail the task. */
static gboolean
run_import (RunData       *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktCsvMapping) mapping = NULL;
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  gboolean ok;

  mapping = mkt_csv_mapping_new (data->spec, data->format, &local_error);
  for (guint i = 0; mapping != NULL && i + 1 < data->overrides->len; i += 2)
    if (!mkt_csv_mapping_add (mapping, g_ptr_array_index (data->overrides, i),
                              g_ptr_array_index (data->overrides, i + 1), &local_error))
      break;
  if (local_error != NULL)
    {
      data->problem = g_steal_pointer (&local_error);
      return TRUE;
    }

  input = g_file_read (data->file, cancellable, error);
  if (input == NULL)
    return FALSE;

  session = mkt_task_open_session (data->db_path, &store, NULL, error);
  if (session == NULL)
    return FALSE;

  importer = mkt_csv_importer_new (session, mapping);
  mkt_csv_importer_set_mode (importer, MKT_CSV_IMPORT_SKIP_INVALID);
  mkt_csv_importer_set_dry_run (importer, data->dry_run);
  mkt_csv_importer_set_progress_func (importer, progress_cb, data, NULL);

  ok = mkt_csv_importer_run (importer, G_INPUT_STREAM (input), cancellable, &local_error);
  copy_report (data, mkt_csv_importer_get_report (importer));
  if (ok)
    return TRUE;

  if (local_error->domain == MKT_CSV_ERROR)
    {
      data->problem = g_steal_pointer (&local_error);
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
mkt_import_run_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;

  if ((data->dry_run && !read_preview (data, cancellable, &error)) ||
      !run_import (data, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

