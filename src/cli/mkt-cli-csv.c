/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

/* import and export: CSV files of materials, products and components, and
 * exports of sales and of an event's summary. */

static const struct
{
  const char          *name;
  const MktEntitySpec *spec;
  gboolean             importable;
} csv_entities[] = {
  { "materials", &mkt_material_spec, TRUE },
  { "products", &mkt_product_spec, TRUE },
  { "components", &mkt_component_spec, TRUE },
  { "sales", &mkt_sale_spec, FALSE },
};

static const MktEntitySpec *
lookup_entity (const char *name,
               gboolean    import)
{
  for (guint i = 0; i < G_N_ELEMENTS (csv_entities); i++)
    {
      const char *plural = csv_entities[i].name;

      /* "material" as well as "materials". */
      if ((g_str_equal (name, plural) ||
           (strlen (name) + 1 == strlen (plural) && g_str_has_prefix (plural, name))) &&
          (!import || csv_entities[i].importable))
        return csv_entities[i].spec;
    }

  return NULL;
}

static gboolean
parse_delimiter (const char *text,
                 char       *out)
{
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\\t"))
    {
      *out = '\t';
      return TRUE;
    }

  if (strlen (text) != 1 || text[0] == '"' || g_ascii_isalnum (text[0]) ||
      !(g_ascii_ispunct (text[0]) || text[0] == '\t'))
    return FALSE;

  *out = text[0];
  return TRUE;
}

static const char *
delimiter_name (char delimiter)
{
  static char text[2];

  if (delimiter == '\t')
    return "tab";
  text[0] = delimiter;
  text[1] = '\0';
  return text;
}

/* A file written beside FILE under another name, that replaces FILE when it
 * is complete: a failed export or import leaves no half file behind. */
typedef struct
{
  GOutputStream *stream;
  GFile         *file;
  GFile         *part;
} Output;

static void
output_free (Output *output)
{
  g_clear_object (&output->stream);
  g_clear_object (&output->file);
  g_clear_object (&output->part);
  g_free (output);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Output, output_free)

static Output *
output_open (const char  *path,
             GError     **error)
{
  g_autoptr(Output) output = g_new0 (Output, 1);
  g_autofree char *part_path = g_strdup_printf ("%s.part-%08x", path, g_random_int ());

  output->file = g_file_new_for_commandline_arg (path);
  output->part = g_file_new_for_commandline_arg (part_path);
  output->stream = G_OUTPUT_STREAM (g_file_create (output->part, G_FILE_CREATE_NONE, NULL, error));
  if (output->stream == NULL)
    return NULL;

  return g_steal_pointer (&output);
}

/* Keeps the file (@keep) or removes what was written. */
static gboolean
output_close (Output    *output,
              gboolean   keep,
              GError   **error)
{
  if (keep && g_output_stream_close (output->stream, NULL, error) &&
      g_file_move (output->part, output->file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return TRUE;

  g_output_stream_close (output->stream, NULL, NULL);
  g_file_delete (output->part, NULL, NULL);
  return FALSE;
}

static char *
default_reject_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".csv") ? g_strndup (path, strlen (path) - 4)
                                                          : g_strdup (path);

  return g_strconcat (stem, "-rejected.csv", NULL);
}

/* Import -------------------------------------------------------------------------- */

static JsonObject *
report_to_json (const MktCsvImportReport *report,
                const MktEntitySpec      *spec,
                const char               *path,
                MktCsvImportMode          mode,
                const char               *reject_path)
{
  JsonObject *object = json_object_new ();
  JsonArray *errors = json_array_new ();

  json_object_set_string_member (object, "entity", spec->name);
  json_object_set_string_member (object, "file", path);
  json_object_set_string_member (object, "format", mkt_csv_format_to_string (report->format));
  json_object_set_string_member (object, "delimiter", delimiter_name (report->delimiter));
  json_object_set_string_member (object, "encoding", mkt_csv_encoding_to_string (report->encoding));
  json_object_set_boolean_member (object, "bom", report->has_bom);
  json_object_set_string_member (object, "mode", mode == MKT_CSV_IMPORT_SKIP_INVALID ? "skip-invalid" : "all-or-nothing");
  json_object_set_boolean_member (object, "dry_run", report->dry_run);
  json_object_set_boolean_member (object, "imported", report->committed);
  json_object_set_int_member (object, "rows_read", report->rows_read);
  json_object_set_int_member (object, "created", report->created);
  json_object_set_int_member (object, "updated", report->updated);
  json_object_set_int_member (object, "unchanged", report->unchanged);
  json_object_set_int_member (object, "skipped", report->skipped);
  json_object_set_int_member (object, "rejected", report->rejected);

  for (guint i = 0; report->errors != NULL && i < report->errors->len; i++)
    {
      const MktCsvRowError *row_error = g_ptr_array_index (report->errors, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "line", row_error->line);
      if (row_error->field != NULL)
        json_object_set_string_member (item, "field", row_error->field);
      else
        json_object_set_null_member (item, "field");
      json_object_set_string_member (item, "reason", row_error->reason);
      json_object_set_string_member (item, "message", row_error->message);
      json_array_add_object_element (errors, item);
    }
  json_object_set_array_member (object, "errors", errors);

  if (reject_path != NULL)
    json_object_set_string_member (object, "reject_file", reject_path);
  else
    json_object_set_null_member (object, "reject_file");

  return object;
}

static void
print_row_errors (const MktCsvImportReport *report,
                  gboolean                  to_stderr)
{
  for (guint i = 0; i < report->errors->len; i++)
    {
      const MktCsvRowError *row_error = g_ptr_array_index (report->errors, i);

      if (to_stderr)
        g_printerr ("  %s\n", row_error->message);
      else
        g_print ("  %s\n", row_error->message);
    }
  if (report->rejected > report->errors->len)
    {
      if (to_stderr)
        g_printerr ("  … and %u more\n", report->rejected - report->errors->len);
      else
        g_print ("  … and %u more\n", report->rejected - report->errors->len);
    }
}

static void
print_summary (const MktCsvImportReport *report,
               const MktEntitySpec      *spec,
               const char               *path,
               const char               *reject_path)
{
  const char *rows = report->rows_read == 1 ? "row" : "rows";
  const char *refused = report->rejected == 1 ? "row" : "rows";
  const char *items = report->created == 1 ? "" : "s";

  if (report->dry_run)
    g_print ("Dry run of %s: %u %s; %u %s%s would be created, %u updated, %u unchanged; "
             "%u %s refused, %u skipped. Nothing was written.\n",
             path, report->rows_read, rows, report->created, spec->name, items, report->updated,
             report->unchanged, report->rejected, refused, report->skipped);
  else
    g_print ("%s: %u %s; %u %s%s created, %u updated, %u unchanged; %u %s refused, %u skipped.\n",
             path, report->rows_read, rows, report->created, spec->name, items, report->updated,
             report->unchanged, report->rejected, refused, report->skipped);

  print_row_errors (report, FALSE);
  if (reject_path != NULL && report->rejected > 0)
    g_print ("The refused rows, with why, are in %s\n", reject_path);
}

int
mkt_cli_import (MktCli  *cli,
                int      argc,
                char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktCsvMapping) mapping = NULL;
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(Output) reject_output = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *reject_path = NULL;
  g_autofree char *delimiter_text = NULL;
  g_autofree char *encoding_name = NULL;
  g_auto(GStrv) maps = NULL;
  const MktCsvImportReport *report;
  const MktEntitySpec *spec;
  MktCsvImportMode mode;
  MktCsvFormat format = MKT_CSV_FORMAT_GENERIC;
  MktCsvEncoding encoding = MKT_CSV_ENCODING_AUTO;
  gboolean dry_run = FALSE;
  gboolean skip_invalid = FALSE;
  char delimiter = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "generic (columns named like the fields, the default), shopify or etsy", "FORMAT" },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps, "Read COLUMN as FIELD (attributes.KEY for an attribute, - to skip it); repeatable", "COLUMN=FIELD" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Check every row and say what would change; write nothing", NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, "Import the good rows; write the refused ones to the reject file", NULL },
    { "reject", 0, 0, G_OPTION_ARG_FILENAME, &reject_path, "Write refused rows, with why, to FILE (default with --skip-invalid: FILE-rejected.csv)", "FILE" },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter_text, "The delimiter: , ; tab or another (default: from the header)", "C" },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name, "utf-8 or windows-1252 (default: UTF-8, else Windows-1252)", "ENCODING" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "materials|products|components FILE",
                              "Import items from a CSV file. Rows whose id or sku names an item update it; "
                              "others are new. All or nothing unless --skip-invalid.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 3)
    return mkt_cli_usage ("import takes what to import (materials, products or components) and a file");

  spec = lookup_entity (argv[1], TRUE);
  if (spec == NULL)
    return mkt_cli_usage ("cannot import “%s”; materials, products or components", argv[1]);
  if (format_name != NULL && !mkt_csv_format_from_string (format_name, &format))
    return mkt_cli_usage ("unknown format “%s”; generic, shopify or etsy", format_name);
  if (delimiter_text != NULL && !parse_delimiter (delimiter_text, &delimiter))
    return mkt_cli_usage ("--delimiter takes one character such as , ; or tab, not “%s”", delimiter_text);
  if (encoding_name != NULL && !mkt_csv_encoding_from_string (encoding_name, &encoding))
    return mkt_cli_usage ("unknown encoding “%s”; utf-8 or windows-1252", encoding_name);
  mode = skip_invalid ? MKT_CSV_IMPORT_SKIP_INVALID : MKT_CSV_IMPORT_ALL_OR_NOTHING;
  if (skip_invalid && reject_path == NULL)
    reject_path = default_reject_path (argv[2]);

  mapping = mkt_csv_mapping_new (spec, format, &error);
  for (guint i = 0; mapping != NULL && maps != NULL && maps[i] != NULL; i++)
    if (!mkt_csv_mapping_parse (mapping, maps[i], &error))
      break;
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  file = g_file_new_for_commandline_arg (argv[2]);
  input = g_file_read (file, NULL, &error);
  if (input == NULL || !mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (reject_path != NULL)
    {
      reject_output = output_open (reject_path, &error);
      if (reject_output == NULL)
        return mkt_cli_fail (cli, error);
    }

  importer = mkt_csv_importer_new (cli->session, mapping);
  mkt_csv_importer_set_mode (importer, mode);
  mkt_csv_importer_set_dry_run (importer, dry_run);
  mkt_csv_importer_set_delimiter (importer, delimiter);
  mkt_csv_importer_set_encoding (importer, encoding);
  mkt_csv_importer_set_reject_stream (importer, reject_output ? reject_output->stream : NULL);

  ok = mkt_csv_importer_run (importer, G_INPUT_STREAM (input), NULL, &error);
  report = mkt_csv_importer_get_report (importer);

  /* A reject file is worth keeping once the rows were read. */
  if (reject_output != NULL)
    {
      gboolean keep = ok || g_error_matches (error, MKT_CSV_ERROR, MKT_CSV_ERROR_INVALID_ROWS);

      if (!output_close (reject_output, keep, ok ? &error : NULL) && ok)
        return mkt_cli_fail (cli, error);
      if (!keep)
        g_clear_pointer (&reject_path, g_free);
    }

  if (!ok)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      gboolean bad_mapping = g_error_matches (error, MKT_CSV_ERROR, MKT_CSV_ERROR_MAPPING);
      int status;

      if (bad_mapping)
        g_prefix_error (&error, "%s: ", argv[2]);
      if (cli->json)
        json_object_set_object_member (extra, "import", report_to_json (report, spec, argv[2], mode, reject_path));
      else
        print_row_errors (report, TRUE);

      status = mkt_cli_fail_with (cli, error, extra);

      if (!cli->json && reject_path != NULL && report->rejected > 0)
        g_printerr ("The refused rows, with why, are in %s\n", reject_path);
      if (!cli->json && bad_mapping)
        g_printerr ("Map columns with --map COLUMN=FIELD (--map COLUMN=- skips one), "
                    "or read a shop’s export with --format shopify or etsy.\n");
      return status;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = report_to_json (report, spec, argv[2], mode, reject_path);

      mkt_cli_print_json_object (object);
    }
  else
    print_summary (report, spec, argv[2], reject_path);

  return 0;
}

/* Export -------------------------------------------------------------------------- */

int
mkt_cli_export (MktCli  *cli,
                int      argc,
                char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Output) output = NULL;
  g_autoptr(MktRecord) event = NULL;
  const MktEntitySpec *spec = NULL;
  const char *path;
  const char *what;
  gboolean bom = FALSE;
  gboolean ok;
  guint n_rows = 0;
  GOptionEntry entries[] = {
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, "Start with a UTF-8 byte order mark (for Excel)", NULL },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "materials|products|components|sales FILE | event-summary EVENT FILE",
                              "Export items or sales to a CSV file that import reads back, "
                              "or the summary of a market event.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 2)
    return mkt_cli_usage ("export takes what to export and a file");

  if (g_str_equal (argv[1], "event-summary"))
    {
      if (argc != 4)
        return mkt_cli_usage ("export event-summary takes an event and a file");
      what = "event-summary";
      path = argv[3];
    }
  else
    {
      if (argc != 3)
        return mkt_cli_usage ("export takes what to export (materials, products, components or sales) and a file");
      spec = lookup_entity (argv[1], FALSE);
      if (spec == NULL)
        return mkt_cli_usage ("cannot export “%s”; materials, products, components, sales or event-summary", argv[1]);
      what = spec->name;
      path = argv[2];
    }

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (spec == NULL)
    {
      event = mkt_cli_find (cli, &mkt_market_event_spec, argv[2], MKT_DELETED_EXCLUDE, &error);
      if (event == NULL)
        return mkt_cli_fail (cli, error);
    }

  output = output_open (path, &error);
  if (output == NULL)
    return mkt_cli_fail (cli, error);

  if (spec != NULL)
    ok = mkt_csv_export_entity (cli->session, spec, output->stream, bom ? MKT_CSV_EXPORT_BOM : MKT_CSV_EXPORT_NONE,
                                &n_rows, NULL, &error);
  else
    ok = mkt_csv_export_event_summary (cli->session, mkt_record_get_id (event), output->stream,
                                       bom ? MKT_CSV_EXPORT_BOM : MKT_CSV_EXPORT_NONE, &n_rows, NULL, &error);

  if (!output_close (output, ok, ok ? &error : NULL))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "export", what);
      json_object_set_string_member (object, "file", path);
      json_object_set_int_member (object, "rows", n_rows);
      json_object_set_boolean_member (object, "bom", bom);
      mkt_cli_print_json_object (object);
    }
  else if (spec != NULL)
    g_print ("Wrote %u %s%s to %s\n", n_rows, spec->name, n_rows == 1 ? "" : "s", path);
  else
    g_print ("Wrote the summary of “%s” (%u rows) to %s\n", mkt_record_get_title (event), n_rows, path);

  return 0;
}
