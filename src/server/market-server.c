/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-server"

#include "config.h"

#include <locale.h>

#include "mkt-pg.h"
#include "mkt-pg-migrate.h"
#include "mkt-pg-schema.h"

enum {
  MKT_SERVER_EXIT_OK = 0,
  MKT_SERVER_EXIT_FAILURE = 1,
  MKT_SERVER_EXIT_USAGE = 2,
};

static const char usage_text[] =
  "Usage: market-server COMMAND [OPTION…]\n"
  "\n"
  "Commands:\n"
  "  migrate     Apply the database migrations (DATABASE_URL or --database-url)\n"
  "\n"
  "Options:\n"
  "  --help      Show this help\n"
  "  --version   Show the version\n";

static int
usage (const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("market-server: %s\nTry “market-server --help”.\n", message);
  return MKT_SERVER_EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("market-server: %s\n", error->message);
  return MKT_SERVER_EXIT_FAILURE;
}

static int
command_migrate (int    argc,
                 char **argv)
{
  g_autofree char *database_url = NULL;
  GOptionEntry entries[] = {
    { "database-url", 0, 0, G_OPTION_ARG_STRING, &database_url,
      "The database to migrate, as a libpq URL or connection string (default: $DATABASE_URL)", "URL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GArray) applied = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  const MktPgMigration *migrations;
  guint n_migrations;

  /* For --help's "Usage:" line. */
  g_set_prgname ("market-server migrate");
  g_option_context_set_summary (context,
                                "Brings the database up to date, each migration in one transaction.\n"
                                "Run it as the role that is to own the tables; it creates the\n"
                                "application role " MKT_PG_APP_ROLE " if it is missing.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage ("%s", error->message);
  if (argc > 1)
    return usage ("migrate takes no arguments (“%s”)", argv[1]);

  if (database_url == NULL)
    database_url = g_strdup (g_getenv ("DATABASE_URL"));

  conn = mkt_pg_connect (database_url, &error);
  if (conn == NULL)
    return fail (error);

  if (!mkt_pg_migrate (conn, &applied, &error))
    return fail (error);

  migrations = mkt_pg_schema_get_migrations (&n_migrations);
  for (guint i = 0; i < applied->len; i++)
    {
      guint version = g_array_index (applied, guint, i);

      for (guint m = 0; m < n_migrations; m++)
        if (migrations[m].version == version)
          g_print ("Applied migration %u: %s\n", version, migrations[m].description);
    }

  if (applied->len == 0)
    g_print ("Nothing to apply: the database is at migration %u.\n", mkt_pg_schema_get_latest ());
  else
    g_print ("The database is at migration %u.\n", mkt_pg_schema_get_latest ());

  return MKT_SERVER_EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");

  if (argc < 2)
    return usage ("no command given");

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      g_print ("%s", usage_text);
      return MKT_SERVER_EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("market-server %s\n", PACKAGE_VERSION);
      return MKT_SERVER_EXIT_OK;
    }
  if (g_str_equal (command, "migrate"))
    return command_migrate (argc - 1, argv + 1);

  return usage ("unknown command “%s”", command);
}
