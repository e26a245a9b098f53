/*
 * lexer.c - PowerShell's tokens, scanned on demand in the parser's mode.
 *
 * PowerShell cannot be tokenized ahead of parsing: the same characters
 * mean different things in expression mode (`-eq` is an operator, `5`
 * a number, `a` an error) and in command mode (`-eq` is a parameter,
 * `5abc` and `192.168.1.0/24` are bare words, `$x/file` one expandable
 * word). So the parser asks for "the token here, in this mode", and the
 * lexer scans it from the raw text. A one-token cache keyed by position
 * and mode makes repeated peeks free; moving the position or changing
 * the mode rescans, which costs only that token.
 *
 * Strings and bare words may embed `$( ... )` subexpressions, which are
 * full statement lists: the lexer hands those to the parser
 * (sh_parse_embedded_subexpr) and builds the string's parts from the
 * returned nodes. Since a string can be peeked in several modes, and
 * strings nest inside subexpressions inside strings, each such string is
 * remembered by its start offset (the memo) and scanned only once;
 * otherwise nesting would cost exponential time.
 *
 * Positions: every node gets its 1-based line and column (in code points,
 * as PowerShell counts characters) from tables built once per parse, so
 * computing a position is a binary search plus at most 64 bytes of
 * counting, whatever the length of the line.
 *
 * Quotes and dashes typed by word processors (U+2018-U+201E, U+2013-U+2015)
 * are treated like their ASCII counterparts, as PowerShell does.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "util.h"

#define AT(p, i) sh_lex_char((p), (i))

/* ---- set-up ---- */

typedef struct memo_entry {
	uint32_t key; /* start offset + 1; 0 = empty */
	uint8_t kind;
	sh_node *node;
	uint32_t end;
	const char *text;
	bool plain;
} memo_entry;

struct sh_memo {
	memo_entry *slots;
	size_t cap, count;
};

void sh_lex_init(sh_parser *p, const char *src, uint32_t len, sh_arena *arena)
{
	memset(p, 0, sizeof *p);
	p->src = src;
	p->len = len;
	p->arena = arena;
	size_t cap = 64;
	p->line_starts = xmalloc(cap * sizeof *p->line_starts);
	p->line_starts[0] = 0;
	p->nlines = 1;
	for (uint32_t i = 0; i < len; i++) {
		bool nl =
		    src[i] == '\n' || (src[i] == '\r' && (i + 1 >= len || src[i + 1] != '\n'));
		if (nl)
			VEC_PUSH(p->line_starts, p->nlines, cap, i + 1);
	}
	size_t nmarks = len / 64 + 2;
	p->cp_marks = xmalloc(nmarks * sizeof *p->cp_marks);
	uint32_t count = 0;
	for (size_t m = 0; m < nmarks; m++) {
		p->cp_marks[m] = count;
		for (uint32_t i = (uint32_t)(m * 64); i < (m + 1) * 64 && i < len; i++)
			if (((unsigned char)src[i] & 0xC0) != 0x80)
				count++;
	}
	p->memo = xcalloc(1, sizeof(sh_memo));
}

void sh_lex_cleanup(sh_parser *p)
{
	free(p->line_starts);
	free(p->cp_marks);
	if (p->memo)
		free(p->memo->slots);
	free(p->memo);
	p->line_starts = NULL;
	p->cp_marks = NULL;
	p->memo = NULL;
}

/* Code points in src[0, offset). */
static uint32_t cp_before(const sh_parser *p, uint32_t offset)
{
	uint32_t m = offset / 64;
	uint32_t n = p->cp_marks[m];
	for (uint32_t i = m * 64; i < offset; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void sh_parser_position(const sh_parser *p, uint32_t offset, uint32_t *line, uint32_t *column)
{
	if (offset > p->len)
		offset = p->len;
	size_t lo = 0, hi = p->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (p->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (uint32_t)lo + 1;
	*column = cp_before(p, offset) - cp_before(p, p->line_starts[lo]) + 1;
}

_Noreturn void sh_parser_fail(sh_parser *p, uint32_t offset, uint32_t length, bool incomplete,
                              const char *error_id, const char *fmt, ...)
{
	sh_parse_error *e = p->error;
	if (offset > p->len)
		offset = p->len;
	if (offset + (uint64_t)length > p->len)
		length = p->len - offset;
	if (length == 0 && offset < p->len)
		length = 1;
	sh_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	e->message = buf_detach(&b);
	e->error_id = xstrdup(error_id);
	e->offset = offset;
	e->length = length;
	sh_parser_position(p, offset, &e->line, &e->column);
	e->incomplete = incomplete;
	longjmp(*p->on_error, 1);
}

sh_node *sh_node_new(sh_parser *p, sh_node_kind kind, uint32_t start, uint32_t end)
{
	sh_node *n = sh_arena_alloc(p->arena, sizeof *n);
	n->kind = kind;
	n->start = start;
	n->end = end;
	sh_parser_position(p, start, &n->line, &n->column);
	return n;
}

sh_node *sh_const_node(sh_parser *p, sh_value *v, uint32_t start, uint32_t end)
{
	sh_node *n = sh_node_new(p, N_CONSTANT, start, end);
	sh_arena_keep(p->arena, v);
	n->u.constant.value = v;
	return n;
}

/* ---- arena-backed growable text and node vectors ---- */

typedef struct abuf {
	char *data;
	size_t len, cap;
} abuf;

static void ab_reserve(sh_parser *p, abuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 32;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *d = sh_arena_alloc(p->arena, cap);
	if (b->len)
		memcpy(d, b->data, b->len);
	b->data = d;
	b->cap = cap;
}

static void ab_putn(sh_parser *p, abuf *b, const char *s, size_t n)
{
	ab_reserve(p, b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void ab_putc(sh_parser *p, abuf *b, char c)
{
	ab_putn(p, b, &c, 1);
}

static void ab_put_utf8(sh_parser *p, abuf *b, uint32_t cp)
{
	char s[4];
	size_t n;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ab_putn(p, b, s, n);
}

static const char *ab_str(sh_parser *p, abuf *b)
{
	ab_reserve(p, b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

typedef struct nvec {
	sh_node **items;
	size_t len, cap;
} nvec;

static void nv_push(sh_parser *p, nvec *v, sh_node *n)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4;
		sh_node **items = sh_arena_alloc(p->arena, cap * sizeof *items);
		if (v->len)
			memcpy(items, v->items, v->len * sizeof *items);
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = n;
}

/* ---- characters ---- */

enum special { SP_NONE, SP_SQUOTE, SP_DQUOTE, SP_DASH, SP_BLANK };

static int special_at(const sh_parser *p, uint32_t i, uint32_t *n)
{
	unsigned char c = AT(p, i);
	*n = 1;
	if (c == 0xE2 && AT(p, i + 1) == 0x80 && i + 2 < p->len) {
		unsigned char d = AT(p, i + 2);
		*n = 3;
		if (d >= 0x98 && d <= 0x9B)
			return SP_SQUOTE;
		if (d >= 0x9C && d <= 0x9E)
			return SP_DQUOTE;
		if (d >= 0x93 && d <= 0x95)
			return SP_DASH;
		*n = 1;
	}
	if (c == 0xC2 && AT(p, i + 1) == 0xA0) {
		*n = 2;
		return SP_BLANK;
	}
	return SP_NONE;
}

static uint32_t squote_at(const sh_parser *p, uint32_t i)
{
	uint32_t n;
	if (AT(p, i) == '\'' && i < p->len)
		return 1;
	return special_at(p, i, &n) == SP_SQUOTE ? n : 0;
}

static uint32_t dquote_at(const sh_parser *p, uint32_t i)
{
	uint32_t n;
	if (AT(p, i) == '"' && i < p->len)
		return 1;
	return special_at(p, i, &n) == SP_DQUOTE ? n : 0;
}

static uint32_t dash_at(const sh_parser *p, uint32_t i)
{
	uint32_t n;
	if (AT(p, i) == '-' && i < p->len)
		return 1;
	return special_at(p, i, &n) == SP_DASH ? n : 0;
}

static uint32_t blank_at(const sh_parser *p, uint32_t i)
{
	uint32_t n;
	unsigned char c = AT(p, i);
	if (i >= p->len)
		return 0;
	if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
		return 1;
	return special_at(p, i, &n) == SP_BLANK ? n : 0;
}

static uint32_t newline_at(const sh_parser *p, uint32_t i)
{
	if (i >= p->len)
		return 0;
	if (p->src[i] == '\n')
		return 1;
	if (p->src[i] == '\r')
		return AT(p, i + 1) == '\n' && i + 1 < p->len ? 2 : 1;
	return 0;
}

/* Bytes of the (possibly invalid) UTF-8 character at i. */
static uint32_t char_len(const sh_parser *p, uint32_t i)
{
	unsigned char c = AT(p, i);
	uint32_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
	for (uint32_t k = 1; k < n; k++)
		if (i + k >= p->len || (AT(p, i + k) & 0xC0) != 0x80)
			return 1;
	return n;
}

uint32_t sh_lex_ident_char(const sh_parser *p, uint32_t i)
{
	if (i >= p->len)
		return 0;
	unsigned char c = p->src[i];
	if (isalnum(c) || c == '_')
		return 1;
	if (c < 0xC0)
		return 0;
	uint32_t n;
	if (special_at(p, i, &n) != SP_NONE)
		return 0;
	/* General punctuation (U+2000-U+206F) is not part of names. */
	if (c == 0xE2 && AT(p, i + 1) >= 0x80 && AT(p, i + 1) <= 0x81)
		return 0;
	return char_len(p, i);
}

/* Ends a bare word (and validates a number in argument mode). */
static bool word_end(const sh_parser *p, uint32_t i)
{
	if (i >= p->len)
		return true;
	switch (p->src[i]) {
	case ' ':
	case '\t':
	case '\f':
	case '\v':
	case '\r':
	case '\n':
	case ';':
	case '|':
	case '&':
	case '(':
	case ')':
	case '{':
	case '}':
	case ',':
	case '>':
	case '<':
		return true;
	case '`':
		return newline_at(p, i + 1) > 0;
	}
	return blank_at(p, i) > 0;
}

_Noreturn static void fail_backtick_eof(sh_parser *p, uint32_t i)
{
	sh_parser_fail(p, i, 1, true, "UnexpectedToken",
	               "Unexpected token '`' in expression or statement.");
}

uint32_t sh_lex_skip_blanks(sh_parser *p, uint32_t i)
{
	for (;;) {
		uint32_t n = blank_at(p, i);
		if (n) {
			i += n;
			continue;
		}
		unsigned char c = AT(p, i);
		if (i >= p->len)
			return i;
		if (c == '`') {
			uint32_t nl = newline_at(p, i + 1);
			if (nl) {
				i += 1 + nl;
				continue;
			}
			if (i + 1 >= p->len)
				fail_backtick_eof(p, i);
			return i;
		}
		if (c == '#') {
			while (i < p->len && p->src[i] != '\n' && p->src[i] != '\r')
				i++;
			continue;
		}
		if (c == '<' && AT(p, i + 1) == '#') {
			const char *end = NULL;
			for (uint32_t k = i + 2; k + 1 < p->len; k++)
				if (p->src[k] == '#' && p->src[k + 1] == '>') {
					end = p->src + k;
					break;
				}
			if (!end)
				sh_parser_fail(
				    p, p->len, 0, true, "MissingTerminatorMultiLineComment",
				    "The terminator '#>' is missing from the multiline comment.");
			i = (uint32_t)(end - p->src) + 2;
			continue;
		}
		return i;
	}
}

/* ---- operators ---- */

static const struct opdef {
	const char *name;
	int binop; /* -1: none */
	int unop;  /* -1: none */
	int prec;
	bool case_variants; /* -cX and -iX exist */
} op_table[] = {
    {"eq", SH_OP_EQ, -1, 3, true},
    {"ne", SH_OP_NE, -1, 3, true},
    {"gt", SH_OP_GT, -1, 3, true},
    {"ge", SH_OP_GE, -1, 3, true},
    {"lt", SH_OP_LT, -1, 3, true},
    {"le", SH_OP_LE, -1, 3, true},
    {"like", SH_OP_LIKE, -1, 3, true},
    {"notlike", SH_OP_NOTLIKE, -1, 3, true},
    {"match", SH_OP_MATCH, -1, 3, true},
    {"notmatch", SH_OP_NOTMATCH, -1, 3, true},
    {"contains", SH_OP_CONTAINS, -1, 3, true},
    {"notcontains", SH_OP_NOTCONTAINS, -1, 3, true},
    {"in", SH_OP_IN, -1, 3, true},
    {"notin", SH_OP_NOTIN, -1, 3, true},
    {"replace", SH_OP_REPLACE, -1, 3, true},
    {"split", SH_OP_SPLIT, SH_UOP_SPLIT, 3, true},
    {"join", SH_OP_JOIN, SH_UOP_JOIN, 3, false},
    {"is", SH_OP_IS, -1, 3, false},
    {"isnot", SH_OP_ISNOT, -1, 3, false},
    {"as", SH_OP_AS, -1, 3, false},
    {"shl", SH_OP_SHL, -1, 3, false},
    {"shr", SH_OP_SHR, -1, 3, false},
    {"and", SH_OP_AND, -1, 1, false},
    {"or", SH_OP_OR, -1, 1, false},
    {"xor", SH_OP_XOR, -1, 1, false},
    {"band", SH_OP_BAND, -1, 2, false},
    {"bor", SH_OP_BOR, -1, 2, false},
    {"bxor", SH_OP_BXOR, -1, 2, false},
    {"f", SH_OP_FORMAT, -1, 6, false},
    {"not", -1, SH_UOP_NOT, 0, false},
    {"bnot", -1, SH_UOP_BNOT, 0, false},
};

static bool op_match(const struct opdef *d, const char *w, size_t n)
{
	return strlen(d->name) == n && strncasecmp(d->name, w, n) == 0;
}

bool sh_lex_operator(const char *word, size_t n, sh_token *t)
{
	for (size_t pass = 0; pass < 2; pass++) {
		const char *w = word;
		size_t len = n;
		bool cs = false;
		if (pass == 1) {
			if (n < 2 || (tolower((unsigned char)word[0]) != 'c' &&
			              tolower((unsigned char)word[0]) != 'i'))
				return false;
			cs = tolower((unsigned char)word[0]) == 'c';
			w++;
			len--;
		}
		for (size_t i = 0; i < sizeof op_table / sizeof op_table[0]; i++) {
			const struct opdef *d = &op_table[i];
			if (!op_match(d, w, len) || (pass == 1 && !d->case_variants))
				continue;
			t->is_binary = d->binop >= 0;
			t->is_unary = d->unop >= 0;
			t->binop = d->binop;
			t->unop = d->unop;
			t->prec = d->prec;
			t->case_sensitive = cs;
			return true;
		}
	}
	return false;
}

/* ---- numbers ---- */

static int64_t multiplier_at(const sh_parser *p, uint32_t i)
{
	if ((AT(p, i + 1) | 0x20) != 'b')
		return 0;
	switch (AT(p, i) | 0x20) {
	case 'k':
		return 1LL << 10;
	case 'm':
		return 1LL << 20;
	case 'g':
		return 1LL << 30;
	case 't':
		return 1LL << 40;
	case 'p':
		return 1LL << 50;
	}
	return 0;
}

_Noreturn static void fail_bad_number(sh_parser *p, uint32_t start, uint32_t end)
{
	sh_parser_fail(p, start, end - start, false, "BadNumericConstant",
	               "The numeric constant %.*s is not valid.", (int)(end - start),
	               p->src + start);
}

/* Scans a number whose digits start at i; `start` is where the token
 * starts (a sign, if any). Returns the end, or 0 when the text is not a
 * number (no digits, or letters run on). */
static uint32_t scan_number(sh_parser *p, uint32_t start, uint32_t i, bool negative, sh_value **out)
{
	uint32_t j = i;
	bool hex = AT(p, i) == '0' && (AT(p, i + 1) | 0x20) == 'x' && isxdigit(AT(p, i + 2));
	bool has_frac = false, has_exp = false, suffix_l = false, suffix_d = false, over = false;
	uint64_t v = 0;
	uint32_t digits_end;
	if (hex) {
		j = i + 2;
		while (isxdigit(AT(p, j))) {
			unsigned char c = AT(p, j);
			int d = isdigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
			if (v >> 60)
				over = true;
			v = v * 16 + (uint64_t)d;
			j++;
		}
		digits_end = j;
	} else {
		bool any = false;
		while (isdigit(AT(p, j))) {
			unsigned d = AT(p, j) - '0';
			if (v > (UINT64_MAX - d) / 10)
				over = true;
			else
				v = v * 10 + d;
			j++;
			any = true;
		}
		if (AT(p, j) == '.' && isdigit(AT(p, j + 1))) {
			has_frac = true;
			j++;
			while (isdigit(AT(p, j)))
				j++;
			any = true;
		}
		if (!any)
			return 0;
		if ((AT(p, j) | 0x20) == 'e') {
			uint32_t k = j + 1;
			if (AT(p, k) == '+' || AT(p, k) == '-')
				k++;
			if (isdigit(AT(p, k))) {
				while (isdigit(AT(p, k)))
					k++;
				has_exp = true;
				j = k;
			}
		}
		digits_end = j;
	}
	if ((AT(p, j) | 0x20) == 'l' && j < p->len) {
		suffix_l = true;
		j++;
	} else if (!hex && (AT(p, j) | 0x20) == 'd' && j < p->len) {
		suffix_d = true;
		j++;
	}
	int64_t mult = multiplier_at(p, j);
	if (mult)
		j += 2;
	else
		mult = 1;
	if (sh_lex_ident_char(p, j))
		return 0;
	if (hex) {
		if (over)
			fail_bad_number(p, start, j);
		int64_t iv =
		    (!suffix_l && v <= 0xFFFFFFFFu) ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
		if (__builtin_mul_overflow(iv, mult, &iv)) {
			if (suffix_l)
				fail_bad_number(p, start, j);
			double d = (double)iv * (double)mult;
			*out = sh_double(negative ? -d : d);
			return j;
		}
		if (negative)
			iv = iv == INT64_MIN ? iv : -iv;
		*out = suffix_l ? sh_long(iv) : sh_integer(iv);
		return j;
	}
	bool real = has_frac || has_exp || suffix_d;
	if (!real && !over && v <= (uint64_t)INT64_MAX) {
		int64_t iv = (int64_t)v;
		if (!__builtin_mul_overflow(iv, mult, &iv)) {
			if (negative)
				iv = -iv;
			*out = suffix_l ? sh_long(iv) : sh_integer(iv);
			return j;
		}
	}
	char *text = sh_arena_strndup(p->arena, p->src + i, digits_end - i);
	double d = strtod(text, NULL) * (double)mult;
	if (negative)
		d = -d;
	if (suffix_l) {
		if (d != d || d < -9223372036854775808.0 || d >= 9223372036854775808.0 ||
		    d != (double)(int64_t)d)
			fail_bad_number(p, start, j);
		*out = sh_long((int64_t)d);
		return j;
	}
	*out = sh_double(d);
	return j;
}

/* ---- variables ---- */

static const char *const known_scopes[] = {"global", "script",   "local",    "private", "using",
                                           "env",    "variable", "function", "alias",   NULL};

static char *scope_name(sh_parser *p, const char *s, size_t n)
{
	for (size_t i = 0; known_scopes[i]; i++)
		if (strlen(known_scopes[i]) == n && strncasecmp(known_scopes[i], s, n) == 0)
			return (char *)known_scopes[i];
	return sh_arena_strndup(p->arena, s, n);
}

static bool all_letters(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

/* Scans the variable reference at i ('$' or '@'); false when no name follows. */
static bool scan_variable(sh_parser *p, uint32_t i, bool splat, sh_node **out, uint32_t *endp)
{
	uint32_t j = i + 1, end;
	const char *name = NULL, *scope = NULL;
	unsigned char c = AT(p, j);
	if (!splat && c == '{' && j < p->len) {
		abuf b = {0};
		uint32_t k = j + 1;
		for (;;) {
			if (k >= p->len)
				sh_parser_fail(
				    p, p->len, 0, true, "IncompleteDollarVariableReference",
				    "${variable} reference starting is missing the closing '}'.");
			if (p->src[k] == '}')
				break;
			if (p->src[k] == '`' && k + 1 < p->len) {
				uint32_t n = char_len(p, k + 1);
				ab_putn(p, &b, p->src + k + 1, n);
				k += 1 + n;
			} else {
				ab_putc(p, &b, p->src[k]);
				k++;
			}
		}
		end = k + 1;
		if (b.len == 0)
			sh_parser_fail(
			    p, i, end - i, false, "EmptyVariableReference",
			    "An empty ${} variable reference was found. A name is required "
			    "inside the braces.");
		const char *s = ab_str(p, &b);
		const char *colon = memchr(s, ':', b.len);
		if (colon && all_letters(s, (size_t)(colon - s)) && colon[1]) {
			scope = scope_name(p, s, (size_t)(colon - s));
			name = colon + 1;
		} else {
			name = s;
		}
	} else if (!splat && (c == '$' || c == '?' || c == '^') && j < p->len) {
		name = sh_arena_strndup(p->arena, p->src + j, 1);
		end = j + 1;
	} else if (sh_lex_ident_char(p, j)) {
		uint32_t k = j, n;
		while ((n = sh_lex_ident_char(p, k)))
			k += n;
		if (AT(p, k) == ':' && AT(p, k + 1) != ':' && k < p->len) {
			if (!sh_lex_ident_char(p, k + 1))
				sh_parser_fail(
				    p, i, k + 1 - i, false, "InvalidVariableReferenceWithDrive",
				    "Variable reference is not valid. ':' was not followed by a "
				    "valid variable name character. Consider using ${} to delimit "
				    "the name.");
			scope = scope_name(p, p->src + j, k - j);
			uint32_t m = k + 1;
			while ((n = sh_lex_ident_char(p, m)))
				m += n;
			name = sh_arena_strndup(p->arena, p->src + k + 1, m - k - 1);
			end = m;
		} else {
			name = sh_arena_strndup(p->arena, p->src + j, k - j);
			end = k;
		}
	} else {
		return false;
	}
	sh_node *n = sh_node_new(p, N_VARIABLE, i, end);
	n->u.variable.name = (char *)name;
	n->u.variable.scope = (char *)scope;
	n->u.variable.splat = splat;
	*out = n;
	*endp = end;
	return true;
}

/* ---- strings and bare words ---- */

enum xkind { X_DQUOTE = 1, X_HERE = 2, X_WORD = 3 };

typedef struct xstate {
	abuf lit;
	uint32_t lit_start;
	nvec parts;
	bool plain;
} xstate;

static void x_flush(sh_parser *p, xstate *x, uint32_t upto)
{
	if (x->lit.len) {
		sh_value *v = sh_string_n(x->lit.data, x->lit.len);
		nv_push(p, &x->parts, sh_const_node(p, v, x->lit_start, upto));
	}
	x->lit = (abuf){0};
}

/* Processes the backtick escape at i (a character follows); returns the
 * position after it. */
static uint32_t scan_escape(sh_parser *p, uint32_t i, abuf *b)
{
	unsigned char c = AT(p, i + 1);
	char e = 0;
	switch (c) {
	case '0':
		ab_putn(p, b, "", 1);
		return i + 2;
	case 'a':
		e = '\a';
		break;
	case 'b':
		e = '\b';
		break;
	case 'e':
		e = 0x1b;
		break;
	case 'f':
		e = '\f';
		break;
	case 'n':
		e = '\n';
		break;
	case 'r':
		e = '\r';
		break;
	case 't':
		e = '\t';
		break;
	case 'v':
		e = '\v';
		break;
	case 'u':
		if (AT(p, i + 2) == '{') {
			uint32_t j = i + 3;
			uint32_t cp = 0, ndig = 0;
			while (isxdigit(AT(p, j))) {
				unsigned char h = AT(p, j);
				if (ndig < 7)
					cp = cp * 16 + (uint32_t)(isdigit(h)
					                              ? h - '0'
					                              : (h | 0x20) - 'a' + 10);
				ndig++;
				j++;
			}
			if (ndig == 0)
				sh_parser_fail(
				    p, i, j - i, j >= p->len, "InvalidUnicodeEscapeSequence",
				    "The Unicode escape sequence is not valid. A valid sequence is "
				    "`u{ followed by one to six hex digits and a closing '}'.");
			if (ndig > 6)
				sh_parser_fail(
				    p, i, j - i, false, "TooManyDigitsInUnicodeEscapeSequence",
				    "The Unicode escape sequence contains more than the maximum of "
				    "six hex digits between braces.");
			if (AT(p, j) != '}' || j >= p->len)
				sh_parser_fail(
				    p, i, j - i, j >= p->len,
				    "MissingUnicodeEscapeSequenceTerminator",
				    "The Unicode escape sequence is missing the closing '}'.");
			if (cp > 0x10FFFF)
				sh_parser_fail(p, i, j + 1 - i, false,
				               "InvalidUnicodeEscapeSequenceValue",
				               "The Unicode escape sequence value is out of range. "
				               "The maximum "
				               "value is 0x10FFFF.");
			ab_put_utf8(p, b, cp);
			return j + 1;
		}
		e = 'u';
		break;
	default: {
		uint32_t n = char_len(p, i + 1);
		ab_putn(p, b, p->src + i + 1, n);
		return i + 1 + n;
	}
	}
	ab_putc(p, b, e);
	return i + 2;
}

/* The `$` at i inside a string or word: a variable or $( ) becomes a part;
 * anything else is a literal dollar. Returns the position after it. */
static uint32_t scan_dollar(sh_parser *p, xstate *x, uint32_t i)
{
	sh_node *n;
	uint32_t end;
	if (AT(p, i + 1) == '(' && i + 1 < p->len) {
		n = sh_parse_embedded_subexpr(p, i, &end);
	} else if (!scan_variable(p, i, false, &n, &end)) {
		if (!x->lit.len)
			x->lit_start = i;
		ab_putc(p, &x->lit, '$');
		return i + 1;
	}
	x_flush(p, x, i);
	nv_push(p, &x->parts, n);
	x->plain = false;
	x->lit_start = end;
	return end;
}

static void lit_put(sh_parser *p, xstate *x, uint32_t at, const char *s, size_t n)
{
	if (!x->lit.len)
		x->lit_start = at;
	ab_putn(p, &x->lit, s, n);
}

_Noreturn static void fail_unterminated(sh_parser *p, const char *terminator)
{
	sh_parser_fail(p, p->len, 0, true, "TerminatorExpectedAtEndOfString",
	               "The string is missing the terminator: %s.", terminator);
}

/* The body of a double-quoted string from i (after the opening quote);
 * returns the position after the closing quote. */
static uint32_t scan_dquoted_body(sh_parser *p, xstate *x, uint32_t i, uint32_t *close_at)
{
	for (;;) {
		if (i >= p->len)
			fail_unterminated(p, "\"");
		uint32_t q = dquote_at(p, i);
		if (q) {
			uint32_t q2 = dquote_at(p, i + q);
			if (q2) {
				lit_put(p, x, i, "\"", 1);
				i += q + q2;
				continue;
			}
			*close_at = i;
			return i + q;
		}
		unsigned char c = p->src[i];
		if (c == '`') {
			if (i + 1 >= p->len)
				fail_unterminated(p, "\"");
			if (!x->lit.len)
				x->lit_start = i;
			i = scan_escape(p, i, &x->lit);
		} else if (c == '$') {
			i = scan_dollar(p, x, i);
		} else {
			uint32_t n = char_len(p, i);
			lit_put(p, x, i, p->src + i, n);
			i += n;
		}
	}
}

static uint32_t scan_squoted_body(sh_parser *p, abuf *b, uint32_t i)
{
	for (;;) {
		if (i >= p->len)
			fail_unterminated(p, "'");
		uint32_t q = squote_at(p, i);
		if (q) {
			uint32_t q2 = squote_at(p, i + q);
			if (q2) {
				ab_putn(p, b, p->src + i + q, q2);
				i += q + q2;
				continue;
			}
			return i + q;
		}
		uint32_t n = char_len(p, i);
		ab_putn(p, b, p->src + i, n);
		i += n;
	}
}

/* Where a here-string's closing line starts after the newline at i, or 0. */
static uint32_t here_footer(const sh_parser *p, uint32_t i, bool expandable)
{
	uint32_t q = expandable ? dquote_at(p, i) : squote_at(p, i);
	return q && AT(p, i + q) == '@' && i + q < p->len ? q + 1 : 0;
}

static memo_entry *memo_find(sh_parser *p, uint32_t start, int kind, bool insert)
{
	sh_memo *m = p->memo;
	if (insert && (m->count + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		memo_entry *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < m->cap; i++) {
			memo_entry *e = &m->slots[i];
			if (!e->key)
				continue;
			size_t h = ((size_t)e->key * 2654435761u + e->kind) & (cap - 1);
			while (slots[h].key)
				h = (h + 1) & (cap - 1);
			slots[h] = *e;
		}
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	if (!m->cap)
		return NULL;
	uint32_t key = start + 1;
	size_t h = ((size_t)key * 2654435761u + (size_t)kind) & (m->cap - 1);
	while (m->slots[h].key) {
		if (m->slots[h].key == key && m->slots[h].kind == kind)
			return &m->slots[h];
		h = (h + 1) & (m->cap - 1);
	}
	if (!insert)
		return NULL;
	m->count++;
	m->slots[h].key = key;
	m->slots[h].kind = (uint8_t)kind;
	return &m->slots[h];
}

/* Scans an expandable string (kind X_DQUOTE from the opening quote,
 * X_HERE from the @, X_WORD from the word's first character) and fills the
 * token's node and end. Quoted sections inside a bare word are joined to
 * it, as in `a'b c'd`. */
static void scan_expandable(sh_parser *p, uint32_t start, int kind, sh_token *t)
{
	memo_entry *m = memo_find(p, start, kind, false);
	if (m) {
		t->node = m->node;
		t->end = m->end;
		t->text = m->text;
		t->plain = m->plain;
		return;
	}
	xstate x = {.plain = true};
	uint32_t i, raw_start, raw_end;
	if (kind == X_DQUOTE) {
		raw_start = start + dquote_at(p, start);
		i = scan_dquoted_body(p, &x, raw_start, &raw_end);
		x.plain = false;
	} else if (kind == X_HERE) {
		i = start + 1 + dquote_at(p, start + 1);
		while (blank_at(p, i))
			i += blank_at(p, i);
		if (i >= p->len)
			fail_unterminated(p, "\"@");
		uint32_t nl = newline_at(p, i);
		if (!nl)
			sh_parser_fail(
			    p, i, 1, false, "UnexpectedCharactersAfterHereStringHeader",
			    "No characters are allowed after a here-string header but before "
			    "the end of the line.");
		i += nl;
		raw_start = i;
		uint32_t f = here_footer(p, i, true);
		if (f) {
			raw_end = i;
			i += f;
		} else {
			for (;;) {
				if (i >= p->len)
					fail_unterminated(p, "\"@");
				uint32_t n = newline_at(p, i);
				if (n && (f = here_footer(p, i + n, true))) {
					raw_end = i;
					i += n + f;
					break;
				}
				if (n) {
					lit_put(p, &x, i, p->src + i, n);
					i += n;
				} else if (p->src[i] == '`') {
					if (i + 1 >= p->len)
						fail_unterminated(p, "\"@");
					if (!x.lit.len)
						x.lit_start = i;
					i = scan_escape(p, i, &x.lit);
				} else if (p->src[i] == '$') {
					i = scan_dollar(p, &x, i);
				} else {
					uint32_t c = char_len(p, i);
					lit_put(p, &x, i, p->src + i, c);
					i += c;
				}
			}
		}
		x.plain = false;
	} else {
		i = start;
		raw_start = start;
		while (!word_end(p, i)) {
			unsigned char c = p->src[i];
			uint32_t q;
			if (c == '`') {
				if (i + 1 >= p->len)
					fail_backtick_eof(p, i);
				if (!x.lit.len)
					x.lit_start = i;
				i = scan_escape(p, i, &x.lit);
				x.plain = false;
			} else if ((q = squote_at(p, i))) {
				if (!x.lit.len)
					x.lit_start = i;
				i = scan_squoted_body(p, &x.lit, i + q);
				x.plain = false;
			} else if ((q = dquote_at(p, i))) {
				uint32_t close;
				i = scan_dquoted_body(p, &x, i + q, &close);
				x.plain = false;
			} else if (c == '$') {
				i = scan_dollar(p, &x, i);
			} else {
				uint32_t n = char_len(p, i);
				lit_put(p, &x, i, p->src + i, n);
				i += n;
			}
		}
		raw_end = i;
	}
	sh_node *n;
	if (x.parts.len == 0) {
		const char *s = ab_str(p, &x.lit);
		n = sh_const_node(p, sh_string_n(s, x.lit.len), start, i);
		n->u.constant.is_bareword = kind == X_WORD;
		t->text = s;
	} else {
		x_flush(p, &x, kind == X_WORD ? i : raw_end);
		n = sh_node_new(p, N_EXPANDABLE_STRING, start, i);
		n->u.expandable.parts.items = x.parts.items;
		n->u.expandable.parts.len = x.parts.len;
		n->u.expandable.is_bareword = kind == X_WORD;
		n->u.expandable.raw = sh_arena_strndup(
		    p->arena, p->src + raw_start, raw_end > raw_start ? raw_end - raw_start : 0);
		x.plain = false;
	}
	t->node = n;
	t->end = i;
	t->plain = x.plain;
	bool nested = false;
	for (size_t k = 0; k < x.parts.len && !nested; k++)
		nested = x.parts.items[k]->kind == N_SUBEXPR;
	if (nested) {
		m = memo_find(p, start, kind, true);
		m->node = n;
		m->end = i;
		m->text = t->text;
		m->plain = t->plain;
	}
}

static void scan_verbatim(sh_parser *p, uint32_t start, sh_token *t)
{
	abuf b = {0};
	uint32_t i = scan_squoted_body(p, &b, start + squote_at(p, start));
	t->kind = TK_STRING;
	t->end = i;
	t->node = sh_const_node(p, sh_string_n(ab_str(p, &b), b.len), start, i);
}

static void scan_verbatim_here(sh_parser *p, uint32_t start, sh_token *t)
{
	uint32_t i = start + 1 + squote_at(p, start + 1);
	while (blank_at(p, i))
		i += blank_at(p, i);
	if (i >= p->len)
		fail_unterminated(p, "'@");
	uint32_t nl = newline_at(p, i);
	if (!nl)
		sh_parser_fail(
		    p, i, 1, false, "UnexpectedCharactersAfterHereStringHeader",
		    "No characters are allowed after a here-string header but before the "
		    "end of the line.");
	i += nl;
	uint32_t body = i, body_end, f;
	if ((f = here_footer(p, i, false))) {
		body_end = i;
		i += f;
	} else {
		for (;;) {
			if (i >= p->len)
				fail_unterminated(p, "'@");
			uint32_t n = newline_at(p, i);
			if (n && (f = here_footer(p, i + n, false))) {
				body_end = i;
				i += n + f;
				break;
			}
			i += n ? n : 1;
		}
	}
	t->kind = TK_STRING;
	t->end = i;
	t->node = sh_const_node(p, sh_string_n(p->src + body, body_end - body), start, i);
}

static void make_word(sh_parser *p, uint32_t start, sh_token *t)
{
	t->kind = TK_WORD;
	scan_expandable(p, start, X_WORD, t);
}

/* ---- redirections: > >> 2> 2>> 2>&1 *> *>&1 ... ---- */

static bool scan_redirection(sh_parser *p, uint32_t i, sh_token *t)
{
	uint32_t j = i;
	sh_redir_stream from = SH_STREAM_OUTPUT;
	unsigned char c = AT(p, j);
	if (c == '*') {
		from = SH_STREAM_ALL;
		j++;
	} else if (c >= '1' && c <= '6') {
		from = (sh_redir_stream)(c - '0');
		j++;
	}
	if (AT(p, j) != '>' || j >= p->len)
		return false;
	j++;
	t->kind = TK_REDIRECT;
	t->redir_from = from;
	if (AT(p, j) == '>') {
		t->redir_append = true;
		j++;
	} else if (AT(p, j) == '&' && AT(p, j + 1) >= '1' && AT(p, j + 1) <= '6') {
		t->redir_merge = (sh_redir_stream)(AT(p, j + 1) - '0');
		j += 2;
	}
	t->end = j;
	return true;
}

/* ---- the scanner ---- */

static void one(sh_token *t, sh_tok_kind k, uint32_t n)
{
	t->kind = k;
	t->end = t->start + n;
}

static void scan_parameter(sh_parser *p, uint32_t i, uint32_t dn, sh_token *t)
{
	uint32_t j = i + dn;
	while (!word_end(p, j) && p->src[j] != ':')
		j += char_len(p, j);
	t->kind = TK_PARAMETER;
	t->text = sh_arena_strndup(p->arena, p->src + i + dn, j - i - dn);
	if (AT(p, j) == ':' && j < p->len) {
		t->colon = true;
		j++;
	}
	t->end = j;
}

static bool try_number(sh_parser *p, uint32_t i, sh_lex_mode mode, sh_token *t)
{
	uint32_t dn = dash_at(p, i);
	bool neg = dn > 0 && mode != SH_LEX_EXPR;
	uint32_t d = neg ? i + dn : i;
	if (!isdigit(AT(p, d)) && !(AT(p, d) == '.' && isdigit(AT(p, d + 1))))
		return false;
	sh_value *v = NULL;
	uint32_t end = scan_number(p, i, d, neg, &v);
	if (!end)
		return false;
	if (mode == SH_LEX_ARG && !word_end(p, end)) {
		sh_unref(v);
		return false;
	}
	t->kind = TK_NUMBER;
	t->end = end;
	t->node = sh_const_node(p, v, i, end);
	return true;
}

static void lex(sh_parser *p, uint32_t pos, sh_lex_mode mode, sh_token *t)
{
	memset(t, 0, sizeof *t);
	uint32_t i = sh_lex_skip_blanks(p, pos);
	t->space_before = i != pos || i == 0;
	t->start = i;
	if (i >= p->len) {
		t->kind = TK_EOF;
		t->end = p->len;
		return;
	}
	uint32_t n = newline_at(p, i);
	if (n) {
		one(t, TK_NEWLINE, n);
		return;
	}
	bool cmd = mode != SH_LEX_EXPR;
	unsigned char c = p->src[i], c1 = AT(p, i + 1);
	if (scan_redirection(p, i, t))
		return;
	if ((n = squote_at(p, i))) {
		scan_verbatim(p, i, t);
		return;
	}
	if ((n = dquote_at(p, i))) {
		t->kind = TK_STRING;
		scan_expandable(p, i, X_DQUOTE, t);
		return;
	}
	if ((n = dash_at(p, i))) {
		uint32_t j = i + n;
		if (try_number(p, i, mode, t))
			return;
		if (mode == SH_LEX_EXPR) {
			if (dash_at(p, j)) {
				one(t, TK_DEC, n + dash_at(p, j));
			} else if (AT(p, j) == '=') {
				one(t, TK_ASSIGN, n + 1);
				t->assign_op = SH_ASSIGN_SUB;
			} else if (isalpha(AT(p, j))) {
				uint32_t k = j;
				while (isalnum(AT(p, k)) || AT(p, k) == '_')
					k++;
				t->end = k;
				if (sh_lex_operator(p->src + j, k - j, t)) {
					t->kind = TK_OPERATOR;
					t->text = sh_arena_strndup(p->arena, p->src + i, k - i);
				} else {
					scan_parameter(p, i, n, t);
				}
			} else {
				one(t, TK_MINUS, n);
			}
			return;
		}
		if (mode == SH_LEX_COMMAND) {
			if (dash_at(p, j) &&
			    (AT(p, j + dash_at(p, j)) == '$' || AT(p, j + dash_at(p, j)) == '(')) {
				one(t, TK_DEC, n + dash_at(p, j));
				return;
			}
			if (isalpha(AT(p, j))) {
				uint32_t k = j;
				while (isalnum(AT(p, k)) || AT(p, k) == '_')
					k++;
				sh_token op = {0};
				if (word_end(p, k) && sh_lex_operator(p->src + j, k - j, &op) &&
				    op.is_unary) {
					*t = op;
					t->kind = TK_OPERATOR;
					t->start = i;
					t->end = k;
					t->space_before = i != pos || i == 0;
					t->text = sh_arena_strndup(p->arena, p->src + i, k - i);
					return;
				}
			}
			unsigned char cj = AT(p, j);
			if (cj == '$' || cj == '(' || cj == '[' || blank_at(p, j) ||
			    word_end(p, j)) {
				if (!(j >= p->len || newline_at(p, j) || cj == ';' || cj == '|')) {
					one(t, TK_MINUS, n);
					return;
				}
			}
			make_word(p, i, t);
			return;
		}
		/* argument mode */
		uint32_t dn2 = dash_at(p, j);
		if (dn2 && word_end(p, j + dn2)) {
			one(t, TK_DASHDASH, n + dn2);
			return;
		}
		if (isalpha(AT(p, j)) || AT(p, j) == '_' || AT(p, j) == '?' || dn2 ||
		    AT(p, j) >= 0x80) {
			scan_parameter(p, i, n, t);
			return;
		}
		make_word(p, i, t);
		return;
	}
	if (isdigit(c) || (c == '.' && isdigit(c1))) {
		if (try_number(p, i, mode, t))
			return;
		if (cmd) {
			make_word(p, i, t);
		} else {
			uint32_t k = i;
			while ((n = sh_lex_ident_char(p, k)) || AT(p, k) == '.')
				k += n ? n : 1;
			t->kind = TK_IDENT;
			t->end = k;
			t->text = sh_arena_strndup(p->arena, p->src + i, k - i);
		}
		return;
	}
	switch (c) {
	case ';':
		one(t, TK_SEMI, 1);
		return;
	case '|':
		one(t, c1 == '|' ? TK_OROR : TK_PIPE, c1 == '|' ? 2 : 1);
		return;
	case '&':
		one(t, c1 == '&' ? TK_ANDAND : TK_AMP, c1 == '&' ? 2 : 1);
		return;
	case '(':
		one(t, TK_LPAREN, 1);
		return;
	case ')':
		one(t, TK_RPAREN, 1);
		return;
	case '{':
		one(t, TK_LBRACE, 1);
		return;
	case '}':
		one(t, TK_RBRACE, 1);
		return;
	case ',':
		one(t, TK_COMMA, 1);
		return;
	case '<':
		sh_parser_fail(p, i, 1, false, "RedirectionNotSupported",
		               "The '<' operator is reserved for future use.");
	case '[':
		if (mode == SH_LEX_ARG)
			break;
		one(t, TK_LBRACKET, 1);
		return;
	case ']':
		if (mode == SH_LEX_ARG)
			break;
		one(t, TK_RBRACKET, 1);
		return;
	case '@':
		if (c1 == '(') {
			one(t, TK_AT_PAREN, 2);
			return;
		}
		if (c1 == '{') {
			one(t, TK_AT_BRACE, 2);
			return;
		}
		if (dquote_at(p, i + 1)) {
			t->kind = TK_STRING;
			scan_expandable(p, i, X_HERE, t);
			return;
		}
		if (squote_at(p, i + 1)) {
			scan_verbatim_here(p, i, t);
			return;
		}
		if (sh_lex_ident_char(p, i + 1)) {
			uint32_t end;
			scan_variable(p, i, true, &t->node, &end);
			t->kind = TK_SPLAT;
			t->end = end;
			return;
		}
		break;
	case '$':
		if (c1 == '(') {
			one(t, TK_DOLLAR_PAREN, 2);
			return;
		}
		{
			sh_node *v;
			uint32_t end;
			if (scan_variable(p, i, false, &v, &end)) {
				unsigned char f = AT(p, end);
				if (mode == SH_LEX_ARG && !word_end(p, end) && f != '.' &&
				    f != '[' && !(f == ':' && AT(p, end + 1) == ':')) {
					make_word(p, i, t);
					return;
				}
				t->kind = TK_VARIABLE;
				t->node = v;
				t->end = end;
				return;
			}
		}
		if (!cmd)
			sh_parser_fail(
			    p, i, 1, false, "InvalidVariableReference",
			    "Variable reference is not valid. '$' was not followed by a valid "
			    "variable name character. Consider using ${} to delimit the name.");
		make_word(p, i, t);
		return;
	case '+':
		if (mode == SH_LEX_ARG)
			break;
		if (c1 == '+')
			one(t, TK_INC, 2);
		else if (c1 == '=' && !cmd) {
			one(t, TK_ASSIGN, 2);
			t->assign_op = SH_ASSIGN_ADD;
		} else
			one(t, TK_PLUS, 1);
		return;
	case '*':
	case '/':
	case '%':
		if (cmd)
			break;
		if (c1 == '=') {
			one(t, TK_ASSIGN, 2);
			t->assign_op = c == '*'   ? SH_ASSIGN_MUL
			               : c == '/' ? SH_ASSIGN_DIV
			                          : SH_ASSIGN_MOD;
		} else {
			one(t, c == '*' ? TK_STAR : c == '/' ? TK_SLASH : TK_PERCENT, 1);
		}
		return;
	case '=':
		if (cmd)
			break;
		one(t, TK_ASSIGN, 1);
		t->assign_op = SH_ASSIGN;
		return;
	case '!':
		if (mode == SH_LEX_ARG)
			break;
		one(t, TK_EXCL, 1);
		return;
	case '.':
		if (mode == SH_LEX_EXPR) {
			one(t, c1 == '.' ? TK_DOTDOT : TK_DOT, c1 == '.' ? 2 : 1);
			return;
		}
		if (mode == SH_LEX_COMMAND &&
		    (blank_at(p, i + 1) || i + 1 >= p->len || newline_at(p, i + 1))) {
			one(t, TK_DOT, 1);
			return;
		}
		break;
	case ':':
		if (c1 == ':' && mode == SH_LEX_EXPR) {
			one(t, TK_COLONCOLON, 2);
			return;
		}
		if (mode == SH_LEX_COMMAND && sh_lex_ident_char(p, i + 1)) {
			uint32_t k = i + 1;
			while ((n = sh_lex_ident_char(p, k)))
				k += n;
			t->kind = TK_LABEL;
			t->end = k;
			t->text = sh_arena_strndup(p->arena, p->src + i + 1, k - i - 1);
			return;
		}
		break;
	}
	if (cmd && !(c == '`' && i + 1 >= p->len) && c != '\0') {
		make_word(p, i, t);
		return;
	}
	if ((n = sh_lex_ident_char(p, i))) {
		uint32_t k = i;
		while ((n = sh_lex_ident_char(p, k)))
			k += n;
		t->kind = TK_IDENT;
		t->end = k;
		t->text = sh_arena_strndup(p->arena, p->src + i, k - i);
		return;
	}
	t->kind = TK_UNKNOWN;
	t->end = i + char_len(p, i);
}

sh_token *sh_lex_peek(sh_parser *p, sh_lex_mode mode)
{
	if (p->cache_valid && p->cache_pos == p->pos && p->cache_mode == mode)
		return &p->cache;
	sh_token t;
	uint32_t pos = p->pos;
	lex(p, pos, mode, &t);
	/* lexing a string may parse a nested subexpression, which moves the
	   position and reuses the cache; put both back */
	p->pos = pos;
	p->cache = t;
	p->cache_pos = pos;
	p->cache_mode = mode;
	p->cache_valid = true;
	return &p->cache;
}

void sh_lex_advance(sh_parser *p)
{
	p->pos = p->cache.end;
	if (p->cache.kind != TK_NEWLINE)
		p->last_end = p->cache.end;
	p->cache_valid = false;
}

void sh_lex_seek(sh_parser *p, uint32_t pos)
{
	p->pos = pos;
	p->last_end = pos;
	p->cache_valid = false;
}
