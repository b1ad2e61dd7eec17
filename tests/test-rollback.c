/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-rollback, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-rollback, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-rollback"

#include "config.h"

#include <string.h>

#include "mkt-test-utils.h"

/* Rollback ---------------------------------------------------------------------- */

typedef enum
{
  OP_CREATE,
  OP_CREATE_MOVEMENT,
  OP_UPDATE,
  OP_DELETE,
  OP_RESTORE,
  OP_PURGE,
} Op;

typedef struct
{
  const char *table;
  Op          op;
  const char *path;
} RollbackCase;

static const RollbackCase rollback_cases[] = {
  { "change", OP_CREATE, "/session/rollback/change/create" },
  { "change", OP_CREATE_MOVEMENT, "/session/rollback/change/create-movement" },
  { "change", OP_UPDATE, "/session/rollback/change/update" },
  { "change", OP_DELETE, "/session/rollback/change/delete" },
  { "change", OP_RESTORE, "/session/rollback/change/restore" },
  { "change", OP_PURGE, "/session/rollback/change/purge" },
  { "audit_log", OP_CREATE, "/session/rollback/audit/create" },
  { "audit_log", OP_CREATE_MOVEMENT, "/session/rollback/audit/create-movement" },
  { "audit_log", OP_UPDATE, "/session/rollback/audit/update" },
  { "audit_log", OP_DELETE, "/session/rollback/audit/delete" },
  { "audit_log", OP_RESTORE, "/session/rollback/audit/restore" },
  { "audit_log", OP_PURGE, "/session/rollback/audit/purge" },
};

typedef struct
{
  MktRecord *active;
  MktRecord *trashed;
  MktRecord *old;
} RollbackRows;

static gboolean
run_op (MktTestFixture  *f,
        Op               op,
        RollbackRows    *rows,
        GError         **error)
{
  switch (op)
    {
    case OP_CREATE:
      {
        g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", "New", "m");

        mkt_record_set_string (material, "sku", "NEW-1");
        return mkt_session_create (f->session, material, error);
      }

    case OP_CREATE_MOVEMENT:
      {
        g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);

        mkt_record_set_string (movement, "material_id", mkt_record_get_id (rows->active));
        mkt_record_set_string (movement, "kind", "purchase");
        mkt_record_set_int (movement, "quantity", 5000000);
        mkt_record_set_int (movement, "occurred_at", f->now_ms * 1000);
        return mkt_session_create (f->session, movement, error);
      }

    case OP_UPDATE:
      {
        g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (rows->active));

        mkt_record_set_string (edit, "brand", "Changed");
        mkt_record_set_string (edit, "sku", "CHANGED");
        return mkt_session_update (f->session, edit, error);
      }

    case OP_DELETE:
      return mkt_session_delete (f->session, &mkt_material_spec, mkt_record_get_id (rows->active), error);

    case OP_RESTORE:
      return mkt_session_restore (f->session, &mkt_material_spec, mkt_record_get_id (rows->trashed), error);

    case OP_PURGE:
      {
        g_autoptr(GPtrArray) report = mkt_session_purge (f->session, 30, FALSE, error);

        if (report != NULL)
          g_assert_cmpuint (report->len, ==, 1);
        return report != NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
test_rollback (MktTestFixture *f,
               gconstpointer   data)
{
  const RollbackCase *c = data;
  RollbackRows rows = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const gint64 now_ms = f->now_ms;

  f->now_ms = now_ms - 41 * MKT_TEST_DAY_MS;
  rows.active = mkt_test_create_full_material (f, "Active", "ACTIVE-1");
  rows.trashed = mkt_test_create_material (f->session, "Trashed", "TRASHED-1");
  rows.old = mkt_test_create_material (f->session, "Old", "OLD-1");
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (rows.active), "purchase", "3", NULL));
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (rows.old), "purchase", "7", NULL));
  f->now_ms = now_ms - 40 * MKT_TEST_DAY_MS;
  mkt_test_delete_row (f, &mkt_material_spec, rows.old);
  f->now_ms = now_ms - MKT_TEST_DAY_MS;
  mkt_test_delete_row (f, &mkt_material_spec, rows.trashed);
  f->now_ms = now_ms;

  mkt_test_fail_inserts (f, c->table);

  before = mkt_test_snapshot (f->session);
  g_assert_false (run_op (f, c->op, &rows, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == MKT_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "injected"));
  g_clear_error (&error);

  /* Row, audit and outbox exactly as before, and no transaction left open. */
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);

  /* Without the failure the same operation goes through. */
  mkt_test_stop_failing (f);
  g_assert_true (run_op (f, c->op, &rows, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, !=, before);
  mkt_test_assert_no_transaction (f->path);

  g_clear_object (&rows.active);
  g_clear_object (&rows.trashed);
  g_clear_object (&rows.old);
}

/* Starts a batch, creates two materials, and makes a third fail halfway:
 * its row and audit row are written, its change is refused. */
static void
batch_with_failure (MktTestFixture *f)
{
  g_autoptr(MktRecord) third = mkt_test_material_new ("yarn", "Third", "m");
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_session_begin (f->session, &error));
  g_assert_no_error (error);
  g_object_unref (mkt_test_create_material (f->session, "First", "SKU-1"));
  g_object_unref (mkt_test_create_material (f->session, "Second", "SKU-2"));

  mkt_test_fail_inserts (f, "change");
  g_assert_false (mkt_session_create (f->session, third, &error));
  g_assert_true (error->domain == MKT_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "injected"));
  g_clear_error (&error);
  mkt_test_stop_failing (f);

  /* Nothing is on disk while the batch is open. */
  g_assert_cmpint (mkt_test_sql_int (f->path, "SELECT count(*) FROM material"), ==, 0);
}

/* After the batch, the session and store work as before: a batch commits
 * for every connection to see. */
static void
assert_batches_work (MktTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n_material = mkt_test_sql_int (f->path, "SELECT count(*) FROM material");

  mkt_test_assert_no_transaction (f->path);
  mkt_session_begin (f->session, &error);
  g_assert_no_error (error);
  g_object_unref (mkt_test_create_material (f->session, "Fourth", "SKU-4"));
  g_object_unref (mkt_test_create_material (f->session, "Fifth", "SKU-5"));
  mkt_session_commit (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_test_sql_int (f->path, "SELECT count(*) FROM material"), ==, n_material + 2);
  mkt_test_assert_no_transaction (f->path);
}

static void
test_rollback_outer (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;

  batch_with_failure (f);
  mkt_session_rollback (f->session);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  assert_batches_work (f);
}

/* A batch in which a mutation failed halfway cannot be committed: no row is
 * kept without its audit row and change. */
static void
test_rollback_spoiled_commit (MktTestFixture *f,
                              gconstpointer   data)
{
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  batch_with_failure (f);
  g_assert_false (mkt_session_commit (f->session, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  assert_batches_work (f);
}

/* Every material has its audit rows and changes. */
static void
assert_every_row_logged (MktTestFixture *f)
{
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GError) error = NULL;

  mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
  materials = mkt_session_list (f->session, &mkt_material_spec, query, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      g_autoptr(GPtrArray) audit = mkt_test_log_rows (f, &mkt_audit_spec, mkt_record_get_id (material));
      g_autoptr(GPtrArray) changes = mkt_test_log_rows (f, &mkt_change_spec, mkt_record_get_id (material));

      g_test_message ("material %s", mkt_record_get_title (material));
      g_assert_cmpuint (audit->len, >, 0);
      g_assert_cmpuint (changes->len, >, 0);
    }
}

/* A batch spoiled by a half-written mutation stays spoiled when a batch
 * nested in it is rolled back or committed; otherwise the outer commit would
 * keep a material row (and its audit row) without its outbox change. */

static void
test_rollback_spoiled_nested (MktTestFixture *f,
                              gconstpointer   data)
{
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  batch_with_failure (f);

  /* A nested batch that its caller gives up on. */
  mkt_session_begin (f->session, &error);
  g_assert_no_error (error);
  g_object_unref (mkt_test_create_material (f->session, "Nested", "SKU-N"));
  mkt_session_rollback (f->session);

  mkt_session_commit (f->session, &error);
  assert_every_row_logged (f);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  assert_batches_work (f);
}

/* A failure inside an outer transaction that is then committed: only the
 * failed mutation is missing. */
static void
test_rollback_inner_commit_outer (MktTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) taken = mkt_test_material_new ("yarn", "Taken", "m");
  guint n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  guint n_change = mkt_test_count (f->session, &mkt_change_spec);

  mkt_session_begin (f->session, &error);
  g_assert_no_error (error);
  g_object_unref (mkt_test_create_material (f->session, "First", "SKU-1"));
  mkt_record_set_string (taken, "sku", "SKU-1");
  g_assert_false (mkt_session_create (f->session, taken, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "sku");
  g_clear_error (&error);
  g_object_unref (mkt_test_create_material (f->session, "Second", "SKU-2"));
  mkt_session_commit (f->session, &error);
  g_assert_no_error (error);

  g_assert_cmpint (mkt_test_sql_int (f->path, "SELECT count(*) FROM material"), ==, 2);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 2);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change + 2);
  mkt_test_assert_no_transaction (f->path);
}

/* HLC ---------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  gint64      first_offset_ms;    /* from the real time */
  gint64      second_offset_ms;
} HlcCase;

/* A new session carries on the device's HLC from its outbox, also when the
 * previous session ran with a clock far ahead (a fast clock since put
 * right): its changes must still come after the device's earlier ones. */

static const HlcCase hlc_cases[] = {
  { "/session/hlc/back-10-minutes", 0, -10 * 60 * 1000 },
  { "/session/hlc/back-2-days", 0, -2 * MKT_TEST_DAY_MS },
  { "/session/hlc/back-from-fast-clock", 2 * MKT_TEST_DAY_MS, 0 },
  { "/session/hlc/back-1-day-from-future", 2 * MKT_TEST_DAY_MS, MKT_TEST_DAY_MS },
};

static char *
newest_hlc (MktSession *session)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  mkt_query_set_sort (query, "hlc", TRUE);
  mkt_query_set_limit (query, 1);
  rows = mkt_session_list (session, &mkt_change_spec, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_strdup (mkt_record_get_string (g_ptr_array_index (rows, 0), "hlc"));
}

static void
test_hlc_across_sessions (MktTestFixture *f,
                          gconstpointer   data)
{
  const HlcCase *c = data;
  g_autoptr(MktSession) second = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant_id = g_strdup (mkt_session_get_tenant_id (f->session));
  g_autofree char *user_id = g_strdup (mkt_session_get_user_id (f->session));
  g_autofree char *device_id = g_strdup (mkt_session_get_device_id (f->session));
  g_autofree char *first_newest = NULL;
  gint64 real_ms = g_get_real_time () / 1000;
  gint64 second_ms;

  f->now_ms = real_ms + c->first_offset_ms;
  material = mkt_test_create_material (f->session, "Merino", NULL);
  for (guint i = 0; i < 3; i++)
    g_object_unref (mkt_test_create_material (f->session, "More", NULL));
  first_newest = newest_hlc (f->session);
  g_assert_cmpstr (mkt_record_get_hlc (material), <, first_newest);

  /* The app quits; the clock is set back; the app starts again. */
  g_assert_finalize_object (g_steal_pointer (&f->session));
  mkt_test_reopen_store (f);

  second_ms = real_ms + c->second_offset_ms;
  second = mkt_session_new (MKT_STORE (f->store), tenant_id, user_id, device_id);
  mkt_session_set_clock (second, mkt_test_clock_now, &second_ms);

  g_clear_object (&material);
  material = mkt_test_create_material (second, "After restart", NULL);
  g_test_message ("first session's newest %s, second session's %s", first_newest, mkt_record_get_hlc (material));
  g_assert_cmpstr (mkt_record_get_hlc (material), >, first_newest);

  edit = mkt_record_copy (material);
  mkt_record_clear_dirty (edit);
  mkt_record_set_string (edit, "brand", "Later");
  mkt_session_update (second, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_hlc (edit), >, mkt_record_get_hlc (material));

  mkt_session_delete (second, &mkt_material_spec, mkt_record_get_id (material), &error);
  g_assert_no_error (error);
  {
    g_autofree char *newest = newest_hlc (second);
    g_assert_cmpstr (newest, >, mkt_record_get_hlc (edit));
  }

  g_assert_finalize_object (g_steal_pointer (&second));
}

/* A session reads where its device's clock stands when it first stamps a
 * change, not when it is made: one made before another session of the
 * device wrote, with its wall clock behind, still stamps after those
 * writes (the server makes a session per request, most only read). */
static void
test_hlc_session_made_before_writes (MktTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(MktSession) early = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;
  gint64 early_ms = f->now_ms - MKT_TEST_DAY_MS;

  early = mkt_session_new (mkt_session_get_store (f->session), mkt_session_get_tenant_id (f->session),
                           mkt_session_get_user_id (f->session), mkt_session_get_device_id (f->session));
  mkt_session_set_clock (early, mkt_test_clock_now, &early_ms);
  mkt_session_set_permissions (early, mkt_session_get_permissions (f->session));

  /* Reading needs no clock. */
  rows = mkt_session_list (early, &mkt_material_spec, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    g_object_unref (mkt_test_create_material (f->session, "Written meanwhile", NULL));
  newest = newest_hlc (f->session);

  material = mkt_test_create_material (early, "Early session", NULL);
  g_assert_cmpstr (mkt_record_get_hlc (material), >, newest);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (rollback_cases); i++)
    mkt_test_add (rollback_cases[i].path, &rollback_cases[i], test_rollback);
  mkt_test_add ("/session/rollback/outer", NULL, test_rollback_outer);
  mkt_test_add ("/session/rollback/spoiled-commit", NULL, test_rollback_spoiled_commit);
  mkt_test_add ("/session/rollback/spoiled-nested", NULL, test_rollback_spoiled_nested);
  mkt_test_add ("/session/rollback/inner-commit-outer", NULL, test_rollback_inner_commit_outer);

  for (guint i = 0; i < G_N_ELEMENTS (hlc_cases); i++)
    mkt_test_add (hlc_cases[i].path, &hlc_cases[i], test_hlc_across_sessions);
  mkt_test_add ("/session/hlc/made-before-writes", NULL, test_hlc_session_made_before_writes);

  return g_test_run ();
}
