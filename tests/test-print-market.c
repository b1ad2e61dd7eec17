/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-print-market, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-print-market, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"
#include "test-print-utils.h"

/* Sheets and tags read through a session: the tenant's name and currency,
 * the event's days and venue, its sheet with the counts recorded so far,
 * the products that have a price; and what is refused. */

static MktRecord *
create_product (MktSession *session,
                const char *name,
                const char *sku,
                const char *price)
{
  g_autoptr(MktRecord) product = mkt_record_new (&mkt_product_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (product, "name", name);
  if (sku != NULL)
    mkt_record_set_string (product, "sku", sku);
  if (price != NULL)
    g_assert_true (mkt_session_set_from_text (session, product, "price", price, &error));
  g_assert_true (mkt_session_create (session, product, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&product);
}

static MktRecord *
create_event (MktSession *session,
              const char *name)
{
  g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (event, "name", name);
  mkt_record_set_string (event, "venue", "The Old Mill, Riverside");
  g_assert_true (mkt_session_set_from_text (session, event, "starts_on", "2026-04-18", &error));
  g_assert_true (mkt_session_set_from_text (session, event, "ends_on", "2026-04-19", &error));
  g_assert_true (mkt_session_create (session, event, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&event);
}

static void
test_sheet (MktTestFixture *f,
            gconstpointer   data)
{
  g_autoptr(MktRecord) beanie = create_product (f->session, "Merino Beanie", "P-BEANIE", "45.00");
  g_autoptr(MktRecord) socks = create_product (f->session, "Seaside Socks", "P-SOCKS", "22.50");
  g_autoptr(MktRecord) swatch = create_product (f->session, "Yarn Swatch", NULL, NULL);
  g_autoptr(MktRecord) event = create_event (f->session, "Spring Fair");
  g_autoptr(MktRecord) line = NULL;
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktPrintSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *text = NULL;
  const char *event_id = mkt_record_get_id (event);

  line = mkt_market_add_product (f->session, event_id, mkt_record_get_id (beanie), TRUE, 4000, &error);
  g_assert_no_error (error);
  g_clear_object (&line);
  line = mkt_market_add_product (f->session, event_id, mkt_record_get_id (swatch), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_market_bring (f->session, event_id, mkt_record_get_id (beanie), MKT_QUANTITY_FROM_INT (6), &error));
  g_assert_true (mkt_market_bring (f->session, event_id, mkt_record_get_id (socks), MKT_QUANTITY_FROM_INT (3), &error));
  sale = mkt_market_sell (f->session, event_id, mkt_record_get_id (beanie), MKT_QUANTITY_FROM_INT (2), FALSE, 0, 0,
                          "cash", &error);
  g_assert_no_error (error);
  g_assert_true (mkt_market_return (f->session, event_id, mkt_record_get_id (beanie), MKT_QUANTITY_FROM_INT (1), &error));
  g_assert_no_error (error);

  sheet = mkt_print_sheet_new_for_event (f->session, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_print_sheet_get_n_rows (sheet), ==, 3);

  g_assert_true (mkt_print_market_sheet (f->session, event_id, MKT_PAPER_LETTER, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_pdf_n_pages (path), ==, 1);

  text = mkt_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "Test Crafts\nSpring Fair\nSat 18 – Sun 19 Apr 2026 · The Old Mill, Riverside\n"));
  /* The event's own price, the counts so far; a product without a price
   * shows none, and nothing counted is left blank to fill in. */
  g_assert_nonnull (strstr (text, "\nMerino Beanie P-BEANIE $40.00 6 1\n"));
  g_assert_nonnull (strstr (text, "\nSeaside Socks P-SOCKS $22.50 3\n"));
  g_assert_nonnull (strstr (text, "\nYarn Swatch\n"));
  g_assert_nonnull (strstr (text, "\nTotal (3 products) 9 2 1\n"));
  g_assert_nonnull (strstr (text, "at these prices: $307.50\n"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

static void
test_sheet_errors (MktTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(MktRecord) event = create_event (f->session, "Quiet Fair");
  g_autoptr(MktRecord) gone = create_event (f->session, "Cancelled Fair");
  g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *unknown = mkt_uuid_new_v7 ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (mkt_print_market_sheet (f->session, unknown, MKT_PAPER_A4, path, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (mkt_session_delete (f->session, &mkt_market_event_spec, mkt_record_get_id (gone), &error));
  g_assert_false (mkt_print_market_sheet (f->session, mkt_record_get_id (gone), MKT_PAPER_A4, path, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An event with nothing on its sheet prints a sheet that says so. */
  g_assert_true (mkt_print_market_sheet (f->session, mkt_record_get_id (event), MKT_PAPER_A4, path, &error));
  g_assert_no_error (error);
  text = mkt_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "Quiet Fair"));
  g_assert_nonnull (strstr (text, "No products on this sheet yet"));
}

static void
test_tags (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(MktRecord) mug = create_product (f->session, "Glazed Mug", "P-MUG", "12.00");
  g_autoptr(MktRecord) swatch = create_product (f->session, "Yarn Swatch", NULL, NULL);
  g_autoptr(MktRecord) vase = create_product (f->session, "Bud Vase", "P-VASE", "30.00");
  g_autoptr(MktRecord) coaster = create_product (f->session, "Cork Coaster", "P-COASTER", "5.50");
  g_autofree char *path = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autofree char *unknown = mkt_uuid_new_v7 ();
  g_autoptr(MktPrintTags) tags = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_session_delete (f->session, &mkt_product_spec, mkt_record_get_id (vase), &error));

  /* Every active product that has a price, by name. */
  g_assert_true (mkt_print_price_tags (f->session, NULL, MKT_TAG_LAYOUT_A4_3X7, TRUE, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = mkt_test_pdf_text (path);

    g_assert_cmpstr (text, ==, "Cork Coaster\nP-COASTER\n$5.50\nGlazed Mug\nP-MUG\n$12.00\n\f");
  }

  /* Those given, in their order, a product given twice tagged twice. */
  {
    const char *ids[] = { mkt_record_get_id (mug), mkt_record_get_id (coaster), mkt_record_get_id (mug), NULL };
    g_autofree char *text = NULL;

    tags = mkt_print_tags_new_for_products (f->session, ids, MKT_TAG_LAYOUT_LETTER_3X10, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mkt_print_tags_get_n_tags (tags), ==, 3);
    g_assert_true (mkt_print_tags_write_pdf (tags, path, &error));
    text = mkt_test_pdf_text (path);
    g_assert_cmpstr (text, ==, "Glazed Mug\n$12.00\nCork Coaster\n$5.50\nGlazed Mug\n$12.00\n\f");
  }

  {
    const char *ids[] = { mkt_record_get_id (mug), mkt_record_get_id (swatch), NULL };

    g_assert_null (mkt_print_tags_new_for_products (f->session, ids, MKT_TAG_LAYOUT_A4_3X7, FALSE, &error));
    g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_NO_PRICE);
    g_assert_nonnull (strstr (error->message, "Yarn Swatch"));
    g_clear_error (&error);
  }

  {
    const char *ids[] = { mkt_record_get_id (vase), NULL };

    g_assert_false (mkt_print_price_tags (f->session, ids, MKT_TAG_LAYOUT_A4_3X7, FALSE, path, &error));
    g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  {
    const char *ids[] = { unknown, NULL };

    g_assert_false (mkt_print_price_tags (f->session, ids, MKT_TAG_LAYOUT_A4_3X7, FALSE, path, &error));
    g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  {
    const char *ids[] = { NULL };

    g_assert_false (mkt_print_price_tags (f->session, ids, MKT_TAG_LAYOUT_A4_3X7, FALSE, path, &error));
    g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY);
    g_clear_error (&error);
  }

  /* Nothing priced left: a clear error, and the last file stays as it was. */
  g_assert_true (mkt_session_delete (f->session, &mkt_product_spec, mkt_record_get_id (mug), &error));
  g_assert_true (mkt_session_delete (f->session, &mkt_product_spec, mkt_record_get_id (coaster), &error));
  g_assert_false (mkt_print_price_tags (f->session, NULL, MKT_TAG_LAYOUT_A4_3X7, FALSE, path, &error));
  g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY);
  g_assert_cmpuint (mkt_test_pdf_n_pages (path), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/print/market/sheet", NULL, test_sheet);
  mkt_test_add ("/print/market/sheet-errors", NULL, test_sheet_errors);
  mkt_test_add ("/print/market/tags", NULL, test_tags);

  return g_test_run ();
}
