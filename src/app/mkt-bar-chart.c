/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-bar-chart.h"

/*
 * A grouped bar chart of two series (a market's revenue and profit), drawn
 * with GtkSnapshot in the style's colours: the accent for the first series,
 * success for the second, error where it is below zero. Labels are Pango
 * layouts in the widget's own font; a long label wraps to two lines and
 * then ellipsizes, so a narrow window still reads. The numbers themselves
 * are in the accessible description and the tooltip.
 */

#define PADDING 8.0
#define LEGEND_SWATCH 10.0
#define LABEL_LINES 2
#define BAR_GAP 3.0
#define MAX_BAR_WIDTH 36.0

typedef struct
{
  char   *label;
  gint64  values[2];
  char   *texts[2];
} Group;

struct _MktBarChart
{
  GtkWidget  parent_instance;

  char      *series[2];
  GArray    *groups;  /* Group */
};

G_DEFINE_FINAL_TYPE (MktBarChart, mkt_bar_chart, GTK_TYPE_WIDGET)

static void
group_clear (Group *group)
{
  g_clear_pointer (&group->label, g_free);
  g_clear_pointer (&group->texts[0], g_free);
  g_clear_pointer (&group->texts[1], g_free);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static PangoLayout *
make_layout (MktBarChart *self,
             const char  *text,
             double       width,
             gboolean     small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -LABEL_LINES);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    }

  return layout;
}

static double
line_height (MktBarChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "Ag", -1, TRUE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Swatch and name of each series, left to right; returns its height. */
static double
snapshot_legend (MktBarChart   *self,
                 GtkSnapshot   *snapshot,
                 const GdkRGBA  colors[2],
                 const GdkRGBA *text_color)
{
  double x = PADDING;
  double height = line_height (self);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int width;

      if (self->series[i] == NULL)
        continue;

      gtk_snapshot_append_color (snapshot, &colors[i],
                                 &GRAPHENE_RECT_INIT (x, PADDING + (height - LEGEND_SWATCH) / 2,
                                                      LEGEND_SWATCH, LEGEND_SWATCH));
      x += LEGEND_SWATCH + 4;
      layout = make_layout (self, self->series[i], -1, TRUE);
      append_layout (snapshot, layout, x, PADDING, text_color);
      pango_layout_get_pixel_size (layout, &width, NULL);
      x += width + 12;
    }

  return height + PADDING;
}

static void
mkt_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MktBarChart *self = MKT_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA colors[2], negative, text_color, axis_color;
  double top, bottom, plot_height, group_width, bar_width, zero_y, label_height;
  gint64 max = 0, min = 0;

  if (self->groups->len == 0 || width <= 2 * PADDING)
    return;

  lookup_color (widget, "accent_bg_color", "#3584e4", &colors[0]);
  lookup_color (widget, "success_bg_color", "#26a269", &colors[1]);
  lookup_color (widget, "error_bg_color", "#c01c28", &negative);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  axis_color = text_color;
  axis_color.alpha *= 0.3;

  top = snapshot_legend (self, snapshot, colors, &text_color) + PADDING;
  label_height = LABEL_LINES * line_height (self);
  bottom = height - PADDING - label_height - 4;
  plot_height = bottom - top;
  if (plot_height <= 0)
    return;

  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = &g_array_index (self->groups, Group, i);

      for (guint s = 0; s < 2; s++)
        {
          max = MAX (max, group->values[s]);
          min = MIN (min, group->values[s]);
        }
    }
  if (max == min)
    max = min + 1;

  zero_y = top + plot_height * ((double)max / (double)(max - min));
  group_width = (width - 2 * PADDING) / self->groups->len;
  bar_width = MIN (MAX_BAR_WIDTH, (group_width - 4 * BAR_GAP) / 2);

  gtk_snapshot_append_color (snapshot, &axis_color,
                             &GRAPHENE_RECT_INIT (PADDING, (int)(zero_y + 0.5), width - 2 * PADDING, 1));

  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = &g_array_index (self->groups, Group, i);
      double center = PADDING + group_width * (i + 0.5);
      g_autoptr(PangoLayout) layout = NULL;

      for (guint s = 0; s < 2; s++)
        {
          double x = s == 0 ? center - BAR_GAP / 2 - bar_width : center + BAR_GAP / 2;
          double bar = plot_height * ((double)ABS (group->values[s]) / (double)(max - min));
          double y = group->values[s] >= 0 ? zero_y - bar : zero_y + 1;

          /* Even a small amount shows as a sliver, not as nothing. */
          if (group->values[s] != 0)
            bar = MAX (bar, 2);
          if (group->values[s] > 0)
            y = zero_y - bar;

          gtk_snapshot_append_color (snapshot, group->values[s] < 0 ? &negative : &colors[s],
                                     &GRAPHENE_RECT_INIT (x, y, bar_width, bar));
        }

      layout = make_layout (self, group->label, group_width - 4, TRUE);
      append_layout (snapshot, layout, center - (group_width - 4) / 2, bottom + 4, &text_color);
    }
}

static void
mkt_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MktBarChart *self = MKT_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = MAX (320, 100 * (int)self->groups->len);
    }
  else
    {
      int text = (int)((1 + LABEL_LINES) * line_height (self) + 0.999);

      *minimum = text + 120;
      *natural = text + 180;
    }
}

static gboolean
mkt_bar_chart_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  MktBarChart *self = MKT_BAR_CHART (widget);
  double group_width;
  Group *group;
  g_autofree char *text = NULL;
  int index;

  if (self->groups->len == 0)
    return FALSE;

  group_width = (gtk_widget_get_width (widget) - 2 * PADDING) / self->groups->len;
  if (keyboard_mode || x < PADDING)
    return FALSE;
  index = (int)((x - PADDING) / group_width);
  if (index >= (int)self->groups->len)
    return FALSE;

  group = &g_array_index (self->groups, Group, index);
  /* Translators: a chart's tooltip: a market, then "Revenue: 120.00 EUR" and
   * "Profit: 40.00 EUR" on lines of their own */
  text = g_strdup_printf (_("%s\n%s: %s\n%s: %s"), group->label,
                          self->series[0] ? self->series[0] : "", group->texts[0],
                          self->series[1] ? self->series[1] : "", group->texts[1]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_description (MktBarChart *self)
{
  g_autofree char *description = mkt_bar_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
mkt_bar_chart_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mkt_bar_chart_parent_class)->css_changed (widget, change);

  /* Dark style, high contrast, a new accent: colours come from the style. */
  gtk_widget_queue_draw (widget);
}

static void
mkt_bar_chart_finalize (GObject *object)
{
  MktBarChart *self = MKT_BAR_CHART (object);

  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->series[0], g_free);
  g_clear_pointer (&self->series[1], g_free);

  G_OBJECT_CLASS (mkt_bar_chart_parent_class)->finalize (object);
}

static void
mkt_bar_chart_class_init (MktBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mkt_bar_chart_finalize;

  widget_class->snapshot = mkt_bar_chart_snapshot;
  widget_class->measure = mkt_bar_chart_measure;
  widget_class->query_tooltip = mkt_bar_chart_query_tooltip;
  widget_class->css_changed = mkt_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mkt_bar_chart_init (MktBarChart *self)
{
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (self->groups, (GDestroyNotify)group_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_description (self);
}

GtkWidget *
mkt_bar_chart_new (void)
{
  return g_object_new (MKT_TYPE_BAR_CHART, NULL);
}

/**
 * mkt_bar_chart_set_series:
 * @self: a chart
 * @first: the first series' name, for the legend
 * @second: the second's
 */
void
mkt_bar_chart_set_series (MktBarChart *self,
                          const char  *first,
                          const char  *second)
{
  g_return_if_fail (MKT_IS_BAR_CHART (self));

  g_free (self->series[0]);
  self->series[0] = g_strdup (first);
  g_free (self->series[1]);
  self->series[1] = g_strdup (second);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mkt_bar_chart_remove_all (MktBarChart *self)
{
  g_return_if_fail (MKT_IS_BAR_CHART (self));

  g_array_set_size (self->groups, 0);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * mkt_bar_chart_add_group:
 * @self: a chart
 * @label: what the group is, under its bars
 * @first: the first series' value (any unit; bars are scaled together)
 * @first_text: @first as people read it ("120.00 EUR")
 * @second: the second series' value
 * @second_text: @second as people read it
 */
void
mkt_bar_chart_add_group (MktBarChart *self,
                         const char  *label,
                         gint64       first,
                         const char  *first_text,
                         gint64       second,
                         const char  *second_text)
{
  Group group = { 0 };

  g_return_if_fail (MKT_IS_BAR_CHART (self));
  g_return_if_fail (label != NULL && first_text != NULL && second_text != NULL);

  group.label = g_strdup (label);
  group.values[0] = first;
  group.values[1] = second;
  group.texts[0] = g_strdup (first_text);
  group.texts[1] = g_strdup (second_text);
  g_array_append_val (self->groups, group);

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
mkt_bar_chart_get_n_groups (MktBarChart *self)
{
  g_return_val_if_fail (MKT_IS_BAR_CHART (self), 0);

  return self->groups->len;
}

const char *
mkt_bar_chart_get_group_label (MktBarChart *self,
                               guint        index)
{
  g_return_val_if_fail (MKT_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->groups->len, NULL);

  return g_array_index (self->groups, Group, index).label;
}

/**
 * mkt_bar_chart_get_value:
 * @self: a chart
 * @index: a group
 * @series: 0 or 1
 *
 * Returns: the value of @series in group @index
 */
gint64
mkt_bar_chart_get_value (MktBarChart *self,
                         guint        index,
                         guint        series)
{
  g_return_val_if_fail (MKT_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->groups->len && series < 2, 0);

  return g_array_index (self->groups, Group, index).values[series];
}

/**
 * mkt_bar_chart_dup_description:
 * @self: a chart
 *
 * Returns: (transfer full): what the chart shows, in words, as assistive
 *   technologies read it
 */
char *
mkt_bar_chart_dup_description (MktBarChart *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (MKT_IS_BAR_CHART (self), NULL);

  if (self->groups->len == 0)
    return g_string_free (g_string_append (text, _("No data")), FALSE);

  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = &g_array_index (self->groups, Group, i);

      if (i > 0)
        g_string_append (text, "; ");
      /* Translators: one group of a chart, read aloud: "Harvest Fair:
       * Revenue 120.00 EUR, Profit 40.00 EUR" */
      g_string_append_printf (text, _("%s: %s %s, %s %s"), group->label,
                              self->series[0] ? self->series[0] : "", group->texts[0],
                              self->series[1] ? self->series[1] : "", group->texts[1]);
    }

  return g_string_free (text, FALSE);
}
