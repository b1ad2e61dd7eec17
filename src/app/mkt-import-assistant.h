/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-window.h"

G_BEGIN_DECLS

#define MKT_TYPE_IMPORT_ASSISTANT (mkt_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (MktImportAssistant, mkt_import_assistant, MKT, IMPORT_ASSISTANT, AdwWindow)

MktImportAssistant *mkt_import_assistant_new                (MktWindow           *window);
MktImportAssistant *mkt_import_assistant_get_for_window     (MktWindow           *window);
void                mkt_import_assistant_set_file           (MktImportAssistant  *self,
                                                             GFile               *file);
GFile              *mkt_import_assistant_get_file           (MktImportAssistant  *self);
void                mkt_import_assistant_set_entity         (MktImportAssistant  *self,
                                                             const char          *entity);
const char         *mkt_import_assistant_get_entity         (MktImportAssistant  *self);
void                mkt_import_assistant_set_format         (MktImportAssistant  *self,
                                                             MktCsvFormat         format);
gboolean            mkt_import_assistant_set_column_target  (MktImportAssistant  *self,
                                                             const char          *column,
                                                             const char          *target);
gboolean            mkt_import_assistant_get_busy           (MktImportAssistant  *self);
gboolean            mkt_import_assistant_get_importing      (MktImportAssistant  *self);
gboolean            mkt_import_assistant_get_can_import     (MktImportAssistant  *self);
guint               mkt_import_assistant_get_n_preview_rows (MktImportAssistant  *self);
guint               mkt_import_assistant_get_preview_line   (MktImportAssistant  *self,
                                                             guint                position);
const char         *mkt_import_assistant_get_preview_field  (MktImportAssistant  *self,
                                                             guint                position,
                                                             guint                column);
const char         *mkt_import_assistant_get_preview_problem (MktImportAssistant *self,
                                                             guint                position);
const char         *mkt_import_assistant_get_status         (MktImportAssistant  *self);
const char         *mkt_import_assistant_get_result         (MktImportAssistant  *self);
gboolean            mkt_import_assistant_get_counts         (MktImportAssistant  *self,
                                                             guint               *out_created,
                                                             guint               *out_updated,
                                                             guint               *out_rejected);
double              mkt_import_assistant_get_fraction       (MktImportAssistant  *self);
void                mkt_import_assistant_import             (MktImportAssistant  *self);
void                mkt_import_assistant_cancel             (MktImportAssistant  *self);

void                mkt_import_assistant_action             (GtkWidget           *widget,
                                                             const char          *action_name,
                                                             GVariant            *parameter);

G_END_DECLS
