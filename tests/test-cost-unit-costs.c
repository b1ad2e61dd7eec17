/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-cost-unit-costs, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-cost-unit-costs, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-cost-unit-costs"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-utils.h"

/*
 * The unit costs of many materials at once (the inventory's Unit Cost
 * column) must be exactly what mkt_cost_material_unit_cost() says of each.
 */

static void
purchase (MktTestFixture *f,
          MktRecord      *material,
          const char     *quantity,
          const char     *unit,
          MktMoney        total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) movement = NULL;

  f->now_ms += 1000;
  movement = mkt_stock_purchase (f->session, material, mkt_test_quantity (quantity), unit, total, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (movement);
}

static void
assert_same_as_each (MktTestFixture *f,
                     GPtrArray      *materials,
                     const char     *expected_sources)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) costs = mkt_cost_material_unit_costs (f->session, NULL, &error);
  g_autoptr(GHashTable) from_ledger = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GHashTable) paged_on_hand = NULL;
  g_autoptr(GPtrArray) ledger = NULL;
  g_autoptr(GString) sources = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (costs);

  /* The same from the whole ledger, read once for the on-hand stock too. */
  ledger = mkt_session_list (f->session, mkt_stock_ledger_for (&mkt_material_spec), NULL, NULL, &error);
  g_assert_no_error (error);
  from_ledger = mkt_cost_material_unit_costs (f->session, ledger, &error);
  g_assert_no_error (error);
  on_hand = mkt_stock_on_hand_sum (&mkt_material_spec, ledger, &error);
  g_assert_no_error (error);
  /* And read a page at a time, as the inventory does. */
  paged_on_hand = mkt_stock_on_hand_all (f->session, &mkt_material_spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (from_ledger), ==, g_hash_table_size (costs));

  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      MktUnitCost each, bulk;

      g_assert_true (mkt_cost_material_unit_cost (f->session, material, NULL, &each, &error));
      g_assert_no_error (error);
      mkt_cost_material_unit_cost_lookup (costs, material, &bulk);

      g_assert_cmpint (bulk.cost, ==, each.cost);
      g_assert_cmpint (bulk.quantity, ==, each.quantity);
      g_assert_cmpstr (bulk.source, ==, each.source);

      mkt_cost_material_unit_cost_lookup (from_ledger, material, &bulk);
      g_assert_cmpint (bulk.cost, ==, each.cost);
      g_assert_cmpint (bulk.quantity, ==, each.quantity);
      g_assert_cmpstr (bulk.source, ==, each.source);

      g_assert_cmpint (mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (material)), ==,
                       mkt_test_on_hand (f->session, material, 0));
      g_assert_cmpint (mkt_stock_on_hand_lookup (paged_on_hand, mkt_record_get_id (material)), ==,
                       mkt_test_on_hand (f->session, material, 0));
      if (sources->len > 0)
        g_string_append_c (sources, '|');
      g_string_append (sources, bulk.source);
    }

  g_assert_cmpstr (sources->str, ==, expected_sources);
}

static void
test_bulk (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  MktRecord *worsted, *ribbon, *gift, *beads;

  worsted = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  ribbon = mkt_test_create_stock_material (f->session, "Ribbon", "m", NULL, NULL, "0.35");
  gift = mkt_test_create_stock_material (f->session, "Gift yarn", "yd", NULL, NULL, NULL);
  beads = mkt_test_create_stock_material (f->session, "Beads", "pc", NULL, NULL, NULL);
  g_ptr_array_add (materials, worsted);
  g_ptr_array_add (materials, ribbon);
  g_ptr_array_add (materials, gift);
  g_ptr_array_add (materials, beads);

  /* Nothing bought yet: the catalogue, or nothing. */
  assert_same_as_each (f, materials, "catalogue|catalogue|none|none");

  /* Purchases win; one without a cost says nothing. */
  purchase (f, worsted, "10", "skein", 4500);
  purchase (f, worsted, "1820", "yd", 3000);
  purchase (f, beads, "500", NULL, 1250);
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (gift), "purchase", "100", NULL));
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (ribbon), "adjustment", "3", "found"));
  assert_same_as_each (f, materials, "average|catalogue|none|average");

  /* The business's own method. */
  mkt_test_set_setting (f->session, "cost_method", "last");
  purchase (f, beads, "100", NULL, 400);
  assert_same_as_each (f, materials, "last purchase|catalogue|none|last purchase");
}

/* More purchases than one page of the ledger (2000 rows): the paged
 * reads must see every one, the last purchase included. */
static void
test_many_pages (MktTestFixture *f,
                 gconstpointer   data)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Yarn %u", i);

      g_ptr_array_add (materials, mkt_test_create_stock_material (f->session, name, "yd", NULL, NULL, "1.00"));
    }

  g_assert_true (mkt_session_begin (f->session, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4500; i++)
    {
      g_autofree char *quantity = g_strdup_printf ("%u", 10 + i % 7);

      purchase (f, g_ptr_array_index (materials, i % 3), quantity, "yd", 100 + i);
    }
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);

  assert_same_as_each (f, materials, "average|average|average");
  mkt_test_set_setting (f->session, "cost_method", "last");
  assert_same_as_each (f, materials, "last purchase|last purchase|last purchase");
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/cost/unit-costs/bulk", NULL, test_bulk);
  mkt_test_add ("/cost/unit-costs/many-pages", NULL, test_many_pages);

  return g_test_run ();
}
