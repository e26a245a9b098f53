/*
 * data.c - JSON and CSV: ConvertTo-Json, ConvertFrom-Json, ConvertTo-Csv,
 * ConvertFrom-Csv, Export-Csv and Import-Csv.
 *
 * The readers and writers are our own, small and exact rather than
 * general: they reproduce what PowerShell 7 prints and accepts, because
 * scripts diff and parse that text.
 *
 * JSON out follows Newtonsoft.Json as PowerShell 7 drives it: two-space
 * indentation, `"key": value`, `[]` and `{}` for empty containers, only
 * quotes, backslashes and control characters escaped, whole doubles
 * written with ".0", dates in ISO 8601 round-trip form. Nesting is
 * counted from the top value (depth 0); a container deeper than -Depth
 * is written as its string form and the command warns, exactly as
 * PowerShell truncates. JSON in accepts what that reader accepts (RFC
 * 8259 plus comments, single quotes, bare names and trailing commas),
 * types integers as Int64 and ISO date strings as DateTime, and reports
 * errors with the line and position of the culprit.
 *
 * CSV follows PowerShell's CsvCommands: the header comes from the first
 * object's properties; values are ToString() forms (so a collection is
 * "System.Object[]"); $null is an empty unquoted field; -UseQuotes
 * AsNeeded quotes a field holding the delimiter, a quote or a line feed.
 * The reader is the same lenient state machine PowerShell uses (spaces
 * around quoted fields dropped, text after a closing quote kept, line
 * breaks inside quotes kept, blank lines skipped).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../shell/cmdlet.h"
#include "../shell/convert.h"
#include "../shell/interp.h"
#include "../shell/methods.h"
#include "cmds.h"
#include "data.h"

#define UNIX_EPOCH_TICKS 621355968000000000LL

/* ------------------------------------------------------------------ */
/* dates                                                               */
/* ------------------------------------------------------------------ */

/* The local zone's offset from UTC, in seconds, at a UTC instant. */
static long local_offset_at(int64_t unix_seconds)
{
	time_t t = (time_t)unix_seconds;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_gmtoff;
}

/* "2026-11-25T13:20:32.1234567+01:00" (Local), "...Z" (Utc), no suffix
 * (Unspecified); the fraction drops trailing zeros, as .NET's "FFFFFFF". */
static void append_iso_date(sh_buf *b, const sh_value *dt)
{
	int64_t ticks = sh_ticks_of(dt);
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
	int frac = (int)(ticks % SH_TICKS_PER_SECOND);
	if (frac) {
		char digits[16];
		snprintf(digits, sizeof digits, "%07u", (unsigned)frac);
		size_t n = 7;
		while (n > 0 && digits[n - 1] == '0')
			n--;
		buf_putc(b, '.');
		buf_putn(b, digits, n);
	}
	switch (sh_datetime_kind_of(dt)) {
	case SH_DT_UTC:
		buf_putc(b, 'Z');
		break;
	case SH_DT_LOCAL: {
		int64_t wall = (ticks - UNIX_EPOCH_TICKS) / SH_TICKS_PER_SECOND;
		long off = local_offset_at(wall - local_offset_at(wall));
		char sign = off < 0 ? '-' : '+';
		if (off < 0)
			off = -off;
		buf_printf(b, "%c%02ld:%02ld", sign, off / 3600, (off / 60) % 60);
		break;
	}
	case SH_DT_UNSPECIFIED:
		break;
	}
}

static bool digits_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int number_at(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Recognises the ISO 8601 strings Newtonsoft's reader turns into dates:
 * yyyy-MM-ddTHH:mm:ss[.fffffff][Z|+hh:mm|-hh:mm]. */
static sh_value *parse_iso_date(const char *s, size_t len)
{
	if (len < 19 || !digits_at(s, 4) || s[4] != '-' || !digits_at(s + 5, 2) || s[7] != '-' ||
	    !digits_at(s + 8, 2) || s[10] != 'T' || !digits_at(s + 11, 2) || s[13] != ':' ||
	    !digits_at(s + 14, 2) || s[16] != ':' || !digits_at(s + 17, 2))
		return NULL;
	int year = number_at(s, 4), month = number_at(s + 5, 2), day = number_at(s + 8, 2);
	int hour = number_at(s + 11, 2), minute = number_at(s + 14, 2),
	    second = number_at(s + 17, 2);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
	    second > 59 || year < 1)
		return NULL;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (day > mdays[month - 1] || (month == 2 && day == 29 && !leap))
		return NULL;
	size_t i = 19;
	int64_t frac = 0;
	if (i < len && s[i] == '.') {
		i++;
		size_t start = i, digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (digits < 7) {
				frac = frac * 10 + (s[i] - '0');
				digits++;
			}
			i++;
		}
		if (i == start)
			return NULL;
		while (digits++ < 7)
			frac *= 10;
	}
	int64_t ticks = sh_ticks_from_civil(year, month, day, hour, minute, second, 0) + frac;
	if (i == len)
		return sh_datetime(ticks, SH_DT_UNSPECIFIED);
	if (s[i] == 'Z' && i + 1 == len)
		return sh_datetime(ticks, SH_DT_UTC);
	if ((s[i] == '+' || s[i] == '-') && len - i == 6 && digits_at(s + i + 1, 2) &&
	    s[i + 3] == ':' && digits_at(s + i + 4, 2)) {
		int64_t off =
		    (int64_t)(number_at(s + i + 1, 2) * 3600 + number_at(s + i + 4, 2) * 60);
		if (s[i] == '-')
			off = -off;
		int64_t utc = ticks - off * SH_TICKS_PER_SECOND;
		int64_t unix_seconds = (utc - UNIX_EPOCH_TICKS) / SH_TICKS_PER_SECOND;
		return sh_datetime(utc +
		                       (int64_t)local_offset_at(unix_seconds) * SH_TICKS_PER_SECOND,
		                   SH_DT_LOCAL);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* JSON writer                                                         */
/* ------------------------------------------------------------------ */

void cmd_json_quote(sh_buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case '\b':
			buf_puts(out, "\\b");
			break;
		case '\f':
			buf_puts(out, "\\f");
			break;
		default:
			if (*p < 0x20) {
				buf_printf(out, "\\u%04x", *p);
			} else if (*p == 0xC2 && p[1] == 0x85) {
				buf_puts(out, "\\u0085");
				p++;
			} else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				buf_puts(out, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
				p += 2;
			} else {
				buf_putc(out, (char)*p);
			}
		}
	}
	buf_putc(out, '"');
}

typedef struct json_writer {
	sh_interp *in;
	sh_buf out;
	int max_depth;
	bool compress;
	bool truncated;
} json_writer;

static void json_newline(json_writer *w, int level)
{
	if (w->compress)
		return;
	buf_putc(&w->out, '\n');
	for (int i = 0; i < level; i++)
		buf_puts(&w->out, "  ");
}

static void json_write(json_writer *w, sh_value *v, int depth, int level);

static void json_member(json_writer *w, bool *first, const char *key, sh_value *v, int depth,
                        int level)
{
	if (!*first)
		buf_putc(&w->out, ',');
	*first = false;
	json_newline(w, level + 1);
	cmd_json_quote(&w->out, key);
	buf_puts(&w->out, w->compress ? ":" : ": ");
	json_write(w, v, depth + 1, level + 1);
}

static void json_double(json_writer *w, double d)
{
	if (isnan(d) || isinf(d)) {
		cmd_json_quote(&w->out, isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"));
		return;
	}
	char text[64];
	sh_format_double(d, text, sizeof text);
	buf_puts(&w->out, text);
	if (!strpbrk(text, ".eE"))
		buf_puts(&w->out, ".0");
}

static void json_timespan(json_writer *w, sh_value *v, int depth, int level)
{
	int64_t t = sh_ticks_of(v);
	double total = (double)t;
	struct {
		const char *name;
		sh_value *value;
	} fields[] = {
	    {"Ticks", sh_long(t)},
	    {"Days", sh_int((int32_t)(t / SH_TICKS_PER_DAY))},
	    {"Hours", sh_int((int32_t)(t / (3600 * SH_TICKS_PER_SECOND) % 24))},
	    {"Milliseconds", sh_int((int32_t)(t / 10000 % 1000))},
	    {"Microseconds", sh_int((int32_t)(t / 10 % 1000))},
	    {"Nanoseconds", sh_int((int32_t)(t % 10 * 100))},
	    {"Minutes", sh_int((int32_t)(t / (60 * SH_TICKS_PER_SECOND) % 60))},
	    {"Seconds", sh_int((int32_t)(t / SH_TICKS_PER_SECOND % 60))},
	    {"TotalDays", sh_double(total / (double)SH_TICKS_PER_DAY)},
	    {"TotalHours", sh_double(total / (3600.0 * SH_TICKS_PER_SECOND))},
	    {"TotalMilliseconds", sh_double(total / 10000.0)},
	    {"TotalMicroseconds", sh_double(total / 10.0)},
	    {"TotalNanoseconds", sh_double(total * 100.0)},
	    {"TotalMinutes", sh_double(total / (60.0 * SH_TICKS_PER_SECOND))},
	    {"TotalSeconds", sh_double(total / (double)SH_TICKS_PER_SECOND)},
	};
	bool first = true;
	buf_putc(&w->out, '{');
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		json_member(w, &first, fields[i].name, fields[i].value, depth, level);
		sh_unref(fields[i].value);
	}
	json_newline(w, level);
	buf_putc(&w->out, '}');
}

static void json_string_form(json_writer *w, sh_value *v)
{
	char *s = sh_to_string(v);
	cmd_json_quote(&w->out, s);
	free(s);
}

static void json_write(json_writer *w, sh_value *v, int depth, int level)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		buf_puts(&w->out, "null");
		return;
	case SH_BOOL:
		buf_puts(&w->out, sh_bool_of(v) ? "true" : "false");
		return;
	case SH_INT:
	case SH_LONG:
		buf_printf(&w->out, "%lld", (long long)sh_long_of(v));
		return;
	case SH_DOUBLE:
		json_double(w, sh_double_of(v));
		return;
	case SH_STRING:
		cmd_json_quote(&w->out, sh_str(v));
		return;
	case SH_DATETIME:
		buf_putc(&w->out, '"');
		append_iso_date(&w->out, v);
		buf_putc(&w->out, '"');
		return;
	case SH_SECURESTRING:
		cmd_json_quote(&w->out, "System.Security.SecureString");
		return;
	case SH_TYPE:
	case SH_SCRIPTBLOCK:
		json_string_form(w, v);
		return;
	default:
		break;
	}
	if (depth > w->max_depth) {
		w->truncated = true;
		json_string_form(w, v);
		return;
	}
	if (sh_kind_of(v) == SH_TIMESPAN) {
		json_timespan(w, v, depth, level);
		return;
	}
	if (sh_kind_of(v) == SH_ARRAY) {
		size_t n = sh_array_len(v);
		buf_putc(&w->out, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_putc(&w->out, ',');
			json_newline(w, level + 1);
			json_write(w, sh_array_get(v, i), depth + 1, level + 1);
		}
		if (n)
			json_newline(w, level);
		buf_putc(&w->out, ']');
		return;
	}
	bool first = true;
	if (sh_kind_of(v) == SH_HASHTABLE) {
		buf_putc(&w->out, '{');
		for (size_t i = 0; i < sh_hash_len(v); i++) {
			char *key = sh_to_string(sh_hash_key_at(v, i));
			json_member(w, &first, key, sh_hash_value_at(v, i), depth, level);
			free(key);
		}
		if (!first)
			json_newline(w, level);
		buf_putc(&w->out, '}');
		return;
	}
	/* An object: its properties; a typed object without any (a [guid])
	 * stands for its string form. */
	sh_value *names = sh_property_names(w->in, v);
	const char *type0 = sh_object_typename(v, 0);
	if (sh_array_len(names) == 0 && type0 &&
	    strcmp(type0, "System.Management.Automation.PSCustomObject") != 0) {
		sh_unref(names);
		json_string_form(w, v);
		return;
	}
	buf_putc(&w->out, '{');
	for (size_t i = 0; i < sh_array_len(names); i++) {
		const char *name = sh_str(sh_array_get(names, i));
		sh_value *val = NULL;
		char *err = NULL;
		if (sh_get_member(w->in, v, name, &val, &err) < 0) {
			free(err);
			val = NULL;
		}
		json_member(w, &first, name, val, depth, level);
		sh_unref(val);
	}
	sh_unref(names);
	if (!first)
		json_newline(w, level);
	buf_putc(&w->out, '}');
}

char *cmd_json_serialize(sh_interp *in, sh_value *v, int max_depth, bool compress, bool *truncated)
{
	json_writer w = {in, {0}, max_depth, compress, false};
	json_write(&w, v, 0, 0);
	if (truncated)
		*truncated = w.truncated;
	return buf_detach(&w.out);
}

/* ------------------------------------------------------------------ */
/* JSON reader                                                         */
/* ------------------------------------------------------------------ */

typedef struct json_parser {
	const char *s;
	size_t len, pos;
	bool as_hashtable;
	int max_depth;
	char *error;
} json_parser;

static void json_fail(json_parser *p, size_t at, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void json_fail(json_parser *p, size_t at, const char *path, const char *fmt, ...)
{
	if (p->error)
		return;
	if (at > p->len)
		at = p->len;
	size_t line = 1, line_start = 0;
	for (size_t i = 0; i < at; i++)
		if (p->s[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	size_t position = at - line_start + (at < p->len ? 1 : 0);
	if (at == 0) /* nothing read yet: Newtonsoft reports line 0, position 0 */
		line = position = 0;
	sh_buf b = {0};
	buf_puts(&b, "Conversion from JSON failed with error: ");
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_printf(&b, " Path '%s', line %zu, position %zu.", path, line, position);
	p->error = buf_detach(&b);
}

static void json_skip_space(json_parser *p)
{
	while (p->pos < p->len) {
		char ch = p->s[p->pos];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
		    ch == '\v') {
			p->pos++;
		} else if (ch == '/' && p->pos + 1 < p->len && p->s[p->pos + 1] == '/') {
			while (p->pos < p->len && p->s[p->pos] != '\n')
				p->pos++;
		} else if (ch == '/' && p->pos + 1 < p->len && p->s[p->pos + 1] == '*') {
			const char *end = memmem(p->s + p->pos + 2, p->len - p->pos - 2, "*/", 2);
			p->pos = end ? (size_t)(end - p->s) + 2 : p->len;
		} else if ((unsigned char)ch == 0xEF && p->pos + 2 < p->len &&
		           (unsigned char)p->s[p->pos + 1] == 0xBB &&
		           (unsigned char)p->s[p->pos + 2] == 0xBF) {
			p->pos += 3; /* a byte order mark */
		} else {
			break;
		}
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool read_hex4(json_parser *p, uint32_t *out)
{
	if (p->pos + 4 > p->len)
		return false;
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		int d = hex_digit(p->s[p->pos + (size_t)i]);
		if (d < 0)
			return false;
		v = v * 16 + (uint32_t)d;
	}
	p->pos += 4;
	*out = v;
	return true;
}

/* Reads a string literal at p->pos (opening quote included) into b. */
static bool json_read_string(json_parser *p, const char *path, sh_buf *b)
{
	char quote = p->s[p->pos++];
	size_t start = p->pos - 1;
	while (p->pos < p->len) {
		char ch = p->s[p->pos++];
		if (ch == quote)
			return true;
		if (ch != '\\') {
			buf_putc(b, ch);
			continue;
		}
		if (p->pos >= p->len)
			break;
		char e = p->s[p->pos++];
		switch (e) {
		case '"':
		case '\\':
		case '/':
		case '\'':
			buf_putc(b, e);
			break;
		case 'b':
			buf_putc(b, '\b');
			break;
		case 'f':
			buf_putc(b, '\f');
			break;
		case 'n':
			buf_putc(b, '\n');
			break;
		case 'r':
			buf_putc(b, '\r');
			break;
		case 't':
			buf_putc(b, '\t');
			break;
		case 'u': {
			uint32_t cp;
			if (!read_hex4(p, &cp)) {
				json_fail(p, p->pos, path, "Invalid Unicode escape sequence.");
				return false;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF && p->pos + 6 <= p->len &&
			    p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
				size_t save = p->pos;
				p->pos += 2;
				uint32_t low;
				if (read_hex4(p, &low) && low >= 0xDC00 && low <= 0xDFFF)
					cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				else
					p->pos = save;
			}
			buf_put_utf8(b, cp);
			break;
		}
		default:
			json_fail(p, p->pos - 1, path, "Bad JSON escape sequence: \\%c.", e);
			return false;
		}
	}
	json_fail(p, p->len, path, "Unterminated string. Expected delimiter: %c.", quote);
	(void)start;
	return false;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

static sh_value *json_value(json_parser *p, const char *path, int depth);

static sh_value *json_number(json_parser *p, const char *path)
{
	size_t start = p->pos;
	if (p->s[p->pos] == '-')
		p->pos++;
	bool is_float = false;
	while (p->pos < p->len) {
		char ch = p->s[p->pos];
		if (ch >= '0' && ch <= '9') {
			p->pos++;
		} else if (ch == '.' || ch == 'e' || ch == 'E' ||
		           ((ch == '+' || ch == '-') &&
		            (p->s[p->pos - 1] == 'e' || p->s[p->pos - 1] == 'E'))) {
			is_float = true;
			p->pos++;
		} else {
			break;
		}
	}
	char *text = xstrndup(p->s + start, p->pos - start);
	char *end = NULL;
	sh_value *v = NULL;
	if (!is_float) {
		errno = 0;
		long long n = strtoll(text, &end, 10);
		if (end && *end == '\0' && end != text && errno == 0)
			v = sh_long(n);
	}
	if (!v) {
		double d = strtod(text, &end);
		if (end && *end == '\0' && end != text && strcmp(text, "-") != 0)
			v = sh_double(d);
		else
			json_fail(p, start, path, "Input string '%s' is not a valid number.", text);
	}
	free(text);
	return v;
}

static char *child_path(const char *path, const char *name)
{
	return *path ? xasprintf("%s.%s", path, name) : xstrdup(name);
}

static sh_value *json_object(json_parser *p, const char *path, int depth)
{
	p->pos++; /* { */
	sh_value *result = p->as_hashtable ? sh_hash_new(true) : sh_object_new(NULL);
	char *last = xstrdup(path);
	for (;;) {
		json_skip_space(p);
		if (p->pos >= p->len) {
			json_fail(p, p->len, last, "Unexpected end when reading JSON.");
			break;
		}
		char ch = p->s[p->pos];
		if (ch == '}') {
			p->pos++;
			free(last);
			return result;
		}
		sh_buf name = {0};
		if (ch == '"' || ch == '\'') {
			if (!json_read_string(p, path, &name)) {
				buf_free(&name);
				break;
			}
		} else if (is_name_char(ch)) {
			while (p->pos < p->len && is_name_char(p->s[p->pos]))
				buf_putc(&name, p->s[p->pos++]);
		} else {
			json_fail(p, p->pos, path, "Invalid property identifier character: %c.",
			          ch);
			break;
		}
		char *sub = child_path(path, buf_str(&name));
		free(last);
		last = xstrdup(sub);
		json_skip_space(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			if (p->pos >= p->len)
				json_fail(p, p->len, sub, "Unexpected end when reading JSON.");
			else
				json_fail(p, p->pos, sub,
				          "Invalid character after parsing property name. Expected "
				          "':' but "
				          "got: %c.",
				          p->s[p->pos]);
			free(sub);
			buf_free(&name);
			break;
		}
		p->pos++;
		sh_value *val = json_value(p, sub, depth + 1);
		if (p->error) {
			free(sub);
			buf_free(&name);
			break;
		}
		if (p->as_hashtable) {
			sh_hash_set_str(result, buf_str(&name), val);
		} else if (name.len == 0) {
			sh_unref(val);
			json_fail(
			    p, p->pos, sub,
			    "The provided JSON includes a property whose name is an empty string, "
			    "this is only supported using the -AsHashTable switch.");
			free(sub);
			buf_free(&name);
			break;
		} else {
			const sh_prop *existing = sh_object_find_prop(result, buf_str(&name));
			if (existing && strcmp(existing->name, buf_str(&name)) != 0) {
				char *msg = xasprintf(
				    "Cannot convert the JSON string because it contains keys with "
				    "different "
				    "casing. Please use the -AsHashTable switch instead. The key "
				    "that was "
				    "attempted to be added to the existing key '%s' was '%s'.",
				    existing->name, buf_str(&name));
				sh_unref(val);
				free(sub);
				buf_free(&name);
				sh_unref(result);
				free(last);
				p->error = msg;
				return NULL;
			}
			sh_object_set_note(result, buf_str(&name), val);
		}
		json_skip_space(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
		} else if (p->pos < p->len && p->s[p->pos] != '}') {
			json_fail(
			    p, p->pos, sub,
			    "After parsing a value an unexpected character was encountered: %c.",
			    p->s[p->pos]);
			free(sub);
			buf_free(&name);
			break;
		}
		free(sub);
		buf_free(&name);
	}
	free(last);
	sh_unref(result);
	return NULL;
}

static sh_value *json_array(json_parser *p, const char *path, int depth)
{
	p->pos++; /* [ */
	sh_value *result = sh_array_new(4);
	for (size_t index = 0;; index++) {
		json_skip_space(p);
		if (p->pos >= p->len) {
			char *last = index ? xasprintf("%s[%zu]", path, index - 1) : xstrdup(path);
			json_fail(p, p->len, last, "Unexpected end when reading JSON.");
			free(last);
			break;
		}
		if (p->s[p->pos] == ']') {
			p->pos++;
			return result;
		}
		char *sub = xasprintf("%s[%zu]", path, index);
		sh_value *val = json_value(p, sub, depth + 1);
		if (p->error) {
			free(sub);
			break;
		}
		sh_array_append(result, val);
		json_skip_space(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
		} else if (p->pos < p->len && p->s[p->pos] != ']') {
			json_fail(
			    p, p->pos, sub,
			    "After parsing a value an unexpected character was encountered: %c.",
			    p->s[p->pos]);
			free(sub);
			break;
		}
		free(sub);
	}
	sh_unref(result);
	return NULL;
}

static bool word_at(json_parser *p, const char *word)
{
	size_t n = strlen(word);
	if (p->pos + n > p->len || memcmp(p->s + p->pos, word, n) != 0)
		return false;
	if (p->pos + n < p->len && is_name_char(p->s[p->pos + n]))
		return false;
	p->pos += n;
	return true;
}

static sh_value *json_value(json_parser *p, const char *path, int depth)
{
	json_skip_space(p);
	if (p->pos >= p->len) {
		json_fail(p, p->len, path, "Unexpected end when reading JSON.");
		return NULL;
	}
	char ch = p->s[p->pos];
	if (ch == '{' || ch == '[') {
		if (depth >= p->max_depth) {
			json_fail(p, p->pos, path, "The reader's MaxDepth of %d has been exceeded.",
			          p->max_depth);
			return NULL;
		}
		return ch == '{' ? json_object(p, path, depth) : json_array(p, path, depth);
	}
	if (ch == '"' || ch == '\'') {
		sh_buf b = {0};
		if (!json_read_string(p, path, &b)) {
			buf_free(&b);
			return NULL;
		}
		sh_value *date = parse_iso_date(buf_str(&b), b.len);
		if (date) {
			buf_free(&b);
			return date;
		}
		return sh_string_take(buf_detach(&b));
	}
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		return json_number(p, path);
	if (word_at(p, "true"))
		return sh_bool(true);
	if (word_at(p, "false"))
		return sh_bool(false);
	if (word_at(p, "null") || word_at(p, "undefined"))
		return NULL;
	if (word_at(p, "NaN"))
		return sh_double(NAN);
	if (word_at(p, "Infinity"))
		return sh_double(INFINITY);
	if (word_at(p, "-Infinity"))
		return sh_double(-INFINITY);
	json_fail(p, p->pos, path, "Unexpected character encountered while parsing value: %c.", ch);
	return NULL;
}

int cmd_json_parse(const char *text, size_t len, bool as_hashtable, int max_depth, sh_value **out,
                   char **error)
{
	json_parser p = {text, len, 0, as_hashtable, max_depth, NULL};
	*out = NULL;
	sh_value *v = json_value(&p, "", 0);
	if (!p.error) {
		json_skip_space(&p);
		if (p.pos < p.len)
			json_fail(
			    &p, p.pos, "",
			    "Additional text encountered after finished reading JSON content: %c.",
			    p.s[p.pos]);
	}
	if (p.error) {
		sh_unref(v);
		*error = p.error;
		return -1;
	}
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* ConvertTo-Json / ConvertFrom-Json                                   */
/* ------------------------------------------------------------------ */

typedef struct to_json_state {
	sh_value *items;
} to_json_state;

static sh_status to_json_process(sh_cmd *c, sh_value *input)
{
	to_json_state *s = sh_cmd_state(c);
	sh_value *obj = input;
	if (sh_param_bound(c, "InputObject"))
		obj = sh_param(c, "InputObject");
	else if (!sh_cmd_has_pipeline_input(c))
		return SH_OK;
	if (!s->items)
		s->items = sh_array_new(4);
	sh_array_append(s->items, sh_ref(obj));
	return SH_OK;
}

static sh_status to_json_end(sh_cmd *c)
{
	to_json_state *s = sh_cmd_state(c);
	size_t n = sh_array_len(s->items);
	bool as_array = sh_switch(c, "AsArray");
	if (n == 0 && !as_array)
		return SH_OK;
	int depth = (int)sh_param_int(c, "Depth", 2);
	if (depth < 0 || depth > 100) {
		sh_value *target = sh_int(depth);
		sh_status st =
		    depth < 0
		        ? sh_throwf(
		              c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", target,
		              "Cannot validate argument on parameter 'Depth'. The %d argument is "
		              "less than the minimum allowed range of 0. Supply an argument that "
		              "is "
		              "greater than or equal to 0 and then try the command again.",
		              depth)
		        : sh_throwf(
		              c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", target,
		              "Cannot validate argument on parameter 'Depth'. The %d argument is "
		              "greater than the maximum allowed range of 100. Supply an argument "
		              "that is less than or equal to 100 and then try the command again.",
		              depth);
		sh_unref(target);
		return st;
	}
	sh_value *top = (n > 1 || as_array) ? sh_ref(s->items ? s->items : NULL)
	                                    : sh_ref(sh_array_get(s->items, 0));
	if (!top && as_array)
		top = sh_array_new(0);
	bool truncated = false;
	char *text =
	    cmd_json_serialize(sh_cmd_interp(c), top, depth, sh_switch(c, "Compress"), &truncated);
	sh_unref(top);
	if (truncated)
		sh_write_warning(
		    c,
		    "Resulting JSON is truncated as serialization has exceeded the set "
		    "depth of %d.",
		    depth);
	return sh_emit(c, sh_string_take(text));
}

static void to_json_cleanup(sh_cmd *c)
{
	to_json_state *s = sh_cmd_state(c);
	sh_unref(s->items);
}

static const sh_param_def to_json_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, 0, NULL, NULL, NULL,
     "Specifies the objects to convert. Several input objects make one JSON array.", NULL, NULL,
     "Object"},
    {"Depth", SH_P_INT, 0, -1, NULL, NULL, NULL,
     "Specifies how many levels of contained objects are written; deeper ones are written as "
     "their string form, with a warning.",
     "2", NULL, NULL},
    {"Compress", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Omits white space and indentation.", NULL,
     NULL, NULL},
    {"AsArray", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes a JSON array even for a single input object.", NULL, NULL, NULL},
    {"EnumsAsStrings", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes enumeration values as their names.", NULL, NULL, NULL},
    {"EscapeHandling", SH_P_STRING, 0, -1, NULL, NULL, NULL, "Accepted for compatibility: Default.",
     NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example to_json_examples[] = {
    {"@{ Name = 'web01'; Cpu = 2 } | ConvertTo-Json", "Writes a JSON object."},
    {"Get-VM | Select-Object Name, State | ConvertTo-Json -Compress",
     "Writes one compact JSON array of the selected properties."},
    {"$config | ConvertTo-Json -Depth 10", "Writes nested objects ten levels deep."},
    {NULL, NULL},
};

typedef struct from_json_state {
	sh_buf text;
	bool any;
} from_json_state;

static sh_status from_json_process(sh_cmd *c, sh_value *input)
{
	from_json_state *s = sh_cmd_state(c);
	sh_value *obj = sh_param_bound(c, "InputObject") ? sh_param(c, "InputObject") : input;
	size_t n = sh_kind_of(obj) == SH_ARRAY ? sh_array_len(obj) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(obj) == SH_ARRAY ? sh_array_get(obj, i) : obj;
		if (s->any)
			buf_putc(&s->text, '\n');
		char *t = sh_to_string(item);
		buf_puts(&s->text, t);
		free(t);
		s->any = true;
	}
	return SH_OK;
}

static sh_status from_json_end(sh_cmd *c)
{
	from_json_state *s = sh_cmd_state(c);
	const char *text = buf_str(&s->text);
	size_t i = 0;
	while (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')
		i++;
	if (text[i] == '\0')
		return SH_OK;
	sh_value *v = NULL;
	char *err = NULL;
	int depth = (int)sh_param_int(c, "Depth", 1024);
	if (cmd_json_parse(text, s->text.len, sh_switch(c, "AsHashtable"), depth, &v, &err) < 0) {
		sh_error_info info = {.message = err,
		                      .exception_type = "System.ArgumentException",
		                      .category = SH_CAT_NOT_SPECIFIED,
		                      .error_id = "System.ArgumentException",
		                      .reason = "ArgumentException"};
		sh_status st = sh_throw(c, &info);
		free(err);
		return st;
	}
	if (sh_kind_of(v) == SH_ARRAY && !sh_switch(c, "NoEnumerate"))
		return sh_emit_enumerated(c, v);
	return sh_emit(c, v);
}

static void from_json_cleanup(sh_cmd *c)
{
	from_json_state *s = sh_cmd_state(c);
	buf_free(&s->text);
}

static const sh_param_def from_json_params[] = {
    {"InputObject", SH_P_STRING, SH_PF_PIPELINE, 0, NULL, NULL, NULL,
     "Specifies the JSON text; piped lines are joined before parsing.", NULL, NULL, NULL},
    {"AsHashtable", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Makes JSON objects ordered hashtables instead of PSCustomObjects.", NULL, NULL, NULL},
    {"Depth", SH_P_INT, 0, -1, NULL, NULL, NULL,
     "Specifies the deepest nesting allowed in the input.", "1024", NULL, NULL},
    {"NoEnumerate", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes a top-level JSON array as one array object instead of its items.", NULL, NULL, NULL},
    {"DateKind", SH_P_STRING, 0, -1, NULL, NULL, NULL, "Accepted for compatibility: Default.", NULL,
     NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example from_json_examples[] = {
    {"'{\"Name\":\"web01\",\"Cpu\":2}' | ConvertFrom-Json",
     "Makes an object with the properties Name and Cpu."},
    {"Get-Content vm.json | ConvertFrom-Json -AsHashtable",
     "Reads a JSON file into an ordered hashtable."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* CSV writer                                                          */
/* ------------------------------------------------------------------ */

void cmd_csv_append_field(sh_buf *out, const char *s, char delimiter, cmd_csv_quote mode)
{
	bool quote =
	    mode == CMD_CSV_ALWAYS || (mode == CMD_CSV_AS_NEEDED &&
	                               (strchr(s, delimiter) || strchr(s, '\n') || strchr(s, '"')));
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* What .ToString() gives for a property value: a collection shows its
 * type name, which is what PowerShell's CSV writers print. */
static char *csv_value_text(const sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_ARRAY:
		return xstrdup("System.Object[]");
	case SH_HASHTABLE:
		return xstrdup(sh_type_name(v));
	default:
		return sh_to_string(v);
	}
}

typedef struct csv_writer {
	sh_value *names; /* header, from the first object */
	char delimiter;
	cmd_csv_quote mode;
	sh_value *quote_fields; /* -QuoteFields, or NULL */
	bool type_info;
} csv_writer;

static bool csv_force_quote(csv_writer *w, const char *name)
{
	for (size_t i = 0; i < sh_array_len(w->quote_fields); i++)
		if (str_ieq(sh_str(sh_array_get(w->quote_fields, i)), name))
			return true;
	return false;
}

static void csv_field(csv_writer *w, sh_buf *out, const char *name, const char *text)
{
	if (w->quote_fields)
		cmd_csv_append_field(out, text, w->delimiter,
		                     csv_force_quote(w, name) ? CMD_CSV_ALWAYS : CMD_CSV_NEVER);
	else
		cmd_csv_append_field(out, text, w->delimiter, w->mode);
}

static sh_value *csv_names_of(sh_interp *in, sh_value *obj)
{
	if (sh_kind_of(obj) == SH_HASHTABLE) {
		sh_value *names = sh_array_new(sh_hash_len(obj));
		for (size_t i = 0; i < sh_hash_len(obj); i++)
			sh_array_append(names, sh_to_string_value(sh_hash_key_at(obj, i)));
		return names;
	}
	sh_value *names = sh_property_names(in, obj);
	if (sh_array_len(names) > 0 || sh_kind_of(obj) == SH_OBJECT || !obj)
		return names;
	const char *const *rows = sh_builtin_member_list(obj);
	for (size_t i = 0; rows && rows[i]; i++) {
		const char *tab = strchr(rows[i], '\t');
		if (tab && strncmp(tab + 1, "Property\t", 9) == 0)
			sh_array_append(names, sh_string_n(rows[i], (size_t)(tab - rows[i])));
	}
	return names;
}

/* The "#TYPE" line (when asked for) and the header line, as strings. */
static void csv_header(csv_writer *w, sh_interp *in, sh_value *first, sh_value *lines)
{
	if (!w->names)
		w->names = csv_names_of(in, first);
	if (w->type_info) {
		const char *tn = sh_type_name(first);
		if (str_iprefix(tn, "CSV:"))
			tn += 4;
		sh_array_append(lines, sh_stringf("#TYPE %s", tn));
	}
	sh_buf b = {0};
	for (size_t i = 0; i < sh_array_len(w->names); i++) {
		const char *name = sh_str(sh_array_get(w->names, i));
		if (i)
			buf_putc(&b, w->delimiter);
		if (w->quote_fields)
			csv_field(w, &b, name, name);
		else if (w->mode == CMD_CSV_AS_NEEDED)
			cmd_csv_append_field(&b, name, w->delimiter, CMD_CSV_AS_NEEDED);
		else
			cmd_csv_append_field(&b, name, w->delimiter, w->mode);
	}
	sh_array_append(lines, sh_string_take(buf_detach(&b)));
}

static char *csv_row(csv_writer *w, sh_interp *in, sh_value *obj)
{
	sh_buf b = {0};
	for (size_t i = 0; i < sh_array_len(w->names); i++) {
		const char *name = sh_str(sh_array_get(w->names, i));
		if (i)
			buf_putc(&b, w->delimiter);
		sh_value *val = NULL;
		bool have = false;
		if (sh_kind_of(obj) == SH_HASHTABLE) {
			sh_value *key = sh_string(name);
			if (sh_hash_contains(obj, key)) {
				val = sh_ref(sh_hash_get(obj, key));
				have = true;
			}
			sh_unref(key);
		}
		if (!have) {
			char *err = NULL;
			if (sh_get_member(in, obj, name, &val, &err) < 0) {
				free(err);
				val = NULL;
			}
		}
		if (val) {
			char *text = csv_value_text(val);
			csv_field(w, &b, name, text);
			free(text);
		}
		sh_unref(val);
	}
	return buf_detach(&b);
}

static const char *const quote_kinds[] = {"Always", "AsNeeded", "Never", NULL};

static sh_status csv_writer_init(sh_cmd *c, csv_writer *w)
{
	const char *delim = sh_param_str(c, "Delimiter");
	w->delimiter = delim && *delim ? delim[0] : ',';
	const char *quotes = sh_param_str(c, "UseQuotes");
	w->mode = CMD_CSV_ALWAYS;
	if (quotes && str_ieq(quotes, "AsNeeded"))
		w->mode = CMD_CSV_AS_NEEDED;
	else if (quotes && str_ieq(quotes, "Never"))
		w->mode = CMD_CSV_NEVER;
	if (sh_param_bound(c, "QuoteFields"))
		w->quote_fields = sh_ref(sh_param(c, "QuoteFields"));
	w->type_info =
	    sh_switch(c, "IncludeTypeInformation") &&
	    !(sh_param_bound(c, "NoTypeInformation") && sh_switch(c, "NoTypeInformation"));
	return SH_OK;
}

static void csv_writer_free(csv_writer *w)
{
	sh_unref(w->names);
	sh_unref(w->quote_fields);
}

/* ------------------------------------------------------------------ */
/* CSV reader                                                          */
/* ------------------------------------------------------------------ */

typedef struct csv_reader {
	const char *s;
	size_t len, pos;
	char delimiter;
} csv_reader;

/* Consumes a line break at pos (\n, \r or \r\n) and returns its text. */
static const char *csv_newline(csv_reader *r, char ch)
{
	if (ch == '\r') {
		if (r->pos < r->len && r->s[r->pos] == '\n') {
			r->pos++;
			return "\r\n";
		}
		return "\r";
	}
	return ch == '\n' ? "\n" : NULL;
}

static bool csv_read_to_delimiter(csv_reader *r, sh_buf *cur, bool eat_trailing_blanks)
{
	sh_buf tmp = {0};
	bool non_white = false, end = false;
	for (;;) {
		if (r->pos >= r->len) {
			end = true;
			break;
		}
		char ch = r->s[r->pos++];
		if (ch == r->delimiter)
			break;
		if (csv_newline(r, ch)) {
			end = true;
			break;
		}
		buf_putc(&tmp, ch);
		if (ch != ' ' && ch != '\t')
			non_white = true;
	}
	if (!(eat_trailing_blanks && !non_white))
		buf_putn(cur, buf_str(&tmp), tmp.len);
	buf_free(&tmp);
	return end;
}

static void csv_push(sh_value *fields, sh_buf *cur)
{
	sh_array_append(fields, sh_string_n(buf_str(cur), cur->len));
	buf_reset(cur);
}

bool cmd_csv_next_record(const char *text, size_t len, size_t *pos, char delimiter,
                         sh_value **fields)
{
	csv_reader r = {text, len, *pos, delimiter};
	if (r.pos >= r.len)
		return false;
	sh_value *result = sh_array_new(8);
	sh_buf cur = {0};
	bool quoted = false;
	while (r.pos < r.len) {
		char ch = r.s[r.pos++];
		const char *nl;
		if (ch == r.delimiter) {
			if (quoted)
				buf_putc(&cur, ch);
			else
				csv_push(result, &cur);
		} else if (ch == '"') {
			if (quoted) {
				if (r.pos < r.len && r.s[r.pos] == '"') {
					r.pos++;
					buf_putc(&cur, '"');
				} else {
					quoted = false;
					bool end = csv_read_to_delimiter(&r, &cur, true);
					csv_push(result, &cur);
					if (end)
						break;
				}
			} else if (cur.len == 0) {
				quoted = true;
			} else {
				buf_putc(&cur, ch);
				bool end = csv_read_to_delimiter(&r, &cur, false);
				csv_push(result, &cur);
				if (end)
					break;
			}
		} else if (ch == ' ' || ch == '\t') {
			if (quoted) {
				buf_putc(&cur, ch);
			} else if (cur.len > 0) {
				buf_putc(&cur, ch);
				bool end = csv_read_to_delimiter(&r, &cur, true);
				csv_push(result, &cur);
				if (end)
					break;
			}
		} else if ((nl = csv_newline(&r, ch)) != NULL) {
			if (quoted) {
				buf_puts(&cur, nl);
			} else {
				csv_push(result, &cur);
				break;
			}
		} else {
			buf_putc(&cur, ch);
		}
	}
	if (cur.len)
		csv_push(result, &cur);
	buf_free(&cur);
	*pos = r.pos;
	*fields = result;
	return true;
}

/* Header, type name and warning state shared across the inputs of one
 * ConvertFrom-Csv or the files of one Import-Csv. */
typedef struct csv_import {
	sh_value *header;
	char *type_name;
	bool warned;
	bool header_given;
} csv_import;

static sh_status csv_check_header(sh_cmd *c, sh_value *header)
{
	for (size_t i = 0; i < sh_array_len(header); i++) {
		const char *a = sh_str(sh_array_get(header, i));
		if (!*a)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (str_ieq(a, sh_str(sh_array_get(header, j)))) {
				char *msg = xasprintf("The member \"%s\" is already present.", a);
				sh_error_info info = {
				    .message = msg,
				    .exception_type =
				        "System.Management.Automation.ExtendedTypeSystemException",
				    .category = SH_CAT_NOT_SPECIFIED,
				    .error_id = "ExtendedTypeSystemException",
				    .reason = "ExtendedTypeSystemException"};
				sh_status st = sh_throw(c, &info);
				free(msg);
				return st;
			}
		}
	}
	return SH_OK;
}

/* Parses one chunk of CSV text and writes its records as objects. */
static sh_status csv_import_text(sh_cmd *c, csv_import *im, const char *text, size_t len,
                                 char delimiter)
{
	size_t pos = 0;
	if (!im->header && !im->type_name && len > 0 && text[0] == '#') {
		const char *nl = memchr(text, '\n', len);
		size_t line_len = nl ? (size_t)(nl - text) : len;
		if (line_len >= 5 && strncasecmp(text, "#Type", 5) == 0) {
			char *t = xstrndup(text + 5, line_len - 5);
			char *start = t;
			while (*start == ' ' || *start == '\t')
				start++;
			size_t n = strlen(start);
			while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t' ||
			                 start[n - 1] == '\r'))
				start[--n] = '\0';
			if (n)
				im->type_name = xstrdup(start);
			free(t);
		}
		pos = nl ? line_len + 1 : len;
	}
	sh_value *fields = NULL;
	while (!im->header && cmd_csv_next_record(text, len, &pos, delimiter, &fields)) {
		while (sh_array_len(fields) > 1 &&
		       sh_str_len(sh_array_get(fields, sh_array_len(fields) - 1)) == 0) {
			sh_value *trimmed = sh_array_new(sh_array_len(fields));
			for (size_t i = 0; i + 1 < sh_array_len(fields); i++)
				sh_array_append(trimmed, sh_ref(sh_array_get(fields, i)));
			sh_unref(fields);
			fields = trimmed;
		}
		const char *first = sh_str(sh_array_get(fields, 0));
		if (sh_array_len(fields) > 0 && strncmp(first, "#Fields: ", 9) == 0) {
			sh_array_set(fields, 0, sh_string(first + 9));
			im->header = fields;
		} else if (sh_array_len(fields) > 0 && first[0] == '#') {
			sh_unref(fields);
		} else {
			im->header = fields;
		}
		fields = NULL;
		if (im->header) {
			sh_status st = csv_check_header(c, im->header);
			if (st != SH_OK)
				return st;
		}
	}
	if (!im->header)
		return SH_OK;
	while (cmd_csv_next_record(text, len, &pos, delimiter, &fields)) {
		if (sh_array_len(fields) == 0 ||
		    (sh_array_len(fields) == 1 && sh_str_len(sh_array_get(fields, 0)) == 0)) {
			sh_unref(fields);
			continue;
		}
		sh_value *o;
		if (im->type_name) {
			o = sh_object_new(im->type_name);
			char *csv_type = xasprintf("CSV:%s", im->type_name);
			sh_object_add_typename(o, csv_type);
			free(csv_type);
		} else {
			o = sh_object_new(NULL);
		}
		int unnamed = 1;
		for (size_t i = 0; i < sh_array_len(im->header); i++) {
			const char *name = sh_str(sh_array_get(im->header, i));
			char *generated = NULL;
			if (!*name)
				name = generated = xasprintf("H%d", unnamed++);
			sh_value *val =
			    i < sh_array_len(fields) ? sh_ref(sh_array_get(fields, i)) : NULL;
			sh_object_set_note(o, name, val);
			free(generated);
		}
		sh_unref(fields);
		if (unnamed > 1 && !im->warned) {
			im->warned = true;
			sh_write_warning(
			    c, "One or more headers were not specified. Default names "
			       "starting with \"H\" have been used in place of any missing "
			       "headers.");
		}
		sh_status st = sh_emit(c, o);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static void csv_import_init(sh_cmd *c, csv_import *im)
{
	sh_value *header = sh_param(c, "Header");
	if (header) {
		im->header = sh_array_new(sh_array_len(header));
		for (size_t i = 0; i < sh_array_len(header); i++)
			sh_array_append(im->header, sh_to_string_value(sh_array_get(header, i)));
		im->header_given = true;
	}
}

static void csv_import_free(csv_import *im)
{
	sh_unref(im->header);
	free(im->type_name);
}

static char param_delimiter(sh_cmd *c)
{
	const char *d = sh_param_str(c, "Delimiter");
	return d && *d ? d[0] : ',';
}

/* ------------------------------------------------------------------ */
/* ConvertTo-Csv / ConvertFrom-Csv                                     */
/* ------------------------------------------------------------------ */

typedef struct to_csv_state {
	csv_writer w;
	bool started;
} to_csv_state;

static sh_status to_csv_begin(sh_cmd *c)
{
	to_csv_state *s = sh_cmd_state(c);
	return csv_writer_init(c, &s->w);
}

static sh_status to_csv_process(sh_cmd *c, sh_value *input)
{
	to_csv_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	sh_value *obj = sh_param_bound(c, "InputObject") ? sh_param(c, "InputObject") : input;
	if (!obj)
		return SH_OK;
	sh_status st = SH_OK;
	if (!s->started) {
		s->started = true;
		sh_value *lines = sh_array_new(2);
		csv_header(&s->w, in, obj, lines);
		st = sh_emit_enumerated(c, lines);
		if (st != SH_OK)
			return st;
	}
	return sh_emit(c, sh_string_take(csv_row(&s->w, in, obj)));
}

static void to_csv_cleanup(sh_cmd *c)
{
	to_csv_state *s = sh_cmd_state(c);
	csv_writer_free(&s->w);
}

#define CSV_WRITE_PARAMS                                                                           \
	{                                                                                          \
	    "Delimiter",                                                                           \
	    SH_P_STRING,                                                                           \
	    0,                                                                                     \
	    1,                                                                                     \
	    NULL,                                                                                  \
	    NULL,                                                                                  \
	    NULL,                                                                                  \
	    "Specifies the character that separates the values. The default is a comma.",          \
	    ",",                                                                                   \
	    NULL,                                                                                  \
	    "Char"},                                                                               \
	    {"IncludeTypeInformation",                                                             \
	     SH_P_SWITCH,                                                                          \
	     0,                                                                                    \
	     -1,                                                                                   \
	     NULL,                                                                                 \
	     "ITI",                                                                                \
	     NULL,                                                                                 \
	     "Writes a first line \"#TYPE\" naming the type of the objects.",                      \
	     NULL,                                                                                 \
	     NULL,                                                                                 \
	     NULL},                                                                                \
	    {"NoTypeInformation",                                                                  \
	     SH_P_SWITCH,                                                                          \
	     0,                                                                                    \
	     -1,                                                                                   \
	     NULL,                                                                                 \
	     "NTI",                                                                                \
	     NULL,                                                                                 \
	     "Omits the #TYPE line (the default).",                                                \
	     NULL,                                                                                 \
	     NULL,                                                                                 \
	     NULL},                                                                                \
	    {"UseQuotes",                                                                          \
	     SH_P_ENUM,                                                                            \
	     0,                                                                                    \
	     -1,                                                                                   \
	     NULL,                                                                                 \
	     "UQ",                                                                                 \
	     quote_kinds,                                                                          \
	     "Specifies when fields are quoted: Always (the default), AsNeeded or Never.",         \
	     "Always",                                                                             \
	     NULL,                                                                                 \
	     "QuoteKind"},                                                                         \
	{                                                                                          \
		"QuoteFields", SH_P_STRING, SH_PF_ARRAY, -1, NULL, "QF", NULL,                     \
		    "Quotes only the columns with these names.", NULL, NULL, NULL                  \
	}

static const sh_param_def to_csv_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE | SH_PF_MANDATORY, 0, NULL, NULL, NULL,
     "Specifies the objects to convert. The first object's properties make the header.", NULL, NULL,
     "PSObject"},
    CSV_WRITE_PARAMS,
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example to_csv_examples[] = {
    {"Get-VM | Select-Object Name, State | ConvertTo-Csv",
     "Writes a header line and one quoted line per virtual machine."},
    {"$rows | ConvertTo-Csv -Delimiter ';' -UseQuotes AsNeeded",
     "Uses semicolons and quotes only the fields that need it."},
    {NULL, NULL},
};

typedef struct from_csv_state {
	csv_import im;
} from_csv_state;

static sh_status from_csv_begin(sh_cmd *c)
{
	from_csv_state *s = sh_cmd_state(c);
	csv_import_init(c, &s->im);
	return SH_OK;
}

static sh_status from_csv_process(sh_cmd *c, sh_value *input)
{
	from_csv_state *s = sh_cmd_state(c);
	sh_value *obj = sh_param_bound(c, "InputObject") ? sh_param(c, "InputObject") : input;
	size_t n = sh_kind_of(obj) == SH_ARRAY ? sh_array_len(obj) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(obj) == SH_ARRAY ? sh_array_get(obj, i) : obj;
		char *text = sh_to_string(item);
		sh_status st = csv_import_text(c, &s->im, text, strlen(text), param_delimiter(c));
		free(text);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static void from_csv_cleanup(sh_cmd *c)
{
	from_csv_state *s = sh_cmd_state(c);
	csv_import_free(&s->im);
}

static const sh_param_def from_csv_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE | SH_PF_ARRAY, 0, NULL, NULL, NULL,
     "Specifies the CSV lines to convert.", NULL, NULL, "PSObject[]"},
    {"Delimiter", SH_P_STRING, 0, 1, NULL, NULL, NULL,
     "Specifies the character that separates the values. The default is a comma.", ",", NULL,
     "Char"},
    {"Header", SH_P_STRING, SH_PF_ARRAY, -1, NULL, NULL, NULL,
     "Specifies the column names; then the first line is data too.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example from_csv_examples[] = {
    {"'Name,Cpu', 'web01,2' | ConvertFrom-Csv", "Makes an object with Name web01 and Cpu 2."},
    {"Get-Content data.txt | ConvertFrom-Csv -Delimiter ';' -Header A, B",
     "Reads semicolon-separated lines without a header line."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Export-Csv / Import-Csv                                             */
/* ------------------------------------------------------------------ */

static sh_status file_open_error(sh_cmd *c, const char *full, int err)
{
	sh_value *target = sh_string(full);
	sh_status st;
	if (err == ENOENT || err == ENOTDIR) {
		char *dir = xstrdup(full);
		char *slash = strrchr(dir, '/');
		struct stat sb;
		bool parent_ok = slash && (slash == dir || (*slash = '\0', stat(dir, &sb) == 0));
		st = sh_throwf(c, SH_CAT_OPEN_ERROR, "FileOpenFailure", target,
		               parent_ok ? "Could not find file '%s'."
		                         : "Could not find a part of the path '%s'.",
		               full);
		free(dir);
	} else if (err == EACCES || err == EPERM) {
		st = sh_throwf(c, SH_CAT_OPEN_ERROR, "FileOpenFailure", target,
		               "Access to the path '%s' is denied.", full);
	} else if (err == EISDIR) {
		st = sh_throwf(c, SH_CAT_OPEN_ERROR, "FileOpenFailure", target,
		               "Access to the path '%s' is denied.", full);
	} else {
		st = sh_throwf(c, SH_CAT_OPEN_ERROR, "FileOpenFailure", target, "%s: %s", full,
		               strerror(err));
	}
	sh_unref(target);
	return st;
}

int cmd_atomic_open(cmd_atomic_file *af, const char *path)
{
	memset(af, 0, sizeof *af);
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return err;
	}
	struct stat sb;
	if (stat(path, &sb) == 0) {
		(void)fchmod(fd, sb.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	af->f = fdopen(fd, "w");
	if (!af->f) {
		int err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return err;
	}
	af->path = xstrdup(path);
	af->tmp = tmp;
	return 0;
}

int cmd_atomic_commit(cmd_atomic_file *af)
{
	int err = 0;
	if (fflush(af->f) != 0 || fsync(fileno(af->f)) != 0)
		err = errno;
	if (fclose(af->f) != 0 && !err)
		err = errno;
	af->f = NULL;
	if (!err && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	return err;
}

void cmd_atomic_abort(cmd_atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->tmp)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof *af);
}

typedef struct export_state {
	csv_writer w;
	cmd_atomic_file atomic; /* a fresh file; appends go straight to `file` */
	FILE *file;
	char *path;
	bool header_done;
	bool checked_append;
} export_state;

static sh_status export_begin(sh_cmd *c)
{
	export_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	csv_writer_init(c, &s->w);
	const char *path = sh_param_str(c, "Path");
	if (!path)
		path = sh_param_str(c, "LiteralPath");
	s->path = sh_full_path(in, path ? path : "");
	struct stat sb;
	bool exists = stat(s->path, &sb) == 0;
	bool append = sh_switch(c, "Append");
	if (exists && sh_switch(c, "NoClobber") && !append) {
		sh_value *target = sh_string(s->path);
		sh_status st = sh_throwf(c, SH_CAT_RESOURCE_EXISTS, "NoClobber", target,
		                         "The file '%s' already exists.", s->path);
		sh_unref(target);
		return st;
	}
	if (!sh_should_process(c, s->path, "Export-Csv"))
		return SH_OK;
	if (append && exists && sb.st_size > 0) {
		size_t len = 0;
		char *text = read_whole_file(s->path, &len);
		if (text) {
			size_t pos = 0;
			sh_value *fields = NULL;
			if (len > 0 && text[0] == '#') {
				const char *nl = memchr(text, '\n', len);
				pos = nl ? (size_t)(nl - text) + 1 : len;
			}
			if (cmd_csv_next_record(text, len, &pos, s->w.delimiter, &fields)) {
				s->w.names = fields;
				s->header_done = true;
			}
			free(text);
		}
	}
	if (append) {
		s->file = fopen(s->path, "a");
		if (!s->file)
			return file_open_error(c, s->path, errno);
		return SH_OK;
	}
	int err = cmd_atomic_open(&s->atomic, s->path);
	if (err)
		return file_open_error(c, s->path, err);
	s->file = s->atomic.f;
	return SH_OK;
}

static sh_status export_process(sh_cmd *c, sh_value *input)
{
	export_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	if (!s->file)
		return SH_OK;
	sh_value *obj = sh_param_bound(c, "InputObject") ? sh_param(c, "InputObject") : input;
	if (!obj)
		return SH_OK;
	if (s->header_done && !s->checked_append) {
		s->checked_append = true;
		if (!sh_switch(c, "Force")) {
			sh_value *have = csv_names_of(in, obj);
			for (size_t i = 0; i < sh_array_len(s->w.names); i++) {
				const char *col = sh_str(sh_array_get(s->w.names, i));
				bool found = false;
				for (size_t k = 0; k < sh_array_len(have) && !found; k++)
					found = str_ieq(sh_str(sh_array_get(have, k)), col);
				if (!found) {
					sh_unref(have);
					return sh_throwf(
					    c, SH_CAT_INVALID_DATA,
					    "CannotAppendCsvWithMismatchedPropertyNames", obj,
					    "Cannot append CSV content to the following file: %s. "
					    "The appended "
					    "object does not have a property that corresponds to "
					    "the following "
					    "column: %s. To continue with mismatched properties, "
					    "add the -Force "
					    "parameter, and then retry the command.",
					    s->path, col);
				}
			}
			sh_unref(have);
		}
	}
	if (!s->header_done) {
		s->header_done = true;
		sh_value *lines = sh_array_new(2);
		csv_header(&s->w, in, obj, lines);
		for (size_t i = 0; i < sh_array_len(lines); i++) {
			fputs(sh_str(sh_array_get(lines, i)), s->file);
			fputc('\n', s->file);
		}
		sh_unref(lines);
	}
	char *row = csv_row(&s->w, in, obj);
	fputs(row, s->file);
	fputc('\n', s->file);
	free(row);
	if (sh_switch(c, "PassThru"))
		return sh_emit(c, sh_ref(obj));
	return SH_OK;
}

static sh_status export_end(sh_cmd *c)
{
	export_state *s = sh_cmd_state(c);
	if (s->atomic.f) {
		s->file = NULL;
		int err = cmd_atomic_commit(&s->atomic);
		if (err)
			return file_open_error(c, s->path, err);
	} else if (s->file) {
		int rc = fclose(s->file);
		s->file = NULL;
		if (rc != 0)
			return file_open_error(c, s->path, errno);
	}
	return SH_OK;
}

static void export_cleanup(sh_cmd *c)
{
	export_state *s = sh_cmd_state(c);
	if (s->atomic.f)
		cmd_atomic_abort(&s->atomic);
	else if (s->file)
		fclose(s->file);
	free(s->path);
	csv_writer_free(&s->w);
}

static const char *const encodings[] = {
    "ascii", "bigendianunicode", "bigendianutf32", "oem",   "unicode", "utf7",
    "utf8",  "utf8BOM",          "utf8NoBOM",      "utf32", "default", NULL,
};

static const sh_param_def export_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE | SH_PF_MANDATORY, -1, NULL, NULL, NULL,
     "Specifies the objects to export. The first object's properties make the header.", NULL, NULL,
     "PSObject"},
    {"Path", SH_P_STRING, 0, 0, "Delimiter", NULL, NULL, "Specifies the file to write.", NULL, NULL,
     NULL},
    {"LiteralPath", SH_P_STRING, 0, -1, "Delimiter", "PSPath,LP", NULL,
     "Specifies the file to write, taken literally.", NULL, NULL, NULL},
    {"Append", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Adds the rows to the end of the file, under its existing header.", NULL, NULL, NULL},
    {"Force", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "With -Append, writes objects whose properties do not match the file's columns.", NULL, NULL,
     NULL},
    {"NoClobber", SH_P_SWITCH, 0, -1, NULL, "NoOverwrite", NULL,
     "Fails instead of replacing an existing file.", NULL, NULL, NULL},
    {"Encoding", SH_P_ENUM, 0, -1, NULL, NULL, encodings,
     "Accepted for compatibility; files are written as UTF-8 without a byte order mark.",
     "utf8NoBOM", NULL, "Encoding"},
    {"PassThru", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Also writes the input objects down the pipeline.", NULL, NULL, NULL},
    CSV_WRITE_PARAMS,
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example export_examples[] = {
    {"Get-VM | Select-Object Name, State, Uptime | Export-Csv vms.csv",
     "Saves the virtual machines' names, states and uptimes in vms.csv."},
    {"$row | Export-Csv vms.csv -Append", "Adds a row to an existing file."},
    {NULL, NULL},
};

typedef struct import_state {
	csv_import im;
} import_state;

static sh_status import_one(sh_cmd *c, import_state *s, const char *path)
{
	char *full = sh_full_path(sh_cmd_interp(c), path);
	size_t len = 0;
	char *text = read_whole_file(full, &len);
	if (!text) {
		sh_status st = file_open_error(c, full, errno);
		free(full);
		return st;
	}
	free(full);
	/* Each file has its own header unless -Header gave one. */
	if (!s->im.header_given) {
		sh_unref(s->im.header);
		s->im.header = NULL;
		free(s->im.type_name);
		s->im.type_name = NULL;
	}
	const char *start = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		len -= 3;
	}
	sh_status st = csv_import_text(c, &s->im, start, len, param_delimiter(c));
	free(text);
	return st;
}

static sh_status import_begin(sh_cmd *c)
{
	import_state *s = sh_cmd_state(c);
	csv_import_init(c, &s->im);
	return SH_OK;
}

static sh_status import_process(sh_cmd *c, sh_value *input)
{
	import_state *s = sh_cmd_state(c);
	(void)input;
	sh_value *paths = sh_param(c, "Path");
	if (!paths)
		paths = sh_param(c, "LiteralPath");
	for (size_t i = 0; i < sh_array_len(paths); i++) {
		sh_status st = import_one(c, s, sh_str(sh_array_get(paths, i)));
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static void import_cleanup(sh_cmd *c)
{
	import_state *s = sh_cmd_state(c);
	csv_import_free(&s->im);
}

static const sh_param_def import_params[] = {
    {"Path", SH_P_STRING, SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP, 0, "Delimiter", NULL,
     NULL, "Specifies the CSV files to read.", NULL, NULL, NULL},
    {"LiteralPath", SH_P_STRING, SH_PF_ARRAY | SH_PF_PIPE_PROP, -1, "Delimiter", "PSPath,LP", NULL,
     "Specifies the CSV files to read, taken literally.", NULL, NULL, NULL},
    {"Delimiter", SH_P_STRING, 0, 1, NULL, NULL, NULL,
     "Specifies the character that separates the values. The default is a comma.", ",", NULL,
     "Char"},
    {"Header", SH_P_STRING, SH_PF_ARRAY, -1, NULL, NULL, NULL,
     "Specifies the column names; then the first line is data too.", NULL, NULL, NULL},
    {"Encoding", SH_P_ENUM, 0, -1, NULL, NULL, encodings,
     "Accepted for compatibility; files are read as UTF-8.", "utf8NoBOM", NULL, "Encoding"},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example import_examples[] = {
    {"Import-Csv vms.csv", "Reads vms.csv: one object per row, named by the header line."},
    {"Import-Csv data.tsv -Delimiter \"`t\"", "Reads a tab-separated file."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* the table                                                           */
/* ------------------------------------------------------------------ */

const sh_cmdlet cmd_data_cmdlets[] = {
    {"ConvertTo-Json", NULL, "Converts an object to a JSON-formatted string.",
     "Writes the input as JSON text: hashtables and objects become JSON objects, arrays "
     "JSON arrays. Several input objects make one array. Containers nested deeper than "
     "-Depth (2 by default) are written as their string form, with a warning.",
     NULL, to_json_params, to_json_examples, "System.String",
     "Microsoft.PowerShell.Commands.ConvertToJsonCommand", 0, sizeof(to_json_state), NULL,
     to_json_process, to_json_end, to_json_cleanup},
    {"ConvertFrom-Json", NULL,
     "Converts a JSON-formatted string to a custom object or a hash table.",
     "Parses JSON text (piped lines are joined) into PSCustomObjects, or ordered hashtables "
     "with -AsHashtable. A top-level array is written one item at a time. Integers become "
     "Int64, ISO 8601 date strings DateTime.",
     NULL, from_json_params, from_json_examples, "System.Management.Automation.PSCustomObject",
     "Microsoft.PowerShell.Commands.ConvertFromJsonCommand", 0, sizeof(from_json_state), NULL,
     from_json_process, from_json_end, from_json_cleanup},
    {"ConvertTo-Csv", NULL,
     "Converts .NET objects into a series of character-separated value (CSV) strings.",
     "Writes a header line from the first object's property names, then one line per "
     "object with its property values, quoted per -UseQuotes.",
     NULL, to_csv_params, to_csv_examples, "System.String",
     "Microsoft.PowerShell.Commands.ConvertToCsvCommand", 0, sizeof(to_csv_state), to_csv_begin,
     to_csv_process, NULL, to_csv_cleanup},
    {"ConvertFrom-Csv", NULL,
     "Converts object properties in character-separated value (CSV) format into CSV versions "
     "of the original objects.",
     "Reads CSV lines: the first (or -Header) names the columns, each following line becomes "
     "an object whose properties hold the values as strings.",
     NULL, from_csv_params, from_csv_examples, "System.Management.Automation.PSCustomObject",
     "Microsoft.PowerShell.Commands.ConvertFromCsvCommand", 0, sizeof(from_csv_state),
     from_csv_begin, from_csv_process, NULL, from_csv_cleanup},
    {"Export-Csv", "epcsv",
     "Converts objects into a series of character-separated value (CSV) strings and saves "
     "the strings to a file.",
     "Writes the input objects to a CSV file: a header line from the first object's "
     "properties, then one line per object.",
     "Delimiter", export_params, export_examples, NULL,
     "Microsoft.PowerShell.Commands.ExportCsvCommand", SH_CMD_SUPPORTS_SHOULD_PROCESS,
     sizeof(export_state), export_begin, export_process, export_end, export_cleanup},
    {"Import-Csv", "ipcsv",
     "Creates table-like custom objects from the items in a character-separated value (CSV) "
     "file.",
     "Reads CSV files: the header line (or -Header) names the properties, each following "
     "line becomes an object.",
     "Delimiter", import_params, import_examples, "System.Management.Automation.PSCustomObject",
     "Microsoft.PowerShell.Commands.ImportCsvCommand", 0, sizeof(import_state), import_begin,
     import_process, NULL, import_cleanup},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL},
};
