/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_MATERIAL_EDITOR (mkt_material_editor_get_type ())

G_DECLARE_FINAL_TYPE (MktMaterialEditor, mkt_material_editor, MKT, MATERIAL_EDITOR, AdwWindow)

MktMaterialEditor *mkt_material_editor_new             (GtkWindow         *parent,
                                                        MktSession        *session,
                                                        const char        *material_id,
                                                        GError           **error);
const char        *mkt_material_editor_get_material_id (MktMaterialEditor *self);
GtkWidget         *mkt_material_editor_get_row         (MktMaterialEditor *self,
                                                        const char        *field);
gboolean           mkt_material_editor_save            (MktMaterialEditor *self);

G_END_DECLS
