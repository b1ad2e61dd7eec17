/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-demo"

#include "config.h"

#include "mkt-demo.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-money.h"
#include "mkt-production.h"
#include "mkt-quantity.h"
#include "mkt-session-private.h"
#include "mkt-settings.h"

/* A small yarn shop: what a knitter and crocheter who sells hats, shawls and
 * amigurumi at weekend markets keeps in the cupboard. */

typedef struct
{
  const char *name;
  const char *notes;
} DemoCategory;

static const DemoCategory demo_categories[] = {
  { "Yarn", "Everything spun and wound" },
  { "Fibre", "Roving and stuffing" },
  { "Notions", "Buttons, markers, needles for finishing" },
  { "Packaging", "Labels, bags and tissue for the stall" },
  { "Tools", "Needles and hooks that are not used up" },
};

typedef struct
{
  const char *category;
  const char *kind;
  const char *name;
  const char *brand;
  const char *sku;
  const char *colour;
  const char *fibre;
  const char *weight;
  const char *unit;
  const char *pack;
  const char *pack_size;
  const char *price;
  const char *reorder;
  const char *supplier;
  const char *bought;     /* packs bought at the start, in "unit" when no pack */
  const char *attributes;
} DemoMaterial;

#define WOOLWORKS "Woolworks Wholesale"
#define HILLSIDE "Hillside Mill"
#define CRAFTSUPPLY "CraftSupply Co."

static const DemoMaterial demo_materials[] = {
  { "Yarn", "yarn", "Merino DK", "Hillside Mill", "HM-MDK-NAT", "Natural", "100% merino", "dk", "yd", "skein", "246", "8.50", "738", HILLSIDE, "12", "{\"needle\":\"4 mm\",\"gauge\":\"22 sts / 10 cm\"}" },
  { "Yarn", "yarn", "Merino DK", "Hillside Mill", "HM-MDK-RUS", "Rust", "100% merino", "dk", "yd", "skein", "246", "8.50", "492", HILLSIDE, "8", "{\"needle\":\"4 mm\"}" },
  { "Yarn", "yarn", "Merino DK", "Hillside Mill", "HM-MDK-TEA", "Teal", "100% merino", "dk", "yd", "skein", "246", "8.50", "492", HILLSIDE, "6", NULL },
  { "Yarn", "yarn", "Merino DK", "Hillside Mill", "HM-MDK-MUS", "Mustard", "100% merino", "dk", "yd", "skein", "246", "8.50", "492", HILLSIDE, "2", NULL },
  { "Yarn", "yarn", "Aran Tweed", "Hillside Mill", "HM-AT-HEA", "Heather", "80% wool, 20% viscose", "aran", "yd", "skein", "180", "7.25", "360", HILLSIDE, "10", "{\"needle\":\"5 mm\"}" },
  { "Yarn", "yarn", "Aran Tweed", "Hillside Mill", "HM-AT-MOS", "Moss", "80% wool, 20% viscose", "aran", "yd", "skein", "180", "7.25", "360", HILLSIDE, "7", NULL },
  { "Yarn", "yarn", "Sock Yarn", "Footloose", "FL-SOCK-SEA", "Seaside", "75% wool, 25% nylon", "fingering", "yd", "skein", "437", "14.00", "437", WOOLWORKS, "5", "{\"needle\":\"2.5 mm\"}" },
  { "Yarn", "yarn", "Sock Yarn", "Footloose", "FL-SOCK-BER", "Berry", "75% wool, 25% nylon", "fingering", "yd", "skein", "437", "14.00", "437", WOOLWORKS, "3", NULL },
  { "Yarn", "yarn", "Alpaca Lace", "Andes Fibres", "AF-LACE-SIL", "Silver", "100% baby alpaca", "lace", "yd", "skein", "875", "16.90", "875", WOOLWORKS, "2", NULL },
  { "Yarn", "yarn", "Cotton 4-ply", "Summer Spin", "SS-C4-WHT", "White", "100% cotton", "fingering", "m", "ball", "170", "3.20", "510", CRAFTSUPPLY, "20", "{\"needle\":\"3 mm\",\"hook\":\"2.5 mm\"}" },
  { "Yarn", "yarn", "Cotton 4-ply", "Summer Spin", "SS-C4-YEL", "Lemon", "100% cotton", "fingering", "m", "ball", "170", "3.20", "340", CRAFTSUPPLY, "14", NULL },
  { "Yarn", "yarn", "Cotton 4-ply", "Summer Spin", "SS-C4-PNK", "Blush", "100% cotton", "fingering", "m", "ball", "170", "3.20", "340", CRAFTSUPPLY, "14", NULL },
  { "Yarn", "yarn", "Cotton 4-ply", "Summer Spin", "SS-C4-BLK", "Black", "100% cotton", "fingering", "m", "ball", "170", "3.20", "340", CRAFTSUPPLY, "9", NULL },
  { "Yarn", "yarn", "Chunky Wool", "Big Stitch", "BS-CH-CRM", "Cream", "100% wool", "super_bulky", "m", "ball", "80", "9.90", "160", WOOLWORKS, "6", "{\"needle\":\"10 mm\"}" },
  { "Yarn", "yarn", "Chunky Wool", "Big Stitch", "BS-CH-GRY", "Slate", "100% wool", "super_bulky", "m", "ball", "80", "9.90", "160", WOOLWORKS, "1", NULL },
  { "Yarn", "yarn", "Mohair Silk", "Cloudline", "CL-MS-ROS", "Rose", "70% mohair, 30% silk", "lace", "m", "ball", "210", "12.50", "210", WOOLWORKS, "4", NULL },
  { "Yarn", "yarn", "Worsted Acrylic", "Everyday", "EV-WA-RED", "Red", "100% acrylic", "worsted", "yd", "skein", "364", "4.99", "728", CRAFTSUPPLY, "10", "{\"machine_washable\":true}" },
  { "Yarn", "yarn", "Worsted Acrylic", "Everyday", "EV-WA-GRN", "Green", "100% acrylic", "worsted", "yd", "skein", "364", "4.99", "728", CRAFTSUPPLY, "8", NULL },
  { "Yarn", "yarn", "Worsted Acrylic", "Everyday", "EV-WA-BRN", "Brown", "100% acrylic", "worsted", "yd", "skein", "364", "4.99", "364", CRAFTSUPPLY, "4", NULL },
  { "Yarn", "yarn", "Hand-dyed Sport", "Kettle & Pot", "KP-SP-OCE", "Ocean (one of a kind)", "100% superwash merino", "sport", "yd", "hank", "328", "22.00", NULL, "Kettle & Pot studio", "3", "{\"dye_lot\":\"KP-2611\"}" },
  { "Fibre", "fibre", "Toy Stuffing", "SoftFill", "SF-POLY-500", NULL, "100% polyester", NULL, "g", "bag", "500", "6.75", "250", CRAFTSUPPLY, "3", NULL },
  { "Fibre", "fibre", "Merino Roving", "Hillside Mill", "HM-ROV-NAT", "Natural", "100% merino", NULL, "g", "braid", "100", "5.80", "200", HILLSIDE, "5", NULL },
  { "Fibre", "fibre", "Wool Felting Fibre", "Hillside Mill", "HM-FELT-MIX", "Mixed colours", "100% wool", NULL, "g", "pack", "50", "4.20", NULL, HILLSIDE, "4", NULL },
  { "Notions", "finding", "Safety Eyes 9 mm", "Amigu", "AM-EYE-9", "Black", NULL, NULL, "pc", "bag", "50", "3.50", "20", CRAFTSUPPLY, "4", NULL },
  { "Notions", "finding", "Safety Eyes 12 mm", "Amigu", "AM-EYE-12", "Brown", NULL, NULL, "pc", "bag", "40", "3.90", "20", CRAFTSUPPLY, "2", NULL },
  { "Notions", "notion", "Wooden Buttons 20 mm", "Timber Trim", "TT-BTN-20", "Natural", NULL, NULL, "pc", "card", "12", "4.80", "24", CRAFTSUPPLY, "6", NULL },
  { "Notions", "notion", "Shell Buttons 15 mm", "Timber Trim", "TT-SHL-15", "Cream", NULL, NULL, "pc", "card", "10", "5.60", "10", CRAFTSUPPLY, "2", NULL },
  { "Notions", "notion", "Faux Fur Pompom", "Pompom Party", "PP-POM-GRY", "Grey", NULL, NULL, "pc", NULL, NULL, "2.40", "10", CRAFTSUPPLY, "25", NULL },
  { "Notions", "notion", "Faux Fur Pompom", "Pompom Party", "PP-POM-WHT", "White", NULL, NULL, "pc", NULL, NULL, "2.40", "10", CRAFTSUPPLY, "8", NULL },
  { "Notions", "notion", "Stitch Markers", "Loop", "LP-MARK-20", "Assorted", NULL, NULL, "pc", "pack", "20", "3.00", NULL, CRAFTSUPPLY, "2", NULL },
  { "Notions", "notion", "Tapestry Needles", "Loop", "LP-TAP-6", NULL, NULL, NULL, "pc", "pack", "6", "2.50", "6", CRAFTSUPPLY, "3", NULL },
  { "Packaging", "packaging", "Woven Labels \"Handmade\"", "LabelLoom", "LL-WOV-HM", "Ivory", NULL, NULL, "pc", "roll", "100", "18.00", "40", "LabelLoom", "2", NULL },
  { "Packaging", "packaging", "Care Cards", "PrintShop", "PS-CARE-A7", NULL, NULL, NULL, "pc", "pack", "250", "12.50", "50", "PrintShop", "1", NULL },
  { "Packaging", "packaging", "Kraft Paper Bags", "BagCo", "BC-KRAFT-M", "Brown", NULL, NULL, "pc", "pack", "100", "9.00", "50", "BagCo", "2", NULL },
  { "Packaging", "packaging", "Tissue Paper", "BagCo", "BC-TISS-WHT", "White", NULL, NULL, "pc", "pack", "48", "4.50", "24", "BagCo", "1", NULL },
  { "Packaging", "packaging", "Swing Tags", "PrintShop", "PS-TAG-50", "Natural", NULL, NULL, "pc", "pack", "50", "3.75", "50", "PrintShop", "2", NULL },
  { "Packaging", "packaging", "Baker's Twine", "BagCo", "BC-TWINE-RW", "Red and white", "Cotton", NULL, "m", "spool", "100", "4.00", "20", "BagCo", "1", NULL },
  { "Tools", "tool", "Circular Needles 4 mm 40 cm", "Loop", "LP-CIRC-4-40", NULL, "Bamboo", NULL, "pc", NULL, NULL, "7.50", NULL, CRAFTSUPPLY, "2", NULL },
  { "Tools", "tool", "Crochet Hook 3.5 mm", "Loop", "LP-HOOK-35", NULL, "Aluminium", NULL, "pc", NULL, NULL, "3.20", NULL, CRAFTSUPPLY, "2", NULL },
  { "Tools", "tool", "Pompom Maker Set", "Loop", "LP-POMMK", NULL, "Plastic", NULL, "pc", NULL, NULL, "6.90", NULL, CRAFTSUPPLY, "1", NULL },
};

/* What the shop makes: components (sub-assemblies) and products, each
 * line "SKU QUANTITY UNIT" of a material or "=COMPONENT QUANTITY pc". */

typedef struct
{
  const char *name;
  const char *sku;
  const char *labour_minutes;
  const char *price;           /* products only */
  const char *lines[6];
} DemoRecipe;

static const DemoRecipe demo_components[] = {
  { "Crocheted bear head", "C-BEAR-HEAD", "40", NULL,
    { "SS-C4-PNK 60 m", "SF-POLY-500 15 g", "AM-EYE-9 2 pc" } },
  { "Crocheted bear body", "C-BEAR-BODY", "60", NULL,
    { "SS-C4-PNK 90 m", "SF-POLY-500 25 g" } },
  { "Gift box", "C-GIFT-BOX", "5", NULL,
    { "BC-TISS-WHT 1 pc", "BC-KRAFT-M 1 pc", "BC-TWINE-RW 0.5 m", "PS-TAG-50 1 pc" } },
};

static const DemoRecipe demo_products[] = {
  { "Merino DK Beanie", "P-BEANIE-NAT", "90", "45.00",
    { "HM-MDK-NAT 200 yd", "LL-WOV-HM 1 pc", "PP-POM-GRY 1 pc", "PS-CARE-A7 1 pc" } },
  { "Chunky Cable Hat", "P-CHUNKY-HAT", "120", "55.00",
    { "BS-CH-CRM 1 ball", "LL-WOV-HM 1 pc", "PP-POM-WHT 1 pc", "PS-CARE-A7 1 pc" } },
  { "Amigurumi Bear", "P-BEAR", "20", "38.00",
    { "=C-BEAR-HEAD 1 pc", "=C-BEAR-BODY 1 pc", "LL-WOV-HM 1 pc" } },
  { "Amigurumi Bear Gift Set", "P-BEAR-GIFT", "25", "48.00",
    { "=C-BEAR-HEAD 1 pc", "=C-BEAR-BODY 1 pc", "=C-GIFT-BOX 1 pc", "LL-WOV-HM 1 pc" } },
  { "Seaside Socks", "P-SOCKS-SEA", "240", "85.00",
    { "FL-SOCK-SEA 400 yd", "PS-CARE-A7 1 pc" } },
  { "Cotton Dishcloth", "P-DISHCLOTH", "30", "8.50",
    { "SS-C4-WHT 0.5 ball" } },
  { "Worsted Ear Warmer", "P-EARWARMER", "45", "22.00",
    { "EV-WA-GRN 120 yd", "LL-WOV-HM 1 pc" } },
  { "Mohair Lace Shawl", "P-SHAWL-ROSE", "360", "120.00",
    { "CL-MS-ROS 2 ball", "AF-LACE-SIL 0.5 skein", "PS-CARE-A7 1 pc" } },
};

/* The next market: products on its sheet, some at a price of their own. */
static const struct
{
  const char *sku;
  const char *price;
} demo_sheet[] = {
  { "P-BEANIE-NAT", NULL },
  { "P-CHUNKY-HAT", NULL },
  { "P-BEAR", "36.00" },
  { "P-DISHCLOTH", "8.00" },
  { "P-EARWARMER", NULL },
  { "P-SHAWL-ROSE", NULL },
};

/* What was made for the season, some weeks ago. */
static const struct
{
  const char *sku;
  const char *count;
} demo_runs[] = {
  { "P-BEANIE-NAT", "8" },
  { "P-CHUNKY-HAT", "4" },
  { "P-BEAR", "6" },
  { "P-BEAR-GIFT", "2" },
  { "P-SOCKS-SEA", "3" },
  { "P-DISHCLOTH", "16" },
  { "P-EARWARMER", "10" },
  { "P-SHAWL-ROSE", "1" },
};

typedef struct
{
  const char *sku;
  const char *count;
  const char *payment;
  const char *discount;  /* NULL for none */
  gboolean    voided;    /* taken back a few minutes later */
} DemoSale;

/* The market days behind the shop, a week apart, the last one on the
 * Saturday before today. Each sheet line is "SKU BROUGHT [PRICE]"; what was
 * not sold goes home at the end of the day. */
typedef struct
{
  const char *name;
  const char *venue;
  int         weeks_ago;
  const char *booth_fee;
  const char *other_costs;
  const char *sheet[8];
  DemoSale    sales[10];
} DemoEvent;

static const DemoEvent demo_events[] = {
  { "Harvest Craft Fair", "Old Corn Exchange", 3, "40.00", "6.00",
    { "P-BEANIE-NAT 4", "P-DISHCLOTH 6", "P-EARWARMER 4", "P-BEAR 2" },
    { { "P-BEANIE-NAT", "1", "card", NULL, FALSE },
      { "P-DISHCLOTH", "2", "cash", NULL, FALSE },
      { "P-EARWARMER", "1", "cash", NULL, FALSE },
      { "P-BEAR", "1", "card", NULL, FALSE },
      { "P-DISHCLOTH", "1", "cash", NULL, FALSE },
      { "P-BEANIE-NAT", "1", "cash", "5.00", FALSE },
      { "P-EARWARMER", "1", "card", NULL, FALSE } } },
  { "Riverside Farmers' Market", "Riverside Park", 2, "20.00", NULL,
    { "P-DISHCLOTH 6 8.00", "P-EARWARMER 4", "P-SOCKS-SEA 2", "P-BEANIE-NAT 2" },
    { { "P-DISHCLOTH", "3", "cash", NULL, FALSE },
      { "P-EARWARMER", "2", "card", NULL, FALSE },
      { "P-SOCKS-SEA", "1", "card", NULL, FALSE },
      { "P-DISHCLOTH", "1", "other", NULL, FALSE },
      { "P-BEANIE-NAT", "1", "cash", NULL, FALSE },
      { "P-EARWARMER", "1", "cash", NULL, FALSE } } },
  { "Makers' Night Market", "The Brewery Yard", 1, "25.00", "3.50",
    { "P-BEANIE-NAT 3", "P-CHUNKY-HAT 3", "P-BEAR 3 36.00", "P-BEAR-GIFT 2", "P-SHAWL-ROSE 1" },
    { { "P-CHUNKY-HAT", "1", "card", NULL, FALSE },
      { "P-BEAR", "1", "cash", NULL, FALSE },
      { "P-BEAR-GIFT", "1", "card", NULL, FALSE },
      { "P-SHAWL-ROSE", "1", "card", NULL, FALSE },
      { "P-BEANIE-NAT", "1", "cash", NULL, FALSE },
      { "P-CHUNKY-HAT", "1", "other", NULL, TRUE },
      { "P-CHUNKY-HAT", "1", "card", NULL, FALSE },
      { "P-BEAR", "1", "card", "3.00", FALSE } } },
  { "Village Craft Fair", "St Anne's Church Hall", 0, "30.00", NULL,
    { "P-BEANIE-NAT 3", "P-CHUNKY-HAT 2", "P-BEAR 2", "P-EARWARMER 4", "P-DISHCLOTH 6", "P-SOCKS-SEA 2",
      "P-BEAR-GIFT 1" },
    { { "P-BEANIE-NAT", "2", "card", NULL, FALSE },
      { "P-CHUNKY-HAT", "1", "cash", NULL, FALSE },
      { "P-BEAR", "1", "cash", NULL, FALSE },
      { "P-EARWARMER", "2", "cash", NULL, FALSE },
      { "P-DISHCLOTH", "2", "card", NULL, FALSE },
      { "P-SOCKS-SEA", "1", "card", NULL, FALSE },
      { "P-BEAR-GIFT", "1", "card", NULL, FALSE },
      { "P-DISHCLOTH", "1", "cash", NULL, FALSE } } },
};

static const char * const demo_settings[][2] = {
  { "labour_rate", "12.00" },
  { "overhead_percent", "10" },
  { "price_ending", ".00" },
};

static gboolean
set_text (MktRecord   *record,
          const char  *field,
          const char  *text,
          const char  *currency,
          GError     **error)
{
  if (text == NULL)
    return TRUE;

  return mkt_record_set_from_text (record, field, text, currency, error);
}

static gboolean
add_purchase (MktSession          *session,
              MktRecord           *material,
              const DemoMaterial  *demo,
              GError             **error)
{
  g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);
  MktQuantity packs, size, quantity;
  MktMoney cost;

  if (!mkt_quantity_parse (demo->bought, &packs, error))
    return FALSE;

  /* Without a pack, "bought" counts stock units and the price is per unit. */
  size = MKT_QUANTITY_SCALE;
  if (demo->pack_size != NULL && !mkt_quantity_parse (demo->pack_size, &size, error))
    return FALSE;
  if (!mkt_quantity_multiply (packs, size, &quantity, error))
    return FALSE;
  if (!mkt_money_scale (mkt_record_get_int (material, "purchase_price"), packs, MKT_QUANTITY_SCALE,
                        &cost, error))
    return FALSE;

  mkt_record_set_string (movement, "material_id", mkt_record_get_id (material));
  mkt_record_set_string (movement, "kind", "purchase");
  mkt_record_set_int (movement, "quantity", quantity);
  mkt_record_set_int (movement, "total_cost", cost);
  mkt_record_set_int (movement, "occurred_at", mkt_session_now (session));
  mkt_record_set_string (movement, "reference", "Opening stock");

  return mkt_session_create (session, movement, error);
}

static gboolean
load (MktSession  *session,
      GError     **error)
{
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *currency = mkt_session_get_currency (session);

  for (guint i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    {
      g_autoptr(MktRecord) category = mkt_record_new (&mkt_category_spec);

      mkt_record_set_string (category, "name", demo_categories[i].name);
      mkt_record_set_string (category, "notes", demo_categories[i].notes);
      if (!mkt_session_create (session, category, error))
        return FALSE;
      g_hash_table_insert (categories, (gpointer)demo_categories[i].name,
                           g_strdup (mkt_record_get_id (category)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_materials); i++)
    {
      const DemoMaterial *demo = &demo_materials[i];
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);

      mkt_record_set_string (material, "category_id", g_hash_table_lookup (categories, demo->category));
      if (!set_text (material, "kind", demo->kind, NULL, error) ||
          !set_text (material, "name", demo->name, NULL, error) ||
          !set_text (material, "brand", demo->brand, NULL, error) ||
          !set_text (material, "sku", demo->sku, NULL, error) ||
          !set_text (material, "colour", demo->colour, NULL, error) ||
          !set_text (material, "fibre_content", demo->fibre, NULL, error) ||
          !set_text (material, "weight_class", demo->weight, NULL, error) ||
          !set_text (material, "unit", demo->unit, NULL, error) ||
          !set_text (material, "purchase_unit", demo->pack, NULL, error) ||
          !set_text (material, "purchase_size", demo->pack_size, NULL, error) ||
          !set_text (material, "purchase_price", demo->price, currency, error) ||
          !set_text (material, "reorder_level", demo->reorder, NULL, error) ||
          !set_text (material, "supplier", demo->supplier, NULL, error) ||
          !set_text (material, "attributes", demo->attributes, NULL, error))
        return FALSE;

      if (!mkt_session_create (session, material, error) ||
          !add_purchase (session, material, demo, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_recipe (MktSession           *session,
            const MktEntitySpec  *spec,
            const DemoRecipe     *demo,
            GError              **error)
{
  g_autoptr(MktRecord) node = mkt_record_new (spec);

  mkt_record_set_string (node, "name", demo->name);
  mkt_record_set_string (node, "sku", demo->sku);
  if (!mkt_session_set_from_text (session, node, "labour_minutes", demo->labour_minutes, error) ||
      (demo->price != NULL && !mkt_session_set_from_text (session, node, "price", demo->price, error)) ||
      !mkt_session_create (session, node, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo->lines) && demo->lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (demo->lines[i], " ", 3);
      g_autoptr(MktRecord) part = mkt_record_new (&mkt_part_spec);
      gboolean is_component = words[0][0] == '=';

      mkt_record_set_string (part, spec == &mkt_product_spec ? "product_id" : "parent_component_id",
                             mkt_record_get_id (node));
      if (!mkt_session_set_from_text (session, part, is_component ? "component" : "material",
                                      words[0] + is_component, error) ||
          !mkt_session_set_from_text (session, part, "quantity", words[1], error) ||
          !mkt_session_set_from_text (session, part, "unit", words[2], error) ||
          !mkt_session_create (session, part, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_recipes (MktSession  *session,
              GError     **error)
{
  g_autoptr(MktRecord) tenant = mkt_session_get (session, &mkt_tenant_spec,
                                                 mkt_session_get_tenant_id (session), error);

  if (tenant == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_settings); i++)
    if (!mkt_settings_set (tenant, demo_settings[i][0], demo_settings[i][1], error))
      return FALSE;
  if (!mkt_session_update (session, tenant, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_components); i++)
    if (!add_recipe (session, &mkt_component_spec, &demo_components[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_products); i++)
    if (!add_recipe (session, &mkt_product_spec, &demo_products[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
load_market (MktSession  *session,
             GError     **error)
{
  g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (mkt_session_now (session) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) next_saturday = NULL;
  g_autofree char *date = NULL;
  int days = (6 - g_date_time_get_day_of_week (now) + 7) % 7;

  next_saturday = g_date_time_add_days (now, days == 0 ? 7 : days);
  date = g_date_time_format (next_saturday, "%Y-%m-%d");

  mkt_record_set_string (event, "name", "Winter Makers Market");
  mkt_record_set_string (event, "venue", "Town Hall, Market Square");
  if (!mkt_session_set_from_text (session, event, "starts_on", date, error) ||
      !mkt_session_set_from_text (session, event, "booth_fee", "35.00", error) ||
      !mkt_session_set_from_text (session, event, "other_costs", "4.50", error) ||
      !mkt_session_create (session, event, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_sheet); i++)
    {
      g_autofree char *product_id = mkt_session_resolve (session, &mkt_product_spec, demo_sheet[i].sku,
                                                         MKT_DELETED_EXCLUDE, error);
      g_autoptr(MktRecord) line = NULL;
      MktMoney price = 0;

      if (product_id == NULL ||
          (demo_sheet[i].price != NULL &&
           !mkt_money_parse (demo_sheet[i].price, mkt_session_get_currency (session), &price, error)))
        return FALSE;

      line = mkt_market_add_product (session, mkt_record_get_id (event), product_id,
                                     demo_sheet[i].price != NULL, price, error);
      if (line == NULL)
        return FALSE;
    }

  return TRUE;
}

/* The past is written with the session's clock set back to it, so every
 * row, movement and audit entry carries the time it happened. */
typedef struct
{
  gint64 ms;
} DemoClock;

static gint64
demo_clock_now (gpointer user_data)
{
  DemoClock *clock = user_data;

  return clock->ms;
}

#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)
#define DAY_MS (24 * 60 * MINUTE_MS)

static char *
resolve_product (MktSession  *session,
                 const char  *sku,
                 GError     **error)
{
  return mkt_session_resolve (session, &mkt_product_spec, sku, MKT_DELETED_EXCLUDE, error);
}

static gboolean
make_products (MktSession  *session,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_runs); i++)
    {
      g_autofree char *product_id = resolve_product (session, demo_runs[i].sku, error);
      g_autoptr(MktRecord) run = NULL;
      MktQuantity count;

      if (product_id == NULL || !mkt_quantity_parse (demo_runs[i].count, &count, error))
        return FALSE;

      /* Never forced: the opening stock is enough, or the demo is wrong. */
      run = mkt_production_make (session, product_id, count, FALSE, NULL, error);
      if (run == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_money (MktSession  *session,
           MktRecord   *record,
           const char  *field,
           const char  *text,
           GError     **error)
{
  return text == NULL || mkt_session_set_from_text (session, record, field, text, error);
}

static gboolean
load_past_event (MktSession       *session,
                 const DemoEvent  *demo,
                 GDateTime        *day,
                 DemoClock        *clock,
                 GError          **error)
{
  g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  const char *currency = mkt_session_get_currency (session);
  const char *event_id;
  gint64 morning = g_date_time_to_unix (day) * 1000 + 9 * 60 * MINUTE_MS;

  /* Planned a fortnight before. */
  clock->ms = morning - 14 * DAY_MS;
  mkt_record_set_string (event, "name", demo->name);
  mkt_record_set_string (event, "venue", demo->venue);
  if (!mkt_session_set_from_text (session, event, "starts_on", date, error) ||
      !set_money (session, event, "booth_fee", demo->booth_fee, error) ||
      !set_money (session, event, "other_costs", demo->other_costs, error) ||
      !mkt_session_create (session, event, error))
    return FALSE;
  event_id = mkt_record_get_id (event);

  /* Packed and taken to the stall in the morning. */
  clock->ms = morning;
  for (guint i = 0; i < G_N_ELEMENTS (demo->sheet) && demo->sheet[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (demo->sheet[i], " ", 3);
      g_autofree char *product_id = resolve_product (session, words[0], error);
      MktQuantity brought;
      MktMoney price = 0;

      if (product_id == NULL ||
          !mkt_quantity_parse (words[1], &brought, error) ||
          (words[2] != NULL && !mkt_money_parse (words[2], currency, &price, error)))
        return FALSE;

      if (words[2] != NULL)
        {
          g_autoptr(MktRecord) line = mkt_market_add_product (session, event_id, product_id, TRUE, price, error);

          if (line == NULL)
            return FALSE;
        }

      if (!mkt_market_bring (session, event_id, product_id, brought, error))
        return FALSE;
    }

  /* The stall opens at ten; a sale every 35 minutes or so. */
  for (guint i = 0; i < G_N_ELEMENTS (demo->sales) && demo->sales[i].sku != NULL; i++)
    {
      const DemoSale *sale = &demo->sales[i];
      g_autofree char *product_id = resolve_product (session, sale->sku, error);
      g_autoptr(MktRecord) row = NULL;
      MktQuantity count;
      MktMoney discount = 0;

      clock->ms = morning + 60 * MINUTE_MS + i * 35 * MINUTE_MS;
      if (product_id == NULL ||
          !mkt_quantity_parse (sale->count, &count, error) ||
          (sale->discount != NULL && !mkt_money_parse (sale->discount, currency, &discount, error)))
        return FALSE;

      row = mkt_market_sell (session, event_id, product_id, count, FALSE, 0, discount, sale->payment, error);
      if (row == NULL)
        return FALSE;

      if (sale->voided)
        {
          g_autoptr(MktRecord) void_row = NULL;

          clock->ms += 4 * MINUTE_MS;
          void_row = mkt_market_void (session, mkt_record_get_id (row), error);
          if (void_row == NULL)
            return FALSE;
        }
    }

  /* What is left goes home at half past four. */
  clock->ms = morning + 7 * 60 * MINUTE_MS + 30 * MINUTE_MS;
  lines = mkt_market_lines (session, event_id, error);
  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (line->on_hand > 0 &&
          !mkt_market_return (session, event_id, mkt_record_get_id (line->product), line->on_hand, error))
        return FALSE;
    }

  return TRUE;
}

/* Opening stock five weeks before the last market, a season's making the
 * week after, then a market every Saturday up to the last one. */
static gboolean
load_history (MktSession  *session,
              gint64       now_us,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) last_saturday = NULL;
  DemoClock clock = { 0 };
  MktClockFunc saved_func = session->now_func;
  gpointer saved_data = session->now_data;
  int days_back = (g_date_time_get_day_of_week (now) - 6 + 7) % 7;
  gboolean ok = TRUE;

  today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
  last_saturday = g_date_time_add_days (today, days_back == 0 ? -7 : -days_back);

  mkt_session_set_clock (session, demo_clock_now, &clock);

  clock.ms = g_date_time_to_unix (last_saturday) * 1000 - 35 * DAY_MS + 10 * 60 * MINUTE_MS;
  ok = load (session, error) && load_recipes (session, error);

  clock.ms += 7 * DAY_MS;
  ok = ok && make_products (session, error);

  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_events); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_weeks (last_saturday, -demo_events[i].weeks_ago);

      ok = load_past_event (session, &demo_events[i], day, &clock, error);
    }

  mkt_session_set_clock (session, saved_func, saved_data);
  return ok;
}

/**
 * mkt_demo_load:
 * @session: a session on an empty business
 * @out_loaded: (out) (optional): whether the demo was loaded now
 * @error: return location for an error
 *
 * Fills an empty business with a demo yarn shop: categories, about forty
 * materials and their opening stock, components and products with their
 * recipes, a labour rate and overhead, a season's production runs, the four
 * Saturday markets before today with their sheets, stock brought and taken
 * home, and sales (cash, card and other, one of them voided), and next
 * Saturday's market with its sheet, in one transaction. Everything but the
 * dates, which follow today, is the same every time. A business that
 * already has materials is left alone.
 */
gboolean
mkt_demo_load (MktSession  *session,
               gboolean    *out_loaded,
               GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  if (out_loaded != NULL)
    *out_loaded = FALSE;

  mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
  mkt_query_set_limit (query, 1);
  existing = mkt_session_list (session, &mkt_material_spec, query, NULL, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    return TRUE;

  if (!mkt_session_begin (session, error))
    return FALSE;

  if (!load_history (session, mkt_session_now (session), error) || !load_market (session, error))
    {
      mkt_session_rollback (session);
      return FALSE;
    }
  if (!mkt_session_commit (session, error))
    return FALSE;

  if (out_loaded != NULL)
    *out_loaded = TRUE;

  return TRUE;
}
