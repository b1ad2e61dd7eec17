/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-print-operation.h"

/*
 * Market sheets and price tags through GtkPrintOperation: the print dialog
 * with its preview, or an export to PDF. The pages are mkt-core's, drawn
 * by the same functions that write the CLI's PDFs: the operation prints on
 * the full paper in points, which is what those functions draw on.
 */

#define JOB_KEY "mkt-print-job"

typedef struct
{
  GObject *document;   /* MktPrintSheet or MktPrintTags */
  GError  *error;      /* why pagination failed */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->document);
  g_clear_error (&job->error);
  g_free (job);
}

static PrintJob *
get_job (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), JOB_KEY);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = get_job (operation);
  guint n_pages;

  g_clear_error (&job->error);

  if (MKT_IS_PRINT_SHEET (job->document))
    {
      MktPrintSheet *sheet = MKT_PRINT_SHEET (job->document);

      /* The page the dialog settled on, measured on the printer's context. */
      if (!mkt_print_sheet_paginate (sheet, gtk_print_context_get_cairo_context (context),
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context),
                                     &job->error))
        {
          gtk_print_operation_cancel (operation);
          return;
        }
      n_pages = mkt_print_sheet_get_n_pages (sheet);
    }
  else
    n_pages = mkt_print_tags_get_n_pages (MKT_PRINT_TAGS (job->document));

  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  PrintJob *job = get_job (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  if (MKT_IS_PRINT_SHEET (job->document))
    {
      if ((guint)page < mkt_print_sheet_get_n_pages (MKT_PRINT_SHEET (job->document)))
        mkt_print_sheet_draw_page (MKT_PRINT_SHEET (job->document), cr, page);
    }
  else if ((guint)page < mkt_print_tags_get_n_pages (MKT_PRINT_TAGS (job->document)))
    mkt_print_tags_draw_page (MKT_PRINT_TAGS (job->document), cr, page);
}

static GtkPrintOperation *
operation_new (GObject    *document,
               MktPaper    paper,
               const char *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper_size = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);

  job->document = g_object_ref (document);
  g_object_set_data_full (G_OBJECT (operation), JOB_KEY, job, (GDestroyNotify)print_job_free);

  paper_size = gtk_paper_size_new (paper == MKT_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper_size);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  /* mkt-core's pages keep their own margins (a label sheet's die cut
   * decides where tags go), in points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);

  return operation;
}

/**
 * mkt_print_operation_new_for_sheet:
 * @sheet: a market sheet
 * @paper: the paper it is set up for (the user may pick another)
 *
 * Returns: (transfer full): an operation that prints @sheet, paginated
 *   for the page the print dialog settles on
 */
GtkPrintOperation *
mkt_print_operation_new_for_sheet (MktPrintSheet *sheet,
                                   MktPaper       paper)
{
  g_return_val_if_fail (MKT_IS_PRINT_SHEET (sheet), NULL);

  return operation_new (G_OBJECT (sheet), paper, mkt_print_sheet_get_title (sheet));
}

/**
 * mkt_print_operation_new_for_tags:
 * @tags: price tags
 *
 * Returns: (transfer full): an operation that prints @tags on their label
 *   sheet's paper, at actual size
 */
GtkPrintOperation *
mkt_print_operation_new_for_tags (MktPrintTags *tags)
{
  g_return_val_if_fail (MKT_IS_PRINT_TAGS (tags), NULL);

  return operation_new (G_OBJECT (tags), mkt_tag_layout_get_paper (mkt_print_tags_get_layout (tags)),
                        _("Price tags"));
}

/**
 * mkt_print_operation_check:
 * @operation: an operation from this file, done
 * @result: how it ended (#GtkPrintOperation::done tells)
 * @error: return location for why it failed
 *
 * Returns: %FALSE with @error set when the document could not be laid out
 *   or the print system failed
 */
gboolean
mkt_print_operation_check (GtkPrintOperation        *operation,
                           GtkPrintOperationResult   result,
                           GError                  **error)
{
  PrintJob *job;
  g_autoptr(GError) print_error = NULL;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), FALSE);

  job = get_job (operation);
  if (job != NULL && job->error != NULL)
    {
      g_propagate_error (error, g_error_copy (job->error));
      return FALSE;
    }

  /* GTK has an error to give only after a failure. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &print_error);
      if (print_error == NULL)
        g_set_error_literal (&print_error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("Printing failed"));
      g_propagate_error (error, g_steal_pointer (&print_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_print_operation_run:
 * @operation: an operation from this file
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the user, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write #GtkPrintOperation:export-filename
 * @parent: (nullable): the window the dialog belongs to
 * @error: return location for an error
 *
 * Runs @operation. Tags without a tag, or a sheet whose page cannot hold
 * a row, fail with mkt-core's error rather than print an empty page.
 *
 * Returns: the result; %GTK_PRINT_OPERATION_RESULT_ERROR with @error set
 */
GtkPrintOperationResult
mkt_print_operation_run (GtkPrintOperation        *operation,
                         GtkPrintOperationAction   action,
                         GtkWindow                *parent,
                         GError                  **error)
{
  PrintJob *job;
  GtkPrintOperationResult result;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  job = get_job (operation);
  g_return_val_if_fail (job != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  if (MKT_IS_PRINT_TAGS (job->document) && mkt_print_tags_get_n_tags (MKT_PRINT_TAGS (job->document)) == 0)
    {
      g_set_error_literal (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY,
                           _("No price tags to print: no product with a price"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  result = gtk_print_operation_run (operation, action, parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return result;

  if (job->error != NULL)
    {
      g_propagate_error (error, g_error_copy (job->error));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  return result;
}
