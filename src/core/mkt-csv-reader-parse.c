/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-reader-private.h"

/* The reader's state machine: chunks of bytes in, one row's fields out,
 * quotes, line ends and encodings sorted out on the way. */

#define CHUNK_SIZE (64 * 1024)

enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_SEEN,
};

/* Reads one more chunk after what is buffered. Returns the bytes read, 0 at
 * the end of the input, -1 on error. */
static gssize
fill (MktCsvReader  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n;

  if (self->eof)
    return 0;

  if (self->pos > 0)
    {
      memmove (self->buf, self->buf + self->pos, self->len - self->pos);
      self->len -= self->pos;
      self->pos = 0;
    }
  if (self->cap - self->len < CHUNK_SIZE)
    {
      self->cap = MAX (self->cap * 2, self->len + CHUNK_SIZE);
      self->buf = g_realloc (self->buf, self->cap);
    }

  n = g_input_stream_read (self->stream, self->buf + self->len, CHUNK_SIZE, cancellable, error);
  if (n < 0)
    return -1;
  if (n == 0)
    self->eof = TRUE;

  self->len += n;
  return n;
}

/* Makes sure at least @want bytes are buffered, unless the input ends. */
static gboolean
fill_at_least (MktCsvReader  *self,
               gsize          want,
               GCancellable  *cancellable,
               GError       **error)
{
  while (self->len - self->pos < want && !self->eof)
    if (fill (self, cancellable, error) < 0)
      return FALSE;

  return TRUE;
}

static char *
format_limit (gsize bytes)
{
  g_autofree char *size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);

  if (bytes < 1024)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", bytes);

  return g_strdup_printf ("%s (%" G_GSIZE_FORMAT " bytes)", size, bytes);
}

static void
set_too_long (MktCsvReader  *self,
              gboolean       in_quotes,
              GError       **error)
{
  g_autofree char *limit = format_limit (self->max_line);

  if (in_quotes)
    g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_LINE_TOO_LONG,
                 "line %u: a quoted field that starts here runs on past the limit of %s "
                 "for one row; is a closing quote missing?", self->record_line, limit);
  else
    g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_LINE_TOO_LONG,
                 "line %u: the line is longer than the limit of %s; is this a CSV file?",
                 self->record_line, limit);
}

static void
set_binary (MktCsvReader  *self,
            guint8         byte,
            GError       **error)
{
  if (byte == 0)
    g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_BINARY,
                 "line %u: the file holds a NUL byte; it is binary data, not a CSV file",
                 self->line);
  else
    g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_BINARY,
                 "line %u: the file holds the control byte 0x%02x, which no text has; "
                 "it is binary data, not a CSV file", self->line, byte);
}

/* The first line, quotes respected, decides between comma, semicolon and
 * tab: whichever it has most of (a comma when it has none). */
static gboolean
detect_delimiter (MktCsvReader  *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize k = 0; k < self->max_line; k++)
    {
      guint8 c;

      if (self->pos + k >= self->len)
        {
          if (self->eof)
            break;
          if (fill (self, cancellable, error) < 0)
            return FALSE;
          k--;
          continue;
        }

      c = self->buf[self->pos + k];
      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    self->delimiter = ';';
  else if (tabs > commas && tabs > semicolons)
    self->delimiter = '\t';
  else
    self->delimiter = ',';

  return TRUE;
}

/* Before the first row: the byte order mark, Excel's "sep=" line, and the
 * delimiter if it is to be found. */
gboolean
mkt_csv_reader_start (MktCsvReader  *self,
       GCancellable  *cancellable,
       GError       **error)
{
  const guint8 *p;

  self->started = TRUE;
  if (!fill_at_least (self, 8, cancellable, error))
    return FALSE;

  p = self->buf + self->pos;
  if (self->len - self->pos >= 2 &&
      ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
    {
      g_set_error_literal (error, MKT_CSV_ERROR, MKT_CSV_ERROR_ENCODING,
                           "line 1: the file is in UTF-16 (Excel’s “Unicode text”); "
                           "save it as “CSV UTF-8” instead");
      return FALSE;
    }

  /* A byte order mark says UTF-8 for sure, whatever was asked. */
  if (self->len - self->pos >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    {
      self->has_bom = TRUE;
      self->pos += 3;
      self->active = MKT_CSV_ENCODING_UTF8;
    }
  else
    self->active = self->encoding;

  /* Excel's hint line, "sep=;", names the delimiter. */
  p = self->buf + self->pos;
  if (self->len - self->pos >= 6 && g_ascii_strncasecmp ((const char *)p, "sep=", 4) == 0 &&
      (p[5] == '\n' || p[5] == '\r') && p[4] != '"')
    {
      if (self->delimiter == 0)
        self->delimiter = (char)p[4];
      self->pos += 6;
      self->line = 2;
      self->skip_lf = p[5] == '\r';
      self->prev_cr = p[5] == '\r';
    }

  if (self->delimiter == 0 && !detect_delimiter (self, cancellable, error))
    return FALSE;

  for (guint c = 0; c < 0x20; c++)
    self->special[c] = c != '\t' || self->delimiter == '\t';
  self->special['"'] = TRUE;
  self->special[(guint8)self->delimiter] = TRUE;

  return TRUE;
}

static inline void
end_field (MktCsvReader *self)
{
  gsize end;

  g_string_append_c (self->record, '\0');
  end = self->record->len;
  g_array_append_val (self->offsets, end);
}

static inline void
count_line (MktCsvReader *self,
            guint8        c)
{
  if (c == '\n')
    {
      if (!self->prev_cr)
        self->line++;
      self->prev_cr = FALSE;
    }
  else if (c == '\r')
    {
      self->line++;
      self->prev_cr = TRUE;
    }
  else
    self->prev_cr = FALSE;
}

/* Reads the raw fields of one row. Returns 1 for a row, 0 at the end of the
 * input, -1 on error. */
int
mkt_csv_reader_read_record (MktCsvReader  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  const char delimiter = self->delimiter;
  gsize start = 0;
  gsize size = 0;
  int state = FIELD_START;
  gboolean any = FALSE;

  g_string_truncate (self->record, 0);
  g_array_set_size (self->offsets, 0);
  g_array_append_val (self->offsets, start);
  self->record_line = self->line;

  for (;;)
    {
      gsize run;
      guint8 c;

      if (self->pos == self->len)
        {
          gssize n = fill (self, cancellable, error);

          if (n < 0)
            return -1;
          if (n == 0)
            {
              if (state == QUOTED)
                {
                  g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_UNTERMINATED_QUOTE,
                               "line %u: the quoted field that starts here is not closed at the "
                               "end of the file; is the file cut short?", self->record_line);
                  return -1;
                }
              if (!any)
                return 0;
              end_field (self);
              return 1;
            }
        }

      /* A run of plain text goes in at once. */
      if (state != QUOTE_SEEN)
        {
          const guint8 *p = self->buf + self->pos;
          const guint8 *end = self->buf + self->len;
          const guint8 *q = p;

          while (q < end && !self->special[*q])
            q++;
          run = q - p;
          if (run > 0)
            {
              if (self->skip_lf)
                self->skip_lf = FALSE;
              size += run;
              if (size > self->max_line)
                {
                  set_too_long (self, state == QUOTED, error);
                  return -1;
                }
              g_string_append_len (self->record, (const char *)p, run);
              self->pos += run;
              self->prev_cr = FALSE;
              any = TRUE;
              if (state == FIELD_START)
                state = UNQUOTED;
              continue;
            }
        }

      c = self->buf[self->pos++];
      count_line (self, c);

      /* The LF of a CRLF that ended the row before. */
      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (c == '\n')
            {
              self->record_line = self->line;
              continue;
            }
        }

      if (G_UNLIKELY (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
        {
          set_binary (self, c, error);
          return -1;
        }

      if (++size > self->max_line)
        {
          set_too_long (self, state == QUOTED, error);
          return -1;
        }
      any = TRUE;

      switch (state)
        {
        case FIELD_START:
        case UNQUOTED:
          if (c == '"' && state == FIELD_START)
            state = QUOTED;
          else if (c == (guint8)delimiter)
            {
              end_field (self);
              state = FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              end_field (self);
              self->skip_lf = c == '\r';
              return 1;
            }
          else
            {
              /* A quote inside an unquoted field (5" ruler) is kept. */
              g_string_append_c (self->record, c);
              state = UNQUOTED;
            }
          break;

        case QUOTED:
          if (c == '"')
            state = QUOTE_SEEN;
          else
            g_string_append_c (self->record, c);
          break;

        case QUOTE_SEEN:
          if (c == '"')
            {
              g_string_append_c (self->record, '"');
              state = QUOTED;
            }
          else if (c == (guint8)delimiter)
            {
              end_field (self);
              state = FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              end_field (self);
              self->skip_lf = c == '\r';
              return 1;
            }
          else
            {
              /* "abc"def reads as abcdef, as spreadsheets do. */
              g_string_append_c (self->record, c);
              state = UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar)text[i] >= 0x80)
      return FALSE;

  return TRUE;
}

static gboolean
convert_1252 (MktCsvReader  *self,
              const char    *text,
              gsize          len,
              char         **out,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;

  if (self->iconv == (GIConv)-1)
    {
      self->iconv = g_iconv_open ("UTF-8", "WINDOWS-1252");
      if (self->iconv == (GIConv)-1)
        {
          g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_ENCODING,
                       "line %u: this system cannot convert from Windows-1252", self->record_line);
          return FALSE;
        }
    }

  *out = g_convert_with_iconv (text, len, self->iconv, &bytes_read, NULL, &local_error);
  if (*out == NULL)
    {
      /* Reset the converter's state after a failure. */
      g_iconv (self->iconv, NULL, NULL, NULL, NULL);
      g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_ENCODING,
                   "line %u: byte 0x%02x is not a Windows-1252 character", self->record_line,
                   bytes_read < len ? (guchar)text[bytes_read] : 0);
      return FALSE;
    }

  return TRUE;
}

/* Turns the raw fields of the row just read into UTF-8 strings. */
gboolean
mkt_csv_reader_decode (MktCsvReader  *self,
        GError       **error)
{
  const gsize *offsets = (const gsize *)(gpointer)self->offsets->data;
  guint n_fields = self->offsets->len - 1;

  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->converted, 0);

  if (self->active != MKT_CSV_ENCODING_WINDOWS_1252)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          const char *text = self->record->str + offsets[i];
          gsize len = offsets[i + 1] - offsets[i] - 1;

          if (is_ascii (text, len) || g_utf8_validate_len (text, len, NULL))
            continue;

          if (self->active == MKT_CSV_ENCODING_UTF8)
            {
              g_set_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_ENCODING,
                           "line %u: the text is not valid UTF-8; is the file in Windows-1252?",
                           self->record_line);
              return FALSE;
            }

          /* From the first row that is not UTF-8 on, the file is taken for
           * Windows-1252, as Excel writes it. */
          self->active = MKT_CSV_ENCODING_WINDOWS_1252;
          break;
        }
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = self->record->str + offsets[i];
      gsize len = offsets[i + 1] - offsets[i] - 1;
      char *converted;

      if (self->active != MKT_CSV_ENCODING_WINDOWS_1252 || is_ascii (text, len))
        {
          g_ptr_array_add (self->fields, (gpointer)text);
          continue;
        }

      if (!convert_1252 (self, text, len, &converted, error))
        return FALSE;
      g_ptr_array_add (self->converted, converted);
      g_ptr_array_add (self->fields, converted);
    }

  g_ptr_array_add (self->fields, NULL);

  return TRUE;
}

