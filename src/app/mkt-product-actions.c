/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-product-make-dialog.h"
#include "mkt-products-view-private.h"

/*
 * The "product" actions, which the products page puts on its window so
 * that the header bar's add button, toasts and dialogs reach them: new,
 * edit, delete and restore of products and components, "Make N…", and
 * removing a recipe line and putting it back.
 */

/* Which of the two a row is: products and components share the actions. */
static const MktEntitySpec *
find_spec (MktSession  *session,
           const char  *id,
           MktRecord  **out_record,
           GError     **error)
{
  g_autoptr(MktRecord) record = mkt_session_get_any (session, &mkt_product_spec, id, NULL);

  if (record == NULL)
    record = mkt_session_get_any (session, &mkt_component_spec, id, error);
  if (record == NULL)
    return NULL;

  if (out_record != NULL)
    *out_record = g_object_ref (record);
  return mkt_record_get_spec (record);
}

static void
new_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  mkt_products_view_open (MKT_PRODUCTS_VIEW (user_data), &mkt_product_spec, NULL);
}

static void
new_component_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  mkt_products_view_open (MKT_PRODUCTS_VIEW (user_data), &mkt_component_spec, NULL);
}

static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  g_autoptr(GError) error = NULL;
  const MktEntitySpec *spec = NULL;
  MktSession *session;

  session = mkt_products_view_get_session (self, &error);
  if (session != NULL)
    spec = find_spec (session, g_variant_get_string (parameter, NULL), NULL, &error);
  if (spec == NULL)
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  if (self->window != NULL)
    mkt_window_show_page (self->window, "products");
  mkt_products_view_open (self, spec, g_variant_get_string (parameter, NULL));
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) record = NULL;
  g_autofree char *title = NULL;
  const MktEntitySpec *spec = NULL;
  MktSession *session;

  session = mkt_products_view_get_session (self, &error);
  if (session != NULL)
    spec = find_spec (session, id, &record, &error);
  if (spec == NULL || !mkt_session_delete (session, spec, id, &error))
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  mkt_products_view_closed (self, id);

  /* Translators: a product's or component's name */
  title = g_strdup_printf (_("“%s” moved to the trash"), mkt_record_get_title (record));
  if (self->window != NULL)
    {
      mkt_window_add_undo_toast (self->window, title, "product.restore", id);
      mkt_window_data_changed (self->window, spec->name);
    }
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  const MktEntitySpec *spec = NULL;
  MktSession *session;

  session = mkt_products_view_get_session (self, &error);
  if (session != NULL)
    spec = find_spec (session, id, NULL, &error);
  if (spec == NULL || !mkt_session_restore (session, spec, id, &error))
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  if (self->window != NULL)
    mkt_window_data_changed (self->window, spec->name);
  mkt_products_view_open (self, spec, id);
}

static void
make_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  g_autoptr(GError) error = NULL;
  MktProductMakeDialog *dialog;
  MktSession *session;

  if (mkt_products_view_get_make_dialog (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->make_dialog));
      return;
    }

  session = mkt_products_view_get_session (self, &error);
  if (session == NULL ||
      (dialog = mkt_product_make_dialog_new (GTK_WINDOW (self->window), session,
                                             g_variant_get_string (parameter, NULL), &error)) == NULL)
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  g_set_weak_pointer (&self->make_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "120 yd of Merino DK (Natural)": the line, for a toast. */
static char *
describe_part (MktSession *session,
               MktRecord  *part)
{
  const char *material_id = mkt_record_get_string (part, "material_id");
  g_autoptr(MktRecord) child = NULL;
  g_autofree char *quantity = mkt_quantity_format (mkt_record_get_int (part, "quantity"));
  g_autofree char *label = NULL;

  if (material_id != NULL)
    child = mkt_session_get_any (session, &mkt_material_spec, material_id, NULL);
  else
    child = mkt_session_get_any (session, &mkt_component_spec, mkt_record_get_string (part, "component_id"), NULL);
  label = child != NULL ? mkt_record_dup_label (child) : g_strdup ("?");

  /* Translators: a recipe line: "120 yd of Merino DK (Natural)" */
  return g_strdup_printf (_("%s %s of %s"), quantity, mkt_record_get_string (part, "unit"), label);
}

static void
remove_part_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) part = NULL;
  g_autofree char *described = NULL;
  g_autofree char *title = NULL;
  MktSession *session;

  session = mkt_products_view_get_session (self, &error);
  if (session == NULL ||
      (part = mkt_session_get (session, &mkt_part_spec, id, &error)) == NULL ||
      !mkt_session_delete (session, &mkt_part_spec, id, &error))
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  described = describe_part (session, part);
  /* Translators: a recipe line taken out: "Removed 120 yd of Merino DK" */
  title = g_strdup_printf (_("Removed %s"), described);
  if (self->window != NULL)
    {
      mkt_window_add_undo_toast (self->window, title, "product.restore-part", id);
      mkt_window_data_changed (self->window, mkt_part_spec.name);
    }
}

static void
restore_part_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  g_autoptr(GError) error = NULL;
  MktSession *session;

  session = mkt_products_view_get_session (self, &error);
  if (session == NULL ||
      !mkt_session_restore (session, &mkt_part_spec, g_variant_get_string (parameter, NULL), &error))
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  if (self->window != NULL)
    mkt_window_data_changed (self->window, mkt_part_spec.name);
}

static const GActionEntry action_entries[] = {
  { "new", new_activated, NULL, NULL, NULL },
  { "new-component", new_component_activated, NULL, NULL, NULL },
  { "edit", edit_activated, "s", NULL, NULL },
  { "delete", delete_activated, "s", NULL, NULL },
  { "restore", restore_activated, "s", NULL, NULL },
  { "make", make_activated, "s", NULL, NULL },
  { "remove-part", remove_part_activated, "s", NULL, NULL },
  { "restore-part", restore_part_activated, "s", NULL, NULL },
};

/**
 * mkt_product_actions_new:
 * @self: the products page
 *
 * Returns: (transfer full): the "product" actions of @self
 */
GActionGroup *
mkt_product_actions_new (MktProductsView *self)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), action_entries, G_N_ELEMENTS (action_entries), self);

  return G_ACTION_GROUP (group);
}

/**
 * mkt_product_actions_update:
 * @self: the products page
 *
 * Nothing is written before the window has made its database.
 */
void
mkt_product_actions_update (MktProductsView *self)
{
  gboolean ready = self->window != NULL && mkt_window_get_ready (self->window);

  for (guint i = 0; i < G_N_ELEMENTS (action_entries); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), action_entries[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), ready);
    }
}
