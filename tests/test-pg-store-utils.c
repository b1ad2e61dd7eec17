/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"
#include <string.h>
#include "mkt-cost.h"
#include "mkt-pg.h"
#include "mkt-pg-store.h"
#include "mkt-pg-store-private.h"
#include "mkt-pg-test-utils.h"
#include "mkt-production.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"
#include "test-pg-store-utils.h"

MktSession *
new_session (Fixture    *f,
             MktStore   *store,
             const char *tenant_id,
             const char *name)
{
  g_autoptr(MktSession) session = mkt_session_new (store, tenant_id, f->user_id, f->device_id);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(GError) error = NULL;

  mkt_session_set_clock (session, mkt_test_clock_now, &f->now_ms);
  mkt_session_set_session_id (session, f->session_id);

  mkt_record_set_id (tenant, tenant_id);
  mkt_record_set_string (tenant, "name", name);
  mkt_record_set_string (tenant, "currency", "USD");
  mkt_session_create (session, tenant, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&session);
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start;

  mkt_pg_test_db_setup (&f->db, data);
  mkt_pg_test_migrate (&f->db);

  f->pg = mkt_pg_store_new (f->db.app, &error);
  g_assert_no_error (error);

  f->dir = mkt_test_make_dir ();
  path = g_build_filename (f->dir, "market.db", NULL);
  f->sqlite = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);

  f->tenant_id = mkt_uuid_new_v7 ();
  f->user_id = mkt_uuid_new_v7 ();
  f->device_id = mkt_uuid_new_v7 ();
  f->session_id = mkt_uuid_new_v7 ();
  for (guint i = 0; i < N_IDS; i++)
    f->ids[i] = mkt_uuid_new_v7 ();

  /* Whole seconds: timestamps read back exactly. */
  f->now_ms = start = g_get_real_time () / G_USEC_PER_SEC * 1000;
  f->session = new_session (f, MKT_STORE (f->pg), f->tenant_id, "Test Crafts");
  f->now_ms = start;
  f->twin = new_session (f, MKT_STORE (f->sqlite), f->tenant_id, "Test Crafts");
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->twin));
  g_assert_finalize_object (g_steal_pointer (&f->pg));
  g_assert_finalize_object (g_steal_pointer (&f->sqlite));
  mkt_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->tenant_id, g_free);
  g_clear_pointer (&f->user_id, g_free);
  g_clear_pointer (&f->device_id, g_free);
  g_clear_pointer (&f->session_id, g_free);
  for (guint i = 0; i < N_IDS; i++)
    g_clear_pointer (&f->ids[i], g_free);
  mkt_pg_test_db_teardown (&f->db, data);
}

/* Runs @func on the PostgreSQL session, then from the same clock on the
 * SQLite one. */
void
run_twice (Fixture  *f,
           TwinFunc  func)
{
  gint64 start = f->now_ms;

  func (f, f->session);
  f->now_ms = start;
  func (f, f->twin);
}

int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every row of the tenant, as JSON, each table in id order; audit and
 * outbox rows have ids of their own on each side, so those are left out
 * and the rows sorted. */
char *
snapshot (MktSession *session)
{
  const MktEntitySpec *specs[] = {
    &mkt_tenant_spec, &mkt_category_spec, &mkt_material_spec, &mkt_stock_movement_spec,
    &mkt_component_spec, &mkt_product_spec, &mkt_part_spec, &mkt_cost_spec,
    &mkt_audit_spec, &mkt_change_spec,
  };
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = mkt_test_list_all (session, specs[s], query);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      gboolean own_ids = specs[s]->kind == MKT_ENTITY_LOG;

      for (guint r = 0; r < rows->len; r++)
        {
          g_autoptr(JsonObject) object = mkt_record_to_json (g_ptr_array_index (rows, r));
          g_autoptr(JsonNode) node = NULL;

          if (own_ids)
            json_object_remove_member (object, "id");
          node = json_node_init_object (json_node_alloc (), object);
          g_ptr_array_add (lines, json_to_string (node, FALSE));
        }
      if (own_ids)
        g_ptr_array_sort (lines, compare_lines);

      g_string_append_printf (out, "%s: %u rows\n", specs[s]->table, rows->len);
      for (guint r = 0; r < lines->len; r++)
        g_string_append_printf (out, "  %s\n", (char *)g_ptr_array_index (lines, r));
    }

  return g_string_free (out, FALSE);
}

void
assert_same_data (Fixture *f)
{
  g_autofree char *pg = snapshot (f->session);
  g_autofree char *sqlite = snapshot (f->twin);

  g_assert_cmpstr (pg, ==, sqlite);
}

guint
count_where (MktSession          *session,
             const MktEntitySpec *spec,
             const char          *field,
             const char          *value)
{
  g_autoptr(GPtrArray) rows = mkt_test_list_where (session, spec, field, value);

  return rows->len;
}

/* A material's life ----------------------------------------------------------- */

MktRecord *
material_with_sku (const char *id,
                   const char *name,
                   const char *sku)
{
  MktRecord *material = mkt_test_material_new ("yarn", name, "m");

  mkt_record_set_id (material, id);
  mkt_record_set_string (material, "sku", sku);
  return material;
}
