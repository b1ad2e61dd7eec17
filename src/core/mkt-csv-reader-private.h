/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-csv-reader.h"

G_BEGIN_DECLS

struct _MktCsvReader
{
  GObject         parent_instance;

  GInputStream   *stream;
  guint8         *buf;
  gsize           len;
  gsize           pos;
  gsize           cap;
  gboolean        eof;
  gboolean        started;
  gboolean        finished;

  char            delimiter;
  MktCsvEncoding  encoding;   /* as asked */
  MktCsvEncoding  active;     /* what rows are decoded from now */
  gboolean        has_bom;
  gsize           max_line;

  guint           line;       /* the line at the read position */
  guint           record_line;
  gboolean        prev_cr;
  gboolean        skip_lf;

  /* Bytes that end a run of plain field text. */
  gboolean        special[256];

  GString        *record;     /* the current row's fields, each NUL-terminated */
  GArray         *offsets;    /* where each field starts in record, and the end */
  GPtrArray      *fields;     /* NULL-terminated, into record or converted */
  GPtrArray      *converted;
  GIConv          iconv;
};

/* mkt-csv-reader-parse.c: from bytes to a row's fields. */
gboolean  mkt_csv_reader_start        (MktCsvReader  *self,
                                       GCancellable  *cancellable,
                                       GError       **error);
int       mkt_csv_reader_read_record  (MktCsvReader  *self,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean  mkt_csv_reader_decode       (MktCsvReader  *self,
                                       GError       **error);

G_END_DECLS
