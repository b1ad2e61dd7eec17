/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MKT_TYPE_APPLICATION (mkt_application_get_type ())

G_DECLARE_FINAL_TYPE (MktApplication, mkt_application, MKT, APPLICATION, AdwApplication)

MktApplication *mkt_application_new (void);

G_END_DECLS
