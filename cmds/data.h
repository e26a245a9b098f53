/*
 * data.h - the JSON and CSV readers and writers behind ConvertTo-Json,
 * ConvertFrom-Json, ConvertTo-Csv, ConvertFrom-Csv, Export-Csv and
 * Import-Csv, kept apart from the cmdlets so they can be tested alone.
 */
#ifndef CMD_DATA_H
#define CMD_DATA_H

#include <stdio.h>

#include "../shell/interp.h"
#include "../shell/util.h"
#include "../shell/value.h"

/* ---- JSON (RFC 8259, with the leniencies PowerShell 7's reader has:
 * comments, single-quoted strings, bare property names, trailing commas) ---- */

/* Parses a whole JSON text. Objects become PSCustomObjects (or ordered
 * hashtables with as_hashtable), arrays Object[], integers Int64 (Double
 * beyond), ISO 8601 date strings DateTime. Nesting deeper than max_depth
 * is an error. Returns 0 with *out (new ref), or -1 with *error
 * (malloc'd, PowerShell's "Conversion from JSON failed with error: ..."). */
int cmd_json_parse(const char *text, size_t len, bool as_hashtable, int max_depth, sh_value **out,
                   char **error);

/* Serializes like PowerShell 7's ConvertTo-Json: 2-space indentation (or
 * none with compress), containers nested deeper than max_depth written
 * as their string form (*truncated set then). `in` reads object
 * properties (script properties too). Returns a malloc'd string. */
char *cmd_json_serialize(sh_interp *in, sh_value *v, int max_depth, bool compress, bool *truncated);

/* Appends s as a JSON string literal, escaped as .NET's writer does. */
void cmd_json_quote(sh_buf *out, const char *s);

/* ---- CSV (RFC 4180 as PowerShell writes and reads it) ---- */

typedef enum cmd_csv_quote { CMD_CSV_ALWAYS = 0, CMD_CSV_AS_NEEDED, CMD_CSV_NEVER } cmd_csv_quote;

/* Appends one field, quoted per the mode (quotes doubled inside). */
void cmd_csv_append_field(sh_buf *out, const char *s, char delimiter, cmd_csv_quote mode);

/* Reads the record starting at *pos and advances past it. Returns false
 * when the text is exhausted (no record); else *fields is a new array of
 * strings (a blank line gives one empty string). Quoted fields may hold
 * delimiters, doubled quotes and line breaks. */
bool cmd_csv_next_record(const char *text, size_t len, size_t *pos, char delimiter,
                         sh_value **fields);

/* ---- files ---- */

/* A file written through a temporary beside it, fsynced and renamed over
 * the target on commit, so no reader ever sees half a file and a failed
 * command leaves the old one intact. An existing target keeps its
 * permissions. open/commit return 0 or an errno value. */
typedef struct cmd_atomic_file {
	FILE *f;
	char *path;
	char *tmp;
} cmd_atomic_file;

int cmd_atomic_open(cmd_atomic_file *af, const char *path);
int cmd_atomic_commit(cmd_atomic_file *af);
void cmd_atomic_abort(cmd_atomic_file *af); /* removes the temporary; safe to repeat */

#endif
