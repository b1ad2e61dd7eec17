/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>

#include "mkt-export.h"
#include "mkt-import-assistant.h"
#include "mkt-print-operation.h"
#include "test-app-utils.h"
#include "test-print-utils.h"

/*
 * Printing, exports and the import assistant: the PDFs a print operation
 * exports are mkt-core's pages, the files the exports write read back, and
 * what the assistant imports is what a session of the test's own finds.
 */

#define MATERIALS_HEADER "kind,name,unit,sku,purchase_price,purchase_size\n"

static char *
find_event (MktSession *session,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  char *id = mkt_session_resolve (session, &mkt_market_event_spec, name, MKT_DELETED_EXCLUDE, &error);

  g_assert_no_error (error);
  return id;
}

static guint
count_active (MktSession          *session,
              const MktEntitySpec *spec)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mkt_session_list (session, spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows->len;
}

static void
assert_contains_squeezed (const char *text,
                          const char *name)
{
  g_autofree char *squeezed_text = mkt_test_squeeze (text);
  g_autofree char *squeezed_name = mkt_test_squeeze (name);

  if (strstr (squeezed_text, squeezed_name) == NULL)
    g_error ("“%s” is not in the PDF:\n%s", name, text);
}

static gboolean
toast_matches (gpointer user_data)
{
  gpointer *args = user_data;
  AdwToast *toast = mkt_window_get_last_toast (args[0]);

  return toast != NULL && strstr (adw_toast_get_title (toast), args[1]) != NULL;
}

static void
wait_for_toast (MktWindow  *window,
                const char *text)
{
  gpointer args[] = { window, (gpointer)text };

  if (!mkt_app_test_wait (toast_matches, args, 10000))
    {
      AdwToast *toast = mkt_window_get_last_toast (window);

      g_error ("no toast with “%s”; the last: %s", text, toast != NULL ? adw_toast_get_title (toast) : "none");
    }
}

/* Printing ------------------------------------------------------------------------- */

/* The demo's market sheet, exported by the print operation, is the CLI's
 * sheet: the same pages, every product on them. */
static void
test_print_sheet (MktAppFixture *fixture,
                  gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *event_id = find_event (session, "Winter Makers Market");
  g_autofree char *printed = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *core = g_build_filename (fixture->dir, "core.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(MktPrintSheet) sheet = NULL;
  g_autoptr(MktPrintSheet) reference = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  sheet = mkt_print_sheet_new_for_event (session, event_id, &error);
  g_assert_no_error (error);
  reference = mkt_print_sheet_new_for_event (session, event_id, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_print_sheet_write_pdf (reference, MKT_PAPER_A4, core, &error));
  g_assert_no_error (error);

  operation = mkt_print_operation_new_for_sheet (sheet, MKT_PAPER_A4);
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (mkt_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window),
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (mkt_print_operation_check (operation, GTK_PRINT_OPERATION_RESULT_APPLY, NULL));

  g_assert_cmpuint (mkt_print_sheet_get_n_pages (reference), >=, 1);
  g_assert_cmpuint (mkt_test_pdf_n_pages (printed), ==, mkt_print_sheet_get_n_pages (reference));
  g_assert_cmpuint (mkt_print_sheet_get_n_pages (sheet), ==, mkt_print_sheet_get_n_pages (reference));
  mkt_test_pdf_page_size (printed, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 1);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 1);

  text = mkt_test_pdf_text (printed);
  g_assert_nonnull (strstr (text, "Winter Makers Market"));
  lines = mkt_market_lines (session, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      assert_contains_squeezed (text, mkt_record_get_string (line->product, "name"));
    }

  mkt_app_test_close_window (window);
}

static void
test_print_tags (MktAppFixture *fixture,
                 gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *printed = g_build_filename (fixture->dir, "tags.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(MktPrintTags) tags = NULL;
  g_autoptr(MktPrintTags) none = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintOperation) empty = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;

  tags = mkt_print_tags_new_for_products (session, NULL, MKT_TAG_LAYOUT_A4_3X7, FALSE, &error);
  g_assert_no_error (error);

  operation = mkt_print_operation_new_for_tags (tags);
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (mkt_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_pdf_n_pages (printed), ==, mkt_print_tags_get_n_pages (tags));

  text = mkt_test_pdf_text (printed);
  mkt_query_add_filter (query, "price", MKT_FILTER_NE, NULL);
  products = mkt_session_list (session, &mkt_product_spec, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, mkt_print_tags_get_n_tags (tags));
  for (guint i = 0; i < products->len; i++)
    assert_contains_squeezed (text, mkt_record_get_title (g_ptr_array_index (products, i)));

  /* No tags is mkt-core's error, not an empty page. */
  none = mkt_print_tags_new ("EUR", NULL, 0, MKT_TAG_LAYOUT_A4_3X7, FALSE);
  empty = mkt_print_operation_new_for_tags (none);
  gtk_print_operation_set_export_filename (empty, printed);
  g_assert_cmpint (mkt_print_operation_run (empty, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY);

  mkt_app_test_close_window (window);
}

static GtkWindow *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), "GtkPrintUnixDialog") &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
print_dialog_shown (gpointer user_data)
{
  return find_print_dialog () != NULL;
}

/* win.print-sheet opens the print dialog without blocking the window;
 * cancelled, it leaves nothing behind. */
static void
test_print_dialog (MktAppFixture *fixture,
                   gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *event_id = find_event (session, "Winter Makers Market");
  AdwToast *before = mkt_window_get_last_toast (window);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-sheet", "s", event_id));
  g_assert_true (mkt_app_test_wait (print_dialog_shown, NULL, 20000));
  dialog = find_print_dialog ();
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  mkt_app_test_spin (200);
  g_assert_null (find_print_dialog ());
  g_assert_true (mkt_window_get_last_toast (window) == before);

  mkt_app_test_close_window (window);
}

/* Exports ---------------------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = mkt_export_write_finish (result, &wait->error);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer user_data)
{
  return ((Wait *)user_data)->done;
}

static gboolean
write_file (const char     *db_path,
            MktExportKind   kind,
            const char     *target,
            const char     *path,
            GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait wait = { FALSE };

  mkt_export_write_async (db_path, kind, target, file, NULL, written_cb, &wait);
  g_assert_true (mkt_app_test_wait (wait_done, &wait, 20000));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = contents; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static void
test_export_write (MktAppFixture *fixture,
                   gconstpointer  data)
{
  static const char * const entities[] = { "material", "product", "component" };
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *event_id = find_event (session, "Winter Makers Market");
  g_autofree char *pdf = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  g_autofree char *tags = g_build_filename (fixture->dir, "tags.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autofree char *unknown = mkt_uuid_new_v7 ();
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* CSV of each entity, read back: a header and a line per active row
   * (the demo's have no newlines in their fields). */
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      const MktEntitySpec *spec = mkt_schema_lookup (entities[i]);
      g_autofree char *basename = g_strdup_printf ("%s.csv", entities[i]);
      g_autofree char *path = g_build_filename (fixture->dir, basename, NULL);
      g_autofree char *contents = NULL;

      g_assert_nonnull (spec);
      g_assert_true (write_file (fixture->db_path, MKT_EXPORT_CSV, entities[i], path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_lines (path), ==, count_active (session, spec) + 1);
      g_file_get_contents (path, &contents, NULL, NULL);
      g_assert_true (g_str_has_prefix (contents, "id,"));
    }
  g_assert_cmpuint (count_active (session, &mkt_material_spec), >, 0);

  g_assert_true (write_file (fixture->db_path, MKT_EXPORT_SHEET, event_id, pdf, &error));
  g_assert_no_error (error);
  text = mkt_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Winter Makers Market"));

  g_assert_true (write_file (fixture->db_path, MKT_EXPORT_TAGS, "", tags, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_pdf_n_pages (tags), >=, 1);

  /* Bad targets fail with mkt-core's error and write nothing. */
  g_assert_false (write_file (fixture->db_path, MKT_EXPORT_SHEET, unknown, missing, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (write_file (fixture->db_path, MKT_EXPORT_TAGS, unknown, missing, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (write_file (fixture->db_path, MKT_EXPORT_CSV, "sale", missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  name = mkt_export_suggest_name (session, MKT_EXPORT_SHEET, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "winter-makers-market-sheet.pdf");

  mkt_app_test_close_window (window);
}

/* The actions, with good and bad parameters: a bad one is a toast. */
static void
test_export_actions (MktAppFixture *fixture,
                     gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *event_id = find_event (session, "Winter Makers Market");
  g_autofree char *path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkFileChooserNative *chooser;
  static const struct
  {
    const char *action;
    const char *parameter;
  } bad[] = {
    { "win.print-sheet", "no-such-event" },
    { "win.print-sheet", "" },
    { "win.print-tags", "no-such-product" },
    { "win.export-sheet", "no-such-event" },
    { "win.export-tags", "no-such-product" },
    { "win.export-csv", "sale" },
    { "win.export-csv", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      AdwToast *before = mkt_window_get_last_toast (window);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), bad[i].action, "s", bad[i].parameter));
      g_assert_null (mkt_export_get_chooser (window));
      while (mkt_window_get_last_toast (window) == before)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (mkt_window_get_last_toast (window));
    }

  /* Export CSV… offers a name, and writes where the user said. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-csv", "s", "material"));
  chooser = mkt_export_get_chooser (window);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser)) == GTK_WINDOW (window));
  mkt_export_chooser_respond (window, file);
  g_assert_null (mkt_export_get_chooser (window));
  wait_for_toast (window, "Exported to");
  g_assert_cmpuint (count_lines (path), ==, count_active (session, &mkt_material_spec) + 1);

  /* Cancelled, nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-sheet", "s", event_id));
  g_assert_nonnull (mkt_export_get_chooser (window));
  mkt_export_chooser_respond (window, NULL);
  g_assert_null (mkt_export_get_chooser (window));

  mkt_app_test_close_window (window);
}

/* The import assistant ------------------------------------------------------------- */

static gboolean
assistant_idle (gpointer user_data)
{
  return !mkt_import_assistant_get_busy (user_data);
}

static MktImportAssistant *
open_assistant (MktWindow  *window,
                const char *entity,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MktImportAssistant *assistant;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  assistant = mkt_import_assistant_get_for_window (window);
  g_assert_true (MKT_IS_IMPORT_ASSISTANT (assistant));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));
  g_object_ref (assistant);

  mkt_import_assistant_set_entity (assistant, entity);
  mkt_import_assistant_set_file (assistant, file);
  g_assert_true (mkt_import_assistant_get_busy (assistant));
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));

  return assistant;
}

static void
close_assistant (MktImportAssistant *assistant)
{
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));
  mkt_app_test_finalize_window (assistant);
}

static void
write_csv (const char *path,
           const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
has_material (MktSession *session,
              const char *sku)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mkt_session_resolve (session, &mkt_material_spec, sku, MKT_DELETED_EXCLUDE, &error);

  return id != NULL;
}

static gboolean
inventory_loaded (gpointer user_data)
{
  return !mkt_inventory_view_get_loading (mkt_window_get_inventory_view (user_data));
}

typedef struct
{
  guint       n;
  const char *entity;
} Changed;

static void
data_changed_cb (MktWindow  *window,
                 const char *entity,
                 Changed    *changed)
{
  changed->n++;
  changed->entity = g_intern_string (entity);
}

static void
test_import_preview (MktAppFixture *fixture,
                     gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *path = g_build_filename (fixture->dir, "materials.csv", NULL);
  MktImportAssistant *assistant;
  guint before = count_active (session, &mkt_material_spec);
  guint created, updated, rejected;
  Changed changed = { 0 };

  write_csv (path,
             MATERIALS_HEADER
             "yarn,Imported Alpaca,m,IMP-1,4.50,100\n"
             "yarn,Imported Silk,m,IMP-2,7.00,50\n"
             "yarn,Imported Refused,m,IMP-3,-2,\n"
             "yarn,Imported Linen,m,IMP-4,3.00,\n");
  g_signal_connect (window, "data-changed", G_CALLBACK (data_changed_cb), &changed);

  assistant = open_assistant (window, "material", path);

  /* The preview: every row with its line; the bad one says why. */
  g_assert_cmpuint (mkt_import_assistant_get_n_preview_rows (assistant), ==, 4);
  g_assert_cmpuint (mkt_import_assistant_get_preview_line (assistant, 0), ==, 2);
  g_assert_cmpstr (mkt_import_assistant_get_preview_field (assistant, 0, 1), ==, "Imported Alpaca");
  g_assert_null (mkt_import_assistant_get_preview_problem (assistant, 0));
  g_assert_cmpuint (mkt_import_assistant_get_preview_line (assistant, 2), ==, 4);
  g_assert_nonnull (strstr (mkt_import_assistant_get_preview_problem (assistant, 2), "purchase_price"));
  g_assert_nonnull (strstr (mkt_import_assistant_get_status (assistant), "line 4, purchase_price"));
  g_assert_true (mkt_import_assistant_get_can_import (assistant));

  /* The dry run wrote nothing. */
  g_assert_cmpuint (count_active (session, &mkt_material_spec), ==, before);
  g_assert_false (has_material (session, "IMP-1"));
  g_assert_cmpuint (changed.n, ==, 0);

  mkt_import_assistant_import (assistant);
  g_assert_true (mkt_import_assistant_get_importing (assistant));
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));

  g_assert_true (mkt_import_assistant_get_counts (assistant, &created, &updated, &rejected));
  g_assert_cmpuint (created, ==, 3);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpuint (rejected, ==, 1);
  g_assert_nonnull (strstr (mkt_import_assistant_get_result (assistant), "line 4"));
  g_assert_cmpuint (count_active (session, &mkt_material_spec), ==, before + 3);
  g_assert_true (has_material (session, "IMP-1"));
  g_assert_true (has_material (session, "IMP-4"));
  g_assert_false (has_material (session, "IMP-3"));
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_cmpstr (changed.entity, ==, "material");
  /* The inventory shows the new materials. */
  g_assert_true (mkt_app_test_wait (inventory_loaded, window, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (mkt_inventory_view_get_model (mkt_window_get_inventory_view (window))),
                    ==, before + 3);
  /* Imported once; a second press does nothing. */
  g_assert_false (mkt_import_assistant_get_can_import (assistant));

  close_assistant (assistant);
  mkt_app_test_close_window (window);
}

/* A column the format does not know is mapped by hand. */
static void
test_import_mapping (MktAppFixture *fixture,
                     gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *path = g_build_filename (fixture->dir, "odd.csv", NULL);
  MktImportAssistant *assistant;
  guint created;

  write_csv (path,
             "kind,Title,unit,sku,Shelf\n"
             "yarn,Mapped Merino,m,MAP-1,B2\n"
             "yarn,Mapped Mohair,m,MAP-2,B3\n");

  assistant = open_assistant (window, "material", path);
  g_assert_false (mkt_import_assistant_get_can_import (assistant));
  g_assert_nonnull (strstr (mkt_import_assistant_get_status (assistant), "Title"));
  g_assert_cmpuint (mkt_import_assistant_get_n_preview_rows (assistant), ==, 2);

  g_assert_true (mkt_import_assistant_set_column_target (assistant, "Title", "name"));
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));
  g_assert_true (mkt_import_assistant_set_column_target (assistant, "Shelf", "-"));
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));
  g_assert_false (mkt_import_assistant_set_column_target (assistant, "Nowhere", "-"));
  g_assert_true (mkt_import_assistant_get_can_import (assistant));
  g_assert_nonnull (strstr (mkt_import_assistant_get_status (assistant), "2 new"));

  mkt_import_assistant_import (assistant);
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));
  g_assert_true (mkt_import_assistant_get_counts (assistant, &created, NULL, NULL));
  g_assert_cmpuint (created, ==, 2);
  g_assert_true (has_material (session, "MAP-2"));

  close_assistant (assistant);
  mkt_app_test_close_window (window);
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static char *
large_csv (const char *dir,
           const char *name,
           const char *prefix,
           guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new (MATERIALS_HEADER);
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "yarn,%s yarn %u,m,%s-%u,%u.25,\n", prefix, i, prefix, i, 1 + i % 9);
  write_csv (path, csv->str);

  return path;
}

/* A large file: the main loop keeps running while the rows go in, the
 * progress bar moves, and a cancelled import keeps nothing. */
static void
test_import_large (MktAppFixture *fixture,
                   gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (800, 600);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = mkt_app_test_open_session (fixture->db_path, &store);
  g_autofree char *path = large_csv (fixture->dir, "large.csv", "BIG", 4000);
  g_autofree char *cancelled_path = large_csv (fixture->dir, "cancelled.csv", "CAN", 4000);
  MktImportAssistant *assistant;
  guint before = count_active (session, &mkt_material_spec);
  guint ticks = 0;
  guint tick_id;
  guint created;

  assistant = open_assistant (window, "material", path);
  g_assert_cmpuint (mkt_import_assistant_get_n_preview_rows (assistant), ==, 50);
  g_assert_nonnull (strstr (mkt_import_assistant_get_status (assistant), "4000 rows"));

  tick_id = g_timeout_add (5, tick_cb, &ticks);
  mkt_import_assistant_import (assistant);
  while (mkt_import_assistant_get_busy (assistant))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  /* The window's loop ran all along; the bar ends full. */
  g_assert_cmpuint (ticks, >, 2);
  g_assert_cmpfloat (mkt_import_assistant_get_fraction (assistant), ==, 1.0);
  g_assert_true (mkt_import_assistant_get_counts (assistant, &created, NULL, NULL));
  g_assert_cmpuint (created, ==, 4000);
  g_assert_cmpuint (count_active (session, &mkt_material_spec), ==, before + 4000);
  close_assistant (assistant);

  /* Cancelled as soon as it starts: nothing is kept. */
  assistant = open_assistant (window, "material", cancelled_path);
  mkt_import_assistant_import (assistant);
  g_assert_true (mkt_import_assistant_get_importing (assistant));
  mkt_import_assistant_cancel (assistant);
  g_assert_true (mkt_app_test_wait (assistant_idle, assistant, 20000));
  g_assert_false (mkt_import_assistant_get_counts (assistant, NULL, NULL, NULL));
  g_assert_nonnull (strstr (mkt_import_assistant_get_result (assistant), "cancelled"));
  g_assert_false (has_material (session, "CAN-0"));
  g_assert_cmpuint (count_active (session, &mkt_material_spec), ==, before + 4000);
  close_assistant (assistant);

  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/files/print-sheet", NULL, test_print_sheet);
  mkt_app_test_add ("/app/files/print-tags", NULL, test_print_tags);
  mkt_app_test_add ("/app/files/print-dialog", NULL, test_print_dialog);
  mkt_app_test_add ("/app/files/export-write", NULL, test_export_write);
  mkt_app_test_add ("/app/files/export-actions", NULL, test_export_actions);
  mkt_app_test_add ("/app/files/import-preview", NULL, test_import_preview);
  mkt_app_test_add ("/app/files/import-mapping", NULL, test_import_mapping);
  mkt_app_test_add ("/app/files/import-large", NULL, test_import_large);

  return g_test_run ();
}
