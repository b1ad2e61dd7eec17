/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include "mkt-core.h"

/* How money and dates read on paper, and the papers and label sheets. */

static void
test_money (void)
{
  static const struct
  {
    const char *currency;
    MktMoney    amount;
    const char *expected;
  } cases[] = {
    { "EUR", 1250, "€12.50" },
    { "EUR", 0, "€0.00" },
    { "USD", 499, "$4.99" },
    { "USD", -5, "-$0.05" },
    { "GBP", 120000, "£1200.00" },
    { "JPY", 1200, "¥1200" },
    { "INR", 9900, "₹99.00" },
    /* No sign that means one currency everywhere: the code. */
    { "CHF", 1250, "CHF\u00a012.50" },
    { "CAD", -1999, "-CAD\u00a019.99" },
    { "SEK", 4500, "SEK\u00a045.00" },
    { "KWD", 1234, "KWD\u00a01.234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_print_format_money (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpstr (mkt_print_currency_symbol ("EUR"), ==, "€");
  g_assert_null (mkt_print_currency_symbol ("AUD"));
}

static void
test_dates (void)
{
  static const struct
  {
    const char *starts_on;
    const char *ends_on;
    const char *expected;
  } cases[] = {
    { "2026-11-28", NULL, "Sat 28 Nov 2026" },
    { "2026-11-28", "2026-11-28", "Sat 28 Nov 2026" },
    { "2026-11-28", "2026-11-29", "Sat 28 – Sun 29 Nov 2026" },
    { "2026-11-28", "2026-12-06", "Sat 28 Nov – Sun 6 Dec 2026" },
    { "2026-12-31", "2027-01-01", "Thu 31 Dec 2026 – Fri 1 Jan 2027" },
    /* What the event's timestamp fields hold (TZ=UTC in the tests). */
    { "2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z", "Sat 28 – Sun 29 Nov 2026" },
    { "2026-11-28T09:30:00Z", NULL, "Sat 28 Nov 2026" },
    { "2026-11-28", "2026-11-28T00:00:00Z", "Sat 28 Nov 2026" },
    /* A day is the UTC day, whatever the zone the time was written in. */
    { "2026-11-28T23:30:00-05:00", NULL, "Sun 29 Nov 2026" },
    { "next Saturday", NULL, "next Saturday" },
    { "2026-11-28", "later", "Sat 28 Nov 2026 – later" },
    { NULL, NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_print_format_dates (cases[i].starts_on, cases[i].ends_on);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_papers (void)
{
  static const struct
  {
    const char *name;
    gboolean    valid;
    MktPaper    paper;
    double      width;
    double      height;
  } cases[] = {
    { "a4", TRUE, MKT_PAPER_A4, 595.276, 841.890 },
    { "A4", TRUE, MKT_PAPER_A4, 595.276, 841.890 },
    { "letter", TRUE, MKT_PAPER_LETTER, 612, 792 },
    { "Letter", TRUE, MKT_PAPER_LETTER, 612, 792 },
    { "a3", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lower = g_ascii_strdown (cases[i].name, -1);
      MktPaper paper = MKT_PAPER_A4;
      double width, height;

      g_assert_cmpint (mkt_paper_from_string (cases[i].name, &paper), ==, cases[i].valid);
      if (!cases[i].valid)
        continue;

      g_assert_cmpint (paper, ==, cases[i].paper);
      g_assert_cmpstr (mkt_paper_to_string (paper), ==, lower);
      mkt_paper_get_size (paper, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, cases[i].width, 0.001);
      g_assert_cmpfloat_with_epsilon (height, cases[i].height, 0.001);
    }

  /* The tests run in C.UTF-8, whose paper is A4. */
  g_assert_cmpint (mkt_paper_get_default (), ==, MKT_PAPER_A4);
  g_assert_cmpint (mkt_tag_layout_get_default (), ==, MKT_TAG_LAYOUT_A4_3X7);
}

/* Every label lies on its paper, none overlaps another, and they are the
 * sizes the sheets are sold in. */
static void
test_label_sheets (void)
{
  static const struct
  {
    const char   *name;
    MktTagLayout  layout;
    MktPaper      paper;
    guint         columns;
    guint         rows;
    double        label_width;
    double        label_height;
  } cases[] = {
    { "a4-3x7", MKT_TAG_LAYOUT_A4_3X7, MKT_PAPER_A4, 3, 7, 70 * 72 / 25.4, 42.3 * 72 / 25.4 },
    { "letter-3x10", MKT_TAG_LAYOUT_LETTER_3X10, MKT_PAPER_LETTER, 3, 10, 2.625 * 72, 72 },
  };
  MktTagLayout layout;

  g_assert_false (mkt_tag_layout_from_string ("a4-2x8", &layout));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = cases[i].columns * cases[i].rows;
      double paper_width, paper_height;

      g_assert_true (mkt_tag_layout_from_string (cases[i].name, &layout));
      g_assert_cmpint (layout, ==, cases[i].layout);
      g_assert_cmpstr (mkt_tag_layout_to_string (layout), ==, cases[i].name);
      g_assert_cmpint (mkt_tag_layout_get_paper (layout), ==, cases[i].paper);
      g_assert_cmpuint (mkt_tag_layout_get_columns (layout), ==, cases[i].columns);
      g_assert_cmpuint (mkt_tag_layout_get_rows (layout), ==, cases[i].rows);
      mkt_paper_get_size (cases[i].paper, &paper_width, &paper_height);

      for (guint a = 0; a < n; a++)
        {
          double x, y, width, height;

          mkt_tag_layout_get_label (layout, a, &x, &y, &width, &height);
          g_assert_cmpfloat_with_epsilon (width, cases[i].label_width, 0.001);
          g_assert_cmpfloat_with_epsilon (height, cases[i].label_height, 0.001);
          g_assert_cmpfloat (x, >=, 0);
          g_assert_cmpfloat (y, >=, 0);
          g_assert_cmpfloat (x + width, <=, paper_width + 0.001);
          g_assert_cmpfloat (y + height, <=, paper_height + 0.001);

          for (guint b = 0; b < a; b++)
            {
              double bx, by, bw, bh;

              mkt_tag_layout_get_label (layout, b, &bx, &by, &bw, &bh);
              g_assert_true (x >= bx + bw - 0.001 || bx >= x + width - 0.001 ||
                             y >= by + bh - 0.001 || by >= y + height - 0.001);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/format/money", test_money);
  g_test_add_func ("/print/format/dates", test_dates);
  g_test_add_func ("/print/format/papers", test_papers);
  g_test_add_func ("/print/format/label-sheets", test_label_sheets);

  return g_test_run ();
}
