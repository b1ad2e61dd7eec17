/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-local"

#include "config.h"

#include "mkt-core.h"
#include "mkt-sqlite-store-private.h"
#include "mkt-test-utils.h"

/*
 * The desktop's one-business file: "Start empty" replaces the demo shop with
 * a new business, seen at once by every connection to the file.
 *
 * Not built on PostgreSQL (unlike the other core programs, see
 * core_on_pg_tests in tests/meson.build): both tests are about the desktop's
 * SQLite file itself (mkt_local_session_new() on an MktSqliteStore, and
 * replacing the file with an older schema version's).
 */

static MktSession *
open_local (const char      *path,
            MktSqliteStore **out_store,
            gboolean        *out_created)
{
  g_autoptr(GError) error = NULL;
  MktSession *session;

  *out_store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  session = mkt_local_session_new (*out_store, "Wool & Whim", "GBP", out_created, &error);
  g_assert_no_error (error);

  return session;
}

static void
test_start_empty (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "market.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSqliteStore) other_store = NULL;
  g_autoptr(MktSqliteStore) reopened_store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktSession) other = NULL;
  g_autoptr(MktSession) fresh = NULL;
  g_autoptr(MktSession) reopened = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(MktRecord) linen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_tenant = NULL;
  gboolean created = FALSE;
  gboolean loaded = FALSE;

  session = open_local (path, &store, &created);
  g_assert_true (created);
  g_assert_true (mkt_demo_load (session, &loaded, &error));
  g_assert_no_error (error);
  g_assert_true (loaded);
  g_assert_cmpuint (mkt_test_count (session, &mkt_material_spec), >, 0);
  old_tenant = g_strdup (mkt_session_get_tenant_id (session));

  /* A second connection, open (and in WAL mode) all along. */
  other = open_local (path, &other_store, &created);
  g_assert_false (created);
  g_assert_cmpuint (mkt_test_count (other, &mkt_product_spec), >, 0);

  g_assert_true (mkt_local_start_empty (store, &error));
  g_assert_no_error (error);

  fresh = mkt_local_session_new (store, NULL, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (mkt_session_get_tenant_id (fresh), !=, old_tenant);
  tenant = mkt_session_get (fresh, &mkt_tenant_spec, mkt_session_get_tenant_id (fresh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (tenant, "name"), ==, "Wool & Whim");
  g_assert_cmpstr (mkt_record_get_string (tenant, "currency"), ==, "GBP");
  g_assert_cmpuint (mkt_test_count (fresh, &mkt_material_spec), ==, 0);
  g_assert_cmpuint (mkt_test_count (fresh, &mkt_product_spec), ==, 0);
  g_assert_cmpuint (mkt_test_count (fresh, &mkt_market_event_spec), ==, 0);

  /* Nothing of the demo is left to sync: the outbox holds the new
   * business and its user only, and so does the log. */
  g_assert_cmpuint (mkt_test_count (fresh, &mkt_change_spec), ==, 2);
  g_assert_cmpuint (mkt_test_count (fresh, &mkt_audit_spec), ==, 2);

  /* The connection open before sees the new business too. */
  g_clear_object (&other);
  other = mkt_local_session_new (other_store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_session_get_tenant_id (other), ==, mkt_session_get_tenant_id (fresh));
  g_assert_cmpuint (mkt_test_count (other, &mkt_material_spec), ==, 0);

  /* And so does the file read afresh, which is fit to write to. */
  g_clear_object (&session);
  g_clear_object (&fresh);
  g_clear_object (&other);
  g_clear_object (&store);
  g_clear_object (&other_store);
  reopened = open_local (path, &reopened_store, &created);
  g_assert_false (created);
  g_assert_cmpuint (mkt_test_count (reopened, &mkt_material_spec), ==, 0);
  linen = mkt_test_create_material (reopened, "Linen Blend", "LB-1");
  g_assert_cmpuint (mkt_test_count (reopened, &mkt_material_spec), ==, 1);

  g_clear_object (&reopened);
  g_clear_object (&reopened_store);
  mkt_test_remove_dir (dir);
}

static void
test_replace_refuses_other_version (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "market.db", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSqliteStore) old_store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) linen = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  session = open_local (path, &store, &created);
  linen = mkt_test_create_material (session, "Linen Blend", "LB-1");
  old_store = mkt_sqlite_store_new_at_version (old_path, 1, &error);
  g_assert_no_error (error);

  g_assert_false (mkt_sqlite_store_replace_with (store, old_store, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
  g_assert_cmpuint (mkt_test_count (session, &mkt_material_spec), ==, 1);

  g_clear_object (&session);
  g_clear_object (&store);
  g_clear_object (&old_store);
  mkt_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/local/start-empty", test_start_empty);
  g_test_add_func ("/local/replace-refuses-other-version", test_replace_refuses_other_version);

  return g_test_run ();
}
