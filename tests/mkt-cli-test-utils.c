/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mkt-cli-test-utils.h"

/* The tests of market-cli run the built binary, as a person or a script
 * would; these are what they share. */

void
mkt_cli_test_result_clear (MktCliTestResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

void
mkt_cli_test_fixture_setup (MktCliTestFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("market-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "market.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
mkt_cli_test_fixture_teardown (MktCliTestFixture *fixture,
                               gconstpointer      data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

/**
 * mkt_cli_test_runv:
 * @fixture: the test's fixture
 * @args: (array zero-terminated=1): the arguments after `--db DB`
 *
 * Returns: how market-cli ended and what it printed
 */
MktCliTestResult
mkt_cli_test_runv (MktCliTestFixture  *fixture,
                   const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  MktCliTestResult result = { 0 };
  const char *cli = g_getenv ("MKT_CLI");

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer)cli);
  g_ptr_array_add (argv, (gpointer)"--db");
  g_ptr_array_add (argv, fixture->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result.status = g_subprocess_get_exit_status (process);

  return result;
}

static GPtrArray *
collect_args (const char *first,
              va_list     args)
{
  GPtrArray *array = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (array, (gpointer)arg);
  g_ptr_array_add (array, NULL);
  return array;
}

/**
 * mkt_cli_test_run:
 * @fixture: the test's fixture
 * @first: the first argument after `--db DB`, then the others, then %NULL
 *
 * Returns: how market-cli ended and what it printed
 */
MktCliTestResult
mkt_cli_test_run (MktCliTestFixture *fixture,
                  const char        *first,
                  ...)
{
  g_autoptr(GPtrArray) array = NULL;
  va_list args;

  va_start (args, first);
  array = collect_args (first, args);
  va_end (args);

  return mkt_cli_test_runv (fixture, (const char * const *)array->pdata);
}

JsonNode *
mkt_cli_test_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/**
 * mkt_cli_test_run_json:
 * @fixture: the test's fixture
 * @first: the first argument after `--db DB --json`, then the others,
 *   then %NULL
 *
 * Runs a command that must succeed, quietly on stderr.
 *
 * Returns: (transfer full): what it printed
 */
JsonNode *
mkt_cli_test_run_json (MktCliTestFixture *fixture,
                       const char        *first,
                       ...)
{
  g_autoptr(GPtrArray) array = NULL;
  g_auto(MktCliTestResult) result = { 0 };
  va_list args;

  va_start (args, first);
  array = collect_args (first, args);
  va_end (args);
  g_ptr_array_insert (array, 0, (gpointer)"--json");

  result = mkt_cli_test_runv (fixture, (const char * const *)array->pdata);
  if (result.status != 0)
    g_test_message ("%s failed: %s", first, result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  return mkt_cli_test_parse_json (result.out);
}

/**
 * mkt_cli_test_find_line:
 * @text: lines of output
 * @needle: what the line contains
 *
 * Returns: (transfer full) (nullable): the first line that contains @needle
 */
char *
mkt_cli_test_find_line (const char *text,
                        const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);

  return NULL;
}

/**
 * mkt_cli_test_assert_line:
 * @text: lines of output
 * @first: what the line contains, then the other needles, then %NULL
 *
 * Asserts that some line of @text has @first and every other needle.
 */
void
mkt_cli_test_assert_line (const char *text,
                          const char *first,
                          ...)
{
  g_autofree char *line = mkt_cli_test_find_line (text, first);
  va_list args;

  if (line == NULL)
    g_test_message ("no line with “%s” in:\n%s", first, text);
  g_assert_nonnull (line);

  va_start (args, first);
  for (const char *needle = va_arg (args, const char *); needle != NULL; needle = va_arg (args, const char *))
    {
      if (strstr (line, needle) == NULL)
        g_test_message ("“%s” lacks “%s”", line, needle);
      g_assert_nonnull (strstr (line, needle));
    }
  va_end (args);
}

/**
 * mkt_cli_test_load_demo:
 * @fixture: the test's fixture
 *
 * Loads the demo shop (`market-cli demo`) into the fixture's database.
 */
void
mkt_cli_test_load_demo (MktCliTestFixture *fixture)
{
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "demo", NULL);

  g_assert_cmpint (r.status, ==, 0);
}

/**
 * mkt_cli_test_total_micro:
 * @fixture: the test's fixture
 * @sku: a product
 *
 * Returns: the product's cached total cost, in millionths of a minor unit
 */
gint64
mkt_cli_test_total_micro (MktCliTestFixture *fixture,
                          const char        *sku)
{
  g_autoptr(JsonNode) root = mkt_cli_test_run_json (fixture, "product", "show", sku, NULL);
  JsonObject *cost = json_object_get_object_member (json_node_get_object (root), "cost");

  return json_object_get_int_member (cost, "total_cost_micro");
}

/**
 * mkt_cli_test_find_cost_line:
 * @node: a cost tree from `cost explain --json`, or one of its lines
 * @name: the name of one of its lines
 *
 * Asserts that there is such a line.
 *
 * Returns: (transfer none): the line of @node named @name
 */
JsonObject *
mkt_cli_test_find_cost_line (JsonObject *node,
                             const char *name)
{
  JsonArray *lines = json_object_get_array_member (node, "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "name"), name))
        return line;
    }

  g_assert_not_reached ();
}

/**
 * mkt_cli_test_add:
 * @path: the test's path
 * @func: the test, with a fresh folder and database around it
 */
void
mkt_cli_test_add (const char     *path,
                  MktCliTestFunc  func)
{
  g_test_add (path, MktCliTestFixture, NULL, mkt_cli_test_fixture_setup, func, mkt_cli_test_fixture_teardown);
}
