/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-api"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mkt-http-router.h"
#include "mkt-pg-test-utils.h"
#include "mkt-server-test-utils.h"

/* Every route of the server over HTTP, through the real market-server on a
 * migrated database, each at least once on its happy path, and the log of
 * the server shows it: a route added without such a test fails the last
 * test. The error classes that fit each family: 422 naming the field, 404
 * for another business's ids, 403 per default role.
 *
 * This program: the verbs every collection has (list, create, bulk, get,
 * replace, patch, delete, restore, delete for good; a ledger's refusals),
 * for each collection. The other routes: test-server-api-every-route-flows.c;
 * the helpers and the split between the two: mkt-server-test-utils.c. */

typedef struct
{
  char *admin;       /* Ann's business */
  char *viewer;      /* of Ann's business */
  char *crafter;
  char *manager;
  char *other;       /* Bob's business */
  char *product;     /* Ann's rows that recipe lines, sales and movements name */
  char *material;
} Fixture;

static Fixture fixture;

static void
fixture_ensure (void)
{
  if (fixture.admin != NULL)
    return;

  fixture.admin = register_business ("Ann");
  fixture.viewer = invite_role (fixture.admin, "viewer");
  fixture.crafter = invite_role (fixture.admin, "crafter");
  fixture.manager = invite_role (fixture.admin, "manager");
  fixture.other = register_business ("Bob");
  fixture.product = create_id (fixture.admin, "/api/v1/products", "{\"name\":\"Scarf\",\"price\":1000}");
  fixture.material = add_material (&shared.server, fixture.admin,
                                   "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\"}");
}

/* @format with "#" replaced by @tag and "@product", "@material" by the
 * fixture's ids. */
static char *
fill (const char *format,
      guint       tag)
{
  g_autofree char *number = g_strdup_printf ("%u", tag);
  const char *from[] = { "#", "@product", "@material" };
  const char *to[] = { number, fixture.product, fixture.material };
  char *text = g_strdup (format);

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    {
      g_auto(GStrv) pieces = g_strsplit (text, from[i], -1);

      g_free (text);
      text = g_strjoinv (to[i], pieces);
    }

  return text;
}

/* Asserts that @token's GET of the row answers @expected; returns the
 * answer. */
static JsonNode *
get_row (const char *token,
         const char *collection,
         const char *id,
         guint       expected)
{
  g_autofree char *path = path_of (collection, id, NULL);

  return call_expect ("GET", path, token, NULL, expected);
}

#define assert_row_status(token, collection, id, expected) \
  json_node_unref (get_row ((token), (collection), (id), (expected)))

/* A string member of the row as the admin reads it. */
static char *
row_member (const char *collection,
            const char *id,
            const char *name)
{
  g_autoptr(JsonNode) node = get_row (fixture.admin, collection, id, 200);

  return json_object_get_null_member (object (node), name) ? NULL : g_strdup (member (node, name));
}

static void
assert_notes (const char *collection,
              const char *id,
              const char *expected)
{
  g_autofree char *notes = row_member (collection, id, "notes");

  g_assert_cmpstr (notes, ==, expected);
}

/* How many of the rows of @collection's first page (all of them, here)
 * are @id (0 or 1), and in @out_total, how many there are. */
static guint
listed (const char *collection,
        const char *id,
        guint      *out_total)
{
  g_autofree char *path = g_strconcat (collection, "?limit=500", NULL);
  g_autoptr(JsonNode) node = call_expect ("GET", path, fixture.admin, NULL, 200);
  JsonArray *rows;
  guint found = 0;

  g_assert_true (json_object_get_null_member (object (node), "next_cursor"));
  rows = items (node);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (id != NULL && g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "id"), id))
      found++;
  if (out_total != NULL)
    *out_total = json_array_get_length (rows);

  return found;
}

/* Collections whose rows change ------------------------------------------------ */

/* "#" is a number that tells rows apart (1 to 9), "@…" a fixture's id. */
typedef struct
{
  const char *path;
  const char *permission;     /* the resource part of its permissions */
  const char *create;         /* a new row's body */
  const char *field;          /* a member it sets… */
  const char *value;          /* …to this */
  const char *replace;        /* a PUT's body, setting field to… */
  const char *replaced;
  const char *invalid;        /* a PATCH refused… */
  const char *invalid_field;  /* …naming this field */
} Family;

static const Family families[] = {
  { "/api/v1/inventory/materials", "materials", "{\"kind\":\"bead\",\"name\":\"Bead #\",\"unit\":\"pc\"}",
    "name", "Bead #", "{\"kind\":\"finding\",\"name\":\"Clasp #\",\"unit\":\"pc\"}", "Clasp #",
    "{\"unit\":\"parsec\"}", "unit" },
  { "/api/v1/inventory/yarns", "materials", "{\"name\":\"Yarn #\",\"unit\":\"m\",\"weight_class\":\"dk\"}",
    "name", "Yarn #", "{\"name\":\"Silk #\",\"unit\":\"g\"}", "Silk #",
    "{\"kind\":\"bead\"}", "kind" },
  { "/api/v1/products", "products", "{\"name\":\"Hat #\",\"price\":1500}",
    "name", "Hat #", "{\"name\":\"Cap #\",\"labour_minutes\":\"30\"}", "Cap #",
    "{\"price\":-1}", "price" },
  { "/api/v1/projects", "products", "{\"name\":\"Mitten #\"}",
    "name", "Mitten #", "{\"name\":\"Glove #\"}", "Glove #",
    "{\"name\":\"\"}", "name" },
  { "/api/v1/components", "components", "{\"name\":\"Strap #\",\"labour_minutes\":\"5\"}",
    "name", "Strap #", "{\"name\":\"Handle #\"}", "Handle #",
    "{\"labour_minutes\":\"-1\"}", "labour_minutes" },
  { "/api/v1/parts", "parts",
    "{\"product_id\":\"@product\",\"material_id\":\"@material\",\"quantity\":\"#\",\"unit\":\"m\"}",
    "quantity", "#", "{\"quantity\":\"1#\",\"unit\":\"m\"}", "1#",
    "{\"quantity\":\"0\"}", "quantity" },
  { "/api/v1/categories", "categories", "{\"name\":\"Shelf #\"}",
    "name", "Shelf #", "{\"name\":\"Rack #\"}", "Rack #",
    "{\"name\":\"\"}", "name" },
  { "/api/v1/market-events", "market_events", "{\"name\":\"Fair #\",\"starts_on\":\"2026-12-0#T09:00:00Z\"}",
    "name", "Fair #", "{\"name\":\"Show #\",\"starts_on\":\"2027-01-0#T09:00:00Z\"}", "Show #",
    "{\"ends_on\":\"2020-01-01T00:00:00Z\"}", "ends_on" },
};

static void
assert_member (const Family *family,
               const char   *id,
               const char   *format,
               guint         tag)
{
  g_autofree char *expected = fill (format, tag);
  g_autofree char *value = row_member (family->path, id, family->field);

  g_assert_cmpstr (value, ==, expected);
}

/* One row's life: created, listed, read, patched (and refused), replaced,
 * deleted, restored and deleted for good. */
static void
one_row (const Family *family)
{
  g_autofree char *body = fill (family->create, 1);
  g_autofree char *id = create_id (fixture.admin, family->path, body);
  g_autofree char *path = path_of (family->path, id, NULL);
  g_autofree char *restore = path_of (family->path, id, "/restore");
  g_autofree char *permanent = path_of (family->path, id, "/permanent");

  assert_member (family, id, family->value, 1);
  g_assert_cmpuint (listed (family->path, id, NULL), ==, 1);

  /* PATCH changes what it names and nothing else; a refused one nothing. */
  {
    g_autoptr(JsonNode) node = call_expect ("PATCH", path, fixture.admin, "{\"notes\":\"Patched\"}", 200);

    g_assert_cmpstr (member (node, "notes"), ==, "Patched");
  }
  assert_refused ("PATCH", path, fixture.admin, family->invalid, 422, "invalid", family->invalid_field);
  assert_member (family, id, family->value, 1);
  assert_notes (family->path, id, "Patched");

  /* PUT replaces: what its body leaves out is emptied. */
  {
    g_autofree char *replace = fill (family->replace, 1);
    g_autoptr(JsonNode) node = call_expect ("PUT", path, fixture.admin, replace, 200);

    g_assert_true (json_object_get_null_member (object (node), "notes"));
  }
  assert_member (family, id, family->replaced, 1);
  assert_notes (family->path, id, NULL);

  /* A row as read can be sent back as it is: nothing changes. */
  {
    g_autoptr(JsonNode) read = get_row (fixture.admin, family->path, id, 200);
    g_autofree char *text = json_to_string (read, FALSE);
    g_autoptr(JsonNode) node = call_expect ("PUT", path, fixture.admin, text, 200);

    g_assert_true (json_node_equal (node, read));
  }

  /* To the trash: gone from reads and from the list; back again. */
  {
    g_autoptr(JsonNode) node = call_expect ("DELETE", path, fixture.admin, NULL, 200);

    g_assert_false (json_object_get_null_member (object (node), "deleted_at"));
  }
  assert_row_status (fixture.admin, family->path, id, 404);
  g_assert_cmpuint (listed (family->path, id, NULL), ==, 0);
  {
    g_autoptr(JsonNode) node = call_expect ("POST", restore, fixture.admin, NULL, 200);

    g_assert_true (json_object_get_null_member (object (node), "deleted_at"));
  }
  g_assert_cmpuint (listed (family->path, id, NULL), ==, 1);
  assert_member (family, id, family->replaced, 1);
  assert_refused ("POST", restore, fixture.admin, NULL, 409, "conflict", NULL);

  /* For good: there is nothing left to restore. */
  {
    g_autoptr(JsonNode) node = call_expect ("DELETE", permanent, fixture.admin, NULL, 200);

    g_assert_true (json_object_get_boolean_member (object (node), "purged"));
    g_assert_cmpstr (member (node, "id"), ==, id);
  }
  assert_not_found_at ("POST", restore, fixture.admin, NULL);
  assert_row_status (fixture.admin, family->path, id, 404);
}

/* Bulk: all of it or none of it. */
static void
bulk_rows (const Family *family)
{
  g_autofree char *first = fill (family->create, 2);
  g_autofree char *second = fill (family->create, 3);
  g_autofree char *body = g_strdup_printf ("{\"operations\":[{\"data\":%s},{\"op\":\"create\",\"data\":%s}]}",
                                           first, second);
  g_autofree char *bulk = g_strconcat (family->path, "/bulk", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint before, after;

  listed (family->path, NULL, &before);
  {
    g_autoptr(JsonNode) node = bulk_call ("POST", bulk, fixture.admin, body, 200, -1, NULL);
    JsonObject *answer = object (node);
    JsonArray *results = json_object_get_array_member (answer, "results");

    g_assert_cmpint (json_object_get_int_member (answer, "count"), ==, 2);
    g_assert_cmpuint (json_array_get_length (results), ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, i), "status"), ==, 201);
    a = g_strdup (json_object_get_string_member (json_array_get_object_element (results, 0), "id"));
    b = g_strdup (json_object_get_string_member (json_array_get_object_element (results, 1), "id"));
  }
  listed (family->path, NULL, &after);
  g_assert_cmpuint (after, ==, before + 2);
  assert_member (family, a, family->value, 2);
  assert_member (family, b, family->value, 3);

  /* The second update is refused: the first is not kept. */
  g_free (body);
  body = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\",\"data\":{\"notes\":\"Bulk\"}},"
                          "{\"id\":\"%s\",\"data\":%s}]}", a, b, family->invalid);
  {
    g_autoptr(JsonNode) node = bulk_call ("PUT", bulk, fixture.admin, body, 422, 1, family->invalid_field);

    assert_notes (family->path, a, NULL);
  }
  g_free (body);
  body = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\",\"data\":{\"notes\":\"Bulk\"}},"
                          "{\"id\":\"%s\",\"op\":\"update\",\"data\":{\"notes\":\"Bulk\"}}]}", a, b);
  {
    g_autoptr(JsonNode) node = bulk_call ("PUT", bulk, fixture.admin, body, 200, -1, NULL);

    g_assert_cmpint (json_object_get_int_member (object (node), "count"), ==, 2);
  }
  assert_notes (family->path, a, "Bulk");
  assert_notes (family->path, b, "Bulk");

  /* A row that is not there: neither is deleted. Then both are. */
  g_free (body);
  body = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\"},{\"id\":\"0190b5b0-0000-7000-8000-000000000000\"}]}", a);
  {
    g_autoptr(JsonNode) node = bulk_call ("DELETE", bulk, fixture.admin, body, 404, 1, NULL);

    assert_row_status (fixture.admin, family->path, a, 200);
  }
  g_free (body);
  body = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\"},{\"id\":\"%s\"}]}", a, b);
  {
    g_autoptr(JsonNode) node = bulk_call ("DELETE", bulk, fixture.admin, body, 200, -1, NULL);

    g_assert_cmpint (json_object_get_int_member (object (node), "count"), ==, 2);
  }
  listed (family->path, NULL, &after);
  g_assert_cmpuint (after, ==, before);
  assert_row_status (fixture.admin, family->path, a, 404);
  assert_row_status (fixture.admin, family->path, b, 404);
}

/* Another business's ids are not found, whatever the verb; each default
 * role meets the permission it lacks. */
static void
others (const Family *family)
{
  g_autofree char *body = fill (family->create, 5);
  g_autofree char *id = create_id (fixture.admin, family->path, body);
  g_autofree char *path = path_of (family->path, id, NULL);
  g_autofree char *restore = path_of (family->path, id, "/restore");
  g_autofree char *permanent = path_of (family->path, id, "/permanent");
  g_autofree char *bulk = g_strconcat (family->path, "/bulk", NULL);
  g_autofree char *replace = fill (family->replace, 5);
  g_autofree char *operations = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\",\"data\":{\"notes\":\"Bob's\"}}]}",
                                                 id);
  g_autofree char *permission = NULL;
  const struct
  {
    const char *method;
    const char *path;
    const char *body;
  } cases[] = {
    { "GET", path, NULL }, { "PATCH", path, "{\"notes\":\"Bob's\"}" }, { "PUT", path, replace },
    { "DELETE", path, NULL }, { "POST", restore, NULL }, { "DELETE", permanent, NULL },
    { "PUT", bulk, operations }, { "DELETE", bulk, operations },
  };
  const struct
  {
    const char *method;
    const char *path;
    const char *body;
    const char *action;
  } denied[] = {
    { "POST", family->path, body, "create" }, { "POST", bulk, "{\"operations\":[]}", "create" },
    { "PATCH", path, "{\"notes\":\"Viewed\"}", "update" }, { "PUT", path, replace, "update" },
    { "DELETE", path, NULL, "soft_delete" }, { "POST", restore, NULL, "restore" },
    { "DELETE", permanent, NULL, "hard_delete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Bob: %s %s", cases[i].method, cases[i].path);
      assert_not_found_at (cases[i].method, cases[i].path, fixture.other, cases[i].body);
    }
  assert_member (family, id, family->value, 5);
  g_assert_cmpuint (listed (family->path, id, NULL), ==, 1);

  /* A viewer reads and does nothing else. */
  assert_row_status (fixture.viewer, family->path, id, 200);
  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      g_autofree char *needed = g_strconcat (family->permission, ":", denied[i].action, NULL);

      assert_denied (denied[i].method, denied[i].path, fixture.viewer, denied[i].body, needed);
    }

  /* A crafter deletes and restores, but not for good; a manager does. */
  {
    g_autoptr(JsonNode) deleted = call_expect ("DELETE", path, fixture.crafter, NULL, 200);
    g_autoptr(JsonNode) restored = call_expect ("POST", restore, fixture.crafter, NULL, 200);
  }
  permission = g_strconcat (family->permission, ":hard_delete", NULL);
  assert_denied ("DELETE", permanent, fixture.crafter, NULL, permission);
  {
    /* Nor through a bulk request whose route asks for less. */
    g_autofree char *purge = g_strdup_printf ("{\"operations\":[{\"op\":\"purge\",\"id\":\"%s\"}]}", id);

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(JsonNode) node = bulk_call (i == 0 ? "DELETE" : "POST", bulk, fixture.crafter, purge, 403, 0, NULL);
        JsonObject *error = json_object_get_object_member (object (node), "error");

        g_assert_cmpstr (json_object_get_string_member (error, "permission"), ==, permission);
      }
  }
  assert_row_status (fixture.admin, family->path, id, 200);
  {
    g_autoptr(JsonNode) node = call_expect ("DELETE", permanent, fixture.manager, NULL, 200);

    g_assert_true (json_object_get_boolean_member (object (node), "purged"));
  }
  assert_row_status (fixture.admin, family->path, id, 404);
}

static void
test_family (gconstpointer data)
{
  const Family *family = data;

  fixture_ensure ();
  one_row (family);
  bulk_rows (family);
  others (family);
}

/* Ledgers: rows are only added ------------------------------------------------ */

typedef struct
{
  const char *path;
  const char *permission;
  const char *create;
  const char *field;          /* a string member it sets… */
  const char *value;          /* …to this */
  const char *invalid;        /* a new row refused… */
  const char *invalid_field;  /* …naming this field */
} Ledger;

static const Ledger ledgers[] = {
  { "/api/v1/sales", "sales", "{\"product_id\":\"@product\",\"quantity\":#,\"payment_method\":\"card\"}",
    "quantity", "#", "{\"product_id\":\"@product\",\"quantity\":1,\"payment_method\":\"cheque\"}", "payment_method" },
  { "/api/v1/stock-movements", "stock_movements",
    "{\"material_id\":\"@material\",\"kind\":\"purchase\",\"quantity\":\"#\",\"total_cost\":#00}",
    "quantity", "#", "{\"material_id\":\"@material\",\"kind\":\"purchase\",\"quantity\":\"-5\",\"total_cost\":1}",
    "quantity" },
};

static void
test_ledger (gconstpointer data)
{
  const Ledger *ledger = data;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bulk = g_strconcat (ledger->path, "/bulk", NULL);
  g_autofree char *permission = g_strconcat (ledger->permission, ":create", NULL);
  guint status, before, after;

  fixture_ensure ();
  body = fill (ledger->create, 1);
  id = create_id (fixture.admin, ledger->path, body);
  path = path_of (ledger->path, id, NULL);
  {
    g_autofree char *value = row_member (ledger->path, id, ledger->field);
    g_autofree char *expected = fill (ledger->value, 1);

    g_assert_cmpstr (value, ==, expected);
  }
  g_assert_cmpuint (listed (ledger->path, id, &before), ==, 1);

  /* Append-only: changes are refused and change nothing. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const methods[] = { "PUT", "PATCH", "DELETE" };
      g_autoptr(JsonNode) node = call (methods[i], path, fixture.admin, i < 2 ? body : NULL, &status);
      JsonObject *error = assert_error (node, status, 405, "method_not_allowed", NULL);

      g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "append-only"));
    }
  assert_row_status (fixture.admin, ledger->path, id, 200);

  /* Bulk: the second row is refused, the first not kept; then both are. */
  {
    g_autofree char *first = fill (ledger->create, 2);
    g_autofree char *second = fill (ledger->create, 3);
    g_autofree char *invalid = fill (ledger->invalid, 4);
    g_autofree char *refused = g_strdup_printf ("{\"operations\":[{\"data\":%s},{\"data\":%s}]}", first, invalid);
    g_autofree char *accepted = g_strdup_printf ("{\"operations\":[{\"data\":%s},{\"data\":%s}]}", first, second);
    g_autoptr(JsonNode) no = bulk_call ("POST", bulk, fixture.admin, refused, 422, 1, ledger->invalid_field);
    g_autoptr(JsonNode) yes = NULL;
    JsonArray *results;

    listed (ledger->path, NULL, &after);
    g_assert_cmpuint (after, ==, before);

    yes = bulk_call ("POST", bulk, fixture.admin, accepted, 200, -1, NULL);
    results = json_object_get_array_member (object (yes), "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *item = json_object_get_object_member (json_array_get_object_element (results, i), "item");
        g_autofree char *expected = fill (ledger->value, i + 2);

        g_assert_cmpstr (json_object_get_string_member (item, ledger->field), ==, expected);
      }
    listed (ledger->path, NULL, &after);
    g_assert_cmpuint (after, ==, before + 2);
  }

  /* Bob finds nothing; a viewer reads and adds nothing. */
  assert_row_status (fixture.other, ledger->path, id, 404);
  assert_row_status (fixture.viewer, ledger->path, id, 200);
  assert_denied ("POST", ledger->path, fixture.viewer, body, permission);
  assert_denied ("POST", bulk, fixture.viewer, "{\"operations\":[]}", permission);
  listed (ledger->path, NULL, &after);
  g_assert_cmpuint (after, ==, before + 2);
}

/* "/server/every-route/collections/inventory-materials": one suite. */
static char *
test_name (const char *path)
{
  g_autofree char *name = g_strdup (path + strlen ("/api/v1/"));

  g_strdelimit (name, "/", '-');
  return g_strconcat ("/server/every-route/collections/", name, NULL);
}

static void
test_every_route (void)
{
  assert_every_route_answered (&shared.server, ROUTES_COLLECTION);
}

static void
add_tests (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *name = test_name (families[i].path);

      g_test_add_data_func (name, &families[i], test_family);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ledgers); i++)
    {
      g_autofree char *name = test_name (ledgers[i].path);

      g_test_add_data_func (name, &ledgers[i], test_ledger);
    }
  /* Last (one suite runs its tests in order): what the others asked. */
  g_test_add_func ("/server/every-route/collections/answered", test_every_route);
}

int
main (int    argc,
      char **argv)
{
  int status = server_test_run (&argc, &argv, add_tests);

  g_free (fixture.admin);
  g_free (fixture.viewer);
  g_free (fixture.crafter);
  g_free (fixture.manager);
  g_free (fixture.other);
  g_free (fixture.product);
  g_free (fixture.material);
  return status;
}
