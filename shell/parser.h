/*
 * parser.h - turns source text into an sh_ast_unit.
 *
 * PowerShell has two parsing modes: expression mode (`$x -eq 1`, `(1+2)`)
 * and command mode (`Get-VM web* -Name:x 192.168.1.0/24`), chosen per
 * pipeline element by its first token. The lexer is driven by the parser
 * with the current mode; see parser.c's header comment.
 *
 * Parse errors never crash and never leak: they are reported with
 * PowerShell's message and error id, the position of the offending token,
 * and whether the input merely ended too early (so an interactive shell
 * can ask for a continuation line instead of failing).
 */
#ifndef SH_PARSER_H
#define SH_PARSER_H

#include "ast.h"

typedef struct sh_parse_error {
	char *message;         /* "Missing closing '}' in statement block or type definition." */
	char *error_id;        /* "MissingEndCurlyBrace" */
	uint32_t offset;       /* byte offset of the culprit */
	uint32_t length;       /* its length in bytes (at least 1 when inside the text) */
	uint32_t line, column; /* 1-based */
	bool incomplete;       /* the input ended inside a construct */
} sh_parse_error;

/* Parses `len` bytes of `source` (a copy is kept in the unit). `file` is
 * the script path or NULL. Returns a unit with refcount 1, or NULL with
 * *error filled (free it with sh_parse_error_clear). */
sh_ast_unit *sh_parse(const char *source, size_t len, const char *file, sh_parse_error *error);
void sh_parse_error_clear(sh_parse_error *error);

/* True when `word` is a reserved word of the language (if, foreach ...). */
bool sh_is_keyword(const char *word);

#endif
