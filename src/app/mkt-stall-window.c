/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-stall-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-event-item.h"
#include "mkt-event-loader.h"
#include "mkt-field-error.h"
#include "mkt-stall-tile.h"
#include "mkt-stall-window.h"

/*
 * Stall mode: a crafter at a market, often one-handed on a small touch
 * screen and offline. Big product buttons sell one item each, paid the way
 * the toggles say; the day's takings and items sold stay in sight, and the
 * last sale made here can be taken back. Sales are rows in the local file
 * like everything else: no network is needed.
 *
 * "The day" is today, the local calendar day: at a fair of several days the
 * big figure is today's and the whole market's sits below it, smaller; at
 * midnight the stall reads again and today starts from nothing.
 */

struct _MktStallWindow
{
  AdwWindow        parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkLabel        *today_label;
  GtkLabel        *total_label;
  GtkLabel        *items_label;
  GtkLabel        *market_label;
  GtkStack        *stack;
  GtkFlowBox      *flow_box;

  char            *event_id;
  char            *payment_method;
  /* The sales made here and not taken back, newest last. */
  GPtrArray       *sales;
  /* product id → MktStallTile, in the order shown */
  GHashTable      *tiles;
  GPtrArray       *tile_order;
  MktEventData    *data;
  GCancellable    *cancellable;
  guint            serial;
  guint            n_loading;
  /* Reads again when today ends. */
  guint            midnight_id;
};

G_DEFINE_FINAL_TYPE (MktStallWindow, mkt_stall_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_PAYMENT_METHOD,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef *stall;
  guint     serial;
} LoadRequest;

static MktWindow *
main_window (MktStallWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  return MKT_IS_WINDOW (parent) ? MKT_WINDOW (parent) : NULL;
}

static MktSession *
get_session (MktStallWindow  *self,
             GError         **error)
{
  MktWindow *window = main_window (self);

  if (window == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The main window is closed"));
      return NULL;
    }

  return mkt_window_get_session (window, error);
}

static void
show_toast (MktStallWindow *self,
            const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The core says "field: what is wrong"; here there is no field to point
 * at, but the sentence reads better without it. */
static void
show_error (MktStallWindow *self,
            const GError   *error)
{
  show_toast (self, mkt_field_error_message (error, NULL));
}

static void
update_undo (MktStallWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stall.undo", self->sales->len > 0);
}

static void
tile_clicked_cb (MktStallWindow *self,
                 MktStallTile   *tile)
{
  mkt_stall_window_sell (self, mkt_stall_tile_get_product_id (tile));
}

static gboolean
same_order (MktStallWindow *self,
            GPtrArray      *lines)
{
  if (lines->len != self->tile_order->len)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (!g_str_equal (mkt_record_get_id (line->product), g_ptr_array_index (self->tile_order, i)))
        return FALSE;
    }

  return TRUE;
}

static void reload (MktStallWindow *self);

static gboolean
midnight_cb (gpointer user_data)
{
  MktStallWindow *self = user_data;

  self->midnight_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* The stall's session runs on the wall clock, as the loader's does. */
static void
schedule_midnight (MktStallWindow *self)
{
  gint64 left_ms = (self->data->today_ends - g_get_real_time ()) / 1000;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  /* A second late, so that the read lands in the new day. */
  self->midnight_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)CLAMP (left_ms + 1000, 1000, G_MAXINT),
                                          midnight_cb, self, NULL);
}

static void
apply_totals (MktStallWindow *self)
{
  const MktMarketSummary *event = self->data->summary;
  const MktMarketSummary *today = self->data->today;
  g_autofree char *total = mkt_event_format_money (today->revenue, self->data->currency);
  g_autofree char *count = mkt_quantity_format (today->items_sold);
  g_autofree char *items = NULL;
  gint64 whole = today->items_sold / MKT_QUANTITY_SCALE;
  gboolean several_days;

  gtk_label_set_text (self->total_label, total);
  /* Translators: how many items the stall has sold */
  items = g_strdup_printf (ngettext ("%s item sold", "%s items sold", (gulong)CLAMP (whole, 0, G_MAXINT)), count);
  gtk_label_set_text (self->items_label, items);

  /* A market of several days shows the whole market's too; so does one
   * whose sales were not all made today, or today's figure would hide
   * them without a word. */
  several_days = mkt_market_event_n_days (event->event) > 1 ||
                 event->n_sales + event->n_voids != today->n_sales + today->n_voids;
  gtk_widget_set_visible (GTK_WIDGET (self->today_label), several_days);
  gtk_widget_set_visible (GTK_WIDGET (self->market_label), several_days);
  if (several_days)
    {
      g_autofree char *market_total = mkt_event_format_money (event->revenue, self->data->currency);
      g_autofree char *market_count = mkt_quantity_format (event->items_sold);
      g_autofree char *market = NULL;

      whole = event->items_sold / MKT_QUANTITY_SCALE;
      /* Translators: the takings and items sold of all days of a market,
       * below today's: "Whole market: €512.00, 38 items" */
      market = g_strdup_printf (ngettext ("Whole market: %s, %s item", "Whole market: %s, %s items",
                                          (gulong)CLAMP (whole, 0, G_MAXINT)),
                                market_total, market_count);
      gtk_label_set_text (self->market_label, market);
    }
  else
    gtk_label_set_text (self->market_label, "");
}

static void
apply_data (MktStallWindow *self)
{
  const MktMarketSummary *summary = self->data->summary;
  GPtrArray *lines = summary->lines;

  adw_window_title_set_title (self->window_title, mkt_record_get_title (summary->event));
  apply_totals (self);
  schedule_midnight (self);

  /* New products or a new order: the tiles are laid out again. */
  if (!same_order (self, lines))
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
        gtk_flow_box_remove (self->flow_box, child);
      g_hash_table_remove_all (self->tiles);
      g_ptr_array_set_size (self->tile_order, 0);

      for (guint i = 0; i < lines->len; i++)
        {
          MktMarketLine *line = g_ptr_array_index (lines, i);
          const char *product_id = mkt_record_get_id (line->product);
          GtkWidget *tile = mkt_stall_tile_new (product_id);

          g_signal_connect_object (tile, "clicked", G_CALLBACK (tile_clicked_cb), self, G_CONNECT_SWAPPED);
          gtk_flow_box_append (self->flow_box, tile);
          gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
          g_hash_table_insert (self->tiles, g_strdup (product_id), tile);
          g_ptr_array_add (self->tile_order, g_strdup (product_id));
        }
    }

  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);
      const char *product_id = mkt_record_get_id (line->product);
      GdkTexture *photo = self->data->photos ? g_hash_table_lookup (self->data->photos, product_id) : NULL;

      mkt_stall_tile_update (g_hash_table_lookup (self->tiles, product_id), line, self->data->currency, photo);
    }

  gtk_stack_set_visible_child_name (self->stack, lines->len > 0 ? "tiles" : "empty");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(MktStallWindow) self = mkt_event_weak_steal (request->stall);
  guint serial = request->serial;
  g_autoptr(MktEventData) data = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  data = mkt_event_load_finish (result, &error);
  if (self == NULL)
    return;

  self->n_loading--;
  if (serial == self->serial && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (data == NULL)
        show_error (self, error);
      else
        {
          g_clear_pointer (&self->data, mkt_event_data_free);
          self->data = g_steal_pointer (&data);
          apply_data (self);
        }
    }

  if (self->n_loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reload (MktStallWindow *self)
{
  MktWindow *window = main_window (self);
  LoadRequest *request;

  if (window == NULL || self->event_id == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->stall = mkt_event_weak_new (self);
  request->serial = ++self->serial;
  mkt_event_load_async (mkt_window_get_db_path (window), self->event_id,
                        MKT_EVENT_LOAD_PHOTOS | MKT_EVENT_LOAD_TODAY, self->cancellable, loaded_cb, request);

  if (self->n_loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
data_changed_cb (MktStallWindow *self,
                 const char     *entity,
                 MktWindow      *window)
{
  static const char * const shown[] = {
    "sale", "market_event", "market_line", "product", "product_movement",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    if (g_str_equal (entity, shown[i]))
      {
        reload (self);
        return;
      }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mkt_stall_window_undo (MKT_STALL_WINDOW (widget));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
mkt_stall_window_constructed (GObject *object)
{
  MktStallWindow *self = (MktStallWindow *)object;
  MktWindow *window = main_window (self);

  G_OBJECT_CLASS (mkt_stall_window_parent_class)->constructed (object);

  if (window != NULL)
    g_signal_connect_object (window, "data-changed", G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
mkt_stall_window_dispose (GObject *object)
{
  MktStallWindow *self = (MktStallWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_STALL_WINDOW);
  g_clear_pointer (&self->tiles, g_hash_table_unref);

  G_OBJECT_CLASS (mkt_stall_window_parent_class)->dispose (object);
}

static void
mkt_stall_window_finalize (GObject *object)
{
  MktStallWindow *self = (MktStallWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->payment_method, g_free);
  g_clear_pointer (&self->sales, g_ptr_array_unref);
  g_clear_pointer (&self->tile_order, g_ptr_array_unref);
  g_clear_pointer (&self->data, mkt_event_data_free);

  G_OBJECT_CLASS (mkt_stall_window_parent_class)->finalize (object);
}

static void
mkt_stall_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MktStallWindow *self = MKT_STALL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;
    case PROP_PAYMENT_METHOD:
      g_value_set_string (value, self->payment_method);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_stall_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MktStallWindow *self = MKT_STALL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      self->event_id = g_value_dup_string (value);
      break;
    case PROP_PAYMENT_METHOD:
      mkt_stall_window_set_payment_method (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_stall_window_class_init (MktStallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mkt_stall_window_constructed;
  object_class->dispose = mkt_stall_window_dispose;
  object_class->finalize = mkt_stall_window_finalize;
  object_class->get_property = mkt_stall_window_get_property;
  object_class->set_property = mkt_stall_window_set_property;

  /* The market event the stall sells at. */
  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How the next sale is paid: "cash", "card" or "other". */
  properties[PROP_PAYMENT_METHOD] =
    g_param_spec_string ("payment-method", NULL, NULL, "cash",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the event is being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-stall-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, today_label);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, items_label);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, market_label);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MktStallWindow, flow_box);

  gtk_widget_class_install_property_action (widget_class, "stall.payment-method", "payment-method");
  gtk_widget_class_install_action (widget_class, "stall.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "stall.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "stall.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "stall.fullscreen", NULL);
}

static void
mkt_stall_window_init (MktStallWindow *self)
{
  /* The payment toggles read it as soon as they are built. */
  self->payment_method = g_strdup ("cash");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sales = g_ptr_array_new_with_free_func (g_free);
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tile_order = g_ptr_array_new_with_free_func (g_free);
  update_undo (self);
}

/**
 * mkt_stall_window_new:
 * @parent: the main window, whose session sells
 * @event_id: the market event
 * @payment_method: (nullable): how the first sale is paid; "cash" if %NULL
 *
 * Returns: (transfer none): a new stall window, owned by GTK's list of
 *   toplevels; it closes with @parent
 */
MktStallWindow *
mkt_stall_window_new (MktWindow  *parent,
                      const char *event_id,
                      const char *payment_method)
{
  g_return_val_if_fail (MKT_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return g_object_new (MKT_TYPE_STALL_WINDOW,
                       "transient-for", parent,
                       "event-id", event_id,
                       "payment-method", payment_method ? payment_method : "cash",
                       NULL);
}

const char *
mkt_stall_window_get_event_id (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return self->event_id;
}

gboolean
mkt_stall_window_get_loading (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), FALSE);

  return self->n_loading > 0;
}

const char *
mkt_stall_window_get_payment_method (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return self->payment_method;
}

/**
 * mkt_stall_window_set_payment_method:
 * @self: a stall
 * @payment_method: "cash", "card" or "other"; the core refuses others at
 *   the next sale
 */
void
mkt_stall_window_set_payment_method (MktStallWindow *self,
                                     const char     *payment_method)
{
  g_return_if_fail (MKT_IS_STALL_WINDOW (self));
  g_return_if_fail (payment_method != NULL);

  /* g_set_str() arrives with GLib 2.76. */
  if (g_strcmp0 (self->payment_method, payment_method) == 0)
    return;

  g_free (self->payment_method);
  self->payment_method = g_strdup (payment_method);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_METHOD]);
}

/**
 * mkt_stall_window_sell:
 * @self: a stall
 * @product_id: a product
 *
 * Sells one item at the event's price, paid the way the stall says: what
 * tapping a product does. A refusal of the core shows as a toast.
 *
 * Returns: whether the sale was recorded
 */
gboolean
mkt_stall_window_sell (MktStallWindow *self,
                       const char     *product_id)
{
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(GError) error = NULL;
  MktSession *session;

  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  if ((session = get_session (self, &error)) == NULL ||
      (sale = mkt_market_sell (session, self->event_id, product_id, MKT_QUANTITY_FROM_INT (1), FALSE, 0, 0,
                               self->payment_method, &error)) == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  g_ptr_array_add (self->sales, g_strdup (mkt_record_get_id (sale)));
  update_undo (self);
  mkt_window_data_changed (main_window (self), mkt_sale_spec.name);

  return TRUE;
}

/**
 * mkt_stall_window_undo:
 * @self: a stall
 *
 * Voids the last sale this stall made (a new row that takes it back; the
 * sale itself stays as it was).
 *
 * Returns: whether a sale was taken back
 */
gboolean
mkt_stall_window_undo (MktStallWindow *self)
{
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sale_id = NULL;
  g_autofree char *message = NULL;
  MktSession *session;

  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), FALSE);

  if (self->sales->len == 0)
    return FALSE;

  session = get_session (self, &error);
  sale_id = g_strdup (g_ptr_array_index (self->sales, self->sales->len - 1));
  if (session != NULL)
    void_row = mkt_market_void (session, sale_id, &error);
  if (void_row == NULL)
    {
      /* Taken back elsewhere already: there is nothing left to undo. */
      if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT))
        {
          g_ptr_array_set_size (self->sales, self->sales->len - 1);
          update_undo (self);
        }
      show_error (self, error);
      return FALSE;
    }

  g_ptr_array_set_size (self->sales, self->sales->len - 1);
  update_undo (self);

  product = mkt_session_get_any (session, &mkt_product_spec, mkt_record_get_string (void_row, "product_id"), NULL);
  /* Translators: a product whose sale was taken back */
  message = g_strdup_printf (_("Sale of “%s” taken back"), product ? mkt_record_get_title (product) : "?");
  show_toast (self, message);
  mkt_window_data_changed (main_window (self), mkt_sale_spec.name);

  return TRUE;
}

/**
 * mkt_stall_window_get_tile:
 * @self: a stall
 * @product_id: a product
 *
 * Returns: (transfer none) (nullable): the product's #MktStallTile
 */
GtkWidget *
mkt_stall_window_get_tile (MktStallWindow *self,
                           const char     *product_id)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return self->tiles != NULL ? g_hash_table_lookup (self->tiles, product_id) : NULL;
}

/**
 * mkt_stall_window_get_total_text:
 * @self: a stall
 *
 * Returns: today's takings as shown
 */
const char *
mkt_stall_window_get_total_text (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return gtk_label_get_text (self->total_label);
}

/**
 * mkt_stall_window_get_items_text:
 * @self: a stall
 *
 * Returns: the items sold today as shown
 */
const char *
mkt_stall_window_get_items_text (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return gtk_label_get_text (self->items_label);
}

/**
 * mkt_stall_window_get_last_sale_id:
 * @self: a stall
 *
 * Returns: (nullable): the sale Undo Last Sale would take back
 */
const char *
mkt_stall_window_get_last_sale_id (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  return self->sales->len > 0 ? g_ptr_array_index (self->sales, self->sales->len - 1) : NULL;
}

/**
 * mkt_stall_window_get_market_text:
 * @self: a stall
 *
 * Returns: (nullable): the whole market's takings and items sold as shown
 *   below today's, or %NULL when they are not shown (a market of one day)
 */
const char *
mkt_stall_window_get_market_text (MktStallWindow *self)
{
  g_return_val_if_fail (MKT_IS_STALL_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->market_label)))
    return NULL;

  return gtk_label_get_text (self->market_label);
}
