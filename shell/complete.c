/*
 * complete.c - tab completion: the candidates for the word before the cursor.
 *
 * The engine never runs code. It reads the text up to the cursor with a
 * small scanner of its own instead of the parser, because the line being
 * completed is almost always unfinished (an open quote, a missing brace, a
 * trailing `-`), which the parser rejects. The scanner keeps a stack of
 * frames, one per open `(`, `{`, `$(`, `@(`, `@{` or double-quoted string,
 * and in each code frame the start of the current pipeline element (reset
 * by `|`, `;`, `&&`, `||`, newlines, and `=` after an assignable
 * expression) and the whitespace-separated tokens of that element; a
 * nested group or a quoted string is part of the token it appears in. When
 * the scan reaches the cursor, the innermost frame says what kind of word
 * is being completed:
 *
 *   - `$name`, `${name}`, `@name`, `$scope:name`, `$env:NAME`: variables;
 *   - `$var.a.b.pre`: members of the value reached from a variable through
 *     plain property reads (hashtable keys, note and alias properties,
 *     built-in properties; script properties are code and end the walk);
 *   - the first token of an element (or the one after `&` / `.`): command
 *     names (aliases, functions, cmdlets, programs on $PATH), by
 *     case-insensitive prefix or, when the word holds `*` or `?`, wildcard;
 *   - `-pre` after a command: the parameter names of the command the name
 *     resolves to, minus those already given and those that share no
 *     parameter set with them;
 *   - `-Name:pre`, the word after `-Name`, or a positional argument: the
 *     parameter's enum values or ValidateSet, else its completer hook, else
 *     file paths for string-like parameters;
 *   - anything else in argument position, and words that look like paths:
 *     directory entries relative to the current location.
 *
 * Candidates are gathered with a label (what a list shows: the file name,
 * the member name) and a flag saying whether they finish a word; they are
 * sorted and made unique case-insensitively at the end.
 */
#include "complete.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binder.h"
#include "convert.h"
#include "methods.h"

extern char **environ;

#define ALL_MASK (~(uint64_t)0)

/* ------------------------------------------------------------------ */
/* candidates */

typedef struct cand {
	char *item;
	char *label;
	bool whole; /* finishes a word: a space may follow when it is the only one */
} cand;

typedef struct cands {
	cand *v;
	size_t len, cap;
} cands;

/* Takes item and label (label NULL: the item itself). */
static void add_take(cands *c, char *item, char *label, bool whole)
{
	cand x = {item, label ? label : xstrdup(item), whole};
	VEC_PUSH(c->v, c->len, c->cap, x);
}

/* Compares two labels by their letters, as a reader orders them: quotes,
 * `$`, braces and the like do not count ('my key' sorts among the m's). */
static int compare_labels(const char *a, const char *b)
{
	static const char skip[] = "'\"${}@";
	for (;;) {
		while (*a && strchr(skip, *a))
			a++;
		while (*b && strchr(skip, *b))
			b++;
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y || !x)
			return (int)x - (int)y;
		a++;
		b++;
	}
}

static int compare_cands(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	int r = compare_labels(x->label, y->label);
	if (!r)
		r = str_icmp(x->item, y->item);
	return r ? r : strcmp(x->item, y->item);
}

/* ------------------------------------------------------------------ */
/* quoting */

static bool is_ident_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

/* True when a bare word holding s would not read back as s. */
static bool needs_quotes(const char *s)
{
	if (!*s || *s == '-' || *s == '@' || *s == '#' || *s == '<' || *s == '>')
		return true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || strchr("'\"`$&(){};,|<>", *p) || *p == 0x7f)
			return true;
	return false;
}

/* s quoted with `q` (' or "), or bare when q is 0 and s needs no quotes. */
static char *quote_with(const char *s, char q)
{
	if (!q && !needs_quotes(s))
		return xstrdup(s);
	if (!q)
		q = '\'';
	sh_buf b = {0};
	buf_putc(&b, q);
	for (const char *p = s; *p; p++) {
		if (q == '\'' && *p == '\'')
			buf_putc(&b, '\'');
		else if (q == '"' && (*p == '"' || *p == '`' || *p == '$'))
			buf_putc(&b, '`');
		buf_putc(&b, *p);
	}
	buf_putc(&b, q);
	return buf_detach(&b);
}

/* The text of a word as the parser would read it: quotes removed, escapes
 * applied (an unterminated quote runs to the end). *quote is the opening
 * quote character, or 0 for a bare word. */
static char *unquote(const char *s, size_t n, char *quote)
{
	sh_buf b = {0};
	*quote = 0;
	size_t i = 0;
	if (n > 0 && (s[0] == '\'' || s[0] == '"')) {
		char q = s[0];
		*quote = q;
		for (i = 1; i < n; i++) {
			if (s[i] == q) {
				if (i + 1 < n && s[i + 1] == q) {
					buf_putc(&b, q);
					i++;
					continue;
				}
				break;
			}
			if (q == '"' && s[i] == '`' && i + 1 < n) {
				buf_putc(&b, s[++i]);
				continue;
			}
			buf_putc(&b, s[i]);
		}
		/* a closed quote: whatever follows it still belongs to the word */
		for (i++; i < n; i++)
			buf_putc(&b, s[i]);
		return buf_detach(&b);
	}
	for (; i < n; i++) {
		if (s[i] == '`' && i + 1 < n)
			i++;
		buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* scanning the line up to the cursor */

typedef struct tok {
	size_t start, end;
} tok;

typedef enum frame_kind {
	F_TOP,
	F_PAREN, /* ( $( @( */
	F_BRACE, /* { */
	F_HASH,  /* @{ */
	F_DQ,    /* "..." */
	F_DQ_SUB /* $( inside "..." */
} frame_kind;

typedef struct frame {
	frame_kind kind;
	tok *toks;
	size_t ntoks, cap;
	size_t tok_start;
	bool in_tok;
	size_t str_start; /* F_DQ: where the string's text starts */
} frame;

typedef enum scan_end {
	END_CODE,    /* in a code frame: complete its current token */
	END_STRING,  /* inside "...": only a variable can be completed */
	END_BRACED,  /* inside ${...} */
	END_NOTHING, /* a comment, a here-string */
} scan_end;

typedef struct scan {
	const char *s;
	size_t cur;
	frame *frames;
	size_t nframes, cap;
	scan_end end;
	size_t at; /* END_BRACED: the '$'; END_STRING: the string's text start */
} scan;

static frame *top(scan *sc)
{
	return &sc->frames[sc->nframes - 1];
}

static void push(scan *sc, frame_kind kind, size_t at)
{
	frame f = {.kind = kind, .str_start = at};
	VEC_PUSH(sc->frames, sc->nframes, sc->cap, f);
}

static void pop(scan *sc)
{
	free(top(sc)->toks);
	sc->nframes--;
}

static void begin_tok(frame *f, size_t i)
{
	if (!f->in_tok) {
		f->in_tok = true;
		f->tok_start = i;
	}
}

static void end_tok(frame *f, size_t i)
{
	if (f->in_tok) {
		tok t = {f->tok_start, i};
		VEC_PUSH(f->toks, f->ntoks, f->cap, t);
		f->in_tok = false;
	}
}

static void reset_element(frame *f)
{
	f->ntoks = 0;
	f->in_tok = false;
}

/* Finds `needle` in s[from, cur); returns its offset or cur. */
static size_t find(const scan *sc, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= sc->cur; i++)
		if (memcmp(sc->s + i, needle, n) == 0)
			return i;
	return sc->cur;
}

/* The first character of the element's first token, or 0. */
static char first_char(const scan *sc, const frame *f)
{
	if (f->ntoks)
		return sc->s[f->toks[0].start];
	return f->in_tok ? sc->s[f->tok_start] : 0;
}

static void scan_line(scan *sc)
{
	const char *s = sc->s;
	size_t cur = sc->cur;
	push(sc, F_TOP, 0);
	sc->end = END_CODE;
	size_t i = 0;
	while (i < cur) {
		frame *f = top(sc);
		char c = s[i];
		char next = i + 1 < cur ? s[i + 1] : 0;
		if (f->kind == F_DQ) {
			if (c == '`') {
				i += 2;
			} else if (c == '"') {
				if (next == '"') {
					i += 2;
				} else {
					pop(sc);
					i++;
				}
			} else if (c == '$' && next == '(') {
				push(sc, F_DQ_SUB, i + 2);
				i += 2;
			} else {
				i++;
			}
			continue;
		}
		switch (c) {
		case ' ':
		case '\t':
		case '\r':
		case '\f':
		case '\v':
			end_tok(f, i);
			i++;
			break;
		case '\n':
			end_tok(f, i);
			reset_element(f);
			i++;
			break;
		case '#':
			if (f->in_tok) {
				i++;
				break;
			}
			while (i < cur && s[i] != '\n')
				i++;
			if (i >= cur) {
				sc->end = END_NOTHING;
				return;
			}
			break;
		case '<':
			if (next == '#') {
				end_tok(f, i);
				size_t e = find(sc, i + 2, "#>");
				if (e >= cur) {
					sc->end = END_NOTHING;
					return;
				}
				i = e + 2;
			} else {
				begin_tok(f, i);
				i++;
			}
			break;
		case '\'':
		case '"': {
			begin_tok(f, i);
			bool here =
			    f->tok_start + 1 == i && s[f->tok_start] == '@' &&
			    (next == '\n' || (next == '\r' && i + 2 < cur && s[i + 2] == '\n'));
			if (here) {
				char close[4] = {'\n', c, '@', 0};
				size_t e = find(sc, i + 1, close);
				if (e >= cur) {
					sc->end = END_NOTHING;
					return;
				}
				i = e + 3;
			} else if (c == '"') {
				push(sc, F_DQ, i + 1);
				i++;
			} else {
				size_t j = i + 1;
				while (j < cur) {
					if (s[j] == '\'') {
						if (j + 1 < cur && s[j + 1] == '\'') {
							j += 2;
							continue;
						}
						break;
					}
					j++;
				}
				i = j + 1; /* past the cursor when unterminated: the word is open */
			}
			break;
		}
		case '`':
			if (next == '\n' || (next == '\r' && i + 2 < cur && s[i + 2] == '\n')) {
				end_tok(f, i);
			} else {
				begin_tok(f, i);
			}
			i += 2;
			break;
		case '$':
			begin_tok(f, i);
			if (next == '{') {
				size_t e = i + 2;
				while (e < cur && s[e] != '}')
					e++;
				if (e >= cur) {
					sc->end = END_BRACED;
					sc->at = i;
					return;
				}
				i = e + 1;
			} else if (next == '(') {
				push(sc, F_PAREN, i + 2);
				i += 2;
			} else {
				i++;
			}
			break;
		case '@':
			begin_tok(f, i);
			if (next == '(') {
				push(sc, F_PAREN, i + 2);
				i += 2;
			} else if (next == '{') {
				push(sc, F_HASH, i + 2);
				i += 2;
			} else {
				i++;
			}
			break;
		case '(':
			begin_tok(f, i);
			push(sc, F_PAREN, i + 1);
			i++;
			break;
		case '{':
			begin_tok(f, i);
			push(sc, F_BRACE, i + 1);
			i++;
			break;
		case ')':
		case '}':
			if (f->kind == F_TOP) {
				end_tok(f, i);
				reset_element(f);
			} else {
				pop(sc);
			}
			i++;
			break;
		case '|':
			end_tok(f, i);
			reset_element(f);
			i += next == '|' ? 2 : 1;
			break;
		case ';':
			end_tok(f, i);
			reset_element(f);
			i++;
			break;
		case '&':
			end_tok(f, i);
			if (next == '&') {
				reset_element(f);
				i += 2;
			} else {
				tok t = {i, i + 1};
				VEC_PUSH(f->toks, f->ntoks, f->cap, t);
				i++;
			}
			break;
		case '>': {
			/* 2>, *>, >>, 2>&1: one redirection token */
			size_t start = i;
			if (f->in_tok) {
				bool stream = true;
				for (size_t k = f->tok_start; k < i; k++)
					if (!((s[k] >= '1' && s[k] <= '6') || s[k] == '*'))
						stream = false;
				if (stream && i - f->tok_start == 1)
					start = f->tok_start;
				else
					end_tok(f, i);
				f->in_tok = false;
			}
			size_t j = i + 1;
			if (j < cur && s[j] == '>')
				j++;
			if (j < cur && s[j] == '&') {
				j++;
				if (j < cur && s[j] >= '1' && s[j] <= '6')
					j++;
			}
			tok t = {start, j};
			VEC_PUSH(f->toks, f->ntoks, f->cap, t);
			i = j;
			break;
		}
		case '=': {
			char fc = first_char(sc, f);
			if (f->kind == F_HASH || fc == '$' || fc == '[') {
				end_tok(f, i);
				reset_element(f);
			} else {
				begin_tok(f, i);
			}
			i++;
			break;
		}
		default:
			begin_tok(f, i);
			i++;
			break;
		}
	}
	frame *f = top(sc);
	if (f->kind == F_DQ) {
		sc->end = END_STRING;
		sc->at = f->str_start;
	}
}

/* ------------------------------------------------------------------ */
/* the completion context */

typedef struct ctx {
	sh_interp *in;
	const char *line;
	cands c;
	size_t start; /* of the replaced text */
} ctx;

/* ---- variables ---- */

static bool var_needs_braces(const char *name)
{
	if (!*name)
		return true;
	if ((name[0] == '?' || name[0] == '^' || name[0] == '$') && !name[1])
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (!is_ident_char(*p) && *p != ':')
			return true;
	return false;
}

static const char *const scope_names[] = {"global", "script",   "local", "private",
                                          "using",  "variable", NULL};

/* Completes the variable name `prefix` written after `lead` ("$", "@",
 * "${", "$global:" ...). */
static void complete_var_names(ctx *x, const char *lead, const char *prefix, bool braced)
{
	sh_value *list = sh_var_list(x->in);
	for (size_t i = 0; i < sh_array_len(list); i++) {
		sh_value *name_v = sh_object_note(sh_array_get(list, i), "Name");
		const char *name = sh_str(name_v);
		if (!str_iprefix(name, prefix))
			continue;
		char *item;
		if (braced)
			item = xasprintf("%s%s}", lead, name);
		else if (var_needs_braces(name) && strcmp(lead, "$") == 0)
			item = xasprintf("${%s}", name);
		else if (var_needs_braces(name))
			continue;
		else
			item = xasprintf("%s%s", lead, name);
		add_take(&x->c, item, NULL, false);
	}
	sh_unref(list);
	/* constants the evaluator knows without a variable */
	static const char *const constants[] = {"true", "false", "null", NULL};
	for (size_t i = 0; constants[i]; i++)
		if (str_iprefix(constants[i], prefix))
			add_take(&x->c, xasprintf("%s%s%s", lead, constants[i], braced ? "}" : ""),
			         NULL, false);
}

static void complete_env(ctx *x, const char *lead, const char *prefix, bool braced)
{
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq || eq == *e)
			continue;
		char *name = xstrndup(*e, (size_t)(eq - *e));
		if (str_iprefix(name, prefix) && (braced || !var_needs_braces(name)))
			add_take(&x->c, xasprintf("%s%s%s", lead, name, braced ? "}" : ""), NULL,
			         false);
		free(name);
	}
}

/* A variable reference word without members: `$Err`, `${Err`, `@sp`,
 * `$env:HO`, `$global:Err`. w points at the sigil; n bytes. */
static void complete_variable(ctx *x, const char *w, size_t n)
{
	bool braced = n >= 2 && w[0] == '$' && w[1] == '{';
	size_t lead_len = braced ? 2 : 1;
	char *body = xstrndup(w + lead_len, n - lead_len);
	char *colon = strchr(body, ':');
	if (colon) {
		*colon = 0;
		char *lead = xasprintf("%.*s%s:", (int)lead_len, w, body);
		if (str_ieq(body, "env"))
			complete_env(x, lead, colon + 1, braced);
		else
			for (size_t i = 0; scope_names[i]; i++)
				if (str_ieq(body, scope_names[i]))
					complete_var_names(x, lead, colon + 1, braced);
		free(lead);
	} else {
		char *lead = xstrndup(w, lead_len);
		complete_var_names(x, lead, body, braced);
		free(lead);
	}
	free(body);
}

/* ---- members ---- */

static bool is_ident_name(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!is_ident_char(*p))
			return false;
	return true;
}

/* Reads a property without running code: hashtable keys, note and alias
 * properties, built-in properties, and member enumeration over an
 * array's first item. A new reference, or NULL. */
static sh_value *read_property(sh_value *v, const char *name, int depth)
{
	if (!v || depth > 8)
		return NULL;
	if (sh_kind_of(v) == SH_HASHTABLE) {
		sh_value *hv = sh_hash_get_str(v, name);
		if (hv)
			return sh_ref(hv);
	} else if (sh_kind_of(v) == SH_OBJECT) {
		const sh_prop *p = sh_object_find_prop(v, name);
		if (p && p->kind == SH_PROP_NOTE)
			return sh_ref(p->value);
		if (p && p->kind == SH_PROP_ALIAS && p->alias_target)
			return read_property(v, p->alias_target, depth + 1);
		if (p)
			return NULL; /* a script property is code */
	}
	sh_value *out = NULL;
	if (sh_builtin_property(v, name, &out) == 0)
		return out;
	sh_unref(out);
	if (sh_kind_of(v) == SH_ARRAY)
		for (size_t i = 0; i < sh_array_len(v); i++)
			if (sh_array_get(v, i))
				return read_property(sh_array_get(v, i), name, depth + 1);
	return NULL;
}

/* Adds `lead` + name (quoted when it is no identifier) + suffix. */
static void add_member(ctx *x, const char *lead, const char *name, const char *prefix,
                       const char *suffix)
{
	if (!str_iprefix(name, prefix))
		return;
	char *q = is_ident_name(name) ? xstrdup(name) : quote_with(name, '\'');
	char *label = xasprintf("%s%s", q, suffix);
	add_take(&x->c, xasprintf("%s%s", lead, label), label, false);
	free(q);
}

/* Hashtable keys or object properties. */
static void list_properties(ctx *x, sh_value *v, const char *lead, const char *prefix)
{
	if (sh_kind_of(v) == SH_HASHTABLE) {
		for (size_t i = 0; i < sh_hash_len(v) && i < 10000; i++) {
			char *k = sh_to_string(sh_hash_key_at(v, i));
			add_member(x, lead, k, prefix, "");
			free(k);
		}
	} else if (sh_kind_of(v) == SH_OBJECT) {
		for (size_t i = 0; i < sh_object_prop_count(v); i++)
			add_member(x, lead, sh_object_prop_at(v, i)->name, prefix, "");
	}
}

/* Every member of v; methods end with '(' as PowerShell completes them. */
static void list_members(ctx *x, sh_value *v, const char *lead, const char *prefix)
{
	list_properties(x, v, lead, prefix);
	const char *const *rows = sh_builtin_member_list(v);
	for (size_t i = 0; rows && rows[i]; i++) {
		const char *tab = strchr(rows[i], '\t');
		if (!tab)
			continue;
		char *name = xstrndup(rows[i], (size_t)(tab - rows[i]));
		const char *kind = tab + 1;
		bool callable = strncmp(kind, "Method", 6) == 0 ||
		                strncmp(kind, "ParameterizedProperty", 21) == 0 ||
		                strncmp(kind, "ScriptMethod", 12) == 0;
		add_member(x, lead, name, prefix, callable ? "(" : "");
		free(name);
	}
	/* an array also offers its items' properties (member enumeration),
	   judged by the first item that has any */
	if (sh_kind_of(v) == SH_ARRAY)
		for (size_t i = 0; i < sh_array_len(v); i++) {
			sh_value *item = sh_array_get(v, i);
			if (sh_kind_of(item) == SH_OBJECT || sh_kind_of(item) == SH_HASHTABLE) {
				list_properties(x, item, lead, prefix);
				break;
			}
		}
}

/* `$name.a.b.pre`: w points at the '$', n bytes, dot at the first '.'. */
static void complete_members(ctx *x, const char *w, size_t n, size_t dot)
{
	char *name = xstrndup(w + 1, dot - 1);
	sh_value *v = NULL;
	char *colon = strchr(name, ':');
	if (colon) {
		*colon = 0;
		if (str_ieq(name, "env")) {
			const char *e = getenv(colon + 1);
			v = e ? sh_string(e) : NULL;
		} else {
			for (size_t i = 0; scope_names[i]; i++)
				if (str_ieq(name, scope_names[i]))
					v = sh_ref(sh_var_get(x->in, colon + 1));
		}
	} else if (*name) {
		v = sh_ref(sh_var_get(x->in, name));
	}
	free(name);
	/* walk the middle parts; the last one is the prefix */
	size_t i = dot + 1;
	for (;;) {
		size_t j = i;
		while (j < n && is_ident_char((unsigned char)w[j]))
			j++;
		if (j == n)
			break;
		if (w[j] != '.' || j == i || !v) {
			sh_unref(v);
			return;
		}
		char *part = xstrndup(w + i, j - i);
		sh_value *next = read_property(v, part, 0);
		free(part);
		sh_unref(v);
		v = next;
		i = j + 1;
	}
	if (v) {
		char *lead = xstrndup(w, i);
		char *prefix = xstrndup(w + i, n - i);
		list_members(x, v, lead, prefix);
		free(prefix);
		free(lead);
	}
	sh_unref(v);
}

/* A word starting with '$' or '@'. */
static void complete_dollar(ctx *x, const char *w, size_t n)
{
	if (n >= 2 && w[0] == '$' && w[1] == '{') {
		if (!memchr(w, '}', n))
			complete_variable(x, w, n);
		return;
	}
	size_t i = 1;
	if (i < n && (w[i] == '?' || w[i] == '^' || w[i] == '$') && n == 2) {
		complete_variable(x, w, n);
		return;
	}
	while (i < n && (is_ident_char((unsigned char)w[i]) || w[i] == ':'))
		i++;
	if (i == n) {
		complete_variable(x, w, n);
	} else if (w[0] == '$' && w[i] == '.' && i > 1) {
		complete_members(x, w, n, i);
	}
}

/* ---- commands ---- */

static bool command_matches(const char *name, const char *word, const char *pattern)
{
	return pattern ? sh_wildcard_match(pattern, name, true) : str_iprefix(name, word);
}

static void add_command(ctx *x, const char *name)
{
	add_take(&x->c, quote_with(name, 0), xstrdup(name), true);
}

/* Programs on $PATH, as PowerShell offers them with the commands. */
static void complete_programs(ctx *x, const char *word)
{
	const char *path = getenv("PATH");
	if (!path || !*word)
		return;
	char *copy = xstrdup(path);
	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		DIR *d = opendir(dir);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || !str_iprefix(e->d_name, word))
				continue;
			char *full = xasprintf("%s/%s", dir, e->d_name);
			struct stat st;
			if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
				add_command(x, e->d_name);
			free(full);
		}
		closedir(d);
	}
	free(copy);
}

static void complete_command(ctx *x, const char *word)
{
	char *pattern = NULL;
	if (strchr(word, '*') || strchr(word, '?'))
		pattern = xasprintf("%s*", word);
	for (size_t i = 0; i < sh_cmdlet_count(x->in); i++) {
		const sh_cmdlet *c = sh_cmdlet_at(x->in, i);
		if (command_matches(c->name, word, pattern))
			add_command(x, c->name);
	}
	sh_value *aliases = sh_alias_list(x->in);
	for (size_t i = 0; i < sh_array_len(aliases); i++) {
		const char *name = sh_str(sh_object_note(sh_array_get(aliases, i), "Name"));
		if (command_matches(name, word, pattern))
			add_command(x, name);
	}
	sh_unref(aliases);
	sh_value *funcs = sh_function_list(x->in);
	for (size_t i = 0; i < sh_array_len(funcs); i++) {
		const char *name = sh_str(sh_array_get(funcs, i));
		if (command_matches(name, word, pattern))
			add_command(x, name);
	}
	sh_unref(funcs);
	if (!pattern)
		complete_programs(x, word);
	free(pattern);
}

/* The parameter table of the command `name` resolves to (aliases
 * followed, then functions, then cmdlets). False for programs and unknown
 * names. */
static bool command_table(sh_interp *in, const char *name, sh_param_table *t)
{
	char *cur = xstrdup(name);
	for (int hops = 0; hops < 16; hops++) {
		const char *target = sh_alias_get(in, cur);
		if (!target)
			break;
		free(cur);
		cur = xstrdup(target);
	}
	bool found = false;
	sh_value *fn = sh_function_get(in, cur);
	const sh_scriptblock *sb = fn ? sh_scriptblock_of(fn) : NULL;
	const sh_cmdlet *def;
	if (sb && sb->body && sb->body->kind == N_SCRIPTBLOCK) {
		sh_param_table_for_script(sb->body->u.scriptblock.param_block, t);
		found = true;
	} else if ((def = sh_find_cmdlet(in, cur)) != NULL) {
		sh_param_table_for_cmdlet(def, t);
		found = true;
	}
	free(cur);
	return found;
}

/* ---- parameters ---- */

/* Resolves a parameter name as the binder does: exact name, alias, then
 * unique prefix. -1 when unknown or ambiguous. */
static int find_param(const sh_param_table *t, const char *name, size_t n)
{
	if (n == 0)
		return -1;
	for (size_t i = 0; i < t->nparams; i++)
		if (strlen(t->params[i].name) == n && strncasecmp(t->params[i].name, name, n) == 0)
			return (int)i;
	for (size_t i = 0; i < t->nparams; i++) {
		const char *a = t->params[i].aliases;
		while (a && *a) {
			while (*a == ' ')
				a++;
			const char *comma = strchr(a, ',');
			size_t len = comma ? (size_t)(comma - a) : strlen(a);
			if (len == n && strncasecmp(a, name, n) == 0)
				return (int)i;
			a = comma ? comma + 1 : a + len;
		}
	}
	int found = -1;
	for (size_t i = 0; i < t->nparams; i++)
		if (strncasecmp(t->params[i].name, name, n) == 0) {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	return found;
}

/* What the words before the cursor say about the command's parameters. */
typedef struct bound_info {
	bool *bound;
	uint64_t sets; /* the parameter sets still possible */
	size_t npositional;
} bound_info;

static uint64_t sets_of(const sh_param_table *t, const bool *bound)
{
	uint64_t m = ALL_MASK;
	for (size_t i = 0; i < t->nparams; i++)
		if (bound[i])
			m &= t->set_masks[i];
	return m ? m : ALL_MASK;
}

/* The parameter a positional argument number `k` binds to, as the binder
 * assigns them: unbound positional parameters of the possible sets in
 * order of position, the default set's first when positions tie. */
static int positional_param(const sh_param_table *t, const bound_info *b, size_t k)
{
	int default_bit = -1;
	for (size_t s = 0; s < t->nsets; s++)
		if (t->default_set && str_ieq(t->set_names[s], t->default_set))
			default_bit = (int)s;
	int last_pos = -1;
	for (;;) {
		int best = -1;
		for (size_t i = 0; i < t->nparams; i++) {
			const sh_param_def *p = &t->params[i];
			if (p->position < 0 || p->position <= last_pos || b->bound[i] ||
			    !(t->set_masks[i] & b->sets))
				continue;
			if (best < 0 || p->position < t->params[best].position) {
				best = (int)i;
			} else if (p->position == t->params[best].position && default_bit >= 0 &&
			           !(t->set_masks[best] >> default_bit & 1) &&
			           (t->set_masks[i] >> default_bit & 1)) {
				best = (int)i;
			}
		}
		if (best < 0)
			return -1;
		if (k == 0)
			return best;
		k--;
		last_pos = t->params[best].position;
	}
}

static void complete_param_names(ctx *x, const sh_param_table *t, const bound_info *b,
                                 const char *prefix)
{
	for (size_t i = 0; i < t->nparams; i++) {
		const sh_param_def *p = &t->params[i];
		if ((p->flags & SH_PF_HIDDEN) || b->bound[i] || !(t->set_masks[i] & b->sets) ||
		    !str_iprefix(p->name, prefix))
			continue;
		add_take(&x->c, xasprintf("-%s", p->name), NULL, true);
	}
}

/* ---- paths ---- */

/* Directory entries for the (unquoted) path `text`; items replace the
 * whole word, keeping the directory part as typed and the user's quote. */
static void complete_path(ctx *x, const char *text, char quote)
{
	const char *slash = strrchr(text, '/');
	const char *bslash = strrchr(text, '\\');
	if (bslash && (!slash || bslash > slash))
		slash = bslash;
	char *dir_part = slash ? xstrndup(text, (size_t)(slash - text + 1)) : xstrdup("");
	const char *base = slash ? slash + 1 : text;
	bool tilde_only = strcmp(text, "~") == 0;
	if (tilde_only) {
		free(dir_part);
		dir_part = xstrdup("~/");
		base = "";
	}
	char *dir = sh_full_path(x->in, *dir_part ? dir_part : ".");
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		free(dir_part);
		return;
	}
	const char *shown_dir = *dir_part ? dir_part : "./";
	for (int pass = 0; pass < 2; pass++) {
		/* the exact case first; any case when nothing matched */
		size_t before = x->c.len;
		rewinddir(d);
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			const char *name = e->d_name;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			if (name[0] == '.' && base[0] != '.')
				continue;
			if (pass == 0 ? strncmp(name, base, strlen(base)) != 0
			              : !str_iprefix(name, base))
				continue;
			bool is_dir = e->d_type == DT_DIR;
			if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
				char *full = xasprintf("%s/%s", dir, name);
				struct stat st;
				is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
				free(full);
			}
			char *plain = xasprintf("%s%s%s", shown_dir, name, is_dir ? "/" : "");
			char *item = quote_with(plain, quote);
			free(plain);
			add_take(&x->c, item, xasprintf("%s%s", name, is_dir ? "/" : ""), !is_dir);
		}
		if (x->c.len > before)
			break;
	}
	closedir(d);
	free(dir);
	free(dir_part);
}

/* The raw word s[start, end) as a path. */
static void complete_path_word(ctx *x, size_t start, size_t end)
{
	char quote;
	char *text = unquote(x->line + start, end - start, &quote);
	x->start = start;
	complete_path(x, text, quote);
	free(text);
}

/* ---- parameter values ---- */

static void add_value(ctx *x, const char *value, char quote)
{
	char *item = quote_with(value, quote);
	add_take(&x->c, item, xstrdup(value), true);
}

/* The value word s[start, end) of parameter p (NULL: unknown). */
static void complete_value(ctx *x, const sh_param_def *p, size_t start, size_t end)
{
	const char *w = x->line + start;
	size_t n = end - start;
	/* an array value: complete its last item */
	char q = 0;
	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (w[i] == q)
				q = 0;
			else if (q == '"' && w[i] == '`')
				i++;
		} else if (w[i] == '\'' || w[i] == '"') {
			q = w[i];
		} else if (w[i] == '`') {
			i++;
		} else if (w[i] == ',') {
			start += i + 1;
			w += i + 1;
			n -= i + 1;
			i = (size_t)-1;
		}
	}
	x->start = start;
	if (n > 0 && (w[0] == '$' || w[0] == '@')) {
		complete_dollar(x, w, n);
		return;
	}
	if (!p) {
		complete_path_word(x, start, end);
		return;
	}
	if (p->type == SH_P_SWITCH)
		return;
	char quote;
	char *word = unquote(w, n, &quote);
	if (p->enum_values) {
		for (size_t i = 0; p->enum_values[i]; i++)
			if (str_iprefix(p->enum_values[i], word))
				add_value(x, p->enum_values[i], quote);
	} else if (p->completer) {
		sh_value *out = sh_array_new(8);
		p->completer(x->in, word, out);
		for (size_t i = 0; i < sh_array_len(out); i++) {
			char *v = sh_to_string(sh_array_get(out, i));
			if (str_iprefix(v, word))
				add_value(x, v, quote);
			free(v);
		}
		sh_unref(out);
	} else if (p->type == SH_P_STRING || p->type == SH_P_OBJECT) {
		x->start = start;
		complete_path(x, word, quote);
	}
	free(word);
}

/* ---- arguments of a command ---- */

static bool is_redirection(const char *s, const tok *t)
{
	return memchr(s + t->start, '>', t->end - t->start) != NULL;
}

static bool is_param_token(const char *s, const tok *t)
{
	size_t n = t->end - t->start;
	const char *w = s + t->start;
	return n >= 1 && w[0] == '-' &&
	       !(n >= 2 &&
	         (w[1] == '-' || (w[1] >= '0' && w[1] <= '9') || w[1] == '.' || w[1] == '$'));
}

/* The word [ws, we) is an argument of the command named by toks[cmd]. */
static void complete_argument(ctx *x, const tok *toks, size_t cmd, size_t w, size_t ws, size_t we)
{
	const char *s = x->line;
	const char *word = s + ws;
	size_t wn = we - ws;
	x->start = ws;
	if (w > 0 && is_redirection(s, &toks[w - 1])) {
		complete_path_word(x, ws, we);
		return;
	}
	char c0 = s[toks[cmd].start];
	char quote;
	char *name = unquote(s + toks[cmd].start, toks[cmd].end - toks[cmd].start, &quote);
	sh_param_table t;
	bool expression = !quote && strchr("$(@[0123456789", c0);
	bool have = !expression && command_table(x->in, name, &t);
	free(name);
	bool dashed = wn >= 1 && is_param_token(s, &(tok){ws, we});
	if (!have) {
		if (!dashed)
			complete_value(x, NULL, ws, we);
		return;
	}
	bound_info b = {xcalloc(t.nparams + 1, sizeof(bool)), ALL_MASK, 0};
	int value_of = -1; /* the parameter whose value the word is */
	int last_target = -1;
	bool after_dashdash = false;
	for (size_t k = cmd + 1; k < w; k++) {
		const tok *tk = &toks[k];
		if (is_redirection(s, tk)) {
			if (s[tk->end - 1] == '>' && k + 1 < w)
				k++; /* the file name */
			continue;
		}
		const char *text = s + tk->start;
		size_t len = tk->end - tk->start;
		int target = -1;
		bool takes_next = false;
		if (!after_dashdash && len == 2 && text[0] == '-' && text[1] == '-') {
			after_dashdash = true;
			continue;
		}
		if (!after_dashdash && is_param_token(s, tk)) {
			const char *colon = memchr(text, ':', len);
			size_t nlen = colon ? (size_t)(colon - text - 1) : len - 1;
			int p = find_param(&t, text + 1, nlen);
			if (p < 0)
				continue;
			b.bound[p] = true;
			target = p;
			/* -Name value, and -Name: value */
			takes_next =
			    colon ? colon == text + len - 1 : t.params[p].type != SH_P_SWITCH;
		} else {
			b.sets = sets_of(&t, b.bound);
			target = positional_param(&t, &b, 0);
			if (target >= 0 && !(t.params[target].flags & SH_PF_REMAINING))
				b.bound[target] = true;
		}
		if (target >= 0)
			last_target = target;
		if (takes_next) {
			if (k + 1 >= w) {
				value_of = target;
				break;
			}
			k++;
		} else if (is_param_token(s, tk) && !after_dashdash) {
			if (!memchr(text, ':', len) || s[tk->end - 1] != ',')
				continue;
		}
		/* an array value continues over `a, b` and `a ,b` */
		while (s[toks[k].end - 1] == ',' || (k + 1 < w && s[toks[k + 1].start] == ',')) {
			if (k + 1 >= w) {
				value_of = target;
				break;
			}
			k++;
		}
		if (value_of >= 0)
			break;
	}
	if (value_of < 0 && wn > 0 && word[0] == ',' && w > cmd + 1)
		value_of = last_target;
	b.sets = sets_of(&t, b.bound);
	if (dashed && !after_dashdash) {
		const char *colon = memchr(word, ':', wn);
		if (colon) {
			int p = find_param(&t, word + 1, (size_t)(colon - word - 1));
			if (p >= 0)
				complete_value(x, &t.params[p], ws + (size_t)(colon - word) + 1,
				               we);
		} else {
			char *prefix = xstrndup(word + 1, wn - 1);
			complete_param_names(x, &t, &b, prefix);
			free(prefix);
		}
	} else {
		if (value_of < 0 && !(wn > 0 && word[0] == ','))
			value_of = positional_param(&t, &b, 0);
		complete_value(x, value_of >= 0 ? &t.params[value_of] : NULL, ws, we);
	}
	free(b.bound);
	sh_param_table_free(&t);
}

/* ---- the word at the cursor ---- */

static bool looks_like_path(const char *w, size_t n)
{
	return n > 0 && (w[0] == '.' || w[0] == '~' || w[0] == '/' || w[0] == '\'' || w[0] == '"' ||
	                 memchr(w, '/', n) || memchr(w, '\\', n));
}

static void complete_in_frame(ctx *x, const frame *f, size_t cur)
{
	const char *s = x->line;
	/* the tokens of the element, the word at the cursor last */
	size_t ntoks = f->ntoks;
	size_t ws = f->in_tok ? f->tok_start : cur;
	tok *toks = xmalloc((ntoks + 1) * sizeof *toks);
	if (ntoks)
		memcpy(toks, f->toks, ntoks * sizeof *toks);
	toks[ntoks] = (tok){ws, cur};
	const char *w = s + ws;
	size_t wn = cur - ws;
	size_t cmd = 0;
	if (ntoks > 0 && toks[0].end - toks[0].start == 1 &&
	    (s[toks[0].start] == '&' || s[toks[0].start] == '.'))
		cmd = 1;
	x->start = ws;
	if (wn > 0 && (w[0] == '$' || w[0] == '@')) {
		complete_dollar(x, w, wn);
	} else if (ntoks == cmd) {
		if (looks_like_path(w, wn)) {
			complete_path_word(x, ws, cur);
		} else {
			char *word = xstrndup(w, wn);
			complete_command(x, word);
			free(word);
		}
	} else if (ntoks > cmd && s[toks[ntoks - 1].start] == '&' &&
	           toks[ntoks - 1].end - toks[ntoks - 1].start == 1) {
		/* after a background `&`: nothing sensible follows */
	} else {
		complete_argument(x, toks, cmd, ntoks, ws, cur);
	}
	free(toks);
}

void sh_complete(sh_interp *in, const char *line, size_t cursor, sh_completions *out)
{
	memset(out, 0, sizeof *out);
	if (!line)
		line = "";
	size_t len = strlen(line);
	if (cursor > len)
		cursor = len;
	ctx x = {.in = in, .line = line, .start = cursor};
	scan sc = {.s = line, .cur = cursor};
	scan_line(&sc);
	switch (sc.end) {
	case END_CODE:
		complete_in_frame(&x, top(&sc), cursor);
		break;
	case END_BRACED:
		x.start = sc.at;
		complete_dollar(&x, line + sc.at, cursor - sc.at);
		break;
	case END_STRING: {
		/* "... $Err": a variable inside an expandable string */
		size_t i = cursor;
		while (i > sc.at &&
		       (is_ident_char((unsigned char)line[i - 1]) || line[i - 1] == ':'))
			i--;
		if (i > sc.at && line[i - 1] == '$' && (i - 1 == sc.at || line[i - 2] != '`')) {
			x.start = i - 1;
			complete_variable(&x, line + i - 1, cursor - i + 1);
		} else {
			/* "./my d: the string is the word, a path or a value */
			pop(&sc);
			complete_in_frame(&x, top(&sc), cursor);
		}
		break;
	}
	case END_NOTHING:
		break;
	}
	while (sc.nframes)
		pop(&sc);
	free(sc.frames);

	/* sorted, unique case-insensitively */
	if (x.c.len)
		qsort(x.c.v, x.c.len, sizeof *x.c.v, compare_cands);
	out->items = xmalloc((x.c.len + 1) * sizeof *out->items);
	out->labels = xmalloc((x.c.len + 1) * sizeof *out->labels);
	bool whole = false;
	for (size_t i = 0; i < x.c.len; i++) {
		cand *c = &x.c.v[i];
		if (out->len > 0 && str_ieq(out->items[out->len - 1], c->item)) {
			free(c->item);
			free(c->label);
			continue;
		}
		out->items[out->len] = c->item;
		out->labels[out->len] = c->label;
		out->len++;
		whole = c->whole;
	}
	out->items[out->len] = NULL;
	out->labels[out->len] = NULL;
	free(x.c.v);
	out->start = x.start;
	out->end = cursor;
	out->append_space = out->len == 1 && whole;
}

void sh_completions_free(sh_completions *c)
{
	for (size_t i = 0; i < c->len; i++) {
		free(c->items[i]);
		free(c->labels[i]);
	}
	free(c->items);
	free(c->labels);
	memset(c, 0, sizeof *c);
}

/* ---- completers for cmdlet tables ---- */

static void move_labels(ctx *x, sh_value *out)
{
	for (size_t i = 0; i < x->c.len; i++) {
		sh_array_append(out, sh_string_take(x->c.v[i].label));
		free(x->c.v[i].item);
	}
	free(x->c.v);
}

void sh_command_name_completer(sh_interp *in, const char *word, sh_value *out)
{
	ctx x = {.in = in, .line = ""};
	complete_command(&x, word);
	move_labels(&x, out);
}

void sh_variable_name_completer(sh_interp *in, const char *word, sh_value *out)
{
	sh_value *list = sh_var_list(in);
	for (size_t i = 0; i < sh_array_len(list); i++) {
		const char *name = sh_str(sh_object_note(sh_array_get(list, i), "Name"));
		if (str_iprefix(name, word))
			sh_array_append(out, sh_string(name));
	}
	sh_unref(list);
}
