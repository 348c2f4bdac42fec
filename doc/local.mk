# SPDX-License-Identifier: GPL-2.0-or-later
# doc: manual pages of the agent entry points (the other areas list their
# own pages in their fragments).
dist_man_MANS += doc/printdev.8 doc/printdevd.8
