/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mkt-http-log.h"
#include "mkt-http-supervisor.h"

/* `market-server serve --workers N`: N worker processes, each its own
 * `market-server serve` with its own listening socket on the same port
 * (SO_REUSEPORT: the kernel spreads connections among them). The parent
 * holds the port (bound, not listening, so it gets no connections), starts
 * the workers with the settings in their environment, says it listens once
 * every worker does, restarts a worker that dies, and on SIGTERM or SIGINT
 * passes SIGTERM on and waits for them all. */

typedef struct _Supervisor Supervisor;

typedef struct
{
  Supervisor        *supervisor;
  GSubprocess       *process;
  GDataInputStream  *out;
  char              *id;
  gboolean           ready;
} Worker;

struct _Supervisor
{
  const MktHttpConfig *config;
  char                *listen;
  char                *url;
  char                *exe;
  GPtrArray           *workers;
  GMainLoop           *loop;
  guint                n_ready;
  gint64               restart_window_us;
  guint                restarts_in_window;
  gboolean             announced;
  gboolean             stopping;
  int                  status;
};

static gboolean start_worker (Supervisor *supervisor, Worker *worker, GError **error);

static void
worker_free (Worker *worker)
{
  g_clear_object (&worker->process);
  g_clear_object (&worker->out);
  g_free (worker->id);
  g_free (worker);
}

static void
worker_child_setup (gpointer data)
{
  /* A worker does not outlive its supervisor, even one killed hard. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static guint
n_running (Supervisor *supervisor)
{
  guint n = 0;

  for (guint i = 0; i < supervisor->workers->len; i++)
    if (((Worker *) g_ptr_array_index (supervisor->workers, i))->process != NULL)
      n++;
  return n;
}

static void
stop_all (Supervisor *supervisor,
          int         status)
{
  if (!supervisor->stopping)
    supervisor->status = status;
  supervisor->stopping = TRUE;

  for (guint i = 0; i < supervisor->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (supervisor->workers, i);

      if (worker->process != NULL)
        g_subprocess_send_signal (worker->process, SIGTERM);
    }

  if (n_running (supervisor) == 0)
    g_main_loop_quit (supervisor->loop);
}

static void
worker_exited_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Worker *worker = data;
  Supervisor *supervisor = worker->supervisor;
  g_autoptr(GSubprocess) process = g_object_ref (G_SUBPROCESS (source));
  g_autoptr(GError) error = NULL;
  gboolean was_ready = worker->ready;

  g_subprocess_wait_finish (process, result, NULL);
  if (worker->ready)
    supervisor->n_ready--;
  worker->ready = FALSE;
  g_clear_object (&worker->out);
  g_clear_object (&worker->process);

  if (supervisor->stopping)
    {
      if (n_running (supervisor) == 0)
        g_main_loop_quit (supervisor->loop);
      return;
    }

  if (g_subprocess_get_if_signaled (process))
    mkt_http_log_message ("warning", "worker_exited", "worker %s was killed by signal %d",
                          worker->id, g_subprocess_get_term_sig (process));
  else
    mkt_http_log_message ("warning", "worker_exited", "worker %s exited with status %d",
                          worker->id, g_subprocess_get_exit_status (process));

  /* A worker that keeps dying would otherwise be restarted in a loop. */
  if (g_get_monotonic_time () - supervisor->restart_window_us > 60 * G_USEC_PER_SEC)
    {
      supervisor->restart_window_us = g_get_monotonic_time ();
      supervisor->restarts_in_window = 0;
    }
  if (++supervisor->restarts_in_window > 10)
    {
      mkt_http_log_message ("error", "worker_failed", "workers died more than 10 times in a minute; stopping");
      stop_all (supervisor, 1);
      return;
    }

  /* One that never got to listen would fail again: give up. */
  if (!was_ready || !start_worker (supervisor, worker, &error))
    {
      if (error != NULL)
        mkt_http_log_message ("error", "worker_failed", "%s", error->message);
      stop_all (supervisor, 1);
    }
}

static void
worker_line_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Worker *worker = data;
  Supervisor *supervisor = worker->supervisor;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (line == NULL || worker->process == NULL || worker->ready)
    return;

  worker->ready = TRUE;
  supervisor->n_ready++;
  if (supervisor->n_ready == supervisor->workers->len && !supervisor->announced)
    {
      supervisor->announced = TRUE;
      mkt_http_log_message ("info", "listening", "%u workers listening on %s",
                            supervisor->workers->len, supervisor->url);
      g_print ("Listening on %s\n", supervisor->url);
      fflush (stdout);
    }
}

static gboolean
start_worker (Supervisor  *supervisor,
              Worker      *worker,
              GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  envp = mkt_http_config_to_environ (supervisor->config, g_steal_pointer (&envp));
  envp = g_environ_setenv (envp, "MARKET_LISTEN", supervisor->listen, TRUE);
  envp = g_environ_setenv (envp, "MARKET_WORKERS", "1", TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_set_child_setup (launcher, worker_child_setup, NULL, NULL);

  worker->process = g_subprocess_launcher_spawn (launcher, error, supervisor->exe,
                                                 "serve", "--worker-process", NULL);
  if (worker->process == NULL)
    return FALSE;

  g_free (worker->id);
  worker->id = g_strdup (g_subprocess_get_identifier (worker->process));
  worker->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (worker->process));
  g_data_input_stream_read_line_async (worker->out, G_PRIORITY_DEFAULT, NULL, worker_line_cb, worker);
  g_subprocess_wait_async (worker->process, NULL, worker_exited_cb, worker);
  return TRUE;
}

static gboolean
signal_cb (gpointer data)
{
  Supervisor *supervisor = data;

  mkt_http_log_message ("info", "shutdown", "stopping %u workers", n_running (supervisor));
  stop_all (supervisor, supervisor->stopping ? supervisor->status : 0);
  return G_SOURCE_CONTINUE;
}

/**
 * mkt_http_socket_new:
 * @host: an IP address
 * @port: a port, 0 for any free one
 * @reuse_port: set SO_REUSEPORT, so that other processes can listen on the
 *   same port
 * @listen: listen, or only bind
 * @error: return location for a %MKT_HTTP_ERROR
 *
 * g_socket_bind() would turn SO_REUSEPORT off for TCP: the socket is bound
 * here.
 *
 * Returns: (transfer full) (nullable): the socket
 */
GSocket *
mkt_http_socket_new (const char  *host,
                     guint16      port,
                     gboolean     reuse_port,
                     gboolean     listen,
                     GError     **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (host, port);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  struct sockaddr_storage native;
  gsize native_length;

  if (address == NULL)
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_LISTEN,
                   "“%s” is not an IP address to listen on", host);
      return NULL;
    }

  native_length = g_socket_address_get_native_size (address);
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &local_error);
  if (socket != NULL)
    g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, &local_error);
  if (local_error == NULL && reuse_port)
    g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, &local_error);
  if (local_error == NULL)
    g_socket_address_to_native (address, &native, sizeof native, &local_error);
  if (local_error == NULL &&
      bind (g_socket_get_fd (socket), (struct sockaddr *) &native, native_length) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
    }
  if (local_error == NULL && listen)
    {
      g_socket_set_listen_backlog (socket, SOMAXCONN);
      g_socket_listen (socket, &local_error);
    }

  if (local_error != NULL)
    {
      g_autofree char *url = mkt_http_format_url (host, port);

      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_LISTEN,
                   "Cannot listen on %s: %s", url + strlen ("http://"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&socket);
}

/**
 * mkt_http_format_url:
 * @host: an IP address
 * @port: a port
 *
 * Returns: (transfer full): `http://host:port/`, with brackets for IPv6
 */
char *
mkt_http_format_url (const char *host,
                     guint16     port)
{
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u", host, port);
  return g_strdup_printf ("http://%s:%u", host, port);
}

/**
 * mkt_http_supervise:
 * @config: validated settings, @workers above 1
 * @error: return location for an error
 *
 * Returns: the exit status, or -1 with @error set if the workers could not
 *   be started
 */
int
mkt_http_supervise (const MktHttpConfig  *config,
                    GError              **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  Supervisor supervisor = { 0 };
  guint16 port;
  guint term_id, int_id;

  if (!mkt_http_parse_listen (config->listen, &host, &port, error))
    return -1;

  /* Holds the port, and fixes it when the settings say 0. */
  socket = mkt_http_socket_new (host, port, TRUE, FALSE, error);
  if (socket == NULL)
    return -1;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return -1;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  supervisor.config = config;
  supervisor.listen = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%u", host, port)
                                                 : g_strdup_printf ("%s:%u", host, port);
  supervisor.url = mkt_http_format_url (host, port);
  supervisor.exe = g_file_read_link ("/proc/self/exe", error);
  if (supervisor.exe == NULL)
    return -1;
  supervisor.workers = g_ptr_array_new_with_free_func ((GDestroyNotify) worker_free);
  supervisor.loop = g_main_loop_new (NULL, FALSE);

  term_id = g_unix_signal_add (SIGTERM, signal_cb, &supervisor);
  int_id = g_unix_signal_add (SIGINT, signal_cb, &supervisor);

  for (guint i = 0; i < config->workers; i++)
    {
      Worker *worker = g_new0 (Worker, 1);

      worker->supervisor = &supervisor;
      g_ptr_array_add (supervisor.workers, worker);
      if (!start_worker (&supervisor, worker, &local_error))
        {
          mkt_http_log_message ("error", "worker_failed", "%s", local_error->message);
          stop_all (&supervisor, 1);
          break;
        }
    }

  if (n_running (&supervisor) > 0)
    g_main_loop_run (supervisor.loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_main_loop_unref (supervisor.loop);
  g_ptr_array_unref (supervisor.workers);
  g_free (supervisor.exe);
  g_free (supervisor.url);
  g_free (supervisor.listen);
  mkt_http_log_message ("info", "stopped", "all workers stopped");
  return supervisor.status;
}
