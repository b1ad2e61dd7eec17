/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-server"

#include "config.h"

#include <locale.h>

#include "mkt-http-config.h"
#include "mkt-http-log.h"
#include "mkt-http-server.h"
#include "mkt-http-supervisor.h"
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
  "  serve       Serve the HTTP API (MARKET_LISTEN, DATABASE_URL, MARKET_TOKEN_SECRET)\n"
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

/* Refuses to serve a database of another schema than this build's: its
 * requests would fail one by one on what a migration brings. A database
 * that cannot be reached now may be later: /health says so meanwhile. */
static gboolean
check_database_schema (const char  *database_url,
                       GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) local_error = NULL;

  conn = mkt_pg_connect (database_url, &local_error);
  if (conn == NULL)
    {
      mkt_http_log_message ("warning", "database", "Cannot check the database's schema now: %s",
                            local_error->message);
      return TRUE;
    }

  return mkt_pg_check_schema (conn, error);
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

static int
command_serve (int    argc,
               char **argv)
{
  g_autofree char *config_file = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *database_url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  int workers = 0;
  gboolean worker_process = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Read settings from the [server] group of FILE", "FILE" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Listen on HOST:PORT (default: $MARKET_LISTEN, else 127.0.0.1:8080; port 0 picks a free one)", "HOST:PORT" },
    { "database-url", 0, 0, G_OPTION_ARG_STRING, &database_url,
      "The database, as the application role (default: $DATABASE_URL)", "URL" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      "Serve the port from N processes (default: $MARKET_WORKERS, else 1)", "N" },
    { "worker-process", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &worker_process,
      "One of the processes of --workers", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(MktHttpConfig) config = mkt_http_config_new ();
  g_autoptr(MktHttpServer) server = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_set_prgname ("market-server serve");
  g_option_context_set_summary (context,
                                "Serves the HTTP API until SIGTERM or SIGINT, then finishes the\n"
                                "requests in flight. Settings come from the key file, then the\n"
                                "environment (DATABASE_URL, MARKET_LISTEN, MARKET_TOKEN_SECRET,\n"
                                "MARKET_WORKERS, MARKET_THREADS, MARKET_BODY_LIMIT, MARKET_RATE_LIMIT,\n"
                                "MARKET_RATE_BURST, MARKET_SHUTDOWN_TIMEOUT, MARKET_TMPDIR), then\n"
                                "these options. Logs are JSON lines on stderr.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage ("%s", error->message);
  if (argc > 1)
    return usage ("serve takes no arguments (“%s”)", argv[1]);
  if (workers < 0 || workers > 256)
    return usage ("--workers takes 1 to 256");

  mkt_http_log_init ();

  if ((config_file != NULL && !mkt_http_config_load_file (config, config_file, &error)) ||
      !mkt_http_config_load_env (config, &error))
    return fail (error);
  if (listen != NULL)
    {
      g_free (config->listen);
      config->listen = g_steal_pointer (&listen);
    }
  if (database_url != NULL)
    {
      g_free (config->database_url);
      config->database_url = g_steal_pointer (&database_url);
    }
  if (workers > 0)
    config->workers = workers;
  if (worker_process)
    config->workers = 1;
  if (!mkt_http_config_validate (config, &error))
    return fail (error);

  /* A database that does not answer must not hold a worker thread (or
   * /health) for minutes. A connection string's own connect_timeout wins. */
  g_setenv ("PGCONNECT_TIMEOUT", "5", FALSE);

  if (!check_database_schema (config->database_url, &error))
    return fail (error);

  if (config->workers > 1)
    {
      int status = mkt_http_supervise (config, &error);

      if (status < 0)
        return fail (error);
      return status;
    }

  if (!mkt_http_parse_listen (config->listen, &host, &port, &error))
    return fail (error);

  server = mkt_http_server_new (g_steal_pointer (&config));
  if (!mkt_http_server_listen (server, worker_process, &error))
    return fail (error);

  url = mkt_http_format_url (host, mkt_http_server_get_port (server));
  mkt_http_log_message ("info", "listening", "listening on %s", url);
  /* Tests and the supervisor wait for this line to know the port. */
  g_print ("Listening on %s\n", url);
  fflush (stdout);

  return mkt_http_server_run (server, !worker_process);
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
  if (g_str_equal (command, "serve"))
    return command_serve (argc - 1, argv + 1);

  return usage ("unknown command “%s”", command);
}
