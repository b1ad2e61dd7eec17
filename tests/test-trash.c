/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-trash, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-trash, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-trash"

#include "config.h"

#include <string.h>

#include "mkt-test-utils.h"

/* Helpers -------------------------------------------------------------------- */

static gboolean
list_has (MktTestFixture   *f,
          MktDeletedFilter  deleted,
          const char       *id)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  mkt_query_set_deleted (query, deleted);
  rows = mkt_session_list (f->session, &mkt_material_spec, query, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (mkt_record_get_id (g_ptr_array_index (rows, i)), id))
      return TRUE;

  return FALSE;
}

/* Delete and restore ------------------------------------------------------------ */

static void
test_delete_restore (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", "SKU-1");
  const char *id = mkt_record_get_id (material);
  g_autoptr(MktRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted_iso = NULL;
  g_autofree char *old_values = NULL;
  g_autofree char *new_values = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *resolved = NULL;
  gint64 deleted_ms;

  f->now_ms += 1000;
  deleted_ms = f->now_ms;
  deleted_iso = mkt_test_iso (deleted_ms);
  g_assert_true (mkt_session_delete (f->session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);

  got = mkt_session_get (f->session, &mkt_material_spec, id, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  got = mkt_test_get_row (f, &mkt_material_spec, id);
  g_assert_true (mkt_record_is_deleted (got));
  g_assert_cmpint (mkt_record_get_deleted_at (got), ==, deleted_ms * 1000);
  g_assert_cmpint (mkt_record_get_updated_at (got), ==, deleted_ms * 1000);
  g_assert_cmpstr (mkt_record_get_string (got, "brand"), ==, "Old Brand");

  g_assert_false (list_has (f, MKT_DELETED_EXCLUDE, id));
  g_assert_true (list_has (f, MKT_DELETED_ONLY, id));
  g_assert_true (list_has (f, MKT_DELETED_INCLUDE, id));

  resolved = mkt_session_resolve (f->session, &mkt_material_spec, "Merino", MKT_DELETED_EXCLUDE, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (resolved);
  g_clear_error (&error);
  resolved = mkt_session_resolve (f->session, &mkt_material_spec, "Merino", MKT_DELETED_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, id);

  new_values = g_strdup_printf ("{\"deleted_at\": \"%s\"}", deleted_iso);
  mkt_test_assert_logged (f, got, 2, "delete", "{\"deleted_at\": null}", new_values);

  /* Deleting twice is refused and writes nothing. */
  before = mkt_test_snapshot (f->session);
  f->now_ms += 1000;
  g_assert_false (mkt_session_delete (f->session, &mkt_material_spec, id, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* Restore. */
  f->now_ms += 1000;
  g_assert_true (mkt_session_restore (f->session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  g_clear_object (&got);
  got = mkt_session_get (f->session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_false (mkt_record_is_deleted (got));
  g_assert_cmpint (mkt_record_get_updated_at (got), ==, f->now_ms * 1000);
  g_assert_cmpstr (mkt_record_get_string (got, "sku"), ==, "SKU-1");
  g_assert_true (list_has (f, MKT_DELETED_EXCLUDE, id));
  g_assert_false (list_has (f, MKT_DELETED_ONLY, id));

  old_values = g_strdup_printf ("{\"deleted_at\": \"%s\"}", deleted_iso);
  mkt_test_assert_logged (f, got, 3, "restore", old_values, "{\"deleted_at\": null}");

  /* Restoring what is not in the trash is refused. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = mkt_test_snapshot (f->session);
  g_assert_false (mkt_session_restore (f->session, &mkt_material_spec, id, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

static void
test_delete_tenant_refused (MktTestFixture *f,
                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;

  g_assert_false (mkt_session_delete (f->session, &mkt_tenant_spec, mkt_session_get_tenant_id (f->session), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

static void
test_restore_unique_conflict (MktTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(MktRecord) first = mkt_test_create_material (f->session, "First", "SKU-1");
  g_autoptr(MktRecord) second = NULL;
  g_autoptr(MktRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *id = mkt_record_get_id (first);

  mkt_test_delete_row (f, &mkt_material_spec, first);
  second = mkt_test_create_material (f->session, "Second", "SKU-1");

  before = mkt_test_snapshot (f->session);
  f->now_ms += 1000;
  g_assert_false (mkt_session_restore (f->session, &mkt_material_spec, id, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "sku");
  g_assert_nonnull (strstr (error->message, "Second"));
  g_clear_error (&error);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
  got = mkt_test_get_row (f, &mkt_material_spec, id);
  g_assert_true (mkt_record_is_deleted (got));
  g_assert_true (list_has (f, MKT_DELETED_ONLY, id));

  /* Once the sku is free again, it comes back. */
  mkt_test_delete_row (f, &mkt_material_spec, second);
  g_assert_true (mkt_session_restore (f->session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  g_assert_true (list_has (f, MKT_DELETED_EXCLUDE, id));
}

/* Purge ------------------------------------------------------------------------ */

static const MktPurgeItem *
find_item (GPtrArray  *report,
           const char *id)
{
  for (guint i = 0; i < report->len; i++)
    {
      const MktPurgeItem *item = g_ptr_array_index (report, i);

      if (g_str_equal (item->id, id))
        return item;
    }

  return NULL;
}

static void
assert_same_report (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const MktPurgeItem *ia = g_ptr_array_index (a, i);
      const MktPurgeItem *ib = g_ptr_array_index (b, i);

      g_assert_true (ia->spec == ib->spec);
      g_assert_cmpstr (ia->id, ==, ib->id);
      g_assert_cmpstr (ia->title, ==, ib->title);
      g_assert_cmpint (ia->deleted_at, ==, ib->deleted_at);
      g_assert_cmpstr (ia->kept_reason, ==, ib->kept_reason);
      g_assert_cmpuint (ia->n_owned, ==, ib->n_owned);
    }
}

static void
assert_item (GPtrArray           *report,
             MktRecord           *row,
             const MktEntitySpec *spec,
             gint64               deleted_ms,
             const char          *kept_reason,
             guint                n_owned)
{
  const MktPurgeItem *item = find_item (report, mkt_record_get_id (row));

  g_assert_nonnull (item);
  g_assert_true (item->spec == spec);
  g_assert_cmpstr (item->title, ==, mkt_record_get_title (row));
  g_assert_cmpint (item->deleted_at, ==, deleted_ms * 1000);
  g_assert_cmpstr (item->kept_reason, ==, kept_reason);
  g_assert_cmpuint (item->n_owned, ==, n_owned);
}

static void
assert_gone (MktTestFixture      *f,
             const MktEntitySpec *spec,
             MktRecord           *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) got = mkt_session_get_any (f->session, spec, mkt_record_get_id (row), &error);

  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
}

static guint
count_movements (MktTestFixture *f,
                 MktRecord      *material)
{
  g_autoptr(GPtrArray) rows = mkt_test_list_where (f->session, &mkt_stock_movement_spec, "material_id",
                                                   mkt_record_get_id (material));
  return rows->len;
}

static void
test_purge (MktTestFixture *f,
            gconstpointer   data)
{
  const gint64 now_ms = f->now_ms;
  const gint64 old_ms = now_ms - 40 * MKT_TEST_DAY_MS;
  const gint64 recent_ms = now_ms - 10 * MKT_TEST_DAY_MS;
  g_autoptr(MktRecord) lone_category = NULL;
  g_autoptr(MktRecord) kept_category = NULL;
  g_autoptr(MktRecord) used_category = NULL;
  g_autoptr(MktRecord) old_material = NULL;
  g_autoptr(MktRecord) recent_material = NULL;
  g_autoptr(MktRecord) active_material = NULL;
  g_autoptr(MktRecord) movement_a = NULL;
  g_autoptr(MktRecord) movement_b = NULL;
  g_autoptr(MktRecord) recent_movement = NULL;
  g_autoptr(MktRecord) audit = NULL;
  g_autoptr(MktRecord) change = NULL;
  g_autoptr(GPtrArray) dry = NULL;
  g_autoptr(GPtrArray) real = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonObject) old_values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *old_iso = mkt_test_iso (old_ms);
  g_autofree char *kept_reason = NULL;
  guint n_audit, n_change;

  f->now_ms = now_ms - 41 * MKT_TEST_DAY_MS;
  lone_category = mkt_test_create_category (f->session, "Lone Category");
  kept_category = mkt_test_create_category (f->session, "Kept Category");
  used_category = mkt_test_create_category (f->session, "Used Category");
  old_material = mkt_test_create_full_material (f, "Old Material", "OLD-1");
  movement_a = mkt_test_create_movement (f->session, mkt_record_get_id (old_material), "purchase", "10", NULL);
  movement_b = mkt_test_create_movement (f->session, mkt_record_get_id (old_material), "sale", "-2", NULL);
  recent_material = mkt_test_material_new ("yarn", "Recent Material", "m");
  mkt_record_set_string (recent_material, "category_id", mkt_record_get_id (kept_category));
  mkt_session_create (f->session, recent_material, &error);
  g_assert_no_error (error);
  recent_movement = mkt_test_create_movement (f->session, mkt_record_get_id (recent_material),
                                              "purchase", "1", NULL);
  active_material = mkt_test_material_new ("yarn", "Active Material", "m");
  mkt_record_set_string (active_material, "category_id", mkt_record_get_id (used_category));
  mkt_session_create (f->session, active_material, &error);
  g_assert_no_error (error);

  f->now_ms = old_ms;
  mkt_test_delete_row (f, &mkt_category_spec, lone_category);
  mkt_test_delete_row (f, &mkt_category_spec, kept_category);
  mkt_test_delete_row (f, &mkt_category_spec, used_category);
  mkt_test_delete_row (f, &mkt_material_spec, old_material);

  f->now_ms = recent_ms;
  mkt_test_delete_row (f, &mkt_material_spec, recent_material);

  f->now_ms = now_ms;
  n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  n_change = mkt_test_count (f->session, &mkt_change_spec);
  before = mkt_test_snapshot (f->session);

  /* A dry run reports and removes nothing. */
  dry = mkt_session_purge (f->session, 30, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dry);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  real = mkt_session_purge (f->session, 30, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (real);
  mkt_test_assert_no_transaction (f->path);

  /* Deleted ten days ago: not considered at all. */
  g_assert_null (find_item (real, mkt_record_get_id (recent_material)));
  g_assert_cmpuint (real->len, ==, 4);
  assert_item (real, old_material, &mkt_material_spec, old_ms, NULL, 2);
  assert_item (real, lone_category, &mkt_category_spec, old_ms, NULL, 0);
  kept_reason = g_strdup_printf ("still used by the material “Recent Material” (in the trash)");
  assert_item (real, kept_category, &mkt_category_spec, old_ms, kept_reason, 0);
  assert_item (real, used_category, &mkt_category_spec, old_ms, "still used by the material “Active Material”", 0);
  assert_same_report (dry, real);

  /* What went, and what stayed. */
  assert_gone (f, &mkt_material_spec, old_material);
  assert_gone (f, &mkt_category_spec, lone_category);
  assert_gone (f, &mkt_stock_movement_spec, movement_a);
  assert_gone (f, &mkt_stock_movement_spec, movement_b);
  g_assert_cmpuint (count_movements (f, old_material), ==, 0);
  g_assert_cmpuint (count_movements (f, recent_material), ==, 1);
  g_clear_object (&audit);
  audit = mkt_test_get_row (f, &mkt_category_spec, mkt_record_get_id (kept_category));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);
  audit = mkt_test_get_row (f, &mkt_category_spec, mkt_record_get_id (used_category));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);
  audit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (recent_material));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);

  /* One audit row and one change per purged row; the audit keeps the old
   * values, and the earlier audit rows stay. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 2);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change + 2);
  audit = mkt_test_last_log_row (f, &mkt_audit_spec, mkt_record_get_id (old_material), 3);
  g_assert_cmpstr (mkt_record_get_string (audit, "action"), ==, "purge");
  g_assert_cmpstr (mkt_record_get_string (audit, "user_id"), ==, mkt_session_get_user_id (f->session));
  g_assert_false (mkt_record_has (audit, "new_values"));
  old_values = mkt_test_parse_object (mkt_record_get_string (audit, "old_values"));
  g_assert_cmpstr (json_object_get_string_member (old_values, "name"), ==, "Old Material");
  g_assert_cmpstr (json_object_get_string_member (old_values, "sku"), ==, "OLD-1");
  g_assert_cmpstr (json_object_get_string_member (old_values, "brand"), ==, "Old Brand");
  g_assert_cmpint (json_object_get_int_member (old_values, "purchase_price"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (old_values, "deleted_at"), ==, old_iso);
  g_assert_cmpint (json_object_get_int_member (old_values, "owned_rows_removed"), ==, 2);
  {
    g_autoptr(GPtrArray) movement_audit = mkt_test_log_rows (f, &mkt_audit_spec, mkt_record_get_id (movement_a));
    g_assert_cmpuint (movement_audit->len, ==, 1);
  }
  change = mkt_test_last_log_row (f, &mkt_change_spec, mkt_record_get_id (old_material), 3);
  g_assert_cmpstr (mkt_record_get_string (change, "op"), ==, "purge");
  g_assert_false (mkt_record_has (change, "fields"));
  g_clear_object (&audit);
  audit = mkt_test_last_log_row (f, &mkt_audit_spec, mkt_record_get_id (lone_category), 3);
  g_assert_cmpstr (mkt_record_get_string (audit, "action"), ==, "purge");

  /* Running it again purges nothing more. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = mkt_test_snapshot (f->session);
  again = mkt_session_purge (f->session, 30, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  assert_item (again, kept_category, &mkt_category_spec, old_ms, kept_reason, 0);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);

  /* Three weeks on, the recent material is old enough, and the category it
   * kept goes in the same run. */
  g_clear_pointer (&again, g_ptr_array_unref);
  f->now_ms = now_ms + 21 * MKT_TEST_DAY_MS;
  again = mkt_session_purge (f->session, 30, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  assert_item (again, recent_material, &mkt_material_spec, recent_ms, NULL, 1);
  assert_item (again, kept_category, &mkt_category_spec, old_ms, NULL, 0);
  assert_item (again, used_category, &mkt_category_spec, old_ms, "still used by the material “Active Material”", 0);
  assert_gone (f, &mkt_material_spec, recent_material);
  assert_gone (f, &mkt_category_spec, kept_category);
  assert_gone (f, &mkt_stock_movement_spec, recent_movement);
}

/* A category whose only user is purged in the same run goes too, and a dry
 * run, which removes nothing, must still report it so. */
static void
test_purge_dry_run_matches (MktTestFixture *f,
                            gconstpointer   data)
{
  const gint64 now_ms = f->now_ms;
  g_autoptr(MktRecord) category = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(GPtrArray) dry = NULL;
  g_autoptr(GPtrArray) real = NULL;
  g_autoptr(GError) error = NULL;

  f->now_ms = now_ms - 41 * MKT_TEST_DAY_MS;
  category = mkt_test_create_category (f->session, "Emptied");
  material = mkt_test_material_new ("yarn", "Only User", "m");
  mkt_record_set_string (material, "category_id", mkt_record_get_id (category));
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);

  f->now_ms = now_ms - 40 * MKT_TEST_DAY_MS;
  mkt_test_delete_row (f, &mkt_material_spec, material);
  mkt_test_delete_row (f, &mkt_category_spec, category);
  f->now_ms = now_ms;

  dry = mkt_session_purge (f->session, 30, TRUE, &error);
  g_assert_no_error (error);
  real = mkt_session_purge (f->session, 30, FALSE, &error);
  g_assert_no_error (error);

  /* The real run purges both. */
  assert_item (real, material, &mkt_material_spec, now_ms - 40 * MKT_TEST_DAY_MS, NULL, 0);
  assert_item (real, category, &mkt_category_spec, now_ms - 40 * MKT_TEST_DAY_MS, NULL, 0);
  assert_gone (f, &mkt_category_spec, category);

  assert_same_report (dry, real);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/session/delete-restore", NULL, test_delete_restore);
  mkt_test_add ("/session/delete-tenant", NULL, test_delete_tenant_refused);
  mkt_test_add ("/session/restore/unique-conflict", NULL, test_restore_unique_conflict);

  mkt_test_add ("/session/purge/basic", NULL, test_purge);
  mkt_test_add ("/session/purge/dry-run-matches", NULL, test_purge_dry_run_matches);

  return g_test_run ();
}
