/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "mkt-http-log.h"
#include "mkt-record.h"

/* Every line the server writes on stderr is one JSON object: a log
 * collector (journald, Loki, …) reads it without a pattern. One write(2)
 * per line, so that the lines of threads and of worker processes sharing
 * stderr do not interleave. Callers never pass secrets: no tokens,
 * passwords, Authorization or Cookie headers, no query strings. */

/* json-glib writes doubles with 17 digits ("0.72999999999999998"): the
 * line is put together here, members in the order they were set, doubles
 * with three decimals. */
static void
write_line (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GString *line = g_string_new ("{");
  gsize written = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

      if (l != members)
        g_string_append_c (line, ',');
      mkt_json_append_string (line, name);
      g_string_append_c (line, ':');

      /* Strings, whole numbers and null, the members of every request's
       * line, written here rather than through a JsonGenerator each. */
      if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.3f", json_node_get_double (value)));
        }
      else if (type == G_TYPE_STRING && json_node_get_string (value) != NULL)
        mkt_json_append_string (line, json_node_get_string (value));
      else if (type == G_TYPE_INT64)
        g_string_append_printf (line, "%" G_GINT64_FORMAT, json_node_get_int (value));
      else if (JSON_NODE_HOLDS_NULL (value))
        g_string_append (line, "null");
      else
        {
          g_autofree char *value_json = json_to_string (value, FALSE);

          g_string_append (line, value_json);
        }
    }
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

static JsonObject *
new_entry (const char *level,
           const char *event)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format_iso8601 (now);

  json_object_set_string_member (object, "ts", ts);
  json_object_set_string_member (object, "level", level);
  json_object_set_string_member (object, "event", event);
  json_object_set_int_member (object, "pid", getpid ());
  return object;
}

/**
 * mkt_http_log_object:
 * @level: "debug", "info", "warning" or "error"
 * @event: what happened ("request", "listening", …)
 * @fields: (nullable): more members for the line
 *
 * Writes one JSON line on stderr: ts, level, event, pid, then @fields.
 */
void
mkt_http_log_object (const char *level,
                     const char *event,
                     JsonObject *fields)
{
  g_autoptr(JsonObject) object = new_entry (level, event);

  if (fields != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (fields);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (fields, l->data)));
    }

  write_line (object);
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
  g_autoptr(JsonObject) object = new_entry (level, event);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_object_set_string_member (object, "message", message);
  write_line (object);
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
  g_autoptr(JsonObject) object = NULL;

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

  object = new_entry (level, "log");
  json_object_set_string_member (object, "domain", domain != NULL ? domain : "");
  json_object_set_string_member (object, "message", message != NULL ? message : "");
  write_line (object);
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
