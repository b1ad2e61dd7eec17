/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-mapping"

#include "config.h"

#include <string.h>

#include "mkt-csv.h"
#include "mkt-error.h"
#include "mkt-schema.h"

/* Transforms of cell text and column mappings, table-driven. */

typedef struct
{
  const char *text;
  char        hint;
  const char *expected;
} NumberCase;

static const NumberCase number_cases[] = {
  { "1,5", '.', "1.5" },
  { "12,5", '.', "12.5" },
  { "1,500", '.', "1500" },
  { "1,500", ',', "1.500" },
  { "1.500", ',', "1500" },
  { "1.500", '.', "1.500" },
  { "0,125", '.', "0.125" },
  { "1234,567", '.', "1234.567" },
  { "1.234,56", '.', "1234.56" },
  { "1,234.56", ',', "1234.56" },
  { "1.234.567", '.', "1234567" },
  { "1 234,5", '.', "1234.5" },
  { "1'234.50", '.', "1234.50" },
  { "1\xe2\x80\xaf" "234,50", ',', "1234.50" },
  { "\xc2\xa0 42 ", '.', "42" },
  { "-3,5", '.', "-3.5" },
  { "(3.50)", '.', "-3.50" },
  { "+7", '.', "7" },
  { ".5", '.', ".5" },
  { "1,2,3", '.', "1,2,3" },
  { "1,23,456", '.', "1,23,456" },
  { "abc", '.', "abc" },
  { "12.5 m", '.', "12.5 m" },
  { "1e5", '.', "1e5" },
};

static void
test_numbers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_cases); i++)
    {
      const NumberCase *c = &number_cases[i];
      g_autofree char *result = mkt_csv_normalize_number (c->text, c->hint);

      if (g_strcmp0 (result, c->expected) != 0)
        g_error ("“%s” with '%c': got “%s”, expected “%s”", c->text, c->hint, result, c->expected);
    }
}

typedef struct
{
  const char *text;
  const char *currency;
  char        hint;
  const char *expected;   /* NULL: an error saying error_part */
  const char *error_part;
} MoneyCase;

static const MoneyCase money_cases[] = {
  { "4.99", "EUR", '.', "4.99", NULL },
  { "€4,50", "EUR", ',', "4.50", NULL },
  { "€1.234,50", "EUR", ',', "1234.50", NULL },
  { "1 234,56 €", "EUR", ',', "1234.56", NULL },
  { "EUR 12,5", "EUR", '.', "12.5", NULL },
  { "$1,234.50", "USD", '.', "1234.50", NULL },
  { "US$ 9.99", "USD", '.', "9.99", NULL },
  { "12.00 USD", "USD", '.', "12.00", NULL },
  { "-£3", "GBP", '.', "-3", NULL },
  { "€-5", "EUR", '.', "-5", NULL },
  { "¥1200", "JPY", '.', "1200", NULL },
  { "abc", "EUR", '.', "abc", NULL },
  { "12.00 usd", "EUR", '.', NULL, "“12.00 usd” is in USD, but the business keeps its accounts in EUR" },
  { "£3", "EUR", '.', NULL, "is in GBP" },
  { "US$5", "CAD", '.', NULL, "is in USD" },
};

static void
test_money (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (money_cases); i++)
    {
      const MoneyCase *c = &money_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *result = mkt_csv_normalize_money (c->text, c->currency, c->hint, &error);

      if (c->expected == NULL)
        {
          g_assert_null (result);
          g_assert_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID);
          if (strstr (error->message, c->error_part) == NULL)
            g_error ("“%s”: “%s” does not say “%s”", c->text, error->message, c->error_part);
          continue;
        }

      g_assert_no_error (error);
      if (g_strcmp0 (result, c->expected) != 0)
        g_error ("“%s” in %s: got “%s”, expected “%s”", c->text, c->currency, result, c->expected);
    }
}

static void
test_units (void)
{
  static const struct { const char *text, *expected; } cases[] = {
    { "Yards", "yd" }, { "yds.", "yd" }, { " M ", "m" }, { "metres", "m" }, { "FL OZ", "fl_oz" },
    { "Grams", "g" }, { "skeins", "skeins" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = mkt_csv_normalize_unit (cases[i].text);

      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_html (void)
{
  static const struct { const char *html, *expected; } cases[] = {
    { "<p>Soft &amp; warm</p><p>Hand wash only</p>", "Soft & warm\n\nHand wash only" },
    { "<ul><li>one</li><li>two</li></ul>", "- one\n- two" },
    { "a<br>b<br/>c", "a\nb\nc" },
    { "caf&eacute; &#8364;5 &#x41;", "café €5 A" },
    { "Tom &amp Jerry & co", "Tom &amp Jerry & co" },
    { "<script>alert(1)</script>Hi <b>there</b>", "Hi there" },
    { "  lots   of\n  spaces ", "lots of spaces" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = mkt_csv_html_to_text (cases[i].html);

      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

/* Mappings --------------------------------------------------------------------- */

/* What a bound mapping makes of a header, one "column:target" per column:
 * "=name" for a field, "@attributes.width" for an attribute, "#id", "$" for
 * the currency, "-" for a skipped column, with the transform after a '/'. */
static char *
describe (MktCsvMapping *mapping)
{
  static const char * const transforms[] = { "none", "trim", "number", "money", "unit", "html" };
  g_autoptr(GString) out = g_string_new (NULL);
  const MktCsvColumn *columns;
  guint n_columns;

  columns = mkt_csv_mapping_get_columns (mapping, &n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      const MktCsvColumn *column = &columns[i];

      g_assert_cmpuint (column->index, ==, i);
      g_string_append_printf (out, "%s%s:", i ? " " : "", column->header);
      switch (column->target)
        {
        case MKT_CSV_TARGET_SKIP: g_string_append (out, "-"); continue;
        case MKT_CSV_TARGET_FIELD: g_string_append_printf (out, "=%s", column->field); break;
        case MKT_CSV_TARGET_ATTRIBUTE: g_string_append_printf (out, "@%s", column->field); break;
        case MKT_CSV_TARGET_ID: g_string_append (out, "#id"); continue;
        case MKT_CSV_TARGET_CURRENCY: g_string_append (out, "$"); continue;
        default: g_assert_not_reached ();
        }
      g_string_append_printf (out, "/%s", transforms[column->transform]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  const char   *name;
  const char   *entity;
  MktCsvFormat  format;
  const char   *maps[5];
  const char   *header;     /* columns separated by '|' */
  const char   *expected;   /* describe(); NULL: an error */
  int           error_code;
  const char   *error_part;
} MappingCase;

#define SHOPIFY_HEADER "Handle|Title|Body (HTML)|Vendor|Product Category|Type|Tags|Published|Option1 Name|" \
  "Option1 Value|Option2 Name|Option2 Value|Option3 Name|Option3 Value|Variant SKU|Variant Grams|" \
  "Variant Inventory Tracker|Variant Inventory Qty|Variant Inventory Policy|Variant Fulfillment Service|" \
  "Variant Price|Variant Compare At Price|Variant Requires Shipping|Variant Taxable|Variant Barcode|" \
  "Image Src|Image Position|Image Alt Text|Gift Card|SEO Title|SEO Description|Variant Image|" \
  "Variant Weight Unit|Variant Tax Code|Cost per item|Status"

#define ETSY_HEADER "TITLE|DESCRIPTION|PRICE|CURRENCY_CODE|QUANTITY|TAGS|MATERIALS|IMAGE1|IMAGE2|IMAGE3|" \
  "VARIATION 1 TYPE|VARIATION 1 NAME|VARIATION 1 VALUES|SKU"

static const MappingCase mapping_cases[] = {
  { "generic-materials", "material", MKT_CSV_FORMAT_GENERIC, { NULL },
    "id|Kind|NAME|sku|Purchase Price|purchase-size|Unit|notes|attributes|Category|attributes.Width|reject_reason|",
    "id:#id Kind:=kind/trim NAME:=name/trim sku:=sku/trim Purchase Price:=purchase_price/money "
    "purchase-size:=purchase_size/number Unit:=unit/unit notes:=notes/none attributes:=attributes/none "
    "Category:=category_id/trim attributes.Width:@attributes.Width/trim reject_reason:- :-", -1, NULL },
  { "generic-products", "product", MKT_CSV_FORMAT_GENERIC, { NULL },
    "name|sku|category_id|labour minutes|price|photo|currency",
    "name:=name/trim sku:=sku/trim category_id:=category_id/trim labour minutes:=labour_minutes/number "
    "price:=price/money photo:=photo/trim currency:$", -1, NULL },
  { "generic-overrides", "material", MKT_CSV_FORMAT_GENERIC, { "Farbe=colour", "Preis=purchase_price", "Notiz=-", "Breite=attributes.width" },
    "name|Farbe|Preis|Notiz|Breite",
    "name:=name/trim Farbe:=colour/trim Preis:=purchase_price/money Notiz:- Breite:@attributes.width/trim", -1, NULL },
  { "override-matches-header-loosely", "material", MKT_CSV_FORMAT_GENERIC, { "colour name=colour" },
    "name|Colour Name", "name:=name/trim Colour Name:=colour/trim", -1, NULL },
  { "shopify", "product", MKT_CSV_FORMAT_SHOPIFY, { NULL }, SHOPIFY_HEADER,
    "Handle:@attributes.handle/trim Title:=name/trim Body (HTML):=notes/html Vendor:@attributes.vendor/trim "
    "Product Category:- Type:@attributes.type/trim Tags:@attributes.tags/trim Published:- Option1 Name:- "
    "Option1 Value:- Option2 Name:- Option2 Value:- Option3 Name:- Option3 Value:- Variant SKU:=sku/trim "
    "Variant Grams:- Variant Inventory Tracker:- Variant Inventory Qty:- Variant Inventory Policy:- "
    "Variant Fulfillment Service:- Variant Price:=price/money Variant Compare At Price:- "
    "Variant Requires Shipping:- Variant Taxable:- Variant Barcode:- Image Src:=photo/trim Image Position:- "
    "Image Alt Text:- Gift Card:- SEO Title:- SEO Description:- Variant Image:- Variant Weight Unit:- "
    "Variant Tax Code:- Cost per item:- Status:-", -1, NULL },
  { "shopify-overrides", "product", MKT_CSV_FORMAT_SHOPIFY, { "Variant Grams=attributes.grams", "Image Src=-" },
    "Title|Variant Grams|Image Src|Variant SKU",
    "Title:=name/trim Variant Grams:@attributes.grams/trim Image Src:- Variant SKU:=sku/trim", -1, NULL },
  { "etsy", "product", MKT_CSV_FORMAT_ETSY, { NULL }, ETSY_HEADER,
    "TITLE:=name/trim DESCRIPTION:=notes/none PRICE:=price/money CURRENCY_CODE:$ QUANTITY:- "
    "TAGS:@attributes.tags/trim MATERIALS:@attributes.materials/trim IMAGE1:=photo/trim IMAGE2:- IMAGE3:- "
    "VARIATION 1 TYPE:- VARIATION 1 NAME:- VARIATION 1 VALUES:- SKU:=sku/trim", -1, NULL },
  { "unknown-mapping-column", "material", MKT_CSV_FORMAT_GENERIC, { "Colour Name=colour" },
    "name|unit|kind", NULL, MKT_CSV_ERROR_MAPPING,
    "The file has no column “Colour Name” (its columns: “name”, “unit”, “kind”)" },
  { "unknown-mapping-field", "material", MKT_CSV_FORMAT_GENERIC, { "name=nmae" },
    "name", NULL, MKT_CSV_ERROR_MAPPING, "material has no field “nmae” (its fields: kind, name," },
  { "unknown-attribute-field", "category", MKT_CSV_FORMAT_GENERIC, { "x=attributes.width" },
    "x", NULL, MKT_CSV_ERROR_MAPPING, "category has no field “attributes.width”" },
  { "not-an-assignment", "material", MKT_CSV_FORMAT_GENERIC, { "name" },
    "name", NULL, MKT_CSV_ERROR_MAPPING, "“name” is not COLUMN=FIELD" },
  { "mapped-twice", "material", MKT_CSV_FORMAT_GENERIC, { "a=name", "a=colour" },
    "a", NULL, MKT_CSV_ERROR_MAPPING, "The column “a” is mapped twice" },
  { "generic-unknown-column", "material", MKT_CSV_FORMAT_GENERIC, { NULL },
    "name|unit|prise", NULL, MKT_CSV_ERROR_MAPPING,
    "The column “prise” (column 3) is not a field of material" },
  { "two-columns-one-field", "material", MKT_CSV_FORMAT_GENERIC, { NULL },
    "name|Name", NULL, MKT_CSV_ERROR_MAPPING, "The columns “name” and “Name” both give name" },
  { "override-clashes-with-format", "product", MKT_CSV_FORMAT_SHOPIFY, { "SEO Title=name" },
    "Title|SEO Title", NULL, MKT_CSV_ERROR_MAPPING, "The columns “Title” and “SEO Title” both give name" },
  { "shopify-of-materials", "material", MKT_CSV_FORMAT_SHOPIFY, { NULL },
    "Title", NULL, MKT_CSV_ERROR_FORMAT, "A Shopify export holds products, not materials" },
  { "etsy-of-materials", "material", MKT_CSV_FORMAT_ETSY, { NULL },
    "TITLE", NULL, MKT_CSV_ERROR_FORMAT, "An Etsy export holds products" },
};

static void
test_mapping_case (gconstpointer data)
{
  const MappingCase *c = data;
  const MktEntitySpec *spec = mkt_schema_lookup (c->entity);
  g_autoptr(MktCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = g_strsplit (c->header, "|", -1);
  gboolean ok;

  mapping = mkt_csv_mapping_new (spec, c->format, &error);
  ok = mapping != NULL;
  for (guint i = 0; ok && c->maps[i] != NULL; i++)
    ok = mkt_csv_mapping_parse (mapping, c->maps[i], &error);
  ok = ok && mkt_csv_mapping_bind (mapping, (const char * const *)header, g_strv_length (header), &error);

  if (c->expected == NULL)
    {
      g_assert_false (ok);
      g_assert_error (error, MKT_CSV_ERROR, c->error_code);
      if (strstr (error->message, c->error_part) == NULL)
        g_error ("%s: “%s” does not say “%s”", c->name, error->message, c->error_part);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ok);
  {
    g_autofree char *described = describe (mapping);

    g_assert_cmpstr (described, ==, c->expected);
  }
}

static void
test_guess_and_names (void)
{
  g_auto(GStrv) shopify = g_strsplit (SHOPIFY_HEADER, "|", -1);
  g_auto(GStrv) etsy = g_strsplit (ETSY_HEADER, "|", -1);
  const char *generic[] = { "name", "sku" };
  MktCsvFormat format;

  g_assert_cmpint (mkt_csv_format_guess ((const char * const *)shopify, g_strv_length (shopify)), ==, MKT_CSV_FORMAT_SHOPIFY);
  g_assert_cmpint (mkt_csv_format_guess ((const char * const *)etsy, g_strv_length (etsy)), ==, MKT_CSV_FORMAT_ETSY);
  g_assert_cmpint (mkt_csv_format_guess (generic, 2), ==, MKT_CSV_FORMAT_GENERIC);

  g_assert_true (mkt_csv_format_from_string ("Shopify", &format));
  g_assert_cmpint (format, ==, MKT_CSV_FORMAT_SHOPIFY);
  g_assert_false (mkt_csv_format_from_string ("woocommerce", &format));
  g_assert_cmpstr (mkt_csv_format_to_string (MKT_CSV_FORMAT_ETSY), ==, "etsy");

  /* Exports name every field as the generic format reads it back. */
  for (guint i = 0; i < mkt_material_spec.n_fields; i++)
    {
      g_autofree char *name = mkt_csv_column_name (&mkt_material_spec.fields[i]);
      g_autoptr(MktCsvMapping) mapping = mkt_csv_mapping_new (&mkt_material_spec, MKT_CSV_FORMAT_GENERIC, NULL);
      const char *header[] = { name };
      g_autoptr(GError) error = NULL;
      const MktCsvColumn *columns;
      guint n;

      mkt_csv_mapping_bind (mapping, header, 1, &error);
      g_assert_no_error (error);
      columns = mkt_csv_mapping_get_columns (mapping, &n);
      g_assert_cmpint (columns[0].field_index, ==, (int)i);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/transform/numbers", test_numbers);
  g_test_add_func ("/csv/transform/money", test_money);
  g_test_add_func ("/csv/transform/units", test_units);
  g_test_add_func ("/csv/transform/html", test_html);
  for (guint i = 0; i < G_N_ELEMENTS (mapping_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/mapping/%s", mapping_cases[i].name);

      g_test_add_data_func (path, &mapping_cases[i], test_mapping_case);
    }
  g_test_add_func ("/csv/mapping/guess-and-names", test_guess_and_names);

  return g_test_run ();
}
