/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "mkt-cli.h"

/**
 * mkt_cli_usage:
 * @format: what is wrong with the command line
 *
 * Returns: %MKT_CLI_EXIT_USAGE, after saying why on stderr
 */
int
mkt_cli_usage (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("market-cli: %s\nTry “market-cli --help”.\n", message);
  return MKT_CLI_EXIT_USAGE;
}

static const char *
error_code_name (const GError *error)
{
  if (error->domain == MKT_VALIDATION_ERROR)
    return "validation";
  if (error->domain == MKT_STORE_ERROR)
    switch (error->code)
      {
      case MKT_STORE_ERROR_NOT_FOUND: return "not_found";
      case MKT_STORE_ERROR_CONFLICT: return "conflict";
      case MKT_STORE_ERROR_BUSY: return "busy";
      case MKT_STORE_ERROR_READ_ONLY: return "read_only";
      case MKT_STORE_ERROR_IN_USE: return "in_use";
      case MKT_STORE_ERROR_SCHEMA_TOO_NEW: return "schema_too_new";
      default: return "store";
      }
  if (error->domain == MKT_VALUE_ERROR || error->domain == MKT_UNIT_ERROR)
    return "validation";
  if (g_error_matches (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE))
    return "shortage";
  if (error->domain == MKT_PRINT_ERROR)
    switch (error->code)
      {
      case MKT_PRINT_ERROR_EMPTY: return "empty";
      case MKT_PRINT_ERROR_NO_PRICE: return "no_price";
      case MKT_PRINT_ERROR_PAGE_TOO_SMALL: return "page_too_small";
      default: return "print";
      }
  if (error->domain == MKT_CSV_ERROR)
    return "csv";
  if (error->domain == G_IO_ERROR)
    return "io";
  return "failed";
}

/**
 * mkt_cli_fail_with:
 * @cli: the command line's state
 * @error: what went wrong
 * @extra: (nullable): more members for the JSON error object, beside
 *   "error" (a shortage's requirements)
 *
 * Reports @error on stderr, as JSON with --json, and returns the exit
 * status for it.
 */
int
mkt_cli_fail_with (MktCli       *cli,
                   const GError *error,
                   JsonObject   *extra)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      const char *field = mkt_validation_error_get_field (error);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, error_code_name (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_set_member_name (builder, "field");
      if (field != NULL)
        json_builder_add_string_value (builder, field);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      if (extra != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (extra);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (json_node_get_object (root), l->data,
                                    json_node_copy (json_object_get_member (extra, l->data)));
        }
      text = json_to_string (root, FALSE);
      g_printerr ("%s\n", text);
    }
  else
    g_printerr ("market-cli: %s\n", error->message);

  return MKT_CLI_EXIT_FAILURE;
}

/**
 * mkt_cli_fail:
 * @cli: the command line's state
 * @error: what went wrong
 *
 * Reports @error on stderr, as JSON with --json, and returns the exit
 * status for it.
 */
int
mkt_cli_fail (MktCli       *cli,
              const GError *error)
{
  return mkt_cli_fail_with (cli, error, NULL);
}

/**
 * mkt_cli_parse_options:
 * @entries: the command's options
 * @parameter: what follows the options, for --help ("ID FIELD=VALUE…")
 * @summary: one line on what the command does
 * @argc: (inout): arguments, the command's name first
 * @argv: (inout): arguments
 *
 * Parses a command's own options, printing --help or a usage error.
 *
 * Returns: %TRUE to go on
 */
gboolean
mkt_cli_parse_options (GOptionEntry   *entries,
                       const char     *parameter,
                       const char     *summary,
                       int            *argc,
                       char         ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      mkt_cli_usage ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* "-3", "-0.5": a number, not an option. */
static gboolean
is_negative_number (const char *arg)
{
  MktQuantity ignored;

  return arg[0] == '-' && (g_ascii_isdigit (arg[1]) || arg[1] == '.') &&
         mkt_quantity_parse (arg, &ignored, NULL);
}

/* Whether @arg is an option of @entries that takes its value from the next
 * argument ("--reason", not "--reason=…"). */
static gboolean
takes_next (GOptionEntry *entries,
            const char   *arg)
{
  for (GOptionEntry *entry = entries; entry != NULL && entry->long_name != NULL; entry++)
    {
      if (entry->arg == G_OPTION_ARG_NONE)
        continue;
      if ((arg[1] == '-' && g_str_equal (arg + 2, entry->long_name)) ||
          (entry->short_name != 0 && arg[1] == entry->short_name && arg[2] == '\0'))
        return TRUE;
    }

  return FALSE;
}

/**
 * mkt_cli_parse_arguments:
 * @entries: the command's options
 * @parameter: what follows the options, for --help ("ITEM QTY [UNIT]")
 * @summary: one line on what the command does
 * @argc: (inout): arguments, the command's name first
 * @argv: (inout): arguments
 *
 * As mkt_cli_parse_options(), for commands whose arguments are numbers
 * that may be negative: GOption would take "-3" for an option, so such
 * arguments are kept out of its way and put back where they were. A "--"
 * ends the options and is dropped.
 *
 * Returns: %TRUE to go on
 */
gboolean
mkt_cli_parse_arguments (GOptionEntry   *entries,
                         const char     *parameter,
                         const char     *summary,
                         int            *argc,
                         char         ***argv)
{
  g_autoptr(GPtrArray) lifted = g_ptr_array_new ();
  g_autoptr(GPtrArray) stand_ins = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **args = g_new0 (char *, *argc + 1);
  int n_args = *argc;
  int out = 0;
  gboolean options_ended = FALSE;

  for (int i = 0; i < n_args; i++)
    {
      char *arg = (*argv)[i];

      if (g_str_equal (arg, "--"))
        options_ended = TRUE;

      if (!options_ended && i > 0 && is_negative_number (arg) && !takes_next (entries, (*argv)[i - 1]))
        {
          /* A stand-in GOption leaves alone; its address says which. */
          char *stand_in = g_strdup_printf ("number %u", lifted->len);

          g_ptr_array_add (lifted, arg);
          g_ptr_array_add (stand_ins, stand_in);
          args[i] = stand_in;
        }
      else
        args[i] = arg;
    }

  if (!mkt_cli_parse_options (entries, parameter, summary, &n_args, &args))
    return FALSE;

  /* Back into the caller's array, which is at least as long. */
  options_ended = FALSE;
  for (int i = 0; i < n_args; i++)
    {
      char *arg = args[i];

      if (!options_ended && g_str_equal (arg, "--"))
        {
          options_ended = TRUE;
          continue;
        }

      for (guint p = 0; p < stand_ins->len; p++)
        if (arg == g_ptr_array_index (stand_ins, p))
          arg = g_ptr_array_index (lifted, p);

      (*argv)[out++] = arg;
    }
  (*argv)[out] = NULL;
  *argc = out;

  return TRUE;
}

/**
 * mkt_cli_dispatch:
 * @cli: the command line's state
 * @group: the group's name ("material")
 * @commands: its commands
 * @n_commands: how many
 * @notes: (nullable): more help, after the commands
 * @argc: arguments, the group's name first
 * @argv: arguments
 *
 * Runs the command of a group ("material add"), or prints the group's help.
 *
 * Returns: the exit status
 */
int
mkt_cli_dispatch (MktCli              *cli,
                  const char          *group,
                  const MktCliCommand *commands,
                  guint                n_commands,
                  const char          *notes,
                  int                  argc,
                  char               **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_autoptr(GString) help = g_string_new (NULL);

      g_string_append_printf (help, "Usage: market-cli %s COMMAND …\n\nCommands:\n", group);
      for (guint i = 0; i < n_commands; i++)
        g_string_append_printf (help, "  %-8s %s\n", commands[i].name, commands[i].summary);
      if (notes != NULL)
        g_string_append (help, notes);

      if (argc < 2)
        {
          g_printerr ("%s", help->str);
          return MKT_CLI_EXIT_USAGE;
        }
      g_print ("%s", help->str);
      return 0;
    }

  for (guint i = 0; i < n_commands; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (cli, argc - 1, argv + 1);

  return mkt_cli_usage ("unknown %s command “%s”", group, argv[1]);
}

/**
 * mkt_cli_open:
 * @cli: the command line's state
 * @error: return location for an error
 *
 * Opens the database (making it, and the local business, on first use).
 */
gboolean
mkt_cli_open (MktCli  *cli,
              GError **error)
{
  if (cli->session != NULL)
    return TRUE;

  if (cli->db_path == NULL)
    cli->db_path = mkt_local_default_path ();

  cli->store = mkt_sqlite_store_new (cli->db_path, error);
  if (cli->store == NULL)
    return FALSE;

  cli->session = mkt_local_session_new (cli->store, cli->business_name, cli->currency, NULL, error);
  return cli->session != NULL;
}

static int
command_init (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  GOptionEntry entries[] = {
    { "business", 0, 0, G_OPTION_ARG_STRING, &cli->business_name, "The business’s name", "NAME" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &cli->currency, "Its ISO 4217 currency (default: the locale’s)", "CODE" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, NULL, "Create the database and the business, if missing.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("init takes no arguments");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  tenant = mkt_session_get (cli->session, &mkt_tenant_spec, mkt_session_get_tenant_id (cli->session), &error);
  if (tenant == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = mkt_record_to_json (tenant);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      json_object_set_string_member (object, "database", cli->db_path);
      mkt_cli_print_json (node);
    }
  else
    g_print ("%s (%s) in %s\n", mkt_record_get_string (tenant, "name"),
             mkt_record_get_string (tenant, "currency"), cli->db_path);

  return 0;
}

static int
command_demo (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  gboolean loaded;

  if (!mkt_cli_parse_options (NULL, NULL,
                              "Load a demo yarn shop into an empty business and show its inventory.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("demo takes no arguments");

  if (!mkt_cli_open (cli, &error) || !mkt_demo_load (cli->session, &loaded, &error))
    return mkt_cli_fail (cli, error);

  if (!cli->json)
    g_print (loaded ? "Loaded the demo yarn shop into %s\n\n" : "%s already has data; showing it\n\n",
             cli->db_path);

  mkt_query_set_sort (query, "name", FALSE);
  materials = mkt_session_list (cli->session, &mkt_material_spec, query, NULL, &error);
  if (materials == NULL)
    return mkt_cli_fail (cli, error);

  mkt_cli_print_inventory (cli, materials, NULL, &error);
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  return 0;
}

static const MktCliCommand commands[] = {
  { "init", command_init, "Create the database and the business" },
  { "demo", command_demo, "Load the demo yarn shop and show its inventory" },
  { "material", mkt_cli_material, "Add, list, show, update, delete and restore materials" },
  { "product", mkt_cli_product, "The same for products, with their cost, prices and stock" },
  { "component", mkt_cli_component, "The same for components (parts made to go into products)" },
  { "part", mkt_cli_part, "Add, remove and list the lines of a recipe" },
  { "cost", mkt_cli_cost, "Explain what a product or component costs, line by line" },
  { "price", mkt_cli_price, "Suggest prices for a product, with margin and markup" },
  { "purchase", mkt_cli_purchase, "Record a purchase of a material" },
  { "adjust", mkt_cli_adjust, "Add to or take from stock, with a reason" },
  { "count", mkt_cli_count, "Record a stocktake: what was counted, when" },
  { "stock", mkt_cli_stock, "Show what is on hand, or what runs low" },
  { "make", mkt_cli_make, "Make products: use their materials, add them to stock" },
  { "settings", mkt_cli_settings, "Show or change the business's settings" },
  { "event", mkt_cli_event, "Market events: add, list, bring and return stock, prices there, summary" },
  { "sell", mkt_cli_sell, "Record a sale at a market event" },
  { "void", mkt_cli_void, "Take a sale back" },
  { "sheet", mkt_cli_sheet, "Write an event's market sheet as a PDF, with tally boxes" },
  { "tags", mkt_cli_tags, "Write price tags as a PDF of label sheets" },
  { "import", mkt_cli_import, "Import materials or products from a CSV file (generic, Shopify, Etsy)" },
  { "export", mkt_cli_export, "Export materials, products or sales to CSV, or an event's summary" },
  { "trash", mkt_cli_trash, "List what is in the trash" },
  { "purge", mkt_cli_purge, "Remove for good what has been in the trash for long" },
  { "audit", mkt_cli_audit, "Show the activity log" },
};

static char *
commands_description (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, commands[i].summary);
  g_string_append (text, "\nRun “market-cli COMMAND --help” for a command’s own options.");

  return g_string_free (text, FALSE);
}

static void
clear_cli (MktCli *cli)
{
  g_clear_object (&cli->session);
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->db_path, g_free);
  g_clear_pointer (&cli->business_name, g_free);
  g_clear_pointer (&cli->currency, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  MktCli cli = { 0 };
  gboolean version = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli.db_path, "The database file (default: $XDG_DATA_HOME/market-manager/market.db)", "PATH" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json, "Print JSON for scripts", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("COMMAND [ARGUMENTS…]");
  g_option_context_set_summary (context, "Market Manager on the command line: inventory, recipes and costs, stock, trash and activity.");
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  /* Stop at the command: what follows is the command's to parse. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mkt_cli_usage ("%s", error->message);

  if (version)
    {
      g_print ("market-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (argc < 2)
    return mkt_cli_usage ("no command given");

  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        status = commands[i].func (&cli, argc - 1, argv + 1);
        break;
      }

  if (status < 0)
    status = mkt_cli_usage ("unknown command “%s”", argv[1]);

  clear_cli (&cli);
  return status;
}
