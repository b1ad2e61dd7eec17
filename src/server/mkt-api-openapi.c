/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include <string.h>

#include "mkt-api-private.h"

/* The OpenAPI 3.1 document of the API, made from the route table and the
 * entities' field descriptions: a route or a field cannot be added without
 * appearing here. */

/* What a sale's body may name: the rest is the server's (mkt-api-entity.c). */
static const char * const sale_input_fields[] = {
  "product_id", "market_event_id", "quantity", "unit_price", "discount", "payment_method", NULL
};

static JsonObject *
type_schema (const char *type,
             gboolean    nullable)
{
  JsonObject *schema = json_object_new ();

  if (nullable)
    {
      JsonArray *types = json_array_new ();

      json_array_add_string_element (types, type);
      json_array_add_string_element (types, "null");
      json_object_set_array_member (schema, "type", types);
    }
  else
    json_object_set_string_member (schema, "type", type);

  return schema;
}

static JsonObject *
field_schema (const MktFieldSpec *field,
              gboolean            input)
{
  gboolean nullable = !(field->flags & MKT_FIELD_REQUIRED) || !input;
  JsonObject *schema;

  switch (field->type)
    {
    case MKT_FIELD_INT:
      schema = type_schema ("integer", nullable);
      break;
    case MKT_FIELD_MONEY:
      schema = type_schema ("integer", nullable);
      json_object_set_string_member (schema, "description", "Money in minor units (cents) of the tenant's currency");
      break;
    case MKT_FIELD_BOOL:
      schema = type_schema ("boolean", nullable);
      break;
    case MKT_FIELD_QUANTITY:
      schema = type_schema ("string", nullable);
      json_object_set_string_member (schema, "pattern", "^-?[0-9]+(\\.[0-9]{1,6})?$");
      json_object_set_string_member (schema, "description",
                                     input ? "An exact decimal quantity, as a string (\"120.5\") or a number"
                                           : "An exact decimal quantity");
      break;
    case MKT_FIELD_TIMESTAMP:
      schema = type_schema ("string", nullable);
      json_object_set_string_member (schema, "format", "date-time");
      break;
    case MKT_FIELD_ENUM:
      {
        JsonArray *choices = json_array_new ();

        schema = type_schema ("string", nullable);
        for (guint i = 0; field->choices[i] != NULL; i++)
          json_array_add_string_element (choices, field->choices[i]);
        if (nullable)
          json_array_add_null_element (choices);
        json_object_set_array_member (schema, "enum", choices);
      }
      break;
    case MKT_FIELD_JSON:
      schema = type_schema ("object", nullable);
      break;
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
      schema = type_schema ("string", nullable);
      json_object_set_string_member (schema, "format", "uuid");
      if (field->ref != NULL)
        {
          g_autofree char *text = g_strdup_printf ("The id of a %s", field->ref);
          json_object_set_string_member (schema, "description", text);
        }
      break;
    case MKT_FIELD_EMAIL:
      schema = type_schema ("string", nullable);
      json_object_set_string_member (schema, "format", "email");
      break;
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    default:
      schema = type_schema ("string", nullable);
      break;
    }

  if (field->max_length > 0)
    json_object_set_int_member (schema, "maxLength", field->max_length);
  if (field->flags & MKT_FIELD_IMMUTABLE)
    json_object_set_boolean_member (schema, "x-immutable", TRUE);
  if (field->flags & MKT_FIELD_UNIQUE)
    json_object_set_boolean_member (schema, "x-unique", TRUE);

  return schema;
}

static JsonObject *
timestamp_schema (gboolean nullable)
{
  JsonObject *schema = type_schema ("string", nullable);

  json_object_set_string_member (schema, "format", "date-time");
  return schema;
}

/* A row as the API returns it (mkt_record_to_json()). */
static JsonObject *
record_schema (const MktApiResource *resource)
{
  const MktEntitySpec *spec = resource->spec;
  JsonObject *schema = type_schema ("object", FALSE);
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();
  JsonObject *id = type_schema ("string", FALSE);

  json_object_set_string_member (id, "format", "uuid");
  json_object_set_object_member (properties, "id", id);
  json_array_add_string_element (required, "id");
  json_object_set_object_member (properties, "created_at", timestamp_schema (FALSE));
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      json_object_set_object_member (properties, "updated_at", timestamp_schema (TRUE));
      json_object_set_object_member (properties, "deleted_at", timestamp_schema (TRUE));
    }
  json_object_set_object_member (properties, "hlc", type_schema ("string", FALSE));

  for (guint i = 0; i < spec->n_fields; i++)
    {
      json_object_set_object_member (properties, spec->fields[i].name, field_schema (&spec->fields[i], FALSE));
      json_array_add_string_element (required, spec->fields[i].name);
    }

  json_object_set_string_member (schema, "description", mkt_entity_spec_get_label (spec));
  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  return schema;
}

/* A body that creates or replaces a row (@patch: changes some fields). */
static JsonObject *
input_schema (const MktApiResource *resource,
              gboolean              patch)
{
  const MktEntitySpec *spec = resource->spec;
  JsonObject *schema = type_schema ("object", FALSE);
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();
  gboolean is_sale = spec == &mkt_sale_spec;
  gboolean is_movement = spec == &mkt_stock_movement_spec;

  if (!is_sale)
    {
      JsonObject *id = type_schema ("string", FALSE);

      json_object_set_string_member (id, "format", "uuid");
      json_object_set_string_member (id, "description", "On create, an id made by the client (UUIDv7); "
                                                        "otherwise the row's own");
      json_object_set_object_member (properties, "id", id);
    }

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];

      if (is_sale && !g_strv_contains (sale_input_fields, field->name))
        continue;
      if (resource->fixed_field != NULL && g_str_equal (field->name, resource->fixed_field))
        {
          JsonObject *fixed = type_schema ("string", FALSE);

          json_object_set_string_member (fixed, "const", resource->fixed_value);
          json_object_set_object_member (properties, field->name, fixed);
          continue;
        }

      json_object_set_object_member (properties, field->name, field_schema (field, !patch));
      if (!patch && (field->flags & MKT_FIELD_REQUIRED) && !g_str_equal (field->name, "occurred_at") &&
          !(is_movement && g_str_equal (field->name, "material_id")) &&
          !(is_sale && g_str_equal (field->name, "unit_price")) &&
          !(is_sale && g_str_equal (field->name, "payment_method")))
        json_array_add_string_element (required, field->name);
    }

  /* The core's form: a purchase, adjustment or count of a material. */
  if (is_movement && !patch)
    {
      static const char * const members[][2] = {
        { "material", "The material's id: the movement is a purchase, adjustment or count as the CLI records "
                      "it (then material_id, total_cost's alone and occurred_at are not taken)" },
        { "unit", "The quantity's unit or the material's pack (skein), if the quantity does not name it" },
        { "cost_each", "A purchase's price of one of the quantity's unit, in minor units" },
        { "at", "When a count was made (ISO 8601); now by default" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          JsonObject *member = type_schema (i == 2 ? "integer" : "string", FALSE);

          json_object_set_string_member (member, "description", members[i][1]);
          json_object_set_object_member (properties, members[i][0], member);
        }
      json_object_set_string_member (schema, "description",
                                     "Either {\"kind\": purchase|adjustment|count, \"material\", \"quantity\": "
                                     "\"2 skein\", total_cost or cost_each, reference | reason | at}, through the "
                                     "core's rules and unit conversion, or a raw ledger row with material_id and "
                                     "the quantity in the material's unit");
    }

  json_object_set_object_member (schema, "properties", properties);
  if (json_array_get_length (required) > 0)
    json_object_set_array_member (schema, "required", required);
  else
    json_array_unref (required);
  json_object_set_boolean_member (schema, "additionalProperties", TRUE);
  return schema;
}

static JsonObject *
ref_schema (const char *name)
{
  JsonObject *schema = json_object_new ();
  g_autofree char *ref = g_strdup_printf ("#/components/schemas/%s", name);

  json_object_set_string_member (schema, "$ref", ref);
  return schema;
}

static JsonObject *
page_schema (JsonObject *item)
{
  JsonObject *schema = type_schema ("object", FALSE);
  JsonObject *properties = json_object_new ();
  JsonObject *items = type_schema ("array", FALSE);
  JsonArray *required = json_array_new ();

  json_object_set_object_member (items, "items", item);
  json_object_set_object_member (properties, "items", items);
  json_object_set_object_member (properties, "next_cursor", type_schema ("string", TRUE));
  json_array_add_string_element (required, "items");
  json_array_add_string_element (required, "next_cursor");
  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  return schema;
}

static JsonObject *
object_schema (const char *description)
{
  JsonObject *schema = type_schema ("object", FALSE);

  json_object_set_string_member (schema, "description", description);
  return schema;
}

static JsonObject *
error_schema (void)
{
  JsonObject *schema = type_schema ("object", FALSE);
  JsonObject *properties = json_object_new ();
  JsonObject *error = type_schema ("object", FALSE);
  JsonObject *members = json_object_new ();
  JsonArray *required = json_array_new ();

  json_object_set_object_member (members, "code", type_schema ("string", FALSE));
  json_object_set_object_member (members, "message", type_schema ("string", FALSE));
  json_object_set_object_member (members, "field", type_schema ("string", TRUE));
  json_object_set_object_member (members, "permission", type_schema ("string", TRUE));
  json_object_set_object_member (error, "properties", members);
  json_array_add_string_element (required, "code");
  json_array_add_string_element (required, "message");
  json_object_set_array_member (error, "required", required);
  json_object_set_object_member (properties, "error", error);
  json_object_set_object_member (schema, "properties", properties);
  return schema;
}

static JsonObject *
shape_schema (MktApiShape           shape,
              const MktApiResource *resource)
{
  g_autofree char *name = NULL;

  switch (shape)
    {
    case MKT_API_SHAPE_RECORD:
      return ref_schema (resource->schema);
    case MKT_API_SHAPE_RECORD_INPUT:
      name = g_strconcat (resource->schema, "Input", NULL);
      return ref_schema (name);
    case MKT_API_SHAPE_RECORD_PATCH:
      name = g_strconcat (resource->schema, "Patch", NULL);
      return ref_schema (name);
    case MKT_API_SHAPE_PAGE:
      return page_schema (ref_schema (resource->schema));
    case MKT_API_SHAPE_AUDIT_PAGE:
      return page_schema (object_schema ("An audit row: who changed what, old and new values"));
    case MKT_API_SHAPE_TRASH_PAGE:
      return page_schema (object_schema ("A row in the trash: entity, id, title, deleted_at and the row as item"));
    case MKT_API_SHAPE_BULK:
      return object_schema ("{\"operations\": [{\"op\": \"create|update|replace|delete|restore|purge\", "
                            "\"id\": \"…\", \"data\": {…}}]} or, for PUT, {\"filter\": {…}, \"updates\": {…}}");
    case MKT_API_SHAPE_BULK_RESULT:
      return object_schema ("{\"count\", \"results\": [{\"index\", \"op\", \"id\", \"status\", \"item\"}]}; "
                            "on failure the failed operation's status with \"error\" (its index and op) "
                            "and \"rolled_back\": true");
    case MKT_API_SHAPE_PURGED:
      return object_schema ("{\"id\", \"purged\": true, \"owned_rows_removed\"}");
    case MKT_API_SHAPE_COMPLETE:
      return object_schema ("{\"product\", \"parts\", \"cost\" (the cost tree), \"pricing\"}");
    case MKT_API_SHAPE_COSTS:
      return object_schema ("{\"product_id\", \"cost\", \"recomputed\", \"pricing\" (suggested prices)}");
    case MKT_API_SHAPE_DASHBOARD:
      return object_schema ("{\"counts\", \"value\", \"low_stock\" (the first 100 low materials by name; "
                            "counts.low_stock counts them all)}");
    case MKT_API_SHAPE_STOCK:
      return object_schema ("{\"material_id\" or \"product_id\", \"on_hand\" (a decimal text), "
                            "\"unit\" (the material's; \"item\" for a product)}");
    case MKT_API_SHAPE_MAKE:
      return object_schema ("{\"quantity\" (items, more than 0), \"force\" (make it even with too little "
                            "material on hand)}");
    case MKT_API_SHAPE_PRODUCTION:
      return object_schema ("{\"run\" (the production run, with its cost), \"requirements\": "
                            "[{\"material_id\", \"name\", \"needed\", \"on_hand\", \"short_by\", \"unit\"}]}; "
                            "a shortage answers 409 with the same requirements in the error");
    case MKT_API_SHAPE_TRANSFER:
      return object_schema ("{\"product_id\", \"quantity\"}: whole items");
    case MKT_API_SHAPE_MARKET_LINE:
      return object_schema ("{\"product_id\", \"name\", \"price\", \"brought\", \"returned\", \"sold\", "
                            "\"on_hand\" (at the stall), \"revenue\"}");
    case MKT_API_SHAPE_MARKET_LINES:
      return object_schema ("{\"items\": [{\"product_id\", \"name\", \"price\", \"brought\", \"returned\", "
                            "\"sold\", \"on_hand\", \"revenue\"}]}");
    case MKT_API_SHAPE_OPENAPI:
      return object_schema ("An OpenAPI 3.1 document");
    case MKT_API_SHAPE_NONE:
    default:
      return NULL;
    }
}

static JsonObject *
json_content (JsonObject *schema)
{
  JsonObject *content = json_object_new ();
  JsonObject *media = json_object_new ();

  json_object_set_object_member (media, "schema", schema);
  json_object_set_object_member (content, "application/json", media);
  return content;
}

static void
add_parameter (JsonArray  *parameters,
               const char *name,
               const char *in,
               const char *type,
               const char *description)
{
  JsonObject *parameter = json_object_new ();

  json_object_set_string_member (parameter, "name", name);
  json_object_set_string_member (parameter, "in", in);
  json_object_set_boolean_member (parameter, "required", g_str_equal (in, "path"));
  json_object_set_string_member (parameter, "description", description);
  json_object_set_object_member (parameter, "schema", type_schema (type, FALSE));
  json_array_add_object_element (parameters, parameter);
}

/**
 * mkt_api_openapi_path:
 *
 * A route's pattern in OpenAPI's form: ":id" segments become "{id}".
 */
static char *
openapi_path (const char *pattern)
{
  g_auto(GStrv) segments = g_strsplit (pattern, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == ':')
      {
        char *braced = g_strdup_printf ("{%s}", segments[i] + 1);

        g_free (segments[i]);
        segments[i] = braced;
      }

  return g_strjoinv ("/", segments);
}

static char *
operation_id (const MktApiRoute *route)
{
  g_autofree char *lower = g_ascii_strdown (route->method, -1);
  GString *id = g_string_new (lower);

  for (const char *p = route->pattern + strlen ("/api/v1"); *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, *p);
    else if (*p == '/' || *p == '-' || *p == ':')
      g_string_append_c (id, '_');

  return g_string_free (id, FALSE);
}

static JsonObject *
operation (const MktApiRoute *route)
{
  JsonObject *object = json_object_new ();
  JsonArray *parameters = json_array_new ();
  JsonObject *responses = json_object_new ();
  JsonObject *response = json_object_new ();
  JsonObject *error = json_object_new ();
  JsonObject *schema;
  JsonArray *tags = json_array_new ();
  g_autofree char *id = operation_id (route);
  g_autofree char *status = g_strdup_printf ("%u", route->status);

  json_object_set_string_member (object, "operationId", id);
  json_object_set_string_member (object, "summary", route->summary);
  json_array_add_string_element (tags, route->resource != NULL ? route->resource->schema : "Tenant");
  json_object_set_array_member (object, "tags", tags);

  if (route->permission != NULL)
    {
      JsonArray *security = json_array_new ();
      JsonObject *bearer = json_object_new ();

      json_object_set_array_member (bearer, "bearer", json_array_new ());
      json_array_add_object_element (security, bearer);
      json_object_set_array_member (object, "security", security);
      json_object_set_string_member (object, "x-permission", route->permission);
    }
  else
    json_object_set_array_member (object, "security", json_array_new ());

  if (strstr (route->pattern, "/:id") != NULL)
    add_parameter (parameters, "id", "path", "string", "The row's id");
  if (route->response_shape == MKT_API_SHAPE_PAGE || route->response_shape == MKT_API_SHAPE_AUDIT_PAGE ||
      route->response_shape == MKT_API_SHAPE_TRASH_PAGE)
    {
      add_parameter (parameters, "limit", "query", "integer", "Rows per page, 1 to 500 (50)");
      add_parameter (parameters, "cursor", "query", "string", "The next_cursor of the previous page");
    }
  if (route->response_shape == MKT_API_SHAPE_PAGE || route->response_shape == MKT_API_SHAPE_AUDIT_PAGE)
    {
      add_parameter (parameters, "search", "query", "string", "Text the searchable fields contain");
      add_parameter (parameters, "sort", "query", "string", "A field to sort by; -field for descending");
      add_parameter (parameters, "order", "query", "string", "asc or desc");
    }
  if (route->response_shape == MKT_API_SHAPE_TRASH_PAGE)
    add_parameter (parameters, "entity", "query", "string", "Only this entity's rows");
  json_object_set_array_member (object, "parameters", parameters);

  schema = shape_schema (route->request_shape, route->resource);
  if (schema != NULL)
    {
      JsonObject *body = json_object_new ();

      json_object_set_boolean_member (body, "required", TRUE);
      json_object_set_object_member (body, "content", json_content (schema));
      json_object_set_object_member (object, "requestBody", body);
    }

  json_object_set_string_member (response, "description", route->status == 405 ? "Refused: append-only" : "Success");
  schema = route->status == 405 ? ref_schema ("Error") : shape_schema (route->response_shape, route->resource);
  if (schema != NULL)
    json_object_set_object_member (response, "content", json_content (schema));
  json_object_set_object_member (responses, status, response);

  json_object_set_string_member (error, "description",
                                 "An error: 400 bad query or body, 401, 403 (with the permission), 404, "
                                 "409 conflict, 422 invalid field, 429");
  json_object_set_object_member (error, "content", json_content (ref_schema ("Error")));
  json_object_set_object_member (responses, "default", error);
  json_object_set_object_member (object, "responses", responses);

  return object;
}

/**
 * mkt_api_openapi_build:
 *
 * Returns: (transfer full): the OpenAPI 3.1 document of every route of
 *   mkt_api_routes_get()
 */
JsonNode *
mkt_api_openapi_build (void)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonObject *paths = json_object_new ();
  JsonObject *components = json_object_new ();
  JsonObject *schemas = json_object_new ();
  JsonObject *security = json_object_new ();
  JsonObject *bearer = json_object_new ();
  const MktApiResource *resources;
  const MktApiRoute *routes;
  guint n_routes, n_resources;

  json_object_set_string_member (root, "openapi", "3.1.0");
  json_object_set_string_member (info, "title", "Market Manager API");
  json_object_set_string_member (info, "version", "1");
  json_object_set_string_member (info, "description",
                                 "A craft business's materials, products, markets and sales. Money is in "
                                 "minor units of the tenant's currency; quantities are exact decimal strings.");
  json_object_set_object_member (root, "info", info);

  routes = mkt_api_routes_get (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = openapi_path (routes[i].pattern);
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *item;

      if (!json_object_has_member (paths, path))
        json_object_set_object_member (paths, path, json_object_new ());
      item = json_object_get_object_member (paths, path);
      json_object_set_object_member (item, method, operation (&routes[i]));
    }
  json_object_set_object_member (root, "paths", paths);

  resources = mkt_api_resources_get (&n_resources);
  for (guint i = 0; i < n_resources; i++)
    {
      g_autofree char *input = g_strconcat (resources[i].schema, "Input", NULL);
      g_autofree char *patch = g_strconcat (resources[i].schema, "Patch", NULL);

      if (json_object_has_member (schemas, resources[i].schema))
        continue;
      json_object_set_object_member (schemas, resources[i].schema, record_schema (&resources[i]));
      json_object_set_object_member (schemas, input, input_schema (&resources[i], FALSE));
      json_object_set_object_member (schemas, patch, input_schema (&resources[i], TRUE));
    }
  json_object_set_object_member (schemas, "Error", error_schema ());
  json_object_set_object_member (components, "schemas", schemas);

  json_object_set_string_member (bearer, "type", "http");
  json_object_set_string_member (bearer, "scheme", "bearer");
  json_object_set_string_member (bearer, "bearerFormat", "JWT");
  json_object_set_object_member (security, "bearer", bearer);
  json_object_set_object_member (components, "securitySchemes", security);
  json_object_set_object_member (root, "components", components);

  return json_node_init_object (json_node_alloc (), root);
}

/**
 * mkt_api_openapi_add_route:
 * @document: a document of mkt_api_openapi_build()
 * @method: an HTTP method
 * @pattern: the path, `:name` segments being parameters
 * @summary: one line
 * @permission: (nullable): the permission it needs; %NULL for public
 *
 * Describes a route that is not in the API's table (accounts, health) in
 * @document, with a JSON object answer, so that the server's whole route
 * list and the document stay one.
 */
void
mkt_api_openapi_add_route (JsonNode   *document,
                           const char *method,
                           const char *pattern,
                           const char *summary,
                           const char *permission)
{
  MktApiRoute route = {
    .method = method,
    .pattern = pattern,
    .permission = permission,
    .summary = summary,
    .request_shape = MKT_API_SHAPE_NONE,
    .response_shape = MKT_API_SHAPE_NONE,
    .status = 200,
  };
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  JsonObject *paths, *item, *op;
  g_auto(GStrv) segments = NULL;
  JsonArray *parameters, *tags;

  g_return_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document));
  g_return_if_fail (method != NULL && pattern != NULL && summary != NULL);

  path = openapi_path (pattern);
  lower = g_ascii_strdown (method, -1);
  paths = json_object_get_object_member (json_node_get_object (document), "paths");
  if (!json_object_has_member (paths, path))
    json_object_set_object_member (paths, path, json_object_new ());
  item = json_object_get_object_member (paths, path);

  op = operation (&route);
  tags = json_array_new ();
  json_array_add_string_element (tags, "Server");
  json_object_set_array_member (op, "tags", tags);

  /* Parameters other than :id, which operation() knows. */
  parameters = json_object_get_array_member (op, "parameters");
  segments = g_strsplit (pattern, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == ':' && !g_str_equal (segments[i], ":id"))
      add_parameter (parameters, segments[i] + 1, "path", "string", segments[i] + 1);

  json_object_set_object_member (json_object_get_object_member (json_object_get_object_member (op, "responses"), "200"),
                                 "content", json_content (object_schema ("A JSON object")));
  json_object_set_object_member (item, lower, op);
}

/**
 * mkt_api_openapi_to_string:
 *
 * Returns: (transfer full): mkt_api_openapi_build() as JSON text
 */
char *
mkt_api_openapi_to_string (void)
{
  g_autoptr(JsonNode) document = mkt_api_openapi_build ();

  return json_to_string (document, TRUE);
}

void
mkt_api_openapi_cb (const MktApiRoute   *route,
                    MktSession          *session,
                    const MktApiRequest *request,
                    MktApiResult        *result)
{
  mkt_api_result_set_json (result, 200, mkt_api_openapi_build ());
}
