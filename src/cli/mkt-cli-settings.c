/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

/* What a setting's value is in, for people; JSON gives the values alone. */
static const struct
{
  const char *key;
  gboolean    money;  /* the currency goes first */
  const char *unit;
} setting_units[] = {
  { "labour_rate", TRUE, "per hour" },
  { "overhead_percent", FALSE, "%" },
  { "overhead_fixed", TRUE, "per item" },
  { "wholesale_multiplier", FALSE, "× cost" },
  { "retail_multiplier", FALSE, "× wholesale" },
  { "fee_percent", FALSE, "% of the price" },
  { "fee_fixed", TRUE, "per sale" },
  { "retention_days", FALSE, "days" },
};

static void
print_settings (MktCli     *cli,
                MktRecord  *tenant,
                GError    **error)
{
  const char *currency = mkt_record_get_string (tenant, "currency");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GList) members = NULL;
  MktSettings settings;

  if (!mkt_settings_from_tenant (tenant, &settings, error))
    return;

  object = mkt_settings_to_json (&settings);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      mkt_cli_print_json (node);
      return;
    }

  pairs = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = mkt_settings_format (&settings, l->data, currency);
      g_autofree char *unit = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (setting_units); i++)
        if (g_str_equal (setting_units[i].key, l->data))
          unit = setting_units[i].money ? g_strdup_printf ("%s %s", currency, setting_units[i].unit)
                                        : g_strdup (setting_units[i].unit);

      g_ptr_array_add (pairs, g_strdup (l->data));
      g_ptr_array_add (pairs, unit ? g_strdup_printf ("%s %s", value, unit) : g_strdup (value));
    }
  mkt_cli_print_pairs (pairs);
}

int
mkt_cli_settings (MktCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) tenant = NULL;

  if (!mkt_cli_parse_options (NULL, "[KEY=VALUE…]",
                              "Show the business's settings, or change them: labour_rate=15.00 "
                              "overhead_percent=10 price_ending=.95 cost_method=last… (KEY= sets the default).",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    {
      const char *equals = strchr (argv[i], '=');

      if (equals == NULL || equals == argv[i])
        return mkt_cli_usage ("“%s” is not KEY=VALUE", argv[i]);
    }

  if (!mkt_cli_open (cli, &error) ||
      (tenant = mkt_session_get (cli->session, &mkt_tenant_spec, mkt_session_get_tenant_id (cli->session),
                                 &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          const char *equals = strchr (argv[i], '=');
          g_autofree char *key = g_strndup (argv[i], equals - argv[i]);

          if (!mkt_settings_set (tenant, key, equals + 1, &error))
            return mkt_cli_fail (cli, error);
        }

      /* Costs follow, in the same transaction, when a setting changes them. */
      if (!mkt_session_update (cli->session, tenant, &error))
        return mkt_cli_fail (cli, error);
    }

  print_settings (cli, tenant, &error);
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  return 0;
}
