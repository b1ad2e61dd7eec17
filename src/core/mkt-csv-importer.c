/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-importer-private.h"
#include "mkt-csv-writer.h"
#include "mkt-error.h"

/**
 * MktCsvImporter:
 *
 * Imports the rows of a CSV file as items of one entity (materials,
 * products) through a #MktSession, so that every row meets the same rules
 * as an edit by hand and is audited and sent like one.
 *
 * A row names its item by id or by the entity's unique key (a sku): an
 * active item found so is updated in the fields that change, others are
 * created. All rows go in one batch. In all-or-nothing mode (the default)
 * one refused row and nothing is kept; in skip-invalid mode the good rows
 * are kept and the refused ones written, with the reason, to the reject
 * stream. A dry run does everything and keeps nothing. A broken file (a
 * quote left open, binary data, a row past the length limit) keeps
 * nothing in any mode.
 */

G_DEFINE_FINAL_TYPE (MktCsvImporter, mkt_csv_importer, G_TYPE_OBJECT)

void
mkt_csv_row_error_free (MktCsvRowError *error)
{
  if (error == NULL)
    return;

  g_free (error->field);
  g_free (error->reason);
  g_free (error->message);
  g_free (error);
}

static void
reset_run (MktCsvImporter *self)
{
  g_clear_pointer (&self->report.errors, g_ptr_array_unref);
  memset (&self->report, 0, sizeof self->report);
  self->report.errors = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_csv_row_error_free);
  g_clear_object (&self->rejects);
  g_clear_pointer (&self->seen_keys, g_hash_table_unref);
  g_clear_pointer (&self->last_title, g_free);
  g_clear_pointer (&self->last_handle, g_free);
}

static void
mkt_csv_importer_dispose (GObject *object)
{
  MktCsvImporter *self = (MktCsvImporter *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->mapping);
  g_clear_object (&self->reject_stream);
  g_clear_object (&self->rejects);
  mkt_csv_importer_set_progress_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (mkt_csv_importer_parent_class)->dispose (object);
}

static void
mkt_csv_importer_finalize (GObject *object)
{
  MktCsvImporter *self = (MktCsvImporter *)object;

  reset_run (self);
  g_clear_pointer (&self->report.errors, g_ptr_array_unref);

  G_OBJECT_CLASS (mkt_csv_importer_parent_class)->finalize (object);
}

static void
mkt_csv_importer_class_init (MktCsvImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mkt_csv_importer_dispose;
  object_class->finalize = mkt_csv_importer_finalize;
}

static void
mkt_csv_importer_init (MktCsvImporter *self)
{
  self->max_line = MKT_CSV_DEFAULT_MAX_LINE;
  reset_run (self);
}

/**
 * mkt_csv_importer_new:
 * @session: who imports, into which business
 * @mapping: the entity, the format and the explicit column entries
 *
 * Returns: (transfer full): an all-or-nothing importer that detects the
 *   delimiter and the encoding
 */
MktCsvImporter *
mkt_csv_importer_new (MktSession    *session,
                      MktCsvMapping *mapping)
{
  MktCsvImporter *self;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (MKT_IS_CSV_MAPPING (mapping), NULL);

  self = g_object_new (MKT_TYPE_CSV_IMPORTER, NULL);
  self->session = g_object_ref (session);
  self->mapping = g_object_ref (mapping);
  self->spec = mkt_csv_mapping_get_spec (mapping);
  return self;
}

/**
 * mkt_csv_importer_set_mode:
 * @self: an importer
 * @mode: what a refused row does to the rest
 */
void
mkt_csv_importer_set_mode (MktCsvImporter   *self,
                           MktCsvImportMode  mode)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));

  self->mode = mode;
}

/**
 * mkt_csv_importer_set_dry_run:
 * @self: an importer
 * @dry_run: whether to check and count every row and keep nothing
 */
void
mkt_csv_importer_set_dry_run (MktCsvImporter *self,
                              gboolean        dry_run)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));

  self->dry_run = dry_run;
}

/**
 * mkt_csv_importer_set_delimiter:
 * @self: an importer
 * @delimiter: the file's delimiter, or 0 to find it from the header
 */
void
mkt_csv_importer_set_delimiter (MktCsvImporter *self,
                                char            delimiter)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));

  self->delimiter = delimiter;
}

/**
 * mkt_csv_importer_set_encoding:
 * @self: an importer
 * @encoding: the file's encoding, or %MKT_CSV_ENCODING_AUTO to find it
 */
void
mkt_csv_importer_set_encoding (MktCsvImporter *self,
                               MktCsvEncoding  encoding)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));

  self->encoding = encoding;
}

/**
 * mkt_csv_importer_set_max_line:
 * @self: an importer
 * @max_bytes: the longest row the file may have (see
 *   mkt_csv_reader_set_max_line())
 */
void
mkt_csv_importer_set_max_line (MktCsvImporter *self,
                               gsize           max_bytes)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));
  g_return_if_fail (max_bytes > 0);

  self->max_line = max_bytes;
}

/**
 * mkt_csv_importer_set_reject_stream:
 * @self: an importer
 * @stream: (nullable): where refused rows go, as CSV with the file's
 *   columns and a "reject_reason" column; %NULL for nowhere
 */
void
mkt_csv_importer_set_reject_stream (MktCsvImporter *self,
                                    GOutputStream  *stream)
{
  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));
  g_return_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream));

  g_set_object (&self->reject_stream, stream);
}

/**
 * mkt_csv_importer_set_progress_func:
 * @self: an importer
 * @func: (nullable): called after each row, on the thread of the run
 * @user_data: (nullable): for @func
 * @destroy: (nullable): frees @user_data when the function is replaced or
 *   the importer disposed
 *
 * Follows a long import row by row, to show how far it got. A dry run
 * tells how many rows there are.
 */
void
mkt_csv_importer_set_progress_func (MktCsvImporter           *self,
                                    MktCsvImportProgressFunc  func,
                                    gpointer                  user_data,
                                    GDestroyNotify            destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_return_if_fail (MKT_IS_CSV_IMPORTER (self));

  old_destroy = self->progress_destroy;
  old_data = self->progress_data;
  self->progress = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;

  if (old_destroy != NULL)
    old_destroy (old_data);
}

/**
 * mkt_csv_importer_get_report:
 * @self: an importer
 *
 * Returns: (transfer none): what the last run did
 */
const MktCsvImportReport *
mkt_csv_importer_get_report (MktCsvImporter *self)
{
  g_return_val_if_fail (MKT_IS_CSV_IMPORTER (self), NULL);

  return &self->report;
}

/* Refused rows --------------------------------------------------------------------- */

static void
add_row_error (MktCsvImporter *self,
               guint           line,
               const GError   *error,
               const char     *reason)
{
  MktCsvRowError *row_error;

  self->report.rejected++;
  if (self->report.errors->len >= MKT_CSV_MAX_ROW_ERRORS)
    return;

  row_error = g_new0 (MktCsvRowError, 1);
  row_error->line = line;
  row_error->field = g_strdup (mkt_validation_error_get_field (error));
  row_error->reason = g_strdup (reason);
  row_error->message = g_strdup_printf ("line %u, %s", line, reason);
  g_ptr_array_add (self->report.errors, row_error);
}

static gboolean
write_reject (MktCsvImporter      *self,
              const char * const  *fields,
              guint                n_fields,
              const char          *reason,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autofree const char **row = NULL;
  guint n = MAX (n_fields, self->n_columns);

  if (self->rejects == NULL)
    return TRUE;

  row = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n_fields; i++)
    row[i] = fields[i];
  row[n] = reason;

  return mkt_csv_writer_write_row (self->rejects, row, n + 1, cancellable, error);
}

/* Runs ---------------------------------------------------------------------------- */

static gboolean
prepare (MktCsvImporter  *self,
         GError         **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) any = NULL;

  mkt_query_set_limit (query, 1);
  any = mkt_session_list (self->session, self->spec, query, NULL, error);
  if (any == NULL)
    return FALSE;
  self->started_empty = any->len == 0;

  self->key_field = -1;
  for (guint i = 0; i < self->spec->n_fields && self->key_field < 0; i++)
    if ((self->spec->fields[i].flags & MKT_FIELD_UNIQUE) && self->spec->fields[i].type == MKT_FIELD_TEXT)
      self->key_field = i;

  self->key_column = self->key_field >= 0
                     ? mkt_csv_mapping_find_field (self->mapping, self->spec->fields[self->key_field].name)
                     : -1;
  self->id_column = mkt_csv_mapping_find_target (self->mapping, MKT_CSV_TARGET_ID);
  self->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->title_column = -1;
  for (guint i = 0; i < G_N_ELEMENTS (self->option_columns); i++)
    self->option_columns[i] = -1;

  if (mkt_csv_mapping_get_format (self->mapping) == MKT_CSV_FORMAT_SHOPIFY)
    {
      self->title_column = mkt_csv_mapping_find_field (self->mapping, "name");
      self->handle_column = mkt_csv_mapping_find_header (self->mapping, "Handle");
      for (guint i = 0; i < G_N_ELEMENTS (self->option_columns); i++)
        {
          g_autofree char *header = g_strdup_printf ("Option%u Value", i + 1);

          self->option_columns[i] = mkt_csv_mapping_find_header (self->mapping, header);
        }
    }

  return TRUE;
}

static gboolean
start_rejects (MktCsvImporter      *self,
               const char * const  *header,
               guint                n_columns,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autofree const char **row = NULL;

  if (self->reject_stream == NULL)
    return TRUE;

  self->rejects = mkt_csv_writer_new (self->reject_stream);
  mkt_csv_writer_set_delimiter (self->rejects, self->report.delimiter);
  mkt_csv_writer_set_bom (self->rejects, self->report.has_bom);

  row = g_new0 (const char *, n_columns + 2);
  for (guint i = 0; i < n_columns; i++)
    row[i] = header[i];
  row[n_columns] = MKT_CSV_REJECT_COLUMN;

  return mkt_csv_writer_write_row (self->rejects, row, n_columns + 1, cancellable, error);
}

static void
report_progress (MktCsvImporter *self)
{
  if (self->progress != NULL)
    self->progress (self->report.rows_read, self->progress_data);
}

static gboolean
read_rows (MktCsvImporter  *self,
           MktCsvReader    *reader,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GError) read_error = NULL;

  while (mkt_csv_reader_next (reader, cancellable, &read_error))
    {
      const char * const *fields = mkt_csv_reader_get_fields (reader);
      guint n_fields = mkt_csv_reader_get_n_fields (reader);
      guint line = mkt_csv_reader_get_line (reader);
      g_autoptr(GError) row_error = NULL;
      g_autofree char *reason = NULL;
      MktCsvRowOutcome outcome;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      self->report.rows_read++;
      if (!mkt_csv_importer_import_row (self, fields, n_fields, line, &outcome, &row_error))
        {
          if (mkt_csv_importer_is_fatal (row_error))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&row_error), "line %u: ", line);
              return FALSE;
            }

          reason = mkt_csv_importer_row_reason (self, row_error);
          add_row_error (self, line, row_error, reason);
          if (!write_reject (self, fields, n_fields, reason, cancellable, error))
            return FALSE;
          report_progress (self);
          continue;
        }

      switch (outcome)
        {
        case MKT_CSV_ROW_CREATED: self->report.created++; break;
        case MKT_CSV_ROW_UPDATED: self->report.updated++; break;
        case MKT_CSV_ROW_UNCHANGED: self->report.unchanged++; break;
        case MKT_CSV_ROW_SKIPPED: self->report.skipped++; break;
        default: g_assert_not_reached ();
        }
      report_progress (self);
    }

  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  return TRUE;
}

static void
forget_counts (MktCsvImporter *self)
{
  self->report.created = 0;
  self->report.updated = 0;
  self->report.unchanged = 0;
}

/**
 * mkt_csv_importer_run:
 * @self: an importer
 * @input: the CSV file, its header first
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error: a %MKT_CSV_ERROR about the file or
 *   the mapping, %MKT_CSV_ERROR_INVALID_ROWS when an all-or-nothing import
 *   refused rows (the report lists them), or the store's
 *
 * Imports the rows of @input; mkt_csv_importer_get_report() then says what
 * was done, also when this fails.
 *
 * Returns: whether the import went through (in skip-invalid mode, also
 *   when rows were refused)
 */
gboolean
mkt_csv_importer_run (MktCsvImporter  *self,
                      GInputStream    *input,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(MktCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  const char * const *header;
  guint n_columns;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_CSV_IMPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);

  reset_run (self);
  self->report.dry_run = self->dry_run;
  self->report.format = mkt_csv_mapping_get_format (self->mapping);

  reader = mkt_csv_reader_new (input);
  mkt_csv_reader_set_delimiter (reader, self->delimiter);
  mkt_csv_reader_set_encoding (reader, self->encoding);
  mkt_csv_reader_set_max_line (reader, self->max_line);

  if (!mkt_csv_reader_next (reader, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, MKT_CSV_ERROR, MKT_CSV_ERROR_EMPTY,
                             "The file is empty: it has not even a header row");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  header = mkt_csv_reader_get_fields (reader);
  n_columns = mkt_csv_reader_get_n_fields (reader);
  self->n_columns = n_columns;
  self->report.delimiter = mkt_csv_reader_get_delimiter (reader);
  self->report.has_bom = mkt_csv_reader_get_has_bom (reader);
  self->report.encoding = mkt_csv_reader_get_encoding (reader);
  /* Excel writes a semicolon where the decimal separator is a comma. */
  self->decimal_hint = self->report.delimiter == ';' ? ',' : '.';
  self->currency = mkt_session_get_currency (self->session);

  if (!mkt_csv_mapping_bind (self->mapping, header, n_columns, &local_error))
    {
      MktCsvFormat guess = mkt_csv_format_guess (header, n_columns);

      /* A shop's export read as a generic file: say so. */
      if (self->report.format == MKT_CSV_FORMAT_GENERIC && guess != MKT_CSV_FORMAT_GENERIC)
        g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING, "%s. The file looks like %s export",
                     local_error->message, guess == MKT_CSV_FORMAT_SHOPIFY ? "a Shopify" : "an Etsy");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!prepare (self, error))
    return FALSE;

  if (!start_rejects (self, header, n_columns, cancellable, error))
    return FALSE;

  if (!mkt_session_begin (self->session, error))
    return FALSE;

  ok = read_rows (self, reader, cancellable, &local_error);
  self->report.encoding = mkt_csv_reader_get_encoding (reader);

  if (self->rejects != NULL && !mkt_csv_writer_flush (self->rejects, cancellable, ok ? &local_error : NULL))
    ok = FALSE;

  if (!ok)
    {
      mkt_session_rollback (self->session);
      forget_counts (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->report.rejected > 0 && self->mode == MKT_CSV_IMPORT_ALL_OR_NOTHING)
    {
      mkt_session_rollback (self->session);
      if (!self->dry_run)
        forget_counts (self);
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_INVALID_ROWS,
                   self->dry_run ? "%u of %u rows would be refused, so nothing would be imported"
                                 : "%u of %u rows were refused, so nothing was imported",
                   self->report.rejected, self->report.rows_read);
      return FALSE;
    }

  if (self->dry_run)
    {
      mkt_session_rollback (self->session);
      return TRUE;
    }

  if (!mkt_session_commit (self->session, error))
    {
      forget_counts (self);
      return FALSE;
    }

  self->report.committed = TRUE;
  return TRUE;
}
