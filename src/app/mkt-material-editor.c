/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-material-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-field-error.h"
#include "mkt-material-editor.h"
#include "mkt-material-item.h"
#include "mkt-stock-dialog.h"

/*
 * Edits one material, or makes a new one. Every field goes to mkt-core as
 * the text people typed (mkt_session_set_from_text()), and the session
 * decides what is valid: the editor only shows where the error is.
 */

struct _MktMaterialEditor
{
  AdwWindow      parent_instance;

  /* Template children */
  GtkScrolledWindow *scrolled_window;
  GtkLabel      *general_error;
  AdwEntryRow   *name_row;
  AdwComboRow   *kind_row;
  AdwEntryRow   *brand_row;
  AdwEntryRow   *sku_row;
  AdwEntryRow   *colour_row;
  AdwEntryRow   *unit_row;
  AdwEntryRow   *purchase_unit_row;
  AdwEntryRow   *purchase_size_row;
  AdwEntryRow   *purchase_price_row;
  AdwEntryRow   *reorder_level_row;
  AdwEntryRow   *supplier_row;
  AdwEntryRow   *notes_row;
  GtkWidget     *delete_button;
  GtkWidget     *stock_group;

  MktSession    *session;
  char          *material_id;
  /* The row that shows an error, if one does (owned by its list). */
  GtkWidget     *error_row;
  guint          scroll_tick_id;
};

G_DEFINE_FINAL_TYPE (MktMaterialEditor, mkt_material_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_MATERIAL_ID,
  N_PROPS
};

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The fields the editor shows, in the order they are set (and so the order
 * in which a form with several errors reports them). */
static const MktFieldRow editor_fields[] = {
  { "name", G_STRUCT_OFFSET (MktMaterialEditor, name_row) },
  { "kind", G_STRUCT_OFFSET (MktMaterialEditor, kind_row) },
  { "brand", G_STRUCT_OFFSET (MktMaterialEditor, brand_row) },
  { "sku", G_STRUCT_OFFSET (MktMaterialEditor, sku_row) },
  { "colour", G_STRUCT_OFFSET (MktMaterialEditor, colour_row) },
  { "unit", G_STRUCT_OFFSET (MktMaterialEditor, unit_row) },
  { "purchase_unit", G_STRUCT_OFFSET (MktMaterialEditor, purchase_unit_row) },
  { "purchase_size", G_STRUCT_OFFSET (MktMaterialEditor, purchase_size_row) },
  { "purchase_price", G_STRUCT_OFFSET (MktMaterialEditor, purchase_price_row) },
  { "reorder_level", G_STRUCT_OFFSET (MktMaterialEditor, reorder_level_row) },
  { "supplier", G_STRUCT_OFFSET (MktMaterialEditor, supplier_row) },
  { "notes", G_STRUCT_OFFSET (MktMaterialEditor, notes_row) },
};

static GtkWidget *
field_row (MktMaterialEditor *self,
           guint              i)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, editor_fields[i].row_offset);
}

static const char * const *
kind_choices (void)
{
  const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, "kind");

  g_assert (field != NULL && field->choices != NULL);
  return field->choices;
}

static void
clear_error (MktMaterialEditor *self)
{
  if (self->error_row == NULL)
    return;

  mkt_field_error_clear (self->error_row);
  self->error_row = NULL;
}

/* Focusing the row scrolls to the row, not to the message under it: once
 * the message has its place, scroll as far as its bottom edge. */
static gboolean
scroll_to_message_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  MktMaterialEditor *self = MKT_MATERIAL_EDITOR (widget);
  GtkWidget *child = gtk_scrolled_window_get_child (self->scrolled_window);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *message_row = NULL;
  graphene_rect_t bounds;
  double bottom;

  if (self->error_row != NULL)
    message_row = mkt_field_error_get_message_row (self->error_row);

  /* Ticks come before layout: wait for the frame that placed it. */
  if (message_row != NULL && gtk_widget_get_height (message_row) == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;

  if (message_row == NULL || child == NULL ||
      !gtk_widget_compute_bounds (message_row, child, &bounds))
    return G_SOURCE_REMOVE;

  bottom = bounds.origin.y + bounds.size.height + 12;
  if (bottom > gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment))
    gtk_adjustment_set_value (vadjustment, bottom - gtk_adjustment_get_page_size (vadjustment));

  return G_SOURCE_REMOVE;
}

static void
show_error (MktMaterialEditor *self,
            const GError      *error)
{
  const char *field = NULL;
  const char *message = mkt_field_error_message (error, &field);

  g_debug ("Not saved: %s", error->message);
  clear_error (self);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);

  self->error_row = mkt_field_error_find_row (self, editor_fields, G_N_ELEMENTS (editor_fields), field);
  if (self->error_row != NULL)
    {
      mkt_field_error_show (self->error_row, message);
      gtk_widget_grab_focus (self->error_row);
      if (self->scroll_tick_id == 0)
        self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_message_cb, NULL, NULL);
      return;
    }

  /* A field the editor does not show, or no field at all. */
  gtk_label_set_text (self->general_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
}

static void
row_changed_cb (MktMaterialEditor *self,
                GtkEditable       *editable)
{
  if (self->error_row == GTK_WIDGET (editable))
    clear_error (self);
}

static void
row_activated_cb (MktMaterialEditor *self,
                  AdwEntryRow       *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
kind_selected_cb (MktMaterialEditor *self,
                  GParamSpec        *pspec,
                  AdwComboRow       *row)
{
  if (self->error_row == GTK_WIDGET (row))
    clear_error (self);
}

static char *
dup_field_text (MktSession *session,
                MktRecord  *record,
                const char *field)
{
  int index = mkt_entity_spec_field_index (mkt_record_get_spec (record), field);
  char *text;

  g_assert (index >= 0);
  text = mkt_record_format_value (record, index, mkt_session_get_currency (session));

  return text != NULL ? text : g_strdup ("");
}

static void
fill (MktMaterialEditor *self,
      MktRecord         *material)
{
  const char * const *choices = kind_choices ();
  const char *kind = mkt_record_get_string (material, "kind");

  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      g_autofree char *text = NULL;

      if (ADW_IS_COMBO_ROW (field_row (self, i)))
        continue;

      text = dup_field_text (self->session, material, editor_fields[i].field);
      gtk_editable_set_text (GTK_EDITABLE (field_row (self, i)), text);
    }

  for (guint i = 0; kind != NULL && choices[i] != NULL; i++)
    if (g_str_equal (choices[i], kind))
      adw_combo_row_set_selected (self->kind_row, i);
}

/**
 * mkt_material_editor_save:
 * @self: an editor
 *
 * Sets every field through the session and creates or updates the
 * material. On success the editor emits #MktMaterialEditor::saved and
 * closes; otherwise it shows the error on the row it names and nothing is
 * written.
 *
 * Returns: whether the material was saved
 */
gboolean
mkt_material_editor_save (MktMaterialEditor *self)
{
  const char * const *choices = kind_choices ();
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  g_return_val_if_fail (MKT_IS_MATERIAL_EDITOR (self), FALSE);

  created = self->material_id == NULL;
  if (created)
    record = mkt_record_new (&mkt_material_spec);
  else
    record = mkt_session_get (self->session, &mkt_material_spec, self->material_id, &error);
  if (record == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      GtkWidget *row = field_row (self, i);
      const char *text;

      if (ADW_IS_COMBO_ROW (row))
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          text = selected < g_strv_length ((char **)choices) ? choices[selected] : "";
        }
      else
        text = gtk_editable_get_text (GTK_EDITABLE (row));

      if (!mkt_session_set_from_text (self->session, record, editor_fields[i].field, text, &error))
        {
          show_error (self, error);
          return FALSE;
        }
    }

  if (!(created ? mkt_session_create (self->session, record, &error)
                : mkt_session_update (self->session, record, &error)))
    {
      show_error (self, error);
      return FALSE;
    }

  g_clear_pointer (&self->material_id, g_free);
  self->material_id = g_strdup (mkt_record_get_id (record));

  g_signal_emit (self, signals[SAVED], 0, self->material_id, created);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mkt_material_editor_save (MKT_MATERIAL_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MktMaterialEditor *self = MKT_MATERIAL_EDITOR (widget);
  g_autofree char *id = g_strdup (self->material_id);

  if (id == NULL)
    return;

  /* The window moves it to the trash, with its Undo toast; the editor's
   * own work is over. */
  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, id);
  g_object_unref (self);
}

/* Purchase, adjust, count: over the editor, for the material edited. */
static void
stock_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MktMaterialEditor *self = MKT_MATERIAL_EDITOR (widget);
  g_autoptr(GVariant) id = NULL;
  const char *name;

  if (self->material_id == NULL)
    return;

  if (g_str_equal (action_name, "editor.purchase"))
    name = "material.purchase";
  else if (g_str_equal (action_name, "editor.adjust"))
    name = "material.adjust";
  else
    name = "material.count";

  id = g_variant_ref_sink (g_variant_new_string (self->material_id));
  mkt_stock_dialog_action (widget, name, id);
}

static void
mkt_material_editor_constructed (GObject *object)
{
  MktMaterialEditor *self = (MktMaterialEditor *)object;
  gboolean editing = self->material_id != NULL;

  G_OBJECT_CLASS (mkt_material_editor_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), editing ? _("Edit Material") : _("New Material"));
  gtk_widget_set_visible (self->delete_button, editing);
  gtk_widget_set_visible (self->stock_group, editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.purchase", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.adjust", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.count", editing);
}

static void
mkt_material_editor_dispose (GObject *object)
{
  MktMaterialEditor *self = (MktMaterialEditor *)object;

  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_MATERIAL_EDITOR);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_material_editor_parent_class)->dispose (object);
}

static void
mkt_material_editor_finalize (GObject *object)
{
  MktMaterialEditor *self = (MktMaterialEditor *)object;

  g_clear_pointer (&self->material_id, g_free);

  G_OBJECT_CLASS (mkt_material_editor_parent_class)->finalize (object);
}

static void
mkt_material_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MktMaterialEditor *self = MKT_MATERIAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_MATERIAL_ID:
      g_value_set_string (value, self->material_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_material_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MktMaterialEditor *self = MKT_MATERIAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_MATERIAL_ID:
      self->material_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_material_editor_class_init (MktMaterialEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mkt_material_editor_constructed;
  object_class->dispose = mkt_material_editor_dispose;
  object_class->finalize = mkt_material_editor_finalize;
  object_class->get_property = mkt_material_editor_get_property;
  object_class->set_property = mkt_material_editor_set_property;

  /* Who writes: the window's session, on the window's connection. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MKT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The material edited; %NULL while a new one is not saved yet. */
  properties[PROP_MATERIAL_ID] =
    g_param_spec_string ("material-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MktMaterialEditor::saved:
   * @self: the editor
   * @id: the material's id
   * @created: whether it is a new material
   *
   * The material was written; the editor closes next.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * MktMaterialEditor::delete-requested:
   * @self: the editor, closed already
   * @id: the material's id
   *
   * The material is to go to the trash.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-material-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, general_error);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, brand_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, sku_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, colour_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, purchase_unit_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, purchase_size_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, purchase_price_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, reorder_level_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MktMaterialEditor, stock_group);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.purchase", NULL, stock_action);
  gtk_widget_class_install_action (widget_class, "editor.adjust", NULL, stock_action);
  gtk_widget_class_install_action (widget_class, "editor.count", NULL, stock_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.purchase", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.adjust", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.count", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_material_editor_init (MktMaterialEditor *self)
{
  const char * const *choices = kind_choices ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (kinds, mkt_material_kind_label (choices[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

/**
 * mkt_material_editor_new:
 * @parent: (nullable): the window it belongs to
 * @session: who writes
 * @material_id: (nullable): the material to edit, or %NULL for a new one
 * @error: return location for an error, when @material_id cannot be read
 *
 * Returns: (transfer none) (nullable): a new editor, owned by GTK's list of
 *   toplevels, or %NULL with @error set
 */
MktMaterialEditor *
mkt_material_editor_new (GtkWindow   *parent,
                         MktSession  *session,
                         const char  *material_id,
                         GError     **error)
{
  g_autoptr(MktRecord) material = NULL;
  MktMaterialEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (material_id != NULL)
    {
      material = mkt_session_get (session, &mkt_material_spec, material_id, error);
      if (material == NULL)
        return NULL;
    }

  self = g_object_new (MKT_TYPE_MATERIAL_EDITOR,
                       "transient-for", parent,
                       "session", session,
                       "material-id", material_id,
                       NULL);
  if (material != NULL)
    fill (self, material);

  return self;
}

/**
 * mkt_material_editor_get_material_id:
 * @self: an editor
 *
 * Returns: (nullable): the material's id; %NULL for a new one until saved
 */
const char *
mkt_material_editor_get_material_id (MktMaterialEditor *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_EDITOR (self), NULL);

  return self->material_id;
}

/**
 * mkt_material_editor_get_row:
 * @self: an editor
 * @field: a field name of the material ("purchase_price")
 *
 * Returns: (transfer none) (nullable): the row that edits @field (an
 *   #AdwEntryRow, or the #AdwComboRow of the kind), or %NULL
 */
GtkWidget *
mkt_material_editor_get_row (MktMaterialEditor *self,
                             const char        *field)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return mkt_field_error_find_row (self, editor_fields, G_N_ELEMENTS (editor_fields), field);
}
