/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "mkt-http-log.h"
#include "mkt-record.h"
#include "mkt-time.h"

/* Every line the server writes on stderr is one JSON object: a log
 * collector (journald, Loki, …) reads it without a pattern. One write(2)
 * per line, so that the lines of threads and of worker processes sharing
 * stderr do not interleave. Callers never pass secrets: no tokens,
 * passwords, Authorization or Cookie headers, no query strings. */

/**
 * mkt_http_log_begin:
 * @level: "debug", "info", "warning" or "error"
 * @event: what happened ("request", "listening", …)
 *
 * Starts a line: ts, level, event and pid. Members follow with
 * mkt_http_log_add_string() and its kin, in the order they are added, and
 * mkt_http_log_end() writes it. The line is put together here, without a
 * JsonObject: a busy server writes one for each request.
 *
 * Returns: (transfer full): the line so far
 */
GString *
mkt_http_log_begin (const char *level,
                    const char *event)
{
  GString *line = g_string_sized_new (384);

  g_string_append (line, "{\"ts\":\"");
  mkt_timestamp_append (line, g_get_real_time ());
  g_string_append_c (line, '"');
  mkt_http_log_add_string (line, "level", level);
  mkt_http_log_add_string (line, "event", event);
  mkt_http_log_add_int (line, "pid", getpid ());
  return line;
}

static void
append_name (GString    *line,
             const char *name)
{
  g_string_append_c (line, ',');
  mkt_json_append_string (line, name);
  g_string_append_c (line, ':');
}

/**
 * mkt_http_log_add_string:
 * @line: a line of mkt_http_log_begin()
 * @name: the member's name
 * @value: (nullable): its value; %NULL writes null
 */
void
mkt_http_log_add_string (GString    *line,
                         const char *name,
                         const char *value)
{
  append_name (line, name);
  if (value != NULL)
    mkt_json_append_string (line, value);
  else
    g_string_append (line, "null");
}

/**
 * mkt_http_log_add_int:
 * @line: a line of mkt_http_log_begin()
 * @name: the member's name
 * @value: its value
 */
void
mkt_http_log_add_int (GString    *line,
                      const char *name,
                      gint64      value)
{
  append_name (line, name);
  g_string_append_printf (line, "%" G_GINT64_FORMAT, value);
}

/**
 * mkt_http_log_add_double:
 * @line: a line of mkt_http_log_begin()
 * @name: the member's name
 * @value: its value, written with three decimals (json-glib would write
 *   17 digits: "0.72999999999999998")
 */
void
mkt_http_log_add_double (GString    *line,
                         const char *name,
                         double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_name (line, name);
  g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

/**
 * mkt_http_log_end:
 * @line: (transfer full): a line of mkt_http_log_begin()
 *
 * Closes the line and writes it on stderr in one write(2), so that the
 * lines of threads and of worker processes sharing stderr do not
 * interleave.
 */
void
mkt_http_log_end (GString *line)
{
  gsize written = 0;

  g_string_append (line, "}\n");
  while (written < line->len)
    {
      gssize n = write (STDERR_FILENO, line->str + written, line->len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      written += n;
    }

  g_string_free (line, TRUE);
}

/**
 * mkt_http_log_object:
 * @level: as for mkt_http_log_begin()
 * @event: as for mkt_http_log_begin()
 * @fields: (nullable): more members for the line
 *
 * Writes one JSON line on stderr: ts, level, event, pid, then @fields.
 */
void
mkt_http_log_object (const char *level,
                     const char *event,
                     JsonObject *fields)
{
  GString *line = mkt_http_log_begin (level, event);
  g_autoptr(GList) members = fields != NULL ? json_object_get_members (fields) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (fields, name);
      GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

      if (type == G_TYPE_DOUBLE)
        mkt_http_log_add_double (line, name, json_node_get_double (value));
      else if (type == G_TYPE_STRING)
        mkt_http_log_add_string (line, name, json_node_get_string (value));
      else if (type == G_TYPE_INT64)
        mkt_http_log_add_int (line, name, json_node_get_int (value));
      else if (JSON_NODE_HOLDS_NULL (value))
        mkt_http_log_add_string (line, name, NULL);
      else
        {
          g_autofree char *value_json = json_to_string (value, FALSE);

          append_name (line, name);
          g_string_append (line, value_json);
        }
    }

  mkt_http_log_end (line);
}

/**
 * mkt_http_log_message:
 * @level: as for mkt_http_log_object()
 * @event: as for mkt_http_log_object()
 * @format: printf() format of the `message` member
 * @...: its arguments
 */
void
mkt_http_log_message (const char *level,
                      const char *event,
                      const char *format,
                      ...)
{
  GString *line = mkt_http_log_begin (level, event);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mkt_http_log_add_string (line, "message", message);
  mkt_http_log_end (line);
}

static GLogWriterOutput
writer_cb (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *level;
  const char *domain = NULL;
  const char *message = NULL;
  GString *line;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  switch (log_level & G_LOG_LEVEL_MASK)
    {
    case G_LOG_LEVEL_ERROR:
    case G_LOG_LEVEL_CRITICAL:
      level = "error";
      break;
    case G_LOG_LEVEL_WARNING:
      level = "warning";
      break;
    case G_LOG_LEVEL_DEBUG:
      level = "debug";
      break;
    default:
      level = "info";
      break;
    }

  line = mkt_http_log_begin (level, "log");
  mkt_http_log_add_string (line, "domain", domain != NULL ? domain : "");
  mkt_http_log_add_string (line, "message", message != NULL ? message : "");
  mkt_http_log_end (line);
  return G_LOG_WRITER_HANDLED;
}

/**
 * mkt_http_log_init:
 *
 * Makes GLib's own messages (g_message(), g_warning(), …, and those of
 * libsoup) JSON lines as well. G_MESSAGES_DEBUG still chooses the debug
 * messages shown.
 */
void
mkt_http_log_init (void)
{
  g_log_set_writer_func (writer_cb, NULL, NULL);
}
