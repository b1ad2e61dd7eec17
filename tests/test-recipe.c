/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-recipe, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-recipe, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-recipe"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* The rules of recipe lines: no cycles, units that convert. */

/* Cycles ------------------------------------------------------------------------ */

typedef struct
{
  const char *path;
  const char *edges[5];   /* "AB": A contains B */
  const char *closing;    /* the line that is refused */
  const char *message;
} CycleCase;

static const CycleCase cycle_cases[] = {
  { "/recipe/cycle/direct", { NULL }, "AA",
    "component_id: this would make a cycle: A → A" },
  { "/recipe/cycle/indirect", { "AB", NULL }, "BA",
    "component_id: this would make a cycle: B → A → B" },
  { "/recipe/cycle/added-later", { "AB", "BC", NULL }, "CA",
    "component_id: this would make a cycle: C → A → B → C" },
  { "/recipe/cycle/through-diamond", { "AB", "AC", "BD", "CD", NULL }, "DA",
    "component_id: this would make a cycle: D → A → B → D" },
  { "/recipe/cycle/other-branch", { "AB", "AC", "CD", NULL }, "DA",
    "component_id: this would make a cycle: D → A → C → D" },
};

static MktRecord *
component_named (GPtrArray *components,
                 char       letter)
{
  return g_ptr_array_index (components, letter - 'A');
}

static void
test_cycle (MktTestFixture *f,
            gconstpointer   data)
{
  const CycleCase *c = data;
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktRecord) closing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_parts;

  for (char letter = 'A'; letter <= 'D'; letter++)
    {
      char name[2] = { letter, '\0' };
      g_ptr_array_add (components, mkt_test_create_component (f->session, name, "1"));
    }
  for (guint i = 0; c->edges[i] != NULL; i++)
    g_object_unref (mkt_test_create_part (f->session, component_named (components, c->edges[i][0]),
                                          component_named (components, c->edges[i][1]), "1", "pc"));

  n_parts = mkt_test_count (f->session, &mkt_part_spec);
  before = mkt_test_snapshot (f->session);

  closing = mkt_test_part_new (component_named (components, c->closing[0]),
                               component_named (components, c->closing[1]), "1", "pc");
  g_assert_false (mkt_session_create (f->session, closing, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "component_id");
  g_assert_cmpstr (error->message, ==, c->message);
  g_clear_error (&error);

  /* Nothing written: no part, no audit row, no change, no cost. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_part_spec), ==, n_parts);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* Costs are still computed, and a full pass finds no cycle either. */
  g_assert_true (mkt_cost_recompute_all (f->session, NULL, &error));
  g_assert_no_error (error);
}

/* Two ways to the same component are no cycle. */
static void
test_shared_child (MktTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(MktRecord) hat = mkt_test_create_component (f->session, "Hat", "1");
  g_autoptr(MktRecord) brim = mkt_test_create_component (f->session, "Brim", "2");
  g_autoptr(MktRecord) crown = mkt_test_create_component (f->session, "Crown", "3");
  g_autoptr(MktRecord) band = mkt_test_create_component (f->session, "Band", "4");

  g_object_unref (mkt_test_create_part (f->session, hat, brim, "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, hat, crown, "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, brim, band, "1", "pc"));
  g_object_unref (mkt_test_create_part (f->session, crown, band, "2", "pc"));
  g_object_unref (mkt_test_create_part (f->session, hat, band, "1", "pc"));

  /* 1 + (2 + 4) + (3 + 2 × 4) + 4 */
  g_assert_cmpint (mkt_test_cost (f->session, hat).labour_minutes, ==, 22000000);
}

/* A refused line in a batch leaves the batch as it was. */
static void
test_cycle_in_batch (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) a = mkt_test_create_component (f->session, "A", "1");
  g_autoptr(MktRecord) b = mkt_test_create_component (f->session, "B", "1");
  g_autoptr(MktRecord) back = mkt_test_part_new (b, a, "1", "pc");
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_session_begin (f->session, &error));
  g_object_unref (mkt_test_create_part (f->session, a, b, "1", "pc"));
  g_assert_false (mkt_session_create (f->session, back, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "component_id");
  g_clear_error (&error);
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (mkt_test_count (f->session, &mkt_part_spec), ==, 1);
  g_assert_cmpint (mkt_test_cost (f->session, a).labour_minutes, ==, 2000000);
}

/* A line back from the trash is a line added again: it must not close a
 * cycle that was made while it was away. */
static void
test_cycle_on_restore (MktTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(MktRecord) a = mkt_test_create_component (f->session, "A", "1");
  g_autoptr(MktRecord) b = mkt_test_create_component (f->session, "B", "1");
  g_autoptr(MktRecord) a_b = mkt_test_create_part (f->session, a, b, "1", "pc");
  g_autoptr(MktRecord) b_a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  mkt_test_delete_row (f, &mkt_part_spec, a_b);
  b_a = mkt_test_create_part (f->session, b, a, "1", "pc");

  before = mkt_test_snapshot (f->session);
  g_assert_false (mkt_session_restore (f->session, &mkt_part_spec, mkt_record_get_id (a_b), &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "component_id");
  g_assert_cmpstr (error->message, ==, "component_id: this would make a cycle: A → B → A");
  g_clear_error (&error);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

/* Units ------------------------------------------------------------------------- */

typedef struct
{
  const char         *unit;
  gboolean            ok;
  MktValidationError  code;
} UnitCase;

static void
test_units_at_entry (MktTestFixture *f,
                     gconstpointer   data)
{
  const UnitCase of_skein_yarn[] = {
    { "yd", TRUE }, { "yards", TRUE }, { "m", TRUE }, { "cm", TRUE }, { "skein", TRUE }, { "SKEINS", TRUE },
    { "g", FALSE, MKT_VALIDATION_ERROR_INVALID }, { "pc", FALSE, MKT_VALIDATION_ERROR_INVALID },
    { "ml", FALSE, MKT_VALIDATION_ERROR_INVALID }, { "hank", FALSE, MKT_VALIDATION_ERROR_INVALID },
    { "banana", FALSE, MKT_VALIDATION_ERROR_INVALID }, { "skeinz", FALSE, MKT_VALIDATION_ERROR_INVALID },
  };
  const UnitCase of_loose_yarn[] = {
    { "m", TRUE }, { "skein", FALSE, MKT_VALIDATION_ERROR_INVALID },
  };
  const UnitCase of_component[] = {
    { "pc", TRUE }, { "pieces", TRUE }, { "each", TRUE },
    { "m", FALSE, MKT_VALIDATION_ERROR_INVALID }, { "g", FALSE, MKT_VALIDATION_ERROR_INVALID },
    { "skein", FALSE, MKT_VALIDATION_ERROR_INVALID }, { "dozen", FALSE, MKT_VALIDATION_ERROR_INVALID },
  };
  const struct
  {
    MktRecord      *child;
    const UnitCase *cases;
    guint           n_cases;
  } children[] = {
    { mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99"),
      of_skein_yarn, G_N_ELEMENTS (of_skein_yarn) },
    { mkt_test_create_stock_material (f->session, "Loose", "m", NULL, NULL, "0.10"),
      of_loose_yarn, G_N_ELEMENTS (of_loose_yarn) },
    { mkt_test_create_component (f->session, "Flower", NULL),
      of_component, G_N_ELEMENTS (of_component) },
  };
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Hat", NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      for (guint c = 0; c < children[i].n_cases; c++)
        {
          const UnitCase *unit_case = &children[i].cases[c];
          g_autoptr(MktRecord) part = mkt_test_part_new (product, children[i].child, "2", unit_case->unit);
          g_autoptr(GError) error = NULL;
          guint n_parts = mkt_test_count (f->session, &mkt_part_spec);

          g_test_message ("%s in %s", mkt_record_get_title (children[i].child), unit_case->unit);
          if (unit_case->ok)
            {
              g_assert_true (mkt_session_create (f->session, part, &error));
              g_assert_no_error (error);
              g_assert_cmpuint (mkt_test_count (f->session, &mkt_part_spec), ==, n_parts + 1);
            }
          else
            {
              g_assert_false (mkt_session_create (f->session, part, &error));
              mkt_assert_validation_error (error, unit_case->code, "unit");
              g_assert_cmpuint (mkt_test_count (f->session, &mkt_part_spec), ==, n_parts);
            }
        }
      g_object_unref (children[i].child);
    }
}

static void
test_unit_messages (MktTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) flower = mkt_test_create_component (f->session, "Flower", NULL);
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Hat", NULL, NULL);
  g_autoptr(MktRecord) in_grams = mkt_test_part_new (product, yarn, "2", "g");
  g_autoptr(MktRecord) in_metres = mkt_test_part_new (product, flower, "2", "m");
  g_autoptr(MktRecord) part = mkt_test_create_part (f->session, product, yarn, "120", "yd");
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_part_spec, mkt_record_get_id (part));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (mkt_session_create (f->session, in_grams, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_assert_nonnull (strstr (error->message, "“Worsted” is counted in yd"));
  g_clear_error (&error);

  g_assert_false (mkt_session_create (f->session, in_metres, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_assert_cmpstr (error->message, ==, "unit: a component is counted in pieces (pc), not “m”");
  g_clear_error (&error);

  /* Changing a line's unit is checked like adding it. */
  before = mkt_test_snapshot (f->session);
  mkt_record_set_string (edit, "unit", "oz");
  g_assert_false (mkt_session_update (f->session, edit, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_clear_error (&error);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

static void
update_material (MktTestFixture *f,
                 MktRecord      *material,
                 const char     *field,
                 const char     *text,
                 GError        **error)
{
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));

  if (text == NULL)
    mkt_record_set_null (edit, field);
  else
    mkt_record_set_from_text (edit, field, text, "USD", error);
  mkt_session_update (f->session, edit, error);
}

/* A material's unit or pack may change only where every recipe can follow. */
static void
test_material_changes (MktTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) flower = mkt_test_create_component (f->session, "Flower", NULL);
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Ear warmer", NULL, NULL);
  g_autoptr(MktRecord) in_packs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_object_unref (mkt_test_create_part (f->session, product, yarn, "120", "yd"));
  in_packs = mkt_test_create_part (f->session, flower, yarn, "0.5", "skein");

  before = mkt_test_snapshot (f->session);
  update_material (f, yarn, "unit", "g", &error);
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_assert_nonnull (strstr (error->message, "“Ear warmer”"));
  g_clear_error (&error);

  /* The pack's name is what the flower's recipe says. */
  update_material (f, yarn, "purchase_unit", "hank", &error);
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_assert_nonnull (strstr (error->message, "“Flower”"));
  g_clear_error (&error);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);

  /* Lengths still convert: 120 yd = 109.728 m of a 364 m skein at 4.99,
   * 499 × 109.728 / 364 = 150.423824…; half a skein is 249.5. */
  update_material (f, yarn, "unit", "m", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_test_cost (f->session, product).material_cost, ==, 150423824);
  g_assert_cmpint (mkt_test_cost (f->session, flower).material_cost, ==, 249500000);

  /* Once no recipe names the pack, it may go. */
  mkt_test_delete_row (f, &mkt_part_spec, in_packs);
  update_material (f, yarn, "purchase_unit", "hank", &error);
  g_assert_no_error (error);
}

/* A line back from the trash is checked against the material as it is now. */
static void
test_unit_on_restore (MktTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Ear warmer", NULL, NULL);
  g_autoptr(MktRecord) part = mkt_test_create_part (f->session, product, yarn, "120", "yd");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  mkt_test_delete_row (f, &mkt_part_spec, part);
  update_material (f, yarn, "unit", "g", &error);
  g_assert_no_error (error);

  before = mkt_test_snapshot (f->session);
  g_assert_false (mkt_session_restore (f->session, &mkt_part_spec, mkt_record_get_id (part), &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "unit");
  g_clear_error (&error);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cycle_cases); i++)
    mkt_test_add (cycle_cases[i].path, &cycle_cases[i], test_cycle);
  mkt_test_add ("/recipe/cycle/shared-child", NULL, test_shared_child);
  mkt_test_add ("/recipe/cycle/in-batch", NULL, test_cycle_in_batch);
  mkt_test_add ("/recipe/unit/at-entry", NULL, test_units_at_entry);
  mkt_test_add ("/recipe/unit/messages", NULL, test_unit_messages);
  mkt_test_add ("/recipe/unit/material-changes", NULL, test_material_changes);
  mkt_test_add ("/recipe/restore/cycle", NULL, test_cycle_on_restore);
  mkt_test_add ("/recipe/restore/unit", NULL, test_unit_on_restore);

  return g_test_run ();
}
