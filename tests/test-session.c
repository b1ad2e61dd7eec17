/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-session, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-session, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <string.h>

#include "mkt-hlc.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"

/* Create --------------------------------------------------------------------- */

static void
test_create_material (MktTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", "Merino DK", "m");
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(MktRecord) audit = NULL;
  g_autoptr(MktRecord) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *material_json = NULL;
  g_autofree char *stored_json = NULL;
  const char *id;
  const char *values = "{\"kind\": \"yarn\", \"name\": \"Merino DK\", \"unit\": \"m\", \"brand\": \"Drops\","
                       " \"purchase_price\": 499, \"purchase_unit\": \"skein\", \"purchase_size\": \"50\","
                       " \"attributes\": {\"needle\": \"4 mm\"}}";
  guint n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  guint n_change = mkt_test_count (f->session, &mkt_change_spec);
  MktHlc hlc;

  f->now_ms += 60 * 1000;

  g_assert_cmpstr (mkt_session_get_currency (f->session), ==, "USD");
  mkt_record_set_string (material, "brand", "Drops");
  mkt_record_set_from_text (material, "purchase_price", "4.99", mkt_session_get_currency (f->session), &error);
  g_assert_no_error (error);
  mkt_record_set_string (material, "purchase_unit", "skein");
  mkt_record_set_from_text (material, "purchase_size", "50", NULL, &error);
  g_assert_no_error (error);
  mkt_record_set_from_text (material, "attributes", "{ \"needle\" : \"4 mm\" }", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (mkt_record_get_id (material));

  g_assert_true (mkt_session_create (f->session, material, &error));
  g_assert_no_error (error);

  /* Its id is a UUIDv7 made now; its times are the session's clock. */
  id = mkt_record_get_id (material);
  g_assert_true (mkt_uuid_is_valid (id));
  g_assert_cmpint (id[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", id[19]));
  g_assert_cmpint (ABS (mkt_uuid_get_unix_ms (id) - g_get_real_time () / 1000), <, 60 * 1000);
  g_assert_cmpstr (mkt_record_get_tenant_id (material), ==, mkt_session_get_tenant_id (f->session));
  g_assert_cmpint (mkt_record_get_created_at (material), ==, f->now_ms * 1000);
  g_assert_cmpint (mkt_record_get_updated_at (material), ==, f->now_ms * 1000);
  g_assert_cmpint (mkt_record_get_deleted_at (material), ==, 0);
  g_assert_true (mkt_hlc_parse (mkt_record_get_hlc (material), &hlc));
  g_assert_cmpint (hlc.wall_ms, ==, f->now_ms);
  for (guint i = 0; i < mkt_material_spec.n_fields; i++)
    g_assert_false (mkt_record_is_dirty (material, i));

  /* The row as stored is the row the caller holds. */
  stored = mkt_session_get (f->session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  material_json = mkt_test_record_to_string (material);
  stored_json = mkt_test_record_to_string (stored);
  g_assert_cmpstr (stored_json, ==, material_json);
  g_assert_cmpint (mkt_record_get_int (stored, "purchase_price"), ==, 499);
  g_assert_cmpstr (mkt_record_get_string (stored, "attributes"), ==, "{\"needle\":\"4 mm\"}");

  /* One audit row and one change, no more. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 1);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change + 1);
  mkt_test_assert_logged (f, material, 1, "create", NULL, values);

  audit = mkt_test_last_log_row (f, &mkt_audit_spec, id, 1);
  g_assert_false (mkt_record_has (audit, "old_values"));
  g_assert_true (mkt_uuid_is_valid (mkt_record_get_string (audit, "user_id")));
  g_assert_nonnull (mkt_record_get_string (audit, "session_id"));
  change = mkt_test_last_log_row (f, &mkt_change_spec, id, 1);
  g_assert_cmpstr (mkt_record_get_string (change, "row_id"), ==, id);
}

/* Audit rows and changes are JSON whatever the text holds: quotes,
 * backslashes, line breaks, control characters, any script. */
static void
test_create_audit_json (MktTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", "Say \"hi\" \\ to\tall", "m");
  g_autoptr(MktRecord) audit = NULL;
  g_autoptr(MktRecord) change = NULL;
  g_autoptr(JsonObject) expected = json_object_new ();
  g_autoptr(JsonNode) expected_node = NULL;
  g_autoptr(JsonNode) audit_node = NULL;
  g_autoptr(JsonNode) change_node = NULL;
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (material, "brand", "\u00dcn\u00efc\u00f6d\u00e9 \U0001f9f6 \u4e2d\u6587");
  mkt_record_set_string (material, "sku", "</script>&amp;");
  mkt_record_set_string (material, "colour", "\x01\x1f\x7f");
  mkt_record_set_string (material, "notes", "line one\nline two\r\n\"quoted\"\\");
  mkt_record_set_from_text (material, "attributes", "{\"quote\": \"a\\\"b\", \"nested\": {\"x\": [1, 2.5, null]}}",
                            NULL, &error);
  g_assert_no_error (error);
  mkt_record_set_int (material, "purchase_price", G_MININT64 + 1);
  mkt_record_set_int (material, "reorder_level", G_MAXINT64);
  g_assert_false (mkt_session_create (f->session, material, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "purchase_price");
  g_clear_error (&error);
  mkt_record_set_int (material, "purchase_price", G_MAXINT64);
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < mkt_material_spec.n_fields; i++)
    if (mkt_record_get_value (material, i) != NULL)
      json_object_set_member (expected, mkt_material_spec.fields[i].name,
                              mkt_value_to_json (&mkt_material_spec.fields[i], mkt_record_get_value (material, i)));
  expected_node = json_node_init_object (json_node_alloc (), expected);

  audit = mkt_test_last_log_row (f, &mkt_audit_spec, mkt_record_get_id (material), 1);
  audit_node = json_from_string (mkt_record_get_string (audit, "new_values"), &error);
  g_assert_no_error (error);
  change = mkt_test_last_log_row (f, &mkt_change_spec, mkt_record_get_id (material), 1);
  change_node = json_from_string (mkt_record_get_string (change, "fields"), &error);
  g_assert_no_error (error);

  if (!json_node_equal (audit_node, expected_node))
    {
      g_autofree char *want = json_to_string (expected_node, FALSE);
      g_assert_cmpstr (mkt_record_get_string (audit, "new_values"), ==, want);
    }
  g_assert_true (json_node_equal (change_node, expected_node));
}

/* A row made offline elsewhere keeps its id. */
static void
test_create_with_id (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("bead", "Seed beads", "g");
  g_autoptr(MktRecord) bad = mkt_test_material_new ("bead", "Bad id", "g");
  g_autofree char *id = mkt_uuid_new_v7 ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  mkt_record_set_id (material, id);
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_id (material), ==, id);

  before = mkt_test_snapshot (f->session);
  mkt_record_set_id (bad, "not-an-id");
  g_assert_false (mkt_session_create (f->session, bad, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "id");
  g_clear_error (&error);

  /* The same id twice. */
  g_clear_object (&bad);
  bad = mkt_test_material_new ("bead", "Same id", "g");
  mkt_record_set_id (bad, id);
  g_assert_false (mkt_session_create (f->session, bad, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* What passes: the limits are in characters, not bytes. */
static void
test_create_edges (MktTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(MktRecord) long_name = NULL;
  g_autoptr(MktRecord) gone = NULL;
  g_autoptr(MktRecord) reused = NULL;
  g_autoptr(MktRecord) packed = mkt_test_material_new ("yarn", "Packed", "m");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (name, "é");
  long_name = mkt_test_material_new ("yarn", name->str, "m");
  mkt_session_create (f->session, long_name, &error);
  g_assert_no_error (error);

  /* A sku in the trash may be used again. */
  gone = mkt_test_create_material (f->session, "Gone", "SKU-1");
  mkt_test_delete_row (f, &mkt_material_spec, gone);
  reused = mkt_test_create_material (f->session, "Reused", "SKU-1");

  mkt_record_set_string (packed, "weight_class", "dk");
  mkt_record_set_string (packed, "purchase_unit", "skein");
  mkt_record_set_from_text (packed, "purchase_size", "200", NULL, &error);
  g_assert_no_error (error);
  mkt_record_set_from_text (packed, "unit", "Metres", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (packed, "unit"), ==, "m");
  mkt_record_set_from_text (packed, "kind", " Yarn ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (packed, "kind"), ==, "yarn");
  mkt_session_create (f->session, packed, &error);
  g_assert_no_error (error);
}

typedef enum
{
  SET_STRING,
  SET_INT,
  SET_NULL,
  SET_TEXT,
  SET_JSON,
} SetMode;

typedef void (*PrepareFunc) (MktTestFixture *f,
                             MktRecord      *material);

typedef struct
{
  const char         *path;
  PrepareFunc         prepare;
  SetMode             mode;
  const char         *field;
  const char         *text;        /* SET_STRING, SET_TEXT; SET_JSON: JSON text */
  gint64              number;      /* SET_INT */
  gboolean            on_set;      /* setting fails, not creating */
  MktValidationError  code;
  const char         *error_field;
  const char         *message;     /* the whole message, or NULL */
  const char         *contains;    /* a part of it, or NULL */
} InvalidCase;

static void
prepare_long_name (MktTestFixture *f,
                   MktRecord      *material)
{
  g_autofree char *name = g_strnfill (201, 'x');

  mkt_record_set_string (material, "name", name);
}

static void
prepare_size (MktTestFixture *f,
              MktRecord      *material)
{
  mkt_record_set_int (material, "purchase_size", 50 * 1000000);
}

static void
prepare_skein (MktTestFixture *f,
               MktRecord      *material)
{
  mkt_record_set_string (material, "purchase_unit", "skein");
}

static void
prepare_bead (MktTestFixture *f,
              MktRecord      *material)
{
  mkt_record_set_string (material, "kind", "bead");
}

static void
prepare_missing_category (MktTestFixture *f,
                          MktRecord      *material)
{
  g_autofree char *id = mkt_uuid_new_v7 ();

  mkt_record_set_string (material, "category_id", id);
}

static void
prepare_trashed_category (MktTestFixture *f,
                          MktRecord      *material)
{
  g_autoptr(MktRecord) category = mkt_test_create_category (f->session, "Old stuff");

  mkt_test_delete_row (f, &mkt_category_spec, category);
  mkt_record_set_string (material, "category_id", mkt_record_get_id (category));
}

static void
prepare_other_tenants_category (MktTestFixture *f,
                                MktRecord      *material)
{
  g_autoptr(MktSession) other = mkt_test_session_new_tenant (MKT_STORE (f->store), "Other", &f->now_ms);
  g_autoptr(MktRecord) category = mkt_test_create_category (other, "Theirs");

  mkt_record_set_string (material, "category_id", mkt_record_get_id (category));
}

static void
prepare_taken_sku (MktTestFixture *f,
                   MktRecord      *material)
{
  g_autoptr(MktRecord) first = mkt_test_create_material (f->session, "First", "DUP-1");

  mkt_record_set_string (material, "sku", "DUP-1");
}

static const InvalidCase invalid_cases[] = {
  { "missing-name", NULL, SET_NULL, "name", .code = MKT_VALIDATION_ERROR_REQUIRED,
    .error_field = "name", .message = "name: is required" },
  { "blank-name", NULL, SET_STRING, "name", " \t ", .code = MKT_VALIDATION_ERROR_REQUIRED,
    .error_field = "name", .message = "name: must not be empty" },
  { "two-line-name", NULL, SET_STRING, "name", "Merino\nDK", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "name", .message = "name: must be a single line" },
  { "long-name", prepare_long_name, SET_STRING, "brand", "Drops", .code = MKT_VALIDATION_ERROR_TOO_LONG,
    .error_field = "name", .message = "name: must be at most 200 characters" },
  { "negative-price", NULL, SET_INT, "purchase_price", NULL, -1, .code = MKT_VALIDATION_ERROR_OUT_OF_RANGE,
    .error_field = "purchase_price", .message = "purchase_price: must not be negative" },
  { "negative-price-text", NULL, SET_TEXT, "purchase_price", "-0.01", .code = MKT_VALIDATION_ERROR_OUT_OF_RANGE,
    .error_field = "purchase_price", .message = "purchase_price: must not be negative" },
  { "price-decimals", NULL, SET_TEXT, "purchase_price", "4.999", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "purchase_price",
    .message = "purchase_price: “4.999” has more decimals than USD allows (2)" },
  { "price-not-a-number", NULL, SET_TEXT, "purchase_price", "cheap", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "purchase_price" },
  { "unknown-unit", NULL, SET_STRING, "unit", "furlong", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "unit", .message = "unit: “furlong” is not a known unit" },
  { "unknown-unit-text", NULL, SET_TEXT, "unit", "furlong", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "unit", .message = "unit: “furlong” is not a known unit" },
  /* Text in another encoding is refused, never lost or cut. */
  { "not-utf8-name", NULL, SET_TEXT, "name", "Caf\xe9 yarn", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "name",
    .message = "name: is not valid UTF-8 text (is the file in another encoding?)" },
  { "not-utf8-notes", NULL, SET_TEXT, "notes", "\xfe\xff", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "notes",
    .message = "notes: is not valid UTF-8 text (is the file in another encoding?)" },
  /* A unit's other spelling is not stored as such. */
  { "unit-not-symbol", NULL, SET_STRING, "unit", "metres", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "unit", .message = "unit: “metres” is not a known unit" },
  { "bad-kind", NULL, SET_STRING, "kind", "plastic", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "kind",
    .message = "kind: “plastic” is not one of yarn, fabric, fibre, bead, finding, notion, packaging, tool, other" },
  { "bad-kind-text", NULL, SET_TEXT, "kind", "plastic", .on_set = TRUE, .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "kind",
    .message = "kind: “plastic” is not one of yarn, fabric, fibre, bead, finding, notion, packaging, tool, other" },
  { "bad-weight", NULL, SET_STRING, "weight_class", "chunky", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "weight_class", .contains = "is not one of lace, fingering" },
  { "pack-is-a-unit", prepare_size, SET_STRING, "purchase_unit", "m", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "purchase_unit", .contains = "“m” is a unit of its own" },
  { "pack-is-a-unit-name", prepare_size, SET_STRING, "purchase_unit", "yards", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "purchase_unit", .contains = "“yards” is a unit of its own" },
  { "pack-without-size", NULL, SET_STRING, "purchase_unit", "skein", .code = MKT_VALIDATION_ERROR_REQUIRED,
    .error_field = "purchase_size",
    .message = "purchase_size: is required when purchase_unit is set (how many m in one skein)" },
  { "pack-size-zero", prepare_skein, SET_INT, "purchase_size", NULL, 0, .code = MKT_VALIDATION_ERROR_OUT_OF_RANGE,
    .error_field = "purchase_size", .message = "purchase_size: must be more than 0" },
  { "weight-not-yarn", prepare_bead, SET_STRING, "weight_class", "dk", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "weight_class", .message = "weight_class: only yarn has a weight class" },
  { "attributes-array", NULL, SET_STRING, "attributes", "[1, 2]", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "attributes", .contains = "must be a JSON object" },
  { "attributes-array-text", NULL, SET_TEXT, "attributes", "[1, 2]", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "attributes", .contains = "must be a JSON object" },
  { "attributes-not-json", NULL, SET_TEXT, "attributes", "{needle: 4", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "attributes" },
  { "attributes-json-string", NULL, SET_JSON, "attributes", "\"needle\"", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "attributes",
    .message = "attributes: must be a JSON object" },
  { "price-json-string", NULL, SET_JSON, "purchase_price", "\"4.99\"", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_INVALID, .error_field = "purchase_price" },
  { "unknown-field", NULL, SET_TEXT, "flavour", "mint", .on_set = TRUE,
    .code = MKT_VALIDATION_ERROR_UNKNOWN_FIELD, .error_field = "flavour" },
  { "category-not-an-id", NULL, SET_STRING, "category_id", "category-1", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "category_id" },
  { "category-missing", prepare_missing_category, SET_STRING, "brand", "Drops",
    .code = MKT_VALIDATION_ERROR_REFERENCE, .error_field = "category_id", .contains = "there is no category" },
  { "category-in-trash", prepare_trashed_category, SET_STRING, "brand", "Drops",
    .code = MKT_VALIDATION_ERROR_REFERENCE, .error_field = "category_id",
    .message = "category_id: the category “Old stuff” is in the trash" },
  { "category-of-other-tenant", prepare_other_tenants_category, SET_STRING, "brand", "Drops",
    .code = MKT_VALIDATION_ERROR_REFERENCE, .error_field = "category_id", .contains = "there is no category" },
  { "sku-taken", prepare_taken_sku, SET_STRING, "brand", "Drops", .code = MKT_VALIDATION_ERROR_INVALID,
    .error_field = "sku", .message = "sku: “DUP-1” is already used by the material “First”" },
};

static void
test_create_invalid (MktTestFixture *f,
                     gconstpointer   data)
{
  const InvalidCase *c = data;
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", "Merino DK", "m");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *record_before = NULL;
  guint n_material, n_audit, n_change;
  gboolean set_ok = TRUE;

  if (c->prepare != NULL)
    c->prepare (f, material);

  n_material = mkt_test_count (f->session, &mkt_material_spec);
  n_audit = mkt_test_count (f->session, &mkt_audit_spec);
  n_change = mkt_test_count (f->session, &mkt_change_spec);
  before = mkt_test_snapshot (f->session);
  record_before = mkt_test_record_to_string (material);

  switch (c->mode)
    {
    case SET_STRING:
      mkt_record_set_string (material, c->field, c->text);
      break;
    case SET_INT:
      mkt_record_set_int (material, c->field, c->number);
      break;
    case SET_NULL:
      mkt_record_set_null (material, c->field);
      break;
    case SET_TEXT:
      set_ok = mkt_record_set_from_text (material, c->field, c->text,
                                         mkt_session_get_currency (f->session), &error);
      break;
    case SET_JSON:
      {
        g_autoptr(JsonNode) node = json_from_string (c->text, NULL);

        g_assert_nonnull (node);
        set_ok = mkt_record_set_from_json (material, c->field, node, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (c->on_set)
    {
      g_autofree char *record_after = mkt_test_record_to_string (material);

      g_assert_false (set_ok);
      /* A refused value leaves the record as it was. */
      g_assert_cmpstr (record_after, ==, record_before);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (set_ok);
      g_assert_false (mkt_session_create (f->session, material, &error));
    }

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  mkt_assert_validation_error (error, c->code, c->error_field);
  if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
  if (c->contains != NULL)
    g_assert_nonnull (strstr (error->message, c->contains));

  /* Nothing was written. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_material_spec), ==, n_material);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change);
  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Update --------------------------------------------------------------------- */

static void
test_update_dirty_only (MktTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", "SKU-1");
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_hlc = g_strdup (mkt_record_get_hlc (material));
  gint64 created_ms = f->now_ms;

  f->now_ms += 5000;
  mkt_session_set_session_id (f->session, "request-42");

  edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  mkt_record_set_string (edit, "name", "Merino");       /* the same: not a change */
  mkt_record_set_string (edit, "brand", "New Brand");
  mkt_record_set_int (edit, "purchase_price", 100);     /* the same */
  g_assert_true (mkt_session_update (f->session, edit, &error));
  g_assert_no_error (error);

  stored = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_cmpstr (mkt_record_get_string (stored, "brand"), ==, "New Brand");
  g_assert_cmpstr (mkt_record_get_string (stored, "name"), ==, "Merino");
  g_assert_cmpstr (mkt_record_get_string (stored, "colour"), ==, "Blue");
  g_assert_cmpstr (mkt_record_get_string (stored, "sku"), ==, "SKU-1");
  g_assert_cmpint (mkt_record_get_int (stored, "purchase_price"), ==, 100);
  g_assert_cmpint (mkt_record_get_created_at (stored), ==, created_ms * 1000);
  g_assert_cmpint (mkt_record_get_updated_at (stored), ==, f->now_ms * 1000);
  g_assert_cmpstr (mkt_record_get_hlc (stored), >, old_hlc);

  /* The caller holds the row as stored, with nothing left dirty. */
  {
    g_autofree char *edit_json = mkt_test_record_to_string (edit);
    g_autofree char *stored_json = mkt_test_record_to_string (stored);

    g_assert_cmpstr (edit_json, ==, stored_json);
    for (guint i = 0; i < mkt_material_spec.n_fields; i++)
      g_assert_false (mkt_record_is_dirty (edit, i));
  }

  mkt_test_assert_logged (f, stored, 2, "update", "{\"brand\": \"Old Brand\"}", "{\"brand\": \"New Brand\"}");
  g_assert_cmpstr (mkt_session_get_session_id (f->session), ==, "request-42");
}

static void
test_update_clear_field (MktTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  f->now_ms += 1000;
  mkt_record_set_null (edit, "brand");
  mkt_record_set_string (edit, "colour", "Red");
  mkt_session_update (f->session, edit, &error);
  g_assert_no_error (error);

  stored = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_false (mkt_record_has (stored, "brand"));
  g_assert_cmpstr (mkt_record_get_string (stored, "colour"), ==, "Red");
  mkt_test_assert_logged (f, stored, 2, "update",
                          "{\"brand\": \"Old Brand\", \"colour\": \"Blue\"}",
                          "{\"brand\": null, \"colour\": \"Red\"}");
}

static void
test_update_nothing (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;

  f->now_ms += 1000;

  /* Nothing set at all. */
  g_assert_true (mkt_session_update (f->session, edit, &error));
  g_assert_no_error (error);

  /* Fields set to what they are. */
  mkt_record_set_string (edit, "name", "Merino");
  mkt_record_set_string (edit, "brand", "Old Brand");
  mkt_record_set_null (edit, "sku");
  g_assert_true (mkt_session_update (f->session, edit, &error));
  g_assert_no_error (error);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Two people edit the same row from copies read before either saved. */
static void
test_update_concurrent (MktTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) first = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(MktRecord) second = mkt_record_copy (first);
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  f->now_ms += 1000;
  mkt_record_set_string (second, "brand", "Second's Brand");
  mkt_session_update (f->session, second, &error);
  g_assert_no_error (error);

  f->now_ms += 1000;
  mkt_record_set_string (first, "colour", "First's Colour");
  mkt_session_update (f->session, first, &error);
  g_assert_no_error (error);

  stored = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_cmpstr (mkt_record_get_string (stored, "brand"), ==, "Second's Brand");
  g_assert_cmpstr (mkt_record_get_string (stored, "colour"), ==, "First's Colour");
  g_assert_cmpstr (mkt_record_get_string (first, "brand"), ==, "Second's Brand");
  mkt_test_assert_logged (f, stored, 3, "update", "{\"colour\": \"Blue\"}", "{\"colour\": \"First's Colour\"}");
}

typedef void (*EditFunc) (MktTestFixture *f,
                          MktRecord      *edit);

static void
edit_negative_price (MktTestFixture *f,
                     MktRecord      *edit)
{
  mkt_record_set_int (edit, "purchase_price", -5);
}

static void
edit_taken_sku (MktTestFixture *f,
                MktRecord      *edit)
{
  g_autoptr(MktRecord) other = mkt_test_create_material (f->session, "Other", "TAKEN");

  mkt_record_set_string (edit, "sku", "TAKEN");
}

static void
edit_trashed_category (MktTestFixture *f,
                       MktRecord      *edit)
{
  g_autoptr(MktRecord) category = mkt_test_create_category (f->session, "Gone");

  mkt_test_delete_row (f, &mkt_category_spec, category);
  mkt_record_set_string (edit, "category_id", mkt_record_get_id (category));
}

static void
edit_weight_on_bead (MktTestFixture *f,
                     MktRecord      *edit)
{
  mkt_record_set_string (edit, "kind", "bead");
  mkt_record_set_string (edit, "weight_class", "dk");
}

static void
test_update_invalid (MktTestFixture *f,
                     gconstpointer   data)
{
  const struct
  {
    EditFunc            edit;
    MktValidationError  code;
    const char         *field;
  } cases[] = {
    { edit_negative_price, MKT_VALIDATION_ERROR_OUT_OF_RANGE, "purchase_price" },
    { edit_taken_sku, MKT_VALIDATION_ERROR_INVALID, "sku" },
    { edit_trashed_category, MKT_VALIDATION_ERROR_REFERENCE, "category_id" },
    { edit_weight_on_bead, MKT_VALIDATION_ERROR_INVALID, "weight_class" },
  };
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", "SKU-1");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      f->now_ms += 1000;
      cases[c].edit (f, edit);
      before = mkt_test_snapshot (f->session);
      g_assert_false (mkt_session_update (f->session, edit, &error));
      mkt_assert_validation_error (error, cases[c].code, cases[c].field);
      after = mkt_test_snapshot (f->session);
      g_assert_cmpstr (after, ==, before);
      mkt_test_assert_no_transaction (f->path);
    }
}

static void
test_update_deleted (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  mkt_test_delete_row (f, &mkt_material_spec, material);
  before = mkt_test_snapshot (f->session);

  f->now_ms += 1000;
  mkt_record_set_string (edit, "brand", "Edited in the trash");
  g_assert_false (mkt_session_update (f->session, edit, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Names and currency --------------------------------------------------------- */

static void
test_resolve (MktTestFixture *f,
              gconstpointer   data)
{
  g_autoptr(MktRecord) one = mkt_test_create_material (f->session, "Merino DK", NULL);
  g_autoptr(MktRecord) twin_a = mkt_test_create_material (f->session, "Twin", NULL);
  g_autoptr(MktRecord) twin_b = mkt_test_create_material (f->session, "Twin", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *upper = g_ascii_strup (mkt_record_get_id (one), -1);
  g_autofree char *id = NULL;

  id = mkt_session_resolve (f->session, &mkt_material_spec, "Merino DK", MKT_DELETED_EXCLUDE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, mkt_record_get_id (one));
  g_clear_pointer (&id, g_free);

  id = mkt_session_resolve (f->session, &mkt_material_spec, upper, MKT_DELETED_EXCLUDE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, mkt_record_get_id (one));
  g_clear_pointer (&id, g_free);

  id = mkt_session_resolve (f->session, &mkt_material_spec, "Twin", MKT_DELETED_EXCLUDE, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  g_assert_null (id);
  g_clear_error (&error);

  id = mkt_session_resolve (f->session, &mkt_material_spec, "Nobody", MKT_DELETED_INCLUDE, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (id);
  g_clear_error (&error);

  mkt_test_delete_row (f, &mkt_material_spec, twin_b);
  id = mkt_session_resolve (f->session, &mkt_material_spec, "Twin", MKT_DELETED_EXCLUDE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, mkt_record_get_id (twin_a));
  g_clear_pointer (&id, g_free);

  id = mkt_session_resolve (f->session, &mkt_material_spec, "Twin", MKT_DELETED_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, mkt_record_get_id (twin_b));
}

/* The session must not keep the currency it read first: after the tenant's
 * currency changes, money is parsed in the new one (a factor of 100 between
 * USD and JPY). */

static void
test_currency_follows_tenant (MktTestFixture *f,
                              gconstpointer   data)
{
  const char *tenant_id = mkt_session_get_tenant_id (f->session);
  g_autoptr(MktRecord) tenant = mkt_test_get_row (f, &mkt_tenant_spec, tenant_id);
  g_autoptr(MktRecord) material = mkt_test_material_new ("bead", "Glass", "pc");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (mkt_session_get_currency (f->session), ==, "USD");

  mkt_record_set_string (tenant, "currency", "JPY");
  mkt_session_update (f->session, tenant, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (mkt_session_get_currency (f->session), ==, "JPY");
  mkt_record_set_from_text (material, "purchase_price", "499", mkt_session_get_currency (f->session), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (material, "purchase_price"), ==, 499);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/session/create/material", NULL, test_create_material);
  mkt_test_add ("/session/create/audit-json", NULL, test_create_audit_json);
  mkt_test_add ("/session/create/with-id", NULL, test_create_with_id);
  mkt_test_add ("/session/create/edges", NULL, test_create_edges);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/session/create/invalid/", invalid_cases[i].path, NULL);
      mkt_test_add (path, &invalid_cases[i], test_create_invalid);
    }

  mkt_test_add ("/session/update/dirty-only", NULL, test_update_dirty_only);
  mkt_test_add ("/session/update/clear-field", NULL, test_update_clear_field);
  mkt_test_add ("/session/update/nothing", NULL, test_update_nothing);
  mkt_test_add ("/session/update/concurrent", NULL, test_update_concurrent);
  mkt_test_add ("/session/update/invalid", NULL, test_update_invalid);
  mkt_test_add ("/session/update/deleted", NULL, test_update_deleted);

  mkt_test_add ("/session/resolve", NULL, test_resolve);
  mkt_test_add ("/session/currency-follows-tenant", NULL, test_currency_follows_tenant);

  return g_test_run ();
}
