/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* Recipes: a product or component is made of parts, each a quantity of a
 * material or of a component. */

static const MktEntitySpec * const parent_specs[] = { &mkt_product_spec, &mkt_component_spec, NULL };
static const MktEntitySpec * const child_specs[] = { &mkt_material_spec, &mkt_component_spec, NULL };

static const char *
parent_field (MktRecord *parent)
{
  return mkt_record_get_spec (parent) == &mkt_product_spec ? "product_id" : "parent_component_id";
}

static const char *
child_field (MktRecord *child)
{
  return mkt_record_get_spec (child) == &mkt_material_spec ? "material_id" : "component_id";
}

static GPtrArray *
list_parts (MktCli      *cli,
            MktRecord   *parent,
            MktRecord   *child,
            GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_add_filter (query, parent_field (parent), MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_id (parent)));
  if (child != NULL)
    mkt_query_add_filter (query, child_field (child), MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_id (child)));
  return mkt_session_list (cli->session, &mkt_part_spec, query, NULL, error);
}

/* The material or component a part puts in; in the trash too, as recipes
 * keep using what was deleted. */
static MktRecord *
part_child (MktCli     *cli,
            MktRecord  *part,
            GError    **error)
{
  const char *material = mkt_record_get_string (part, "material_id");

  if (material != NULL)
    return mkt_session_get_any (cli->session, &mkt_material_spec, material, error);

  return mkt_session_get_any (cli->session, &mkt_component_spec, mkt_record_get_string (part, "component_id"), error);
}

static char *
part_text (MktRecord *part,
           MktRecord *child)
{
  g_autofree char *quantity = mkt_quantity_format (mkt_record_get_int (part, "quantity"));
  g_autofree char *described = mkt_cli_describe (child);

  return g_strdup_printf ("%s %s of %s", quantity, mkt_record_get_string (part, "unit"), described);
}

/* After a change: the parent's new cost, "cost" in JSON or a line of text. */
static gboolean
report_cost (MktCli      *cli,
             MktRecord   *parent,
             JsonObject  *object,
             GError     **error)
{
  MktCostTotals totals;

  if (!mkt_cost_get (cli->session, mkt_record_get_spec (parent), mkt_record_get_id (parent), &totals, error))
    return FALSE;

  if (object != NULL)
    json_object_set_object_member (object, "cost", mkt_cli_totals_to_json (&totals));
  else
    {
      g_autofree char *cost = mkt_cli_format_cost (cli, totals.total_cost);
      g_print ("“%s” now costs %s %s.\n", mkt_record_get_title (parent), cost,
               mkt_session_get_currency (cli->session));
    }

  return TRUE;
}

static int
part_add (MktCli  *cli,
          int      argc,
          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) parent = NULL;
  g_autoptr(MktRecord) child = NULL;
  g_autoptr(MktRecord) part = mkt_record_new (&mkt_part_spec);
  const char *unit;

  if (!mkt_cli_parse_arguments (NULL, "PARENT CHILD QUANTITY [UNIT]",
                                "Add a line to the recipe of PARENT (a product or component): QUANTITY of CHILD "
                                "(a material or component). UNIT is a unit or the material's pack (skein, ball); "
                                "by default the material's unit, or pc for a component. "
                                "Each is named by sku, name or id.",
                                &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 4 && argc != 5)
    return mkt_cli_usage ("part add takes PARENT CHILD QUANTITY [UNIT]");

  if (!mkt_cli_open (cli, &error) ||
      (parent = mkt_cli_find_one_of (cli, parent_specs, argv[1], &error)) == NULL ||
      (child = mkt_cli_find_one_of (cli, child_specs, argv[2], &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (argc == 5)
    unit = argv[4];
  else if (mkt_record_get_spec (child) == &mkt_material_spec)
    unit = mkt_record_get_string (child, "unit");
  else
    unit = "pc";

  mkt_record_set_string (part, parent_field (parent), mkt_record_get_id (parent));
  mkt_record_set_string (part, child_field (child), mkt_record_get_id (child));
  if (!mkt_session_set_from_text (cli->session, part, "quantity", argv[3], &error) ||
      !mkt_session_set_from_text (cli->session, part, "unit", unit, &error) ||
      !mkt_session_create (cli->session, part, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = mkt_record_to_json (part);

      json_object_set_object_member (object, "parent", mkt_cli_item_to_json (parent));
      json_object_set_object_member (object, "child", mkt_cli_item_to_json (child));
      if (!report_cost (cli, parent, object, &error))
        return mkt_cli_fail (cli, error);
      mkt_cli_print_json_object (object);
    }
  else
    {
      g_autofree char *text = part_text (part, child);

      g_print ("Added to the recipe of “%s”: %s.\n", mkt_record_get_title (parent), text);
      if (!report_cost (cli, parent, NULL, &error))
        return mkt_cli_fail (cli, error);
    }

  return 0;
}

static int
part_remove (MktCli  *cli,
             int      argc,
             char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) parent = NULL;
  g_autoptr(MktRecord) child = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonArray) removed = json_array_new ();

  if (!mkt_cli_parse_options (NULL, "PARENT CHILD",
                              "Take CHILD out of the recipe of PARENT: every line of it goes to the trash.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 3)
    return mkt_cli_usage ("part remove takes PARENT CHILD");

  if (!mkt_cli_open (cli, &error) ||
      (parent = mkt_cli_find_one_of (cli, parent_specs, argv[1], &error)) == NULL ||
      (child = mkt_cli_find_one_of (cli, child_specs, argv[2], &error)) == NULL ||
      (parts = list_parts (cli, parent, child, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  if (parts->len == 0)
    {
      g_set_error (&error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "The recipe of “%s” has no “%s”", mkt_record_get_title (parent), mkt_record_get_title (child));
      return mkt_cli_fail (cli, error);
    }

  /* All of its lines or none. */
  if (!mkt_session_begin (cli->session, &error))
    return mkt_cli_fail (cli, error);
  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);

      if (!mkt_session_delete (cli->session, &mkt_part_spec, mkt_record_get_id (part), &error))
        {
          mkt_session_rollback (cli->session);
          return mkt_cli_fail (cli, error);
        }
    }
  if (!mkt_session_commit (cli->session, &error))
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      for (guint i = 0; i < parts->len; i++)
        json_array_add_object_element (removed, mkt_record_to_json (g_ptr_array_index (parts, i)));
      json_object_set_object_member (object, "parent", mkt_cli_item_to_json (parent));
      json_object_set_object_member (object, "child", mkt_cli_item_to_json (child));
      json_object_set_array_member (object, "removed", g_steal_pointer (&removed));
      if (!report_cost (cli, parent, object, &error))
        return mkt_cli_fail (cli, error);
      mkt_cli_print_json_object (object);
      return 0;
    }

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *text = part_text (g_ptr_array_index (parts, i), child);
      g_print ("Removed from the recipe of “%s”: %s.\n", mkt_record_get_title (parent), text);
    }
  if (!report_cost (cli, parent, NULL, &error))
    return mkt_cli_fail (cli, error);

  return 0;
}

static int
part_list (MktCli  *cli,
           int      argc,
           char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) parent = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  if (!mkt_cli_parse_options (NULL, "PARENT", "List the recipe of a product or component.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("part list takes one product or component");

  if (!mkt_cli_open (cli, &error) ||
      (parent = mkt_cli_find_one_of (cli, parent_specs, argv[1], &error)) == NULL ||
      (parts = list_parts (cli, parent, NULL, &error)) == NULL)
    return mkt_cli_fail (cli, error);

  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      g_autoptr(MktRecord) child = part_child (cli, part, &error);
      g_autofree char *quantity = NULL;
      g_autofree char *described = NULL;
      JsonObject *object;
      char **cells;

      if (child == NULL)
        return mkt_cli_fail (cli, error);

      object = mkt_record_to_json (part);
      json_object_set_object_member (object, "child", mkt_cli_item_to_json (child));
      json_array_add_object_element (items, object);

      quantity = mkt_quantity_format (mkt_record_get_int (part, "quantity"));
      described = mkt_cli_describe (child);
      cells = g_new0 (char *, 4);
      cells[0] = g_strdup_printf ("%s %s", quantity, mkt_record_get_string (part, "unit"));
      cells[1] = g_strdup (mkt_record_get_spec (child)->name);
      cells[2] = g_strdup_printf ("%s%s", described, mkt_record_is_deleted (child) ? " (in the trash)" : "");
      g_ptr_array_add (rows, cells);
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();

      json_object_set_object_member (root, "parent", mkt_cli_item_to_json (parent));
      json_object_set_array_member (root, "items", g_steal_pointer (&items));
      mkt_cli_print_json_object (root);
      return 0;
    }

  if (parts->len == 0)
    {
      g_print ("The recipe of “%s” is empty. Add to it with “market-cli part add”.\n", mkt_record_get_title (parent));
      return 0;
    }

  g_ptr_array_add (header, (gpointer)"QUANTITY");
  g_ptr_array_add (header, (gpointer)"KIND");
  g_ptr_array_add (header, (gpointer)"NAME");
  mkt_cli_print_table (header, rows);
  return 0;
}

static const MktCliCommand part_commands[] = {
  { "add", part_add, "Add QUANTITY of a material or component to a recipe" },
  { "remove", part_remove, "Take a material or component out of a recipe" },
  { "list", part_list, "List the recipe of a product or component" },
};

int
mkt_cli_part (MktCli  *cli,
              int      argc,
              char   **argv)
{
  return mkt_cli_dispatch (cli, "part", part_commands, G_N_ELEMENTS (part_commands),
                           "\nPARENT is a product or component, CHILD a material or component, each by sku, "
                           "name or id.\nExample: market-cli part add P-EARWARMER EV-WA-GRN 120 yd\n",
                           argc, argv);
}
