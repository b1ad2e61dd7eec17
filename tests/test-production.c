/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-production, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-production, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-production"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* "Make N": the recipe × N out of the material ledger, N items into the
 * product ledger, and the run's cost as it was then, all or nothing. */

typedef struct
{
  MktRecord *cotton;     /* m, balls of 170 m at 3.20 */
  MktRecord *blush;      /* m, balls of 170 m at 3.20 */
  MktRecord *stuffing;   /* g, bags of 500 g at 6.75 */
  MktRecord *eyes;       /* pc, bags of 50 at 3.50 */
  MktRecord *label;      /* pc, rolls of 100 at 18.00 */
  MktRecord *head;
  MktRecord *ear;
  MktRecord *body;
  MktRecord *bear;
  MktRecord *dishcloth;
} Shop;

static void
shop_clear (Shop *shop)
{
  g_clear_object (&shop->cotton);
  g_clear_object (&shop->blush);
  g_clear_object (&shop->stuffing);
  g_clear_object (&shop->eyes);
  g_clear_object (&shop->label);
  g_clear_object (&shop->head);
  g_clear_object (&shop->ear);
  g_clear_object (&shop->body);
  g_clear_object (&shop->bear);
  g_clear_object (&shop->dishcloth);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shop, shop_clear)

static void
buy (MktTestFixture *f,
     MktRecord      *material,
     const char     *packs,
     MktMoney        cost)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_stock_purchase (f->session, material, mkt_test_quantity (packs),
                                      mkt_record_get_string (material, "purchase_unit"), cost, NULL, &error));
  g_assert_no_error (error);
}

/* A bear: a head (60 m, 15 g, 2 eyes), two ears (10 m each) and a body
 * (90 m, 1 oz = 28.349523 g), a label and 50 yd = 45.72 m of its own:
 * 215.72 m of Blush, 43.349523 g of stuffing, 2 eyes and a label each.
 * A dishcloth is half a ball (85 m) of Cotton. */
static void
shop_init (MktTestFixture *f,
           Shop           *shop,
           gboolean        stocked)
{
  MktSession *s = f->session;

  mkt_test_set_setting (s, "labour_rate", "12.00");
  mkt_test_set_setting (s, "overhead_percent", "10");

  shop->cotton = mkt_test_create_stock_material (s, "Cotton", "m", "ball", "170", "3.20");
  shop->blush = mkt_test_create_stock_material (s, "Blush", "m", "ball", "170", "3.20");
  shop->stuffing = mkt_test_create_stock_material (s, "Stuffing", "g", "bag", "500", "6.75");
  shop->eyes = mkt_test_create_stock_material (s, "Eyes", "pc", "bag", "50", "3.50");
  shop->label = mkt_test_create_stock_material (s, "Label", "pc", "roll", "100", "18.00");

  shop->head = mkt_test_create_component (s, "Head", "40");
  g_object_unref (mkt_test_create_part (s, shop->head, shop->blush, "60", "m"));
  g_object_unref (mkt_test_create_part (s, shop->head, shop->stuffing, "15", "g"));
  g_object_unref (mkt_test_create_part (s, shop->head, shop->eyes, "2", "pc"));
  shop->ear = mkt_test_create_component (s, "Ear", "5");
  g_object_unref (mkt_test_create_part (s, shop->ear, shop->blush, "10", "m"));
  shop->body = mkt_test_create_component (s, "Body", "60");
  g_object_unref (mkt_test_create_part (s, shop->body, shop->blush, "90", "m"));
  g_object_unref (mkt_test_create_part (s, shop->body, shop->stuffing, "1", "oz"));

  shop->bear = mkt_test_create_product (s, "Bear", "20", "38.00");
  g_object_unref (mkt_test_create_part (s, shop->bear, shop->head, "1", "pc"));
  g_object_unref (mkt_test_create_part (s, shop->bear, shop->ear, "2", "pc"));
  g_object_unref (mkt_test_create_part (s, shop->bear, shop->body, "1", "pc"));
  g_object_unref (mkt_test_create_part (s, shop->bear, shop->label, "1", "pc"));
  g_object_unref (mkt_test_create_part (s, shop->bear, shop->blush, "50", "yd"));

  shop->dishcloth = mkt_test_create_product (s, "Dishcloth", "30", "8.50");
  g_object_unref (mkt_test_create_part (s, shop->dishcloth, shop->cotton, "0.5", "ball"));

  if (!stocked)
    return;

  /* At catalogue prices, so that averages are the catalogue's. */
  buy (f, shop->cotton, "10", 3200);
  buy (f, shop->blush, "5", 1600);
  buy (f, shop->stuffing, "1", 675);
  buy (f, shop->eyes, "1", 350);
  buy (f, shop->label, "1", 1800);
}

static MktRecord *
make (MktTestFixture  *f,
      MktRecord       *product,
      const char      *count,
      gboolean         force,
      GPtrArray      **out_requirements)
{
  g_autoptr(GError) error = NULL;
  MktRecord *run;

  run = mkt_production_make (f->session, mkt_record_get_id (product), mkt_test_quantity (count), force,
                             out_requirements, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);

  return run;
}

/* "Material needed/on hand; …" in the order given. */
static char *
describe_requirements (GPtrArray *requirements)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      g_autofree char *needed = mkt_quantity_format (requirement->needed);
      g_autofree char *on_hand = mkt_quantity_format (requirement->on_hand);

      g_string_append_printf (out, "%s%s %s/%s", i ? "; " : "", mkt_record_get_title (requirement->material),
                              needed, on_hand);
    }

  return g_string_free (out, FALSE);
}

/* What is consumed and made ----------------------------------------------------- */

static void
assert_use (MktTestFixture *f,
            MktRecord      *run,
            MktRecord      *material,
            MktQuantity     quantity,
            MktMoney        cost)
{
  g_autoptr(GPtrArray) uses = mkt_test_list_where (f->session, &mkt_stock_movement_spec, "production_run_id",
                                                   mkt_record_get_id (run));

  for (guint i = 0; i < uses->len; i++)
    {
      MktRecord *use = g_ptr_array_index (uses, i);

      if (g_strcmp0 (mkt_record_get_string (use, "material_id"), mkt_record_get_id (material)) != 0)
        continue;

      g_assert_cmpstr (mkt_record_get_string (use, "kind"), ==, "production_use");
      g_assert_cmpint (mkt_record_get_int (use, "quantity"), ==, -quantity);
      g_assert_cmpint (mkt_record_get_int (use, "total_cost"), ==, cost);
      g_assert_cmpint (mkt_record_get_int (use, "occurred_at"), ==, mkt_record_get_int (run, "occurred_at"));
      return;
    }

  g_error ("No use of %s in the run", mkt_record_get_title (material));
}

static void
test_consumes (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(MktRecord) dishcloths = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GPtrArray) uses = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  g_autofree char *text = NULL;
  MktRecord *output;

  shop_init (f, &shop, TRUE);
  f->now_ms += 60000;
  run = make (f, shop.bear, "3", FALSE, &requirements);

  /* By name, with what was there before. */
  text = describe_requirements (requirements);
  g_assert_cmpstr (text, ==, "Blush 647.16/850; Eyes 6/50; Label 3/100; Stuffing 130.048569/500");

  g_assert_cmpstr (mkt_record_get_string (run, "product_id"), ==, mkt_record_get_id (shop.bear));
  g_assert_cmpint (mkt_record_get_int (run, "quantity"), ==, 3000000);
  g_assert_cmpint (mkt_record_get_int (run, "forced"), ==, 0);
  g_assert_cmpint (mkt_record_get_int (run, "occurred_at"), ==, f->now_ms * 1000);

  /* One use per material, priced at its unit cost: 647.16 m × 1600 / 850 =
   * 1218.18…; 130.048569 g × 675 / 500 = 175.56…; 6 × 7; 3 × 18. */
  uses = mkt_test_list_where (f->session, &mkt_stock_movement_spec, "production_run_id", mkt_record_get_id (run));
  g_assert_cmpuint (uses->len, ==, 4);
  assert_use (f, run, shop.blush, 647160000, 1218);
  assert_use (f, run, shop.stuffing, 130048569, 176);
  assert_use (f, run, shop.eyes, 6000000, 42);
  assert_use (f, run, shop.label, 3000000, 54);

  outputs = mkt_test_list_where (f->session, &mkt_product_movement_spec, "production_run_id", mkt_record_get_id (run));
  g_assert_cmpuint (outputs->len, ==, 1);
  output = g_ptr_array_index (outputs, 0);
  g_assert_cmpstr (mkt_record_get_string (output, "product_id"), ==, mkt_record_get_id (shop.bear));
  g_assert_cmpstr (mkt_record_get_string (output, "kind"), ==, "production_output");
  g_assert_cmpint (mkt_record_get_int (output, "quantity"), ==, 3000000);
  g_assert_cmpint (mkt_record_get_int (output, "total_cost"), ==, mkt_record_get_int (run, "total_cost"));

  g_assert_cmpint (mkt_test_on_hand (f->session, shop.blush, 0), ==, 202840000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.stuffing, 0), ==, 369951431);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.eyes, 0), ==, 44000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.label, 0), ==, 97000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.cotton, 0), ==, 1700000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.bear, 0), ==, 3000000);

  /* Half a ball each, in pack units: 4 × 85 m. */
  dishcloths = make (f, shop.dishcloth, "4", FALSE, NULL);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.cotton, 0), ==, 1360000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.dishcloth, 0), ==, 4000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.bear, 0), ==, 3000000);

  /* Each write audited and sent, like any other. */
  {
    g_autoptr(GPtrArray) audits = mkt_test_log_rows (f, &mkt_audit_spec, mkt_record_get_id (run));
    g_autoptr(GPtrArray) changes = mkt_test_log_rows (f, &mkt_change_spec, mkt_record_get_id (run));

    g_assert_cmpuint (audits->len, ==, 1);
    g_assert_cmpuint (changes->len, ==, 1);
  }
}

/* The run's cost ---------------------------------------------------------------- */

static void
assert_run_cost (MktRecord *run,
                 MktMoney   material,
                 MktMoney   labour,
                 MktMoney   overhead,
                 MktMoney   total,
                 MktMoney   unit)
{
  g_assert_cmpint (mkt_record_get_int (run, "material_cost"), ==, material);
  g_assert_cmpint (mkt_record_get_int (run, "labour_cost"), ==, labour);
  g_assert_cmpint (mkt_record_get_int (run, "overhead_cost"), ==, overhead);
  g_assert_cmpint (mkt_record_get_int (run, "total_cost"), ==, total);
  g_assert_cmpint (mkt_record_get_int (run, "unit_cost"), ==, unit);
}

static void
test_snapshot (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) bears = NULL;
  g_autoptr(MktRecord) dishcloths = NULL;
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  MktCostTotals totals;
  const MktQuantity n = 3000000;

  shop_init (f, &shop, TRUE);

  /* A dishcloth: 85 m = 1.60, 30 min = 6.00, 10 % = 0.76: 8.36 each. */
  dishcloths = make (f, shop.dishcloth, "3", FALSE, NULL);
  assert_run_cost (dishcloths, 480, 1800, 228, 2508, 836);

  /* A bear costs 4.96583031 in materials, 130 min = 26.00 and 3.09658303
   * overhead: 34.06241334. Three: 102.18724002 → 102.19 in all, materials
   * 14.89749093 → 14.90, labour 78.00, overhead what is left, 9.29. */
  totals = mkt_test_cost (f->session, shop.bear);
  g_assert_cmpint (totals.material_cost, ==, 496583031);
  g_assert_cmpint (totals.labour_cost, ==, 2600000000);
  g_assert_cmpint (totals.overhead_cost, ==, 309658303);
  g_assert_cmpint (totals.total_cost, ==, 3406241334);
  bears = make (f, shop.bear, "3", FALSE, NULL);
  assert_run_cost (bears, 1490, 7800, 929, 10219, 3406);

  /* As documented: the total is the cost × N rounded once. */
  g_assert_cmpint (mkt_record_get_int (bears, "total_cost"), ==, mkt_cost_round (totals.total_cost * n / MKT_QUANTITY_SCALE));
  g_assert_cmpint (mkt_record_get_int (bears, "material_cost"), ==, mkt_cost_round (totals.material_cost * n / MKT_QUANTITY_SCALE));
  g_assert_cmpint (mkt_record_get_int (bears, "labour_cost"), ==, mkt_cost_round (totals.labour_cost * n / MKT_QUANTITY_SCALE));

  /* Later prices, recipes and rates leave the runs as they were. */
  {
    g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (shop.blush));

    mkt_record_set_int (edit, "purchase_price", 990);
    mkt_session_update (f->session, edit, &error);
    g_assert_no_error (error);
  }
  buy (f, shop.blush, "2", 5000);
  g_object_unref (mkt_test_create_part (f->session, shop.body, shop.label, "1", "pc"));
  mkt_test_set_setting (f->session, "labour_rate", "20.00");
  g_assert_cmpint (mkt_test_cost (f->session, shop.bear).total_cost, !=, totals.total_cost);

  stored = mkt_test_get_row (f, &mkt_production_run_spec, mkt_record_get_id (bears));
  assert_run_cost (stored, 1490, 7800, 929, 10219, 3406);
  g_clear_object (&stored);
  stored = mkt_test_get_row (f, &mkt_production_run_spec, mkt_record_get_id (dishcloths));
  assert_run_cost (stored, 480, 1800, 228, 2508, 836);
  assert_use (f, bears, shop.blush, 647160000, 1218);
}

/* An ear warmer: 120 yd of a skein of 364 yd at 4.99 (1.64505495) and 7 min
 * at 9.99 an hour (1.1655), no overhead: 2.81055495 for one. The parts round
 * up (1.65 and 1.17) where the whole rounds down (2.81): the run must still
 * add up, without a negative part. */
static void
test_snapshot_rounding (MktTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) ear_warmer = mkt_test_create_product (f->session, "Ear warmer", "7", NULL);
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GError) error = NULL;
  MktMoney material, labour, overhead;

  mkt_test_set_setting (f->session, "labour_rate", "9.99");
  g_object_unref (mkt_test_create_part (f->session, ear_warmer, yarn, "120", "yd"));
  g_assert_cmpint (mkt_test_cost (f->session, ear_warmer).total_cost, ==, 281055495);

  run = mkt_production_make (f->session, mkt_record_get_id (ear_warmer), mkt_test_quantity ("1"), TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);

  material = mkt_record_get_int (run, "material_cost");
  labour = mkt_record_get_int (run, "labour_cost");
  overhead = mkt_record_get_int (run, "overhead_cost");
  g_assert_cmpint (mkt_record_get_int (run, "total_cost"), ==, 281);
  g_assert_cmpint (mkt_record_get_int (run, "unit_cost"), ==, 281);
  g_assert_cmpint (material + labour + overhead, ==, 281);
  g_assert_cmpint (material, >=, 164);
  g_assert_cmpint (material, <=, 165);
  g_assert_cmpint (labour, >=, 116);
  g_assert_cmpint (labour, <=, 117);
  g_assert_cmpint (overhead, >=, 0);
}

/* Shortage and force ------------------------------------------------------------ */

typedef struct
{
  guint runs, uses, outputs, audits, changes;
} Counts;

static Counts
counts (MktTestFixture *f)
{
  return (Counts) {
    .runs = mkt_test_count (f->session, &mkt_production_run_spec),
    .uses = mkt_test_count (f->session, &mkt_stock_movement_spec),
    .outputs = mkt_test_count (f->session, &mkt_product_movement_spec),
    .audits = mkt_test_count (f->session, &mkt_audit_spec),
    .changes = mkt_test_count (f->session, &mkt_change_spec),
  };
}

static void
assert_counts_equal (const Counts *a,
                     const Counts *b)
{
  g_assert_cmpuint (a->runs, ==, b->runs);
  g_assert_cmpuint (a->uses, ==, b->uses);
  g_assert_cmpuint (a->outputs, ==, b->outputs);
  g_assert_cmpuint (a->audits, ==, b->audits);
  g_assert_cmpuint (a->changes, ==, b->changes);
}

static void
test_shortage (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Counts counted_before, counted_after;
  MktRecord *run;

  shop_init (f, &shop, FALSE);
  g_object_unref (mkt_stock_purchase (f->session, shop.blush, mkt_test_quantity ("200"), "m", 400, NULL, &error));
  g_object_unref (mkt_stock_purchase (f->session, shop.stuffing, mkt_test_quantity ("1"), "bag", 675, NULL, &error));
  g_object_unref (mkt_stock_purchase (f->session, shop.eyes, mkt_test_quantity ("5"), "pc", 35, NULL, &error));
  g_object_unref (mkt_stock_purchase (f->session, shop.label, mkt_test_quantity ("3"), "pc", 54, NULL, &error));
  g_assert_no_error (error);

  counted_before = counts (f);
  before = mkt_test_snapshot (f->session);

  run = mkt_production_make (f->session, mkt_record_get_id (shop.bear), mkt_test_quantity ("3"), FALSE,
                             &requirements, &error);
  g_assert_null (run);
  g_assert_error (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE);

  /* What is short is named; what is enough (3 labels for 3) is not. */
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Blush: needs 647.16 m, 200"));
  g_assert_nonnull (strstr (error->message, "Eyes: needs 6 pc, 5"));
  g_assert_null (strstr (error->message, "Label"));
  g_assert_null (strstr (error->message, "Stuffing"));
  g_assert_nonnull (requirements);
  text = describe_requirements (requirements);
  g_assert_cmpstr (text, ==, "Blush 647.16/200; Eyes 6/5; Label 3/3; Stuffing 130.048569/500");

  /* Nothing written: no run, movement, audit row, change or cost. */
  counted_after = counts (f);
  assert_counts_equal (&counted_after, &counted_before);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

static void
test_force (MktTestFixture *f,
            gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GError) error = NULL;
  GString *described = g_string_new (NULL);
  g_autofree char *text = NULL;

  shop_init (f, &shop, FALSE);
  g_object_unref (mkt_stock_purchase (f->session, shop.blush, mkt_test_quantity ("200"), "m", 400, NULL, &error));
  g_assert_no_error (error);

  run = make (f, shop.bear, "3", TRUE, &requirements);
  g_assert_cmpint (mkt_record_get_int (run, "forced"), ==, 1);
  text = describe_requirements (requirements);
  g_assert_cmpstr (text, ==, "Blush 647.16/200; Eyes 6/0; Label 3/0; Stuffing 130.048569/0");
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.blush, 0), ==, -447160000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.eyes, 0), ==, -6000000);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.bear, 0), ==, 3000000);

  /* Below zero is low, whatever the reorder level; each names the bear. */
  low = mkt_stock_low (f->session, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < low->len; i++)
    {
      MktLowStock *item = g_ptr_array_index (low, i);
      g_autofree char *on_hand = mkt_quantity_format (item->on_hand);
      g_autofree char *blocked = mkt_test_titles (item->blocked);

      g_string_append_printf (described, "%s%s %s: %s", i ? "; " : "", mkt_record_get_title (item->material),
                              on_hand, blocked);
    }
  g_assert_cmpstr (described->str, ==,
                   "Blush -447.16: Bear; Eyes -6: Bear; Label -3: Bear; Stuffing -130.048569: Bear");
  g_string_free (described, TRUE);
}

/* Refused before anything is read or written. */
static void
test_refused (MktTestFixture *f,
              gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) gone = NULL;
  g_autoptr(MktRecord) labour_only = NULL;
  g_autoptr(MktRecord) repairs = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  shop_init (f, &shop, TRUE);
  gone = mkt_test_create_product (f->session, "Gone", NULL, NULL);
  mkt_test_delete_row (f, &mkt_product_spec, gone);
  before = mkt_test_snapshot (f->session);

  g_assert_null (mkt_production_make (f->session, mkt_record_get_id (shop.bear), 0, TRUE, NULL, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity");
  g_clear_error (&error);
  g_assert_null (mkt_production_make (f->session, mkt_record_get_id (shop.bear), -1000000, TRUE, NULL, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity");
  g_clear_error (&error);
  g_assert_null (mkt_production_make (f->session, mkt_record_get_id (gone), 1000000, TRUE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* Work alone is a run too: labour, no materials. */
  labour_only = mkt_test_create_product (f->session, "Repair", "15", NULL);
  repairs = make (f, labour_only, "2", FALSE, &requirements);
  g_assert_cmpuint (requirements->len, ==, 0);
  /* 30 min at 12.00 = 6.00, + 10 % */
  assert_run_cost (repairs, 0, 600, 60, 660, 330);
}

/* A refused run inside a batch leaves the batch's own work alone. */
static void
test_in_batch (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(GError) error = NULL;

  shop_init (f, &shop, FALSE);

  g_assert_true (mkt_session_begin (f->session, &error));
  buy (f, shop.cotton, "1", 320);
  g_assert_null (mkt_production_make (f->session, mkt_record_get_id (shop.bear), 1000000, FALSE, NULL, &error));
  g_assert_error (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE);
  g_clear_error (&error);
  g_object_unref (make (f, shop.dishcloth, "2", FALSE, NULL));
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);

  g_assert_cmpint (mkt_test_sql_int (f->path, "SELECT count(*) FROM production_run"), ==, 1);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.cotton, 0), ==, 0);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.dishcloth, 0), ==, 2000000);
}

/* In a batch, a run made after a purchase costs what the purchase made the
 * materials cost: 10 more balls at 6.40 make Cotton 96.00 for 3400 m, and
 * 85 m of it 2.40. */
static void
test_cost_in_batch (MktTestFixture *f,
                    gconstpointer   data)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GError) error = NULL;

  shop_init (f, &shop, TRUE);
  mkt_test_set_setting (f->session, "overhead_percent", "");

  g_assert_true (mkt_session_begin (f->session, &error));
  buy (f, shop.cotton, "10", 6400);
  run = make (f, shop.dishcloth, "1", FALSE, NULL);
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);

  g_assert_cmpint (mkt_test_cost (f->session, shop.dishcloth).material_cost, ==, 240000000);
  assert_run_cost (run, 240, 600, 0, 840, 840);
}

/* Atomicity --------------------------------------------------------------------- */

static const char * const failing_tables[] = {
  "production_run", "stock_movement", "product_movement", "audit_log", "change",
};

static void
test_atomic (MktTestFixture *f,
             gconstpointer   data)
{
  const char *table = data;
  g_auto(Shop) shop = { 0 };
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Counts counted_before, counted_after;

  shop_init (f, &shop, TRUE);
  g_object_unref (make (f, shop.dishcloth, "1", FALSE, NULL));

  mkt_test_fail_inserts (f, table);

  counted_before = counts (f);
  before = mkt_test_snapshot (f->session);

  g_assert_null (mkt_production_make (f->session, mkt_record_get_id (shop.bear), mkt_test_quantity ("3"), FALSE,
                                      NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == MKT_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "injected"));
  g_clear_error (&error);

  /* Nothing of the run: not the run, a movement, an audit row, a change,
   * nor a cost; and no transaction left open. */
  counted_after = counts (f);
  assert_counts_equal (&counted_after, &counted_before);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* Without the failure, the same run goes through. */
  mkt_test_stop_failing (f);
  run = make (f, shop.bear, "3", FALSE, NULL);
  assert_run_cost (run, 1490, 7800, 929, 10219, 3406);
  g_assert_cmpint (mkt_test_on_hand (f->session, shop.blush, 0), ==, 202840000);
  mkt_test_assert_no_transaction (f->path);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/production/consumes", NULL, test_consumes);
  mkt_test_add ("/production/snapshot", NULL, test_snapshot);
  mkt_test_add ("/production/shortage", NULL, test_shortage);
  mkt_test_add ("/production/force", NULL, test_force);
  mkt_test_add ("/production/refused", NULL, test_refused);
  mkt_test_add ("/production/in-batch", NULL, test_in_batch);
  for (guint i = 0; i < G_N_ELEMENTS (failing_tables); i++)
    {
      g_autofree char *path = g_strdup_printf ("/production/atomic/%s", failing_tables[i]);
      mkt_test_add (path, failing_tables[i], test_atomic);
    }
  mkt_test_add ("/production/snapshot-rounding", NULL, test_snapshot_rounding);
  mkt_test_add ("/production/cost-in-batch", NULL, test_cost_in_batch);

  return g_test_run ();
}
