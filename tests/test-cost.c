/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-cost, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-cost, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-cost"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* Exact costs: every expected value below is worked out by hand (exact
 * fractions, rounded half to even to a millionth of a cent where the code
 * rounds), never by calling the code under test. */

/* Rounding ---------------------------------------------------------------------- */

static void
test_round (void)
{
  const struct
  {
    MktCostValue value;
    MktMoney     expected;
  } cases[] = {
    { 0, 0 },
    { 164505494, 165 },          /* 1.64505494 */
    { 164500000, 164 },          /* 1.645 exactly: to the even cent */
    { 165500000, 166 },          /* 1.655 exactly */
    { 164500001, 165 },
    { 164499999, 164 },
    { 500000, 0 },
    { 1500000, 2 },
    { 2500000, 2 },
    { 499999, 0 },
    { 500001, 1 },
    { -164500000, -164 },
    { -165500000, -166 },
    { -164500001, -165 },
    { -500000, 0 },
    { -1500000, -2 },
    { -2500000, -2 },
    { 999999999999500000, 1000000000000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GINT64_FORMAT, cases[i].value);
      g_assert_cmpint (mkt_cost_round (cases[i].value), ==, cases[i].expected);
    }
}

static void
test_for_quantity (void)
{
  const struct
  {
    MktMoney     cost;
    MktQuantity  per;
    MktQuantity  quantity;
    MktCostValue expected;
  } cases[] = {
    /* 4.99 for 364 yd, 120 yd: 499 × 120 / 364 = 164.5054945… cents */
    { 499, 364000000, 120000000, 164505495 },
    { 499, 364000000, -120000000, -164505495 },
    { 499, 364000000, 364000000, 499000000 },
    { 499, 364000000, 0, 0 },
    /* 0.01 for 2 pc: half a cent each, exactly */
    { 1, 2000000, 1000000, 500000 },
    /* a third of a cent, to the nearest millionth */
    { 1, 3000000, 1000000, 333333 },
    { 2, 3000000, 1000000, 666667 },
    /* a tie in millionths: 1 cent for 2 000 000 units, 1 unit → 0.5 millionths */
    { 1, 2000000000000, 1000000, 0 },
    { 1, 2000000000000, 3000000, 2 },
    /* nothing known about the quantity: free */
    { 499, 0, 120000000, 0 },
    /* beyond 64 bits in the middle: 10 000 000.00 for 0.000001, times 1 000 000 */
    { 1000000000, 1, 1000000000000, G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MktUnitCost unit_cost = { .cost = cases[i].cost, .quantity = cases[i].per, .source = "catalogue" };

      g_test_message ("case %u", i);
      g_assert_cmpint (mkt_cost_for_quantity (&unit_cost, cases[i].quantity), ==, cases[i].expected);
    }
}

/* One recipe line, converted and priced ---------------------------------------- */

typedef struct
{
  const char   *path;
  const char   *unit;        /* the material's */
  const char   *pack;
  const char   *pack_size;
  const char   *price;       /* of a pack, or of one unit */
  const char   *quantity;    /* the part's */
  const char   *part_unit;
  MktQuantity   base;        /* the part in the material's unit */
  MktCostValue  cost;        /* millionths of a cent */
  MktMoney      rounded;
} PartCase;

static const PartCase part_cases[] = {
  /* 499 × 120 / 364 = 164.505494… */
  { "/cost/part/yd-of-skein", "yd", "skein", "364", "4.99", "120", "yd", 120000000, 164505495, 165 },
  /* 110 m = 120.2974628… yd → 120.297463; × 499 / 364 = 164.913280… */
  { "/cost/part/m-of-yd", "yd", "skein", "364", "4.99", "110", "m", 120297463, 164913280, 165 },
  { "/cost/part/in-of-yd", "yd", "skein", "364", "4.99", "36", "in", 1000000, 1370879, 1 },
  { "/cost/part/pack", "yd", "skein", "364", "4.99", "1", "skein", 364000000, 499000000, 499 },
  /* 249.5 cents: to the even cent */
  { "/cost/part/pack-plural", "yd", "skein", "364", "4.99", "0.5", "skeins", 182000000, 249500000, 250 },
  { "/cost/part/pack-case", "yd", "skein", "364", "4.99", "2", "Skeins", 728000000, 998000000, 998 },
  /* 1 oz = 28.349523125 g → 28.349523; × 675 / 500 = 38.2718560… */
  { "/cost/part/oz-of-g", "g", "bag", "500", "6.75", "1", "oz", 28349523, 38271856, 38 },
  /* 100 g = 3.5273961… oz → 3.527396; × 250 = 881.849 */
  { "/cost/part/g-of-oz", "oz", NULL, NULL, "2.50", "100", "g", 3527396, 881849000, 882 },
  /* 0.5 lb = 0.226796185 kg → 0.226796; × 1299 = 294.608004 */
  { "/cost/part/lb-of-kg", "kg", NULL, NULL, "12.99", "0.5", "lb", 226796, 294608004, 295 },
  { "/cost/part/ball", "m", "ball", "170", "3.20", "0.5", "ball", 85000000, 160000000, 160 },
  { "/cost/part/pc-of-bag", "pc", "bag", "50", "3.50", "2", "pc", 2000000, 14000000, 14 },
  /* Half a cent a piece: 0.5 → 0 and 1.5 → 2, half to even. */
  { "/cost/part/half-cent", "pc", "pair", "2", "0.01", "1", "pc", 1000000, 500000, 0 },
  { "/cost/part/cent-and-a-half", "pc", "pair", "2", "0.01", "3", "pieces", 3000000, 1500000, 2 },
};

static void
test_part (MktTestFixture *f,
           gconstpointer   data)
{
  const PartCase *c = data;
  g_autoptr(MktRecord) material = mkt_test_create_stock_material (f->session, "Yarn", c->unit, c->pack,
                                                                  c->pack_size, c->price);
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Hat", NULL, NULL);
  g_autoptr(MktRecord) part = mkt_test_create_part (f->session, product, material, c->quantity, c->part_unit);
  g_autoptr(MktCostLine) explain = NULL;
  g_autoptr(GError) error = NULL;
  MktCostTotals totals;
  MktCostLine *line;
  MktQuantity base = 0;

  g_assert_true (mkt_cost_part_quantity (part, material, &base, &error));
  g_assert_no_error (error);
  g_assert_cmpint (base, ==, c->base);

  totals = mkt_test_cost (f->session, product);
  g_assert_cmpint (totals.material_cost, ==, c->cost);
  g_assert_cmpint (totals.labour_minutes, ==, 0);
  g_assert_cmpint (totals.labour_cost, ==, 0);
  g_assert_cmpint (totals.overhead_cost, ==, 0);
  g_assert_cmpint (totals.total_cost, ==, c->cost);
  g_assert_cmpint (totals.unpriced, ==, 0);
  g_assert_cmpint (mkt_cost_round (totals.total_cost), ==, c->rounded);

  /* The breakdown says the same, line by line. */
  explain = mkt_cost_explain (f->session, &mkt_product_spec, mkt_record_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_cmpint (explain->cost, ==, c->cost);
  g_assert_nonnull (explain->children);
  g_assert_cmpuint (explain->children->len, ==, 1);
  line = g_ptr_array_index (explain->children, 0);
  g_assert_cmpstr (line->kind, ==, "material");
  g_assert_cmpint (line->base_quantity, ==, c->base);
  g_assert_cmpstr (line->base_unit, ==, c->unit);
  g_assert_cmpstr (line->unit_cost.source, ==, "catalogue");
  g_assert_cmpint (line->cost, ==, c->cost);
}

/* Labour and overhead ----------------------------------------------------------- */

typedef struct
{
  const char   *path;
  const char   *labour_rate;
  const char   *overhead_percent;
  const char   *overhead_fixed;
  const char   *labour_minutes;   /* the product's own */
  gboolean      with_yarn;        /* 120 yd of a 364 yd skein at 4.99 */
  const char   *component_count;  /* of a component with 10 min of work */
  MktQuantity   minutes;
  MktCostValue  labour_cost;
  MktCostValue  overhead_cost;
  MktCostValue  total_cost;
  MktMoney      rounded;
} LabourCase;

static const LabourCase labour_cases[] = {
  /* 45 × 12.00 / 60 = 9.00 */
  { "/cost/labour/45-min", "12.00", NULL, NULL, "45", FALSE, NULL,
    45000000, 900000000, 0, 900000000, 900 },
  { "/cost/labour/fraction-of-minute", "12.00", NULL, NULL, "1.5", FALSE, NULL,
    1500000, 30000000, 0, 30000000, 30 },
  /* 7 × 9.99 / 60 = 1.1655 */
  { "/cost/labour/odd-rate", "9.99", NULL, NULL, "7", FALSE, NULL,
    7000000, 116550000, 0, 116550000, 117 },
  /* 10 × 0.01 / 60 = 0.1666… of a cent */
  { "/cost/labour/tiny-rate", "0.01", NULL, NULL, "10", FALSE, NULL,
    10000000, 166667, 0, 166667, 0 },
  /* (164.505495 + 900) × 10 % = 106.4505495 → 106.450550 (to even), + 50 */
  { "/cost/overhead/percent-and-fixed", "12.00", "10", "0.50", "45", TRUE, NULL,
    45000000, 900000000, 156450550, 1220956045, 1221 },
  { "/cost/overhead/percent", "12.00", "12.5%", NULL, "45", FALSE, NULL,
    45000000, 900000000, 112500000, 1012500000, 1012 },
  { "/cost/overhead/fixed-only", NULL, NULL, "1.25", NULL, TRUE, NULL,
    0, 0, 125000000, 289505495, 290 },
  /* 2 × 10 min of the component + 5 of its own = 25 min = 5.00; 10 % + 1.00 */
  { "/cost/labour/through-component", "12.00", "10", "1.00", "5", FALSE, "2",
    25000000, 500000000, 150000000, 650000000, 650 },
  /* 1.5 × 10 + 0 = 15 min = 3.00 */
  { "/cost/labour/fraction-of-component", "12.00", NULL, NULL, NULL, FALSE, "1.5",
    15000000, 300000000, 0, 300000000, 300 },
};

static void
test_labour (MktTestFixture *f,
             gconstpointer   data)
{
  const LabourCase *c = data;
  g_autoptr(MktRecord) product = NULL;
  MktCostTotals totals;
  MktCostValue material = c->with_yarn ? 164505495 : 0;

  if (c->labour_rate != NULL)
    mkt_test_set_setting (f->session, "labour_rate", c->labour_rate);
  if (c->overhead_percent != NULL)
    mkt_test_set_setting (f->session, "overhead_percent", c->overhead_percent);
  if (c->overhead_fixed != NULL)
    mkt_test_set_setting (f->session, "overhead_fixed", c->overhead_fixed);

  product = mkt_test_create_product (f->session, "Ear warmer", c->labour_minutes, NULL);
  if (c->with_yarn)
    {
      g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein",
                                                                  "364", "4.99");
      g_object_unref (mkt_test_create_part (f->session, product, yarn, "120", "yd"));
    }
  if (c->component_count != NULL)
    {
      g_autoptr(MktRecord) component = mkt_test_create_component (f->session, "Flower", "10");
      MktCostTotals own;

      g_object_unref (mkt_test_create_part (f->session, product, component, c->component_count, "pc"));

      /* A component carries its own labour but no overhead: that is the product's. */
      own = mkt_test_cost (f->session, component);
      g_assert_cmpint (own.labour_minutes, ==, 10000000);
      g_assert_cmpint (own.labour_cost, ==, 200000000);
      g_assert_cmpint (own.overhead_cost, ==, 0);
      g_assert_cmpint (own.total_cost, ==, 200000000);
    }

  totals = mkt_test_cost (f->session, product);
  g_assert_cmpint (totals.material_cost, ==, material);
  g_assert_cmpint (totals.labour_minutes, ==, c->minutes);
  g_assert_cmpint (totals.labour_cost, ==, c->labour_cost);
  g_assert_cmpint (totals.overhead_cost, ==, c->overhead_cost);
  g_assert_cmpint (totals.total_cost, ==, c->total_cost);
  g_assert_cmpint (totals.total_cost, ==, material + c->labour_cost + c->overhead_cost);
  g_assert_cmpint (mkt_cost_round (totals.total_cost), ==, c->rounded);
}

/* Where a material's cost comes from -------------------------------------------- */

static void
assert_unit_cost (MktTestFixture *f,
                  MktRecord      *material,
                  MktMoney        cost,
                  MktQuantity     quantity,
                  const char     *source)
{
  g_autoptr(MktRecord) fresh = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(GError) error = NULL;
  MktUnitCost unit_cost = { 0 };

  g_assert_true (mkt_cost_material_unit_cost (f->session, fresh, NULL, &unit_cost, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unit_cost.cost, ==, cost);
  g_assert_cmpint (unit_cost.quantity, ==, quantity);
  g_assert_cmpstr (unit_cost.source, ==, source);
}

static MktRecord *
purchase_at (MktTestFixture *f,
             MktRecord      *material,
             gint64          at_ms,
             const char     *quantity,
             const char     *unit,
             MktMoney        total_cost)
{
  g_autoptr(GError) error = NULL;
  gint64 now_ms = f->now_ms;
  MktRecord *movement;

  f->now_ms = at_ms;
  movement = mkt_stock_purchase (f->session, material, mkt_test_quantity (quantity), unit, total_cost, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (movement);
  f->now_ms = MAX (now_ms, at_ms);

  return movement;
}

static void
test_sources (MktTestFixture *f,
              gconstpointer   data)
{
  g_autoptr(MktRecord) worsted = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) by_the_metre = mkt_test_create_stock_material (f->session, "Ribbon", "m", NULL, NULL, "0.35");
  g_autoptr(MktRecord) unknown = mkt_test_create_stock_material (f->session, "Gift yarn", "yd", NULL, NULL, NULL);
  g_autoptr(MktRecord) hat = mkt_test_create_product (f->session, "Hat", NULL, NULL);
  g_autoptr(MktRecord) flower = mkt_test_create_component (f->session, "Flower", NULL);
  g_autoptr(MktRecord) brooch = mkt_test_create_product (f->session, "Brooch", NULL, NULL);
  g_autoptr(MktRecord) free_purchase = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 t0 = f->now_ms;
  MktCostTotals totals;

  g_object_unref (mkt_test_create_part (f->session, hat, worsted, "120", "yd"));

  /* The catalogue: a pack's price for its size, or a price per unit. */
  assert_unit_cost (f, worsted, 499, 364000000, "catalogue");
  assert_unit_cost (f, by_the_metre, 35, 1000000, "catalogue");
  assert_unit_cost (f, unknown, 0, 1000000, "none");
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 164505495);

  /* No price: free, and counted, once per line wherever it is. */
  g_object_unref (mkt_test_create_part (f->session, hat, unknown, "10", "yd"));
  g_object_unref (mkt_test_create_part (f->session, hat, unknown, "5", "yd"));
  totals = mkt_test_cost (f->session, hat);
  g_assert_cmpint (totals.material_cost, ==, 164505495);
  g_assert_cmpint (totals.unpriced, ==, 2);
  g_object_unref (mkt_test_create_part (f->session, flower, unknown, "3", "yd"));
  g_object_unref (mkt_test_create_part (f->session, flower, by_the_metre, "2", "m"));
  g_object_unref (mkt_test_create_part (f->session, brooch, flower, "3", "pc"));
  g_assert_cmpint (mkt_test_cost (f->session, flower).unpriced, ==, 1);
  g_assert_cmpint (mkt_test_cost (f->session, flower).material_cost, ==, 70000000);
  totals = mkt_test_cost (f->session, brooch);
  g_assert_cmpint (totals.unpriced, ==, 1);
  g_assert_cmpint (totals.material_cost, ==, 210000000);

  /* Purchases win over the catalogue: 45.00 for 10 skeins, 30.00 for 5. */
  g_object_unref (purchase_at (f, worsted, t0 + 1000, "10", "skein", 4500));
  assert_unit_cost (f, worsted, 4500, 3640000000, "average");
  g_object_unref (purchase_at (f, worsted, t0 + 2000, "1820", "yd", 3000));
  assert_unit_cost (f, worsted, 7500, 5460000000, "average");
  /* 7500 × 120 / 5460 = 164.8351648… */
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 164835165);

  /* A purchase without a cost (a gift) says nothing about the price. */
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (worsted), "purchase", "364", NULL));
  assert_unit_cost (f, worsted, 7500, 5460000000, "average");

  /* The last purchase, as the business chooses: 3000 × 120 / 1820 = 197.802197… */
  mkt_test_set_setting (f->session, "cost_method", "last");
  assert_unit_cost (f, worsted, 3000, 1820000000, "last purchase");
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 197802198);

  /* "Last" is by when it happened, not when it was typed in. */
  {
    g_autoptr(MktRecord) late_entry = mkt_record_new (&mkt_stock_movement_spec);

    mkt_record_set_string (late_entry, "material_id", mkt_record_get_id (worsted));
    mkt_record_set_string (late_entry, "kind", "purchase");
    mkt_record_set_int (late_entry, "quantity", 364000000);
    mkt_record_set_int (late_entry, "total_cost", 1000);
    mkt_record_set_int (late_entry, "occurred_at", (t0 + 500) * 1000);
    mkt_session_create (f->session, late_entry, &error);
    g_assert_no_error (error);
  }
  assert_unit_cost (f, worsted, 3000, 1820000000, "last purchase");
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 197802198);

  /* …and it counts in the average: 8500 × 120 / 5824 = 175.1373626… */
  mkt_test_set_setting (f->session, "cost_method", "average");
  assert_unit_cost (f, worsted, 8500, 5824000000, "average");
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 175137363);

  /* A free purchase is a price too: 0 for 364 yd pulls the average down. */
  free_purchase = purchase_at (f, worsted, t0 + 3000, "1", "skein", 0);
  assert_unit_cost (f, worsted, 8500, 6188000000, "average");
  /* 8500 × 120 / 6188 = 164.8351648… */
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 164835165);
  mkt_test_set_setting (f->session, "cost_method", "last");
  assert_unit_cost (f, worsted, 0, 364000000, "last purchase");
  g_assert_cmpint (mkt_test_cost (f->session, hat).material_cost, ==, 0);
  g_assert_cmpint (mkt_test_cost (f->session, hat).unpriced, ==, 2);
}

/* Deep trees -------------------------------------------------------------------- */

/* C1 holds 3 yd of yarn and 2 min of work; each next component holds 2 of
 * the one before, 1 yd more and 1 min more; the product holds C10 and 5 min.
 * Each yarn line is rounded to the millionth on its own: 3 yd cost
 * 499 × 3 / 364 = 4.112637… → 4.112637 and 1 yd 1.370879 cents, so
 * C(k) = 2 C(k−1) + 1.370879 and C10 = 512 × 4.112637 + 511 × 1.370879. */
static void
test_deep (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) below = NULL;
  MktCostValue expected_material = 0;
  MktQuantity expected_minutes = 0;
  MktCostTotals totals;

  mkt_test_set_setting (f->session, "labour_rate", "12.00");
  mkt_test_set_setting (f->session, "overhead_percent", "10");

  for (guint level = 1; level <= 10; level++)
    {
      g_autofree char *name = g_strdup_printf ("Level %u", level);
      g_autoptr(MktRecord) component = mkt_test_create_component (f->session, name, level == 1 ? "2" : "1");

      if (level == 1)
        {
          g_object_unref (mkt_test_create_part (f->session, component, yarn, "3", "yd"));
          expected_material = 4112637;
          expected_minutes = 2000000;
        }
      else
        {
          g_object_unref (mkt_test_create_part (f->session, component, below, "2", "pc"));
          g_object_unref (mkt_test_create_part (f->session, component, yarn, "1", "yd"));
          expected_material = 2 * expected_material + 1370879;
          expected_minutes = 2 * expected_minutes + 1000000;
        }

      totals = mkt_test_cost (f->session, component);
      g_assert_cmpint (totals.material_cost, ==, expected_material);
      g_assert_cmpint (totals.labour_minutes, ==, expected_minutes);
      g_assert_cmpint (totals.overhead_cost, ==, 0);
      g_set_object (&below, component);
    }

  g_assert_cmpint (expected_material, ==, 2806189313);
  g_assert_cmpint (expected_minutes, ==, 1535000000);

  product = mkt_test_create_product (f->session, "Tower", "5", NULL);
  g_object_unref (mkt_test_create_part (f->session, product, below, "1", "pc"));

  /* 1540 min at 12.00 = 308.00; overhead (2806.189313 + 30800) × 10 %. */
  totals = mkt_test_cost (f->session, product);
  g_assert_cmpint (totals.material_cost, ==, 2806189313);
  g_assert_cmpint (totals.labour_minutes, ==, 1540000000);
  g_assert_cmpint (totals.labour_cost, ==, 30800000000);
  g_assert_cmpint (totals.overhead_cost, ==, 3360618931);
  g_assert_cmpint (totals.total_cost, ==, 36966808244);
  g_assert_cmpint (mkt_cost_round (totals.total_cost), ==, 36967);

  /* A change at the bottom reaches the top: 4.99 → 5.46 a skein makes a
   * yard 1.5 cents, exactly: 2047 yd = 30.705 */
  {
    g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (yarn));
    g_autoptr(GError) error = NULL;

    mkt_record_set_int (edit, "purchase_price", 546);
    mkt_session_update (f->session, edit, &error);
    g_assert_no_error (error);
  }
  totals = mkt_test_cost (f->session, product);
  g_assert_cmpint (totals.material_cost, ==, 3070500000);
  g_assert_cmpint (totals.overhead_cost, ==, 3387050000);
  g_assert_cmpint (totals.total_cost, ==, 37257550000);
}

/* Recipes nest at most MKT_RECIPE_MAX_DEPTH components deep: a chain that
 * deep is costed by every path (incremental, which reads the cache below
 * what changed; a full pass, which a setting change runs; a breakdown); one
 * level more is refused whichever end it is added at, and nothing is
 * written. The chain is made top first, so that a full pass meets the top
 * before the rest. */
static void
test_very_deep (MktTestFixture *f,
                gconstpointer   data)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Tower", NULL, NULL);
  g_autoptr(MktRecord) below = mkt_test_create_component (f->session, "One too deep", "1");
  g_autoptr(MktRecord) above = mkt_test_create_component (f->session, "One too high", "1");
  g_autoptr(MktRecord) part = NULL;
  g_autoptr(MktCostLine) explain = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minutes = MKT_RECIPE_MAX_DEPTH * MKT_QUANTITY_SCALE;
  guint n_parts;

  for (guint level = MKT_RECIPE_MAX_DEPTH; level >= 1; level--)
    {
      g_autofree char *name = g_strdup_printf ("Level %u", level);
      g_ptr_array_add (chain, mkt_test_create_component (f->session, name, "1"));
    }
  for (guint i = chain->len - 1; i > 0; i--)
    g_object_unref (mkt_test_create_part (f->session, g_ptr_array_index (chain, i - 1),
                                          g_ptr_array_index (chain, i), "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, product, g_ptr_array_index (chain, 0), "1", "pc"));
  g_assert_cmpint (mkt_test_cost (f->session, product).labour_minutes, ==, minutes);

  g_assert_true (mkt_cost_recompute_all (f->session, NULL, &error));
  g_assert_no_error (error);
  explain = mkt_cost_explain (f->session, &mkt_product_spec, mkt_record_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_nonnull (explain);
  g_assert_cmpint (explain->totals.labour_minutes, ==, minutes);

  mkt_test_set_setting (f->session, "labour_rate", "6.00");
  g_assert_cmpint (mkt_test_cost (f->session, product).labour_cost, ==, MKT_RECIPE_MAX_DEPTH * 10 * MKT_COST_SCALE);

  /* One more level, under the deepest or over the top: refused. */
  n_parts = mkt_test_count (f->session, &mkt_part_spec);
  for (guint end = 0; end < 2; end++)
    {
      MktRecord *parent = end == 0 ? g_ptr_array_index (chain, chain->len - 1) : above;
      MktRecord *child = end == 0 ? below : g_ptr_array_index (chain, 0);

      g_clear_object (&part);
      part = mkt_record_new (&mkt_part_spec);
      mkt_record_set_string (part, "parent_component_id", mkt_record_get_id (parent));
      mkt_record_set_string (part, "component_id", mkt_record_get_id (child));
      mkt_record_set_int (part, "quantity", MKT_QUANTITY_SCALE);
      mkt_record_set_string (part, "unit", "pc");
      g_assert_false (mkt_session_create (f->session, part, &error));
      g_assert_error (error, MKT_VALIDATION_ERROR, MKT_VALIDATION_ERROR_OUT_OF_RANGE);
      g_assert_cmpstr (mkt_validation_error_get_field (error), ==, "component_id");
      g_clear_error (&error);
      g_assert_cmpuint (mkt_test_count (f->session, &mkt_part_spec), ==, n_parts);
    }
}

static guint
count_lines (const MktCostLine *line)
{
  guint n = 1;

  for (guint i = 0; line->children != NULL && i < line->children->len; i++)
    n += count_lines (g_ptr_array_index (line->children, i));

  return n;
}

/* A component used twice at every level of a 20-deep recipe is in it 2^20
 * times: a breakdown must still come back with the right totals, showing
 * components by their totals only past its limit of lines. */
static void
test_explain_wide (MktTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Doubling", NULL, NULL);
  g_autoptr(MktRecord) below = NULL;
  g_autoptr(MktCostLine) explain = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minutes = ((1 << 20) - 1) * MKT_QUANTITY_SCALE;

  for (guint level = 0; level < 20; level++)
    {
      g_autofree char *name = g_strdup_printf ("Level %u", level);
      MktRecord *component = mkt_test_create_component (f->session, name, "1");

      if (below != NULL)
        for (guint twice = 0; twice < 2; twice++)
          g_object_unref (mkt_test_create_part (f->session, component, below, "1", "pc"));
      g_clear_object (&below);
      below = component;
    }
  g_object_unref (mkt_test_create_part (f->session, product, below, "1", "pc"));
  g_assert_cmpint (mkt_test_cost (f->session, product).labour_minutes, ==, minutes);

  explain = mkt_cost_explain (f->session, &mkt_product_spec, mkt_record_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_nonnull (explain);
  g_assert_cmpint (explain->totals.labour_minutes, ==, minutes);
  g_assert_cmpuint (count_lines (explain), >, 1000);
  g_assert_cmpuint (count_lines (explain), <, 3 * 2000);
}

/* Audit of cost changes --------------------------------------------------------- */

/* The "cost" audit rows of @row, oldest first, as "old>new|old>new". */
static char *
cost_audits (MktTestFixture *f,
             MktRecord      *row)
{
  g_autoptr(GPtrArray) rows = mkt_test_log_rows (f, &mkt_audit_spec, mkt_record_get_id (row));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *audit = g_ptr_array_index (rows, i);

      if (!g_str_equal (mkt_record_get_string (audit, "action"), "cost"))
        continue;
      g_assert_cmpstr (mkt_record_get_string (audit, "entity"), ==, "product");
      g_assert_cmpstr (mkt_record_get_string (audit, "user_id"), ==, mkt_session_get_user_id (f->session));
      g_string_append_printf (out, "%s%s>%s", out->len ? "|" : "", mkt_record_get_string (audit, "old_values"),
                              mkt_record_get_string (audit, "new_values"));
    }

  return g_string_free (out, FALSE);
}

static void
update_price (MktTestFixture *f,
              MktRecord      *material,
              MktMoney        price)
{
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(GError) error = NULL;

  mkt_record_set_int (edit, "purchase_price", price);
  mkt_session_update (f->session, edit, &error);
  g_assert_no_error (error);
}

static void
test_audit (MktTestFixture *f,
            gconstpointer   data)
{
  g_autoptr(MktRecord) worsted = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) cotton = mkt_test_create_stock_material (f->session, "Cotton", "m", "ball", "170", "3.20");
  g_autoptr(MktRecord) ear_warmer = mkt_test_create_product (f->session, "Ear warmer", NULL, NULL);
  g_autoptr(MktRecord) dishcloth = mkt_test_create_product (f->session, "Dishcloth", NULL, NULL);
  g_autoptr(MktRecord) flower = mkt_test_create_component (f->session, "Flower", NULL);
  g_autoptr(MktRecord) brooch = mkt_test_create_product (f->session, "Brooch", NULL, NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *audits = NULL;

  g_object_unref (mkt_test_create_part (f->session, ear_warmer, worsted, "120", "yd"));
  g_object_unref (mkt_test_create_part (f->session, dishcloth, cotton, "0.5", "ball"));
  g_object_unref (mkt_test_create_part (f->session, flower, worsted, "10", "yd"));
  g_object_unref (mkt_test_create_part (f->session, brooch, flower, "2", "pc"));

  /* Made with a cost: that is no change. Then a recipe line changes it. */
  g_assert_cmpstr ((audits = cost_audits (f, dishcloth)), ==, "{\"cost\":0}>{\"cost\":160}");
  g_clear_pointer (&audits, g_free);
  g_assert_cmpstr ((audits = cost_audits (f, ear_warmer)), ==, "{\"cost\":0}>{\"cost\":165}");
  g_clear_pointer (&audits, g_free);
  /* 2 × 10 yd: 499 × 20 / 364 = 27.417582… */
  g_assert_cmpstr ((audits = cost_audits (f, brooch)), ==, "{\"cost\":0}>{\"cost\":27}");
  g_clear_pointer (&audits, g_free);

  /* 5.46 a skein: 1.5 cents a yard. The products of the yarn, directly or
   * through a component, say so; the dishcloth does not. */
  update_price (f, worsted, 546);
  g_assert_cmpstr ((audits = cost_audits (f, ear_warmer)), ==,
                   "{\"cost\":0}>{\"cost\":165}|{\"cost\":165}>{\"cost\":180}");
  g_clear_pointer (&audits, g_free);
  g_assert_cmpstr ((audits = cost_audits (f, brooch)), ==,
                   "{\"cost\":0}>{\"cost\":27}|{\"cost\":27}>{\"cost\":30}");
  g_clear_pointer (&audits, g_free);
  g_assert_cmpstr ((audits = cost_audits (f, dishcloth)), ==, "{\"cost\":0}>{\"cost\":160}");
  g_clear_pointer (&audits, g_free);
  /* Components are not priced on their own: no audit of theirs. */
  g_assert_cmpstr ((audits = cost_audits (f, flower)), ==, "");
  g_clear_pointer (&audits, g_free);

  /* A change below a cent moves the cache, not the rounded cost: nothing
   * to tell. 5.47 a skein: 120 yd = 180.32967… → 180. */
  update_price (f, worsted, 547);
  g_assert_cmpint (mkt_test_cost (f->session, ear_warmer).total_cost, ==, 180329670);
  g_assert_cmpstr ((audits = cost_audits (f, ear_warmer)), ==,
                   "{\"cost\":0}>{\"cost\":165}|{\"cost\":165}>{\"cost\":180}");
  g_clear_pointer (&audits, g_free);

  /* Cost audits are derived: no outbox change goes with them. */
  changes = mkt_test_log_rows (f, &mkt_change_spec, mkt_record_get_id (ear_warmer));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (mkt_record_get_string (g_ptr_array_index (changes, 0), "op"), ==, "create");

  /* A setting every cost depends on: a full pass, audited the same way. */
  mkt_test_set_setting (f->session, "overhead_fixed", "0.10");
  g_assert_cmpstr ((audits = cost_audits (f, ear_warmer)), ==,
                   "{\"cost\":0}>{\"cost\":165}|{\"cost\":165}>{\"cost\":180}|{\"cost\":180}>{\"cost\":190}");
  g_clear_pointer (&audits, g_free);
  g_assert_cmpstr ((audits = cost_audits (f, dishcloth)), ==,
                   "{\"cost\":0}>{\"cost\":160}|{\"cost\":160}>{\"cost\":170}");
  g_clear_pointer (&audits, g_free);
  g_assert_cmpstr ((audits = cost_audits (f, flower)), ==, "");
  g_clear_pointer (&audits, g_free);
  /* A labour rate moves nothing that has no labour. */
  mkt_test_set_setting (f->session, "labour_rate", "15.00");
  g_assert_cmpstr ((audits = cost_audits (f, dishcloth)), ==,
                   "{\"cost\":0}>{\"cost\":160}|{\"cost\":160}>{\"cost\":170}");
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  g_test_add_func ("/cost/round", test_round);
  g_test_add_func ("/cost/for-quantity", test_for_quantity);
  for (guint i = 0; i < G_N_ELEMENTS (part_cases); i++)
    mkt_test_add (part_cases[i].path, &part_cases[i], test_part);
  for (guint i = 0; i < G_N_ELEMENTS (labour_cases); i++)
    mkt_test_add (labour_cases[i].path, &labour_cases[i], test_labour);
  mkt_test_add ("/cost/sources", NULL, test_sources);
  mkt_test_add ("/cost/deep", NULL, test_deep);
  mkt_test_add ("/cost/audit", NULL, test_audit);
  mkt_test_add ("/cost/very-deep", NULL, test_very_deep);
  mkt_test_add ("/cost/explain-wide", NULL, test_explain_wide);

  return g_test_run ();
}
