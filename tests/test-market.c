/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-market, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-market, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-market"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-market.h"

/* Market events: stock taken to the stall and back (transfers that leave the
 * product's total alone), and stall sales and voids: append-only, priced by
 * the sheet, else the product, each with its movement, audit rows and
 * changes, all or nothing. The shop is MktTestMarket's: ten dishcloths made
 * at 8.89 on average, four beanies at 29.70, the Harvest Fair with the
 * dishcloth on its sheet at 8.00. test-market-summary.c has the day's
 * figures. */

/* The product's total on hand, home and stalls together. */
static MktQuantity
total (MktTestFixture *f,
       MktRecord      *product)
{
  return mkt_test_on_hand (f->session, product, 0);
}

/* Rows written ------------------------------------------------------------------ */

typedef struct
{
  guint events, lines, sales, movements, audits, changes;
} Counts;

static Counts
counts (MktTestFixture *f)
{
  return (Counts) {
    .events = mkt_test_count (f->session, &mkt_market_event_spec),
    .lines = mkt_test_count (f->session, &mkt_market_line_spec),
    .sales = mkt_test_count (f->session, &mkt_sale_spec),
    .movements = mkt_test_count (f->session, &mkt_product_movement_spec),
    .audits = mkt_test_count (f->session, &mkt_audit_spec),
    .changes = mkt_test_count (f->session, &mkt_change_spec),
  };
}

static void
assert_counts_grew (const Counts *before,
                    const Counts *after,
                    guint         lines,
                    guint         sales,
                    guint         movements,
                    guint         logged)
{
  g_assert_cmpuint (after->events, ==, before->events);
  g_assert_cmpuint (after->lines, ==, before->lines + lines);
  g_assert_cmpuint (after->sales, ==, before->sales + sales);
  g_assert_cmpuint (after->movements, ==, before->movements + movements);
  g_assert_cmpuint (after->audits, ==, before->audits + logged);
  g_assert_cmpuint (after->changes, ==, before->changes + logged);
}

static char *
row_text (MktTestFixture      *f,
          const MktEntitySpec *spec,
          const char          *id)
{
  g_autoptr(MktRecord) row = mkt_test_get_row (f, spec, id);

  return mkt_test_record_to_string (row);
}

/* Bring and return ---------------------------------------------------------------- */

typedef struct
{
  gboolean     to_event;
  const char  *count;
  MktQuantity  at_stall, brought, returned;
} TransferStep;

/* The dishcloth is on the fair's sheet already: no new line. */
static const TransferStep transfer_steps[] = {
  { TRUE, "10", 10000000, 10000000, 0 },
  { TRUE, "2", 12000000, 12000000, 0 },
  { FALSE, "5", 7000000, 12000000, 5000000 },
};

/* The movements the steps write, after the two runs' outputs. */
static const struct
{
  const char  *kind;
  MktQuantity  quantity;
  gboolean     at_event;
  const char  *reference;
} transfer_movements[] = {
  { "transfer_out", -10000000, FALSE, "To “Harvest Fair”" },
  { "transfer_in", 10000000, TRUE, "To “Harvest Fair”" },
  { "transfer_out", -2000000, FALSE, "To “Harvest Fair”" },
  { "transfer_in", 2000000, TRUE, "To “Harvest Fair”" },
  { "transfer_out", -5000000, TRUE, "Back from “Harvest Fair”" },
  { "transfer_in", 5000000, FALSE, "Back from “Harvest Fair”" },
};

static void
test_transfer (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Counts was, now;

  mkt_test_market_init (f, &shop);
  g_assert_cmpint (total (f, shop.dishcloth), ==, 10000000);

  for (guint i = 0; i < G_N_ELEMENTS (transfer_steps); i++)
    {
      const TransferStep *step = &transfer_steps[i];
      g_autoptr(GPtrArray) lines = NULL;
      MktMarketLine *line;
      gboolean ok;

      was = counts (f);
      if (step->to_event)
        ok = mkt_market_bring (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.dishcloth),
                               mkt_test_quantity (step->count), &error);
      else
        ok = mkt_market_return (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.dishcloth),
                                mkt_test_quantity (step->count), &error);
      g_assert_no_error (error);
      g_assert_true (ok);

      /* Two movements that cancel out: the total stays, the stall moves. */
      now = counts (f);
      assert_counts_grew (&was, &now, 0, 0, 2, 2);
      g_assert_cmpint (total (f, shop.dishcloth), ==, 10000000);
      lines = mkt_test_market_lines (f, shop.fair);
      line = mkt_test_market_line (lines, shop.dishcloth);
      g_assert_cmpint (line->on_hand, ==, step->at_stall);
      g_assert_cmpint (line->brought, ==, step->brought);
      g_assert_cmpint (line->returned, ==, step->returned);
      g_assert_cmpint (line->sold, ==, 0);
    }

  /* Each step: out of one place, into the other, at the same moment. */
  moved = mkt_test_list_where (f->session, &mkt_product_movement_spec, "product_id",
                               mkt_record_get_id (shop.dishcloth));
  g_assert_cmpuint (moved->len, ==, 2 + G_N_ELEMENTS (transfer_movements));
  for (guint i = 0; i < G_N_ELEMENTS (transfer_movements); i++)
    {
      MktRecord *movement = g_ptr_array_index (moved, 2 + i);

      g_assert_cmpstr (mkt_record_get_string (movement, "kind"), ==, transfer_movements[i].kind);
      g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, transfer_movements[i].quantity);
      g_assert_cmpstr (mkt_record_get_string (movement, "market_event_id"), ==,
                       transfer_movements[i].at_event ? mkt_record_get_id (shop.fair) : NULL);
      g_assert_cmpint (mkt_record_get_int (movement, "occurred_at"), ==, f->now_ms * 1000);
      g_assert_cmpstr (mkt_record_get_string (movement, "reference"), ==, transfer_movements[i].reference);
      g_assert_false (mkt_record_has (movement, "sale_id"));
    }

  /* Bringing a product puts it on the sheet (one line, once). */
  was = counts (f);
  mkt_test_bring (f, shop.fair, shop.beanie, "4");
  now = counts (f);
  assert_counts_grew (&was, &now, 1, 0, 2, 3);
  g_assert_cmpint (mkt_test_at_stall (f, shop.fair, shop.beanie), ==, 4000000);
  g_assert_cmpint (total (f, shop.beanie), ==, 4000000);

  /* Nothing, or less than nothing, is refused; nothing written. */
  before = mkt_test_market_snapshot (f);
  g_assert_false (mkt_market_bring (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.beanie),
                                    0, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity");
  g_clear_error (&error);
  g_assert_false (mkt_market_return (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.beanie),
                                     -1000000, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity");
  g_clear_error (&error);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Sales and voids ------------------------------------------------------------------ */

static void
test_sale_and_void (MktTestFixture *f,
                    gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(MktRecord) sold = NULL;
  g_autoptr(MktRecord) unsold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 sold_at;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "10");

  f->now_ms += 60000;
  sold_at = f->now_ms * 1000;
  sale = mkt_test_sell (f, shop.fair, shop.dishcloth, "3", MKT_TEST_NO_PRICE, 100, "card");
  g_assert_cmpstr (mkt_record_get_string (sale, "market_event_id"), ==, mkt_record_get_id (shop.fair));
  g_assert_cmpstr (mkt_record_get_string (sale, "product_id"), ==, mkt_record_get_id (shop.dishcloth));
  g_assert_cmpint (mkt_record_get_int (sale, "quantity"), ==, 3000000);
  g_assert_cmpint (mkt_record_get_int (sale, "unit_price"), ==, 800);
  g_assert_cmpint (mkt_record_get_int (sale, "discount"), ==, 100);
  g_assert_cmpstr (mkt_record_get_string (sale, "payment_method"), ==, "card");
  g_assert_cmpint (mkt_record_get_int (sale, "unit_cost"), ==, 889);
  g_assert_cmpint (mkt_record_get_int (sale, "occurred_at"), ==, sold_at);
  g_assert_cmpstr (mkt_record_get_string (sale, "device_id"), ==, mkt_session_get_device_id (f->session));
  g_assert_false (mkt_record_has (sale, "voids_sale_id"));
  original = row_text (f, &mkt_sale_spec, mkt_record_get_id (sale));

  /* A sale lowers both the total and the stall. */
  g_assert_cmpint (total (f, shop.dishcloth), ==, 7000000);
  g_assert_cmpint (mkt_test_at_stall (f, shop.fair, shop.dishcloth), ==, 7000000);
  sold = mkt_test_sale_movement (f, sale);
  g_assert_cmpstr (mkt_record_get_string (sold, "kind"), ==, "sale");
  g_assert_cmpint (mkt_record_get_int (sold, "quantity"), ==, -3000000);
  g_assert_cmpstr (mkt_record_get_string (sold, "market_event_id"), ==, mkt_record_get_id (shop.fair));
  g_assert_cmpint (mkt_record_get_int (sold, "occurred_at"), ==, sold_at);

  /* The void is a new sale of the opposite quantity; both come back. */
  f->now_ms += 60000;
  void_row = mkt_test_void (f, sale);
  g_assert_cmpstr (mkt_record_get_string (void_row, "voids_sale_id"), ==, mkt_record_get_id (sale));
  g_assert_cmpstr (mkt_record_get_string (void_row, "market_event_id"), ==, mkt_record_get_id (shop.fair));
  g_assert_cmpstr (mkt_record_get_string (void_row, "product_id"), ==, mkt_record_get_id (shop.dishcloth));
  g_assert_cmpint (mkt_record_get_int (void_row, "quantity"), ==, -3000000);
  g_assert_cmpint (mkt_record_get_int (void_row, "unit_price"), ==, 800);
  g_assert_cmpint (mkt_record_get_int (void_row, "discount"), ==, -100);
  g_assert_cmpstr (mkt_record_get_string (void_row, "payment_method"), ==, "card");
  g_assert_cmpint (mkt_record_get_int (void_row, "unit_cost"), ==, 889);
  g_assert_cmpint (mkt_record_get_int (void_row, "occurred_at"), ==, f->now_ms * 1000);
  g_assert_cmpint (total (f, shop.dishcloth), ==, 10000000);
  g_assert_cmpint (mkt_test_at_stall (f, shop.fair, shop.dishcloth), ==, 10000000);
  unsold = mkt_test_sale_movement (f, void_row);
  g_assert_cmpstr (mkt_record_get_string (unsold, "kind"), ==, "sale");
  g_assert_cmpint (mkt_record_get_int (unsold, "quantity"), ==, 3000000);
  g_assert_cmpstr (mkt_record_get_string (unsold, "market_event_id"), ==, mkt_record_get_id (shop.fair));

  /* The sale itself is never edited. */
  kept = row_text (f, &mkt_sale_spec, mkt_record_get_id (sale));
  g_assert_cmpstr (kept, ==, original);

  /* Twice, or a void of the void: refused, and nothing written. */
  before = mkt_test_market_snapshot (f);
  g_assert_null (mkt_market_void (f->session, mkt_record_get_id (sale), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (mkt_market_void (f->session, mkt_record_get_id (void_row), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (mkt_market_void (f->session, "01234567-89ab-7def-8123-456789abcdef", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (total (f, shop.dishcloth), ==, 10000000);
  mkt_test_assert_no_transaction (f->path);
}

/* Every sale and every void: one sale row, one movement, and the audit row
 * and outbox change of each. */
static void
test_writes (MktTestFixture *f,
             gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) void_row = NULL;
  MktRecord *rows[2];
  Counts was, now;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.beanie, "4");

  was = counts (f);
  sale = mkt_test_sell (f, shop.fair, shop.beanie, "2", MKT_TEST_NO_PRICE, 0, "cash");
  now = counts (f);
  assert_counts_grew (&was, &now, 0, 1, 1, 2);

  was = now;
  void_row = mkt_test_void (f, sale);
  now = counts (f);
  assert_counts_grew (&was, &now, 0, 1, 1, 2);

  rows[0] = sale;
  rows[1] = void_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(MktRecord) movement = mkt_test_sale_movement (f, rows[i]);
      MktRecord *logged[] = { rows[i], movement };

      for (guint j = 0; j < G_N_ELEMENTS (logged); j++)
        {
          MktRecord *row = logged[j];
          g_autoptr(MktRecord) audit = mkt_test_last_log_row (f, &mkt_audit_spec, mkt_record_get_id (row), 1);
          g_autoptr(MktRecord) change = mkt_test_last_log_row (f, &mkt_change_spec, mkt_record_get_id (row), 1);

          g_assert_cmpstr (mkt_record_get_string (audit, "action"), ==, "create");
          g_assert_cmpstr (mkt_record_get_string (audit, "entity"), ==, mkt_record_get_spec (row)->name);
          g_assert_cmpstr (mkt_record_get_string (change, "op"), ==, "create");
          g_assert_cmpstr (mkt_record_get_string (change, "entity"), ==, mkt_record_get_spec (row)->name);
          g_assert_cmpstr (mkt_record_get_string (change, "hlc"), ==, mkt_record_get_hlc (row));
        }
    }
}

/* Sales and voids are ledger rows: never edited nor deleted. */
static void
test_read_only (MktTestFixture *f,
                gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MktRecord *rows[2];

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "5");
  sale = mkt_test_sell (f, shop.fair, shop.dishcloth, "1", MKT_TEST_NO_PRICE, 0, "cash");
  void_row = mkt_test_void (f, sale);
  rows[0] = sale;
  rows[1] = void_row;

  before = mkt_test_market_snapshot (f);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_sale_spec, mkt_record_get_id (rows[i]));
      g_autofree char *update = NULL;
      g_autofree char *delete = NULL;

      mkt_record_set_int (edit, "unit_price", 1);
      g_assert_false (mkt_session_update (f->session, edit, &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (mkt_session_delete (f->session, &mkt_sale_spec, mkt_record_get_id (rows[i]), &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (mkt_session_restore (f->session, &mkt_sale_spec, mkt_record_get_id (rows[i]), &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);

      /* Nor by SQL behind the session's back. */
      update = g_strdup_printf ("UPDATE sale SET unit_price = 1 WHERE id = '%s'", mkt_record_get_id (rows[i]));
      g_assert_false (mkt_test_store_exec (f, update, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      delete = g_strdup_printf ("DELETE FROM sale WHERE id = '%s'", mkt_record_get_id (rows[i]));
      g_assert_false (mkt_test_store_exec (f, delete, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Prices -------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *product_price;  /* NULL: the product has none */
  gboolean    on_sheet;
  MktMoney    line_price;     /* MKT_TEST_NO_PRICE: the line has none */
  MktMoney    given;          /* MKT_TEST_NO_PRICE: none given for the sale */
  MktMoney    expected;       /* MKT_TEST_NO_PRICE: refused, naming unit_price */
} PriceCase;

static const PriceCase price_cases[] = {
  { "/market/price/line", "8.50", TRUE, 750, MKT_TEST_NO_PRICE, 750 },
  { "/market/price/line-without-price", "8.50", TRUE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE, 850 },
  { "/market/price/off-sheet", "8.50", FALSE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE, 850 },
  { "/market/price/given", "8.50", TRUE, 750, 600, 600 },
  { "/market/price/given-zero", "8.50", TRUE, 750, 0, 0 },
  { "/market/price/line-only", NULL, TRUE, 500, MKT_TEST_NO_PRICE, 500 },
  { "/market/price/given-only", NULL, FALSE, MKT_TEST_NO_PRICE, 450, 450 },
  { "/market/price/none", NULL, TRUE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE },
  { "/market/price/none-off-sheet", NULL, FALSE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE, MKT_TEST_NO_PRICE },
};

static void
test_price (MktTestFixture *f,
            gconstpointer   data)
{
  const PriceCase *c = data;
  g_autoptr(MktRecord) event = mkt_test_create_event (f, "Craft Night", 0, 0);
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Bookmark", "10", c->product_price);
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (c->on_sheet)
    {
      g_object_unref (mkt_market_add_product (f->session, mkt_record_get_id (event), mkt_record_get_id (product),
                                              c->line_price != MKT_TEST_NO_PRICE, c->line_price, &error));
      g_assert_no_error (error);
    }

  before = mkt_test_market_snapshot (f);
  sale = mkt_market_sell (f->session, mkt_record_get_id (event), mkt_record_get_id (product), 2000000,
                          c->given != MKT_TEST_NO_PRICE, c->given, 0, "cash", &error);
  if (c->expected == MKT_TEST_NO_PRICE)
    {
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_REQUIRED, "unit_price");
      g_assert_null (sale);
      after = mkt_test_market_snapshot (f);
      g_assert_cmpstr (after, ==, before);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (sale, "unit_price"), ==, c->expected);
}

/* Refused sales ------------------------------------------------------------------- */

typedef struct
{
  const char         *path;
  const char         *count;
  MktMoney            price;
  MktMoney            discount;
  const char         *payment;
  MktValidationError  code;
  const char         *field;     /* NULL: accepted */
} RefusedCase;

/* Two dishcloths at the sheet's 8.00: the sale is worth 16.00. */
static const RefusedCase refused_cases[] = {
  { "/market/refused/discount-over", "2", MKT_TEST_NO_PRICE, 1601, "cash", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "discount" },
  { "/market/refused/discount-negative", "2", MKT_TEST_NO_PRICE, -1, "cash", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "discount" },
  { "/market/refused/discount-over-given", "2", 500, 1001, "card", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "discount" },
  { "/market/refused/payment", "2", MKT_TEST_NO_PRICE, 0, "cheque", MKT_VALIDATION_ERROR_INVALID, "payment_method" },
  { "/market/refused/payment-empty", "2", MKT_TEST_NO_PRICE, 0, "", MKT_VALIDATION_ERROR_REQUIRED, "payment_method" },
  { "/market/refused/zero", "0", MKT_TEST_NO_PRICE, 0, "cash", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
  { "/market/refused/negative", "-1", MKT_TEST_NO_PRICE, 0, "cash", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
  /* A negative price is refused as such, not as a discount too large. */
  { "/market/refused/negative-price", "2", -800, 0, "cash", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "unit_price" },
  { "/market/accepted/discount-whole", "2", MKT_TEST_NO_PRICE, 1600, "other", 0, NULL },
  { "/market/accepted/payment-case", "2", MKT_TEST_NO_PRICE, 0, "Card", 0, NULL },
};

static void
test_refused (MktTestFixture *f,
              gconstpointer   data)
{
  const RefusedCase *c = data;
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MktQuantity quantity;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "10");
  quantity = c->count[0] == '-' ? -mkt_test_quantity (c->count + 1) : mkt_test_quantity (c->count);

  before = mkt_test_market_snapshot (f);
  sale = mkt_market_sell (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.dishcloth), quantity,
                          c->price != MKT_TEST_NO_PRICE, c->price, c->discount, c->payment, &error);
  if (c->field == NULL)
    {
      g_autoptr(MktMarketSummary) summary = NULL;

      g_assert_no_error (error);
      summary = mkt_market_summary (f->session, mkt_record_get_id (shop.fair), &error);
      g_assert_no_error (error);
      g_assert_cmpint (summary->revenue, ==, 1600 - c->discount);
      g_assert_cmpint (summary->items_sold, ==, 2000000);
      return;
    }

  mkt_assert_validation_error (error, c->code, c->field);
  g_assert_null (sale);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* An event in the trash takes no stock and no sales, until it is restored. */
static void
test_trashed_event (MktTestFixture *f,
                    gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *fair_id;

  mkt_test_market_init (f, &shop);
  fair_id = mkt_record_get_id (shop.fair);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "5");
  g_object_unref (mkt_test_sell (f, shop.fair, shop.dishcloth, "1", MKT_TEST_NO_PRICE, 0, "cash"));
  mkt_test_delete_row (f, &mkt_market_event_spec, shop.fair);

  before = mkt_test_market_snapshot (f);
  g_assert_null (mkt_market_sell (f->session, fair_id, mkt_record_get_id (shop.dishcloth), 1000000, FALSE, 0, 0,
                                  "cash", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mkt_market_sell (f->session, fair_id, mkt_record_get_id (shop.dishcloth), 1000000, TRUE, 800, 0,
                                  "cash", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mkt_market_bring (f->session, fair_id, mkt_record_get_id (shop.beanie), 1000000, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* What it took can still be read. */
  summary = mkt_market_summary (f->session, fair_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->revenue, ==, 800);
  g_assert_cmpint (summary->items_sold, ==, 1000000);

  mkt_session_restore (f->session, &mkt_market_event_spec, fair_id, &error);
  g_assert_no_error (error);
  g_object_unref (mkt_test_sell (f, shop.fair, shop.dishcloth, "1", MKT_TEST_NO_PRICE, 0, "cash"));
  g_assert_cmpint (mkt_test_at_stall (f, shop.fair, shop.dishcloth), ==, 3000000);
}

/* One line per product on an event's sheet. */
static void
test_line_unique (MktTestFixture *f,
                  gconstpointer   data)
{
  g_autoptr(MktRecord) fair = mkt_test_create_event (f, "Harvest Fair", 0, 0);
  g_autoptr(MktRecord) other = mkt_test_create_event (f, "Craft Night", 0, 0);
  g_autoptr(MktRecord) bookmark = mkt_test_create_product (f->session, "Bookmark", "10", "3.00");
  g_autoptr(MktRecord) first = NULL;
  g_autoptr(MktRecord) again = NULL;
  g_autoptr(MktRecord) second = mkt_record_new (&mkt_market_line_spec);
  g_autoptr(MktRecord) elsewhere = mkt_record_new (&mkt_market_line_spec);
  g_autoptr(MktRecord) replacement = mkt_record_new (&mkt_market_line_spec);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  first = mkt_market_add_product (f->session, mkt_record_get_id (fair), mkt_record_get_id (bookmark), TRUE, 250,
                                  &error);
  g_assert_no_error (error);

  /* Adding it again sets the price of the same line. */
  again = mkt_market_add_product (f->session, mkt_record_get_id (fair), mkt_record_get_id (bookmark), TRUE, 275,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_id (again), ==, mkt_record_get_id (first));
  g_assert_cmpint (mkt_record_get_int (again, "price"), ==, 275);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_market_line_spec), ==, 1);

  before = mkt_test_market_snapshot (f);
  mkt_record_set_string (second, "market_event_id", mkt_record_get_id (fair));
  mkt_record_set_string (second, "product_id", mkt_record_get_id (bookmark));
  g_assert_false (mkt_session_create (f->session, second, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "product_id");
  g_clear_error (&error);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* On another event it is another sheet. */
  mkt_record_set_string (elsewhere, "market_event_id", mkt_record_get_id (other));
  mkt_record_set_string (elsewhere, "product_id", mkt_record_get_id (bookmark));
  mkt_session_create (f->session, elsewhere, &error);
  g_assert_no_error (error);

  /* A line in the trash leaves room for a new one, which then keeps the old
   * one from coming back. */
  mkt_test_delete_row (f, &mkt_market_line_spec, first);
  mkt_record_set_string (replacement, "market_event_id", mkt_record_get_id (fair));
  mkt_record_set_string (replacement, "product_id", mkt_record_get_id (bookmark));
  mkt_session_create (f->session, replacement, &error);
  g_assert_no_error (error);
  g_assert_false (mkt_session_restore (f->session, &mkt_market_line_spec, mkt_record_get_id (first), &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "product_id");
}

/* All or nothing ------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *table;
  gboolean    void_it;
} AtomicCase;

static const AtomicCase atomic_cases[] = {
  { "/market/atomic/sell/product_movement", "product_movement", FALSE },
  { "/market/atomic/sell/sale", "sale", FALSE },
  { "/market/atomic/sell/audit_log", "audit_log", FALSE },
  { "/market/atomic/sell/change", "change", FALSE },
  { "/market/atomic/void/product_movement", "product_movement", TRUE },
  { "/market/atomic/void/change", "change", TRUE },
};

static void
test_atomic (MktTestFixture *f,
             gconstpointer   data)
{
  const AtomicCase *c = data;
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Counts was, now;
  MktRecord *result;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "10");
  sale = mkt_test_sell (f, shop.fair, shop.dishcloth, "2", MKT_TEST_NO_PRICE, 0, "cash");

  mkt_test_fail_inserts (f, c->table);

  was = counts (f);
  before = mkt_test_market_snapshot (f);
  if (c->void_it)
    result = mkt_market_void (f->session, mkt_record_get_id (sale), &error);
  else
    result = mkt_market_sell (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.dishcloth),
                              1000000, FALSE, 0, 0, "card", &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MKT_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "injected"));
  g_clear_error (&error);

  now = counts (f);
  assert_counts_grew (&was, &now, 0, 0, 0, 0);
  after = mkt_test_market_snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (total (f, shop.dishcloth), ==, 8000000);
  mkt_test_assert_no_transaction (f->path);

  /* Without the failure the same goes through. */
  mkt_test_stop_failing (f);
  done = c->void_it ? mkt_test_void (f, sale) : mkt_test_sell (f, shop.fair, shop.dishcloth, "1", MKT_TEST_NO_PRICE, 0, "card");
  g_assert_cmpint (total (f, shop.dishcloth), ==, c->void_it ? 10000000 : 7000000);
  mkt_test_assert_no_transaction (f->path);
}

/* Sales elsewhere ------------------------------------------------------------------- */

/* A sale at no event, at the product's own price: out of the stock at home. */
static void
test_sell_elsewhere (MktTestFixture *f,
                     gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) movement = NULL;

  mkt_test_market_init (f, &shop);
  sale = mkt_test_sell (f, NULL, shop.dishcloth, "1", MKT_TEST_NO_PRICE, 0, "card");
  g_assert_cmpint (mkt_record_get_int (sale, "unit_price"), ==, 850);
  g_assert_false (mkt_record_has (sale, "market_event_id"));
  movement = mkt_test_sale_movement (f, sale);
  g_assert_false (mkt_record_has (movement, "market_event_id"));
  g_assert_cmpint (total (f, shop.dishcloth), ==, 9000000);
}

/* A sale at no event has no owner; it is still a ledger row, which leaves
 * only when its owner is purged: never, then. */
static void
test_elsewhere_kept (MktTestFixture *f,
                     gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *delete = NULL;

  mkt_test_market_init (f, &shop);
  sale = mkt_test_sell (f, NULL, shop.dishcloth, "1", 850, 0, "card");
  delete = g_strdup_printf ("DELETE FROM sale WHERE id = '%s'", mkt_record_get_id (sale));
  g_assert_false (mkt_test_store_exec (f, delete, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_sale_spec), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/market/transfer", NULL, test_transfer);
  mkt_test_add ("/market/sale-and-void", NULL, test_sale_and_void);
  mkt_test_add ("/market/writes", NULL, test_writes);
  mkt_test_add ("/market/read-only", NULL, test_read_only);
  for (guint i = 0; i < G_N_ELEMENTS (price_cases); i++)
    mkt_test_add (price_cases[i].path, &price_cases[i], test_price);
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    mkt_test_add (refused_cases[i].path, &refused_cases[i], test_refused);
  mkt_test_add ("/market/trashed-event", NULL, test_trashed_event);
  mkt_test_add ("/market/line-unique", NULL, test_line_unique);
  for (guint i = 0; i < G_N_ELEMENTS (atomic_cases); i++)
    mkt_test_add (atomic_cases[i].path, &atomic_cases[i], test_atomic);
  mkt_test_add ("/market/elsewhere/sell", NULL, test_sell_elsewhere);
  mkt_test_add ("/market/elsewhere/kept", NULL, test_elsewhere_kept);

  return g_test_run ();
}
