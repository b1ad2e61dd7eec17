/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* Products and components: the material commands, with costs, prices and
 * the stock of finished products beside their fields. */

static char *
field_text (MktCli     *cli,
            MktRecord  *record,
            const char *field)
{
  char *text = mkt_record_format_value (record, mkt_entity_spec_field_index (mkt_record_get_spec (record), field),
                                        mkt_session_get_currency (cli->session));

  return text != NULL ? text : g_strdup ("");
}

static void
print_page (MktCli      *cli,
            GPtrArray   *rows,
            const char  *next_cursor,
            GHashTable  *on_hand,
            GError     **error)
{
  const MktEntitySpec *spec = on_hand != NULL ? &mkt_product_spec : &mkt_component_spec;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree char *cost_header = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *record = g_ptr_array_index (rows, i);
      MktCostTotals totals;
      g_autofree char *quantity = NULL;

      if (!mkt_cost_get (cli->session, spec, mkt_record_get_id (record), &totals, error))
        return;
      if (on_hand != NULL)
        quantity = mkt_quantity_format (mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (record)));

      if (cli->json)
        {
          JsonObject *object = mkt_record_to_json (record);

          mkt_cli_json_set_cost (object, "cost", totals.total_cost);
          if (quantity != NULL)
            json_object_set_string_member (object, "on_hand", quantity);
          json_array_add_object_element (items, object);
        }
      else
        {
          char **cells = g_new0 (char *, 6);

          cells[0] = field_text (cli, record, "name");
          cells[1] = field_text (cli, record, "sku");
          cells[2] = mkt_cli_format_cost (cli, totals.total_cost);
          if (on_hand != NULL)
            {
              cells[3] = field_text (cli, record, "price");
              cells[4] = g_strdup_printf ("%s pc", quantity);
            }
          else
            {
              g_autofree char *minutes = mkt_quantity_format (totals.labour_minutes);
              cells[3] = g_strdup_printf ("%s min", minutes);
            }
          g_ptr_array_add (table, cells);
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();

      json_object_set_array_member (root, "items", g_steal_pointer (&items));
      if (next_cursor != NULL)
        json_object_set_string_member (root, "next_cursor", next_cursor);
      else
        json_object_set_null_member (root, "next_cursor");
      mkt_cli_print_json_object (root);
      return;
    }

  if (rows->len == 0)
    {
      g_print ("No %ss. Add one with “market-cli %s add name=…”.\n", spec->name, spec->name);
      return;
    }

  cost_header = g_strdup_printf ("COST (%s)", mkt_session_get_currency (cli->session));
  g_ptr_array_add (header, (gpointer)"NAME");
  g_ptr_array_add (header, (gpointer)"SKU");
  g_ptr_array_add (header, cost_header);
  if (on_hand != NULL)
    {
      g_ptr_array_add (header, (gpointer)"PRICE");
      g_ptr_array_add (header, (gpointer)"ON HAND");
    }
  else
    g_ptr_array_add (header, (gpointer)"LABOUR");

  mkt_cli_print_table (header, table);

  if (next_cursor != NULL)
    g_print ("\nMore: --cursor %s\n", next_cursor);
}

static void
print_products (MktCli      *cli,
                GPtrArray   *rows,
                const char  *next_cursor,
                GError     **error)
{
  g_autoptr(GHashTable) on_hand = mkt_stock_on_hand_all (cli->session, &mkt_product_spec, error);

  if (on_hand != NULL)
    print_page (cli, rows, next_cursor, on_hand, error);
}

static void
print_components (MktCli      *cli,
                  GPtrArray   *rows,
                  const char  *next_cursor,
                  GError     **error)
{
  print_page (cli, rows, next_cursor, NULL, error);
}

/* A product or component, its cost, and for a product its prices and stock. */
static void
print_costed (MktCli     *cli,
              MktRecord  *record,
              GError    **error)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  gboolean is_product = spec == &mkt_product_spec;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *quantity = NULL;
  MktCostTotals totals;
  MktSettings settings;
  MktPricing pricing;

  if (!mkt_cost_get (cli->session, spec, mkt_record_get_id (record), &totals, error) ||
      !mkt_cli_get_settings (cli, &settings, error))
    return;

  if (is_product)
    {
      MktQuantity on_hand;

      if (!mkt_stock_on_hand (cli->session, &mkt_product_spec, mkt_record_get_id (record), 0, &on_hand, error))
        return;
      quantity = mkt_quantity_format (on_hand);
      /* From the totals read here: a product in the trash is priced too. */
      mkt_price_compute (&totals, &settings, mkt_session_get_currency (cli->session),
                         mkt_record_has (record, "price"), mkt_record_get_int (record, "price"), &pricing);
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = mkt_record_to_json (record);

      json_object_set_object_member (object, "cost", mkt_cli_totals_to_json (&totals));
      if (is_product)
        {
          json_object_set_object_member (object, "pricing", mkt_cli_pricing_to_json (&pricing, &settings));
          json_object_set_string_member (object, "on_hand", quantity);
        }
      mkt_cli_print_json_object (object);
      return;
    }

  mkt_cli_print_record (cli, record);
  g_print ("\n");

  pairs = g_ptr_array_new_with_free_func (g_free);
  mkt_cli_append_cost_pairs (cli, pairs, &totals, &settings);
  if (is_product)
    {
      mkt_cli_append_pricing_pairs (cli, pairs, &pricing, &settings);
      g_ptr_array_add (pairs, g_strdup ("on hand"));
      g_ptr_array_add (pairs, g_strdup_printf ("%s pc", quantity));
    }
  mkt_cli_print_pairs (pairs);
}

static const MktCliEntity product_entity = {
  .spec = &mkt_product_spec,
  .add_summary = "Add a product, e.g. name=\"Worsted Ear Warmer\" sku=P-EARWARMER labour_minutes=45 price=22.00; "
                 "then its recipe with “market-cli part add”",
  .add_needs = "name",
  .list_summary = "List the products with their cost, price and stock on hand.",
  .list_line = "List products with their cost, price and stock on hand",
  .search_help = "Only products whose name or sku contains TEXT",
  .print_list = print_products,
  .print_one = print_costed,
};

static const MktCliEntity component_entity = {
  .spec = &mkt_component_spec,
  .add_summary = "Add a component (a part made to go into products), e.g. name=\"Crocheted bear head\" "
                 "sku=C-BEAR-HEAD labour_minutes=40; then its recipe with “market-cli part add”",
  .add_needs = "name",
  .list_summary = "List the components with their cost and labour.",
  .list_line = "List components with their cost and labour",
  .search_help = "Only components whose name or sku contains TEXT",
  .print_list = print_components,
  .print_one = print_costed,
};

int
mkt_cli_product (MktCli  *cli,
                 int      argc,
                 char   **argv)
{
  return mkt_cli_entity_run (cli, &product_entity, argc, argv);
}

int
mkt_cli_component (MktCli  *cli,
                   int      argc,
                   char   **argv)
{
  return mkt_cli_entity_run (cli, &component_entity, argc, argv);
}
