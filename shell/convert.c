/*
 * convert.c - PowerShell's value conversions, the type table, and the .NET
 * formatting rules for numbers, dates and time spans.
 *
 * Conversions follow LanguagePrimitives in spirit: the target type decides
 * and the source is coerced to it, strings parse with the same number rules
 * as the language's literals (so [int]"0x10" and [int]"1kb" work), casts to
 * integers round half to even, and every failure is reported with the
 * sentence PowerShell itself prints, because scripts and users match on it.
 *
 * Everything is culture-invariant: .NET's invariant culture is what
 * PowerShell uses for casts and string conversion, and the only culture a
 * headless host can rely on.
 *
 * Number formatting works on exact decimal digits: a double is expanded
 * with more digits than any rounding needs and then rounded half away from
 * zero, as .NET Core 3.0 and later do (so 2.5 formats as "3" with F0 and
 * 1.005 as "1.00" with F2). The default Double.ToString() is the shortest
 * string that reads back to the same double.
 *
 * Dates are kept as .NET ticks (100 ns since 0001-01-01) plus a kind; a
 * Local value holds the local wall-clock time, as DateTime does.
 */
#include "convert.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ast.h"
#include "methods.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* type table                                                          */

typedef struct type_entry {
	const char *name;
	sh_typeid id;
	const char *full;
} type_entry;

static const type_entry type_table[] = {
    {"object", SH_T_OBJECT, "System.Object"},
    {"psobject", SH_T_OBJECT, "System.Management.Automation.PSObject"},
    {"Management.Automation.PSObject", SH_T_OBJECT, "System.Management.Automation.PSObject"},
    {"bool", SH_T_BOOL, "System.Boolean"},
    {"boolean", SH_T_BOOL, "System.Boolean"},
    {"int", SH_T_INT, "System.Int32"},
    {"int32", SH_T_INT, "System.Int32"},
    {"long", SH_T_LONG, "System.Int64"},
    {"int64", SH_T_LONG, "System.Int64"},
    {"double", SH_T_DOUBLE, "System.Double"},
    {"float", SH_T_DOUBLE, "System.Single"},
    {"single", SH_T_DOUBLE, "System.Single"},
    {"decimal", SH_T_DOUBLE, "System.Decimal"},
    {"byte", SH_T_BYTE, "System.Byte"},
    {"char", SH_T_CHAR, "System.Char"},
    {"string", SH_T_STRING, "System.String"},
    {"array", SH_T_ARRAY, "System.Array"},
    {"object[]", SH_T_ARRAY, "System.Object[]"},
    {"hashtable", SH_T_HASHTABLE, "System.Collections.Hashtable"},
    {"Collections.Hashtable", SH_T_HASHTABLE, "System.Collections.Hashtable"},
    {"ordered", SH_T_ORDERED, "System.Collections.Specialized.OrderedDictionary"},
    {"Collections.Specialized.OrderedDictionary", SH_T_ORDERED,
     "System.Collections.Specialized.OrderedDictionary"},
    {"pscustomobject", SH_T_PSCUSTOMOBJECT, "System.Management.Automation.PSCustomObject"},
    {"Management.Automation.PSCustomObject", SH_T_PSCUSTOMOBJECT,
     "System.Management.Automation.PSCustomObject"},
    {"scriptblock", SH_T_SCRIPTBLOCK, "System.Management.Automation.ScriptBlock"},
    {"Management.Automation.ScriptBlock", SH_T_SCRIPTBLOCK,
     "System.Management.Automation.ScriptBlock"},
    {"datetime", SH_T_DATETIME, "System.DateTime"},
    {"timespan", SH_T_TIMESPAN, "System.TimeSpan"},
    {"switch", SH_T_SWITCH, "System.Management.Automation.SwitchParameter"},
    {"Management.Automation.SwitchParameter", SH_T_SWITCH,
     "System.Management.Automation.SwitchParameter"},
    {"void", SH_T_VOID, "System.Void"},
    {"guid", SH_T_GUID, "System.Guid"},
    {"regex", SH_T_REGEX, "System.Text.RegularExpressions.Regex"},
    {"Text.RegularExpressions.Regex", SH_T_REGEX, "System.Text.RegularExpressions.Regex"},
    {"securestring", SH_T_SECURESTRING, "System.Security.SecureString"},
    {"Security.SecureString", SH_T_SECURESTRING, "System.Security.SecureString"},
    {"math", SH_T_MATH, "System.Math"},
    {"IO.Path", SH_T_IOPATH, "System.IO.Path"},
    {"Environment", SH_T_ENVIRONMENT, "System.Environment"},
    {"Convert", SH_T_CONVERT, "System.Convert"},
    {"pscredential", SH_T_CREDENTIAL, "System.Management.Automation.PSCredential"},
    {"Management.Automation.PSCredential", SH_T_CREDENTIAL,
     "System.Management.Automation.PSCredential"},
};

/* Names made at run time (array types, unknown types) live here for the
 * life of the process, so an sh_type can point at them freely. */
static char **interned;
static size_t ninterned, interned_cap;

static const char *intern(const char *s)
{
	for (size_t i = 0; i < ninterned; i++)
		if (strcmp(interned[i], s) == 0)
			return interned[i];
	char *copy = xstrdup(s);
	VEC_PUSH(interned, ninterned, interned_cap, copy);
	return copy;
}

static const type_entry *find_type_entry(const char *name)
{
	const char *bare = str_iprefix(name, "System.") ? name + 7 : name;
	for (size_t i = 0; i < sizeof type_table / sizeof *type_table; i++) {
		const type_entry *e = &type_table[i];
		if (str_ieq(e->name, name) || str_ieq(e->name, bare) || str_ieq(e->full, name))
			return e;
	}
	return NULL;
}

bool sh_type_lookup(const char *name, sh_type *out)
{
	char buf[256];
	while (name && isspace((unsigned char)*name))
		name++;
	snprintf(buf, sizeof buf, "%s", name ? name : "");
	size_t n = strlen(buf);
	while (n && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	const type_entry *e = find_type_entry(buf);
	if (e) {
		*out = (sh_type){e->id, false, e->full};
		return true;
	}
	bool is_array = n > 2 && strcmp(buf + n - 2, "[]") == 0;
	if (is_array) {
		buf[n - 2] = '\0';
		e = find_type_entry(buf);
		if (e && e->id != SH_T_ARRAY && e->id < SH_T_MATH) {
			char full[300];
			snprintf(full, sizeof full, "%s[]", e->full);
			*out = (sh_type){e->id, true, intern(full)};
			return true;
		}
		buf[n - 2] = '[';
	}
	*out = (sh_type){SH_T_NAMED, is_array, intern(buf)};
	return false;
}

static const char *const short_names[] = {
    [SH_T_OBJECT] = "System.Object",
    [SH_T_BOOL] = "bool",
    [SH_T_INT] = "int",
    [SH_T_LONG] = "long",
    [SH_T_DOUBLE] = "double",
    [SH_T_BYTE] = "byte",
    [SH_T_CHAR] = "char",
    [SH_T_STRING] = "string",
    [SH_T_ARRAY] = "array",
    [SH_T_HASHTABLE] = "hashtable",
    [SH_T_ORDERED] = "ordered",
    [SH_T_PSCUSTOMOBJECT] = "pscustomobject",
    [SH_T_SCRIPTBLOCK] = "scriptblock",
    [SH_T_DATETIME] = "datetime",
    [SH_T_TIMESPAN] = "timespan",
    [SH_T_SWITCH] = "switch",
    [SH_T_VOID] = "void",
    [SH_T_GUID] = "guid",
    [SH_T_REGEX] = "regex",
    [SH_T_SECURESTRING] = "securestring",
    [SH_T_MATH] = "System.Math",
    [SH_T_IOPATH] = "System.IO.Path",
    [SH_T_ENVIRONMENT] = "System.Environment",
    [SH_T_CONVERT] = "System.Convert",
    [SH_T_CREDENTIAL] = "pscredential",
    [SH_T_NAMED] = NULL,
};

const char *sh_type_short_name(sh_type t)
{
	const char *base;
	if (t.id == SH_T_NAMED || t.id > SH_T_NAMED)
		return t.name ? t.name : "System.Object";
	base = short_names[t.id];
	if (t.id == SH_T_DOUBLE && t.name && strcmp(t.name, "System.Single") == 0)
		base = "float";
	if (t.id == SH_T_DOUBLE && t.name && strcmp(t.name, "System.Decimal") == 0)
		base = "decimal";
	if (t.id == SH_T_OBJECT && t.name && strstr(t.name, "PSObject"))
		base = "psobject";
	if (!t.is_array)
		return base;
	char full[128];
	snprintf(full, sizeof full, "%s[]", t.id == SH_T_OBJECT ? "System.Object" : base);
	return intern(full);
}

/* ------------------------------------------------------------------ */
/* string conversion                                                   */

#define PSCUSTOMOBJECT "System.Management.Automation.PSCustomObject"

static bool is_custom_object(const sh_value *v)
{
	for (size_t i = 0; i < sh_object_typename_count(v); i++)
		if (strcmp(sh_object_typename(v, i), PSCUSTOMOBJECT) == 0)
			return true;
	return false;
}

static void timespan_c_format(int64_t ticks, sh_buf *b);
static void datetime_general(int64_t ticks, sh_buf *b);

/* An element nested inside a collection: arrays and hashtables show their
 * type name, as .NET's ToString() does for them. */
static void put_nested(sh_buf *b, const sh_value *v)
{
	if (sh_kind_of(v) == SH_ARRAY || sh_kind_of(v) == SH_HASHTABLE) {
		buf_puts(b, sh_type_name(v));
		return;
	}
	char *s = sh_to_string(v);
	buf_puts(b, s);
	free(s);
}

char *sh_to_string(const sh_value *v)
{
	sh_buf b = {0};
	char tmp[64];
	switch (sh_kind_of(v)) {
	case SH_NULL:
		break;
	case SH_BOOL:
		buf_puts(&b, sh_bool_of(v) ? "True" : "False");
		break;
	case SH_INT:
	case SH_LONG:
		buf_printf(&b, "%lld", (long long)sh_long_of(v));
		break;
	case SH_DOUBLE:
		sh_format_double(sh_double_of(v), tmp, sizeof tmp);
		buf_puts(&b, tmp);
		break;
	case SH_STRING:
		buf_putn(&b, sh_str(v), sh_str_len(v));
		break;
	case SH_ARRAY:
		for (size_t i = 0; i < sh_array_len(v); i++) {
			if (i)
				buf_putc(&b, ' ');
			put_nested(&b, sh_array_get(v, i));
		}
		break;
	case SH_HASHTABLE:
		buf_puts(&b, sh_type_name(v));
		break;
	case SH_OBJECT: {
		const sh_class *cls = sh_object_class(v);
		if (cls && cls->to_string) {
			char *s = cls->to_string((sh_value *)v);
			if (s)
				return s;
		}
		if (!is_custom_object(v)) {
			buf_puts(&b, sh_type_name(v));
			break;
		}
		/* an object that holds itself, directly or not, would never end;
		   nor would one nested deeper than the C stack: both end in "..." */
		static const sh_value *open_objects[64];
		static size_t nopen;
		bool cycle = nopen == sizeof open_objects / sizeof open_objects[0];
		for (size_t i = 0; i < nopen && !cycle; i++)
			cycle = open_objects[i] == v;
		if (cycle) {
			buf_puts(&b, "...");
			break;
		}
		open_objects[nopen++] = v;
		buf_puts(&b, "@{");
		for (size_t i = 0; i < sh_object_prop_count(v); i++) {
			const sh_prop *p = sh_object_prop_at(v, i);
			if (i)
				buf_puts(&b, "; ");
			buf_printf(&b, "%s=", p->name);
			if (p->kind == SH_PROP_NOTE)
				put_nested(&b, p->value);
			else if (p->kind == SH_PROP_ALIAS)
				put_nested(&b, sh_object_note(v, p->alias_target));
		}
		buf_putc(&b, '}');
		nopen--;
		break;
	}
	case SH_SCRIPTBLOCK: {
		const sh_scriptblock *sb = sh_scriptblock_of(v);
		if (sb && sb->unit)
			return sh_scriptblock_text(sb);
		break;
	}
	case SH_DATETIME:
		datetime_general(sh_ticks_of(v), &b);
		break;
	case SH_TIMESPAN:
		timespan_c_format(sh_ticks_of(v), &b);
		break;
	case SH_TYPE:
		buf_puts(&b, sh_type_short_name(sh_type_of_typevalue(v)));
		break;
	case SH_SECURESTRING:
		buf_puts(&b, "System.Security.SecureString");
		break;
	}
	return buf_detach(&b);
}

sh_value *sh_to_string_value(sh_value *v)
{
	if (sh_kind_of(v) == SH_STRING && !sh_is_char(v))
		return sh_ref(v);
	return sh_string_take(sh_to_string(v));
}

bool sh_to_bool(const sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return false;
	case SH_BOOL:
		return sh_bool_of(v);
	case SH_INT:
	case SH_LONG:
		return sh_long_of(v) != 0;
	case SH_DOUBLE:
		return sh_double_of(v) != 0;
	case SH_STRING:
		return sh_str_len(v) > 0;
	case SH_ARRAY:
		if (sh_array_len(v) == 0)
			return false;
		if (sh_array_len(v) == 1)
			return sh_to_bool(sh_array_get(v, 0));
		return true;
	case SH_OBJECT:
		/* a [switch] value given as an object is not a thing here */
		return true;
	default:
		return true;
	}
}

/* ------------------------------------------------------------------ */
/* number parsing                                                      */

static int64_t multiplier_of(const char *s, size_t *len)
{
	static const struct {
		const char *suffix;
		int64_t mult;
	} sizes[] = {{"kb", 1LL << 10},
	             {"mb", 1LL << 20},
	             {"gb", 1LL << 30},
	             {"tb", 1LL << 40},
	             {"pb", 1LL << 50}};
	for (size_t i = 0; i < 5; i++)
		if (str_iprefix(s, sizes[i].suffix)) {
			*len = 2;
			return sizes[i].mult;
		}
	*len = 0;
	return 1;
}

bool sh_parse_number(const char *s, sh_value **out)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	const char *p = s;
	bool neg = false;
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	} else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	           ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
		neg = true; /* en dash and em dash count as minus in PowerShell */
		p += 3;
	}
	bool is_hex = false, is_real = false;
	const char *digits = p;
	uint64_t hexval = 0;
	size_t ndigits = 0;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		is_hex = true;
		p += 2;
		digits = p;
		while (isxdigit((unsigned char)*p)) {
			if (ndigits >= 16)
				return false;
			hexval =
			    hexval * 16 + (uint64_t)(isdigit((unsigned char)*p)
			                                 ? *p - '0'
			                                 : (tolower((unsigned char)*p) - 'a' + 10));
			p++;
			ndigits++;
		}
		if (!ndigits)
			return false;
	} else {
		while (isdigit((unsigned char)*p)) {
			p++;
			ndigits++;
		}
		if (*p == '.' && isdigit((unsigned char)p[1])) {
			is_real = true;
			p++;
			while (isdigit((unsigned char)*p)) {
				p++;
				ndigits++;
			}
		} else if (*p == '.' && ndigits) {
			is_real = true;
			p++;
		}
		if (!ndigits)
			return false;
		if ((*p == 'e' || *p == 'E') &&
		    (isdigit((unsigned char)p[1]) ||
		     ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
			is_real = true;
			p += 2;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	const char *num_end = p;
	char type_suffix = 0;
	if (*p == 'l' || *p == 'L' || ((*p == 'd' || *p == 'D') && !is_hex)) {
		type_suffix = (char)tolower((unsigned char)*p);
		p++;
	}
	size_t mlen;
	int64_t mult = multiplier_of(p, &mlen);
	p += mlen;
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return false;

	if (is_hex) {
		int64_t v;
		if (type_suffix == 'l' || ndigits > 8)
			v = (int64_t)hexval;
		else
			v = (int32_t)(uint32_t)hexval;
		if (neg)
			v = -v;
		if (mult != 1) {
			double d = (double)v * (double)mult;
			if (fabs(d) < 9.2e18)
				*out = sh_integer(v * mult);
			else
				*out = sh_double(d);
			return true;
		}
		*out = type_suffix == 'l' || ndigits > 8 ? sh_long(v) : sh_integer(v);
		return true;
	}
	char *text = xstrndup(digits, (size_t)(num_end - digits));
	if (type_suffix == 'd' || is_real) {
		double d = strtod(text, NULL);
		free(text);
		if (neg)
			d = -d;
		d *= (double)mult;
		if (type_suffix != 'd' && mult != 1 && d == floor(d) && fabs(d) < 9.2e18) {
			/* 1.5kb is an integer in PowerShell */
			*out = sh_integer((int64_t)d);
			return true;
		}
		*out = sh_double(d);
		return true;
	}
	errno = 0;
	unsigned long long u = strtoull(text, NULL, 10);
	bool overflow = errno == ERANGE || u > (unsigned long long)INT64_MAX + (neg ? 1 : 0);
	double d = strtod(text, NULL);
	free(text);
	if (overflow) {
		if (type_suffix == 'l')
			return false;
		*out = sh_double((neg ? -d : d) * (double)mult);
		return true;
	}
	int64_t v = neg ? (int64_t)(0 - u) : (int64_t)u;
	if (mult != 1) {
		double big = (double)v * (double)mult;
		if (fabs(big) >= 9.2e18) {
			*out = sh_double(big);
			return true;
		}
		v *= mult;
	}
	*out = type_suffix == 'l' ? sh_long(v) : sh_integer(v);
	return true;
}

/* ------------------------------------------------------------------ */
/* conversion                                                          */

static char *value_text(const sh_value *v)
{
	return sh_to_string(v);
}

static char *err_cannot_convert_value(const sh_value *v, const char *type, const char *why)
{
	char *s = value_text(v);
	char *e =
	    xasprintf("Cannot convert value \"%s\" to type \"%s\". Error: \"%s\"", s, type, why);
	free(s);
	return e;
}

static char *err_cannot_convert_the(const sh_value *v, const char *type)
{
	char *s = value_text(v);
	char *e = xasprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", s,
	                    sh_type_name(v), type);
	free(s);
	return e;
}

static void set_error(char **error, char *msg)
{
	if (error)
		*error = msg;
	else
		free(msg);
}

/* Rounds half to even, as Convert.ToInt32(double) does. */
static double round_even(double d)
{
	double r = round(d);
	if (fabs(d - trunc(d)) == 0.5)
		r = 2.0 * round(d / 2.0);
	return r;
}

static const char *int_range_word(sh_typeid id)
{
	switch (id) {
	case SH_T_INT:
		return "Value was either too large or too small for an Int32.";
	case SH_T_LONG:
		return "Value was either too large or too small for an Int64.";
	default:
		return "Value was either too large or too small for an unsigned byte.";
	}
}

/* To an integer type with range [lo, hi]. */
static int convert_integer(const sh_value *v, sh_type t, int64_t lo, int64_t hi, int64_t *out,
                           char **error)
{
	const char *tname = t.name;
	switch (sh_kind_of(v)) {
	case SH_NULL:
		*out = 0;
		return 0;
	case SH_BOOL:
		*out = sh_bool_of(v);
		return 0;
	case SH_INT:
	case SH_LONG: {
		int64_t n = sh_long_of(v);
		if (n < lo || n > hi) {
			set_error(error, err_cannot_convert_value(v, tname, int_range_word(t.id)));
			return -1;
		}
		*out = n;
		return 0;
	}
	case SH_DOUBLE: {
		double d = sh_double_of(v);
		if (isnan(d) || isinf(d)) {
			set_error(error, err_cannot_convert_value(v, tname, int_range_word(t.id)));
			return -1;
		}
		d = round_even(d);
		if (d < (double)lo || d >= (double)hi + 1.0) {
			set_error(error, err_cannot_convert_value(v, tname, int_range_word(t.id)));
			return -1;
		}
		*out = (int64_t)d;
		return 0;
	}
	case SH_STRING: {
		const char *s = sh_str(v);
		const char *q = s;
		if (sh_is_char(v)) {
			int64_t cp = sh_char_of(v);
			if (cp < lo || cp > hi) {
				set_error(error,
				          err_cannot_convert_value(v, tname, int_range_word(t.id)));
				return -1;
			}
			*out = cp;
			return 0;
		}
		while (isspace((unsigned char)*q))
			q++;
		if (!*q) {
			*out = 0;
			return 0;
		}
		sh_value *n = NULL;
		if (!sh_parse_number(s, &n)) {
			set_error(error,
			          err_cannot_convert_value(
			              v, tname, "Input string was not in a correct format."));
			return -1;
		}
		int rc = convert_integer(n, t, lo, hi, out, NULL);
		if (rc < 0)
			set_error(error, err_cannot_convert_value(v, tname, int_range_word(t.id)));
		sh_unref(n);
		return rc;
	}
	default:
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	}
}

static int convert_double(const sh_value *v, const char *tname, double *out, char **error)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		*out = 0;
		return 0;
	case SH_BOOL:
		*out = sh_bool_of(v);
		return 0;
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
		*out = sh_double_of(v);
		return 0;
	case SH_STRING: {
		const char *q = sh_str(v);
		if (sh_is_char(v)) {
			*out = sh_char_of(v);
			return 0;
		}
		while (isspace((unsigned char)*q))
			q++;
		if (!*q) {
			*out = 0;
			return 0;
		}
		if (str_ieq(q, "NaN") || str_ieq(q, "Infinity") || str_ieq(q, "-Infinity")) {
			*out = str_ieq(q, "NaN") ? NAN : (*q == '-' ? -INFINITY : INFINITY);
			return 0;
		}
		sh_value *n = NULL;
		if (!sh_parse_number(q, &n)) {
			set_error(error,
			          err_cannot_convert_value(
			              v, tname, "Input string was not in a correct format."));
			return -1;
		}
		*out = sh_double_of(n);
		sh_unref(n);
		return 0;
	}
	default:
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	}
}

static bool valid_guid_text(const char *s, char *canon)
{
	/* Accepts the "D" form, optionally in braces or parentheses, and the
	   32-digit "N" form; produces the lowercase "D" form. */
	char hex[33];
	size_t n = 0, len = strlen(s);
	if (len >= 2 &&
	    ((s[0] == '{' && s[len - 1] == '}') || (s[0] == '(' && s[len - 1] == ')'))) {
		s++;
		len -= 2;
	}
	if (len != 32 && len != 36)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (len == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
			if (c != '-')
				return false;
			continue;
		}
		if (!isxdigit((unsigned char)c))
			return false;
		hex[n++] = (char)tolower((unsigned char)c);
	}
	hex[n] = '\0';
	snprintf(canon, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
	         hex + 20);
	return true;
}

static bool is_guid_object(const sh_value *v)
{
	return sh_kind_of(v) == SH_OBJECT && strcmp(sh_type_name(v), "System.Guid") == 0;
}

static int convert_scalar(const sh_value *v, sh_type t, sh_value **out, char **error);

static int convert_array(const sh_value *v, sh_type t, sh_value **out, char **error)
{
	if (!v) {
		*out = NULL;
		return 0;
	}
	sh_type elem = t;
	elem.is_array = false;
	if (t.id != SH_T_NAMED) {
		const char *full = t.name;
		char base[200];
		snprintf(base, sizeof base, "%s", full ? full : "");
		size_t bl = strlen(base);
		if (bl > 2 && strcmp(base + bl - 2, "[]") == 0)
			base[bl - 2] = '\0';
		elem.name = intern(base);
	}
	sh_value *res = sh_array_new(sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : 1);
	size_t n = sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		const sh_value *item = sh_kind_of(v) == SH_ARRAY ? sh_array_get(v, i) : v;
		sh_value *c = NULL;
		char *inner = NULL;
		if (convert_scalar(item, elem, &c, &inner) < 0) {
			char *s = value_text(v);
			if (sh_kind_of(v) == SH_ARRAY)
				set_error(error,
				          xasprintf("Cannot convert the \"%s\" value of type "
				                    "\"%s\" to type \"%s\".",
				                    s, sh_type_name(v), t.name));
			else
				set_error(
				    error,
				    xasprintf("Cannot convert value \"%s\" to type \"%s\". Error: "
				              "\"%s\"",
				              s, t.name, inner));
			free(s);
			free(inner);
			sh_unref(res);
			return -1;
		}
		sh_array_append(res, c);
	}
	*out = res;
	return 0;
}

static sh_value *hash_to_object(const sh_value *h)
{
	sh_value *o = sh_object_new(NULL);
	for (size_t i = 0; i < sh_hash_len(h); i++) {
		char *k = sh_to_string(sh_hash_key_at(h, i));
		sh_object_set_note(o, k, sh_ref(sh_hash_value_at(h, i)));
		free(k);
	}
	return o;
}

static int convert_scalar(const sh_value *v, sh_type t, sh_value **out, char **error)
{
	const char *tname = t.name ? t.name : "System.Object";
	sh_kind k = sh_kind_of(v);
	int64_t n;
	double d;
	switch (t.id) {
	case SH_T_OBJECT:
		*out = sh_ref((sh_value *)v);
		return 0;
	case SH_T_VOID:
		*out = NULL;
		return 0;
	case SH_T_BOOL:
	case SH_T_SWITCH:
		if (k == SH_OBJECT || k == SH_HASHTABLE || k == SH_SCRIPTBLOCK ||
		    k == SH_DATETIME || k == SH_TIMESPAN) {
			if (k == SH_DATETIME || k == SH_TIMESPAN) {
				set_error(error, err_cannot_convert_the(v, tname));
				return -1;
			}
		}
		*out = sh_bool(sh_to_bool(v));
		return 0;
	case SH_T_INT:
		if (convert_integer(v, t, INT32_MIN, INT32_MAX, &n, error) < 0)
			return -1;
		*out = sh_int((int32_t)n);
		return 0;
	case SH_T_LONG:
		if (convert_integer(v, t, INT64_MIN, INT64_MAX, &n, error) < 0)
			return -1;
		*out = sh_long(n);
		return 0;
	case SH_T_BYTE:
		if (convert_integer(v, t, 0, 255, &n, error) < 0)
			return -1;
		*out = sh_int((int32_t)n);
		return 0;
	case SH_T_DOUBLE:
		if (convert_double(v, tname, &d, error) < 0)
			return -1;
		if (t.name && strcmp(t.name, "System.Single") == 0)
			d = (double)(float)d;
		*out = sh_double(d);
		return 0;
	case SH_T_CHAR:
		if (k == SH_STRING) {
			if (utf8_length(sh_str(v)) != 1 && !(sh_is_char(v) && sh_str_len(v) == 1)) {
				set_error(error, err_cannot_convert_value(
				                     v, tname,
				                     "String must be exactly one character long."));
				return -1;
			}
			*out = sh_is_char(v) ? sh_ref((sh_value *)v) : sh_char(sh_char_of(v));
			return 0;
		}
		if (k == SH_INT || k == SH_LONG || k == SH_DOUBLE) {
			if (convert_integer(v, (sh_type){SH_T_INT, false, "System.Char"}, 0, 0xFFFF,
			                    &n, NULL) < 0) {
				set_error(error,
				          err_cannot_convert_value(v, tname,
				                                   "Value was either too large or "
				                                   "too small for a character."));
				return -1;
			}
			*out = sh_char((uint32_t)n);
			return 0;
		}
		if (k == SH_NULL) {
			*out = sh_char(0);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_STRING:
		if (k == SH_NULL) {
			*out = sh_string("");
			return 0;
		}
		*out = sh_to_string_value((sh_value *)v);
		return 0;
	case SH_T_ARRAY:
		if (k == SH_NULL) {
			*out = NULL;
			return 0;
		}
		if (k == SH_ARRAY) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		*out = sh_array_new(1);
		sh_array_append(*out, sh_ref((sh_value *)v));
		return 0;
	case SH_T_HASHTABLE:
	case SH_T_ORDERED:
		if (k == SH_NULL) {
			*out = NULL;
			return 0;
		}
		if (k == SH_HASHTABLE) {
			if (t.id == SH_T_HASHTABLE || sh_hash_is_ordered(v)) {
				*out = sh_ref((sh_value *)v);
				return 0;
			}
			sh_value *h = sh_hash_new(true);
			for (size_t i = 0; i < sh_hash_len(v); i++)
				sh_hash_set(h, sh_hash_key_at(v, i),
				            sh_ref(sh_hash_value_at(v, i)));
			*out = h;
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_PSCUSTOMOBJECT:
		if (k == SH_HASHTABLE) {
			*out = hash_to_object(v);
			return 0;
		}
		*out = sh_ref((sh_value *)v);
		return 0;
	case SH_T_SCRIPTBLOCK:
		if (k == SH_SCRIPTBLOCK || k == SH_NULL) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_DATETIME:
		if (k == SH_DATETIME) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		if (k == SH_NULL) {
			*out = sh_datetime(0, SH_DT_UNSPECIFIED);
			return 0;
		}
		if (k == SH_STRING) {
			if (sh_parse_datetime(sh_str(v), out))
				return 0;
			char *why = sh_datetime_parse_error(sh_str(v));
			set_error(error, err_cannot_convert_value(v, tname, why));
			free(why);
			return -1;
		}
		if (k == SH_INT || k == SH_LONG) {
			n = sh_long_of(v);
			if (n < 0 || n > 3155378975999999999LL) {
				set_error(error, err_cannot_convert_the(v, tname));
				return -1;
			}
			*out = sh_datetime(n, SH_DT_UNSPECIFIED);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_TIMESPAN:
		if (k == SH_TIMESPAN) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		if (k == SH_NULL) {
			*out = sh_timespan(0);
			return 0;
		}
		if (k == SH_STRING) {
			if (sh_parse_timespan(sh_str(v), out))
				return 0;
			char *why = xasprintf("String '%s' was not recognized as a valid TimeSpan.",
			                      sh_str(v));
			set_error(error, err_cannot_convert_value(v, tname, why));
			free(why);
			return -1;
		}
		if (k == SH_INT || k == SH_LONG || k == SH_DOUBLE) {
			if (convert_integer(v, (sh_type){SH_T_LONG, false, tname}, INT64_MIN,
			                    INT64_MAX, &n, error) < 0)
				return -1;
			*out = sh_timespan(n);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_GUID:
		if (is_guid_object(v)) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		if (k == SH_STRING) {
			char canon[37];
			if (!valid_guid_text(sh_str(v), canon)) {
				set_error(error, err_cannot_convert_value(
				                     v, tname,
				                     "Guid should contain 32 digits with 4 dashes "
				                     "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."));
				return -1;
			}
			*out = sh_guid_value(canon);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_REGEX:
		if (k == SH_OBJECT && strcmp(sh_type_name(v), tname) == 0) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		if (k == SH_STRING) {
			char *rerr = NULL;
			sh_value *re = sh_regex_value(sh_str(v), &rerr);
			if (!re) {
				set_error(error, err_cannot_convert_value(v, tname, rerr));
				free(rerr);
				return -1;
			}
			*out = re;
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_SECURESTRING:
		if (k == SH_SECURESTRING || k == SH_NULL) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	case SH_T_CREDENTIAL:
	case SH_T_NAMED:
		if (k == SH_NULL || sh_value_is(v, t)) {
			*out = sh_ref((sh_value *)v);
			return 0;
		}
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	default:
		set_error(error, err_cannot_convert_the(v, tname));
		return -1;
	}
}

int sh_convert(const sh_value *v, sh_type t, sh_value **out, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	if (t.is_array)
		return convert_array(v, t, out, error);
	if (sh_kind_of(v) == SH_ARRAY && t.id != SH_T_OBJECT && t.id != SH_T_ARRAY &&
	    t.id != SH_T_STRING && t.id != SH_T_BOOL && t.id != SH_T_SWITCH && t.id != SH_T_VOID &&
	    t.id != SH_T_PSCUSTOMOBJECT && t.id != SH_T_NAMED) {
		set_error(error, err_cannot_convert_the(v, t.name ? t.name : "System.Object"));
		return -1;
	}
	return convert_scalar(v, t, out, error);
}

bool sh_to_int64(const sh_value *v, int64_t *out, char **error)
{
	sh_type t = {SH_T_LONG, false, "System.Int64"};
	if (sh_kind_of(v) == SH_ARRAY) {
		set_error(error, err_cannot_convert_the(v, t.name));
		return false;
	}
	return convert_integer(v, t, INT64_MIN, INT64_MAX, out, error) == 0;
}

bool sh_to_double(const sh_value *v, double *out, char **error)
{
	if (sh_kind_of(v) == SH_ARRAY) {
		set_error(error, err_cannot_convert_the(v, "System.Double"));
		return false;
	}
	return convert_double(v, "System.Double", out, error) == 0;
}

/* Interfaces and base classes that scripts test with -is. */
static bool named_type_matches(const sh_value *v, const char *name)
{
	const char *bare = str_iprefix(name, "System.") ? name + 7 : name;
	sh_kind k = sh_kind_of(v);
	if (str_ieq(sh_type_name(v), name) || str_ieq(sh_type_name(v), bare) ||
	    (str_iprefix(sh_type_name(v), "System.") && str_ieq(sh_type_name(v) + 7, bare)))
		return true;
	for (size_t i = 0; i < sh_object_typename_count(v); i++) {
		const char *tn = sh_object_typename(v, i);
		if (str_ieq(tn, name) || str_ieq(tn, bare) ||
		    (str_iprefix(tn, "System.") && str_ieq(tn + 7, bare)))
			return true;
	}
	if (str_ieq(bare, "ValueType"))
		return k == SH_BOOL || k == SH_INT || k == SH_LONG || k == SH_DOUBLE ||
		       k == SH_DATETIME || k == SH_TIMESPAN || is_guid_object(v);
	if (str_ieq(bare, "IComparable") || str_ieq(bare, "IConvertible"))
		return k == SH_BOOL || k == SH_INT || k == SH_LONG || k == SH_DOUBLE ||
		       k == SH_STRING || k == SH_DATETIME ||
		       (k == SH_TIMESPAN && bare[1] == 'C' && str_ieq(bare, "IComparable"));
	if (str_ieq(bare, "Collections.IEnumerable"))
		return k == SH_ARRAY || k == SH_HASHTABLE || k == SH_STRING;
	if (str_ieq(bare, "Collections.ICollection") || str_ieq(bare, "Collections.IList"))
		return k == SH_ARRAY || (k == SH_HASHTABLE && bare[13] == 'C');
	if (str_ieq(bare, "Collections.IDictionary"))
		return k == SH_HASHTABLE;
	if (str_ieq(bare, "MulticastDelegate") || str_ieq(bare, "Delegate"))
		return false;
	if (str_ieq(bare, "Type") || str_ieq(bare, "Reflection.TypeInfo"))
		return k == SH_TYPE;
	return false;
}

bool sh_value_is(const sh_value *v, sh_type t)
{
	sh_kind k = sh_kind_of(v);
	if (k == SH_NULL)
		return false;
	if (t.is_array) {
		/* Only object[] is an array type here; [int[]] never matches an
		   object[] in .NET either. */
		return false;
	}
	switch (t.id) {
	case SH_T_OBJECT:
		return true;
	case SH_T_BOOL:
		return k == SH_BOOL;
	case SH_T_INT:
		return k == SH_INT;
	case SH_T_LONG:
		return k == SH_LONG;
	case SH_T_DOUBLE:
		return k == SH_DOUBLE && (!t.name || strcmp(t.name, "System.Double") == 0);
	case SH_T_BYTE:
		return false;
	case SH_T_CHAR:
		return sh_is_char(v);
	case SH_T_STRING:
		return k == SH_STRING && !sh_is_char(v);
	case SH_T_ARRAY:
		return k == SH_ARRAY;
	case SH_T_HASHTABLE:
		return k == SH_HASHTABLE && !sh_hash_is_ordered(v);
	case SH_T_ORDERED:
		return k == SH_HASHTABLE && sh_hash_is_ordered(v);
	case SH_T_PSCUSTOMOBJECT:
		return k == SH_OBJECT;
	case SH_T_SCRIPTBLOCK:
		return k == SH_SCRIPTBLOCK;
	case SH_T_DATETIME:
		return k == SH_DATETIME;
	case SH_T_TIMESPAN:
		return k == SH_TIMESPAN;
	case SH_T_SWITCH:
		return false;
	case SH_T_VOID:
		return false;
	case SH_T_SECURESTRING:
		return k == SH_SECURESTRING;
	case SH_T_GUID:
	case SH_T_REGEX:
	case SH_T_CREDENTIAL:
	case SH_T_NAMED:
		return t.name && named_type_matches(v, t.name);
	default:
		return false;
	}
}

/* ------------------------------------------------------------------ */
/* number formatting                                                   */

/* A non-negative decimal number as significant digits and a position:
 * value = 0.DIGITS x 10^exp. No leading zeros; "" is zero. */
typedef struct decnum {
	char digits[80];
	int len;
	int exp;
	bool neg;
} decnum;

static void decnum_trim(decnum *n)
{
	while (n->len && n->digits[n->len - 1] == '0')
		n->len--;
	n->digits[n->len] = '\0';
	if (!n->len)
		n->exp = 0;
}

static void decnum_from_double(double d, decnum *n)
{
	char tmp[96];
	n->neg = signbit(d) != 0;
	d = fabs(d);
	n->len = 0;
	n->exp = 0;
	if (d == 0) {
		n->digits[0] = '\0';
		return;
	}
	snprintf(tmp, sizeof tmp, "%.60e", d);
	char *e = strchr(tmp, 'e');
	n->digits[n->len++] = tmp[0];
	for (char *p = tmp + 2; p < e; p++)
		n->digits[n->len++] = *p;
	n->exp = atoi(e + 1) + 1;
	decnum_trim(n);
}

static void decnum_from_int(int64_t v, decnum *n)
{
	n->neg = v < 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(n->digits, sizeof n->digits, "%llu", (unsigned long long)u);
	n->len = (int)strlen(n->digits);
	n->exp = n->len;
	if (u == 0) {
		n->len = 0;
		n->exp = 0;
	}
	decnum_trim(n);
}

/* Keeps `keep` significant digits, rounding half away from zero. */
static void decnum_round_sig(decnum *n, int keep)
{
	if (keep >= n->len)
		return;
	if (keep < 0) {
		n->len = 0;
		decnum_trim(n);
		return;
	}
	bool up = n->digits[keep] >= '5';
	n->len = keep;
	if (up) {
		int i = keep - 1;
		while (i >= 0 && n->digits[i] == '9') {
			n->digits[i] = '0';
			i--;
		}
		if (i >= 0) {
			n->digits[i]++;
		} else {
			memmove(n->digits + 1, n->digits, (size_t)n->len);
			n->digits[0] = '1';
			n->len++;
			n->exp++;
		}
	}
	decnum_trim(n);
}

/* Rounds to `frac` digits after the decimal point. */
static void decnum_round_frac(decnum *n, int frac)
{
	if (!n->len)
		return;
	decnum_round_sig(n, n->exp + frac);
}

static bool decnum_value_kind(const sh_value *v, decnum *n)
{
	if (sh_kind_of(v) == SH_INT || sh_kind_of(v) == SH_LONG) {
		decnum_from_int(sh_long_of(v), n);
		return true;
	}
	decnum_from_double(sh_double_of(v), n);
	return false;
}

/* Digit i of the integer part counted from the left of the full integer
 * string of length exp (zero when past the stored digits). */
static char decnum_digit(const decnum *n, int i)
{
	return i >= 0 && i < n->len ? n->digits[i] : '0';
}

/* Appends the integer part, at least min_digits long, grouped by
 * thousands when `group`. */
static void put_integer_part(sh_buf *b, const decnum *n, int min_digits, bool group)
{
	int ilen = n->exp > 0 ? n->exp : 0;
	int total = ilen > min_digits ? ilen : min_digits;
	for (int i = 0; i < total; i++) {
		int src = i - (total - ilen);
		buf_putc(b, src < 0 ? '0' : decnum_digit(n, src));
		int left = total - i - 1;
		if (group && left > 0 && left % 3 == 0)
			buf_putc(b, ',');
	}
}

static void put_fraction(sh_buf *b, const decnum *n, int frac)
{
	if (frac <= 0)
		return;
	buf_putc(b, '.');
	for (int i = 0; i < frac; i++)
		buf_putc(b, decnum_digit(n, n->exp + i));
}

static void put_exponent(sh_buf *b, int e, char letter, int min_digits, bool always_sign)
{
	buf_putc(b, letter);
	if (e < 0) {
		buf_putc(b, '-');
		e = -e;
	} else if (always_sign) {
		buf_putc(b, '+');
	}
	buf_printf(b, "%0*d", min_digits, e);
}

/* The shortest digit string that parses back to d. */
static void shortest_digits(double d, decnum *n)
{
	char tmp[64];
	n->neg = signbit(d) != 0;
	d = fabs(d);
	if (d == 0) {
		n->len = n->exp = 0;
		n->digits[0] = '\0';
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d || prec == 17)
			break;
	}
	char *e = strchr(tmp, 'e');
	n->len = 0;
	n->digits[n->len++] = tmp[0];
	for (char *p = tmp + 2; p < e; p++)
		n->digits[n->len++] = *p;
	n->exp = atoi(e + 1) + 1;
	decnum_trim(n);
}

/* "G" layout: fixed unless the exponent is below -4 or at least `limit`. */
static void put_general(sh_buf *b, const decnum *n, int limit, char e_letter)
{
	if (n->neg && n->len)
		buf_putc(b, '-');
	if (!n->len) {
		buf_putc(b, '0');
		return;
	}
	int sci_exp = n->exp - 1;
	if (sci_exp >= limit || sci_exp < -4) {
		buf_putc(b, n->digits[0]);
		if (n->len > 1) {
			buf_putc(b, '.');
			buf_putn(b, n->digits + 1, (size_t)n->len - 1);
		}
		put_exponent(b, sci_exp, e_letter, 2, true);
		return;
	}
	if (n->exp <= 0) {
		buf_puts(b, "0.");
		for (int i = 0; i < -n->exp; i++)
			buf_putc(b, '0');
		buf_putn(b, n->digits, (size_t)n->len);
		return;
	}
	for (int i = 0; i < n->exp; i++)
		buf_putc(b, decnum_digit(n, i));
	if (n->len > n->exp) {
		buf_putc(b, '.');
		buf_putn(b, n->digits + n->exp, (size_t)(n->len - n->exp));
	}
}

void sh_format_double(double d, char *out, size_t outsize)
{
	if (isnan(d)) {
		snprintf(out, outsize, "NaN");
		return;
	}
	if (isinf(d)) {
		snprintf(out, outsize, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	decnum n;
	shortest_digits(d, &n);
	sh_buf b = {0};
	if (!n.len && n.neg)
		buf_putc(&b, '-');
	put_general(&b, &n, 15, 'E');
	snprintf(out, outsize, "%s", buf_str(&b));
	buf_free(&b);
}

static char *format_standard_number(const sh_value *v, char spec, int prec, char **error)
{
	decnum n;
	bool is_int = decnum_value_kind(v, &n);
	double d = sh_double_of(v);
	sh_buf b = {0};
	char up = (char)toupper((unsigned char)spec);
	if (!is_int && (isnan(d) || isinf(d))) {
		char tmp[32];
		sh_format_double(d, tmp, sizeof tmp);
		return xstrdup(tmp);
	}
	switch (up) {
	case 'D':
		if (!is_int)
			goto invalid;
		if (n.neg && n.len)
			buf_putc(&b, '-');
		put_integer_part(&b, &n, prec < 0 ? 1 : prec, false);
		break;
	case 'X': {
		if (!is_int)
			goto invalid;
		int64_t x = sh_long_of(v);
		unsigned long long u = sh_kind_of(v) == SH_INT ? (uint32_t)x : (uint64_t)x;
		buf_printf(&b, spec == 'x' ? "%0*llx" : "%0*llX", prec < 0 ? 1 : prec, u);
		break;
	}
	case 'F':
	case 'N':
	case 'C':
	case 'P': {
		if (up == 'P') {
			/* scale by 100 on the digit string: exact, no binary error */
			if (n.len)
				n.exp += 2;
		}
		int frac = prec < 0 ? 2 : prec;
		decnum_round_frac(&n, frac);
		if (n.neg && (n.len || !is_int))
			buf_putc(&b, '-');
		put_integer_part(&b, &n, 1, up != 'F');
		put_fraction(&b, &n, frac);
		if (up == 'P')
			buf_puts(&b, " %");
		break;
	}
	case 'E': {
		int digits = prec < 0 ? 6 : prec;
		decnum_round_sig(&n, digits + 1);
		if (n.neg && (n.len || !is_int))
			buf_putc(&b, '-');
		buf_putc(&b, n.len ? n.digits[0] : '0');
		if (digits > 0) {
			buf_putc(&b, '.');
			for (int i = 1; i <= digits; i++)
				buf_putc(&b, decnum_digit(&n, i));
		}
		put_exponent(&b, n.len ? n.exp - 1 : 0, spec == 'e' ? 'e' : 'E', 3, true);
		break;
	}
	case 'G':
		if (prec <= 0) {
			if (is_int) {
				if (n.neg && n.len)
					buf_putc(&b, '-');
				put_integer_part(&b, &n, 1, false);
			} else {
				char tmp[40];
				sh_format_double(d, tmp, sizeof tmp);
				buf_puts(&b, tmp);
				if (spec == 'g') {
					char *e = strchr(b.data, 'E');
					if (e)
						*e = 'e';
				}
			}
			break;
		}
		decnum_round_sig(&n, prec);
		put_general(&b, &n, prec, spec == 'g' ? 'e' : 'E');
		break;
	case 'R': {
		char tmp[40];
		if (is_int)
			snprintf(tmp, sizeof tmp, "%lld", (long long)sh_long_of(v));
		else
			sh_format_double(d, tmp, sizeof tmp);
		buf_puts(&b, tmp);
		break;
	}
	default:
		goto invalid;
	}
	return buf_detach(&b);
invalid:
	buf_free(&b);
	if (error)
		*error = xstrdup("Format specifier was invalid.");
	return NULL;
}

/* One section of a custom numeric format, analysed. */
typedef struct custom_fmt {
	const char *start, *end;
	int int_places, int_zero_from; /* placeholders before '.', index of first '0' */
	int frac_places, frac_min;     /* placeholders after '.', last '0' + 1 */
	bool has_point, group;
	int scale_thousands;
	int percent, permille;
	bool sci;
	char sci_letter;
	bool sci_plus;
	int sci_min_digits;
} custom_fmt;

static void analyse_custom(custom_fmt *f)
{
	const char *p = f->start;
	f->int_places = f->frac_places = f->frac_min = 0;
	f->int_zero_from = -1;
	f->has_point = f->group = f->sci = false;
	f->scale_thousands = f->percent = f->permille = 0;
	int pending_commas = 0;
	bool seen_digit = false;
	while (p < f->end) {
		char c = *p;
		if (c == '\\' && p + 1 < f->end) {
			p += 2;
			continue;
		}
		if (c == '\'' || c == '"') {
			const char *q = p + 1;
			while (q < f->end && *q != c)
				q++;
			p = q < f->end ? q + 1 : q;
			continue;
		}
		if (c == '0' || c == '#') {
			if (pending_commas && seen_digit && !f->has_point)
				f->group = true;
			pending_commas = 0;
			seen_digit = true;
			if (!f->has_point) {
				if (c == '0' && f->int_zero_from < 0)
					f->int_zero_from = f->int_places;
				f->int_places++;
			} else {
				f->frac_places++;
				if (c == '0')
					f->frac_min = f->frac_places;
			}
		} else if (c == '.') {
			if (!f->has_point) {
				f->scale_thousands += pending_commas;
				pending_commas = 0;
			}
			f->has_point = true;
		} else if (c == ',') {
			if (!f->has_point)
				pending_commas++;
		} else if (c == '%') {
			f->percent++;
		} else if ((unsigned char)c == 0xE2 && p + 2 < f->end &&
		           (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xB0) {
			f->permille++;
			p += 2;
		} else if ((c == 'E' || c == 'e') && p + 1 < f->end &&
		           (p[1] == '0' ||
		            ((p[1] == '+' || p[1] == '-') && p + 2 < f->end && p[2] == '0'))) {
			f->sci = true;
			f->sci_letter = c;
			p++;
			f->sci_plus = *p == '+';
			if (*p == '+' || *p == '-')
				p++;
			f->sci_min_digits = 0;
			while (p < f->end && *p == '0') {
				f->sci_min_digits++;
				p++;
			}
			continue;
		}
		p++;
	}
	if (!f->has_point)
		f->scale_thousands += pending_commas;
	if (f->int_zero_from < 0)
		f->int_zero_from = f->int_places;
}

static char *format_custom_number(const sh_value *v, const char *format)
{
	/* split into up to three sections: positive; negative; zero */
	const char *sections[4];
	int nsec = 0;
	sections[nsec++] = format;
	bool in_quote = false;
	char q = 0;
	for (const char *p = format; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (in_quote) {
			if (*p == q)
				in_quote = false;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			in_quote = true;
			q = *p;
			continue;
		}
		if (*p == ';' && nsec < 3)
			sections[nsec++] = p + 1;
	}
	sections[nsec] = format + strlen(format) + 1;

	decnum n;
	decnum_value_kind(v, &n);
	bool negative = n.neg && n.len;
	int sec = 0;
	if (negative && nsec >= 2 && sections[2] - 1 > sections[1])
		sec = 1; /* a non-empty negative section replaces the sign */
	custom_fmt f = {0};
	for (int pass = 0; pass < 2; pass++) {
		f.start = sections[sec];
		f.end = sections[sec + 1] - 1;
		analyse_custom(&f);
		decnum r = n;
		if (r.len)
			r.exp += 2 * f.percent + 3 * f.permille - 3 * f.scale_thousands;
		if (!f.sci)
			decnum_round_frac(&r, f.frac_places);
		if (pass == 0 && !r.len && nsec >= 3 && sections[3] - 1 > sections[2]) {
			sec = 2;
			continue;
		}
		n = r;
		break;
	}
	sh_buf b = {0};
	int sci_exp = 0;
	if (f.sci) {
		int lead = f.int_places > 0 ? f.int_places : 1;
		if (n.len) {
			sci_exp = n.exp - lead;
			n.exp = lead;
		}
		decnum_round_frac(&n, f.frac_places);
		if (n.len && n.exp > lead) {
			sci_exp += n.exp - lead;
			n.exp = lead;
		}
	}
	bool zero_after_round = !n.len;
	if (negative && sec == 0 && !zero_after_round)
		buf_putc(&b, '-');
	int ilen = n.exp > 0 ? n.exp : 0;
	int min_int = f.int_places - f.int_zero_from;
	int total_int = ilen > min_int ? ilen : min_int;
	int frac_show = 0;
	for (int i = f.frac_places; i > 0; i--) {
		if (i <= f.frac_min || decnum_digit(&n, n.exp + i - 1) != '0') {
			frac_show = i;
			break;
		}
	}
	int int_seen = 0, frac_seen = 0;
	bool after_point = false;
	for (const char *p = f.start; p < f.end; p++) {
		char c = *p;
		if (c == '\\' && p + 1 < f.end) {
			buf_putc(&b, *++p);
			continue;
		}
		if (c == '\'' || c == '"') {
			const char *e = p + 1;
			while (e < f.end && *e != c)
				e++;
			buf_putn(&b, p + 1, (size_t)(e - p - 1));
			p = e < f.end ? e : e - 1;
			continue;
		}
		if (c == '0' || c == '#') {
			if (!after_point) {
				/* placeholder k covers integer digit position (from the
				   right) int_places - k - 1; the first one also emits any
				   digits that have no placeholder of their own */
				int pos = f.int_places - int_seen - 1;
				int_seen++;
				int from = pos, to = pos;
				if (int_seen == 1)
					from = total_int - 1 > pos ? total_int - 1 : pos;
				for (int k = from; k >= to; k--) {
					if (k >= total_int)
						continue;
					int src = ilen - 1 - k;
					buf_putc(&b, src < 0 ? '0' : decnum_digit(&n, src));
					if (f.group && k > 0 && k % 3 == 0)
						buf_putc(&b, ',');
				}
			} else {
				if (frac_seen < frac_show)
					buf_putc(&b, decnum_digit(&n, n.exp + frac_seen));
				frac_seen++;
			}
			continue;
		}
		if (c == '.') {
			if (!after_point && frac_show > 0)
				buf_putc(&b, '.');
			after_point = true;
			continue;
		}
		if (c == ',')
			continue;
		if ((c == 'E' || c == 'e') && f.sci && p + 1 < f.end &&
		    (p[1] == '0' || p[1] == '+' || p[1] == '-')) {
			p++;
			if (*p == '+' || *p == '-')
				p++;
			while (p + 1 < f.end && p[1] == '0')
				p++;
			put_exponent(&b, sci_exp, c, f.sci_min_digits, f.sci_plus);
			continue;
		}
		buf_putc(&b, c);
	}
	return buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* dates                                                               */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

/* Days since 0001-01-01 in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 306; /* 0000-03-01 based, shifted to 0001-01-01 */
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 306;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int64_t epoch_days_offset(void)
{
	return days_from_civil(1970, 1, 1) - days_from_civil(1, 1, 1);
}

int64_t sh_ticks_from_civil(int year, int month, int day, int hour, int minute, int second,
                            int millisecond)
{
	int64_t days = days_from_civil(year, month, day) - days_from_civil(1, 1, 1);
	return days * SH_TICKS_PER_DAY +
	       ((int64_t)hour * 3600 + (int64_t)minute * 60 + second) * SH_TICKS_PER_SECOND +
	       (int64_t)millisecond * 10000;
}

void sh_civil_from_ticks(int64_t ticks, int *year, int *month, int *day, int *hour, int *minute,
                         int *second, int *millisecond, int *day_of_week, int *day_of_year)
{
	int64_t days = ticks / SH_TICKS_PER_DAY;
	int64_t rem = ticks % SH_TICKS_PER_DAY;
	if (rem < 0) {
		rem += SH_TICKS_PER_DAY;
		days--;
	}
	int y, m, d;
	civil_from_days(days + days_from_civil(1, 1, 1), &y, &m, &d);
	if (year)
		*year = y;
	if (month)
		*month = m;
	if (day)
		*day = d;
	int64_t secs = rem / SH_TICKS_PER_SECOND;
	if (hour)
		*hour = (int)(secs / 3600);
	if (minute)
		*minute = (int)(secs / 60 % 60);
	if (second)
		*second = (int)(secs % 60);
	if (millisecond)
		*millisecond = (int)(rem % SH_TICKS_PER_SECOND / 10000);
	if (day_of_week)
		*day_of_week = (int)((days + 1) % 7); /* 0001-01-01 was a Monday */
	if (day_of_year)
		*day_of_year = (int)(days_from_civil(y, m, d) - days_from_civil(y, 1, 1) + 1);
}

/* The local UTC offset, in seconds, in effect at a local wall-clock time
 * (or at a UTC time when `is_utc`). */
static long local_offset_at(int64_t ticks, bool is_utc)
{
	time_t t = (time_t)((ticks / SH_TICKS_PER_SECOND) - epoch_days_offset() * 86400);
	struct tm tm;
	if (is_utc) {
		localtime_r(&t, &tm);
		return tm.tm_gmtoff;
	}
	/* treat the wall clock as UTC to get an estimate, then correct once */
	localtime_r(&t, &tm);
	time_t guess = t - tm.tm_gmtoff;
	localtime_r(&guess, &tm);
	return tm.tm_gmtoff;
}

int64_t sh_now_ticks(sh_datetime_kind kind)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t ticks = (epoch_days_offset() * 86400 + (int64_t)ts.tv_sec) * SH_TICKS_PER_SECOND +
	                ts.tv_nsec / 100;
	if (kind == SH_DT_LOCAL) {
		struct tm tm;
		time_t t = ts.tv_sec;
		localtime_r(&t, &tm);
		ticks += (int64_t)tm.tm_gmtoff * SH_TICKS_PER_SECOND;
	}
	return ticks;
}

static void put_offset(sh_buf *b, long off, int style)
{
	char sign = off < 0 ? '-' : '+';
	long a = off < 0 ? -off : off;
	if (style == 1)
		buf_printf(b, "%c%ld", sign, a / 3600);
	else if (style == 2)
		buf_printf(b, "%c%02ld", sign, a / 3600);
	else
		buf_printf(b, "%c%02ld:%02ld", sign, a / 3600, a / 60 % 60);
}

static const char *standard_date_pattern(char c)
{
	switch (c) {
	case 'd':
		return "MM/dd/yyyy";
	case 'D':
		return "dddd, dd MMMM yyyy";
	case 't':
		return "HH:mm";
	case 'T':
		return "HH:mm:ss";
	case 'f':
		return "dddd, dd MMMM yyyy HH:mm";
	case 'F':
		return "dddd, dd MMMM yyyy HH:mm:ss";
	case 'g':
		return "MM/dd/yyyy HH:mm";
	case 'G':
		return "MM/dd/yyyy HH:mm:ss";
	case 'M':
	case 'm':
		return "MMMM dd";
	case 'Y':
	case 'y':
		return "yyyy MMMM";
	case 's':
		return "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
	case 'u':
		return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
	case 'U':
		return "dddd, dd MMMM yyyy HH:mm:ss";
	case 'o':
	case 'O':
		return "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffffK";
	case 'r':
	case 'R':
		return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
	default:
		return NULL;
	}
}

static int run_length(const char *p, char c)
{
	int n = 0;
	while (p[n] == c)
		n++;
	return n;
}

static void format_date_custom(int64_t ticks, sh_datetime_kind kind, const char *fmt, sh_buf *b)
{
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	int64_t frac = ((ticks % SH_TICKS_PER_SECOND) + SH_TICKS_PER_SECOND) % SH_TICKS_PER_SECOND;
	for (const char *p = fmt; *p;) {
		char c = *p;
		int n = run_length(p, c);
		switch (c) {
		case 'd':
			if (n == 1)
				buf_printf(b, "%d", d);
			else if (n == 2)
				buf_printf(b, "%02d", d);
			else if (n == 3)
				buf_printf(b, "%.3s", day_names[dow]);
			else
				buf_puts(b, day_names[dow]);
			break;
		case 'M':
			if (n == 1)
				buf_printf(b, "%d", mo);
			else if (n == 2)
				buf_printf(b, "%02d", mo);
			else if (n == 3)
				buf_printf(b, "%.3s", month_names[mo - 1]);
			else
				buf_puts(b, month_names[mo - 1]);
			break;
		case 'y':
			if (n == 1)
				buf_printf(b, "%d", y % 100);
			else if (n == 2)
				buf_printf(b, "%02d", y % 100);
			else
				buf_printf(b, "%0*d", n, y);
			break;
		case 'h':
			buf_printf(b, n == 1 ? "%d" : "%02d", h % 12 == 0 ? 12 : h % 12);
			break;
		case 'H':
			buf_printf(b, n == 1 ? "%d" : "%02d", h);
			break;
		case 'm':
			buf_printf(b, n == 1 ? "%d" : "%02d", mi);
			break;
		case 's':
			buf_printf(b, n == 1 ? "%d" : "%02d", s);
			break;
		case 'f':
		case 'F': {
			int digits = n > 7 ? 7 : n;
			char tmp[8];
			snprintf(tmp, sizeof tmp, "%07lld", (long long)frac);
			tmp[digits] = '\0';
			if (c == 'F') {
				int len = digits;
				while (len && tmp[len - 1] == '0')
					len--;
				tmp[len] = '\0';
				if (!len && b->len && b->data[b->len - 1] == '.')
					b->data[--b->len] = '\0';
			}
			buf_puts(b, tmp);
			break;
		}
		case 't':
			if (n == 1)
				buf_putc(b, h < 12 ? 'A' : 'P');
			else
				buf_puts(b, h < 12 ? "AM" : "PM");
			break;
		case 'z': {
			long off = local_offset_at(ticks, kind == SH_DT_UTC);
			put_offset(b, off, n == 1 ? 1 : n == 2 ? 2 : 3);
			break;
		}
		case 'K':
			n = 1;
			if (kind == SH_DT_UTC)
				buf_putc(b, 'Z');
			else if (kind == SH_DT_LOCAL)
				put_offset(b, local_offset_at(ticks, false), 3);
			break;
		case 'g':
			buf_puts(b, "A.D.");
			break;
		case ':':
		case '/':
			n = 1;
			buf_putc(b, c);
			break;
		case '\'':
		case '"': {
			const char *e = strchr(p + 1, c);
			if (!e)
				e = p + strlen(p);
			buf_putn(b, p + 1, (size_t)(e - p - 1));
			p = *e ? e + 1 : e;
			continue;
		}
		case '\\':
			if (p[1]) {
				buf_putc(b, p[1]);
				p += 2;
			} else {
				p++;
			}
			continue;
		case '%':
			n = 1;
			break;
		default:
			n = 1;
			buf_putc(b, c);
		}
		p += n;
	}
}

static void datetime_general(int64_t ticks, sh_buf *b)
{
	format_date_custom(ticks, SH_DT_UNSPECIFIED, "MM/dd/yyyy HH:mm:ss", b);
}

static char *format_datetime(const sh_value *v, const char *format, char **error)
{
	int64_t ticks = sh_ticks_of(v);
	sh_datetime_kind kind = sh_datetime_kind_of(v);
	sh_buf b = {0};
	if (!format || !*format)
		format = "G";
	if (format[0] && !format[1]) {
		const char *pat = standard_date_pattern(format[0]);
		if (!pat) {
			if (error)
				*error = xstrdup("Input string was not in a correct format.");
			return NULL;
		}
		if (format[0] == 'U' && kind != SH_DT_UTC) {
			ticks -= (int64_t)local_offset_at(ticks, false) * SH_TICKS_PER_SECOND;
			kind = SH_DT_UTC;
		}
		format_date_custom(ticks, kind, pat, &b);
		return buf_detach(&b);
	}
	format_date_custom(ticks, kind, format, &b);
	return buf_detach(&b);
}

/* ---- time spans ---- */

static void timespan_c_format(int64_t ticks, sh_buf *b)
{
	uint64_t t = ticks < 0 ? (uint64_t)0 - (uint64_t)ticks : (uint64_t)ticks;
	if (ticks < 0)
		buf_putc(b, '-');
	uint64_t days = t / (uint64_t)SH_TICKS_PER_DAY;
	uint64_t rem = t % (uint64_t)SH_TICKS_PER_DAY;
	uint64_t secs = rem / SH_TICKS_PER_SECOND;
	uint64_t frac = rem % SH_TICKS_PER_SECOND;
	if (days)
		buf_printf(b, "%llu.", (unsigned long long)days);
	buf_printf(b, "%02llu:%02llu:%02llu", (unsigned long long)(secs / 3600),
	           (unsigned long long)(secs / 60 % 60), (unsigned long long)(secs % 60));
	if (frac)
		buf_printf(b, ".%07llu", (unsigned long long)frac);
}

static char *format_timespan(const sh_value *v, const char *format, char **error)
{
	int64_t ticks = sh_ticks_of(v);
	sh_buf b = {0};
	if (!format || !*format || strcmp(format, "c") == 0 || strcmp(format, "t") == 0 ||
	    strcmp(format, "T") == 0) {
		timespan_c_format(ticks, &b);
		return buf_detach(&b);
	}
	uint64_t t = ticks < 0 ? (uint64_t)0 - (uint64_t)ticks : (uint64_t)ticks;
	uint64_t days = t / (uint64_t)SH_TICKS_PER_DAY;
	uint64_t rem = t % (uint64_t)SH_TICKS_PER_DAY;
	uint64_t secs = rem / SH_TICKS_PER_SECOND;
	uint64_t frac = rem % SH_TICKS_PER_SECOND;
	if (strcmp(format, "g") == 0 || strcmp(format, "G") == 0) {
		if (ticks < 0)
			buf_putc(&b, '-');
		bool general_long = format[0] == 'G';
		if (general_long || days)
			buf_printf(&b, "%llu:", (unsigned long long)days);
		buf_printf(&b, general_long ? "%02llu:%02llu:%02llu" : "%llu:%02llu:%02llu",
		           (unsigned long long)(secs / 3600), (unsigned long long)(secs / 60 % 60),
		           (unsigned long long)(secs % 60));
		if (general_long)
			buf_printf(&b, ".%07llu", (unsigned long long)frac);
		else if (frac) {
			char tmp[8];
			snprintf(tmp, sizeof tmp, "%07llu", (unsigned long long)frac);
			int len = 7;
			while (len && tmp[len - 1] == '0')
				len--;
			tmp[len] = '\0';
			buf_printf(&b, ".%s", tmp);
		}
		return buf_detach(&b);
	}
	for (const char *p = format; *p;) {
		char c = *p;
		int n = run_length(p, c);
		switch (c) {
		case 'd':
			buf_printf(&b, "%0*llu", n, (unsigned long long)days);
			break;
		case 'h':
			buf_printf(&b, "%0*llu", n > 2 ? 2 : n, (unsigned long long)(secs / 3600));
			break;
		case 'm':
			buf_printf(&b, "%0*llu", n > 2 ? 2 : n,
			           (unsigned long long)(secs / 60 % 60));
			break;
		case 's':
			buf_printf(&b, "%0*llu", n > 2 ? 2 : n, (unsigned long long)(secs % 60));
			break;
		case 'f':
		case 'F': {
			char tmp[8];
			snprintf(tmp, sizeof tmp, "%07llu", (unsigned long long)frac);
			int digits = n > 7 ? 7 : n;
			tmp[digits] = '\0';
			if (c == 'F') {
				while (digits && tmp[digits - 1] == '0')
					tmp[--digits] = '\0';
			}
			buf_puts(&b, tmp);
			break;
		}
		case '\\':
			if (p[1])
				buf_putc(&b, p[1]);
			p += p[1] ? 2 : 1;
			continue;
		case '\'':
		case '"': {
			const char *e = strchr(p + 1, c);
			if (!e)
				e = p + strlen(p);
			buf_putn(&b, p + 1, (size_t)(e - p - 1));
			p = *e ? e + 1 : e;
			continue;
		}
		case '%':
			n = 1;
			break;
		default:
			/* .NET refuses unquoted literals in time span formats */
			buf_free(&b);
			if (error)
				*error = xstrdup("Input string was not in a correct format.");
			return NULL;
		}
		p += n;
	}
	return buf_detach(&b);
}

char *sh_format_value(const sh_value *v, const char *format, char **error)
{
	if (error)
		*error = NULL;
	switch (sh_kind_of(v)) {
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE: {
		if (!format || !*format)
			return sh_to_string(v);
		if (isalpha((unsigned char)format[0])) {
			const char *p = format + 1;
			bool digits_only = true;
			for (const char *q = p; *q; q++)
				if (!isdigit((unsigned char)*q))
					digits_only = false;
			if (digits_only && strlen(p) <= 9)
				return format_standard_number(v, format[0], *p ? atoi(p) : -1,
				                              error);
		}
		return format_custom_number(v, format);
	}
	case SH_DATETIME:
		return format_datetime(v, format, error);
	case SH_TIMESPAN:
		return format_timespan(v, format, error);
	case SH_BOOL:
		return sh_to_string(v);
	case SH_OBJECT:
		if (is_guid_object(v) && format && *format) {
			char *s = sh_to_string(v);
			if (strchr("dD", format[0]) && !format[1])
				return s;
			sh_buf b = {0};
			if (strchr("nN", format[0]) && !format[1]) {
				for (char *p = s; *p; p++)
					if (*p != '-')
						buf_putc(&b, *p);
			} else if (strchr("bB", format[0]) && !format[1]) {
				buf_printf(&b, "{%s}", s);
			} else if (strchr("pP", format[0]) && !format[1]) {
				buf_printf(&b, "(%s)", s);
			} else {
				free(s);
				if (error)
					*error = xstrdup(
					    "Format string can be only \"D\", \"d\", \"N\", "
					    "\"n\", \"P\", \"p\", \"B\", \"b\", \"X\" or \"x\".");
				return NULL;
			}
			free(s);
			return buf_detach(&b);
		}
		return sh_to_string(v);
	default:
		return sh_to_string(v);
	}
}

/* ---- composite formatting ---- */

#define FORMAT_INDEX_ERROR                                                                         \
	"Index (zero based) must be greater than or equal to zero and less than the size of "      \
	"the argument list."
#define FORMAT_INPUT_ERROR "Input string was not in a correct format."

char *sh_format_composite(const char *format, sh_value *const *args, size_t nargs, char **error)
{
	sh_buf b = {0};
	if (error)
		*error = NULL;
	for (const char *p = format ? format : ""; *p;) {
		if (*p == '}') {
			if (p[1] == '}') {
				buf_putc(&b, '}');
				p += 2;
				continue;
			}
			goto bad_input;
		}
		if (*p != '{') {
			buf_putc(&b, *p++);
			continue;
		}
		if (p[1] == '{') {
			buf_putc(&b, '{');
			p += 2;
			continue;
		}
		p++;
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			goto bad_input;
		long index = 0;
		while (isdigit((unsigned char)*p)) {
			index = index * 10 + (*p - '0');
			if (index > 1000000)
				goto bad_input;
			p++;
		}
		while (*p == ' ')
			p++;
		long align = 0;
		if (*p == ',') {
			p++;
			while (*p == ' ')
				p++;
			bool neg = false;
			if (*p == '-') {
				neg = true;
				p++;
			}
			if (!isdigit((unsigned char)*p))
				goto bad_input;
			while (isdigit((unsigned char)*p)) {
				align = align * 10 + (*p - '0');
				if (align > 1000000)
					goto bad_input;
				p++;
			}
			if (neg)
				align = -align;
			while (*p == ' ')
				p++;
		}
		sh_buf spec = {0};
		if (*p == ':') {
			p++;
			while (*p && *p != '}') {
				if (*p == '{' && p[1] == '{') {
					buf_putc(&spec, '{');
					p += 2;
					continue;
				}
				if (*p == '{') {
					buf_free(&spec);
					goto bad_input;
				}
				buf_putc(&spec, *p++);
			}
		}
		if (*p != '}') {
			buf_free(&spec);
			goto bad_input;
		}
		p++;
		if ((size_t)index >= nargs) {
			buf_free(&spec);
			buf_free(&b);
			if (error)
				*error = xstrdup(FORMAT_INDEX_ERROR);
			return NULL;
		}
		char *text;
		if (spec.len) {
			char *ferr = NULL;
			text = sh_format_value(args[index], buf_str(&spec), &ferr);
			if (!text) {
				buf_free(&spec);
				buf_free(&b);
				if (error)
					*error = ferr;
				else
					free(ferr);
				return NULL;
			}
		} else {
			text = sh_to_string(args[index]);
		}
		buf_free(&spec);
		size_t width = utf8_width(text);
		size_t want = (size_t)(align < 0 ? -align : align);
		if (align > 0)
			for (size_t i = width; i < want; i++)
				buf_putc(&b, ' ');
		buf_puts(&b, text);
		if (align < 0)
			for (size_t i = width; i < want; i++)
				buf_putc(&b, ' ');
		free(text);
	}
	return buf_detach(&b);
bad_input:
	buf_free(&b);
	if (error)
		*error = xstrdup(FORMAT_INPUT_ERROR);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* parsing dates and time spans                                        */

typedef struct scan {
	const char *p;
} scan;

static size_t utf8_length_n(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

static void skip_spaces(scan *s)
{
	while (*s->p == ' ' || *s->p == '\t')
		s->p++;
}

static bool scan_number(scan *s, int max_digits, int *out, int *ndigits)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)s->p[n]) && n < max_digits) {
		v = v * 10 + (s->p[n] - '0');
		n++;
	}
	if (!n)
		return false;
	s->p += n;
	*out = v;
	if (ndigits)
		*ndigits = n;
	return true;
}

/* A month name or its three-letter abbreviation: 1..12, or 0. */
static int scan_month(scan *s)
{
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		if (strncasecmp(s->p, month_names[m], full) == 0 &&
		    !isalpha((unsigned char)s->p[full])) {
			s->p += full;
			return m + 1;
		}
		if (strncasecmp(s->p, month_names[m], 3) == 0 && !isalpha((unsigned char)s->p[3])) {
			s->p += 3;
			if (*s->p == '.')
				s->p++;
			return m + 1;
		}
	}
	return 0;
}

static bool skip_day_name(scan *s)
{
	for (int d = 0; d < 7; d++) {
		size_t full = strlen(day_names[d]);
		if (strncasecmp(s->p, day_names[d], full) == 0 &&
		    !isalpha((unsigned char)s->p[full])) {
			s->p += full;
			return true;
		}
		if (strncasecmp(s->p, day_names[d], 3) == 0 && !isalpha((unsigned char)s->p[3])) {
			s->p += 3;
			return true;
		}
	}
	return false;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Time of day: H:mm[:ss[.fffffff]] [AM|PM]. Sets *ticks within the day. */
static bool scan_time(scan *s, int64_t *ticks)
{
	int h, mi, sec = 0;
	int64_t frac = 0;
	if (!scan_number(s, 2, &h, NULL) || *s->p != ':')
		return false;
	s->p++;
	if (!scan_number(s, 2, &mi, NULL))
		return false;
	if (*s->p == ':') {
		s->p++;
		if (!scan_number(s, 2, &sec, NULL))
			return false;
		if (*s->p == '.' || *s->p == ',') {
			s->p++;
			int n = 0;
			while (isdigit((unsigned char)*s->p)) {
				if (n < 7) {
					frac = frac * 10 + (*s->p - '0');
					n++;
				}
				s->p++;
			}
			if (!n)
				return false;
			for (; n < 7; n++)
				frac *= 10;
		}
	}
	scan save = *s;
	skip_spaces(s);
	if (str_iprefix(s->p, "AM") || str_iprefix(s->p, "PM")) {
		bool pm = toupper((unsigned char)s->p[0]) == 'P';
		if (h < 1 || h > 12)
			return false;
		h = h % 12 + (pm ? 12 : 0);
		s->p += 2;
	} else {
		*s = save;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	*ticks = ((int64_t)h * 3600 + mi * 60 + sec) * SH_TICKS_PER_SECOND + frac;
	return true;
}

/* A trailing zone: Z, GMT, UTC, +hh:mm, +hhmm, +hh. Sets *offset in
 * seconds; returns false when there is none. */
static bool scan_zone(scan *s, long *offset)
{
	skip_spaces(s);
	if (*s->p == 'Z' || *s->p == 'z') {
		s->p++;
		*offset = 0;
		return true;
	}
	if (str_iprefix(s->p, "GMT") || str_iprefix(s->p, "UTC")) {
		s->p += 3;
		*offset = 0;
		return true;
	}
	if ((*s->p == '+' || *s->p == '-') && isdigit((unsigned char)s->p[1])) {
		int sign = *s->p == '-' ? -1 : 1;
		s->p++;
		int hh, mm = 0, nd;
		if (!scan_number(s, 2, &hh, &nd))
			return false;
		if (*s->p == ':')
			s->p++;
		if (isdigit((unsigned char)*s->p) && !scan_number(s, 2, &mm, NULL))
			return false;
		*offset = sign * (hh * 3600L + mm * 60L);
		return true;
	}
	return false;
}

bool sh_parse_datetime(const char *text, sh_value **out)
{
	scan s = {text ? text : ""};
	int y = 0, m = 0, d = 0;
	int64_t tod = 0;
	bool have_date = false, have_time = false;
	skip_spaces(&s);
	if (skip_day_name(&s)) {
		if (*s.p == ',')
			s.p++;
		skip_spaces(&s);
	}
	scan look = s;
	int a, nd;
	if (scan_number(&look, 9, &a, &nd)) {
		char sep = *look.p;
		if (nd == 4 && (sep == '-' || sep == '/' || sep == '.')) {
			/* yyyy-MM-dd */
			y = a;
			look.p++;
			if (!scan_number(&look, 2, &m, NULL) || *look.p != sep)
				return false;
			look.p++;
			if (!scan_number(&look, 2, &d, NULL))
				return false;
			have_date = true;
			s = look;
		} else if (nd <= 2 && (sep == '/' || sep == '-')) {
			/* MM/dd/yyyy, the invariant culture's order */
			m = a;
			look.p++;
			if (!scan_number(&look, 2, &d, NULL))
				return false;
			if (*look.p == sep) {
				look.p++;
				int yd;
				if (!scan_number(&look, 4, &y, &yd))
					return false;
				if (yd <= 2)
					y += y < 50 ? 2000 : 1900;
			} else {
				int cy;
				sh_civil_from_ticks(sh_now_ticks(SH_DT_LOCAL), &cy, NULL, NULL,
				                    NULL, NULL, NULL, NULL, NULL, NULL);
				y = cy;
			}
			have_date = true;
			s = look;
		} else if (nd <= 2 && sep == ':') {
			/* a time alone: today */
		} else if (nd <= 2) {
			/* d MMMM yyyy */
			scan t = look;
			skip_spaces(&t);
			int mm = scan_month(&t);
			if (!mm)
				return false;
			skip_spaces(&t);
			if (*t.p == ',')
				t.p++;
			skip_spaces(&t);
			if (!scan_number(&t, 4, &y, NULL))
				return false;
			d = a;
			m = mm;
			have_date = true;
			s = t;
		} else {
			return false;
		}
	} else {
		int mm = scan_month(&look);
		if (!mm)
			return false;
		skip_spaces(&look);
		if (!scan_number(&look, 4, &a, &nd))
			return false;
		if (nd == 4) {
			y = a;
			d = 1;
		} else {
			d = a;
			skip_spaces(&look);
			if (*look.p == ',')
				look.p++;
			skip_spaces(&look);
			if (!scan_number(&look, 4, &y, NULL))
				return false;
		}
		m = mm;
		have_date = true;
		s = look;
	}
	if (*s.p == 'T' || *s.p == 't') {
		s.p++;
	} else {
		if (have_date && *s.p && *s.p != ' ' && *s.p != ',')
			return false;
		if (*s.p == ',')
			s.p++;
		skip_spaces(&s);
	}
	if (isdigit((unsigned char)*s.p)) {
		if (!scan_time(&s, &tod))
			return false;
		have_time = true;
	}
	if (!have_date && !have_time)
		return false;
	long offset = 0;
	bool zoned = scan_zone(&s, &offset);
	skip_spaces(&s);
	if (*s.p)
		return false;
	if (!have_date) {
		sh_civil_from_ticks(sh_now_ticks(SH_DT_LOCAL), &y, &m, &d, NULL, NULL, NULL, NULL,
		                    NULL, NULL);
	}
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	int64_t ticks = sh_ticks_from_civil(y, m, d, 0, 0, 0, 0) + tod;
	if (zoned) {
		int64_t utc = ticks - (int64_t)offset * SH_TICKS_PER_SECOND;
		ticks = utc + (int64_t)local_offset_at(utc, true) * SH_TICKS_PER_SECOND;
		*out = sh_datetime(ticks, SH_DT_LOCAL);
		return true;
	}
	*out = sh_datetime(ticks, SH_DT_UNSPECIFIED);
	return true;
}

char *sh_datetime_parse_error(const char *s)
{
	static const char *const words[] = {"AM", "PM", "T", "Z", "GMT", "UTC"};
	for (const char *p = s; *p; p++) {
		if (!isalpha((unsigned char)*p))
			continue;
		const char *e = p;
		while (isalpha((unsigned char)*e))
			e++;
		size_t n = (size_t)(e - p);
		bool known = false;
		for (size_t i = 0; i < sizeof words / sizeof *words && !known; i++)
			known = strlen(words[i]) == n && strncasecmp(p, words[i], n) == 0;
		for (int m = 0; m < 12 && !known; m++)
			known = (n == 3 || n == strlen(month_names[m])) &&
			        strncasecmp(p, month_names[m], n) == 0;
		for (int d = 0; d < 7 && !known; d++)
			known = (n == 3 || n == strlen(day_names[d])) &&
			        strncasecmp(p, day_names[d], n) == 0;
		if (!known)
			return xasprintf(
			    "The string '%s' was not recognized as a valid DateTime. There "
			    "is an unknown word starting at index '%lld'.",
			    s, (long long)utf8_length_n(s, (size_t)(p - s)));
		p = e - 1;
	}
	return xasprintf("String '%s' was not recognized as a valid DateTime.", s);
}

bool sh_parse_timespan(const char *text, sh_value **out)
{
	scan s = {text ? text : ""};
	skip_spaces(&s);
	bool neg = false;
	if (*s.p == '-') {
		neg = true;
		s.p++;
	}
	int64_t parts[4] = {0};
	int nparts = 0;
	int64_t days = 0, frac = 0;
	bool have_days = false;
	const char *start = s.p;
	int64_t v = 0;
	int nd = 0;
	while (isdigit((unsigned char)*s.p)) {
		v = v * 10 + (*s.p - '0');
		if (v > 10675199)
			return false;
		s.p++;
		nd++;
	}
	if (!nd)
		return false;
	(void)start;
	if (*s.p == '.' && isdigit((unsigned char)s.p[1])) {
		/* d.hh:mm... */
		days = v;
		have_days = true;
		s.p++;
		v = 0;
		nd = 0;
		while (isdigit((unsigned char)*s.p) && nd < 9) {
			v = v * 10 + (*s.p - '0');
			s.p++;
			nd++;
		}
		if (*s.p != ':')
			return false;
	}
	parts[nparts++] = v;
	while (*s.p == ':' && nparts < 4) {
		s.p++;
		v = 0;
		nd = 0;
		while (isdigit((unsigned char)*s.p) && nd < 9) {
			v = v * 10 + (*s.p - '0');
			s.p++;
			nd++;
		}
		if (!nd)
			return false;
		parts[nparts++] = v;
	}
	if (*s.p == '.' && nparts >= 2) {
		s.p++;
		nd = 0;
		while (isdigit((unsigned char)*s.p)) {
			if (nd >= 7)
				return false;
			frac = frac * 10 + (*s.p - '0');
			s.p++;
			nd++;
		}
		if (!nd)
			return false;
		for (; nd < 7; nd++)
			frac *= 10;
	}
	skip_spaces(&s);
	if (*s.p)
		return false;
	int64_t h = 0, mi = 0, sec = 0;
	if (nparts == 1) {
		if (have_days)
			return false;
		days = parts[0];
	} else if (nparts == 4) {
		if (have_days)
			return false;
		days = parts[0];
		h = parts[1];
		mi = parts[2];
		sec = parts[3];
	} else {
		h = parts[0];
		mi = parts[1];
		sec = nparts == 3 ? parts[2] : 0;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	int64_t ticks =
	    days * SH_TICKS_PER_DAY + (h * 3600 + mi * 60 + sec) * SH_TICKS_PER_SECOND + frac;
	*out = sh_timespan(neg ? -ticks : ticks);
	return true;
}

static int iso_weeks_in_year(int y)
{
	int p = (y + y / 4 - y / 100 + y / 400) % 7;
	int q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;
	return (p == 4 || q == 3) ? 53 : 52;
}

/* ISO 8601 week number and week-based year. */
static int iso_week(int y, int doy, int dow, int *iso_year)
{
	int wd = dow == 0 ? 7 : dow; /* Monday = 1 */
	int week = (doy - wd + 10) / 7;
	*iso_year = y;
	if (week < 1) {
		*iso_year = y - 1;
		return iso_weeks_in_year(y - 1);
	}
	if (week > iso_weeks_in_year(y)) {
		*iso_year = y + 1;
		return 1;
	}
	return week;
}

char *sh_format_uformat(const sh_value *datetime, const char *uformat)
{
	int64_t ticks = sh_ticks_of(datetime);
	sh_datetime_kind kind = sh_datetime_kind_of(datetime);
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	sh_buf b = {0};
	for (const char *p = uformat ? uformat : ""; *p; p++) {
		if (*p != '%' || !p[1]) {
			buf_putc(&b, *p);
			continue;
		}
		char c = *++p;
		int h12 = h % 12 == 0 ? 12 : h % 12;
		switch (c) {
		case 'a':
			buf_printf(&b, "%.3s", day_names[dow]);
			break;
		case 'A':
			buf_puts(&b, day_names[dow]);
			break;
		case 'b':
		case 'h':
			buf_printf(&b, "%.3s", month_names[mo - 1]);
			break;
		case 'B':
			buf_puts(&b, month_names[mo - 1]);
			break;
		case 'c':
			buf_printf(&b, "%.3s %.3s %02d %02d:%02d:%02d %d", day_names[dow],
			           month_names[mo - 1], d, h, mi, s, y);
			break;
		case 'C':
			buf_printf(&b, "%02d", y / 100);
			break;
		case 'd':
			buf_printf(&b, "%02d", d);
			break;
		case 'D':
		case 'x':
			buf_printf(&b, "%02d/%02d/%02d", mo, d, y % 100);
			break;
		case 'e':
			buf_printf(&b, "%2d", d);
			break;
		case 'F':
			buf_printf(&b, "%04d-%02d-%02d", y, mo, d);
			break;
		case 'g':
		case 'G':
		case 'V': {
			int iy;
			int w = iso_week(y, doy, dow, &iy);
			if (c == 'V')
				buf_printf(&b, "%02d", w);
			else if (c == 'g')
				buf_printf(&b, "%02d", iy % 100);
			else
				buf_printf(&b, "%d", iy);
			break;
		}
		case 'H':
			buf_printf(&b, "%02d", h);
			break;
		case 'I':
			buf_printf(&b, "%02d", h12);
			break;
		case 'j':
			buf_printf(&b, "%03d", doy);
			break;
		case 'k':
			buf_printf(&b, "%2d", h);
			break;
		case 'l':
			buf_printf(&b, "%2d", h12);
			break;
		case 'm':
			buf_printf(&b, "%02d", mo);
			break;
		case 'M':
			buf_printf(&b, "%02d", mi);
			break;
		case 'n':
			buf_putc(&b, '\n');
			break;
		case 'p':
			buf_puts(&b, h < 12 ? "AM" : "PM");
			break;
		case 'r':
			buf_printf(&b, "%02d:%02d:%02d %s", h12, mi, s, h < 12 ? "AM" : "PM");
			break;
		case 'R':
			buf_printf(&b, "%02d:%02d", h, mi);
			break;
		case 's': {
			int64_t utc = ticks;
			if (kind == SH_DT_LOCAL)
				utc -= (int64_t)local_offset_at(ticks, false) * SH_TICKS_PER_SECOND;
			int64_t secs = utc / SH_TICKS_PER_SECOND - epoch_days_offset() * 86400;
			buf_printf(&b, "%lld", (long long)secs);
			break;
		}
		case 'S':
			buf_printf(&b, "%02d", s);
			break;
		case 't':
			buf_putc(&b, '\t');
			break;
		case 'T':
		case 'X':
			buf_printf(&b, "%02d:%02d:%02d", h, mi, s);
			break;
		case 'u':
			buf_printf(&b, "%d", dow == 0 ? 7 : dow);
			break;
		case 'U':
			buf_printf(&b, "%02d", (doy + 6 - dow) / 7);
			break;
		case 'w':
			buf_printf(&b, "%d", dow);
			break;
		case 'W':
			buf_printf(&b, "%02d", (doy + 6 - (dow + 6) % 7) / 7);
			break;
		case 'y':
			buf_printf(&b, "%02d", y % 100);
			break;
		case 'Y':
			buf_printf(&b, "%d", y);
			break;
		case 'Z':
		case 'z':
			put_offset(&b, local_offset_at(ticks, kind == SH_DT_UTC), 2);
			break;
		case '%':
			buf_putc(&b, '%');
			break;
		default:
			buf_putc(&b, c);
		}
	}
	return buf_detach(&b);
}
