/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MKT_HTTP_ERROR (mkt_http_error_quark ())

/**
 * MktHttpError:
 * @MKT_HTTP_ERROR_CONFIG: a setting is missing or out of range
 * @MKT_HTTP_ERROR_LISTEN: the address cannot be parsed or bound
 * @MKT_HTTP_ERROR_WORKER: a worker process failed
 */
typedef enum
{
  MKT_HTTP_ERROR_CONFIG,
  MKT_HTTP_ERROR_LISTEN,
  MKT_HTTP_ERROR_WORKER,
} MktHttpError;

/**
 * MktHttpConfig:
 * @listen: host:port to listen on (MARKET_LISTEN)
 * @database_url: libpq connection string (DATABASE_URL)
 * @token_secret: HMAC key of access tokens (MARKET_TOKEN_SECRET)
 * @workers: processes serving the port (MARKET_WORKERS, --workers)
 * @threads: database threads per process, each with its own connection
 *   (MARKET_THREADS)
 * @body_limit: largest request body in bytes (MARKET_BODY_LIMIT)
 * @rate_limit: requests per second a client gets back (MARKET_RATE_LIMIT;
 *   0 turns rate limiting off)
 * @rate_burst: the bucket's size (MARKET_RATE_BURST)
 * @shutdown_timeout: seconds to wait for requests in flight on SIGTERM
 *   (MARKET_SHUTDOWN_TIMEOUT)
 * @tmp_dir: where the server writes temporary files (MARKET_TMPDIR; the
 *   system's by default)
 * @test_routes: serve the routes only tests use (MARKET_TEST_ROUTES)
 *
 * The server's settings: defaults, then the key file's `[server]` group,
 * then the environment, then the command line.
 */
typedef struct
{
  char     *listen;
  char     *database_url;
  char     *token_secret;
  guint     workers;
  guint     threads;
  guint64   body_limit;
  double    rate_limit;
  guint     rate_burst;
  guint     shutdown_timeout;
  char     *tmp_dir;
  gboolean  test_routes;
} MktHttpConfig;

GQuark          mkt_http_error_quark        (void);

MktHttpConfig  *mkt_http_config_new         (void);
void            mkt_http_config_free        (MktHttpConfig  *config);
gboolean        mkt_http_config_load_file   (MktHttpConfig  *config,
                                             const char     *path,
                                             GError        **error);
gboolean        mkt_http_config_load_env    (MktHttpConfig  *config,
                                             GError        **error);
gboolean        mkt_http_config_validate    (MktHttpConfig  *config,
                                             GError        **error);
char          **mkt_http_config_to_environ  (const MktHttpConfig *config,
                                             char          **envp);
gboolean        mkt_http_parse_listen       (const char     *listen,
                                             char          **out_host,
                                             guint16        *out_port,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktHttpConfig, mkt_http_config_free)

G_END_DECLS
