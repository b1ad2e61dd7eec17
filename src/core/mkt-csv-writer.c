/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-writer.h"

/**
 * MktCsvWriter:
 *
 * Writes RFC 4180 CSV: CRLF line ends, fields quoted when they hold the
 * delimiter, a quote, a line break or surrounding spaces, quotes doubled.
 * Output is buffered; mkt_csv_writer_flush() writes what is left.
 */

#define FLUSH_SIZE (64 * 1024)

struct _MktCsvWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *buffer;
  char           delimiter;
  gboolean       bom;
  gboolean       started;
  guint          n_rows;
};

G_DEFINE_FINAL_TYPE (MktCsvWriter, mkt_csv_writer, G_TYPE_OBJECT)

static void
mkt_csv_writer_dispose (GObject *object)
{
  MktCsvWriter *self = (MktCsvWriter *)object;

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (mkt_csv_writer_parent_class)->dispose (object);
}

static void
mkt_csv_writer_finalize (GObject *object)
{
  MktCsvWriter *self = (MktCsvWriter *)object;

  g_string_free (self->buffer, TRUE);

  G_OBJECT_CLASS (mkt_csv_writer_parent_class)->finalize (object);
}

static void
mkt_csv_writer_class_init (MktCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mkt_csv_writer_dispose;
  object_class->finalize = mkt_csv_writer_finalize;
}

static void
mkt_csv_writer_init (MktCsvWriter *self)
{
  self->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  self->delimiter = ',';
}

/**
 * mkt_csv_writer_new:
 * @stream: where the CSV goes
 *
 * Returns: (transfer full): a writer of comma-separated UTF-8 without a
 *   byte order mark
 */
MktCsvWriter *
mkt_csv_writer_new (GOutputStream *stream)
{
  MktCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_object_new (MKT_TYPE_CSV_WRITER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

void
mkt_csv_writer_set_delimiter (MktCsvWriter *self,
                              char          delimiter)
{
  g_return_if_fail (MKT_IS_CSV_WRITER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != 0);

  self->delimiter = delimiter;
}

/**
 * mkt_csv_writer_set_bom:
 * @self: a writer
 * @bom: whether the file starts with a UTF-8 byte order mark, which tells
 *   Excel that it is UTF-8
 */
void
mkt_csv_writer_set_bom (MktCsvWriter *self,
                        gboolean      bom)
{
  g_return_if_fail (MKT_IS_CSV_WRITER (self));
  g_return_if_fail (!self->started);

  self->bom = bom;
}

static gboolean
needs_quotes (const char *text,
              char        delimiter)
{
  gsize len = strlen (text);

  if (len == 0)
    return FALSE;
  if (text[0] == ' ' || text[0] == '\t' || text[len - 1] == ' ' || text[len - 1] == '\t')
    return TRUE;

  for (const char *p = text; *p; p++)
    if (*p == delimiter || *p == '"' || *p == '\r' || *p == '\n')
      return TRUE;

  return FALSE;
}

static void
append_field (GString    *out,
              const char *text,
              char        delimiter)
{
  const char *run = text;

  if (!needs_quotes (text, delimiter))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    if (*p == '"')
      {
        g_string_append_len (out, run, p + 1 - run);
        g_string_append_c (out, '"');
        run = p + 1;
      }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/**
 * mkt_csv_writer_write_row:
 * @self: a writer
 * @fields: (array length=n_fields) (nullable): the row's fields, UTF-8; a
 *   %NULL field is empty
 * @n_fields: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 */
gboolean
mkt_csv_writer_write_row (MktCsvWriter        *self,
                          const char * const  *fields,
                          guint                n_fields,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_return_val_if_fail (MKT_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  if (!self->started && self->bom)
    g_string_append (self->buffer, "\xef\xbb\xbf");
  self->started = TRUE;

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (self->buffer, self->delimiter);
      if (fields[i] != NULL)
        append_field (self->buffer, fields[i], self->delimiter);
    }
  g_string_append (self->buffer, "\r\n");
  self->n_rows++;

  if (self->buffer->len >= FLUSH_SIZE)
    return mkt_csv_writer_flush (self, cancellable, error);

  return TRUE;
}

/**
 * mkt_csv_writer_flush:
 * @self: a writer
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Writes what is buffered to the stream (and a byte order mark, if asked
 * for, even when no row was written). The stream stays open.
 */
gboolean
mkt_csv_writer_flush (MktCsvWriter  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (MKT_IS_CSV_WRITER (self), FALSE);

  if (!self->started && self->bom)
    g_string_append (self->buffer, "\xef\xbb\xbf");
  self->started = TRUE;

  ok = g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

/**
 * mkt_csv_writer_get_n_rows:
 * @self: a writer
 *
 * Returns: the rows written so far, a header included
 */
guint
mkt_csv_writer_get_n_rows (MktCsvWriter *self)
{
  g_return_val_if_fail (MKT_IS_CSV_WRITER (self), 0);

  return self->n_rows;
}
