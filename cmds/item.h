/*
 * item.h - what the item cmdlets (item.c) offer the other families: the
 * objects Get-Item makes for files and directories.
 */
#ifndef CMD_ITEM_H
#define CMD_ITEM_H

#include "../shell/value.h"

/* A FileInfo or DirectoryInfo for the absolute path `full`; NULL when it
 * does not exist. `parent` (borrowed, may be NULL) is the containing
 * directory's object when the caller has it. */
sh_value *cmd_item_object(const char *full, sh_value *parent);

#endif
