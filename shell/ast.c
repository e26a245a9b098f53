/*
 * ast.c - the node arena and the life of a parsed unit.
 *
 * A unit's nodes are never freed one by one: the parser allocates every
 * node, name and node list from an arena of large blocks, and the whole
 * tree goes away in one sweep when the last reference to the unit drops.
 * This keeps allocation cheap (a parse makes many small objects) and lets
 * the parser abandon a half-built tree on an error with a longjmp and no
 * cleanup code. Constant values (numbers, strings) are reference counted
 * sh_values; the arena keeps a list of them and releases each once.
 *
 * Units are reference counted because script block values point into
 * them: a block stored in a variable keeps its unit alive after the
 * parse that produced it is forgotten.
 */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "lexer.h"
#include "util.h"

#define ARENA_BLOCK 16384

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
} arena_block;

struct sh_arena {
	arena_block *head;
	sh_value **values;
	size_t nvalues, capvalues;
};

sh_arena *sh_arena_new(void)
{
	return xcalloc(1, sizeof(sh_arena));
}

void sh_arena_free(sh_arena *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nvalues; i++)
		sh_unref(a->values[i]);
	free(a->values);
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *sh_arena_alloc(sh_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		/* Oversized requests get a block of their own, placed behind the
		   current one so its free space is not wasted. */
		size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		arena_block *nb = xmalloc(sizeof(arena_block) + cap);
		nb->used = 0;
		nb->cap = cap;
		if (b && cap != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *sh_arena_strndup(sh_arena *a, const char *s, size_t n)
{
	char *d = sh_arena_alloc(a, n + 1);
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void sh_arena_keep(sh_arena *a, sh_value *v)
{
	if (v)
		VEC_PUSH(a->values, a->nvalues, a->capvalues, v);
}

void sh_ast_unit_ref(sh_ast_unit *u)
{
	if (u)
		u->refcount++;
}

void sh_ast_unit_unref(sh_ast_unit *u)
{
	if (!u || --u->refcount > 0)
		return;
	sh_arena_free(u->arena);
	free(u->source);
	free(u->file);
	free(u);
}

char *sh_scriptblock_text(const sh_scriptblock *sb)
{
	if (!sb || !sb->unit || !sb->body)
		return xstrdup("");
	const sh_ast_unit *u = sb->unit;
	uint32_t start = sb->body->start, end = sb->body->end;
	if (end > u->source_len)
		end = (uint32_t)u->source_len;
	if (start > end)
		start = end;
	/* A whole script has no braces; a { } block's extent includes them. */
	if (sb->body != u->root && end - start >= 2 && u->source[start] == '{' &&
	    u->source[end - 1] == '}') {
		start++;
		end--;
	}
	return xstrndup(u->source + start, end - start);
}
