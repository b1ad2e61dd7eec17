/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-stock-movement, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-stock-movement, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-stock-movement"

#include "config.h"

#include "mkt-hlc.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"

/* Stock movements ----------------------------------------------------------------- */

static void
test_movement_rules (MktTestFixture *f,
                     gconstpointer   data)
{
  const struct
  {
    const char         *kind;
    const char         *quantity;
    const char         *reason;
    gboolean            material_ok;
    MktValidationError  code;
    const char         *field;
    const char         *message;
  } refused[] = {
    { "purchase", "0", NULL, TRUE, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity",
      "quantity: a purchase must add stock (more than 0)" },
    { "purchase", "-1.5", NULL, TRUE, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "quantity",
      "quantity: a purchase must add stock (more than 0)" },
    { "adjustment", "-1", NULL, TRUE, MKT_VALIDATION_ERROR_REQUIRED, "reason",
      "reason: an adjustment needs a reason" },
    { "adjustment", "-1", "  ", TRUE, MKT_VALIDATION_ERROR_REQUIRED, "reason", NULL },
    { "purchase", "1", NULL, FALSE, MKT_VALIDATION_ERROR_REFERENCE, "material_id", NULL },
  };
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", NULL);
  g_autoptr(MktRecord) adjustment = NULL;
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) trashed = mkt_test_create_material (f->session, "Trashed", NULL);
  g_autofree char *missing_id = mkt_uuid_new_v7 ();
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (refused); c++)
    {
      g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);
      g_autofree char *before = mkt_test_snapshot (f->session);
      g_autofree char *after = NULL;

      mkt_record_set_string (movement, "material_id",
                             refused[c].material_ok ? mkt_record_get_id (material) : missing_id);
      mkt_record_set_string (movement, "kind", refused[c].kind);
      mkt_record_set_from_text (movement, "quantity", refused[c].quantity, NULL, &error);
      g_assert_no_error (error);
      mkt_record_set_int (movement, "occurred_at", f->now_ms * 1000);
      /* As typed: blank text is no reason. */
      if (refused[c].reason != NULL)
        {
          mkt_record_set_from_text (movement, "reason", refused[c].reason, NULL, &error);
          g_assert_no_error (error);
        }

      g_assert_false (mkt_session_create (f->session, movement, &error));
      mkt_assert_validation_error (error, refused[c].code, refused[c].field);
      if (refused[c].message != NULL)
        g_assert_cmpstr (error->message, ==, refused[c].message);
      g_clear_error (&error);

      after = mkt_test_snapshot (f->session);
      g_assert_cmpstr (after, ==, before);
    }

  /* Stock of a material in the trash cannot move. */
  mkt_test_delete_row (f, &mkt_material_spec, trashed);
  {
    g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);

    mkt_record_set_string (movement, "material_id", mkt_record_get_id (trashed));
    mkt_record_set_string (movement, "kind", "purchase");
    mkt_record_set_int (movement, "quantity", 1000000);
    mkt_record_set_int (movement, "occurred_at", f->now_ms * 1000);
    g_assert_false (mkt_session_create (f->session, movement, &error));
    mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_REFERENCE, "material_id");
    g_clear_error (&error);
  }

  /* What passes, with its audit row and change. */
  adjustment = mkt_test_create_movement (f->session, mkt_record_get_id (material), "adjustment", "-2",
                                         "moths");
  g_assert_true (mkt_hlc_parse (mkt_record_get_hlc (adjustment), NULL));
  {
    g_autofree char *occurred = mkt_test_iso (f->now_ms);
    g_autofree char *values = g_strdup_printf ("{\"material_id\": \"%s\", \"kind\": \"adjustment\","
                                               " \"quantity\": \"-2\", \"occurred_at\": \"%s\","
                                               " \"reason\": \"moths\"}",
                                               mkt_record_get_id (material), occurred);

    mkt_test_assert_logged (f, adjustment, 1, "create", NULL, values);
  }
  sale = mkt_test_create_movement (f->session, mkt_record_get_id (material), "sale", "-0.25", NULL);
  g_assert_cmpint (mkt_record_get_int (sale, "quantity"), ==, -250000);
}

static void
test_movement_read_only (MktTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", NULL);
  g_autoptr(MktRecord) movement = mkt_test_create_movement (f->session, mkt_record_get_id (material),
                                                            "purchase", "10", NULL);
  const char *immutable[] = { "quantity", "kind", "reason", "material_id" };
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (immutable); i++)
    {
      g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_stock_movement_spec, mkt_record_get_id (movement));

      if (g_str_equal (immutable[i], "quantity"))
        mkt_record_set_int (edit, "quantity", 20 * 1000000);
      else if (g_str_equal (immutable[i], "kind"))
        mkt_record_set_string (edit, "kind", "sale");
      else if (g_str_equal (immutable[i], "reason"))
        mkt_record_set_string (edit, "reason", "typo");
      else
        mkt_record_set_string (edit, "material_id", mkt_record_get_id (material));

      g_assert_false (mkt_session_update (f->session, edit, &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
    }

  g_assert_false (mkt_session_delete (f->session, &mkt_stock_movement_spec, mkt_record_get_id (movement), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (mkt_session_restore (f->session, &mkt_stock_movement_spec, mkt_record_get_id (movement), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Nor behind the session's back. */
  g_assert_false (mkt_test_store_exec (f, "UPDATE stock_movement SET quantity = 1", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/session/stock-movement/rules", NULL, test_movement_rules);
  mkt_test_add ("/session/stock-movement/read-only", NULL, test_movement_read_only);

  return g_test_run ();
}
