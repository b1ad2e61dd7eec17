/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-cost-incremental, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-cost-incremental, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both; on
 * PostgreSQL the random edits are the first 1000 of the same sequence (each
 * edit is a few round trips there, and later edits cost more as the recipes
 * grow: all 2000 would take three times as long), the bulk test is whole. */
#define G_LOG_DOMAIN "test-cost-incremental"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* The incremental recompute (what each change reaches, walking the recipes
 * upwards) must leave every cached cost exactly where a full recompute puts
 * it. A catalogue with random acyclic recipes takes thousands of random
 * edits through the session, and every so often the cache is compared with
 * a full pass and with a fresh breakdown. */

#define SEED          20240611
#define N_MATERIALS   30
#define N_COMPONENTS  40
#define N_PRODUCTS    40
#ifdef MKT_TEST_STORE_PG
#define N_EDITS       1000
#else
#define N_EDITS       2000
#endif
#define CHECK_EVERY   200

typedef enum
{
  KIND_LENGTH,   /* yd or m, with a pack */
  KIND_MASS,     /* g, with a bag */
  KIND_PIECE,    /* pc, priced one by one */
} MaterialKind;

typedef struct
{
  char         *id;
  MaterialKind  kind;
  const char   *pack;
} Material;

typedef struct
{
  char     *id;
  gboolean  is_product;
  guint     index;       /* components: may contain only those below */
  gboolean  deleted;
} Node;

typedef struct
{
  char     *id;
  gboolean  deleted;
  Node     *parent;
  Node     *child;       /* NULL: a material */
} Part;

typedef struct
{
  MktTestFixture *f;
  GRand          *rand;
  GPtrArray      *materials;
  GPtrArray      *components;
  GPtrArray      *products;
  GPtrArray      *parts;
  guint           n_refused_cycles;
  gboolean        flat;          /* new lines hold materials only */
} World;

static void
material_free (Material *material)
{
  g_free (material->id);
  g_free (material);
}

static void
node_free (Node *node)
{
  g_free (node->id);
  g_free (node);
}

static void
part_free (Part *part)
{
  g_free (part->id);
  g_free (part);
}

static guint
pick (World *w,
      guint  n)
{
  return g_rand_int_range (w->rand, 0, n);
}

static gboolean
chance (World *w,
        guint  percent)
{
  return pick (w, 100) < percent;
}

/* A decimal text from @min to @max thousandths: "12.345". */
static char *
decimal (World *w,
         gint32 min,
         gint32 max)
{
  gint32 value = g_rand_int_range (w->rand, min, max + 1);

  return g_strdup_printf ("%d.%03d", value / 1000, value % 1000);
}

static char *
money (World *w,
       gint32 max_cents)
{
  gint32 cents = g_rand_int_range (w->rand, 1, max_cents + 1);

  return g_strdup_printf ("%d.%02d", cents / 100, cents % 100);
}

static MktRecord *
get_row (World               *w,
         const MktEntitySpec *spec,
         const char          *id)
{
  return mkt_test_get_row (w->f, spec, id);
}

static void
update (World     *w,
        MktRecord *edit)
{
  g_autoptr(GError) error = NULL;

  mkt_session_update (w->f->session, edit, &error);
  g_assert_no_error (error);
}

/* Building ---------------------------------------------------------------------- */

static void
add_material (World *w,
              guint  i)
{
  static const char * const packs[] = { "skein", "ball", "hank" };
  g_autofree char *name = g_strdup_printf ("Material %02u", i);
  g_autofree char *price = chance (w, 10) ? NULL : money (w, 2500);
  g_autofree char *size = NULL;
  g_autoptr(MktRecord) row = NULL;
  Material *material = g_new0 (Material, 1);

  material->kind = pick (w, 3);
  switch (material->kind)
    {
    case KIND_LENGTH:
      material->pack = packs[pick (w, G_N_ELEMENTS (packs))];
      size = g_strdup_printf ("%u", 50 + pick (w, 450));
      row = mkt_test_create_stock_material (w->f->session, name, chance (w, 50) ? "yd" : "m",
                                            material->pack, size, price);
      break;
    case KIND_MASS:
      material->pack = "bag";
      size = g_strdup_printf ("%u", 25 + pick (w, 975));
      row = mkt_test_create_stock_material (w->f->session, name, "g", "bag", size, price);
      break;
    case KIND_PIECE:
    default:
      row = mkt_test_create_stock_material (w->f->session, name, "pc", NULL, NULL, price);
      break;
    }

  material->id = g_strdup (mkt_record_get_id (row));
  g_ptr_array_add (w->materials, material);
}

static const char *
unit_for (World          *w,
          const Material *material)
{
  static const char * const lengths[] = { "yd", "m", "cm", "in" };
  static const char * const masses[] = { "g", "oz", "kg" };

  switch (material->kind)
    {
    case KIND_LENGTH:
      return chance (w, 25) ? material->pack : lengths[pick (w, G_N_ELEMENTS (lengths))];
    case KIND_MASS:
      return chance (w, 25) ? material->pack : masses[pick (w, G_N_ELEMENTS (masses))];
    case KIND_PIECE:
    default:
      return "pc";
    }
}

static Node *
random_active (World     *w,
               GPtrArray *nodes,
               guint      below)
{
  for (guint tries = 0; tries < 20 && below > 0; tries++)
    {
      Node *node = g_ptr_array_index (nodes, pick (w, below));

      if (!node->deleted)
        return node;
    }

  return NULL;
}

/* A new line in @parent: a material, or a component that keeps the
 * recipes acyclic (a component holds only components below it). */
static void
add_part (World *w,
          Node  *parent)
{
  guint below = parent->is_product ? w->components->len : parent->index;
  Node *child = !w->flat && chance (w, 35) ? random_active (w, w->components, below) : NULL;
  g_autoptr(MktRecord) parent_row = get_row (w, parent->is_product ? &mkt_product_spec : &mkt_component_spec,
                                             parent->id);
  g_autoptr(MktRecord) child_row = NULL;
  g_autoptr(MktRecord) row = NULL;
  g_autofree char *quantity = NULL;
  const char *unit;
  Part *part;

  if (child != NULL)
    {
      child_row = get_row (w, &mkt_component_spec, child->id);
      quantity = chance (w, 80) ? g_strdup_printf ("%u", 1 + pick (w, 3)) : g_strdup ("0.5");
      unit = "pc";
    }
  else
    {
      const Material *material = g_ptr_array_index (w->materials, pick (w, w->materials->len));

      child_row = get_row (w, &mkt_material_spec, material->id);
      unit = unit_for (w, material);
      quantity = g_str_equal (unit, "pc") ? g_strdup_printf ("%u", 1 + pick (w, 6))
                 : g_strcmp0 (unit, material->pack) == 0 ? decimal (w, 100, 3000)
                 : decimal (w, 1, 400000);
    }

  row = mkt_test_create_part (w->f->session, parent_row, child_row, quantity, unit);
  part = g_new0 (Part, 1);
  part->id = g_strdup (mkt_record_get_id (row));
  part->parent = parent;
  part->child = child;
  g_ptr_array_add (w->parts, part);
}

static Node *
add_node (World    *w,
          gboolean  is_product,
          guint     index)
{
  g_autofree char *name = g_strdup_printf ("%s %02u", is_product ? "Product" : "Component", index);
  g_autofree char *minutes = chance (w, 20) ? NULL : decimal (w, 0, 90000);
  g_autoptr(MktRecord) row = is_product ? mkt_test_create_product (w->f->session, name, minutes, NULL)
                                        : mkt_test_create_component (w->f->session, name, minutes);
  Node *node = g_new0 (Node, 1);
  guint n_lines = 1 + pick (w, is_product ? 5 : 4);

  node->id = g_strdup (mkt_record_get_id (row));
  node->is_product = is_product;
  node->index = index;
  g_ptr_array_add (is_product ? w->products : w->components, node);

  for (guint i = 0; i < n_lines; i++)
    add_part (w, node);

  return node;
}

/* Edits ------------------------------------------------------------------------- */

static const Material *
random_material (World *w)
{
  return g_ptr_array_index (w->materials, pick (w, w->materials->len));
}

static Part *
random_part (World    *w,
             gboolean  deleted)
{
  for (guint tries = 0; tries < 30; tries++)
    {
      Part *part = g_ptr_array_index (w->parts, pick (w, w->parts->len));

      if (part->deleted == deleted)
        return part;
    }

  return NULL;
}

static void
edit_purchase (World *w)
{
  const Material *material = random_material (w);
  g_autoptr(MktRecord) row = get_row (w, &mkt_material_spec, material->id);
  g_autoptr(MktRecord) movement = NULL;
  g_autoptr(GError) error = NULL;

  if (chance (w, 25))
    {
      /* Typed in late: it happened before other purchases. */
      movement = mkt_record_new (&mkt_stock_movement_spec);
      mkt_record_set_string (movement, "material_id", material->id);
      mkt_record_set_string (movement, "kind", "purchase");
      mkt_record_set_int (movement, "quantity", 1 + pick (w, 500000000));
      mkt_record_set_int (movement, "total_cost", pick (w, 10000));
      mkt_record_set_int (movement, "occurred_at", (w->f->now_ms - 1000 * pick (w, 5000)) * 1000);
      mkt_session_create (w->f->session, movement, &error);
    }
  else
    {
      const char *unit = material->pack != NULL && chance (w, 50) ? material->pack : NULL;

      movement = mkt_stock_purchase (w->f->session, row, 1000 * (1 + pick (w, 20000)), unit,
                                     pick (w, 20000), NULL, &error);
    }
  g_assert_no_error (error);
}

static void
edit_material (World *w)
{
  const Material *material = random_material (w);
  g_autoptr(MktRecord) edit = get_row (w, &mkt_material_spec, material->id);
  guint what = pick (w, 10);

  if (what < 6)
    mkt_record_set_int (edit, "purchase_price", pick (w, 3000));
  else if (what < 7)
    mkt_record_set_null (edit, "purchase_price");
  else if (material->pack != NULL && what < 9)
    mkt_record_set_int (edit, "purchase_size", 1000 * (1 + pick (w, 500000)));
  else if (material->kind == KIND_LENGTH)
    mkt_record_set_string (edit, "unit", g_str_equal (mkt_record_get_string (edit, "unit"), "yd") ? "m" : "yd");
  else
    mkt_record_set_int (edit, "purchase_price", pick (w, 3000));

  update (w, edit);
}

static void
edit_part_quantity (World *w)
{
  Part *part = random_part (w, FALSE);
  g_autoptr(MktRecord) edit = NULL;

  if (part == NULL)
    return;

  edit = get_row (w, &mkt_part_spec, part->id);
  mkt_record_set_int (edit, "quantity", part->child != NULL ? 500000 * (1 + pick (w, 6))
                                                            : 1000 * (1 + pick (w, 50000)));
  update (w, edit);
}

static void
edit_part_trash (World    *w,
                 gboolean  restore)
{
  Part *part = random_part (w, restore);
  g_autoptr(GError) error = NULL;

  if (part == NULL)
    return;

  if (restore)
    mkt_session_restore (w->f->session, &mkt_part_spec, part->id, &error);
  else
    mkt_session_delete (w->f->session, &mkt_part_spec, part->id, &error);
  g_assert_no_error (error);
  part->deleted = !restore;
}

static void
edit_labour (World *w)
{
  gboolean product = chance (w, 50);
  GPtrArray *nodes = product ? w->products : w->components;
  Node *node = random_active (w, nodes, nodes->len);
  g_autoptr(MktRecord) edit = NULL;

  if (node == NULL)
    return;

  edit = get_row (w, product ? &mkt_product_spec : &mkt_component_spec, node->id);
  mkt_record_set_int (edit, "labour_minutes", 1000 * pick (w, 120000));
  update (w, edit);
}

static void
edit_setting (World *w)
{
  static const char * const methods[] = { "average", "last" };
  g_autofree char *text = NULL;

  switch (pick (w, 4))
    {
    case 0:
      text = money (w, 3000);
      mkt_test_set_setting (w->f->session, "labour_rate", text);
      break;
    case 1:
      text = decimal (w, 0, 40000);
      mkt_test_set_setting (w->f->session, "overhead_percent", text);
      break;
    case 2:
      text = money (w, 300);
      mkt_test_set_setting (w->f->session, "overhead_fixed", text);
      break;
    default:
      mkt_test_set_setting (w->f->session, "cost_method", methods[pick (w, 2)]);
      break;
    }
}

/* Components and products go to the trash and come back; costs of what
 * uses a deleted component still count it. */
static void
edit_node_trash (World *w)
{
  gboolean product = chance (w, 50);
  GPtrArray *nodes = product ? w->products : w->components;
  Node *node = g_ptr_array_index (nodes, pick (w, nodes->len));
  const MktEntitySpec *spec = product ? &mkt_product_spec : &mkt_component_spec;
  g_autoptr(GError) error = NULL;

  if (node->deleted)
    mkt_session_restore (w->f->session, spec, node->id, &error);
  else
    mkt_session_delete (w->f->session, spec, node->id, &error);
  g_assert_no_error (error);
  node->deleted = !node->deleted;
}

/* Reverses an active component line: always a cycle, always refused. */
static void
edit_cycle (World *w)
{
  Part *part = random_part (w, FALSE);
  g_autoptr(MktRecord) parent = NULL;
  g_autoptr(MktRecord) child = NULL;
  g_autoptr(MktRecord) back = NULL;
  g_autoptr(GError) error = NULL;

  if (part == NULL || part->child == NULL || part->parent->is_product || part->child->deleted ||
      part->parent->deleted)
    return;

  parent = get_row (w, &mkt_component_spec, part->parent->id);
  child = get_row (w, &mkt_component_spec, part->child->id);
  back = mkt_test_part_new (child, parent, "1", "pc");
  g_assert_false (mkt_session_create (w->f->session, back, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "component_id");
  w->n_refused_cycles++;
}

static void edit (World *w, gboolean in_batch);

static void
edit_batch (World *w)
{
  g_autoptr(GError) error = NULL;
  guint n = 2 + pick (w, 8);

  g_assert_true (mkt_session_begin (w->f->session, &error));
  for (guint i = 0; i < n; i++)
    edit (w, TRUE);
  g_assert_true (mkt_session_commit (w->f->session, &error));
  g_assert_no_error (error);
}

static void
edit (World    *w,
      gboolean  in_batch)
{
  guint what = pick (w, 100);

  /* Time moves on between edits, not always: equal times must be fine too. */
  if (chance (w, 80))
    w->f->now_ms += 1000;

  if (what < 22)
    edit_purchase (w);
  else if (what < 36)
    edit_material (w);
  else if (what < 51)
    edit_part_quantity (w);
  else if (what < 61)
    {
      gboolean product = chance (w, 50);
      Node *parent = random_active (w, product ? w->products : w->components,
                                    product ? w->products->len : w->components->len);

      if (parent != NULL && (product || parent->index > 0))
        add_part (w, parent);
    }
  else if (what < 68)
    edit_part_trash (w, FALSE);
  else if (what < 74)
    edit_part_trash (w, TRUE);
  else if (what < 86)
    edit_labour (w);
  else if (what < 90)
    edit_setting (w);
  else if (what < 93)
    edit_node_trash (w);
  else if (what < 96)
    edit_cycle (w);
  else if (!in_batch)
    edit_batch (w);
  else
    edit_purchase (w);
}

/* Checking ---------------------------------------------------------------------- */

/* Every cached cost: id → MktCostTotals. */
static GHashTable *
cache_snapshot (World *w)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  rows = mkt_session_list (w->f->session, &mkt_cost_spec, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *row = g_ptr_array_index (rows, i);
      MktCostTotals *entry = g_new0 (MktCostTotals, 1);

      *entry = (MktCostTotals) {
        .material_cost = mkt_record_get_int (row, "material_cost"),
        .labour_minutes = mkt_record_get_int (row, "labour_minutes"),
        .labour_cost = mkt_record_get_int (row, "labour_cost"),
        .overhead_cost = mkt_record_get_int (row, "overhead_cost"),
        .total_cost = mkt_record_get_int (row, "total_cost"),
        .unpriced = mkt_record_get_int (row, "unpriced"),
      };
      g_hash_table_insert (totals, g_strdup (mkt_record_get_id (row)), entry);
    }

  return totals;
}

static void
assert_totals_equal (const char          *what,
                     const char          *id,
                     const MktCostTotals *incremental,
                     const MktCostTotals *full)
{
  g_assert_nonnull (incremental);
  g_assert_nonnull (full);

  if (memcmp (incremental, full, sizeof *full) != 0)
    g_test_message ("%s %s: incremental %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                    "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                    ", full %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                    "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                    what, id,
                    incremental->material_cost, incremental->labour_minutes, incremental->labour_cost,
                    incremental->overhead_cost, incremental->total_cost, incremental->unpriced,
                    full->material_cost, full->labour_minutes, full->labour_cost,
                    full->overhead_cost, full->total_cost, full->unpriced);

  g_assert_cmpint (incremental->material_cost, ==, full->material_cost);
  g_assert_cmpint (incremental->labour_minutes, ==, full->labour_minutes);
  g_assert_cmpint (incremental->labour_cost, ==, full->labour_cost);
  g_assert_cmpint (incremental->overhead_cost, ==, full->overhead_cost);
  g_assert_cmpint (incremental->total_cost, ==, full->total_cost);
  g_assert_cmpint (incremental->unpriced, ==, full->unpriced);
}

static void
check (World *w,
       guint  n_edits)
{
  g_autoptr(GHashTable) incremental = cache_snapshot (w);
  g_autoptr(GHashTable) full = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audits = mkt_test_count (w->f->session, &mkt_audit_spec);
  guint n_nodes = 0;
  guint n_active_products = 0;

  g_test_message ("after %u edits: %u cached costs", n_edits, g_hash_table_size (incremental));

  g_assert_true (mkt_cost_recompute_all (w->f->session, &n_nodes, &error));
  g_assert_no_error (error);
  full = cache_snapshot (w);

  /* Every component (in the trash or not) and every active product. */
  for (guint i = 0; i < w->components->len; i++)
    {
      Node *node = g_ptr_array_index (w->components, i);
      assert_totals_equal ("component", node->id, g_hash_table_lookup (incremental, node->id),
                           g_hash_table_lookup (full, node->id));
    }
  for (guint i = 0; i < w->products->len; i++)
    {
      Node *node = g_ptr_array_index (w->products, i);
      g_autoptr(MktCostLine) explain = NULL;

      if (node->deleted)
        continue;

      n_active_products++;
      assert_totals_equal ("product", node->id, g_hash_table_lookup (incremental, node->id),
                           g_hash_table_lookup (full, node->id));

      /* A breakdown reads row by row: a third way to the same number (for
       * the first products; each reads every purchase of its materials). */
      if (i >= 60)
        continue;
      explain = mkt_cost_explain (w->f->session, &mkt_product_spec, node->id, &error);
      g_assert_no_error (error);
      assert_totals_equal ("product (breakdown)", node->id, g_hash_table_lookup (full, node->id),
                           &explain->totals);
    }
  g_assert_cmpuint (g_hash_table_size (full), ==, g_hash_table_size (incremental));
  g_assert_cmpuint (n_nodes, ==, w->components->len + n_active_products);

  /* Nothing to correct, so nothing to audit. */
  g_assert_cmpuint (mkt_test_count (w->f->session, &mkt_audit_spec), ==, n_audits);
}

static World *
world_new (MktTestFixture *f)
{
  World *w = g_new0 (World, 1);

  w->f = f;
  w->rand = g_rand_new_with_seed (SEED);
  w->materials = g_ptr_array_new_with_free_func ((GDestroyNotify)material_free);
  w->components = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
  w->products = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
  w->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)part_free);

  return w;
}

static void
world_free (World *w)
{
  g_rand_free (w->rand);
  g_ptr_array_unref (w->parts);
  g_ptr_array_unref (w->products);
  g_ptr_array_unref (w->components);
  g_ptr_array_unref (w->materials);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static void
test_random_edits (MktTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(World) w = world_new (f);

  g_test_message ("seed %u", SEED);
  mkt_test_set_setting (f->session, "labour_rate", "12.00");
  mkt_test_set_setting (f->session, "overhead_percent", "10");

  for (guint i = 0; i < N_MATERIALS; i++)
    add_material (w, i);
  for (guint i = 0; i < N_COMPONENTS; i++)
    add_node (w, FALSE, i);
  for (guint i = 0; i < N_PRODUCTS; i++)
    add_node (w, TRUE, i);
  check (w, 0);

  for (guint i = 1; i <= N_EDITS; i++)
    {
      edit (w, FALSE);
      if (i % CHECK_EVERY == 0)
        check (w, i);
    }

  g_test_message ("%u parts, %u cycles refused", w->parts->len, w->n_refused_cycles);
  g_assert_cmpuint (w->n_refused_cycles, >, 0);
}

/* Imports: more rows than a full pass reads in one page, and a batch that
 * touches more than the incremental path follows (a full pass then runs
 * inside the batch). */
static void
test_bulk (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(World) w = world_new (f);
  g_autoptr(GError) error = NULL;

  mkt_test_set_setting (f->session, "labour_rate", "9.50");
  mkt_test_set_setting (f->session, "overhead_fixed", "0.25");
  for (guint i = 0; i < 8; i++)
    add_material (w, i);
  for (guint i = 0; i < 6; i++)
    add_node (w, FALSE, i);
  for (guint i = 0; i < 6; i++)
    add_node (w, TRUE, i);
  check (w, 0);

  /* 4500 purchases and 4500 recipe lines, each in one batch. The lines
   * hold materials: a breakdown of a few components used thousands of
   * times over is a tree of millions of lines. */
  g_assert_true (mkt_session_begin (f->session, &error));
  for (guint i = 0; i < 4500; i++)
    edit_purchase (w);
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  check (w, 4500);

  w->flat = TRUE;
  g_assert_true (mkt_session_begin (f->session, &error));
  for (guint i = 0; i < 4500; i++)
    {
      gboolean product = i % 2 == 0;
      GPtrArray *nodes = product ? w->products : w->components;
      Node *parent = g_ptr_array_index (nodes, product ? pick (w, nodes->len) : 1 + pick (w, nodes->len - 1));

      add_part (w, parent);
    }
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  check (w, 9000);

  /* 2100 new products: past what is followed one by one. */
  g_assert_true (mkt_session_begin (f->session, &error));
  for (guint i = 0; i < 2100; i++)
    add_node (w, TRUE, 6 + i);
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  check (w, 11100);

  /* And past it with changes of rows that exist: every product's labour. */
  g_assert_true (mkt_session_begin (f->session, &error));
  for (guint i = 0; i < w->products->len; i++)
    {
      Node *node = g_ptr_array_index (w->products, i);
      g_autoptr(MktRecord) edit_row = get_row (w, &mkt_product_spec, node->id);

      mkt_record_set_int (edit_row, "labour_minutes", 1000 * (1 + pick (w, 120000)));
      update (w, edit_row);
    }
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  check (w, 13206);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/cost/incremental/random-edits", NULL, test_random_edits);
  mkt_test_add ("/cost/incremental/bulk", NULL, test_bulk);

  return g_test_run ();
}
