/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

int
mkt_cli_trash (MktCli  *cli,
               int      argc,
               char   **argv)
{
  const MktEntitySpec * const *entities;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(JsonArray) items = json_array_new ();
  guint n_entities;

  if (!mkt_cli_parse_options (NULL, NULL, "List what is in the trash, newest first.", &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("trash takes no arguments");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) deleted = NULL;

      if (entities[e]->kind != MKT_ENTITY_MUTABLE)
        continue;

      query = mkt_query_new ();
      mkt_query_set_deleted (query, MKT_DELETED_ONLY);
      mkt_query_set_sort (query, "deleted_at", TRUE);
      deleted = mkt_session_list (cli->session, entities[e], query, NULL, &error);
      if (deleted == NULL)
        return mkt_cli_fail (cli, error);

      for (guint i = 0; i < deleted->len; i++)
        {
          MktRecord *row = g_ptr_array_index (deleted, i);
          g_autofree char *when = mkt_timestamp_format (mkt_record_get_deleted_at (row));
          JsonObject *item = json_object_new ();
          char **cells = g_new0 (char *, 5);

          json_object_set_string_member (item, "entity", entities[e]->name);
          json_object_set_string_member (item, "id", mkt_record_get_id (row));
          json_object_set_string_member (item, "title", mkt_record_get_title (row));
          json_object_set_string_member (item, "deleted_at", when);
          json_array_add_object_element (items, item);

          cells[0] = mkt_cli_format_timestamp (mkt_record_get_deleted_at (row));
          cells[1] = g_strdup (entities[e]->name);
          cells[2] = g_strdup (mkt_record_get_title (row));
          cells[3] = g_strdup (mkt_record_get_id (row));
          g_ptr_array_add (rows, cells);
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), items);
      mkt_cli_print_json (node);
      return 0;
    }

  if (rows->len == 0)
    {
      g_print ("The trash is empty.\n");
      return 0;
    }

  g_ptr_array_add (header, (gpointer)"DELETED");
  g_ptr_array_add (header, (gpointer)"KIND");
  g_ptr_array_add (header, (gpointer)"NAME");
  g_ptr_array_add (header, (gpointer)"ID");
  mkt_cli_print_table (header, rows);
  return 0;
}

int
mkt_cli_purge (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  gboolean dry_run = FALSE;
  int days = -1;
  guint n_purged = 0;
  GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_INT, &days, "Purge what was deleted more than DAYS days ago (required)", "DAYS" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Only say what would be purged", NULL },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, NULL,
                              "Remove for good what has been in the trash for longer than DAYS days. "
                              "Each purge is kept in the activity log.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 1)
    return mkt_cli_usage ("purge takes no arguments");
  if (days < 0)
    return mkt_cli_usage ("purge needs --older-than DAYS (0 or more)");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  report = mkt_session_purge (cli->session, days, dry_run, &error);
  if (report == NULL)
    return mkt_cli_fail (cli, error);

  for (guint i = 0; i < report->len; i++)
    {
      MktPurgeItem *item = g_ptr_array_index (report, i);
      g_autofree char *when = mkt_timestamp_format (item->deleted_at);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "entity", item->spec->name);
      json_object_set_string_member (object, "id", item->id);
      json_object_set_string_member (object, "title", item->title);
      json_object_set_string_member (object, "deleted_at", when);
      json_object_set_boolean_member (object, "purged", item->kept_reason == NULL && !dry_run);
      if (item->kept_reason != NULL)
        json_object_set_string_member (object, "kept", item->kept_reason);
      else
        json_object_set_null_member (object, "kept");
      json_object_set_int_member (object, "owned_rows", item->n_owned);
      json_array_add_object_element (items, object);

      if (item->kept_reason == NULL)
        n_purged++;

      if (!cli->json)
        {
          if (item->kept_reason != NULL)
            g_print ("kept      %s “%s”: %s\n", item->spec->name, item->title, item->kept_reason);
          else
            {
              g_print ("%s %s “%s”", dry_run ? "would go " : "purged   ", item->spec->name, item->title);
              if (item->n_owned > 0)
                g_print (" and its %u ledger rows", item->n_owned);
              g_print ("\n");
            }
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_boolean_member (root, "dry_run", dry_run);
      json_object_set_int_member (root, "purged", dry_run ? 0 : n_purged);
      json_object_set_array_member (root, "items", g_steal_pointer (&items));
      node = json_node_init_object (json_node_alloc (), root);
      mkt_cli_print_json (node);
    }
  else if (dry_run)
    g_print ("%u would be purged (dry run: nothing was changed).\n", n_purged);
  else
    g_print ("%u purged.\n", n_purged);

  return 0;
}

/* "name: Merino → Merino DK, purchase_price: 850 → 900" */
static char *
describe_change (MktRecord *audit)
{
  const char *old_text = mkt_record_get_string (audit, "old_values");
  const char *new_text = mkt_record_get_string (audit, "new_values");
  g_autoptr(JsonNode) old_root = old_text ? json_from_string (old_text, NULL) : NULL;
  g_autoptr(JsonNode) new_root = new_text ? json_from_string (new_text, NULL) : NULL;
  JsonObject *old_values = old_root && JSON_NODE_HOLDS_OBJECT (old_root) ? json_node_get_object (old_root) : NULL;
  JsonObject *new_values = new_root && JSON_NODE_HOLDS_OBJECT (new_root) ? json_node_get_object (new_root) : NULL;
  JsonObject *names = new_values ? new_values : old_values;
  g_autoptr(GList) members = NULL;
  GString *text = g_string_new (NULL);

  if (names == NULL)
    return g_string_free (text, FALSE);

  /* A new row lists its name only; the rest is in --json. */
  if (old_values == NULL && json_object_has_member (new_values, "name"))
    {
      g_string_append_printf (text, "“%s”", json_object_get_string_member_with_default (new_values, "name", ""));
      return g_string_free (text, FALSE);
    }
  if (new_values == NULL && json_object_has_member (old_values, "name"))
    {
      g_string_append_printf (text, "“%s”", json_object_get_string_member_with_default (old_values, "name", ""));
      return g_string_free (text, FALSE);
    }

  members = json_object_get_members (names);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (old_values != NULL && json_object_has_member (old_values, member))
        before = json_to_string (json_object_get_member (old_values, member), FALSE);
      if (new_values != NULL && json_object_has_member (new_values, member))
        after = json_to_string (json_object_get_member (new_values, member), FALSE);

      g_string_append_printf (text, "%s%s: %s → %s", text->len ? ", " : "", member,
                              before ? before : "–", after ? after : "–");
    }

  return g_string_free (text, FALSE);
}

int
mkt_cli_audit (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree char *cursor = NULL;
  g_autofree char *next_cursor = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show the newest N entries (default 50; 0 for all)", "N" },
    { "cursor", 0, 0, G_OPTION_ARG_STRING, &cursor, "Continue after the page that gave CURSOR", "CURSOR" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "[ENTITY [ID|SKU|NAME]]",
                              "Show the activity log, newest first: who changed what, from what to what.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc > 3)
    return mkt_cli_usage ("audit takes at most an entity and a row");
  if (limit < 0)
    return mkt_cli_usage ("--limit must not be negative");

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  if (argc >= 2)
    {
      const MktEntitySpec *spec = mkt_schema_lookup (argv[1]);

      if (spec == NULL || spec->kind == MKT_ENTITY_LOG || spec->kind == MKT_ENTITY_CACHE)
        {
          const MktEntitySpec * const *all;
          g_autoptr(GString) names = g_string_new (NULL);
          guint n_all;

          all = mkt_schema_list (&n_all);
          for (guint i = 0; i < n_all; i++)
            if (all[i]->kind != MKT_ENTITY_LOG && all[i]->kind != MKT_ENTITY_CACHE)
              g_string_append_printf (names, "%s%s", names->len ? ", " : "", all[i]->name);
          return mkt_cli_usage ("“%s” is not an entity (%s)", argv[1], names->str);
        }
      mkt_query_add_filter (query, "entity", MKT_FILTER_EQ, g_variant_new_string (spec->name));

      if (argc == 3)
        {
          g_autofree char *id = NULL;

          /* A purged row is found by its id alone: the audit is all that is left. */
          if (mkt_uuid_is_valid (argv[2]))
            id = g_ascii_strdown (argv[2], -1);
          else if ((id = mkt_session_resolve (cli->session, spec, argv[2], MKT_DELETED_INCLUDE, &error)) == NULL)
            return mkt_cli_fail (cli, error);
          mkt_query_add_filter (query, "entity_id", MKT_FILTER_EQ, g_variant_new_string (id));
        }
    }

  mkt_query_set_sort (query, "created_at", TRUE);
  mkt_query_set_limit (query, limit);
  mkt_query_set_cursor (query, cursor);
  entries_found = mkt_session_list (cli->session, &mkt_audit_spec, query, &next_cursor, &error);
  if (entries_found == NULL)
    return mkt_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      g_autoptr(JsonArray) items = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < entries_found->len; i++)
        json_array_add_object_element (items, mkt_record_to_json (g_ptr_array_index (entries_found, i)));
      json_object_set_array_member (root, "items", g_steal_pointer (&items));
      if (next_cursor != NULL)
        json_object_set_string_member (root, "next_cursor", next_cursor);
      else
        json_object_set_null_member (root, "next_cursor");
      node = json_node_init_object (json_node_alloc (), root);
      mkt_cli_print_json (node);
      return 0;
    }

  if (entries_found->len == 0)
    {
      g_print ("No activity.\n");
      return 0;
    }

  for (guint i = 0; i < entries_found->len; i++)
    {
      MktRecord *entry = g_ptr_array_index (entries_found, i);
      char **cells = g_new0 (char *, 6);

      cells[0] = mkt_cli_format_timestamp (mkt_record_get_created_at (entry));
      cells[1] = g_strdup (mkt_record_get_string (entry, "action"));
      cells[2] = g_strdup (mkt_record_get_string (entry, "entity"));
      cells[3] = g_strndup (mkt_record_get_string (entry, "entity_id"), 36);
      cells[4] = describe_change (entry);
      g_ptr_array_add (rows, cells);
    }

  g_ptr_array_add (header, (gpointer)"WHEN");
  g_ptr_array_add (header, (gpointer)"ACTION");
  g_ptr_array_add (header, (gpointer)"ENTITY");
  g_ptr_array_add (header, (gpointer)"ID");
  g_ptr_array_add (header, (gpointer)"CHANGES");
  mkt_cli_print_table (header, rows);

  if (next_cursor != NULL)
    g_print ("\nOlder: --cursor %s\n", next_cursor);

  return 0;
}
