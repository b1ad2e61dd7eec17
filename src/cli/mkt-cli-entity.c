/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli.h"

/* The word after market-cli: "event" for market events. */
static const char *
command_name (const MktCliEntity *entity)
{
  return entity->command != NULL ? entity->command : entity->spec->name;
}

/* The commands every entity edited with FIELD=VALUE arguments has: add, list,
 * show, update, delete and restore. Material, product and component differ
 * only in what their MktCliEntity says. */

typedef int (*EntityCommandFunc) (MktCli              *cli,
                                  const MktCliEntity  *entity,
                                  int                  argc,
                                  char               **argv);

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
print_one (MktCli             *cli,
           const MktCliEntity *entity,
           MktRecord          *record)
{
  g_autoptr(GError) error = NULL;

  if (entity->print_one == NULL)
    {
      mkt_cli_print_record (cli, record);
      return 0;
    }

  entity->print_one (cli, record, &error);
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  return 0;
}

/**
 * mkt_cli_find:
 * @cli: the command line's state
 * @spec: the entity
 * @text: an id, a sku or a name
 * @deleted: which rows may match
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the row @text names
 */
MktRecord *
mkt_cli_find (MktCli               *cli,
              const MktEntitySpec  *spec,
              const char           *text,
              MktDeletedFilter      deleted,
              GError              **error)
{
  g_autofree char *id = mkt_session_resolve (cli->session, spec, text, deleted, error);

  if (id == NULL)
    return NULL;

  return mkt_session_get_any (cli->session, spec, id, error);
}

/**
 * mkt_cli_find_one_of:
 * @cli: the command line's state
 * @specs: (array zero-terminated=1): the entities @text may name a row of
 * @text: an id, a sku or a name
 * @error: return location for an error
 *
 * Finds the active row @text names among several entities (a recipe's
 * parent is a product or a component), refusing a name that more than one
 * row carries, in one entity or across them.
 *
 * Returns: (transfer full) (nullable): the row
 */
MktRecord *
mkt_cli_find_one_of (MktCli                      *cli,
                     const MktEntitySpec * const *specs,
                     const char                  *text,
                     GError                     **error)
{
  g_autoptr(MktRecord) found = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(MktRecord) record = mkt_cli_find (cli, specs[i], text, MKT_DELETED_EXCLUDE, &local_error);

      g_string_append_printf (names, "%s%s", i == 0 ? "" : specs[i + 1] ? ", " : " or ", specs[i]->name);

      if (record == NULL)
        {
          if (g_error_matches (local_error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (found != NULL)
        {
          g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT,
                       "“%s” is both a %s and a %s; use its id (%s or %s)", text,
                       mkt_record_get_spec (found)->name, specs[i]->name,
                       mkt_record_get_id (found), mkt_record_get_id (record));
          return NULL;
        }
      found = g_steal_pointer (&record);
    }

  if (found == NULL)
    g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                 "There is no %s “%s”", names->str, text);

  return g_steal_pointer (&found);
}

static int
entity_add (MktCli              *cli,
            const MktCliEntity  *entity,
            int                  argc,
            char               **argv)
{
  g_autoptr(MktRecord) record = mkt_record_new (entity->spec);
  g_autoptr(GError) error = NULL;

  if (!mkt_cli_parse_options (NULL, "FIELD=VALUE…", entity->add_summary, &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 2)
    return mkt_cli_usage ("%s add needs FIELD=VALUE arguments (%s at least)",
                          command_name (entity), entity->add_needs);

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (!apply_assignments (cli, record, argc - 1, argv + 1, &error) ||
      !mkt_session_create (cli->session, record, &error))
    return fail_or_usage (cli, error);

  return print_one (cli, entity, record);
}

static int
entity_list (MktCli              *cli,
             const MktCliEntity  *entity,
             int                  argc,
             char               **argv)
{
  const MktEntitySpec *spec = entity->spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *search = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *category = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *next_cursor = NULL;
  gboolean descending = FALSE;
  int limit = 0;
  const MktFieldSpec *kind_field = mkt_entity_spec_field (spec, "kind");
  gboolean has_kind = kind_field != NULL && kind_field->type == MKT_FIELD_ENUM;
  gboolean has_category = mkt_entity_spec_field (spec, "category_id") != NULL;
  g_autofree char *kind_help = NULL;
  g_autofree char *category_help = g_strdup_printf ("Only %ss in this category", mkt_entity_spec_get_label (spec));
  GOptionEntry entries[9] = { { NULL } };
  guint n = 0;

  if (has_kind)
    {
      g_autofree char *choices = g_strjoinv (", ", (char **)kind_field->choices);
      kind_help = g_strdup_printf ("Only %ss of this kind (%s)", mkt_entity_spec_get_label (spec), choices);
    }

  entries[n++] = (GOptionEntry) { "search", 's', 0, G_OPTION_ARG_STRING, &search, entity->search_help, "TEXT" };
  if (has_kind)
    entries[n++] = (GOptionEntry) { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, kind_help, "KIND" };
  if (has_category)
    entries[n++] = (GOptionEntry) { "category", 'c', 0, G_OPTION_ARG_STRING, &category, category_help, "NAME" };
  entries[n++] = (GOptionEntry) { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, "Sort by this field (default: name)", "FIELD" };
  entries[n++] = (GOptionEntry) { "desc", 0, 0, G_OPTION_ARG_NONE, &descending, "Sort from high to low", NULL };
  entries[n++] = (GOptionEntry) { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show at most N, with a cursor for the next page", "N" };
  entries[n++] = (GOptionEntry) { "cursor", 0, 0, G_OPTION_ARG_STRING, &cursor, "Continue after the page that gave CURSOR", "CURSOR" };
  g_assert (n < G_N_ELEMENTS (entries));

  if (!mkt_cli_parse_options (entries, NULL, entity->list_summary, &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("%s list takes no arguments; use --search", command_name (entity));
  if (limit < 0)
    return mkt_cli_usage ("--limit must not be negative");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (kind != NULL)
    {
      g_autoptr(MktRecord) probe = mkt_record_new (spec);

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

  rows = mkt_session_list (cli->session, spec, query, &next_cursor, &error);
  if (rows == NULL)
    return mkt_cli_fail (cli, error);

  entity->print_list (cli, rows, next_cursor, &error);
  if (error != NULL)
    return mkt_cli_fail (cli, error);

  return 0;
}

static int
entity_show (MktCli              *cli,
             const MktCliEntity  *entity,
             int                  argc,
             char               **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) record = NULL;
  g_autofree char *summary = g_strdup_printf ("Show one %s.", mkt_entity_spec_get_label (entity->spec));

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME", summary, &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("%s show takes one %s (id, sku or name)", command_name (entity),
                          mkt_entity_spec_get_label (entity->spec));

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  record = mkt_cli_find (cli, entity->spec, argv[1], MKT_DELETED_INCLUDE, &error);
  if (record == NULL)
    return mkt_cli_fail (cli, error);

  return print_one (cli, entity, record);
}

static int
entity_update (MktCli              *cli,
               const MktCliEntity  *entity,
               int                  argc,
               char               **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) record = NULL;
  g_autofree char *summary = g_strdup_printf ("Change fields of a %s; FIELD= with nothing after it empties the field.",
                                              mkt_entity_spec_get_label (entity->spec));

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME FIELD=VALUE…", summary, &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc < 3)
    return mkt_cli_usage ("%s update takes a %s and FIELD=VALUE arguments", command_name (entity),
                          mkt_entity_spec_get_label (entity->spec));

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  record = mkt_cli_find (cli, entity->spec, argv[1], MKT_DELETED_EXCLUDE, &error);
  if (record == NULL)
    return mkt_cli_fail (cli, error);

  if (!apply_assignments (cli, record, argc - 2, argv + 2, &error) ||
      !mkt_session_update (cli->session, record, &error))
    return fail_or_usage (cli, error);

  /* Read back: what the rules derived from the change (a cost) shows too. */
  if (entity->print_one != NULL)
    {
      g_autofree char *id = g_strdup (mkt_record_get_id (record));

      g_clear_object (&record);
      record = mkt_session_get_any (cli->session, entity->spec, id, &error);
      if (record == NULL)
        return mkt_cli_fail (cli, error);
    }

  return print_one (cli, entity, record);
}

static int
entity_set_deleted (MktCli              *cli,
                    const MktCliEntity  *entity,
                    int                  argc,
                    char               **argv,
                    gboolean             delete)
{
  const MktEntitySpec *spec = entity->spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) record = NULL;
  g_autofree char *id = NULL;
  g_autofree char *summary = g_strdup_printf (delete ? "Move a %s to the trash." : "Bring a %s back from the trash.",
                                              mkt_entity_spec_get_label (spec));
  gboolean ok;

  if (!mkt_cli_parse_options (NULL, "ID|SKU|NAME", summary, &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("%s %s takes one %s (id, sku or name)", command_name (entity),
                          delete ? "delete" : "restore", mkt_entity_spec_get_label (spec));

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  /* Any row of that name: the session says if it is already where asked. */
  record = mkt_cli_find (cli, spec, argv[1], MKT_DELETED_INCLUDE, &error);
  if (record == NULL)
    return mkt_cli_fail (cli, error);

  id = g_strdup (mkt_record_get_id (record));
  if (delete)
    ok = mkt_session_delete (cli->session, spec, id, &error);
  else
    ok = mkt_session_restore (cli->session, spec, id, &error);
  if (!ok)
    return mkt_cli_fail (cli, error);

  g_clear_object (&record);
  record = mkt_session_get_any (cli->session, spec, id, &error);
  if (record == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    mkt_cli_print_record (cli, record);
  else if (delete)
    g_print ("Moved “%s” to the trash. Undo with: market-cli %s restore %s\n",
             mkt_record_get_title (record), command_name (entity), mkt_record_get_id (record));
  else
    g_print ("Restored “%s”.\n", mkt_record_get_title (record));

  return 0;
}

static int
entity_delete (MktCli              *cli,
               const MktCliEntity  *entity,
               int                  argc,
               char               **argv)
{
  return entity_set_deleted (cli, entity, argc, argv, TRUE);
}

static int
entity_restore (MktCli              *cli,
                const MktCliEntity  *entity,
                int                  argc,
                char               **argv)
{
  return entity_set_deleted (cli, entity, argc, argv, FALSE);
}

static const struct
{
  const char        *name;
  EntityCommandFunc  func;
  const char        *before;  /* the summary is before, the entity's name, after */
  const char        *after;   /* NULL: the entity's list_line */
} entity_commands[] = {
  { "add", entity_add, "Add a ", " from FIELD=VALUE arguments" },
  { "list", entity_list, NULL, NULL },
  { "show", entity_show, "Show one ", "" },
  { "update", entity_update, "Change fields of a ", "" },
  { "delete", entity_delete, "Move a ", " to the trash" },
  { "restore", entity_restore, "Bring a ", " back from the trash" },
};

/**
 * mkt_cli_entity_run:
 * @cli: the command line's state
 * @entity: what differs between entities
 * @argc: arguments, the entity's name first
 * @argv: arguments
 *
 * Runs `market-cli ENTITY COMMAND …`, or prints the group's help.
 *
 * Returns: the exit status
 */
int
mkt_cli_entity_run (MktCli              *cli,
                    const MktCliEntity  *entity,
                    int                  argc,
                    char               **argv)
{
  const MktEntitySpec *spec = entity->spec;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_autoptr(GString) help = g_string_new (NULL);
      gboolean has_category = mkt_entity_spec_field (spec, "category_id") != NULL;
      gboolean has_attributes = mkt_entity_spec_field (spec, "attributes") != NULL;

      g_string_append_printf (help, "Usage: market-cli %s COMMAND …\n\nCommands:\n", command_name (entity));
      for (guint i = 0; i < G_N_ELEMENTS (entity_commands); i++)
        {
          g_autofree char *summary = entity_commands[i].after
                                     ? g_strconcat (entity_commands[i].before, mkt_entity_spec_get_label (spec), entity_commands[i].after, NULL)
                                     : g_strdup (entity->list_line);

          g_string_append_printf (help, "  %-8s %s\n", entity_commands[i].name, summary);
        }
      g_string_append (help, "\nFields: ");
      for (guint i = 0; i < spec->n_fields; i++)
        g_string_append_printf (help, "%s%s", i ? ", " : "", spec->fields[i].name);
      if (has_category || has_attributes)
        g_string_append_printf (help, "\n(%s%s%s)", has_category ? "category=NAME sets category_id" : "",
                                has_category && has_attributes ? "; " : "",
                                has_attributes ? "attributes.KEY=VALUE sets one attribute" : "");
      g_string_append (help, "\n");

      if (argc < 2)
        {
          g_printerr ("%s", help->str);
          return MKT_CLI_EXIT_USAGE;
        }
      g_print ("%s", help->str);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entity_commands); i++)
    if (g_str_equal (argv[1], entity_commands[i].name))
      return entity_commands[i].func (cli, entity, argc - 1, argv + 1);

  return mkt_cli_usage ("unknown %s command “%s”", command_name (entity), argv[1]);
}

/**
 * mkt_cli_get_settings:
 * @cli: the command line's state, open
 * @settings: (out caller-allocates): the business's settings
 * @error: return location for an error
 */
gboolean
mkt_cli_get_settings (MktCli       *cli,
                      MktSettings  *settings,
                      GError      **error)
{
  g_autoptr(MktRecord) tenant = mkt_session_get (cli->session, &mkt_tenant_spec,
                                                 mkt_session_get_tenant_id (cli->session), error);

  return tenant != NULL && mkt_settings_from_tenant (tenant, settings, error);
}
