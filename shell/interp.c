/*
 * interp.c - the interpreter's state: scopes and variables, functions,
 * aliases, the cmdlet registry, the current location, history, host
 * prompts, and sh_run_source, which runs a piece of script from start to
 * exit code.
 *
 * Scopes form a chain from the innermost (a function call) to the global
 * scope. Reads look outwards (PowerShell's dynamic scoping); plain writes
 * create the variable in the current scope. Each scope's variables live in
 * a small open-addressing table keyed by the lower-cased name's hash, so
 * the hot path of a loop ($s += $i) is two probes and no allocation for
 * the lookup itself.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include "convert.h"
#include "format.h"
#include "parser.h"
#include "runtime.h"
#include "version.h"

volatile sig_atomic_t sh_interrupt_flag;

void sh_request_interrupt(void)
{
	sh_interrupt_flag = 1;
}

const char *const sh_action_pref_names[] = {"SilentlyContinue", "Stop",    "Continue", "Inquire",
                                            "Ignore",           "Suspend", NULL};

/* ------------------------------------------------------------------ */
/* scopes */

uint32_t sh_name_hash(const char *name)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= (uint32_t)tolower(*p);
		h *= 16777619u;
	}
	return h;
}

sh_scope *sh_scope_new(sh_scope *parent, bool is_script)
{
	sh_scope *s = xcalloc(1, sizeof *s);
	s->parent = parent;
	s->is_script = is_script;
	s->refcount = 1;
	return s;
}

void sh_scope_free(sh_scope *s)
{
	if (!s || --s->refcount > 0)
		return;
	for (size_t i = 0; i < s->capvars; i++) {
		if (s->vars[i].name) {
			free(s->vars[i].name);
			sh_unref(s->vars[i].value);
		}
	}
	free(s->vars);
	for (size_t i = 0; i < s->nfuncs; i++) {
		free(s->funcs[i].name);
		sh_unref(s->funcs[i].block);
	}
	free(s->funcs);
	free(s);
}

sh_var *sh_scope_find(sh_scope *s, const char *name, uint32_t hash)
{
	if (!s->capvars)
		return NULL;
	size_t mask = s->capvars - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		sh_var *v = &s->vars[i];
		if (!v->name)
			return NULL;
		if (v->hash == hash && str_ieq(v->name, name))
			return v;
	}
}

static void scope_grow(sh_scope *s)
{
	size_t oldcap = s->capvars;
	sh_var *old = s->vars;
	s->capvars = oldcap ? oldcap * 2 : 16;
	s->vars = xcalloc(s->capvars, sizeof *s->vars);
	size_t mask = s->capvars - 1;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].name)
			continue;
		size_t j = old[i].hash & mask;
		while (s->vars[j].name)
			j = (j + 1) & mask;
		s->vars[j] = old[i];
	}
	free(old);
}

static sh_var *scope_insert(sh_scope *s, const char *name, uint32_t hash)
{
	if ((s->nvars + 1) * 4 > s->capvars * 3)
		scope_grow(s);
	size_t mask = s->capvars - 1;
	size_t i = hash & mask;
	while (s->vars[i].name)
		i = (i + 1) & mask;
	sh_var *v = &s->vars[i];
	memset(v, 0, sizeof *v);
	v->name = xstrdup(name);
	v->hash = hash;
	s->nvars++;
	return v;
}

/* Removal with backward-shift so probing chains stay intact. */
static bool scope_remove(sh_scope *s, const char *name)
{
	uint32_t hash = sh_name_hash(name);
	sh_var *v = sh_scope_find(s, name, hash);
	if (!v)
		return false;
	free(v->name);
	sh_unref(v->value);
	size_t mask = s->capvars - 1;
	size_t i = (size_t)(v - s->vars);
	memset(v, 0, sizeof *v);
	for (size_t j = (i + 1) & mask; s->vars[j].name; j = (j + 1) & mask) {
		size_t home = s->vars[j].hash & mask;
		/* move j back to i if i lies cyclically between home and j */
		bool movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
		if (movable) {
			s->vars[i] = s->vars[j];
			memset(&s->vars[j], 0, sizeof s->vars[j]);
			i = j;
		}
	}
	s->nvars--;
	return true;
}

sh_var *sh_var_lookup(sh_interp *in, const char *name)
{
	uint32_t hash = sh_name_hash(name);
	for (sh_scope *s = in->current; s; s = s->parent) {
		sh_var *v = sh_scope_find(s, name, hash);
		if (v)
			return v;
	}
	return NULL;
}

sh_scope *sh_scope_for(sh_interp *in, const char *qualifier)
{
	if (!qualifier || str_ieq(qualifier, "local") || str_ieq(qualifier, "private"))
		return in->current;
	if (str_ieq(qualifier, "global"))
		return in->global;
	if (str_ieq(qualifier, "script"))
		return in->script ? in->script : in->global;
	return in->current;
}

int sh_var_assign(sh_interp *in, sh_scope *scope, const char *name, sh_value *value, char **error)
{
	(void)in;
	uint32_t hash = sh_name_hash(name);
	sh_var *v = sh_scope_find(scope, name, hash);
	if (v && v->readonly) {
		sh_unref(value);
		*error = xasprintf(
		    "Cannot overwrite variable %s because it is read-only or constant.", v->name);
		return -1;
	}
	if (v && v->constrained) {
		sh_value *converted;
		if (sh_convert(value, v->constraint, &converted, error) < 0) {
			sh_unref(value);
			return -1;
		}
		sh_unref(value);
		value = converted;
	}
	if (!v)
		v = scope_insert(scope, name, hash);
	sh_value *old = v->value;
	v->value = value;
	sh_unref(old);
	return 0;
}

sh_value *sh_var_get(sh_interp *in, const char *name)
{
	sh_var *v = sh_var_lookup(in, name);
	return v ? v->value : NULL;
}

bool sh_var_exists(sh_interp *in, const char *name)
{
	return sh_var_lookup(in, name) != NULL;
}

void sh_var_set(sh_interp *in, const char *name, sh_value *value)
{
	char *err = NULL;
	if (sh_var_assign(in, in->current, name, value, &err) < 0)
		free(err);
}

void sh_var_set_scoped(sh_interp *in, const char *scope, const char *name, sh_value *value)
{
	char *err = NULL;
	if (sh_var_assign(in, sh_scope_for(in, scope), name, value, &err) < 0)
		free(err);
}

bool sh_var_remove(sh_interp *in, const char *name)
{
	for (sh_scope *s = in->current; s; s = s->parent)
		if (scope_remove(s, name))
			return true;
	return false;
}

static int compare_names(const void *a, const void *b)
{
	const sh_value *const *x = a, *const *y = b;
	return str_icmp(sh_str(sh_object_note(*x, "Name")), sh_str(sh_object_note(*y, "Name")));
}

sh_value *sh_var_list(sh_interp *in)
{
	sh_value *list = sh_array_new(64);
	sh_value *seen = sh_hash_new(false);
	for (sh_scope *s = in->current; s; s = s->parent) {
		for (size_t i = 0; i < s->capvars; i++) {
			sh_var *v = &s->vars[i];
			if (!v->name || sh_hash_get_str(seen, v->name))
				continue;
			sh_hash_set_str(seen, v->name, sh_bool(true));
			sh_value *o = sh_object_new("System.Management.Automation.PSVariable");
			sh_object_set_note(o, "Name", sh_string(v->name));
			sh_object_set_note(o, "Value", sh_ref(v->value));
			sh_array_append(list, o);
		}
	}
	sh_unref(seen);
	qsort(sh_array_items(list), sh_array_len(list), sizeof(sh_value *), compare_names);
	return list;
}

sh_action_pref sh_pref(sh_interp *in, const char *variable_name)
{
	sh_value *v = sh_var_get(in, variable_name);
	if (!v)
		return SH_ACTION_CONTINUE;
	if (sh_kind_of(v) == SH_INT || sh_kind_of(v) == SH_LONG) {
		int64_t n = sh_long_of(v);
		return n >= 0 && n <= SH_ACTION_SUSPEND ? (sh_action_pref)n : SH_ACTION_CONTINUE;
	}
	char *s = sh_to_string(v);
	sh_action_pref p = SH_ACTION_CONTINUE;
	for (int i = 0; sh_action_pref_names[i]; i++)
		if (str_ieq(s, sh_action_pref_names[i]))
			p = (sh_action_pref)i;
	free(s);
	return p;
}

/* ------------------------------------------------------------------ */
/* functions and aliases */

static sh_func *func_find(sh_scope *s, const char *name)
{
	for (size_t i = 0; i < s->nfuncs; i++)
		if (str_ieq(s->funcs[i].name, name))
			return &s->funcs[i];
	return NULL;
}

void sh_function_set(sh_interp *in, const char *name, sh_value *scriptblock, bool is_filter)
{
	const char *bare = name;
	sh_scope *scope = in->current;
	if (str_iprefix(name, "global:")) {
		scope = in->global;
		bare = name + 7;
	} else if (str_iprefix(name, "script:")) {
		scope = sh_scope_for(in, "script");
		bare = name + 7;
	}
	sh_func *f = func_find(scope, bare);
	if (f) {
		sh_unref(f->block);
	} else {
		sh_func nf = {.name = xstrdup(bare)};
		VEC_PUSH(scope->funcs, scope->nfuncs, scope->capfuncs, nf);
		f = &scope->funcs[scope->nfuncs - 1];
	}
	f->block = scriptblock;
	f->is_filter = is_filter;
}

sh_value *sh_function_get(sh_interp *in, const char *name)
{
	for (sh_scope *s = in->current; s; s = s->parent) {
		sh_func *f = func_find(s, name);
		if (f)
			return f->block;
	}
	return NULL;
}

bool sh_function_remove(sh_interp *in, const char *name)
{
	for (sh_scope *s = in->current; s; s = s->parent) {
		sh_func *f = func_find(s, name);
		if (f) {
			free(f->name);
			sh_unref(f->block);
			size_t i = (size_t)(f - s->funcs);
			memmove(f, f + 1, (s->nfuncs - i - 1) * sizeof *f);
			s->nfuncs--;
			return true;
		}
	}
	return false;
}

sh_value *sh_function_list(sh_interp *in)
{
	sh_value *list = sh_array_new(16);
	sh_value *seen = sh_hash_new(false);
	for (sh_scope *s = in->current; s; s = s->parent) {
		for (size_t i = 0; i < s->nfuncs; i++) {
			if (sh_hash_get_str(seen, s->funcs[i].name))
				continue;
			sh_hash_set_str(seen, s->funcs[i].name, sh_bool(true));
			sh_array_append(list, sh_string(s->funcs[i].name));
		}
	}
	sh_unref(seen);
	return list;
}

static sh_alias *alias_find(sh_interp *in, const char *name)
{
	for (size_t i = 0; i < in->naliases; i++)
		if (str_ieq(in->aliases[i].name, name))
			return &in->aliases[i];
	return NULL;
}

void sh_alias_set(sh_interp *in, const char *name, const char *target)
{
	sh_alias *a = alias_find(in, name);
	if (a) {
		free(a->target);
		a->target = xstrdup(target);
		return;
	}
	sh_alias na = {xstrdup(name), xstrdup(target)};
	VEC_PUSH(in->aliases, in->naliases, in->capaliases, na);
}

const char *sh_alias_get(sh_interp *in, const char *name)
{
	sh_alias *a = alias_find(in, name);
	return a ? a->target : NULL;
}

bool sh_alias_remove(sh_interp *in, const char *name)
{
	sh_alias *a = alias_find(in, name);
	if (!a)
		return false;
	free(a->name);
	free(a->target);
	size_t i = (size_t)(a - in->aliases);
	memmove(a, a + 1, (in->naliases - i - 1) * sizeof *a);
	in->naliases--;
	return true;
}

sh_value *sh_alias_list(sh_interp *in)
{
	sh_value *list = sh_array_new(in->naliases);
	for (size_t i = 0; i < in->naliases; i++) {
		sh_value *o = sh_object_new("System.Management.Automation.AliasInfo");
		sh_object_set_note(o, "Name", sh_string(in->aliases[i].name));
		sh_object_set_note(o, "Definition", sh_string(in->aliases[i].target));
		sh_array_append(list, o);
	}
	qsort(sh_array_items(list), sh_array_len(list), sizeof(sh_value *), compare_names);
	return list;
}

/* ------------------------------------------------------------------ */
/* cmdlet registry */

static int compare_cmdlets(const void *a, const void *b)
{
	const sh_cmdlet *const *x = a, *const *y = b;
	return str_icmp((*x)->name, (*y)->name);
}

void sh_register_cmdlets(sh_interp *in, const sh_cmdlet *family)
{
	for (const sh_cmdlet *c = family; c->name; c++) {
		VEC_PUSH(in->cmdlets, in->ncmdlets, in->capcmdlets, c);
		if (!c->aliases)
			continue;
		const char *p = c->aliases;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			char *alias = xstrndup(p, n);
			sh_alias_set(in, alias, c->name);
			free(alias);
			p += n;
			if (*p == ',')
				p++;
		}
	}
	qsort(in->cmdlets, in->ncmdlets, sizeof *in->cmdlets, compare_cmdlets);
}

const sh_cmdlet *sh_find_cmdlet(const sh_interp *in, const char *name)
{
	size_t lo = 0, hi = in->ncmdlets;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = str_icmp(in->cmdlets[mid]->name, name);
		if (c == 0)
			return in->cmdlets[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t sh_cmdlet_count(const sh_interp *in)
{
	return in->ncmdlets;
}

const sh_cmdlet *sh_cmdlet_at(const sh_interp *in, size_t i)
{
	return i < in->ncmdlets ? in->cmdlets[i] : NULL;
}

/* Parameter tables are built once per cmdlet or script block and kept. */
struct sh_table_cache {
	const void *key;
	sh_param_table table;
	struct sh_table_cache *next;
};

static struct sh_table_cache *table_cache_find(sh_interp *in, const void *key)
{
	for (struct sh_table_cache *c = in->tables; c; c = c->next)
		if (c->key == key)
			return c;
	return NULL;
}

const sh_param_table *sh_table_for_cmdlet(sh_interp *in, const sh_cmdlet *def)
{
	struct sh_table_cache *c = table_cache_find(in, def);
	if (!c) {
		c = xcalloc(1, sizeof *c);
		c->key = def;
		sh_param_table_for_cmdlet(def, &c->table);
		c->next = in->tables;
		in->tables = c;
	}
	return &c->table;
}

const sh_param_table *sh_table_for_block(sh_interp *in, const sh_node *scriptblock)
{
	struct sh_table_cache *c = table_cache_find(in, scriptblock);
	if (!c) {
		c = xcalloc(1, sizeof *c);
		c->key = scriptblock;
		sh_param_table_for_script(scriptblock->u.scriptblock.param_block, &c->table);
		c->next = in->tables;
		in->tables = c;
	}
	return &c->table;
}

/* ------------------------------------------------------------------ */
/* command resolution */

static char *find_in_path(const char *name)
{
	if (strchr(name, '/'))
		return access(name, F_OK) == 0 ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	const char *p = path;
	while (*p) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char *full = xasprintf("%.*s/%s", (int)n, n ? p : ".", name);
		if (access(full, X_OK) == 0)
			return full;
		free(full);
		p += n;
		if (*p == ':')
			p++;
	}
	return NULL;
}

static bool is_script_name(const char *name)
{
	return str_isuffix(name, ".ps1") || str_isuffix(name, ".hvsh");
}

sh_command_kind sh_resolve_command(sh_interp *in, const char *name, const sh_cmdlet **cmdlet,
                                   sh_value **function, char **path)
{
	const char *resolved = name;
	for (int hops = 0; hops < 16; hops++) {
		const char *target = sh_alias_get(in, resolved);
		if (!target)
			break;
		resolved = target;
	}
	sh_value *f = sh_function_get(in, resolved);
	if (f) {
		if (function)
			*function = f;
		return SH_CMDK_FUNCTION;
	}
	const sh_cmdlet *c = sh_find_cmdlet(in, resolved);
	if (c) {
		if (cmdlet)
			*cmdlet = c;
		return SH_CMDK_CMDLET;
	}
	char *found = NULL;
	if (strchr(resolved, '/') || is_script_name(resolved)) {
		char *candidate = strchr(resolved, '/') ? sh_full_path(in, resolved) : NULL;
		if (candidate && access(candidate, F_OK) == 0)
			found = candidate;
		else
			free(candidate);
		if (found && is_script_name(found)) {
			if (path)
				*path = found;
			else
				free(found);
			return SH_CMDK_SCRIPT;
		}
	}
	if (!found)
		found = find_in_path(resolved);
	if (found) {
		if (path)
			*path = found;
		else
			free(found);
		return SH_CMDK_EXTERNAL;
	}
	return SH_CMDK_NONE;
}

/* ------------------------------------------------------------------ */
/* location */

const char *sh_get_location(sh_interp *in)
{
	return in->location;
}

/* "." and ".." resolved in an absolute path, textually. */
static char *normalize_path(const char *abs)
{
	size_t n = strlen(abs);
	char *out = xmalloc(n + 2);
	size_t len = 0;
	out[len++] = '/';
	const char *p = abs;
	while (*p) {
		while (*p == '/')
			p++;
		const char *start = p;
		while (*p && *p != '/')
			p++;
		size_t seg = (size_t)(p - start);
		if (seg == 0 || (seg == 1 && start[0] == '.'))
			continue;
		if (seg == 2 && start[0] == '.' && start[1] == '.') {
			while (len > 1 && out[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			continue;
		}
		if (len > 1)
			out[len++] = '/';
		memcpy(out + len, start, seg);
		len += seg;
	}
	out[len] = 0;
	return out;
}

char *sh_full_path(sh_interp *in, const char *path)
{
	static const char *const providers[] = {"Microsoft.PowerShell.Core\\FileSystem::",
	                                        "FileSystem::"};
	for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++)
		if (str_iprefix(path, providers[i]))
			path += strlen(providers[i]);
	char *p = xstrdup(path);
	for (char *q = p; *q; q++)
		if (*q == '\\')
			*q = '/';
	char *abs;
	if (p[0] == '~' && (p[1] == 0 || p[1] == '/')) {
		const char *home = getenv("HOME");
		abs = xasprintf("%s/%s", home && *home ? home : "/", p + 1);
	} else if (p[0] == '/') {
		abs = xstrdup(p);
	} else {
		abs = xasprintf("%s/%s", in->location, p);
	}
	free(p);
	char *full = normalize_path(abs);
	free(abs);
	return full;
}

int sh_set_location(sh_interp *in, const char *path, char **error)
{
	char *full = sh_full_path(in, path);
	char resolved[PATH_MAX];
	if (!realpath(full, resolved) || chdir(resolved) != 0) {
		*error = xasprintf("Cannot find path '%s' because it does not exist.", full);
		free(full);
		return -1;
	}
	free(full);
	free(in->previous_location);
	in->previous_location = in->location;
	in->location = xstrdup(resolved);
	return 0;
}

/* ------------------------------------------------------------------ */
/* history */

void sh_history_add(sh_interp *in, const char *line, int64_t start_ticks, int64_t end_ticks)
{
	sh_history_entry e = {++in->next_history_id, xstrdup(line), start_ticks, end_ticks};
	VEC_PUSH(in->history, in->nhistory, in->caphistory, e);
}

size_t sh_history_count(sh_interp *in)
{
	return in->nhistory;
}

const char *sh_history_at(sh_interp *in, size_t i, int64_t *start_ticks, int64_t *end_ticks)
{
	if (i >= in->nhistory)
		return NULL;
	if (start_ticks)
		*start_ticks = in->history[i].start;
	if (end_ticks)
		*end_ticks = in->history[i].end;
	return in->history[i].line;
}

int64_t sh_history_id(sh_interp *in, size_t i)
{
	return i < in->nhistory ? in->history[i].id : 0;
}

bool sh_history_find(sh_interp *in, int64_t id, size_t *index)
{
	/* ids only grow: binary search */
	size_t lo = 0, hi = in->nhistory;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->history[mid].id == id) {
			*index = mid;
			return true;
		}
		if (in->history[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void sh_history_remove(sh_interp *in, size_t i)
{
	if (i >= in->nhistory)
		return;
	free(in->history[i].line);
	memmove(in->history + i, in->history + i + 1, (in->nhistory - i - 1) * sizeof *in->history);
	in->nhistory--;
}

void sh_history_clear(sh_interp *in)
{
	for (size_t i = 0; i < in->nhistory; i++)
		free(in->history[i].line);
	in->nhistory = 0;
}

static volatile sig_atomic_t interrupt_unanswered;

static void on_interrupt(int sig)
{
	if (interrupt_unanswered) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	interrupt_unanswered = 1;
	sh_interrupt_flag = 1;
}

void sh_catch_interrupts(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_interrupt;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

void sh_clear_interrupt(void)
{
	sh_interrupt_flag = 0;
	interrupt_unanswered = 0;
}

/* ------------------------------------------------------------------ */
/* host prompts */

/* One line from the terminal, byte by byte with a short select() so that
 * Ctrl+C (which sets the interrupt flag and does not end the read) cancels
 * the prompt: NULL then, with the flag still set for the running command. */
static char *read_terminal_line(void)
{
	sh_buf b = {0};
	for (;;) {
		if (sh_interrupt_flag) {
			buf_free(&b);
			return NULL;
		}
		fd_set ready;
		FD_ZERO(&ready);
		FD_SET(STDIN_FILENO, &ready);
		struct timeval tick = {0, 100000};
		int n = select(STDIN_FILENO + 1, &ready, NULL, NULL, &tick);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		char ch;
		ssize_t got = read(STDIN_FILENO, &ch, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (!b.len) {
				buf_free(&b);
				return NULL;
			}
			break;
		}
		if (ch == '\n')
			break;
		buf_putc(&b, ch);
	}
	while (b.len && b.data[b.len - 1] == '\r')
		b.data[--b.len] = 0;
	return buf_detach(&b);
}

char *sh_host_read_line(sh_interp *in, const char *prompt, bool secret)
{
	if (!in->host.interactive)
		return NULL;
	fflush(stdout);
	if (prompt) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	struct termios saved;
	bool restore = false;
	if (secret && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
		struct termios quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
	}
	char *line = read_terminal_line();
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	if (restore || !line) {
		fputc('\n', stdout);
		fflush(stdout);
	}
	return line;
}

/* ------------------------------------------------------------------ */
/* errors */

void sh_set_pending_error(sh_interp *in, sh_value *record)
{
	sh_unref(in->pending_error);
	in->pending_error = record;
}

sh_value *sh_take_pending_error(sh_interp *in)
{
	sh_value *r = in->pending_error;
	in->pending_error = NULL;
	return r;
}

void sh_record_error(sh_interp *in, sh_value *record)
{
	sh_var *v = sh_scope_find(in->global, "Error", sh_name_hash("Error"));
	if (!v || sh_kind_of(v->value) != SH_ARRAY)
		return;
	sh_value *list = v->value;
	int64_t max = 256;
	sh_value *m = sh_var_get(in, "MaximumErrorCount");
	if (sh_is_number(m) && sh_long_of(m) > 0)
		max = sh_long_of(m);
	/* newest first: the oldest falls off the end once the list is full */
	size_t len = sh_array_len(list);
	if (len < (size_t)max) {
		sh_array_append(list, NULL);
		len++;
	}
	sh_value **items = sh_array_items(list);
	sh_unref(items[len - 1]);
	memmove(items + 1, items, (len - 1) * sizeof *items);
	items[0] = sh_ref(record);
}

void sh_display_error(sh_interp *in, const sh_value *record)
{
	sh_buf b = {0};
	sh_error_format(record, &b);
	fflush(stdout);
	if (in->host.color)
		fprintf(stderr, "\033[91m%s\033[0m", buf_str(&b));
	else
		fputs(buf_str(&b), stderr);
	fflush(stderr);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* attachments */

void sh_interp_attach(sh_interp *in, const void *key, void *data, void (*free_data)(void *data),
                      void (*after_run)(sh_interp *in, void *data))
{
	for (size_t i = 0; i < in->nattachments; i++) {
		sh_attachment *a = &in->attachments[i];
		if (a->key != key)
			continue;
		if (a->free_data && a->data != data)
			a->free_data(a->data);
		*a = (sh_attachment){key, data, free_data, after_run};
		return;
	}
	sh_attachment a = {key, data, free_data, after_run};
	VEC_PUSH(in->attachments, in->nattachments, in->capattachments, a);
}

void *sh_interp_attached(sh_interp *in, const void *key)
{
	for (size_t i = 0; i < in->nattachments; i++)
		if (in->attachments[i].key == key)
			return in->attachments[i].data;
	return NULL;
}

void sh_after_run(sh_interp *in)
{
	for (size_t i = 0; i < in->nattachments; i++)
		if (in->attachments[i].after_run)
			in->attachments[i].after_run(in, in->attachments[i].data);
}

/* ------------------------------------------------------------------ */
/* lifecycle */

static void set_global(sh_interp *in, const char *name, sh_value *value)
{
	char *err = NULL;
	if (sh_var_assign(in, in->global, name, value, &err) < 0)
		free(err);
}

static void make_readonly(sh_interp *in, const char *name)
{
	sh_var *v = sh_scope_find(in->global, name, sh_name_hash(name));
	if (v)
		v->readonly = true;
}

static sh_value *version_table(void)
{
	sh_value *t = sh_hash_new(false);
	sh_hash_set_str(t, "PSVersion", sh_string(HVSH_VERSION_STRING));
	sh_hash_set_str(t, "PSEdition", sh_string("Core"));
	sh_hash_set_str(t, "HvshVersion", sh_string(HVSH_VERSION_STRING));
	sh_hash_set_str(t, "Platform", sh_string("Unix"));
	sh_hash_set_str(t, "OS", sh_string("Linux"));
	return t;
}

sh_interp *sh_interp_new(void)
{
	sh_interp *in = xcalloc(1, sizeof *in);
	in->global = sh_scope_new(NULL, true);
	in->current = in->global;
	in->script = in->global;
	in->last_success = true;
	in->host.width = 120;
	char cwd[PATH_MAX];
	in->location = xstrdup(getcwd(cwd, sizeof cwd) ? cwd : "/");

	set_global(in, "Error", sh_array_new(8));
	set_global(in, "ErrorActionPreference", sh_string("Continue"));
	set_global(in, "WarningPreference", sh_string("Continue"));
	set_global(in, "VerbosePreference", sh_string("SilentlyContinue"));
	set_global(in, "DebugPreference", sh_string("SilentlyContinue"));
	set_global(in, "InformationPreference", sh_string("SilentlyContinue"));
	set_global(in, "ProgressPreference", sh_string("Continue"));
	set_global(in, "ConfirmPreference", sh_string("High"));
	set_global(in, "WhatIfPreference", sh_bool(false));
	set_global(in, "MaximumErrorCount", sh_int(256));
	set_global(in, "LASTEXITCODE", sh_int(0));
	set_global(in, "OFS", sh_string(" "));
	const char *home = getenv("HOME");
	set_global(in, "HOME", sh_string(home ? home : "/"));
	set_global(in, "PID", sh_int((int32_t)getpid()));
	set_global(in, "IsLinux", sh_bool(true));
	set_global(in, "IsWindows", sh_bool(false));
	set_global(in, "IsMacOS", sh_bool(false));
	set_global(in, "IsCoreCLR", sh_bool(true));
	set_global(in, "PSVersionTable", version_table());
	set_global(in, "PSHOME", sh_string("/usr/local/share/hvsh"));
	set_global(in, "NestedPromptLevel", sh_int(0));
	make_readonly(in, "PID");
	make_readonly(in, "IsLinux");
	make_readonly(in, "IsWindows");
	make_readonly(in, "IsMacOS");
	return in;
}

void sh_interp_free(sh_interp *in)
{
	if (!in)
		return;
	while (in->current && in->current != in->global) {
		sh_scope *s = in->current;
		in->current = s->parent;
		sh_scope_free(s);
	}
	sh_scope_free(in->global);
	free(in->cmdlets);
	while (in->tables) {
		struct sh_table_cache *c = in->tables;
		in->tables = c->next;
		sh_param_table_free(&c->table);
		free(c);
	}
	for (size_t i = 0; i < in->naliases; i++) {
		free(in->aliases[i].name);
		free(in->aliases[i].target);
	}
	free(in->aliases);
	sh_unref(in->pending_error);
	free(in->jump_label);
	free(in->location);
	free(in->previous_location);
	for (size_t i = 0; i < in->nlocation_stack; i++)
		free(in->location_stack[i]);
	free(in->location_stack);
	for (size_t i = 0; i < in->nhistory; i++)
		free(in->history[i].line);
	free(in->history);
	for (size_t i = 0; i < in->nattachments; i++)
		if (in->attachments[i].free_data)
			in->attachments[i].free_data(in->attachments[i].data);
	free(in->attachments);
	free(in);
	sh_collect_cycles();
}

sh_host_settings *sh_interp_host(sh_interp *in)
{
	return &in->host;
}

bool sh_exit_requested(const sh_interp *in, int *code)
{
	if (in->exit_requested && code)
		*code = in->exit_code;
	return in->exit_requested;
}
