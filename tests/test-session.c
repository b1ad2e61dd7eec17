/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <string.h>

#include "mkt-hlc.h"
#include "mkt-test-utils.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Helpers -------------------------------------------------------------------- */

/* @actual and @expected hold the same JSON (members in any order), or are
 * both %NULL. */
#define assert_json_equal(actual, expected) \
  G_STMT_START { \
    const char *actual_ = (actual), *expected_ = (expected); \
    if (expected_ == NULL || actual_ == NULL) \
      g_assert_cmpstr (actual_, ==, expected_); \
    else \
      { \
        g_autoptr(JsonNode) a_ = json_from_string (actual_, NULL); \
        g_autoptr(JsonNode) e_ = json_from_string (expected_, NULL); \
        g_assert_nonnull (a_); \
        g_assert_nonnull (e_); \
        if (!json_node_equal (a_, e_)) \
          g_assert_cmpstr (actual_, ==, expected_); \
      } \
  } G_STMT_END

static char *
iso (gint64 ms)
{
  return mkt_timestamp_format (ms * 1000);
}

/* The log rows (audit or change) of one row, oldest first. */
static GPtrArray *
log_rows (MktTestFixture      *f,
          const MktEntitySpec *spec,
          const char          *row_id)
{
  return mkt_test_list_where (f->session, spec, spec == &mkt_audit_spec ? "entity_id" : "row_id", row_id);
}

/* The newest log row of @row_id, checking that there are @n_expected. */
static MktRecord *
last_log_row (MktTestFixture      *f,
              const MktEntitySpec *spec,
              const char          *row_id,
              guint                n_expected)
{
  g_autoptr(GPtrArray) rows = log_rows (f, spec, row_id);

  g_assert_cmpuint (rows->len, ==, n_expected);
  return g_object_ref (g_ptr_array_index (rows, rows->len - 1));
}

/* Checks the audit row and outbox change of the last mutation of @row. */
static void
assert_logged (MktTestFixture *f,
               MktRecord      *row,
               guint           n_mutations,
               const char     *action,
               const char     *old_values,
               const char     *new_values)
{
  const char *id = mkt_record_get_id (row);
  g_autoptr(MktRecord) audit = last_log_row (f, &mkt_audit_spec, id, n_mutations);
  g_autoptr(MktRecord) change = last_log_row (f, &mkt_change_spec, id, n_mutations);

  g_assert_cmpstr (mkt_record_get_string (audit, "action"), ==, action);
  g_assert_cmpstr (mkt_record_get_string (audit, "entity"), ==, mkt_record_get_spec (row)->name);
  g_assert_cmpstr (mkt_record_get_string (audit, "user_id"), ==, mkt_session_get_user_id (f->session));
  g_assert_cmpstr (mkt_record_get_string (audit, "session_id"), ==, mkt_session_get_session_id (f->session));
  assert_json_equal (mkt_record_get_string (audit, "old_values"), old_values);
  assert_json_equal (mkt_record_get_string (audit, "new_values"), new_values);
  g_assert_cmpint (mkt_record_get_created_at (audit), ==, f->now_ms * 1000);

  g_assert_cmpstr (mkt_record_get_string (change, "op"), ==, action);
  g_assert_cmpstr (mkt_record_get_string (change, "entity"), ==, mkt_record_get_spec (row)->name);
  g_assert_cmpstr (mkt_record_get_string (change, "device_id"), ==, mkt_session_get_device_id (f->session));
  g_assert_cmpstr (mkt_record_get_string (change, "user_id"), ==, mkt_session_get_user_id (f->session));
  assert_json_equal (mkt_record_get_string (change, "fields"), new_values);
  g_assert_nonnull (mkt_record_get_hlc (row));
  g_assert_cmpstr (mkt_record_get_string (change, "hlc"), ==, mkt_record_get_hlc (row));
}

static MktRecord *
get_row (MktTestFixture      *f,
         const MktEntitySpec *spec,
         const char          *id)
{
  g_autoptr(GError) error = NULL;
  MktRecord *row = mkt_session_get_any (f->session, spec, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);

  return row;
}

static void
delete_row (MktTestFixture      *f,
            const MktEntitySpec *spec,
            MktRecord           *row)
{
  g_autoptr(GError) error = NULL;

  mkt_session_delete (f->session, spec, mkt_record_get_id (row), &error);
  g_assert_no_error (error);
}

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

/* A material with a few more fields than the bare minimum. */
static MktRecord *
create_full_material (MktTestFixture *f,
                      const char     *name,
                      const char     *sku)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", name, "m");
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (material, "brand", "Old Brand");
  mkt_record_set_string (material, "colour", "Blue");
  mkt_record_set_int (material, "purchase_price", 100);
  if (sku != NULL)
    mkt_record_set_string (material, "sku", sku);
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&material);
}

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
  assert_logged (f, material, 1, "create", NULL, values);

  audit = last_log_row (f, &mkt_audit_spec, id, 1);
  g_assert_false (mkt_record_has (audit, "old_values"));
  g_assert_true (mkt_uuid_is_valid (mkt_record_get_string (audit, "user_id")));
  g_assert_nonnull (mkt_record_get_string (audit, "session_id"));
  change = last_log_row (f, &mkt_change_spec, id, 1);
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

  audit = last_log_row (f, &mkt_audit_spec, mkt_record_get_id (material), 1);
  audit_node = json_from_string (mkt_record_get_string (audit, "new_values"), &error);
  g_assert_no_error (error);
  change = last_log_row (f, &mkt_change_spec, mkt_record_get_id (material), 1);
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
  delete_row (f, &mkt_material_spec, gone);
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

  delete_row (f, &mkt_category_spec, category);
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
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", "SKU-1");
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_hlc = g_strdup (mkt_record_get_hlc (material));
  gint64 created_ms = f->now_ms;

  f->now_ms += 5000;
  mkt_session_set_session_id (f->session, "request-42");

  edit = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  mkt_record_set_string (edit, "name", "Merino");       /* the same: not a change */
  mkt_record_set_string (edit, "brand", "New Brand");
  mkt_record_set_int (edit, "purchase_price", 100);     /* the same */
  g_assert_true (mkt_session_update (f->session, edit, &error));
  g_assert_no_error (error);

  stored = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
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

  assert_logged (f, stored, 2, "update", "{\"brand\": \"Old Brand\"}", "{\"brand\": \"New Brand\"}");
  g_assert_cmpstr (mkt_session_get_session_id (f->session), ==, "request-42");
}

static void
test_update_clear_field (MktTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(MktRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  f->now_ms += 1000;
  mkt_record_set_null (edit, "brand");
  mkt_record_set_string (edit, "colour", "Red");
  mkt_session_update (f->session, edit, &error);
  g_assert_no_error (error);

  stored = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_false (mkt_record_has (stored, "brand"));
  g_assert_cmpstr (mkt_record_get_string (stored, "colour"), ==, "Red");
  assert_logged (f, stored, 2, "update",
                 "{\"brand\": \"Old Brand\", \"colour\": \"Blue\"}",
                 "{\"brand\": null, \"colour\": \"Red\"}");
}

static void
test_update_nothing (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
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
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) first = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
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

  stored = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_assert_cmpstr (mkt_record_get_string (stored, "brand"), ==, "Second's Brand");
  g_assert_cmpstr (mkt_record_get_string (stored, "colour"), ==, "First's Colour");
  g_assert_cmpstr (mkt_record_get_string (first, "brand"), ==, "Second's Brand");
  assert_logged (f, stored, 3, "update", "{\"colour\": \"Blue\"}", "{\"colour\": \"First's Colour\"}");
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

  delete_row (f, &mkt_category_spec, category);
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
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", "SKU-1");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MktRecord) edit = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
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
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", NULL);
  g_autoptr(MktRecord) edit = get_row (f, &mkt_material_spec, mkt_record_get_id (material));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  delete_row (f, &mkt_material_spec, material);
  before = mkt_test_snapshot (f->session);

  f->now_ms += 1000;
  mkt_record_set_string (edit, "brand", "Edited in the trash");
  g_assert_false (mkt_session_update (f->session, edit, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

/* Delete and restore ------------------------------------------------------------ */

static void
test_delete_restore (MktTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(MktRecord) material = create_full_material (f, "Merino", "SKU-1");
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
  deleted_iso = iso (deleted_ms);
  g_assert_true (mkt_session_delete (f->session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);

  got = mkt_session_get (f->session, &mkt_material_spec, id, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  got = get_row (f, &mkt_material_spec, id);
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
  assert_logged (f, got, 2, "delete", "{\"deleted_at\": null}", new_values);

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
  assert_logged (f, got, 3, "restore", old_values, "{\"deleted_at\": null}");

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

  delete_row (f, &mkt_material_spec, first);
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
  got = get_row (f, &mkt_material_spec, id);
  g_assert_true (mkt_record_is_deleted (got));
  g_assert_true (list_has (f, MKT_DELETED_ONLY, id));

  /* Once the sku is free again, it comes back. */
  delete_row (f, &mkt_material_spec, second);
  g_assert_true (mkt_session_restore (f->session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  g_assert_true (list_has (f, MKT_DELETED_EXCLUDE, id));
}

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

  delete_row (f, &mkt_material_spec, twin_b);
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
  g_autoptr(MktRecord) tenant = get_row (f, &mkt_tenant_spec, tenant_id);
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
  g_autofree char *old_iso = iso (old_ms);
  g_autofree char *kept_reason = NULL;
  guint n_audit, n_change;

  f->now_ms = now_ms - 41 * MKT_TEST_DAY_MS;
  lone_category = mkt_test_create_category (f->session, "Lone Category");
  kept_category = mkt_test_create_category (f->session, "Kept Category");
  used_category = mkt_test_create_category (f->session, "Used Category");
  old_material = create_full_material (f, "Old Material", "OLD-1");
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
  delete_row (f, &mkt_category_spec, lone_category);
  delete_row (f, &mkt_category_spec, kept_category);
  delete_row (f, &mkt_category_spec, used_category);
  delete_row (f, &mkt_material_spec, old_material);

  f->now_ms = recent_ms;
  delete_row (f, &mkt_material_spec, recent_material);

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
  audit = get_row (f, &mkt_category_spec, mkt_record_get_id (kept_category));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);
  audit = get_row (f, &mkt_category_spec, mkt_record_get_id (used_category));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);
  audit = get_row (f, &mkt_material_spec, mkt_record_get_id (recent_material));
  g_assert_true (mkt_record_is_deleted (audit));
  g_clear_object (&audit);

  /* One audit row and one change per purged row; the audit keeps the old
   * values, and the earlier audit rows stay. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, n_audit + 2);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_change_spec), ==, n_change + 2);
  audit = last_log_row (f, &mkt_audit_spec, mkt_record_get_id (old_material), 3);
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
    g_autoptr(GPtrArray) movement_audit = log_rows (f, &mkt_audit_spec, mkt_record_get_id (movement_a));
    g_assert_cmpuint (movement_audit->len, ==, 1);
  }
  change = last_log_row (f, &mkt_change_spec, mkt_record_get_id (old_material), 3);
  g_assert_cmpstr (mkt_record_get_string (change, "op"), ==, "purge");
  g_assert_false (mkt_record_has (change, "fields"));
  g_clear_object (&audit);
  audit = last_log_row (f, &mkt_audit_spec, mkt_record_get_id (lone_category), 3);
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
  delete_row (f, &mkt_material_spec, material);
  delete_row (f, &mkt_category_spec, category);
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
        g_autoptr(MktRecord) edit = get_row (f, &mkt_material_spec, mkt_record_get_id (rows->active));

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
  g_autofree char *trigger = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const gint64 now_ms = f->now_ms;

  f->now_ms = now_ms - 41 * MKT_TEST_DAY_MS;
  rows.active = create_full_material (f, "Active", "ACTIVE-1");
  rows.trashed = mkt_test_create_material (f->session, "Trashed", "TRASHED-1");
  rows.old = mkt_test_create_material (f->session, "Old", "OLD-1");
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (rows.active), "purchase", "3", NULL));
  g_object_unref (mkt_test_create_movement (f->session, mkt_record_get_id (rows.old), "purchase", "7", NULL));
  f->now_ms = now_ms - 40 * MKT_TEST_DAY_MS;
  delete_row (f, &mkt_material_spec, rows.old);
  f->now_ms = now_ms - MKT_TEST_DAY_MS;
  delete_row (f, &mkt_material_spec, rows.trashed);
  f->now_ms = now_ms;

  trigger = g_strdup_printf ("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON %s "
                             "BEGIN SELECT RAISE (ABORT, 'injected'); END;", c->table);
  mkt_sqlite_store_exec (f->store, trigger, &error);
  g_assert_no_error (error);

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
  mkt_sqlite_store_exec (f->store, "DROP TRIGGER fail_insert", &error);
  g_assert_no_error (error);
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

#define FAIL_CHANGE_SQL \
  "CREATE TEMP TRIGGER fail_change BEFORE INSERT ON change BEGIN SELECT RAISE (ABORT, 'injected'); END;"

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

  mkt_sqlite_store_exec (f->store, FAIL_CHANGE_SQL, &error);
  g_assert_no_error (error);
  g_assert_false (mkt_session_create (f->session, third, &error));
  g_assert_true (error->domain == MKT_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "injected"));
  g_clear_error (&error);
  mkt_sqlite_store_exec (f->store, "DROP TRIGGER fail_change", &error);
  g_assert_no_error (error);

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
      g_autoptr(GPtrArray) audit = log_rows (f, &mkt_audit_spec, mkt_record_get_id (material));
      g_autoptr(GPtrArray) changes = log_rows (f, &mkt_change_spec, mkt_record_get_id (material));

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
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = mkt_sqlite_store_new (f->path, &error);
  g_assert_no_error (error);

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
  delete_row (f, &mkt_material_spec, trashed);
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
    g_autofree char *occurred = iso (f->now_ms);
    g_autofree char *values = g_strdup_printf ("{\"material_id\": \"%s\", \"kind\": \"adjustment\","
                                               " \"quantity\": \"-2\", \"occurred_at\": \"%s\","
                                               " \"reason\": \"moths\"}",
                                               mkt_record_get_id (material), occurred);

    assert_logged (f, adjustment, 1, "create", NULL, values);
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
      g_autoptr(MktRecord) edit = get_row (f, &mkt_stock_movement_spec, mkt_record_get_id (movement));

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
  g_assert_false (mkt_sqlite_store_exec (f->store, "UPDATE stock_movement SET quantity = 1", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

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

  mkt_test_add ("/session/delete-restore", NULL, test_delete_restore);
  mkt_test_add ("/session/delete-tenant", NULL, test_delete_tenant_refused);
  mkt_test_add ("/session/restore/unique-conflict", NULL, test_restore_unique_conflict);
  mkt_test_add ("/session/resolve", NULL, test_resolve);
  mkt_test_add ("/session/currency-follows-tenant", NULL, test_currency_follows_tenant);

  mkt_test_add ("/session/purge/basic", NULL, test_purge);
  mkt_test_add ("/session/purge/dry-run-matches", NULL, test_purge_dry_run_matches);

  for (guint i = 0; i < G_N_ELEMENTS (rollback_cases); i++)
    mkt_test_add (rollback_cases[i].path, &rollback_cases[i], test_rollback);
  mkt_test_add ("/session/rollback/outer", NULL, test_rollback_outer);
  mkt_test_add ("/session/rollback/spoiled-commit", NULL, test_rollback_spoiled_commit);
  mkt_test_add ("/session/rollback/spoiled-nested", NULL, test_rollback_spoiled_nested);
  mkt_test_add ("/session/rollback/inner-commit-outer", NULL, test_rollback_inner_commit_outer);

  for (guint i = 0; i < G_N_ELEMENTS (hlc_cases); i++)
    mkt_test_add (hlc_cases[i].path, &hlc_cases[i], test_hlc_across_sessions);

  mkt_test_add ("/session/stock-movement/rules", NULL, test_movement_rules);
  mkt_test_add ("/session/stock-movement/read-only", NULL, test_movement_read_only);

  return g_test_run ();
}
