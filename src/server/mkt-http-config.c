/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "mkt-http-config.h"
#include "mkt-token.h"

G_DEFINE_QUARK (mkt-http-error-quark, mkt_http_error)

#define KEY_FILE_GROUP "server"

/* What a setting is called in the key file and in the environment, and
 * where it goes. */
typedef enum
{
  SETTING_STRING,
  SETTING_UINT,
  SETTING_UINT64,
  SETTING_DOUBLE,
  SETTING_BOOLEAN,
} SettingType;

typedef struct
{
  const char  *key;
  const char  *env;
  SettingType  type;
  gsize        offset;
  guint64      min;
  guint64      max;
} Setting;

static const Setting settings[] = {
  { "listen", "MARKET_LISTEN", SETTING_STRING, G_STRUCT_OFFSET (MktHttpConfig, listen), 0, 0 },
  { "database_url", "DATABASE_URL", SETTING_STRING, G_STRUCT_OFFSET (MktHttpConfig, database_url), 0, 0 },
  { "token_secret", "MARKET_TOKEN_SECRET", SETTING_STRING, G_STRUCT_OFFSET (MktHttpConfig, token_secret), 0, 0 },
  { "workers", "MARKET_WORKERS", SETTING_UINT, G_STRUCT_OFFSET (MktHttpConfig, workers), 1, 256 },
  { "threads", "MARKET_THREADS", SETTING_UINT, G_STRUCT_OFFSET (MktHttpConfig, threads), 1, 256 },
  { "body_limit", "MARKET_BODY_LIMIT", SETTING_UINT64, G_STRUCT_OFFSET (MktHttpConfig, body_limit), 1024, G_GUINT64_CONSTANT (1) << 32 },
  { "rate_limit", "MARKET_RATE_LIMIT", SETTING_DOUBLE, G_STRUCT_OFFSET (MktHttpConfig, rate_limit), 0, 1000000 },
  { "rate_burst", "MARKET_RATE_BURST", SETTING_UINT, G_STRUCT_OFFSET (MktHttpConfig, rate_burst), 1, 1000000 },
  { "shutdown_timeout", "MARKET_SHUTDOWN_TIMEOUT", SETTING_UINT, G_STRUCT_OFFSET (MktHttpConfig, shutdown_timeout), 0, 3600 },
  { "tmp_dir", "MARKET_TMPDIR", SETTING_STRING, G_STRUCT_OFFSET (MktHttpConfig, tmp_dir), 0, 0 },
  { "test_routes", "MARKET_TEST_ROUTES", SETTING_BOOLEAN, G_STRUCT_OFFSET (MktHttpConfig, test_routes), 0, 0 },
};

/**
 * mkt_http_config_new:
 *
 * Returns: (transfer full): the defaults: 127.0.0.1:8080, one process of
 *   four database threads, 1 MiB bodies, 10 requests per second with
 *   bursts of 50 per client, 30 s to finish on SIGTERM
 */
MktHttpConfig *
mkt_http_config_new (void)
{
  MktHttpConfig *config = g_new0 (MktHttpConfig, 1);

  config->listen = g_strdup ("127.0.0.1:8080");
  config->workers = 1;
  config->threads = 4;
  config->body_limit = 1024 * 1024;
  config->rate_limit = 10;
  config->rate_burst = 50;
  config->shutdown_timeout = 30;
  config->tmp_dir = g_strdup (g_get_tmp_dir ());
  return config;
}

void
mkt_http_config_free (MktHttpConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->listen);
  g_free (config->database_url);
  if (config->token_secret != NULL)
    memset (config->token_secret, 0, strlen (config->token_secret));
  g_free (config->token_secret);
  g_free (config->tmp_dir);
  g_free (config);
}

static gboolean
set_setting (MktHttpConfig  *config,
             const Setting  *setting,
             const char     *value,
             const char     *source,
             GError        **error)
{
  gpointer field = G_STRUCT_MEMBER_P (config, setting->offset);
  guint64 number;
  g_autoptr(GError) local_error = NULL;

  switch (setting->type)
    {
    case SETTING_STRING:
      g_free (*(char **) field);
      *(char **) field = g_strdup (value);
      return TRUE;

    case SETTING_UINT:
    case SETTING_UINT64:
      if (!g_ascii_string_to_unsigned (value, 10, setting->min, setting->max, &number, &local_error))
        {
          g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                       "%s: %s: %s", source, setting->key, local_error->message);
          return FALSE;
        }
      if (setting->type == SETTING_UINT)
        *(guint *) field = (guint) number;
      else
        *(guint64 *) field = number;
      return TRUE;

    case SETTING_DOUBLE:
      {
        char *end = NULL;
        double d = g_ascii_strtod (value, &end);

        if (*value == '\0' || end == NULL || *end != '\0' || !(d >= setting->min && d <= setting->max))
          {
            g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                         "%s: %s: “%s” is not a number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                         source, setting->key, value, setting->min, setting->max);
            return FALSE;
          }
        *(double *) field = d;
        return TRUE;
      }

    case SETTING_BOOLEAN:
      if (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0)
        *(gboolean *) field = TRUE;
      else if (g_str_equal (value, "0") || g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0)
        *(gboolean *) field = FALSE;
      else
        {
          g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                       "%s: %s: “%s” is not true or false", source, setting->key, value);
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * mkt_http_config_load_file:
 * @config: the settings to change
 * @path: a key file with a `[server]` group (keys as in #MktHttpConfig)
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was read and every key in it is known and valid
 */
gboolean
mkt_http_config_load_file (MktHttpConfig  *config,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                   "%s: %s", path, local_error->message);
      return FALSE;
    }

  if (!g_key_file_has_group (key_file, KEY_FILE_GROUP))
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                   "%s: no [" KEY_FILE_GROUP "] group", path);
      return FALSE;
    }

  keys = g_key_file_get_keys (key_file, KEY_FILE_GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const Setting *setting = NULL;
      g_autofree char *value = NULL;

      for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
        if (g_str_equal (settings[s].key, keys[i]))
          setting = &settings[s];

      /* A misspelt key would otherwise leave a default in place unseen. */
      if (setting == NULL)
        {
          g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                       "%s: unknown key “%s”", path, keys[i]);
          return FALSE;
        }

      value = g_key_file_get_string (key_file, KEY_FILE_GROUP, keys[i], &local_error);
      if (value == NULL)
        {
          g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                       "%s: %s: %s", path, keys[i], local_error->message);
          return FALSE;
        }
      if (!set_setting (config, setting, g_strstrip (value), path, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_http_config_load_env:
 * @config: the settings to change
 * @error: return location for an error
 *
 * Reads the environment variables of #MktHttpConfig that are set and not
 * empty.
 *
 * Returns: %TRUE unless one of them is invalid
 */
gboolean
mkt_http_config_load_env (MktHttpConfig  *config,
                          GError        **error)
{
  for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
    {
      const char *value = g_getenv (settings[s].env);

      if (value != NULL && *value != '\0' &&
          !set_setting (config, &settings[s], value, settings[s].env, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_http_config_to_environ:
 * @config: settings
 * @envp: (transfer full): an environment
 *
 * Returns: (transfer full): @envp with every setting of @config, for a
 *   worker process to read back with mkt_http_config_load_env()
 */
char **
mkt_http_config_to_environ (const MktHttpConfig  *config,
                            char                **envp)
{
  for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
    {
      gconstpointer field = G_STRUCT_MEMBER_P (config, settings[s].offset);
      g_autofree char *value = NULL;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      switch (settings[s].type)
        {
        case SETTING_STRING:
          value = g_strdup (*(char * const *) field);
          break;
        case SETTING_UINT:
          value = g_strdup_printf ("%u", *(const guint *) field);
          break;
        case SETTING_UINT64:
          value = g_strdup_printf ("%" G_GUINT64_FORMAT, *(const guint64 *) field);
          break;
        case SETTING_DOUBLE:
          value = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, *(const double *) field));
          break;
        case SETTING_BOOLEAN:
          value = g_strdup (*(const gboolean *) field ? "true" : "false");
          break;
        default:
          g_assert_not_reached ();
        }

      if (value != NULL)
        envp = g_environ_setenv (envp, settings[s].env, value, TRUE);
      else
        envp = g_environ_unsetenv (envp, settings[s].env);
    }

  return envp;
}

/**
 * mkt_http_parse_listen:
 * @listen: `host:port`, `[v6-address]:port` or `:port` (all interfaces)
 * @out_host: (out) (transfer full): the host, an IP address
 * @out_port: (out): the port; 0 lets the system choose one
 * @error: return location for an error
 *
 * Returns: %TRUE if @listen parses
 */
gboolean
mkt_http_parse_listen (const char  *listen,
                       char       **out_host,
                       guint16     *out_port,
                       GError     **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;
  g_autoptr(GInetAddress) address = NULL;

  colon = listen != NULL ? strrchr (listen, ':') : NULL;
  if (colon == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_LISTEN,
                   "“%s” is not an address to listen on (HOST:PORT, e.g. 127.0.0.1:8080)",
                   listen != NULL ? listen : "");
      return FALSE;
    }

  host = g_strndup (listen, colon - listen);
  if (*host == '\0')
    {
      g_free (host);
      host = g_strdup ("0.0.0.0");
    }
  else if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_LISTEN,
                   "“%s” is not an IP address to listen on", host);
      return FALSE;
    }

  *out_host = g_steal_pointer (&host);
  *out_port = (guint16) port;
  return TRUE;
}

/**
 * mkt_http_config_validate:
 * @config: settings
 * @error: return location for an error
 *
 * Returns: %TRUE if the server can start with @config
 */
gboolean
mkt_http_config_validate (MktHttpConfig  *config,
                          GError        **error)
{
  g_autofree char *host = NULL;
  guint16 port;

  if (!mkt_http_parse_listen (config->listen, &host, &port, error))
    return FALSE;

  if (config->token_secret == NULL || strlen (config->token_secret) < MKT_TOKEN_SECRET_MIN_LENGTH)
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                   "MARKET_TOKEN_SECRET (or token_secret) must be at least %d characters; "
                   "make one with: head -c 48 /dev/urandom | base64",
                   MKT_TOKEN_SECRET_MIN_LENGTH);
      return FALSE;
    }

  if (config->tmp_dir == NULL || !g_path_is_absolute (config->tmp_dir))
    {
      g_set_error_literal (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_CONFIG,
                           "MARKET_TMPDIR (or tmp_dir) must be an absolute path");
      return FALSE;
    }

  return TRUE;
}
