/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-window.h"

G_BEGIN_DECLS

/**
 * MktExportKind:
 * @MKT_EXPORT_SHEET: the market sheet of an event, as a PDF
 * @MKT_EXPORT_TAGS: price tags of a product, or of every product with a
 *   price, as a PDF
 * @MKT_EXPORT_CSV: every material, product or component, as CSV
 *
 * What is exported; the target is an event id, a product id (or "") or an
 * entity name.
 */
typedef enum
{
  MKT_EXPORT_SHEET,
  MKT_EXPORT_TAGS,
  MKT_EXPORT_CSV,
} MktExportKind;

void                  mkt_export_load_document_async  (const char            *db_path,
                                                       MktExportKind          kind,
                                                       const char            *target,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
GObject              *mkt_export_load_document_finish (GAsyncResult          *result,
                                                       GError               **error);

void                  mkt_export_write_async          (const char            *db_path,
                                                       MktExportKind          kind,
                                                       const char            *target,
                                                       GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean              mkt_export_write_finish         (GAsyncResult          *result,
                                                       GError               **error);

char                 *mkt_export_suggest_name         (MktSession            *session,
                                                       MktExportKind          kind,
                                                       const char            *target,
                                                       GError               **error);
void                  mkt_export_start                (MktWindow             *window,
                                                       MktExportKind          kind,
                                                       const char            *target,
                                                       GFile                 *file);
GtkFileChooserNative *mkt_export_get_chooser          (MktWindow             *window);
void                  mkt_export_chooser_respond      (MktWindow             *window,
                                                       GFile                 *file);

/* Window actions (win.print-sheet, win.print-tags, win.export-sheet,
 * win.export-tags, win.export-csv), installed by MktWindow. */
void                  mkt_export_print_action         (GtkWidget             *widget,
                                                       const char            *action_name,
                                                       GVariant              *parameter);
void                  mkt_export_pdf_action           (GtkWidget             *widget,
                                                       const char            *action_name,
                                                       GVariant              *parameter);
void                  mkt_export_csv_action           (GtkWidget             *widget,
                                                       const char            *action_name,
                                                       GVariant              *parameter);

G_END_DECLS
