/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <string.h>

#include "test-print-utils.h"

/* The print tests read the PDFs back as a person's viewer would, with
 * poppler's pdftotext and pdfinfo: the text, the pages and where words lie. */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s failed: %s", argv[0], err);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (out, -1, NULL));

  return out;
}

/**
 * mkt_test_pdf_text:
 * @path: a PDF
 *
 * Returns: (transfer full): its text in the order it was drawn (-raw), pages
 *   ending in a form feed
 */
char *
mkt_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  return run (argv);
}

/**
 * mkt_test_pdf_page_texts:
 * @path: a PDF
 *
 * Returns: (transfer full): the text of each page
 */
char **
mkt_test_pdf_page_texts (const char *path)
{
  g_autofree char *text = mkt_test_pdf_text (path);
  char **pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* The last page's form feed leaves a blank string behind. */
  if (n > 0)
    {
      g_autofree char *last = g_strstrip (g_strdup (pages[n - 1]));

      if (*last == '\0')
        g_clear_pointer (&pages[n - 1], g_free);
    }

  return pages;
}

static char *
info_value (const char *path,
            const char *key)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));

  g_assert_not_reached ();
}

guint
mkt_test_pdf_n_pages (const char *path)
{
  g_autofree char *value = info_value (path, "Pages");

  return (guint)g_ascii_strtoull (value, NULL, 10);
}

/**
 * mkt_test_pdf_page_size:
 * @path: a PDF
 * @out_width: (out): the first page's width in points, as pdfinfo says it
 * @out_height: (out): its height
 */
void
mkt_test_pdf_page_size (const char *path,
                        double     *out_width,
                        double     *out_height)
{
  g_autofree char *value = info_value (path, "Page size");
  char *end;

  /* "595.276 x 841.89 pts (A4)" */
  *out_width = g_ascii_strtod (value, &end);
  g_assert_true (g_str_has_prefix (end, " x "));
  *out_height = g_ascii_strtod (end + 3, &end);
  g_assert_true (g_str_has_prefix (end, " pts"));
}

static void
word_free (gpointer data)
{
  MktPdfWord *word = data;

  g_free (word->text);
  g_free (word);
}

static char *
unescape (const char *text)
{
  static const char * const entities[][2] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
  };
  GString *out = g_string_new (text);

  for (guint i = G_N_ELEMENTS (entities); i > 0; i--)
    g_string_replace (out, entities[i - 1][0], entities[i - 1][1], 0);

  return g_string_free (out, FALSE);
}

/**
 * mkt_test_pdf_words:
 * @path: a PDF
 * @out_pages: (out) (optional) (element-type MktPdfPage): the pages' sizes
 *
 * Returns: (transfer full) (element-type MktPdfWord): every word, page by
 *   page, with its box
 */
GPtrArray *
mkt_test_pdf_words (const char  *path,
                    GArray     **out_pages)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">(.*)</word>", 0, 0, NULL);
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (MktPdfPage));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (page_re, lines[i], 0, &match))
        {
          g_autofree char *width = g_match_info_fetch (match, 1);
          g_autofree char *height = g_match_info_fetch (match, 2);
          MktPdfPage page = { g_ascii_strtod (width, NULL), g_ascii_strtod (height, NULL) };

          g_array_append_val (pages, page);
          continue;
        }

      g_clear_pointer (&match, g_match_info_unref);
      if (g_regex_match (word_re, lines[i], 0, &match))
        {
          MktPdfWord *word = g_new0 (MktPdfWord, 1);
          double *edges[] = { &word->x0, &word->y0, &word->x1, &word->y1 };
          g_autofree char *text = g_match_info_fetch (match, 5);

          g_assert_cmpuint (pages->len, >, 0);
          word->page = pages->len - 1;
          for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
            {
              g_autofree char *value = g_match_info_fetch (match, e + 1);

              *edges[e] = g_ascii_strtod (value, NULL);
            }
          word->text = unescape (text);
          g_ptr_array_add (words, word);
        }
    }

  if (out_pages != NULL)
    *out_pages = pages;
  else
    g_array_unref (pages);

  return words;
}

/**
 * mkt_test_count_occurrences:
 * @haystack: a text
 * @needle: what to look for
 *
 * Returns: how many times @needle occurs in @haystack, not overlapping
 */
guint
mkt_test_count_occurrences (const char *haystack,
                            const char *needle)
{
  gsize length = strlen (needle);
  guint n = 0;

  g_assert_cmpuint (length, >, 0);
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + length, needle))
    n++;

  return n;
}

/**
 * mkt_test_squeeze:
 * @text: a text
 *
 * Returns: (transfer full): @text without any white space, so a name that
 *   wrapped (at a space or inside a word) reads as the same as unwrapped
 */
char *
mkt_test_squeeze (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
