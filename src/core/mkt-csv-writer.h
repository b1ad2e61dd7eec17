/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MKT_TYPE_CSV_WRITER (mkt_csv_writer_get_type ())

G_DECLARE_FINAL_TYPE (MktCsvWriter, mkt_csv_writer, MKT, CSV_WRITER, GObject)

MktCsvWriter *mkt_csv_writer_new            (GOutputStream       *stream);
void          mkt_csv_writer_set_delimiter  (MktCsvWriter        *self,
                                             char                 delimiter);
void          mkt_csv_writer_set_bom        (MktCsvWriter        *self,
                                             gboolean             bom);
gboolean      mkt_csv_writer_write_row      (MktCsvWriter        *self,
                                             const char * const  *fields,
                                             guint                n_fields,
                                             GCancellable        *cancellable,
                                             GError             **error);
gboolean      mkt_csv_writer_flush          (MktCsvWriter        *self,
                                             GCancellable        *cancellable,
                                             GError             **error);
guint         mkt_csv_writer_get_n_rows     (MktCsvWriter        *self);

G_END_DECLS
