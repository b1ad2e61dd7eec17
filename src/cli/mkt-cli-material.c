/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

static const MktCliEntity material_entity = {
  .spec = &mkt_material_spec,
  .add_summary = "Add a material, e.g. name=\"Merino DK\" kind=yarn unit=yd "
                 "purchase_unit=skein purchase_size=246 purchase_price=8.50",
  .add_needs = "name, kind and unit",
  .list_summary = "List the materials with their stock on hand.",
  .list_line = "List materials with their stock on hand",
  .search_help = "Only materials whose name, brand, sku, colour, fibre or supplier contains TEXT",
  .print_list = mkt_cli_print_inventory,
};

int
mkt_cli_material (MktCli  *cli,
                  int      argc,
                  char   **argv)
{
  return mkt_cli_entity_run (cli, &material_entity, argc, argv);
}
