/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-field-error.h"
#include "mkt-preferences-window.h"
#include "mkt-window.h"

/*
 * The business's settings: its name and currency and the tenant settings of
 * mkt-settings.h, one row each. A change is written at once (a number when
 * its spin button settles, a choice when it is picked, text on the row's
 * apply button) through the window's session; mkt-core checks it, and
 * recomputes every cost in the same transaction when it moves costs. Its
 * error shows on the row and nothing is written. After a write the main
 * window hears of it, so its pages re-price.
 */

typedef enum
{
  ROW_MONEY,
  ROW_DECIMAL,
  ROW_DAYS,
  ROW_CHOICE,
  ROW_TEXT,
} RowKind;

typedef struct
{
  const char          *key;
  RowKind              kind;
  const char          *group;
  const char          *title;
  const char          *subtitle;
  const char * const  *values;  /* what mkt-core takes */
  const char * const  *labels;  /* what people read */
} SettingRow;

static const char * const ending_values[] = { "none", ".00", ".50", ".95", ".99", NULL };
static const char * const ending_labels[] = {
  /* Translators: how suggested prices are rounded */
  N_("To the cent"), N_("Whole amount (.00)"), N_("Half (.50)"), N_("Ending in .95"), N_("Ending in .99"), NULL
};
static const char * const method_values[] = { "average", "last", NULL };
static const char * const method_labels[] = { N_("Average of purchases"), N_("Last purchase"), NULL };

static const SettingRow setting_rows[] = {
  { "labour_rate", ROW_MONEY, "costs", N_("Labour Rate"), N_("What an hour of work costs") },
  { "overhead_percent", ROW_DECIMAL, "costs", N_("Overhead"), N_("Percent of materials and labour") },
  { "overhead_fixed", ROW_MONEY, "costs", N_("Overhead per Item"), N_("Added to every product’s cost") },
  { "cost_method", ROW_CHOICE, "costs", N_("Material Cost"), N_("Which purchases set a material’s unit cost"),
    method_values, method_labels },
  { "wholesale_multiplier", ROW_DECIMAL, "prices", N_("Wholesale Multiplier"), N_("Wholesale price = cost × this") },
  { "retail_multiplier", ROW_DECIMAL, "prices", N_("Retail Multiplier"), N_("Retail price = wholesale × this") },
  { "price_ending", ROW_CHOICE, "prices", N_("Price Ending"), N_("Suggested retail prices are rounded up to it"),
    ending_values, ending_labels },
  { "fee_percent", ROW_DECIMAL, "prices", N_("Marketplace Fee"), N_("Percent of the price an online shop keeps") },
  { "fee_fixed", ROW_MONEY, "prices", N_("Marketplace Fee per Sale"), N_("What an online shop keeps of each sale") },
  { "retention_days", ROW_DAYS, "trash", N_("Keep Deleted Items"), N_("Days before they are removed for good") },
};

/* One setting's row and what it needs to show an error and take it back. */
typedef struct
{
  const SettingRow *spec;
  char             *key;
  GtkWidget        *row;
  GtkWidget        *editor;    /* the spin button, or NULL */
  char             *subtitle;  /* shown when there is no error */
} RowState;

struct _MktPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwEntryRow          *name_row;
  AdwEntryRow          *currency_row;
  AdwPreferencesGroup  *costs_group;
  AdwPreferencesGroup  *prices_group;
  AdwPreferencesGroup  *trash_group;

  MktSession           *session;
  GHashTable           *rows;  /* key → RowState */
  char                 *currency;

  guint                 loading : 1;
};

G_DEFINE_FINAL_TYPE (MktPreferencesWindow, mkt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
row_state_free (RowState *state)
{
  g_clear_pointer (&state->key, g_free);
  g_clear_pointer (&state->subtitle, g_free);
  g_free (state);
}

static const SettingRow *
find_spec (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (setting_rows); i++)
    if (g_str_equal (setting_rows[i].key, key))
      return &setting_rows[i];

  return NULL;
}

/* Errors on rows --------------------------------------------------------------- */

static void
show_row_error (MktPreferencesWindow *self,
                GtkWidget            *row,
                const GError         *error)
{
  const char *message = mkt_field_error_message (error, NULL);

  g_debug ("Not saved: %s", error->message);

  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
  else
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
}

static void
clear_row_error (GtkWidget  *row,
                 const char *subtitle)
{
  if (!gtk_widget_has_css_class (row, "error"))
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* Reading ------------------------------------------------------------------------ */

static MktRecord *
get_tenant (MktPreferencesWindow  *self,
            GError               **error)
{
  return mkt_session_get (self->session, &mkt_tenant_spec, mkt_session_get_tenant_id (self->session), error);
}

static guint
money_digits (const char *currency)
{
  int exponent = mkt_currency_get_exponent (currency);

  return exponent >= 0 ? (guint)exponent : 2;
}

static void
set_subtitle (MktPreferencesWindow *self,
              RowState             *state)
{
  g_autofree char *subtitle = NULL;

  if (state->spec == NULL || state->spec->subtitle == NULL)
    return;

  if (state->spec->kind == ROW_MONEY)
    /* Translators: a setting's help and the currency: "What an hour of work costs, in EUR" */
    subtitle = g_strdup_printf (_("%s, in %s"), _(state->spec->subtitle), self->currency);
  else
    subtitle = g_strdup (_(state->spec->subtitle));

  g_free (state->subtitle);
  state->subtitle = g_steal_pointer (&subtitle);
  if (!gtk_widget_has_css_class (state->row, "error"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (state->row), state->subtitle);
}

static void
show_value (MktPreferencesWindow *self,
            RowState             *state,
            const MktSettings    *settings)
{
  g_autofree char *text = mkt_settings_format (settings, state->key, self->currency);
  RowKind kind = state->spec != NULL ? state->spec->kind : ROW_TEXT;

  if (text == NULL)
    return;

  switch (kind)
    {
    case ROW_MONEY:
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (state->editor), money_digits (self->currency));
      G_GNUC_FALLTHROUGH;
    case ROW_DECIMAL:
    case ROW_DAYS:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (state->editor), g_ascii_strtod (text, NULL));
      break;
    case ROW_CHOICE:
      for (guint i = 0; state->spec->values[i] != NULL; i++)
        if (g_str_equal (state->spec->values[i], text))
          adw_combo_row_set_selected (ADW_COMBO_ROW (state->row), i);
      break;
    case ROW_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (state->row), text);
      break;
    default:
      g_assert_not_reached ();
    }

  set_subtitle (self, state);
  clear_row_error (state->row, state->subtitle);
}

static void
load_values (MktPreferencesWindow *self)
{
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GError) error = NULL;
  MktSettings settings;
  GHashTableIter iter;
  RowState *state;

  tenant = get_tenant (self, &error);
  if (tenant == NULL || !mkt_settings_from_tenant (tenant, &settings, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
      return;
    }

  self->loading = TRUE;

  g_free (self->currency);
  self->currency = g_strdup (mkt_record_get_string (tenant, "currency"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), mkt_record_get_title (tenant));
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), self->currency);
  clear_row_error (GTK_WIDGET (self->name_row), NULL);
  clear_row_error (GTK_WIDGET (self->currency_row), NULL);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&state))
    show_value (self, state, &settings);

  self->loading = FALSE;
}

/* Writing ------------------------------------------------------------------------ */

static void
notify_window (MktPreferencesWindow *self,
               gboolean              costs)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!MKT_IS_WINDOW (parent))
    return;

  mkt_window_data_changed (MKT_WINDOW (parent), mkt_tenant_spec.name);
  /* Costs and suggested prices follow the settings: the pages re-price. */
  if (costs)
    mkt_window_data_changed (MKT_WINDOW (parent), mkt_cost_spec.name);
}

/* Writes one change to the tenant; on an error, nothing is written and the
 * row shows it. */
static gboolean
write_tenant (MktPreferencesWindow *self,
              GtkWidget            *row,
              const char           *subtitle,
              const char           *field,
              const char           *setting,
              const char           *text)
{
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GError) error = NULL;

  tenant = get_tenant (self, &error);
  if (tenant == NULL ||
      (setting != NULL ? !mkt_settings_set (tenant, setting, text, &error)
                       : !mkt_session_set_from_text (self->session, tenant, field, text, &error)) ||
      !mkt_session_update (self->session, tenant, &error))
    {
      show_row_error (self, row, error);
      return FALSE;
    }

  clear_row_error (row, subtitle);
  return TRUE;
}

static void
apply_setting (MktPreferencesWindow *self,
               RowState             *state,
               const char           *text)
{
  if (self->loading)
    return;

  if (!write_tenant (self, state->row, state->subtitle, NULL, state->key, text))
    return;

  notify_window (self, !g_str_equal (state->key, "retention_days"));
}

static char *
spin_text (GtkSpinButton *spin)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%uf", gtk_spin_button_get_digits (spin));

  /* Always with a point, whatever the locale: mkt-core reads "12.50". */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, gtk_spin_button_get_value (spin)));
}

static void
spin_value_changed_cb (MktPreferencesWindow *self,
                       GtkSpinButton        *spin)
{
  RowState *state = g_hash_table_lookup (self->rows, g_object_get_data (G_OBJECT (spin), "mkt-setting"));
  g_autofree char *text = spin_text (spin);

  apply_setting (self, state, text);
}

static void
combo_selected_cb (MktPreferencesWindow *self,
                   GParamSpec           *pspec,
                   AdwComboRow          *row)
{
  RowState *state = g_hash_table_lookup (self->rows, g_object_get_data (G_OBJECT (row), "mkt-setting"));
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **)state->spec->values))
    return;

  apply_setting (self, state, state->spec->values[selected]);
}

static void
text_apply_cb (MktPreferencesWindow *self,
               AdwEntryRow          *row)
{
  RowState *state = g_hash_table_lookup (self->rows, g_object_get_data (G_OBJECT (row), "mkt-setting"));

  apply_setting (self, state, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
name_apply_cb (MktPreferencesWindow *self,
               AdwEntryRow          *row)
{
  if (write_tenant (self, GTK_WIDGET (row), NULL, "name", NULL, gtk_editable_get_text (GTK_EDITABLE (row))))
    notify_window (self, FALSE);
}

static void
currency_apply_cb (MktPreferencesWindow *self,
                   AdwEntryRow          *row)
{
  g_autofree char *code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (row)), -1);

  if (!write_tenant (self, GTK_WIDGET (row), NULL, "currency", NULL, g_strstrip (code)))
    return;

  /* Money rows show the new currency and its decimals. */
  load_values (self);
  notify_window (self, TRUE);
}

/* Typing again takes an entry's error away: it is about the old text. */
static void
entry_changed_cb (MktPreferencesWindow *self,
                  GtkEditable          *editable)
{
  if (!self->loading)
    clear_row_error (GTK_WIDGET (editable), NULL);
}

/* Building the rows ---------------------------------------------------------------- */

static AdwPreferencesGroup *
group_for (MktPreferencesWindow *self,
           const SettingRow     *spec)
{
  if (spec == NULL || g_str_equal (spec->group, "prices"))
    return self->prices_group;
  if (g_str_equal (spec->group, "costs"))
    return self->costs_group;

  return self->trash_group;
}

static GtkWidget *
spin_new (RowKind kind)
{
  GtkWidget *spin;

  /* The range lets a wrong value through to mkt-core, which says why. */
  switch (kind)
    {
    case ROW_MONEY:
      spin = gtk_spin_button_new_with_range (-1000000, 1000000, 0.5);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      break;
    case ROW_DECIMAL:
      spin = gtk_spin_button_new_with_range (-1000, 1000, 0.1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      break;
    case ROW_DAYS:
    default:
      spin = gtk_spin_button_new_with_range (-1, 100000, 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
      break;
    }

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static void
add_row (MktPreferencesWindow *self,
         const char           *key)
{
  const SettingRow *spec = find_spec (key);
  RowState *state = g_new0 (RowState, 1);
  RowKind kind = spec != NULL ? spec->kind : ROW_TEXT;
  const char *title = spec != NULL ? _(spec->title) : key;

  state->spec = spec;
  state->key = g_strdup (key);

  switch (kind)
    {
    case ROW_MONEY:
    case ROW_DECIMAL:
    case ROW_DAYS:
      state->row = adw_action_row_new ();
      state->editor = spin_new (kind);
      g_object_set_data_full (G_OBJECT (state->editor), "mkt-setting", g_strdup (key), g_free);
      g_signal_connect_object (state->editor, "value-changed", G_CALLBACK (spin_value_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_accessible_update_property (GTK_ACCESSIBLE (state->editor),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (state->row), state->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (state->row), state->editor);
      break;

    case ROW_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint i = 0; spec->labels[i] != NULL; i++)
          gtk_string_list_append (labels, _(spec->labels[i]));
        state->row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (state->row), G_LIST_MODEL (labels));
        g_object_set_data_full (G_OBJECT (state->row), "mkt-setting", g_strdup (key), g_free);
        g_signal_connect_object (state->row, "notify::selected", G_CALLBACK (combo_selected_cb), self,
                                 G_CONNECT_SWAPPED);
      }
      break;

    case ROW_TEXT:
    default:
      /* A setting this window does not know yet: its text as mkt-core takes it. */
      state->row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (state->row), TRUE);
      g_object_set_data_full (G_OBJECT (state->row), "mkt-setting", g_strdup (key), g_free);
      g_signal_connect_object (state->row, "apply", G_CALLBACK (text_apply_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state->row, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (state->row), title);
  if (ADW_IS_ACTION_ROW (state->row))
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (state->row), 3);
  adw_preferences_group_add (group_for (self, spec), state->row);
  g_hash_table_insert (self->rows, state->key, state);
}

/* GObject ---------------------------------------------------------------------- */

static void
mkt_preferences_window_dispose (GObject *object)
{
  MktPreferencesWindow *self = MKT_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (mkt_preferences_window_parent_class)->dispose (object);
}

static void
mkt_preferences_window_finalize (GObject *object)
{
  MktPreferencesWindow *self = MKT_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (mkt_preferences_window_parent_class)->finalize (object);
}

static void
mkt_preferences_window_class_init (MktPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_preferences_window_dispose;
  object_class->finalize = mkt_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MktPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, MktPreferencesWindow, costs_group);
  gtk_widget_class_bind_template_child (widget_class, MktPreferencesWindow, prices_group);
  gtk_widget_class_bind_template_child (widget_class, MktPreferencesWindow, trash_group);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mkt_preferences_window_init (MktPreferencesWindow *self)
{
  const char * const *keys = mkt_settings_keys ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Every setting mkt-core has, in the order of the table, then any other. */
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)row_state_free);
  for (guint i = 0; i < G_N_ELEMENTS (setting_rows); i++)
    if (g_strv_contains (keys, setting_rows[i].key))
      add_row (self, setting_rows[i].key);
  for (guint i = 0; keys[i] != NULL; i++)
    if (find_spec (keys[i]) == NULL)
      add_row (self, keys[i]);
}

/**
 * mkt_preferences_window_new:
 * @parent: the main window
 * @session: the session the settings are read and written through
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's list
 *   of toplevels
 */
GtkWindow *
mkt_preferences_window_new (GtkWindow  *parent,
                            MktSession *session)
{
  MktPreferencesWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  self = g_object_new (MKT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->session = g_object_ref (session);
  load_values (self);

  return GTK_WINDOW (self);
}

/**
 * mkt_preferences_window_get_row:
 * @self: a preferences window
 * @key: "name", "currency" or a key of mkt_settings_keys()
 *
 * Returns: (transfer none) (nullable): its row; a number's spin button is
 *   the row's activatable widget
 */
GtkWidget *
mkt_preferences_window_get_row (MktPreferencesWindow *self,
                                const char           *key)
{
  RowState *state;

  g_return_val_if_fail (MKT_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (key, "currency"))
    return GTK_WIDGET (self->currency_row);

  state = g_hash_table_lookup (self->rows, key);
  return state != NULL ? state->row : NULL;
}
