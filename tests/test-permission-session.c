/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-permission-session, suite core) and on
 * PostgreSQL through MktPgStore (test-core-on-pg-permission-session, suite
 * server, MKT_TEST_STORE_PG: see tests/mkt-test-store.c). Every test of
 * this program runs on both. */
#define G_LOG_DOMAIN "test-permission"

#include "config.h"

#include "mkt-permission.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"

/* A session limited by a role: every mutation and purge checks the
 * permission it needs before it writes, also inside a batch. The sets
 * themselves: test-permission.c. */

static MktPermissionSet *
role (const char *name)
{
  g_autoptr(GError) error = NULL;
  MktPermissionSet *set = mkt_permission_set_new_for_role (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* Another session on the fixture's tenant, limited to @role_name. */
static MktSession *
role_session (MktTestFixture *f,
              const char     *role_name)
{
  g_autoptr(MktPermissionSet) set = role (role_name);
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  MktSession *session;

  session = mkt_session_new (MKT_STORE (f->store), mkt_session_get_tenant_id (f->session), user_id,
                             mkt_session_get_device_id (f->session));
  mkt_session_set_clock (session, mkt_test_clock_now, &f->now_ms);
  mkt_session_set_permissions (session, set);
  g_assert_true (mkt_session_get_permissions (session) == set);
  return session;
}

static void
assert_denied (GError     *error,
               const char *message)
{
  g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_session_crafter_cannot_purge (MktTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(MktSession) crafter = role_session (f, "crafter");
  g_autoptr(MktSession) manager = NULL;
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", "SKU-1");
  g_autoptr(MktRecord) still = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_audit;

  g_assert_true (mkt_session_delete (crafter, &mkt_material_spec, mkt_record_get_id (material), &error));
  g_assert_no_error (error);

  /* Nothing old enough yet: nothing to refuse. */
  report = mkt_session_purge (crafter, 30, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 0);
  g_clear_pointer (&report, g_ptr_array_unref);

  f->now_ms += 40 * MKT_TEST_DAY_MS;
  n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  before = mkt_test_snapshot (f->session);

  report = mkt_session_purge (crafter, 30, TRUE, &error);
  assert_denied (error, "materials:hard_delete is needed to delete materials permanently");
  g_assert_null (report);
  g_clear_error (&error);

  report = mkt_session_purge (crafter, 30, FALSE, &error);
  assert_denied (error, "materials:hard_delete is needed to delete materials permanently");
  g_assert_cmpstr (mkt_permission_error_get_permission (error), ==, "materials:hard_delete");
  g_assert_null (report);
  g_clear_error (&error);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit);
  still = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_true (mkt_record_is_deleted (still));
  mkt_test_assert_no_transaction (f->path);

  /* A manager may. */
  manager = role_session (f, "manager");
  report = mkt_session_purge (manager, 30, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 1);
  g_assert_null (((MktPurgeItem *)g_ptr_array_index (report, 0))->kept_reason);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 1);
}

static void
test_session_refusals (MktTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(MktSession) viewer = role_session (f, "viewer");
  g_autoptr(MktSession) crafter = role_session (f, "crafter");
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", "SKU-1");
  const char *id = mkt_record_get_id (material);
  g_autoptr(MktRecord) attempt = mkt_test_material_new ("yarn", "Alpaca", "m");
  g_autoptr(MktRecord) rename = mkt_record_new (&mkt_material_spec);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(MktRecord) movement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_audit, n_change;

  n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  n_change = mkt_test_count (f->session, &mkt_change_spec);
  before = mkt_test_snapshot (f->session);

  /* A viewer changes nothing, and a refusal writes nothing. */
  g_assert_false (mkt_session_create (viewer, attempt, &error));
  assert_denied (error, "materials:create is needed to add materials");
  g_clear_error (&error);
  g_assert_null (mkt_record_get_id (attempt));

  mkt_record_set_id (rename, id);
  mkt_record_set_string (rename, "name", "Renamed");
  g_assert_false (mkt_session_update (viewer, rename, &error));
  assert_denied (error, "materials:update is needed to change materials");
  g_clear_error (&error);

  g_assert_false (mkt_session_delete (viewer, &mkt_material_spec, id, &error));
  assert_denied (error, "materials:soft_delete is needed to move materials to the trash");
  g_clear_error (&error);

  /* Refused before the row is looked at: no hint whether it exists. */
  g_assert_false (mkt_session_restore (viewer, &mkt_material_spec, "0190aaaa-0000-7000-8000-000000000000", &error));
  assert_denied (error, "materials:restore is needed to restore materials from the trash");
  g_clear_error (&error);

  movement = mkt_record_new (&mkt_stock_movement_spec);
  mkt_record_set_string (movement, "material_id", id);
  mkt_record_set_string (movement, "kind", "purchase");
  mkt_record_set_from_text (movement, "quantity", "1", NULL, &error);
  g_assert_no_error (error);
  mkt_record_set_int (movement, "occurred_at", mkt_session_now (viewer));
  g_assert_false (mkt_session_create (viewer, movement, &error));
  assert_denied (error, "stock_movements:create is needed to add stock movements");
  g_clear_error (&error);

  /* A crafter may not change the settings. */
  mkt_record_set_id (tenant, mkt_session_get_tenant_id (f->session));
  mkt_record_set_string (tenant, "name", "Renamed Crafts");
  g_assert_false (mkt_session_update (crafter, tenant, &error));
  assert_denied (error, "settings:update is needed to change the settings");
  g_clear_error (&error);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change);
  mkt_test_assert_no_transaction (f->path);

  /* What a crafter may do goes through, audited as usual. */
  g_assert_true (mkt_session_update (crafter, rename, &error));
  g_assert_no_error (error);
  g_assert_true (mkt_session_delete (crafter, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  g_assert_true (mkt_session_restore (crafter, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  g_assert_true (mkt_session_create (crafter, movement, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 4);

  /* Without permissions a session may do everything again. */
  mkt_session_set_permissions (viewer, NULL);
  g_assert_null (mkt_session_get_permissions (viewer));
  g_assert_true (mkt_session_create (viewer, attempt, &error));
  g_assert_no_error (error);
}

/* A refusal inside a batch comes before any write of its own, so it does not
 * spoil the batch. */
static void
test_session_refusal_in_batch (MktTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(MktSession) crafter = role_session (f, "crafter");
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", "Alpaca", "m");
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(MktRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_session_begin (crafter, &error));
  g_assert_no_error (error);

  g_assert_true (mkt_session_create (crafter, material, &error));
  g_assert_no_error (error);

  mkt_record_set_id (tenant, mkt_session_get_tenant_id (f->session));
  mkt_record_set_string (tenant, "name", "Renamed Crafts");
  g_assert_false (mkt_session_update (crafter, tenant, &error));
  assert_denied (error, "settings:update is needed to change the settings");
  g_clear_error (&error);

  g_assert_true (mkt_session_commit (crafter, &error));
  g_assert_no_error (error);

  got = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_cmpstr (mkt_record_get_string (got, "name"), ==, "Alpaca");
  mkt_test_assert_no_transaction (f->path);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/permission/session/crafter-cannot-purge", NULL, test_session_crafter_cannot_purge);
  mkt_test_add ("/permission/session/refusals", NULL, test_session_refusals);
  mkt_test_add ("/permission/session/refusal-in-batch", NULL, test_session_refusal_in_batch);

  return g_test_run ();
}
