/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* make: a production run, and what it needs. */

static JsonArray *
requirements_to_json (GPtrArray *requirements)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; requirements != NULL && i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      JsonObject *object = json_object_new ();
      g_autofree char *needed = mkt_quantity_format (requirement->needed);
      g_autofree char *on_hand = mkt_quantity_format (requirement->on_hand);
      g_autofree char *short_by = mkt_quantity_format (MAX (requirement->needed - requirement->on_hand, 0));

      json_object_set_object_member (object, "material", mkt_cli_item_to_json (requirement->material));
      json_object_set_string_member (object, "needed", needed);
      json_object_set_string_member (object, "on_hand", on_hand);
      json_object_set_string_member (object, "short_by", short_by);
      json_object_set_string_member (object, "unit", mkt_record_get_string (requirement->material, "unit"));
      json_array_add_object_element (array, object);
    }

  return array;
}

static char *
with_unit (MktQuantity  quantity,
           MktRecord   *material)
{
  g_autofree char *number = mkt_quantity_format (quantity);

  return g_strdup_printf ("%s %s", number, mkt_record_get_string (material, "unit"));
}

/* The shortage as a table, in the error's message: it goes to stderr. */
static int
fail_short (MktCli       *cli,
            MktRecord    *product,
            const char   *count,
            GPtrArray    *requirements,
            const GError *error)
{
  g_autoptr(GError) shortage = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *described = mkt_cli_describe (product);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree gsize *widths = g_new0 (gsize, 4);
  const char *header[] = { "MATERIAL", "NEEDED", "ON HAND", "SHORT BY" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  if (cli->json)
    {
      json_object_set_array_member (extra, "requirements", requirements_to_json (requirements));
      return mkt_cli_fail_with (cli, error, extra);
    }

  for (guint c = 0; c < 4; c++)
    widths[c] = mkt_cli_display_width (header[c]);
  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      char **cells;

      if (requirement->needed <= requirement->on_hand)
        continue;

      cells = g_new0 (char *, 5);
      cells[0] = mkt_cli_describe (requirement->material);
      cells[1] = with_unit (requirement->needed, requirement->material);
      cells[2] = with_unit (requirement->on_hand, requirement->material);
      cells[3] = with_unit (requirement->needed - requirement->on_hand, requirement->material);
      for (guint c = 0; c < 4; c++)
        widths[c] = MAX (widths[c], mkt_cli_display_width (cells[c]));
      g_ptr_array_add (rows, cells);
    }

  g_string_append_printf (text, "Not enough on hand to make %s × %s (--force makes it anyway):\n", count, described);
  for (guint r = 0; r <= rows->len; r++)
    {
      const char * const *cells = r == 0 ? header : g_ptr_array_index (rows, r - 1);

      g_string_append (text, "  ");
      for (guint c = 0; c < 4; c++)
        {
          g_string_append (text, cells[c]);
          if (c < 3)
            for (gsize pad = mkt_cli_display_width (cells[c]); pad < widths[c] + 2; pad++)
              g_string_append_c (text, ' ');
        }
      if (r < rows->len)
        g_string_append_c (text, '\n');
    }

  shortage = g_error_new_literal (error->domain, error->code, text->str);
  return mkt_cli_fail (cli, shortage);
}

int
mkt_cli_make (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) count_error = NULL;
  gboolean force = FALSE;
  MktQuantity count, on_hand;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Make it even with too little material on hand (stock goes negative)", NULL },
    { NULL }
  };

  if (!mkt_cli_parse_arguments (entries, "PRODUCT N",
                                "Make N of a product: its recipe's materials, through every component, leave "
                                "the stock; N finished items come in; the run keeps what they cost.",
                                &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 3)
    return mkt_cli_usage ("make takes PRODUCT N");

  if (!mkt_cli_open (cli, &error) ||
      (product = mkt_cli_find (cli, &mkt_product_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (!mkt_quantity_parse (argv[2], &count, &count_error))
    {
      mkt_set_validation_error (&error, "quantity", MKT_VALIDATION_ERROR_INVALID, "%s", count_error->message);
      return mkt_cli_fail (cli, error);
    }

  run = mkt_production_make (cli->session, mkt_record_get_id (product), count, force, &requirements, &error);
  if (run == NULL)
    {
      if (g_error_matches (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE) && requirements != NULL)
        return fail_short (cli, product, argv[2], requirements, error);
      return mkt_cli_fail (cli, error);
    }

  if (!mkt_stock_on_hand (cli->session, &mkt_product_spec, mkt_record_get_id (product), 0, &on_hand, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autofree char *quantity = mkt_quantity_format (on_hand);

      json_object_set_object_member (object, "run", mkt_record_to_json (run));
      json_object_set_object_member (object, "product", mkt_cli_item_to_json (product));
      json_object_set_array_member (object, "requirements", requirements_to_json (requirements));
      json_object_set_string_member (object, "on_hand", quantity);
      mkt_cli_print_json_object (object);
    }
  else
    {
      const char *currency = mkt_session_get_currency (cli->session);
      g_autofree char *described = mkt_cli_describe (product);
      g_autofree char *made = mkt_quantity_format (count);
      g_autofree char *unit_cost = mkt_cli_format_money (cli, mkt_record_get_int (run, "unit_cost"));
      g_autofree char *total = mkt_cli_format_money (cli, mkt_record_get_int (run, "total_cost"));
      g_autofree char *materials = mkt_cli_format_money (cli, mkt_record_get_int (run, "material_cost"));
      g_autofree char *labour = mkt_cli_format_money (cli, mkt_record_get_int (run, "labour_cost"));
      g_autofree char *overhead = mkt_cli_format_money (cli, mkt_record_get_int (run, "overhead_cost"));
      g_autofree char *stock = mkt_quantity_format (on_hand);
      g_autoptr(GPtrArray) header = g_ptr_array_new ();
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
      gboolean went_negative = FALSE;

      g_print ("Made %s × %s%s.\n", made, described, mkt_record_get_int (run, "forced") ? " (forced)" : "");
      g_print ("Unit cost %s %s; in all %s %s (materials %s, labour %s, overhead %s).\n", unit_cost, currency,
               total, currency, materials, labour, overhead);
      g_print ("On hand now: %s pc.\n", stock);

      for (guint i = 0; i < requirements->len; i++)
        {
          MktRequirement *requirement = g_ptr_array_index (requirements, i);
          char **cells = g_new0 (char *, 4);

          cells[0] = mkt_cli_describe (requirement->material);
          cells[1] = with_unit (requirement->needed, requirement->material);
          cells[2] = with_unit (requirement->on_hand - requirement->needed, requirement->material);
          went_negative |= requirement->on_hand < requirement->needed;
          g_ptr_array_add (rows, cells);
        }

      if (rows->len > 0)
        {
          g_print ("\n");
          g_ptr_array_add (header, (gpointer)"MATERIAL USED");
          g_ptr_array_add (header, (gpointer)"QUANTITY");
          g_ptr_array_add (header, (gpointer)"LEFT");
          mkt_cli_print_table (header, rows);
        }
      if (went_negative)
        g_print ("\nSome stock went below zero: see “market-cli stock --low”.\n");
    }

  return 0;
}
