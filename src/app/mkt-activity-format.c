/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-activity-format"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-activity-format.h"

/*
 * Words for what mkt-core names in code: entities, fields and audit actions,
 * as the trash and the activity log show them. Plain functions of their
 * input, safe on the loading thread.
 */

/* Longer values (notes) are cut: the log says that they changed. */
#define MAX_VALUE_CHARS 60

typedef struct
{
  const char *name;
  const char *singular;
  const char *plural;
} EntityLabel;

static const EntityLabel entity_labels[] = {
  { "tenant", N_("Business"), N_("Business") },
  { "user", N_("User"), N_("Users") },
  { "category", N_("Category"), N_("Categories") },
  { "material", N_("Material"), N_("Materials") },
  { "component", N_("Component"), N_("Components") },
  { "product", N_("Product"), N_("Products") },
  { "part", N_("Recipe Line"), N_("Recipe Lines") },
  { "production_run", N_("Production Run"), N_("Production Runs") },
  { "market_event", N_("Market Event"), N_("Market Events") },
  { "market_line", N_("Sheet Line"), N_("Sheet Lines") },
  { "sale", N_("Sale"), N_("Sales") },
  { "stock_movement", N_("Stock Movement"), N_("Stock Movements") },
  { "product_movement", N_("Product Stock Movement"), N_("Product Stock Movements") },
};

typedef struct
{
  const char *name;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "name", N_("Name") },
  { "kind", N_("Kind") },
  { "brand", N_("Brand") },
  { "sku", N_("SKU") },
  { "colour", N_("Colour") },
  { "fibre_content", N_("Fibre content") },
  { "weight_class", N_("Weight") },
  { "unit", N_("Unit") },
  { "purchase_unit", N_("Purchase unit") },
  { "purchase_size", N_("Purchase size") },
  { "purchase_price", N_("Purchase price") },
  { "reorder_level", N_("Reorder level") },
  { "supplier", N_("Supplier") },
  { "notes", N_("Notes") },
  { "attributes", N_("Attributes") },
  { "category_id", N_("Category") },
  { "price", N_("Price") },
  { "labour_minutes", N_("Labour minutes") },
  { "quantity", N_("Quantity") },
  { "cost", N_("Cost") },
  { "venue", N_("Venue") },
  { "starts_on", N_("Starts") },
  { "ends_on", N_("Ends") },
  { "booth_fee", N_("Booth fee") },
  { "other_costs", N_("Other costs") },
  { "email", N_("Email") },
  { "role", N_("Role") },
  { "currency", N_("Currency") },
  { "settings", N_("Settings") },
};

/**
 * mkt_activity_entity_label:
 * @spec: an entity
 * @plural: the plural, for a filter's choices
 *
 * Returns: (transfer none): what people call the entity's rows, translated
 */
const char *
mkt_activity_entity_label (const MktEntitySpec *spec,
                           gboolean             plural)
{
  g_return_val_if_fail (spec != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    if (g_str_equal (entity_labels[i].name, spec->name))
      return _(plural ? entity_labels[i].plural : entity_labels[i].singular);

  /* An entity newer than this table: its own word is better than nothing. */
  return mkt_entity_spec_get_label (spec);
}

/**
 * mkt_activity_field_label:
 * @field: a field's name
 *
 * Returns: (transfer none): its label, translated; the name itself for a
 *   field this table does not know
 */
const char *
mkt_activity_field_label (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].name, field))
      return _(field_labels[i].label);

  return field;
}

/**
 * mkt_activity_action_label:
 * @action: an audit row's action
 *
 * Returns: (transfer none): what happened, translated
 */
const char *
mkt_activity_action_label (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  if (g_str_equal (action, "create"))
    return _("Created");
  if (g_str_equal (action, "update"))
    return _("Changed");
  if (g_str_equal (action, "delete"))
    return _("Moved to trash");
  if (g_str_equal (action, "restore"))
    return _("Restored");
  if (g_str_equal (action, "purge"))
    return _("Purged");
  if (g_str_equal (action, "cost"))
    return _("Cost changed");

  return action;
}

/**
 * mkt_activity_format_time:
 * @usec: microseconds since the Unix epoch
 *
 * Returns: (transfer full): the local date and time, "26 Nov 2026 10:50"
 */
char *
mkt_activity_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("");

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (time, _("%-d %b %Y %H:%M"));
}

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, MAX_VALUE_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

/* One value as people read it: money in the business's currency,
 * quantities as they are, references by the title of what they name. */
static char *
format_value (const MktFieldSpec *field,
              JsonNode           *node,
              const char         *currency,
              MktTitleFunc        title_func,
              gpointer            user_data)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: an empty value in the activity log */
    return g_strdup (_("none"));

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *json = json_to_string (node, FALSE);

      return shorten (json);
    }

  type = json_node_get_value_type (node);

  if (field != NULL && field->type == MKT_FIELD_MONEY && type == G_TYPE_INT64 &&
      currency != NULL && mkt_currency_is_valid (currency))
    return mkt_money_format (json_node_get_int (node), currency);

  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (field != NULL && field->type == MKT_FIELD_REF && title_func != NULL)
        {
          const MktEntitySpec *ref = mkt_schema_lookup (field->ref);
          g_autofree char *title = ref != NULL ? title_func (ref, text, user_data) : NULL;

          if (title != NULL)
            return shorten (title);
        }

      if (field != NULL && field->type == MKT_FIELD_TIMESTAMP)
        {
          gint64 usec;

          if (mkt_timestamp_parse (text, &usec, NULL))
            return mkt_activity_format_time (usec);
        }

      return shorten (text);
    }

  {
    g_autofree char *json = json_to_string (node, FALSE);

    return shorten (json);
  }
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **out_root)
{
  JsonNode *root;

  *out_root = NULL;
  if (text == NULL)
    return NULL;

  root = json_from_string (text, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      return NULL;
    }

  *out_root = root;
  return json_node_get_object (root);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  text_a = json_to_string (a, FALSE);
  text_b = json_to_string (b, FALSE);

  return g_str_equal (text_a, text_b);
}

/**
 * mkt_activity_describe_changes:
 * @spec: (nullable): the entity of the audit row
 * @action: the audit row's action
 * @old_values: (nullable): its old values, a JSON object
 * @new_values: (nullable): its new values, a JSON object
 * @currency: (nullable): the business's currency, for money fields
 * @title_func: (nullable): names the rows references point at
 * @user_data: for @title_func
 *
 * What an update changed, a line per field: "Purchase price: 8.50 → 9.00".
 * A creation, deletion, restore or purge moves the whole row, which the
 * row's title already says: it has no lines.
 *
 * Returns: (transfer full): the lines, or an empty string
 */
char *
mkt_activity_describe_changes (const MktEntitySpec *spec,
                               const char          *action,
                               const char          *old_values,
                               const char          *new_values,
                               const char          *currency,
                               MktTitleFunc         title_func,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) old_root = NULL;
  g_autoptr(JsonNode) new_root = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *old_object;
  JsonObject *new_object;
  gboolean is_cost;

  g_return_val_if_fail (action != NULL, NULL);

  is_cost = g_str_equal (action, "cost");
  if (!g_str_equal (action, "update") && !is_cost)
    return g_strdup ("");

  old_object = parse_object (old_values, &old_root);
  new_object = parse_object (new_values, &new_root);
  if (old_object == NULL || new_object == NULL)
    return g_strdup ("");

  members = json_object_get_members (new_object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *before = json_object_get_member (old_object, member);
      JsonNode *after = json_object_get_member (new_object, member);
      const MktFieldSpec *field = spec != NULL ? mkt_entity_spec_field (spec, member) : NULL;
      g_autofree char *before_text = NULL;
      g_autofree char *after_text = NULL;

      /* The bookkeeping columns change with every edit. */
      if (g_str_equal (member, "updated_at") || g_str_equal (member, "hlc") ||
          nodes_equal (before, after))
        continue;

      /* A product's cost is no field of the product: it is money. */
      if (is_cost && field == NULL)
        {
          static const MktFieldSpec cost_field = { .name = "cost", .type = MKT_FIELD_MONEY };

          field = &cost_field;
        }

      before_text = format_value (field, before, currency, title_func, user_data);
      after_text = format_value (field, after, currency, title_func, user_data);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a change in the activity log: "Purchase price: 8.50 → 9.00" */
      g_string_append_printf (text, _("%s: %s → %s"),
                              mkt_activity_field_label (member), before_text, after_text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * mkt_activity_title_from_values:
 * @old_values: (nullable): an audit row's old values
 * @new_values: (nullable): its new values
 *
 * Returns: (transfer full) (nullable): the name the values hold, the new
 *   one first
 */
char *
mkt_activity_title_from_values (const char *old_values,
                                const char *new_values)
{
  const char *texts[] = { new_values, old_values };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object = parse_object (texts[i], &root);
      JsonNode *name;

      if (object == NULL || (name = json_object_get_member (object, "name")) == NULL)
        continue;
      if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING &&
          json_node_get_string (name)[0] != '\0')
        return g_strdup (json_node_get_string (name));
    }

  return NULL;
}
