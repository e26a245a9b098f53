/*
 * fuzz_parser.c - libFuzzer target for the lexer and parser.
 *
 * Any byte string must give either a unit or a parse error: no crash, no
 * leak, no read out of bounds, no runaway time. On success every node's
 * extent must lie inside the text with a valid line and column, and the
 * text of every script block must be retrievable; on failure the error
 * must point inside (or just past) the text.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE
 *        tests/fuzz/fuzz_parser.c shell/lexer.c shell/parser.c shell/ast.c
 *        shell/util.c shell/value.c (+ what value.c needs) -lm
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../shell/ast.h"
#include "../../shell/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_list(const sh_ast_unit *u, const sh_nodelist *l);

static void check(const sh_ast_unit *u, const sh_node *n)
{
	if (!n)
		return;
	if (n->start > n->end || n->end > u->source_len || n->line < 1 || n->column < 1)
		abort();
	switch (n->kind) {
	case N_SCRIPTBLOCK: {
		sh_scriptblock sb = {(sh_ast_unit *)u, n};
		free(sh_scriptblock_text(&sb));
		check(u, n->u.scriptblock.param_block);
		check(u, n->u.scriptblock.begin);
		check(u, n->u.scriptblock.process);
		check(u, n->u.scriptblock.end);
		break;
	}
	case N_STATEMENTS:
		check_list(u, &n->u.statements);
		break;
	case N_PIPELINE:
		if (!n->u.pipeline.elements.len)
			abort();
		check_list(u, &n->u.pipeline.elements);
		break;
	case N_COMMAND:
		if (!n->u.command.elements.len)
			abort();
		check_list(u, &n->u.command.elements);
		check_list(u, &n->u.command.redirections);
		break;
	case N_COMMAND_EXPR:
		check(u, n->u.command_expr.expr);
		check_list(u, &n->u.command_expr.redirections);
		break;
	case N_COMMAND_PARAM:
		check(u, n->u.command_param.argument);
		break;
	case N_REDIRECTION:
		check(u, n->u.redirection.target);
		break;
	case N_ASSIGN:
		check(u, n->u.assign.lhs);
		check(u, n->u.assign.rhs);
		break;
	case N_IF:
		check_list(u, &n->u.if_stmt.conditions);
		check_list(u, &n->u.if_stmt.bodies);
		check(u, n->u.if_stmt.else_body);
		break;
	case N_SWITCH:
		check(u, n->u.switch_stmt.condition);
		check_list(u, &n->u.switch_stmt.patterns);
		check_list(u, &n->u.switch_stmt.bodies);
		check(u, n->u.switch_stmt.default_body);
		break;
	case N_FOREACH:
		check(u, n->u.foreach_stmt.variable);
		check(u, n->u.foreach_stmt.collection);
		check(u, n->u.foreach_stmt.body);
		break;
	case N_FOR:
		check(u, n->u.for_stmt.init);
		check(u, n->u.for_stmt.condition);
		check(u, n->u.for_stmt.iterator);
		check(u, n->u.for_stmt.body);
		break;
	case N_WHILE:
	case N_DO_WHILE:
	case N_DO_UNTIL:
		check(u, n->u.loop.condition);
		check(u, n->u.loop.body);
		break;
	case N_BREAK:
	case N_CONTINUE:
		check(u, n->u.jump.label);
		break;
	case N_RETURN:
	case N_EXIT:
	case N_THROW:
		check(u, n->u.flow.value);
		break;
	case N_TRY:
		check(u, n->u.try_stmt.body);
		check_list(u, &n->u.try_stmt.catch_types);
		check_list(u, &n->u.try_stmt.catch_bodies);
		check(u, n->u.try_stmt.finally_body);
		break;
	case N_TRAP:
		check(u, n->u.trap.type);
		check(u, n->u.trap.body);
		break;
	case N_FUNCTION:
		check(u, n->u.function.body);
		break;
	case N_PARAM_BLOCK:
		check_list(u, &n->u.param_block.attributes);
		check_list(u, &n->u.param_block.parameters);
		break;
	case N_PARAMETER:
		check_list(u, &n->u.parameter.attributes);
		check(u, n->u.parameter.type);
		check(u, n->u.parameter.default_value);
		break;
	case N_ATTRIBUTE:
		check_list(u, &n->u.attribute.positional);
		for (size_t i = 0; i < n->u.attribute.named_len; i++)
			check(u, n->u.attribute.named_values[i]);
		break;
	case N_EXPANDABLE_STRING:
		check_list(u, &n->u.expandable.parts);
		break;
	case N_ARRAY_LITERAL:
		check_list(u, &n->u.array);
		break;
	case N_ARRAY_EXPR:
	case N_SUBEXPR:
	case N_PAREN:
		check(u, n->u.group.body);
		break;
	case N_HASH_LITERAL:
		check_list(u, &n->u.hash.keys);
		check_list(u, &n->u.hash.values);
		break;
	case N_SCRIPTBLOCK_EXPR:
		check(u, n->u.sbexpr.body);
		break;
	case N_BINARY:
		check(u, n->u.binary.left);
		check(u, n->u.binary.right);
		break;
	case N_LOGICAL:
		check(u, n->u.logical.left);
		check(u, n->u.logical.right);
		break;
	case N_UNARY:
		check(u, n->u.unary.operand);
		break;
	case N_INCDEC:
		check(u, n->u.incdec.operand);
		break;
	case N_CAST:
	case N_TYPE:
		check(u, n->u.type.operand);
		break;
	case N_MEMBER:
	case N_INVOKE:
		check(u, n->u.member.target);
		check(u, n->u.member.member);
		check_list(u, &n->u.member.args);
		break;
	case N_INDEX:
		check(u, n->u.index.target);
		check(u, n->u.index.index);
		break;
	case N_CONSTANT:
	case N_VARIABLE:
		break;
	}
}

static void check_list(const sh_ast_unit *u, const sh_nodelist *l)
{
	for (size_t i = 0; i < l->len; i++)
		check(u, l->items[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sh_parse_error error = {0};
	sh_ast_unit *unit = sh_parse((const char *)data, size, "fuzz.ps1", &error);
	if (unit) {
		check(unit, unit->root);
		sh_ast_unit_unref(unit);
		return 0;
	}
	if (!error.message || !error.error_id || error.offset > size ||
	    error.offset + error.length > size || error.line < 1 || error.column < 1)
		abort();
	sh_parse_error_clear(&error);
	return 0;
}
