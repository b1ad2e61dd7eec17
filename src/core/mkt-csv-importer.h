/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-csv-mapping.h"
#include "mkt-csv-reader.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktCsvImportMode:
 * @MKT_CSV_IMPORT_ALL_OR_NOTHING: any refused row and nothing is imported
 * @MKT_CSV_IMPORT_SKIP_INVALID: the good rows are imported, the refused ones
 *   go to the reject file
 */
typedef enum
{
  MKT_CSV_IMPORT_ALL_OR_NOTHING,
  MKT_CSV_IMPORT_SKIP_INVALID,
} MktCsvImportMode;

/**
 * MKT_CSV_MAX_ROW_ERRORS:
 *
 * How many refused rows a report lists (all of them are counted, and all go
 * to the reject file).
 */
#define MKT_CSV_MAX_ROW_ERRORS 1000

/**
 * MktCsvRowError:
 * @line: the line the row starts on
 * @field: (nullable): the field at fault, if one is
 * @reason: what is wrong ("purchase_price: must not be negative")
 * @message: the same with the line ("line 12, purchase_price: …")
 */
typedef struct
{
  guint  line;
  char  *field;
  char  *reason;
  char  *message;
} MktCsvRowError;

/**
 * MktCsvImportReport:
 * @rows_read: the rows after the header (blank lines are none)
 * @created: rows that made a new item
 * @updated: rows that changed an item found by id or by its unique key
 * @unchanged: rows whose item already was as they say
 * @rejected: rows refused
 * @skipped: rows that are no item (empty rows, a shop's extra image rows)
 * @dry_run: whether it was a dry run, whose counts say what would be
 * @committed: whether the import was kept
 * @delimiter: the file's delimiter
 * @encoding: the file's encoding
 * @has_bom: whether the file starts with a byte order mark
 * @format: the mapping's format
 * @errors: (element-type MktCsvRowError): the first
 *   %MKT_CSV_MAX_ROW_ERRORS refused rows
 *
 * What an import did, or in a dry run would do. When an all-or-nothing
 * import is refused, @created, @updated and @unchanged are 0.
 */
typedef struct
{
  guint           rows_read;
  guint           created;
  guint           updated;
  guint           unchanged;
  guint           rejected;
  guint           skipped;
  gboolean        dry_run;
  gboolean        committed;
  char            delimiter;
  MktCsvEncoding  encoding;
  gboolean        has_bom;
  MktCsvFormat    format;
  GPtrArray      *errors;
} MktCsvImportReport;

/**
 * MktCsvImportProgressFunc:
 * @rows_read: the rows read so far (as #MktCsvImportReport.rows_read)
 * @user_data: the data given with the function
 *
 * Called after each row, on the thread that runs the import: a front end
 * keeps the count and shows it from its own thread.
 */
typedef void (*MktCsvImportProgressFunc) (guint    rows_read,
                                          gpointer user_data);

#define MKT_TYPE_CSV_IMPORTER (mkt_csv_importer_get_type ())

G_DECLARE_FINAL_TYPE (MktCsvImporter, mkt_csv_importer, MKT, CSV_IMPORTER, GObject)

MktCsvImporter           *mkt_csv_importer_new               (MktSession        *session,
                                                              MktCsvMapping     *mapping);
void                      mkt_csv_importer_set_mode          (MktCsvImporter    *self,
                                                              MktCsvImportMode   mode);
void                      mkt_csv_importer_set_dry_run       (MktCsvImporter    *self,
                                                              gboolean           dry_run);
void                      mkt_csv_importer_set_delimiter     (MktCsvImporter    *self,
                                                              char               delimiter);
void                      mkt_csv_importer_set_encoding      (MktCsvImporter    *self,
                                                              MktCsvEncoding     encoding);
void                      mkt_csv_importer_set_max_line      (MktCsvImporter    *self,
                                                              gsize              max_bytes);
void                      mkt_csv_importer_set_reject_stream (MktCsvImporter    *self,
                                                              GOutputStream     *stream);
void                      mkt_csv_importer_set_progress_func (MktCsvImporter           *self,
                                                              MktCsvImportProgressFunc  func,
                                                              gpointer                  user_data,
                                                              GDestroyNotify            destroy);
gboolean                  mkt_csv_importer_run               (MktCsvImporter    *self,
                                                              GInputStream      *input,
                                                              GCancellable      *cancellable,
                                                              GError           **error);
const MktCsvImportReport *mkt_csv_importer_get_report        (MktCsvImporter    *self);

void                      mkt_csv_row_error_free             (MktCsvRowError    *error);

G_END_DECLS
