/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-schema"

#include "config.h"

#include "mkt-error.h"
#include "mkt-quantity.h"
#include "mkt-record.h"
#include "mkt-rules-private.h"
#include "mkt-schema.h"
#include "mkt-unit.h"

#define REQ   MKT_FIELD_REQUIRED
#define SRCH  MKT_FIELD_SEARCHABLE
#define IDX   MKT_FIELD_INDEXED
#define UNIQ  MKT_FIELD_UNIQUE
#define IMMUT MKT_FIELD_IMMUTABLE
#define OWNER MKT_FIELD_OWNER
#define NNEG  MKT_FIELD_NON_NEGATIVE
#define POS   MKT_FIELD_POSITIVE

#define TEXT(n, f, len)  { .name = n, .type = MKT_FIELD_TEXT, .flags = f, .since = 1, .max_length = len }
#define FIELD(n, t, f)   { .name = n, .type = t, .flags = f, .since = 1 }
#define CHOICE(n, f, c)  { .name = n, .type = MKT_FIELD_ENUM, .flags = f, .since = 1, .choices = c }
#define REF(n, f, e)     { .name = n, .type = MKT_FIELD_REF, .flags = f, .since = 1, .ref = e }
#define NOTES(n)         { .name = n, .type = MKT_FIELD_LONG_TEXT, .since = 1, .max_length = 10000 }

/* The same, for what schema version 2 added. */
#define TEXT2(n, f, len) { .name = n, .type = MKT_FIELD_TEXT, .flags = f, .since = 2, .max_length = len }
#define FIELD2(n, t, f)  { .name = n, .type = t, .flags = f, .since = 2 }
#define CHOICE2(n, f, c) { .name = n, .type = MKT_FIELD_ENUM, .flags = f, .since = 2, .choices = c }
#define REF2(n, f, e)    { .name = n, .type = MKT_FIELD_REF, .flags = f, .since = 2, .ref = e }
#define NOTES2(n)        { .name = n, .type = MKT_FIELD_LONG_TEXT, .since = 2, .max_length = 10000 }

/* And for schema version 3. */
#define TEXT3(n, f, len) { .name = n, .type = MKT_FIELD_TEXT, .flags = f, .since = 3, .max_length = len }
#define FIELD3(n, t, f)  { .name = n, .type = t, .flags = f, .since = 3 }
#define CHOICE3(n, f, c) { .name = n, .type = MKT_FIELD_ENUM, .flags = f, .since = 3, .choices = c }
#define REF3(n, f, e)    { .name = n, .type = MKT_FIELD_REF, .flags = f, .since = 3, .ref = e }
#define NOTES3(n)        { .name = n, .type = MKT_FIELD_LONG_TEXT, .since = 3, .max_length = 10000 }

/* tenant ------------------------------------------------------------------ */

static const MktFieldSpec tenant_fields[] = {
  TEXT ("name", REQ | SRCH | IDX, 200),
  FIELD ("currency", MKT_FIELD_CURRENCY, REQ),
  FIELD ("settings", MKT_FIELD_JSON, 0),
};

const MktEntitySpec mkt_tenant_spec = {
  .name = "tenant", .table = "tenant", .kind = MKT_ENTITY_MUTABLE, .since = 1,
  .fields = tenant_fields, .n_fields = G_N_ELEMENTS (tenant_fields),
  .title_field = "name",
  .validate = mkt_tenant_validate,
  .check = mkt_tenant_check,
};

/* user -------------------------------------------------------------------- */

static const char * const user_roles[] = { "admin", "manager", "crafter", "viewer", NULL };

static const MktFieldSpec user_fields[] = {
  TEXT ("name", REQ | SRCH | IDX, 200),
  { .name = "email", .type = MKT_FIELD_EMAIL, .flags = SRCH | UNIQ, .since = 1, .max_length = 254 },
  CHOICE ("role", REQ, user_roles),
};

/* "user" is reserved in PostgreSQL, hence the table's name. */
const MktEntitySpec mkt_user_spec = {
  .name = "user", .table = "app_user", .kind = MKT_ENTITY_MUTABLE, .since = 1,
  .fields = user_fields, .n_fields = G_N_ELEMENTS (user_fields),
  .title_field = "name",
};

/* category ---------------------------------------------------------------- */

static const MktFieldSpec category_fields[] = {
  TEXT ("name", REQ | SRCH | IDX | UNIQ, 100),
  NOTES ("notes"),
};

const MktEntitySpec mkt_category_spec = {
  .name = "category", .table = "category", .kind = MKT_ENTITY_MUTABLE, .since = 1,
  .fields = category_fields, .n_fields = G_N_ELEMENTS (category_fields),
  .title_field = "name",
};

/* material ---------------------------------------------------------------- */

static const char * const material_kinds[] = {
  "yarn", "fabric", "fibre", "bead", "finding", "notion", "packaging", "tool", "other", NULL
};

/* The Craft Yarn Council's standard weights, 0 (lace) to 7 (jumbo). */
static const char * const yarn_weights[] = {
  "lace", "fingering", "sport", "dk", "worsted", "aran", "bulky", "super_bulky", "jumbo", NULL
};

static gboolean
validate_material (MktRecord  *record,
                   GError    **error)
{
  const char *pack = mkt_record_get_string (record, "purchase_unit");
  gboolean has_size = mkt_record_has (record, "purchase_size");

  /* A pack named like a real unit would make "3 m" ambiguous. */
  if (pack != NULL && mkt_unit_lookup (pack) != NULL)
    {
      mkt_set_validation_error (error, "purchase_unit", MKT_VALIDATION_ERROR_INVALID,
                                "“%s” is a unit of its own; name the pack (skein, ball, spool…) "
                                "and give its size in purchase_size", pack);
      return FALSE;
    }

  if (pack != NULL && !has_size)
    {
      mkt_set_validation_error (error, "purchase_size", MKT_VALIDATION_ERROR_REQUIRED,
                                "is required when purchase_unit is set (how many %s in one %s)",
                                mkt_record_get_string (record, "unit"), pack);
      return FALSE;
    }

  if (mkt_record_has (record, "weight_class") &&
      g_strcmp0 (mkt_record_get_string (record, "kind"), "yarn") != 0)
    {
      mkt_set_validation_error (error, "weight_class", MKT_VALIDATION_ERROR_INVALID,
                                "only yarn has a weight class");
      return FALSE;
    }

  return TRUE;
}

static const MktFieldSpec material_fields[] = {
  CHOICE ("kind", REQ | IDX, material_kinds),
  TEXT ("name", REQ | SRCH | IDX, 200),
  TEXT ("brand", SRCH, 200),
  TEXT ("sku", SRCH | UNIQ, 64),
  TEXT ("colour", SRCH, 100),
  TEXT ("fibre_content", SRCH, 200),
  CHOICE ("weight_class", 0, yarn_weights),
  FIELD ("unit", MKT_FIELD_UNIT, REQ),
  TEXT ("purchase_unit", 0, 32),
  FIELD ("purchase_size", MKT_FIELD_QUANTITY, POS),
  FIELD ("purchase_price", MKT_FIELD_MONEY, NNEG),
  FIELD ("reorder_level", MKT_FIELD_QUANTITY, NNEG),
  TEXT ("supplier", SRCH, 200),
  NOTES ("notes"),
  FIELD ("attributes", MKT_FIELD_JSON, 0),
  REF ("category_id", IDX, "category"),
};

const MktEntitySpec mkt_material_spec = {
  .name = "material", .table = "material", .kind = MKT_ENTITY_MUTABLE, .since = 1,
  .fields = material_fields, .n_fields = G_N_ELEMENTS (material_fields),
  .title_field = "name",
  .detail_field = "colour",
  .validate = validate_material,
  .check = mkt_material_check,
  .after_write = mkt_material_after_write,
};

/* stock_movement ---------------------------------------------------------- */

static const char * const movement_kinds[] = {
  "purchase", "production_use", "production_output", "sale", "adjustment", "count",
  "transfer_out", "transfer_in", NULL
};

/* In either ledger, stock that changes without a purchase, a sale or a
 * production run says why. */
static gboolean
validate_adjustment (MktRecord  *record,
                     GError    **error)
{
  if (g_str_equal (mkt_record_get_string (record, "kind"), "adjustment") && !mkt_record_has (record, "reason"))
    {
      mkt_set_validation_error (error, "reason", MKT_VALIDATION_ERROR_REQUIRED,
                                "an adjustment needs a reason");
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_stock_movement (MktRecord  *record,
                         GError    **error)
{
  const char *kind = mkt_record_get_string (record, "kind");
  MktQuantity quantity = mkt_record_get_int (record, "quantity");

  if (g_str_equal (kind, "purchase") && quantity <= 0)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "a purchase must add stock (more than 0)");
      return FALSE;
    }

  return validate_adjustment (record, error);
}

static const MktFieldSpec stock_movement_fields[] = {
  REF ("material_id", REQ | IDX | OWNER | IMMUT, "material"),
  CHOICE ("kind", REQ | IMMUT, movement_kinds),
  FIELD ("quantity", MKT_FIELD_QUANTITY, REQ | IMMUT),
  /* The cost of the whole movement, not per unit: a skein of 246 yd at 8.50
   * costs 3.455… cents a yard, which no minor unit holds. The unit cost is
   * derived exactly as total_cost / quantity wherever it is needed. */
  FIELD ("total_cost", MKT_FIELD_MONEY, NNEG | IMMUT),
  FIELD ("occurred_at", MKT_FIELD_TIMESTAMP, REQ | IDX | IMMUT),
  TEXT ("reference", SRCH | IMMUT, 200),
  TEXT ("reason", IMMUT, 500),
  /* Added to an existing table: SQLite cannot add its foreign key, so the
   * session's reference check is its only guard there. */
  REF2 ("production_run_id", IMMUT, "production_run"),
};

const MktEntitySpec mkt_stock_movement_spec = {
  .label = "stock movement",
  .name = "stock_movement", .table = "stock_movement", .kind = MKT_ENTITY_LEDGER, .since = 1,
  .fields = stock_movement_fields, .n_fields = G_N_ELEMENTS (stock_movement_fields),
  .validate = validate_stock_movement,
  .after_write = mkt_stock_movement_after_write,
};

/* component ----------------------------------------------------------------- */

static const MktFieldSpec component_fields[] = {
  TEXT2 ("name", REQ | SRCH | IDX, 200),
  TEXT2 ("sku", SRCH | UNIQ, 64),
  /* Minutes of work for one, fractions allowed (1.5). */
  FIELD2 ("labour_minutes", MKT_FIELD_QUANTITY, NNEG),
  NOTES2 ("notes"),
  FIELD2 ("attributes", MKT_FIELD_JSON, 0),
};

const MktEntitySpec mkt_component_spec = {
  .name = "component", .table = "component", .kind = MKT_ENTITY_MUTABLE, .since = 2,
  .fields = component_fields, .n_fields = G_N_ELEMENTS (component_fields),
  .title_field = "name",
  .after_write = mkt_component_after_write,
};

/* product ------------------------------------------------------------------- */

static const MktFieldSpec product_fields[] = {
  TEXT2 ("name", REQ | SRCH | IDX, 200),
  TEXT2 ("sku", SRCH | UNIQ, 64),
  REF2 ("category_id", IDX, "category"),
  FIELD2 ("labour_minutes", MKT_FIELD_QUANTITY, NNEG),
  /* What the crafter charges; suggested prices are computed, not stored. */
  FIELD2 ("price", MKT_FIELD_MONEY, NNEG),
  TEXT2 ("photo", 0, 1000),
  NOTES2 ("notes"),
  FIELD2 ("attributes", MKT_FIELD_JSON, 0),
};

const MktEntitySpec mkt_product_spec = {
  .name = "product", .table = "product", .kind = MKT_ENTITY_MUTABLE, .since = 2,
  .fields = product_fields, .n_fields = G_N_ELEMENTS (product_fields),
  .title_field = "name",
  .after_write = mkt_product_after_write,
};

/* part: one line of a recipe ------------------------------------------------ */

static const MktFieldSpec part_fields[] = {
  /* The recipe it belongs to: a product's or a component's. */
  REF2 ("product_id", IDX | OWNER | IMMUT, "product"),
  REF2 ("parent_component_id", IDX | OWNER | IMMUT, "component"),
  /* What goes in: a material or a component. */
  REF2 ("material_id", IDX | IMMUT, "material"),
  REF2 ("component_id", IDX | IMMUT, "component"),
  FIELD2 ("quantity", MKT_FIELD_QUANTITY, REQ | POS),
  /* A unit, or the material's pack ("skein"). */
  TEXT2 ("unit", REQ, 32),
  NOTES2 ("notes"),
};

const MktEntitySpec mkt_part_spec = {
  .label = "recipe line",
  .name = "part", .table = "part", .kind = MKT_ENTITY_MUTABLE, .since = 2,
  .fields = part_fields, .n_fields = G_N_ELEMENTS (part_fields),
  .validate = mkt_part_validate,
  .check = mkt_part_check,
  .after_write = mkt_part_after_write,
};

/* production_run ------------------------------------------------------------ */

static const MktFieldSpec production_run_fields[] = {
  REF2 ("product_id", REQ | IDX | OWNER | IMMUT, "product"),
  FIELD2 ("quantity", MKT_FIELD_QUANTITY, REQ | POS | IMMUT),
  /* What the run cost, for all its items, as it was computed then: later
   * changes of recipes or prices do not rewrite it. */
  FIELD2 ("material_cost", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  FIELD2 ("labour_cost", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  FIELD2 ("overhead_cost", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  FIELD2 ("total_cost", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  FIELD2 ("unit_cost", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  FIELD2 ("forced", MKT_FIELD_BOOL, IMMUT),
  FIELD2 ("occurred_at", MKT_FIELD_TIMESTAMP, REQ | IDX | IMMUT),
  TEXT2 ("notes", IMMUT, 500),
};

const MktEntitySpec mkt_production_run_spec = {
  .label = "production run",
  .name = "production_run", .table = "production_run", .kind = MKT_ENTITY_LEDGER, .since = 2,
  .fields = production_run_fields, .n_fields = G_N_ELEMENTS (production_run_fields),
};

/* product_movement: the ledger of finished items --------------------------- */

static const char * const product_movement_kinds[] = {
  "production_output", "sale", "adjustment", "count", "transfer_out", "transfer_in", NULL
};

static const MktFieldSpec product_movement_fields[] = {
  REF2 ("product_id", REQ | IDX | OWNER | IMMUT, "product"),
  CHOICE2 ("kind", REQ | IMMUT, product_movement_kinds),
  FIELD2 ("quantity", MKT_FIELD_QUANTITY, REQ | IMMUT),
  FIELD2 ("total_cost", MKT_FIELD_MONEY, NNEG | IMMUT),
  FIELD2 ("occurred_at", MKT_FIELD_TIMESTAMP, REQ | IDX | IMMUT),
  TEXT2 ("reference", SRCH | IMMUT, 200),
  TEXT2 ("reason", IMMUT, 500),
  REF2 ("production_run_id", IMMUT, "production_run"),
  /* Where the items are: at home (empty) or at a market event. Added to an
   * existing table: no foreign key in SQLite, the session checks it. */
  REF3 ("market_event_id", IDX | IMMUT, "market_event"),
  REF3 ("sale_id", IMMUT, "sale"),
};

const MktEntitySpec mkt_product_movement_spec = {
  .label = "product movement",
  .name = "product_movement", .table = "product_movement", .kind = MKT_ENTITY_LEDGER, .since = 2,
  .fields = product_movement_fields, .n_fields = G_N_ELEMENTS (product_movement_fields),
  .validate = validate_adjustment,
};

/* cost: the cached cost of one product or component ------------------------- */

static const MktFieldSpec cost_fields[] = {
  /* Which row the cost is of; the cache row's id is that row's id. */
  REF2 ("product_id", OWNER, "product"),
  REF2 ("component_id", OWNER, "component"),
  /* Millionths of a minor unit, for one item: rounding happens once, on
   * what is shown or charged. */
  FIELD2 ("material_cost", MKT_FIELD_INT, 0),
  FIELD2 ("labour_minutes", MKT_FIELD_QUANTITY, 0),
  FIELD2 ("labour_cost", MKT_FIELD_INT, 0),
  FIELD2 ("overhead_cost", MKT_FIELD_INT, 0),
  FIELD2 ("total_cost", MKT_FIELD_INT, 0),
  /* Materials in the tree that have no price yet. */
  FIELD2 ("unpriced", MKT_FIELD_INT, 0),
};

const MktEntitySpec mkt_cost_spec = {
  .name = "cost", .table = "cost", .kind = MKT_ENTITY_CACHE, .since = 2,
  .fields = cost_fields, .n_fields = G_N_ELEMENTS (cost_fields),
};

/* audit ------------------------------------------------------------------- */

/* "cost": a product's computed cost changed (with the change that caused it). */
static const char * const audit_actions[] = {
  "create", "update", "delete", "restore", "purge", "cost", NULL
};

static const MktFieldSpec audit_fields[] = {
  FIELD ("user_id", MKT_FIELD_UUID, 0),
  TEXT ("session_id", 0, 64),
  CHOICE ("action", REQ, audit_actions),
  TEXT ("entity", REQ, 64),
  FIELD ("entity_id", MKT_FIELD_UUID, REQ | IDX),
  FIELD ("old_values", MKT_FIELD_JSON, 0),
  FIELD ("new_values", MKT_FIELD_JSON, 0),
};

const MktEntitySpec mkt_audit_spec = {
  .name = "audit", .table = "audit_log", .kind = MKT_ENTITY_LOG, .since = 1,
  .fields = audit_fields, .n_fields = G_N_ELEMENTS (audit_fields),
};

/* change (the sync outbox) ------------------------------------------------ */

static const char * const change_ops[] = {
  "create", "update", "delete", "restore", "purge", NULL
};

static const MktFieldSpec change_fields[] = {
  TEXT ("entity", REQ, 64),
  FIELD ("row_id", MKT_FIELD_UUID, REQ),
  CHOICE ("op", REQ, change_ops),
  FIELD ("fields", MKT_FIELD_JSON, 0),
  TEXT ("hlc", REQ | IDX, 32),
  FIELD ("device_id", MKT_FIELD_UUID, REQ),
  FIELD ("user_id", MKT_FIELD_UUID, 0),
};

const MktEntitySpec mkt_change_spec = {
  .name = "change", .table = "change", .kind = MKT_ENTITY_LOG, .since = 1,
  .fields = change_fields, .n_fields = G_N_ELEMENTS (change_fields),
};

/* The order matters to migrations (referenced entities first) and to purge,
 * which walks it backwards so that referencing rows go first. */
/* market_event ---------------------------------------------------------------- */

static gboolean
validate_market_event (MktRecord  *record,
                       GError    **error)
{
  if (mkt_record_has (record, "ends_on") &&
      mkt_record_get_int (record, "ends_on") < mkt_record_get_int (record, "starts_on"))
    {
      mkt_set_validation_error (error, "ends_on", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "must not be before starts_on");
      return FALSE;
    }

  return TRUE;
}

static const MktFieldSpec market_event_fields[] = {
  TEXT3 ("name", REQ | SRCH | IDX, 200),
  FIELD3 ("starts_on", MKT_FIELD_TIMESTAMP, REQ | IDX),
  FIELD3 ("ends_on", MKT_FIELD_TIMESTAMP, 0),
  TEXT3 ("venue", SRCH, 200),
  FIELD3 ("booth_fee", MKT_FIELD_MONEY, NNEG),
  FIELD3 ("other_costs", MKT_FIELD_MONEY, NNEG),
  NOTES3 ("notes"),
};

const MktEntitySpec mkt_market_event_spec = {
  .label = "market event",
  .name = "market_event", .table = "market_event", .kind = MKT_ENTITY_MUTABLE, .since = 3,
  .fields = market_event_fields, .n_fields = G_N_ELEMENTS (market_event_fields),
  .title_field = "name",
  .validate = validate_market_event,
};

/* market_line: a product on an event's sheet ------------------------------ */

static const MktFieldSpec market_line_fields[] = {
  REF3 ("market_event_id", REQ | IDX | OWNER | IMMUT, "market_event"),
  REF3 ("product_id", REQ | IDX | IMMUT, "product"),
  /* The price at this event; the product's when empty. */
  FIELD3 ("price", MKT_FIELD_MONEY, NNEG),
  NOTES3 ("notes"),
};

const MktEntitySpec mkt_market_line_spec = {
  .label = "sheet line",
  .name = "market_line", .table = "market_line", .kind = MKT_ENTITY_MUTABLE, .since = 3,
  .fields = market_line_fields, .n_fields = G_N_ELEMENTS (market_line_fields),
  .check = mkt_market_line_check,
};

/* sale: append-only; a void is a sale of the opposite quantity ------------- */

static const char * const payment_methods[] = { "cash", "card", "other", NULL };

static gboolean
validate_sale (MktRecord  *record,
               GError    **error)
{
  MktQuantity quantity = mkt_record_get_int (record, "quantity");
  gboolean is_void = mkt_record_has (record, "voids_sale_id");

  if (quantity == 0 || (quantity < 0) != is_void)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                is_void ? "a void takes back what its sale sold (less than 0)"
                                        : "must be more than 0");
      return FALSE;
    }

  return TRUE;
}

static const MktFieldSpec sale_fields[] = {
  REF3 ("market_event_id", IDX | OWNER | IMMUT, "market_event"),
  REF3 ("product_id", REQ | IDX | IMMUT, "product"),
  FIELD3 ("quantity", MKT_FIELD_QUANTITY, REQ | IMMUT),
  FIELD3 ("unit_price", MKT_FIELD_MONEY, REQ | NNEG | IMMUT),
  /* Off the whole line, in minor units; negative on a void. */
  FIELD3 ("discount", MKT_FIELD_MONEY, IMMUT),
  CHOICE3 ("payment_method", REQ | IMMUT, payment_methods),
  FIELD3 ("occurred_at", MKT_FIELD_TIMESTAMP, REQ | IDX | IMMUT),
  /* What one item cost to make, when it was sold: the cost of goods. */
  FIELD3 ("unit_cost", MKT_FIELD_MONEY, NNEG | IMMUT),
  REF3 ("voids_sale_id", IDX | IMMUT, "sale"),
  FIELD3 ("device_id", MKT_FIELD_UUID, IMMUT),
};

const MktEntitySpec mkt_sale_spec = {
  .name = "sale", .table = "sale", .kind = MKT_ENTITY_LEDGER, .since = 3,
  .fields = sale_fields, .n_fields = G_N_ELEMENTS (sale_fields),
  .validate = validate_sale,
};

static const MktEntitySpec * const all_entities[] = {
  &mkt_tenant_spec,
  &mkt_user_spec,
  &mkt_category_spec,
  &mkt_material_spec,
  &mkt_component_spec,
  &mkt_product_spec,
  &mkt_part_spec,
  &mkt_production_run_spec,
  &mkt_market_event_spec,
  &mkt_market_line_spec,
  &mkt_sale_spec,
  &mkt_stock_movement_spec,
  &mkt_product_movement_spec,
  &mkt_cost_spec,
  &mkt_audit_spec,
  &mkt_change_spec,
};

/**
 * mkt_schema_list:
 * @n_entities: (out): the number of entities
 *
 * Returns: (transfer none) (array length=n_entities): every entity, referenced
 *   entities before those that reference them
 */
const MktEntitySpec * const *
mkt_schema_list (guint *n_entities)
{
  g_return_val_if_fail (n_entities != NULL, NULL);

  *n_entities = G_N_ELEMENTS (all_entities);
  return all_entities;
}

/**
 * mkt_schema_lookup:
 * @name: an entity name ("material")
 *
 * Returns: (transfer none) (nullable): the entity, or %NULL if unknown
 */
const MktEntitySpec *
mkt_schema_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_entities); i++)
    if (g_str_equal (all_entities[i]->name, name))
      return all_entities[i];

  return NULL;
}

int
mkt_entity_spec_field_index (const MktEntitySpec *spec,
                             const char          *field)
{
  g_return_val_if_fail (spec != NULL, -1);
  g_return_val_if_fail (field != NULL, -1);

  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].name, field))
      return i;

  return -1;
}

/**
 * mkt_entity_spec_field:
 * @spec: an entity
 * @field: a field name
 *
 * Returns: (transfer none) (nullable): the field, or %NULL if @spec has none
 *   of that name
 */
const MktFieldSpec *
mkt_entity_spec_field (const MktEntitySpec *spec,
                       const char          *field)
{
  int index = mkt_entity_spec_field_index (spec, field);

  return index < 0 ? NULL : &spec->fields[index];
}

/**
 * mkt_entity_spec_get_label:
 * @spec: an entity
 *
 * Returns: what people call a row of it, for messages ("market event")
 */
const char *
mkt_entity_spec_get_label (const MktEntitySpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return spec->label != NULL ? spec->label : spec->name;
}

gboolean
mkt_entity_spec_has_hlc (const MktEntitySpec *spec)
{
  return spec->kind == MKT_ENTITY_MUTABLE || spec->kind == MKT_ENTITY_LEDGER;
}

const char *
mkt_field_type_to_string (MktFieldType type)
{
  static const char * const names[] = {
    [MKT_FIELD_TEXT] = "text",
    [MKT_FIELD_LONG_TEXT] = "long text",
    [MKT_FIELD_INT] = "whole number",
    [MKT_FIELD_BOOL] = "true or false",
    [MKT_FIELD_MONEY] = "amount of money",
    [MKT_FIELD_QUANTITY] = "quantity",
    [MKT_FIELD_TIMESTAMP] = "date and time",
    [MKT_FIELD_ENUM] = "choice",
    [MKT_FIELD_JSON] = "JSON object",
    [MKT_FIELD_REF] = "reference",
    [MKT_FIELD_UUID] = "UUID",
    [MKT_FIELD_UNIT] = "unit",
    [MKT_FIELD_CURRENCY] = "currency code",
    [MKT_FIELD_EMAIL] = "e-mail address",
  };

  g_return_val_if_fail (type < G_N_ELEMENTS (names), NULL);

  return names[type];
}

/**
 * mkt_field_type_is_integer:
 * @type: a field type
 *
 * Returns: whether values of @type are stored as a 64-bit integer
 */
gboolean
mkt_field_type_is_integer (MktFieldType type)
{
  switch (type)
    {
    case MKT_FIELD_INT:
    case MKT_FIELD_BOOL:
    case MKT_FIELD_MONEY:
    case MKT_FIELD_QUANTITY:
    case MKT_FIELD_TIMESTAMP:
      return TRUE;

    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
    case MKT_FIELD_ENUM:
    case MKT_FIELD_JSON:
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
    case MKT_FIELD_UNIT:
    case MKT_FIELD_CURRENCY:
    case MKT_FIELD_EMAIL:
    default:
      return FALSE;
    }
}
