/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktCsvExportFlags:
 * @MKT_CSV_EXPORT_NONE: plain UTF-8
 * @MKT_CSV_EXPORT_BOM: start with a UTF-8 byte order mark, which tells
 *   Excel the file is UTF-8
 */
typedef enum
{
  MKT_CSV_EXPORT_NONE = 0,
  MKT_CSV_EXPORT_BOM  = 1 << 0,
} MktCsvExportFlags;

gboolean  mkt_csv_export_entity        (MktSession           *session,
                                        const MktEntitySpec  *spec,
                                        GOutputStream        *output,
                                        MktCsvExportFlags     flags,
                                        guint                *out_n_rows,
                                        GCancellable         *cancellable,
                                        GError              **error);
gboolean  mkt_csv_export_event_summary (MktSession           *session,
                                        const char           *event_id,
                                        GOutputStream        *output,
                                        MktCsvExportFlags     flags,
                                        guint                *out_n_rows,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_END_DECLS
