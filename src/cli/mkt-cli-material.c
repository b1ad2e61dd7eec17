/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

/* FIELD=VALUE arguments, applied in order. */
static gboolean
apply_assignments (MktCli     *cli,
                   MktRecord  *record,
                   int         argc,
                   char      **argv,
                   GError    **error)
{
  for (int i = 0; i < argc; i++)
    {
      const char *equals = strchr (argv[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL || equals == argv[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s” is not FIELD=VALUE", argv[i]);
          return FALSE;
        }

      name = g_strndup (argv[i], equals - argv[i]);
      if (!mkt_session_set_from_text (cli->session, record, name, equals + 1, error))
        return FALSE;
    }

  return TRUE;
}

static int
fail_or_usage (MktCli       *cli,
               const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return mkt_cli_usage ("%s", error->message);

  return mkt_cli_fail (cli, error);
}

static int
material_add (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);
  g_autoptr(GError) error = NULL;

  if (!mkt_cli_parse_options (NULL, "FIELD=VALUE…",
                              "Add a material, e.g. name=\"Merino DK\" kind=yarn unit=yd "
                              "purchase_unit=skein purchase_size=246 purchase_price=8.50",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 2)
    return mkt_cli_usage ("material add needs FIELD=VALUE arguments (name, kind and unit at least)");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (!apply_assignments (cli, material, argc - 1, argv + 1, &error) ||
      !mkt_session_create (cli->session, material, &error))
    return fail_or_usage (cli, error);

  mkt_cli_print_record (cli, material);
  return 0;
}

static int
material_list (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) materials = NULL;
  g_autofree char *search = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *category = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *next_cursor = NULL;
  gboolean descending = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, "Only materials whose name, brand, sku, colour, fibre or supplier contains TEXT", "TEXT" },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, "Only materials of this kind (yarn, fabric, fibre, bead, …)", "KIND" },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category, "Only materials in this category", "NAME" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, "Sort by this field (default: name)", "FIELD" },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &descending, "Sort from high to low", NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show at most N, with a cursor for the next page", "N" },
    { "cursor", 0, 0, G_OPTION_ARG_STRING, &cursor, "Continue after the page that gave CURSOR", "CURSOR" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, NULL, "List the materials with their stock on hand.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("material list takes no arguments; use --search");
  if (limit < 0)
    return mkt_cli_usage ("--limit must not be negative");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (kind != NULL)
    {
      g_autoptr(MktRecord) probe = mkt_record_new (&mkt_material_spec);

      /* Check the kind as the field does, for the same message. */
      if (!mkt_record_set_from_text (probe, "kind", kind, NULL, &error))
        return mkt_cli_fail (cli, error);
      mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_string (probe, "kind")));
    }
  if (category != NULL)
    {
      g_autofree char *id = mkt_session_resolve (cli->session, &mkt_category_spec, category,
                                                 MKT_DELETED_EXCLUDE, &error);
      if (id == NULL)
        return mkt_cli_fail (cli, error);
      mkt_query_add_filter (query, "category_id", MKT_FILTER_EQ, g_variant_new_string (id));
    }

  mkt_query_set_search (query, search);
  mkt_query_set_sort (query, sort ? sort : "name", descending);
  mkt_query_set_limit (query, limit);
  mkt_query_set_cursor (query, cursor);

  materials = mkt_session_list (cli->session, &mkt_material_spec, query, &next_cursor, &error);
  if (materials == NULL)
    return mkt_cli_fail (cli, error);

  mkt_cli_print_inventory (cli, materials, next_cursor, &error);
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  return 0;
}

static MktRecord *
find_material (MktCli            *cli,
               const char        *text,
               MktDeletedFilter   deleted,
               GError           **error)
{
  g_autofree char *id = mkt_session_resolve (cli->session, &mkt_material_spec, text, deleted, error);

  if (id == NULL)
    return NULL;

  return mkt_session_get_any (cli->session, &mkt_material_spec, id, error);
}

static int
material_show (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) material = NULL;

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME", "Show one material.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("material show takes one material (id, sku or name)");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  material = find_material (cli, argv[1], MKT_DELETED_INCLUDE, &error);
  if (material == NULL)
    return mkt_cli_fail (cli, error);

  mkt_cli_print_record (cli, material);
  return 0;
}

static int
material_update (MktCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) material = NULL;

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME FIELD=VALUE…",
                              "Change fields of a material; FIELD= with nothing after it empties the field.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 3)
    return mkt_cli_usage ("material update takes a material and FIELD=VALUE arguments");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  material = find_material (cli, argv[1], MKT_DELETED_EXCLUDE, &error);
  if (material == NULL)
    return mkt_cli_fail (cli, error);

  if (!apply_assignments (cli, material, argc - 2, argv + 2, &error) ||
      !mkt_session_update (cli->session, material, &error))
    return fail_or_usage (cli, error);

  mkt_cli_print_record (cli, material);
  return 0;
}

static int
material_set_deleted (MktCli    *cli,
                      int        argc,
                      char     **argv,
                      gboolean   delete)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autofree char *id = NULL;
  gboolean ok;

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME",
                              delete ? "Move a material to the trash." : "Bring a material back from the trash.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("material %s takes one material (id, sku or name)", delete ? "delete" : "restore");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  /* Any row of that name: the session says if it is already where asked. */
  material = find_material (cli, argv[1], MKT_DELETED_INCLUDE, &error);
  if (material == NULL)
    return mkt_cli_fail (cli, error);

  id = g_strdup (mkt_record_get_id (material));
  if (delete)
    ok = mkt_session_delete (cli->session, &mkt_material_spec, id, &error);
  else
    ok = mkt_session_restore (cli->session, &mkt_material_spec, id, &error);
  if (!ok)
    return mkt_cli_fail (cli, error);

  g_clear_object (&material);
  material = mkt_session_get_any (cli->session, &mkt_material_spec, id, &error);
  if (material == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    mkt_cli_print_record (cli, material);
  else if (delete)
    g_print ("Moved “%s” to the trash. Undo with: market-cli material restore %s\n",
             mkt_record_get_title (material), mkt_record_get_id (material));
  else
    g_print ("Restored “%s”.\n", mkt_record_get_title (material));

  return 0;
}

static int
material_delete (MktCli  *cli,
                 int      argc,
                 char   **argv)
{
  return material_set_deleted (cli, argc, argv, TRUE);
}

static int
material_restore (MktCli  *cli,
                  int      argc,
                  char   **argv)
{
  return material_set_deleted (cli, argc, argv, FALSE);
}

static const MktCliCommand material_commands[] = {
  { "add", material_add, "Add a material from FIELD=VALUE arguments" },
  { "list", material_list, "List materials with their stock on hand" },
  { "show", material_show, "Show one material" },
  { "update", material_update, "Change fields of a material" },
  { "delete", material_delete, "Move a material to the trash" },
  { "restore", material_restore, "Bring a material back from the trash" },
};

int
mkt_cli_material (MktCli  *cli,
                  int      argc,
                  char   **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_autoptr(GString) help = g_string_new ("Usage: market-cli material COMMAND …\n\nCommands:\n");

      for (guint i = 0; i < G_N_ELEMENTS (material_commands); i++)
        g_string_append_printf (help, "  %-8s %s\n", material_commands[i].name, material_commands[i].summary);
      g_string_append (help, "\nFields: ");
      for (guint i = 0; i < mkt_material_spec.n_fields; i++)
        g_string_append_printf (help, "%s%s", i ? ", " : "", mkt_material_spec.fields[i].name);
      g_string_append (help, "\n(category=NAME sets category_id; attributes.KEY=VALUE sets one attribute)\n");

      if (argc < 2)
        {
          g_printerr ("%s", help->str);
          return MKT_CLI_EXIT_USAGE;
        }
      g_print ("%s", help->str);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (material_commands); i++)
    if (g_str_equal (argv[1], material_commands[i].name))
      return material_commands[i].func (cli, argc - 1, argv + 1);

  return mkt_cli_usage ("unknown material command “%s”", argv[1]);
}
