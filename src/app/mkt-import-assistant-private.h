/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-import-assistant.h"

G_BEGIN_DECLS

/* What the assistant's files share: the window's state
 * (mkt-import-assistant.c), its preview and column rows
 * (mkt-import-assistant-preview.c) and the work on a thread
 * (mkt-import-assistant-run.c). */

/* How many rows the preview shows, and how many refused rows the status
 * lists in words. */
#define PREVIEW_ROWS 50
#define LISTED_ERRORS 20
/* Columns beyond these are imported but not shown in the preview. */
#define PREVIEW_COLUMNS 16

/* One row of the preview. */
#define MKT_TYPE_IMPORT_ROW (mkt_import_row_get_type ())

G_DECLARE_FINAL_TYPE (MktImportRow, mkt_import_row, MKT, IMPORT_ROW, GObject)

struct _MktImportRow
{
  GObject   parent_instance;

  guint     line;
  char    **fields;
  char     *problem;
};

struct _MktImportAssistant
{
  AdwWindow             parent_instance;

  /* Template children */
  AdwActionRow         *file_row;
  AdwComboRow          *entity_row;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *columns_group;
  GtkLabel             *status_label;
  GtkColumnView        *preview_view;
  GtkProgressBar       *progress_bar;
  GtkLabel             *result_label;
  GtkButton            *cancel_button;

  MktWindow            *window;           /* weak */
  GFile                *file;
  GtkFileChooserNative *chooser;
  GListStore           *preview;          /* MktImportRow */

  /* The file's header, the rows that map its columns, and what each
   * column was set to: NULL for what the format says, "-" to skip it. */
  char                **header;
  GPtrArray            *column_rows;
  GPtrArray            *targets;
  const MktEntitySpec  *rows_spec;
  MktCsvFormat          rows_format;

  GCancellable         *preview_cancellable;
  GCancellable         *import_cancellable;
  guint                 total_rows;
  int                   progress_rows;    /* atomic: written by the import thread */
  guint                 progress_source;
  guint                 counts[3];        /* created, updated, rejected */

  guint                 previewing : 1;
  guint                 importing : 1;
  guint                 file_ok : 1;
  guint                 imported : 1;
  guint                 updating : 1;
};

/* A dry run (with the header and first rows for the preview) or an
 * import, on a worker thread with a store connection of its own. */
typedef struct
{
  /* In */
  char                 *db_path;
  GFile                *file;
  const MktEntitySpec  *spec;
  MktCsvFormat          format;
  GPtrArray            *overrides;    /* column, target, column, target… */
  gboolean              dry_run;
  int                  *progress;     /* the assistant's, which the task keeps alive */

  /* Out */
  char                **header;
  char                **automatic;    /* per column: what the format makes of it */
  GPtrArray            *rows;         /* MktImportRow, without problems */
  MktCsvImportReport    report;
  GError               *problem;      /* why the file cannot be imported as set */
} RunData;

void                 mkt_import_run_data_free                   (RunData             *data);
void                 mkt_import_run_thread                      (GTask               *task,
                                                                 gpointer             source_object,
                                                                 gpointer             task_data,
                                                                 GCancellable        *cancellable);

const MktEntitySpec *mkt_import_assistant_current_spec          (MktImportAssistant  *self);
MktCsvFormat         mkt_import_assistant_current_format        (MktImportAssistant  *self);
void                 mkt_import_assistant_set_status            (MktImportAssistant  *self,
                                                                 const char          *text);
void                 mkt_import_assistant_reload_preview        (MktImportAssistant  *self);

void                 mkt_import_assistant_clear_column_rows     (MktImportAssistant  *self);
void                 mkt_import_assistant_build_preview_columns (MktImportAssistant  *self);
void                 mkt_import_assistant_show_dry_run          (MktImportAssistant  *self,
                                                                 RunData             *data);

G_END_DECLS
