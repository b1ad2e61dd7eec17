/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

void
mkt_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/**
 * mkt_cli_print_json_object:
 * @object: (transfer none): what to print
 */
void
mkt_cli_print_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  mkt_cli_print_json (node);
}

/**
 * mkt_cli_display_width:
 * @text: UTF-8 text
 *
 * Returns: the terminal columns @text takes: wide (CJK) characters take two
 */
gsize
mkt_cli_display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/**
 * mkt_cli_print_table:
 * @header: (element-type utf8): column titles
 * @rows: (element-type GStrv): rows, each as many cells as @header
 *
 * Prints aligned columns for people; the last column is not padded.
 */
void
mkt_cli_print_table (GPtrArray *header,
                     GPtrArray *rows)
{
  g_autofree gsize *widths = g_new0 (gsize, header->len);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < header->len; c++)
    widths[c] = mkt_cli_display_width (g_ptr_array_index (header, c));
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < header->len; c++)
        widths[c] = MAX (widths[c], mkt_cli_display_width (cells[c]));
    }

  for (guint r = 0; r <= rows->len; r++)
    {
      char **cells = r == 0 ? (char **)header->pdata : g_ptr_array_index (rows, r - 1);

      g_string_truncate (line, 0);
      for (guint c = 0; c < header->len; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < header->len)
            for (gsize pad = mkt_cli_display_width (cells[c]); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

/**
 * mkt_cli_format_timestamp:
 * @usec: microseconds since the Unix epoch
 *
 * Returns: (transfer full): the time in the local zone, to the minute
 */
char *
mkt_cli_format_timestamp (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/**
 * mkt_cli_print_record:
 * @cli: the command line's state
 * @record: a row
 *
 * Prints every field of one row, as JSON with --json.
 */
void
mkt_cli_print_record (MktCli    *cli,
                      MktRecord *record)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  const char *currency = mkt_session_get_currency (cli->session);
  g_autofree char *created = NULL;
  gsize width = 10;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = mkt_record_to_json (record);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      mkt_cli_print_json (node);
      return;
    }

  for (guint i = 0; i < spec->n_fields; i++)
    width = MAX (width, strlen (spec->fields[i].name));

  g_print ("%-*s  %s\n", (int)width, "id", mkt_record_get_id (record));
  for (guint i = 0; i < spec->n_fields; i++)
    {
      g_autofree char *value = mkt_record_format_value (record, i, currency);

      if (value != NULL)
        g_print ("%-*s  %s\n", (int)width, spec->fields[i].name, value);
    }

  created = mkt_cli_format_timestamp (mkt_record_get_created_at (record));
  g_print ("%-*s  %s\n", (int)width, "created", created);
  if (spec->kind == MKT_ENTITY_MUTABLE && mkt_record_get_updated_at (record) != mkt_record_get_created_at (record))
    {
      g_autofree char *updated = mkt_cli_format_timestamp (mkt_record_get_updated_at (record));
      g_print ("%-*s  %s\n", (int)width, "updated", updated);
    }
  if (mkt_record_is_deleted (record))
    {
      g_autofree char *deleted = mkt_cli_format_timestamp (mkt_record_get_deleted_at (record));
      g_print ("%-*s  %s (in the trash)\n", (int)width, "deleted", deleted);
    }
}

static char *
format_field (MktRecord  *record,
              const char *field,
              const char *currency)
{
  char *text = mkt_record_format_value (record,
                                        mkt_entity_spec_field_index (mkt_record_get_spec (record), field),
                                        currency);

  return text != NULL ? text : g_strdup ("");
}

/**
 * mkt_cli_print_inventory:
 * @cli: the command line's state
 * @materials: (element-type MktRecord): materials
 * @next_cursor: (nullable): the next page's cursor
 * @error: return location for an error
 *
 * Prints materials with their on-hand stock: a table for people, or
 * `{"items": [...], "next_cursor": ...}` with --json.
 */
void
mkt_cli_print_inventory (MktCli      *cli,
                         GPtrArray   *materials,
                         const char  *next_cursor,
                         GError     **error)
{
  const char *currency = mkt_session_get_currency (cli->session);
  g_autoptr(GHashTable) on_hand = mkt_stock_on_hand_all (cli->session, &mkt_material_spec, error);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (on_hand == NULL)
    return;

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      g_autoptr(JsonArray) items = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < materials->len; i++)
        {
          MktRecord *material = g_ptr_array_index (materials, i);
          JsonObject *object = mkt_record_to_json (material);
          g_autofree char *quantity =
            mkt_quantity_format (mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (material)));

          json_object_set_string_member (object, "on_hand", quantity);
          json_array_add_object_element (items, object);
        }
      json_object_set_array_member (root, "items", g_steal_pointer (&items));
      if (next_cursor != NULL)
        json_object_set_string_member (root, "next_cursor", next_cursor);
      else
        json_object_set_null_member (root, "next_cursor");

      node = json_node_init_object (json_node_alloc (), root);
      mkt_cli_print_json (node);
      return;
    }

  if (materials->len == 0)
    {
      g_print ("No materials. Add one with “market-cli material add name=… kind=… unit=…”.\n");
      return;
    }

  header = g_ptr_array_new ();
  g_ptr_array_add (header, (gpointer)"NAME");
  g_ptr_array_add (header, (gpointer)"COLOUR");
  g_ptr_array_add (header, (gpointer)"KIND");
  g_ptr_array_add (header, (gpointer)"ON HAND");
  g_ptr_array_add (header, (gpointer)"PRICE");
  g_ptr_array_add (header, (gpointer)"SKU");

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      const char *pack = mkt_record_get_string (material, "purchase_unit");
      g_autofree char *quantity =
        mkt_quantity_format (mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (material)));
      g_autofree char *price = format_field (material, "purchase_price", currency);
      char **cells = g_new0 (char *, 7);

      cells[0] = format_field (material, "name", currency);
      cells[1] = format_field (material, "colour", currency);
      cells[2] = format_field (material, "kind", currency);
      cells[3] = g_strdup_printf ("%s %s", quantity, mkt_record_get_string (material, "unit"));
      if (price[0] == '\0')
        cells[4] = g_strdup ("");
      else
        cells[4] = g_strdup_printf ("%s %s/%s", price, currency,
                                    pack ? pack : mkt_record_get_string (material, "unit"));
      cells[5] = format_field (material, "sku", currency);
      g_ptr_array_add (rows, cells);
    }

  mkt_cli_print_table (header, rows);

  if (next_cursor != NULL)
    g_print ("\nMore: --cursor %s\n", next_cursor);
}

/**
 * mkt_cli_format_money:
 * @cli: the command line's state, open
 * @amount: minor units of the business's currency
 *
 * Returns: (transfer full): "12.50"
 */
char *
mkt_cli_format_money (MktCli   *cli,
                      MktMoney  amount)
{
  return mkt_money_format (amount, mkt_session_get_currency (cli->session));
}

/**
 * mkt_cli_format_cost:
 * @cli: the command line's state, open
 * @value: millionths of a minor unit
 *
 * Returns: (transfer full): @value rounded to the minor unit, "1.65"
 */
char *
mkt_cli_format_cost (MktCli       *cli,
                     MktCostValue  value)
{
  return mkt_cli_format_money (cli, mkt_cost_round (value));
}

/**
 * mkt_cli_format_unit_cost:
 * @cli: the command line's state, open
 * @value: millionths of a minor unit
 *
 * A unit cost is often a fraction of the minor unit (a yard of a 4.99 skein
 * of 364 yd): up to four decimals, at least the currency's ("3.20",
 * "0.0137").
 *
 * Returns: (transfer full): the text
 */
char *
mkt_cli_format_unit_cost (MktCli       *cli,
                          MktCostValue  value)
{
  int exponent = MAX (mkt_currency_get_exponent (mkt_session_get_currency (cli->session)), 0);
  guint decimals = MAX (exponent, 4);
  gint64 divisor = 1;
  g_autofree char *text = NULL;
  GString *padded;
  const char *dot;
  int shown;

  /* From millionths of a minor unit to 10^-decimals of a major unit. */
  for (int i = 0; i < 6 - ((int)decimals - exponent); i++)
    divisor *= 10;
  text = mkt_decimal_format (mkt_div_round_half_even (value, divisor), decimals, TRUE);

  padded = g_string_new (text);
  dot = strchr (text, '.');
  shown = dot != NULL ? (int)strlen (dot + 1) : 0;
  if (dot == NULL && exponent > 0)
    g_string_append_c (padded, '.');
  for (; shown < exponent; shown++)
    g_string_append_c (padded, '0');

  return g_string_free (padded, FALSE);
}

/**
 * mkt_cli_json_set_cost:
 * @object: a JSON object
 * @member: a member name ("total_cost")
 * @value: millionths of a minor unit
 *
 * Sets @member to @value rounded to minor units and "@member_micro" to the
 * exact value, both integers.
 */
void
mkt_cli_json_set_cost (JsonObject   *object,
                       const char   *member,
                       MktCostValue  value)
{
  g_autofree char *micro = g_strconcat (member, "_micro", NULL);

  json_object_set_int_member (object, member, mkt_cost_round (value));
  json_object_set_int_member (object, micro, value);
}

/**
 * mkt_cli_totals_to_json:
 * @totals: a cost for one item
 *
 * Returns: (transfer full): the totals, amounts in minor units and exact
 */
JsonObject *
mkt_cli_totals_to_json (const MktCostTotals *totals)
{
  JsonObject *object = json_object_new ();
  g_autofree char *minutes = mkt_quantity_format (totals->labour_minutes);

  mkt_cli_json_set_cost (object, "material_cost", totals->material_cost);
  json_object_set_string_member (object, "labour_minutes", minutes);
  mkt_cli_json_set_cost (object, "labour_cost", totals->labour_cost);
  mkt_cli_json_set_cost (object, "overhead_cost", totals->overhead_cost);
  mkt_cli_json_set_cost (object, "total_cost", totals->total_cost);
  json_object_set_int_member (object, "unpriced", totals->unpriced);
  return object;
}

/* A text field that only some entities have (a material's colour). */
static const char *
optional_string (MktRecord  *record,
                 const char *field)
{
  if (mkt_entity_spec_field_index (mkt_record_get_spec (record), field) < 0)
    return NULL;

  return mkt_record_get_string (record, field);
}

/**
 * mkt_cli_item_to_json:
 * @record: a material, product or component
 *
 * Returns: (transfer full): what names it: entity, id, name and sku
 */
JsonObject *
mkt_cli_item_to_json (MktRecord *record)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "entity", mkt_record_get_spec (record)->name);
  json_object_set_string_member (object, "id", mkt_record_get_id (record));
  json_object_set_string_member (object, "name", mkt_record_get_title (record));
  if (optional_string (record, "sku") != NULL)
    json_object_set_string_member (object, "sku", optional_string (record, "sku"));
  else
    json_object_set_null_member (object, "sku");
  return object;
}

/**
 * mkt_cli_describe:
 * @record: a material, product or component
 *
 * Returns: (transfer full): how people tell it apart: "Merino DK (Rust,
 *   HM-MDK-RUS)", "Worsted Ear Warmer (P-EARWARMER)"
 */
char *
mkt_cli_describe (MktRecord *record)
{
  g_autoptr(GString) details = g_string_new (NULL);
  const char *colour = optional_string (record, "colour");
  const char *sku = optional_string (record, "sku");

  if (colour != NULL)
    g_string_append (details, colour);
  if (sku != NULL)
    g_string_append_printf (details, "%s%s", details->len ? ", " : "", sku);

  if (details->len == 0)
    return g_strdup (mkt_record_get_title (record));
  return g_strdup_printf ("%s (%s)", mkt_record_get_title (record), details->str);
}

/**
 * mkt_cli_print_pairs:
 * @pairs: (element-type utf8): labels and values, one after the other
 *
 * Prints "label  value" lines with the values aligned.
 */
void
mkt_cli_print_pairs (GPtrArray *pairs)
{
  gsize width = 0;

  g_return_if_fail (pairs->len % 2 == 0);

  for (guint i = 0; i < pairs->len; i += 2)
    width = MAX (width, mkt_cli_display_width (g_ptr_array_index (pairs, i)));

  for (guint i = 0; i < pairs->len; i += 2)
    {
      const char *label = g_ptr_array_index (pairs, i);

      g_print ("%s", label);
      for (gsize pad = mkt_cli_display_width (label); pad < width + 2; pad++)
        g_print (" ");
      g_print ("%s\n", (const char *)g_ptr_array_index (pairs, i + 1));
    }
}
