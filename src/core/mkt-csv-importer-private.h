/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-csv-importer.h"
#include "mkt-csv-writer.h"

G_BEGIN_DECLS

struct _MktCsvImporter
{
  GObject              parent_instance;

  MktSession          *session;
  MktCsvMapping       *mapping;
  const MktEntitySpec *spec;
  MktCsvImportMode     mode;
  gboolean             dry_run;
  char                 delimiter;
  MktCsvEncoding       encoding;
  gsize                max_line;
  GOutputStream       *reject_stream;
  MktCsvImportProgressFunc progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;

  /* One run. */
  MktCsvImportReport   report;
  MktCsvWriter        *rejects;
  const char          *currency;
  char                 decimal_hint;
  int                  key_field;      /* the unique text field (sku), or -1 */
  int                  key_column;
  int                  id_column;
  GHashTable          *seen_keys;      /* key value → the line that had it */
  gboolean             started_empty;
  guint                n_columns;

  /* Shopify: a product's variant and image rows follow it without a title. */
  int                  title_column;
  int                  handle_column;
  int                  option_columns[3];
  char                *last_title;
  char                *last_handle;
};

typedef enum
{
  MKT_CSV_ROW_CREATED,
  MKT_CSV_ROW_UPDATED,
  MKT_CSV_ROW_UNCHANGED,
  MKT_CSV_ROW_SKIPPED,
} MktCsvRowOutcome;

/* mkt-csv-importer-row.c: one row of the file. */
gboolean  mkt_csv_importer_import_row  (MktCsvImporter      *self,
                                        const char * const  *fields,
                                        guint                n_fields,
                                        guint                line,
                                        MktCsvRowOutcome    *outcome,
                                        GError             **error);
gboolean  mkt_csv_importer_is_fatal    (const GError        *error);
char     *mkt_csv_importer_row_reason  (MktCsvImporter      *self,
                                        const GError        *error);

G_END_DECLS
