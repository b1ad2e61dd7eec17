/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-reader"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mkt-csv.h"

/* The reader, table-driven: each case's bytes are read once from memory in
 * one piece and once a byte at a time (every row, quote and CRLF split
 * across reads), and must give the same rows or the same error. Rows are
 * written as fields joined by ¦, rows by ¶. */

/* A stream that hands out one byte per read. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_read (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->pos >= size || count == 0)
    return 0;

  ((guint8 *)buffer)[0] = data[self->pos++];
  return 1;
}

static void
trickle_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trickle_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = trickle_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (GBytes *bytes)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_ref (bytes);
  return G_INPUT_STREAM (self);
}

typedef struct
{
  const char     *name;
  const char     *input;
  gssize          length;        /* -1: strlen (input) */
  char            delimiter;     /* 0: detect */
  MktCsvEncoding  encoding;
  gsize           max_line;      /* 0: the default */
  const char     *rows;          /* NULL when an error is expected */
  const char     *lines;         /* the first line of each row, "1,2,4" */
  char            expect_delimiter;
  MktCsvEncoding  expect_encoding;
  gboolean        expect_bom;
  int             error_code;    /* -1: none */
  const char     *error_part;    /* part of the error message */
} ReaderCase;

static const ReaderCase reader_cases[] = {
  { "plain", "name,sku,price\nWool,W-1,4.50\nLinen,L-1,12\n", -1, 0, 0, 0,
    "name¦sku¦price¶Wool¦W-1¦4.50¶Linen¦L-1¦12", "1,2,3", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "quoted-delimiter-and-quotes", "name,notes\n\"Wool, merino\",\"say \"\"soft\"\"\"\n", -1, 0, 0, 0,
    "name¦notes¶Wool, merino¦say \"soft\"", "1,2", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "embedded-newlines", "name,notes\nWool,\"line one\nline two\n\"\nLinen,x\n", -1, 0, 0, 0,
    "name¦notes¶Wool¦line one\nline two\n¶Linen¦x", "1,2,5", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "crlf", "name,sku\r\nWool,W-1\r\nLinen,L-1\r\n", -1, 0, 0, 0,
    "name¦sku¶Wool¦W-1¶Linen¦L-1", "1,2,3", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "crlf-inside-quotes-kept", "notes\r\n\"a\r\nb\"\r\nc\r\n", -1, 0, 0, 0,
    "notes¶a\r\nb¶c", "1,2,4", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "lone-cr", "a,b\r1,2\r3,4", -1, 0, 0, 0,
    "a¦b¶1¦2¶3¦4", "1,2,3", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "no-final-newline", "a,b\n1,2", -1, 0, 0, 0,
    "a¦b¶1¦2", "1,2", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "blank-lines-skipped", "a\n\n\nb\r\n\r\nc\n\n", -1, 0, 0, 0,
    "a¶b¶c", "1,4,6", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "empty-fields", "a,,c\n,,\n\"\",x,\n", -1, 0, 0, 0,
    "a¦¦c¶¦¦¶¦x¦", "1,2,3", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "bom", "\xef\xbb\xbfname,sku\nCaf\xc3\xa9,C-1\n", -1, 0, 0, 0,
    "name¦sku¶Café¦C-1", "1,2", ',', MKT_CSV_ENCODING_UTF8, TRUE, -1, NULL },
  { "semicolons", "name;price;notes\nWool;4,50;\"a;b\"\n", -1, 0, 0, 0,
    "name¦price¦notes¶Wool¦4,50¦a;b", "1,2", ';', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "tabs", "name\tprice\nWool, merino\t4.50\n", -1, 0, 0, 0,
    "name¦price¶Wool, merino¦4.50", "1,2", '\t', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "delimiter-given", "a;b,c\n1;2,3\n", -1, ',', 0, 0,
    "a;b¦c¶1;2¦3", "1,2", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "excel-sep-line", "sep=;\r\nname;price\r\nWool;4,50\r\n", -1, 0, 0, 0,
    "name¦price¶Wool¦4,50", "2,3", ';', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "windows-1252-detected", "name;price\nCaf\xe9;\x80 4,50\nna\xefve;1\n", -1, 0, 0, 0,
    "name¦price¶Café¦€ 4,50¶naïve¦1", "1,2,3", ';', MKT_CSV_ENCODING_WINDOWS_1252, FALSE, -1, NULL },
  { "windows-1252-after-utf8-rows", "name\nplain\nCaf\xe9\n", -1, 0, 0, 0,
    "name¶plain¶Café", "1,2,3", ',', MKT_CSV_ENCODING_WINDOWS_1252, FALSE, -1, NULL },
  { "windows-1252-asked", "name\nCaf\xe9 \x80\n", -1, 0, MKT_CSV_ENCODING_WINDOWS_1252, 0,
    "name¶Café €", "1,2", ',', MKT_CSV_ENCODING_WINDOWS_1252, FALSE, -1, NULL },
  { "utf8-asked-but-1252", "name\nCaf\xe9\n", -1, 0, MKT_CSV_ENCODING_UTF8, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_ENCODING, "line 2: the text is not valid UTF-8" },
  { "bom-then-not-utf8", "\xef\xbb\xbfname\nCaf\xe9\n", -1, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_ENCODING, "line 2: the text is not valid UTF-8" },
  { "undefined-1252-byte", "name\nx\x81y\n", -1, 0, MKT_CSV_ENCODING_WINDOWS_1252, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_ENCODING, "line 2: byte 0x81 is not a Windows-1252 character" },
  { "utf16", "\xff\xfen\0a\0m\0e\0", 10, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_ENCODING, "UTF-16" },
  { "lenient-quote-in-unquoted", "name,size\n5\" ruler,\"a\"b\n", -1, 0, 0, 0,
    "name¦size¶5\" ruler¦ab", "1,2", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
  { "truncated", "name,notes\nWool,ok\nLinen,\"cut off here\nand the file ends", -1, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_UNTERMINATED_QUOTE, "line 3: the quoted field that starts here is not closed" },
  { "nul-byte", "name\nWool\nab\0cd\n", 16, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_BINARY, "line 3: the file holds a NUL byte" },
  { "binary-garbage", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_BINARY, "binary data" },
  { "control-bytes", "name\nab\x03\x04\n", -1, 0, 0, 0,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_BINARY, "line 2: the file holds the control byte 0x03" },
  { "line-too-long", "name\nshort\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", -1, 0, 0, 32,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_LINE_TOO_LONG, "line 3: the line is longer than the limit of 32 bytes" },
  { "quote-runs-past-limit", "name\n\"open\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nx\n", -1, 0, 0, 32,
    NULL, NULL, 0, 0, FALSE, MKT_CSV_ERROR_LINE_TOO_LONG, "line 2: a quoted field that starts here runs on" },
  { "empty", "", -1, 0, 0, 0,
    "", "", ',', MKT_CSV_ENCODING_UTF8, FALSE, -1, NULL },
};

static void
read_all (MktCsvReader  *reader,
          GString       *rows,
          GString       *lines,
          GError       **error)
{
  while (mkt_csv_reader_next (reader, NULL, error))
    {
      const char * const *fields = mkt_csv_reader_get_fields (reader);

      if (rows->len > 0)
        {
          g_string_append (rows, "¶");
          g_string_append_c (lines, ',');
        }
      for (guint i = 0; fields[i] != NULL; i++)
        g_string_append_printf (rows, "%s%s", i ? "¦" : "", fields[i]);
      g_assert_cmpuint (g_strv_length ((char **)fields), ==, mkt_csv_reader_get_n_fields (reader));
      g_string_append_printf (lines, "%u", mkt_csv_reader_get_line (reader));
    }
}

static void
check_case (const ReaderCase *c,
            GInputStream     *stream)
{
  g_autoptr(MktCsvReader) reader = mkt_csv_reader_new (stream);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  mkt_csv_reader_set_delimiter (reader, c->delimiter);
  mkt_csv_reader_set_encoding (reader, c->encoding);
  if (c->max_line > 0)
    mkt_csv_reader_set_max_line (reader, c->max_line);

  read_all (reader, rows, lines, &error);

  if (c->rows == NULL)
    {
      g_assert_error (error, MKT_CSV_ERROR, c->error_code);
      if (strstr (error->message, c->error_part) == NULL)
        g_error ("%s: “%s” does not say “%s”", c->name, error->message, c->error_part);
      /* Nothing more is read after an error. */
      g_assert_false (mkt_csv_reader_next (reader, NULL, NULL));
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpstr (rows->str, ==, c->rows);
  g_assert_cmpstr (lines->str, ==, c->lines);
  g_assert_cmpint (mkt_csv_reader_get_delimiter (reader), ==, c->expect_delimiter);
  g_assert_cmpint (mkt_csv_reader_get_encoding (reader), ==, c->expect_encoding);
  g_assert_cmpint (mkt_csv_reader_get_has_bom (reader), ==, c->expect_bom);
}

static void
test_reader_case (gconstpointer data)
{
  const ReaderCase *c = data;
  gsize length = c->length < 0 ? strlen (c->input) : (gsize)c->length;
  g_autoptr(GBytes) bytes = g_bytes_new_static (c->input, length);
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) trickle = trickle_stream_new (bytes);

  check_case (c, whole);
  check_case (c, trickle);
}

/* A "2 GB line" is refused once the limit is reached, not read whole: a
 * few MB without a line break, a limit of 64 KiB, and the reader must have
 * stopped long before the end of the file. */
static void
test_huge_line_streamed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(MktCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 4 * 1024 * 1024;
  g_autofree char *data = g_malloc (size);
  goffset position;

  memcpy (data, "name,notes\nWool,", 16);
  memset (data + 16, 'x', size - 16);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);

  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = mkt_csv_reader_new (G_INPUT_STREAM (stream));
  mkt_csv_reader_set_max_line (reader, 64 * 1024);

  g_assert_true (mkt_csv_reader_next (reader, NULL, &error));
  g_assert_false (mkt_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_LINE_TOO_LONG);
  if (strstr (error->message, "line 2: the line is longer than the limit of 64.0\xc2\xa0KiB (65536 bytes)") == NULL)
    g_error ("unexpected message: %s", error->message);

  position = g_seekable_tell (G_SEEKABLE (stream));
  g_assert_cmpint (position, <, 256 * 1024);

  g_unlink (path);
  g_rmdir (dir);
}

/* Large files read whole with the default limit: rows cross every chunk
 * boundary, quotes and CRLFs too; what the writer writes reads back. */
static void
test_writer_round_trip (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(MktCsvWriter) writer = mkt_csv_writer_new (out);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(MktCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  static const char * const pieces[] = { "Wool", ",", "\"", "\r\n", "\n", " ", "é", "€", ";", "\t", "x" };
  guint n_rows = 30000;
  guint row = 0;

  mkt_csv_writer_set_bom (writer, TRUE);
  for (guint i = 0; i < n_rows; i++)
    {
      char **fields = g_new0 (char *, 5);

      for (guint f = 0; f < 4; f++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint n = g_rand_int_range (rand, 0, 12);

          for (guint k = 0; k < n; k++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          fields[f] = g_string_free (g_steal_pointer (&text), FALSE);
        }
      mkt_csv_writer_write_row (writer, (const char * const *)fields, 4, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (expected, fields);
    }
  mkt_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_csv_writer_get_n_rows (writer), ==, n_rows);
  g_output_stream_close (out, NULL, NULL);

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1024 * 1024);
  in = g_memory_input_stream_new_from_bytes (bytes);
  reader = mkt_csv_reader_new (in);
  mkt_csv_reader_set_delimiter (reader, ',');

  while (mkt_csv_reader_next (reader, NULL, &error))
    {
      char **fields = g_ptr_array_index (expected, row);

      g_assert_cmpuint (mkt_csv_reader_get_n_fields (reader), ==, 4);
      for (guint f = 0; f < 4; f++)
        g_assert_cmpstr (mkt_csv_reader_get_field (reader, f), ==, fields[f]);
      g_assert_null (mkt_csv_reader_get_field (reader, 4));
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, n_rows);
  g_assert_true (mkt_csv_reader_get_has_bom (reader));
}

typedef struct
{
  const char *fields[4];
  guint       n_fields;
  char        delimiter;
  const char *expected;
} WriterCase;

static const WriterCase writer_cases[] = {
  { { "a", "b", "c" }, 3, ',', "a,b,c\r\n" },
  { { "a,b", "say \"hi\"", "x" }, 3, ',', "\"a,b\",\"say \"\"hi\"\"\",x\r\n" },
  { { "two\nlines", "", NULL }, 3, ',', "\"two\nlines\",,\r\n" },
  { { " padded", "a;b", "a,b" }, 3, ';', "\" padded\";\"a;b\";a,b\r\n" },
  { { "Café €" }, 1, ',', "Café €\r\n" },
};

static void
test_writer_quoting (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (writer_cases); i++)
    {
      const WriterCase *c = &writer_cases[i];
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(MktCsvWriter) writer = mkt_csv_writer_new (out);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      mkt_csv_writer_set_delimiter (writer, c->delimiter);
      mkt_csv_writer_write_row (writer, c->fields, c->n_fields, NULL, &error);
      g_assert_no_error (error);
      mkt_csv_writer_flush (writer, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
      g_output_stream_close (out, NULL, NULL);
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      g_assert_cmpstr (text, ==, c->expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reader_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/reader/%s", reader_cases[i].name);

      g_test_add_data_func (path, &reader_cases[i], test_reader_case);
    }
  g_test_add_func ("/csv/reader/huge-line-streamed", test_huge_line_streamed);
  g_test_add_func ("/csv/writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/csv/writer/quoting", test_writer_quoting);

  return g_test_run ();
}
