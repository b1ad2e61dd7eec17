/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MktPdfWord:
 * @page: its page, from 0
 * @x0: its left edge, in points from the page's left
 * @y0: its top edge, in points from the page's top
 * @x1: its right edge
 * @y1: its bottom edge
 * @text: the word
 *
 * A word of a PDF as poppler reads it, where it lies.
 */
typedef struct
{
  guint   page;
  double  x0;
  double  y0;
  double  x1;
  double  y1;
  char   *text;
} MktPdfWord;

/**
 * MktPdfPage:
 * @width: the page's width in points
 * @height: its height
 */
typedef struct
{
  double width;
  double height;
} MktPdfPage;

char        *mkt_test_pdf_text         (const char   *path);
char       **mkt_test_pdf_page_texts   (const char   *path);
guint        mkt_test_pdf_n_pages      (const char   *path);
void         mkt_test_pdf_page_size    (const char   *path,
                                        double       *out_width,
                                        double       *out_height);
GPtrArray   *mkt_test_pdf_words        (const char   *path,
                                        GArray      **out_pages);

guint        mkt_test_count_occurrences (const char  *haystack,
                                         const char  *needle);
char        *mkt_test_squeeze          (const char   *text);

G_END_DECLS
