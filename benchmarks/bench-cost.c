/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-cost"

#include "config.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include "mkt-core.h"

/* A generated catalogue (10k materials, 20k components, 50k products, trees
 * up to depth 6) made through the session; then the time of a full cost
 * recompute against the time of one material price change that reaches
 * about 100 products (the whole mutation: validation, audit, outbox and the
 * incremental recompute), their ratio, and the peak RSS. */

#define N_MATERIALS 10000
#define N_COMPONENTS 20000
#define N_PRODUCTS 50000
#define N_LEVELS 5          /* component levels; products add one: depth 6 */

static guint n_materials = N_MATERIALS;
static guint n_components = N_COMPONENTS;
static guint n_products = N_PRODUCTS;

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error ? error->message : "failed");
}

static void
add_part (MktSession *session,
          const char *parent_field,
          const char *parent_id,
          const char *child_field,
          const char *child_id,
          const char *quantity,
          const char *unit)
{
  g_autoptr(MktRecord) part = mkt_record_new (&mkt_part_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (part, parent_field, parent_id);
  mkt_record_set_string (part, child_field, child_id);
  check (mkt_record_set_from_text (part, "quantity", quantity, NULL, &error), error);
  mkt_record_set_string (part, "unit", unit);
  check (mkt_session_create (session, part, &error), error);
}

static char *
create_node (MktSession          *session,
             const MktEntitySpec *spec,
             const char          *prefix,
             guint                i,
             GRand               *rand)
{
  g_autoptr(MktRecord) node = mkt_record_new (spec);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);

  mkt_record_set_string (node, "name", name);
  mkt_record_set_int (node, "labour_minutes", g_rand_int_range (rand, 0, 120) * MKT_QUANTITY_SCALE);
  check (mkt_session_create (session, node, &error), error);
  return g_strdup (mkt_record_get_id (node));
}

static GPtrArray *
generate (MktSession *session,
          GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *levels[N_LEVELS];
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MktRecord) tenant = NULL;
  guint per_level = n_components / N_LEVELS;

  check (mkt_session_begin (session, &error), error);

  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);
  check (tenant != NULL, error);
  check (mkt_settings_set (tenant, "labour_rate", "15.00", &error), error);
  check (mkt_settings_set (tenant, "overhead_percent", "10", &error), error);
  check (mkt_session_update (session, tenant, &error), error);

  for (guint i = 0; i < n_materials; i++)
    {
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);
      g_autofree char *name = g_strdup_printf ("Material %u", i);

      mkt_record_set_string (material, "kind", "yarn");
      mkt_record_set_string (material, "name", name);
      mkt_record_set_string (material, "unit", "m");
      mkt_record_set_string (material, "purchase_unit", "ball");
      mkt_record_set_int (material, "purchase_size", (50 + g_rand_int_range (rand, 0, 300)) * MKT_QUANTITY_SCALE);
      mkt_record_set_int (material, "purchase_price", g_rand_int_range (rand, 100, 3000));
      check (mkt_session_create (session, material, &error), error);
      g_ptr_array_add (materials, g_strdup (mkt_record_get_id (material)));
    }

  /* Level 0 components hold materials only; level k also holds components
   * of levels below it. */
  for (guint level = 0; level < N_LEVELS; level++)
    {
      levels[level] = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < per_level; i++)
        {
          char *id = create_node (session, &mkt_component_spec, "Component", level * per_level + i, rand);
          guint n_parts = g_rand_int_range (rand, 2, 5);

          for (guint p = 0; p < n_parts; p++)
            {
              if (level > 0 && p == 0)
                {
                  GPtrArray *below = levels[g_rand_int_range (rand, 0, level)];
                  add_part (session, "parent_component_id", id, "component_id",
                            g_ptr_array_index (below, g_rand_int_range (rand, 0, below->len)), "1", "pc");
                }
              else
                add_part (session, "parent_component_id", id, "material_id",
                          g_ptr_array_index (materials, g_rand_int_range (rand, 0, materials->len)), "12.5", "m");
            }
          g_ptr_array_add (levels[level], id);
        }
    }

  for (guint i = 0; i < n_products; i++)
    {
      char *id = create_node (session, &mkt_product_spec, "Product", i, rand);
      guint n_parts = g_rand_int_range (rand, 3, 7);

      for (guint p = 0; p < n_parts; p++)
        {
          if (p < 2)
            {
              GPtrArray *level = levels[g_rand_int_range (rand, 0, N_LEVELS)];
              add_part (session, "product_id", id, "component_id",
                        g_ptr_array_index (level, g_rand_int_range (rand, 0, level->len)), "1", "pc");
            }
          else
            add_part (session, "product_id", id, "material_id",
                      g_ptr_array_index (materials, g_rand_int_range (rand, 0, materials->len)), "0.5", "ball");
        }
      g_ptr_array_add (products, id);
    }

  /* The commit brings every cost up to date (one full pass). */
  check (mkt_session_commit (session, &error), error);

  for (guint level = 0; level < N_LEVELS; level++)
    g_ptr_array_unref (levels[level]);

  return g_steal_pointer (&materials);
}

/* How many products a material reaches, through any depth of components,
 * counted with SQLite directly. */
static gint64
reach (sqlite3    *db,
       const char *material_id)
{
  static const char *sql =
    "WITH RECURSIVE up(component) AS ("
    "  SELECT parent_component_id FROM part WHERE material_id = ?1 AND deleted_at IS NULL"
    "    AND parent_component_id IS NOT NULL"
    "  UNION SELECT p.parent_component_id FROM part p JOIN up ON p.component_id = up.component"
    "    WHERE p.deleted_at IS NULL AND p.parent_component_id IS NOT NULL)"
    "SELECT count(DISTINCT product_id) FROM part WHERE deleted_at IS NULL AND product_id IS NOT NULL"
    "  AND (material_id = ?1 OR component_id IN (SELECT component FROM up))";
  sqlite3_stmt *stmt;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  const char *hot = NULL;
  gint64 hot_reach = -1;
  double full_s, generate_s, incremental_s[9];
  guint n_nodes = 0;
  struct rusage usage;
  sqlite3 *db;
  gint64 start;

  if (argc > 1)
    {
      /* A smaller catalogue for a quick look: bench-cost DIVISOR */
      guint divisor = MAX (1, (guint)g_ascii_strtoull (argv[1], NULL, 10));
      n_materials /= divisor;
      n_components /= divisor;
      n_products /= divisor;
    }

  dir = g_dir_make_tmp ("bench-cost-XXXXXX", &error);
  check (dir != NULL, error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = mkt_sqlite_store_new (path, &error);
  check (store != NULL, error);
  session = mkt_local_session_new (store, "Benchmark", "EUR", NULL, &error);
  check (session != NULL, error);

  start = g_get_monotonic_time ();
  materials = generate (session, rand);
  generate_s = (g_get_monotonic_time () - start) / 1e6;
  g_print ("catalogue: %u materials, %u components, %u products, generated in %.1f s\n",
           n_materials, n_components, n_products, generate_s);

  /* Full recompute, in one transaction. */
  start = g_get_monotonic_time ();
  check (mkt_session_begin (session, &error), error);
  check (mkt_cost_recompute_all (session, &n_nodes, &error), error);
  check (mkt_session_commit (session, &error), error);
  full_s = (g_get_monotonic_time () - start) / 1e6;
  g_print ("full recompute: %u products and components in %.3f s\n", n_nodes, full_s);

  /* A material that reaches about 100 products. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < MIN (120u, materials->len); i++)
    {
      const char *id = g_ptr_array_index (materials, g_rand_int_range (rand, 0, materials->len));
      gint64 n = reach (db, id);

      if (hot == NULL || ABS (n - 100) < ABS (hot_reach - 100))
        {
          hot = id;
          hot_reach = n;
        }
    }
  sqlite3_close (db);

  for (guint run = 0; run < G_N_ELEMENTS (incremental_s); run++)
    {
      g_autoptr(MktRecord) material = mkt_session_get (session, &mkt_material_spec, hot, &error);

      check (material != NULL, error);
      mkt_record_set_int (material, "purchase_price", mkt_record_get_int (material, "purchase_price") + 7);
      start = g_get_monotonic_time ();
      check (mkt_session_update (session, material, &error), error);
      incremental_s[run] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (incremental_s, G_N_ELEMENTS (incremental_s), sizeof (double), compare_doubles);

  getrusage (RUSAGE_SELF, &usage);

  g_print ("one material price change reaching %" G_GINT64_FORMAT " products: median %.2f ms (min %.2f, max %.2f)\n",
           hot_reach, incremental_s[G_N_ELEMENTS (incremental_s) / 2] * 1e3, incremental_s[0] * 1e3,
           incremental_s[G_N_ELEMENTS (incremental_s) - 1] * 1e3);
  g_print ("ratio full/incremental: %.0f (target >= 100)\n", full_s / incremental_s[G_N_ELEMENTS (incremental_s) / 2]);
  g_print ("peak RSS: %ld MB (target <= 300 MB)\n", usage.ru_maxrss / 1024);

  g_clear_object (&session);
  g_clear_object (&store);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);

  return 0;
}
