/*
 * value.c - the representation of values and their reference counting.
 *
 * Every value is one heap block with a kind tag and a union. A negative
 * reference count marks an immortal value ($true, $false and the cache of
 * small integers), which sh_ref/sh_unref leave alone: loops that count
 * from 0 to 1000 never touch the allocator.
 *
 * Hashtables keep their entries in a vector in insertion order (which is
 * what both @{} display and [ordered] need) and index them with an open-
 * addressing table of entry positions. The index is rebuilt on removal,
 * which is rare next to lookups. Keys follow PowerShell's behaviour:
 * strings compare case-insensitively, numbers compare by value whatever
 * their width, other values by identity (or by value for scalars).
 *
 * Objects hold an ordered property list (a PSObject's member order is its
 * display order) and a list of type names; typed objects made by C code
 * may carry a native pointer and a class with hooks.
 */
#include "value.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "util.h"

typedef struct hash_entry {
	sh_value *key;
	sh_value *value;
	uint64_t hash;
} hash_entry;

struct sh_value {
	int refcount; /* < 0: immortal */
	sh_kind kind;
	uint32_t gc_slot; /* containers: position in the container registry */
	union {
		bool b;
		int32_t i;
		int64_t l;
		double d;
		struct {
			char *s;
			size_t len;
			bool is_char;
		} str;
		struct {
			sh_value **items;
			size_t len, cap;
		} arr;
		struct {
			hash_entry *entries;
			size_t len, cap;
			int32_t *index; /* entry position or -1; size index_cap (power of 2) */
			size_t index_cap;
			bool ordered;
		} hash;
		struct {
			char **typenames;
			size_t ntypes, types_cap;
			sh_prop *props;
			size_t nprops, props_cap;
			const sh_class *cls;
			void *native;
		} obj;
		sh_scriptblock sb;
		struct {
			int64_t ticks;
			sh_datetime_kind kind;
		} dt;
		struct {
			sh_type t;
			char *owned_name;
		} type;
	} u;
};

#define SMALL_INT_MIN (-128)
#define SMALL_INT_MAX 1023

static sh_value true_value = {.refcount = -1, .kind = SH_BOOL, .u.b = true};
static sh_value false_value = {.refcount = -1, .kind = SH_BOOL, .u.b = false};
static sh_value small_ints[SMALL_INT_MAX - SMALL_INT_MIN + 1];
static bool small_ints_ready;

/*
 * Reference cycles. Scripts can build them ($o.Self = $o, an array that
 * holds itself), and reference counting alone never frees a cycle. Every
 * container (array, hashtable, object) is kept in a registry, and
 * sh_collect_cycles finds the unreachable ones by trial deletion: a
 * container whose count is fully explained by references from other
 * containers, and which no such externally held container reaches, is
 * garbage. References held by C code (variables, pipelines, natives) are
 * external, so anything in use is kept: the collector can only be
 * conservative.
 */
static sh_value **containers;
static size_t ncontainers, capcontainers;

static bool is_container(sh_kind kind)
{
	return kind == SH_ARRAY || kind == SH_HASHTABLE || kind == SH_OBJECT;
}

static void container_add(sh_value *v)
{
	v->gc_slot = (uint32_t)ncontainers;
	VEC_PUSH(containers, ncontainers, capcontainers, v);
}

static void container_remove(sh_value *v)
{
	sh_value *last = containers[--ncontainers];
	containers[v->gc_slot] = last;
	last->gc_slot = v->gc_slot;
	if (ncontainers == 0) {
		free(containers);
		containers = NULL;
		capcontainers = 0;
	}
}

static sh_value *alloc_value(sh_kind kind)
{
	sh_value *v = xcalloc(1, sizeof *v);
	v->refcount = 1;
	v->kind = kind;
	if (is_container(kind))
		container_add(v);
	return v;
}

/* Calls fn on every value a container holds directly. */
static void each_child(sh_value *v, void (*fn)(sh_value *child, void *ctx), void *ctx)
{
	switch (v->kind) {
	case SH_ARRAY:
		for (size_t i = 0; i < v->u.arr.len; i++)
			if (v->u.arr.items[i])
				fn(v->u.arr.items[i], ctx);
		break;
	case SH_HASHTABLE:
		for (size_t i = 0; i < v->u.hash.len; i++) {
			if (v->u.hash.entries[i].key)
				fn(v->u.hash.entries[i].key, ctx);
			if (v->u.hash.entries[i].value)
				fn(v->u.hash.entries[i].value, ctx);
		}
		break;
	case SH_OBJECT:
		for (size_t i = 0; i < v->u.obj.nprops; i++)
			if (v->u.obj.props[i].value)
				fn(v->u.obj.props[i].value, ctx);
		break;
	default:
		break;
	}
}

static void subtract_internal(sh_value *child, void *ctx)
{
	int *gc_refs = ctx;
	if (is_container(child->kind) && child->refcount > 0)
		gc_refs[child->gc_slot]--;
}

typedef struct mark_ctx {
	int *gc_refs; /* > 0: reachable; marking sets it to INT_MAX */
	sh_value **stack;
	size_t len, cap;
} mark_ctx;

static void mark_child(sh_value *child, void *ctx)
{
	mark_ctx *m = ctx;
	if (!is_container(child->kind) || child->refcount < 0)
		return;
	int *r = &m->gc_refs[child->gc_slot];
	if (*r == INT32_MAX)
		return;
	*r = INT32_MAX;
	VEC_PUSH(m->stack, m->len, m->cap, child);
}

/* Empties a container without freeing it. */
static void clear_container(sh_value *v)
{
	switch (v->kind) {
	case SH_ARRAY:
		for (size_t i = 0; i < v->u.arr.len; i++)
			sh_unref(v->u.arr.items[i]);
		v->u.arr.len = 0;
		break;
	case SH_HASHTABLE:
		for (size_t i = 0; i < v->u.hash.len; i++) {
			sh_unref(v->u.hash.entries[i].key);
			sh_unref(v->u.hash.entries[i].value);
		}
		v->u.hash.len = 0;
		for (size_t i = 0; i < v->u.hash.index_cap; i++)
			v->u.hash.index[i] = -1;
		break;
	case SH_OBJECT:
		for (size_t i = 0; i < v->u.obj.nprops; i++) {
			sh_value *value = v->u.obj.props[i].value;
			v->u.obj.props[i].value = NULL;
			sh_unref(value);
		}
		break;
	default:
		break;
	}
}

size_t sh_collect_cycles(void)
{
	size_t n = ncontainers;
	if (n == 0)
		return 0;
	int *gc_refs = xmalloc(n * sizeof *gc_refs);
	for (size_t i = 0; i < n; i++)
		gc_refs[i] = containers[i]->refcount;
	for (size_t i = 0; i < n; i++)
		each_child(containers[i], subtract_internal, gc_refs);
	mark_ctx m = {gc_refs, NULL, 0, 0};
	for (size_t i = 0; i < n; i++)
		if (gc_refs[i] > 0 && gc_refs[i] != INT32_MAX) {
			gc_refs[i] = INT32_MAX;
			VEC_PUSH(m.stack, m.len, m.cap, containers[i]);
		}
	while (m.len)
		each_child(m.stack[--m.len], mark_child, &m);
	free(m.stack);
	sh_value **garbage = NULL;
	size_t ngarbage = 0, capgarbage = 0;
	for (size_t i = 0; i < n; i++)
		if (gc_refs[i] != INT32_MAX)
			VEC_PUSH(garbage, ngarbage, capgarbage, containers[i]);
	free(gc_refs);
	/* hold every piece while the cycles are cut, then let them go */
	for (size_t i = 0; i < ngarbage; i++)
		sh_ref(garbage[i]);
	for (size_t i = 0; i < ngarbage; i++)
		clear_container(garbage[i]);
	for (size_t i = 0; i < ngarbage; i++)
		sh_unref(garbage[i]);
	free(garbage);
	return ngarbage;
}

sh_value *sh_ref(sh_value *v)
{
	if (v && v->refcount > 0)
		v->refcount++;
	return v;
}

static void free_value(sh_value *v);

void sh_unref(sh_value *v)
{
	if (!v || v->refcount < 0)
		return;
	if (--v->refcount == 0)
		free_value(v);
}

static void free_prop(sh_prop *p)
{
	free(p->name);
	sh_unref(p->value);
	free(p->alias_target);
}

static void free_value(sh_value *v)
{
	if (is_container(v->kind))
		container_remove(v);
	switch (v->kind) {
	case SH_STRING:
		free(v->u.str.s);
		break;
	case SH_SECURESTRING:
		explicit_bzero(v->u.str.s, v->u.str.len);
		free(v->u.str.s);
		break;
	case SH_ARRAY:
		for (size_t i = 0; i < v->u.arr.len; i++)
			sh_unref(v->u.arr.items[i]);
		free(v->u.arr.items);
		break;
	case SH_HASHTABLE:
		for (size_t i = 0; i < v->u.hash.len; i++) {
			sh_unref(v->u.hash.entries[i].key);
			sh_unref(v->u.hash.entries[i].value);
		}
		free(v->u.hash.entries);
		free(v->u.hash.index);
		break;
	case SH_OBJECT:
		for (size_t i = 0; i < v->u.obj.nprops; i++)
			free_prop(&v->u.obj.props[i]);
		free(v->u.obj.props);
		for (size_t i = 0; i < v->u.obj.ntypes; i++)
			free(v->u.obj.typenames[i]);
		free(v->u.obj.typenames);
		if (v->u.obj.cls && v->u.obj.cls->free_native && v->u.obj.native)
			v->u.obj.cls->free_native(v->u.obj.native);
		break;
	case SH_SCRIPTBLOCK:
		if (v->u.sb.unit)
			sh_ast_unit_unref(v->u.sb.unit);
		break;
	case SH_TYPE:
		free(v->u.type.owned_name);
		break;
	default:
		break;
	}
	free(v);
}

sh_kind sh_kind_of(const sh_value *v)
{
	return v ? v->kind : SH_NULL;
}

/* ---- scalars ---- */

sh_value *sh_bool(bool b)
{
	return b ? &true_value : &false_value;
}

sh_value *sh_int(int32_t i)
{
	if (i >= SMALL_INT_MIN && i <= SMALL_INT_MAX) {
		if (!small_ints_ready) {
			for (int k = SMALL_INT_MIN; k <= SMALL_INT_MAX; k++) {
				sh_value *s = &small_ints[k - SMALL_INT_MIN];
				s->refcount = -1;
				s->kind = SH_INT;
				s->u.i = k;
			}
			small_ints_ready = true;
		}
		return &small_ints[i - SMALL_INT_MIN];
	}
	sh_value *v = alloc_value(SH_INT);
	v->u.i = i;
	return v;
}

sh_value *sh_long(int64_t i)
{
	sh_value *v = alloc_value(SH_LONG);
	v->u.l = i;
	return v;
}

sh_value *sh_double(double d)
{
	sh_value *v = alloc_value(SH_DOUBLE);
	v->u.d = d;
	return v;
}

sh_value *sh_integer(int64_t i)
{
	if (i >= INT32_MIN && i <= INT32_MAX)
		return sh_int((int32_t)i);
	return sh_long(i);
}

/* Strings are always well-formed UTF-8: bytes that are not (a file in
 * another encoding, a program's raw output) become U+FFFD, as .NET does
 * when it decodes them, so every walk over code points agrees. */
static sh_value *string_of(char *s, size_t len)
{
	sh_value *v = alloc_value(SH_STRING);
	v->u.str.s = utf8_sanitize(s, &len);
	v->u.str.len = len;
	return v;
}

sh_value *sh_string_take(char *s)
{
	if (!s)
		s = xstrdup("");
	return string_of(s, strlen(s));
}

sh_value *sh_string(const char *s)
{
	return sh_string_take(xstrdup(s ? s : ""));
}

/* n bytes, which may include NULs (PowerShell's "`0"). */
sh_value *sh_string_n(const char *s, size_t n)
{
	char *copy = xmalloc(n + 1);
	if (n)
		memcpy(copy, s, n);
	copy[n] = 0;
	return string_of(copy, n);
}

sh_value *sh_stringf(const char *fmt, ...)
{
	sh_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return sh_string_take(buf_detach(&b));
}

sh_value *sh_datetime(int64_t ticks, sh_datetime_kind kind)
{
	sh_value *v = alloc_value(SH_DATETIME);
	v->u.dt.ticks = ticks;
	v->u.dt.kind = kind;
	return v;
}

sh_value *sh_timespan(int64_t ticks)
{
	sh_value *v = alloc_value(SH_TIMESPAN);
	v->u.dt.ticks = ticks;
	return v;
}

sh_value *sh_type_value(sh_type t)
{
	sh_value *v = alloc_value(SH_TYPE);
	v->u.type.t = t;
	if (t.id == SH_T_NAMED && t.name) {
		v->u.type.owned_name = xstrdup(t.name);
		v->u.type.t.name = v->u.type.owned_name;
	}
	return v;
}

sh_value *sh_securestring(const char *plain)
{
	sh_value *v = alloc_value(SH_SECURESTRING);
	v->u.str.s = xstrdup(plain ? plain : "");
	v->u.str.len = strlen(v->u.str.s);
	return v;
}

sh_value *sh_char(uint32_t code_point)
{
	sh_buf b = {0};
	if (code_point == 0)
		buf_putn(&b, "", 1);
	else
		buf_put_utf8(&b, code_point);
	sh_value *v = alloc_value(SH_STRING);
	v->u.str.len = b.len;
	v->u.str.s = buf_detach(&b);
	v->u.str.is_char = true;
	return v;
}

bool sh_is_char(const sh_value *v)
{
	return v && v->kind == SH_STRING && v->u.str.is_char;
}

uint32_t sh_char_of(const sh_value *v)
{
	if (!v || v->kind != SH_STRING || !v->u.str.len)
		return 0;
	const unsigned char *s = (const unsigned char *)v->u.str.s;
	uint32_t c = s[0];
	int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (n)
		c &= 0x3Fu >> n;
	for (int i = 1; i <= n && (s[i] & 0xC0) == 0x80; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

bool sh_bool_of(const sh_value *v)
{
	return v && v->kind == SH_BOOL && v->u.b;
}

int32_t sh_int_of(const sh_value *v)
{
	return v && v->kind == SH_INT ? v->u.i : 0;
}

int64_t sh_long_of(const sh_value *v)
{
	if (!v)
		return 0;
	if (v->kind == SH_INT)
		return v->u.i;
	if (v->kind == SH_LONG)
		return v->u.l;
	return 0;
}

double sh_double_of(const sh_value *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case SH_INT:
		return v->u.i;
	case SH_LONG:
		return (double)v->u.l;
	case SH_DOUBLE:
		return v->u.d;
	default:
		return 0;
	}
}

const char *sh_str(const sh_value *v)
{
	if (v && (v->kind == SH_STRING || v->kind == SH_SECURESTRING))
		return v->u.str.s;
	return "";
}

size_t sh_str_len(const sh_value *v)
{
	if (v && (v->kind == SH_STRING || v->kind == SH_SECURESTRING))
		return v->u.str.len;
	return 0;
}

int64_t sh_ticks_of(const sh_value *v)
{
	if (v && (v->kind == SH_DATETIME || v->kind == SH_TIMESPAN))
		return v->u.dt.ticks;
	return 0;
}

sh_datetime_kind sh_datetime_kind_of(const sh_value *v)
{
	return v && v->kind == SH_DATETIME ? v->u.dt.kind : SH_DT_UNSPECIFIED;
}

sh_type sh_type_of_typevalue(const sh_value *v)
{
	if (v && v->kind == SH_TYPE)
		return v->u.type.t;
	return (sh_type){SH_T_OBJECT, false, "System.Object"};
}

bool sh_is_number(const sh_value *v)
{
	return v && (v->kind == SH_INT || v->kind == SH_LONG || v->kind == SH_DOUBLE);
}

/* ---- arrays ---- */

sh_value *sh_array_new(size_t capacity)
{
	sh_value *v = alloc_value(SH_ARRAY);
	if (capacity) {
		v->u.arr.items = xmalloc(capacity * sizeof(sh_value *));
		v->u.arr.cap = capacity;
	}
	return v;
}

size_t sh_array_len(const sh_value *a)
{
	return a && a->kind == SH_ARRAY ? a->u.arr.len : 0;
}

sh_value *sh_array_get(const sh_value *a, size_t i)
{
	if (!a || a->kind != SH_ARRAY || i >= a->u.arr.len)
		return NULL;
	return a->u.arr.items[i];
}

void sh_array_append(sh_value *a, sh_value *item)
{
	if (!a || a->kind != SH_ARRAY) {
		sh_unref(item);
		return;
	}
	VEC_PUSH(a->u.arr.items, a->u.arr.len, a->u.arr.cap, item);
}

void sh_array_set(sh_value *a, size_t i, sh_value *item)
{
	if (!a || a->kind != SH_ARRAY || i >= a->u.arr.len) {
		sh_unref(item);
		return;
	}
	sh_value *old = a->u.arr.items[i];
	a->u.arr.items[i] = item;
	sh_unref(old);
}

sh_value **sh_array_items(const sh_value *a)
{
	if (!a || a->kind != SH_ARRAY)
		return NULL;
	return a->u.arr.items;
}

sh_value *sh_array_copy(const sh_value *a)
{
	size_t n = sh_array_len(a);
	sh_value *c = sh_array_new(n);
	for (size_t i = 0; i < n; i++)
		c->u.arr.items[i] = sh_ref(a->u.arr.items[i]);
	c->u.arr.len = n;
	return c;
}

/* ---- hashtables ---- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* True when a number key is integral, so that 1, 1L and 1.0 share a slot. */
static bool integral_key(const sh_value *k, int64_t *out)
{
	if (k->kind == SH_INT || k->kind == SH_LONG) {
		*out = sh_long_of(k);
		return true;
	}
	double d = k->u.d;
	if (d >= -9.2e18 && d <= 9.2e18 && d == floor(d)) {
		*out = (int64_t)d;
		return true;
	}
	return false;
}

static uint64_t key_hash(const sh_value *k)
{
	if (!k)
		return 0x9e3779b97f4a7c15ULL;
	switch (k->kind) {
	case SH_STRING: {
		uint64_t h = 1469598103934665603ULL;
		for (const unsigned char *p = (const unsigned char *)k->u.str.s; *p; p++) {
			unsigned char c = *p;
			if (c >= 'A' && c <= 'Z')
				c += 32;
			h = (h ^ c) * 1099511628211ULL;
		}
		return h;
	}
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE: {
		int64_t n;
		if (integral_key(k, &n))
			return mix64((uint64_t)n);
		uint64_t bits;
		memcpy(&bits, &k->u.d, sizeof bits);
		return mix64(bits);
	}
	case SH_BOOL:
		return mix64(k->u.b ? 0x51 : 0x50);
	case SH_DATETIME:
	case SH_TIMESPAN:
		return mix64((uint64_t)k->u.dt.ticks ^ (uint64_t)k->kind);
	default:
		return mix64((uint64_t)(uintptr_t)k);
	}
}

static bool key_equal(const sh_value *a, const sh_value *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	if (sh_is_number(a) && sh_is_number(b)) {
		int64_t x, y;
		bool ia = integral_key(a, &x), ib = integral_key(b, &y);
		if (ia && ib)
			return x == y;
		if (ia || ib)
			return false;
		return a->u.d == b->u.d;
	}
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case SH_STRING:
		return str_ieq(a->u.str.s, b->u.str.s);
	case SH_BOOL:
		return a->u.b == b->u.b;
	case SH_DATETIME:
	case SH_TIMESPAN:
		return a->u.dt.ticks == b->u.dt.ticks;
	default:
		return false;
	}
}

static void hash_reindex(sh_value *h)
{
	size_t cap = 8;
	while (cap < h->u.hash.len * 2 + 2)
		cap *= 2;
	free(h->u.hash.index);
	h->u.hash.index = xmalloc(cap * sizeof(int32_t));
	for (size_t i = 0; i < cap; i++)
		h->u.hash.index[i] = -1;
	h->u.hash.index_cap = cap;
	for (size_t e = 0; e < h->u.hash.len; e++) {
		size_t slot = h->u.hash.entries[e].hash & (cap - 1);
		while (h->u.hash.index[slot] >= 0)
			slot = (slot + 1) & (cap - 1);
		h->u.hash.index[slot] = (int32_t)e;
	}
}

/* The entry position of key, or -1. */
static long hash_find(const sh_value *h, const sh_value *key, uint64_t hv)
{
	if (!h->u.hash.index_cap)
		return -1;
	size_t mask = h->u.hash.index_cap - 1;
	for (size_t slot = hv & mask;; slot = (slot + 1) & mask) {
		int32_t e = h->u.hash.index[slot];
		if (e < 0)
			return -1;
		if (h->u.hash.entries[e].hash == hv && key_equal(h->u.hash.entries[e].key, key))
			return e;
	}
}

sh_value *sh_hash_new(bool ordered)
{
	sh_value *v = alloc_value(SH_HASHTABLE);
	v->u.hash.ordered = ordered;
	return v;
}

bool sh_hash_is_ordered(const sh_value *h)
{
	return h && h->kind == SH_HASHTABLE && h->u.hash.ordered;
}

size_t sh_hash_len(const sh_value *h)
{
	return h && h->kind == SH_HASHTABLE ? h->u.hash.len : 0;
}

sh_value *sh_hash_get(const sh_value *h, const sh_value *key)
{
	if (!h || h->kind != SH_HASHTABLE)
		return NULL;
	long e = hash_find(h, key, key_hash(key));
	return e < 0 ? NULL : h->u.hash.entries[e].value;
}

sh_value *sh_hash_get_str(const sh_value *h, const char *key)
{
	sh_value k = {.refcount = -1, .kind = SH_STRING};
	k.u.str.s = (char *)(key ? key : "");
	k.u.str.len = strlen(k.u.str.s);
	return sh_hash_get(h, &k);
}

bool sh_hash_contains(const sh_value *h, const sh_value *key)
{
	if (!h || h->kind != SH_HASHTABLE)
		return false;
	return hash_find(h, key, key_hash(key)) >= 0;
}

/* Scalars are immutable, so a key is shared; a mutable key (an array or
 * object) is shared too, as .NET keys by reference. */
void sh_hash_set(sh_value *h, sh_value *key, sh_value *value)
{
	if (!h || h->kind != SH_HASHTABLE) {
		sh_unref(value);
		return;
	}
	uint64_t hv = key_hash(key);
	long e = hash_find(h, key, hv);
	if (e >= 0) {
		sh_value *old = h->u.hash.entries[e].value;
		h->u.hash.entries[e].value = value;
		sh_unref(old);
		return;
	}
	hash_entry ent = {sh_ref(key), value, hv};
	VEC_PUSH(h->u.hash.entries, h->u.hash.len, h->u.hash.cap, ent);
	if (h->u.hash.len * 2 + 2 > h->u.hash.index_cap) {
		hash_reindex(h);
		return;
	}
	size_t mask = h->u.hash.index_cap - 1;
	size_t slot = hv & mask;
	while (h->u.hash.index[slot] >= 0)
		slot = (slot + 1) & mask;
	h->u.hash.index[slot] = (int32_t)(h->u.hash.len - 1);
}

void sh_hash_set_str(sh_value *h, const char *key, sh_value *value)
{
	sh_value *k = sh_string(key);
	sh_hash_set(h, k, value);
	sh_unref(k);
}

bool sh_hash_remove(sh_value *h, const sh_value *key)
{
	if (!h || h->kind != SH_HASHTABLE)
		return false;
	long e = hash_find(h, key, key_hash(key));
	if (e < 0)
		return false;
	hash_entry gone = h->u.hash.entries[e];
	memmove(&h->u.hash.entries[e], &h->u.hash.entries[e + 1],
	        (h->u.hash.len - (size_t)e - 1) * sizeof(hash_entry));
	h->u.hash.len--;
	hash_reindex(h);
	sh_unref(gone.key);
	sh_unref(gone.value);
	return true;
}

void sh_hash_clear(sh_value *h)
{
	if (!h || h->kind != SH_HASHTABLE)
		return;
	size_t n = h->u.hash.len;
	hash_entry *entries = h->u.hash.entries;
	h->u.hash.entries = NULL;
	h->u.hash.len = h->u.hash.cap = 0;
	free(h->u.hash.index);
	h->u.hash.index = NULL;
	h->u.hash.index_cap = 0;
	for (size_t i = 0; i < n; i++) {
		sh_unref(entries[i].key);
		sh_unref(entries[i].value);
	}
	free(entries);
}

sh_value *sh_hash_key_at(const sh_value *h, size_t i)
{
	if (!h || h->kind != SH_HASHTABLE || i >= h->u.hash.len)
		return NULL;
	return h->u.hash.entries[i].key;
}

sh_value *sh_hash_value_at(const sh_value *h, size_t i)
{
	if (!h || h->kind != SH_HASHTABLE || i >= h->u.hash.len)
		return NULL;
	return h->u.hash.entries[i].value;
}

/* ---- objects ---- */

#define PSCUSTOMOBJECT "System.Management.Automation.PSCustomObject"

sh_value *sh_object_new(const char *type_name)
{
	sh_value *v = alloc_value(SH_OBJECT);
	sh_object_add_typename(v, type_name ? type_name : PSCUSTOMOBJECT);
	if (!type_name)
		sh_object_add_typename(v, "System.Object");
	return v;
}

void sh_object_add_typename(sh_value *o, const char *type_name)
{
	if (!o || o->kind != SH_OBJECT || !type_name)
		return;
	VEC_PUSH(o->u.obj.typenames, o->u.obj.ntypes, o->u.obj.types_cap, xstrdup(type_name));
}

size_t sh_object_typename_count(const sh_value *o)
{
	return o && o->kind == SH_OBJECT ? o->u.obj.ntypes : 0;
}

const char *sh_object_typename(const sh_value *o, size_t i)
{
	if (!o || o->kind != SH_OBJECT || i >= o->u.obj.ntypes)
		return NULL;
	return o->u.obj.typenames[i];
}

static sh_prop *find_prop(const sh_value *o, const char *name)
{
	if (!o || o->kind != SH_OBJECT || !name)
		return NULL;
	/* the first letters decide most comparisons: objects with dozens of
	   properties are built by the thousand (Get-VM) */
	unsigned char first = (unsigned char)name[0] | 0x20;
	for (size_t i = 0; i < o->u.obj.nprops; i++)
		if (((unsigned char)o->u.obj.props[i].name[0] | 0x20) == first &&
		    str_ieq(o->u.obj.props[i].name, name))
			return &o->u.obj.props[i];
	return NULL;
}

/* Replaces an existing property in place (keeping its position, as
 * Add-Member -Force does) or appends a new one. */
static void put_prop(sh_value *o, const char *name, sh_prop_kind kind, sh_value *value,
                     const char *alias_target)
{
	if (!o || o->kind != SH_OBJECT || !name) {
		sh_unref(value);
		return;
	}
	sh_prop *p = find_prop(o, name);
	if (p) {
		sh_value *old_value = p->value;
		free(p->alias_target);
		p->kind = kind;
		p->value = value;
		p->alias_target = alias_target ? xstrdup(alias_target) : NULL;
		sh_unref(old_value);
		return;
	}
	sh_prop np = {xstrdup(name), kind, value, alias_target ? xstrdup(alias_target) : NULL};
	VEC_PUSH(o->u.obj.props, o->u.obj.nprops, o->u.obj.props_cap, np);
}

void sh_object_set_note(sh_value *o, const char *name, sh_value *value)
{
	put_prop(o, name, SH_PROP_NOTE, value, NULL);
}

void sh_object_add_script_prop(sh_value *o, const char *name, sh_value *scriptblock)
{
	put_prop(o, name, SH_PROP_SCRIPT, scriptblock, NULL);
}

void sh_object_add_alias_prop(sh_value *o, const char *name, const char *target)
{
	put_prop(o, name, SH_PROP_ALIAS, NULL, target);
}

size_t sh_object_prop_count(const sh_value *o)
{
	return o && o->kind == SH_OBJECT ? o->u.obj.nprops : 0;
}

const sh_prop *sh_object_prop_at(const sh_value *o, size_t i)
{
	if (!o || o->kind != SH_OBJECT || i >= o->u.obj.nprops)
		return NULL;
	return &o->u.obj.props[i];
}

const sh_prop *sh_object_find_prop(const sh_value *o, const char *name)
{
	return find_prop(o, name);
}

sh_value *sh_object_note(const sh_value *o, const char *name)
{
	const sh_prop *p = find_prop(o, name);
	/* Follow alias chains, bounded so a cycle cannot hang. */
	for (int hops = 0; p && p->kind == SH_PROP_ALIAS && hops < 16; hops++)
		p = find_prop(o, p->alias_target);
	if (!p || p->kind != SH_PROP_NOTE)
		return NULL;
	return p->value;
}

bool sh_object_remove_prop(sh_value *o, const char *name)
{
	sh_prop *p = find_prop(o, name);
	if (!p)
		return false;
	size_t i = (size_t)(p - o->u.obj.props);
	sh_prop gone = *p;
	memmove(&o->u.obj.props[i], &o->u.obj.props[i + 1],
	        (o->u.obj.nprops - i - 1) * sizeof(sh_prop));
	o->u.obj.nprops--;
	free_prop(&gone);
	return true;
}

void sh_object_set_native(sh_value *o, const sh_class *cls, void *native)
{
	if (!o || o->kind != SH_OBJECT)
		return;
	if (o->u.obj.cls && o->u.obj.cls->free_native && o->u.obj.native &&
	    o->u.obj.native != native)
		o->u.obj.cls->free_native(o->u.obj.native);
	o->u.obj.cls = cls;
	o->u.obj.native = native;
}

const sh_class *sh_object_class(const sh_value *o)
{
	return o && o->kind == SH_OBJECT ? o->u.obj.cls : NULL;
}

void *sh_object_native(const sh_value *o)
{
	return o && o->kind == SH_OBJECT ? o->u.obj.native : NULL;
}

/* The copy shares property values but not the native pointer, which has a
 * single owner; the class is kept so the copy still displays alike. */
sh_value *sh_object_copy(const sh_value *o)
{
	if (!o || o->kind != SH_OBJECT)
		return NULL;
	sh_value *c = alloc_value(SH_OBJECT);
	for (size_t i = 0; i < o->u.obj.ntypes; i++)
		sh_object_add_typename(c, o->u.obj.typenames[i]);
	for (size_t i = 0; i < o->u.obj.nprops; i++) {
		const sh_prop *p = &o->u.obj.props[i];
		put_prop(c, p->name, p->kind, sh_ref(p->value), p->alias_target);
	}
	if (o->u.obj.cls && !o->u.obj.cls->free_native) {
		c->u.obj.cls = o->u.obj.cls;
		c->u.obj.native = o->u.obj.native;
	}
	return c;
}

/* ---- script blocks ---- */

sh_value *sh_scriptblock_new(sh_ast_unit *unit, const sh_node *body)
{
	sh_value *v = alloc_value(SH_SCRIPTBLOCK);
	if (unit)
		sh_ast_unit_ref(unit);
	v->u.sb.unit = unit;
	v->u.sb.body = body;
	return v;
}

struct sh_scriptblock *sh_scriptblock_of(const sh_value *v)
{
	if (!v || v->kind != SH_SCRIPTBLOCK)
		return NULL;
	return (struct sh_scriptblock *)&v->u.sb;
}

const char *sh_type_name(const sh_value *v)
{
	if (!v)
		return "";
	switch (v->kind) {
	case SH_NULL:
		return "";
	case SH_BOOL:
		return "System.Boolean";
	case SH_INT:
		return "System.Int32";
	case SH_LONG:
		return "System.Int64";
	case SH_DOUBLE:
		return "System.Double";
	case SH_STRING:
		return v->u.str.is_char ? "System.Char" : "System.String";
	case SH_ARRAY:
		return "System.Object[]";
	case SH_HASHTABLE:
		return v->u.hash.ordered ? "System.Collections.Specialized.OrderedDictionary"
		                         : "System.Collections.Hashtable";
	case SH_OBJECT:
		return v->u.obj.ntypes ? v->u.obj.typenames[0] : PSCUSTOMOBJECT;
	case SH_SCRIPTBLOCK:
		return "System.Management.Automation.ScriptBlock";
	case SH_DATETIME:
		return "System.DateTime";
	case SH_TIMESPAN:
		return "System.TimeSpan";
	case SH_TYPE:
		return "System.RuntimeType";
	case SH_SECURESTRING:
		return "System.Security.SecureString";
	}
	return "System.Object";
}
