/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* CSV import and export: the reader and writer, column mappings, the
 * importer and the exports. */

#include "mkt-csv-export.h"
#include "mkt-csv-importer.h"
#include "mkt-csv-mapping.h"
#include "mkt-csv-reader.h"
#include "mkt-csv-transform.h"
#include "mkt-csv-writer.h"
