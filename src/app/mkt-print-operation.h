/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-core.h"

G_BEGIN_DECLS

GtkPrintOperation       *mkt_print_operation_new_for_sheet (MktPrintSheet            *sheet,
                                                            MktPaper                  paper);
GtkPrintOperation       *mkt_print_operation_new_for_tags  (MktPrintTags             *tags);
GtkPrintOperationResult  mkt_print_operation_run           (GtkPrintOperation        *operation,
                                                            GtkPrintOperationAction   action,
                                                            GtkWindow                *parent,
                                                            GError                  **error);
gboolean                 mkt_print_operation_check         (GtkPrintOperation        *operation,
                                                            GtkPrintOperationResult   result,
                                                            GError                  **error);

G_END_DECLS
