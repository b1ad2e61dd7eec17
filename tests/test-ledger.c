/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-ledger, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-ledger, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-ledger"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* The stock ledgers of materials and of finished products: on-hand is the
 * sum of movements, never a number that is set. */

#define SECOND_US G_GINT64_CONSTANT (1000000)

/* Sums -------------------------------------------------------------------------- */

typedef enum
{
  OP_PURCHASE,
  OP_ADJUST,
  OP_COUNT,
} Op;

typedef struct
{
  gboolean     product;     /* else the yarn */
  Op           op;
  const char  *quantity;
  const char  *unit;        /* NULL: the item's own */
  const char  *extra;       /* a purchase's cost, an adjustment's reason */
  MktQuantity  movement;    /* what the movement holds */
  MktQuantity  on_hand;     /* of that item, after it */
} LedgerStep;

static const LedgerStep ledger_steps[] = {
  /* Merino DK in yd, skeins of 246 yd. */
  { FALSE, OP_PURCHASE, "3", "skein", "25.50", 738000000, 738000000 },
  { FALSE, OP_ADJUST, "-10", NULL, "moths", -10000000, 728000000 },
  { TRUE, OP_ADJUST, "5", NULL, "opening stock", 5000000, 5000000 },
  /* 100 m = 109.3613298… yd */
  { FALSE, OP_PURCHASE, "100", "m", "4.00", 109361330, 837361330 },
  { FALSE, OP_COUNT, "800", "yd", NULL, -37361330, 800000000 },
  { TRUE, OP_COUNT, "3", NULL, NULL, -2000000, 3000000 },
  { FALSE, OP_ADJUST, "2.5", "yd", "found under the sofa", 2500000, 802500000 },
  { FALSE, OP_ADJUST, "-0.5", "skeins", "swatch", -123000000, 679500000 },
  { TRUE, OP_ADJUST, "-1", "pc", "gift", -1000000, 2000000 },
  { FALSE, OP_PURCHASE, "0.25", "skein", "2.13", 61500000, 741000000 },
  { FALSE, OP_COUNT, "3", "skeins", NULL, -3000000, 738000000 },
  { TRUE, OP_COUNT, "2", "pieces", NULL, 0, 2000000 },
  { FALSE, OP_COUNT, "0", NULL, NULL, -738000000, 0 },
  { FALSE, OP_ADJUST, "-1", NULL, "sold a remnant", -1000000, -1000000 },
};

static MktRecord *
run_step (MktTestFixture   *f,
          MktRecord        *item,
          const LedgerStep *step,
          GError          **error)
{
  MktQuantity quantity = mkt_test_quantity (step->quantity);

  switch (step->op)
    {
    case OP_PURCHASE:
      {
        MktMoney cost = 0;

        g_assert_true (mkt_money_parse (step->extra, "USD", &cost, NULL));
        return mkt_stock_purchase (f->session, item, quantity, step->unit, cost, "Invoice 7", error);
      }
    case OP_ADJUST:
      return mkt_stock_adjust (f->session, item, quantity, step->unit, step->extra, error);
    case OP_COUNT:
    default:
      return mkt_stock_count (f->session, item, quantity, step->unit, 0, error);
    }
}

static void
test_sums (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Merino DK", "yd", "skein", "246", "8.50");
  g_autoptr(MktRecord) hat = mkt_test_create_product (f->session, "Beanie", NULL, NULL);
  MktQuantity yarn_sum = 0, hat_sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ledger_steps); i++)
    {
      const LedgerStep *step = &ledger_steps[i];
      MktRecord *item = step->product ? hat : yarn;
      g_autoptr(MktRecord) movement = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) all = NULL;

      g_test_message ("step %u", i);
      f->now_ms += 1000;
      movement = run_step (f, item, step, &error);
      g_assert_no_error (error);
      g_assert_nonnull (movement);

      g_assert_true (mkt_record_get_spec (movement) == mkt_stock_ledger_for (mkt_record_get_spec (item)));
      g_assert_cmpstr (mkt_record_get_string (movement, step->product ? "product_id" : "material_id"), ==,
                       mkt_record_get_id (item));
      g_assert_cmpstr (mkt_record_get_string (movement, "kind"), ==,
                       step->op == OP_PURCHASE ? "purchase" : step->op == OP_ADJUST ? "adjustment" : "count");
      g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, step->movement);
      g_assert_cmpint (mkt_record_get_int (movement, "occurred_at"), ==, f->now_ms * 1000);
      if (step->op == OP_ADJUST)
        g_assert_cmpstr (mkt_record_get_string (movement, "reason"), ==, step->extra);
      if (step->op == OP_PURCHASE)
        g_assert_cmpstr (mkt_record_get_string (movement, "reference"), ==, "Invoice 7");
      else
        g_assert_false (mkt_record_has (movement, "total_cost"));

      if (step->product)
        hat_sum += step->movement;
      else
        yarn_sum += step->movement;
      g_assert_cmpint (step->product ? hat_sum : yarn_sum, ==, step->on_hand);

      g_assert_cmpint (mkt_test_on_hand (f->session, yarn, 0), ==, yarn_sum);
      g_assert_cmpint (mkt_test_on_hand (f->session, hat, 0), ==, hat_sum);
      all = mkt_stock_on_hand_all (f->session, &mkt_material_spec, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mkt_stock_on_hand_lookup (all, mkt_record_get_id (yarn)), ==, yarn_sum);
      g_clear_pointer (&all, g_hash_table_unref);
      all = mkt_stock_on_hand_all (f->session, &mkt_product_spec, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mkt_stock_on_hand_lookup (all, mkt_record_get_id (hat)), ==, hat_sum);
    }

  /* Purchases keep what was paid for all of it. */
  {
    g_autoptr(GPtrArray) purchases = mkt_test_list_where (f->session, &mkt_stock_movement_spec, "kind", "purchase");

    g_assert_cmpuint (purchases->len, ==, 3);
    g_assert_cmpint (mkt_record_get_int (g_ptr_array_index (purchases, 0), "total_cost"), ==, 2550);
    g_assert_cmpint (mkt_record_get_int (g_ptr_array_index (purchases, 1), "total_cost"), ==, 400);
    g_assert_cmpint (mkt_record_get_int (g_ptr_array_index (purchases, 2), "total_cost"), ==, 213);
  }
}

/* Stocktakes at a time ---------------------------------------------------------- */

static MktRecord *
count_at (MktTestFixture *f,
          MktRecord      *item,
          const char     *counted,
          const char     *unit,
          gint64          at)
{
  g_autoptr(GError) error = NULL;
  MktRecord *movement = mkt_stock_count (f->session, item, mkt_test_quantity (counted), unit, at, &error);

  g_assert_no_error (error);
  g_assert_nonnull (movement);
  g_assert_cmpstr (mkt_record_get_string (movement, "kind"), ==, "count");
  g_assert_cmpint (mkt_record_get_int (movement, "occurred_at"), ==, at);

  return movement;
}

static void
test_count_at (MktTestFixture *f,
               gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Merino DK", "yd", "skein", "246", "8.50");
  g_autoptr(MktRecord) hat = mkt_test_create_product (f->session, "Beanie", NULL, NULL);
  g_autoptr(MktRecord) movement = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 t = f->now_ms * 1000;
  const gint64 t0_ms = f->now_ms;

  /* 10 at T+5 s and 5 more at T+20 s; it is now T+30 s. */
  f->now_ms = t0_ms + 5000;
  g_object_unref (mkt_stock_purchase (f->session, yarn, mkt_test_quantity ("10"), NULL, 1000, NULL, &error));
  g_assert_no_error (error);
  f->now_ms = t0_ms + 20000;
  g_object_unref (mkt_stock_purchase (f->session, yarn, mkt_test_quantity ("5"), NULL, 500, NULL, &error));
  g_assert_no_error (error);
  f->now_ms = t0_ms + 30000;

  /* Counted 7 at T+10 s, when the ledger says 10: −3 then, and the
   * purchase after still counts on top. */
  movement = count_at (f, yarn, "7", NULL, t + 10 * SECOND_US);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, -3000000);
  g_assert_cmpstr (mkt_record_get_string (movement, "reason"), ==, "Stocktake: counted 7 yd");
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 4 * SECOND_US), ==, 0);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 5 * SECOND_US), ==, 10000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 10 * SECOND_US - 1), ==, 10000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 10 * SECOND_US), ==, 7000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 15 * SECOND_US), ==, 7000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 20 * SECOND_US), ==, 12000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, 0), ==, 12000000);
  g_clear_object (&movement);

  /* A count that matches is kept, with 0: the stocktake happened. */
  movement = count_at (f, yarn, "12", NULL, t + 25 * SECOND_US);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, 0);
  g_assert_cmpstr (mkt_record_get_string (movement, "reason"), ==, "Stocktake: counted 12 yd");
  g_clear_object (&movement);
  movement = count_at (f, yarn, "7", NULL, t + 10 * SECOND_US);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, 0);
  g_clear_object (&movement);
  {
    g_autoptr(GPtrArray) counts = mkt_test_list_where (f->session, &mkt_stock_movement_spec, "kind", "count");
    g_assert_cmpuint (counts->len, ==, 3);
  }

  /* Before the first purchase, in skeins: 2 skeins = 492 yd more than nothing. */
  movement = count_at (f, yarn, "2", "skeins", t + 1 * SECOND_US);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, 492000000);
  g_assert_cmpstr (mkt_record_get_string (movement, "reason"), ==, "Stocktake: counted 492 yd");
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, t + 1 * SECOND_US), ==, 492000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, 0), ==, 504000000);
  g_clear_object (&movement);

  /* Finished items the same way, now. */
  g_object_unref (mkt_stock_adjust (f->session, hat, mkt_test_quantity ("4"), NULL, "made before the app", &error));
  g_assert_no_error (error);
  movement = count_at (f, hat, "6", NULL, f->now_ms * 1000);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, 2000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, hat, 0), ==, 6000000);
}

/* What is refused --------------------------------------------------------------- */

typedef enum
{
  REFUSE_ADJUST_NO_REASON,
  REFUSE_ADJUST_EMPTY_REASON,
  REFUSE_ADJUST_ZERO,
  REFUSE_COUNT_NEGATIVE,
  REFUSE_PURCHASE_WRONG_UNIT,
  REFUSE_PURCHASE_UNKNOWN_UNIT,
  REFUSE_PURCHASE_NEGATIVE_COST,
  REFUSE_PURCHASE_ZERO,
  REFUSE_PURCHASE_NEGATIVE,
  REFUSE_PRODUCT_IN_METRES,
  REFUSE_COUNT_WRONG_UNIT,
} Refusal;

static void
test_refused (MktTestFixture *f,
              gconstpointer   data)
{
  const struct
  {
    Refusal             what;
    MktValidationError  code;
    const char         *field;
  } cases[] = {
    { REFUSE_ADJUST_NO_REASON, MKT_VALIDATION_ERROR_REQUIRED, "reason" },
    { REFUSE_ADJUST_EMPTY_REASON, MKT_VALIDATION_ERROR_REQUIRED, "reason" },
    { REFUSE_ADJUST_ZERO, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
    { REFUSE_COUNT_NEGATIVE, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
    { REFUSE_PURCHASE_WRONG_UNIT, MKT_VALIDATION_ERROR_INVALID, "unit" },
    { REFUSE_PURCHASE_UNKNOWN_UNIT, MKT_VALIDATION_ERROR_INVALID, "unit" },
    { REFUSE_PURCHASE_NEGATIVE_COST, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "total_cost" },
    { REFUSE_PURCHASE_ZERO, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
    { REFUSE_PURCHASE_NEGATIVE, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity" },
    { REFUSE_PRODUCT_IN_METRES, MKT_VALIDATION_ERROR_INVALID, "unit" },
    { REFUSE_COUNT_WRONG_UNIT, MKT_VALIDATION_ERROR_INVALID, "unit" },
  };
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Merino DK", "yd", "skein", "246", "8.50");
  g_autoptr(MktRecord) hat = mkt_test_create_product (f->session, "Beanie", NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_stock_purchase (f->session, yarn, mkt_test_quantity ("2"), "skein", 1700, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = mkt_test_snapshot (f->session);
      g_autofree char *after = NULL;
      MktRecord *movement = NULL;

      g_test_message ("case %u", i);
      switch (cases[i].what)
        {
        case REFUSE_ADJUST_NO_REASON:
          movement = mkt_stock_adjust (f->session, yarn, -1000000, NULL, NULL, &error);
          break;
        case REFUSE_ADJUST_EMPTY_REASON:
          movement = mkt_stock_adjust (f->session, hat, 1000000, NULL, "", &error);
          break;
        case REFUSE_ADJUST_ZERO:
          movement = mkt_stock_adjust (f->session, yarn, 0, NULL, "nothing", &error);
          break;
        case REFUSE_COUNT_NEGATIVE:
          movement = mkt_stock_count (f->session, yarn, -1000000, NULL, 0, &error);
          break;
        case REFUSE_PURCHASE_WRONG_UNIT:
          movement = mkt_stock_purchase (f->session, yarn, 1000000, "g", 100, NULL, &error);
          break;
        case REFUSE_PURCHASE_UNKNOWN_UNIT:
          movement = mkt_stock_purchase (f->session, yarn, 1000000, "hank", 100, NULL, &error);
          break;
        case REFUSE_PURCHASE_NEGATIVE_COST:
          movement = mkt_stock_purchase (f->session, yarn, 1000000, NULL, -1, NULL, &error);
          break;
        case REFUSE_PURCHASE_ZERO:
          movement = mkt_stock_purchase (f->session, yarn, 0, NULL, 100, NULL, &error);
          break;
        case REFUSE_PURCHASE_NEGATIVE:
          movement = mkt_stock_purchase (f->session, yarn, -1000000, "skein", 100, NULL, &error);
          break;
        case REFUSE_PRODUCT_IN_METRES:
          movement = mkt_stock_adjust (f->session, hat, 1000000, "m", "odd", &error);
          break;
        case REFUSE_COUNT_WRONG_UNIT:
        default:
          movement = mkt_stock_count (f->session, yarn, 1000000, "kg", 0, &error);
          break;
        }

      g_assert_null (movement);
      mkt_assert_validation_error (error, cases[i].code, cases[i].field);
      g_clear_error (&error);

      after = mkt_test_snapshot (f->session);
      g_assert_cmpstr (after, ==, before);
      mkt_test_assert_no_transaction (f->path);
    }

  g_assert_cmpint (mkt_test_on_hand (f->session, yarn, 0), ==, 492000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, hat, 0), ==, 0);
}

/* A total from a cost each ----------------------------------------------------- */

/* quantity × cost each, in the unit or pack given, exactly or refused. */
static void
test_total_for_each (MktTestFixture *f,
                     gconstpointer   data)
{
  const struct
  {
    const char  *quantity;
    MktMoney     each;
    MktMoney     total;     /* -1: refused */
    const char  *message;   /* of a refusal */
  } cases[] = {
    { "364", 2, 728, NULL },
    { "2.5", 400, 1000, NULL },
    { "0.25", 852, 213, NULL },
    { "1", G_MAXINT64, G_MAXINT64, NULL },
    { "-2", 150, -300, NULL },
    { "2.5", 499, -1, "cost_each: 2.5 × 4.99 USD is not a whole amount of USD; give the total paid instead" },
    { "0.001", 1, -1, NULL },
    /* Beyond MktMoney, either way, even where the product would wrap. */
    { "2", G_MAXINT64, -1, NULL },
    { "3", G_MAXINT64 / 2, -1, NULL },
    { "-2", G_MAXINT64, -1, NULL },
    { "1000000", G_MAXINT64 / 100, -1, NULL },
  };
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Merino DK", "yd", "skein", "246", "8.50");
  g_autoptr(MktRecord) movement = NULL;
  g_autoptr(GError) error = NULL;
  MktMoney total;

  g_assert_cmpstr (mkt_session_get_currency (f->session), ==, "USD");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s × %" G_GINT64_FORMAT, i, cases[i].quantity, cases[i].each);
      total = 42;

      if (cases[i].total != -1)
        {
          g_assert_true (mkt_stock_total_for_each (mkt_test_quantity (cases[i].quantity), cases[i].each, "USD",
                                                   "total_cost", &total, &error));
          g_assert_no_error (error);
          g_assert_cmpint (total, ==, cases[i].total);
          continue;
        }

      /* Refused, naming the caller's field; nothing set. */
      g_assert_false (mkt_stock_total_for_each (mkt_test_quantity (cases[i].quantity), cases[i].each, "USD",
                                                "cost_each", &total, &error));
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "cost_each");
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (total, ==, 42);
      g_clear_error (&error);
    }

  /* In a pack: 3 skeins at 4.50 each is 13.50 for 738 yd. */
  g_assert_true (mkt_stock_total_for_each (mkt_test_quantity ("3"), 450, "USD", "total_cost", &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1350);
  movement = mkt_stock_purchase (f->session, yarn, mkt_test_quantity ("3"), "skein", total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (movement, "quantity"), ==, 738000000);
  g_assert_cmpint (mkt_record_get_int (movement, "total_cost"), ==, 1350);

  /* Half a skein at 4.25 is 2.125: not whole, though 123 yd would be. */
  g_assert_false (mkt_stock_total_for_each (mkt_test_quantity ("0.5"), 425, "USD", "total_cost", &total, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "total_cost");
  g_assert_cmpstr (error->message, ==, "total_cost: 0.5 × 4.25 USD is not a whole amount of USD; give the total paid instead");
  g_assert_cmpint (total, ==, 1350);
}

/* Low stock --------------------------------------------------------------------- */

static MktRecord *
material_with_stock (MktTestFixture *f,
                     const char     *name,
                     const char     *reorder_level,
                     const char     *on_hand)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", name, "yd");
  g_autoptr(GError) error = NULL;
  MktQuantity quantity = mkt_test_quantity (on_hand);

  if (reorder_level != NULL)
    mkt_record_set_from_text (material, "reorder_level", reorder_level, NULL, &error);
  g_assert_no_error (error);
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);

  if (quantity != 0)
    g_object_unref (mkt_stock_adjust (f->session, material, quantity, NULL, "opening stock", &error));
  g_assert_no_error (error);

  return g_steal_pointer (&material);
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (mkt_record_get_title (*(MktRecord * const *)a), mkt_record_get_title (*(MktRecord * const *)b));
}

/* "name on_hand: blocked, blocked; …", blocked products by name. */
static char *
describe_low (GPtrArray *low)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < low->len; i++)
    {
      MktLowStock *item = g_ptr_array_index (low, i);
      g_autofree char *on_hand = mkt_quantity_format (item->on_hand);
      g_autofree char *blocked = NULL;

      g_ptr_array_sort (item->blocked, compare_titles);
      blocked = mkt_test_titles (item->blocked);
      g_string_append_printf (out, "%s%s %s: %s", i ? "; " : "", mkt_record_get_title (item->material),
                              on_hand, blocked);
    }

  return g_string_free (out, FALSE);
}

static void
test_low_stock (MktTestFixture *f,
                gconstpointer   data)
{
  g_autoptr(MktRecord) alpha = material_with_stock (f, "Alpha", "100", "100");
  g_autoptr(MktRecord) bravo = material_with_stock (f, "Bravo", "100", "100.000001");
  g_autoptr(MktRecord) charlie = material_with_stock (f, "Charlie", NULL, "-5");
  g_autoptr(MktRecord) delta = material_with_stock (f, "Delta", NULL, "0");
  g_autoptr(MktRecord) echo = material_with_stock (f, "Echo", "10", "0");
  g_autoptr(MktRecord) foxtrot = material_with_stock (f, "Foxtrot", "0", "0");
  g_autoptr(MktRecord) golf = material_with_stock (f, "Golf", "2.5", "2.5");
  g_autoptr(MktRecord) pocket = mkt_test_create_component (f->session, "Pocket", NULL);
  g_autoptr(MktRecord) front = mkt_test_create_component (f->session, "Front", NULL);
  g_autoptr(MktRecord) scarf = mkt_test_create_product (f->session, "Scarf", NULL, NULL);
  g_autoptr(MktRecord) bag = mkt_test_create_product (f->session, "Bag", NULL, NULL);
  g_autoptr(MktRecord) apron = mkt_test_create_product (f->session, "Apron", NULL, NULL);
  g_autoptr(MktRecord) retired = mkt_test_create_product (f->session, "Retired", NULL, NULL);
  g_autoptr(MktRecord) mitts = mkt_test_create_product (f->session, "Mitts", NULL, NULL);
  g_autoptr(MktRecord) cowl = mkt_test_create_product (f->session, "Cowl", NULL, NULL);
  g_autoptr(MktRecord) old_line = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Alpha: directly in the scarf, in the bag through the pocket, in the
   * apron through the front, which holds the pocket. */
  g_object_unref (mkt_test_create_part (f->session, scarf, alpha, "50", "yd"));
  g_object_unref (mkt_test_create_part (f->session, pocket, alpha, "5", "yd"));
  g_object_unref (mkt_test_create_part (f->session, bag, pocket, "2", "pc"));
  g_object_unref (mkt_test_create_part (f->session, front, pocket, "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, apron, front, "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, bag, alpha, "1", "yd"));
  /* A product in the trash blocks nothing; nor does a line in the trash. */
  g_object_unref (mkt_test_create_part (f->session, retired, alpha, "1", "yd"));
  mkt_test_delete_row (f, &mkt_product_spec, retired);
  old_line = mkt_test_create_part (f->session, mitts, alpha, "1", "yd");
  mkt_test_delete_row (f, &mkt_part_spec, old_line);
  g_object_unref (mkt_test_create_part (f->session, mitts, bravo, "1", "yd"));
  g_object_unref (mkt_test_create_part (f->session, cowl, charlie, "1", "yd"));
  g_object_unref (mkt_test_create_part (f->session, cowl, delta, "1", "yd"));
  /* A material in the trash is not short of anything. */
  mkt_test_delete_row (f, &mkt_material_spec, echo);
  g_assert_cmpint (mkt_test_on_hand (f->session, foxtrot, 0), ==, 0);
  g_assert_cmpint (mkt_test_on_hand (f->session, golf, 0), ==, 2500000);

  low = mkt_stock_low (f->session, 0, &error);
  g_assert_no_error (error);
  text = describe_low (low);
  g_assert_cmpstr (text, ==, "Alpha 100: Apron|Bag|Scarf; Charlie -5: Cowl; Foxtrot 0: ; Golf 2.5: ");

  /* A purchase lifts Alpha above its level; using Bravo brings it down. */
  g_object_unref (mkt_stock_purchase (f->session, alpha, 1, NULL, 1, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (mkt_stock_adjust (f->session, bravo, -1, NULL, "a test knot", &error));
  g_assert_no_error (error);
  g_clear_pointer (&low, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  low = mkt_stock_low (f->session, 0, &error);
  g_assert_no_error (error);
  text = describe_low (low);
  g_assert_cmpstr (text, ==, "Bravo 100: Mitts; Charlie -5: Cowl; Foxtrot 0: ; Golf 2.5: ");

  /* The first two by name, for a dashboard; the report counts all four. */
  g_clear_pointer (&low, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  low = mkt_stock_low (f->session, 2, &error);
  g_assert_no_error (error);
  text = describe_low (low);
  g_assert_cmpstr (text, ==, "Bravo 100: Mitts; Charlie -5: Cowl");
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/ledger/sums", NULL, test_sums);
  mkt_test_add ("/ledger/count-at", NULL, test_count_at);
  mkt_test_add ("/ledger/refused", NULL, test_refused);
  mkt_test_add ("/ledger/total-for-each", NULL, test_total_for_each);
  mkt_test_add ("/ledger/low-stock", NULL, test_low_stock);

  return g_test_run ();
}
