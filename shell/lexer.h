/*
 * lexer.h - the private interface shared by ast.c, lexer.c and parser.c.
 *
 * Nothing outside those three files includes this header: the rest of the
 * shell sees only ast.h and parser.h.
 *
 * The node arena (ast.c) owns every node, string and node list of a unit,
 * plus the constant values the nodes hold; freeing the arena frees all of
 * it at once. Because nothing a parse allocates lives outside the arena
 * (or the parser struct, freed by sh_parse), a parse error can unwind with
 * longjmp from any depth without leaking.
 *
 * The lexer is pulled by the parser: sh_lex_peek(p, mode) scans the token
 * at the parser's position in the mode the grammar is in at that point
 * (expression, command name, command argument), and sh_lex_advance()
 * consumes it. Peeking is cheap to repeat and to redo in another mode,
 * which is how the parser switches modes mid-statement.
 */
#ifndef SH_LEXER_H
#define SH_LEXER_H

#include <setjmp.h>

#include "ast.h"
#include "parser.h"

/* ---- the node arena (ast.c) ---- */
typedef struct sh_arena sh_arena;
sh_arena *sh_arena_new(void);
void sh_arena_free(sh_arena *a);
void *sh_arena_alloc(sh_arena *a, size_t n); /* zeroed, pointer-aligned */
char *sh_arena_strndup(sh_arena *a, const char *s, size_t n);
/* The arena takes over a reference to v and releases it when freed. */
void sh_arena_keep(sh_arena *a, sh_value *v);

/* ---- tokens ---- */
typedef enum sh_lex_mode {
	SH_LEX_EXPR,    /* operators, identifiers after '.', numbers */
	SH_LEX_COMMAND, /* the first token of a statement or pipeline element */
	SH_LEX_ARG,     /* command arguments: bare words, -Parameters */
} sh_lex_mode;

typedef enum sh_tok_kind {
	TK_EOF,
	TK_NEWLINE,
	TK_SEMI,
	TK_PIPE,
	TK_OROR,
	TK_ANDAND,
	TK_AMP,
	TK_LPAREN,
	TK_RPAREN,
	TK_LBRACE,
	TK_RBRACE,
	TK_LBRACKET,
	TK_RBRACKET,
	TK_AT_PAREN,     /* @( */
	TK_AT_BRACE,     /* @{ */
	TK_DOLLAR_PAREN, /* $( */
	TK_COMMA,
	TK_DOT, /* member access, or dot-sourcing at a command start */
	TK_DOTDOT,
	TK_COLONCOLON,
	TK_PLUS,
	TK_MINUS,
	TK_STAR,
	TK_SLASH,
	TK_PERCENT,
	TK_INC,
	TK_DEC,
	TK_EXCL,
	TK_ASSIGN,    /* = += -= *= /= %=; op is an sh_assign_op */
	TK_OPERATOR,  /* -eq, -not, -f ...: see the op fields */
	TK_PARAMETER, /* -Name or -Name: in command mode */
	TK_DASHDASH,  /* -- alone in command mode: end of parameters */
	TK_NUMBER,    /* node: N_CONSTANT */
	TK_VARIABLE,  /* node: N_VARIABLE */
	TK_SPLAT,     /* node: N_VARIABLE with splat */
	TK_STRING,    /* node: N_CONSTANT or N_EXPANDABLE_STRING */
	TK_WORD,      /* bare word; node: N_CONSTANT or N_EXPANDABLE_STRING (is_bareword) */
	TK_IDENT,     /* a name in expression mode (member names) */
	TK_REDIRECT,
	TK_LABEL,   /* :name at a statement start */
	TK_UNKNOWN, /* any other character */
} sh_tok_kind;

typedef struct sh_token {
	sh_tok_kind kind;
	uint32_t start, end;
	bool space_before; /* whitespace or a comment separates it from what precedes */
	bool plain;        /* TK_WORD: no quotes, escapes or $ inside (can be a keyword) */
	bool colon;        /* TK_PARAMETER: written -Name: */
	/* TK_OPERATOR */
	bool is_unary, is_binary, case_sensitive;
	int binop;     /* sh_binop */
	int unop;      /* sh_unop */
	int prec;      /* binary precedence, 1 (lowest, -and) .. 7 (..) */
	int assign_op; /* TK_ASSIGN: sh_assign_op */
	/* TK_WORD (its text when plain), TK_IDENT, TK_PARAMETER (name), TK_LABEL */
	const char *text;
	sh_node *node;
	/* TK_REDIRECT */
	sh_redir_stream redir_from, redir_merge;
	bool redir_append;
} sh_token;

typedef struct sh_memo sh_memo;

/* The state of one parse. */
typedef struct sh_parser {
	const char *src;
	uint32_t len;
	sh_arena *arena;
	/* positions: line starts and code-point counts every 64 bytes */
	uint32_t *line_starts;
	size_t nlines;
	uint32_t *cp_marks;
	uint32_t pos;      /* where the next token scan starts */
	uint32_t last_end; /* end of the last token consumed, newlines aside */
	bool cache_valid;  /* the one-token cache of sh_lex_peek */
	uint32_t cache_pos;
	sh_lex_mode cache_mode;
	sh_token cache;
	sh_memo *memo; /* strings holding $( ): scanned once per position */
	int depth;     /* nesting, capped against stack exhaustion */
	jmp_buf *on_error;
	sh_parse_error *error;
} sh_parser;

#define SH_PARSE_MAX_DEPTH 400

void sh_lex_init(sh_parser *p, const char *src, uint32_t len, sh_arena *arena);
void sh_lex_cleanup(sh_parser *p);

sh_token *sh_lex_peek(sh_parser *p, sh_lex_mode mode);
/* Consumes the token the last sh_lex_peek returned. */
void sh_lex_advance(sh_parser *p);
/* Moves to a raw position (after scanning characters by hand). */
void sh_lex_seek(sh_parser *p, uint32_t pos);
static inline unsigned char sh_lex_char(const sh_parser *p, uint32_t i)
{
	return i < p->len ? (unsigned char)p->src[i] : 0;
}
/* Length of an identifier character at i (letters, digits, _ and non-ASCII
 * letters), or 0. */
uint32_t sh_lex_ident_char(const sh_parser *p, uint32_t i);
/* Skips blanks, comments and line continuations, not newlines. */
uint32_t sh_lex_skip_blanks(sh_parser *p, uint32_t i);

/* Nodes with their position filled in. */
sh_node *sh_node_new(sh_parser *p, sh_node_kind kind, uint32_t start, uint32_t end);
sh_node *sh_const_node(sh_parser *p, sh_value *v, uint32_t start, uint32_t end);
void sh_parser_position(const sh_parser *p, uint32_t offset, uint32_t *line, uint32_t *column);

/* Reports a parse error and unwinds to sh_parse. */
_Noreturn void sh_parser_fail(sh_parser *p, uint32_t offset, uint32_t length, bool incomplete,
                              const char *error_id, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Parses the `$( ... )` starting at `at` inside a string or bare word and
 * returns the N_SUBEXPR; *end is set past the ')'. The parser's position
 * is left unchanged (parser.c). */
sh_node *sh_parse_embedded_subexpr(sh_parser *p, uint32_t at, uint32_t *end);

/* Operator table lookup: the word after '-' ("ceq", "not", "f" ...). */
bool sh_lex_operator(const char *word, size_t n, sh_token *t);

#endif
