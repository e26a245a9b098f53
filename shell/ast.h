/*
 * ast.h - the syntax tree the parser builds and the evaluator walks.
 *
 * A parse produces an sh_ast_unit: the source text, its file name, and an
 * arena of nodes. Units are reference counted because script blocks (values
 * of kind SH_SCRIPTBLOCK) point into them and may outlive the parse that
 * made them (a block stored in a variable, a function defined by a script).
 *
 * Every node records its extent in the source (byte offsets, 1-based line
 * and column of the start), which error records use for "At line:N char:M"
 * and the ~~~~ underline.
 *
 * Lists are arrays of node pointers with a count.
 */
#ifndef SH_AST_H
#define SH_AST_H

#include "ops.h"
#include "value.h"

typedef struct sh_node sh_node;

typedef struct sh_nodelist {
	sh_node **items;
	size_t len;
} sh_nodelist;

typedef enum sh_node_kind {
	/* ---- structure ---- */
	N_SCRIPTBLOCK,   /* script file, function body, { } block */
	N_STATEMENTS,    /* a statement list (block bodies) */
	N_PIPELINE,      /* cmd | cmd | ... ; an expression alone is a one-element pipeline */
	N_COMMAND,       /* Get-VM -Name x, & $sb 1 2, . ./file.ps1 */
	N_COMMAND_EXPR,  /* an expression as a pipeline element: 1..10 | ... , $x */
	N_COMMAND_PARAM, /* -Name, -Name:value inside a command */
	N_REDIRECTION,

	/* ---- statements ---- */
	N_ASSIGN, /* lhs op rhs */
	N_IF,
	N_SWITCH,
	N_FOREACH,
	N_FOR,
	N_WHILE,
	N_DO_WHILE,
	N_DO_UNTIL,
	N_BREAK,
	N_CONTINUE,
	N_RETURN,
	N_EXIT,
	N_THROW,
	N_TRY,
	N_TRAP,
	N_FUNCTION,
	N_PARAM_BLOCK, /* param(...) */
	N_PARAMETER,   /* one parameter declaration */
	N_ATTRIBUTE,   /* [Parameter(Mandatory, Position=0)], [Alias('x')], [ValidateSet(...)] */

	/* ---- expressions ---- */
	N_CONSTANT, /* number, 'verbatim string', bare word, $true/$false/$null are variables */
	N_EXPANDABLE_STRING, /* "text $var $($expr)" */
	N_VARIABLE,          /* $x, $env:X, ${a b}, @splat */
	N_ARRAY_LITERAL,     /* 1, 2, 3 */
	N_ARRAY_EXPR,        /* @( statements ) */
	N_SUBEXPR,           /* $( statements ) */
	N_PAREN,             /* ( pipeline ) */
	N_HASH_LITERAL,      /* @{ k = v; ... } */
	N_SCRIPTBLOCK_EXPR,  /* { ... } as a value */
	N_BINARY,
	N_UNARY,
	N_INCDEC,  /* ++$x, $x++, --$x, $x-- */
	N_CAST,    /* [type] expr */
	N_TYPE,    /* [type] alone */
	N_MEMBER,  /* expr.Name, expr::Name, expr.$name, expr."name" */
	N_INVOKE,  /* expr.Method(args), expr::Method(args) */
	N_INDEX,   /* expr[index] */
	N_LOGICAL, /* -and -or -xor (short-circuit for -and/-or) */
} sh_node_kind;

typedef enum sh_assign_op {
	SH_ASSIGN = 0,
	SH_ASSIGN_ADD,
	SH_ASSIGN_SUB,
	SH_ASSIGN_MUL,
	SH_ASSIGN_DIV,
	SH_ASSIGN_MOD
} sh_assign_op;

typedef enum sh_redir_stream {
	SH_STREAM_OUTPUT = 1,
	SH_STREAM_ERROR = 2,
	SH_STREAM_WARNING = 3,
	SH_STREAM_VERBOSE = 4,
	SH_STREAM_DEBUG = 5,
	SH_STREAM_INFORMATION = 6,
	SH_STREAM_ALL = 7
} sh_redir_stream;

typedef enum sh_switch_mode {
	SH_SWITCH_EXACT = 0,
	SH_SWITCH_WILDCARD,
	SH_SWITCH_REGEX
} sh_switch_mode;

struct sh_node {
	sh_node_kind kind;
	/* extent: [start, end) byte offsets into the unit's source */
	uint32_t start, end;
	uint32_t line, column; /* of start, 1-based */
	union {
		/* N_SCRIPTBLOCK: param block and named blocks; a block without
		   begin/process/end keywords puts its statements in `end`. */
		struct {
			sh_node *param_block;           /* N_PARAM_BLOCK or NULL */
			sh_node *begin, *process, *end; /* N_STATEMENTS or NULL */
			bool is_filter; /* filter functions: body is the process block */
		} scriptblock;

		/* N_STATEMENTS */
		sh_nodelist statements;

		/* N_PIPELINE: elements are N_COMMAND or N_COMMAND_EXPR */
		struct {
			sh_nodelist elements;
			bool background; /* trailing & (not supported yet: an error) */
		} pipeline;

		/* N_COMMAND: elements[0] is the command name (N_CONSTANT bare word or
		   string, or any expression after & / .); the rest are arguments:
		   N_COMMAND_PARAM or expressions (bare words are N_CONSTANT strings
		   with is_bareword set). */
		struct {
			sh_nodelist elements;
			char invocation;          /* 0, '&' or '.' */
			sh_nodelist redirections; /* N_REDIRECTION */
		} command;

		/* N_COMMAND_EXPR */
		struct {
			sh_node *expr;
			sh_nodelist redirections;
		} command_expr;

		/* N_COMMAND_PARAM: "-Name" or "-Name:arg". `argument` is set only
		   for the colon form; otherwise the binder takes the next element
		   as the value when the parameter is not a switch. */
		struct {
			char *name; /* without the dash */
			sh_node *argument;
			bool colon;
		} command_param;

		/* N_REDIRECTION: 2>&1 (merge), > file, >> file */
		struct {
			sh_redir_stream from;
			sh_redir_stream merge_to; /* 2>&1: merge_to = OUTPUT; 0 when to a file */
			sh_node *target;          /* file name expression */
			bool append;
		} redirection;

		/* N_ASSIGN: lhs is N_VARIABLE, N_MEMBER, N_INDEX, N_CAST of a
		   variable ([int]$x = 5), or N_ARRAY_LITERAL of those ($a, $b = ...).
		   rhs is a statement (pipeline, if, foreach, switch ...). */
		struct {
			sh_node *lhs;
			sh_assign_op op;
			sh_node *rhs;
		} assign;

		/* N_IF: conditions[i] (pipeline) guards bodies[i]; else_body or NULL */
		struct {
			sh_nodelist conditions;
			sh_nodelist bodies; /* N_STATEMENTS */
			sh_node *else_body;
		} if_stmt;

		/* N_SWITCH: clause i matches patterns[i] (an expression, or a
		   N_SCRIPTBLOCK_EXPR evaluated with $_), runs bodies[i]. The
		   default clause is default_body. With `file`, condition names a file. */
		struct {
			char *label;
			sh_switch_mode mode;
			bool case_sensitive;
			bool file;
			sh_node *condition; /* pipeline */
			sh_nodelist patterns;
			sh_nodelist bodies;
			sh_node *default_body;
		} switch_stmt;

		/* N_FOREACH */
		struct {
			char *label;
			sh_node *variable;   /* N_VARIABLE */
			sh_node *collection; /* pipeline */
			sh_node *body;
		} foreach_stmt;

		/* N_FOR: each part may be NULL */
		struct {
			char *label;
			sh_node *init, *condition, *iterator;
			sh_node *body;
		} for_stmt;

		/* N_WHILE, N_DO_WHILE, N_DO_UNTIL */
		struct {
			char *label;
			sh_node *condition;
			sh_node *body;
		} loop;

		/* N_BREAK, N_CONTINUE: label is a bare word or expression, or NULL.
		   N_RETURN, N_EXIT, N_THROW: value is a pipeline or NULL. */
		struct {
			sh_node *label;
		} jump;
		struct {
			sh_node *value;
		} flow;

		/* N_TRY: catch_types[i] is an N_ARRAY_LITERAL whose elements are
		   the N_TYPE nodes of catch clause i (no elements: catch all). */
		struct {
			sh_node *body;
			sh_nodelist catch_types;
			sh_nodelist catch_bodies;
			sh_node *finally_body;
		} try_stmt;

		/* N_TRAP */
		struct {
			sh_node *type; /* N_TYPE or NULL */
			sh_node *body;
		} trap;

		/* N_FUNCTION: `function Name($a, $b) { }` puts the parenthesized
		   parameters into body's param_block. */
		struct {
			char *name;
			bool is_filter;
			sh_node *body; /* N_SCRIPTBLOCK */
		} function;

		/* N_PARAM_BLOCK: attributes (CmdletBinding ...) and N_PARAMETER list */
		struct {
			sh_nodelist attributes;
			sh_nodelist parameters;
		} param_block;

		/* N_PARAMETER: [attributes] [type] $name = default */
		struct {
			char *name;
			sh_nodelist attributes; /* N_ATTRIBUTE */
			sh_node *type; /* N_TYPE or NULL (last type literal before $name) */
			sh_node *default_value; /* expression or NULL */
		} parameter;

		/* N_ATTRIBUTE: [Name(positional args, Named = value, Flag)] */
		struct {
			char *name;
			sh_nodelist positional; /* expressions */
			char **named_keys;      /* named_values[i] may be NULL for a bare flag
			                           (Mandatory) */
			sh_node **named_values;
			size_t named_len;
		} attribute;

		/* N_CONSTANT: number, verbatim string, bare word. value is owned by the node. */
		struct {
			sh_value *value;
			bool is_bareword; /* command-mode bare word */
		} constant;

		/* N_EXPANDABLE_STRING: parts are N_CONSTANT strings and expressions
		   (N_VARIABLE, N_SUBEXPR, N_MEMBER for "$($x.Name)" stays N_SUBEXPR);
		   `raw` is the text without quotes, escapes already processed in the
		   constant parts. A bare word with $var inside (e.g. Get-Item $dir/x)
		   in command mode is also an expandable string. */
		struct {
			sh_nodelist parts;
			bool is_bareword;
			char *raw; /* the source text between the quotes (the word itself for bare
			              words) */
		} expandable;

		/* N_VARIABLE: name without $ and without scope; scope is "global",
		   "script", "local", "private", "env", "variable", "function" or NULL.
		   splat: @name in command arguments. braced: ${...}. */
		struct {
			char *name;
			char *scope;
			bool splat;
		} variable;

		/* N_ARRAY_LITERAL: elements */
		sh_nodelist array;

		/* N_ARRAY_EXPR, N_SUBEXPR: body is N_STATEMENTS; N_PAREN: inner is a
		   pipeline or an assignment statement */
		struct {
			sh_node *body;
		} group;

		/* N_HASH_LITERAL: keys[i] (expressions; bare keys are N_CONSTANT
		   strings) map to values[i] (statements) */
		struct {
			sh_nodelist keys;
			sh_nodelist values;
		} hash;

		/* N_SCRIPTBLOCK_EXPR: body is N_SCRIPTBLOCK */
		struct {
			sh_node *body;
		} sbexpr;

		/* N_BINARY */
		struct {
			sh_binop op;
			bool case_sensitive;
			sh_node *left, *right;
		} binary;

		/* N_LOGICAL: op is SH_OP_AND, SH_OP_OR or SH_OP_XOR */
		struct {
			sh_binop op;
			sh_node *left, *right;
		} logical;

		/* N_UNARY */
		struct {
			sh_unop op;
			sh_node *operand;
		} unary;

		/* N_INCDEC */
		struct {
			sh_node *operand; /* an lvalue */
			bool increment;
			bool prefix;
		} incdec;

		/* N_CAST: [type] operand; N_TYPE: type alone. type_name is as
		   written inside the brackets ("int", "System.IO.Path", "string[]"). */
		struct {
			char *type_name;
			sh_node *operand; /* N_CAST only */
		} type;

		/* N_MEMBER and N_INVOKE: member is N_CONSTANT string for .Name, or
		   an expression for .$name / ."quoted". */
		struct {
			sh_node *target;
			sh_node *member;
			bool is_static;   /* :: */
			sh_nodelist args; /* N_INVOKE */
		} member;

		/* N_INDEX */
		struct {
			sh_node *target;
			sh_node *index;
		} index;
	} u;
};

/* A parse result. */
typedef struct sh_ast_unit {
	int refcount;
	char *file;   /* script path, or NULL for command lines */
	char *source; /* the text parsed, NUL-terminated */
	size_t source_len;
	sh_node *root; /* N_SCRIPTBLOCK */
	/* arena bookkeeping is private to the parser */
	void *arena;
} sh_ast_unit;

void sh_ast_unit_ref(sh_ast_unit *u);
void sh_ast_unit_unref(sh_ast_unit *u);

/* What a SH_SCRIPTBLOCK value holds: a node inside a unit it keeps alive. */
typedef struct sh_scriptblock {
	sh_ast_unit *unit;
	const sh_node *body; /* N_SCRIPTBLOCK */
} sh_scriptblock;

/* A new script block value (takes a reference on unit). */
sh_value *sh_scriptblock_new(sh_ast_unit *unit, const sh_node *body);
/* The block's source text between its braces (what $sb.ToString() gives). */
char *sh_scriptblock_text(const sh_scriptblock *sb);

#endif
