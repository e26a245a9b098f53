/*
 * parser.c - recursive descent over PowerShell's grammar, building ast.h.
 *
 * The grammar follows PowerShell's own parser closely, because scripts
 * depend on its quirks:
 *
 *   - A statement is a keyword statement (if, switch, foreach, for, while,
 *     do, function, filter, return, exit, throw, break, continue, try,
 *     trap) or a pipeline. A pipeline element whose first token is an
 *     expression start ($x, 5, 'str', (, @(, [type], -not ...) is an
 *     expression; anything else is a command, whose arguments are lexed in
 *     argument mode (bare words, -Parameters). An expression element
 *     followed by an assignment operator makes the statement an
 *     assignment, whose right side is again a statement.
 *
 *   - Binary operators bind, from loosest to tightest: -and -or -xor;
 *     -band -bor -bxor; comparison, -replace, -split, -join, -is, -as,
 *     -shl, -shr; + -; * / %; -f; .. . Their operands are comma lists,
 *     whose items are unary expressions (-not, !, -bnot, unary - + and ,,
 *     ++/--, casts), whose operands are primaries with member access,
 *     method calls and indexing (only with no blank before the . or [).
 *     So `-not $a -eq $b` is `(-not $a) -eq $b` and `1,2 + 3` is
 *     `(1,2) + 3`, as in PowerShell.
 *
 *   - Newlines end statements except after a binary operator, a comma,
 *     a pipe, '=' or inside ( ) [ ] where PowerShell allows them.
 *
 * Errors use PowerShell's messages and error ids. A construct the input
 * ended inside of (an open brace, a trailing operator or pipe, an open
 * string) is marked incomplete so an interactive shell can read another
 * line. The first error ends the parse: it unwinds with longjmp to
 * sh_parse, which frees the unit's arena; nothing else needs freeing.
 *
 * Nesting is capped (SH_PARSE_MAX_DEPTH) so hostile input cannot exhaust
 * the C stack. Nothing backtracks more than a token or two, except the
 * check for an attribute list before `param`, which scans raw text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parser.h"
#include "util.h"

#define AT(p, i) sh_lex_char((p), (i))

typedef struct nvec {
	sh_node **items;
	size_t len, cap;
} nvec;

static void push(sh_parser *p, nvec *v, sh_node *n)
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

static sh_nodelist list_of(nvec *v)
{
	return (sh_nodelist){v->items, v->len};
}

static sh_token *peek(sh_parser *p, sh_lex_mode m)
{
	return sh_lex_peek(p, m);
}

static void next(sh_parser *p)
{
	sh_lex_advance(p);
}

static void skip_newlines(sh_parser *p, sh_lex_mode m)
{
	while (peek(p, m)->kind == TK_NEWLINE)
		next(p);
}

static void skip_terms(sh_parser *p)
{
	for (;;) {
		sh_tok_kind k = peek(p, SH_LEX_COMMAND)->kind;
		if (k != TK_NEWLINE && k != TK_SEMI)
			return;
		next(p);
	}
}

static sh_node *node(sh_parser *p, sh_node_kind kind, uint32_t start, uint32_t end)
{
	return sh_node_new(p, kind, start, end);
}

/* ---- errors ---- */

static const char *vfmt(sh_parser *p, const char *fmt, va_list ap)
{
	sh_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	const char *s = sh_arena_strndup(p->arena, buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

/* An error about the extent [start, end). */
_Noreturn __attribute__((format(printf, 6, 7))) static void fail_at(sh_parser *p, uint32_t start,
                                                                    uint32_t end, bool incomplete,
                                                                    const char *id, const char *fmt,
                                                                    ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = vfmt(p, fmt, ap);
	va_end(ap);
	sh_parser_fail(p, start, end > start ? end - start : 0, incomplete, id, "%s", msg);
}

/* Something is missing right after `end`; `cur` is what came instead. */
_Noreturn __attribute__((format(printf, 5, 6))) static void
fail_after(sh_parser *p, uint32_t end, const sh_token *cur, const char *id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = vfmt(p, fmt, ap);
	va_end(ap);
	sh_parser_fail(p, end, 0, cur->kind == TK_EOF, id, "%s", msg);
}

_Noreturn static void fail_unexpected(sh_parser *p, const sh_token *t)
{
	if (t->kind == TK_EOF)
		sh_parser_fail(p, p->len, 0, true, "UnexpectedToken",
		               "Unexpected token '' in expression or statement.");
	fail_at(p, t->start, t->end, false, "UnexpectedToken",
	        "Unexpected token '%.*s' in expression or statement.", (int)(t->end - t->start),
	        p->src + t->start);
}

_Noreturn static void fail_missing_brace(sh_parser *p, uint32_t open, const sh_token *cur)
{
	sh_parser_fail(p, open, 1, cur->kind == TK_EOF, "MissingEndCurlyBrace",
	               "Missing closing '}' in statement block or type definition.");
}

static void enter(sh_parser *p)
{
	if (++p->depth > SH_PARSE_MAX_DEPTH)
		sh_parser_fail(p, p->pos, 1, false, "ScriptTooComplicated",
		               "Processing was stopped because the script is too complex.");
}

static void leave(sh_parser *p)
{
	p->depth--;
}

/* ---- keywords ---- */

enum keyword {
	KW_NONE,
	KW_IF,
	KW_ELSEIF,
	KW_ELSE,
	KW_SWITCH,
	KW_FOREACH,
	KW_FOR,
	KW_WHILE,
	KW_DO,
	KW_UNTIL,
	KW_FUNCTION,
	KW_FILTER,
	KW_RETURN,
	KW_EXIT,
	KW_THROW,
	KW_BREAK,
	KW_CONTINUE,
	KW_TRY,
	KW_CATCH,
	KW_FINALLY,
	KW_TRAP,
	KW_PARAM,
	KW_BEGIN,
	KW_PROCESS,
	KW_END,
	KW_DYNAMICPARAM,
	KW_IN,
	KW_WORKFLOW,
	KW_UNSUPPORTED,
};

static const struct {
	const char *word;
	enum keyword kw;
} keywords[] = {
    {"begin", KW_BEGIN},
    {"break", KW_BREAK},
    {"catch", KW_CATCH},
    {"class", KW_UNSUPPORTED},
    {"configuration", KW_UNSUPPORTED},
    {"continue", KW_CONTINUE},
    {"data", KW_UNSUPPORTED},
    {"define", KW_UNSUPPORTED},
    {"do", KW_DO},
    {"dynamicparam", KW_DYNAMICPARAM},
    {"else", KW_ELSE},
    {"elseif", KW_ELSEIF},
    {"end", KW_END},
    {"enum", KW_UNSUPPORTED},
    {"exit", KW_EXIT},
    {"filter", KW_FILTER},
    {"finally", KW_FINALLY},
    {"for", KW_FOR},
    {"foreach", KW_FOREACH},
    {"from", KW_UNSUPPORTED},
    {"function", KW_FUNCTION},
    {"hidden", KW_UNSUPPORTED},
    {"if", KW_IF},
    {"in", KW_IN},
    {"inlinescript", KW_UNSUPPORTED},
    {"param", KW_PARAM},
    {"parallel", KW_UNSUPPORTED},
    {"process", KW_PROCESS},
    {"return", KW_RETURN},
    {"sequence", KW_UNSUPPORTED},
    {"static", KW_UNSUPPORTED},
    {"switch", KW_SWITCH},
    {"throw", KW_THROW},
    {"trap", KW_TRAP},
    {"try", KW_TRY},
    {"until", KW_UNTIL},
    {"using", KW_UNSUPPORTED},
    {"var", KW_UNSUPPORTED},
    {"while", KW_WHILE},
    {"workflow", KW_WORKFLOW},
};

static enum keyword keyword_lookup(const char *w)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (str_ieq(keywords[i].word, w))
			return keywords[i].kw;
	return KW_NONE;
}

bool sh_is_keyword(const char *word)
{
	return word && keyword_lookup(word) != KW_NONE;
}

static enum keyword keyword_of(const sh_token *t)
{
	if (t->kind != TK_WORD || !t->plain || !t->text)
		return KW_NONE;
	return keyword_lookup(t->text);
}

static bool word_is(const sh_token *t, const char *w)
{
	return t->kind == TK_WORD && t->plain && t->text && str_ieq(t->text, w);
}

/* ---- token classes ---- */

static bool is_terminator(sh_tok_kind k)
{
	return k == TK_NEWLINE || k == TK_SEMI || k == TK_EOF || k == TK_RPAREN || k == TK_RBRACE;
}

/* Tokens (lexed in command mode) that start an expression element. */
static bool is_expr_start(const sh_token *t)
{
	switch (t->kind) {
	case TK_NUMBER:
	case TK_STRING:
	case TK_VARIABLE:
	case TK_SPLAT:
	case TK_LPAREN:
	case TK_DOLLAR_PAREN:
	case TK_AT_PAREN:
	case TK_AT_BRACE:
	case TK_LBRACE:
	case TK_LBRACKET:
	case TK_EXCL:
	case TK_COMMA:
	case TK_MINUS:
	case TK_PLUS:
	case TK_INC:
	case TK_DEC:
		return true;
	case TK_OPERATOR:
		return t->is_unary;
	default:
		return false;
	}
}

static bool is_command_start(sh_tok_kind k)
{
	return k == TK_WORD || k == TK_AMP || k == TK_DOT;
}

static bool can_start_pipeline(const sh_token *t)
{
	return is_expr_start(t) || is_command_start(t->kind);
}

static bool is_lvalue(const sh_node *n)
{
	switch (n->kind) {
	case N_VARIABLE:
		return !n->u.variable.splat;
	case N_MEMBER:
	case N_INDEX:
		return true;
	case N_CAST:
		return n->u.type.operand && n->u.type.operand->kind != N_ARRAY_LITERAL &&
		       is_lvalue(n->u.type.operand);
	case N_ARRAY_LITERAL:
		for (size_t i = 0; i < n->u.array.len; i++)
			if (n->u.array.items[i]->kind == N_ARRAY_LITERAL ||
			    !is_lvalue(n->u.array.items[i]))
				return false;
		return true;
	default:
		return false;
	}
}

static bool is_incdec_target(const sh_node *n)
{
	return (n->kind == N_VARIABLE && !n->u.variable.splat) || n->kind == N_MEMBER ||
	       n->kind == N_INDEX;
}

/* ---- forward declarations ---- */

static sh_node *parse_statement(sh_parser *p);
static sh_node *parse_statement_list(sh_parser *p, sh_tok_kind closer);
static sh_node *parse_pipeline(sh_parser *p, bool allow_assign);
static sh_node *parse_expression(sh_parser *p);
static sh_node *parse_binary(sh_parser *p, int min_prec, bool comma);
static sh_node *parse_unary(sh_parser *p);
static sh_node *parse_primary(sh_parser *p, sh_lex_mode mode);
static sh_node *parse_postfix(sh_parser *p, sh_node *n);
static sh_node *parse_command_element(sh_parser *p);
static sh_node *parse_scriptblock(sh_parser *p, bool is_filter);
static sh_node *parse_param_list(sh_parser *p, uint32_t start, nvec *attributes);

static sh_node *string_const(sh_parser *p, const char *s, size_t n, uint32_t start, uint32_t end)
{
	return sh_const_node(p, sh_string_n(s, n), start, end);
}

/* A lone expression as a one-element pipeline (switch -file NAME). */
static sh_node *wrap_pipeline(sh_parser *p, sh_node *e)
{
	sh_node *ce = node(p, N_COMMAND_EXPR, e->start, e->end);
	ce->u.command_expr.expr = e;
	sh_node *pl = node(p, N_PIPELINE, e->start, e->end);
	nvec v = {0};
	push(p, &v, ce);
	pl->u.pipeline.elements = list_of(&v);
	return pl;
}

/* ---- type literals and attributes ---- */

static uint32_t skip_blank_chars(const sh_parser *p, uint32_t i)
{
	while (i < p->len && (p->src[i] == ' ' || p->src[i] == '\t'))
		i++;
	return i;
}

/* Scans a type name at i: dotted names, `1 arities, + nesting, array
 * ranks [] [,] and generic arguments [string,int]. Returns its end. */
static uint32_t scan_type_name(sh_parser *p, uint32_t i, int depth)
{
	if (depth > 32)
		sh_parser_fail(p, i, 1, false, "ScriptTooComplicated",
		               "Processing was stopped because the script is too complex.");
	uint32_t k = i, n;
	for (;;) {
		if ((n = sh_lex_ident_char(p, k)))
			k += n;
		else if ((AT(p, k) == '.' || AT(p, k) == '`' || AT(p, k) == '+') && k < p->len)
			k++;
		else
			break;
	}
	if (k == i)
		return i;
	while (AT(p, k) == '[' && k < p->len) {
		uint32_t m = skip_blank_chars(p, k + 1);
		if (AT(p, m) == ']' || AT(p, m) == ',') {
			while (AT(p, m) == ',' || AT(p, m) == ' ')
				m++;
			if (AT(p, m) != ']')
				sh_parser_fail(p, m, 1, m >= p->len,
				               "EndSquareBracketExpectedAtEndOfType",
				               "Missing ] at end of type token.");
			k = m + 1;
			continue;
		}
		for (;;) {
			m = skip_blank_chars(p, m);
			bool bracketed = AT(p, m) == '[';
			if (bracketed)
				m = skip_blank_chars(p, m + 1);
			uint32_t e = scan_type_name(p, m, depth + 1);
			if (e == m)
				sh_parser_fail(p, m, 1, m >= p->len, "MissingTypename",
				               "Missing type name after '['.");
			m = skip_blank_chars(p, e);
			if (bracketed) {
				if (AT(p, m) != ']')
					sh_parser_fail(p, m, 1, m >= p->len,
					               "EndSquareBracketExpectedAtEndOfType",
					               "Missing ] at end of type token.");
				m = skip_blank_chars(p, m + 1);
			}
			if (AT(p, m) == ',' && m < p->len) {
				m++;
				continue;
			}
			if (AT(p, m) == ']' && m < p->len) {
				m++;
				break;
			}
			sh_parser_fail(p, m, 1, m >= p->len, "EndSquareBracketExpectedAtEndOfType",
			               "Missing ] at end of type token.");
		}
		k = m;
	}
	return k;
}

/* The [Name] or [Name( at `open`. Sets *end past the ']' (or at the '('
 * of an attribute, with *is_attribute). Returns the name. */
static const char *scan_bracketed_type(sh_parser *p, uint32_t open, uint32_t *end,
                                       bool *is_attribute)
{
	uint32_t j = skip_blank_chars(p, open + 1);
	uint32_t name_end = scan_type_name(p, j, 0);
	if (name_end == j)
		sh_parser_fail(p, j, 1, j >= p->len, "MissingTypename",
		               "Missing type name after '['.");
	const char *name = sh_arena_strndup(p->arena, p->src + j, name_end - j);
	uint32_t k = skip_blank_chars(p, name_end);
	*is_attribute = false;
	if (AT(p, k) == '(' && k < p->len) {
		*is_attribute = true;
		*end = k;
		return name;
	}
	if (AT(p, k) != ']' || k >= p->len)
		sh_parser_fail(p, k, 1, k >= p->len, "EndSquareBracketExpectedAtEndOfType",
		               "Missing ] at end of type token.");
	*end = k + 1;
	return name;
}

/* [Type] where only a type may stand (catch, trap, expressions). */
static sh_node *parse_type_literal(sh_parser *p)
{
	uint32_t open = peek(p, SH_LEX_COMMAND)->start, end;
	bool is_attr;
	const char *name = scan_bracketed_type(p, open, &end, &is_attr);
	if (is_attr)
		fail_at(p, open, end, false, "UnexpectedAttribute", "Unexpected attribute '%s'.",
		        name);
	sh_lex_seek(p, end);
	sh_node *t = node(p, N_TYPE, open, end);
	t->u.type.type_name = (char *)name;
	return t;
}

/* [Name(args)] as an N_ATTRIBUTE, or [Type] as an N_TYPE. */
static sh_node *parse_attribute(sh_parser *p)
{
	uint32_t open = peek(p, SH_LEX_COMMAND)->start, end;
	bool is_attr;
	const char *name = scan_bracketed_type(p, open, &end, &is_attr);
	if (!is_attr) {
		sh_lex_seek(p, end);
		sh_node *t = node(p, N_TYPE, open, end);
		t->u.type.type_name = (char *)name;
		return t;
	}
	sh_node *a = node(p, N_ATTRIBUTE, open, end);
	a->u.attribute.name = (char *)name;
	nvec positional = {0}, values = {0};
	const char **keys = NULL;
	size_t nkeys = 0, capkeys = 0;
	sh_lex_seek(p, end + 1);
	skip_newlines(p, SH_LEX_EXPR);
	if (peek(p, SH_LEX_EXPR)->kind != TK_RPAREN) {
		for (;;) {
			sh_token t = *peek(p, SH_LEX_EXPR);
			uint32_t k = t.kind == TK_IDENT ? sh_lex_skip_blanks(p, t.end) : 0;
			if (t.kind == TK_IDENT &&
			    ((AT(p, k) == '=' && AT(p, k + 1) != '=') || AT(p, k) == ',' ||
			     AT(p, k) == ')' || AT(p, k) == '\n' || AT(p, k) == '\r')) {
				next(p);
				sh_node *value = NULL;
				sh_token eq = *peek(p, SH_LEX_EXPR);
				if (eq.kind == TK_ASSIGN && eq.assign_op == SH_ASSIGN) {
					next(p);
					skip_newlines(p, SH_LEX_EXPR);
					value = parse_binary(p, 1, false);
					if (!value)
						fail_after(p, eq.end, peek(p, SH_LEX_EXPR),
						           "MissingExpressionInNamedArgument",
						           "Missing statement after '=' in named "
						           "argument.");
				}
				if (nkeys == capkeys) {
					size_t cap = capkeys ? capkeys * 2 : 4;
					const char **nk =
					    sh_arena_alloc(p->arena, cap * sizeof *nk);
					if (nkeys)
						memcpy(nk, keys, nkeys * sizeof *nk);
					keys = nk;
					capkeys = cap;
				}
				keys[nkeys++] = t.text;
				push(p, &values, value);
			} else {
				sh_node *v = parse_binary(p, 1, false);
				if (!v) {
					if (t.kind == TK_EOF)
						fail_after(p, p->last_end, &t,
						           "MissingEndParenthesisInMethodCall",
						           "Missing ')' in method call.");
					fail_unexpected(p, &t);
				}
				push(p, &positional, v);
			}
			skip_newlines(p, SH_LEX_EXPR);
			sh_token s = *peek(p, SH_LEX_EXPR);
			if (s.kind == TK_COMMA) {
				next(p);
				skip_newlines(p, SH_LEX_EXPR);
				continue;
			}
			if (s.kind == TK_RPAREN)
				break;
			fail_after(p, p->last_end, &s, "MissingEndParenthesisInMethodCall",
			           "Missing ')' in method call.");
		}
	}
	next(p); /* ')' */
	uint32_t k = sh_lex_skip_blanks(p, p->pos);
	if (AT(p, k) != ']' || k >= p->len)
		sh_parser_fail(p, k, 1, k >= p->len, "EndSquareBracketExpectedAtEndOfAttribute",
		               "Missing ] at end of attribute or type literal.");
	sh_lex_seek(p, k + 1);
	a->end = k + 1;
	a->u.attribute.positional = list_of(&positional);
	a->u.attribute.named_keys = (char **)keys;
	a->u.attribute.named_values = values.items;
	a->u.attribute.named_len = nkeys;
	return a;
}

/* Skips a bracketed group in raw text (quotes, nesting, comments);
 * returns the position after it or 0 when it does not close. */
static uint32_t skip_balanced(const sh_parser *p, uint32_t i)
{
	char stack[256];
	int sp = 0;
	stack[sp++] = ']';
	i++;
	while (i < p->len) {
		unsigned char c = p->src[i];
		if (stack[sp - 1] == '"') {
			if (c == '`') {
				i += 2;
			} else if (c == '"') {
				if (AT(p, i + 1) == '"') {
					i += 2;
				} else {
					sp--;
					i++;
				}
			} else if (c == '$' && AT(p, i + 1) == '(') {
				if (sp == (int)sizeof stack)
					return 0;
				stack[sp++] = ')';
				i += 2;
			} else {
				i++;
			}
			continue;
		}
		switch (c) {
		case '`':
			i += 2;
			continue;
		case '\'':
			i++;
			while (i < p->len) {
				if (p->src[i] == '\'') {
					if (AT(p, i + 1) != '\'')
						break;
					i++;
				}
				i++;
			}
			break;
		case '"':
		case '(':
		case '[':
		case '{':
			if (sp == (int)sizeof stack)
				return 0;
			stack[sp++] = c == '"' ? '"' : c == '(' ? ')' : c == '[' ? ']' : '}';
			break;
		case ')':
		case ']':
		case '}':
			if (c != stack[sp - 1])
				return 0;
			if (--sp == 0)
				return i + 1;
			break;
		case '#':
			while (i < p->len && p->src[i] != '\n')
				i++;
			continue;
		case '<':
			if (AT(p, i + 1) == '#') {
				i += 2;
				while (i + 1 < p->len &&
				       !(p->src[i] == '#' && p->src[i + 1] == '>'))
					i++;
				i++;
			}
			break;
		}
		i++;
	}
	return 0;
}

/* Raw lookahead: do attributes followed by `param (` start here? */
static bool param_block_ahead(sh_parser *p, uint32_t i)
{
	for (;;) {
		i = sh_lex_skip_blanks(p, i);
		while (i < p->len && (p->src[i] == '\n' || p->src[i] == '\r')) {
			i = sh_lex_skip_blanks(p, i + 1);
		}
		if (AT(p, i) == '[' && i < p->len) {
			i = skip_balanced(p, i);
			if (!i)
				return false;
			continue;
		}
		if (i + 5 > p->len || strncasecmp(p->src + i, "param", 5) != 0 ||
		    sh_lex_ident_char(p, i + 5) || AT(p, i + 5) == '-')
			return false;
		i += 5;
		for (;;) {
			i = sh_lex_skip_blanks(p, i);
			if (i < p->len && (p->src[i] == '\n' || p->src[i] == '\r'))
				i++;
			else
				break;
		}
		return AT(p, i) == '(' && i < p->len;
	}
}

/* ---- parameters ---- */

static int cmp_names(const void *a, const void *b)
{
	const sh_node *x = *(const sh_node *const *)a, *y = *(const sh_node *const *)b;
	int c = str_icmp(x->u.parameter.name, y->u.parameter.name);
	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

static sh_node *parse_parameter(sh_parser *p)
{
	uint32_t start = peek(p, SH_LEX_COMMAND)->start;
	nvec attrs = {0};
	sh_node *type = NULL;
	while (peek(p, SH_LEX_COMMAND)->kind == TK_LBRACKET) {
		sh_node *a = parse_attribute(p);
		if (a->kind == N_TYPE)
			type = a;
		else
			push(p, &attrs, a);
		skip_newlines(p, SH_LEX_COMMAND);
	}
	sh_token v = *peek(p, SH_LEX_EXPR);
	if (v.kind != TK_VARIABLE)
		fail_at(p, v.start, v.end, v.kind == TK_EOF, "InvalidFunctionParameter",
		        "Parameter declarations are a comma-separated list of variable names with "
		        "optional initializer expressions.");
	next(p);
	sh_node *n = node(p, N_PARAMETER, start, v.end);
	n->u.parameter.name = v.node->u.variable.name;
	n->u.parameter.attributes = list_of(&attrs);
	n->u.parameter.type = type;
	sh_token eq = *peek(p, SH_LEX_EXPR);
	if (eq.kind == TK_ASSIGN && eq.assign_op == SH_ASSIGN) {
		next(p);
		skip_newlines(p, SH_LEX_EXPR);
		sh_node *d = parse_binary(p, 1, false);
		if (!d)
			fail_after(
			    p, eq.end, peek(p, SH_LEX_EXPR), "ExpectedValueExpression",
			    "You must provide a value expression following the '=' operator.");
		n->u.parameter.default_value = d;
		n->end = d->end;
	}
	return n;
}

/* `( params )` of param or of a function declaration; the '(' is next. */
static sh_node *parse_param_list(sh_parser *p, uint32_t start, nvec *attributes)
{
	sh_token open = *peek(p, SH_LEX_COMMAND);
	next(p);
	nvec params = {0};
	for (;;) {
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token t = *peek(p, SH_LEX_COMMAND);
		if (t.kind == TK_RPAREN)
			break;
		if (t.kind == TK_EOF)
			fail_after(p, p->last_end, &t,
			           "MissingEndParenthesisInFunctionParameterList",
			           "Missing ')' in function parameter list.");
		sh_node *param = parse_parameter(p);
		push(p, &params, param);
		skip_newlines(p, SH_LEX_EXPR);
		sh_token s = *peek(p, SH_LEX_EXPR);
		if (s.kind == TK_COMMA) {
			next(p);
			continue;
		}
		if (s.kind == TK_RPAREN)
			break;
		fail_after(p, param->end, &s, "MissingEndParenthesisInFunctionParameterList",
		           "Missing ')' in function parameter list.");
	}
	sh_token close = *peek(p, SH_LEX_COMMAND);
	next(p);
	if (params.len > 1) {
		sh_node **sorted = sh_arena_alloc(p->arena, params.len * sizeof *sorted);
		memcpy(sorted, params.items, params.len * sizeof *sorted);
		qsort(sorted, params.len, sizeof *sorted, cmp_names);
		for (size_t i = 1; i < params.len; i++)
			if (str_ieq(sorted[i]->u.parameter.name, sorted[i - 1]->u.parameter.name))
				fail_at(p, sorted[i]->start, sorted[i]->end, false,
				        "DuplicateFormalParameter",
				        "Duplicate parameter $%s in parameter list.",
				        sorted[i]->u.parameter.name);
	}
	sh_node *pb = node(p, N_PARAM_BLOCK, start < open.start ? start : open.start, close.end);
	if (attributes)
		pb->u.param_block.attributes = list_of(attributes);
	pb->u.param_block.parameters = list_of(&params);
	return pb;
}

/* ---- blocks ---- */

/* { statements } as N_STATEMENTS whose extent includes the braces. */
static sh_node *parse_block(sh_parser *p)
{
	sh_token open = *peek(p, SH_LEX_COMMAND);
	next(p);
	sh_node *st = parse_statement_list(p, TK_RBRACE);
	sh_token close = *peek(p, SH_LEX_COMMAND);
	if (close.kind != TK_RBRACE)
		fail_missing_brace(p, open.start, &close);
	next(p);
	st->start = open.start;
	st->end = close.end;
	sh_parser_position(p, st->start, &st->line, &st->column);
	return st;
}

static int named_block(const sh_token *t)
{
	enum keyword k = keyword_of(t);
	return k == KW_BEGIN || k == KW_PROCESS || k == KW_END || k == KW_DYNAMICPARAM ? k : 0;
}

/* The inside of a script block or script: [attributes] param(...), then
 * begin/process/end blocks or plain statements. */
static sh_node *parse_script_body(sh_parser *p, sh_tok_kind closer, bool is_filter, uint32_t start)
{
	sh_node *sb = node(p, N_SCRIPTBLOCK, start, start);
	sb->u.scriptblock.is_filter = is_filter;
	skip_terms(p);
	sh_token t = *peek(p, SH_LEX_COMMAND);
	if ((t.kind == TK_LBRACKET || word_is(&t, "param")) && param_block_ahead(p, t.start)) {
		nvec attrs = {0};
		uint32_t pstart = t.start;
		while (peek(p, SH_LEX_COMMAND)->kind == TK_LBRACKET) {
			sh_node *a = parse_attribute(p);
			if (a->kind != N_ATTRIBUTE)
				fail_at(
				    p, a->start, a->end, false, "TypeNotAllowedBeforeParam",
				    "Unexpected type [%s] was found in the parameter statement.",
				    a->u.type.type_name);
			push(p, &attrs, a);
			skip_newlines(p, SH_LEX_COMMAND);
		}
		next(p); /* param */
		skip_newlines(p, SH_LEX_COMMAND);
		sb->u.scriptblock.param_block = parse_param_list(p, pstart, &attrs);
		skip_terms(p);
		t = *peek(p, SH_LEX_COMMAND);
	}
	if (named_block(&t)) {
		for (;;) {
			skip_terms(p);
			t = *peek(p, SH_LEX_COMMAND);
			if (t.kind == closer || t.kind == TK_EOF)
				break;
			int which = named_block(&t);
			if (!which)
				fail_at(p, t.start, t.end, false, "MissingNamedBlocks",
				        "unexpected token '%.*s', expected 'begin', 'process', "
				        "'end', or "
				        "'dynamicparam'.",
				        (int)(t.end - t.start), p->src + t.start);
			if (which == KW_DYNAMICPARAM)
				fail_at(p, t.start, t.end, false, "ReservedKeywordNotAllowed",
				        "The '%s' keyword is not supported in this version of the "
				        "language.",
				        t.text);
			sh_node **slot = which == KW_BEGIN     ? &sb->u.scriptblock.begin
			                 : which == KW_PROCESS ? &sb->u.scriptblock.process
			                                       : &sb->u.scriptblock.end;
			if (*slot)
				fail_at(p, t.start, t.end, false, "DuplicateScriptCommandClause",
				        "Script command clause '%s' has already been defined.",
				        t.text);
			next(p);
			skip_newlines(p, SH_LEX_COMMAND);
			sh_token b = *peek(p, SH_LEX_COMMAND);
			if (b.kind != TK_LBRACE)
				fail_after(p, t.end, &b, "MissingNamedStatementBlock",
				           "Missing statement block after '%s'.", t.text);
			*slot = parse_block(p);
		}
	} else {
		sh_node *st = parse_statement_list(p, closer);
		if (is_filter)
			sb->u.scriptblock.process = st;
		else
			sb->u.scriptblock.end = st;
	}
	return sb;
}

/* { ... } as an N_SCRIPTBLOCK whose extent includes the braces. */
static sh_node *parse_scriptblock(sh_parser *p, bool is_filter)
{
	sh_token open = *peek(p, SH_LEX_COMMAND);
	next(p);
	enter(p);
	sh_node *sb = parse_script_body(p, TK_RBRACE, is_filter, open.start);
	leave(p);
	sh_token close = *peek(p, SH_LEX_COMMAND);
	if (close.kind != TK_RBRACE)
		fail_missing_brace(p, open.start, &close);
	next(p);
	sb->end = close.end;
	return sb;
}

static sh_node *parse_statement_list(sh_parser *p, sh_tok_kind closer)
{
	nvec v = {0};
	uint32_t start = p->pos;
	for (;;) {
		sh_token t = *peek(p, SH_LEX_COMMAND);
		if (t.kind == TK_NEWLINE || t.kind == TK_SEMI) {
			next(p);
			continue;
		}
		if (t.kind == TK_EOF || t.kind == closer)
			break;
		if (t.kind == TK_RPAREN || t.kind == TK_RBRACE)
			fail_unexpected(p, &t);
		push(p, &v, parse_statement(p));
	}
	sh_node *n;
	if (v.len)
		n = node(p, N_STATEMENTS, v.items[0]->start, v.items[v.len - 1]->end);
	else
		n = node(p, N_STATEMENTS, start, start);
	n->u.statements = list_of(&v);
	return n;
}

/* ---- statements ---- */

static const char *kw_text(const sh_token *t)
{
	static const char *const lower[] = {"if",  "elseif",  "while",  "until",
	                                    "for", "foreach", "switch", "do"};
	for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++)
		if (str_ieq(t->text, lower[i]))
			return lower[i];
	return t->text;
}

static sh_node *parse_if(sh_parser *p, sh_token kw)
{
	sh_node *n = node(p, N_IF, kw.start, kw.end);
	nvec conds = {0}, bodies = {0};
	for (;;) {
		const char *k = kw_text(&kw);
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token o = *peek(p, SH_LEX_COMMAND);
		if (o.kind != TK_LPAREN)
			fail_after(p, kw.end, &o, "MissingOpenParenthesisInIfStatement",
			           "Missing '(' after '%s' in if statement.", k);
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token c = *peek(p, SH_LEX_COMMAND);
		if (!can_start_pipeline(&c))
			fail_after(p, o.end, &c, "IfStatementMissingCondition",
			           "Missing condition in if statement after '%s ('.", k);
		sh_node *cond = parse_pipeline(p, true);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token cl = *peek(p, SH_LEX_COMMAND);
		if (cl.kind != TK_RPAREN)
			fail_after(p, cond->end, &cl, "MissingEndParenthesisAfterStatement",
			           "Missing closing ')' after expression in '%s' statement.", k);
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token b = *peek(p, SH_LEX_COMMAND);
		if (b.kind != TK_LBRACE)
			fail_after(p, cl.end, &b, "MissingStatementBlock",
			           "Missing statement block after %s ( condition ).", k);
		sh_node *body = parse_block(p);
		push(p, &conds, cond);
		push(p, &bodies, body);
		n->end = body->end;
		uint32_t save = p->pos;
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token e = *peek(p, SH_LEX_COMMAND);
		enum keyword ek = keyword_of(&e);
		if (ek == KW_ELSEIF) {
			kw = e;
			continue;
		}
		if (ek == KW_ELSE) {
			next(p);
			skip_newlines(p, SH_LEX_COMMAND);
			sh_token eb = *peek(p, SH_LEX_COMMAND);
			if (eb.kind != TK_LBRACE)
				fail_after(p, e.end, &eb, "MissingStatementBlockAfterElse",
				           "Missing statement block after 'else' keyword.");
			n->u.if_stmt.else_body = parse_block(p);
			n->end = n->u.if_stmt.else_body->end;
			break;
		}
		sh_lex_seek(p, save);
		break;
	}
	n->u.if_stmt.conditions = list_of(&conds);
	n->u.if_stmt.bodies = list_of(&bodies);
	return n;
}

static bool flag_is(const char *given, const char *flag)
{
	size_t n = strlen(given);
	return n > 0 && n <= strlen(flag) && strncasecmp(given, flag, n) == 0;
}

static sh_node *parse_switch(sh_parser *p, sh_token kw, const char *label, uint32_t start)
{
	sh_node *n = node(p, N_SWITCH, start, kw.end);
	n->u.switch_stmt.label = (char *)label;
	next(p);
	for (;;) {
		sh_token f = *peek(p, SH_LEX_ARG);
		if (f.kind != TK_PARAMETER)
			break;
		next(p);
		if (flag_is(f.text, "regex"))
			n->u.switch_stmt.mode = SH_SWITCH_REGEX;
		else if (flag_is(f.text, "wildcard"))
			n->u.switch_stmt.mode = SH_SWITCH_WILDCARD;
		else if (flag_is(f.text, "exact"))
			n->u.switch_stmt.mode = SH_SWITCH_EXACT;
		else if (flag_is(f.text, "casesensitive"))
			n->u.switch_stmt.case_sensitive = true;
		else if (flag_is(f.text, "file")) {
			n->u.switch_stmt.file = true;
			sh_token fn = *peek(p, SH_LEX_ARG);
			sh_node *e = parse_command_element(p);
			if (!e)
				fail_after(p, f.end, &fn, "MissingFilenameOption",
				           "Cannot process the 'switch' statement because of a "
				           "missing file "
				           "name argument to the -file option.");
			n->u.switch_stmt.condition = wrap_pipeline(p, e);
		} else {
			fail_at(p, f.start, f.end, false, "InvalidSwitchFlag",
			        "The parameter %.*s is not valid for the switch statement.",
			        (int)(f.end - f.start), p->src + f.start);
		}
	}
	if (!n->u.switch_stmt.file) {
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token o = *peek(p, SH_LEX_COMMAND);
		if (o.kind != TK_LPAREN)
			fail_after(
			    p, p->last_end, &o, "PipelineValueRequired",
			    "A switch statement must have one of the following:  '-file file_name' "
			    "or '( expression )'.");
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token c = *peek(p, SH_LEX_COMMAND);
		if (!can_start_pipeline(&c))
			fail_after(p, o.end, &c, "MissingSwitchValueExpression",
			           "Missing expression after '(' in switch statement.");
		n->u.switch_stmt.condition = parse_pipeline(p, true);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token cl = *peek(p, SH_LEX_COMMAND);
		if (cl.kind != TK_RPAREN)
			fail_after(p, n->u.switch_stmt.condition->end, &cl,
			           "MissingEndParenthesisInSwitchStatement",
			           "Missing ')' after expression in switch statement.");
		next(p);
	}
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token ob = *peek(p, SH_LEX_COMMAND);
	if (ob.kind != TK_LBRACE)
		fail_after(p, p->last_end, &ob, "MissingCurlyBraceInSwitchStatement",
		           "Missing '{' in switch statement.");
	next(p);
	nvec patterns = {0}, bodies = {0};
	for (;;) {
		sh_token t = *peek(p, SH_LEX_ARG);
		if (t.kind == TK_NEWLINE || t.kind == TK_SEMI) {
			next(p);
			continue;
		}
		if (t.kind == TK_RBRACE) {
			next(p);
			n->end = t.end;
			break;
		}
		if (t.kind == TK_EOF)
			fail_missing_brace(p, ob.start, &t);
		sh_node *pattern = NULL;
		bool is_default = word_is(&t, "default");
		if (is_default) {
			if (n->u.switch_stmt.default_body)
				fail_at(p, t.start, t.end, false, "MultipleSwitchDefaultClauses",
				        "A switch statement can have only one default clause.");
			next(p);
		} else if (t.kind == TK_LBRACE) {
			pattern = parse_primary(p, SH_LEX_ARG);
		} else {
			pattern = parse_command_element(p);
			if (!pattern)
				fail_at(p, t.start, t.end, false,
				        "MissingSwitchConditionExpression",
				        "Missing condition in switch statement clause.");
		}
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token b = *peek(p, SH_LEX_COMMAND);
		if (b.kind != TK_LBRACE)
			fail_after(p, p->last_end, &b, "MissingSwitchStatementClause",
			           "Missing statement block in switch statement clause.");
		sh_node *body = parse_block(p);
		if (is_default) {
			n->u.switch_stmt.default_body = body;
		} else {
			push(p, &patterns, pattern);
			push(p, &bodies, body);
		}
	}
	n->u.switch_stmt.patterns = list_of(&patterns);
	n->u.switch_stmt.bodies = list_of(&bodies);
	return n;
}

static const char foreach_form[] = "The correct form is: foreach ($a in $b) {...}";

static sh_node *parse_foreach(sh_parser *p, sh_token kw, const char *label, uint32_t start)
{
	sh_node *n = node(p, N_FOREACH, start, kw.end);
	n->u.foreach_stmt.label = (char *)label;
	next(p);
	sh_token f = *peek(p, SH_LEX_ARG);
	if (f.kind == TK_PARAMETER)
		fail_at(p, f.start, f.end, false, "InvalidForeachFlag",
		        "The parameter %.*s is not valid for the foreach statement.",
		        (int)(f.end - f.start), p->src + f.start);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token o = *peek(p, SH_LEX_COMMAND);
	if (o.kind != TK_LPAREN)
		fail_after(p, kw.end, &o, "MissingOpenParenthesisAfterKeyword",
		           "Missing opening '(' after keyword 'foreach'.");
	next(p);
	skip_newlines(p, SH_LEX_EXPR);
	sh_token v = *peek(p, SH_LEX_EXPR);
	if (v.kind != TK_VARIABLE)
		fail_after(p, o.end, &v, "MissingVariableNameAfterForeach",
		           "Missing variable name after foreach.\n%s", foreach_form);
	next(p);
	n->u.foreach_stmt.variable = v.node;
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token in = *peek(p, SH_LEX_COMMAND);
	if (keyword_of(&in) != KW_IN)
		fail_after(p, v.end, &in, "MissingInInForeach",
		           "Missing 'in' after variable in foreach loop.\n%s", foreach_form);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token c = *peek(p, SH_LEX_COMMAND);
	if (!can_start_pipeline(&c))
		fail_after(p, in.end, &c, "MissingForeachExpression",
		           "Missing expression in foreach loop.\n%s", foreach_form);
	n->u.foreach_stmt.collection = parse_pipeline(p, true);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token cl = *peek(p, SH_LEX_COMMAND);
	if (cl.kind != TK_RPAREN)
		fail_after(
		    p, n->u.foreach_stmt.collection->end, &cl, "MissingEndParenthesisAfterForeach",
		    "Missing closing ')' after expression part of foreach loop.\n%s", foreach_form);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, cl.end, &b, "MissingForeachStatement",
		           "Missing statement body in foreach loop.\n%s", foreach_form);
	n->u.foreach_stmt.body = parse_block(p);
	n->end = n->u.foreach_stmt.body->end;
	return n;
}

static sh_node *parse_for(sh_parser *p, sh_token kw, const char *label, uint32_t start)
{
	sh_node *n = node(p, N_FOR, start, kw.end);
	n->u.for_stmt.label = (char *)label;
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token o = *peek(p, SH_LEX_COMMAND);
	if (o.kind != TK_LPAREN)
		fail_after(p, kw.end, &o, "MissingOpenParenthesisAfterKeyword",
		           "Missing opening '(' after keyword 'for'.");
	next(p);
	sh_node **parts[3] = {&n->u.for_stmt.init, &n->u.for_stmt.condition,
	                      &n->u.for_stmt.iterator};
	for (int k = 0; k < 3; k++) {
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token t = *peek(p, SH_LEX_COMMAND);
		if (can_start_pipeline(&t))
			*parts[k] = parse_pipeline(p, true);
		t = *peek(p, SH_LEX_COMMAND);
		if (k < 2 && (t.kind == TK_SEMI || t.kind == TK_NEWLINE))
			next(p);
	}
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token cl = *peek(p, SH_LEX_COMMAND);
	if (cl.kind != TK_RPAREN)
		fail_after(p, p->last_end, &cl, "MissingEndParenthesisAfterStatement",
		           "Missing closing ')' after expression in 'for' statement.");
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, cl.end, &b, "MissingLoopStatement",
		           "Missing statement body in for loop.");
	n->u.for_stmt.body = parse_block(p);
	n->end = n->u.for_stmt.body->end;
	return n;
}

/* `( condition )` of while, do-while and do-until. */
static sh_node *parse_loop_condition(sh_parser *p, const sh_token *kw)
{
	const char *k = kw_text(kw);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token o = *peek(p, SH_LEX_COMMAND);
	if (o.kind != TK_LPAREN)
		fail_after(p, kw->end, &o, "MissingOpenParenthesisAfterKeyword",
		           "Missing opening '(' after keyword '%s'.", k);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token c = *peek(p, SH_LEX_COMMAND);
	if (!can_start_pipeline(&c))
		fail_after(p, o.end, &c, "MissingExpressionAfterKeyword",
		           "Missing expression after '%s' in loop.", k);
	sh_node *cond = parse_pipeline(p, true);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token cl = *peek(p, SH_LEX_COMMAND);
	if (cl.kind != TK_RPAREN)
		fail_after(p, cond->end, &cl, "MissingEndParenthesisAfterStatement",
		           "Missing closing ')' after expression in '%s' statement.", k);
	next(p);
	return cond;
}

static sh_node *parse_while(sh_parser *p, sh_token kw, const char *label, uint32_t start)
{
	sh_node *n = node(p, N_WHILE, start, kw.end);
	n->u.loop.label = (char *)label;
	next(p);
	n->u.loop.condition = parse_loop_condition(p, &kw);
	uint32_t after = p->last_end;
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, after, &b, "MissingLoopStatement",
		           "Missing statement body in while loop.");
	n->u.loop.body = parse_block(p);
	n->end = n->u.loop.body->end;
	return n;
}

static sh_node *parse_do(sh_parser *p, sh_token kw, const char *label, uint32_t start)
{
	sh_node *n = node(p, N_DO_WHILE, start, kw.end);
	n->u.loop.label = (char *)label;
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, kw.end, &b, "MissingLoopStatement",
		           "Missing statement body in do loop.");
	n->u.loop.body = parse_block(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token w = *peek(p, SH_LEX_COMMAND);
	enum keyword k = keyword_of(&w);
	if (k != KW_WHILE && k != KW_UNTIL)
		fail_after(p, n->u.loop.body->end, &w, "MissingWhileOrUntilInDoWhile",
		           "Missing while or until keyword in do loop.");
	if (k == KW_UNTIL)
		n->kind = N_DO_UNTIL;
	next(p);
	n->u.loop.condition = parse_loop_condition(p, &w);
	n->end = p->last_end;
	return n;
}

static sh_node *parse_function(sh_parser *p, sh_token kw, bool is_filter)
{
	next(p);
	sh_token nm = *peek(p, SH_LEX_COMMAND);
	const char *name = NULL;
	if (nm.kind == TK_WORD && nm.node->kind == N_CONSTANT)
		name = sh_arena_strndup(p->arena, sh_str(nm.node->u.constant.value),
		                        sh_str_len(nm.node->u.constant.value));
	else if (nm.kind == TK_NUMBER || nm.kind == TK_STRING)
		name = sh_arena_strndup(p->arena, p->src + nm.start, nm.end - nm.start);
	if (!name || !*name)
		fail_after(p, kw.end, &nm, "MissingNameAfterKeyword",
		           "Missing name after %s keyword.", is_filter ? "filter" : "function");
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_node *params = NULL;
	if (peek(p, SH_LEX_COMMAND)->kind == TK_LPAREN) {
		params = parse_param_list(p, peek(p, SH_LEX_COMMAND)->start, NULL);
		skip_newlines(p, SH_LEX_COMMAND);
	}
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, p->last_end, &b, "MissingFunctionBody",
		           "Missing function body in function declaration.");
	sh_node *body = parse_scriptblock(p, is_filter);
	if (params) {
		sh_node *pb = body->u.scriptblock.param_block;
		if (pb)
			fail_at(
			    p, pb->start, pb->end, false, "OnlyOneParameterListAllowed",
			    "The param statement cannot be used if arguments were specified in the "
			    "function declaration.");
		body->u.scriptblock.param_block = params;
	}
	sh_node *n = node(p, N_FUNCTION, kw.start, body->end);
	n->u.function.name = (char *)name;
	n->u.function.is_filter = is_filter;
	n->u.function.body = body;
	return n;
}

/* return, exit, throw: an optional pipeline. */
static sh_node *parse_flow(sh_parser *p, sh_token kw, sh_node_kind kind)
{
	next(p);
	sh_node *n = node(p, kind, kw.start, kw.end);
	sh_token t = *peek(p, SH_LEX_COMMAND);
	if (!is_terminator(t.kind)) {
		n->u.flow.value = parse_pipeline(p, true);
		n->end = n->u.flow.value->end;
	}
	return n;
}

/* break, continue: an optional label. */
static sh_node *parse_jump(sh_parser *p, sh_token kw, sh_node_kind kind)
{
	next(p);
	sh_node *n = node(p, kind, kw.start, kw.end);
	sh_token t = *peek(p, SH_LEX_ARG);
	if (is_terminator(t.kind))
		return n;
	sh_node *label = parse_command_element(p);
	if (!label)
		fail_unexpected(p, &t);
	n->u.jump.label = label;
	n->end = label->end;
	sh_token f = *peek(p, SH_LEX_ARG);
	if (!is_terminator(f.kind) && f.kind != TK_PIPE)
		fail_unexpected(p, &f);
	return n;
}

static sh_node *parse_try(sh_parser *p, sh_token kw)
{
	sh_node *n = node(p, N_TRY, kw.start, kw.end);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(p, kw.end, &b, "MissingTryStatementBlock",
		           "The Try statement is missing its statement block.");
	n->u.try_stmt.body = parse_block(p);
	n->end = n->u.try_stmt.body->end;
	nvec types = {0}, bodies = {0};
	const sh_node *catch_all = NULL;
	for (;;) {
		uint32_t save = p->pos;
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token c = *peek(p, SH_LEX_COMMAND);
		enum keyword k = keyword_of(&c);
		if (k == KW_CATCH) {
			next(p);
			nvec tl = {0};
			skip_newlines(p, SH_LEX_COMMAND);
			while (peek(p, SH_LEX_COMMAND)->kind == TK_LBRACKET) {
				push(p, &tl, parse_type_literal(p));
				skip_newlines(p, SH_LEX_COMMAND);
				sh_token cm = *peek(p, SH_LEX_COMMAND);
				if (cm.kind != TK_COMMA)
					break;
				next(p);
				skip_newlines(p, SH_LEX_COMMAND);
				sh_token nt = *peek(p, SH_LEX_COMMAND);
				if (nt.kind != TK_LBRACKET)
					fail_after(p, cm.end, &nt, "MissingTypeLiteralToken",
					           "Missing type literal.");
			}
			if (catch_all)
				fail_at(p, catch_all->start, catch_all->end, false,
				        "EmptyCatchNotLast",
				        "Catch block must be the last catch block.");
			sh_node *tn = tl.len ? node(p, N_ARRAY_LITERAL, tl.items[0]->start,
			                            tl.items[tl.len - 1]->end)
			                     : node(p, N_ARRAY_LITERAL, c.start, c.end);
			tn->u.array = list_of(&tl);
			if (!tl.len)
				catch_all = tn;
			sh_token cb = *peek(p, SH_LEX_COMMAND);
			if (cb.kind != TK_LBRACE)
				fail_after(p, p->last_end, &cb, "MissingCatchHandlerBlock",
				           "The Catch block is missing its statement block.");
			sh_node *body = parse_block(p);
			push(p, &types, tn);
			push(p, &bodies, body);
			n->end = body->end;
			continue;
		}
		if (k == KW_FINALLY) {
			next(p);
			skip_newlines(p, SH_LEX_COMMAND);
			sh_token fb = *peek(p, SH_LEX_COMMAND);
			if (fb.kind != TK_LBRACE)
				fail_after(p, c.end, &fb, "MissingFinallyStatementBlock",
				           "The Finally block is missing its statement block.");
			n->u.try_stmt.finally_body = parse_block(p);
			n->end = n->u.try_stmt.finally_body->end;
			break;
		}
		if (!bodies.len)
			fail_after(p, n->end, &c, "MissingCatchOrFinally",
			           "The Try statement is missing its Catch or Finally block.");
		sh_lex_seek(p, save);
		break;
	}
	n->u.try_stmt.catch_types = list_of(&types);
	n->u.try_stmt.catch_bodies = list_of(&bodies);
	return n;
}

static sh_node *parse_trap(sh_parser *p, sh_token kw)
{
	sh_node *n = node(p, N_TRAP, kw.start, kw.end);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	if (peek(p, SH_LEX_COMMAND)->kind == TK_LBRACKET) {
		n->u.trap.type = parse_type_literal(p);
		skip_newlines(p, SH_LEX_COMMAND);
	}
	sh_token b = *peek(p, SH_LEX_COMMAND);
	if (b.kind != TK_LBRACE)
		fail_after(
		    p, p->last_end, &b, "MissingTrapStatement",
		    "The 'trap' statement was incomplete. A trap statement requires a body.");
	n->u.trap.body = parse_block(p);
	n->end = n->u.trap.body->end;
	return n;
}

static sh_node *parse_statement_inner(sh_parser *p)
{
	sh_token t = *peek(p, SH_LEX_COMMAND);
	const char *label = NULL;
	uint32_t start = t.start;
	if (t.kind == TK_LABEL) {
		label = t.text;
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		t = *peek(p, SH_LEX_COMMAND);
	}
	switch (keyword_of(&t)) {
	case KW_IF:
		return parse_if(p, t);
	case KW_SWITCH:
		return parse_switch(p, t, label, start);
	case KW_FOREACH:
		return parse_foreach(p, t, label, start);
	case KW_FOR:
		return parse_for(p, t, label, start);
	case KW_WHILE:
		return parse_while(p, t, label, start);
	case KW_DO:
		return parse_do(p, t, label, start);
	case KW_FUNCTION:
		return parse_function(p, t, false);
	case KW_FILTER:
		return parse_function(p, t, true);
	case KW_RETURN:
		return parse_flow(p, t, N_RETURN);
	case KW_EXIT:
		return parse_flow(p, t, N_EXIT);
	case KW_THROW:
		return parse_flow(p, t, N_THROW);
	case KW_BREAK:
		return parse_jump(p, t, N_BREAK);
	case KW_CONTINUE:
		return parse_jump(p, t, N_CONTINUE);
	case KW_TRY:
		return parse_try(p, t);
	case KW_TRAP:
		return parse_trap(p, t);
	case KW_ELSE:
	case KW_ELSEIF:
	case KW_CATCH:
	case KW_FINALLY:
	case KW_UNTIL:
	case KW_IN:
		fail_unexpected(p, &t);
	case KW_WORKFLOW:
		fail_at(p, t.start, t.end, false, "WorkflowNotSupportedInPowerShellCore",
		        "Workflow is not supported in PowerShell 6+.");
	case KW_UNSUPPORTED:
		fail_at(p, t.start, t.end, false, "ReservedKeywordNotAllowed",
		        "The '%s' keyword is not supported in this version of the language.",
		        t.text);
	default:
		break;
	}
	if (t.kind == TK_PIPE)
		fail_at(p, t.start, t.end, false, "EmptyPipeElement",
		        "An empty pipe element is not allowed.");
	if (!can_start_pipeline(&t))
		fail_unexpected(p, &t);
	return parse_pipeline(p, true);
}

static sh_node *parse_statement(sh_parser *p)
{
	enter(p);
	sh_node *n = parse_statement_inner(p);
	leave(p);
	return n;
}

/* ---- pipelines and commands ---- */

static const char *stream_name(sh_redir_stream s)
{
	switch (s) {
	case SH_STREAM_OUTPUT:
		return "output stream";
	case SH_STREAM_ERROR:
		return "error stream";
	case SH_STREAM_WARNING:
		return "warning stream";
	case SH_STREAM_VERBOSE:
		return "verbose stream";
	case SH_STREAM_DEBUG:
		return "debug stream";
	case SH_STREAM_INFORMATION:
		return "information stream";
	default:
		return "* stream";
	}
}

static sh_node *parse_redirection(sh_parser *p, unsigned *seen)
{
	sh_token r = *peek(p, SH_LEX_ARG);
	next(p);
	sh_node *n = node(p, N_REDIRECTION, r.start, r.end);
	n->u.redirection.from = r.redir_from;
	n->u.redirection.merge_to = r.redir_merge;
	n->u.redirection.append = r.redir_append;
	unsigned bit = r.redir_from == SH_STREAM_ALL ? 0x7Eu : 1u << r.redir_from;
	if (*seen & bit)
		fail_at(p, r.start, r.end, false, "StreamAlreadyRedirected",
		        "The %s for this command is already redirected.",
		        stream_name(r.redir_from));
	*seen |= bit;
	if (!r.redir_merge) {
		sh_token t = *peek(p, SH_LEX_ARG);
		sh_node *target = parse_command_element(p);
		if (!target)
			fail_after(p, r.end, &t, "MissingFileSpecification",
			           "Missing file specification after redirection operator.");
		n->u.redirection.target = target;
		n->end = target->end;
	}
	return n;
}

/* One command argument: a bare word, number, string, variable, splat or
 * grouping, with member access and indexing when written without blanks. */
static sh_node *parse_command_element(sh_parser *p)
{
	sh_token t = *peek(p, SH_LEX_ARG);
	switch (t.kind) {
	case TK_WORD:
	case TK_NUMBER:
	case TK_SPLAT:
		next(p);
		return t.node;
	case TK_STRING:
	case TK_VARIABLE:
		next(p);
		return parse_postfix(p, t.node);
	case TK_LPAREN:
	case TK_DOLLAR_PAREN:
	case TK_AT_PAREN:
	case TK_AT_BRACE:
	case TK_LBRACE:
		return parse_postfix(p, parse_primary(p, SH_LEX_ARG));
	default:
		return NULL;
	}
}

/* An argument, or a comma list of them (`a,b`). */
static sh_node *parse_command_argument(sh_parser *p)
{
	sh_node *first = parse_command_element(p);
	if (!first)
		return NULL;
	sh_token c = *peek(p, SH_LEX_ARG);
	if (c.kind != TK_COMMA)
		return first;
	nvec v = {0};
	push(p, &v, first);
	while (c.kind == TK_COMMA) {
		next(p);
		skip_newlines(p, SH_LEX_ARG);
		sh_node *e = parse_command_element(p);
		if (!e)
			fail_after(p, c.end, peek(p, SH_LEX_ARG), "MissingArgument",
			           "Missing argument in parameter list.");
		push(p, &v, e);
		c = *peek(p, SH_LEX_ARG);
	}
	sh_node *a = node(p, N_ARRAY_LITERAL, first->start, v.items[v.len - 1]->end);
	a->u.array = list_of(&v);
	return a;
}

static sh_node *parse_command(sh_parser *p)
{
	sh_token t = *peek(p, SH_LEX_COMMAND);
	sh_node *cmd = node(p, N_COMMAND, t.start, t.end);
	nvec elems = {0}, redirs = {0};
	unsigned seen = 0;
	if (t.kind == TK_AMP || t.kind == TK_DOT) {
		char inv = t.kind == TK_AMP ? '&' : '.';
		cmd->u.command.invocation = inv;
		next(p);
		sh_token c = *peek(p, SH_LEX_ARG);
		sh_node *name = parse_command_element(p);
		if (!name)
			fail_after(p, t.end, &c, "MissingExpression",
			           "Missing expression after '%c' in pipeline element.", inv);
		push(p, &elems, name);
	} else {
		push(p, &elems, t.node);
		next(p);
	}
	bool params_done = false;
	for (;;) {
		sh_token a = *peek(p, SH_LEX_ARG);
		switch (a.kind) {
		case TK_NEWLINE:
		case TK_SEMI:
		case TK_EOF:
		case TK_PIPE:
		case TK_RPAREN:
		case TK_RBRACE:
		case TK_OROR:
		case TK_ANDAND:
			goto done;
		case TK_AMP:
			fail_at(p, a.start, a.end, false, "AmpersandNotAllowed",
			        "The ampersand (&) character is not allowed. The & operator is "
			        "reserved "
			        "for future use; wrap an ampersand in double quotation marks "
			        "(\"&\") to "
			        "pass it as part of a string.");
		case TK_REDIRECT:
			push(p, &redirs, parse_redirection(p, &seen));
			continue;
		case TK_DASHDASH:
		case TK_PARAMETER:
			if (a.kind == TK_DASHDASH && !params_done) {
				params_done = true;
				next(p);
				continue;
			}
			if (params_done) {
				sh_node *w = string_const(p, p->src + a.start, a.end - a.start,
				                          a.start, a.end);
				w->u.constant.is_bareword = true;
				push(p, &elems, w);
				next(p);
				continue;
			}
			{
				sh_node *pn = node(p, N_COMMAND_PARAM, a.start, a.end);
				pn->u.command_param.name = (char *)a.text;
				pn->u.command_param.colon = a.colon;
				next(p);
				if (a.colon) {
					sh_node *arg = parse_command_argument(p);
					if (arg) {
						pn->u.command_param.argument = arg;
						pn->end = arg->end;
					}
				}
				push(p, &elems, pn);
			}
			continue;
		default: {
			sh_node *arg = parse_command_argument(p);
			if (!arg)
				fail_unexpected(p, &a);
			push(p, &elems, arg);
			continue;
		}
		}
	}
done:
	cmd->u.command.elements = list_of(&elems);
	cmd->u.command.redirections = list_of(&redirs);
	cmd->end = elems.items[elems.len - 1]->end;
	if (redirs.len && redirs.items[redirs.len - 1]->end > cmd->end)
		cmd->end = redirs.items[redirs.len - 1]->end;
	return cmd;
}

static sh_node *parse_assignment(sh_parser *p, sh_node *lhs, sh_token op)
{
	if (!is_lvalue(lhs))
		fail_at(
		    p, lhs->start, lhs->end, false, "InvalidLeftHandSide",
		    "The assignment expression is not valid. The input to an assignment operator "
		    "must be an object that is able to accept assignments, such as a variable or a "
		    "property.");
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token t = *peek(p, SH_LEX_COMMAND);
	if (!can_start_pipeline(&t))
		fail_after(p, op.end, &t, "ExpectedValueExpression",
		           "You must provide a value expression following the '%.*s' operator.",
		           (int)(op.end - op.start), p->src + op.start);
	sh_node *rhs = parse_statement(p);
	sh_node *n = node(p, N_ASSIGN, lhs->start, rhs->end);
	n->u.assign.lhs = lhs;
	n->u.assign.op = (sh_assign_op)op.assign_op;
	n->u.assign.rhs = rhs;
	return n;
}

static sh_node *parse_pipeline(sh_parser *p, bool allow_assign)
{
	nvec elems = {0};
	for (;;) {
		sh_token t = *peek(p, SH_LEX_COMMAND);
		sh_node *el;
		if (is_expr_start(&t)) {
			sh_node *e = parse_expression(p);
			if (!e)
				fail_unexpected(p, &t);
			if (elems.len == 0 && allow_assign) {
				sh_token a = *peek(p, SH_LEX_EXPR);
				if (a.kind == TK_ASSIGN)
					return parse_assignment(p, e, a);
			}
			if (elems.len)
				fail_at(p, e->start, e->end, false,
				        "ExpressionsMustBeFirstInPipeline",
				        "Expressions are only allowed as the first element of a "
				        "pipeline.");
			el = node(p, N_COMMAND_EXPR, e->start, e->end);
			el->u.command_expr.expr = e;
			nvec redirs = {0};
			unsigned seen = 0;
			while (peek(p, SH_LEX_ARG)->kind == TK_REDIRECT)
				push(p, &redirs, parse_redirection(p, &seen));
			el->u.command_expr.redirections = list_of(&redirs);
			if (redirs.len)
				el->end = redirs.items[redirs.len - 1]->end;
		} else if (is_command_start(t.kind)) {
			el = parse_command(p);
		} else if (t.kind == TK_PIPE) {
			fail_at(p, t.start, t.end, false, "EmptyPipeElement",
			        "An empty pipe element is not allowed.");
		} else {
			fail_unexpected(p, &t);
		}
		push(p, &elems, el);
		sh_token f = *peek(p, SH_LEX_ARG);
		if (f.kind == TK_PIPE) {
			next(p);
			skip_newlines(p, SH_LEX_COMMAND);
			sh_token n = *peek(p, SH_LEX_COMMAND);
			if (!can_start_pipeline(&n))
				fail_after(p, f.end, &n, "EmptyPipeElement",
				           "An empty pipe element is not allowed.");
			continue;
		}
		if (!is_terminator(f.kind))
			fail_unexpected(p, &f);
		break;
	}
	sh_node *pl = node(p, N_PIPELINE, elems.items[0]->start, elems.items[elems.len - 1]->end);
	pl->u.pipeline.elements = list_of(&elems);
	return pl;
}

/* ---- expressions ---- */

static sh_node *parse_expression(sh_parser *p)
{
	return parse_binary(p, 1, true);
}

static bool binary_prec(const sh_token *t, int *prec)
{
	switch (t->kind) {
	case TK_PLUS:
	case TK_MINUS:
		*prec = 4;
		return true;
	case TK_STAR:
	case TK_SLASH:
	case TK_PERCENT:
		*prec = 5;
		return true;
	case TK_DOTDOT:
		*prec = 7;
		return true;
	case TK_OPERATOR:
		*prec = t->prec;
		return t->is_binary;
	default:
		return false;
	}
}

static sh_node *make_binary(sh_parser *p, const sh_token *op, sh_node *l, sh_node *r)
{
	sh_binop b;
	switch (op->kind) {
	case TK_PLUS:
		b = SH_OP_ADD;
		break;
	case TK_MINUS:
		b = SH_OP_SUB;
		break;
	case TK_STAR:
		b = SH_OP_MUL;
		break;
	case TK_SLASH:
		b = SH_OP_DIV;
		break;
	case TK_PERCENT:
		b = SH_OP_MOD;
		break;
	case TK_DOTDOT:
		b = SH_OP_RANGE;
		break;
	default:
		b = (sh_binop)op->binop;
	}
	sh_node *n;
	if (b == SH_OP_AND || b == SH_OP_OR || b == SH_OP_XOR) {
		n = node(p, N_LOGICAL, l->start, r->end);
		n->u.logical.op = b;
		n->u.logical.left = l;
		n->u.logical.right = r;
	} else {
		n = node(p, N_BINARY, l->start, r->end);
		n->u.binary.op = b;
		n->u.binary.case_sensitive = op->case_sensitive;
		n->u.binary.left = l;
		n->u.binary.right = r;
	}
	return n;
}

static sh_node *parse_binary(sh_parser *p, int min_prec, bool comma)
{
	sh_node *left = comma ? NULL : parse_unary(p);
	if (comma) {
		left = parse_unary(p);
		if (left) {
			sh_token c = *peek(p, SH_LEX_EXPR);
			if (c.kind == TK_COMMA) {
				nvec v = {0};
				push(p, &v, left);
				while (c.kind == TK_COMMA) {
					next(p);
					skip_newlines(p, SH_LEX_EXPR);
					sh_node *e = parse_unary(p);
					if (!e)
						fail_after(p, c.end, peek(p, SH_LEX_EXPR),
						           "MissingExpressionAfterToken",
						           "Missing expression after ','.");
					push(p, &v, e);
					c = *peek(p, SH_LEX_EXPR);
				}
				sh_node *a =
				    node(p, N_ARRAY_LITERAL, left->start, v.items[v.len - 1]->end);
				a->u.array = list_of(&v);
				left = a;
			}
		}
	}
	if (!left)
		return NULL;
	for (;;) {
		sh_token op = *peek(p, SH_LEX_EXPR);
		int prec;
		if (!binary_prec(&op, &prec) || prec < min_prec)
			return left;
		next(p);
		skip_newlines(p, SH_LEX_EXPR);
		sh_node *right = parse_binary(p, prec + 1, comma);
		if (!right)
			fail_after(
			    p, op.end, peek(p, SH_LEX_EXPR), "ExpectedValueExpression",
			    "You must provide a value expression following the '%.*s' operator.",
			    (int)(op.end - op.start), p->src + op.start);
		left = make_binary(p, &op, left, right);
	}
}

/* Tokens after a [type] that make it a cast of what follows. */
static bool cast_operand_start(const sh_token *t)
{
	switch (t->kind) {
	case TK_NUMBER:
	case TK_STRING:
	case TK_VARIABLE:
	case TK_LPAREN:
	case TK_DOLLAR_PAREN:
	case TK_AT_PAREN:
	case TK_AT_BRACE:
	case TK_LBRACE:
	case TK_LBRACKET:
	case TK_EXCL:
	case TK_MINUS:
	case TK_PLUS:
	case TK_INC:
	case TK_DEC:
		return true;
	case TK_OPERATOR:
		return t->is_unary && !t->is_binary;
	default:
		return false;
	}
}

static sh_node *parse_type_or_cast(sh_parser *p)
{
	uint32_t open = peek(p, SH_LEX_EXPR)->start, end;
	bool is_attr;
	const char *name = scan_bracketed_type(p, open, &end, &is_attr);
	if (is_attr)
		fail_at(p, open, end, false, "UnexpectedAttribute", "Unexpected attribute '%s'.",
		        name);
	sh_lex_seek(p, end);
	unsigned char c = AT(p, end);
	if (end < p->len && (c == '.' || (c == ':' && AT(p, end + 1) == ':'))) {
		sh_node *t = node(p, N_TYPE, open, end);
		t->u.type.type_name = (char *)name;
		return parse_postfix(p, t);
	}
	sh_token nt = *peek(p, SH_LEX_EXPR);
	if (cast_operand_start(&nt)) {
		sh_node *operand = parse_unary(p);
		if (operand) {
			sh_node *n = node(p, N_CAST, open, operand->end);
			n->u.type.type_name = (char *)name;
			n->u.type.operand = operand;
			return n;
		}
	}
	sh_node *t = node(p, N_TYPE, open, end);
	t->u.type.type_name = (char *)name;
	return parse_postfix(p, t);
}

static sh_node *negate_constant(sh_parser *p, uint32_t start, sh_node *c)
{
	sh_value *v = c->u.constant.value, *r;
	switch (sh_kind_of(v)) {
	case SH_INT:
		r = sh_integer(-(int64_t)sh_int_of(v));
		break;
	case SH_LONG:
		if (sh_long_of(v) == INT64_MIN)
			return NULL;
		r = sh_integer(-sh_long_of(v));
		break;
	case SH_DOUBLE:
		r = sh_double(-sh_double_of(v));
		break;
	default:
		return NULL;
	}
	return sh_const_node(p, r, start, c->end);
}

static sh_node *parse_unary_inner(sh_parser *p)
{
	sh_token t = *peek(p, SH_LEX_EXPR);
	int unop = -1;
	switch (t.kind) {
	case TK_EXCL:
		unop = SH_UOP_NOT;
		break;
	case TK_MINUS:
		unop = SH_UOP_NEG;
		break;
	case TK_PLUS:
		unop = SH_UOP_PLUS;
		break;
	case TK_COMMA:
		unop = SH_UOP_COMMA;
		break;
	case TK_OPERATOR:
		if (t.is_unary)
			unop = t.unop;
		break;
	case TK_INC:
	case TK_DEC: {
		next(p);
		sh_node *operand = parse_unary(p);
		if (!operand)
			fail_after(p, t.end, peek(p, SH_LEX_EXPR), "MissingExpressionAfterOperator",
			           "Missing expression after unary operator '%s'.",
			           t.kind == TK_INC ? "++" : "--");
		if (!is_incdec_target(operand))
			fail_at(p, operand->start, operand->end, false,
			        "OperatorRequiresVariableOrProperty",
			        "The '%s' operator works only on variables or on properties.",
			        t.kind == TK_INC ? "++" : "--");
		sh_node *n = node(p, N_INCDEC, t.start, operand->end);
		n->u.incdec.operand = operand;
		n->u.incdec.increment = t.kind == TK_INC;
		n->u.incdec.prefix = true;
		return n;
	}
	case TK_LBRACKET:
		return parse_type_or_cast(p);
	default:
		break;
	}
	if (unop >= 0) {
		next(p);
		sh_node *operand = parse_unary(p);
		if (!operand)
			fail_after(p, t.end, peek(p, SH_LEX_EXPR), "MissingExpressionAfterOperator",
			           "Missing expression after unary operator '%.*s'.",
			           (int)(t.end - t.start), p->src + t.start);
		if (unop == SH_UOP_NEG && operand->kind == N_CONSTANT && operand->start == t.end) {
			sh_node *folded = negate_constant(p, t.start, operand);
			if (folded)
				return folded;
		}
		sh_node *n = node(p, N_UNARY, t.start, operand->end);
		n->u.unary.op = (sh_unop)unop;
		n->u.unary.operand = operand;
		return n;
	}
	sh_node *prim = parse_primary(p, SH_LEX_EXPR);
	if (!prim)
		return NULL;
	return parse_postfix(p, prim);
}

static sh_node *parse_unary(sh_parser *p)
{
	enter(p);
	sh_node *n = parse_unary_inner(p);
	leave(p);
	return n;
}

static sh_node *parse_paren(sh_parser *p, sh_lex_mode mode)
{
	sh_token open = *peek(p, mode);
	next(p);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token t = *peek(p, SH_LEX_COMMAND);
	if (t.kind == TK_RPAREN)
		fail_at(p, t.start, t.end, false, "ExpectedExpression",
		        "An expression was expected after '('.");
	if (!can_start_pipeline(&t)) {
		if (t.kind == TK_EOF)
			fail_after(p, open.end, &t, "MissingEndParenthesisInExpression",
			           "Missing closing ')' in expression.");
		fail_unexpected(p, &t);
	}
	sh_node *inner = parse_pipeline(p, true);
	skip_newlines(p, SH_LEX_COMMAND);
	sh_token c = *peek(p, SH_LEX_COMMAND);
	if (c.kind != TK_RPAREN)
		fail_after(p, inner->end, &c, "MissingEndParenthesisInExpression",
		           "Missing closing ')' in expression.");
	next(p);
	sh_node *n = node(p, N_PAREN, open.start, c.end);
	n->u.group.body = inner;
	return n;
}

/* $( statements ) and @( statements ). */
static sh_node *parse_group(sh_parser *p, sh_node_kind kind, sh_lex_mode mode)
{
	sh_token open = *peek(p, mode);
	next(p);
	sh_node *body = parse_statement_list(p, TK_RPAREN);
	sh_token c = *peek(p, SH_LEX_COMMAND);
	if (c.kind != TK_RPAREN)
		fail_after(p, p->last_end, &c, "MissingEndParenthesisInSubexpression",
		           "Missing closing ')' in subexpression.");
	next(p);
	sh_node *n = node(p, kind, open.start, c.end);
	n->u.group.body = body;
	return n;
}

sh_node *sh_parse_embedded_subexpr(sh_parser *p, uint32_t at, uint32_t *end)
{
	uint32_t pos = p->pos, last = p->last_end;
	sh_lex_seek(p, at);
	enter(p);
	sh_node *n = parse_group(p, N_SUBEXPR, SH_LEX_EXPR);
	leave(p);
	*end = n->end;
	sh_lex_seek(p, pos);
	p->last_end = last;
	return n;
}

typedef struct hash_key {
	const char *text;
	const sh_node *node;
} hash_key;

static int cmp_keys(const void *a, const void *b)
{
	const hash_key *x = a, *y = b;
	int c = str_icmp(x->text, y->text);
	if (c)
		return c;
	return x->node->start < y->node->start ? -1 : x->node->start > y->node->start;
}

static void check_duplicate_keys(sh_parser *p, const nvec *keys)
{
	if (keys->len < 2)
		return;
	hash_key *k = sh_arena_alloc(p->arena, keys->len * sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < keys->len; i++) {
		const sh_node *key = keys->items[i];
		if (key->kind == N_CONSTANT && sh_kind_of(key->u.constant.value) == SH_STRING &&
		    strlen(sh_str(key->u.constant.value)) == sh_str_len(key->u.constant.value))
			k[n++] = (hash_key){sh_str(key->u.constant.value), key};
	}
	qsort(k, n, sizeof *k, cmp_keys);
	for (size_t i = 1; i < n; i++)
		if (str_ieq(k[i].text, k[i - 1].text))
			fail_at(p, k[i].node->start, k[i].node->end, false,
			        "DuplicateKeyInHashLiteral",
			        "Duplicate keys '%s' are not allowed in hash literals.", k[i].text);
}

static sh_node *parse_hash(sh_parser *p, sh_lex_mode mode)
{
	sh_token open = *peek(p, mode);
	next(p);
	nvec keys = {0}, values = {0};
	uint32_t close;
	for (;;) {
		sh_token t = *peek(p, SH_LEX_EXPR);
		if (t.kind == TK_NEWLINE || t.kind == TK_SEMI) {
			next(p);
			continue;
		}
		if (t.kind == TK_RBRACE) {
			next(p);
			close = t.end;
			break;
		}
		if (t.kind == TK_EOF)
			fail_missing_brace(p, open.start, &t);
		if (t.kind == TK_ASSIGN)
			fail_at(p, t.start, t.end, false, "MissingKeyInHashLiteral",
			        "Missing key before '=' in hash literal.");
		sh_node *key;
		if (t.kind == TK_IDENT) {
			uint32_t k = t.start, n;
			while ((n = sh_lex_ident_char(p, k)) || AT(p, k) == '-' || AT(p, k) == '.')
				k += n ? n : 1;
			key = string_const(p, p->src + t.start, k - t.start, t.start, k);
			key->u.constant.is_bareword = true;
			sh_lex_seek(p, k);
		} else {
			key = parse_unary(p);
			if (!key)
				fail_unexpected(p, &t);
		}
		sh_token eq = *peek(p, SH_LEX_EXPR);
		if (eq.kind != TK_ASSIGN || eq.assign_op != SH_ASSIGN)
			fail_after(p, key->end, &eq, "MissingEqualsInHashLiteral",
			           "Missing '=' operator after key in hash literal.");
		next(p);
		skip_newlines(p, SH_LEX_COMMAND);
		sh_token v = *peek(p, SH_LEX_COMMAND);
		if (!can_start_pipeline(&v) && v.kind != TK_LABEL)
			fail_after(p, eq.end, &v, "MissingStatementInHashLiteral",
			           "Missing statement after '=' in hash literal.");
		sh_node *value = parse_statement(p);
		push(p, &keys, key);
		push(p, &values, value);
		sh_token s = *peek(p, SH_LEX_COMMAND);
		if (s.kind == TK_EOF)
			fail_missing_brace(p, open.start, &s);
		if (s.kind != TK_NEWLINE && s.kind != TK_SEMI && s.kind != TK_RBRACE)
			fail_unexpected(p, &s);
	}
	check_duplicate_keys(p, &keys);
	sh_node *n = node(p, N_HASH_LITERAL, open.start, close);
	n->u.hash.keys = list_of(&keys);
	n->u.hash.values = list_of(&values);
	return n;
}

static sh_node *parse_primary_inner(sh_parser *p, sh_lex_mode mode)
{
	sh_token t = *peek(p, mode);
	switch (t.kind) {
	case TK_NUMBER:
	case TK_STRING:
	case TK_VARIABLE:
		next(p);
		return t.node;
	case TK_SPLAT: {
		const char *name = t.node->u.variable.name;
		fail_at(
		    p, t.start, t.end, false, "SplattingNotPermitted",
		    "The splatting operator '@' cannot be used to reference variables in an "
		    "expression. '@%s' can be used only as an argument to a command. To reference "
		    "variables in an expression use '$%s'.",
		    name, name);
	}
	case TK_LPAREN:
		return parse_paren(p, mode);
	case TK_DOLLAR_PAREN:
		return parse_group(p, N_SUBEXPR, mode);
	case TK_AT_PAREN:
		return parse_group(p, N_ARRAY_EXPR, mode);
	case TK_AT_BRACE:
		return parse_hash(p, mode);
	case TK_LBRACE: {
		sh_node *sb = parse_scriptblock(p, false);
		sh_node *n = node(p, N_SCRIPTBLOCK_EXPR, sb->start, sb->end);
		n->u.sbexpr.body = sb;
		return n;
	}
	default:
		return NULL;
	}
}

static sh_node *parse_primary(sh_parser *p, sh_lex_mode mode)
{
	enter(p);
	sh_node *n = parse_primary_inner(p, mode);
	leave(p);
	return n;
}

static void parse_invoke_args(sh_parser *p, sh_node *n)
{
	sh_lex_seek(p, p->pos + 1);
	nvec args = {0};
	skip_newlines(p, SH_LEX_EXPR);
	if (peek(p, SH_LEX_EXPR)->kind != TK_RPAREN) {
		const sh_token *comma = NULL;
		sh_token c;
		for (;;) {
			sh_token a = *peek(p, SH_LEX_EXPR);
			sh_node *arg = parse_binary(p, 1, false);
			if (!arg) {
				if (comma)
					fail_after(p, comma->end, &a, "MissingExpressionAfterToken",
					           "Missing expression after ','.");
				if (a.kind == TK_EOF)
					fail_after(p, p->last_end, &a,
					           "MissingEndParenthesisInMethodCall",
					           "Missing ')' in method call.");
				fail_unexpected(p, &a);
			}
			push(p, &args, arg);
			skip_newlines(p, SH_LEX_EXPR);
			sh_token s = *peek(p, SH_LEX_EXPR);
			if (s.kind == TK_COMMA) {
				c = s;
				comma = &c;
				next(p);
				skip_newlines(p, SH_LEX_EXPR);
				continue;
			}
			if (s.kind == TK_RPAREN)
				break;
			fail_after(p, arg->end, &s, "MissingEndParenthesisInMethodCall",
			           "Missing ')' in method call.");
		}
	}
	sh_token cl = *peek(p, SH_LEX_EXPR);
	next(p);
	n->kind = N_INVOKE;
	n->end = cl.end;
	n->u.member.args = list_of(&args);
}

/* Member access, static members, method calls, indexing and postfix
 * ++/--, each only directly after what precedes (no blank). */
static sh_node *parse_postfix(sh_parser *p, sh_node *n)
{
	for (;;) {
		uint32_t i = p->pos;
		if (i >= p->len)
			return n;
		unsigned char c = AT(p, i), c1 = AT(p, i + 1);
		if ((c == '.' && c1 != '.') || (c == ':' && c1 == ':')) {
			bool is_static = c == ':';
			uint32_t after = i + (is_static ? 2 : 1);
			sh_lex_seek(p, after);
			sh_token m = *peek(p, SH_LEX_EXPR);
			sh_node *member = NULL;
			if (m.start == after) {
				switch (m.kind) {
				case TK_IDENT:
					member =
					    string_const(p, m.text, strlen(m.text), m.start, m.end);
					next(p);
					break;
				case TK_VARIABLE:
				case TK_STRING:
					member = m.node;
					next(p);
					break;
				case TK_LPAREN:
				case TK_DOLLAR_PAREN:
					member = parse_primary(p, SH_LEX_EXPR);
					break;
				default:
					break;
				}
			}
			if (!member)
				sh_parser_fail(p, after, 0, m.kind == TK_EOF, "MissingPropertyName",
				               "Missing property name after reference operator.");
			sh_node *mn = node(p, N_MEMBER, n->start, member->end);
			mn->u.member.target = n;
			mn->u.member.member = member;
			mn->u.member.is_static = is_static;
			if (AT(p, p->pos) == '(' && p->pos < p->len)
				parse_invoke_args(p, mn);
			n = mn;
			continue;
		}
		if (c == '[') {
			sh_lex_seek(p, i + 1);
			skip_newlines(p, SH_LEX_EXPR);
			sh_token t = *peek(p, SH_LEX_EXPR);
			sh_node *idx = t.kind == TK_RBRACKET ? NULL : parse_expression(p);
			if (!idx)
				fail_at(p, t.start, t.end, t.kind == TK_EOF,
				        "MissingArrayIndexExpression",
				        "Array index expression is missing or not valid.");
			skip_newlines(p, SH_LEX_EXPR);
			sh_token cl = *peek(p, SH_LEX_EXPR);
			if (cl.kind != TK_RBRACKET)
				fail_after(p, idx->end, &cl, "MissingEndSquareBracket",
				           "Missing ']' after array index expression.");
			next(p);
			sh_node *in = node(p, N_INDEX, n->start, cl.end);
			in->u.index.target = n;
			in->u.index.index = idx;
			n = in;
			continue;
		}
		if ((c == '+' && c1 == '+') || (c == '-' && c1 == '-')) {
			if (!is_incdec_target(n))
				fail_at(
				    p, n->start, n->end, false,
				    "OperatorRequiresVariableOrProperty",
				    "The '%c%c' operator works only on variables or on properties.",
				    c, c);
			sh_lex_seek(p, i + 2);
			sh_node *id = node(p, N_INCDEC, n->start, i + 2);
			id->u.incdec.operand = n;
			id->u.incdec.increment = c == '+';
			id->u.incdec.prefix = false;
			return id;
		}
		return n;
	}
}

/* ---- entry points ---- */

/* Runs the parse; false after an error (reported in p->error). Kept apart
 * from sh_parse so no local of the caller lives across the longjmp. */
static bool run_parse(sh_parser *p, sh_ast_unit *u)
{
	jmp_buf on_error;
	p->on_error = &on_error;
	if (setjmp(on_error))
		return false;
	if (p->len >= 3 && memcmp(p->src, "\xEF\xBB\xBF", 3) == 0)
		sh_lex_seek(p, 3);
	sh_node *root = parse_script_body(p, TK_EOF, false, 0);
	sh_token t = *peek(p, SH_LEX_COMMAND);
	if (t.kind != TK_EOF)
		fail_unexpected(p, &t);
	root->start = 0;
	root->end = p->len;
	root->line = root->column = 1;
	u->root = root;
	return true;
}

sh_ast_unit *sh_parse(const char *source, size_t len, const char *file, sh_parse_error *error)
{
	sh_parse_error local;
	sh_parse_error *e = error ? error : &local;
	memset(e, 0, sizeof *e);
	if (!source) {
		source = "";
		len = 0;
	}
	if (len >= UINT32_MAX / 2) {
		e->message = xstrdup("Processing was stopped because the script is too complex.");
		e->error_id = xstrdup("ScriptTooComplicated");
		e->line = e->column = 1;
		if (e == &local)
			sh_parse_error_clear(&local);
		return NULL;
	}
	sh_ast_unit *u = xcalloc(1, sizeof *u);
	u->refcount = 1;
	u->file = file ? xstrdup(file) : NULL;
	u->source = xmalloc(len + 1);
	if (len)
		memcpy(u->source, source, len);
	u->source[len] = '\0';
	u->source_len = len;
	u->arena = sh_arena_new();
	sh_parser *p = xmalloc(sizeof *p);
	sh_lex_init(p, u->source, (uint32_t)len, u->arena);
	p->error = e;
	bool ok = run_parse(p, u);
	sh_lex_cleanup(p);
	free(p);
	if (ok)
		return u;
	sh_ast_unit_unref(u);
	if (e == &local)
		sh_parse_error_clear(&local);
	return NULL;
}

void sh_parse_error_clear(sh_parse_error *error)
{
	if (!error)
		return;
	free(error->message);
	free(error->error_id);
	memset(error, 0, sizeof *error);
}
