/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "mkt-print-private.h"

/* What the sheet and the tags share: writing a PDF file, and text set the
 * same way on a PDF surface and on a printer's cairo context. */

/* Text ---------------------------------------------------------------------- */

/**
 * mkt_print_context_new:
 * @cr: a cairo context whose user units are points
 *
 * A Pango context for @cr whose layouts measure the same on every surface:
 * 72 dpi (a point is a user unit), no hinting of metrics, glyph positions
 * not rounded to whole units. Pagination and drawing both use one, so what
 * pagination measured is what is drawn.
 *
 * Returns: (transfer full): the context
 */
PangoContext *
mkt_print_context_new (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

/**
 * mkt_print_font_new:
 * @size: the size in points
 * @weight: the weight
 *
 * Returns: (transfer full): the sans-serif font of sheets and tags
 */
PangoFontDescription *
mkt_print_font_new (double      size,
                    PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);

  return font;
}

/**
 * mkt_print_layout_new:
 * @context: a context from mkt_print_context_new()
 * @size: the font's size in points
 * @weight: the font's weight
 *
 * A layout that wraps at word boundaries, and inside a word too long for a
 * line, without adding hyphens: a wrapped name reads back in full.
 *
 * Returns: (transfer full): the layout
 */
PangoLayout *
mkt_print_layout_new (PangoContext *context,
                      double        size,
                      PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = mkt_print_font_new (size, weight);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);

  pango_attr_list_unref (attributes);
  pango_font_description_free (font);
  return layout;
}

/**
 * mkt_print_layout_set:
 * @layout: a layout from mkt_print_layout_new()
 * @text: (nullable): its text
 * @width: the width to wrap to in points, or 0 not to wrap
 *
 * Returns: the height of the laid out text, in points
 */
double
mkt_print_layout_set (PangoLayout *layout,
                      const char  *text,
                      double       width)
{
  int height;

  pango_layout_set_width (layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, NULL, &height);

  return (double)height / PANGO_SCALE;
}

void
mkt_print_show (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* PDF files ----------------------------------------------------------------- */

typedef struct
{
  FILE *file;
  int   saved_errno;
} PdfStream;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  PdfStream *stream = closure;

  if (length > 0 && fwrite (data, 1, length, stream->file) != length)
    {
      stream->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "Cannot write “%s”: %s", shown, g_strerror (saved_errno));
}

static gboolean
render (cairo_surface_t       *surface,
        PdfStream             *stream,
        const char            *path,
        double                 width,
        double                 height,
        MktPrintPaginateFunc   paginate,
        MktPrintDrawFunc       draw,
        gpointer               user_data,
        GError               **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;
  guint n_pages = 0;

  if (!paginate (user_data, cr, width, height, &n_pages, error))
    {
      cairo_destroy (cr);
      return FALSE;
    }

  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      cairo_save (cr);
      draw (user_data, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_WRITE_ERROR && stream->saved_errno != 0)
    {
      set_write_error (error, path, stream->saved_errno);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_FAILED,
                   "Cannot render “%s”: %s", shown, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_print_write_pdf:
 * @path: the file to write
 * @title: (nullable): the document's title, in its metadata
 * @width: the pages' width in points
 * @height: the pages' height in points
 * @paginate: lays the document out on a context of the PDF surface
 * @draw: draws one page
 * @user_data: the document
 * @error: return location for a %G_IO_ERROR naming @path, or a
 *   %MKT_PRINT_ERROR
 *
 * Writes a PDF through a temporary file beside @path that replaces @path
 * only once complete: a failure leaves an older file of that name as it
 * was. The file is opened before anything is laid out, so a folder that is
 * missing or not writable fails at once.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_print_write_pdf (const char            *path,
                     const char            *title,
                     double                 width,
                     double                 height,
                     MktPrintPaginateFunc   paginate,
                     MktPrintDrawFunc       draw,
                     gpointer               user_data,
                     GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  cairo_surface_t *surface;
  PdfStream stream = { NULL, 0 };
  gboolean existed;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           "Cannot write a PDF without a file name");
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (error, path, EISDIR);
      return FALSE;
    }
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }

  stream.file = fdopen (fd, "wb");
  if (stream.file == NULL)
    {
      set_write_error (error, path, errno);
      close (fd);
      g_unlink (temp);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_cb, &stream, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Market Manager");
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  ok = render (surface, &stream, path, width, height, paginate, draw, user_data, error);
  cairo_surface_destroy (surface);

  if (ok && (fflush (stream.file) != 0 || (existed && fsync (fileno (stream.file)) != 0)))
    {
      set_write_error (error, path, errno);
      ok = FALSE;
    }
  if (fclose (stream.file) != 0 && ok)
    {
      set_write_error (error, path, errno);
      ok = FALSE;
    }
  if (ok && g_rename (temp, path) != 0)
    {
      set_write_error (error, path, errno);
      ok = FALSE;
    }

  if (!ok)
    g_unlink (temp);

  return ok;
}
