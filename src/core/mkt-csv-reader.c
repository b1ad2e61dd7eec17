/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-reader-private.h"

/**
 * MktCsvReader:
 *
 * Reads the rows of an RFC 4180 CSV file from a stream: fields separated by
 * a comma, semicolon or tab (found from the header row unless set), quoted
 * fields with delimiters, doubled quotes and line breaks inside, CRLF, LF or
 * CR line ends, UTF-8 with or without a byte order mark or Windows-1252.
 *
 * The input is read in chunks and only the current row is kept, so a file
 * of any size reads in little memory, and a row longer than the limit (a
 * binary file, a quote left open) is refused once the limit is reached
 * rather than read to its end. Errors name the line where the row starts.
 */

G_DEFINE_QUARK (mkt-csv-error-quark, mkt_csv_error)

G_DEFINE_FINAL_TYPE (MktCsvReader, mkt_csv_reader, G_TYPE_OBJECT)

static void
mkt_csv_reader_dispose (GObject *object)
{
  MktCsvReader *self = (MktCsvReader *)object;

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (mkt_csv_reader_parent_class)->dispose (object);
}

static void
mkt_csv_reader_finalize (GObject *object)
{
  MktCsvReader *self = (MktCsvReader *)object;

  g_clear_pointer (&self->buf, g_free);
  g_string_free (self->record, TRUE);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->converted, g_ptr_array_unref);
  if (self->iconv != (GIConv)-1)
    g_iconv_close (self->iconv);

  G_OBJECT_CLASS (mkt_csv_reader_parent_class)->finalize (object);
}

static void
mkt_csv_reader_class_init (MktCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mkt_csv_reader_dispose;
  object_class->finalize = mkt_csv_reader_finalize;
}

static void
mkt_csv_reader_init (MktCsvReader *self)
{
  self->max_line = MKT_CSV_DEFAULT_MAX_LINE;
  self->line = 1;
  self->record = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->converted = g_ptr_array_new_with_free_func (g_free);
  self->iconv = (GIConv)-1;
}

/**
 * mkt_csv_encoding_from_string:
 * @text: "utf-8", "windows-1252" (or "cp1252"), "auto"; any case
 * @out_encoding: (out): the encoding
 *
 * Returns: whether @text names an encoding the reader knows
 */
gboolean
mkt_csv_encoding_from_string (const char     *text,
                              MktCsvEncoding *out_encoding)
{
  static const struct { const char *name; MktCsvEncoding encoding; } names[] = {
    { "auto", MKT_CSV_ENCODING_AUTO },
    { "utf-8", MKT_CSV_ENCODING_UTF8 },
    { "utf8", MKT_CSV_ENCODING_UTF8 },
    { "windows-1252", MKT_CSV_ENCODING_WINDOWS_1252 },
    { "cp1252", MKT_CSV_ENCODING_WINDOWS_1252 },
  };

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *out_encoding = names[i].encoding;
        return TRUE;
      }

  return FALSE;
}

const char *
mkt_csv_encoding_to_string (MktCsvEncoding encoding)
{
  switch (encoding)
    {
    case MKT_CSV_ENCODING_UTF8: return "utf-8";
    case MKT_CSV_ENCODING_WINDOWS_1252: return "windows-1252";
    case MKT_CSV_ENCODING_AUTO:
    default: return "auto";
    }
}

/**
 * mkt_csv_reader_new:
 * @stream: the CSV text
 *
 * Returns: (transfer full): a reader that detects the delimiter and the
 *   encoding, with a limit of %MKT_CSV_DEFAULT_MAX_LINE bytes a row
 */
MktCsvReader *
mkt_csv_reader_new (GInputStream *stream)
{
  MktCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (MKT_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

/**
 * mkt_csv_reader_new_for_path:
 * @path: a file name
 * @error: return location for a #GIOError
 *
 * Returns: (transfer full) (nullable): a reader of the file
 */
MktCsvReader *
mkt_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  return mkt_csv_reader_new (G_INPUT_STREAM (stream));
}

/**
 * mkt_csv_reader_set_delimiter:
 * @self: a reader
 * @delimiter: ',', ';', '\t' or another ASCII punctuation; 0 to find it
 *   from the header row (the default)
 */
void
mkt_csv_reader_set_delimiter (MktCsvReader *self,
                              char          delimiter)
{
  g_return_if_fail (MKT_IS_CSV_READER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n');

  self->delimiter = delimiter;
}

/**
 * mkt_csv_reader_get_delimiter:
 * @self: a reader
 *
 * Returns: the delimiter, once the first row is read (0 before, unless set)
 */
char
mkt_csv_reader_get_delimiter (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), 0);

  return self->delimiter;
}

/**
 * mkt_csv_reader_set_encoding:
 * @self: a reader
 * @encoding: the file's encoding; %MKT_CSV_ENCODING_AUTO (the default)
 *   reads UTF-8 and turns to Windows-1252 at the first row that is not
 *   UTF-8. A byte order mark means UTF-8 whatever is asked.
 */
void
mkt_csv_reader_set_encoding (MktCsvReader   *self,
                             MktCsvEncoding  encoding)
{
  g_return_if_fail (MKT_IS_CSV_READER (self));
  g_return_if_fail (!self->started);

  self->encoding = encoding;
}

/**
 * mkt_csv_reader_get_encoding:
 * @self: a reader
 *
 * Returns: the encoding of the rows read so far: %MKT_CSV_ENCODING_AUTO
 *   only before the first row
 */
MktCsvEncoding
mkt_csv_reader_get_encoding (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), MKT_CSV_ENCODING_AUTO);

  /* Still guessing: UTF-8 so far. */
  if (self->started && self->active == MKT_CSV_ENCODING_AUTO)
    return MKT_CSV_ENCODING_UTF8;

  return self->active;
}

gboolean
mkt_csv_reader_get_has_bom (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), FALSE);

  return self->has_bom;
}

/**
 * mkt_csv_reader_set_max_line:
 * @self: a reader
 * @max_bytes: the most bytes one row may take, line breaks inside quoted
 *   fields included
 */
void
mkt_csv_reader_set_max_line (MktCsvReader *self,
                             gsize         max_bytes)
{
  g_return_if_fail (MKT_IS_CSV_READER (self));
  g_return_if_fail (max_bytes > 0);

  self->max_line = max_bytes;
}

/**
 * mkt_csv_reader_next:
 * @self: a reader
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a %MKT_CSV_ERROR or an I/O error
 *
 * Reads the next row, skipping blank lines. The first row is usually the
 * header.
 *
 * Returns: %TRUE with a row; %FALSE at the end of the file (with @error
 *   unset) or on an error, after which the reader reads nothing more
 */
gboolean
mkt_csv_reader_next (MktCsvReader  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), FALSE);

  if (self->finished)
    return FALSE;

  if (!self->started && !mkt_csv_reader_start (self, cancellable, error))
    {
      self->finished = TRUE;
      return FALSE;
    }

  for (;;)
    {
      const gsize *offsets;
      int status = mkt_csv_reader_read_record (self, cancellable, error);

      if (status <= 0)
        {
          self->finished = TRUE;
          return FALSE;
        }

      /* A blank line is no row. */
      offsets = (const gsize *)(gpointer)self->offsets->data;
      if (self->offsets->len == 2 && offsets[1] == 1)
        continue;

      if (!mkt_csv_reader_decode (self, error))
        {
          self->finished = TRUE;
          return FALSE;
        }

      return TRUE;
    }
}

guint
mkt_csv_reader_get_n_fields (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), 0);

  return self->fields->len > 0 ? self->fields->len - 1 : 0;
}

/**
 * mkt_csv_reader_get_fields:
 * @self: a reader
 *
 * Returns: (transfer none) (array zero-terminated=1): the fields of the row
 *   last read, valid until the next one is read
 */
const char * const *
mkt_csv_reader_get_fields (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), NULL);

  if (self->fields->len == 0)
    g_ptr_array_add (self->fields, NULL);

  return (const char * const *)self->fields->pdata;
}

/**
 * mkt_csv_reader_get_field:
 * @self: a reader
 * @index: a column
 *
 * Returns: (nullable): the field of the row last read, or %NULL when the row
 *   is shorter
 */
const char *
mkt_csv_reader_get_field (MktCsvReader *self,
                          guint         index)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), NULL);

  if (index >= mkt_csv_reader_get_n_fields (self))
    return NULL;

  return g_ptr_array_index (self->fields, index);
}

/**
 * mkt_csv_reader_get_line:
 * @self: a reader
 *
 * Returns: the line on which the row last read starts (1 for the first)
 */
guint
mkt_csv_reader_get_line (MktCsvReader *self)
{
  g_return_val_if_fail (MKT_IS_CSV_READER (self), 0);

  return self->record_line;
}
