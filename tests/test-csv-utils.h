/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-csv.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * TestCsvImport:
 * @entity: "material", "product"…
 * @csv: the file's bytes
 * @length: their length, or -1 for strlen (@csv)
 * @format: the mapping's format
 * @maps: (nullable): NULL-terminated COLUMN=FIELD entries
 * @mode: all-or-nothing or skip-invalid
 * @dry_run: whether to keep nothing
 * @max_line: the reader's limit, 0 for the default
 *
 * One import as the tests run it.
 */
typedef struct
{
  const char         *entity;
  const char         *csv;
  gssize              length;
  MktCsvFormat        format;
  const char * const *maps;
  MktCsvImportMode    mode;
  gboolean            dry_run;
  gsize               max_line;
} TestCsvImport;

MktCsvImporter *test_csv_import        (MktSession           *session,
                                        const TestCsvImport  *import,
                                        gboolean             *out_ok,
                                        char                **out_rejects,
                                        GError              **error);
MktCsvImporter *test_csv_import_text   (MktSession           *session,
                                        const char           *entity,
                                        const char           *csv,
                                        MktCsvImportMode      mode);
char           *test_csv_counts        (const char           *path);
char           *test_csv_export        (MktSession           *session,
                                        const MktEntitySpec  *spec,
                                        MktCsvExportFlags     flags,
                                        guint                *out_n_rows);
GPtrArray      *test_csv_parse         (const char           *csv);
const char     *test_csv_first_error   (MktCsvImporter       *importer);

G_END_DECLS
