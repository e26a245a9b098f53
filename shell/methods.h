/*
 * methods.h - the members of the built-in types: properties and methods of
 * strings, numbers, arrays, hashtables, datetimes, timespans, and the
 * static members of [math], [string], [datetime], [timespan], [guid],
 * [int], [long], [double], [char], [IO.Path], [Environment], [Convert],
 * [regex].
 *
 * Object note/script/alias properties and hashtable keys are the
 * evaluator's business (interp.h: sh_get_member); these functions answer
 * only for what the type itself provides (.Length, .Count, .Keys,
 * .TotalSeconds, .Year ...).
 *
 * Return convention: 0 = found, *out set (new ref); 1 = no such member;
 * -1 = the member exists but failed (wrong argument count or type ...),
 * *error set (malloc'd, PowerShell's wording, e.g. 'Cannot find an
 * overload for "Substring" and the argument count: "3".').
 */
#ifndef SH_METHODS_H
#define SH_METHODS_H

#include "value.h"

int sh_builtin_property(const sh_value *self, const char *name, sh_value **out);
int sh_builtin_method(struct sh_interp *in, sh_value *self, const char *name, sh_value **args,
                      size_t nargs, sh_value **out, char **error);
int sh_static_property(sh_type type, const char *name, sh_value **out, char **error);
int sh_static_method(struct sh_interp *in, sh_type type, const char *name, sh_value **args,
                     size_t nargs, sh_value **out, char **error);

/* Names for Get-Member and tab completion: a NULL-terminated static list of
 * "Name\tMemberType\tDefinition" rows for a value's built-in members. */
const char *const *sh_builtin_member_list(const sh_value *self);

/* A new GUID string "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" from getrandom(). */
char *sh_new_guid_string(void);
/* A [guid] object as [guid]::NewGuid() and [guid]"..." return. */
sh_value *sh_guid_value(const char *text);
/* A [regex] object for a pattern (its string form is the pattern), or NULL
 * with *error set (malloc'd) when the pattern does not compile. */
sh_value *sh_regex_value(const char *pattern, char **error);

#endif
