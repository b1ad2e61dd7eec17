/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* What things cost and what to charge: `cost explain`, `price`, and the cost
 * and price lines of `product show`. */

static const MktEntitySpec * const costed_specs[] = { &mkt_product_spec, &mkt_component_spec, NULL };

static void
add_pair (GPtrArray  *pairs,
          const char *label,
          char       *value)
{
  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, value);
}

static char *
with_currency (MktCli *cli,
               char   *amount)
{
  char *text = g_strdup_printf ("%s %s", amount, mkt_session_get_currency (cli->session));

  g_free (amount);
  return text;
}

/**
 * mkt_cli_append_cost_pairs:
 * @cli: the command line's state, open
 * @pairs: (element-type utf8): where to add label and value pairs
 * @totals: a cost for one
 * @settings: the business's settings
 *
 * The lines of a cost for `product show` and `price`.
 */
void
mkt_cli_append_cost_pairs (MktCli              *cli,
                           GPtrArray           *pairs,
                           const MktCostTotals *totals,
                           const MktSettings   *settings)
{
  g_autofree char *minutes = mkt_quantity_format (totals->labour_minutes);
  g_autofree char *rate = mkt_cli_format_money (cli, settings->labour_rate);
  g_autofree char *labour = mkt_cli_format_cost (cli, totals->labour_cost);
  g_autofree char *total = with_currency (cli, mkt_cli_format_cost (cli, totals->total_cost));

  add_pair (pairs, "materials", with_currency (cli, mkt_cli_format_cost (cli, totals->material_cost)));
  add_pair (pairs, "labour", g_strdup_printf ("%s %s (%s min at %s per hour)", labour,
                                              mkt_session_get_currency (cli->session), minutes, rate));
  if (totals->overhead_cost != 0)
    add_pair (pairs, "overhead", with_currency (cli, mkt_cli_format_cost (cli, totals->overhead_cost)));
  add_pair (pairs, "cost", g_strdup_printf ("%s for one", total));
  if (totals->unpriced > 0)
    add_pair (pairs, "note", g_strdup_printf ("%" G_GINT64_FORMAT " material line%s without a price count as free: "
                                              "the cost is too low (see market-cli cost explain)",
                                              totals->unpriced, totals->unpriced == 1 ? "" : "s"));
}

static gboolean
has_fees (const MktSettings *settings)
{
  return settings->fee_percent > 0 || settings->fee_fixed > 0;
}

/**
 * mkt_cli_append_pricing_pairs:
 * @cli: the command line's state, open
 * @pairs: (element-type utf8): where to add label and value pairs
 * @pricing: a product's pricing
 * @settings: the business's settings
 *
 * The suggested prices, the set price, margin and markup.
 */
void
mkt_cli_append_pricing_pairs (MktCli            *cli,
                              GPtrArray         *pairs,
                              const MktPricing  *pricing,
                              const MktSettings *settings)
{
  g_autofree char *wholesale_by = mkt_quantity_format (settings->wholesale_multiplier);
  g_autofree char *retail_by = mkt_quantity_format (settings->retail_multiplier);
  g_autofree char *wholesale = with_currency (cli, mkt_cli_format_money (cli, pricing->wholesale));
  g_autofree char *retail = with_currency (cli, mkt_cli_format_money (cli, pricing->retail));
  g_autofree char *ending = mkt_settings_format (settings, "price_ending", mkt_session_get_currency (cli->session));

  add_pair (pairs, "wholesale", g_strdup_printf ("%s (suggested: cost × %s)", wholesale, wholesale_by));
  if (settings->price_ending != MKT_PRICE_ENDING_NONE)
    add_pair (pairs, "retail", g_strdup_printf ("%s (suggested: wholesale × %s, up to %s)", retail, retail_by, ending));
  else
    add_pair (pairs, "retail", g_strdup_printf ("%s (suggested: wholesale × %s)", retail, retail_by));

  if (has_fees (settings))
    {
      g_autofree char *marketplace = with_currency (cli, mkt_cli_format_money (cli, pricing->marketplace));
      g_autofree char *percent = mkt_quantity_format (settings->fee_percent);
      g_autofree char *fixed = mkt_cli_format_money (cli, settings->fee_fixed);

      add_pair (pairs, "marketplace", g_strdup_printf ("%s (leaves the retail price after fees of %s %% + %s)",
                                                       marketplace, percent, fixed));
    }

  if (pricing->has_price)
    {
      add_pair (pairs, "price", with_currency (cli, mkt_cli_format_money (cli, pricing->price)));
      add_pair (pairs, "margin", mkt_price_format_percent (pricing->margin_bp));
      add_pair (pairs, "markup", pricing->cost > 0 ? mkt_price_format_percent (pricing->markup_bp) : g_strdup ("–"));
    }
  else
    add_pair (pairs, "price", g_strdup ("not set (set it with price=…)"));
}

/**
 * mkt_cli_pricing_to_json:
 * @pricing: a product's pricing
 * @settings: the business's settings
 *
 * Returns: (transfer full): amounts in minor units; marketplace is null
 *   without fees, price, margin and markup without a set price
 */
JsonObject *
mkt_cli_pricing_to_json (const MktPricing  *pricing,
                         const MktSettings *settings)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "cost", pricing->cost);
  json_object_set_int_member (object, "wholesale", pricing->wholesale);
  json_object_set_int_member (object, "retail", pricing->retail);
  if (has_fees (settings))
    json_object_set_int_member (object, "marketplace", pricing->marketplace);
  else
    json_object_set_null_member (object, "marketplace");

  if (pricing->has_price)
    {
      g_autofree char *margin = mkt_price_format_percent (pricing->margin_bp);
      g_autofree char *markup = mkt_price_format_percent (pricing->markup_bp);

      json_object_set_int_member (object, "price", pricing->price);
      json_object_set_string_member (object, "margin", margin);
      json_object_set_int_member (object, "margin_bp", pricing->margin_bp);
      json_object_set_string_member (object, "markup", markup);
      json_object_set_int_member (object, "markup_bp", pricing->markup_bp);
    }
  else
    {
      json_object_set_null_member (object, "price");
      json_object_set_null_member (object, "margin");
      json_object_set_null_member (object, "margin_bp");
      json_object_set_null_member (object, "markup");
      json_object_set_null_member (object, "markup_bp");
    }

  return object;
}

/* cost explain ---------------------------------------------------------------- */

static char *
quantity_text (MktQuantity  quantity,
               const char  *unit)
{
  g_autofree char *number = mkt_quantity_format (quantity);

  return unit != NULL ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

/* "0.0137 per yd (average)": the cost of one of the recipe's unit. */
static char *
material_rate (MktCli            *cli,
               const MktCostLine *line)
{
  MktQuantity one;
  g_autofree char *amount = NULL;

  if (g_str_equal (line->unit_cost.source, "none"))
    return g_strdup ("no price yet");
  if (line->quantity == 0 ||
      !mkt_mul_div_round_half_even (line->base_quantity, MKT_QUANTITY_SCALE, line->quantity, &one))
    return g_strdup (line->unit_cost.source);

  amount = mkt_cli_format_unit_cost (cli, mkt_cost_for_quantity (&line->unit_cost, one));
  return g_strdup_printf ("%s per %s (%s)", amount, line->unit, line->unit_cost.source);
}

static char *
overhead_rate (MktCli            *cli,
               const MktCostLine *node,
               const MktSettings *settings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (settings->overhead_percent > 0)
    {
      g_autofree char *percent = mkt_quantity_format (settings->overhead_percent);
      g_autofree char *base = mkt_cli_format_cost (cli, node->totals.material_cost + node->totals.labour_cost);

      g_string_append_printf (text, "%s %% of %s", percent, base);
    }
  if (settings->overhead_fixed > 0)
    {
      g_autofree char *fixed = mkt_cli_format_money (cli, settings->overhead_fixed);

      g_string_append_printf (text, "%s%s per item", text->len ? " + " : "", fixed);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_row (GPtrArray  *rows,
         guint       depth,
         const char *label,
         char       *quantity,
         char       *rate,
         char       *amount)
{
  char **cells = g_new0 (char *, 5);

  cells[0] = g_strdup_printf ("%*s%s", (int)(2 * depth + 2), "", label);
  cells[1] = quantity ? quantity : g_strdup ("");
  cells[2] = rate ? rate : g_strdup ("");
  cells[3] = amount ? amount : g_strdup ("");
  g_ptr_array_add (rows, cells);
}

static void
explain_rows (MktCli            *cli,
              const MktCostLine *node,
              const MktSettings *settings,
              guint              depth,
              GPtrArray         *rows)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      const MktCostLine *line = g_ptr_array_index (node->children, i);

      if (g_str_equal (line->kind, "material"))
        {
          char *quantity = quantity_text (line->quantity, line->unit);

          if (g_strcmp0 (line->unit, line->base_unit) != 0 && line->base_quantity != 0)
            {
              g_autofree char *base = quantity_text (line->base_quantity, line->base_unit);
              char *both = g_strdup_printf ("%s = %s", quantity, base);

              g_free (quantity);
              quantity = both;
            }
          add_row (rows, depth, line->name, quantity, material_rate (cli, line),
                   g_str_equal (line->unit_cost.source, "none") ? g_strdup ("–") : mkt_cli_format_cost (cli, line->cost));
        }
      else if (g_str_equal (line->kind, "component"))
        {
          g_autofree char *each = mkt_cli_format_cost (cli, line->totals.total_cost);

          add_row (rows, depth, line->name, quantity_text (line->quantity, line->unit),
                   g_strdup_printf ("%s each", each), mkt_cli_format_cost (cli, line->cost));
          explain_rows (cli, line, settings, depth + 1, rows);
        }
      else if (g_str_equal (line->kind, "labour"))
        {
          g_autofree char *rate = mkt_cli_format_money (cli, settings->labour_rate);

          /* The node's own work; its components' is in their lines. */
          add_row (rows, depth, "Labour", quantity_text (line->quantity, "min"), g_strdup_printf ("%s per hour", rate),
                   mkt_cli_format_cost (cli, line->cost));
        }
      else if (g_str_equal (line->kind, "overhead"))
        add_row (rows, depth, "Overhead", NULL, overhead_rate (cli, node, settings), mkt_cli_format_cost (cli, line->cost));
    }
}

/* Columns: the tree's names, quantities and rates; amounts to the right. */
static void
print_rows (GPtrArray *rows)
{
  gsize widths[4] = { 0 };

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < 4; c++)
        widths[c] = MAX (widths[c], mkt_cli_display_width (cells[c]));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < 3; c++)
        {
          g_string_append (line, cells[c]);
          for (gsize pad = mkt_cli_display_width (cells[c]); pad < widths[c] + 2; pad++)
            g_string_append_c (line, ' ');
        }
      for (gsize pad = mkt_cli_display_width (cells[3]); pad < widths[3]; pad++)
        g_string_append_c (line, ' ');
      g_string_append (line, cells[3]);

      /* Rows with no amount or rate leave trailing blanks. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

static JsonObject *
line_to_json (MktCli            *cli,
              const MktCostLine *line,
              const MktCostLine *parent,
              const MktSettings *settings)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", line->kind);
  if (line->id != NULL)
    json_object_set_string_member (object, "id", line->id);
  else
    json_object_set_null_member (object, "id");
  json_object_set_string_member (object, "name", line->name);

  if (g_str_equal (line->kind, "material"))
    {
      g_autofree char *quantity = mkt_quantity_format (line->quantity);
      g_autofree char *base_quantity = mkt_quantity_format (line->base_quantity);
      g_autofree char *per = mkt_quantity_format (line->unit_cost.quantity);
      JsonObject *unit_cost = json_object_new ();

      json_object_set_string_member (object, "quantity", quantity);
      json_object_set_string_member (object, "unit", line->unit);
      json_object_set_string_member (object, "base_quantity", base_quantity);
      json_object_set_string_member (object, "base_unit", line->base_unit);
      json_object_set_string_member (unit_cost, "source", line->unit_cost.source);
      json_object_set_int_member (unit_cost, "cost", line->unit_cost.cost);
      json_object_set_string_member (unit_cost, "quantity", per);
      json_object_set_string_member (unit_cost, "unit", line->base_unit);
      json_object_set_object_member (object, "unit_cost", unit_cost);
    }
  else if (g_str_equal (line->kind, "labour"))
    {
      g_autofree char *minutes = mkt_quantity_format (line->quantity);

      json_object_set_string_member (object, "minutes", minutes);
      json_object_set_int_member (object, "rate", settings->labour_rate);
    }
  else if (g_str_equal (line->kind, "overhead"))
    {
      g_autofree char *percent = mkt_quantity_format (settings->overhead_percent);

      json_object_set_string_member (object, "percent", percent);
      json_object_set_int_member (object, "fixed", settings->overhead_fixed);
    }
  else
    {
      g_autofree char *quantity = mkt_quantity_format (line->quantity);

      json_object_set_string_member (object, "quantity", quantity);
      if (line->unit != NULL)
        json_object_set_string_member (object, "unit", line->unit);
      else
        json_object_set_null_member (object, "unit");
    }

  mkt_cli_json_set_cost (object, "cost", line->cost);

  if (g_str_equal (line->kind, "component") || g_str_equal (line->kind, "product"))
    {
      JsonArray *children = json_array_new ();

      if (g_str_equal (line->kind, "component"))
        mkt_cli_json_set_cost (object, "each", line->totals.total_cost);
      json_object_set_object_member (object, "totals", mkt_cli_totals_to_json (&line->totals));
      for (guint i = 0; line->children != NULL && i < line->children->len; i++)
        json_array_add_object_element (children, line_to_json (cli, g_ptr_array_index (line->children, i),
                                                               line, settings));
      json_object_set_array_member (object, "lines", children);
    }

  return object;
}

static int
cost_explain (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) item = NULL;
  g_autoptr(MktCostLine) root = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  g_autofree char *minutes = NULL;
  MktSettings settings;

  if (!mkt_cli_parse_options (NULL, "SKU|NAME|ID",
                              "Explain what one product or component costs: every material with its quantity "
                              "and unit cost, every component with its own lines, labour and overhead.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("cost explain takes one product or component (sku, name or id)");

  if (!mkt_cli_open (cli, &error) ||
      (item = mkt_cli_find_one_of (cli, costed_specs, argv[1], &error)) == NULL ||
      !mkt_cli_get_settings (cli, &settings, &error) ||
      (root = mkt_cost_explain (cli->session, mkt_record_get_spec (item), mkt_record_get_id (item), &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = line_to_json (cli, root, NULL, &settings);

      if (mkt_record_has (item, "sku"))
        json_object_set_string_member (object, "sku", mkt_record_get_string (item, "sku"));
      else
        json_object_set_null_member (object, "sku");
      json_object_set_string_member (object, "currency", mkt_session_get_currency (cli->session));
      mkt_cli_print_json_object (object);
      return 0;
    }

  title = mkt_cli_describe (item);
  g_print ("%s: what one costs, in %s\n\n", title, mkt_session_get_currency (cli->session));

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  explain_rows (cli, root, &settings, 0, rows);
  add_row (rows, 0, "", NULL, NULL, NULL);

  minutes = mkt_quantity_format (root->totals.labour_minutes);
  add_row (rows, 0, "Materials", NULL, NULL, mkt_cli_format_cost (cli, root->totals.material_cost));
  add_row (rows, 0, "Labour", g_strdup_printf ("%s min", minutes), NULL, mkt_cli_format_cost (cli, root->totals.labour_cost));
  if (root->totals.overhead_cost != 0)
    add_row (rows, 0, "Overhead", NULL, NULL, mkt_cli_format_cost (cli, root->totals.overhead_cost));
  add_row (rows, 0, "Total", NULL, NULL, mkt_cli_format_cost (cli, root->totals.total_cost));
  print_rows (rows);

  if (root->totals.unpriced > 0)
    g_print ("\n%" G_GINT64_FORMAT " material line%s without a price count as free: the total is too low.\n",
             root->totals.unpriced, root->totals.unpriced == 1 ? "" : "s");

  return 0;
}

static const MktCliCommand cost_commands[] = {
  { "explain", cost_explain, "Show what one product or component costs, line by line" },
};

int
mkt_cli_cost (MktCli  *cli,
              int      argc,
              char   **argv)
{
  return mkt_cli_dispatch (cli, "cost", cost_commands, G_N_ELEMENTS (cost_commands),
                           "\nAmounts are exact to a millionth of a cent and rounded once, as shown.\n",
                           argc, argv);
}

/* price ------------------------------------------------------------------------ */

int
mkt_cli_price (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *cost = NULL;
  MktSettings settings;
  MktPricing pricing;

  if (!mkt_cli_parse_options (NULL, "SKU|NAME|ID",
                              "Suggest prices for a product from its cost and the business's settings "
                              "(wholesale_multiplier, retail_multiplier, price_ending, fee_percent, fee_fixed), "
                              "with the margin and markup at its set price.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("price takes one product (sku, name or id)");

  if (!mkt_cli_open (cli, &error) ||
      (product = mkt_cli_find (cli, &mkt_product_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      !mkt_cli_get_settings (cli, &settings, &error) ||
      !mkt_price_suggest (cli->session, mkt_record_get_id (product), &pricing, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = mkt_cli_pricing_to_json (&pricing, &settings);

      json_object_set_object_member (object, "product", mkt_cli_item_to_json (product));
      json_object_set_string_member (object, "currency", mkt_session_get_currency (cli->session));
      json_object_set_object_member (object, "totals", mkt_cli_totals_to_json (&pricing.totals));
      mkt_cli_print_json_object (object);
      return 0;
    }

  title = mkt_cli_describe (product);
  g_print ("%s\n", title);

  pairs = g_ptr_array_new_with_free_func (g_free);
  cost = with_currency (cli, mkt_cli_format_money (cli, pricing.cost));
  add_pair (pairs, "cost", g_strdup_printf ("%s for one", cost));
  mkt_cli_append_pricing_pairs (cli, pairs, &pricing, &settings);
  mkt_cli_print_pairs (pairs);

  return 0;
}
