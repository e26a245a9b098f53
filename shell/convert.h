/*
 * convert.h - PowerShell's conversions between values, and the type table.
 *
 * The rules follow PowerShell's LanguagePrimitives: string conversion uses
 * the invariant culture, numbers parse with PowerShell's literal rules
 * (hex, size suffixes, exponents), casts to integers round half to even,
 * and failures carry PowerShell's own wording, e.g.
 *   Cannot convert value "abc" to type "System.Int32". Error: "Input string
 *   was not in a correct format."
 */
#ifndef SH_CONVERT_H
#define SH_CONVERT_H

#include "value.h"

/* Resolves a type name as written in [brackets] ("int", "Int32",
 * "System.Int32", "string[]", "ordered", "pscustomobject", "math",
 * "System.IO.Path" ...), case-insensitively. Unknown names resolve to
 * SH_T_NAMED with is_array set for a trailing [] and return false. */
bool sh_type_lookup(const char *name, sh_type *out);
/* The short name PowerShell shows in messages and Get-Member: "int", "string". */
const char *sh_type_short_name(sh_type t);

/* String conversion as "$v" does: $null -> "", arrays joined by spaces,
 * True/False, doubles in shortest round-trip form ("0.1", "1E+20"),
 * datetimes as "11/25/2026 13:20:32", hashtables as their type name,
 * PSCustomObjects as "@{a=1; b=2}". Always a malloc'd string. */
char *sh_to_string(const sh_value *v);
/* Like sh_to_string but a string value is returned as-is with a new ref. */
sh_value *sh_to_string_value(sh_value *v);
/* PowerShell truthiness. */
bool sh_to_bool(const sh_value *v);

/* Parses a whole string as a PowerShell number the way [int]"..." and
 * arithmetic on strings do: surrounding white space allowed, hex 0x..,
 * decimal, exponent, size suffixes kb/mb/gb/tb/pb, type suffixes l/d.
 * Returns false when the text is not a number. */
bool sh_parse_number(const char *s, sh_value **out);

/* Converts v to type t. Returns 0 and sets *out (new ref) or returns -1
 * and sets *error (malloc'd, PowerShell's wording). */
int sh_convert(const sh_value *v, sh_type t, sh_value **out, char **error);
/* Convenience conversions for C callers; they return false (and a
 * malloc'd *error when error is not NULL) when v does not convert. */
bool sh_to_int64(const sh_value *v, int64_t *out, char **error);
bool sh_to_double(const sh_value *v, double *out, char **error);

/* -is: true when v's type is t or derives from it (objects match any of
 * their type names; [object] matches everything but $null). */
bool sh_value_is(const sh_value *v, sh_type t);

/* Formats a double as .NET's Double.ToString() does (shortest round-trip;
 * "1E+15", "1.5E-05", "NaN", "Infinity", "-Infinity"). */
void sh_format_double(double d, char *out, size_t outsize);

/* .NET custom and standard format strings, used by -f, ToString(fmt) and
 * Get-Date -Format: numbers ("N2", "0.00", "X", "D5", "P", "#,##0") and
 * dates ("yyyy-MM-dd HH:mm:ss", "d", "D", "s", "o", "u"). Returns a malloc'd
 * string or NULL with *error set for an invalid format. */
char *sh_format_value(const sh_value *v, const char *format, char **error);
/* The composite formatting of -f and [string]::Format: "{0,-10:N2}". */
char *sh_format_composite(const char *format, sh_value *const *args, size_t nargs, char **error);

/* ---- dates and times ---- */
int64_t sh_now_ticks(sh_datetime_kind kind);
/* Civil fields <-> ticks; month 1..12, day 1..31. */
int64_t sh_ticks_from_civil(int year, int month, int day, int hour, int minute, int second,
                            int millisecond);
void sh_civil_from_ticks(int64_t ticks, int *year, int *month, int *day, int *hour, int *minute,
                         int *second, int *millisecond, int *day_of_week, int *day_of_year);
/* Parses dates as [datetime]"..." does (invariant culture: "2026-11-25",
 * "11/25/2026 13:20", ISO 8601 with T and Z). */
bool sh_parse_datetime(const char *s, sh_value **out);
/* The .NET message for a string sh_parse_datetime rejected (malloc'd):
 * "String '...' was not recognized as a valid DateTime." or, when a word
 * is not a date word, "The string '...' ... unknown word starting at index". */
char *sh_datetime_parse_error(const char *s);
/* Parses "d.hh:mm:ss.fffffff" / "hh:mm:ss" / "mm:ss"-less forms as [timespan]"..." does. */
bool sh_parse_timespan(const char *s, sh_value **out);
/* Get-Date -UFormat (%Y %m %d %H %M %S %A %B %j %s %Z ...). */
char *sh_format_uformat(const sh_value *datetime, const char *uformat);

#endif
