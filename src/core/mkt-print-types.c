/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include <stdio.h>
#include <string.h>

#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "mkt-print-types.h"

/* Paper, label sheets, and how money and dates read on paper. */

#define MM(x) ((x) * 72.0 / 25.4)
#define INCH(x) ((x) * 72.0)

G_DEFINE_QUARK (mkt-print-error-quark, mkt_print_error)

/* Paper --------------------------------------------------------------------- */

static const struct
{
  const char *name;
  double      width;
  double      height;
} papers[] = {
  [MKT_PAPER_A4] = { "a4", MM (210), MM (297) },
  [MKT_PAPER_LETTER] = { "letter", INCH (8.5), INCH (11) },
};

/**
 * mkt_paper_from_string:
 * @text: "a4" or "letter" (any case)
 * @out_paper: (out): the paper
 *
 * Returns: whether @text names a paper
 */
gboolean
mkt_paper_from_string (const char *text,
                       MktPaper   *out_paper)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_paper != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (text, papers[i].name) == 0)
      {
        *out_paper = i;
        return TRUE;
      }

  return FALSE;
}

const char *
mkt_paper_to_string (MktPaper paper)
{
  g_return_val_if_fail (paper < G_N_ELEMENTS (papers), NULL);

  return papers[paper].name;
}

/**
 * mkt_paper_get_size:
 * @paper: a paper
 * @out_width: (out) (optional): its width in points (1/72 in), portrait
 * @out_height: (out) (optional): its height in points
 */
void
mkt_paper_get_size (MktPaper  paper,
                    double   *out_width,
                    double   *out_height)
{
  g_return_if_fail (paper < G_N_ELEMENTS (papers));

  if (out_width != NULL)
    *out_width = papers[paper].width;
  if (out_height != NULL)
    *out_height = papers[paper].height;
}

/**
 * mkt_paper_get_default:
 *
 * The paper of the locale (LC_PAPER), as GTK picks it: Letter where the
 * locale's paper is 216 mm wide (the US, Canada, Mexico…), else A4.
 *
 * Returns: the paper
 */
MktPaper
mkt_paper_get_default (void)
{
#ifdef __GLIBC__
  union
  {
    unsigned int  word;
    char         *string;
  } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return MKT_PAPER_LETTER;
#endif

  return MKT_PAPER_A4;
}

/* Label sheets -------------------------------------------------------------- */

typedef struct
{
  const char *name;
  MktPaper    paper;
  guint       columns;
  guint       rows;
  double      label_width;
  double      label_height;
  double      left;          /* of the first column */
  double      top;           /* of the first row */
  double      pitch_x;       /* from one label's left edge to the next's */
  double      pitch_y;
} TagSheet;

static const TagSheet tag_sheets[] = {
  /* 3 × 70 mm fill the width; 7 × 42.3 mm leave 0.45 mm above and below. */
  [MKT_TAG_LAYOUT_A4_3X7] = {
    "a4-3x7", MKT_PAPER_A4, 3, 7, MM (70), MM (42.3), 0, MM (0.45), MM (70), MM (42.3),
  },
  /* Avery 5160: 3/16 in side margins, 1/8 in between columns, 1/2 in top. */
  [MKT_TAG_LAYOUT_LETTER_3X10] = {
    "letter-3x10", MKT_PAPER_LETTER, 3, 10, INCH (2.625), INCH (1), INCH (0.1875), INCH (0.5),
    INCH (2.75), INCH (1),
  },
};

/**
 * mkt_tag_layout_from_string:
 * @text: "a4-3x7" or "letter-3x10" (any case)
 * @out_layout: (out): the layout
 *
 * Returns: whether @text names a layout
 */
gboolean
mkt_tag_layout_from_string (const char   *text,
                            MktTagLayout *out_layout)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_layout != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tag_sheets); i++)
    if (g_ascii_strcasecmp (text, tag_sheets[i].name) == 0)
      {
        *out_layout = i;
        return TRUE;
      }

  return FALSE;
}

const char *
mkt_tag_layout_to_string (MktTagLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (tag_sheets), NULL);

  return tag_sheets[layout].name;
}

MktPaper
mkt_tag_layout_get_paper (MktTagLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (tag_sheets), MKT_PAPER_A4);

  return tag_sheets[layout].paper;
}

guint
mkt_tag_layout_get_columns (MktTagLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (tag_sheets), 0);

  return tag_sheets[layout].columns;
}

guint
mkt_tag_layout_get_rows (MktTagLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (tag_sheets), 0);

  return tag_sheets[layout].rows;
}

/**
 * mkt_tag_layout_get_label:
 * @layout: a label sheet
 * @index: a label of the sheet, row by row from the top left
 * @out_x: (out) (optional): its left edge from the paper's, in points
 * @out_y: (out) (optional): its top edge from the paper's
 * @out_width: (out) (optional): its width
 * @out_height: (out) (optional): its height
 *
 * Where a label lies on its sheet.
 */
void
mkt_tag_layout_get_label (MktTagLayout  layout,
                          guint         index,
                          double       *out_x,
                          double       *out_y,
                          double       *out_width,
                          double       *out_height)
{
  const TagSheet *sheet;

  g_return_if_fail (layout < G_N_ELEMENTS (tag_sheets));
  sheet = &tag_sheets[layout];
  g_return_if_fail (index < sheet->columns * sheet->rows);

  if (out_x != NULL)
    *out_x = sheet->left + (index % sheet->columns) * sheet->pitch_x;
  if (out_y != NULL)
    *out_y = sheet->top + (index / sheet->columns) * sheet->pitch_y;
  if (out_width != NULL)
    *out_width = sheet->label_width;
  if (out_height != NULL)
    *out_height = sheet->label_height;
}

/**
 * mkt_tag_layout_get_default:
 *
 * Returns: the label sheet of the locale's paper (see mkt_paper_get_default())
 */
MktTagLayout
mkt_tag_layout_get_default (void)
{
  return mkt_paper_get_default () == MKT_PAPER_LETTER ? MKT_TAG_LAYOUT_LETTER_3X10
                                                      : MKT_TAG_LAYOUT_A4_3X7;
}

/* Money --------------------------------------------------------------------- */

/* Only signs that mean one currency wherever the paper is read; "$" alone
 * is the US dollar's, "kr" is three currencies', so those show the code. */
static const struct
{
  const char *code;
  const char *symbol;
} currency_symbols[] = {
  { "EUR", "€" },
  { "USD", "$" },
  { "GBP", "£" },
  { "JPY", "¥" },
  { "INR", "₹" },
};

/**
 * mkt_print_currency_symbol:
 * @currency: an ISO 4217 code
 *
 * Returns: (nullable): the currency's sign when it is unambiguous without a
 *   locale (€ for EUR, $ for USD, £ for GBP…), else %NULL
 */
const char *
mkt_print_currency_symbol (const char *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (strcmp (currency_symbols[i].code, currency) == 0)
      return currency_symbols[i].symbol;

  return NULL;
}

/**
 * mkt_print_format_money:
 * @amount: minor units of @currency
 * @currency: an ISO 4217 code known to mkt_currency_is_valid()
 *
 * Writes an amount as it is printed on sheets and tags, the same in every
 * locale: "€12.50", "$4.99", "-£0.05", "¥1200", else the code before the
 * number with a no-break space ("CHF 12.50").
 *
 * Returns: (transfer full): the text, or %NULL for an unknown currency
 *   (a programmer error)
 */
char *
mkt_print_format_money (MktMoney    amount,
                        const char *currency)
{
  g_autofree char *number = NULL;
  const char *symbol;
  const char *digits;
  const char *sign;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (mkt_currency_is_valid (currency), NULL);

  number = mkt_money_format (amount, currency);
  sign = number[0] == '-' ? "-" : "";
  digits = number[0] == '-' ? number + 1 : number;

  symbol = mkt_print_currency_symbol (currency);
  if (symbol != NULL)
    return g_strconcat (sign, symbol, digits, NULL);

  return g_strconcat (sign, currency, "\u00a0", digits, NULL);
}

/* Dates --------------------------------------------------------------------- */

/* "2026-11-14", or a time ("2026-11-14T09:00:00Z") on its day in UTC, as
 * the event's date fields keep a day: its midnight in UTC. */
static GDateTime *
parse_day (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  int year, month, day;
  char end;

  if (text == NULL || *text == '\0')
    return NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy (day, month, year))
    return g_date_time_new_utc (year, month, day, 12, 0, 0);

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return NULL;

  /* Noon of that day in UTC, so that days compare as days. */
  {
    g_autoptr(GDateTime) in_utc = g_date_time_to_utc (time);

    return g_date_time_new_utc (g_date_time_get_year (in_utc), g_date_time_get_month (in_utc),
                                g_date_time_get_day_of_month (in_utc), 12, 0, 0);
  }
}

/**
 * mkt_print_format_dates:
 * @starts_on: (nullable): the first day, "2026-11-14" (or a time on it, whose
 *   day in UTC counts)
 * @ends_on: (nullable): the last day, or %NULL for a one-day event
 *
 * Writes the days of an event as a header shows them, in the locale's
 * names, and without repeating what both ends share: "Sat 14 Nov 2026",
 * "Sat 14 – Sun 15 Nov 2026", "Sat 28 Nov – Sun 6 Dec 2026". A day that
 * does not parse is shown as it is.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without days
 */
char *
mkt_print_format_dates (const char *starts_on,
                        const char *ends_on)
{
  g_autoptr(GDateTime) start = parse_day (starts_on);
  g_autoptr(GDateTime) end = parse_day (ends_on);
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  const char *first_format;

  if (start == NULL && (starts_on == NULL || *starts_on == '\0'))
    return NULL;
  if (start == NULL)
    return g_strdup (starts_on);
  if (end == NULL && ends_on != NULL && *ends_on != '\0')
    {
      g_autofree char *shown = g_date_time_format (start, "%a %-d %b %Y");

      return g_strdup_printf ("%s – %s", shown, ends_on);
    }

  if (end == NULL || g_date_time_compare (start, end) == 0)
    return g_date_time_format (start, "%a %-d %b %Y");

  last = g_date_time_format (end, "%a %-d %b %Y");
  if (g_date_time_compare (start, end) > 0 ||
      g_date_time_get_year (start) != g_date_time_get_year (end))
    first_format = "%a %-d %b %Y";
  else if (g_date_time_get_month (start) != g_date_time_get_month (end))
    first_format = "%a %-d %b";
  else
    first_format = "%a %-d";

  first = g_date_time_format (start, first_format);
  return g_strdup_printf ("%s – %s", first, last);
}
