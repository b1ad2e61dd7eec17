/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-settings"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mkt-error.h"
#include "mkt-settings.h"

typedef enum
{
  KIND_MONEY,       /* integer minor units in JSON; "15.00" as text */
  KIND_DECIMAL,     /* a non-negative decimal, as a string in JSON */
  KIND_MULTIPLIER,  /* a decimal of at least 1 */
  KIND_PERCENT,     /* a decimal from 0 to less than 100 */
  KIND_DAYS,        /* a whole number of days */
  KIND_ENDING,
  KIND_METHOD,
} Kind;

typedef struct
{
  const char *key;
  Kind        kind;
  gsize       offset;
  const char *help;
} Setting;

#define AT(member) G_STRUCT_OFFSET (MktSettings, member)

static const Setting settings_table[] = {
  { "labour_rate", KIND_MONEY, AT (labour_rate), "what an hour of work costs" },
  { "overhead_percent", KIND_PERCENT, AT (overhead_percent), "overhead as a percentage of materials and labour" },
  { "overhead_fixed", KIND_MONEY, AT (overhead_fixed), "overhead per item" },
  { "wholesale_multiplier", KIND_MULTIPLIER, AT (wholesale_multiplier), "wholesale price = cost × this" },
  { "retail_multiplier", KIND_MULTIPLIER, AT (retail_multiplier), "retail price = wholesale × this" },
  { "fee_percent", KIND_PERCENT, AT (fee_percent), "a marketplace's fee, percent of the price" },
  { "fee_fixed", KIND_MONEY, AT (fee_fixed), "a marketplace's fee per sale" },
  { "price_ending", KIND_ENDING, AT (price_ending), "none, .00, .50, .95 or .99" },
  { "cost_method", KIND_METHOD, AT (cost_method), "average or last (purchase)" },
  { "retention_days", KIND_DAYS, AT (retention_days), "days deleted things stay in the trash" },
};

static const char * const endings[] = { "none", ".00", ".50", ".95", ".99", NULL };
static const char * const methods[] = { "average", "last", NULL };

void
mkt_settings_init_defaults (MktSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (MktSettings) {
    .labour_rate = 0,
    .overhead_percent = 0,
    .overhead_fixed = 0,
    .wholesale_multiplier = MKT_QUANTITY_FROM_INT (2),
    .retail_multiplier = MKT_QUANTITY_FROM_INT (2),
    .fee_percent = 0,
    .fee_fixed = 0,
    .price_ending = MKT_PRICE_ENDING_NONE,
    .cost_method = MKT_COST_AVERAGE,
    .retention_days = 30,
  };
}

static const Setting *
find_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
    if (g_str_equal (settings_table[i].key, key))
      return &settings_table[i];

  return NULL;
}

static void
set_error (GError     **error,
           const char  *key,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
set_error (GError     **error,
           const char  *key,
           const char  *format,
           ...)
{
  g_autofree char *field = g_strconcat ("settings.", key, NULL);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID, "%s", message);
}

static gboolean
check_decimal (const Setting  *setting,
               MktQuantity     value,
               GError        **error)
{
  if (value < 0)
    {
      set_error (error, setting->key, "must not be negative");
      return FALSE;
    }
  if (setting->kind == KIND_MULTIPLIER && value < MKT_QUANTITY_SCALE)
    {
      set_error (error, setting->key, "must be at least 1 (a price below cost loses money)");
      return FALSE;
    }
  if (setting->kind == KIND_PERCENT && value >= MKT_QUANTITY_FROM_INT (100))
    {
      set_error (error, setting->key, "must be less than 100");
      return FALSE;
    }
  return TRUE;
}

static gboolean
choose (const Setting       *setting,
        const char * const  *choices,
        const char          *text,
        int                 *out,
        GError             **error)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (choices[i], text) == 0 ||
        (text[0] != '.' && choices[i][0] == '.' && g_str_equal (choices[i] + 1, text)))
      {
        *out = i;
        return TRUE;
      }

  {
    g_autofree char *list = g_strjoinv (", ", (char **)choices);
    set_error (error, setting->key, "“%s” is not one of %s", text, list);
  }
  return FALSE;
}

/* One value from its JSON form (as stored) into @settings. */
static gboolean
read_member (const Setting  *setting,
             JsonNode       *node,
             MktSettings    *settings,
             GError        **error)
{
  gpointer slot = G_STRUCT_MEMBER_P (settings, setting->offset);
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  int choice;

  switch (setting->kind)
    {
    case KIND_MONEY:
    case KIND_DAYS:
      if (type != G_TYPE_INT64 || json_node_get_int (node) < 0)
        {
          set_error (error, setting->key, "must be a whole number, not negative");
          return FALSE;
        }
      *(gint64 *)slot = json_node_get_int (node);
      return TRUE;

    case KIND_DECIMAL:
    case KIND_MULTIPLIER:
    case KIND_PERCENT:
      {
        g_autoptr(GError) local_error = NULL;
        MktQuantity value;

        if (type == G_TYPE_INT64)
          value = MKT_QUANTITY_FROM_INT (CLAMP (json_node_get_int (node), -1000000, 1000000));
        else if (type != G_TYPE_STRING || !mkt_quantity_parse (json_node_get_string (node), &value, &local_error))
          {
            set_error (error, setting->key, "must be a decimal number as text, like \"2.5\"");
            return FALSE;
          }
        if (!check_decimal (setting, value, error))
          return FALSE;
        *(MktQuantity *)slot = value;
        return TRUE;
      }

    case KIND_ENDING:
    case KIND_METHOD:
      if (type != G_TYPE_STRING)
        {
          set_error (error, setting->key, "must be text");
          return FALSE;
        }
      if (!choose (setting, setting->kind == KIND_ENDING ? endings : methods,
                   json_node_get_string (node), &choice, error))
        return FALSE;
      *(int *)slot = choice;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * mkt_settings_parse:
 * @json: (nullable): the tenant's settings object as text
 * @settings: (out caller-allocates): the settings, defaults where unset
 * @error: return location for a %MKT_VALIDATION_ERROR naming "settings.KEY"
 *
 * Unknown keys are refused: a typo must not silently leave a default.
 */
gboolean
mkt_settings_parse (const char   *json,
                    MktSettings  *settings,
                    GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (settings != NULL, FALSE);

  mkt_settings_init_defaults (settings);
  if (json == NULL)
    return TRUE;

  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      mkt_set_validation_error (error, "settings", MKT_VALIDATION_ERROR_INVALID, "must be a JSON object");
      return FALSE;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const Setting *setting = find_setting (l->data);

      if (setting == NULL)
        {
          set_error (error, l->data, "is not a setting");
          return FALSE;
        }
      if (!read_member (setting, json_object_get_member (object, l->data), settings, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_settings_from_tenant:
 * @tenant: a tenant row
 * @settings: (out caller-allocates): its settings
 * @error: return location for an error
 */
gboolean
mkt_settings_from_tenant (MktRecord    *tenant,
                          MktSettings  *settings,
                          GError      **error)
{
  g_return_val_if_fail (MKT_IS_RECORD (tenant), FALSE);

  return mkt_settings_parse (mkt_record_get_string (tenant, "settings"), settings, error);
}

/**
 * mkt_settings_set:
 * @tenant: a tenant row, to be saved by the caller with mkt_session_update()
 * @key: a setting's name
 * @text: its value as a person types it ("15.00", "12.5", ".99"); empty
 *   for the default
 * @error: return location for a %MKT_VALIDATION_ERROR naming "settings.KEY"
 */
gboolean
mkt_settings_set (MktRecord   *tenant,
                  const char  *key,
                  const char  *text,
                  GError     **error)
{
  const Setting *setting;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = NULL;
  MktSettings check;
  const char *current;
  const char *currency;
  gint64 number;
  int choice;

  g_return_val_if_fail (MKT_IS_RECORD (tenant), FALSE);
  g_return_val_if_fail (key != NULL && text != NULL, FALSE);

  setting = find_setting (key);
  if (setting == NULL)
    {
      GString *known = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", settings_table[i].key);
      set_error (error, key, "is not a setting (there are %s)", known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }

  currency = mkt_record_get_string (tenant, "currency");
  stripped = g_strstrip (g_strdup (text));
  text = stripped;

  if (text[0] != '\0')
    switch (setting->kind)
      {
      case KIND_MONEY:
        if (!mkt_money_parse (text, currency ? currency : "EUR", &number, &local_error))
          {
            set_error (error, key, "%s", local_error->message);
            return FALSE;
          }
        value = json_node_init_int (json_node_alloc (), number);
        break;

      case KIND_DAYS:
        if (!g_ascii_string_to_signed (text, 10, 0, 100000, &number, NULL))
          {
            set_error (error, key, "“%s” is not a number of days", text);
            return FALSE;
          }
        value = json_node_init_int (json_node_alloc (), number);
        break;

      case KIND_DECIMAL:
      case KIND_MULTIPLIER:
      case KIND_PERCENT:
        {
          g_autofree char *canonical = NULL;
          g_autofree char *trimmed = g_strdup (text);

          /* "12.5%" is what people write for a percentage. */
          g_strstrip (trimmed);
          if (setting->kind == KIND_PERCENT && g_str_has_suffix (trimmed, "%"))
            trimmed[strlen (trimmed) - 1] = '\0';
          if (!mkt_quantity_parse (trimmed, &number, &local_error))
            {
              set_error (error, key, "%s", local_error->message);
              return FALSE;
            }
          if (!check_decimal (setting, number, error))
            return FALSE;
          canonical = mkt_quantity_format (number);
          value = json_node_init_string (json_node_alloc (), canonical);
        }
        break;

      case KIND_ENDING:
      case KIND_METHOD:
        if (!choose (setting, setting->kind == KIND_ENDING ? endings : methods, text, &choice, error))
          return FALSE;
        value = json_node_init_string (json_node_alloc (),
                                       (setting->kind == KIND_ENDING ? endings : methods)[choice]);
        break;

      default:
        g_assert_not_reached ();
      }

  current = mkt_record_get_string (tenant, "settings");
  root = current ? json_from_string (current, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      root = json_node_init_object (json_node_alloc (), json_object_new ());
    }

  if (value != NULL)
    json_object_set_member (json_node_get_object (root), key, g_steal_pointer (&value));
  else
    json_object_remove_member (json_node_get_object (root), key);

  updated = json_to_string (root, FALSE);
  if (!mkt_settings_parse (updated, &check, error))
    return FALSE;

  mkt_record_set_string (tenant, "settings", updated);
  return TRUE;
}

static const char * const all_keys[] = {
  "labour_rate", "overhead_percent", "overhead_fixed", "wholesale_multiplier", "retail_multiplier",
  "fee_percent", "fee_fixed", "price_ending", "cost_method", "retention_days", NULL
};

/**
 * mkt_settings_keys:
 *
 * Returns: (transfer none) (array zero-terminated=1): every setting's name
 */
const char * const *
mkt_settings_keys (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (all_keys) == G_N_ELEMENTS (settings_table) + 1);

  return all_keys;
}

/**
 * mkt_settings_describe:
 * @key: a setting's name
 *
 * Returns: (nullable): what it means, for help texts
 */
const char *
mkt_settings_describe (const char *key)
{
  const Setting *setting = find_setting (key);

  return setting ? setting->help : NULL;
}

/* The JSON form of one setting, as the tenant's settings object keeps it. */
static JsonNode *
member_node (const Setting     *setting,
             const MktSettings *settings)
{
  gconstpointer slot = G_STRUCT_MEMBER_P (settings, setting->offset);
  g_autofree char *text = NULL;

  switch (setting->kind)
    {
    case KIND_MONEY:
    case KIND_DAYS:
      return json_node_init_int (json_node_alloc (), *(const gint64 *)slot);
    case KIND_DECIMAL:
    case KIND_MULTIPLIER:
    case KIND_PERCENT:
      text = mkt_quantity_format (*(const MktQuantity *)slot);
      return json_node_init_string (json_node_alloc (), text);
    case KIND_ENDING:
      return json_node_init_string (json_node_alloc (), endings[*(const int *)slot]);
    case KIND_METHOD:
      return json_node_init_string (json_node_alloc (), methods[*(const int *)slot]);
    default:
      g_assert_not_reached ();
    }
}

/**
 * mkt_settings_to_json:
 * @settings: settings
 *
 * Returns: (transfer full): every setting in its JSON form: money as integer
 *   minor units, decimals as strings ("2.5"), the rest as text or numbers
 */
JsonObject *
mkt_settings_to_json (const MktSettings *settings)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
    json_object_set_member (object, settings_table[i].key, member_node (&settings_table[i], settings));

  return object;
}

/**
 * mkt_settings_format:
 * @settings: settings
 * @key: a setting's name
 * @currency: the currency money is shown in
 *
 * Returns: (transfer full) (nullable): the setting's value as people read it
 *   ("12.00", "10.5", ".99"), or %NULL for an unknown key
 */
char *
mkt_settings_format (const MktSettings *settings,
                     const char        *key,
                     const char        *currency)
{
  const Setting *setting = find_setting (key);
  g_autoptr(JsonNode) node = NULL;

  if (setting == NULL)
    return NULL;

  if (setting->kind == KIND_MONEY)
    return mkt_money_format (*(const gint64 *)G_STRUCT_MEMBER_P (settings, setting->offset), currency);

  node = member_node (setting, settings);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return json_node_dup_string (node);
}

/**
 * mkt_settings_cost_equal:
 * @a: settings
 * @b: settings
 *
 * Returns: whether @a and @b give every product the same cost
 */
gboolean
mkt_settings_cost_equal (const MktSettings *a,
                         const MktSettings *b)
{
  return a->labour_rate == b->labour_rate &&
         a->overhead_percent == b->overhead_percent &&
         a->overhead_fixed == b->overhead_fixed &&
         a->cost_method == b->cost_method;
}
