/*
 * methods.c - what the built-in types themselves provide: the properties
 * and methods of strings, numbers, arrays, hashtables, dates and time
 * spans, and the static members of the handful of .NET classes scripts
 * reach for ([math], [string], [datetime], [IO.Path], [Convert] ...).
 *
 * Each type has one dispatch function that compares the member name
 * case-insensitively and checks the argument count, so an unknown name
 * returns 1 (the evaluator words that error) and a known name with the
 * wrong count gets .NET's overload message. Failures inside a method are
 * reported as PowerShell shows a .NET exception:
 *   Exception calling "Substring" with "1" argument(s): "..."
 *
 * String indexes count characters (code points), which is what .NET's
 * UTF-16 indexes mean for all but astral characters.
 *
 * The .NET string methods are ordinal and case-sensitive (Contains,
 * Replace, StartsWith ...), unlike PowerShell's operators; scripts depend
 * on that difference, so it is kept.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "methods.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include "convert.h"
#include "ops.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static int fail(char **error, char *msg)
{
	if (error)
		*error = msg;
	else
		free(msg);
	return -1;
}

static int no_overload(char **error, const char *method, size_t nargs)
{
	return fail(error, xasprintf("Cannot find an overload for \"%s\" and the argument count: "
	                             "\"%zu\".",
	                             method, nargs));
}

static int exception(char **error, const char *method, size_t nargs, const char *what)
{
	return fail(error, xasprintf("Exception calling \"%s\" with \"%zu\" argument(s): \"%s\"",
	                             method, nargs, what));
}

/* Converts a method argument as PowerShell's binder does, with its
 * message when that fails. */
static bool arg_convert(sh_value *arg, sh_typeid id, const char *tname, const char *param,
                        const char *method, sh_value **out, char **error)
{
	char *inner = NULL;
	if (sh_convert(arg, (sh_type){id, false, tname}, out, &inner) == 0)
		return true;
	char *s = sh_to_string(arg);
	fail(error, xasprintf("Cannot convert argument \"%s\", with value: \"%s\", for \"%s\" to "
	                      "type \"%s\": \"%s\"",
	                      param, s, method, tname, inner));
	free(s);
	free(inner);
	return false;
}

static bool arg_int(sh_value *arg, const char *param, const char *method, int64_t *n, char **error)
{
	sh_value *v = NULL;
	if (!arg_convert(arg, SH_T_INT, "System.Int32", param, method, &v, error))
		return false;
	*n = sh_long_of(v);
	sh_unref(v);
	return true;
}

static bool arg_long(sh_value *arg, const char *param, const char *method, int64_t *n, char **error)
{
	sh_value *v = NULL;
	if (!arg_convert(arg, SH_T_LONG, "System.Int64", param, method, &v, error))
		return false;
	*n = sh_long_of(v);
	sh_unref(v);
	return true;
}

static bool arg_double(sh_value *arg, const char *param, const char *method, double *d,
                       char **error)
{
	sh_value *v = NULL;
	if (!arg_convert(arg, SH_T_DOUBLE, "System.Double", param, method, &v, error))
		return false;
	*d = sh_double_of(v);
	sh_unref(v);
	return true;
}

/* Byte offset of code point `index`, or -1 past the end. */
static long cp_offset(const char *s, int64_t index)
{
	const char *p = s;
	for (int64_t i = 0; i < index; i++) {
		if (!*p)
			return -1;
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	return (long)(p - s);
}

/* Code point index of byte offset. */
static int64_t cp_index(const char *s, size_t offset)
{
	int64_t n = 0;
	for (size_t i = 0; i < offset; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static sh_value *type_of(const sh_value *v)
{
	sh_type t;
	sh_type_lookup(sh_type_name(v), &t);
	return sh_type_value(t);
}

/* A value's string form for method arguments: $null is "". */
static char *str_arg(const sh_value *v)
{
	return sh_to_string(v);
}

/* .NET's Object.Equals: same type and value; strings ordinal. */
static bool strict_equals(const sh_value *a, const sh_value *b)
{
	if (sh_kind_of(a) != sh_kind_of(b))
		return false;
	switch (sh_kind_of(a)) {
	case SH_NULL:
		return true;
	case SH_STRING:
		return strcmp(sh_str(a), sh_str(b)) == 0;
	case SH_BOOL:
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
	case SH_DATETIME:
	case SH_TIMESPAN:
		return sh_equals(a, b, true);
	default:
		return a == b;
	}
}

static sh_value *compare_result(int c)
{
	return sh_int(c < 0 ? -1 : c > 0);
}

/* ------------------------------------------------------------------ */
/* GUID and regex objects                                              */

#define GUID_TYPE  "System.Guid"
#define REGEX_TYPE "System.Text.RegularExpressions.Regex"
#define MATCH_TYPE "System.Text.RegularExpressions.Match"
#define GROUP_TYPE "System.Text.RegularExpressions.Group"

static char *guid_to_string(sh_value *self)
{
	return xstrdup(sh_str(sh_object_note(self, "Guid")));
}

static const sh_class guid_class = {GUID_TYPE, guid_to_string, NULL, NULL};

char *sh_new_guid_string(void)
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n > 0)
			got += (size_t)n;
		else if (errno != EINTR)
			break;
	}
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	                 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
	                 b[12], b[13], b[14], b[15]);
}

sh_value *sh_guid_value(const char *text)
{
	sh_value *o = sh_object_new(GUID_TYPE);
	sh_object_add_typename(o, "System.ValueType");
	sh_object_add_typename(o, "System.Object");
	sh_object_set_note(o, "Guid", sh_string(text));
	sh_object_set_native(o, &guid_class, NULL);
	return o;
}

static char *regex_to_string(sh_value *self)
{
	const char *p = sh_object_native(self);
	return xstrdup(p ? p : "");
}

static const sh_class regex_class = {REGEX_TYPE, regex_to_string, NULL, free};

sh_value *sh_regex_value(const char *pattern, char **error)
{
	if (!sh_regex_get(pattern, true, error))
		return NULL;
	sh_value *o = sh_object_new(REGEX_TYPE);
	sh_object_add_typename(o, "System.Object");
	sh_object_set_native(o, &regex_class, xstrdup(pattern));
	return o;
}

static char *match_to_string(sh_value *self)
{
	return xstrdup(sh_str(sh_object_note(self, "Value")));
}

static const sh_class match_class = {MATCH_TYPE, match_to_string, NULL, NULL};

static sh_value *group_object(const char *type, const char *name, bool success, const char *s,
                              size_t start, size_t end)
{
	sh_value *g = sh_object_new(type);
	if (strcmp(type, MATCH_TYPE) == 0)
		sh_object_add_typename(g, GROUP_TYPE);
	sh_object_add_typename(g, "System.Text.RegularExpressions.Capture");
	sh_object_add_typename(g, "System.Object");
	sh_object_set_note(g, "Groups", NULL);
	sh_object_set_note(g, "Success", sh_bool(success));
	sh_object_set_note(g, "Name", sh_string(name));
	sh_object_set_note(g, "Captures", NULL);
	sh_object_set_note(g, "Index", sh_integer(success ? cp_index(s, start) : 0));
	sh_object_set_note(g, "Length", sh_integer(success ? cp_index(s + start, end - start) : 0));
	sh_object_set_note(g, "Value",
	                   success ? sh_string_n(s + start, end - start) : sh_string(""));
	sh_object_set_native(g, &match_class, NULL);
	return g;
}

/* A Match object for the first match at or after byte `from`; *next gets
 * the offset to continue from. */
static sh_value *match_object(const char *pattern, bool cs, const char *s, size_t from,
                              size_t *next, bool *matched, char **error)
{
	sh_regex *re = sh_regex_get(pattern, cs, error);
	if (!re)
		return NULL;
	size_t ngroups = sh_regex_group_count(re) + 1;
	long *starts = xcalloc(ngroups, sizeof(long)), *ends = xcalloc(ngroups, sizeof(long));
	*matched = sh_regex_exec(re, s, from, starts, ends, ngroups);
	sh_value *m;
	if (!*matched) {
		m = group_object(MATCH_TYPE, "0", false, s, 0, 0);
		sh_object_set_note(m, "Groups", sh_array_new(0));
	} else {
		m = group_object(MATCH_TYPE, "0", true, s, (size_t)starts[0], (size_t)ends[0]);
		sh_value *groups = sh_array_new(ngroups);
		for (size_t g = 0; g < ngroups; g++) {
			const char *gname = g ? sh_regex_group_name(re, g) : NULL;
			char num[24];
			snprintf(num, sizeof num, "%zu", g);
			bool ok = starts[g] >= 0;
			sh_array_append(groups, group_object(GROUP_TYPE, gname ? gname : num, ok, s,
			                                     ok ? (size_t)starts[g] : 0,
			                                     ok ? (size_t)ends[g] : 0));
		}
		sh_object_set_note(m, "Groups", groups);
		size_t e = (size_t)ends[0];
		*next = e > (size_t)starts[0] ? e : e + 1;
	}
	free(starts);
	free(ends);
	return m;
}

/* The [regex] operations shared by the static and instance forms. */
static int regex_op(const char *method, const char *pattern, bool cs, sh_value **args, size_t nargs,
                    size_t total_args, sh_value **out, char **error)
{
	char *input = nargs ? str_arg(args[0]) : xstrdup("");
	int rc = 0;
	if (str_ieq(method, "IsMatch")) {
		sh_regex *re = sh_regex_get(pattern, cs, error);
		if (!re)
			rc = -1;
		else
			*out = sh_bool(sh_regex_match(re, input, NULL));
	} else if (str_ieq(method, "Match")) {
		size_t next;
		bool matched;
		*out = match_object(pattern, cs, input, 0, &next, &matched, error);
		rc = *out ? 0 : -1;
	} else if (str_ieq(method, "Matches")) {
		sh_value *arr = sh_array_new(0);
		size_t from = 0, len = strlen(input);
		while (from <= len) {
			size_t next;
			bool matched;
			sh_value *m =
			    match_object(pattern, cs, input, from, &next, &matched, error);
			if (!m) {
				rc = -1;
				break;
			}
			if (!matched) {
				sh_unref(m);
				break;
			}
			sh_array_append(arr, m);
			from = next;
		}
		if (rc == 0)
			*out = arr;
		else
			sh_unref(arr);
	} else if (str_ieq(method, "Replace")) {
		if (nargs < 2) {
			free(input);
			return no_overload(error, method, total_args);
		}
		sh_regex *re = sh_regex_get(pattern, cs, error);
		char *rep = str_arg(args[1]);
		if (!re)
			rc = -1;
		else
			*out = sh_string_take(sh_regex_replace(re, input, rep));
		free(rep);
	} else if (str_ieq(method, "Split")) {
		sh_value *pat = sh_string(pattern);
		sh_value *subject = sh_string(input);
		rc = sh_binary(SH_OP_SPLIT, cs, subject, pat, out, NULL, error);
		sh_unref(pat);
		sh_unref(subject);
	} else {
		rc = 1;
	}
	free(input);
	if (rc < 0 && error && *error && !str_iprefix(*error, "Exception")) {
		char *inner = *error;
		*error = NULL;
		exception(error, method, total_args, inner);
		free(inner);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* strings                                                             */

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || (c >= 9 && c <= 13) || c == 0xA0 || c == 0x85 || c == 0x2028 ||
	       c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x1680 ||
	       c == 0x202F || c == 0x205F;
}

static uint32_t decode(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (n) {
		c &= 0x3F >> n;
		for (int i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80) {
				*p += 1;
				return s[0];
			}
			c = (c << 6) | (s[i] & 0x3F);
		}
	}
	*p += n + 1;
	return c;
}

static bool in_set(uint32_t c, const char *set)
{
	if (!set)
		return is_space_cp(c);
	for (const char *p = set; *p;)
		if (decode(&p) == c)
			return true;
	return false;
}

static sh_value *trim(const char *s, const char *set, bool start, bool end)
{
	const char *b = s, *e = s + strlen(s);
	if (start) {
		while (*b) {
			const char *q = b;
			if (!in_set(decode(&q), set))
				break;
			b = q;
		}
	}
	if (end) {
		while (e > b) {
			const char *q = e - 1;
			while (q > b && ((unsigned char)*q & 0xC0) == 0x80)
				q--;
			const char *r = q;
			if (!in_set(decode(&r), set))
				break;
			e = q;
		}
	}
	return sh_string_n(b, (size_t)(e - b));
}

static sh_value *change_case(const char *s, bool upper)
{
	sh_buf b = {0};
	for (const char *p = s; *p;) {
		uint32_t c = decode(&p);
		if (c < 0x80)
			c = (uint32_t)(upper ? toupper((int)c) : tolower((int)c));
		else
			c = (uint32_t)(upper ? towupper((wint_t)c) : towlower((wint_t)c));
		buf_put_utf8(&b, c);
	}
	return sh_string_take(buf_detach(&b));
}

/* Collects separator strings from Split's arguments: a string is one
 * separator (as .NET Core's Split(string) binds), several one-character
 * arguments or a char array are separate separators. */
static void split_separators(sh_value **args, size_t n, char ***seps, size_t *nseps)
{
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		sh_value *a = args[i];
		if (sh_kind_of(a) == SH_ARRAY) {
			for (size_t j = 0; j < sh_array_len(a); j++) {
				char *s = sh_to_string(sh_array_get(a, j));
				VEC_PUSH(*seps, *nseps, cap, s);
			}
		} else {
			char *s = sh_to_string(a);
			VEC_PUSH(*seps, *nseps, cap, s);
		}
	}
}

/* Length of the separator at p, or 0. */
static size_t separator_at(const char *p, char **seps, size_t nseps, bool whitespace)
{
	if (whitespace) {
		const char *q = p;
		return is_space_cp(decode(&q)) ? (size_t)(q - p) : 0;
	}
	for (size_t i = 0; i < nseps; i++) {
		size_t l = strlen(seps[i]);
		if (l && strncmp(p, seps[i], l) == 0)
			return l;
	}
	return 0;
}

static int string_split(const char *s, sh_value **args, size_t nargs, sh_value **out, char **error)
{
	size_t nsep_args = nargs;
	int64_t count = INT32_MAX;
	bool remove_empty = false, trim_entries = false, count_seen = false;
	/* trailing count and options: Split(separator[, count][, options]) */
	while (nsep_args > 0) {
		sh_value *last = args[nsep_args - 1];
		if (nsep_args > 1 && sh_is_number(last) && !count_seen) {
			count = sh_long_of(last);
			count_seen = true;
			nsep_args--;
			continue;
		}
		if (nsep_args > 1 && sh_kind_of(last) == SH_STRING &&
		    (strcasestr(sh_str(last), "RemoveEmptyEntries") ||
		     strcasestr(sh_str(last), "TrimEntries") || str_ieq(sh_str(last), "None"))) {
			remove_empty = strcasestr(sh_str(last), "RemoveEmptyEntries") != NULL;
			trim_entries = strcasestr(sh_str(last), "TrimEntries") != NULL;
			count_seen = false;
			nsep_args--;
			continue;
		}
		break;
	}
	if (count < 0)
		return exception(error, "Split", nargs,
		                 "Count cannot be less than zero. (Parameter 'count')");
	char **seps = NULL;
	size_t nseps = 0;
	split_separators(args, nsep_args, &seps, &nseps);
	bool whitespace = nseps == 0;
	for (size_t i = 0; i < nseps; i++)
		if (!seps[i][0])
			whitespace = whitespace || nseps == 1;
	sh_value *arr = sh_array_new(4);
	const char *start = s, *p = s;
	int64_t pieces = 0;
	while (count > 0) {
		bool last_piece = pieces == count - 1;
		size_t hit = 0;
		if (remove_empty && last_piece) {
			/* the remainder starts after any empty entries */
			for (size_t l; *p && (l = separator_at(p, seps, nseps, whitespace));)
				p += l;
			start = p;
		}
		while (*p && !last_piece && !(hit = separator_at(p, seps, nseps, whitespace)))
			p++;
		const char *end = hit ? p : s + strlen(s);
		sh_value *piece = sh_string_n(start, (size_t)(end - start));
		if (trim_entries) {
			sh_value *t = trim(sh_str(piece), NULL, true, true);
			sh_unref(piece);
			piece = t;
		}
		if (remove_empty && sh_str_len(piece) == 0) {
			sh_unref(piece);
		} else {
			sh_array_append(arr, piece);
			pieces++;
		}
		if (!hit)
			break;
		p += hit;
		start = p;
	}
	for (size_t i = 0; i < nseps; i++)
		free(seps[i]);
	free(seps);
	*out = arr;
	return 0;
}

static const char *find_str(const char *hay, const char *needle, bool ignore_case)
{
	return ignore_case ? strcasestr(hay, needle) : strstr(hay, needle);
}

static bool comparison_ignores_case(sh_value *v)
{
	if (sh_kind_of(v) == SH_BOOL)
		return sh_bool_of(v);
	if (sh_is_number(v))
		return sh_long_of(v) % 2 == 1; /* StringComparison: odd values ignore case */
	char *s = sh_to_string(v);
	bool r = strcasestr(s, "IgnoreCase") != NULL;
	free(s);
	return r;
}

static int string_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                         sh_value **out, char **error)
{
	const char *s = sh_str(self);
	size_t slen = sh_str_len(self);
	int64_t n, m;
	if (str_ieq(name, "ToUpper") || str_ieq(name, "ToUpperInvariant") ||
	    str_ieq(name, "ToLower") || str_ieq(name, "ToLowerInvariant")) {
		if (nargs > 1)
			return no_overload(error, name, nargs);
		*out = change_case(s, str_iprefix(name, "ToUpper"));
		return 0;
	}
	if (str_ieq(name, "Trim") || str_ieq(name, "TrimStart") || str_ieq(name, "TrimEnd")) {
		char *set = NULL;
		if (nargs) {
			sh_buf b = {0};
			for (size_t i = 0; i < nargs; i++) {
				if (sh_kind_of(args[i]) == SH_ARRAY) {
					for (size_t j = 0; j < sh_array_len(args[i]); j++) {
						char *t = sh_to_string(sh_array_get(args[i], j));
						buf_puts(&b, t);
						free(t);
					}
				} else {
					char *t = sh_to_string(args[i]);
					buf_puts(&b, t);
					free(t);
				}
			}
			set = buf_detach(&b);
		}
		*out = trim(s, set, !str_ieq(name, "TrimEnd"), !str_ieq(name, "TrimStart"));
		free(set);
		return 0;
	}
	if (str_ieq(name, "Split"))
		return string_split(s, args, nargs, out, error);
	if (str_ieq(name, "Replace")) {
		if (nargs < 2 || nargs > 4)
			return no_overload(error, name, nargs);
		char *old = str_arg(args[0]), *rep = str_arg(args[1]);
		bool ic = nargs >= 3 && comparison_ignores_case(args[2]);
		if (!*old) {
			free(old);
			free(rep);
			return exception(
			    error, name, nargs,
			    "The value cannot be an empty string. (Parameter 'oldValue')");
		}
		sh_buf b = {0};
		size_t ol = strlen(old);
		const char *p = s;
		for (const char *hit; (hit = find_str(p, old, ic));) {
			buf_putn(&b, p, (size_t)(hit - p));
			buf_puts(&b, rep);
			p = hit + ol;
		}
		buf_puts(&b, p);
		free(old);
		free(rep);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "Contains") || str_ieq(name, "StartsWith") || str_ieq(name, "EndsWith")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Value cannot be null. (Parameter 'value')");
		char *t = str_arg(args[0]);
		bool ic = nargs >= 2 && comparison_ignores_case(args[1]);
		size_t tl = strlen(t);
		bool r;
		if (str_ieq(name, "Contains"))
			r = find_str(s, t, ic) != NULL;
		else if (str_ieq(name, "StartsWith"))
			r = ic ? strncasecmp(s, t, tl) == 0 : strncmp(s, t, tl) == 0;
		else
			r = tl <= slen && (ic ? strcasecmp(s + slen - tl, t) == 0
			                      : strcmp(s + slen - tl, t) == 0);
		free(t);
		*out = sh_bool(r);
		return 0;
	}
	if (str_ieq(name, "Substring")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "startIndex", name, &n, error))
			return -1;
		int64_t len = (int64_t)utf8_length(s);
		if (n < 0)
			return exception(
			    error, name, nargs,
			    "StartIndex cannot be less than zero. (Parameter 'startIndex')");
		if (n > len)
			return exception(
			    error, name, nargs,
			    "startIndex cannot be larger than length of string. (Parameter "
			    "'startIndex')");
		m = len - n;
		if (nargs == 2) {
			if (!arg_int(args[1], "length", name, &m, error))
				return -1;
			if (m < 0)
				return exception(
				    error, name, nargs,
				    "Length cannot be less than zero. (Parameter 'length')");
			if (n + m > len)
				return exception(
				    error, name, nargs,
				    "Index and length must refer to a location within the "
				    "string. (Parameter 'length')");
		}
		long a = cp_offset(s, n), b = cp_offset(s, n + m);
		*out = sh_string_n(s + a, (size_t)(b - a));
		return 0;
	}
	if (str_ieq(name, "IndexOf") || str_ieq(name, "LastIndexOf")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		char *t = str_arg(args[0]);
		int64_t len = (int64_t)utf8_length(s), start = str_ieq(name, "IndexOf") ? 0 : len;
		bool ic = false;
		if (nargs >= 2) {
			if (sh_kind_of(args[nargs - 1]) == SH_STRING && nargs >= 2 &&
			    strcasestr(sh_str(args[nargs - 1]), "Ordinal"))
				ic = comparison_ignores_case(args[nargs - 1]);
			else if (!arg_int(args[1], "startIndex", name, &start, error)) {
				free(t);
				return -1;
			}
			if (start < 0 || start > len) {
				free(t);
				return exception(
				    error, name, nargs,
				    "Index was out of range. Must be non-negative and less than "
				    "the size of the collection. (Parameter 'startIndex')");
			}
		}
		int64_t found = -1;
		if (str_ieq(name, "IndexOf")) {
			const char *h = find_str(s + cp_offset(s, start), t, ic);
			if (h)
				found = cp_index(s, (size_t)(h - s));
		} else {
			size_t tl = strlen(t);
			long limit = cp_offset(s, start < len ? start + 1 : len);
			for (long i = limit - (long)tl; i >= 0; i--) {
				if (((unsigned char)s[i] & 0xC0) == 0x80)
					continue;
				if (ic ? strncasecmp(s + i, t, tl) == 0
				       : strncmp(s + i, t, tl) == 0) {
					found = cp_index(s, (size_t)i);
					break;
				}
			}
		}
		free(t);
		*out = sh_integer(found);
		return 0;
	}
	if (str_ieq(name, "PadLeft") || str_ieq(name, "PadRight")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "totalWidth", name, &n, error))
			return -1;
		if (n < 0)
			return exception(error, name, nargs,
			                 "Non-negative number required. (Parameter 'totalWidth')");
		char *pad = nargs == 2 ? str_arg(args[1]) : xstrdup(" ");
		int64_t len = (int64_t)utf8_length(s);
		sh_buf b = {0};
		if (str_ieq(name, "PadRight"))
			buf_puts(&b, s);
		for (int64_t i = len; i < n; i++)
			buf_puts(&b, *pad ? pad : " ");
		if (str_ieq(name, "PadLeft"))
			buf_puts(&b, s);
		free(pad);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "Insert")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "startIndex", name, &n, error))
			return -1;
		long off = n < 0 ? -1 : cp_offset(s, n);
		if (off < 0)
			return exception(error, name, nargs,
			                 "Specified argument was out of the range of valid values. "
			                 "(Parameter 'startIndex')");
		char *t = str_arg(args[1]);
		sh_buf b = {0};
		buf_putn(&b, s, (size_t)off);
		buf_puts(&b, t);
		buf_puts(&b, s + off);
		free(t);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "Remove")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "startIndex", name, &n, error))
			return -1;
		int64_t len = (int64_t)utf8_length(s);
		if (n < 0)
			return exception(
			    error, name, nargs,
			    "StartIndex cannot be less than zero. (Parameter 'startIndex')");
		if (nargs == 1 && n >= len && !(n == 0 && len == 0))
			return exception(
			    error, name, nargs,
			    "startIndex must be less than length of string. (Parameter "
			    "'startIndex')");
		m = len - n;
		if (nargs == 2) {
			if (!arg_int(args[1], "count", name, &m, error))
				return -1;
			if (m < 0)
				return exception(
				    error, name, nargs,
				    "Count cannot be less than zero. (Parameter 'count')");
			if (n + m > len)
				return exception(
				    error, name, nargs,
				    "Index and count must refer to a location within the "
				    "string. (Parameter 'count')");
		}
		long a = cp_offset(s, n), b2 = cp_offset(s, n + m);
		sh_buf b = {0};
		buf_putn(&b, s, (size_t)a);
		buf_puts(&b, s + b2);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "ToCharArray")) {
		if (nargs)
			return no_overload(error, name, nargs);
		sh_value *arr = sh_array_new(slen);
		for (const char *p = s; *p;) {
			sh_array_append(arr, sh_char(decode(&p)));
		}
		*out = arr;
		return 0;
	}
	if (str_ieq(name, "Equals")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) != SH_STRING) {
			*out = sh_bool(false);
			return 0;
		}
		bool ic = nargs == 2 && comparison_ignores_case(args[1]);
		*out = sh_bool(ic ? str_ieq(s, sh_str(args[0])) : strcmp(s, sh_str(args[0])) == 0);
		return 0;
	}
	if (str_ieq(name, "CompareTo")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!args[0]) {
			*out = sh_int(1);
			return 0;
		}
		bool ok;
		sh_value *t = sh_to_string_value(args[0]);
		*out = compare_result(sh_compare(self, t, true, &ok));
		sh_unref(t);
		return 0;
	}
	if (str_ieq(name, "ToString") || str_ieq(name, "Clone")) {
		*out = sh_ref(self);
		return 0;
	}
	if (str_ieq(name, "IsNormalized")) {
		*out = sh_bool(true);
		return 0;
	}
	if (str_ieq(name, "GetHashCode")) {
		uint32_t h = 2166136261u;
		for (const char *p = s; *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
		*out = sh_int((int32_t)h);
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* dates and time spans                                                */

static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

static long local_offset_for_local(int64_t ticks)
{
	/* offset in effect at a local wall-clock time: found through the C
	   library with the wall clock read as UTC, then corrected once */
	int64_t epoch = sh_ticks_from_civil(1970, 1, 1, 0, 0, 0, 0);
	time_t t = (time_t)((ticks - epoch) / SH_TICKS_PER_SECOND);
	struct tm tm;
	localtime_r(&t, &tm);
	time_t guess = t - tm.tm_gmtoff;
	localtime_r(&guess, &tm);
	return tm.tm_gmtoff;
}

static long local_offset_for_utc(int64_t ticks)
{
	int64_t epoch = sh_ticks_from_civil(1970, 1, 1, 0, 0, 0, 0);
	time_t t = (time_t)((ticks - epoch) / SH_TICKS_PER_SECOND);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

#define MAX_TICKS 3155378975999999999LL

static int new_date(int64_t ticks, sh_datetime_kind kind, const char *method, size_t nargs,
                    sh_value **out, char **error)
{
	if (ticks < 0 || ticks > MAX_TICKS)
		return exception(error, method, nargs,
		                 "The added or subtracted value results in an un-representable "
		                 "DateTime. (Parameter 'value')");
	*out = sh_datetime(ticks, kind);
	return 0;
}

static int add_months(int64_t ticks, sh_datetime_kind kind, int64_t months, const char *method,
                      size_t nargs, sh_value **out, char **error)
{
	int y, mo, d;
	sh_civil_from_ticks(ticks, &y, &mo, &d, NULL, NULL, NULL, NULL, NULL, NULL);
	int64_t total = (int64_t)y * 12 + (mo - 1) + months;
	int64_t ny = total / 12;
	int nm = (int)(total % 12) + 1;
	if (ny < 1 || ny > 9999)
		return exception(error, method, nargs,
		                 "The added or subtracted value results in an un-representable "
		                 "DateTime. (Parameter 'months')");
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int maxd = dm[nm - 1];
	if (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0))
		maxd = 29;
	if (d > maxd)
		d = maxd;
	int64_t tod = ticks % SH_TICKS_PER_DAY;
	*out = sh_datetime(sh_ticks_from_civil((int)ny, nm, d, 0, 0, 0, 0) + tod, kind);
	return 0;
}

static int date_property(const sh_value *self, const char *name, sh_value **out)
{
	int64_t t = sh_ticks_of(self);
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(t, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	static const char *const kinds[] = {"Local", "Utc", "Unspecified"};
	if (str_ieq(name, "Year"))
		*out = sh_int(y);
	else if (str_ieq(name, "Month"))
		*out = sh_int(mo);
	else if (str_ieq(name, "Day"))
		*out = sh_int(d);
	else if (str_ieq(name, "Hour"))
		*out = sh_int(h);
	else if (str_ieq(name, "Minute"))
		*out = sh_int(mi);
	else if (str_ieq(name, "Second"))
		*out = sh_int(s);
	else if (str_ieq(name, "Millisecond"))
		*out = sh_int(ms);
	else if (str_ieq(name, "DayOfWeek"))
		*out = sh_string(day_names[dow]);
	else if (str_ieq(name, "DayOfYear"))
		*out = sh_int(doy);
	else if (str_ieq(name, "Date"))
		*out = sh_datetime(t - t % SH_TICKS_PER_DAY, sh_datetime_kind_of(self));
	else if (str_ieq(name, "TimeOfDay"))
		*out = sh_timespan(t % SH_TICKS_PER_DAY);
	else if (str_ieq(name, "Ticks"))
		*out = sh_long(t);
	else if (str_ieq(name, "Kind"))
		*out = sh_string(kinds[sh_datetime_kind_of(self)]);
	else if (str_ieq(name, "DateTime")) {
		char *str = sh_format_value(self, "dddd, MMMM d, yyyy h:mm:ss tt", NULL);
		*out = sh_string_take(str);
	} else
		return 1;
	return 0;
}

static const struct {
	const char *name;
	int64_t unit;
} date_adders[] = {
    {"AddDays", SH_TICKS_PER_DAY},
    {"AddHours", 3600 * SH_TICKS_PER_SECOND},
    {"AddMinutes", 60 * SH_TICKS_PER_SECOND},
    {"AddSeconds", SH_TICKS_PER_SECOND},
    {"AddMilliseconds", 10000},
    {"AddMicroseconds", 10},
};

static int date_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                       sh_value **out, char **error)
{
	int64_t t = sh_ticks_of(self);
	sh_datetime_kind kind = sh_datetime_kind_of(self);
	for (size_t i = 0; i < sizeof date_adders / sizeof *date_adders; i++) {
		if (!str_ieq(name, date_adders[i].name))
			continue;
		double v;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "value", name, &v, error))
			return -1;
		/* .NET rounds the scaled value to whole milliseconds first */
		double millis = v * (double)date_adders[i].unit / 10000.0;
		millis = millis < 0 ? ceil(millis - 0.5) : floor(millis + 0.5);
		if (date_adders[i].unit < 10000)
			millis = v * (double)date_adders[i].unit / 10000.0;
		return new_date(t + (int64_t)(millis * 10000.0), kind, name, nargs, out, error);
	}
	int64_t n;
	if (str_ieq(name, "AddTicks")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_long(args[0], "value", name, &n, error))
			return -1;
		return new_date(t + n, kind, name, nargs, out, error);
	}
	if (str_ieq(name, "AddMonths") || str_ieq(name, "AddYears")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], str_ieq(name, "AddMonths") ? "months" : "value", name, &n,
		             error))
			return -1;
		return add_months(t, kind, str_ieq(name, "AddYears") ? n * 12 : n, name, nargs, out,
		                  error);
	}
	if (str_ieq(name, "Add")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		sh_value *ts = NULL;
		if (!arg_convert(args[0], SH_T_TIMESPAN, "System.TimeSpan", "value", name, &ts,
		                 error))
			return -1;
		int rc = new_date(t + sh_ticks_of(ts), kind, name, nargs, out, error);
		sh_unref(ts);
		return rc;
	}
	if (str_ieq(name, "Subtract")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) == SH_DATETIME) {
			*out = sh_timespan(t - sh_ticks_of(args[0]));
			return 0;
		}
		sh_value *ts = NULL;
		if (!arg_convert(args[0], SH_T_TIMESPAN, "System.TimeSpan", "value", name, &ts,
		                 error))
			return -1;
		int rc = new_date(t - sh_ticks_of(ts), kind, name, nargs, out, error);
		sh_unref(ts);
		return rc;
	}
	if (str_ieq(name, "ToString")) {
		if (nargs > 2)
			return no_overload(error, name, nargs);
		if (nargs == 0 || !args[0]) {
			*out = sh_string_take(sh_to_string(self));
			return 0;
		}
		char *fmt = str_arg(args[0]), *ferr = NULL;
		char *r = sh_format_value(self, fmt, &ferr);
		free(fmt);
		if (!r) {
			int rc = exception(error, name, nargs, ferr);
			free(ferr);
			return rc;
		}
		*out = sh_string_take(r);
		return 0;
	}
	static const struct {
		const char *name;
		const char *format;
	} shorthands[] = {{"ToShortDateString", "MM/dd/yyyy"},
	                  {"ToLongDateString", "dddd, dd MMMM yyyy"},
	                  {"ToShortTimeString", "HH:mm"},
	                  {"ToLongTimeString", "HH:mm:ss"}};
	for (size_t i = 0; i < 4; i++)
		if (str_ieq(name, shorthands[i].name)) {
			if (nargs)
				return no_overload(error, name, nargs);
			*out = sh_string_take(sh_format_value(self, shorthands[i].format, NULL));
			return 0;
		}
	if (str_ieq(name, "ToUniversalTime")) {
		if (nargs)
			return no_overload(error, name, nargs);
		if (kind == SH_DT_UTC) {
			*out = sh_ref(self);
			return 0;
		}
		*out = sh_datetime(t - (int64_t)local_offset_for_local(t) * SH_TICKS_PER_SECOND,
		                   SH_DT_UTC);
		return 0;
	}
	if (str_ieq(name, "ToLocalTime")) {
		if (nargs)
			return no_overload(error, name, nargs);
		if (kind == SH_DT_LOCAL) {
			*out = sh_ref(self);
			return 0;
		}
		*out = sh_datetime(t + (int64_t)local_offset_for_utc(t) * SH_TICKS_PER_SECOND,
		                   SH_DT_LOCAL);
		return 0;
	}
	if (str_ieq(name, "IsDaylightSavingTime")) {
		int64_t epoch = sh_ticks_from_civil(1970, 1, 1, 0, 0, 0, 0);
		time_t tt = (time_t)((t - epoch) / SH_TICKS_PER_SECOND -
		                     (kind == SH_DT_UTC ? 0 : local_offset_for_local(t)));
		struct tm tm;
		localtime_r(&tt, &tm);
		*out = sh_bool(kind != SH_DT_UTC && tm.tm_isdst > 0);
		return 0;
	}
	if (str_ieq(name, "ToFileTime") || str_ieq(name, "ToFileTimeUtc")) {
		int64_t utc = t;
		if (kind != SH_DT_UTC && str_ieq(name, "ToFileTime"))
			utc -= (int64_t)local_offset_for_local(t) * SH_TICKS_PER_SECOND;
		*out = sh_long(utc - sh_ticks_from_civil(1601, 1, 1, 0, 0, 0, 0));
		return 0;
	}
	if (str_ieq(name, "CompareTo") || str_ieq(name, "Equals")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (str_ieq(name, "Equals")) {
			*out = sh_bool(sh_kind_of(args[0]) == SH_DATETIME &&
			               sh_ticks_of(args[0]) == t);
			return 0;
		}
		if (sh_kind_of(args[0]) != SH_DATETIME && args[0])
			return exception(error, name, nargs, "Object must be of type DateTime.");
		int64_t o = sh_ticks_of(args[0]);
		*out = sh_int(args[0] ? (t < o ? -1 : t > o) : 1);
		return 0;
	}
	return 1;
}

static int timespan_property(const sh_value *self, const char *name, sh_value **out)
{
	int64_t t = sh_ticks_of(self);
	const double tps = (double)SH_TICKS_PER_SECOND;
	if (str_ieq(name, "Days"))
		*out = sh_int((int32_t)(t / SH_TICKS_PER_DAY));
	else if (str_ieq(name, "Hours"))
		*out = sh_int((int32_t)(t / (3600 * SH_TICKS_PER_SECOND) % 24));
	else if (str_ieq(name, "Minutes"))
		*out = sh_int((int32_t)(t / (60 * SH_TICKS_PER_SECOND) % 60));
	else if (str_ieq(name, "Seconds"))
		*out = sh_int((int32_t)(t / SH_TICKS_PER_SECOND % 60));
	else if (str_ieq(name, "Milliseconds"))
		*out = sh_int((int32_t)(t / 10000 % 1000));
	else if (str_ieq(name, "Ticks"))
		*out = sh_long(t);
	else if (str_ieq(name, "TotalDays"))
		*out = sh_double((double)t / (double)SH_TICKS_PER_DAY);
	else if (str_ieq(name, "TotalHours"))
		*out = sh_double((double)t / (tps * 3600));
	else if (str_ieq(name, "TotalMinutes"))
		*out = sh_double((double)t / (tps * 60));
	else if (str_ieq(name, "TotalSeconds"))
		*out = sh_double((double)t / tps);
	else if (str_ieq(name, "TotalMilliseconds"))
		*out = sh_double((double)t / 10000.0);
	else
		return 1;
	return 0;
}

static int timespan_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                           sh_value **out, char **error)
{
	int64_t t = sh_ticks_of(self);
	if (str_ieq(name, "Add") || str_ieq(name, "Subtract")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		sh_value *ts = NULL;
		if (!arg_convert(args[0], SH_T_TIMESPAN, "System.TimeSpan", "ts", name, &ts, error))
			return -1;
		int64_t o = sh_ticks_of(ts);
		sh_unref(ts);
		*out = sh_timespan(str_ieq(name, "Add") ? t + o : t - o);
		return 0;
	}
	if (str_ieq(name, "Negate")) {
		if (nargs)
			return no_overload(error, name, nargs);
		*out = sh_timespan(-t);
		return 0;
	}
	if (str_ieq(name, "Duration")) {
		if (nargs)
			return no_overload(error, name, nargs);
		*out = sh_timespan(t < 0 ? -t : t);
		return 0;
	}
	if (str_ieq(name, "Multiply") || str_ieq(name, "Divide")) {
		double f;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) == SH_TIMESPAN && str_ieq(name, "Divide")) {
			*out = sh_double((double)t / (double)sh_ticks_of(args[0]));
			return 0;
		}
		if (!arg_double(args[0], "factor", name, &f, error))
			return -1;
		*out =
		    sh_timespan(llround(str_ieq(name, "Multiply") ? (double)t * f : (double)t / f));
		return 0;
	}
	if (str_ieq(name, "ToString")) {
		if (nargs > 2)
			return no_overload(error, name, nargs);
		char *fmt = nargs ? str_arg(args[0]) : xstrdup(""), *ferr = NULL;
		char *r = sh_format_value(self, fmt, &ferr);
		free(fmt);
		if (!r) {
			int rc = exception(error, name, nargs, ferr);
			free(ferr);
			return rc;
		}
		*out = sh_string_take(r);
		return 0;
	}
	if (str_ieq(name, "CompareTo") || str_ieq(name, "Equals")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (str_ieq(name, "Equals")) {
			*out = sh_bool(sh_kind_of(args[0]) == SH_TIMESPAN &&
			               sh_ticks_of(args[0]) == t);
			return 0;
		}
		if (sh_kind_of(args[0]) != SH_TIMESPAN && args[0])
			return exception(error, name, nargs, "Object must be of type TimeSpan.");
		int64_t o = sh_ticks_of(args[0]);
		*out = sh_int(args[0] ? (t < o ? -1 : t > o) : 1);
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* numbers, arrays, hashtables                                         */

static int number_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                         sh_value **out, char **error)
{
	if (str_ieq(name, "ToString")) {
		if (nargs > 2)
			return no_overload(error, name, nargs);
		if (nargs == 0 || !args[0] || sh_kind_of(args[0]) != SH_STRING) {
			*out = sh_string_take(sh_to_string(self));
			return 0;
		}
		char *ferr = NULL;
		char *r = sh_format_value(self, sh_str(args[0]), &ferr);
		if (!r) {
			int rc = exception(error, name, nargs, ferr);
			free(ferr);
			return rc;
		}
		*out = sh_string_take(r);
		return 0;
	}
	if (str_ieq(name, "Equals")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		*out = sh_bool(strict_equals(self, args[0]));
		return 0;
	}
	if (str_ieq(name, "CompareTo")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!args[0]) {
			*out = sh_int(1);
			return 0;
		}
		if (!sh_is_number(args[0]))
			return exception(
			    error, name, nargs,
			    sh_kind_of(self) == SH_INT    ? "Object must be of type Int32."
			    : sh_kind_of(self) == SH_LONG ? "Object must be of type Int64."
			                                  : "Object must be of type Double.");
		bool ok;
		*out = compare_result(sh_compare(self, args[0], true, &ok));
		return 0;
	}
	if (str_ieq(name, "GetTypeCode")) {
		*out = sh_string(sh_kind_of(self) == SH_INT    ? "Int32"
		                 : sh_kind_of(self) == SH_LONG ? "Int64"
		                                               : "Double");
		return 0;
	}
	return 1;
}

static int array_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                        sh_value **out, char **error)
{
	size_t n = sh_array_len(self);
	if (str_ieq(name, "Contains") || str_ieq(name, "IndexOf") || str_ieq(name, "LastIndexOf")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		int64_t found = -1;
		for (size_t i = 0; i < n; i++) {
			size_t k = str_ieq(name, "LastIndexOf") ? n - 1 - i : i;
			if (strict_equals(sh_array_get(self, k), args[0])) {
				found = (int64_t)k;
				break;
			}
		}
		*out = str_ieq(name, "Contains") ? sh_bool(found >= 0) : sh_integer(found);
		return 0;
	}
	if (str_ieq(name, "Clone")) {
		if (nargs)
			return no_overload(error, name, nargs);
		*out = sh_array_copy(self);
		return 0;
	}
	if (str_ieq(name, "GetValue")) {
		int64_t i;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "index", name, &i, error))
			return -1;
		if (i < 0 || (size_t)i >= n)
			return exception(error, name, nargs,
			                 "Index was outside the bounds of the array.");
		*out = sh_ref(sh_array_get(self, (size_t)i));
		return 0;
	}
	if (str_ieq(name, "SetValue")) {
		int64_t i;
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[1], "index", name, &i, error))
			return -1;
		if (i < 0 || (size_t)i >= n)
			return exception(error, name, nargs,
			                 "Index was outside the bounds of the array.");
		sh_array_set(self, (size_t)i, sh_ref(args[0]));
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "ToString")) {
		*out = sh_string("System.Object[]");
		return 0;
	}
	if (str_ieq(name, "Add") || str_ieq(name, "Remove") || str_ieq(name, "Insert") ||
	    str_ieq(name, "RemoveAt") || str_ieq(name, "Clear")) {
		return exception(error, name, nargs, "Collection was of a fixed size.");
	}
	if (str_ieq(name, "GetLength") || str_ieq(name, "GetUpperBound") ||
	    str_ieq(name, "GetLowerBound")) {
		int64_t dim;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "dimension", name, &dim, error))
			return -1;
		if (dim != 0)
			return exception(error, name, nargs,
			                 "Index was outside the bounds of the array.");
		*out = sh_integer(str_ieq(name, "GetLength")       ? (int64_t)n
		                  : str_ieq(name, "GetUpperBound") ? (int64_t)n - 1
		                                                   : 0);
		return 0;
	}
	return 1;
}

static sh_value *entry_object(sh_value *key, sh_value *value)
{
	sh_value *e = sh_object_new("System.Collections.DictionaryEntry");
	sh_object_add_typename(e, "System.ValueType");
	sh_object_add_typename(e, "System.Object");
	sh_object_set_note(e, "Key", sh_ref(key));
	sh_object_set_note(e, "Value", sh_ref(value));
	sh_object_add_alias_prop(e, "Name", "Key");
	return e;
}

static sh_value *hash_keys(const sh_value *h, bool values)
{
	size_t n = sh_hash_len(h);
	sh_value *arr = sh_array_new(n);
	for (size_t i = 0; i < n; i++)
		sh_array_append(arr,
		                sh_ref(values ? sh_hash_value_at(h, i) : sh_hash_key_at(h, i)));
	return arr;
}

static int hash_method(sh_value *self, const char *name, sh_value **args, size_t nargs,
                       sh_value **out, char **error)
{
	if (str_ieq(name, "ContainsKey") || str_ieq(name, "Contains")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Key cannot be null. (Parameter 'key')");
		*out = sh_bool(sh_hash_contains(self, args[0]));
		return 0;
	}
	if (str_ieq(name, "ContainsValue")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		bool found = false;
		for (size_t i = 0; i < sh_hash_len(self) && !found; i++)
			found = strict_equals(sh_hash_value_at(self, i), args[0]);
		*out = sh_bool(found);
		return 0;
	}
	if (str_ieq(name, "Add")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Key cannot be null. (Parameter 'key')");
		if (sh_hash_contains(self, args[0])) {
			char *k = sh_to_string(args[0]);
			char *existing = sh_to_string(sh_hash_key_at(self, 0));
			for (size_t i = 0; i < sh_hash_len(self); i++) {
				sh_value *key = sh_hash_key_at(self, i);
				sh_value *probe = sh_hash_new(false);
				sh_hash_set(probe, key, NULL);
				bool same = sh_hash_contains(probe, args[0]);
				sh_unref(probe);
				if (same) {
					free(existing);
					existing = sh_to_string(key);
					break;
				}
			}
			char *msg =
			    xasprintf("Item has already been added. Key in dictionary: '%s'  Key "
			              "being added: '%s'",
			              existing, k);
			free(k);
			free(existing);
			int rc = exception(error, name, nargs, msg);
			free(msg);
			return rc;
		}
		sh_hash_set(self, args[0], sh_ref(args[1]));
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "Remove")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Key cannot be null. (Parameter 'key')");
		sh_hash_remove(self, args[0]);
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "Clear")) {
		if (nargs)
			return no_overload(error, name, nargs);
		sh_hash_clear(self);
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "Clone")) {
		if (nargs)
			return no_overload(error, name, nargs);
		sh_value *h = sh_hash_new(sh_hash_is_ordered(self));
		for (size_t i = 0; i < sh_hash_len(self); i++)
			sh_hash_set(h, sh_hash_key_at(self, i), sh_ref(sh_hash_value_at(self, i)));
		*out = h;
		return 0;
	}
	if (str_ieq(name, "GetEnumerator")) {
		if (nargs)
			return no_overload(error, name, nargs);
		size_t n = sh_hash_len(self);
		sh_value *arr = sh_array_new(n);
		for (size_t i = 0; i < n; i++)
			sh_array_append(
			    arr, entry_object(sh_hash_key_at(self, i), sh_hash_value_at(self, i)));
		*out = arr;
		return 0;
	}
	if (str_ieq(name, "Item") || str_ieq(name, "get_Item")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		*out = sh_ref(sh_hash_get(self, args[0]));
		return 0;
	}
	if (str_ieq(name, "set_Item")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		sh_hash_set(self, args[0], sh_ref(args[1]));
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "Insert") && sh_hash_is_ordered(self)) {
		/* OrderedDictionary.Insert(index, key, value) */
		int64_t at;
		if (nargs != 3)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "index", name, &at, error))
			return -1;
		size_t n = sh_hash_len(self);
		if (at < 0 || (size_t)at > n)
			return exception(error, name, nargs,
			                 "Specified argument was out of the range of valid values. "
			                 "(Parameter 'index')");
		if (sh_hash_contains(self, args[1])) {
			char *k = sh_to_string(args[1]);
			char *msg =
			    xasprintf("Item has already been added. Key in dictionary: '%s'  Key "
			              "being added: '%s'",
			              k, k);
			int rc = exception(error, name, nargs, msg);
			free(msg);
			free(k);
			return rc;
		}
		sh_value *copy = sh_hash_new(true);
		for (size_t i = 0; i <= n; i++) {
			if (i == (size_t)at)
				sh_hash_set(copy, args[1], sh_ref(args[2]));
			if (i < n)
				sh_hash_set(copy, sh_hash_key_at(self, i),
				            sh_ref(sh_hash_value_at(self, i)));
		}
		sh_hash_clear(self);
		for (size_t i = 0; i < sh_hash_len(copy); i++)
			sh_hash_set(self, sh_hash_key_at(copy, i),
			            sh_ref(sh_hash_value_at(copy, i)));
		sh_unref(copy);
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "ToString")) {
		*out = sh_string(sh_type_name(self));
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* dispatch                                                            */

int sh_builtin_property(const sh_value *self, const char *name, sh_value **out)
{
	*out = NULL;
	if (!name)
		return 1;
	switch (sh_kind_of(self)) {
	case SH_NULL:
		if (str_ieq(name, "Count") || str_ieq(name, "Length")) {
			*out = sh_int(0);
			return 0;
		}
		return 1;
	case SH_STRING:
		if (str_ieq(name, "Length")) {
			*out = sh_integer((int64_t)utf8_length(sh_str(self)));
			return 0;
		}
		break;
	case SH_SECURESTRING:
		if (str_ieq(name, "Length")) {
			*out = sh_integer((int64_t)utf8_length(sh_str(self)));
			return 0;
		}
		break;
	case SH_ARRAY:
		if (str_ieq(name, "Count") || str_ieq(name, "Length") ||
		    str_ieq(name, "LongLength")) {
			*out = str_ieq(name, "LongLength")
			           ? sh_long((int64_t)sh_array_len(self))
			           : sh_integer((int64_t)sh_array_len(self));
			return 0;
		}
		if (str_ieq(name, "Rank")) {
			*out = sh_int(1);
			return 0;
		}
		if (str_ieq(name, "IsFixedSize") || str_ieq(name, "IsReadOnly") ||
		    str_ieq(name, "IsSynchronized")) {
			*out = sh_bool(str_ieq(name, "IsFixedSize"));
			return 0;
		}
		if (str_ieq(name, "SyncRoot")) {
			*out = sh_ref((sh_value *)self);
			return 0;
		}
		return 1;
	case SH_HASHTABLE:
		if (str_ieq(name, "Count")) {
			*out = sh_integer((int64_t)sh_hash_len(self));
			return 0;
		}
		if (str_ieq(name, "Keys") || str_ieq(name, "Values")) {
			*out = hash_keys(self, str_ieq(name, "Values"));
			return 0;
		}
		if (str_ieq(name, "IsReadOnly") || str_ieq(name, "IsFixedSize") ||
		    str_ieq(name, "IsSynchronized")) {
			*out = sh_bool(false);
			return 0;
		}
		return 1;
	case SH_DATETIME:
		if (date_property(self, name, out) == 0)
			return 0;
		break;
	case SH_TIMESPAN:
		if (timespan_property(self, name, out) == 0)
			return 0;
		break;
	case SH_TYPE: {
		sh_type t = sh_type_of_typevalue(self);
		const char *full = t.name ? t.name : "System.Object";
		if (str_ieq(name, "FullName")) {
			*out = sh_string(full);
			return 0;
		}
		if (str_ieq(name, "Name")) {
			const char *dot = strrchr(full, '.');
			*out = sh_string(dot ? dot + 1 : full);
			return 0;
		}
		if (str_ieq(name, "Namespace")) {
			const char *dot = strrchr(full, '.');
			*out = dot ? sh_string_n(full, (size_t)(dot - full)) : NULL;
			return 0;
		}
		if (str_ieq(name, "IsArray")) {
			*out = sh_bool(t.is_array || t.id == SH_T_ARRAY);
			return 0;
		}
		if (str_ieq(name, "IsPublic") || str_ieq(name, "IsSerial") ||
		    str_ieq(name, "IsClass") || str_ieq(name, "IsValueType")) {
			bool value_type =
			    !t.is_array &&
			    (t.id == SH_T_BOOL || t.id == SH_T_INT || t.id == SH_T_LONG ||
			     t.id == SH_T_DOUBLE || t.id == SH_T_BYTE || t.id == SH_T_CHAR ||
			     t.id == SH_T_DATETIME || t.id == SH_T_TIMESPAN || t.id == SH_T_GUID ||
			     t.id == SH_T_SWITCH);
			if (str_ieq(name, "IsValueType"))
				*out = sh_bool(value_type);
			else if (str_ieq(name, "IsClass"))
				*out = sh_bool(!value_type);
			else
				*out = sh_bool(t.id != SH_T_NAMED || t.is_array);
			return 0;
		}
		if (str_ieq(name, "BaseType")) {
			sh_type base;
			if (t.id == SH_T_OBJECT && !t.is_array) {
				*out = NULL;
				return 0;
			}
			const char *bn = "System.Object";
			if (t.is_array || t.id == SH_T_ARRAY)
				bn = t.id == SH_T_ARRAY && !t.is_array &&
				             strcmp(full, "System.Array") == 0
				         ? "System.Object"
				         : "System.Array";
			else if (t.id == SH_T_BOOL || t.id == SH_T_INT || t.id == SH_T_LONG ||
			         t.id == SH_T_DOUBLE || t.id == SH_T_BYTE || t.id == SH_T_CHAR ||
			         t.id == SH_T_DATETIME || t.id == SH_T_TIMESPAN ||
			         t.id == SH_T_GUID || t.id == SH_T_SWITCH)
				bn = "System.ValueType";
			sh_type_lookup(bn, &base);
			*out = sh_type_value(base);
			return 0;
		}
		return 1;
	}
	case SH_OBJECT:
		return 1;
	default:
		break;
	}
	/* every scalar answers .Count and .Length as a one-item collection */
	if (sh_kind_of(self) != SH_OBJECT && (str_ieq(name, "Count") || str_ieq(name, "Length"))) {
		*out = sh_int(1);
		return 0;
	}
	return 1;
}

static int object_method(struct sh_interp *in, sh_value *self, const char *name, sh_value **args,
                         size_t nargs, sh_value **out, char **error)
{
	const char *tn = sh_type_name(self);
	if (strcmp(tn, REGEX_TYPE) == 0) {
		const char *pattern = sh_object_native(self);
		int rc =
		    regex_op(name, pattern ? pattern : "", true, args, nargs, nargs, out, error);
		if (rc != 1)
			return rc;
	}
	if (strcmp(tn, GUID_TYPE) == 0 && str_ieq(name, "ToString") && nargs == 1) {
		char *fmt = str_arg(args[0]), *ferr = NULL;
		char *r = sh_format_value(self, fmt, &ferr);
		free(fmt);
		if (!r) {
			int rc = exception(error, name, nargs, ferr);
			free(ferr);
			return rc;
		}
		*out = sh_string_take(r);
		return 0;
	}
	if (strcmp(tn, GUID_TYPE) == 0 && str_ieq(name, "Equals") && nargs == 1) {
		*out = sh_bool(sh_equals(self, args[0], false));
		return 0;
	}
	(void)in;
	return 1;
}

int sh_builtin_method(struct sh_interp *in, sh_value *self, const char *name, sh_value **args,
                      size_t nargs, sh_value **out, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	if (!name)
		return 1;
	int rc = 1;
	switch (sh_kind_of(self)) {
	case SH_NULL:
		return 1;
	case SH_STRING:
		rc = string_method(self, name, args, nargs, out, error);
		break;
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
		rc = number_method(self, name, args, nargs, out, error);
		break;
	case SH_ARRAY:
		rc = array_method(self, name, args, nargs, out, error);
		break;
	case SH_HASHTABLE:
		rc = hash_method(self, name, args, nargs, out, error);
		break;
	case SH_DATETIME:
		rc = date_method(self, name, args, nargs, out, error);
		break;
	case SH_TIMESPAN:
		rc = timespan_method(self, name, args, nargs, out, error);
		break;
	case SH_OBJECT:
		rc = object_method(in, self, name, args, nargs, out, error);
		break;
	case SH_BOOL:
		if (str_ieq(name, "CompareTo") && nargs == 1) {
			*out = sh_int((int)sh_bool_of(self) - (int)sh_to_bool(args[0]));
			return 0;
		}
		break;
	case SH_TYPE:
		if (str_ieq(name, "ToString") && nargs == 0) {
			sh_type t = sh_type_of_typevalue(self);
			*out = sh_string(t.name ? t.name : "System.Object");
			return 0;
		}
		if (str_ieq(name, "IsInstanceOfType") && nargs == 1) {
			*out = sh_bool(sh_value_is(args[0], sh_type_of_typevalue(self)));
			return 0;
		}
		break;
	default:
		break;
	}
	if (rc != 1)
		return rc;
	/* members every .NET object has */
	if (str_ieq(name, "GetType")) {
		if (nargs)
			return no_overload(error, name, nargs);
		*out = type_of(self);
		return 0;
	}
	if (str_ieq(name, "ToString")) {
		if (nargs > 1)
			return no_overload(error, name, nargs);
		*out = sh_string_take(sh_to_string(self));
		return 0;
	}
	if (str_ieq(name, "Equals")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		*out = sh_bool(strict_equals(self, args[0]));
		return 0;
	}
	if (str_ieq(name, "GetHashCode")) {
		if (nargs)
			return no_overload(error, name, nargs);
		*out = sh_int((int32_t)((uintptr_t)self >> 4));
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* static members                                                      */

static sh_value *max_value(sh_typeid id, bool max)
{
	switch (id) {
	case SH_T_INT:
		return sh_int(max ? INT32_MAX : INT32_MIN);
	case SH_T_LONG:
		return sh_long(max ? INT64_MAX : INT64_MIN);
	case SH_T_BYTE:
		return sh_int(max ? 255 : 0);
	case SH_T_DOUBLE:
		return sh_double(max ? 1.7976931348623157e308 : -1.7976931348623157e308);
	case SH_T_DATETIME:
		return sh_datetime(max ? MAX_TICKS : 0, SH_DT_UNSPECIFIED);
	case SH_T_TIMESPAN:
		return sh_timespan(max ? INT64_MAX : INT64_MIN);
	case SH_T_CHAR:
		return max ? sh_string("\xef\xbf\xbf") : sh_string_n("\0", 1);
	default:
		return NULL;
	}
}

static bool single_float(sh_type t)
{
	return t.name && strcmp(t.name, "System.Single") == 0;
}

int sh_static_property(sh_type type, const char *name, sh_value **out, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	if (!name || type.is_array)
		return 1;
	switch (type.id) {
	case SH_T_INT:
	case SH_T_LONG:
	case SH_T_BYTE:
	case SH_T_DOUBLE:
	case SH_T_CHAR:
		if (str_ieq(name, "MaxValue") || str_ieq(name, "MinValue")) {
			if (type.id == SH_T_DOUBLE && single_float(type)) {
				*out =
				    sh_double(str_ieq(name, "MaxValue") ? 3.4028234663852886e38
				                                        : -3.4028234663852886e38);
				return 0;
			}
			*out = max_value(type.id, str_ieq(name, "MaxValue"));
			return 0;
		}
		if (type.id == SH_T_DOUBLE) {
			if (str_ieq(name, "NaN"))
				*out = sh_double(NAN);
			else if (str_ieq(name, "PositiveInfinity"))
				*out = sh_double(INFINITY);
			else if (str_ieq(name, "NegativeInfinity"))
				*out = sh_double(-INFINITY);
			else if (str_ieq(name, "Epsilon"))
				*out = sh_double(4.9406564584124654e-324);
			else
				return 1;
			return 0;
		}
		return 1;
	case SH_T_MATH:
		if (str_ieq(name, "PI"))
			*out = sh_double(M_PI);
		else if (str_ieq(name, "E"))
			*out = sh_double(M_E);
		else if (str_ieq(name, "Tau"))
			*out = sh_double(2 * M_PI);
		else
			return 1;
		return 0;
	case SH_T_STRING:
		if (str_ieq(name, "Empty")) {
			*out = sh_string("");
			return 0;
		}
		return 1;
	case SH_T_DATETIME:
		if (str_ieq(name, "Now"))
			*out = sh_datetime(sh_now_ticks(SH_DT_LOCAL), SH_DT_LOCAL);
		else if (str_ieq(name, "UtcNow"))
			*out = sh_datetime(sh_now_ticks(SH_DT_UTC), SH_DT_UTC);
		else if (str_ieq(name, "Today")) {
			int64_t t = sh_now_ticks(SH_DT_LOCAL);
			*out = sh_datetime(t - t % SH_TICKS_PER_DAY, SH_DT_LOCAL);
		} else if (str_ieq(name, "MaxValue") || str_ieq(name, "MinValue"))
			*out = max_value(type.id, str_ieq(name, "MaxValue"));
		else if (str_ieq(name, "UnixEpoch"))
			*out = sh_datetime(sh_ticks_from_civil(1970, 1, 1, 0, 0, 0, 0), SH_DT_UTC);
		else
			return 1;
		return 0;
	case SH_T_TIMESPAN:
		if (str_ieq(name, "Zero"))
			*out = sh_timespan(0);
		else if (str_ieq(name, "MaxValue") || str_ieq(name, "MinValue"))
			*out = max_value(type.id, str_ieq(name, "MaxValue"));
		else if (str_ieq(name, "TicksPerSecond"))
			*out = sh_long(SH_TICKS_PER_SECOND);
		else if (str_ieq(name, "TicksPerMillisecond"))
			*out = sh_long(10000);
		else if (str_ieq(name, "TicksPerMinute"))
			*out = sh_long(60 * SH_TICKS_PER_SECOND);
		else if (str_ieq(name, "TicksPerHour"))
			*out = sh_long(3600 * SH_TICKS_PER_SECOND);
		else if (str_ieq(name, "TicksPerDay"))
			*out = sh_long(SH_TICKS_PER_DAY);
		else
			return 1;
		return 0;
	case SH_T_GUID:
		if (str_ieq(name, "Empty")) {
			*out = sh_guid_value("00000000-0000-0000-0000-000000000000");
			return 0;
		}
		return 1;
	case SH_T_IOPATH:
		if (str_ieq(name, "DirectorySeparatorChar") ||
		    str_ieq(name, "AltDirectorySeparatorChar"))
			*out = sh_string("/");
		else if (str_ieq(name, "PathSeparator"))
			*out = sh_string(":");
		else if (str_ieq(name, "VolumeSeparatorChar"))
			*out = sh_string("/");
		else
			return 1;
		return 0;
	case SH_T_ENVIRONMENT:
		if (str_ieq(name, "MachineName")) {
			struct utsname u;
			if (uname(&u) == 0) {
				char *dot = strchr(u.nodename, '.');
				if (dot)
					*dot = '\0';
				*out = sh_string(u.nodename);
			} else {
				*out = sh_string("localhost");
			}
		} else if (str_ieq(name, "UserName")) {
			struct passwd *pw = getpwuid(geteuid());
			const char *u = pw ? pw->pw_name : getenv("USER");
			*out = sh_string(u ? u : "");
		} else if (str_ieq(name, "NewLine")) {
			*out = sh_string("\n");
		} else if (str_ieq(name, "ProcessorCount")) {
			long n = sysconf(_SC_NPROCESSORS_ONLN);
			*out = sh_int(n > 0 ? (int32_t)n : 1);
		} else if (str_ieq(name, "CurrentDirectory")) {
			char *cwd = getcwd(NULL, 0);
			*out = sh_string(cwd ? cwd : "");
			free(cwd);
		} else if (str_ieq(name, "ProcessId")) {
			*out = sh_int((int32_t)getpid());
		} else if (str_ieq(name, "Is64BitProcess") ||
		           str_ieq(name, "Is64BitOperatingSystem")) {
			*out = sh_bool(sizeof(void *) == 8);
		} else if (str_ieq(name, "TickCount") || str_ieq(name, "TickCount64")) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			int64_t ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
			*out = str_ieq(name, "TickCount") ? sh_int((int32_t)ms) : sh_long(ms);
		} else if (str_ieq(name, "UserInteractive")) {
			*out = sh_bool(isatty(0));
		} else {
			return 1;
		}
		return 0;
	default:
		return 1;
	}
}

static int math_method(const char *name, sh_value **args, size_t nargs, sh_value **out,
                       char **error)
{
	static const struct {
		const char *name;
		double (*fn)(double);
	} unary[] = {{"Sqrt", sqrt}, {"Exp", exp},   {"Log10", log10}, {"Sin", sin},
	             {"Cos", cos},   {"Tan", tan},   {"Asin", asin},   {"Acos", acos},
	             {"Atan", atan}, {"Sinh", sinh}, {"Cosh", cosh},   {"Tanh", tanh},
	             {"Cbrt", cbrt}, {"Log2", log2}};
	double x, y;
	for (size_t i = 0; i < sizeof unary / sizeof *unary; i++)
		if (str_ieq(name, unary[i].name)) {
			if (nargs != 1)
				return no_overload(error, name, nargs);
			if (!arg_double(args[0], "d", name, &x, error))
				return -1;
			*out = sh_double(unary[i].fn(x));
			return 0;
		}
	if (str_ieq(name, "Log")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "a", name, &x, error))
			return -1;
		if (nargs == 2) {
			if (!arg_double(args[1], "newBase", name, &y, error))
				return -1;
			*out = sh_double(log(x) / log(y));
		} else {
			*out = sh_double(log(x));
		}
		return 0;
	}
	if (str_ieq(name, "Pow") || str_ieq(name, "Atan2") || str_ieq(name, "IEEERemainder")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "x", name, &x, error) ||
		    !arg_double(args[1], "y", name, &y, error))
			return -1;
		*out = sh_double(str_ieq(name, "Pow")     ? pow(x, y)
		                 : str_ieq(name, "Atan2") ? atan2(x, y)
		                                          : remainder(x, y));
		return 0;
	}
	bool all_int = true;
	for (size_t i = 0; i < nargs; i++)
		if (sh_kind_of(args[i]) != SH_INT && sh_kind_of(args[i]) != SH_LONG)
			all_int = false;
	if (str_ieq(name, "Max") || str_ieq(name, "Min")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		bool max = str_ieq(name, "Max");
		if (all_int) {
			int64_t a = sh_long_of(args[0]), b = sh_long_of(args[1]);
			int64_t r = max ? (a > b ? a : b) : (a < b ? a : b);
			bool wide =
			    sh_kind_of(args[0]) == SH_LONG || sh_kind_of(args[1]) == SH_LONG;
			*out = wide ? sh_long(r) : sh_int((int32_t)r);
			return 0;
		}
		if (!arg_double(args[0], "val1", name, &x, error) ||
		    !arg_double(args[1], "val2", name, &y, error))
			return -1;
		if (isnan(x) || isnan(y))
			*out = sh_double(NAN);
		else
			*out = sh_double(max ? (x > y ? x : y) : (x < y ? x : y));
		return 0;
	}
	if (str_ieq(name, "Abs")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (all_int) {
			int64_t a = sh_long_of(args[0]);
			if ((sh_kind_of(args[0]) == SH_INT && a == INT32_MIN) || a == INT64_MIN)
				return exception(
				    error, name, nargs,
				    "Negating the minimum value of a twos complement number is "
				    "invalid.");
			*out = sh_kind_of(args[0]) == SH_INT ? sh_int((int32_t)llabs(a))
			                                     : sh_long(llabs(a));
			return 0;
		}
		if (!arg_double(args[0], "value", name, &x, error))
			return -1;
		*out = sh_double(fabs(x));
		return 0;
	}
	if (str_ieq(name, "Sign")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "value", name, &x, error))
			return -1;
		if (isnan(x))
			return exception(
			    error, name, nargs,
			    "Function does not accept floating point Not-a-Number values.");
		*out = sh_int(x > 0 ? 1 : x < 0 ? -1 : 0);
		return 0;
	}
	if (str_ieq(name, "Floor") || str_ieq(name, "Ceiling") || str_ieq(name, "Truncate")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "d", name, &x, error))
			return -1;
		*out = sh_double(str_ieq(name, "Floor")     ? floor(x)
		                 : str_ieq(name, "Ceiling") ? ceil(x)
		                                            : trunc(x));
		return 0;
	}
	if (str_ieq(name, "Round")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "value", name, &x, error))
			return -1;
		int64_t digits = 0;
		bool away = false;
		for (size_t i = 1; i < nargs; i++) {
			if (sh_kind_of(args[i]) == SH_STRING) {
				const char *mode = sh_str(args[i]);
				if (str_ieq(mode, "AwayFromZero"))
					away = true;
				else if (!str_ieq(mode, "ToEven")) {
					char *msg = xasprintf(
					    "Cannot convert argument \"mode\", with value: "
					    "\"%s\", for \"Round\" to type "
					    "\"System.MidpointRounding\": \"Cannot convert "
					    "value \"%s\" to type "
					    "\"System.MidpointRounding\".\"",
					    mode, mode);
					return fail(error, msg);
				}
			} else if (!arg_int(args[i], "digits", name, &digits, error)) {
				return -1;
			}
		}
		if (digits < 0 || digits > 15)
			return exception(
			    error, name, nargs,
			    "Rounding digits must be between 0 and 15, inclusive. (Parameter "
			    "'digits')");
		double p = pow(10.0, (double)digits);
		double v = x * p;
		double r = away ? round(v) : nearbyint(v);
		if (!away && fabs(v - trunc(v)) == 0.5)
			r = 2.0 * round(v / 2.0);
		double res = r / p;
		if (isinf(v) || fabs(x) >= 1e16)
			res = x;
		*out = sh_double(res);
		return 0;
	}
	if (str_ieq(name, "Clamp")) {
		if (nargs != 3)
			return no_overload(error, name, nargs);
		double lo, hi;
		if (!arg_double(args[0], "value", name, &x, error) ||
		    !arg_double(args[1], "min", name, &lo, error) ||
		    !arg_double(args[2], "max", name, &hi, error))
			return -1;
		double r = x < lo ? lo : x > hi ? hi : x;
		*out = all_int ? sh_integer((int64_t)r) : sh_double(r);
		return 0;
	}
	if (str_ieq(name, "DivRem")) {
		int64_t a, b;
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_long(args[0], "a", name, &a, error) ||
		    !arg_long(args[1], "b", name, &b, error))
			return -1;
		if (b == 0)
			return exception(error, name, nargs, "Attempted to divide by zero.");
		*out = sh_integer(a / b);
		return 0;
	}
	return 1;
}

/* Joins the values of a params array: one array argument or several. */
static char *join_params(const char *sep, sh_value **args, size_t nargs)
{
	sh_buf b = {0};
	sh_value **items = args;
	size_t n = nargs;
	if (nargs == 1 && sh_kind_of(args[0]) == SH_ARRAY) {
		items = sh_array_items(args[0]);
		n = sh_array_len(args[0]);
	}
	for (size_t i = 0; i < n; i++) {
		if (i && sep)
			buf_puts(&b, sep);
		char *s = sh_to_string(items[i]);
		buf_puts(&b, s);
		free(s);
	}
	return buf_detach(&b);
}

static int string_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                         char **error)
{
	if (str_ieq(name, "IsNullOrEmpty") || str_ieq(name, "IsNullOrWhiteSpace")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		bool empty = true;
		if (str_ieq(name, "IsNullOrEmpty")) {
			empty = !*s;
		} else {
			for (const char *p = s; *p && empty;)
				empty = is_space_cp(decode(&p));
		}
		free(s);
		*out = sh_bool(!args[0] || empty);
		return 0;
	}
	if (str_ieq(name, "Join")) {
		if (nargs < 2)
			return no_overload(error, name, nargs);
		char *sep = sh_to_string(args[0]);
		*out = sh_string_take(join_params(sep, args + 1, nargs - 1));
		free(sep);
		return 0;
	}
	if (str_ieq(name, "Concat")) {
		*out = sh_string_take(join_params(NULL, args, nargs));
		return 0;
	}
	if (str_ieq(name, "Format")) {
		if (nargs < 1)
			return no_overload(error, name, nargs);
		char *fmt = sh_to_string(args[0]), *ferr = NULL;
		sh_value **fargs = args + 1;
		size_t n = nargs - 1;
		if (n == 1 && sh_kind_of(args[1]) == SH_ARRAY) {
			fargs = sh_array_items(args[1]);
			n = sh_array_len(args[1]);
		}
		char *r = sh_format_composite(fmt, fargs, n, &ferr);
		free(fmt);
		if (!r) {
			int rc = exception(error, name, nargs, ferr);
			free(ferr);
			return rc;
		}
		*out = sh_string_take(r);
		return 0;
	}
	if (str_ieq(name, "Compare") || str_ieq(name, "CompareOrdinal")) {
		if (nargs < 2 || nargs > 3)
			return no_overload(error, name, nargs);
		if (!args[0] || !args[1]) {
			*out = sh_int(args[0] ? 1 : args[1] ? -1 : 0);
			return 0;
		}
		char *a = sh_to_string(args[0]), *b = sh_to_string(args[1]);
		int c;
		if (str_ieq(name, "CompareOrdinal")) {
			c = strcmp(a, b);
		} else {
			bool ic = nargs == 3 && comparison_ignores_case(args[2]);
			sh_value *va = sh_string(a), *vb = sh_string(b);
			bool ok;
			c = sh_compare(va, vb, !ic, &ok);
			sh_unref(va);
			sh_unref(vb);
		}
		free(a);
		free(b);
		*out = compare_result(c);
		return 0;
	}
	if (str_ieq(name, "Equals")) {
		if (nargs < 2 || nargs > 3)
			return no_overload(error, name, nargs);
		if (!args[0] || !args[1]) {
			*out = sh_bool(!args[0] && !args[1]);
			return 0;
		}
		char *a = sh_to_string(args[0]), *b = sh_to_string(args[1]);
		bool ic = nargs == 3 && comparison_ignores_case(args[2]);
		*out = sh_bool(ic ? str_ieq(a, b) : strcmp(a, b) == 0);
		free(a);
		free(b);
		return 0;
	}
	if (str_ieq(name, "new")) {
		/* [string]::new('x', 3) */
		int64_t n;
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[1], "count", name, &n, error))
			return -1;
		char *c = sh_to_string(args[0]);
		sh_buf b = {0};
		for (int64_t i = 0; i < n; i++)
			buf_puts(&b, c);
		free(c);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	return 1;
}

/* DateTime.ParseExact for custom formats (and the one-letter standard
 * ones, through their invariant patterns). */
static bool parse_exact(const char *s, const char *fmt, int64_t *ticks)
{
	static const char *const months[] = {"January",   "February", "March",    "April",
	                                     "May",       "June",     "July",     "August",
	                                     "September", "October",  "November", "December"};
	int y = 1, mo = 1, d = 1, h = 0, mi = 0, sec = 0, pm = -1;
	int64_t frac = 0;
	if (fmt[0] && !fmt[1]) {
		static const struct {
			char c;
			const char *p;
		} std[] = {{'d', "MM/dd/yyyy"},
		           {'D', "dddd, dd MMMM yyyy"},
		           {'t', "HH:mm"},
		           {'T', "HH:mm:ss"},
		           {'g', "MM/dd/yyyy HH:mm"},
		           {'G', "MM/dd/yyyy HH:mm:ss"},
		           {'s', "yyyy-MM-ddTHH:mm:ss"},
		           {'u', "yyyy-MM-dd HH:mm:ssZ"}};
		for (size_t i = 0; i < sizeof std / sizeof *std; i++)
			if (std[i].c == fmt[0])
				return parse_exact(s, std[i].p, ticks);
		return false;
	}
	const char *p = s;
	for (const char *f = fmt; *f;) {
		char c = *f;
		int n = 0;
		while (f[n] == c)
			n++;
		int *target = NULL, maxd = 2, mind = n >= 2 ? 2 : 1;
		switch (c) {
		case 'y':
			target = &y;
			maxd = n <= 2 ? 2 : 4;
			mind = n <= 2 ? (n == 2 ? 2 : 1) : 4;
			break;
		case 'M':
			if (n >= 3) {
				bool found = false;
				for (int m = 0; m < 12 && !found; m++) {
					size_t l = n == 3 ? 3 : strlen(months[m]);
					if (strncasecmp(p, months[m], l) == 0) {
						mo = m + 1;
						p += l;
						found = true;
					}
				}
				if (!found)
					return false;
				f += n;
				continue;
			}
			target = &mo;
			break;
		case 'd':
			if (n >= 3) {
				static const char *const days[] = {
				    "Sunday",   "Monday", "Tuesday", "Wednesday",
				    "Thursday", "Friday", "Saturday"};
				bool found = false;
				for (int k = 0; k < 7 && !found; k++) {
					size_t l = n == 3 ? 3 : strlen(days[k]);
					if (strncasecmp(p, days[k], l) == 0) {
						p += l;
						found = true;
					}
				}
				if (!found)
					return false;
				f += n;
				continue;
			}
			target = &d;
			break;
		case 'H':
		case 'h':
			target = &h;
			break;
		case 'm':
			target = &mi;
			break;
		case 's':
			target = &sec;
			break;
		case 'f':
		case 'F': {
			int k = 0;
			int64_t v = 0;
			while (k < n && isdigit((unsigned char)p[k])) {
				v = v * 10 + (p[k] - '0');
				k++;
			}
			if (c == 'f' && k != n)
				return false;
			p += k;
			for (; k < 7; k++)
				v *= 10;
			frac = v;
			f += n;
			continue;
		}
		case 't':
			if (strncasecmp(p, "AM", (size_t)(n >= 2 ? 2 : 1)) == 0)
				pm = 0;
			else if (strncasecmp(p, "PM", (size_t)(n >= 2 ? 2 : 1)) == 0)
				pm = 1;
			else
				return false;
			p += n >= 2 ? 2 : 1;
			f += n;
			continue;
		case '\'':
		case '"': {
			const char *e = strchr(f + 1, c);
			size_t l = e ? (size_t)(e - f - 1) : strlen(f + 1);
			if (strncmp(p, f + 1, l) != 0)
				return false;
			p += l;
			f += l + (e ? 2 : 1);
			continue;
		}
		case '\\':
			if (!f[1] || *p != f[1])
				return false;
			p++;
			f += 2;
			continue;
		case 'z':
		case 'K': {
			/* accept and skip an offset or Z */
			if (*p == 'Z')
				p++;
			else if (*p == '+' || *p == '-') {
				p++;
				while (isdigit((unsigned char)*p) || *p == ':')
					p++;
			}
			f += n;
			continue;
		}
		default:
			for (int k = 0; k < n; k++) {
				if (*p != c)
					return false;
				p++;
			}
			f += n;
			continue;
		}
		int k = 0, v = 0;
		while (k < maxd && isdigit((unsigned char)p[k])) {
			v = v * 10 + (p[k] - '0');
			k++;
		}
		if (k < mind)
			return false;
		if (c == 'y' && n <= 2)
			v += v < 50 ? 2000 : 1900;
		*target = v;
		p += k;
		f += n;
	}
	if (*p)
		return false;
	if (pm >= 0) {
		if (h < 1 || h > 12)
			return false;
		h = h % 12 + (pm ? 12 : 0);
	}
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59)
		return false;
	int maxday = dm[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > maxday)
		return false;
	*ticks = sh_ticks_from_civil(y, mo, d, h, mi, sec, 0) + frac;
	return true;
}

static int datetime_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                           char **error)
{
	int64_t y, m;
	if (str_ieq(name, "Parse")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		if (!sh_parse_datetime(s, out)) {
			char *msg = sh_datetime_parse_error(s);
			free(s);
			int rc = exception(error, name, nargs, msg);
			free(msg);
			return rc;
		}
		free(s);
		return 0;
	}
	if (str_ieq(name, "ParseExact")) {
		if (nargs < 2 || nargs > 4)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		int64_t ticks = 0;
		bool ok = false;
		size_t nf = sh_kind_of(args[1]) == SH_ARRAY ? sh_array_len(args[1]) : 1;
		for (size_t i = 0; i < nf && !ok; i++) {
			char *f = sh_to_string(
			    sh_kind_of(args[1]) == SH_ARRAY ? sh_array_get(args[1], i) : args[1]);
			ok = parse_exact(s, f, &ticks);
			free(f);
		}
		if (!ok) {
			char *msg =
			    xasprintf("String '%s' was not recognized as a valid DateTime.", s);
			free(s);
			int rc = exception(error, name, nargs, msg);
			free(msg);
			return rc;
		}
		free(s);
		*out = sh_datetime(ticks, SH_DT_UNSPECIFIED);
		return 0;
	}
	if (str_ieq(name, "DaysInMonth")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "year", name, &y, error) ||
		    !arg_int(args[1], "month", name, &m, error))
			return -1;
		if (m < 1 || m > 12)
			return exception(
			    error, name, nargs,
			    "Month must be between one and twelve. (Parameter 'month')");
		if (y < 1 || y > 9999)
			return exception(error, name, nargs,
			                 "Year must be between 1 and 9999. (Parameter 'year')");
		static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		*out =
		    sh_int(dm[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)));
		return 0;
	}
	if (str_ieq(name, "IsLeapYear")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_int(args[0], "year", name, &y, error))
			return -1;
		if (y < 1 || y > 9999)
			return exception(error, name, nargs,
			                 "Year must be between 1 and 9999. (Parameter 'year')");
		*out = sh_bool((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
		return 0;
	}
	if (str_ieq(name, "new")) {
		int64_t f[7] = {1, 1, 1, 0, 0, 0, 0};
		static const char *const pn[] = {"year",   "month",  "day",        "hour",
		                                 "minute", "second", "millisecond"};
		if (nargs == 1) {
			if (!arg_long(args[0], "ticks", name, &f[0], error))
				return -1;
			if (f[0] < 0 || f[0] > MAX_TICKS)
				return exception(
				    error, name, nargs,
				    "Ticks must be between DateTime.MinValue.Ticks and "
				    "DateTime.MaxValue.Ticks. (Parameter 'ticks')");
			*out = sh_datetime(f[0], SH_DT_UNSPECIFIED);
			return 0;
		}
		if (nargs != 3 && nargs != 6 && nargs != 7)
			return no_overload(error, name, nargs);
		for (size_t i = 0; i < nargs; i++)
			if (!arg_int(args[i], pn[i], name, &f[i], error))
				return -1;
		static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool bad =
		    f[0] < 1 || f[0] > 9999 || f[1] < 1 || f[1] > 12 || f[2] < 1 ||
		    f[2] > dm[f[1] - 1] + (f[1] == 2 &&
		                           ((f[0] % 4 == 0 && f[0] % 100 != 0) || f[0] % 400 == 0));
		if (bad)
			return exception(
			    error, name, nargs,
			    "Year, Month, and Day parameters describe an un-representable "
			    "DateTime.");
		if (f[3] < 0 || f[3] > 23 || f[4] < 0 || f[4] > 59 || f[5] < 0 || f[5] > 59 ||
		    f[6] < 0 || f[6] > 999)
			return exception(
			    error, name, nargs,
			    "Hour, Minute, and Second parameters describe an un-representable "
			    "DateTime.");
		*out = sh_datetime(sh_ticks_from_civil((int)f[0], (int)f[1], (int)f[2], (int)f[3],
		                                       (int)f[4], (int)f[5], (int)f[6]),
		                   SH_DT_UNSPECIFIED);
		return 0;
	}
	if (str_ieq(name, "SpecifyKind")) {
		if (nargs != 2)
			return no_overload(error, name, nargs);
		char *k = sh_to_string(args[1]);
		sh_datetime_kind kind = str_ieq(k, "Utc")     ? SH_DT_UTC
		                        : str_ieq(k, "Local") ? SH_DT_LOCAL
		                                              : SH_DT_UNSPECIFIED;
		free(k);
		*out = sh_datetime(sh_ticks_of(args[0]), kind);
		return 0;
	}
	return 1;
}

static int timespan_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                           char **error)
{
	static const struct {
		const char *name;
		int64_t unit;
	} from[] = {{"FromDays", SH_TICKS_PER_DAY},
	            {"FromHours", 3600 * SH_TICKS_PER_SECOND},
	            {"FromMinutes", 60 * SH_TICKS_PER_SECOND},
	            {"FromSeconds", SH_TICKS_PER_SECOND},
	            {"FromMilliseconds", 10000}};
	for (size_t i = 0; i < sizeof from / sizeof *from; i++)
		if (str_ieq(name, from[i].name)) {
			double v;
			if (nargs != 1)
				return no_overload(error, name, nargs);
			if (!arg_double(args[0], "value", name, &v, error))
				return -1;
			if (isnan(v))
				return exception(error, name, nargs,
				                 "TimeSpan does not accept floating "
				                 "point Not-a-Number values.");
			double t = v * (double)from[i].unit;
			if (t > 9.2e18 || t < -9.2e18)
				return exception(
				    error, name, nargs,
				    "TimeSpan overflowed because the duration is too long.");
			*out = sh_timespan(llround(t));
			return 0;
		}
	if (str_ieq(name, "FromTicks")) {
		int64_t t;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_long(args[0], "value", name, &t, error))
			return -1;
		*out = sh_timespan(t);
		return 0;
	}
	if (str_ieq(name, "Parse")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		if (!sh_parse_timespan(s, out)) {
			char *msg =
			    xasprintf("String '%s' was not recognized as a valid TimeSpan.", s);
			free(s);
			int rc = exception(error, name, nargs, msg);
			free(msg);
			return rc;
		}
		free(s);
		return 0;
	}
	if (str_ieq(name, "new")) {
		int64_t f[5] = {0};
		if (nargs == 1) {
			if (!arg_long(args[0], "ticks", name, &f[0], error))
				return -1;
			*out = sh_timespan(f[0]);
			return 0;
		}
		if (nargs < 3 || nargs > 5)
			return no_overload(error, name, nargs);
		for (size_t i = 0; i < nargs; i++)
			if (!arg_int(args[i], "value", name, &f[i], error))
				return -1;
		int64_t d = nargs >= 4 ? f[0] : 0;
		int64_t *hms = nargs >= 4 ? f + 1 : f;
		int64_t ms = nargs == 5 ? f[4] : 0;
		*out = sh_timespan(
		    ((d * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2]) * 1000 + ms) * 10000);
		return 0;
	}
	return 1;
}

/* Int32/Int64/Double/Byte.Parse: stricter than casts (no hex, no
 * size suffixes). */
static int number_parse(sh_type type, const char *name, sh_value **args, size_t nargs,
                        sh_value **out, char **error)
{
	if (str_ieq(name, "Parse")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Value cannot be null. (Parameter 's')");
		char *s = sh_to_string(args[0]);
		const char *p = s;
		while (isspace((unsigned char)*p))
			p++;
		char *end;
		errno = 0;
		int rc = 0;
		if (type.id == SH_T_DOUBLE) {
			/* allow thousands separators as .NET's Float|AllowThousands does */
			sh_buf clean = {0};
			for (const char *q = p; *q; q++)
				if (*q != ',')
					buf_putc(&clean, *q);
			const char *c = buf_str(&clean);
			double d = strtod(c, &end);
			while (isspace((unsigned char)*end))
				end++;
			bool hexish =
			    strchr(c, 'x') || strchr(c, 'X') || strchr(c, 'p') || strchr(c, 'P');
			if (end == c || *end || hexish) {
				if (str_ieq(p, "NaN") || str_ieq(p, "Infinity") ||
				    str_ieq(p, "-Infinity"))
					*out = sh_double(str_ieq(p, "NaN") ? NAN
					                 : *p == '-'       ? -INFINITY
					                                   : INFINITY);
				else
					rc = exception(error, name, nargs,
					               "Input string was not in a correct format.");
			} else {
				*out = sh_double(d);
			}
			buf_free(&clean);
		} else {
			long long v = strtoll(p, &end, 10);
			while (isspace((unsigned char)*end))
				end++;
			if (end == p || *end ||
			    !(isdigit((unsigned char)*p) || *p == '-' || *p == '+')) {
				rc = exception(error, name, nargs,
				               "Input string was not in a correct format.");
			} else {
				int64_t lo = type.id == SH_T_INT    ? INT32_MIN
				             : type.id == SH_T_BYTE ? 0
				                                    : INT64_MIN;
				int64_t hi = type.id == SH_T_INT    ? INT32_MAX
				             : type.id == SH_T_BYTE ? 255
				                                    : INT64_MAX;
				if (errno == ERANGE || v < lo || v > hi) {
					char *msg = xasprintf(
					    "Value was either too large or too small for %s.",
					    type.id == SH_T_INT    ? "an Int32"
					    : type.id == SH_T_BYTE ? "an unsigned byte"
					                           : "an Int64");
					rc = exception(error, name, nargs, msg);
					free(msg);
				} else {
					*out =
					    type.id == SH_T_LONG ? sh_long(v) : sh_int((int32_t)v);
				}
			}
		}
		free(s);
		return rc;
	}
	if (type.id == SH_T_DOUBLE &&
	    (str_ieq(name, "IsNaN") || str_ieq(name, "IsInfinity") ||
	     str_ieq(name, "IsPositiveInfinity") || str_ieq(name, "IsNegativeInfinity") ||
	     str_ieq(name, "IsFinite"))) {
		double d;
		if (nargs != 1)
			return no_overload(error, name, nargs);
		if (!arg_double(args[0], "d", name, &d, error))
			return -1;
		bool r = str_ieq(name, "IsNaN")                ? isnan(d)
		         : str_ieq(name, "IsInfinity")         ? isinf(d)
		         : str_ieq(name, "IsPositiveInfinity") ? (isinf(d) && d > 0)
		         : str_ieq(name, "IsNegativeInfinity") ? (isinf(d) && d < 0)
		                                               : isfinite(d);
		*out = sh_bool(r);
		return 0;
	}
	return 1;
}

static int char_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                       char **error)
{
	static const char *const tests[] = {"IsDigit",       "IsLetter",  "IsWhiteSpace",
	                                    "IsUpper",       "IsLower",   "IsLetterOrDigit",
	                                    "IsPunctuation", "IsControl", "IsNumber"};
	bool is_test = false;
	for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
		is_test |= str_ieq(name, tests[i]);
	if (!is_test && !str_ieq(name, "ToUpper") && !str_ieq(name, "ToLower") &&
	    !str_ieq(name, "ToUpperInvariant") && !str_ieq(name, "ToLowerInvariant"))
		return 1;
	if (nargs < 1 || nargs > 2)
		return no_overload(error, name, nargs);
	uint32_t c;
	if (nargs == 2) {
		/* IsDigit(string, index) */
		int64_t i;
		char *s = sh_to_string(args[0]);
		if (!arg_int(args[1], "index", name, &i, error)) {
			free(s);
			return -1;
		}
		long off = i < 0 ? -1 : cp_offset(s, i);
		if (off < 0 || !s[off]) {
			free(s);
			return exception(
			    error, name, nargs,
			    "Index was out of range. Must be non-negative and less than the "
			    "size of the collection. (Parameter 'index')");
		}
		const char *p = s + off;
		c = decode(&p);
		free(s);
	} else {
		sh_value *ch = NULL;
		if (!arg_convert(args[0], SH_T_CHAR, "System.Char", "c", name, &ch, error))
			return -1;
		const char *p = sh_str(ch);
		c = sh_str_len(ch) ? decode(&p) : 0;
		sh_unref(ch);
	}
	if (!is_test) {
		bool up = str_iprefix(name, "ToUpper");
		uint32_t r = c < 0x80 ? (uint32_t)(up ? toupper((int)c) : tolower((int)c))
		                      : (uint32_t)(up ? towupper((wint_t)c) : towlower((wint_t)c));
		sh_buf b = {0};
		buf_put_utf8(&b, r);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	bool r;
	if (str_ieq(name, "IsDigit") || str_ieq(name, "IsNumber"))
		r = c < 0x80 ? isdigit((int)c) != 0 : iswdigit((wint_t)c) != 0;
	else if (str_ieq(name, "IsLetter"))
		r = c < 0x80 ? isalpha((int)c) != 0 : (iswalpha((wint_t)c) || c >= 0xC0);
	else if (str_ieq(name, "IsWhiteSpace"))
		r = is_space_cp(c);
	else if (str_ieq(name, "IsUpper"))
		r = c < 0x80 ? isupper((int)c) != 0 : iswupper((wint_t)c) != 0;
	else if (str_ieq(name, "IsLower"))
		r = c < 0x80 ? islower((int)c) != 0 : iswlower((wint_t)c) != 0;
	else if (str_ieq(name, "IsLetterOrDigit"))
		r = c < 0x80 ? isalnum((int)c) != 0 : (iswalnum((wint_t)c) || c >= 0xC0);
	else if (str_ieq(name, "IsPunctuation"))
		r = c < 0x80 ? (ispunct((int)c) && !strchr("$+<=>^`|~", (int)c))
		             : iswpunct((wint_t)c);
	else
		r = c < 0x20 || (c >= 0x7F && c < 0xA0);
	*out = sh_bool(r);
	return 0;
}

/* Path helpers follow .NET on Unix: '/' separates, nothing else. */
static int path_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                       char **error)
{
	if (str_ieq(name, "GetTempPath")) {
		const char *t = getenv("TMPDIR");
		if (!t || !*t)
			t = "/tmp/";
		size_t l = strlen(t);
		*out = l && t[l - 1] == '/' ? sh_string(t) : sh_stringf("%s/", t);
		return 0;
	}
	if (str_ieq(name, "GetRandomFileName")) {
		static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz012345";
		unsigned char r[11];
		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
			memset(r, 7, sizeof r);
		char name_buf[13];
		int k = 0;
		for (int i = 0; i < 11; i++) {
			if (i == 8)
				name_buf[k++] = '.';
			name_buf[k++] = alphabet[r[i] & 31];
		}
		name_buf[k] = '\0';
		*out = sh_string(name_buf);
		return 0;
	}
	if (str_ieq(name, "Combine") || str_ieq(name, "Join")) {
		if (nargs < 1)
			return no_overload(error, name, nargs);
		sh_value **items = args;
		size_t n = nargs;
		if (nargs == 1 && sh_kind_of(args[0]) == SH_ARRAY) {
			items = sh_array_items(args[0]);
			n = sh_array_len(args[0]);
		}
		sh_buf b = {0};
		for (size_t i = 0; i < n; i++) {
			if (!items[i]) {
				buf_free(&b);
				return exception(error, name, nargs,
				                 "Value cannot be null. (Parameter 'paths')");
			}
			char *part = sh_to_string(items[i]);
			if (!*part) {
				free(part);
				continue;
			}
			if (part[0] == '/' && str_ieq(name, "Combine"))
				buf_reset(&b);
			else if (b.len && b.data[b.len - 1] != '/' && part[0] != '/')
				buf_putc(&b, '/');
			buf_puts(&b, part);
			free(part);
		}
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (nargs < 1)
		return str_ieq(name, "GetFileName") || str_ieq(name, "GetExtension") ||
		               str_ieq(name, "GetDirectoryName") || str_ieq(name, "GetFullPath") ||
		               str_ieq(name, "IsPathRooted") || str_ieq(name, "ChangeExtension") ||
		               str_ieq(name, "GetFileNameWithoutExtension") ||
		               str_ieq(name, "HasExtension") || str_ieq(name, "GetPathRoot")
		           ? no_overload(error, name, nargs)
		           : 1;
	if (!args[0] && !str_ieq(name, "GetFullPath")) {
		*out = NULL;
		return str_ieq(name, "IsPathRooted") || str_ieq(name, "HasExtension")
		           ? (*out = sh_bool(false), 0)
		           : 0;
	}
	char *p = sh_to_string(args[0]);
	const char *slash = strrchr(p, '/');
	const char *file = slash ? slash + 1 : p;
	const char *dot = strrchr(file, '.');
	int rc = 0;
	if (str_ieq(name, "GetFileName")) {
		*out = sh_string(file);
	} else if (str_ieq(name, "GetFileNameWithoutExtension")) {
		*out = dot ? sh_string_n(file, (size_t)(dot - file)) : sh_string(file);
	} else if (str_ieq(name, "GetExtension")) {
		*out = dot && dot[1] ? sh_string(dot) : sh_string("");
	} else if (str_ieq(name, "HasExtension")) {
		*out = sh_bool(dot && dot[1]);
	} else if (str_ieq(name, "GetDirectoryName")) {
		if (!*p || strcmp(p, "/") == 0 || !slash) {
			*out = !*p ? NULL : (!slash ? sh_string("") : NULL);
			if (!*p) {
				rc = exception(error, name, nargs,
				               "The path is empty. (Parameter 'path')");
			}
		} else {
			const char *end = slash;
			while (end > p && end[-1] == '/')
				end--;
			*out = end == p ? sh_string("/") : sh_string_n(p, (size_t)(end - p));
		}
	} else if (str_ieq(name, "GetPathRoot")) {
		*out = sh_string(p[0] == '/' ? "/" : "");
	} else if (str_ieq(name, "IsPathRooted")) {
		*out = sh_bool(p[0] == '/');
	} else if (str_ieq(name, "ChangeExtension")) {
		if (nargs != 2) {
			rc = no_overload(error, name, nargs);
		} else {
			size_t keep = dot ? (size_t)(dot - p) : strlen(p);
			if (!args[1]) {
				*out = sh_string_n(p, keep);
			} else {
				char *ext = sh_to_string(args[1]);
				*out = sh_stringf("%.*s%s%s", (int)keep, p,
				                  ext[0] == '.' ? "" : ".", ext);
				free(ext);
			}
		}
	} else if (str_ieq(name, "GetFullPath")) {
		if (!*p) {
			rc = exception(error, name, nargs, "The path is empty. (Parameter 'path')");
		} else {
			sh_buf full = {0};
			if (p[0] != '/') {
				char *cwd = getcwd(NULL, 0);
				buf_puts(&full, cwd ? cwd : "/");
				free(cwd);
				buf_putc(&full, '/');
			}
			buf_puts(&full, p);
			/* normalise ., .. and doubled slashes */
			char **parts = NULL;
			size_t np = 0, cap = 0;
			char *copy = buf_detach(&full);
			for (char *tok = strtok(copy, "/"); tok; tok = strtok(NULL, "/")) {
				if (strcmp(tok, ".") == 0)
					continue;
				if (strcmp(tok, "..") == 0) {
					if (np)
						np--;
					continue;
				}
				VEC_PUSH(parts, np, cap, tok);
			}
			sh_buf r = {0};
			for (size_t i = 0; i < np; i++) {
				buf_putc(&r, '/');
				buf_puts(&r, parts[i]);
			}
			size_t plen = strlen(p);
			if (!np)
				buf_putc(&r, '/');
			else if (plen && p[plen - 1] == '/')
				buf_putc(&r, '/');
			free(parts);
			free(copy);
			*out = sh_string_take(buf_detach(&r));
		}
	} else {
		rc = 1;
	}
	free(p);
	return rc;
}

static int environment_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                              char **error)
{
	if (str_ieq(name, "GetEnvironmentVariable")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (!args[0])
			return exception(error, name, nargs,
			                 "Value cannot be null. (Parameter 'variable')");
		char *n = sh_to_string(args[0]);
		const char *v = getenv(n);
		free(n);
		*out = v ? sh_string(v) : NULL;
		return 0;
	}
	if (str_ieq(name, "SetEnvironmentVariable")) {
		if (nargs < 2 || nargs > 3)
			return no_overload(error, name, nargs);
		char *n = sh_to_string(args[0]);
		char *v = sh_to_string(args[1]);
		if (!*n || strchr(n, '=')) {
			free(n);
			free(v);
			return exception(
			    error, name, nargs,
			    "Environment variable name or value is too long. (Parameter "
			    "'variable')");
		}
		if (!args[1] || !*v)
			unsetenv(n);
		else
			setenv(n, v, 1);
		free(n);
		free(v);
		*out = NULL;
		return 0;
	}
	if (str_ieq(name, "GetEnvironmentVariables")) {
		extern char **environ;
		sh_value *h = sh_hash_new(false);
		for (char **e = environ; e && *e; e++) {
			const char *eq = strchr(*e, '=');
			if (!eq)
				continue;
			char *k = xstrndup(*e, (size_t)(eq - *e));
			sh_hash_set_str(h, k, sh_string(eq + 1));
			free(k);
		}
		*out = h;
		return 0;
	}
	if (str_ieq(name, "ExpandEnvironmentVariables")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		sh_buf b = {0};
		for (const char *p = s; *p; p++) {
			const char *end = *p == '%' ? strchr(p + 1, '%') : NULL;
			if (end && end > p + 1) {
				char *k = xstrndup(p + 1, (size_t)(end - p - 1));
				const char *v = getenv(k);
				free(k);
				if (v) {
					buf_puts(&b, v);
					p = end;
					continue;
				}
			}
			buf_putc(&b, *p);
		}
		free(s);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	return 1;
}

static const char base64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int base64_value(char c)
{
	const char *p = c ? strchr(base64_chars, c) : NULL;
	return p ? (int)(p - base64_chars) : -1;
}

static int convert_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                          char **error)
{
	if (str_ieq(name, "ToInt32") || str_ieq(name, "ToInt64") || str_ieq(name, "ToByte") ||
	    str_ieq(name, "ToInt16")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		bool wide = str_ieq(name, "ToInt64");
		int64_t lo = wide                       ? INT64_MIN
		             : str_ieq(name, "ToByte")  ? 0
		             : str_ieq(name, "ToInt16") ? -32768
		                                        : INT32_MIN;
		int64_t hi = wide                       ? INT64_MAX
		             : str_ieq(name, "ToByte")  ? 255
		             : str_ieq(name, "ToInt16") ? 32767
		                                        : INT32_MAX;
		const char *what = wide                       ? "an Int64"
		                   : str_ieq(name, "ToByte")  ? "an unsigned byte"
		                   : str_ieq(name, "ToInt16") ? "an Int16"
		                                              : "an Int32";
		int64_t v;
		if (nargs == 2) {
			int64_t base;
			if (!arg_int(args[1], "fromBase", name, &base, error))
				return -1;
			if (base != 2 && base != 8 && base != 10 && base != 16)
				return exception(error, name, nargs,
				                 "Invalid Base. (Parameter 'fromBase')");
			char *s = sh_to_string(args[0]);
			const char *p = s;
			bool neg = false;
			if (base == 10 && *p == '-') {
				neg = true;
				p++;
			}
			if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
				p += 2;
			if (!*p) {
				free(s);
				return exception(
				    error, name, nargs,
				    "Index was out of range. Must be non-negative and less than "
				    "the size of the collection. (Parameter 'startIndex')");
			}
			uint64_t u = 0;
			int bits = wide                       ? 64
			           : str_ieq(name, "ToByte")  ? 8
			           : str_ieq(name, "ToInt16") ? 16
			                                      : 32;
			bool overflow = false;
			for (; *p; p++) {
				int d = isdigit((unsigned char)*p) ? *p - '0'
				        : isxdigit((unsigned char)*p)
				            ? tolower((unsigned char)*p) - 'a' + 10
				            : 99;
				if (d >= base) {
					free(s);
					return exception(error, name, nargs,
					                 "Could not find any recognizable digits.");
				}
				if (u > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
					overflow = true;
				u = u * (uint64_t)base + (uint64_t)d;
			}
			free(s);
			if (bits < 64 && u >> bits)
				overflow = true;
			if (overflow) {
				char *msg = xasprintf(
				    "Value was either too large or too small for %s.", what);
				int rc = exception(error, name, nargs, msg);
				free(msg);
				return rc;
			}
			if (base == 10) {
				v = neg ? -(int64_t)u : (int64_t)u;
				if (v < lo || v > hi) {
					char *msg = xasprintf(
					    "Value was either too large or too small for %s.",
					    what);
					int rc = exception(error, name, nargs, msg);
					free(msg);
					return rc;
				}
			} else if (bits == 64) {
				v = (int64_t)u;
			} else if (bits == 32) {
				v = (int32_t)(uint32_t)u;
			} else if (bits == 16) {
				v = (int16_t)(uint16_t)u;
			} else {
				v = (int64_t)u;
			}
		} else {
			char *inner = NULL;
			sh_value *c = NULL;
			sh_type t = {wide ? SH_T_LONG : SH_T_INT, false,
			             wide ? "System.Int64" : "System.Int32"};
			if (sh_kind_of(args[0]) == SH_STRING) {
				const char *p = sh_str(args[0]);
				char *end;
				errno = 0;
				long long n = strtoll(p, &end, 10);
				while (isspace((unsigned char)*end))
					end++;
				if (end == p || *end)
					return exception(
					    error, name, nargs,
					    "Input string was not in a correct format.");
				if (errno == ERANGE || n < lo || n > hi) {
					char *msg = xasprintf(
					    "Value was either too large or too small for %s.",
					    what);
					int rc = exception(error, name, nargs, msg);
					free(msg);
					return rc;
				}
				v = n;
			} else if (sh_convert(args[0], t, &c, &inner) < 0) {
				int rc;
				if (strstr(inner, "too large or too small")) {
					char *msg = xasprintf(
					    "Value was either too large or too small for %s.",
					    what);
					rc = exception(error, name, nargs, msg);
					free(msg);
				} else {
					char *s = sh_to_string(args[0]);
					char *msg =
					    xasprintf("Unable to cast object of type '%s' to type "
					              "'System.IConvertible'.",
					              sh_type_name(args[0]));
					rc = exception(error, name, nargs, msg);
					free(msg);
					free(s);
				}
				free(inner);
				return rc;
			} else {
				v = sh_long_of(c);
				sh_unref(c);
			}
			if (v < lo || v > hi) {
				char *msg = xasprintf(
				    "Value was either too large or too small for %s.", what);
				int rc = exception(error, name, nargs, msg);
				free(msg);
				return rc;
			}
		}
		*out = wide ? sh_long(v) : sh_int((int32_t)v);
		return 0;
	}
	if (str_ieq(name, "ToString")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (nargs == 1) {
			*out = sh_string_take(sh_to_string(args[0]));
			return 0;
		}
		if (sh_kind_of(args[1]) == SH_STRING && !sh_is_number(args[0])) {
			*out = sh_string_take(sh_to_string(args[0]));
			return 0;
		}
		int64_t v, base;
		if (!arg_long(args[0], "value", name, &v, error) ||
		    !arg_int(args[1], "toBase", name, &base, error))
			return -1;
		if (base != 2 && base != 8 && base != 10 && base != 16)
			return exception(error, name, nargs, "Invalid Base. (Parameter 'toBase')");
		if (base == 10) {
			*out = sh_stringf("%lld", (long long)v);
			return 0;
		}
		uint64_t u = sh_kind_of(args[0]) == SH_LONG ? (uint64_t)v : (uint64_t)(uint32_t)v;
		if (sh_kind_of(args[0]) != SH_LONG && (v > UINT32_MAX || v < INT32_MIN))
			u = (uint64_t)v;
		char buf[72];
		int k = 0;
		do {
			buf[k++] = "0123456789abcdef"[u % (uint64_t)base];
			u /= (uint64_t)base;
		} while (u);
		sh_buf b = {0};
		while (k)
			buf_putc(&b, buf[--k]);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "ToBase64String")) {
		if (nargs < 1 || nargs > 3)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) != SH_ARRAY) {
			char *s = sh_to_string(args[0]);
			char *msg =
			    xasprintf("Cannot convert argument \"inArray\", with value: \"%s\", "
			              "for \"ToBase64String\" to type \"System.Byte[]\": \"Cannot "
			              "convert value \"%s\" to type \"System.Byte[]\".\"",
			              s, s);
			free(s);
			return fail(error, msg);
		}
		size_t n = sh_array_len(args[0]);
		unsigned char *bytes = xmalloc(n + 1);
		for (size_t i = 0; i < n; i++) {
			int64_t v;
			if (!sh_to_int64(sh_array_get(args[0], i), &v, NULL) || v < 0 || v > 255) {
				free(bytes);
				return exception(
				    error, name, nargs,
				    "Value was either too large or too small for an unsigned "
				    "byte.");
			}
			bytes[i] = (unsigned char)v;
		}
		sh_buf b = {0};
		for (size_t i = 0; i < n; i += 3) {
			uint32_t chunk = (uint32_t)bytes[i] << 16;
			if (i + 1 < n)
				chunk |= (uint32_t)bytes[i + 1] << 8;
			if (i + 2 < n)
				chunk |= bytes[i + 2];
			buf_putc(&b, base64_chars[(chunk >> 18) & 63]);
			buf_putc(&b, base64_chars[(chunk >> 12) & 63]);
			buf_putc(&b, i + 1 < n ? base64_chars[(chunk >> 6) & 63] : '=');
			buf_putc(&b, i + 2 < n ? base64_chars[chunk & 63] : '=');
		}
		free(bytes);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "FromBase64String")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		sh_value *arr = sh_array_new(strlen(s));
		uint32_t acc = 0;
		int bits = 0, pad = 0;
		bool bad = false;
		for (const char *p = s; *p; p++) {
			if (isspace((unsigned char)*p))
				continue;
			if (*p == '=') {
				pad++;
				continue;
			}
			int v = base64_value(*p);
			if (v < 0 || pad) {
				bad = true;
				break;
			}
			acc = (acc << 6) | (uint32_t)v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				sh_array_append(arr, sh_int((int32_t)((acc >> bits) & 0xFF)));
			}
		}
		size_t significant = 0;
		for (const char *p = s; *p; p++)
			if (!isspace((unsigned char)*p))
				significant++;
		free(s);
		if (bad || pad > 2 || significant % 4) {
			sh_unref(arr);
			return exception(
			    error, name, nargs,
			    "The input is not a valid Base-64 string as it contains a "
			    "non-base 64 character, more than two padding characters, or an "
			    "illegal character among the padding characters.");
		}
		*out = arr;
		return 0;
	}
	if (str_ieq(name, "ToDouble") || str_ieq(name, "ToSingle") || str_ieq(name, "ToDecimal")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) == SH_STRING)
			return number_parse((sh_type){SH_T_DOUBLE, false, "System.Double"}, "Parse",
			                    args, 1, out, error) < 0
			           ? (free(*error), *error = NULL,
			              exception(error, name, nargs,
			                        "Input string was not in a correct "
			                        "format."))
			           : 0;
		double d;
		char *inner = NULL;
		if (!sh_to_double(args[0], &d, &inner)) {
			free(inner);
			char *msg = xasprintf("Unable to cast object of type '%s' to type "
			                      "'System.IConvertible'.",
			                      sh_type_name(args[0]));
			int rc = exception(error, name, nargs, msg);
			free(msg);
			return rc;
		}
		*out = sh_double(d);
		return 0;
	}
	if (str_ieq(name, "ToBoolean")) {
		if (nargs < 1 || nargs > 2)
			return no_overload(error, name, nargs);
		if (sh_kind_of(args[0]) == SH_STRING) {
			char *s = sh_to_string(args[0]);
			char *b = s;
			while (isspace((unsigned char)*b))
				b++;
			char *e = b + strlen(b);
			while (e > b && isspace((unsigned char)e[-1]))
				*--e = '\0';
			int rc = 0;
			if (str_ieq(b, "True"))
				*out = sh_bool(true);
			else if (str_ieq(b, "False"))
				*out = sh_bool(false);
			else {
				char *msg =
				    xasprintf("String '%s' was not recognized as a valid Boolean.",
				              sh_str(args[0]));
				rc = exception(error, name, nargs, msg);
				free(msg);
			}
			free(s);
			return rc;
		}
		*out = sh_bool(sh_to_bool(args[0]));
		return 0;
	}
	if (str_ieq(name, "ToChar")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *inner = NULL;
		if (sh_convert(args[0], (sh_type){SH_T_CHAR, false, "System.Char"}, out, &inner) <
		    0) {
			int rc = exception(error, name, nargs, inner);
			free(inner);
			return rc;
		}
		return 0;
	}
	return 1;
}

static const char regex_meta[] = "\\*+?|{[()^$.# \t\n\r\f";

static int regex_static(const char *name, sh_value **args, size_t nargs, sh_value **out,
                        char **error)
{
	if (str_ieq(name, "Escape")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		sh_buf b = {0};
		for (const char *p = s; *p; p++) {
			if (strchr(regex_meta, *p)) {
				buf_putc(&b, '\\');
				switch (*p) {
				case '\t':
					buf_putc(&b, 't');
					break;
				case '\n':
					buf_putc(&b, 'n');
					break;
				case '\r':
					buf_putc(&b, 'r');
					break;
				case '\f':
					buf_putc(&b, 'f');
					break;
				default:
					buf_putc(&b, *p);
				}
			} else {
				buf_putc(&b, *p);
			}
		}
		free(s);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	if (str_ieq(name, "Unescape")) {
		if (nargs != 1)
			return no_overload(error, name, nargs);
		char *s = sh_to_string(args[0]);
		sh_buf b = {0};
		for (const char *p = s; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				switch (*p) {
				case 't':
					buf_putc(&b, '\t');
					break;
				case 'n':
					buf_putc(&b, '\n');
					break;
				case 'r':
					buf_putc(&b, '\r');
					break;
				case 'f':
					buf_putc(&b, '\f');
					break;
				case 'a':
					buf_putc(&b, '\a');
					break;
				case 'e':
					buf_putc(&b, 27);
					break;
				default:
					buf_putc(&b, *p);
				}
			} else {
				buf_putc(&b, *p);
			}
		}
		free(s);
		*out = sh_string_take(buf_detach(&b));
		return 0;
	}
	size_t needed = str_ieq(name, "Replace") ? 3 : 2;
	if (!str_ieq(name, "Match") && !str_ieq(name, "IsMatch") && !str_ieq(name, "Matches") &&
	    !str_ieq(name, "Replace") && !str_ieq(name, "Split"))
		return 1;
	if (nargs < needed || nargs > needed + 1)
		return no_overload(error, name, nargs);
	bool cs = true;
	if (nargs == needed + 1) {
		char *o = sh_to_string(args[needed]);
		if (strcasestr(o, "IgnoreCase") ||
		    (sh_is_number(args[needed]) && (sh_long_of(args[needed]) & 1)))
			cs = false;
		free(o);
	}
	char *pattern = sh_to_string(args[1]);
	sh_value *rest[2] = {args[0], needed == 3 ? args[2] : NULL};
	int rc = regex_op(name, pattern, cs, rest, needed - 1, nargs, out, error);
	free(pattern);
	return rc;
}

int sh_static_method(struct sh_interp *in, sh_type type, const char *name, sh_value **args,
                     size_t nargs, sh_value **out, char **error)
{
	(void)in;
	*out = NULL;
	if (error)
		*error = NULL;
	if (!name)
		return 1;
	if (type.is_array)
		return 1;
	switch (type.id) {
	case SH_T_MATH:
		return math_method(name, args, nargs, out, error);
	case SH_T_STRING:
		return string_static(name, args, nargs, out, error);
	case SH_T_DATETIME:
		return datetime_static(name, args, nargs, out, error);
	case SH_T_TIMESPAN:
		return timespan_static(name, args, nargs, out, error);
	case SH_T_GUID:
		if (str_ieq(name, "NewGuid")) {
			if (nargs)
				return no_overload(error, name, nargs);
			char *g = sh_new_guid_string();
			*out = sh_guid_value(g);
			free(g);
			return 0;
		}
		if (str_ieq(name, "Parse") || str_ieq(name, "new")) {
			if (nargs != 1)
				return no_overload(error, name, nargs);
			char *inner = NULL;
			if (sh_convert(args[0], type, out, &inner) < 0) {
				const char *why = strstr(inner, "Error: \"");
				char *msg =
				    why ? xstrndup(why + 8, strlen(why + 8) - 1) : xstrdup(inner);
				int rc = exception(error, name, nargs, msg);
				free(msg);
				free(inner);
				return rc;
			}
			return 0;
		}
		return 1;
	case SH_T_INT:
	case SH_T_LONG:
	case SH_T_DOUBLE:
	case SH_T_BYTE:
		return number_parse(type, name, args, nargs, out, error);
	case SH_T_CHAR:
		return char_static(name, args, nargs, out, error);
	case SH_T_IOPATH:
		return path_static(name, args, nargs, out, error);
	case SH_T_ENVIRONMENT:
		return environment_static(name, args, nargs, out, error);
	case SH_T_CONVERT:
		return convert_static(name, args, nargs, out, error);
	case SH_T_REGEX:
		if (str_ieq(name, "new")) {
			if (nargs < 1 || nargs > 2)
				return no_overload(error, name, nargs);
			char *p = sh_to_string(args[0]), *rerr = NULL;
			*out = sh_regex_value(p, &rerr);
			free(p);
			if (!*out) {
				int rc = exception(error, name, nargs, rerr);
				free(rerr);
				return rc;
			}
			return 0;
		}
		return regex_static(name, args, nargs, out, error);
	case SH_T_BOOL:
		if (str_ieq(name, "Parse")) {
			if (nargs != 1)
				return no_overload(error, name, nargs);
			char *s = sh_to_string(args[0]);
			int rc = 0;
			if (str_ieq(s, "True") || str_ieq(s, "False"))
				*out = sh_bool(str_ieq(s, "True"));
			else {
				char *msg = xasprintf(
				    "String '%s' was not recognized as a valid Boolean.", s);
				rc = exception(error, name, nargs, msg);
				free(msg);
			}
			free(s);
			return rc;
		}
		return 1;
	default:
		return 1;
	}
}

/* ------------------------------------------------------------------ */
/* member lists for Get-Member and completion                          */

static const char *const string_members[] = {
    "Clone\tMethod\tSystem.Object Clone()",
    "CompareTo\tMethod\tint CompareTo(System.Object value), int CompareTo(string strB)",
    "Contains\tMethod\tbool Contains(string value), bool Contains(string value, "
    "System.StringComparison comparisonType)",
    "EndsWith\tMethod\tbool EndsWith(string value), bool EndsWith(string value, "
    "System.StringComparison comparisonType)",
    "Equals\tMethod\tbool Equals(System.Object obj), bool Equals(string value)",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "IndexOf\tMethod\tint IndexOf(string value), int IndexOf(string value, int startIndex)",
    "Insert\tMethod\tstring Insert(int startIndex, string value)",
    "LastIndexOf\tMethod\tint LastIndexOf(string value), int LastIndexOf(string value, int "
    "startIndex)",
    "PadLeft\tMethod\tstring PadLeft(int totalWidth), string PadLeft(int totalWidth, char "
    "paddingChar)",
    "PadRight\tMethod\tstring PadRight(int totalWidth), string PadRight(int totalWidth, char "
    "paddingChar)",
    "Remove\tMethod\tstring Remove(int startIndex, int count), string Remove(int startIndex)",
    "Replace\tMethod\tstring Replace(string oldValue, string newValue)",
    "Split\tMethod\tstring[] Split(string separator, System.StringSplitOptions options), "
    "string[] Split(Params char[] separator)",
    "StartsWith\tMethod\tbool StartsWith(string value), bool StartsWith(string value, "
    "System.StringComparison comparisonType)",
    "Substring\tMethod\tstring Substring(int startIndex), string Substring(int startIndex, int "
    "length)",
    "ToCharArray\tMethod\tchar[] ToCharArray()",
    "ToLower\tMethod\tstring ToLower()",
    "ToLowerInvariant\tMethod\tstring ToLowerInvariant()",
    "ToString\tMethod\tstring ToString()",
    "ToUpper\tMethod\tstring ToUpper()",
    "ToUpperInvariant\tMethod\tstring ToUpperInvariant()",
    "Trim\tMethod\tstring Trim(), string Trim(Params char[] trimChars)",
    "TrimEnd\tMethod\tstring TrimEnd(), string TrimEnd(Params char[] trimChars)",
    "TrimStart\tMethod\tstring TrimStart(), string TrimStart(Params char[] trimChars)",
    "Chars\tParameterizedProperty\tchar Chars(int index) {get;}",
    "Length\tProperty\tint Length {get;}",
    NULL,
};

#define NUMBER_MEMBERS(T)                                                                          \
	"CompareTo\tMethod\tint CompareTo(System.Object value), int CompareTo(" T " value)",       \
	    "Equals\tMethod\tbool Equals(System.Object obj), bool Equals(" T " obj)",              \
	    "GetHashCode\tMethod\tint GetHashCode()", "GetType\tMethod\ttype GetType()",           \
	    "GetTypeCode\tMethod\tSystem.TypeCode GetTypeCode()",                                  \
	    "ToString\tMethod\tstring ToString(), string ToString(string format)", NULL

static const char *const int_members[] = {NUMBER_MEMBERS("int")};
static const char *const long_members[] = {NUMBER_MEMBERS("long")};
static const char *const double_members[] = {NUMBER_MEMBERS("double")};
static const char *const bool_members[] = {NUMBER_MEMBERS("bool")};

static const char *const array_members[] = {
    "Clone\tMethod\tSystem.Object Clone()",
    "Contains\tMethod\tbool IList.Contains(System.Object value)",
    "Equals\tMethod\tbool Equals(System.Object obj)",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "GetValue\tMethod\tSystem.Object GetValue(int index)",
    "IndexOf\tMethod\tint IList.IndexOf(System.Object value)",
    "SetValue\tMethod\tvoid SetValue(System.Object value, int index)",
    "ToString\tMethod\tstring ToString()",
    "Count\tProperty\tint Count {get;}",
    "IsFixedSize\tProperty\tbool IsFixedSize {get;}",
    "IsReadOnly\tProperty\tbool IsReadOnly {get;}",
    "Length\tProperty\tint Length {get;}",
    "LongLength\tProperty\tlong LongLength {get;}",
    "Rank\tProperty\tint Rank {get;}",
    NULL,
};

static const char *const hash_members[] = {
    "Add\tMethod\tvoid Add(System.Object key, System.Object value)",
    "Clear\tMethod\tvoid Clear()",
    "Clone\tMethod\tSystem.Object Clone()",
    "Contains\tMethod\tbool Contains(System.Object key)",
    "ContainsKey\tMethod\tbool ContainsKey(System.Object key)",
    "ContainsValue\tMethod\tbool ContainsValue(System.Object value)",
    "Equals\tMethod\tbool Equals(System.Object obj)",
    "GetEnumerator\tMethod\tSystem.Collections.IDictionaryEnumerator GetEnumerator()",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "Remove\tMethod\tvoid Remove(System.Object key)",
    "ToString\tMethod\tstring ToString()",
    "Item\tParameterizedProperty\tSystem.Object Item(System.Object key) {get;set;}",
    "Count\tProperty\tint Count {get;}",
    "IsFixedSize\tProperty\tbool IsFixedSize {get;}",
    "IsReadOnly\tProperty\tbool IsReadOnly {get;}",
    "IsSynchronized\tProperty\tbool IsSynchronized {get;}",
    "Keys\tProperty\tSystem.Collections.ICollection Keys {get;}",
    "Values\tProperty\tSystem.Collections.ICollection Values {get;}",
    NULL,
};

static const char *const date_members[] = {
    "Add\tMethod\tdatetime Add(timespan value)",
    "AddDays\tMethod\tdatetime AddDays(double value)",
    "AddHours\tMethod\tdatetime AddHours(double value)",
    "AddMilliseconds\tMethod\tdatetime AddMilliseconds(double value)",
    "AddMinutes\tMethod\tdatetime AddMinutes(double value)",
    "AddMonths\tMethod\tdatetime AddMonths(int months)",
    "AddSeconds\tMethod\tdatetime AddSeconds(double value)",
    "AddTicks\tMethod\tdatetime AddTicks(long value)",
    "AddYears\tMethod\tdatetime AddYears(int value)",
    "CompareTo\tMethod\tint CompareTo(System.Object value), int CompareTo(datetime value)",
    "Equals\tMethod\tbool Equals(System.Object value), bool Equals(datetime value)",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "IsDaylightSavingTime\tMethod\tbool IsDaylightSavingTime()",
    "Subtract\tMethod\ttimespan Subtract(datetime value), datetime Subtract(timespan value)",
    "ToFileTime\tMethod\tlong ToFileTime()",
    "ToLocalTime\tMethod\tdatetime ToLocalTime()",
    "ToLongDateString\tMethod\tstring ToLongDateString()",
    "ToLongTimeString\tMethod\tstring ToLongTimeString()",
    "ToShortDateString\tMethod\tstring ToShortDateString()",
    "ToShortTimeString\tMethod\tstring ToShortTimeString()",
    "ToString\tMethod\tstring ToString(), string ToString(string format)",
    "ToUniversalTime\tMethod\tdatetime ToUniversalTime()",
    "Date\tProperty\tdatetime Date {get;}",
    "Day\tProperty\tint Day {get;}",
    "DayOfWeek\tProperty\tSystem.DayOfWeek DayOfWeek {get;}",
    "DayOfYear\tProperty\tint DayOfYear {get;}",
    "Hour\tProperty\tint Hour {get;}",
    "Kind\tProperty\tSystem.DateTimeKind Kind {get;}",
    "Millisecond\tProperty\tint Millisecond {get;}",
    "Minute\tProperty\tint Minute {get;}",
    "Month\tProperty\tint Month {get;}",
    "Second\tProperty\tint Second {get;}",
    "Ticks\tProperty\tlong Ticks {get;}",
    "TimeOfDay\tProperty\ttimespan TimeOfDay {get;}",
    "Year\tProperty\tint Year {get;}",
    NULL,
};

static const char *const timespan_members[] = {
    "Add\tMethod\ttimespan Add(timespan ts)",
    "CompareTo\tMethod\tint CompareTo(System.Object value), int CompareTo(timespan value)",
    "Duration\tMethod\ttimespan Duration()",
    "Equals\tMethod\tbool Equals(System.Object value), bool Equals(timespan obj)",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "Negate\tMethod\ttimespan Negate()",
    "Subtract\tMethod\ttimespan Subtract(timespan ts)",
    "ToString\tMethod\tstring ToString(), string ToString(string format)",
    "Days\tProperty\tint Days {get;}",
    "Hours\tProperty\tint Hours {get;}",
    "Milliseconds\tProperty\tint Milliseconds {get;}",
    "Minutes\tProperty\tint Minutes {get;}",
    "Seconds\tProperty\tint Seconds {get;}",
    "Ticks\tProperty\tlong Ticks {get;}",
    "TotalDays\tProperty\tdouble TotalDays {get;}",
    "TotalHours\tProperty\tdouble TotalHours {get;}",
    "TotalMilliseconds\tProperty\tdouble TotalMilliseconds {get;}",
    "TotalMinutes\tProperty\tdouble TotalMinutes {get;}",
    "TotalSeconds\tProperty\tdouble TotalSeconds {get;}",
    NULL,
};

static const char *const object_members[] = {
    "Equals\tMethod\tbool Equals(System.Object obj)",
    "GetHashCode\tMethod\tint GetHashCode()",
    "GetType\tMethod\ttype GetType()",
    "ToString\tMethod\tstring ToString()",
    NULL,
};

const char *const *sh_builtin_member_list(const sh_value *self)
{
	switch (sh_kind_of(self)) {
	case SH_STRING:
		return string_members;
	case SH_INT:
		return int_members;
	case SH_LONG:
		return long_members;
	case SH_DOUBLE:
		return double_members;
	case SH_BOOL:
		return bool_members;
	case SH_ARRAY:
		return array_members;
	case SH_HASHTABLE:
		return hash_members;
	case SH_DATETIME:
		return date_members;
	case SH_TIMESPAN:
		return timespan_members;
	default:
		return object_members;
	}
}
