/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-dashboard-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-bar-chart.h"
#include "mkt-core.h"
#include "mkt-dashboard-view.h"
#include "mkt-task-pages.h"
#include "mkt-window.h"

/*
 * The dashboard: what the stock is worth, how much there is of it, what
 * runs low, and what the last markets took and earned. mkt-core computes
 * all of it (mkt-report.h, mkt_stock_low()) on a worker thread over a
 * connection of its own; a burst of changes from the other pages is read
 * again once, a moment after the last of them.
 */

/* How many markets the chart shows, and how many low materials are listed. */
#define MAX_EVENTS 6
#define MAX_LOW_ROWS 50

/* Changes closer together than this are read again once. */
#define RELOAD_DELAY_MS 150

struct _MktDashboardView
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkLabel             *value_label;
  GtkLabel             *materials_label;
  GtkLabel             *products_label;
  GtkLabel             *low_label;
  GtkLabel             *no_markets_label;
  MktBarChart          *chart;
  GtkListBox           *events_list;
  AdwPreferencesGroup  *low_group;

  GPtrArray            *low_rows;
  GCancellable         *cancellable;
  guint                 reload_id;

  guint                 loading : 1;
  guint                 running : 1;
  guint                 pending : 1;
};

G_DEFINE_FINAL_TYPE (MktDashboardView, mkt_dashboard_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a change to these entities can move on the dashboard. */
static const char * const watched_entities[] = {
  "tenant", "material", "stock_movement", "product", "product_movement", "component", "part", "cost",
  "production_run", "market_event", "market_line", "sale", NULL
};

/* Reading ------------------------------------------------------------------- */

typedef struct
{
  char               *db_path;
  char               *currency;
  MktInventoryReport  report;
  GPtrArray          *low;     /* MktLowStock */
  GPtrArray          *events;  /* MktMarketSummary */
} Snapshot;

static void
snapshot_free (Snapshot *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->currency, g_free);
  g_clear_pointer (&data->low, g_ptr_array_unref);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(Snapshot) data = g_new0 (Snapshot, 1);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = mkt_task_open_session (db_path, &store, NULL, &error);
  if (session == NULL ||
      !mkt_report_inventory (session, &data->report, &error) ||
      (data->low = mkt_stock_low (session, MAX_LOW_ROWS, &error)) == NULL ||
      (data->events = mkt_report_recent_events (session, mkt_session_now (session), MAX_EVENTS, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->currency = g_strdup (mkt_session_get_currency (session));
  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify)snapshot_free);
}

/* Showing ------------------------------------------------------------------- */

static char *
format_money (MktMoney    amount,
              const char *currency)
{
  g_autofree char *number = mkt_money_format (amount, currency);

  /* Translators: an amount of money and its currency: "120.00 EUR" */
  return g_strdup_printf (_("%s %s"), number, currency);
}

static void
set_loading (MktDashboardView *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
show_events (MktDashboardView *self,
             GPtrArray        *events,
             const char       *currency)
{
  GtkWidget *child;

  mkt_bar_chart_remove_all (self->chart);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))) != NULL)
    gtk_list_box_remove (self->events_list, child);

  for (guint i = 0; i < events->len; i++)
    {
      MktMarketSummary *summary = g_ptr_array_index (events, i);
      g_autofree char *revenue = format_money (summary->revenue, currency);
      g_autofree char *profit = format_money (summary->profit, currency);
      g_autofree char *date = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *sold = mkt_quantity_format (summary->items_sold);
      g_autoptr(GDateTime) starts = NULL;
      GtkWidget *row, *box, *label;

      mkt_bar_chart_add_group (self->chart, mkt_record_get_title (summary->event),
                               summary->revenue, revenue, summary->profit, profit);

      starts = g_date_time_new_from_unix_utc (mkt_record_get_int (summary->event, "starts_on") / G_USEC_PER_SEC);
      date = g_date_time_format (starts, "%x");
      /* Translators: a market's date and how many items it sold: "11/21/26 · 8 sold" */
      subtitle = g_strdup_printf (_("%s · %s sold"), date, sold);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mkt_record_get_title (summary->event));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      label = gtk_label_new (revenue);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_tooltip_text (label, _("Revenue"));
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (profit);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, summary->profit < 0 ? "error" : "success");
      gtk_widget_set_tooltip_text (label, _("Profit"));
      gtk_box_append (GTK_BOX (box), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

      gtk_list_box_append (self->events_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_markets_label), events->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), events->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), events->len > 0);
}

static GtkWidget *
low_row_new (MktLowStock *item)
{
  MktRecord *material = item->material;
  const char *unit = mkt_record_get_string (material, "unit");
  g_autofree char *on_hand = mkt_quantity_format (item->on_hand);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (mkt_record_has (material, "reorder_level"))
    {
      g_autofree char *reorder = mkt_quantity_format (mkt_record_get_int (material, "reorder_level"));

      /* Translators: "160 m on hand, reorder at 160 m" */
      subtitle = g_strdup_printf (_("%s %s on hand, reorder at %s %s"), on_hand, unit, reorder, unit);
    }
  else
    /* Translators: "-20 m on hand" */
    subtitle = g_strdup_printf (_("%s %s on hand"), on_hand, unit);

  if (item->blocked->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *with_blocked = NULL;

      for (guint i = 0; i < item->blocked->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                mkt_record_get_title (g_ptr_array_index (item->blocked, i)));
      /* Translators: the stock line of a low material, then the products
       * that need it: "160 m on hand, reorder at 160 m · for Chunky Cable Hat" */
      with_blocked = g_strdup_printf (_("%s · for %s"), subtitle, names->str);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_blocked);
    }

  /* Two "Chunky Wool"s are told apart by their colour. */
  if (mkt_record_has (material, "colour"))
    /* Translators: a material and its colour: "Chunky Wool (Slate)" */
    title = g_strdup_printf (_("%s (%s)"), mkt_record_get_title (material),
                             mkt_record_get_string (material, "colour"));
  else
    title = g_strdup (mkt_record_get_title (material));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (item->on_hand < 0)
    gtk_widget_add_css_class (row, "error");

  /* Activating the row opens the material in the editor. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "material.edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_string (mkt_record_get_id (material)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
show_low (MktDashboardView *self,
          GPtrArray        *low,
          guint             n_low)
{
  for (guint i = 0; i < self->low_rows->len; i++)
    adw_preferences_group_remove (self->low_group, g_ptr_array_index (self->low_rows, i));
  g_ptr_array_set_size (self->low_rows, 0);

  for (guint i = 0; i < low->len && i < MAX_LOW_ROWS; i++)
    g_ptr_array_add (self->low_rows, low_row_new (g_ptr_array_index (low, i)));

  /* mkt_stock_low() lists the first MAX_LOW_ROWS; the report counts all. */
  if (n_low > low->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("And %u more material", "And %u more materials", n_low - low->len),
                               n_low - low->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_ptr_array_add (self->low_rows, row);
    }
  else if (low->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing runs low"));
      g_ptr_array_add (self->low_rows, row);
    }

  for (guint i = 0; i < self->low_rows->len; i++)
    adw_preferences_group_add (self->low_group, g_ptr_array_index (self->low_rows, i));
}

static void
show_snapshot (MktDashboardView *self,
               Snapshot         *data)
{
  const MktInventoryReport *report = &data->report;
  g_autofree char *value = format_money (report->total_value, data->currency);
  g_autofree char *materials = format_money (report->material_value, data->currency);
  g_autofree char *products = format_money (report->product_value, data->currency);
  g_autofree char *breakdown = NULL;

  if (report->n_materials == 0 && report->n_products == 0 && data->events->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->value_label, value);
  /* Translators: the stock's value, split: "Materials 80.00 EUR, products 120.00 EUR" */
  breakdown = g_strdup_printf (_("Materials %s, products %s"), materials, products);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), breakdown);
  set_count (self->materials_label, report->n_materials);
  set_count (self->products_label, report->n_products);
  set_count (self->low_label, report->n_low_stock);
  if (report->n_low_stock > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->low_label), "warning");

  show_events (self, data->events, data->currency);
  show_low (self, data->low, data->report.n_low_stock);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void start_read (MktDashboardView *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MktDashboardView *self = MKT_DASHBOARD_VIEW (object);
  g_autoptr(Snapshot) data = NULL;
  g_autoptr(GError) error = NULL;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  if (data != NULL)
    show_snapshot (self, data);
  else
    {
      g_debug ("Could not read the dashboard: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }

  /* Changes that came in while reading: read once more. */
  if (self->pending && self->reload_id == 0)
    {
      self->pending = FALSE;
      start_read (self);
      return;
    }

  if (self->reload_id == 0)
    set_loading (self, FALSE);
}

static void
start_read (MktDashboardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GTask) task = NULL;

  if (!MKT_IS_WINDOW (root) || !mkt_window_get_ready (MKT_WINDOW (root)))
    {
      set_loading (self, FALSE);
      return;
    }

  self->running = TRUE;
  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
  g_task_set_task_data (task, g_strdup (mkt_window_get_db_path (MKT_WINDOW (root))), g_free);
  g_task_run_in_thread (task, read_thread);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MktDashboardView *self = user_data;

  self->reload_id = 0;
  if (self->running)
    self->pending = TRUE;
  else
    start_read (self);

  return G_SOURCE_REMOVE;
}

/**
 * mkt_dashboard_view_reload:
 * @self: a dashboard
 *
 * Reads everything again, a moment from now: calls close together read
 * once. #MktDashboardView:loading is %TRUE until what was read shows.
 */
void
mkt_dashboard_view_reload (MktDashboardView *self)
{
  g_return_if_fail (MKT_IS_DASHBOARD_VIEW (self));

  set_loading (self, TRUE);
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mkt_dashboard_view_reload (MKT_DASHBOARD_VIEW (widget));
}

/* The window ------------------------------------------------------------------ */

static void
window_ready_cb (MktDashboardView *self,
                 GParamSpec       *pspec,
                 MktWindow        *window)
{
  if (mkt_window_get_ready (window))
    mkt_dashboard_view_reload (self);
}

static void
data_changed_cb (MktDashboardView *self,
                 const char       *entity,
                 MktWindow        *window)
{
  if (!g_strv_contains (watched_entities, entity))
    return;

  mkt_dashboard_view_reload (self);
}

static void
mkt_dashboard_view_root (GtkWidget *widget)
{
  MktDashboardView *self = MKT_DASHBOARD_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mkt_dashboard_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!MKT_IS_WINDOW (root))
    return;

  g_signal_connect_object (root, "notify::ready", G_CALLBACK (window_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "data-changed", G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);
  window_ready_cb (self, NULL, MKT_WINDOW (root));
}

static void
mkt_dashboard_view_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_data (root, widget);

  GTK_WIDGET_CLASS (mkt_dashboard_view_parent_class)->unroot (widget);
}

/* GObject ---------------------------------------------------------------------- */

static void
mkt_dashboard_view_dispose (GObject *object)
{
  MktDashboardView *self = MKT_DASHBOARD_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->low_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), MKT_TYPE_DASHBOARD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mkt_dashboard_view_parent_class)->dispose (object);
}

static void
mkt_dashboard_view_finalize (GObject *object)
{
  MktDashboardView *self = MKT_DASHBOARD_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mkt_dashboard_view_parent_class)->finalize (object);
}

static void
mkt_dashboard_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MktDashboardView *self = MKT_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_dashboard_view_class_init (MktDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_dashboard_view_dispose;
  object_class->finalize = mkt_dashboard_view_finalize;
  object_class->get_property = mkt_dashboard_view_get_property;

  widget_class->root = mkt_dashboard_view_root;
  widget_class->unroot = mkt_dashboard_view_unroot;

  /**
   * MktDashboardView:loading:
   *
   * Whether a read is under way or due: what shows may be out of date.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "dashboard.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "dashboard.reload", NULL);

  g_type_ensure (MKT_TYPE_BAR_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, value_label);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, materials_label);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, products_label);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, low_label);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, no_markets_label);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, chart);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, events_list);
  gtk_widget_class_bind_template_child (widget_class, MktDashboardView, low_group);
}

static void
mkt_dashboard_view_init (MktDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->low_rows = g_ptr_array_new ();
  mkt_bar_chart_set_series (self->chart, _("Revenue"), _("Profit"));
}

/**
 * mkt_dashboard_view_get_loading:
 * @self: a dashboard
 *
 * Returns: whether a read is under way or due
 */
gboolean
mkt_dashboard_view_get_loading (MktDashboardView *self)
{
  g_return_val_if_fail (MKT_IS_DASHBOARD_VIEW (self), FALSE);

  return self->loading;
}

/**
 * mkt_dashboard_view_get_state:
 * @self: a dashboard
 *
 * Returns: "loading" before the first read, "empty" for a business with
 *   nothing in it, "error" when it could not be read, else "content"
 */
const char *
mkt_dashboard_view_get_state (MktDashboardView *self)
{
  g_return_val_if_fail (MKT_IS_DASHBOARD_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mkt_dashboard_view_get_stat:
 * @self: a dashboard
 * @name: "value", "materials", "products" or "low"
 *
 * Returns: (nullable): the figure as it shows
 */
const char *
mkt_dashboard_view_get_stat (MktDashboardView *self,
                             const char       *name)
{
  g_return_val_if_fail (MKT_IS_DASHBOARD_VIEW (self), NULL);

  if (g_strcmp0 (name, "value") == 0)
    return gtk_label_get_text (self->value_label);
  if (g_strcmp0 (name, "materials") == 0)
    return gtk_label_get_text (self->materials_label);
  if (g_strcmp0 (name, "products") == 0)
    return gtk_label_get_text (self->products_label);
  if (g_strcmp0 (name, "low") == 0)
    return gtk_label_get_text (self->low_label);

  return NULL;
}

/**
 * mkt_dashboard_view_get_chart:
 * @self: a dashboard
 *
 * Returns: (transfer none): the chart of the last markets
 */
MktBarChart *
mkt_dashboard_view_get_chart (MktDashboardView *self)
{
  g_return_val_if_fail (MKT_IS_DASHBOARD_VIEW (self), NULL);

  return self->chart;
}

/**
 * mkt_dashboard_view_get_n_low_rows:
 * @self: a dashboard
 *
 * Returns: how many rows the low-stock list has (a row that says nothing
 *   runs low included)
 */
guint
mkt_dashboard_view_get_n_low_rows (MktDashboardView *self)
{
  g_return_val_if_fail (MKT_IS_DASHBOARD_VIEW (self), 0);

  return self->low_rows->len;
}
