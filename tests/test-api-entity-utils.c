/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"
#include <string.h>
#include "mkt-api.h"
#include "mkt-error.h"
#include "mkt-pg-store.h"
#include "mkt-pg-test-utils.h"
#include "mkt-uuid.h"
#include "test-api-entity-utils.h"

MktSession *
new_session (Fixture    *f,
             const char *name)
{
  g_autofree char *tenant_id = mkt_uuid_new_v7 ();
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *device_id = mkt_uuid_new_v7 ();
  g_autoptr(MktSession) session = mkt_session_new (MKT_STORE (f->store), tenant_id, user_id, device_id);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(GError) error = NULL;

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

  mkt_pg_test_db_setup (&f->db, data);
  mkt_pg_test_migrate (&f->db);

  f->store = mkt_pg_store_new (f->db.app, &error);
  g_assert_no_error (error);

  f->a = new_session (f, "Tenant A");
  f->b = new_session (f, "Tenant B");
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->a));
  g_assert_finalize_object (g_steal_pointer (&f->b));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  mkt_pg_test_db_teardown (&f->db, data);
}

void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
}

Reply
call (MktSession *session,
      const char *method,
      const char *pattern,
      const char *id,
      const char *query,
      const char *body)
{
  const MktApiRoute *route = mkt_api_route_find (method, pattern);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(MktApiResult) result = { 0 };
  MktApiRequest request = { 0 };
  Reply reply;

  g_assert_nonnull (route);

  if (id != NULL)
    g_hash_table_insert (params, (char *)"id", (char *)id);
  if (query != NULL)
    {
      g_autoptr(GError) error = NULL;

      fields = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
      g_assert_no_error (error);
    }
  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;

      node = json_from_string (body, &error);
      g_assert_no_error (error);
    }

  request.params = params;
  request.query = fields;
  request.body = node;
  mkt_api_call (route, session, &request, &result);

  g_assert_cmpuint (result.status, !=, 0);
  g_assert_true ((result.body != NULL) != (result.text != NULL));
  if (result.status == 500)
    g_error ("500: %s", result.internal_error ? result.internal_error->message : "?");

  reply.status = result.status;
  if (result.text != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Lists write their text straight: it must be JSON. */
      reply.body = json_from_string (result.text->str, &error);
      g_assert_no_error (error);
    }
  else
    reply.body = g_steal_pointer (&result.body);
  return reply;
}

JsonObject *
object_of (Reply *reply)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

const char *
member_string (Reply      *reply,
               const char *name)
{
  return json_object_get_string_member (object_of (reply), name);
}

JsonArray *
items_of (Reply *reply)
{
  return json_object_get_array_member (object_of (reply), "items");
}

void
assert_error (Reply      *reply,
              guint       status,
              const char *field)
{
  JsonObject *error;

  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, json_to_string (reply->body, FALSE));

  error = json_object_get_object_member (object_of (reply), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
  g_assert_nonnull (json_object_get_string_member (error, "code"));
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
}

void
assert_status (Reply *reply,
               guint  status)
{
  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, json_to_string (reply->body, FALSE));
}

/* Creates a material and returns its id. */
char *
add_material (MktSession *session,
              const char *body)
{
  g_auto(Reply) reply = call (session, "POST", MATERIALS, NULL, NULL, body);

  assert_status (&reply, 201);
  return g_strdup (member_string (&reply, "id"));
}

guint
count_rows (MktSession *session,
            const char *pattern,
            const char *query)
{
  g_auto(Reply) reply = call (session, "GET", pattern, NULL, query ? query : "limit=500", NULL);

  assert_status (&reply, 200);
  return json_array_get_length (items_of (&reply));
}
