/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

/* Market events and the stall: the sheet, bringing and returning stock,
 * selling, voiding, and what the day earned. */

static char *
event_date (MktRecord  *event,
            const char *field)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!mkt_record_has (event, field))
    return NULL;

  dt = g_date_time_new_from_unix_utc (mkt_record_get_int (event, field) / G_USEC_PER_SEC);
  return dt ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

static char *
event_dates (MktRecord *event)
{
  g_autofree char *starts = event_date (event, "starts_on");
  g_autofree char *ends = event_date (event, "ends_on");

  if (ends == NULL || g_strcmp0 (starts, ends) == 0)
    return g_strdup (starts);
  return g_strdup_printf ("%s to %s", starts, ends);
}

static void
print_events (MktCli      *cli,
              GPtrArray   *rows,
              const char  *next_cursor,
              GError     **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      JsonArray *items = json_array_new ();

      for (guint i = 0; i < rows->len; i++)
        json_array_add_object_element (items, mkt_record_to_json (g_ptr_array_index (rows, i)));
      json_object_set_array_member (root, "items", items);
      if (next_cursor != NULL)
        json_object_set_string_member (root, "next_cursor", next_cursor);
      else
        json_object_set_null_member (root, "next_cursor");
      mkt_cli_print_json_object (root);
      return;
    }

  if (rows->len == 0)
    {
      g_print ("No market events. Add one with “market-cli event add name=… starts_on=2026-12-05”.\n");
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *event = g_ptr_array_index (rows, i);
      char **cells = g_new0 (char *, 5);
      const char *venue = mkt_record_get_string (event, "venue");

      cells[0] = event_dates (event);
      cells[1] = g_strdup (mkt_record_get_title (event));
      cells[2] = g_strdup (venue ? venue : "");
      cells[3] = g_strdup (mkt_record_get_id (event));
      g_ptr_array_add (table, cells);
    }

  g_ptr_array_add (header, (gpointer)"DATE");
  g_ptr_array_add (header, (gpointer)"EVENT");
  g_ptr_array_add (header, (gpointer)"VENUE");
  g_ptr_array_add (header, (gpointer)"ID");
  mkt_cli_print_table (header, table);

  if (next_cursor != NULL)
    g_print ("\nMore: --cursor %s\n", next_cursor);
}

static const MktCliEntity event_entity = {
  .spec = &mkt_market_event_spec,
  .command = "event",
  .add_summary = "Add a market event, e.g. name=\"Winter Makers Market\" starts_on=2026-12-05 "
                 "venue=\"Town Hall\" booth_fee=35",
  .add_needs = "name and starts_on",
  .list_summary = "List the market events.",
  .list_line = "List market events",
  .search_help = "Only events whose name or venue contains TEXT",
  .print_list = print_events,
};

static gboolean
parse_count (const char   *text,
             MktQuantity  *out,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mkt_quantity_parse (text, out, &local_error) && *out > 0)
    return TRUE;

  mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_INVALID,
                            "“%s” is not a number of items more than 0", text);
  return FALSE;
}

static gboolean
parse_money (MktCli      *cli,
             const char  *field,
             const char  *text,
             MktMoney    *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mkt_money_parse (text, mkt_session_get_currency (cli->session), out, &local_error))
    return TRUE;

  mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
  return FALSE;
}

/* event bring|return EVENT PRODUCT QTY */
static int
event_transfer (MktCli    *cli,
                int        argc,
                char     **argv,
                gboolean   bring)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  MktQuantity quantity;
  gboolean ok;

  if (!mkt_cli_parse_options (NULL, "EVENT PRODUCT QUANTITY",
                              bring ? "Take items of a product to a market event."
                                    : "Take items of a product back home from a market event.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 4)
    return mkt_cli_usage ("event %s takes an event, a product and a quantity", bring ? "bring" : "return");

  if (!mkt_cli_open (cli, &error) ||
      (event = mkt_cli_find (cli, &mkt_market_event_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      (product = mkt_cli_find (cli, &mkt_product_spec, argv[2], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      !parse_count (argv[3], &quantity, &error))
    return mkt_cli_fail (cli, error);

  if (bring)
    ok = mkt_market_bring (cli->session, mkt_record_get_id (event), mkt_record_get_id (product), quantity, &error);
  else
    ok = mkt_market_return (cli->session, mkt_record_get_id (event), mkt_record_get_id (product), quantity, &error);
  if (!ok)
    return mkt_cli_fail (cli, error);

  lines = mkt_market_lines (cli->session, mkt_record_get_id (event), &error);
  if (lines == NULL)
    return mkt_cli_fail (cli, error);

  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);
      g_autofree char *at_stall = NULL;

      if (!g_str_equal (mkt_record_get_id (line->product), mkt_record_get_id (product)))
        continue;

      at_stall = mkt_quantity_format (line->on_hand);
      if (cli->json)
        {
          g_autoptr(JsonObject) object = json_object_new ();
          g_autofree char *brought = mkt_quantity_format (line->brought);
          g_autofree char *returned = mkt_quantity_format (line->returned);

          json_object_set_string_member (object, "event_id", mkt_record_get_id (event));
          json_object_set_string_member (object, "product_id", mkt_record_get_id (product));
          json_object_set_string_member (object, "brought", brought);
          json_object_set_string_member (object, "returned", returned);
          json_object_set_string_member (object, "at_stall", at_stall);
          mkt_cli_print_json_object (object);
        }
      else
        g_print ("%s: %s at the stall of “%s”.\n", mkt_record_get_title (product), at_stall,
                 mkt_record_get_title (event));
    }

  return 0;
}

/* event price EVENT PRODUCT PRICE */
static int
event_price (MktCli  *cli,
             int      argc,
             char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) line = NULL;
  MktMoney price;

  if (!mkt_cli_parse_options (NULL, "EVENT PRODUCT PRICE",
                              "Put a product on an event's sheet at a price of its own there.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 4)
    return mkt_cli_usage ("event price takes an event, a product and a price");

  if (!mkt_cli_open (cli, &error) ||
      (event = mkt_cli_find (cli, &mkt_market_event_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      (product = mkt_cli_find (cli, &mkt_product_spec, argv[2], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      !parse_money (cli, "price", argv[3], &price, &error) ||
      (line = mkt_market_add_product (cli->session, mkt_record_get_id (event), mkt_record_get_id (product),
                                      TRUE, price, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  mkt_cli_print_record (cli, line);
  return 0;
}

static void
add_amount (MktCli     *cli,
            GPtrArray  *pairs,
            const char *label,
            MktMoney    amount)
{
  g_autofree char *text = mkt_cli_format_money (cli, amount);

  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, g_strdup_printf ("%s %s", text, mkt_session_get_currency (cli->session)));
}

static char *
sell_through (const MktMarketLine *line)
{
  gint64 basis_points;

  if (line->brought <= 0 ||
      !mkt_mul_div_round_half_even (line->sold, 10000, line->brought, &basis_points))
    return g_strdup ("–");
  return mkt_price_format_percent (basis_points);
}

/* --day: "today" or YYYY-MM-DD, a calendar day in the local time zone. */
static gboolean
parse_day (MktCli      *cli,
           const char  *text,
           char       **out_day,
           gint64      *from_us,
           gint64      *to_us)
{
  int year, month, day;

  if (g_str_equal (text, "today"))
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) start = NULL;

      if (!mkt_market_day_bounds (mkt_session_now (cli->session), tz, from_us, to_us))
        return FALSE;
      start = g_date_time_new_from_unix_local (*from_us / G_USEC_PER_SEC);
      *out_day = g_date_time_format (start, "%Y-%m-%d");
      return TRUE;
    }

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]))
    return FALSE;

  year = (int)g_ascii_strtoll (text, NULL, 10);
  month = (int)g_ascii_strtoll (text + 5, NULL, 10);
  day = (int)g_ascii_strtoll (text + 8, NULL, 10);
  if (!mkt_market_date_bounds (year, month, day, NULL, from_us, to_us))
    return FALSE;

  *out_day = g_strdup (text);
  return TRUE;
}

/* event summary EVENT [--day DAY] */
static int
event_summary (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dates = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *day = NULL;
  gint64 from = G_MININT64, to = G_MAXINT64;
  GOptionEntry entries[] = {
    { "day", 0, 0, G_OPTION_ARG_STRING, &day_text,
      "Only the sales and voids of one day, in the local time zone", "YYYY-MM-DD|today" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "EVENT", "What a market event earned, all its days or one of them.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("event summary takes one event");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);
  if (day_text != NULL && !parse_day (cli, day_text, &day, &from, &to))
    return mkt_cli_usage ("“%s” is not a day (use 2026-12-05 or today)", day_text);

  if ((event = mkt_cli_find (cli, &mkt_market_event_spec, argv[1], MKT_DELETED_INCLUDE, &error)) == NULL ||
      (summary = mkt_market_summary_between (cli->session, mkt_record_get_id (event), from, to, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      JsonArray *lines = json_array_new ();
      g_autofree char *items_sold = mkt_quantity_format (summary->items_sold);

      json_object_set_object_member (root, "event", mkt_record_to_json (summary->event));
      if (day != NULL)
        {
          g_autofree char *from_text = mkt_timestamp_format (from);
          g_autofree char *to_text = mkt_timestamp_format (to);

          json_object_set_string_member (root, "day", day);
          json_object_set_string_member (root, "from", from_text);
          json_object_set_string_member (root, "to", to_text);
        }
      for (guint i = 0; i < summary->lines->len; i++)
        {
          MktMarketLine *line = g_ptr_array_index (summary->lines, i);
          JsonObject *object = json_object_new ();
          g_autofree char *brought = mkt_quantity_format (line->brought);
          g_autofree char *returned = mkt_quantity_format (line->returned);
          g_autofree char *sold = mkt_quantity_format (line->sold);
          g_autofree char *at_stall = mkt_quantity_format (line->on_hand);
          gint64 basis_points;

          json_object_set_string_member (object, "product_id", mkt_record_get_id (line->product));
          json_object_set_string_member (object, "name", mkt_record_get_title (line->product));
          json_object_set_int_member (object, "price", line->price);
          json_object_set_string_member (object, "brought", brought);
          json_object_set_string_member (object, "returned", returned);
          json_object_set_string_member (object, "sold", sold);
          json_object_set_string_member (object, "at_stall", at_stall);
          json_object_set_int_member (object, "revenue", line->revenue);
          json_object_set_int_member (object, "cost_of_goods", line->cost_of_goods);
          if (line->brought > 0 && mkt_mul_div_round_half_even (line->sold, 10000, line->brought, &basis_points))
            json_object_set_int_member (object, "sell_through_bp", basis_points);
          else
            json_object_set_null_member (object, "sell_through_bp");
          json_array_add_object_element (lines, object);
        }
      json_object_set_array_member (root, "lines", lines);
      json_object_set_int_member (root, "revenue", summary->revenue);
      json_object_set_int_member (root, "revenue_cash", summary->revenue_cash);
      json_object_set_int_member (root, "revenue_card", summary->revenue_card);
      json_object_set_int_member (root, "revenue_other", summary->revenue_other);
      json_object_set_string_member (root, "items_sold", items_sold);
      json_object_set_int_member (root, "sales", summary->n_sales);
      json_object_set_int_member (root, "voids", summary->n_voids);
      json_object_set_int_member (root, "cost_of_goods", summary->cost_of_goods);
      json_object_set_int_member (root, "booth_fee", summary->booth_fee);
      json_object_set_int_member (root, "other_costs", summary->other_costs);
      json_object_set_int_member (root, "profit", summary->profit);
      mkt_cli_print_json_object (root);
      return 0;
    }

  dates = event_dates (summary->event);
  g_print ("%s, %s%s%s\n\n", mkt_record_get_title (summary->event), dates,
           mkt_record_has (summary->event, "venue") ? ", " : "",
           mkt_record_has (summary->event, "venue") ? mkt_record_get_string (summary->event, "venue") : "");
  if (day != NULL)
    g_print ("Sold on %s; stock, booth fee and other costs are the whole event's.\n\n", day);

  if (summary->lines->len > 0)
    {
      for (guint i = 0; i < summary->lines->len; i++)
        {
          MktMarketLine *line = g_ptr_array_index (summary->lines, i);
          char **cells = g_new0 (char *, 9);

          cells[0] = g_strdup (mkt_record_get_title (line->product));
          cells[1] = mkt_cli_format_money (cli, line->price);
          cells[2] = mkt_quantity_format (line->brought);
          cells[3] = mkt_quantity_format (line->sold);
          cells[4] = mkt_quantity_format (line->returned);
          cells[5] = mkt_quantity_format (line->on_hand);
          cells[6] = sell_through (line);
          cells[7] = mkt_cli_format_money (cli, line->revenue);
          g_ptr_array_add (table, cells);
        }
      g_ptr_array_add (header, (gpointer)"PRODUCT");
      g_ptr_array_add (header, (gpointer)"PRICE");
      g_ptr_array_add (header, (gpointer)"BROUGHT");
      g_ptr_array_add (header, (gpointer)"SOLD");
      g_ptr_array_add (header, (gpointer)"RETURNED");
      g_ptr_array_add (header, (gpointer)"AT STALL");
      g_ptr_array_add (header, (gpointer)"SELL-THROUGH");
      g_ptr_array_add (header, (gpointer)"REVENUE");
      mkt_cli_print_table (header, table);
      g_print ("\n");
    }

  add_amount (cli, pairs, "revenue", summary->revenue);
  add_amount (cli, pairs, "  cash", summary->revenue_cash);
  add_amount (cli, pairs, "  card", summary->revenue_card);
  add_amount (cli, pairs, "  other", summary->revenue_other);
  g_ptr_array_add (pairs, g_strdup ("sales"));
  g_ptr_array_add (pairs, g_strdup_printf ("%u (%u voided)", summary->n_sales, summary->n_voids));
  add_amount (cli, pairs, "cost of goods", summary->cost_of_goods);
  add_amount (cli, pairs, "booth fee", summary->booth_fee);
  add_amount (cli, pairs, "other costs", summary->other_costs);
  add_amount (cli, pairs, "profit", summary->profit);
  mkt_cli_print_pairs (pairs);
  return 0;
}

int
mkt_cli_event (MktCli  *cli,
               int      argc,
               char   **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "bring"))
    return event_transfer (cli, argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "return"))
    return event_transfer (cli, argc - 1, argv + 1, FALSE);
  if (argc >= 2 && g_str_equal (argv[1], "price"))
    return event_price (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "summary"))
    return event_summary (cli, argc - 1, argv + 1);

  return mkt_cli_entity_run (cli, &event_entity, argc, argv);
}

/* sell EVENT PRODUCT [QUANTITY] */
int
mkt_cli_sell (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) sale = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *discount_text = NULL;
  g_autofree char *payment = NULL;
  MktQuantity quantity = MKT_QUANTITY_SCALE;
  MktMoney price = 0, discount = 0;
  GOptionEntry entries[] = {
    { "price", 0, 0, G_OPTION_ARG_STRING, &price_text, "The price of one (default: the event's, else the product's)", "PRICE" },
    { "discount", 0, 0, G_OPTION_ARG_STRING, &discount_text, "Taken off the whole sale", "AMOUNT" },
    { "payment", 0, 0, G_OPTION_ARG_STRING, &payment, "cash (default), card or other", "METHOD" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "EVENT PRODUCT [QUANTITY]", "Record a sale at the stall.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 3 || argc > 4)
    return mkt_cli_usage ("sell takes an event, a product and, if more than one, a quantity");

  if (!mkt_cli_open (cli, &error) ||
      (event = mkt_cli_find (cli, &mkt_market_event_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      (product = mkt_cli_find (cli, &mkt_product_spec, argv[2], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      (argc == 4 && !parse_count (argv[3], &quantity, &error)) ||
      (price_text != NULL && !parse_money (cli, "unit_price", price_text, &price, &error)) ||
      (discount_text != NULL && !parse_money (cli, "discount", discount_text, &discount, &error)))
    return mkt_cli_fail (cli, error);

  sale = mkt_market_sell (cli->session, mkt_record_get_id (event), mkt_record_get_id (product), quantity,
                          price_text != NULL, price, discount, payment ? payment : "cash", &error);
  if (sale == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    mkt_cli_print_record (cli, sale);
  else
    {
      g_autofree char *count = mkt_quantity_format (quantity);
      g_autofree char *each = mkt_cli_format_money (cli, mkt_record_get_int (sale, "unit_price"));

      g_print ("Sold %s × %s at %s %s (%s). Sale %s\n", count, mkt_record_get_title (product), each,
               mkt_session_get_currency (cli->session), mkt_record_get_string (sale, "payment_method"),
               mkt_record_get_id (sale));
    }

  return 0;
}

/* void SALE */
int
mkt_cli_void (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) void_row = NULL;

  if (!mkt_cli_parse_options (NULL, "SALE-ID", "Take a sale back: a new, opposite sale; the first is kept.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("void takes one sale id");

  if (!mkt_cli_open (cli, &error) ||
      (void_row = mkt_market_void (cli->session, argv[1], &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    mkt_cli_print_record (cli, void_row);
  else
    g_print ("Voided sale %s (void %s).\n", argv[1], mkt_record_get_id (void_row));

  return 0;
}
