/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* The stock ledgers: purchases, adjustments, counts, and what is on hand. */

static const MktEntitySpec * const stocked_specs[] = { &mkt_material_spec, &mkt_product_spec, NULL };

static const char *
item_unit (MktRecord *item)
{
  return mkt_record_get_spec (item) == &mkt_material_spec ? mkt_record_get_string (item, "unit") : "pc";
}

/* A number from the command line; its errors name @field, as a record's. */
static gboolean
parse_quantity (const char   *text,
                const char   *field,
                MktQuantity  *out,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mkt_quantity_parse (text, out, &local_error))
    return TRUE;

  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
  return FALSE;
}

static JsonObject *
movement_result (MktRecord   *movement,
                 MktRecord   *item,
                 MktQuantity  on_hand)
{
  JsonObject *object = json_object_new ();
  g_autofree char *quantity = mkt_quantity_format (on_hand);

  json_object_set_object_member (object, "movement", mkt_record_to_json (movement));
  json_object_set_object_member (object, "item", mkt_cli_item_to_json (item));
  json_object_set_string_member (object, "on_hand", quantity);
  json_object_set_string_member (object, "unit", item_unit (item));
  return object;
}

/* Prints @object and drops it. */
static void
print_object (JsonObject *object)
{
  mkt_cli_print_json_object (object);
  json_object_unref (object);
}

/* "3 skein (738 yd)", or "738 yd" when given in the item's own unit. */
static char *
amount_text (MktRecord  *item,
             const char *given,
             const char *unit,
             MktQuantity converted)
{
  g_autofree char *in_item_unit = mkt_quantity_format (converted);

  if (unit == NULL || g_str_equal (unit, item_unit (item)))
    return g_strdup_printf ("%s %s", in_item_unit, item_unit (item));

  return g_strdup_printf ("%s %s (%s %s)", given, unit, in_item_unit, item_unit (item));
}

/* purchase -------------------------------------------------------------------- */

int
mkt_cli_purchase (MktCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(MktRecord) movement = NULL;
  g_autofree char *reference = NULL;
  gboolean each = FALSE;
  const char *currency;
  const char *unit = NULL;
  const char *cost_text;
  MktQuantity quantity, on_hand;
  MktMoney cost;
  MktUnitCost unit_cost;
  GOptionEntry entries[] = {
    { "each", 'e', 0, G_OPTION_ARG_NONE, &each, "COST is the price of one QTY unit, not the total", NULL },
    { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference, "An invoice number or the shop", "TEXT" },
    { NULL }
  };

  if (!mkt_cli_parse_arguments (entries, "MATERIAL QTY [UNIT] COST",
                                "Record a purchase: QTY of MATERIAL (in UNIT, a unit or its pack such as skein; "
                                "by default the material's unit) for COST in all, in the business's currency.",
                                &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 4 && argc != 5)
    return mkt_cli_usage ("purchase takes MATERIAL QTY [UNIT] COST");

  if (!mkt_cli_open (cli, &error) ||
      (material = mkt_cli_find (cli, &mkt_material_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      !parse_quantity (argv[2], "quantity", &quantity, &error))
    return mkt_cli_fail (cli, error);

  currency = mkt_session_get_currency (cli->session);
  if (argc == 5)
    unit = argv[3];
  cost_text = argv[argc - 1];

  {
    g_autoptr(GError) money_error = NULL;

    if (!mkt_money_parse (cost_text, currency, &cost, &money_error))
      {
        mkt_set_validation_error (&error, "total_cost", MKT_VALIDATION_ERROR_INVALID, "%s", money_error->message);
        return mkt_cli_fail (cli, error);
      }
  }

  /* Exactly, or not at all: the ledger keeps what was paid. */
  if (each && !mkt_stock_total_for_each (quantity, cost, currency, "total_cost", &cost, &error))
    return mkt_cli_fail (cli, error);

  movement = mkt_stock_purchase (cli->session, material, quantity, unit, cost, reference, &error);
  if (movement == NULL ||
      !mkt_stock_on_hand (cli->session, &mkt_material_spec, mkt_record_get_id (material), 0, &on_hand, &error) ||
      !mkt_cost_material_unit_cost (cli->session, material, NULL, &unit_cost, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      JsonObject *object = movement_result (movement, material, on_hand);
      JsonObject *cost_object = json_object_new ();
      g_autofree char *per = mkt_quantity_format (unit_cost.quantity);

      json_object_set_string_member (cost_object, "source", unit_cost.source);
      json_object_set_int_member (cost_object, "cost", unit_cost.cost);
      json_object_set_string_member (cost_object, "quantity", per);
      json_object_set_string_member (cost_object, "unit", item_unit (material));
      json_object_set_object_member (object, "unit_cost", cost_object);
      print_object (object);
    }
  else
    {
      g_autofree char *described = mkt_cli_describe (material);
      g_autofree char *amount = amount_text (material, argv[2], unit, mkt_record_get_int (movement, "quantity"));
      g_autofree char *paid = mkt_money_format (cost, currency);
      g_autofree char *left = mkt_quantity_format (on_hand);
      g_autofree char *per = mkt_cli_format_unit_cost (cli, mkt_cost_for_quantity (&unit_cost, MKT_QUANTITY_SCALE));

      g_print ("Bought %s of %s for %s %s.\n", amount, described, paid, currency);
      g_print ("On hand: %s %s. Unit cost: %s per %s (%s).\n", left, item_unit (material),
               per, item_unit (material), unit_cost.source);
    }

  return 0;
}

/* adjust ---------------------------------------------------------------------- */

int
mkt_cli_adjust (MktCli  *cli,
                int      argc,
                char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) item = NULL;
  g_autoptr(MktRecord) movement = NULL;
  g_autofree char *reason = NULL;
  const char *unit = NULL;
  MktQuantity delta, on_hand;
  GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, "Why: breakage, a gift, a sample… (required)", "TEXT" },
    { NULL }
  };

  if (!mkt_cli_parse_arguments (entries, "ITEM QTY [UNIT]",
                                "Add QTY to the stock of ITEM (a material or product), or take it away with a "
                                "negative QTY (-3), for a reason.",
                                &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 3 && argc != 4)
    return mkt_cli_usage ("adjust takes ITEM QTY [UNIT] --reason TEXT");
  if (argc == 4)
    unit = argv[3];

  if (!mkt_cli_open (cli, &error) ||
      (item = mkt_cli_find_one_of (cli, stocked_specs, argv[1], &error)) == NULL ||
      !parse_quantity (argv[2], "quantity", &delta, &error) ||
      (movement = mkt_stock_adjust (cli->session, item, delta, unit, reason, &error)) == NULL ||
      !mkt_stock_on_hand (cli->session, mkt_record_get_spec (item), mkt_record_get_id (item), 0, &on_hand, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    print_object (movement_result (movement, item, on_hand));
  else
    {
      g_autofree char *described = mkt_cli_describe (item);
      g_autofree char *amount = amount_text (item, argv[2], unit, mkt_record_get_int (movement, "quantity"));
      g_autofree char *left = mkt_quantity_format (on_hand);

      g_print ("Adjusted %s by %s: %s.\n", described, amount, reason);
      g_print ("On hand: %s %s.\n", left, item_unit (item));
    }

  return 0;
}

/* count ----------------------------------------------------------------------- */

int
mkt_cli_count (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) item = NULL;
  g_autoptr(MktRecord) movement = NULL;
  g_autofree char *at_text = NULL;
  const char *unit = NULL;
  MktQuantity counted, on_hand, difference, counted_in_unit;
  gint64 at = 0;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "When it was counted (default: now)", "ISO8601" },
    { NULL }
  };

  if (!mkt_cli_parse_arguments (entries, "ITEM QTY [UNIT]",
                                "Record a stocktake: QTY of ITEM (a material or product) counted at a time. "
                                "The difference to what the ledger says was there then goes in as a count; "
                                "what moved after that time still counts.",
                                &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 3 && argc != 4)
    return mkt_cli_usage ("count takes ITEM QTY [UNIT]");
  if (argc == 4)
    unit = argv[3];

  if (!mkt_cli_open (cli, &error) ||
      (item = mkt_cli_find_one_of (cli, stocked_specs, argv[1], &error)) == NULL ||
      !parse_quantity (argv[2], "quantity", &counted, &error))
    return mkt_cli_fail (cli, error);

  if (at_text != NULL)
    {
      g_autoptr(GError) time_error = NULL;

      if (!mkt_timestamp_parse (at_text, &at, &time_error))
        {
          mkt_set_validation_error (&error, "occurred_at", MKT_VALIDATION_ERROR_INVALID, "%s", time_error->message);
          return mkt_cli_fail (cli, error);
        }
    }

  if ((movement = mkt_stock_count (cli->session, item, counted, unit, at, &error)) == NULL ||
      !mkt_stock_on_hand (cli->session, mkt_record_get_spec (item), mkt_record_get_id (item), 0, &on_hand, &error) ||
      !mkt_stock_to_item_unit (item, counted, unit, &counted_in_unit, &error))
    return mkt_cli_fail (cli, error);

  difference = mkt_record_get_int (movement, "quantity");

  if (cli->json)
    {
      JsonObject *object = movement_result (movement, item, on_hand);
      g_autofree char *counted_text = mkt_quantity_format (counted_in_unit);
      g_autofree char *difference_text = mkt_quantity_format (difference);

      json_object_set_string_member (object, "counted", counted_text);
      json_object_set_string_member (object, "difference", difference_text);
      print_object (object);
    }
  else
    {
      g_autofree char *described = mkt_cli_describe (item);
      g_autofree char *amount = amount_text (item, argv[2], unit, counted_in_unit);
      g_autofree char *when = mkt_cli_format_timestamp (mkt_record_get_int (movement, "occurred_at"));
      g_autofree char *before = mkt_quantity_format (counted_in_unit - difference);
      g_autofree char *change = mkt_quantity_format (difference);
      g_autofree char *left = mkt_quantity_format (on_hand);

      g_print ("Counted %s of %s at %s.\n", amount, described, when);
      if (difference == 0)
        g_print ("The ledger agrees. On hand: %s %s.\n", left, item_unit (item));
      else
        g_print ("The ledger said %s %s then, so %s%s %s went in as a count. On hand: %s %s.\n", before, item_unit (item),
                 difference > 0 ? "+" : "", change, item_unit (item), left, item_unit (item));
    }

  return 0;
}

/* stock ----------------------------------------------------------------------- */

static char *
reorder_text (MktRecord *material)
{
  if (!mkt_record_has (material, "reorder_level"))
    return NULL;

  return mkt_quantity_format (mkt_record_get_int (material, "reorder_level"));
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
stock_item_json (MktRecord   *item,
                 MktQuantity  on_hand)
{
  JsonObject *object = mkt_cli_item_to_json (item);
  g_autofree char *quantity = mkt_quantity_format (on_hand);

  json_object_set_string_member (object, "on_hand", quantity);
  json_object_set_string_member (object, "unit", item_unit (item));
  if (mkt_record_get_spec (item) == &mkt_material_spec)
    {
      g_autofree char *reorder = reorder_text (item);

      set_optional_string (object, "colour", mkt_record_get_string (item, "colour"));
      set_optional_string (object, "reorder_level", reorder);
    }
  return object;
}

static gboolean
is_low (MktRecord   *material,
        MktQuantity  on_hand)
{
  return on_hand < 0 || (mkt_record_has (material, "reorder_level") &&
                         on_hand <= mkt_record_get_int (material, "reorder_level"));
}

static void
print_items (MktCli     *cli,
             JsonArray  *items,
             GPtrArray  *header,
             GPtrArray  *rows,
             const char *empty)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();

      json_object_set_array_member (root, "items", json_array_ref (items));
      print_object (g_steal_pointer (&root));
    }
  else if (rows->len == 0)
    g_print ("%s\n", empty);
  else
    mkt_cli_print_table (header, rows);
}

static int
stock_low (MktCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) low = mkt_stock_low (cli->session, 0, &error);
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  if (low == NULL)
    return mkt_cli_fail (cli, error);

  for (guint i = 0; i < low->len; i++)
    {
      MktLowStock *entry = g_ptr_array_index (low, i);
      JsonObject *object = stock_item_json (entry->material, entry->on_hand);
      JsonArray *blocks = json_array_new ();
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *quantity = mkt_quantity_format (entry->on_hand);
      g_autofree char *reorder = reorder_text (entry->material);
      char **cells = g_new0 (char *, 5);

      for (guint b = 0; b < entry->blocked->len; b++)
        {
          MktRecord *product = g_ptr_array_index (entry->blocked, b);

          json_array_add_object_element (blocks, mkt_cli_item_to_json (product));
          g_string_append_printf (names, "%s%s", b ? ", " : "", mkt_record_get_title (product));
        }
      json_object_set_array_member (object, "blocks", blocks);
      json_array_add_object_element (items, object);

      cells[0] = mkt_cli_describe (entry->material);
      cells[1] = g_strdup_printf ("%s %s", quantity, item_unit (entry->material));
      cells[2] = reorder ? g_strdup_printf ("%s %s", reorder, item_unit (entry->material)) : g_strdup ("");
      cells[3] = g_strdup (names->len ? names->str : "–");
      g_ptr_array_add (rows, cells);
    }

  g_ptr_array_add (header, (gpointer)"MATERIAL");
  g_ptr_array_add (header, (gpointer)"ON HAND");
  g_ptr_array_add (header, (gpointer)"REORDER AT");
  g_ptr_array_add (header, (gpointer)"BLOCKS");
  print_items (cli, items, header, rows, "Nothing is at or below its reorder level.");
  return 0;
}

int
mkt_cli_stock (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  const MktEntitySpec *spec;
  gboolean low = FALSE;
  gboolean products = FALSE;
  GOptionEntry entries[] = {
    { "low", 'l', 0, G_OPTION_ARG_NONE, &low, "Only materials at or below their reorder level, with the products they block", NULL },
    { "products", 'p', 0, G_OPTION_ARG_NONE, &products, "Finished products instead of materials", NULL },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, NULL, "Show what is on hand.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("stock takes no arguments");
  if (low && products)
    return mkt_cli_usage ("--low is for materials; it does not go with --products");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (low)
    return stock_low (cli);

  spec = products ? &mkt_product_spec : &mkt_material_spec;
  mkt_query_set_sort (query, "name", FALSE);
  if ((on_hand = mkt_stock_on_hand_all (cli->session, spec, &error)) == NULL ||
      (list = mkt_session_list (cli->session, spec, query, NULL, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  for (guint i = 0; i < list->len; i++)
    {
      MktRecord *item = g_ptr_array_index (list, i);
      MktQuantity quantity = mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (item));
      JsonObject *object = stock_item_json (item, quantity);
      g_autofree char *text = mkt_quantity_format (quantity);
      char **cells = g_new0 (char *, 4);

      if (!products)
        json_object_set_boolean_member (object, "low", is_low (item, quantity));
      json_array_add_object_element (items, object);

      cells[0] = mkt_cli_describe (item);
      cells[1] = g_strdup_printf ("%s %s", text, item_unit (item));
      if (!products)
        {
          g_autofree char *reorder = reorder_text (item);

          cells[2] = g_strdup_printf ("%s%s%s%s", reorder ? reorder : "–", reorder ? " " : "",
                                      reorder ? item_unit (item) : "", is_low (item, quantity) ? " (low)" : "");
        }
      g_ptr_array_add (rows, cells);
    }

  g_ptr_array_add (header, products ? (gpointer)"PRODUCT" : (gpointer)"MATERIAL");
  g_ptr_array_add (header, (gpointer)"ON HAND");
  if (!products)
    g_ptr_array_add (header, (gpointer)"REORDER AT");
  print_items (cli, items, header, rows, products ? "No products." : "No materials.");
  return 0;
}
