/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>

#include "mkt-test-utils.h"
#include "test-csv-utils.h"

/* What the CSV import and export tests share. */

/**
 * test_csv_import:
 * @session: who imports
 * @import: what and how
 * @out_ok: (out): what mkt_csv_importer_run() returned
 * @out_rejects: (out) (optional): the reject stream's text
 * @error: return location for the run's error
 *
 * Returns: (transfer full) (nullable): the importer, for its report; %NULL
 *   when the mapping was refused (@error says why)
 */
MktCsvImporter *
test_csv_import (MktSession           *session,
                 const TestCsvImport  *import,
                 gboolean             *out_ok,
                 char                **out_rejects,
                 GError              **error)
{
  gsize length = import->length < 0 ? strlen (import->csv) : (gsize)import->length;
  g_autoptr(GBytes) bytes = g_bytes_new (import->csv, length);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GOutputStream) rejects = g_memory_output_stream_new_resizable ();
  g_autoptr(MktCsvMapping) mapping = NULL;
  g_autoptr(MktCsvImporter) importer = NULL;

  *out_ok = FALSE;
  mapping = mkt_csv_mapping_new (mkt_schema_lookup (import->entity), import->format, error);
  if (mapping == NULL)
    return NULL;
  for (guint i = 0; import->maps != NULL && import->maps[i] != NULL; i++)
    if (!mkt_csv_mapping_parse (mapping, import->maps[i], error))
      return NULL;

  importer = mkt_csv_importer_new (session, mapping);
  mkt_csv_importer_set_mode (importer, import->mode);
  mkt_csv_importer_set_dry_run (importer, import->dry_run);
  if (import->max_line > 0)
    mkt_csv_importer_set_max_line (importer, import->max_line);
  mkt_csv_importer_set_reject_stream (importer, rejects);

  *out_ok = mkt_csv_importer_run (importer, input, NULL, error);

  if (out_rejects != NULL)
    {
      g_output_stream_write_all (rejects, "", 1, NULL, NULL, NULL);
      g_output_stream_close (rejects, NULL, NULL);
      *out_rejects = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (rejects));
    }

  return g_steal_pointer (&importer);
}

/**
 * test_csv_import_text:
 *
 * Imports @csv with the generic format, asserting that it goes through.
 *
 * Returns: (transfer full): the importer
 */
MktCsvImporter *
test_csv_import_text (MktSession       *session,
                      const char       *entity,
                      const char       *csv,
                      MktCsvImportMode  mode)
{
  TestCsvImport import = { .entity = entity, .csv = csv, .length = -1, .mode = mode };
  g_autoptr(GError) error = NULL;
  MktCsvImporter *importer;
  gboolean ok;

  importer = test_csv_import (session, &import, &ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return importer;
}

/**
 * test_csv_counts:
 * @path: the fixture's database (its file; on PostgreSQL, its connection
 *   string)
 *
 * Returns: (transfer full): the rows of the tables an import could touch,
 *   as a second connection sees them: "material=3 product=0 …"
 */
char *
test_csv_counts (const char *path)
{
  static const char * const tables[] = { "material", "product", "component", "category", "audit_log", "change" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", tables[i]);

      g_string_append_printf (out, "%s%s=%" G_GINT64_FORMAT, i ? " " : "", tables[i], mkt_test_sql_int (path, sql));
    }

  return g_string_free (out, FALSE);
}

/**
 * test_csv_export:
 *
 * Returns: (transfer full): the CSV text of mkt_csv_export_entity()
 */
char *
test_csv_export (MktSession          *session,
                 const MktEntitySpec *spec,
                 MktCsvExportFlags    flags,
                 guint               *out_n_rows)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  mkt_csv_export_entity (session, spec, out, flags, out_n_rows, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/**
 * test_csv_parse:
 * @csv: CSV text
 *
 * Returns: (transfer container) (element-type GStrv): its rows
 */
GPtrArray *
test_csv_parse (const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(MktCsvReader) reader = mkt_csv_reader_new (input);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  while (mkt_csv_reader_next (reader, NULL, &error))
    g_ptr_array_add (rows, g_strdupv ((char **)mkt_csv_reader_get_fields (reader)));
  g_assert_no_error (error);

  return rows;
}

/**
 * test_csv_first_error:
 *
 * Returns: (nullable): the message of the first refused row
 */
const char *
test_csv_first_error (MktCsvImporter *importer)
{
  const MktCsvImportReport *report = mkt_csv_importer_get_report (importer);
  const MktCsvRowError *row_error;

  if (report->errors->len == 0)
    return NULL;

  row_error = g_ptr_array_index (report->errors, 0);
  return row_error->message;
}
