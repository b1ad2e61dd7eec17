/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-transform.h"
#include "mkt-error.h"
#include "mkt-money.h"
#include "mkt-unit.h"

/* What spreadsheets and shops write into number cells, turned into the plain
 * numbers the core parses ("1234.5"). Anything these do not recognise is
 * passed on as it is, so that the core's own message names the value. */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == 0x2007 || c == 0x2009;
}

/**
 * mkt_csv_strip:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): @text without surrounding white space, no-break
 *   spaces included
 */
char *
mkt_csv_strip (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* A mark that groups thousands: 1 234, 1'234, 1’234. */
static gboolean
is_group_mark (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f || c == 0x2009 || c == '\'' || c == 0x2019;
}

/* Whether @digits, split at the marks in @groups, are groups of thousands:
 * 1 to 3 digits (not a leading 0), then groups of exactly 3. */
static gboolean
valid_groups (GArray *group_lengths)
{
  const guint *lengths = (const guint *)(gpointer)group_lengths->data;

  if (group_lengths->len < 2 || lengths[0] == 0 || lengths[0] > 3)
    return FALSE;

  for (guint i = 1; i < group_lengths->len; i++)
    if (lengths[i] != 3)
      return FALSE;

  return TRUE;
}

/**
 * mkt_csv_normalize_number:
 * @text: a number as a spreadsheet wrote it: "1,5", "1.234,56", "1 234.5",
 *   "(3.50)"
 * @decimal_hint: the decimal separator the file most likely uses: ',' for
 *   a semicolon-separated file (Excel in most of Europe), '.' otherwise
 *
 * With both '.' and ',' the last one is the decimal separator; a separator
 * that occurs more than once groups thousands. A single one is decimal when
 * it is @decimal_hint, and otherwise groups thousands only if it reads so
 * ("1,500" in a comma file is 1500, "1,5" is 1.5, "0,125" is 0.125).
 *
 * Returns: (transfer full): the number as "-1234.56", or @text stripped
 *   when it is not one
 */
char *
mkt_csv_normalize_number (const char *text,
                          char        decimal_hint)
{
  g_autofree char *stripped = mkt_csv_strip (text);
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (guint));
  const char *p = stripped;
  const char *end;
  gboolean negative = FALSE;
  gboolean parens = FALSE;
  gboolean has_mark = FALSE;
  guint n_dots = 0, n_commas = 0;
  char last_separator = 0;
  char decimal = 0;
  gsize decimal_at = 0;
  guint group = 0;
  GString *out;

  if (*p == '(' && g_str_has_suffix (p, ")"))
    {
      parens = negative = TRUE;
      p++;
    }
  end = stripped + strlen (stripped) - (parens ? 1 : 0);

  if (*p == '-' || *p == '+')
    negative = *p++ == '-' || negative;
  else if (g_str_has_prefix (p, "\xe2\x88\x92"))  /* U+2212 minus */
    {
      negative = TRUE;
      p += 3;
    }

  /* Digits, and the separators and marks between them. */
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        g_string_append_c (digits, (char)c);
      else if (c == '.' || c == ',')
        {
          n_dots += c == '.';
          n_commas += c == ',';
          last_separator = (char)c;
        }
      else if (is_group_mark (c) && digits->len > 0 && g_ascii_isdigit (p[(guint)g_utf8_skip[(guchar)*p]]))
        has_mark = TRUE;
      else
        return g_steal_pointer (&stripped);
    }

  if (digits->len == 0)
    return g_steal_pointer (&stripped);

  if (n_dots > 0 && n_commas > 0)
    {
      decimal = last_separator;
      if ((decimal == '.' ? n_dots : n_commas) != 1)
        return g_steal_pointer (&stripped);
    }
  else if (n_dots + n_commas == 1)
    {
      char separator = n_dots ? '.' : ',';
      const char *at = strchr (stripped, separator);
      gsize after = 0, before = 0;

      for (const char *q = at + 1; q < end && g_ascii_isdigit (*q); q++)
        after++;
      for (const char *q = at; q > stripped && g_ascii_isdigit (q[-1]); q--)
        before++;

      if (separator == decimal_hint || has_mark || after != 3 || before == 0 || before > 3 ||
          at[-before] == '0')
        decimal = separator;
    }

  /* Measure the groups of the whole part, and find where the decimals start. */
  group = 0;
  p = stripped;
  {
    gsize n = 0;

    for (; p < end; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_ascii_isdigit (c))
          {
            group++;
            n++;
          }
        else if (c == (gunichar)decimal)
          {
            decimal_at = n;
            break;
          }
        else if (c == '.' || c == ',' || (is_group_mark (c) && n > 0))
          {
            g_array_append_val (groups, group);
            group = 0;
          }
      }
    if (decimal == 0)
      decimal_at = digits->len;
  }
  g_array_append_val (groups, group);

  if (groups->len > 1 && !valid_groups (groups))
    return g_steal_pointer (&stripped);

  out = g_string_new (negative ? "-" : "");
  g_string_append_len (out, digits->str, decimal_at);
  if (decimal != 0)
    {
      g_string_append_c (out, '.');
      g_string_append (out, digits->str + decimal_at);
    }

  return g_string_free (out, FALSE);
}

static const struct
{
  const char *symbol;
  const char *currency;  /* NULL: any (the dollars, say) */
} currency_symbols[] = {
  { "US$", "USD" },
  { "CA$", "CAD" },
  { "AU$", "AUD" },
  { "NZ$", "NZD" },
  { "€", "EUR" },
  { "£", "GBP" },
  { "₹", "INR" },
  { "$", NULL },
  { "¥", NULL },
};

static gboolean
check_currency (const char  *text,
                const char  *found,
                const char  *currency,
                GError     **error)
{
  if (found == NULL || g_str_equal (found, currency))
    return TRUE;

  g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
               "“%s” is in %s, but the business keeps its accounts in %s", text, found, currency);
  return FALSE;
}

/* Takes a currency symbol or code off the start (@at_start) or the end of
 * @text, in place; says which currency it names, if it names one. */
static gboolean
strip_currency (char        *text,
                gboolean     at_start,
                const char **out_found)
{
  gsize len = strlen (text);

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    {
      const char *symbol = currency_symbols[i].symbol;
      gsize n = strlen (symbol);

      if (len < n)
        continue;
      if (at_start ? strncmp (text, symbol, n) == 0 : strcmp (text + len - n, symbol) == 0)
        {
          if (at_start)
            memmove (text, text + n, len - n + 1);
          else
            text[len - n] = '\0';
          *out_found = currency_symbols[i].currency;
          return TRUE;
        }
    }

  /* An ISO 4217 code: "EUR 12", "12.00 usd". */
  if (len >= 3)
    {
      char code[4] = { 0 };
      const char *at = at_start ? text : text + len - 3;
      gboolean boundary = at_start ? (len == 3 || !g_ascii_isalpha (text[3]))
                                   : (len == 3 || !g_ascii_isalpha (at[-1]));

      for (guint i = 0; i < 3; i++)
        {
          if (!g_ascii_isalpha (at[i]))
            boundary = FALSE;
          code[i] = g_ascii_toupper (at[i]);
        }
      if (boundary && mkt_currency_is_valid (code))
        {
          if (at_start)
            memmove (text, text + 3, len - 3 + 1);
          else
            text[len - 3] = '\0';
          *out_found = g_intern_string (code);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mkt_csv_normalize_money:
 * @text: an amount as a shop or spreadsheet wrote it: "€1.234,50",
 *   "$12.00", "12,50 EUR", "-£3"
 * @currency: the business's currency
 * @decimal_hint: see mkt_csv_normalize_number()
 * @error: return location for a %MKT_VALUE_ERROR when @text names another
 *   currency than @currency
 *
 * Takes off a currency symbol or code and separators of thousands.
 *
 * Returns: (transfer full) (nullable): the amount as a plain number, or
 *   @text stripped when it is not one
 */
char *
mkt_csv_normalize_money (const char  *text,
                         const char  *currency,
                         char         decimal_hint,
                         GError     **error)
{
  g_autofree char *stripped = mkt_csv_strip (text);
  g_autofree char *work = NULL;
  g_autofree char *number = NULL;
  const char *found = NULL;
  gboolean negative = FALSE;
  gboolean stripped_any = FALSE;
  char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  work = g_strdup (stripped);
  p = work;
  if (*p == '-')
    {
      negative = TRUE;
      memmove (p, p + 1, strlen (p));
    }

  for (int side = 0; side < 2; side++)
    {
      const char *side_found = NULL;
      char *trimmed;

      if (!strip_currency (work, side == 0, &side_found))
        continue;
      stripped_any = TRUE;
      if (side_found != NULL)
        found = side_found;
      trimmed = mkt_csv_strip (work);
      g_free (work);
      work = trimmed;
    }

  if (!stripped_any)
    return mkt_csv_normalize_number (stripped, decimal_hint);

  if (!check_currency (stripped, found, currency, error))
    return NULL;

  if (*work == '-')
    {
      negative = !negative;
      memmove (work, work + 1, strlen (work));
    }

  number = mkt_csv_normalize_number (work, decimal_hint);
  if (number[0] == '-' || !g_ascii_isdigit (number[number[0] == '.' ? 1 : 0]))
    return g_steal_pointer (&stripped);

  return negative ? g_strconcat ("-", number, NULL) : g_steal_pointer (&number);
}

/**
 * mkt_csv_normalize_unit:
 * @text: a unit as a file names it: "Yards", "yds.", " M "
 *
 * Returns: (transfer full): the unit's symbol ("yd"), or @text stripped
 *   when the unit lookup does not know it
 */
char *
mkt_csv_normalize_unit (const char *text)
{
  g_autofree char *stripped = mkt_csv_strip (text);
  g_autofree char *lower = g_utf8_strdown (stripped, -1);
  const MktUnit *unit;

  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';

  unit = mkt_unit_lookup (lower);
  if (unit == NULL)
    return g_steal_pointer (&stripped);

  return g_strdup (unit->symbol);
}

/* HTML to text ----------------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" },
  { "rsquo", "’" }, { "lsquo", "‘" }, { "rdquo", "”" }, { "ldquo", "“" },
  { "eacute", "é" }, { "egrave", "è" }, { "copy", "©" }, { "reg", "®" }, { "euro", "€" },
};

/* Appends the entity at @p (after its '&'); returns what follows it, or
 * NULL when it is none. */
static const char *
append_entity (GString    *out,
               const char *p)
{
  const char *semicolon = strchr (p, ';');
  g_autofree char *name = NULL;

  if (semicolon == NULL || semicolon - p > 10 || semicolon == p)
    return NULL;
  name = g_strndup (p, semicolon - p);

  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      guint64 code;

      if (!g_ascii_string_to_unsigned (name + (hex ? 2 : 1), hex ? 16 : 10, 1, 0x10ffff, &code, NULL) ||
          !g_unichar_validate ((gunichar)code))
        return NULL;
      g_string_append_unichar (out, (gunichar)code);
      return semicolon + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_equal (name, entities[i].name))
      {
        g_string_append (out, entities[i].text);
        return semicolon + 1;
      }

  return NULL;
}

static gboolean
tag_is (const char *tag,
        const char *name)
{
  gsize n = strlen (name);

  if (*tag == '/')
    tag++;
  return g_ascii_strncasecmp (tag, name, n) == 0 &&
         (tag[n] == '>' || tag[n] == ' ' || tag[n] == '/' || tag[n] == '\t' || tag[n] == '\n');
}

/**
 * mkt_csv_html_to_text:
 * @html: a shop's HTML description ("<p>Soft &amp; warm</p>")
 *
 * Returns: (transfer full): its text, paragraphs and line breaks kept as
 *   line breaks, list items as "- " lines
 */
char *
mkt_csv_html_to_text (const char *html)
{
  static const char * const blocks[] = { "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3",
                                         "h4", "h5", "h6", "tr", "table", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint blank = 0;

  g_return_val_if_fail (html != NULL, NULL);

  for (const char *p = html; *p; )
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          const char *tag = p + 1;

          if (close == NULL)
            break;
          for (guint i = 0; blocks[i] != NULL; i++)
            if (tag_is (tag, blocks[i]))
              {
                g_string_append_c (out, '\n');
                if (tag_is (tag, "li") && *tag != '/')
                  g_string_append (out, "- ");
                break;
              }
          if (tag_is (tag, "script") || tag_is (tag, "style"))
            {
              const char *end = strstr (close, "</");

              close = end != NULL ? strchr (end, '>') : NULL;
              if (close == NULL)
                break;
            }
          p = close + 1;
        }
      else if (*p == '&')
        {
          const char *next = append_entity (out, p + 1);

          if (next == NULL)
            {
              g_string_append_c (out, '&');
              p++;
            }
          else
            p = next;
        }
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  /* Spaces collapse as in a browser; at most one blank line in a row. */
  lines = g_strsplit (out->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = mkt_csv_strip (lines[i]);
      g_autoptr(GString) collapsed = g_string_new (NULL);

      for (const char *q = line; *q; q++)
        if (*q != ' ' || (q > line && q[-1] != ' '))
          g_string_append_c (collapsed, *q);

      if (collapsed->len == 0)
        {
          blank++;
          continue;
        }
      if (text->len > 0)
        g_string_append (text, blank > 0 && !g_str_has_prefix (collapsed->str, "- ") ? "\n\n" : "\n");
      blank = 0;
      g_string_append (text, collapsed->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
