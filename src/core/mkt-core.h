/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-demo.h"
#include "mkt-error.h"
#include "mkt-hlc.h"
#include "mkt-local.h"
#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-query.h"
#include "mkt-record.h"
#include "mkt-schema.h"
#include "mkt-session.h"
#include "mkt-sqlite-store.h"
#include "mkt-stock.h"
#include "mkt-store.h"
#include "mkt-time.h"
#include "mkt-unit.h"
#include "mkt-uuid.h"
