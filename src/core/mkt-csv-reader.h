/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MktCsvError:
 * @MKT_CSV_ERROR_UNTERMINATED_QUOTE: a quoted field is still open at the end
 *   of the file (a file cut short)
 * @MKT_CSV_ERROR_BINARY: the file holds a NUL byte or other control bytes
 *   that no text has: not a CSV file
 * @MKT_CSV_ERROR_LINE_TOO_LONG: a row is longer than the reader's limit
 * @MKT_CSV_ERROR_ENCODING: the text is not in the encoding asked for
 * @MKT_CSV_ERROR_EMPTY: the file has no header row
 * @MKT_CSV_ERROR_MAPPING: a column or a field of the mapping is unknown, or
 *   two columns give one field
 * @MKT_CSV_ERROR_FORMAT: the format does not fit the entity (a Shopify
 *   export of materials)
 * @MKT_CSV_ERROR_INVALID_ROWS: rows were refused, so nothing was imported
 *
 * Errors of reading, mapping and importing CSV files. Errors about the file
 * itself carry the line in their message ("line 12: …").
 */
typedef enum
{
  MKT_CSV_ERROR_UNTERMINATED_QUOTE,
  MKT_CSV_ERROR_BINARY,
  MKT_CSV_ERROR_LINE_TOO_LONG,
  MKT_CSV_ERROR_ENCODING,
  MKT_CSV_ERROR_EMPTY,
  MKT_CSV_ERROR_MAPPING,
  MKT_CSV_ERROR_FORMAT,
  MKT_CSV_ERROR_INVALID_ROWS,
} MktCsvError;

#define MKT_CSV_ERROR (mkt_csv_error_quark ())

GQuark mkt_csv_error_quark (void);

/**
 * MktCsvEncoding:
 * @MKT_CSV_ENCODING_AUTO: UTF-8 (with or without a byte order mark), else
 *   Windows-1252 from the first row that is not valid UTF-8 on
 * @MKT_CSV_ENCODING_UTF8: UTF-8; anything else is an error
 * @MKT_CSV_ENCODING_WINDOWS_1252: Windows-1252 (what Excel writes on Western
 *   European Windows)
 */
typedef enum
{
  MKT_CSV_ENCODING_AUTO,
  MKT_CSV_ENCODING_UTF8,
  MKT_CSV_ENCODING_WINDOWS_1252,
} MktCsvEncoding;

/**
 * MKT_CSV_DEFAULT_MAX_LINE:
 *
 * The longest row a reader accepts unless told otherwise: 1 MiB. A longer
 * one is refused before more of it is read.
 */
#define MKT_CSV_DEFAULT_MAX_LINE (1024 * 1024)

gboolean        mkt_csv_encoding_from_string   (const char      *text,
                                                MktCsvEncoding  *out_encoding);
const char     *mkt_csv_encoding_to_string     (MktCsvEncoding   encoding);

#define MKT_TYPE_CSV_READER (mkt_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (MktCsvReader, mkt_csv_reader, MKT, CSV_READER, GObject)

MktCsvReader       *mkt_csv_reader_new            (GInputStream    *stream);
MktCsvReader       *mkt_csv_reader_new_for_path   (const char      *path,
                                                   GError         **error);

void                mkt_csv_reader_set_delimiter  (MktCsvReader    *self,
                                                   char             delimiter);
char                mkt_csv_reader_get_delimiter  (MktCsvReader    *self);
void                mkt_csv_reader_set_encoding   (MktCsvReader    *self,
                                                   MktCsvEncoding   encoding);
MktCsvEncoding      mkt_csv_reader_get_encoding   (MktCsvReader    *self);
gboolean            mkt_csv_reader_get_has_bom    (MktCsvReader    *self);
void                mkt_csv_reader_set_max_line   (MktCsvReader    *self,
                                                   gsize            max_bytes);

gboolean            mkt_csv_reader_next           (MktCsvReader    *self,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
guint               mkt_csv_reader_get_n_fields   (MktCsvReader    *self);
const char * const *mkt_csv_reader_get_fields     (MktCsvReader    *self);
const char         *mkt_csv_reader_get_field      (MktCsvReader    *self,
                                                   guint            index);
guint               mkt_csv_reader_get_line       (MktCsvReader    *self);

G_END_DECLS
