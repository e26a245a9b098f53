/*
 * test_parser.c - the lexer and parser (lexer.c, parser.c, ast.c).
 *
 * Trees are compared as S-expressions printed by sexp() below, which
 * shows every field the evaluator reads: node kinds, operators, names,
 * scopes, literal values with their types, flags. A script's statements
 * print separated by "; ". Constants print as 5 (Int32), 5L (Int64),
 * 1.5D (Double), 'text' (string) or text (bare word).
 *
 * Errors are checked for PowerShell's message and id, the position of the
 * culprit and the `incomplete` flag an interactive shell relies on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/ast.h"
#include "../../shell/parser.h"
#include "../../shell/util.h"
#include "../../shell/value.h"

static const char *const binop_names[] = {
	"+",         "-",      "*",     "/",       "%",        "-eq",          "-ne",
	"-gt",       "-ge",    "-lt",   "-le",     "-like",    "-notlike",     "-match",
	"-notmatch", "-contains", "-notcontains", "-in", "-notin", "-replace", "-split",
	"-join",     "-is",    "-isnot", "-as",    "-and",     "-or",          "-xor",
	"-band",     "-bor",   "-bxor", "-shl",    "-shr",     "-f",           "..",
};

static const char *const unop_names[] = {"u-", "u+", "-not", "-bnot", "u-split", "u-join", "u,"};

static const char *const stream_names[] = {"", "", "2", "3", "4", "5", "6", "*"};

static void sexp(sh_buf *b, const sh_node *n);

static void sexp_list(sh_buf *b, const sh_nodelist *l)
{
	for (size_t i = 0; i < l->len; i++) {
		buf_putc(b, ' ');
		sexp(b, l->items[i]);
	}
}

static void sexp_stmts(sh_buf *b, const sh_node *n)
{
	buf_putc(b, '{');
	for (size_t i = 0; i < n->u.statements.len; i++) {
		if (i)
			buf_puts(b, "; ");
		sexp(b, n->u.statements.items[i]);
	}
	buf_putc(b, '}');
}

static void sexp_opt(sh_buf *b, const sh_node *n)
{
	buf_putc(b, ' ');
	if (n)
		sexp(b, n);
	else
		buf_putc(b, '_');
}

static void sexp_constant(sh_buf *b, const sh_node *n)
{
	sh_value *v = n->u.constant.value;
	switch (sh_kind_of(v)) {
	case SH_INT:
		buf_printf(b, "%d", sh_int_of(v));
		break;
	case SH_LONG:
		buf_printf(b, "%lldL", (long long)sh_long_of(v));
		break;
	case SH_DOUBLE:
		buf_printf(b, "%gD", sh_double_of(v));
		break;
	case SH_STRING:
		if (n->u.constant.is_bareword) {
			buf_puts(b, sh_str(v));
		} else {
			buf_putc(b, '\'');
			for (size_t i = 0; i < sh_str_len(v); i++) {
				char c = sh_str(v)[i];
				if (c == '\'')
					buf_puts(b, "''");
				else if (c == '\n')
					buf_puts(b, "\\n");
				else if (c == '\t')
					buf_puts(b, "\\t");
				else if (c == '\0')
					buf_puts(b, "\\0");
				else
					buf_putc(b, c);
			}
			buf_putc(b, '\'');
		}
		break;
	default:
		buf_puts(b, "?const");
	}
}

static void sexp_label(sh_buf *b, const char *label)
{
	if (label)
		buf_printf(b, ":%s", label);
}

static void sexp(sh_buf *b, const sh_node *n)
{
	switch (n->kind) {
	case N_SCRIPTBLOCK:
		buf_puts(b, n->u.scriptblock.is_filter ? "(filtersb" : "(sb");
		if (n->u.scriptblock.param_block)
			sexp_opt(b, n->u.scriptblock.param_block);
		if (n->u.scriptblock.begin) {
			buf_puts(b, " (begin ");
			sexp_stmts(b, n->u.scriptblock.begin);
			buf_putc(b, ')');
		}
		if (n->u.scriptblock.process) {
			buf_puts(b, " (process ");
			sexp_stmts(b, n->u.scriptblock.process);
			buf_putc(b, ')');
		}
		if (n->u.scriptblock.end) {
			buf_putc(b, ' ');
			sexp_stmts(b, n->u.scriptblock.end);
		}
		buf_putc(b, ')');
		break;
	case N_STATEMENTS:
		sexp_stmts(b, n);
		break;
	case N_PIPELINE:
		buf_puts(b, "(pipe");
		sexp_list(b, &n->u.pipeline.elements);
		buf_putc(b, ')');
		break;
	case N_COMMAND:
		buf_puts(b, "(cmd");
		if (n->u.command.invocation)
			buf_printf(b, " %c", n->u.command.invocation);
		sexp_list(b, &n->u.command.elements);
		sexp_list(b, &n->u.command.redirections);
		buf_putc(b, ')');
		break;
	case N_COMMAND_EXPR:
		if (!n->u.command_expr.redirections.len) {
			sexp(b, n->u.command_expr.expr);
			break;
		}
		buf_puts(b, "(cexpr ");
		sexp(b, n->u.command_expr.expr);
		sexp_list(b, &n->u.command_expr.redirections);
		buf_putc(b, ')');
		break;
	case N_COMMAND_PARAM:
		if (n->u.command_param.colon) {
			buf_printf(b, "(-%s:", n->u.command_param.name);
			sexp_opt(b, n->u.command_param.argument);
			buf_putc(b, ')');
		} else {
			buf_printf(b, "-%s", n->u.command_param.name);
		}
		break;
	case N_REDIRECTION:
		buf_printf(b, "(%s>", stream_names[n->u.redirection.from]);
		if (n->u.redirection.merge_to) {
			buf_printf(b, "&%d)", (int)n->u.redirection.merge_to);
		} else {
			if (n->u.redirection.append)
				buf_putc(b, '>');
			sexp_opt(b, n->u.redirection.target);
			buf_putc(b, ')');
		}
		break;
	case N_ASSIGN: {
		static const char *const ops[] = {"=", "+=", "-=", "*=", "/=", "%="};
		buf_printf(b, "(%s ", ops[n->u.assign.op]);
		sexp(b, n->u.assign.lhs);
		sexp_opt(b, n->u.assign.rhs);
		buf_putc(b, ')');
		break;
	}
	case N_IF:
		buf_puts(b, "(if");
		for (size_t i = 0; i < n->u.if_stmt.conditions.len; i++) {
			sexp_opt(b, n->u.if_stmt.conditions.items[i]);
			sexp_opt(b, n->u.if_stmt.bodies.items[i]);
		}
		if (n->u.if_stmt.else_body) {
			buf_puts(b, " else");
			sexp_opt(b, n->u.if_stmt.else_body);
		}
		buf_putc(b, ')');
		break;
	case N_SWITCH:
		buf_puts(b, "(switch");
		sexp_label(b, n->u.switch_stmt.label);
		if (n->u.switch_stmt.mode == SH_SWITCH_REGEX)
			buf_puts(b, " -regex");
		if (n->u.switch_stmt.mode == SH_SWITCH_WILDCARD)
			buf_puts(b, " -wildcard");
		if (n->u.switch_stmt.case_sensitive)
			buf_puts(b, " -casesensitive");
		if (n->u.switch_stmt.file)
			buf_puts(b, " -file");
		sexp_opt(b, n->u.switch_stmt.condition);
		for (size_t i = 0; i < n->u.switch_stmt.patterns.len; i++) {
			buf_puts(b, " (");
			sexp(b, n->u.switch_stmt.patterns.items[i]);
			sexp_opt(b, n->u.switch_stmt.bodies.items[i]);
			buf_putc(b, ')');
		}
		if (n->u.switch_stmt.default_body) {
			buf_puts(b, " (default");
			sexp_opt(b, n->u.switch_stmt.default_body);
			buf_putc(b, ')');
		}
		buf_putc(b, ')');
		break;
	case N_FOREACH:
		buf_puts(b, "(foreach");
		sexp_label(b, n->u.foreach_stmt.label);
		sexp_opt(b, n->u.foreach_stmt.variable);
		sexp_opt(b, n->u.foreach_stmt.collection);
		sexp_opt(b, n->u.foreach_stmt.body);
		buf_putc(b, ')');
		break;
	case N_FOR:
		buf_puts(b, "(for");
		sexp_label(b, n->u.for_stmt.label);
		sexp_opt(b, n->u.for_stmt.init);
		sexp_opt(b, n->u.for_stmt.condition);
		sexp_opt(b, n->u.for_stmt.iterator);
		sexp_opt(b, n->u.for_stmt.body);
		buf_putc(b, ')');
		break;
	case N_WHILE:
	case N_DO_WHILE:
	case N_DO_UNTIL:
		buf_puts(b, n->kind == N_WHILE ? "(while" : n->kind == N_DO_WHILE ? "(dowhile" : "(dountil");
		sexp_label(b, n->u.loop.label);
		sexp_opt(b, n->u.loop.condition);
		sexp_opt(b, n->u.loop.body);
		buf_putc(b, ')');
		break;
	case N_BREAK:
	case N_CONTINUE:
		buf_puts(b, n->kind == N_BREAK ? "(break" : "(continue");
		if (n->u.jump.label)
			sexp_opt(b, n->u.jump.label);
		buf_putc(b, ')');
		break;
	case N_RETURN:
	case N_EXIT:
	case N_THROW:
		buf_puts(b, n->kind == N_RETURN ? "(return" : n->kind == N_EXIT ? "(exit" : "(throw");
		if (n->u.flow.value)
			sexp_opt(b, n->u.flow.value);
		buf_putc(b, ')');
		break;
	case N_TRY:
		buf_puts(b, "(try");
		sexp_opt(b, n->u.try_stmt.body);
		for (size_t i = 0; i < n->u.try_stmt.catch_bodies.len; i++) {
			buf_puts(b, " (catch");
			sexp_list(b, &n->u.try_stmt.catch_types.items[i]->u.array);
			sexp_opt(b, n->u.try_stmt.catch_bodies.items[i]);
			buf_putc(b, ')');
		}
		if (n->u.try_stmt.finally_body) {
			buf_puts(b, " (finally");
			sexp_opt(b, n->u.try_stmt.finally_body);
			buf_putc(b, ')');
		}
		buf_putc(b, ')');
		break;
	case N_TRAP:
		buf_puts(b, "(trap");
		if (n->u.trap.type)
			sexp_opt(b, n->u.trap.type);
		sexp_opt(b, n->u.trap.body);
		buf_putc(b, ')');
		break;
	case N_FUNCTION:
		buf_printf(b, "(%s %s", n->u.function.is_filter ? "filter" : "function",
		           n->u.function.name);
		sexp_opt(b, n->u.function.body);
		buf_putc(b, ')');
		break;
	case N_PARAM_BLOCK:
		buf_puts(b, "(param");
		sexp_list(b, &n->u.param_block.attributes);
		sexp_list(b, &n->u.param_block.parameters);
		buf_putc(b, ')');
		break;
	case N_PARAMETER:
		buf_printf(b, "($%s", n->u.parameter.name);
		if (n->u.parameter.type)
			sexp_opt(b, n->u.parameter.type);
		sexp_list(b, &n->u.parameter.attributes);
		if (n->u.parameter.default_value) {
			buf_puts(b, " =");
			sexp_opt(b, n->u.parameter.default_value);
		}
		buf_putc(b, ')');
		break;
	case N_ATTRIBUTE:
		buf_printf(b, "(attr %s", n->u.attribute.name);
		sexp_list(b, &n->u.attribute.positional);
		for (size_t i = 0; i < n->u.attribute.named_len; i++) {
			buf_printf(b, " %s", n->u.attribute.named_keys[i]);
			if (n->u.attribute.named_values[i]) {
				buf_putc(b, '=');
				sexp(b, n->u.attribute.named_values[i]);
			}
		}
		buf_putc(b, ')');
		break;
	case N_CONSTANT:
		sexp_constant(b, n);
		break;
	case N_EXPANDABLE_STRING:
		buf_puts(b, n->u.expandable.is_bareword ? "(xword" : "(xstr");
		sexp_list(b, &n->u.expandable.parts);
		buf_putc(b, ')');
		break;
	case N_VARIABLE:
		buf_putc(b, n->u.variable.splat ? '@' : '$');
		if (n->u.variable.scope)
			buf_printf(b, "%s:", n->u.variable.scope);
		buf_puts(b, n->u.variable.name);
		break;
	case N_ARRAY_LITERAL:
		buf_puts(b, "(array");
		sexp_list(b, &n->u.array);
		buf_putc(b, ')');
		break;
	case N_ARRAY_EXPR:
	case N_SUBEXPR:
		buf_puts(b, n->kind == N_ARRAY_EXPR ? "(@ " : "($ ");
		sexp(b, n->u.group.body);
		buf_putc(b, ')');
		break;
	case N_PAREN:
		buf_puts(b, "(paren ");
		sexp(b, n->u.group.body);
		buf_putc(b, ')');
		break;
	case N_HASH_LITERAL:
		buf_puts(b, "(hash");
		for (size_t i = 0; i < n->u.hash.keys.len; i++) {
			buf_puts(b, " (");
			sexp(b, n->u.hash.keys.items[i]);
			sexp_opt(b, n->u.hash.values.items[i]);
			buf_putc(b, ')');
		}
		buf_putc(b, ')');
		break;
	case N_SCRIPTBLOCK_EXPR:
		buf_puts(b, "(block ");
		sexp(b, n->u.sbexpr.body);
		buf_putc(b, ')');
		break;
	case N_BINARY: {
		const char *name = binop_names[n->u.binary.op];
		if (n->u.binary.case_sensitive)
			buf_printf(b, "(-c%s ", name + 1);
		else
			buf_printf(b, "(%s ", name);
		sexp(b, n->u.binary.left);
		sexp_opt(b, n->u.binary.right);
		buf_putc(b, ')');
		break;
	}
	case N_LOGICAL:
		buf_printf(b, "(%s ", binop_names[n->u.logical.op]);
		sexp(b, n->u.logical.left);
		sexp_opt(b, n->u.logical.right);
		buf_putc(b, ')');
		break;
	case N_UNARY:
		buf_printf(b, "(%s ", unop_names[n->u.unary.op]);
		sexp(b, n->u.unary.operand);
		buf_putc(b, ')');
		break;
	case N_INCDEC:
		buf_printf(b, "(%s%s%s ", n->u.incdec.prefix ? "" : "post",
		           n->u.incdec.increment ? "++" : "--", n->u.incdec.prefix ? "pre" : "");
		sexp(b, n->u.incdec.operand);
		buf_putc(b, ')');
		break;
	case N_CAST:
		buf_printf(b, "(cast [%s] ", n->u.type.type_name);
		sexp(b, n->u.type.operand);
		buf_putc(b, ')');
		break;
	case N_TYPE:
		buf_printf(b, "[%s]", n->u.type.type_name);
		break;
	case N_MEMBER:
	case N_INVOKE:
		if (n->kind == N_MEMBER)
			buf_puts(b, n->u.member.is_static ? "(:: " : "(. ");
		else
			buf_puts(b, n->u.member.is_static ? "(scall " : "(call ");
		sexp(b, n->u.member.target);
		sexp_opt(b, n->u.member.member);
		if (n->kind == N_INVOKE)
			sexp_list(b, &n->u.member.args);
		buf_putc(b, ')');
		break;
	case N_INDEX:
		buf_puts(b, "(idx ");
		sexp(b, n->u.index.target);
		sexp_opt(b, n->u.index.index);
		buf_putc(b, ')');
		break;
	}
}

/* The printed tree of a script, or "ERROR <id>: <message>". */
static char *parse_print(const char *src)
{
	sh_parse_error e;
	sh_ast_unit *u = sh_parse(src, strlen(src), NULL, &e);
	sh_buf b = {0};
	if (!u) {
		buf_printf(&b, "ERROR %s: %s", e.error_id, e.message);
		sh_parse_error_clear(&e);
		return buf_detach(&b);
	}
	const sh_node *r = u->root;
	if (!r->u.scriptblock.param_block && !r->u.scriptblock.begin && !r->u.scriptblock.process) {
		const sh_node *st = r->u.scriptblock.end;
		for (size_t i = 0; i < st->u.statements.len; i++) {
			if (i)
				buf_puts(&b, "; ");
			sexp(&b, st->u.statements.items[i]);
		}
	} else {
		sexp(&b, r);
	}
	sh_ast_unit_unref(u);
	return buf_detach(&b);
}

/* "<id> <line>:<column>+<length>[ incomplete]: <message>", or "OK". */
static char *error_print(const char *src)
{
	sh_parse_error e;
	sh_ast_unit *u = sh_parse(src, strlen(src), NULL, &e);
	if (u) {
		sh_ast_unit_unref(u);
		return xstrdup("OK");
	}
	char *s = xasprintf("%s %u:%u+%u%s: %s", e.error_id, e.line, e.column, e.length,
	                    e.incomplete ? " incomplete" : "", e.message);
	sh_parse_error_clear(&e);
	return s;
}

#define CHECK(src, expected)                                                                       \
	do {                                                                                       \
		char *got_ = parse_print(src);                                                     \
		if (strcmp(got_, (expected)) != 0)                                                 \
			print_error("input:    %s\nexpected: %s\ngot:      %s\n", (src), (expected), \
			            got_);                                                         \
		assert_string_equal(got_, (expected));                                             \
		free(got_);                                                                        \
	} while (0)

int main(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			char *s = parse_print(argv[i]);
			printf("%s\n", s);
			free(s);
			if (!strncmp(s = error_print(argv[i]), "OK", 2))
				free(s);
			else {
				printf("   %s\n", s);
				free(s);
			}
		}
		return 0;
	}
	return 0;
}
