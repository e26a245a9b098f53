/*
 * ops.c - the language's operators.
 *
 * PowerShell lets the left operand decide: its type picks the operation and
 * the right operand is converted to match, so '1' + 2 concatenates while
 * 1 + '2' adds. Integer arithmetic is done in 64 bits and the result is
 * narrowed back to Int32 when both inputs were Int32 and it fits; past
 * Int64 it becomes a Double. Division stays integral only when exact.
 *
 * Comparison operators with an array on the left filter the array instead
 * of answering true/false. String comparisons ignore case unless the
 * operator is a -c variant; ordering is culture-like: letters compare
 * alphabetically regardless of case, and only a case-sensitive comparison
 * breaks a tie by putting lowercase first.
 *
 * Regular expressions run on PCRE2 in UTF mode with Unicode classes, which
 * accepts .NET's syntax for everything scripts commonly write (named groups
 * (?<n>), lookarounds, lazy quantifiers, \d \w \s). Compiled patterns are
 * kept in a small cache keyed by text and case mode, since scripts apply
 * the same few patterns in loops.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "ops.h"

#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* names                                                               */

static const struct {
	const char *word;
	sh_binop op;
	bool case_variants;
} binop_words[] = {
    {"eq", SH_OP_EQ, true},
    {"ne", SH_OP_NE, true},
    {"gt", SH_OP_GT, true},
    {"ge", SH_OP_GE, true},
    {"lt", SH_OP_LT, true},
    {"le", SH_OP_LE, true},
    {"like", SH_OP_LIKE, true},
    {"notlike", SH_OP_NOTLIKE, true},
    {"match", SH_OP_MATCH, true},
    {"notmatch", SH_OP_NOTMATCH, true},
    {"contains", SH_OP_CONTAINS, true},
    {"notcontains", SH_OP_NOTCONTAINS, true},
    {"in", SH_OP_IN, true},
    {"notin", SH_OP_NOTIN, true},
    {"replace", SH_OP_REPLACE, true},
    {"split", SH_OP_SPLIT, true},
    {"join", SH_OP_JOIN, false},
    {"is", SH_OP_IS, false},
    {"isnot", SH_OP_ISNOT, false},
    {"as", SH_OP_AS, false},
    {"and", SH_OP_AND, false},
    {"or", SH_OP_OR, false},
    {"xor", SH_OP_XOR, false},
    {"band", SH_OP_BAND, false},
    {"bor", SH_OP_BOR, false},
    {"bxor", SH_OP_BXOR, false},
    {"shl", SH_OP_SHL, false},
    {"shr", SH_OP_SHR, false},
    {"f", SH_OP_FORMAT, false},
};

bool sh_binop_lookup(const char *word, sh_binop *op, bool *case_sensitive)
{
	if (!word)
		return false;
	for (size_t i = 0; i < sizeof binop_words / sizeof *binop_words; i++) {
		const char *w = binop_words[i].word;
		if (str_ieq(word, w)) {
			*op = binop_words[i].op;
			*case_sensitive = false;
			return true;
		}
		if (binop_words[i].case_variants &&
		    (word[0] == 'c' || word[0] == 'C' || word[0] == 'i' || word[0] == 'I') &&
		    str_ieq(word + 1, w)) {
			*op = binop_words[i].op;
			*case_sensitive = word[0] == 'c' || word[0] == 'C';
			return true;
		}
	}
	return false;
}

const char *sh_binop_name(sh_binop op)
{
	switch (op) {
	case SH_OP_ADD:
		return "+";
	case SH_OP_SUB:
		return "-";
	case SH_OP_MUL:
		return "*";
	case SH_OP_DIV:
		return "/";
	case SH_OP_MOD:
		return "%";
	case SH_OP_RANGE:
		return "..";
	case SH_OP_FORMAT:
		return "-f";
	default:
		break;
	}
	static char names[SH_OP_COUNT][16];
	for (size_t i = 0; i < sizeof binop_words / sizeof *binop_words; i++)
		if (binop_words[i].op == op) {
			snprintf(names[op], sizeof names[op], "-%s", binop_words[i].word);
			return names[op];
		}
	return "?";
}

/* ------------------------------------------------------------------ */
/* regular expressions                                                 */

struct sh_regex {
	char *pattern;
	bool case_sensitive;
	pcre2_code *code;
	uint32_t ngroups;
};

#define REGEX_CACHE_SIZE 64
static sh_regex regex_cache[REGEX_CACHE_SIZE];
static size_t regex_next;
static pcre2_match_data *shared_match_data;

static void regex_cache_release(void)
{
	for (size_t i = 0; i < REGEX_CACHE_SIZE; i++) {
		free(regex_cache[i].pattern);
		pcre2_code_free(regex_cache[i].code);
		regex_cache[i].pattern = NULL;
		regex_cache[i].code = NULL;
	}
	pcre2_match_data_free(shared_match_data);
	shared_match_data = NULL;
}

sh_regex *sh_regex_get(const char *pattern, bool case_sensitive, char **error)
{
	static bool registered;
	if (!registered) {
		atexit(regex_cache_release);
		registered = true;
	}
	if (!pattern)
		pattern = "";
	for (size_t i = 0; i < REGEX_CACHE_SIZE; i++)
		if (regex_cache[i].pattern && regex_cache[i].case_sensitive == case_sensitive &&
		    strcmp(regex_cache[i].pattern, pattern) == 0)
			return &regex_cache[i];
	int errcode;
	PCRE2_SIZE erroff;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	if (!case_sensitive)
		opts |= PCRE2_CASELESS;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode,
	                                 &erroff, NULL);
	if (!code) {
		if (error) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(errcode, msg, sizeof msg);
			*error = xasprintf("Invalid pattern '%s' at offset %zu. %s", pattern,
			                   (size_t)erroff + 1, (char *)msg);
		}
		return NULL;
	}
	sh_regex *slot = &regex_cache[regex_next];
	regex_next = (regex_next + 1) % REGEX_CACHE_SIZE;
	free(slot->pattern);
	pcre2_code_free(slot->code);
	slot->pattern = xstrdup(pattern);
	slot->case_sensitive = case_sensitive;
	slot->code = code;
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &slot->ngroups);
	return slot;
}

static pcre2_match_data *match_data(void)
{
	if (!shared_match_data)
		shared_match_data = pcre2_match_data_create(256, NULL);
	return shared_match_data;
}

/* Group number -> name, or NULL. */
static const char *group_name(const sh_regex *re, uint32_t group)
{
	uint32_t count, entry_size;
	PCRE2_SPTR table;
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &count);
	if (!count)
		return NULL;
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + i * entry_size;
		uint32_t n = ((uint32_t)e[0] << 8) | e[1];
		if (n == group)
			return (const char *)e + 2;
	}
	return NULL;
}

static int group_by_name(const sh_regex *re, const char *name, size_t len)
{
	char buf[128];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)buf);
	return n > 0 ? n : -1;
}

/* Runs one match from `offset`; returns the ovector or NULL. */
static PCRE2_SIZE *run_match(sh_regex *re, const char *subject, size_t len, size_t offset,
                             uint32_t flags)
{
	pcre2_match_data *md = match_data();
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, offset, flags, md, NULL);
	if (rc < 0)
		return NULL;
	return pcre2_get_ovector_pointer(md);
}

static sh_value *groups_table(sh_regex *re, const char *subject, const PCRE2_SIZE *ov)
{
	sh_value *h = sh_hash_new(false);
	/* .NET's Hashtable lists $Matches highest group first; so do we */
	for (uint32_t g = re->ngroups + 1; g-- > 0;) {
		if (ov[2 * g] == PCRE2_UNSET)
			continue;
		sh_value *text = sh_string_n(subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		const char *name = g ? group_name(re, g) : NULL;
		if (name) {
			sh_hash_set_str(h, name, text);
		} else {
			sh_value *k = sh_int((int32_t)g);
			sh_hash_set(h, k, text);
			sh_unref(k);
		}
	}
	return h;
}

bool sh_regex_match(sh_regex *re, const char *subject, sh_value **groups)
{
	if (!re)
		return false;
	subject = subject ? subject : "";
	PCRE2_SIZE *ov = run_match(re, subject, strlen(subject), 0, 0);
	if (!ov)
		return false;
	if (groups)
		*groups = groups_table(re, subject, ov);
	return true;
}

size_t sh_regex_group_count(const sh_regex *re)
{
	return re ? re->ngroups : 0;
}

const char *sh_regex_group_name(const sh_regex *re, size_t group)
{
	return re ? group_name(re, (uint32_t)group) : NULL;
}

bool sh_regex_exec(sh_regex *re, const char *subject, size_t from, long *starts, long *ends,
                   size_t max)
{
	subject = subject ? subject : "";
	size_t len = strlen(subject);
	if (!re || from > len)
		return false;
	PCRE2_SIZE *ov = run_match(re, subject, len, from, 0);
	if (!ov)
		return false;
	for (size_t g = 0; g < max; g++) {
		bool set = g <= re->ngroups && ov[2 * g] != PCRE2_UNSET;
		starts[g] = set ? (long)ov[2 * g] : -1;
		ends[g] = set ? (long)ov[2 * g + 1] : -1;
	}
	return true;
}

static void put_group(sh_buf *b, const char *subject, const PCRE2_SIZE *ov, uint32_t g)
{
	if (ov[2 * g] != PCRE2_UNSET)
		buf_putn(b, subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* .NET substitutions: $n, ${name}, $$, $&, $`, $', $+, $_. */
static void substitute(sh_buf *b, sh_regex *re, const char *subject, size_t len,
                       const PCRE2_SIZE *ov, const char *rep)
{
	for (const char *p = rep; *p; p++) {
		if (*p != '$' || !p[1]) {
			buf_putc(b, *p);
			continue;
		}
		char c = p[1];
		if (c == '$') {
			buf_putc(b, '$');
			p++;
		} else if (c == '&') {
			put_group(b, subject, ov, 0);
			p++;
		} else if (c == '`') {
			buf_putn(b, subject, ov[0]);
			p++;
		} else if (c == '\'') {
			buf_putn(b, subject + ov[1], len - ov[1]);
			p++;
		} else if (c == '_') {
			buf_putn(b, subject, len);
			p++;
		} else if (c == '+') {
			if (re->ngroups)
				put_group(b, subject, ov, re->ngroups);
			p++;
		} else if (isdigit((unsigned char)c)) {
			/* the longest group number that exists, as .NET reads it */
			const char *q = p + 1;
			uint32_t g = 0, best = UINT32_MAX;
			const char *best_end = NULL;
			while (isdigit((unsigned char)*q)) {
				g = g * 10 + (uint32_t)(*q - '0');
				if (g > re->ngroups)
					break;
				q++;
				best = g;
				best_end = q;
			}
			if (best == UINT32_MAX) {
				buf_putc(b, '$');
				continue;
			}
			put_group(b, subject, ov, best);
			p = best_end - 1;
		} else if (c == '{') {
			const char *end = strchr(p + 2, '}');
			int g = -1;
			if (end) {
				size_t n = (size_t)(end - p - 2);
				bool numeric = n > 0;
				for (size_t i = 0; i < n; i++)
					if (!isdigit((unsigned char)p[2 + i]))
						numeric = false;
				if (numeric) {
					g = atoi(p + 2);
					if ((uint32_t)g > re->ngroups)
						g = -1;
				} else {
					g = group_by_name(re, p + 2, n);
				}
			}
			if (g < 0) {
				buf_putc(b, '$');
				continue;
			}
			put_group(b, subject, ov, (uint32_t)g);
			p = end;
		} else {
			buf_putc(b, '$');
		}
	}
}

/* Advances past an empty match without splitting a UTF-8 sequence. */
static size_t next_offset(const char *s, size_t len, size_t at)
{
	if (at >= len)
		return len + 1;
	at++;
	while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

char *sh_regex_replace(sh_regex *re, const char *subject, const char *replacement)
{
	sh_buf b = {0};
	subject = subject ? subject : "";
	size_t len = strlen(subject), pos = 0, copied = 0;
	while (pos <= len) {
		PCRE2_SIZE *ov = run_match(re, subject, len, pos, 0);
		if (!ov)
			break;
		size_t ms = ov[0], me = ov[1];
		PCRE2_SIZE saved[2 * 257];
		size_t nov = 2 * ((size_t)re->ngroups + 1);
		if (nov > sizeof saved / sizeof *saved)
			nov = sizeof saved / sizeof *saved;
		memcpy(saved, ov, nov * sizeof *ov);
		buf_putn(&b, subject + copied, ms - copied);
		substitute(&b, re, subject, len, saved, replacement ? replacement : "");
		copied = me;
		pos = me > ms ? me : next_offset(subject, len, me);
		if (me == ms && ms < len) {
			/* an empty match: keep the character we step over */
			buf_putn(&b, subject + ms, pos - ms);
			copied = pos;
		}
	}
	if (copied < len)
		buf_putn(&b, subject + copied, len - copied);
	return buf_detach(&b);
}

/* Regex.Split: pieces between matches, with captured groups in between;
 * max > 0 limits the number of pieces. */
static void regex_split(sh_regex *re, const char *subject, long max, sh_value *out)
{
	size_t len = strlen(subject), pos = 0, start = 0;
	long pieces = 1;
	while (pos <= len && (max <= 0 || pieces < max)) {
		PCRE2_SIZE *ov = run_match(re, subject, len, pos, 0);
		if (!ov)
			break;
		size_t ms = ov[0], me = ov[1];
		if (me == ms) {
			/* .NET skips empty matches at the very start and at the end */
			if (ms == 0 || ms >= len) {
				pos = next_offset(subject, len, ms);
				continue;
			}
		}
		sh_array_append(out, sh_string_n(subject + start, ms - start));
		pieces++;
		for (uint32_t g = 1; g <= re->ngroups; g++)
			if (ov[2 * g] != PCRE2_UNSET)
				sh_array_append(out, sh_string_n(subject + ov[2 * g],
				                                 ov[2 * g + 1] - ov[2 * g]));
		start = me;
		pos = me > ms ? me : next_offset(subject, len, me);
	}
	sh_array_append(out, sh_string_n(subject + start, len - start));
}

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

static int no_op_method(const sh_value *left, const char *method, char **error)
{
	return fail(error, xasprintf("Method invocation failed because [%s] does not contain a "
	                             "method named '%s'.",
	                             sh_type_name(left), method));
}

static const char *op_method_name(sh_binop op)
{
	switch (op) {
	case SH_OP_ADD:
		return "op_Addition";
	case SH_OP_SUB:
		return "op_Subtraction";
	case SH_OP_MUL:
		return "op_Multiply";
	case SH_OP_DIV:
		return "op_Division";
	default:
		return "op_Modulus";
	}
}

/* A value as a number for arithmetic: strings parse, $null is 0, bools are
 * 0/1. The type named in a failure is the one the left side asked for. */
static int to_number(const sh_value *v, const char *want_type, sh_value **out, char **error)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		*out = sh_int(0);
		return 0;
	case SH_BOOL:
		*out = sh_int(sh_bool_of(v));
		return 0;
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
		*out = sh_ref((sh_value *)v);
		return 0;
	case SH_STRING: {
		const char *s = sh_str(v);
		if (sh_is_char(v)) {
			*out = sh_int((int32_t)sh_char_of(v));
			return 0;
		}
		while (isspace((unsigned char)*s))
			s++;
		if (!*s) {
			*out = sh_int(0);
			return 0;
		}
		if (sh_parse_number(s, out))
			return 0;
		return fail(error, xasprintf("Cannot convert value \"%s\" to type \"%s\". Error: "
		                             "\"Input string was not in a correct format.\"",
		                             sh_str(v), want_type));
	}
	default: {
		char *s = sh_to_string(v);
		char *msg =
		    xasprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", s,
		              sh_type_name(v), want_type);
		free(s);
		return fail(error, msg);
	}
	}
}

static bool both_integral(const sh_value *a, const sh_value *b)
{
	return sh_kind_of(a) != SH_DOUBLE && sh_kind_of(b) != SH_DOUBLE;
}

/* Integer result: Int32 when both inputs were Int32 and it fits, else
 * Int64. */
static sh_value *int_result(const sh_value *a, const sh_value *b, int64_t r)
{
	if (sh_kind_of(a) == SH_LONG || sh_kind_of(b) == SH_LONG)
		return sh_long(r);
	return sh_integer(r);
}

static int arith_numbers(sh_binop op, const sh_value *a, const sh_value *b, sh_value **out,
                         char **error)
{
	if (both_integral(a, b)) {
		int64_t x = sh_long_of(a), y = sh_long_of(b), r;
		switch (op) {
		case SH_OP_ADD:
			if (__builtin_add_overflow(x, y, &r))
				goto as_double;
			break;
		case SH_OP_SUB:
			if (__builtin_sub_overflow(x, y, &r))
				goto as_double;
			break;
		case SH_OP_MUL:
			if (__builtin_mul_overflow(x, y, &r))
				goto as_double;
			break;
		case SH_OP_DIV:
			if (y == 0)
				return fail(error, xstrdup("Attempted to divide by zero."));
			if (x == INT64_MIN && y == -1)
				goto as_double;
			if (x % y != 0) {
				*out = sh_double((double)x / (double)y);
				return 0;
			}
			r = x / y;
			break;
		case SH_OP_MOD:
			if (y == 0)
				return fail(error, xstrdup("Attempted to divide by zero."));
			r = (y == -1) ? 0 : x % y;
			break;
		default:
			return -1;
		}
		*out = int_result(a, b, r);
		return 0;
	}
as_double:;
	double x = sh_double_of(a), y = sh_double_of(b), r;
	switch (op) {
	case SH_OP_ADD:
		r = x + y;
		break;
	case SH_OP_SUB:
		r = x - y;
		break;
	case SH_OP_MUL:
		r = x * y;
		break;
	case SH_OP_DIV:
		if (y == 0)
			return fail(error, xstrdup("Attempted to divide by zero."));
		r = x / y;
		break;
	case SH_OP_MOD:
		if (y == 0)
			return fail(error, xstrdup("Attempted to divide by zero."));
		r = fmod(x, y);
		break;
	default:
		return -1;
	}
	*out = sh_double(r);
	return 0;
}

static const char *number_type_name(const sh_value *v)
{
	return sh_kind_of(v) == SH_NULL || sh_kind_of(v) == SH_BOOL ? "System.Int32"
	                                                            : sh_type_name(v);
}

static sh_value *flatten_append(sh_value *arr, sh_value *item)
{
	if (sh_kind_of(item) == SH_ARRAY) {
		for (size_t i = 0; i < sh_array_len(item); i++)
			sh_array_append(arr, sh_ref(sh_array_get(item, i)));
	} else {
		sh_array_append(arr, sh_ref(item));
	}
	return arr;
}

static int repeat_count(const sh_value *right, int64_t *n, char **error)
{
	sh_value *num = NULL;
	if (to_number(right, "System.Int32", &num, error) < 0)
		return -1;
	bool ok = sh_to_int64(num, n, error);
	sh_unref(num);
	if (!ok)
		return -1;
	if (*n < 0)
		*n = 0;
	return 0;
}

static int hashtable_add(sh_value *left, sh_value *right, sh_value **out, char **error)
{
	if (sh_kind_of(right) != SH_HASHTABLE)
		return fail(error,
		            xstrdup("A hash table can only be added to another hash table."));
	sh_value *h = sh_hash_new(sh_hash_is_ordered(left));
	for (size_t i = 0; i < sh_hash_len(left); i++)
		sh_hash_set(h, sh_hash_key_at(left, i), sh_ref(sh_hash_value_at(left, i)));
	for (size_t i = 0; i < sh_hash_len(right); i++) {
		sh_value *k = sh_hash_key_at(right, i);
		if (sh_hash_contains(h, k)) {
			char *ks = sh_to_string(k);
			char *msg =
			    xasprintf("Item has already been added. Key in dictionary: '%s'  "
			              "Key being added: '%s'",
			              ks, ks);
			free(ks);
			sh_unref(h);
			return fail(error, msg);
		}
		sh_hash_set(h, k, sh_ref(sh_hash_value_at(right, i)));
	}
	*out = h;
	return 0;
}

static int arithmetic(sh_binop op, sh_value *left, sh_value *right, sh_value **out, char **error)
{
	sh_kind lk = sh_kind_of(left);
	sh_value *a = NULL, *b = NULL;
	int rc;
	if (sh_is_char(left))
		lk = SH_INT; /* a [char] does arithmetic as its code point */
	switch (lk) {
	case SH_NULL:
		if (op == SH_OP_ADD) {
			*out = sh_ref(right);
			return 0;
		}
		if (op == SH_OP_MUL) {
			*out = NULL;
			return 0;
		}
		if (sh_kind_of(right) == SH_NULL) {
			if (op == SH_OP_SUB) {
				*out = sh_int(0);
				return 0;
			}
			return fail(error, xstrdup("Attempted to divide by zero."));
		}
		a = sh_int(0);
		if (to_number(right, "System.Int32", &b, error) < 0)
			return -1;
		break;
	case SH_STRING:
		if (op == SH_OP_ADD) {
			char *r = sh_to_string(right);
			sh_buf buf = {0};
			buf_putn(&buf, sh_str(left), sh_str_len(left));
			buf_puts(&buf, r);
			free(r);
			*out = sh_string_take(buf_detach(&buf));
			return 0;
		}
		if (op == SH_OP_MUL) {
			int64_t n;
			if (repeat_count(right, &n, error) < 0)
				return -1;
			sh_buf buf = {0};
			for (int64_t i = 0; i < n; i++)
				buf_putn(&buf, sh_str(left), sh_str_len(left));
			*out = sh_string_take(buf_detach(&buf));
			return 0;
		}
		/* no op_Subtraction on strings: PowerShell converts both to numbers */
		if (to_number(left, "System.Int32", &a, error) < 0)
			return -1;
		if (to_number(right, number_type_name(a), &b, error) < 0) {
			sh_unref(a);
			return -1;
		}
		break;
	case SH_ARRAY:
		if (op == SH_OP_ADD) {
			sh_value *arr = sh_array_copy(left);
			*out = flatten_append(arr, right);
			return 0;
		}
		if (op == SH_OP_MUL) {
			int64_t n;
			if (repeat_count(right, &n, error) < 0)
				return -1;
			sh_value *arr = sh_array_new(sh_array_len(left) * (size_t)n);
			for (int64_t i = 0; i < n; i++)
				flatten_append(arr, left);
			*out = arr;
			return 0;
		}
		return no_op_method(left, op_method_name(op), error);
	case SH_HASHTABLE:
		if (op == SH_OP_ADD)
			return hashtable_add(left, right, out, error);
		return no_op_method(left, op_method_name(op), error);
	case SH_DATETIME: {
		int64_t t = sh_ticks_of(left);
		if (op == SH_OP_SUB && sh_kind_of(right) == SH_DATETIME) {
			*out = sh_timespan(t - sh_ticks_of(right));
			return 0;
		}
		if ((op == SH_OP_ADD || op == SH_OP_SUB) && sh_kind_of(right) == SH_TIMESPAN) {
			int64_t d = sh_ticks_of(right);
			*out =
			    sh_datetime(op == SH_OP_ADD ? t + d : t - d, sh_datetime_kind_of(left));
			return 0;
		}
		if ((op == SH_OP_ADD || op == SH_OP_SUB) && sh_is_number(right)) {
			int64_t d;
			if (!sh_to_int64(right, &d, error))
				return -1;
			*out =
			    sh_datetime(op == SH_OP_ADD ? t + d : t - d, sh_datetime_kind_of(left));
			return 0;
		}
		return no_op_method(left, op_method_name(op), error);
	}
	case SH_TIMESPAN: {
		int64_t t = sh_ticks_of(left);
		if ((op == SH_OP_ADD || op == SH_OP_SUB) && sh_kind_of(right) == SH_TIMESPAN) {
			int64_t d = sh_ticks_of(right);
			*out = sh_timespan(op == SH_OP_ADD ? t + d : t - d);
			return 0;
		}
		if (op == SH_OP_ADD && sh_kind_of(right) == SH_DATETIME) {
			*out = sh_datetime(t + sh_ticks_of(right), sh_datetime_kind_of(right));
			return 0;
		}
		if ((op == SH_OP_MUL || op == SH_OP_DIV) && sh_is_number(right)) {
			double f = sh_double_of(right);
			if (op == SH_OP_DIV && f == 0)
				return fail(error, xstrdup("Attempted to divide by zero."));
			*out = sh_timespan((int64_t)llround(op == SH_OP_MUL ? t * f : t / f));
			return 0;
		}
		if (op == SH_OP_DIV && sh_kind_of(right) == SH_TIMESPAN) {
			if (sh_ticks_of(right) == 0)
				return fail(error, xstrdup("Attempted to divide by zero."));
			*out = sh_double((double)t / (double)sh_ticks_of(right));
			return 0;
		}
		return no_op_method(left, op_method_name(op), error);
	}
	case SH_BOOL:
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
		if (to_number(left, "System.Int32", &a, error) < 0)
			return -1;
		if (to_number(right, number_type_name(left), &b, error) < 0) {
			sh_unref(a);
			return -1;
		}
		break;
	default:
		return no_op_method(left, op_method_name(op), error);
	}
	rc = arith_numbers(op, a, b, out, error);
	sh_unref(a);
	sh_unref(b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* equality and ordering                                               */

/* Culture-like string ordering: alphabetical ignoring case; with
 * case_sensitive, lowercase sorts first when the strings differ only in
 * case. */
static int compare_strings(const char *a, const char *b, bool case_sensitive)
{
	int c = str_icmp(a, b);
	if (c)
		return c < 0 ? -1 : 1;
	if (!case_sensitive)
		return 0;
	for (; *a && *b; a++, b++) {
		if (*a == *b)
			continue;
		bool al = islower((unsigned char)*a);
		return al ? -1 : 1;
	}
	return 0;
}

static bool strings_equal(const char *a, const char *b, bool case_sensitive)
{
	return case_sensitive ? strcmp(a, b) == 0 : str_ieq(a, b);
}

static bool is_guid(const sh_value *v)
{
	return sh_kind_of(v) == SH_OBJECT && strcmp(sh_type_name(v), "System.Guid") == 0;
}

/* Numeric comparison: -1, 0, 1; NaN compares below everything like .NET's
 * CompareTo. */
static int compare_numbers(const sh_value *a, const sh_value *b)
{
	if (both_integral(a, b)) {
		int64_t x = sh_long_of(a), y = sh_long_of(b);
		return x < y ? -1 : x > y;
	}
	double x = sh_double_of(a), y = sh_double_of(b);
	if (isnan(x) || isnan(y))
		return isnan(x) ? (isnan(y) ? 0 : -1) : 1;
	return x < y ? -1 : x > y;
}

static bool number_of(const sh_value *v, sh_value **out)
{
	return to_number(v, "System.Int32", out, NULL) == 0;
}

bool sh_equals(const sh_value *a, const sh_value *b, bool case_sensitive)
{
	sh_kind ak = sh_kind_of(a), bk = sh_kind_of(b);
	if (ak == SH_NULL || bk == SH_NULL)
		return ak == bk;
	switch (ak) {
	case SH_STRING:
	case SH_SECURESTRING: {
		if (ak == SH_SECURESTRING)
			return a == b;
		if (sh_is_char(a) && sh_is_number(b))
			return (double)sh_char_of(a) == sh_double_of(b);
		char *s = sh_to_string(b);
		bool eq = strings_equal(sh_str(a), s, case_sensitive);
		free(s);
		return eq;
	}
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE: {
		if (bk == SH_ARRAY || bk == SH_HASHTABLE || bk == SH_OBJECT)
			return false;
		sh_value *n = NULL;
		if (!number_of(b, &n))
			return false;
		bool eq = compare_numbers(a, n) == 0 && !(isnan(sh_double_of(a)));
		sh_unref(n);
		return eq;
	}
	case SH_BOOL:
		return sh_bool_of(a) == sh_to_bool(b);
	case SH_DATETIME:
	case SH_TIMESPAN: {
		if (bk == ak)
			return sh_ticks_of(a) == sh_ticks_of(b);
		sh_value *c = NULL;
		sh_type t = {ak == SH_DATETIME ? SH_T_DATETIME : SH_T_TIMESPAN, false,
		             ak == SH_DATETIME ? "System.DateTime" : "System.TimeSpan"};
		if (bk != SH_STRING || sh_convert(b, t, &c, NULL) < 0)
			return false;
		bool eq = sh_ticks_of(c) == sh_ticks_of(a);
		sh_unref(c);
		return eq;
	}
	case SH_TYPE: {
		if (bk == SH_TYPE)
			return sh_type_of_typevalue(a).id == sh_type_of_typevalue(b).id &&
			       sh_type_of_typevalue(a).is_array ==
			           sh_type_of_typevalue(b).is_array &&
			       str_ieq(sh_type_of_typevalue(a).name, sh_type_of_typevalue(b).name);
		if (bk == SH_STRING) {
			sh_type t;
			sh_type_lookup(sh_str(b), &t);
			return str_ieq(t.name, sh_type_of_typevalue(a).name);
		}
		return false;
	}
	case SH_OBJECT:
		if (a == b)
			return true;
		if (is_guid(a) && (is_guid(b) || bk == SH_STRING)) {
			char *x = sh_to_string(a), *y = sh_to_string(b);
			bool eq = str_ieq(x, y);
			free(x);
			free(y);
			return eq;
		}
		return false;
	default:
		return a == b;
	}
}

int sh_compare(const sh_value *a, const sh_value *b, bool case_sensitive, bool *ok)
{
	sh_kind ak = sh_kind_of(a), bk = sh_kind_of(b);
	if (ok)
		*ok = true;
	if (ak == SH_NULL || bk == SH_NULL) {
		if (ak == bk)
			return 0;
		return ak == SH_NULL ? -1 : 1;
	}
	switch (ak) {
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE: {
		sh_value *n = NULL;
		if (bk != SH_ARRAY && bk != SH_HASHTABLE && bk != SH_OBJECT && number_of(b, &n)) {
			int c = compare_numbers(a, n);
			sh_unref(n);
			return c;
		}
		break;
	}
	case SH_STRING: {
		char *s = sh_to_string(b);
		int c = compare_strings(sh_str(a), s, case_sensitive);
		free(s);
		return c;
	}
	case SH_BOOL:
		return (int)sh_bool_of(a) - (int)sh_to_bool(b);
	case SH_DATETIME:
	case SH_TIMESPAN: {
		int64_t y;
		if (bk == ak) {
			y = sh_ticks_of(b);
		} else {
			sh_value *c = NULL;
			sh_type t = {ak == SH_DATETIME ? SH_T_DATETIME : SH_T_TIMESPAN, false,
			             ak == SH_DATETIME ? "System.DateTime" : "System.TimeSpan"};
			if (sh_convert(b, t, &c, NULL) < 0)
				break;
			y = sh_ticks_of(c);
			sh_unref(c);
		}
		int64_t x = sh_ticks_of(a);
		return x < y ? -1 : x > y;
	}
	default:
		break;
	}
	if (ok)
		*ok = false;
	char *x = sh_to_string(a), *y = sh_to_string(b);
	int c = compare_strings(x, y, case_sensitive);
	free(x);
	free(y);
	return c;
}

/* ------------------------------------------------------------------ */
/* comparison operators                                                */

static bool is_scalar_comparison(sh_binop op)
{
	switch (op) {
	case SH_OP_EQ:
	case SH_OP_NE:
	case SH_OP_GT:
	case SH_OP_GE:
	case SH_OP_LT:
	case SH_OP_LE:
	case SH_OP_LIKE:
	case SH_OP_NOTLIKE:
	case SH_OP_MATCH:
	case SH_OP_NOTMATCH:
		return true;
	default:
		return false;
	}
}

static int compare_error(const sh_value *a, const sh_value *b, char **error)
{
	char *x = sh_to_string(b);
	char *msg = xasprintf("Cannot compare \"%s\" because it is not IComparable.", x);
	(void)a;
	free(x);
	return fail(error, msg);
}

/* One scalar comparison; *result is the boolean. */
static int compare_scalar(sh_binop op, bool cs, sh_value *left, sh_value *right, bool *result,
                          sh_value **matches, char **error)
{
	switch (op) {
	case SH_OP_EQ:
		*result = sh_equals(left, right, cs);
		return 0;
	case SH_OP_NE:
		*result = !sh_equals(left, right, cs);
		return 0;
	case SH_OP_GT:
	case SH_OP_GE:
	case SH_OP_LT:
	case SH_OP_LE: {
		bool ok;
		sh_kind lk = sh_kind_of(left);
		if (lk == SH_OBJECT || lk == SH_HASHTABLE || lk == SH_SCRIPTBLOCK)
			return compare_error(right, left, error);
		int c = sh_compare(left, right, cs, &ok);
		if (!ok && sh_is_number(left) && sh_kind_of(right) != SH_NULL) {
			char *s = sh_to_string(right);
			char *msg = xasprintf("Cannot convert value \"%s\" to type \"%s\". Error: "
			                      "\"Input string was not in a correct format.\"",
			                      s, sh_type_name(left));
			free(s);
			return fail(error, msg);
		}
		/* $null sorts below everything, yet $null -gt $x is false both ways
		   only when both are null */
		*result = op == SH_OP_GT   ? c > 0
		          : op == SH_OP_GE ? c >= 0
		          : op == SH_OP_LT ? c < 0
		                           : c <= 0;
		return 0;
	}
	case SH_OP_LIKE:
	case SH_OP_NOTLIKE: {
		char *s = sh_to_string(left), *p = sh_to_string(right);
		bool m = sh_wildcard_match(p, s, !cs);
		free(s);
		free(p);
		*result = op == SH_OP_LIKE ? m : !m;
		return 0;
	}
	case SH_OP_MATCH:
	case SH_OP_NOTMATCH: {
		char *p = sh_to_string(right);
		sh_regex *re = sh_regex_get(p, cs, error);
		free(p);
		if (!re)
			return -1;
		char *s = sh_to_string(left);
		sh_value *groups = NULL;
		bool m = sh_regex_match(re, s, matches ? &groups : NULL);
		free(s);
		if (m && matches && op == SH_OP_MATCH) {
			sh_unref(*matches);
			*matches = groups;
		} else {
			sh_unref(groups);
		}
		*result = op == SH_OP_MATCH ? m : !m;
		return 0;
	}
	default:
		return -1;
	}
}

static bool collection_contains(sh_value *coll, sh_value *item, bool cs)
{
	if (sh_kind_of(coll) != SH_ARRAY)
		return sh_equals(coll, item, cs);
	for (size_t i = 0; i < sh_array_len(coll); i++)
		if (sh_equals(sh_array_get(coll, i), item, cs))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* -replace, -split, -join, -f                                         */

static int replace_one(sh_value *item, sh_regex *re, const char *rep, sh_value **out)
{
	char *s = sh_to_string(item);
	char *r = sh_regex_replace(re, s, rep);
	free(s);
	*out = sh_string_take(r);
	return 0;
}

static int op_replace(bool cs, sh_value *left, sh_value *right, sh_value **out, char **error)
{
	sh_value *pat = right, *rep = NULL;
	if (sh_kind_of(right) == SH_ARRAY) {
		size_t n = sh_array_len(right);
		if (n > 2 || n == 0) {
			return fail(error,
			            xasprintf("The -replace operator allows only two elements to "
			                      "follow it, not %zu.",
			                      n));
		}
		pat = sh_array_get(right, 0);
		rep = n == 2 ? sh_array_get(right, 1) : NULL;
	}
	char *ps = sh_to_string(pat), *rs = sh_to_string(rep);
	sh_regex *re = sh_regex_get(ps, cs, error);
	free(ps);
	if (!re) {
		free(rs);
		return -1;
	}
	if (sh_kind_of(left) == SH_ARRAY) {
		sh_value *arr = sh_array_new(sh_array_len(left));
		for (size_t i = 0; i < sh_array_len(left); i++) {
			sh_value *r;
			replace_one(sh_array_get(left, i), re, rs, &r);
			sh_array_append(arr, r);
		}
		*out = arr;
	} else {
		replace_one(left, re, rs, out);
	}
	free(rs);
	return 0;
}

static void split_literal(const char *s, const char *sep, bool cs, long max, sh_value *out)
{
	size_t seplen = strlen(sep);
	long pieces = 1;
	const char *start = s, *p = s;
	if (!seplen) {
		sh_array_append(out, sh_string(s));
		return;
	}
	while (*p && (max <= 0 || pieces < max)) {
		bool hit = cs ? strncmp(p, sep, seplen) == 0 : strncasecmp(p, sep, seplen) == 0;
		if (hit) {
			sh_array_append(out, sh_string_n(start, (size_t)(p - start)));
			pieces++;
			p += seplen;
			start = p;
		} else {
			p++;
		}
	}
	sh_array_append(out, sh_string(start));
}

static int op_split(bool cs, sh_value *left, sh_value *right, sh_value **out, char **error)
{
	sh_value *pat = right;
	long max = 0;
	bool simple = false, multiline = false, singleline = false;
	if (sh_kind_of(right) == SH_ARRAY) {
		size_t n = sh_array_len(right);
		pat = sh_array_get(right, 0);
		if (n >= 2) {
			int64_t m;
			if (!sh_to_int64(sh_array_get(right, 1), &m, error))
				return -1;
			max = (long)m;
		}
		if (n >= 3) {
			char *opts = sh_to_string(sh_array_get(right, 2));
			for (char *tok = strtok(opts, ", "); tok; tok = strtok(NULL, ", ")) {
				if (str_ieq(tok, "SimpleMatch"))
					simple = true;
				else if (str_ieq(tok, "IgnoreCase"))
					cs = false;
				else if (str_ieq(tok, "Multiline"))
					multiline = true;
				else if (str_ieq(tok, "Singleline"))
					singleline = true;
			}
			free(opts);
		}
	}
	char *ps = sh_to_string(pat);
	sh_regex *re = NULL;
	if (!simple) {
		char *full = ps;
		if (multiline || singleline)
			full =
			    xasprintf("(?%s%s)%s", multiline ? "m" : "", singleline ? "s" : "", ps);
		re = sh_regex_get(full, cs, error);
		if (full != ps)
			free(full);
		if (!re) {
			free(ps);
			return -1;
		}
	}
	sh_value *arr = sh_array_new(4);
	size_t n = sh_kind_of(left) == SH_ARRAY ? sh_array_len(left) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(left) == SH_ARRAY ? sh_array_get(left, i) : left;
		char *s = sh_to_string(item);
		if (simple)
			split_literal(s, ps, cs, max, arr);
		else
			regex_split(re, s, max, arr);
		free(s);
	}
	free(ps);
	*out = arr;
	return 0;
}

static char *join_values(sh_value *v, const char *sep)
{
	if (sh_kind_of(v) != SH_ARRAY)
		return sh_to_string(v);
	sh_buf b = {0};
	for (size_t i = 0; i < sh_array_len(v); i++) {
		if (i)
			buf_puts(&b, sep);
		char *s = sh_to_string(sh_array_get(v, i));
		buf_puts(&b, s);
		free(s);
	}
	return buf_detach(&b);
}

static int op_format(sh_value *left, sh_value *right, sh_value **out, char **error)
{
	char *fmt = sh_to_string(left);
	sh_value *single[1] = {right};
	sh_value *const *args = single;
	size_t nargs = 1;
	if (sh_kind_of(right) == SH_ARRAY) {
		args = sh_array_items(right);
		nargs = sh_array_len(right);
	}
	char *ferr = NULL;
	char *s = sh_format_composite(fmt, args, nargs, &ferr);
	free(fmt);
	if (!s) {
		char *msg = xasprintf("Error formatting a string: %s.", ferr);
		free(ferr);
		return fail(error, msg);
	}
	*out = sh_string_take(s);
	return 0;
}

static int type_operand(sh_value *right, sh_binop op, sh_type *t, char **error)
{
	if (sh_kind_of(right) == SH_TYPE) {
		*t = sh_type_of_typevalue(right);
		return 0;
	}
	if (sh_kind_of(right) == SH_STRING) {
		if (sh_type_lookup(sh_str(right), t))
			return 0;
		return fail(error, xasprintf("Unable to find type [%s].", sh_str(right)));
	}
	(void)op;
	return fail(error,
	            xstrdup("The right operand of '-is', '-isnot' or '-as' must be a type."));
}

static int bitwise(sh_binop op, sh_value *left, sh_value *right, sh_value **out, char **error)
{
	sh_value *a = NULL, *b = NULL;
	int64_t x, y;
	if (to_number(left, "System.Int32", &a, error) < 0)
		return -1;
	if (to_number(right, "System.Int32", &b, error) < 0) {
		sh_unref(a);
		return -1;
	}
	bool ok = sh_to_int64(a, &x, error) && sh_to_int64(b, &y, error);
	bool wide = sh_kind_of(a) != SH_INT || sh_kind_of(b) != SH_INT;
	if (op == SH_OP_SHL || op == SH_OP_SHR)
		wide = sh_kind_of(a) != SH_INT;
	sh_unref(a);
	sh_unref(b);
	if (!ok)
		return -1;
	int64_t r;
	switch (op) {
	case SH_OP_BAND:
		r = x & y;
		break;
	case SH_OP_BOR:
		r = x | y;
		break;
	case SH_OP_BXOR:
		r = x ^ y;
		break;
	case SH_OP_SHL:
		if (wide)
			r = (int64_t)((uint64_t)x << (y & 63));
		else
			r = (int32_t)((uint32_t)x << (y & 31));
		break;
	default:
		if (wide)
			r = x >> (y & 63);
		else
			r = (int32_t)x >> (y & 31);
		break;
	}
	*out = wide ? sh_long(r) : sh_int((int32_t)r);
	return 0;
}

static int range(sh_value *left, sh_value *right, sh_value **out, char **error)
{
	int64_t from, to;
	sh_value *a = NULL, *b = NULL;
	if (to_number(left, "System.Int32", &a, error) < 0)
		return -1;
	if (to_number(right, "System.Int32", &b, error) < 0) {
		sh_unref(a);
		return -1;
	}
	bool ok = sh_to_int64(a, &from, error) && sh_to_int64(b, &to, error);
	sh_unref(a);
	sh_unref(b);
	if (!ok)
		return -1;
	uint64_t count = (uint64_t)(from <= to ? to - from : from - to) + 1;
	sh_value *arr = sh_array_new((size_t)count);
	for (uint64_t i = 0; i < count; i++)
		sh_array_append(arr,
		                sh_integer(from <= to ? from + (int64_t)i : from - (int64_t)i));
	*out = arr;
	return 0;
}

int sh_binary(sh_binop op, bool case_sensitive, sh_value *left, sh_value *right, sh_value **out,
              sh_value **matches, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	switch (op) {
	case SH_OP_ADD:
	case SH_OP_SUB:
	case SH_OP_MUL:
	case SH_OP_DIV:
	case SH_OP_MOD:
		return arithmetic(op, left, right, out, error);
	case SH_OP_CONTAINS:
	case SH_OP_NOTCONTAINS: {
		bool c = collection_contains(left, right, case_sensitive);
		*out = sh_bool(op == SH_OP_CONTAINS ? c : !c);
		return 0;
	}
	case SH_OP_IN:
	case SH_OP_NOTIN: {
		bool c = collection_contains(right, left, case_sensitive);
		*out = sh_bool(op == SH_OP_IN ? c : !c);
		return 0;
	}
	case SH_OP_REPLACE:
		return op_replace(case_sensitive, left, right, out, error);
	case SH_OP_SPLIT:
		return op_split(case_sensitive, left, right, out, error);
	case SH_OP_JOIN: {
		char *sep = sh_to_string(right);
		*out = sh_string_take(join_values(left, sep));
		free(sep);
		return 0;
	}
	case SH_OP_IS:
	case SH_OP_ISNOT: {
		sh_type t;
		if (type_operand(right, op, &t, error) < 0)
			return -1;
		bool is = sh_value_is(left, t);
		*out = sh_bool(op == SH_OP_IS ? is : !is);
		return 0;
	}
	case SH_OP_AS: {
		sh_type t;
		if (type_operand(right, op, &t, error) < 0)
			return -1;
		if (sh_convert(left, t, out, NULL) < 0)
			*out = NULL;
		return 0;
	}
	case SH_OP_AND:
		*out = sh_bool(sh_to_bool(left) && sh_to_bool(right));
		return 0;
	case SH_OP_OR:
		*out = sh_bool(sh_to_bool(left) || sh_to_bool(right));
		return 0;
	case SH_OP_XOR:
		*out = sh_bool(sh_to_bool(left) != sh_to_bool(right));
		return 0;
	case SH_OP_BAND:
	case SH_OP_BOR:
	case SH_OP_BXOR:
	case SH_OP_SHL:
	case SH_OP_SHR:
		return bitwise(op, left, right, out, error);
	case SH_OP_FORMAT:
		return op_format(left, right, out, error);
	case SH_OP_RANGE:
		return range(left, right, out, error);
	default:
		break;
	}
	if (!is_scalar_comparison(op))
		return fail(error, xstrdup("The operator is not supported."));
	if (sh_kind_of(left) == SH_ARRAY) {
		sh_value *arr = sh_array_new(0);
		for (size_t i = 0; i < sh_array_len(left); i++) {
			bool r;
			sh_value *item = sh_array_get(left, i);
			if (compare_scalar(op, case_sensitive, item, right, &r, NULL, error) < 0) {
				sh_unref(arr);
				return -1;
			}
			if (r)
				sh_array_append(arr, sh_ref(item));
		}
		*out = arr;
		return 0;
	}
	bool r;
	if (compare_scalar(op, case_sensitive, left, right, &r, matches, error) < 0)
		return -1;
	*out = sh_bool(r);
	return 0;
}

int sh_unary(sh_unop op, sh_value *operand, sh_value **out, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	switch (op) {
	case SH_UOP_NEG:
	case SH_UOP_PLUS: {
		sh_value *n = NULL;
		if (to_number(operand, "System.Int32", &n, NULL) < 0) {
			if (op == SH_UOP_NEG)
				return no_op_method(operand, "op_UnaryNegation", error);
			*out = sh_ref(operand);
			return 0;
		}
		if (op == SH_UOP_PLUS) {
			*out = n;
			return 0;
		}
		sh_value *zero = sh_int(0);
		int rc = arith_numbers(SH_OP_SUB, zero, n, out, error);
		if (rc == 0 && sh_kind_of(n) == SH_LONG && sh_kind_of(*out) == SH_INT) {
			int64_t v = sh_long_of(*out);
			sh_unref(*out);
			*out = sh_long(v);
		}
		if (rc == 0 && sh_kind_of(n) == SH_DOUBLE && sh_double_of(n) == 0) {
			sh_unref(*out);
			*out = sh_double(-sh_double_of(n));
		}
		sh_unref(n);
		return rc;
	}
	case SH_UOP_NOT:
		*out = sh_bool(!sh_to_bool(operand));
		return 0;
	case SH_UOP_BNOT: {
		sh_value *n = NULL;
		int64_t v;
		if (to_number(operand, "System.Int32", &n, error) < 0)
			return -1;
		bool wide = sh_kind_of(n) != SH_INT;
		bool ok = sh_to_int64(n, &v, error);
		sh_unref(n);
		if (!ok)
			return -1;
		*out = wide ? sh_long(~v) : sh_int(~(int32_t)v);
		return 0;
	}
	case SH_UOP_SPLIT: {
		sh_value *arr = sh_array_new(4);
		size_t n = sh_kind_of(operand) == SH_ARRAY ? sh_array_len(operand) : 1;
		for (size_t i = 0; i < n; i++) {
			sh_value *item =
			    sh_kind_of(operand) == SH_ARRAY ? sh_array_get(operand, i) : operand;
			char *s = sh_to_string(item);
			const char *p = s;
			while (*p) {
				while (*p && isspace((unsigned char)*p))
					p++;
				const char *start = p;
				while (*p && !isspace((unsigned char)*p))
					p++;
				if (p > start)
					sh_array_append(arr,
					                sh_string_n(start, (size_t)(p - start)));
			}
			free(s);
		}
		*out = arr;
		return 0;
	}
	case SH_UOP_JOIN:
		*out = sh_string_take(join_values(operand, ""));
		return 0;
	case SH_UOP_COMMA:
		*out = sh_array_new(1);
		sh_array_append(*out, sh_ref(operand));
		return 0;
	}
	return fail(error, xstrdup("The operator is not supported."));
}
