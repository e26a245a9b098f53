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
    "+",
    "-",
    "*",
    "/",
    "%",
    "-eq",
    "-ne",
    "-gt",
    "-ge",
    "-lt",
    "-le",
    "-like",
    "-notlike",
    "-match",
    "-notmatch",
    "-contains",
    "-notcontains",
    "-in",
    "-notin",
    "-replace",
    "-split",
    "-join",
    "-is",
    "-isnot",
    "-as",
    "-and",
    "-or",
    "-xor",
    "-band",
    "-bor",
    "-bxor",
    "-shl",
    "-shr",
    "-f",
    "..",
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
	case SH_STRING: {
		bool bare = n->u.constant.is_bareword;
		if (!bare)
			buf_putc(b, '\'');
		for (size_t i = 0; i < sh_str_len(v); i++) {
			char c = sh_str(v)[i];
			if (c == '\'' && !bare)
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
		if (!bare)
			buf_putc(b, '\'');
	} break;
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
		buf_puts(b, n->kind == N_WHILE      ? "(while"
		            : n->kind == N_DO_WHILE ? "(dowhile"
		                                    : "(dountil");
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
		buf_puts(b, n->kind == N_RETURN ? "(return"
		            : n->kind == N_EXIT ? "(exit"
		                                : "(throw");
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

/* HVSH_TEST_SOFT=1 reports every mismatch instead of stopping at the first. */
static bool soft_checks;

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
			print_error("input:    %s\nexpected: %s\ngot:      %s\n", (src),           \
			            (expected), got_);                                             \
		assert_string_equal(got_, (expected));                                             \
		free(got_);                                                                        \
	} while (0)

#define ERR(src, expected)                                                                         \
	do {                                                                                       \
		char *got_ = error_print(src);                                                     \
		if (strcmp(got_, (expected)) != 0)                                                 \
			print_error("input:    %s\nexpected: %s\ngot:      %s\n", (src),           \
			            (expected), got_);                                             \
		if (!soft_checks)                                                                  \
			assert_string_equal(got_, (expected));                                     \
		free(got_);                                                                        \
	} while (0)

static void test_literals(void **state)
{
	(void)state;
	CHECK("1", "(pipe 1)");
	CHECK("2147483647", "(pipe 2147483647)");
	CHECK("2147483648", "(pipe 2147483648L)");
	CHECK("99999999999999999999", "(pipe 1e+20D)");
	CHECK("1.5", "(pipe 1.5D)");
	CHECK("1e3", "(pipe 1000D)");
	CHECK(".5", "(pipe 0.5D)");
	CHECK("0x1F", "(pipe 31)");
	CHECK("0xFFFFFFFF", "(pipe -1)");
	CHECK("0x100000000", "(pipe 4294967296L)");
	CHECK("10l", "(pipe 10L)");
	CHECK("5d", "(pipe 5D)");
	CHECK("1kb", "(pipe 1024)");
	CHECK("2GB", "(pipe 2147483648L)");
	CHECK("1.5kb", "(pipe 1536D)");
	CHECK("1TB; 1pb", "(pipe 1099511627776L); (pipe 1125899906842624L)");
	CHECK("-5", "(pipe -5)");
	CHECK("-2147483648", "(pipe -2147483648)");
	CHECK("- 5", "(pipe (u- 5))");
	CHECK("-1.5", "(pipe -1.5D)");
	CHECK("'it''s'", "(pipe 'it''s')");
	CHECK("\"\"", "(pipe '')");
	CHECK("\"a`tb`n`$x `\"q`\" \"\"d\"\" `u{41}`0\"", "(pipe 'a\\tb\\n$x \"q\" \"d\" A\\0')");
	CHECK("\"cost: $ 5\"", "(pipe 'cost: $ 5')");
	CHECK("\xe2\x80\x9csmart\xe2\x80\x9d; \xe2\x80\x98single\xe2\x80\x99",
	      "(pipe 'smart'); (pipe 'single')");
	CHECK("$true; $false; $null", "(pipe $true); (pipe $false); (pipe $null)");
}

static void test_strings(void **state)
{
	(void)state;
	CHECK("\"a $x b $($y.Name) c\"",
	      "(pipe (xstr 'a ' $x ' b ' ($ {(pipe (. $y 'Name'))}) ' c'))");
	CHECK("\"$x.Name\"", "(pipe (xstr $x '.Name'))");
	CHECK("\"${a b}x$env:HOME\"", "(pipe (xstr $a b 'x' $env:HOME))");
	CHECK("\"$_ $? $$\"", "(pipe (xstr $_ ' ' $? ' ' $$))");
	CHECK("\"$(\"in $(1 + 2)\")\"",
	      "(pipe (xstr ($ {(pipe (xstr 'in ' ($ {(pipe (+ 1 2))})))})))");
	CHECK("@\"\nline $x\n  two\n\"@", "(pipe (xstr 'line ' $x '\\n  two'))");
	CHECK("@\"\n\"@", "(pipe '')");
	CHECK("@'\nraw $x \"q\"\n'@", "(pipe 'raw $x \"q\"')");
	CHECK("@\"  \r\na\r\n\"@", "(pipe 'a')");
}

static void test_variables(void **state)
{
	(void)state;
	CHECK("$x; $_; ${odd name}", "(pipe $x); (pipe $_); (pipe $odd name)");
	CHECK("$global:x; $script:x; $local:x; $private:x",
	      "(pipe $global:x); (pipe $script:x); (pipe $local:x); (pipe $private:x)");
	CHECK("$env:PATH; $Env:Home; $variable:x; ${env:A B}",
	      "(pipe $env:PATH); (pipe $env:Home); (pipe $variable:x); (pipe $env:A B)");
	CHECK("echo @splat", "(pipe (cmd echo @splat))");
}

static void test_operators(void **state)
{
	(void)state;
	CHECK("1 + 2 * 3", "(pipe (+ 1 (* 2 3)))");
	CHECK("(1 + 2) * 3", "(pipe (* (paren (pipe (+ 1 2))) 3))");
	CHECK("10 - 2 - 3", "(pipe (- (- 10 2) 3))");
	CHECK("$x-1", "(pipe (- $x 1))");
	CHECK("1,2 + 3", "(pipe (+ (array 1 2) 3))");
	CHECK("-not $a -eq $b", "(pipe (-eq (-not $a) $b))");
	CHECK("!$x", "(pipe (-not $x))");
	CHECK("-bnot 5", "(pipe (-bnot 5))");
	CHECK(",1", "(pipe (u, 1))");
	CHECK(",1,2", "(pipe (array (u, 1) 2))");
	CHECK("-split \"a b\"", "(pipe (u-split 'a b'))");
	CHECK("\"a b\" -split \" \"", "(pipe (-split 'a b' ' '))");
	CHECK("-join (1,2)", "(pipe (u-join (paren (pipe (array 1 2)))))");
	CHECK("$a -join ','", "(pipe (-join $a ','))");
	CHECK("'{0}' -f 1 -eq '1'", "(pipe (-eq (-f '{0}' 1) '1'))");
	CHECK("'{0}{1}' -f 1,2", "(pipe (-f '{0}{1}' (array 1 2)))");
	CHECK("1..10", "(pipe (.. 1 10))");
	CHECK("-1..-5 + 1", "(pipe (+ (.. -1 -5) 1))");
	CHECK("$x -EQ 1 -or $y -CLike 'a*' -and $z -ieq 2",
	      "(pipe (-and (-or (-eq $x 1) (-clike $y 'a*')) (-eq $z 2)))");
	CHECK("$a -xor $b", "(pipe (-xor $a $b))");
	CHECK("$x -band 3 -and $y", "(pipe (-and (-band $x 3) $y))");
	CHECK("1 -shl 2 + 3", "(pipe (-shl 1 (+ 2 3)))");
	CHECK("$x -is [int]; $x -isnot [string]; $x -as [long]",
	      "(pipe (-is $x [int])); (pipe (-isnot $x [string])); (pipe (-as $x [long]))");
	CHECK("$a -match '^x' -replace 'a','b'",
	      "(pipe (-replace (-match $a '^x') (array 'a' 'b')))");
	CHECK("$a -in 1,2 -notin $b -contains 3",
	      "(pipe (-contains (-notin (-in $a (array 1 2)) $b) 3))");
	CHECK("1 +\n 2", "(pipe (+ 1 2))");
	CHECK("1 + <# note #> 2 # tail", "(pipe (+ 1 2))");
	CHECK("1 + `\n 2", "(pipe (+ 1 2))");
	CHECK("++$x; $x++; $i--; --$i",
	      "(pipe (++pre $x)); (pipe (post++ $x)); (pipe (post-- $i)); (pipe (--pre $i))");
	CHECK("$a.b++", "(pipe (post++ (. $a 'b')))");
}

static void test_types_members(void **state)
{
	(void)state;
	CHECK("[int]$x", "(pipe (cast [int] $x))");
	CHECK("[int] '5' + 1", "(pipe (+ (cast [int] '5') 1))");
	CHECK("[int]$x.Length", "(pipe (cast [int] (. $x 'Length')))");
	CHECK("[int[]]$a; [string[]] @()",
	      "(pipe (cast [int[]] $a)); (pipe (cast [string[]] (@ {})))");
	CHECK("[int]", "(pipe [int])");
	CHECK("[int]::MaxValue", "(pipe (:: [int] 'MaxValue'))");
	CHECK("[math]::Round(2.5)", "(pipe (scall [math] 'Round' 2.5D))");
	CHECK("[System.IO.Path]::Combine('a', 'b')",
	      "(pipe (scall [System.IO.Path] 'Combine' 'a' 'b'))");
	CHECK("[System.Collections.Generic.List[string]]::new()",
	      "(pipe (scall [System.Collections.Generic.List[string]] 'new'))");
	CHECK("[pscustomobject]@{a=1}", "(pipe (cast [pscustomobject] (hash (a (pipe 1)))))");
	CHECK("[ordered]@{}", "(pipe (cast [ordered] (hash)))");
	CHECK("[string][int]'5'", "(pipe (cast [string] (cast [int] '5')))");
	CHECK("[void]$list.Add(1)", "(pipe (cast [void] (call $list 'Add' 1)))");
	CHECK("$x.A.B", "(pipe (. (. $x 'A') 'B'))");
	CHECK("$x.'quoted name'", "(pipe (. $x 'quoted name'))");
	CHECK("$x.$name; $x.\"a$b\"; $x.($n)",
	      "(pipe (. $x $name)); (pipe (. $x (xstr 'a' $b))); (pipe (. $x (paren (pipe $n))))");
	CHECK("$s.ToUpper()", "(pipe (call $s 'ToUpper'))");
	CHECK("$x.Method(1, 2)", "(pipe (call $x 'Method' 1 2))");
	CHECK("$x.M((1,2), 'a')", "(pipe (call $x 'M' (paren (pipe (array 1 2))) 'a'))");
	CHECK("$x.M(\n 1,\n 2\n)", "(pipe (call $x 'M' 1 2))");
	CHECK("$a[0]; $a[-1]; $a[1..2]; $a[0,2]",
	      "(pipe (idx $a 0)); (pipe (idx $a -1)); (pipe (idx $a (.. 1 2))); "
	      "(pipe (idx $a (array 0 2)))");
	CHECK("$h['k'].Name[0]", "(pipe (idx (. (idx $h 'k') 'Name') 0))");
	CHECK("(Get-Date).Year", "(pipe (. (paren (pipe (cmd Get-Date))) 'Year'))");
	CHECK("5.ToString()", "(pipe (call 5 'ToString'))");
	CHECK("$x.foreach({$_})", "(pipe (call $x 'foreach' (block (sb {(pipe $_)}))))");
}

static void test_collections(void **state)
{
	(void)state;
	CHECK("1,2,3", "(pipe (array 1 2 3))");
	CHECK("1,\n2", "(pipe (array 1 2))");
	CHECK("@()", "(pipe (@ {}))");
	CHECK("@(1; Get-X)", "(pipe (@ {(pipe 1); (pipe (cmd Get-X))}))");
	CHECK("$(1)", "(pipe ($ {(pipe 1)}))");
	CHECK("@{a=1; b=2}", "(pipe (hash (a (pipe 1)) (b (pipe 2))))");
	CHECK("@{\n a = 1\n 'b c' = 2\n 3 = 4\n (1+1) = 5\n Content-Type = 'x'\n}",
	      "(pipe (hash (a (pipe 1)) ('b c' (pipe 2)) (3 (pipe 4)) "
	      "((paren (pipe (+ 1 1))) (pipe 5)) (Content-Type (pipe 'x'))))");
	CHECK("@{n='a'; e={$_.Name}}", "(pipe (hash (n (pipe 'a')) (e (pipe (block (sb {(pipe (. "
	                               "$_ 'Name'))}))))))");
	CHECK("@{a = if ($x) {1} else {2}}",
	      "(pipe (hash (a (if (pipe $x) {(pipe 1)} else {(pipe 2)}))))");
	CHECK("{ param($a) $a }", "(pipe (block (sb (param ($a)) {(pipe $a)})))");
}

static void test_commands(void **state)
{
	(void)state;
	CHECK("Get-VM", "(pipe (cmd Get-VM))");
	CHECK("Get-VM web* -Name:x 192.168.1.0/24",
	      "(pipe (cmd Get-VM web* (-Name: x) 192.168.1.0/24))");
	CHECK("Get-X -Force -Name: v -Switch:$false",
	      "(pipe (cmd Get-X -Force (-Name: v) (-Switch: $false)))");
	CHECK("echo 5 -5 2GB 5abc 1.2.3 ./x.ps1 C:\\x a,b",
	      "(pipe (cmd echo 5 -5 2147483648L 5abc 1.2.3 ./x.ps1 C:\\x (array a b)))");
	CHECK("echo a, b ,c", "(pipe (cmd echo (array a b c)))");
	CHECK("echo $dir/file $x.Name $x[0] \"q\" 'v' $x",
	      "(pipe (cmd echo (xword $dir '/file') (. $x 'Name') (idx $x 0) 'q' 'v' $x))");
	CHECK("echo a$(1)b a`tb a'b c'd \"x\"y",
	      "(pipe (cmd echo (xword 'a' ($ {(pipe 1)}) 'b') a\\tb ab cd 'x' y))");
	CHECK("echo (1+2) $(3) @(4) @{a=5} {6}",
	      "(pipe (cmd echo (paren (pipe (+ 1 2))) ($ {(pipe 3)}) (@ {(pipe 4)}) "
	      "(hash (a (pipe 5))) (block (sb {(pipe 6)}))))");
	CHECK("echo [int] -eq = !x +1 * % ?", "(pipe (cmd echo [int] -eq = !x +1 * % ?))");
	CHECK("Where-Object State -eq Running", "(pipe (cmd Where-Object State -eq Running))");
	CHECK("git --version -- -x", "(pipe (cmd git --version -x))");
	CHECK("& $sb 1 2", "(pipe (cmd & $sb 1 2))");
	CHECK("& 'name with space' arg", "(pipe (cmd & 'name with space' arg))");
	CHECK("& { $args } a", "(pipe (cmd & (block (sb {(pipe $args)})) a))");
	CHECK(". ./lib.ps1; . $sb", "(pipe (cmd . ./lib.ps1)); (pipe (cmd . $sb))");
	CHECK("./x.ps1 a", "(pipe (cmd ./x.ps1 a))");
	CHECK("1..3 | % { $_ }", "(pipe (.. 1 3) (cmd % (block (sb {(pipe $_)}))))");
	CHECK("$x | Out-Null", "(pipe $x (cmd Out-Null))");
	CHECK("Get-X |\n  Sort |\n\n Select -First 1",
	      "(pipe (cmd Get-X) (cmd Sort) (cmd Select -First 1))");
	CHECK("Get-X `\n  -Name a", "(pipe (cmd Get-X -Name a))");
	CHECK("foreach-object { } ; % {}", "(pipe (cmd foreach-object (block (sb {})))); "
	                                   "(pipe (cmd % (block (sb {}))))");
	CHECK("1..3 | foreach { $_ }", "(pipe (.. 1 3) (cmd foreach (block (sb {(pipe $_)}))))");
}

static void test_redirections(void **state)
{
	(void)state;
	CHECK("dir > out.txt", "(pipe (cmd dir (> out.txt)))");
	CHECK("dir >> out.txt 2>&1", "(pipe (cmd dir (>> out.txt) (2>&1)))");
	CHECK("dir 2> err.txt 3>&1", "(pipe (cmd dir (2> err.txt) (3>&1)))");
	CHECK("dir *> all.txt", "(pipe (cmd dir (*> all.txt)))");
	CHECK("dir 2>$null", "(pipe (cmd dir (2> $null)))");
	CHECK("dir >\"a b.txt\"", "(pipe (cmd dir (> 'a b.txt')))");
	CHECK("$x > f.txt", "(pipe (cexpr $x (> f.txt)))");
	CHECK("1 2>&1 | sort", "(pipe (cexpr 1 (2>&1)) (cmd sort))");
}

static void test_assignments(void **state)
{
	(void)state;
	CHECK("$x = 5", "(= $x (pipe 5))");
	CHECK("$x += 2; $x -= 1; $x *= 3; $x /= 4; $x %= 5",
	      "(+= $x (pipe 2)); (-= $x (pipe 1)); (*= $x (pipe 3)); (/= $x (pipe 4)); "
	      "(%= $x (pipe 5))");
	CHECK("$x.A.B = 3", "(= (. (. $x 'A') 'B') (pipe 3))");
	CHECK("$x[0] = 1", "(= (idx $x 0) (pipe 1))");
	CHECK("[int]$x = '5'", "(= (cast [int] $x) (pipe '5'))");
	CHECK("$a, $b = 1, 2", "(= (array $a $b) (pipe (array 1 2)))");
	CHECK("$x = Get-Thing | Sort", "(= $x (pipe (cmd Get-Thing) (cmd Sort)))");
	CHECK("$x =\n 5", "(= $x (pipe 5))");
	CHECK("$a = $b = 1", "(= $a (= $b (pipe 1)))");
	CHECK("$x = if ($a) { 1 } else { 2 }", "(= $x (if (pipe $a) {(pipe 1)} else {(pipe 2)}))");
	CHECK("$r = foreach ($i in 1..3) { $i }",
	      "(= $r (foreach $i (pipe (.. 1 3)) {(pipe $i)}))");
	CHECK("$x = switch ($y) { 1 {2} }", "(= $x (switch (pipe $y) (1 {(pipe 2)})))");
	CHECK("($x = 5)", "(pipe (paren (= $x (pipe 5))))");
	CHECK("$env:X = 'v'", "(= $env:X (pipe 'v'))");
}

static void test_statements(void **state)
{
	(void)state;
	CHECK("if ($x) { 1 } elseif ($y) { 2 } else { 3 }",
	      "(if (pipe $x) {(pipe 1)} (pipe $y) {(pipe 2)} else {(pipe 3)})");
	CHECK("if ($x)\n{\n 1\n}\nelse\n{\n 2\n}", "(if (pipe $x) {(pipe 1)} else {(pipe 2)})");
	CHECK("if ($x) { 1 }\n2", "(if (pipe $x) {(pipe 1)}); (pipe 2)");
	CHECK("if ($m = $x) {}", "(if (= $m (pipe $x)) {})");
	CHECK("switch -Regex -CaseSensitive ($x) { '^a' { 1 } abc { 2 } {$_ -gt 5} { 3 } default "
	      "{ 4 } }",
	      "(switch -regex -casesensitive (pipe $x) ('^a' {(pipe 1)}) (abc {(pipe 2)}) ((block "
	      "(sb "
	      "{(pipe (-gt $_ 5))})) {(pipe 3)}) (default {(pipe 4)}))");
	CHECK("switch -wildcard -exact -w (1,2) {\n 1 {'one'}\n -5 {}\n $v {}\n}",
	      "(switch -wildcard (pipe (array 1 2)) (1 {(pipe 'one')}) (-5 {}) ($v {}))");
	CHECK("switch -file ./f.txt { a {1} }", "(switch -file (pipe ./f.txt) (a {(pipe 1)}))");
	CHECK("foreach ($x in 1..3) { $x }", "(foreach $x (pipe (.. 1 3)) {(pipe $x)})");
	CHECK("foreach ($x in Get-X | Sort) {}", "(foreach $x (pipe (cmd Get-X) (cmd Sort)) {})");
	CHECK("for ($i = 0; $i -lt 10; $i++) { }",
	      "(for (= $i (pipe 0)) (pipe (-lt $i 10)) (pipe (post++ $i)) {})");
	CHECK("for (;;) {}", "(for _ _ _ {})");
	CHECK("for ($i = 0\n $i -lt 2\n $i++) {}",
	      "(for (= $i (pipe 0)) (pipe (-lt $i 2)) (pipe (post++ $i)) {})");
	CHECK("while ($true) { break }", "(while (pipe $true) {(break)})");
	CHECK("do { $i++ } while ($i -lt 5)", "(dowhile (pipe (-lt $i 5)) {(pipe (post++ $i))})");
	CHECK("do {\n} until ($x)", "(dountil (pipe $x) {})");
	CHECK(":outer foreach ($a in $b) { continue outer }",
	      "(foreach:outer $a (pipe $b) {(continue outer)})");
	CHECK(":l while (1) { break l }; :m for(;;){}; :s switch (1) {}",
	      "(while:l (pipe 1) {(break l)}); (for:m _ _ _ {}); (switch:s (pipe 1))");
	CHECK("break $name", "(break $name)");
	CHECK("return; return $x; return 1 | sort",
	      "(return); (return (pipe $x)); (return (pipe 1 (cmd sort)))");
	CHECK("exit; exit 1", "(exit); (exit (pipe 1))");
	CHECK("throw; throw \"bad\"", "(throw); (throw (pipe 'bad'))");
	CHECK("try { 1 } catch [System.IO.IOException], [Foo] { 2 } catch { 3 } finally { 4 }",
	      "(try {(pipe 1)} (catch [System.IO.IOException] [Foo] {(pipe 2)}) (catch {(pipe 3)}) "
	      "(finally {(pipe 4)}))");
	CHECK("try {\n} finally {\n}", "(try {} (finally {}))");
	CHECK("try { } catch { $_.Exception.Message }",
	      "(try {} (catch {(pipe (. (. $_ 'Exception') 'Message'))}))");
	CHECK("trap [T] { continue }; trap { }", "(trap [T] {(continue)}); (trap {})");
	CHECK("function f { }", "(function f (sb {}))");
	CHECK("function f { param($a, [int]$b = 2) $a }",
	      "(function f (sb (param ($a) ($b [int] = 2)) {(pipe $a)}))");
	CHECK("function Get-X($a, [int]$b = 2) { }",
	      "(function Get-X (sb (param ($a) ($b [int] = 2)) {}))");
	CHECK("filter F { $_ }", "(filter F (filtersb (process {(pipe $_)})))");
	CHECK("function f {\n begin { 1 }\n process { 2 }\n end { 3 }\n}",
	      "(function f (sb (begin {(pipe 1)}) (process {(pipe 2)}) {(pipe 3)}))");
	CHECK("function global:f {}", "(function global:f (sb {}))");
}

static void test_param_blocks(void **state)
{
	(void)state;
	CHECK("param($a)\n$a", "(sb (param ($a)) {(pipe $a)})");
	CHECK(
	    "[CmdletBinding()]\nparam(\n  [Parameter(Mandatory, Position=0, "
	    "ValueFromPipeline)]\n  [Alias('n','nm')]\n  [ValidateNotNullOrEmpty()]\n  "
	    "[string]$Name,\n  [ValidateSet('a','b')][string]$Kind = 'a',\n  [ValidateRange(1,10)] "
	    "[int] $Count = 1,\n  [switch]$Force\n)\n$Name",
	    "(sb (param (attr CmdletBinding) ($Name [string] (attr Parameter Mandatory Position=0 "
	    "ValueFromPipeline) (attr Alias 'n' 'nm') (attr ValidateNotNullOrEmpty)) ($Kind "
	    "[string] (attr ValidateSet 'a' 'b') = 'a') ($Count [int] (attr ValidateRange 1 10) = "
	    "1) "
	    "($Force [switch])) {(pipe $Name)})");
	CHECK("param([Parameter(Mandatory=$true, HelpMessage='x', ParameterSetName='s')]$a)",
	      "(sb (param ($a (attr Parameter Mandatory=$true HelpMessage='x' "
	      "ParameterSetName='s'))) {})");
	CHECK("param([ValidateScript({ $_ -gt 0 })][int]$n)",
	      "(sb (param ($n [int] (attr ValidateScript (block (sb {(pipe (-gt $_ 0))}))))) {})");
	CHECK("# comment\n<# help #>\nparam()\n", "(sb (param) {})");
	CHECK("[int]$x = 5", "(= (cast [int] $x) (pipe 5))");
	CHECK("[math]::Pi", "(pipe (:: [math] 'Pi'))");
	CHECK(
	    "function f {\n [CmdletBinding()]\n param([Parameter(ValueFromPipeline)]$x)\n process "
	    "{ $x }\n}",
	    "(function f (sb (param (attr CmdletBinding) ($x (attr Parameter ValueFromPipeline))) "
	    "(process {(pipe $x)})))");
}

static void test_errors(void **state)
{
	(void)state;
	ERR("if ($x) { 1",
	    "MissingEndCurlyBrace 1:9+1 incomplete: Missing closing '}' in statement "
	    "block or type definition.");
	ERR("if ($x) {\n 1\n}\n}", "UnexpectedToken 4:1+1: Unexpected token '}' in expression or "
	                           "statement.");
	ERR("(1 + 2", "MissingEndParenthesisInExpression 1:7+0 incomplete: Missing closing ')' in "
	              "expression.");
	ERR("(1 2)", "UnexpectedToken 1:4+1: Unexpected token '2' in expression or statement.");
	ERR("1 2", "UnexpectedToken 1:3+1: Unexpected token '2' in expression or statement.");
	ERR("$x foo-bar", "UnexpectedToken 1:4+7: Unexpected token 'foo-bar' in expression or "
	                  "statement.");
	ERR("$x = ",
	    "ExpectedValueExpression 1:5+1 incomplete: You must provide a value expression "
	    "following the '=' operator.");
	ERR("1 +", "ExpectedValueExpression 1:4+0 incomplete: You must provide a value expression "
	           "following the '+' operator.");
	ERR("(1 + )",
	    "ExpectedValueExpression 1:5+1: You must provide a value expression following "
	    "the '+' operator.");
	ERR("$a -eq",
	    "ExpectedValueExpression 1:7+0 incomplete: You must provide a value expression "
	    "following the '-eq' operator.");
	ERR("\"abc", "TerminatorExpectedAtEndOfString 1:5+0 incomplete: The string is missing the "
	             "terminator: \".");
	ERR("'abc", "TerminatorExpectedAtEndOfString 1:5+0 incomplete: The string is missing the "
	            "terminator: '.");
	ERR("@\"\nabc",
	    "TerminatorExpectedAtEndOfString 2:4+0 incomplete: The string is missing the "
	    "terminator: \"@.");
	ERR("@\"abc\"@",
	    "UnexpectedCharactersAfterHereStringHeader 1:3+1: No characters are allowed "
	    "after a here-string header but before the end of the line.");
	ERR("if () {}",
	    "IfStatementMissingCondition 1:5+1: Missing condition in if statement after "
	    "'if ('.");
	ERR("if ($x)", "MissingStatementBlock 1:8+0 incomplete: Missing statement block after if ( "
	               "condition ).");
	ERR("if ($x) {} elseif",
	    "MissingOpenParenthesisInIfStatement 1:18+0 incomplete: Missing '(' "
	    "after 'elseif' in if statement.");
	ERR("if ($x) {} else",
	    "MissingStatementBlockAfterElse 1:16+0 incomplete: Missing statement "
	    "block after 'else' keyword.");
	ERR("-not",
	    "MissingExpressionAfterOperator 1:5+0 incomplete: Missing expression after unary "
	    "operator '-not'.");
	ERR("1 | | 2", "EmptyPipeElement 1:4+1: An empty pipe element is not allowed.");
	ERR("1 |", "EmptyPipeElement 1:4+0 incomplete: An empty pipe element is not allowed.");
	ERR("1 |\n\n", "EmptyPipeElement 1:4+1 incomplete: An empty pipe element is not allowed.");
	ERR("| x", "EmptyPipeElement 1:1+1: An empty pipe element is not allowed.");
	ERR("x | 1", "ExpressionsMustBeFirstInPipeline 1:5+1: Expressions are only allowed as the "
	             "first element of a pipeline.");
	ERR("5 = 3",
	    "InvalidLeftHandSide 1:1+1: The assignment expression is not valid. The input to "
	    "an assignment operator must be an object that is able to accept assignments, "
	    "such as a variable or a property.");
	ERR("$x.M() = 3",
	    "InvalidLeftHandSide 1:1+6: The assignment expression is not valid. The "
	    "input to an assignment operator must be an object that is able to accept "
	    "assignments, such as a variable or a property.");
	ERR("5++", "OperatorRequiresVariableOrProperty 1:1+1: The '++' operator works only on "
	           "variables or on properties.");
	ERR("@{a 1}", "MissingEqualsInHashLiteral 1:4+1: Missing '=' operator after key in hash "
	              "literal.");
	ERR("@{=1}", "MissingKeyInHashLiteral 1:3+1: Missing key before '=' in hash literal.");
	ERR("@{a=}", "MissingStatementInHashLiteral 1:5+1: Missing statement after '=' in hash "
	             "literal.");
	ERR("@{a=1",
	    "MissingEndCurlyBrace 1:1+1 incomplete: Missing closing '}' in statement block "
	    "or type definition.");
	ERR("@{a=1;A=2}",
	    "DuplicateKeyInHashLiteral 1:7+1: Duplicate keys 'A' are not allowed in hash "
	    "literals.");
	ERR("foo `", "UnexpectedToken 1:5+1 incomplete: Unexpected token '`' in expression or "
	             "statement.");
	ERR("<# abc", "MissingTerminatorMultiLineComment 1:7+0 incomplete: The terminator '#>' is "
	              "missing from the multiline comment.");
	ERR("$x.", "MissingPropertyName 1:4+0 incomplete: Missing property name after reference "
	           "operator.");
	ERR("$x[]", "MissingArrayIndexExpression 1:4+1: Array index expression is missing or not "
	            "valid.");
	ERR("$x[1", "MissingEndSquareBracket 1:5+0 incomplete: Missing ']' after array index "
	            "expression.");
	ERR("$x.M(1,",
	    "MissingExpressionAfterToken 1:8+0 incomplete: Missing expression after ','.");
	ERR("$x.M(1", "MissingEndParenthesisInMethodCall 1:7+0 incomplete: Missing ')' in method "
	              "call.");
	ERR("[int",
	    "EndSquareBracketExpectedAtEndOfType 1:5+0 incomplete: Missing ] at end of type "
	    "token.");
	ERR("[", "MissingTypename 1:2+0 incomplete: Missing type name after '['.");
	ERR("[int(1)]$x", "UnexpectedAttribute 1:1+4: Unexpected attribute 'int'.");
	ERR("()", "ExpectedExpression 1:2+1: An expression was expected after '('.");
	ERR("function {}", "MissingNameAfterKeyword 1:9+1: Missing name after function keyword.");
	ERR("function f",
	    "MissingFunctionBody 1:11+0 incomplete: Missing function body in function "
	    "declaration.");
	ERR("function f($a) { param($b) }", "OnlyOneParameterListAllowed 1:18+9: The param "
	                                    "statement cannot be used if arguments were "
	                                    "specified in the function declaration.");
	ERR("param($a, $A)", "DuplicateFormalParameter 1:11+2: Duplicate parameter $A in parameter "
	                     "list.");
	ERR("param($a",
	    "MissingEndParenthesisInFunctionParameterList 1:9+0 incomplete: Missing ')' "
	    "in function parameter list.");
	ERR("param(a)", "InvalidFunctionParameter 1:7+1: Parameter declarations are a "
	                "comma-separated list of variable names with optional initializer "
	                "expressions.");
	ERR("param([Parameter(Mandatory)$a)", "EndSquareBracketExpectedAtEndOfAttribute 1:28+1: "
	                                      "Missing ] at end of attribute or type literal.");
	ERR("foreach (x in $y) {}",
	    "MissingVariableNameAfterForeach 1:10+1: Missing variable name "
	    "after foreach.\nThe correct form is: foreach ($a in $b) {...}");
	ERR("foreach ($x $y) {}",
	    "MissingInInForeach 1:12+1: Missing 'in' after variable in foreach "
	    "loop.\nThe correct form is: foreach ($a in $b) {...}");
	ERR("foreach ($x in) {}", "MissingForeachExpression 1:15+1: Missing expression in foreach "
	                          "loop.\nThe correct form is: foreach ($a in $b) {...}");
	ERR("foreach ($x in $y)",
	    "MissingForeachStatement 1:19+0 incomplete: Missing statement body "
	    "in foreach loop.\nThe correct form is: foreach ($a in $b) {...}");
	ERR("foreach $x", "MissingOpenParenthesisAfterKeyword 1:8+1: Missing opening '(' after "
	                  "keyword 'foreach'.");
	ERR("while () {}",
	    "MissingExpressionAfterKeyword 1:8+1: Missing expression after 'while' in "
	    "loop.");
	ERR("while ($x",
	    "MissingEndParenthesisAfterStatement 1:10+0 incomplete: Missing closing ')' "
	    "after expression in 'while' statement.");
	ERR("while ($x)", "MissingLoopStatement 1:11+0 incomplete: Missing statement body in while "
	                  "loop.");
	ERR("for ($i) {",
	    "MissingEndCurlyBrace 1:10+1 incomplete: Missing closing '}' in statement "
	    "block or type definition.");
	ERR("for ($i", "MissingEndParenthesisAfterStatement 1:8+0 incomplete: Missing closing ')' "
	               "after expression in 'for' statement.");
	ERR("do {} foo", "MissingWhileOrUntilInDoWhile 1:6+1: Missing while or until keyword in do "
	                 "loop.");
	ERR("do", "MissingLoopStatement 1:3+0 incomplete: Missing statement body in do loop.");
	ERR("try {}",
	    "MissingCatchOrFinally 1:7+0 incomplete: The Try statement is missing its Catch "
	    "or Finally block.");
	ERR("try", "MissingTryStatementBlock 1:4+0 incomplete: The Try statement is missing its "
	           "statement block.");
	ERR("try {} catch {} catch [T] {}", "EmptyCatchNotLast 1:8+5: Catch block must be the last "
	                                    "catch block.");
	ERR("try {} catch [T],",
	    "MissingTypeLiteralToken 1:18+0 incomplete: Missing type literal.");
	ERR("try {} catch",
	    "MissingCatchHandlerBlock 1:13+0 incomplete: The Catch block is missing "
	    "its statement block.");
	ERR("try {} finally",
	    "MissingFinallyStatementBlock 1:15+0 incomplete: The Finally block is "
	    "missing its statement block.");
	ERR("trap", "MissingTrapStatement 1:5+0 incomplete: The 'trap' statement was incomplete. A "
	            "trap statement requires a body.");
	ERR("switch {}", "PipelineValueRequired 1:7+1: A switch statement must have one of the "
	                 "following:  '-file file_name' or '( expression )'.");
	ERR("switch ($x) { 1 }", "MissingSwitchStatementClause 1:16+1: Missing statement block in "
	                         "switch statement clause.");
	ERR("switch ($x) { default {} default {} }",
	    "MultipleSwitchDefaultClauses 1:26+7: A switch "
	    "statement can have only one default clause.");
	ERR("switch -foo ($x) {}",
	    "InvalidSwitchFlag 1:8+4: The parameter -foo is not valid for the "
	    "switch statement.");
	ERR("switch ($x) {", "MissingEndCurlyBrace 1:13+1 incomplete: Missing closing '}' in "
	                     "statement block or type definition.");
	ERR("function f { begin {} foo }",
	    "MissingNamedBlocks 1:23+3: unexpected token 'foo', "
	    "expected 'begin', 'process', 'end', or 'dynamicparam'.");
	ERR("function f { end {} end {} }", "DuplicateScriptCommandClause 1:21+3: Script command "
	                                    "clause 'end' has already been defined.");
	ERR("}", "UnexpectedToken 1:1+1: Unexpected token '}' in expression or statement.");
	ERR(")", "UnexpectedToken 1:1+1: Unexpected token ')' in expression or statement.");
	ERR("else {}",
	    "UnexpectedToken 1:1+4: Unexpected token 'else' in expression or statement.");
	ERR("a & b", "AmpersandNotAllowed 1:3+1: The ampersand (&) character is not allowed. The & "
	             "operator is reserved for future use; wrap an ampersand in double quotation "
	             "marks (\"&\") to pass it as part of a string.");
	ERR("a < b", "RedirectionNotSupported 1:3+1: The '<' operator is reserved for future use.");
	ERR("dir > ", "MissingFileSpecification 1:6+1 incomplete: Missing file specification after "
	              "redirection operator.");
	ERR("dir > a > b", "StreamAlreadyRedirected 1:9+1: The output stream for this command is "
	                   "already redirected.");
	ERR("& ", "MissingExpression 1:2+1 incomplete: Missing expression after '&' in pipeline "
	          "element.");
	ERR("@(1", "MissingEndParenthesisInSubexpression 1:4+0 incomplete: Missing closing ')' in "
	           "subexpression.");
	ERR("\"$(1\"",
	    "TerminatorExpectedAtEndOfString 1:6+0 incomplete: The string is missing the "
	    "terminator: \".");
	ERR("echo a,", "MissingArgument 1:8+0 incomplete: Missing argument in parameter list.");
	ERR("class Foo {}",
	    "ReservedKeywordNotAllowed 1:1+5: The 'class' keyword is not supported in "
	    "this version of the language.");
	ERR("$x = @x",
	    "SplattingNotPermitted 1:6+2: The splatting operator '@' cannot be used to "
	    "reference variables in an expression. '@x' can be used only as an argument to "
	    "a command. To reference variables in an expression use '$x'.");
	ERR("\"`u{110000}\"",
	    "InvalidUnicodeEscapeSequenceValue 1:2+10: The Unicode escape sequence "
	    "value is out of range. The maximum value is 0x10FFFF.");
	ERR("\"`u{}\"", "InvalidUnicodeEscapeSequence 1:2+3: The Unicode escape sequence is not "
	                "valid. A valid sequence is `u{ followed by one to six hex digits and a "
	                "closing '}'.");
	ERR("0xFFFFFFFFFFFFFFFFFF", "BadNumericConstant 1:1+20: The numeric constant "
	                            "0xFFFFFFFFFFFFFFFFFF is not valid.");
	ERR("${",
	    "IncompleteDollarVariableReference 1:3+0 incomplete: ${variable} reference starting "
	    "is missing the closing '}'.");
	ERR("${}",
	    "EmptyVariableReference 1:1+3: An empty ${} variable reference was found. A name "
	    "is required inside the braces.");
	ERR("1 + $ x",
	    "InvalidVariableReference 1:5+1: Variable reference is not valid. '$' was not "
	    "followed by a valid variable name character. Consider using ${} to delimit the "
	    "name.");
	ERR("\"$x: y\"",
	    "InvalidVariableReferenceWithDrive 1:2+3: Variable reference is not valid. "
	    "':' was not followed by a valid variable name character. Consider using ${} "
	    "to delimit the name.");
	ERR("1 -foo 2",
	    "UnexpectedToken 1:3+4: Unexpected token '-foo' in expression or statement.");
	ERR("a && b", "UnexpectedToken 1:3+2: Unexpected token '&&' in expression or statement.");
	ERR("\xc3\xa9t\xc3\xa9 = 1\n  \"\xc3\xa9",
	    "TerminatorExpectedAtEndOfString 2:5+0 incomplete: The string is missing the "
	    "terminator: \".");
	ERR("x\n  (1 +\n )", "ExpectedValueExpression 2:7+1: You must provide a value expression "
	                     "following the '+' operator.");
}

static void test_incomplete(void **state)
{
	(void)state;
	static const char *const incomplete[] = {
	    "if ($x) {",
	    "function f {\n",
	    "foreach ($a in $b) {\n  $a\n",
	    "\"abc\n",
	    "'abc\n",
	    "@\"\nx\n",
	    "@'\nx\n",
	    "1 +\n",
	    "Get-X |\n",
	    "$x = \n",
	    "(1,\n",
	    "@(\n",
	    "@{\n a = 1\n",
	    "$(",
	    "<# c\n",
	    "{",
	    "try {}\n",
	    "do {}\n",
	    "switch ($x) {\n",
	    "param(\n",
	    "param([Parameter(\n",
	    "$x.M(\n",
	    "$x[\n",
	};
	for (size_t i = 0; i < sizeof incomplete / sizeof incomplete[0]; i++) {
		sh_parse_error e;
		sh_ast_unit *u = sh_parse(incomplete[i], strlen(incomplete[i]), NULL, &e);
		if (u || !e.incomplete)
			print_error("not incomplete: %s\n", incomplete[i]);
		assert_null(u);
		assert_true(e.incomplete);
		sh_parse_error_clear(&e);
	}
	static const char *const complete_errors[] = {"(1 2)", "}", "1 | | 2", "if () {}", "5 = 3"};
	for (size_t i = 0; i < sizeof complete_errors / sizeof complete_errors[0]; i++) {
		sh_parse_error e;
		assert_null(sh_parse(complete_errors[i], strlen(complete_errors[i]), NULL, &e));
		assert_false(e.incomplete);
		sh_parse_error_clear(&e);
	}
}

static const sh_node *first_stmt(const sh_ast_unit *u, size_t i)
{
	return u->root->u.scriptblock.end->u.statements.items[i];
}

static void test_positions(void **state)
{
	(void)state;
	const char *src = "$a = 1\n  Get-Item $x -Name 'b' |\n    Sort\n\xc3\xa9 = { 1 }\n";
	sh_parse_error e;
	sh_ast_unit *u = sh_parse(src, strlen(src), "t.ps1", &e);
	assert_non_null(u);
	assert_string_equal(u->file, "t.ps1");
	assert_int_equal(u->root->kind, N_SCRIPTBLOCK);
	assert_int_equal(u->root->start, 0);
	assert_int_equal(u->root->end, strlen(src));
	const sh_node *as = first_stmt(u, 0);
	assert_int_equal(as->kind, N_ASSIGN);
	assert_int_equal(as->start, 0);
	assert_int_equal(as->end, 6);
	assert_int_equal(as->u.assign.rhs->line, 1);
	assert_int_equal(as->u.assign.rhs->column, 6);
	const sh_node *pl = first_stmt(u, 1);
	assert_int_equal(pl->kind, N_PIPELINE);
	assert_int_equal(pl->line, 2);
	assert_int_equal(pl->column, 3);
	assert_int_equal(pl->start, 9);
	assert_int_equal(pl->end, (uint32_t)(strstr(src, "Sort") - src) + 4);
	const sh_node *cmd = pl->u.pipeline.elements.items[0];
	const sh_node *x = cmd->u.command.elements.items[1];
	assert_int_equal(x->kind, N_VARIABLE);
	assert_int_equal(x->line, 2);
	assert_int_equal(x->column, 12);
	assert_int_equal(x->end - x->start, 2);
	const sh_node *param = cmd->u.command.elements.items[2];
	assert_int_equal(param->kind, N_COMMAND_PARAM);
	assert_int_equal(param->column, 15);
	assert_int_equal(param->end - param->start, 5);
	const sh_node *sort = pl->u.pipeline.elements.items[1];
	assert_int_equal(sort->line, 3);
	assert_int_equal(sort->column, 5);
	/* columns count characters, not bytes */
	const sh_node *a2 = first_stmt(u, 2);
	assert_int_equal(a2->kind, N_INVOKE == a2->kind ? N_INVOKE : N_PIPELINE);
	const sh_node *cmd2 = a2->u.pipeline.elements.items[0];
	const sh_node *blk = cmd2->u.command.elements.items[2];
	assert_int_equal(blk->kind, N_SCRIPTBLOCK_EXPR);
	assert_int_equal(blk->line, 4);
	assert_int_equal(blk->column, 5);
	sh_scriptblock sb = {u, blk->u.sbexpr.body};
	char *text = sh_scriptblock_text(&sb);
	assert_string_equal(text, " 1 ");
	free(text);
	sh_scriptblock whole = {u, u->root};
	text = sh_scriptblock_text(&whole);
	assert_string_equal(text, src);
	free(text);
	/* a unit outlives the parse while referenced */
	sh_ast_unit_ref(u);
	sh_ast_unit_unref(u);
	assert_int_equal(u->refcount, 1);
	sh_ast_unit_unref(u);
}

static void test_scriptblock_text(void **state)
{
	(void)state;
	const char *src = "function f($a) {\n  $a + 1\n}\n$sb = {param($x) $x * 2}";
	sh_ast_unit *u = sh_parse(src, strlen(src), NULL, NULL);
	assert_non_null(u);
	sh_scriptblock f = {u, first_stmt(u, 0)->u.function.body};
	char *t = sh_scriptblock_text(&f);
	assert_string_equal(t, "\n  $a + 1\n");
	free(t);
	const sh_node *rhs = first_stmt(u, 1)->u.assign.rhs->u.pipeline.elements.items[0];
	sh_scriptblock b = {u, rhs->u.command_expr.expr->u.sbexpr.body};
	t = sh_scriptblock_text(&b);
	assert_string_equal(t, "param($x) $x * 2");
	free(t);
	sh_ast_unit_unref(u);
}

static void test_keywords(void **state)
{
	(void)state;
	assert_true(sh_is_keyword("if"));
	assert_true(sh_is_keyword("ForEach"));
	assert_true(sh_is_keyword("function"));
	assert_true(sh_is_keyword("param"));
	assert_false(sh_is_keyword("Get-VM"));
	assert_false(sh_is_keyword("foreach-object"));
	assert_false(sh_is_keyword(""));
	assert_false(sh_is_keyword(NULL));
}

static void test_robustness(void **state)
{
	(void)state;
	/* deep nesting is refused, not a stack overflow */
	size_t n = 100000;
	char *deep = malloc(n + 1);
	memset(deep, '(', n);
	deep[n] = '\0';
	ERR(deep, "ScriptTooComplicated 1:200+1: Processing was stopped because the script is too "
	          "complex.");
	memset(deep, '[', n);
	char *s = error_print(deep);
	assert_true(strncmp(s, "MissingTypename", 15) == 0);
	free(s);
	free(deep);
	/* embedded NULs, stray bytes and invalid UTF-8 are tokens like any other */
	static const char nul[] = "echo a\0b";
	sh_parse_error e;
	sh_ast_unit *u = sh_parse(nul, sizeof nul - 1, NULL, &e);
	assert_non_null(u);
	sh_ast_unit_unref(u);
	/* ill-formed UTF-8 in a bare word becomes U+FFFD in the string */
	CHECK("echo \xff\xfe", "(pipe (cmd echo \xEF\xBF\xBD\xEF\xBF\xBD))");
	/* long inputs parse in linear time */
	sh_buf b = {0};
	buf_puts(&b, "$x = 0");
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, " + \"$(1)\"");
	u = sh_parse(b.data, b.len, NULL, &e);
	assert_non_null(u);
	sh_ast_unit_unref(u);
	buf_free(&b);
	/* a byte-order mark is skipped */
	CHECK("\xef\xbb\xbf"
	      "1",
	      "(pipe 1)");
}

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
	soft_checks = getenv("HVSH_TEST_SOFT") != NULL;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_literals),         cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_variables),        cmocka_unit_test(test_operators),
	    cmocka_unit_test(test_types_members),    cmocka_unit_test(test_collections),
	    cmocka_unit_test(test_commands),         cmocka_unit_test(test_redirections),
	    cmocka_unit_test(test_assignments),      cmocka_unit_test(test_statements),
	    cmocka_unit_test(test_param_blocks),     cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_incomplete),       cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_scriptblock_text), cmocka_unit_test(test_keywords),
	    cmocka_unit_test(test_robustness),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
