/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-stall-tile"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-event-item.h"
#include "mkt-stall-tile.h"

/*
 * One product on the stall: a big button a thumb finds, with the product's
 * photo (or its initials on a coloured disc), its price and how many are
 * left at the stall. Tapping it sells one; whether that is allowed is the
 * core's decision, so a sold-out tile says so but still answers.
 */

#define PICTURE_SIZE 88

struct _MktStallTile
{
  GtkButton   parent_instance;

  GtkWidget  *picture;
  GtkWidget  *avatar;
  GtkWidget  *name_label;
  GtkWidget  *price_label;
  GtkWidget  *left_label;

  char       *product_id;
  gboolean    sold_out;
};

G_DEFINE_FINAL_TYPE (MktStallTile, mkt_stall_tile, GTK_TYPE_BUTTON)

static void
mkt_stall_tile_finalize (GObject *object)
{
  MktStallTile *self = (MktStallTile *)object;

  g_clear_pointer (&self->product_id, g_free);

  G_OBJECT_CLASS (mkt_stall_tile_parent_class)->finalize (object);
}

static void
mkt_stall_tile_class_init (MktStallTileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mkt_stall_tile_finalize;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "button");
}

static GtkWidget *
tile_label (const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "justify", GTK_JUSTIFY_CENTER,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "max-width-chars", 14,
                                   NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
mkt_stall_tile_init (MktStallTile *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->picture = g_object_new (GTK_TYPE_PICTURE,
                                "can-shrink", TRUE,
                                "width-request", PICTURE_SIZE,
                                "height-request", PICTURE_SIZE,
                                "halign", GTK_ALIGN_CENTER,
                                "visible", FALSE,
                                NULL);
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_overflow (self->picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (self->picture, "card");
  self->avatar = adw_avatar_new (PICTURE_SIZE, NULL, TRUE);
  gtk_widget_set_halign (self->avatar, GTK_ALIGN_CENTER);
  self->name_label = tile_label (NULL);
  gtk_label_set_lines (GTK_LABEL (self->name_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  self->price_label = tile_label ("title-4");
  self->left_label = tile_label ("caption");

  gtk_box_append (GTK_BOX (box), self->picture);
  gtk_box_append (GTK_BOX (box), self->avatar);
  gtk_box_append (GTK_BOX (box), self->name_label);
  gtk_box_append (GTK_BOX (box), self->price_label);
  gtk_box_append (GTK_BOX (box), self->left_label);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_button_set_child (GTK_BUTTON (self), box);

  gtk_widget_set_size_request (GTK_WIDGET (self), 140, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

/**
 * mkt_stall_tile_new:
 * @product_id: the product it sells
 *
 * Returns: (transfer floating): a tile; fill it with
 *   mkt_stall_tile_update()
 */
GtkWidget *
mkt_stall_tile_new (const char *product_id)
{
  MktStallTile *self;

  g_return_val_if_fail (product_id != NULL, NULL);

  self = g_object_new (MKT_TYPE_STALL_TILE, NULL);
  self->product_id = g_strdup (product_id);

  return GTK_WIDGET (self);
}

const char *
mkt_stall_tile_get_product_id (MktStallTile *self)
{
  g_return_val_if_fail (MKT_IS_STALL_TILE (self), NULL);

  return self->product_id;
}

/**
 * mkt_stall_tile_update:
 * @self: a tile
 * @line: the product's line of the event
 * @currency: the business's currency
 * @photo: (nullable): the product's photo
 */
void
mkt_stall_tile_update (MktStallTile        *self,
                       const MktMarketLine *line,
                       const char          *currency,
                       GdkTexture          *photo)
{
  const char *name = mkt_record_get_title (line->product);
  g_autofree char *price = mkt_event_format_money (line->price, currency);
  g_autofree char *left = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (MKT_IS_STALL_TILE (self));

  self->sold_out = line->on_hand <= 0;
  if (self->sold_out)
    left = g_strdup (_("Sold out"));
  else
    {
      g_autofree char *count = mkt_quantity_format (line->on_hand);
      gint64 whole = line->on_hand / MKT_QUANTITY_SCALE;

      /* Translators: items of a product still at the stall */
      left = g_strdup_printf (ngettext ("%s left", "%s left", (gulong)MIN (whole, G_MAXINT)), count);
    }

  gtk_label_set_text (GTK_LABEL (self->name_label), name);
  gtk_label_set_text (GTK_LABEL (self->price_label), price);
  gtk_label_set_text (GTK_LABEL (self->left_label), left);
  adw_avatar_set_text (ADW_AVATAR (self->avatar), name);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (photo));
  gtk_widget_set_visible (self->picture, photo != NULL);
  gtk_widget_set_visible (self->avatar, photo == NULL);

  if (self->sold_out)
    {
      gtk_widget_add_css_class (self->left_label, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->left_label, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
    }

  /* Translators: a stall button: product, price, and how many are left */
  label = g_strdup_printf (_("Sell %s, %s, %s"), name, price, left);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

gboolean
mkt_stall_tile_get_sold_out (MktStallTile *self)
{
  g_return_val_if_fail (MKT_IS_STALL_TILE (self), FALSE);

  return self->sold_out;
}

gboolean
mkt_stall_tile_get_has_photo (MktStallTile *self)
{
  g_return_val_if_fail (MKT_IS_STALL_TILE (self), FALSE);

  return gtk_widget_get_visible (self->picture);
}

const char *
mkt_stall_tile_get_left_text (MktStallTile *self)
{
  g_return_val_if_fail (MKT_IS_STALL_TILE (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->left_label));
}
