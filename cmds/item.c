/*
 * item.c - the file system: locations, items and their content.
 *
 * PowerShell reaches files through a provider; hvsh has one provider, the
 * file system, so these cmdlets work on paths directly. What carries over
 * from PowerShell is what scripts see:
 *
 *   - Paths are relative to the shell's location (sh_get_location), `~`
 *     is the home directory, `\` is accepted as a separator, and the
 *     provider-qualified form that PSPath properties hold
 *     ("Microsoft.PowerShell.Core\FileSystem::/x") is understood, so items
 *     piped from Get-ChildItem bind by their PSPath.
 *   - -Path expands wildcards component by component (case-insensitive,
 *     hidden dot-files only with -Force); -LiteralPath never does.
 *   - Items are System.IO.FileInfo / System.IO.DirectoryInfo objects with
 *     the .NET and PowerShell property names (Name, FullName, Length,
 *     LastWriteTime, Mode, UnixMode, User, Group ...). Directory and Parent
 *     are DirectoryInfo objects too; a listing builds its directory's
 *     object once and shares it among the children, so the chain up to /
 *     costs one stat per level per listing, not per file.
 *   - Listings put directories first, then files, each sorted by name, as
 *     PowerShell's provider enumerates them (it leaves the order within
 *     each group to the file system; sorting makes it stable).
 *   - Error messages, categories and ids are PowerShell's ("Cannot find
 *     path '/x' because it does not exist.", PathNotFound, ObjectNotFound);
 *     failures of the system calls read like .NET's on Unix.
 *
 * Get-Content streams: it reads a line, emits it, and stops reading as
 * soon as downstream says SH_STOP (Select-Object -First). Set-Content
 * collects its pipeline input and writes it in end() atomically: a
 * temporary file in the same directory, fsync, rename.
 *
 * The location history (`cd -`, `cd +`) and the Push-Location stack are
 * process state: there is one shell per process.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <iconv.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/ops.h"
#include "cmds.h"
#include "item.h"

#define FS_PREFIX        "Microsoft.PowerShell.Core\\FileSystem::"
#define UNIX_EPOCH_TICKS 621355968000000000LL
#define TYPE_FILE        "System.IO.FileInfo"
#define TYPE_DIR         "System.IO.DirectoryInfo"
#define TYPE_FSINFO      "System.IO.FileSystemInfo"
#define TYPE_PATHINFO    "System.Management.Automation.PathInfo"
#define TYPE_MATCHINFO   "Microsoft.PowerShell.Commands.MatchInfo"

/* ================================================================== */
/* paths                                                               */
/* ================================================================== */

typedef struct pathlist {
	char **items;
	size_t len, cap;
} pathlist;

static void pathlist_push(pathlist *p, char *s)
{
	VEC_PUSH(p->items, p->len, p->cap, s);
}

static void pathlist_free(pathlist *p)
{
	for (size_t i = 0; i < p->len; i++)
		free(p->items[i]);
	free(p->items);
	p->items = NULL;
	p->len = p->cap = 0;
}

static int cmp_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r = str_icmp(x, y);
	return r ? r : strcmp(x, y);
}

static const char *strip_provider(const char *path)
{
	if (str_iprefix(path, FS_PREFIX))
		return path + strlen(FS_PREFIX);
	if (str_iprefix(path, "FileSystem::"))
		return path + strlen("FileSystem::");
	return path;
}

static char *parent_of(const char *full)
{
	const char *slash = strrchr(full, '/');
	if (!slash || slash == full)
		return xstrdup("/");
	return xstrndup(full, (size_t)(slash - full));
}

static const char *leaf_of(const char *full)
{
	const char *slash = strrchr(full, '/');
	return slash ? slash + 1 : full;
}

static char *join2(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

static bool is_hidden_name(const char *name)
{
	return name[0] == '.';
}

static char *unescape_wildcard(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '`' && s[1])
			s++;
		*o++ = *s;
	}
	*o = 0;
	return out;
}

/* Expands the wildcards of an absolute, normalized pattern, component by
 * component. Only existing paths come out, sorted within each directory. */
static void glob_expand(const char *pattern, bool force, pathlist *out)
{
	pathlist cur = {0};
	pathlist_push(&cur, xstrdup("/"));
	const char *p = pattern;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != '/')
			p++;
		char *comp = xstrndup(start, (size_t)(p - start));
		pathlist next = {0};
		if (sh_has_wildcard(comp)) {
			for (size_t i = 0; i < cur.len; i++) {
				DIR *d = opendir(cur.items[i]);
				if (!d)
					continue;
				pathlist names = {0};
				struct dirent *e;
				while ((e = readdir(d))) {
					if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
						continue;
					if (is_hidden_name(e->d_name) && !force && comp[0] != '.')
						continue;
					if (sh_wildcard_match(comp, e->d_name, true))
						pathlist_push(&names, xstrdup(e->d_name));
				}
				closedir(d);
				if (names.len)
					qsort(names.items, names.len, sizeof *names.items,
					      cmp_names);
				for (size_t k = 0; k < names.len; k++)
					pathlist_push(&next, join2(cur.items[i], names.items[k]));
				pathlist_free(&names);
			}
		} else {
			char *lit = unescape_wildcard(comp);
			for (size_t i = 0; i < cur.len; i++)
				pathlist_push(&next, join2(cur.items[i], lit));
			free(lit);
		}
		free(comp);
		pathlist_free(&cur);
		cur = next;
	}
	for (size_t i = 0; i < cur.len; i++) {
		struct stat st;
		if (lstat(cur.items[i], &st) == 0) {
			pathlist_push(out, cur.items[i]);
			cur.items[i] = NULL;
		}
	}
	pathlist_free(&cur);
}

/* ================================================================== */
/* errors                                                              */
/* ================================================================== */

static sh_status path_error(sh_cmd *c, bool terminating, const char *exception,
                            sh_error_category cat, const char *id, const char *target,
                            const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static sh_status path_error(sh_cmd *c, bool terminating, const char *exception,
                            sh_error_category cat, const char *id, const char *target,
                            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sh_buf msg = {0};
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	sh_value *t = target ? sh_string(target) : NULL;
	sh_error_info info = {.message = buf_str(&msg),
	                      .exception_type = exception,
	                      .category = cat,
	                      .error_id = id,
	                      .target = t};
	sh_status st = terminating ? sh_throw(c, &info) : sh_write_error(c, &info);
	sh_unref(t);
	buf_free(&msg);
	return st;
}

static sh_status not_found(sh_cmd *c, const char *full)
{
	return path_error(c, false, "System.Management.Automation.ItemNotFoundException",
	                  SH_CAT_OBJECT_NOT_FOUND, "PathNotFound", full,
	                  "Cannot find path '%s' because it does not exist.", full);
}

/* A failed system call, worded as .NET words it on Unix. */
static sh_status errno_error(sh_cmd *c, int err, const char *id, const char *full)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return path_error(c, false, "System.IO.DirectoryNotFoundException",
		                  SH_CAT_OBJECT_NOT_FOUND, id, full,
		                  "Could not find a part of the path '%s'.", full);
	case EACCES:
	case EPERM:
		return path_error(c, false, "System.UnauthorizedAccessException",
		                  SH_CAT_PERMISSION_DENIED, id, full,
		                  "Access to the path '%s' is denied.", full);
	default:
		return path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR, id, full,
		                  "%s : '%s'", strerror(err), full);
	}
}

/* Resolves one -Path / -LiteralPath argument into existing full paths.
 * A literal path that does not exist is reported (PathNotFound) unless
 * `allow_missing`, in which case it is returned as is; a wildcard that
 * matches nothing yields nothing, as in PowerShell. */
static sh_status resolve_arg(sh_cmd *c, const char *arg, bool literal, bool force,
                             bool allow_missing, pathlist *out)
{
	sh_interp *in = sh_cmd_interp(c);
	char *full = sh_full_path(in, arg);
	if (!literal && sh_has_wildcard(strip_provider(arg))) {
		glob_expand(full, force, out);
		free(full);
		return SH_OK;
	}
	if (!literal && strchr(full, '`')) {
		char *u = unescape_wildcard(full);
		free(full);
		full = u;
	}
	struct stat st;
	if (lstat(full, &st) != 0 && !allow_missing) {
		sh_status s = not_found(c, full);
		free(full);
		return s;
	}
	pathlist_push(out, full);
	return SH_OK;
}

/* The -Path (or -LiteralPath) values of the invocation, resolved. */
static sh_status resolve_params(sh_cmd *c, bool force, bool allow_missing, pathlist *out)
{
	bool literal = sh_param_bound(c, "LiteralPath");
	sh_value *v = sh_param(c, literal ? "LiteralPath" : "Path");
	if (!v)
		return SH_OK;
	size_t n = sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(v) == SH_ARRAY ? sh_array_get(v, i) : v;
		char *s = sh_to_string(item);
		sh_status st = resolve_arg(c, s, literal, force, allow_missing, out);
		free(s);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

/* ================================================================== */
/* item objects                                                        */
/* ================================================================== */

static int64_t utc_to_local(int64_t ticks)
{
	time_t t = (time_t)((ticks - UNIX_EPOCH_TICKS) / SH_TICKS_PER_SECOND);
	int64_t sub = (ticks - UNIX_EPOCH_TICKS) % SH_TICKS_PER_SECOND;
	if (sub < 0) {
		sub += SH_TICKS_PER_SECOND;
		t--;
	}
	struct tm tm;
	localtime_r(&t, &tm);
	return sh_ticks_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	                           tm.tm_min, tm.tm_sec, 0) +
	       sub;
}

static int64_t ticks_of_timespec(struct timespec ts)
{
	return UNIX_EPOCH_TICKS + (int64_t)ts.tv_sec * SH_TICKS_PER_SECOND + ts.tv_nsec / 100;
}

static void set_times(sh_value *o, const char *name, struct timespec ts)
{
	int64_t utc = ticks_of_timespec(ts);
	char utc_name[64];
	snprintf(utc_name, sizeof utc_name, "%sUtc", name);
	sh_object_set_note(o, name, sh_datetime(utc_to_local(utc), SH_DT_LOCAL));
	sh_object_set_note(o, utc_name, sh_datetime(utc, SH_DT_UTC));
}

/* uid/gid to names: listings ask for the same few ids over and over. */
typedef struct id_name {
	unsigned id;
	char *name;
} id_name;

static const char *cached_name(id_name *cache, size_t *n, unsigned id, bool group)
{
	for (size_t i = 0; i < *n; i++)
		if (cache[i].id == id)
			return cache[i].name;
	char *name = NULL;
	if (group) {
		struct group *g = getgrgid(id);
		name = g ? xstrdup(g->gr_name) : xasprintf("%u", id);
	} else {
		struct passwd *p = getpwuid(id);
		name = p ? xstrdup(p->pw_name) : xasprintf("%u", id);
	}
	if (*n == 32) {
		free(cache[31].name);
		(*n)--;
	}
	memmove(cache + 1, cache, *n * sizeof *cache);
	cache[0] = (id_name){id, name};
	(*n)++;
	return name;
}

static const char *user_name(unsigned uid)
{
	static id_name cache[32];
	static size_t n;
	return cached_name(cache, &n, uid, false);
}

static const char *group_name(unsigned gid)
{
	static id_name cache[32];
	static size_t n;
	return cached_name(cache, &n, gid, true);
}

static void unix_mode(mode_t m, char out[11])
{
	char t = '-';
	if (S_ISDIR(m))
		t = 'd';
	else if (S_ISLNK(m))
		t = 'l';
	else if (S_ISCHR(m))
		t = 'c';
	else if (S_ISBLK(m))
		t = 'b';
	else if (S_ISFIFO(m))
		t = 'p';
	else if (S_ISSOCK(m))
		t = 's';
	out[0] = t;
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		out[1 + i] = (m & (1u << (8 - i))) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = (m & S_IXOTH) ? 't' : 'T';
	out[10] = 0;
}

/* .NET's extension rule: from the last dot of the name, "" when none. */
static const char *extension_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot[1] ? dot : "";
}

static char *item_to_string(sh_value *self)
{
	return xstrdup(sh_str(sh_object_note(self, "FullName")));
}

static const sh_class item_class = {.name = "FileSystemInfo", .to_string = item_to_string};

static void register_views(void);

static sh_value *dir_object(const char *full);

sh_value *cmd_item_object(const char *full, sh_value *parent)
{
	register_views();
	struct stat lst, st;
	if (lstat(full, &lst) != 0)
		return NULL;
	bool is_link = S_ISLNK(lst.st_mode);
	if (!is_link || stat(full, &st) != 0)
		st = lst;
	bool is_dir = S_ISDIR(st.st_mode);
	const char *name = strcmp(full, "/") == 0 ? "/" : leaf_of(full);
	char *parent_path = parent_of(full);
	bool is_root = strcmp(full, "/") == 0;
	bool hidden = name[0] == '.' && !is_root;
	bool readonly = !is_dir && access(full, W_OK) != 0 && errno == EACCES;

	sh_value *o = sh_object_new(is_dir ? TYPE_DIR : TYPE_FILE);
	sh_object_add_typename(o, TYPE_FSINFO);
	sh_object_add_typename(o, "System.MarshalByRefObject");
	sh_object_add_typename(o, "System.Object");
	sh_object_set_native(o, &item_class, NULL);

	sh_object_set_note(o, "PSPath", sh_stringf(FS_PREFIX "%s", full));
	sh_object_set_note(o, "PSParentPath",
	                   is_root ? sh_string("") : sh_stringf(FS_PREFIX "%s", parent_path));
	sh_object_set_note(o, "PSChildName", sh_string(name));
	sh_object_set_note(o, "PSIsContainer", sh_bool(is_dir));

	/* "darhs" as PowerShell spells FileAttributes; Mode also shows a file
	   with several hard links as a link, ModeWithoutHardLink does not */
	char mode[6] = "-----";
	mode[0] = is_link ? 'l' : is_dir ? 'd' : '-';
	if (readonly)
		mode[2] = 'r';
	if (hidden)
		mode[3] = 'h';
	sh_object_set_note(o, "ModeWithoutHardLink", sh_string(mode));
	if (!is_dir && !is_link && lst.st_nlink > 1)
		mode[0] = 'l';
	sh_object_set_note(o, "Mode", sh_string(mode));
	const char *ext = extension_of(name);
	if (is_dir)
		sh_object_set_note(o, "BaseName", sh_string(name));
	else
		sh_object_set_note(o, "BaseName", sh_string_n(name, strlen(name) - strlen(ext)));

	sh_value *target = NULL;
	if (is_link) {
		char buf[4096];
		ssize_t k = readlink(full, buf, sizeof buf - 1);
		if (k >= 0)
			target = sh_string_n(buf, (size_t)k);
	}
	sh_object_set_note(o, "Target", target);
	sh_object_set_note(o, "LinkType", is_link ? sh_string("SymbolicLink") : NULL);
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "FullName", sh_string(full));
	sh_object_set_note(o, "Extension", sh_string(ext));
	if (!is_dir) {
		sh_object_set_note(o, "Length", sh_long((int64_t)st.st_size));
		sh_object_set_note(o, "DirectoryName", sh_string(parent_path));
		sh_object_set_note(o, "Directory",
		                   parent ? sh_ref(parent) : dir_object(parent_path));
		sh_object_set_note(o, "IsReadOnly", sh_bool(readonly));
	} else {
		sh_object_set_note(o, "Parent",
		                   is_root  ? NULL
		                   : parent ? sh_ref(parent)
		                            : dir_object(parent_path));
	}
	sh_object_set_note(o, "Exists", sh_bool(true));
	struct timespec created = st.st_ctim;
	if (st.st_mtim.tv_sec < created.tv_sec ||
	    (st.st_mtim.tv_sec == created.tv_sec && st.st_mtim.tv_nsec < created.tv_nsec))
		created = st.st_mtim;
	set_times(o, "CreationTime", created);
	set_times(o, "LastAccessTime", st.st_atim);
	set_times(o, "LastWriteTime", st.st_mtim);

	sh_buf attrs = {0};
	if (readonly)
		buf_puts(&attrs, "ReadOnly");
	if (hidden)
		buf_printf(&attrs, "%sHidden", attrs.len ? ", " : "");
	if (is_dir)
		buf_printf(&attrs, "%sDirectory", attrs.len ? ", " : "");
	if (is_link)
		buf_printf(&attrs, "%sReparsePoint", attrs.len ? ", " : "");
	if (!attrs.len)
		buf_puts(&attrs, "Normal");
	sh_object_set_note(o, "Attributes", sh_string_take(buf_detach(&attrs)));

	char um[11];
	unix_mode(lst.st_mode, um);
	sh_object_set_note(o, "UnixMode", sh_string(um));
	sh_object_set_note(o, "User", sh_string(user_name(lst.st_uid)));
	sh_object_set_note(o, "Group", sh_string(group_name(lst.st_gid)));
	sh_object_set_note(o, "Size", sh_long((int64_t)lst.st_size));
	free(parent_path);
	return o;
}

static sh_value *dir_object(const char *full)
{
	if (strcmp(full, "/") == 0)
		return cmd_item_object(full, NULL);
	char *parent_path = parent_of(full);
	sh_value *parent = dir_object(parent_path);
	free(parent_path);
	sh_value *o = cmd_item_object(full, parent);
	sh_unref(parent);
	return o;
}

/* PathInfo, as Get-Location and Resolve-Path return it. */
static char *pathinfo_to_string(sh_value *self)
{
	return xstrdup(sh_str(sh_object_note(self, "Path")));
}

static const sh_class pathinfo_class = {.name = "PathInfo", .to_string = pathinfo_to_string};

static sh_value *pathinfo_new(const char *full)
{
	register_views();
	sh_value *o = sh_object_new(TYPE_PATHINFO);
	sh_object_set_native(o, &pathinfo_class, NULL);
	sh_object_set_note(o, "Drive", sh_string("/"));
	sh_object_set_note(o, "Provider", sh_string("Microsoft.PowerShell.Core\\FileSystem"));
	sh_object_set_note(o, "ProviderPath", sh_string(full));
	sh_object_set_note(o, "Path", sh_string(full));
	return o;
}

/* ---- views ---- */

static sh_value *lastwrite_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	sh_value *t = sh_object_note(o, "LastWriteTime");
	char *err = NULL;
	char *date = sh_format_value(t, "d", &err);
	free(err);
	err = NULL;
	char *time = sh_format_value(t, "HH:mm", &err);
	free(err);
	sh_value *v = sh_stringf("%s %s", date ? date : "", time ? time : "");
	free(date);
	free(time);
	return v;
}

static sh_value *name_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	const char *name = sh_str(sh_object_note(o, "Name"));
	sh_value *target = sh_object_note(o, "Target");
	if (target && sh_str_len(target))
		return sh_stringf("%s -> %s", name, sh_str(target));
	return sh_string(name);
}

static const sh_view_column item_table_columns[] = {
    {.header = "UnixMode", .property = "UnixMode", .width = 10, .align = SH_ALIGN_LEFT},
    {.header = "User", .property = "User", .width = 10, .align = SH_ALIGN_RIGHT},
    {.header = "Group", .property = "Group", .width = 10, .align = SH_ALIGN_LEFT},
    {.header = "LastWriteTime", .compute = lastwrite_cell, .width = 16, .align = SH_ALIGN_RIGHT},
    {.header = "Size", .property = "Size", .width = 12, .align = SH_ALIGN_RIGHT},
    {.header = "Name", .compute = name_cell, .align = SH_ALIGN_LEFT},
};

/* The directory an item is listed under ("    Directory: /path"). */
static sh_value *item_directory(sh_interp *in, sh_value *o)
{
	(void)in;
	const char *full = sh_str(sh_object_note(o, "FullName"));
	const char *slash = strrchr(full, '/');
	if (!slash)
		return sh_string("");
	return slash == full ? sh_string("/") : sh_string_n(full, (size_t)(slash - full));
}

/* One set of views for both item types, registered under their common
 * base type, so that a listing of directories and files is one table (a
 * view per type would start a new table at every change of type). */
static const sh_view item_table_view = {.type_name = TYPE_FSINFO,
                                        .kind = SH_VIEW_TABLE,
                                        .columns = item_table_columns,
                                        .ncolumns = 6,
                                        .group_label = " Directory",
                                        .group_value = item_directory};

static const sh_view_column item_list_columns[] = {
    {.header = "Name", .property = "Name"},
    {.header = "Length", .property = "Length"},
    {.header = "CreationTime", .property = "CreationTime"},
    {.header = "LastWriteTime", .property = "LastWriteTime"},
    {.header = "LastAccessTime", .property = "LastAccessTime"},
    {.header = "Mode", .property = "Mode"},
    {.header = "LinkType", .property = "LinkType"},
    {.header = "Target", .property = "Target"},
};
static const sh_view item_list_view = {
    .type_name = TYPE_FSINFO, .kind = SH_VIEW_LIST, .columns = item_list_columns, .ncolumns = 8};

static const sh_view item_wide_view = {
    .type_name = TYPE_FSINFO, .kind = SH_VIEW_WIDE, .wide_property = "Name"};

static const sh_view_column pathinfo_columns[] = {
    {.header = "Path", .property = "Path", .align = SH_ALIGN_LEFT},
};
static const sh_view pathinfo_view = {
    .type_name = TYPE_PATHINFO, .kind = SH_VIEW_TABLE, .columns = pathinfo_columns, .ncolumns = 1};

static const sh_view matchinfo_view = {.type_name = TYPE_MATCHINFO, .kind = SH_VIEW_STRING};

static void register_views(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	sh_view_register(&item_table_view);
	sh_view_register(&item_list_view);
	sh_view_register(&item_wide_view);
	sh_view_register(&pathinfo_view);
	sh_view_register(&matchinfo_view);
}

/* ================================================================== */
/* shared parameter declarations                                       */
/* ================================================================== */

#define PATH_PARAM(pos, mandatory, helptext)                                                       \
	{                                                                                          \
		.name = "Path", .type = SH_P_STRING,                                               \
		.flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS |        \
		         (mandatory),                                                              \
		.position = pos, .sets = "Path", .help = helptext                                  \
	}

#define LITERAL_PATH_PARAM(mandatory)                                                              \
	{                                                                                          \
		.name = "LiteralPath", .type = SH_P_STRING,                                        \
		.flags = SH_PF_ARRAY | SH_PF_PIPE_PROP | (mandatory), .position = -1,              \
		.sets = "LiteralPath", .aliases = "PSPath,LP",                                     \
		.help =                                                                            \
		    "Specifies a path used exactly as it is typed: no character is a wildcard."    \
	}

#define FORCE_PARAM(helptext)                                                                      \
	{                                                                                          \
		.name = "Force", .type = SH_P_SWITCH, .position = -1, .help = helptext             \
	}

#define PASSTHRU_PARAM                                                                             \
	{                                                                                          \
		.name = "PassThru", .type = SH_P_SWITCH, .position = -1,                           \
		.help = "Returns an object representing the item. By default there is no output."  \
	}

static const char *const encodings[] = {
    "ascii",   "bigendianunicode", "bigendianutf32", "oem",     "unicode", "utf7", "utf8",
    "utf8BOM", "utf8NoBOM",        "utf32",          "Default", "Byte",    "UTF8", NULL};

#define ENCODING_PARAM                                                                             \
	{                                                                                          \
		.name = "Encoding", .type = SH_P_STRING, .position = -1,                           \
		.help =                                                                            \
		    "Specifies the text encoding: utf8 (the default), utf8BOM, utf8NoBOM, ascii, " \
		    "unicode (UTF-16LE), bigendianunicode, utf32.",                                \
		.default_text = "utf8NoBOM", .type_name = "Encoding"                               \
	}

/* ================================================================== */
/* locations                                                           */
/* ================================================================== */

typedef struct strstack {
	char **items;
	size_t len, cap;
} strstack;

static strstack back_history, forward_history, location_stack;

static void strstack_push(strstack *s, const char *v)
{
	if (s == &back_history && s->len == 20) {
		free(s->items[0]);
		memmove(s->items, s->items + 1, (s->len - 1) * sizeof *s->items);
		s->len--;
	}
	VEC_PUSH(s->items, s->len, s->cap, xstrdup(v));
}

static char *strstack_pop(strstack *s)
{
	return s->len ? s->items[--s->len] : NULL;
}

static void strstack_clear(strstack *s)
{
	while (s->len)
		free(s->items[--s->len]);
}

/* Changes location to `full`, with PowerShell's message when impossible. */
static sh_status go_to(sh_cmd *c, const char *full, const char *shown)
{
	struct stat st;
	if (stat(full, &st) != 0 || !S_ISDIR(st.st_mode))
		return path_error(c, false, "System.Management.Automation.ItemNotFoundException",
		                  SH_CAT_OBJECT_NOT_FOUND, "PathNotFound", shown,
		                  "Cannot find path '%s' because it does not exist.", shown);
	char *err = NULL;
	if (sh_set_location(sh_cmd_interp(c), full, &err) != 0) {
		sh_status s = path_error(c, false, "System.UnauthorizedAccessException",
		                         SH_CAT_PERMISSION_DENIED, "SetLocationUnauthorized", full,
		                         "%s", err ? err : "Access to the path is denied.");
		free(err);
		return s;
	}
	return SH_OK;
}

/* Resolves a Set-Location / Push-Location target to one directory. */
static sh_status location_target(sh_cmd *c, char **out)
{
	*out = NULL;
	bool literal = sh_param_bound(c, "LiteralPath");
	const char *arg = sh_param_str(c, literal ? "LiteralPath" : "Path");
	if (!arg || !*arg)
		arg = "~";
	pathlist found = {0};
	sh_status st = resolve_arg(c, arg, literal, true, false, &found);
	if (st != SH_OK || found.len == 0) {
		pathlist_free(&found);
		/* a missing literal path was reported already; a wildcard that
		   matched nothing was not */
		if (st == SH_OK && !literal && sh_has_wildcard(arg)) {
			char *full = sh_full_path(sh_cmd_interp(c), arg);
			st = not_found(c, full);
			free(full);
		}
		return st;
	}
	if (found.len > 1) {
		st = path_error(c, false, "System.Management.Automation.PSArgumentException",
		                SH_CAT_INVALID_ARGUMENT, "Argument", arg,
		                "Cannot process argument because the value of argument \"path\" is "
		                "not valid. It resolves to more than one path.");
		pathlist_free(&found);
		return st;
	}
	*out = found.items[0];
	found.items[0] = NULL;
	pathlist_free(&found);
	return SH_OK;
}

static sh_status set_location_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	const char *arg = sh_param_str(c, "Path");
	char *here = xstrdup(sh_get_location(in));
	sh_status st = SH_OK;
	if (!sh_param_bound(c, "LiteralPath") && arg && (!strcmp(arg, "-") || !strcmp(arg, "+"))) {
		bool back = arg[0] == '-';
		strstack *from = back ? &back_history : &forward_history;
		char *dest = strstack_pop(from);
		if (!dest) {
			free(here);
			return path_error(
			    c, false, "System.InvalidOperationException", SH_CAT_INVALID_OPERATION,
			    back ? "LocationUndoStackIsEmpty" : "LocationRedoStackIsEmpty", NULL,
			    "There is no location history left to navigate %s.",
			    back ? "backwards" : "forwards");
		}
		st = go_to(c, dest, dest);
		if (st == SH_OK)
			strstack_push(back ? &forward_history : &back_history, here);
		free(dest);
	} else {
		char *dest = NULL;
		st = location_target(c, &dest);
		if (st == SH_OK && dest) {
			st = go_to(c, dest, dest);
			if (st == SH_OK && strcmp(here, dest) != 0) {
				strstack_push(&back_history, here);
				strstack_clear(&forward_history);
			}
		}
		free(dest);
	}
	free(here);
	if (st == SH_OK && sh_switch(c, "PassThru"))
		st = sh_emit(c, pathinfo_new(sh_get_location(in)));
	return st;
}

static sh_status get_location_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	if (sh_switch(c, "Stack")) {
		for (size_t i = location_stack.len; i > 0; i--) {
			sh_status st = sh_emit(c, pathinfo_new(location_stack.items[i - 1]));
			if (st != SH_OK)
				return st;
		}
		return SH_OK;
	}
	return sh_emit(c, pathinfo_new(sh_get_location(sh_cmd_interp(c))));
}

static sh_status push_location_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	char *here = xstrdup(sh_get_location(in));
	sh_status st = SH_OK;
	if (sh_param_bound(c, "Path") || sh_param_bound(c, "LiteralPath")) {
		char *dest = NULL;
		st = location_target(c, &dest);
		if (st == SH_OK && dest)
			st = go_to(c, dest, dest);
		if (st == SH_OK && dest)
			strstack_push(&location_stack, here);
		free(dest);
	} else {
		strstack_push(&location_stack, here);
	}
	free(here);
	if (st == SH_OK && sh_switch(c, "PassThru"))
		st = sh_emit(c, pathinfo_new(sh_get_location(in)));
	return st;
}

static sh_status pop_location_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	char *dest = strstack_pop(&location_stack);
	if (!dest)
		return SH_OK;
	sh_status st = go_to(c, dest, dest);
	free(dest);
	if (st == SH_OK && sh_switch(c, "PassThru"))
		st = sh_emit(c, pathinfo_new(sh_get_location(sh_cmd_interp(c))));
	return st;
}

static const sh_param_def get_location_params[] = {
    {.name = "Stack",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Gets the locations saved by Push-Location, the most recent first."},
    {0},
};

static const sh_param_def set_location_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .sets = "Path",
     .help = "Specifies the new location. '-' goes back to the previous location and '+' "
             "forward again; without a path the location becomes the home directory."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "LiteralPath",
     .aliases = "PSPath,LP",
     .help = "Specifies the new location exactly as typed: no wildcards."},
    PASSTHRU_PARAM,
    {0},
};

static const sh_param_def push_location_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .sets = "Path",
     .help = "Changes to this location after saving the current one on the stack."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "LiteralPath",
     .aliases = "PSPath,LP",
     .help = "Changes to this location, used exactly as typed."},
    PASSTHRU_PARAM,
    {0},
};

static const sh_param_def pop_location_params[] = {
    PASSTHRU_PARAM,
    {0},
};

static const sh_example get_location_examples[] = {
    {"Get-Location", "Shows the current location as a PathInfo object."},
    {"(Get-Location).Path", "Gets the current location as a string."},
    {0},
};
static const sh_example set_location_examples[] = {
    {"Set-Location /var/log", "Makes /var/log the current location."},
    {"cd -", "Goes back to the previous location; cd + goes forward again."},
    {"Set-Location ~ -PassThru", "Goes to the home directory and shows it."},
    {0},
};
static const sh_example push_location_examples[] = {
    {"Push-Location /etc\nPop-Location", "Visits /etc, then returns to where you were."},
    {0},
};
static const sh_example pop_location_examples[] = {
    {"Pop-Location", "Returns to the location most recently saved by Push-Location."},
    {0},
};

/* ================================================================== */
/* Get-ChildItem                                                       */
/* ================================================================== */

typedef struct gci_opts {
	const char *filter;
	sh_value *include, *exclude; /* string arrays or NULL */
	bool force, hidden_only, files, dirs, names, recurse, follow;
	int64_t depth; /* -1: unlimited */
} gci_opts;

static bool matches_any(sh_value *patterns, const char *name)
{
	size_t n = sh_array_len(patterns);
	for (size_t i = 0; i < n; i++)
		if (sh_wildcard_match(sh_str(sh_array_get(patterns, i)), name, true))
			return true;
	return false;
}

static bool gci_wanted(const gci_opts *o, const char *name, bool is_dir)
{
	if (o->files && is_dir)
		return false;
	if (o->dirs && !is_dir)
		return false;
	if (o->hidden_only && !is_hidden_name(name))
		return false;
	if (o->filter && *o->filter && !sh_wildcard_match(o->filter, name, true))
		return false;
	if (o->include && sh_array_len(o->include) && !matches_any(o->include, name))
		return false;
	if (o->exclude && matches_any(o->exclude, name))
		return false;
	return true;
}

static sh_status gci_emit(sh_cmd *c, const gci_opts *o, const char *full, const char *relname,
                          sh_value *parent)
{
	if (o->names)
		return sh_emit(c, sh_string(relname));
	sh_value *item = cmd_item_object(full, parent);
	if (!item)
		return SH_OK;
	return sh_emit(c, item);
}

typedef struct dir_entry {
	char *name;
	bool is_dir; /* a directory, or a link to one */
	bool is_link;
} dir_entry;

static int cmp_entries(const void *a, const void *b)
{
	const dir_entry *x = a, *y = b;
	if (x->is_dir != y->is_dir)
		return x->is_dir ? -1 : 1;
	int r = str_icmp(x->name, y->name);
	return r ? r : strcmp(x->name, y->name);
}

static sh_status gci_list(sh_cmd *c, const gci_opts *o, const char *dir, const char *relprefix,
                          int64_t level)
{
	sh_interp *in = sh_cmd_interp(c);
	if (sh_interrupted(in))
		return SH_INTERRUPT;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == EACCES)
			return path_error(c, false, "System.UnauthorizedAccessException",
			                  SH_CAT_PERMISSION_DENIED, "DirUnauthorizedAccessError",
			                  dir, "Access to the path '%s' is denied.", dir);
		return errno_error(c, errno, "DirIOError", dir);
	}
	dir_entry *entries = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (is_hidden_name(e->d_name) && !o->force && !o->hidden_only)
			continue;
		char *full = join2(dir, e->d_name);
		struct stat lst, st;
		if (lstat(full, &lst) != 0) {
			free(full);
			continue;
		}
		bool is_link = S_ISLNK(lst.st_mode);
		bool is_dir = S_ISDIR(lst.st_mode) ||
		              (is_link && stat(full, &st) == 0 && S_ISDIR(st.st_mode));
		free(full);
		dir_entry de = {xstrdup(e->d_name), is_dir, is_link};
		VEC_PUSH(entries, n, cap, de);
	}
	closedir(d);
	if (n)
		qsort(entries, n, sizeof *entries, cmp_entries);

	sh_value *dirobj = o->names ? NULL : dir_object(dir);
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		if (!gci_wanted(o, entries[i].name, entries[i].is_dir))
			continue;
		char *full = join2(dir, entries[i].name);
		char *rel = *relprefix ? xasprintf("%s/%s", relprefix, entries[i].name)
		                       : xstrdup(entries[i].name);
		st = gci_emit(c, o, full, rel, dirobj);
		free(full);
		free(rel);
	}
	sh_unref(dirobj);
	if (o->recurse && (o->depth < 0 || level < o->depth)) {
		for (size_t i = 0; i < n && st == SH_OK; i++) {
			if (!entries[i].is_dir || (entries[i].is_link && !o->follow))
				continue;
			char *full = join2(dir, entries[i].name);
			char *rel = *relprefix ? xasprintf("%s/%s", relprefix, entries[i].name)
			                       : xstrdup(entries[i].name);
			st = gci_list(c, o, full, rel, level + 1);
			free(full);
			free(rel);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(entries[i].name);
	free(entries);
	return st;
}

static sh_status get_child_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	gci_opts o = {
	    .filter = sh_param_str(c, "Filter"),
	    .include = sh_param(c, "Include"),
	    .exclude = sh_param(c, "Exclude"),
	    .force = sh_switch(c, "Force"),
	    .hidden_only = sh_switch(c, "Hidden"),
	    .files = sh_switch(c, "File"),
	    .dirs = sh_switch(c, "Directory"),
	    .names = sh_switch(c, "Name"),
	    .recurse = sh_switch(c, "Recurse") || sh_param_bound(c, "Depth"),
	    .follow = sh_switch(c, "FollowSymlink"),
	    .depth = sh_param_bound(c, "Depth") ? sh_param_int(c, "Depth", 0) : -1,
	};
	bool literal = sh_param_bound(c, "LiteralPath");
	sh_value *paths = sh_param(c, literal ? "LiteralPath" : "Path");
	size_t np = paths ? sh_array_len(paths) : 1;
	sh_status st = SH_OK;
	for (size_t i = 0; i < np && st == SH_OK; i++) {
		char *arg = paths ? sh_to_string(sh_array_get(paths, i)) : xstrdup(".");
		pathlist found = {0};
		bool wild = !literal && sh_has_wildcard(strip_provider(arg));
		if (wild && o.recurse) {
			/* `gci *.txt -Recurse`: the leaf is a filter applied at every level */
			char *full = sh_full_path(in, arg);
			char *dir = parent_of(full);
			gci_opts ro = o;
			if (!o.filter)
				ro.filter = leaf_of(full);
			else
				ro.include = NULL;
			pathlist dirs = {0};
			if (sh_has_wildcard(dir))
				glob_expand(dir, o.force, &dirs);
			else
				pathlist_push(&dirs, xstrdup(dir));
			for (size_t k = 0; k < dirs.len && st == SH_OK; k++)
				st = gci_list(c, &ro, dirs.items[k], "", 0);
			pathlist_free(&dirs);
			free(dir);
			free(full);
			free(arg);
			continue;
		}
		st = resolve_arg(c, arg, literal, o.force, false, &found);
		if (wild) {
			/* matched items are output themselves, directories first */
			dir_entry *ents = xcalloc(found.len ? found.len : 1, sizeof *ents);
			for (size_t k = 0; k < found.len; k++) {
				struct stat sb;
				ents[k].name = found.items[k];
				ents[k].is_dir =
				    stat(found.items[k], &sb) == 0 && S_ISDIR(sb.st_mode);
			}
			if (found.len)
				qsort(ents, found.len, sizeof *ents, cmp_entries);
			for (size_t k = 0; k < found.len && st == SH_OK; k++) {
				const char *name = leaf_of(ents[k].name);
				if (gci_wanted(&o, name, ents[k].is_dir))
					st = gci_emit(c, &o, ents[k].name, name, NULL);
			}
			free(ents);
		} else {
			for (size_t k = 0; k < found.len && st == SH_OK; k++) {
				struct stat sb;
				if (stat(found.items[k], &sb) == 0 && S_ISDIR(sb.st_mode))
					st = gci_list(c, &o, found.items[k], "", 0);
				else if (gci_wanted(&o, leaf_of(found.items[k]), false))
					st = gci_emit(c, &o, found.items[k],
					              leaf_of(found.items[k]), NULL);
			}
		}
		pathlist_free(&found);
		free(arg);
	}
	return st;
}

static const sh_param_def get_child_item_params[] = {
    PATH_PARAM(0, 0,
               "Specifies one or more locations. Wildcards are accepted. The default is "
               "the current location."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    {.name = "Filter",
     .type = SH_P_STRING,
     .position = 1,
     .help = "A wildcard that names must match, e.g. *.txt."},
    {.name = "Include",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Only items whose names match one of these wildcards are returned."},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Items whose names match one of these wildcards are left out."},
    {.name = "Recurse",
     .type = SH_P_SWITCH,
     .position = -1,
     .aliases = "s,r",
     .help = "Gets the items in the specified locations and in all their subdirectories."},
    {.name = "Depth",
     .type = SH_P_INT,
     .position = -1,
     .help = "How many levels of subdirectories to descend into (implies -Recurse)."},
    FORCE_PARAM("Also gets hidden items (names starting with a dot)."),
    {.name = "Name",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns only the names of the items, as strings, relative to the location "
             "listed."},
    {.name = "File",
     .type = SH_P_SWITCH,
     .position = -1,
     .aliases = "af",
     .help = "Gets files only."},
    {.name = "Directory",
     .type = SH_P_SWITCH,
     .position = -1,
     .aliases = "ad,d",
     .help = "Gets directories only."},
    {.name = "Hidden",
     .type = SH_P_SWITCH,
     .position = -1,
     .aliases = "ah,h",
     .help = "Gets hidden items only."},
    {.name = "FollowSymlink",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "With -Recurse, also descends into directories reached through symbolic links."},
    {0},
};

static const sh_example get_child_item_examples[] = {
    {"Get-ChildItem", "Lists the files and directories of the current location."},
    {"Get-ChildItem -Path /etc -Filter *.conf -Recurse -File",
     "Finds every .conf file below /etc."},
    {"Get-ChildItem -Name -Force", "Lists the names, hidden ones included."},
    {0},
};

/* ================================================================== */
/* Get-Item                                                            */
/* ================================================================== */

static sh_status get_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	pathlist found = {0};
	sh_status st = resolve_params(c, sh_switch(c, "Force"), false, &found);
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		sh_value *o = cmd_item_object(found.items[i], NULL);
		if (o)
			st = sh_emit(c, o);
	}
	pathlist_free(&found);
	return st;
}

static const sh_param_def get_item_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the path to the item. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    FORCE_PARAM("Also matches hidden items with wildcards."),
    {0},
};

static const sh_example get_item_examples[] = {
    {"Get-Item .", "Gets the current directory."},
    {"(Get-Item /etc/hostname).Length", "Gets the size of a file."},
    {"Get-Item /etc/*.conf", "Gets the items that match a wildcard."},
    {0},
};

/* ================================================================== */
/* file writing helpers                                                */
/* ================================================================== */

static int mkdir_parents(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	char *parent = parent_of(dir);
	int r = strcmp(parent, dir) ? mkdir_parents(parent) : 0;
	free(parent);
	if (r != 0)
		return r;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Writes `len` bytes to `path` atomically: a temporary file beside it,
 * fsync, rename. An existing file keeps its permissions. Returns 0 or
 * -1 with errno set. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	char *dir = parent_of(path);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, leaf_of(path));
	free(dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	struct stat st;
	mode_t mode = 0666;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode &= ~mask;
	}
	fchmod(fd, mode);
	size_t off = 0;
	while (off < len) {
		ssize_t k = write(fd, data + off, len - off);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)k;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail : {
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
}

static int append_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	size_t off = 0;
	while (off < len) {
		ssize_t k = write(fd, data + off, len - off);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		off += (size_t)k;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return -1;
	return 0;
}

/* The text of a value as Set-Content writes it: each item of a collection
 * on its own line (or run together with -NoNewline). */
static void content_text(sh_value *v, bool no_newline, sh_buf *out)
{
	if (sh_kind_of(v) == SH_ARRAY) {
		size_t n = sh_array_len(v);
		for (size_t i = 0; i < n; i++)
			content_text(sh_array_get(v, i), no_newline, out);
		return;
	}
	char *s = sh_to_string(v);
	buf_puts(out, s);
	free(s);
	if (!no_newline)
		buf_putc(out, '\n');
}

/* Converts UTF-8 text to an -Encoding for writing. Returns a malloc'd
 * buffer, or NULL for UTF-8 without a byte order mark (write as is). */
static char *encode_for(const char *encoding, const char *text, size_t len, size_t *outlen)
{
	const char *to = NULL;
	const char *bom = "";
	size_t bomlen = 0;
	if (!encoding || str_ieq(encoding, "utf8") || str_ieq(encoding, "utf8NoBOM") ||
	    str_ieq(encoding, "ascii") || str_ieq(encoding, "Default") ||
	    str_ieq(encoding, "oem") || str_ieq(encoding, "Byte") || str_ieq(encoding, "utf7"))
		return NULL;
	if (str_ieq(encoding, "utf8BOM")) {
		*outlen = len + 3;
		char *out = xmalloc(len + 4);
		memcpy(out, "\xef\xbb\xbf", 3);
		memcpy(out + 3, text, len);
		return out;
	}
	if (str_ieq(encoding, "unicode")) {
		to = "UTF-16LE";
		bom = "\xff\xfe";
		bomlen = 2;
	} else if (str_ieq(encoding, "bigendianunicode")) {
		to = "UTF-16BE";
		bom = "\xfe\xff";
		bomlen = 2;
	} else if (str_ieq(encoding, "utf32")) {
		to = "UTF-32LE";
		bom = "\xff\xfe\x00\x00";
		bomlen = 4;
	} else if (str_ieq(encoding, "bigendianutf32")) {
		to = "UTF-32BE";
		bom = "\x00\x00\xfe\xff";
		bomlen = 4;
	} else {
		return NULL;
	}
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 4 + bomlen + 4;
	char *out = xmalloc(cap);
	memcpy(out, bom, bomlen);
	char *inp = (char *)text, *outp = out + bomlen;
	size_t inleft = len, outleft = cap - bomlen;
	iconv(cd, &inp, &inleft, &outp, &outleft);
	iconv_close(cd);
	*outlen = (size_t)(outp - out);
	return out;
}

static bool encoding_valid(sh_cmd *c, sh_status *st)
{
	const char *e = sh_param_str(c, "Encoding");
	for (size_t i = 0; e && encodings[i]; i++)
		if (str_ieq(encodings[i], e))
			return true;
	if (!e)
		return true;
	*st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "ParameterArgumentTransformationError",
	                sh_param(c, "Encoding"),
	                "Cannot process argument transformation on parameter 'Encoding'. '%s' is "
	                "not a supported encoding name.",
	                e);
	return false;
}

/* ================================================================== */
/* Get-Content                                                         */
/* ================================================================== */

/* Reads a whole file, decoding UTF-16/32 (by -Encoding or byte order
 * mark) to UTF-8 and dropping a UTF-8 byte order mark. */
static char *decode_text(char *data, size_t len, const char *encoding, size_t *outlen)
{
	const char *from = NULL;
	size_t skip = 0;
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		skip = 3;
	} else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
		from = "UTF-32LE";
		skip = 4;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		from = "UTF-16LE";
		skip = 2;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		from = "UTF-16BE";
		skip = 2;
	} else if (encoding && str_ieq(encoding, "unicode")) {
		from = "UTF-16LE";
	} else if (encoding && str_ieq(encoding, "bigendianunicode")) {
		from = "UTF-16BE";
	} else if (encoding && str_ieq(encoding, "utf32")) {
		from = "UTF-32LE";
	} else if (encoding && str_ieq(encoding, "bigendianutf32")) {
		from = "UTF-32BE";
	}
	if (!from) {
		memmove(data, data + skip, len - skip);
		*outlen = len - skip;
		data[*outlen] = 0;
		return data;
	}
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		*outlen = len;
		return data;
	}
	size_t cap = len * 2 + 4;
	char *out = xmalloc(cap);
	char *inp = data + skip, *outp = out;
	size_t inleft = len - skip, outleft = cap - 1;
	iconv(cd, &inp, &inleft, &outp, &outleft);
	iconv_close(cd);
	*outlen = (size_t)(outp - out);
	out[*outlen] = 0;
	free(data);
	return out;
}

static bool needs_whole_file(const char *encoding)
{
	return encoding && (str_ieq(encoding, "unicode") || str_ieq(encoding, "bigendianunicode") ||
	                    str_ieq(encoding, "utf32") || str_ieq(encoding, "bigendianutf32"));
}

typedef struct line_ring {
	sh_value **items;
	size_t cap, start, len;
} line_ring;

static void ring_push(line_ring *r, sh_value *v)
{
	if (r->cap == 0) {
		sh_unref(v);
		return;
	}
	if (r->len == r->cap) {
		sh_unref(r->items[r->start]);
		r->items[r->start] = v;
		r->start = (r->start + 1) % r->cap;
	} else {
		r->items[(r->start + r->len) % r->cap] = v;
		r->len++;
	}
}

typedef struct line_sink {
	sh_cmd *c;
	int64_t total; /* -TotalCount; -1: all */
	int64_t emitted;
	line_ring *tail; /* -Tail: collect instead of emitting */
} line_sink;

static sh_status sink_line(line_sink *s, const char *text, size_t len)
{
	if (s->total >= 0 && s->emitted >= s->total)
		return SH_STOP;
	s->emitted++;
	if (s->tail) {
		ring_push(s->tail, sh_string_n(text, len));
		return SH_OK;
	}
	return sh_emit(s->c, sh_string_n(text, len));
}

/* Splits text into lines (\n, \r\n or \r) or delimiter-ended chunks. */
static sh_status split_text(line_sink *s, const char *text, size_t len, const char *delim)
{
	size_t start = 0;
	sh_status st = SH_OK;
	if (delim && *delim) {
		size_t dl = strlen(delim);
		for (size_t i = 0; i + dl <= len && st == SH_OK;) {
			if (memcmp(text + i, delim, dl) == 0) {
				st = sink_line(s, text + start, i + dl - start);
				i += dl;
				start = i;
			} else {
				i++;
			}
		}
		if (st == SH_OK && start < len)
			st = sink_line(s, text + start, len - start);
		return st;
	}
	for (size_t i = 0; i < len && st == SH_OK; i++) {
		if (text[i] == '\n' || text[i] == '\r') {
			st = sink_line(s, text + start, i - start);
			if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
				i++;
			start = i + 1;
		}
	}
	if (st == SH_OK && start < len)
		st = sink_line(s, text + start, len - start);
	return st;
}

/* Streams a UTF-8 file line by line, so that early stops read no further. */
static sh_status stream_lines(line_sink *s, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool first = true;
	sh_status st = SH_OK;
	bool pending_cr = false;
	while (st == SH_OK && (n = getline(&line, &cap, f)) > 0) {
		char *p = line;
		size_t len = (size_t)n;
		if (first && len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
			p += 3;
			len -= 3;
		}
		first = false;
		if (pending_cr && len && p[0] == '\n') {
			p++;
			len--;
			pending_cr = false;
			if (!len)
				continue;
		}
		bool had_nl = len && p[len - 1] == '\n';
		if (had_nl)
			len--;
		if (had_nl && len && p[len - 1] == '\r')
			len--;
		/* lone carriage returns also end lines */
		size_t start = 0;
		for (size_t i = 0; i < len && st == SH_OK; i++) {
			if (p[i] == '\r') {
				st = sink_line(s, p + start, i - start);
				start = i + 1;
			}
		}
		if (st != SH_OK)
			break;
		if (start < len || had_nl)
			st = sink_line(s, p + start, len - start);
		else if (start == len && start > 0 && p[len - 1] == '\r')
			pending_cr = true;
		if (sh_interrupted(sh_cmd_interp(s->c)))
			st = SH_INTERRUPT;
	}
	free(line);
	return st;
}

static sh_status get_content_file(sh_cmd *c, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return path_error(
		    c, false, "System.UnauthorizedAccessException", SH_CAT_PERMISSION_DENIED,
		    "GetContentReaderUnauthorizedAccessError", path,
		    "Unable to get content because it is a directory: '%s'. Please use "
		    "'Get-ChildItem' instead.",
		    path);
	const char *encoding = sh_param_str(c, "Encoding");
	const char *delim = sh_param_str(c, "Delimiter");
	bool raw = sh_switch(c, "Raw");
	int64_t total = sh_param_bound(c, "TotalCount") ? sh_param_int(c, "TotalCount", -1) : -1;
	int64_t tail = sh_param_bound(c, "Tail") ? sh_param_int(c, "Tail", -1) : -1;
	if (total == 0)
		return SH_OK;

	if (raw || needs_whole_file(encoding) || (delim && *delim)) {
		size_t len = 0;
		char *data = read_whole_file(path, &len);
		if (!data)
			return errno_error(c, errno, "GetContentReaderIOError", path);
		data = decode_text(data, len, encoding, &len);
		sh_status st;
		if (raw) {
			st = len ? sh_emit(c, sh_string_n(data, len)) : SH_OK;
			free(data);
			return st;
		}
		line_ring ring = {0};
		line_sink s = {.c = c, .total = total};
		if (tail >= 0) {
			ring.cap = (size_t)tail;
			ring.items = xcalloc(ring.cap ? ring.cap : 1, sizeof *ring.items);
			s.tail = &ring;
			s.total = -1;
		}
		st = split_text(&s, data, len, delim);
		free(data);
		if (st == SH_STOP && !s.tail)
			st = SH_OK;
		for (size_t i = 0; i < ring.len; i++) {
			sh_value *v = ring.items[(ring.start + i) % ring.cap];
			if (st == SH_OK)
				st = sh_emit(c, v);
			else
				sh_unref(v);
		}
		free(ring.items);
		return st;
	}

	FILE *f = fopen(path, "rb");
	if (!f)
		return errno_error(c, errno, "GetContentReaderIOError", path);
	line_ring ring = {0};
	line_sink s = {.c = c, .total = total};
	if (tail >= 0) {
		ring.cap = (size_t)tail;
		ring.items = xcalloc(ring.cap ? ring.cap : 1, sizeof *ring.items);
		s.tail = &ring;
		s.total = -1;
	}
	sh_status st = stream_lines(&s, f);
	fclose(f);
	/* -TotalCount reached: this file is done, not the pipeline */
	if (st == SH_STOP && s.total >= 0 && s.emitted >= s.total && !s.tail)
		st = SH_OK;
	for (size_t i = 0; i < ring.len; i++) {
		sh_value *v = ring.items[(ring.start + i) % ring.cap];
		if (st == SH_OK)
			st = sh_emit(c, v);
		else
			sh_unref(v);
	}
	free(ring.items);
	return st;
}

static sh_status get_content_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_status st = SH_OK;
	if (!encoding_valid(c, &st))
		return st;
	pathlist found = {0};
	st = resolve_params(c, sh_switch(c, "Force"), false, &found);
	for (size_t i = 0; i < found.len && st == SH_OK; i++)
		st = get_content_file(c, found.items[i]);
	pathlist_free(&found);
	return st;
}

static const sh_param_def get_content_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the files to read. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    {.name = "TotalCount",
     .type = SH_P_LONG,
     .position = -1,
     .aliases = "First,Head",
     .help = "Reads only this many lines from the start of the file."},
    {.name = "Tail",
     .type = SH_P_INT,
     .position = -1,
     .aliases = "Last",
     .help = "Returns only this many lines from the end of the file."},
    {.name = "Raw",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns the whole file as one string, newlines included."},
    {.name = "Delimiter",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Splits the file at this string instead of at line ends; each piece keeps its "
             "delimiter."},
    ENCODING_PARAM,
    FORCE_PARAM("Also matches hidden files with wildcards."),
    {0},
};

static const sh_example get_content_examples[] = {
    {"Get-Content ./notes.txt", "Writes the lines of a file to the pipeline, one at a time."},
    {"Get-Content /var/log/syslog -Tail 20", "Gets the last 20 lines of a log file."},
    {"$text = Get-Content ./config.json -Raw", "Reads a whole file as a single string."},
    {0},
};

/* ================================================================== */
/* Set-Content / Add-Content / Clear-Content                           */
/* ================================================================== */

typedef struct content_cmd {
	sh_buf text;
	bool any;
} content_cmd;

static sh_status content_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	content_cmd *s = sh_cmd_state(c);
	if (sh_param_bound(c, "Value")) {
		content_text(sh_param(c, "Value"), sh_switch(c, "NoNewline"), &s->text);
		s->any = true;
	}
	return SH_OK;
}

static sh_status content_write(sh_cmd *c, bool append)
{
	content_cmd *s = sh_cmd_state(c);
	sh_status st = SH_OK;
	if (!encoding_valid(c, &st))
		return st;
	pathlist found = {0};
	st = resolve_params(c, sh_switch(c, "Force"), true, &found);
	size_t enclen = 0;
	const char *text = buf_str(&s->text);
	char *encoded = encode_for(sh_param_str(c, "Encoding"), text, s->text.len, &enclen);
	const char *data = encoded ? encoded : text;
	size_t len = encoded ? enclen : s->text.len;
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *path = found.items[i];
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			st = path_error(c, false, "System.UnauthorizedAccessException",
			                SH_CAT_PERMISSION_DENIED,
			                "GetContentWriterUnauthorizedAccessError", path,
			                "Access to the path '%s' is denied.", path);
			continue;
		}
		if (!sh_should_process(c, path, append ? "Add Content" : "Set Content"))
			continue;
		int r = append ? append_file(path, data, len) : write_atomic(path, data, len);
		if (r != 0) {
			int err = errno;
			if (err == ENOENT)
				st = path_error(c, false, "System.IO.DirectoryNotFoundException",
				                SH_CAT_OBJECT_NOT_FOUND,
				                "GetContentWriterDirectoryNotFoundError", path,
				                "Could not find a part of the path '%s'.", path);
			else
				st = errno_error(c, err,
				                 err == EACCES || err == EPERM
				                     ? "GetContentWriterUnauthorizedAccessError"
				                     : "GetContentWriterIOError",
				                 path);
			continue;
		}
		if (sh_switch(c, "PassThru") && s->any) {
			sh_value *v = sh_param(c, "Value");
			st = sh_emit_enumerated(c, sh_ref(v));
		}
	}
	free(encoded);
	pathlist_free(&found);
	return st;
}

static sh_status set_content_end(sh_cmd *c)
{
	return content_write(c, false);
}

static sh_status add_content_end(sh_cmd *c)
{
	return content_write(c, true);
}

static void content_cleanup(sh_cmd *c)
{
	content_cmd *s = sh_cmd_state(c);
	buf_free(&s->text);
}

static sh_status clear_content_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	pathlist found = {0};
	sh_status st = resolve_params(c, sh_switch(c, "Force"), false, &found);
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *path = found.items[i];
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			st = path_error(c, false,
			                "System.Management.Automation.PSNotSupportedException",
			                SH_CAT_NOT_IMPLEMENTED, "NotSupported", path,
			                "Provider operation stopped because the provider does not "
			                "support this operation.");
			continue;
		}
		if (!sh_should_process(c, path, "Clear Content"))
			continue;
		if (truncate(path, 0) != 0)
			st = errno_error(c, errno, "ClearContentIOError", path);
	}
	pathlist_free(&found);
	return st;
}

#define VALUE_PARAM                                                                                \
	{                                                                                          \
		.name = "Value", .type = SH_P_OBJECT,                                              \
		.flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP, .position = 1,            \
		.help = "Specifies the content: each item is written on its own line.",            \
		.type_name = "Object[]"                                                            \
	}

static const sh_param_def set_content_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the files to write. Missing files are created."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    VALUE_PARAM,
    {.name = "NoNewline",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Writes the items one after the other, without newlines."},
    ENCODING_PARAM,
    FORCE_PARAM("Also matches hidden files with wildcards."),
    PASSTHRU_PARAM,
    {0},
};

static const sh_param_def clear_content_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the files to empty. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    FORCE_PARAM("Also matches hidden files with wildcards."),
    {0},
};

static const sh_example set_content_examples[] = {
    {"Set-Content -Path ./test.txt -Value 'Hello, World'",
     "Replaces the content of test.txt (creating it if needed)."},
    {"Get-Date | Set-Content ./date.txt", "Writes pipeline input to a file."},
    {"1..3 | Set-Content ./n.txt -NoNewline", "Writes 123 without newlines."},
    {0},
};
static const sh_example add_content_examples[] = {
    {"Add-Content -Path ./log.txt -Value 'started'", "Appends a line to a file."},
    {"Get-Content a.txt | Add-Content b.txt", "Appends the lines of one file to another."},
    {0},
};
static const sh_example clear_content_examples[] = {
    {"Clear-Content ./log.txt", "Empties a file but keeps it."},
    {0},
};

/* ================================================================== */
/* New-Item                                                            */
/* ================================================================== */

static sh_status new_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	const char *type = sh_param_str(c, "ItemType");
	bool force = sh_switch(c, "Force");
	enum { K_FILE, K_DIR, K_SYMLINK, K_HARDLINK } kind = K_FILE;
	if (type && *type) {
		if (str_ieq(type, "File"))
			kind = K_FILE;
		else if (str_ieq(type, "Directory") || str_ieq(type, "Container"))
			kind = K_DIR;
		else if (str_ieq(type, "SymbolicLink"))
			kind = K_SYMLINK;
		else if (str_ieq(type, "HardLink"))
			kind = K_HARDLINK;
		else
			return path_error(
			    c, true, "System.ArgumentException", SH_CAT_INVALID_ARGUMENT,
			    "NewItemTypeNotSupported", type,
			    "The type is not a known type for the file system. Only "
			    "\"file\",\"directory\",\"symboliclink\",\"hardlink\" can be "
			    "specified.");
	}
	sh_value *paths = sh_param(c, "Path");
	const char *name = sh_param_str(c, "Name");
	size_t np = paths ? sh_array_len(paths) : 1;
	sh_status st = SH_OK;
	for (size_t i = 0; i < np && st == SH_OK; i++) {
		char *arg = paths ? sh_to_string(sh_array_get(paths, i)) : xstrdup(".");
		char *base = sh_full_path(in, arg);
		char *full = name && *name ? sh_full_path(in, (free(arg), arg = join2(base, name)))
		                           : xstrdup(base);
		free(base);
		free(arg);
		const char *action = kind == K_DIR ? "Create Directory" : "Create File";
		char *target = xasprintf("Destination: %s", full);
		bool go = sh_should_process(c, target, action);
		free(target);
		if (!go) {
			free(full);
			continue;
		}
		struct stat sb;
		bool exists = lstat(full, &sb) == 0;
		if (exists && !(force && kind == K_DIR && S_ISDIR(sb.st_mode)) &&
		    !(force && kind == K_FILE && !S_ISDIR(sb.st_mode))) {
			if (kind == K_DIR)
				st = path_error(
				    c, false, "System.IO.IOException", SH_CAT_RESOURCE_EXISTS,
				    "DirectoryExist", full,
				    "An item with the specified name %s already exists.", full);
			else
				st = path_error(c, false, "System.IO.IOException",
				                SH_CAT_WRITE_ERROR, "NewItemIOError", full,
				                "The file '%s' already exists.", full);
			free(full);
			continue;
		}
		char *parent = parent_of(full);
		if (force && mkdir_parents(parent) != 0) {
			st = errno_error(c, errno, "NewItemIOError", parent);
			free(parent);
			free(full);
			continue;
		}
		free(parent);
		int r = 0;
		sh_value *value = sh_param(c, "Value");
		if (kind == K_DIR) {
			if (!exists)
				r = mkdir(full, 0777);
		} else if (kind == K_FILE) {
			char *text = value ? sh_to_string(value) : xstrdup("");
			r = write_atomic(full, text, strlen(text));
			free(text);
		} else {
			char *dest = value ? sh_to_string(value) : xstrdup("");
			if (!*dest) {
				free(dest);
				free(full);
				return path_error(
				    c, true, "System.ArgumentException", SH_CAT_INVALID_ARGUMENT,
				    "ArgumentNull", NULL,
				    "Cannot bind argument to parameter 'Value' because "
				    "it is an empty string.");
			}
			if (kind == K_SYMLINK) {
				r = symlink(dest, full);
			} else {
				char *abs = sh_full_path(in, dest);
				r = link(abs, full);
				free(abs);
			}
			free(dest);
		}
		if (r != 0) {
			st = errno_error(c, errno, "NewItemIOError", full);
			free(full);
			continue;
		}
		sh_value *o = cmd_item_object(full, NULL);
		free(full);
		if (o)
			st = sh_emit(c, o);
	}
	return st;
}

static const char *const item_types[] = {"File",     "Directory", "SymbolicLink",
                                         "HardLink", "Container", NULL};

static const sh_param_def new_item_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the path of the new item, or of its parent directory when -Name is "
             "given.",
     .default_text = "the current location"},
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = -1,
     .help = "Specifies the name of the new item."},
    {.name = "ItemType",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = -1,
     .aliases = "Type",
     .enum_values = item_types,
     .help = "File (the default), Directory, SymbolicLink or HardLink.",
     .default_text = "File"},
    {.name = "Value",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = -1,
     .aliases = "Target",
     .help = "The content of a new file (written without a newline), or the target of a "
             "link."},
    FORCE_PARAM("Creates missing parent directories, overwrites an existing file, and "
                "returns an existing directory instead of failing."),
    {0},
};

static const sh_example new_item_examples[] = {
    {"New-Item -Path ./notes.txt -ItemType File -Value 'first line'",
     "Creates a file with some text in it."},
    {"New-Item -Path . -Name logs -ItemType Directory", "Creates a directory."},
    {"New-Item -ItemType SymbolicLink -Path ./current -Value ./release-2",
     "Creates a symbolic link."},
    {0},
};

/* ================================================================== */
/* Remove-Item                                                         */
/* ================================================================== */

static int remove_tree(const char *path, char **failed)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		if (unlink(path) != 0) {
			*failed = xstrdup(path);
			return -1;
		}
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		*failed = xstrdup(path);
		return -1;
	}
	struct dirent *e;
	int r = 0;
	pathlist children = {0};
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			pathlist_push(&children, join2(path, e->d_name));
	closedir(d);
	for (size_t i = 0; i < children.len && r == 0; i++)
		r = remove_tree(children.items[i], failed);
	pathlist_free(&children);
	if (r == 0 && rmdir(path) != 0) {
		*failed = xstrdup(path);
		r = -1;
	}
	return r;
}

static bool dir_has_children(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return false;
	struct dirent *e;
	bool any = false;
	while (!any && (e = readdir(d)))
		any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return any;
}

/* PowerShell asks before removing a non-empty directory without -Recurse. */
static bool confirm_children(sh_cmd *c, const char *path, bool *yes_to_all)
{
	if (*yes_to_all)
		return true;
	sh_interp *in = sh_cmd_interp(c);
	sh_write_host(in, "\nConfirm", SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
	char *text = xasprintf("The item at %s has children and the Recurse parameter was not "
	                       "specified. If you continue, all children will be removed with the "
	                       "item. Are you sure you want to continue?",
	                       path);
	sh_write_host(in, text, SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
	free(text);
	for (;;) {
		char *answer = sh_host_read_line(
		    in,
		    "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is \"Y\"): ",
		    false);
		if (!answer)
			return false;
		char a = answer[0];
		free(answer);
		if (a == 0 || a == 'y' || a == 'Y')
			return true;
		if (a == 'a' || a == 'A') {
			*yes_to_all = true;
			return true;
		}
		if (a == 'n' || a == 'N' || a == 'l' || a == 'L')
			return false;
		sh_write_host(in,
		              "Y - Continue with only the next step of the operation.\n"
		              "A - Continue with all the steps of the operation.\n"
		              "N - Skip this operation and proceed with the next operation.\n"
		              "L - Skip this operation and all subsequent operations.",
		              SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
	}
}

static sh_status remove_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	bool force = sh_switch(c, "Force");
	bool recurse = sh_switch(c, "Recurse");
	pathlist found = {0};
	sh_status st = resolve_params(c, force, false, &found);
	gci_opts filter = {.filter = sh_param_str(c, "Filter"),
	                   .include = sh_param(c, "Include"),
	                   .exclude = sh_param(c, "Exclude"),
	                   .force = true};
	bool yes_to_all = false;
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *path = found.items[i];
		struct stat sb;
		if (lstat(path, &sb) != 0)
			continue;
		bool is_dir = S_ISDIR(sb.st_mode);
		if (!gci_wanted(&filter, leaf_of(path), is_dir))
			continue;
		if (strcmp(path, "/") == 0 ||
		    strcmp(path, sh_get_location(sh_cmd_interp(c))) == 0) {
			st = path_error(
			    c, false, "System.Management.Automation.PSInvalidOperationException",
			    SH_CAT_WRITE_ERROR, "RemoveItemInvalidOperation", path,
			    "Cannot remove the item at '%s' because it is in use.", path);
			continue;
		}
		if (!sh_should_process(c, path, is_dir ? "Remove Directory" : "Remove File"))
			continue;
		if (!is_dir && !force && !S_ISLNK(sb.st_mode) && access(path, W_OK) != 0 &&
		    errno == EACCES) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_PERMISSION_DENIED,
			                "RemoveFileSystemItemUnAuthorizedAccess", path,
			                "Cannot remove item %s: You do not have sufficient access "
			                "rights to perform this operation or the item is hidden, "
			                "system, or read only.",
			                path);
			continue;
		}
		if (is_dir && !recurse && dir_has_children(path)) {
			if (!sh_interp_host(sh_cmd_interp(c))->interactive) {
				st = path_error(c, false, "System.IO.IOException",
				                SH_CAT_WRITE_ERROR, "RemoveFileSystemItemIOError",
				                path,
				                "Directory %s cannot be removed because it is not "
				                "empty.",
				                path);
				continue;
			}
			if (!confirm_children(c, path, &yes_to_all))
				continue;
		}
		char *failed = NULL;
		if (remove_tree(path, &failed) != 0) {
			int err = errno;
			const char *where = failed ? failed : path;
			if (err == EACCES || err == EPERM)
				st = path_error(c, false, "System.UnauthorizedAccessException",
				                SH_CAT_PERMISSION_DENIED,
				                "RemoveFileSystemItemUnAuthorizedAccess", where,
				                "Access to the path '%s' is denied.", where);
			else
				st = errno_error(c, err, "RemoveFileSystemItemIOError", where);
			free(failed);
		}
	}
	pathlist_free(&found);
	return st;
}

static const sh_param_def remove_item_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the items to remove. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    {.name = "Recurse",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Removes directories with everything in them."},
    FORCE_PARAM("Removes read-only files and matches hidden items with wildcards."),
    {.name = "Filter",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Removes only items whose names match this wildcard."},
    {.name = "Include",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Removes only items whose names match one of these wildcards."},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Keeps items whose names match one of these wildcards."},
    {0},
};

static const sh_example remove_item_examples[] = {
    {"Remove-Item ./old.txt", "Deletes a file."},
    {"Remove-Item ./build -Recurse -Force", "Deletes a directory and everything in it."},
    {"Remove-Item *.tmp -WhatIf", "Shows what would be deleted, without deleting."},
    {0},
};

/* ================================================================== */
/* Copy-Item / Move-Item / Rename-Item                                 */
/* ================================================================== */

static int copy_file(const char *src, const char *dst)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	struct stat sb;
	fstat(in, &sb);
	char *dir = parent_of(dst);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, leaf_of(dst));
	free(dir);
	int out = mkstemp(tmp);
	if (out < 0) {
		int saved = errno;
		close(in);
		free(tmp);
		errno = saved;
		return -1;
	}
	char buf[65536];
	ssize_t k;
	int r = 0;
	while ((k = read(in, buf, sizeof buf)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			r = -1;
			break;
		}
		for (ssize_t off = 0; off < k;) {
			ssize_t w = write(out, buf + off, (size_t)(k - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				r = -1;
				break;
			}
			off += w;
		}
		if (r)
			break;
	}
	int saved = errno;
	close(in);
	if (r == 0) {
		fchmod(out, sb.st_mode & 07777);
		struct timespec times[2] = {sb.st_atim, sb.st_mtim};
		futimens(out, times);
		if (fsync(out) != 0)
			r = -1;
	}
	if (close(out) != 0)
		r = -1;
	if (r == 0 && rename(tmp, dst) != 0)
		r = -1;
	if (r != 0) {
		saved = errno;
		unlink(tmp);
	}
	free(tmp);
	errno = saved;
	return r;
}

static int copy_tree(const char *src, const char *dst, bool recurse, char **failed)
{
	struct stat sb;
	if (lstat(src, &sb) != 0) {
		*failed = xstrdup(src);
		return -1;
	}
	if (S_ISLNK(sb.st_mode)) {
		char target[4096];
		ssize_t k = readlink(src, target, sizeof target - 1);
		if (k < 0)
			return -1;
		target[k] = 0;
		unlink(dst);
		if (symlink(target, dst) != 0) {
			*failed = xstrdup(dst);
			return -1;
		}
		return 0;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if (copy_file(src, dst) != 0) {
			*failed = xstrdup(dst);
			return -1;
		}
		return 0;
	}
	if (mkdir(dst, sb.st_mode & 07777) != 0 && errno != EEXIST) {
		*failed = xstrdup(dst);
		return -1;
	}
	if (!recurse)
		return 0;
	DIR *d = opendir(src);
	if (!d) {
		*failed = xstrdup(src);
		return -1;
	}
	pathlist names = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			pathlist_push(&names, xstrdup(e->d_name));
	closedir(d);
	int r = 0;
	for (size_t i = 0; i < names.len && r == 0; i++) {
		char *s = join2(src, names.items[i]), *t = join2(dst, names.items[i]);
		r = copy_tree(s, t, true, failed);
		free(s);
		free(t);
	}
	pathlist_free(&names);
	return r;
}

/* Where a copy or move of `src` goes: into `dest` when it is an existing
 * directory, else to `dest` itself. */
static char *destination_for(const char *src, const char *dest)
{
	struct stat sb;
	if (stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode))
		return join2(dest, leaf_of(src));
	return xstrdup(dest);
}

static bool is_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

static sh_status copy_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	bool force = sh_switch(c, "Force");
	bool recurse = sh_switch(c, "Recurse");
	pathlist found = {0};
	sh_status st = resolve_params(c, force, false, &found);
	const char *dest_arg = sh_param_str(c, "Destination");
	char *dest = sh_full_path(in, dest_arg ? dest_arg : ".");
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *src = found.items[i];
		char *to = destination_for(src, dest);
		struct stat sb, db;
		lstat(src, &sb);
		bool is_dir = S_ISDIR(sb.st_mode);
		if (strcmp(src, to) == 0) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                "CopyError", src,
			                "Cannot overwrite the item %s with itself.", src);
			free(to);
			continue;
		}
		if (is_dir && recurse && is_inside(to, src)) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                "CopyError", src,
			                "Cannot copy item %s onto itself or into a subdirectory of "
			                "itself.",
			                src);
			free(to);
			continue;
		}
		if (!is_dir && stat(to, &db) == 0 && S_ISDIR(db.st_mode)) {
			st = path_error(
			    c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR, "CopyError", to,
			    "Cannot overwrite directory '%s' with non-directory '%s'.", to, src);
			free(to);
			continue;
		}
		char *target = xasprintf("Item: %s Destination: %s", src, to);
		bool go = sh_should_process(c, target, is_dir ? "Copy Directory" : "Copy File");
		free(target);
		if (!go) {
			free(to);
			continue;
		}
		if (!is_dir && !force && stat(to, &db) == 0 && access(to, W_OK) != 0) {
			st = path_error(c, false, "System.UnauthorizedAccessException",
			                SH_CAT_PERMISSION_DENIED,
			                "CopyFileInfoItemUnauthorizedAccessError", to,
			                "Access to the path '%s' is denied.", to);
			free(to);
			continue;
		}
		if (force && !is_dir && stat(to, &db) == 0 && access(to, W_OK) != 0)
			chmod(to, db.st_mode | S_IWUSR);
		char *failed = NULL;
		if (copy_tree(src, to, recurse, &failed) != 0) {
			int err = errno;
			const char *where = failed ? failed : to;
			st = errno_error(c, err,
			                 is_dir ? "CopyDirectoryInfoItemIOError"
			                        : "CopyFileInfoItemIOError",
			                 where);
			free(failed);
		} else if (sh_switch(c, "PassThru")) {
			sh_value *o = cmd_item_object(to, NULL);
			if (o)
				st = sh_emit(c, o);
		}
		free(to);
	}
	free(dest);
	pathlist_free(&found);
	return st;
}

static sh_status move_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	bool force = sh_switch(c, "Force");
	pathlist found = {0};
	sh_status st = resolve_params(c, force, false, &found);
	const char *dest_arg = sh_param_str(c, "Destination");
	char *dest = sh_full_path(in, dest_arg ? dest_arg : ".");
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *src = found.items[i];
		char *to = destination_for(src, dest);
		struct stat sb, db;
		lstat(src, &sb);
		bool is_dir = S_ISDIR(sb.st_mode);
		if (strcmp(src, to) == 0) {
			free(to);
			continue;
		}
		if (is_dir && is_inside(to, src)) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                "MoveDirectoryItemIOError", src,
			                "Cannot move item %s into a subdirectory of itself.", src);
			free(to);
			continue;
		}
		char *target = xasprintf("Item: %s Destination: %s", src, to);
		bool go = sh_should_process(c, target, is_dir ? "Move Directory" : "Move File");
		free(target);
		if (!go) {
			free(to);
			continue;
		}
		if (lstat(to, &db) == 0 && !force) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                is_dir ? "MoveDirectoryItemIOError"
			                       : "MoveFileInfoItemIOError",
			                src, "Cannot create a file when that file already exists.");
			free(to);
			continue;
		}
		if (lstat(to, &db) == 0 && force && S_ISDIR(db.st_mode) != is_dir) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                "MoveFileInfoItemIOError", src,
			                "Cannot create a file when that file already exists.");
			free(to);
			continue;
		}
		int r = rename(src, to);
		if (r != 0 && errno == EXDEV) {
			char *failed = NULL;
			r = copy_tree(src, to, true, &failed);
			if (r == 0)
				r = remove_tree(src, &failed);
			free(failed);
		}
		if (r != 0) {
			st = errno_error(
			    c, errno,
			    is_dir ? "MoveDirectoryItemIOError" : "MoveFileInfoItemIOError", src);
		} else if (sh_switch(c, "PassThru")) {
			sh_value *o = cmd_item_object(to, NULL);
			if (o)
				st = sh_emit(c, o);
		}
		free(to);
	}
	free(dest);
	pathlist_free(&found);
	return st;
}

static sh_status rename_item_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	pathlist found = {0};
	sh_status st = resolve_params(c, sh_switch(c, "Force"), false, &found);
	const char *newname = sh_param_str(c, "NewName");
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		const char *src = found.items[i];
		if (!newname || !*newname || strchr(newname, '/') || strchr(newname, '\\')) {
			st = path_error(
			    c, false, "System.ArgumentException", SH_CAT_INVALID_ARGUMENT,
			    "Argument", newname ? newname : "",
			    "Cannot rename the specified target, because it represents a "
			    "path or device name.");
			continue;
		}
		char *parent = parent_of(src);
		char *to = join2(parent, newname);
		free(parent);
		struct stat sb;
		lstat(src, &sb);
		char *target = xasprintf("Item: %s Destination: %s", src, to);
		bool go = sh_should_process(
		    c, target, S_ISDIR(sb.st_mode) ? "Rename Directory" : "Rename File");
		free(target);
		if (!go) {
			free(to);
			continue;
		}
		struct stat db;
		if (strcmp(src, to) != 0 && lstat(to, &db) == 0) {
			st = path_error(c, false, "System.IO.IOException", SH_CAT_WRITE_ERROR,
			                "RenameItemIOError", src,
			                "Cannot create a file when that file already exists.");
			free(to);
			continue;
		}
		if (rename(src, to) != 0) {
			st = errno_error(c, errno, "RenameItemIOError", src);
		} else if (sh_switch(c, "PassThru")) {
			sh_value *o = cmd_item_object(to, NULL);
			if (o)
				st = sh_emit(c, o);
		}
		free(to);
	}
	pathlist_free(&found);
	return st;
}

#define DESTINATION_PARAM(helptext)                                                                \
	{                                                                                          \
		.name = "Destination", .type = SH_P_STRING, .flags = SH_PF_PIPE_PROP,              \
		.position = 1, .help = helptext, .default_text = "the current location"            \
	}

static const sh_param_def copy_item_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the items to copy. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    DESTINATION_PARAM("Where to copy to: an existing directory receives the items; any "
                      "other path is the name of the copy."),
    {.name = "Recurse",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Copies directories with everything in them; without it only the directory "
             "itself is created."},
    FORCE_PARAM("Overwrites read-only files and matches hidden items with wildcards."),
    PASSTHRU_PARAM,
    {0},
};

static const sh_param_def move_item_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the items to move. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    DESTINATION_PARAM("Where to move to: an existing directory receives the items; any other "
                      "path is the new name."),
    FORCE_PARAM("Replaces an existing item at the destination."),
    PASSTHRU_PARAM,
    {0},
};

static const sh_param_def rename_item_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "ByPath",
     .help = "Specifies the item to rename."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "ByLiteralPath",
     .aliases = "PSPath,LP",
     .help = "Specifies the item to rename, exactly as typed."},
    {.name = "NewName",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 1,
     .help = "The new name: a name only, not a path."},
    FORCE_PARAM("Renames hidden items too."),
    PASSTHRU_PARAM,
    {0},
};

static const sh_example copy_item_examples[] = {
    {"Copy-Item ./a.txt ./backup/", "Copies a file into a directory."},
    {"Copy-Item ./site -Destination /srv/site -Recurse", "Copies a directory tree."},
    {0},
};
static const sh_example move_item_examples[] = {
    {"Move-Item ./a.txt ./archive/", "Moves a file into a directory."},
    {"Move-Item ./old.log ./new.log -Force", "Renames a file, replacing new.log if it exists."},
    {0},
};
static const sh_example rename_item_examples[] = {
    {"Rename-Item ./daily_file.txt monday_file.txt", "Renames a file."},
    {"Get-ChildItem *.txt | Rename-Item -NewName { $_.Name -replace '.txt','.log' }",
     "Renames files using a script block computed per item."},
    {0},
};

/* ================================================================== */
/* Test-Path / Join-Path / Split-Path / Resolve-Path                   */
/* ================================================================== */

static sh_status test_path_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	bool literal = sh_param_bound(c, "LiteralPath");
	sh_value *paths = sh_param(c, literal ? "LiteralPath" : "Path");
	const char *type = sh_param_str(c, "PathType");
	bool want_leaf = type && str_ieq(type, "Leaf");
	bool want_container = type && str_ieq(type, "Container");
	sh_value *newer = sh_param(c, "NewerThan"), *older = sh_param(c, "OlderThan");
	if (!sh_param_bound(c, "Path") && !sh_param_bound(c, "LiteralPath"))
		return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "MissingMandatoryParameter", NULL,
		                 "Cannot process command because of one or more missing mandatory "
		                 "parameters: Path.");
	/* an empty or $null path is simply not there (PowerShell 7) */
	size_t n = sh_kind_of(paths) == SH_ARRAY ? sh_array_len(paths) : 1;
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		sh_value *pv = sh_kind_of(paths) == SH_ARRAY ? sh_array_get(paths, i) : paths;
		char *arg = pv ? sh_to_string(pv) : xstrdup("");
		if (!*arg) {
			free(arg);
			st = sh_emit(c, sh_bool(false));
			continue;
		}
		if (sh_switch(c, "IsValid")) {
			free(arg);
			st = sh_emit(c, sh_bool(true));
			continue;
		}
		pathlist found = {0};
		char *full = sh_full_path(in, arg);
		if (!literal && sh_has_wildcard(strip_provider(arg))) {
			glob_expand(full, true, &found);
		} else {
			char *u = literal ? xstrdup(full) : unescape_wildcard(full);
			struct stat sb;
			if (lstat(u, &sb) == 0)
				pathlist_push(&found, u);
			else
				free(u);
		}
		bool ok = false;
		for (size_t k = 0; k < found.len && !ok; k++) {
			struct stat sb;
			if (stat(found.items[k], &sb) != 0 && lstat(found.items[k], &sb) != 0)
				continue;
			bool is_dir = S_ISDIR(sb.st_mode);
			if ((want_leaf && is_dir) || (want_container && !is_dir))
				continue;
			int64_t mtime = utc_to_local(ticks_of_timespec(sb.st_mtim));
			if (newer && !(mtime > sh_ticks_of(newer)))
				continue;
			if (older && !(mtime < sh_ticks_of(older)))
				continue;
			ok = true;
		}
		pathlist_free(&found);
		free(full);
		free(arg);
		st = sh_emit(c, sh_bool(ok));
	}
	return st;
}

static const char *const path_types[] = {"Any", "Container", "Leaf", NULL};

static const sh_param_def test_path_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .sets = "Path",
     .help = "Specifies the paths to test. Wildcards are accepted: true when anything "
             "matches."},
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    {.name = "PathType",
     .type = SH_P_ENUM,
     .position = -1,
     .aliases = "Type",
     .enum_values = path_types,
     .help = "Container: true only for directories; Leaf: only for other items; Any "
             "(the default).",
     .default_text = "Any",
     .type_name = "TestPathType"},
    {.name = "IsValid",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Tests only whether the path is well-formed, not whether it exists."},
    {.name = "NewerThan",
     .type = SH_P_DATETIME,
     .position = -1,
     .help = "True only for items last written after this time."},
    {.name = "OlderThan",
     .type = SH_P_DATETIME,
     .position = -1,
     .help = "True only for items last written before this time."},
    {0},
};

static const sh_example test_path_examples[] = {
    {"Test-Path /etc/hosts", "True when the file exists."},
    {"Test-Path ./logs -PathType Container", "True when logs is a directory."},
    {"if (-not (Test-Path $dir)) { New-Item $dir -ItemType Directory }",
     "Creates a directory unless it exists."},
    {0},
};

static char *join_two(const char *a, const char *b)
{
	size_t la = strlen(a);
	while (la > 0 && (a[la - 1] == '/' || a[la - 1] == '\\'))
		la--;
	while (*b == '/' || *b == '\\')
		b++;
	if (la == 0 && *a)
		return xasprintf("/%s", b);
	if (!*b)
		return xasprintf("%.*s%s", (int)la, a, la ? "/" : "");
	if (la == 0)
		return xstrdup(b);
	return xasprintf("%.*s/%s", (int)la, a, b);
}

static sh_status join_path_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_value *paths = sh_param(c, "Path");
	const char *child = sh_param_str(c, "ChildPath");
	sh_value *more = sh_param(c, "AdditionalChildPath");
	size_t n = sh_array_len(paths);
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		char *acc = sh_to_string(sh_array_get(paths, i));
		if (child) {
			char *j = join_two(acc, child);
			free(acc);
			acc = j;
		}
		size_t nm = sh_kind_of(more) == SH_ARRAY ? sh_array_len(more) : (more ? 1 : 0);
		for (size_t k = 0; k < nm; k++) {
			sh_value *m = sh_kind_of(more) == SH_ARRAY ? sh_array_get(more, k) : more;
			char *ms = sh_to_string(m);
			char *j = join_two(acc, ms);
			free(ms);
			free(acc);
			acc = j;
		}
		if (sh_switch(c, "Resolve")) {
			pathlist found = {0};
			st = resolve_arg(c, acc, false, false, false, &found);
			for (size_t k = 0; k < found.len && st == SH_OK; k++)
				st = sh_emit(c, sh_string(found.items[k]));
			pathlist_free(&found);
		} else {
			st = sh_emit(c, sh_string(acc));
		}
		free(acc);
	}
	return st;
}

static const sh_param_def join_path_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .aliases = "PSPath",
     .help = "Specifies the main path (or paths) to which the child path is appended."},
    {.name = "ChildPath",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = 1,
     .help = "Specifies the path appended to the main path."},
    {.name = "AdditionalChildPath",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_REMAINING,
     .position = 2,
     .help = "More elements appended in order."},
    {.name = "Resolve",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns the existing items the joined path refers to, wildcards expanded."},
    {0},
};

static const sh_example join_path_examples[] = {
    {"Join-Path -Path /var -ChildPath log", "Returns /var/log."},
    {"Join-Path a b c d", "Returns a/b/c/d."},
    {"Join-Path /etc '*.conf' -Resolve", "Returns the paths of the .conf files in /etc."},
    {0},
};

static sh_status split_path_one(sh_cmd *c, const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && (path[len - 1] == '/' || path[len - 1] == '\\'))
		len--;
	char *p = xstrndup(path, len);
	if (sh_switch(c, "IsAbsolute")) {
		bool abs = p[0] == '/' || p[0] == '\\' || p[0] == '~';
		free(p);
		return sh_emit(c, sh_bool(abs));
	}
	if (sh_switch(c, "Qualifier")) {
		const char *colon = strchr(p, ':');
		sh_status st;
		if (colon && !strpbrk(p, "/\\") ? true : (colon && colon < strpbrk(p, "/\\")))
			st = sh_emit(c, sh_string_n(p, (size_t)(colon - p) + 1));
		else
			st = path_error(
			    c, false, "System.Management.Automation.PSArgumentException",
			    SH_CAT_INVALID_ARGUMENT, "ParsePathError", path,
			    "Cannot parse path because path '%s' does not have a qualifier "
			    "specified.",
			    path);
		free(p);
		return st;
	}
	if (sh_switch(c, "NoQualifier")) {
		const char *colon = strchr(p, ':');
		const char *sep = strpbrk(p, "/\\");
		sh_value *v = colon && (!sep || colon < sep) ? sh_string(colon + 1) : sh_string(p);
		free(p);
		return sh_emit(c, v);
	}
	const char *slash = NULL;
	for (const char *q = p; *q; q++)
		if (*q == '/' || *q == '\\')
			slash = q;
	const char *leaf = slash ? slash + 1 : p;
	sh_value *out;
	if (sh_switch(c, "Leaf")) {
		out = sh_string(strcmp(p, "/") == 0 ? "" : leaf);
	} else if (sh_switch(c, "LeafBase") || sh_switch(c, "Extension")) {
		const char *dot = strrchr(leaf, '.');
		if (dot == leaf && dot && !dot[1])
			dot = NULL;
		if (sh_switch(c, "Extension"))
			out = sh_string(dot ? dot : "");
		else
			out = dot ? sh_string_n(leaf, (size_t)(dot - leaf)) : sh_string(leaf);
	} else {
		if (!slash)
			out = sh_string("");
		else if (slash == p)
			out = sh_string(strcmp(p, "/") == 0 ? "" : "/");
		else
			out = sh_string_n(p, (size_t)(slash - p));
	}
	free(p);
	return sh_emit(c, out);
}

static sh_status split_path_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	bool literal = sh_param_bound(c, "LiteralPath");
	sh_value *paths = sh_param(c, literal ? "LiteralPath" : "Path");
	size_t n = sh_array_len(paths);
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		char *arg = sh_to_string(sh_array_get(paths, i));
		if (sh_switch(c, "Resolve")) {
			pathlist found = {0};
			st = resolve_arg(c, arg, literal, false, false, &found);
			for (size_t k = 0; k < found.len && st == SH_OK; k++)
				st = split_path_one(c, found.items[k]);
			pathlist_free(&found);
		} else {
			st = split_path_one(c, arg);
		}
		free(arg);
	}
	return st;
}

static const sh_param_def split_path_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "ParentSet,LeafSet,LeafBaseSet,ExtensionSet,QualifierSet,NoQualifierSet,"
             "IsAbsoluteSet",
     .help = "Specifies the paths to split."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "LiteralPathSet",
     .aliases = "PSPath,LP",
     .help = "Specifies the paths to split, used exactly as typed."},
    {.name = "Parent",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "ParentSet",
     .help = "Returns the parent container (the default)."},
    {.name = "Leaf",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "LeafSet",
     .help = "Returns the last element of the path."},
    {.name = "LeafBase",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "LeafBaseSet",
     .help = "Returns the last element without its extension."},
    {.name = "Extension",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "ExtensionSet",
     .help = "Returns the extension of the last element, with its dot."},
    {.name = "Qualifier",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "QualifierSet",
     .help = "Returns the drive qualifier (C:); Unix paths have none."},
    {.name = "NoQualifier",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "NoQualifierSet",
     .help = "Returns the path without its qualifier."},
    {.name = "IsAbsolute",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "IsAbsoluteSet",
     .help = "Returns True when the path is absolute."},
    {.name = "Resolve",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Resolves wildcards and splits each existing item's path."},
    {0},
};

static const sh_example split_path_examples[] = {
    {"Split-Path /var/log/syslog", "Returns /var/log."},
    {"Split-Path /var/log/syslog -Leaf", "Returns syslog."},
    {"Split-Path ./archive.tar.gz -Extension", "Returns .gz."},
    {0},
};

static char *relative_to(const char *from, const char *to)
{
	if (strcmp(from, to) == 0)
		return xstrdup(".");
	size_t common = 0, i = 0;
	while (from[i] && to[i] && from[i] == to[i]) {
		i++;
		if (from[i] == '/' || to[i] == '/' || !from[i] || !to[i])
			if ((from[i] == '/' || !from[i]) && (to[i] == '/' || !to[i]))
				common = i;
	}
	if (strcmp(from, "/") == 0)
		common = 0;
	sh_buf b = {0};
	const char *rest_from = from + common;
	int ups = 0;
	for (const char *q = rest_from; *q; q++)
		if (*q == '/')
			ups++;
	if (strcmp(from, "/") == 0)
		ups = 0;
	if (ups == 0)
		buf_puts(&b, ".");
	for (int k = 0; k < ups; k++)
		buf_puts(&b, k ? "/.." : "..");
	const char *rest_to = to + common;
	if (*rest_to == '/')
		rest_to++;
	if (*rest_to) {
		buf_putc(&b, '/');
		buf_puts(&b, rest_to);
	}
	return buf_detach(&b);
}

static sh_status resolve_path_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	pathlist found = {0};
	bool literal = sh_param_bound(c, "LiteralPath");
	sh_value *paths = sh_param(c, literal ? "LiteralPath" : "Path");
	size_t n = sh_array_len(paths);
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		char *arg = sh_to_string(sh_array_get(paths, i));
		size_t before = found.len;
		st = resolve_arg(c, arg, literal, false, false, &found);
		if (st == SH_OK && found.len == before && !literal &&
		    sh_has_wildcard(strip_provider(arg))) {
			char *full = sh_full_path(in, arg);
			st = not_found(c, full);
			free(full);
		}
		free(arg);
	}
	const char *base_arg = sh_param_str(c, "RelativeBasePath");
	char *base = base_arg ? sh_full_path(in, base_arg) : xstrdup(sh_get_location(in));
	for (size_t i = 0; i < found.len && st == SH_OK; i++) {
		if (sh_switch(c, "Relative") || base_arg)
			st = sh_emit(c, sh_string_take(relative_to(base, found.items[i])));
		else
			st = sh_emit(c, pathinfo_new(found.items[i]));
	}
	free(base);
	pathlist_free(&found);
	return st;
}

static const sh_param_def resolve_path_params[] = {
    PATH_PARAM(0, SH_PF_MANDATORY, "Specifies the paths to resolve. Wildcards are accepted."),
    LITERAL_PATH_PARAM(SH_PF_MANDATORY),
    {.name = "Relative",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns paths relative to the current location (./x, ../y) as strings."},
    {.name = "RelativeBasePath",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Returns paths relative to this directory instead of the current location."},
    {0},
};

static const sh_example resolve_path_examples[] = {
    {"Resolve-Path ~", "Returns the home directory as a PathInfo object."},
    {"Resolve-Path /etc/*.conf", "Expands a wildcard into the matching paths."},
    {"Resolve-Path ./logs/a.txt -Relative", "Returns ./logs/a.txt."},
    {0},
};

/* ================================================================== */
/* Select-String                                                       */
/* ================================================================== */

typedef struct pending_match {
	sh_value *info; /* MatchInfo being completed */
	sh_value *post; /* its PostContext lines */
	int64_t needed;
} pending_match;

typedef struct sls_cmd {
	sh_regex **regexes;
	size_t nregex;
	bool compiled, done, quiet_found;
	int64_t input_line; /* line numbers of pipeline input objects */
	line_ring pre;      /* pre-context lines */
	pending_match *pending;
	size_t npending, cappending;
} sls_cmd;

static char *matchinfo_to_string(sh_value *self)
{
	const char *line = sh_str(sh_object_note(self, "Line"));
	const char *path = sh_str(sh_object_note(self, "Path"));
	bool stream = strcmp(path, "InputStream") == 0;
	sh_value *ctx = sh_object_note(self, "Context");
	sh_buf b = {0};
	char *lead = stream ? xstrdup("") : xasprintf("%s:", path);
	if (!ctx) {
		if (stream)
			buf_puts(&b, line);
		else
			buf_printf(&b, "%s%lld:%s", lead,
			           (long long)sh_long_of(sh_object_note(self, "LineNumber")), line);
		free(lead);
		return buf_detach(&b);
	}
	sh_value *pre = sh_object_note(ctx, "PreContext");
	sh_value *post = sh_object_note(ctx, "PostContext");
	int64_t ln = sh_long_of(sh_object_note(self, "LineNumber"));
	size_t npre = sh_array_len(pre);
	for (size_t i = 0; i < npre; i++) {
		if (stream)
			buf_printf(&b, "  %s\n", sh_str(sh_array_get(pre, i)));
		else
			buf_printf(&b, "  %s%lld:%s\n", lead,
			           (long long)(ln - (int64_t)npre + (int64_t)i),
			           sh_str(sh_array_get(pre, i)));
	}
	if (stream)
		buf_printf(&b, "> %s", line);
	else
		buf_printf(&b, "> %s%lld:%s", lead, (long long)ln, line);
	size_t npost = sh_array_len(post);
	for (size_t i = 0; i < npost; i++) {
		if (stream)
			buf_printf(&b, "\n  %s", sh_str(sh_array_get(post, i)));
		else
			buf_printf(&b, "\n  %s%lld:%s", lead, (long long)(ln + 1 + (int64_t)i),
			           sh_str(sh_array_get(post, i)));
	}
	free(lead);
	return buf_detach(&b);
}

static const sh_class matchinfo_class = {.name = "MatchInfo", .to_string = matchinfo_to_string};

static char *match_to_string(sh_value *self)
{
	return xstrdup(sh_str(sh_object_note(self, "Value")));
}

static const sh_class match_class = {.name = "Match", .to_string = match_to_string};

static sh_value *group_object(const char *name, sh_value *value, int64_t index)
{
	sh_value *g = sh_object_new("System.Text.RegularExpressions.Group");
	sh_object_set_native(g, &match_class, NULL);
	bool ok = value != NULL;
	sh_object_set_note(g, "Success", sh_bool(ok));
	sh_object_set_note(g, "Name", sh_string(name));
	sh_object_set_note(g, "Index", sh_long(ok ? index : 0));
	sh_object_set_note(g, "Length", sh_long(ok ? (int64_t)sh_str_len(value) : 0));
	sh_object_set_note(g, "Value", ok ? sh_to_string_value(value) : sh_string(""));
	return g;
}

/* A Match object from the $Matches-shaped table of one match found at
 * byte offset `index` of the line. */
static sh_value *match_object(sh_value *groups, int64_t index)
{
	sh_value *m = sh_object_new("System.Text.RegularExpressions.Match");
	sh_object_set_native(m, &match_class, NULL);
	sh_value *whole = sh_hash_get_str(groups, "0");
	if (!whole) {
		sh_value *zero = sh_int(0);
		whole = sh_hash_get(groups, zero);
		sh_unref(zero);
	}
	sh_value *list = sh_array_new(sh_hash_len(groups));
	size_t n = sh_hash_len(groups);
	/* .NET orders groups by number: numbered groups first, then named */
	for (int64_t want = 0;; want++) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++) {
			sh_value *key = sh_hash_key_at(groups, i);
			int64_t num;
			if (sh_is_number(key) && sh_to_int64(key, &num, NULL) && num == want) {
				char *name = sh_to_string(key);
				sh_array_append(
				    list, group_object(name, sh_hash_value_at(groups, i), index));
				free(name);
				found = true;
			}
		}
		if (!found)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		sh_value *key = sh_hash_key_at(groups, i);
		if (sh_is_number(key))
			continue;
		char *name = sh_to_string(key);
		sh_array_append(list, group_object(name, sh_hash_value_at(groups, i), index));
		free(name);
	}
	sh_object_set_note(m, "Groups", list);
	sh_object_set_note(m, "Success", sh_bool(true));
	sh_object_set_note(m, "Name", sh_string("0"));
	sh_object_set_note(m, "Index", sh_long(index));
	sh_object_set_note(m, "Length", sh_long((int64_t)sh_str_len(whole)));
	sh_object_set_note(m, "Value", sh_to_string_value(whole));
	return m;
}

static const char *ci_strstr(const char *hay, const char *needle, bool case_sensitive)
{
	if (case_sensitive)
		return strstr(hay, needle);
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return n == 0 ? hay : NULL;
}

/* Matches one line against the patterns. Returns the Matches array (new
 * ref, possibly empty) when the line matches, NULL otherwise; *pattern
 * receives the pattern that matched. */
static sh_value *match_line(sh_cmd *c, sls_cmd *s, const char *line, const char **pattern)
{
	sh_value *patterns = sh_param(c, "Pattern");
	bool cs = sh_switch(c, "CaseSensitive");
	bool all = sh_switch(c, "AllMatches");
	size_t np = sh_array_len(patterns);
	for (size_t i = 0; i < np; i++) {
		const char *pat = sh_str(sh_array_get(patterns, i));
		if (sh_switch(c, "SimpleMatch")) {
			if (ci_strstr(line, pat, cs)) {
				*pattern = pat;
				return sh_array_new(0);
			}
			continue;
		}
		sh_regex *re = s->regexes[i];
		sh_value *groups = NULL;
		if (!re || !sh_regex_match(re, line, &groups))
			continue;
		*pattern = pat;
		sh_value *matches = sh_array_new(1);
		size_t offset = 0;
		for (;;) {
			sh_value *whole = sh_hash_get_str(groups, "0");
			if (!whole) {
				sh_value *zero = sh_int(0);
				whole = sh_hash_get(groups, zero);
				sh_unref(zero);
			}
			char *text = sh_to_string(whole);
			/* the regex API gives group texts, not offsets: the match is the
			   first occurrence of its text at or after the search start */
			const char *at = strstr(line + offset, text);
			size_t idx = at ? (size_t)(at - line) : offset;
			sh_array_append(matches, match_object(groups, (int64_t)idx));
			sh_unref(groups);
			groups = NULL;
			size_t next = idx + (strlen(text) ? strlen(text) : 1);
			free(text);
			if (!all || next > strlen(line))
				break;
			offset = next;
			if (!sh_regex_match(re, line + offset, &groups))
				break;
		}
		sh_unref(groups);
		return matches;
	}
	return NULL;
}

static sh_value *context_object(sh_value *pre, sh_value *post)
{
	sh_value *ctx = sh_object_new("Microsoft.PowerShell.Commands.MatchInfoContext");
	sh_object_set_note(ctx, "PreContext", pre);
	sh_object_set_note(ctx, "PostContext", post);
	sh_object_set_note(ctx, "DisplayPreContext", sh_ref(pre));
	sh_object_set_note(ctx, "DisplayPostContext", sh_ref(post));
	return ctx;
}

static void context_sizes(sh_cmd *c, int64_t *before, int64_t *after)
{
	*before = *after = 0;
	sh_value *ctx = sh_param(c, "Context");
	size_t n = sh_array_len(ctx);
	if (n >= 1)
		*before = *after = sh_long_of(sh_array_get(ctx, 0));
	if (n >= 2)
		*after = sh_long_of(sh_array_get(ctx, 1));
}

static sh_status flush_pending(sh_cmd *c, sls_cmd *s, bool all)
{
	sh_status st = SH_OK;
	size_t keep = 0;
	for (size_t i = 0; i < s->npending; i++) {
		pending_match *p = &s->pending[i];
		if (!all && p->needed > 0) {
			s->pending[keep++] = *p;
			continue;
		}
		sh_unref(p->post);
		if (st == SH_OK)
			st = sh_emit(c, p->info);
		else
			sh_unref(p->info);
	}
	s->npending = keep;
	return st;
}

/* Handles one line of a file or one input string. */
static sh_status sls_line(sh_cmd *c, sls_cmd *s, const char *line, int64_t lineno, const char *path,
                          const char *filename)
{
	int64_t before, after;
	context_sizes(c, &before, &after);
	const char *pattern = NULL;
	sh_value *matches = match_line(c, s, line, &pattern);
	bool hit = sh_switch(c, "NotMatch") ? matches == NULL : matches != NULL;
	sh_status st = SH_OK;
	if (!hit) {
		sh_unref(matches);
		for (size_t i = 0; i < s->npending; i++) {
			if (s->pending[i].needed > 0) {
				sh_array_append(s->pending[i].post, sh_string(line));
				s->pending[i].needed--;
			}
		}
		st = flush_pending(c, s, false);
		if (before > 0)
			ring_push(&s->pre, sh_string(line));
		return st;
	}
	/* a matching line ends the post-context of earlier matches */
	st = flush_pending(c, s, true);
	if (st != SH_OK) {
		sh_unref(matches);
		return st;
	}
	if (sh_switch(c, "Quiet")) {
		sh_unref(matches);
		s->done = true;
		s->quiet_found = true;
		return sh_emit(c, sh_bool(true));
	}
	if (sh_switch(c, "List"))
		s->done = true;
	if (sh_switch(c, "Raw")) {
		sh_unref(matches);
		return sh_emit(c, sh_string(line));
	}
	sh_value *mi = sh_object_new(TYPE_MATCHINFO);
	sh_object_set_native(mi, &matchinfo_class, NULL);
	sh_object_set_note(mi, "IgnoreCase", sh_bool(!sh_switch(c, "CaseSensitive")));
	sh_object_set_note(mi, "LineNumber", sh_long(lineno));
	sh_object_set_note(mi, "Line", sh_string(line));
	sh_object_set_note(mi, "Filename", sh_string(filename));
	sh_object_set_note(mi, "Path", sh_string(path));
	sh_value *pats = sh_param(c, "Pattern");
	sh_object_set_note(mi, "Pattern",
	                   sh_string(pattern ? pattern : sh_str(sh_array_get(pats, 0))));
	sh_object_set_note(mi, "Matches", matches ? matches : sh_array_new(0));
	if (before > 0 || after > 0) {
		sh_value *pre = sh_array_new(s->pre.len);
		for (size_t i = 0; i < s->pre.len; i++)
			sh_array_append(pre, sh_ref(s->pre.items[(s->pre.start + i) % s->pre.cap]));
		for (size_t i = 0; i < s->pre.len; i++)
			sh_unref(s->pre.items[(s->pre.start + i) % s->pre.cap]);
		s->pre.len = s->pre.start = 0;
		sh_value *post = sh_array_new(0);
		sh_object_set_note(mi, "Context", context_object(pre, sh_ref(post)));
		if (after > 0 && !s->done) {
			pending_match p = {mi, post, after};
			VEC_PUSH(s->pending, s->npending, s->cappending, p);
			return SH_OK;
		}
		sh_unref(post);
	} else {
		sh_object_set_note(mi, "Context", NULL);
	}
	return sh_emit(c, mi);
}

static void sls_reset_context(sls_cmd *s)
{
	for (size_t i = 0; i < s->pre.len; i++)
		sh_unref(s->pre.items[(s->pre.start + i) % s->pre.cap]);
	s->pre.len = s->pre.start = 0;
}

static sh_status sls_file(sh_cmd *c, sls_cmd *s, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return SH_OK;
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno_error(c, errno, "ProcessingFile", path);
	bool list = sh_switch(c, "List");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int64_t lineno = 0;
	sh_status st = SH_OK;
	while (st == SH_OK && !s->done && (n = getline(&line, &cap, f)) > 0) {
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			line[--len] = 0;
		if (len && line[len - 1] == '\r')
			line[--len] = 0;
		char *text = line;
		if (lineno == 0 && len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
			text += 3;
		lineno++;
		st = sls_line(c, s, text, lineno, path, leaf_of(path));
		if (sh_interrupted(sh_cmd_interp(c)))
			st = SH_INTERRUPT;
	}
	free(line);
	fclose(f);
	if (st == SH_OK)
		st = flush_pending(c, s, true);
	sls_reset_context(s);
	if (list && !s->quiet_found)
		s->done = false; /* -List: first match per file */
	return st;
}

static sh_status sls_begin(sh_cmd *c)
{
	sls_cmd *s = sh_cmd_state(c);
	sh_value *patterns = sh_param(c, "Pattern");
	size_t n = sh_array_len(patterns);
	s->regexes = xcalloc(n ? n : 1, sizeof *s->regexes);
	s->nregex = n;
	int64_t before, after;
	context_sizes(c, &before, &after);
	if (before < 0 || after < 0)
		return sh_throwf(c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError",
		                 sh_param(c, "Context"),
		                 "Cannot validate argument on parameter 'Context'. The argument "
		                 "cannot be negative.");
	s->pre.cap = (size_t)before;
	s->pre.items = xcalloc(s->pre.cap ? s->pre.cap : 1, sizeof *s->pre.items);
	if (sh_switch(c, "SimpleMatch"))
		return SH_OK;
	for (size_t i = 0; i < n; i++) {
		char *err = NULL;
		s->regexes[i] = sh_regex_get(sh_str(sh_array_get(patterns, i)),
		                             sh_switch(c, "CaseSensitive"), &err);
		if (!s->regexes[i]) {
			sh_status st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "InvalidRegex",
			                         sh_array_get(patterns, i), "%s",
			                         err ? err : "Invalid regular expression.");
			free(err);
			return st;
		}
	}
	return SH_OK;
}

static sh_status sls_process(sh_cmd *c, sh_value *input)
{
	sls_cmd *s = sh_cmd_state(c);
	if (s->done && (sh_switch(c, "Quiet") || !sh_param_bound(c, "Path")))
		return SH_OK;
	if (sh_param_bound(c, "Path") || sh_param_bound(c, "LiteralPath")) {
		pathlist found = {0};
		sh_status st = resolve_params(c, false, false, &found);
		for (size_t i = 0; i < found.len && st == SH_OK; i++) {
			if (s->done && sh_switch(c, "Quiet"))
				break;
			st = sls_file(c, s, found.items[i]);
		}
		pathlist_free(&found);
		return st;
	}
	sh_value *obj = sh_param(c, "InputObject");
	if (!obj)
		obj = input;
	if (sh_kind_of(obj) == SH_OBJECT && sh_object_typename_count(obj) &&
	    str_ieq(sh_object_typename(obj, 0), TYPE_FILE)) {
		sh_status st = sls_file(c, s, sh_str(sh_object_note(obj, "FullName")));
		return st;
	}
	if (!obj && !input)
		return SH_OK;
	char *text = sh_to_string(obj);
	s->input_line++;
	sh_status st = sls_line(c, s, text, s->input_line, "InputStream", "InputStream");
	free(text);
	return st;
}

static sh_status sls_end(sh_cmd *c)
{
	sls_cmd *s = sh_cmd_state(c);
	return flush_pending(c, s, true);
}

static void sls_cleanup(sh_cmd *c)
{
	sls_cmd *s = sh_cmd_state(c);
	for (size_t i = 0; i < s->npending; i++) {
		sh_unref(s->pending[i].info);
		sh_unref(s->pending[i].post);
	}
	free(s->pending);
	sls_reset_context(s);
	free(s->pre.items);
	free(s->regexes);
}

static const sh_param_def select_string_params[] = {
    {.name = "Pattern",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY,
     .position = 0,
     .help = "Specifies the text to find: regular expressions, or plain text with "
             "-SimpleMatch."},
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 1,
     .sets = "File",
     .help = "Specifies the files to search. Wildcards are accepted."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "LiteralFile",
     .aliases = "PSPath,LP",
     .help = "Specifies the files to search, exactly as typed."},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = -1,
     .sets = "Object",
     .help = "Specifies the text to search: each object's string form is one line. File "
             "objects (from Get-ChildItem) are searched as files."},
    {.name = "SimpleMatch",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "The pattern is plain text, not a regular expression."},
    {.name = "CaseSensitive",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Matches are case-sensitive (by default they are not)."},
    {.name = "NotMatch",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Finds the lines that do not match."},
    {.name = "AllMatches",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Records every match in each line, not only the first."},
    {.name = "Context",
     .type = SH_P_INT,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .help = "Captures this many lines before and after each match (one number for both, "
             "or two)."},
    {.name = "List",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns only the first match in each file."},
    {.name = "Quiet",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns $true when a match is found (and nothing otherwise) instead of "
             "MatchInfo objects."},
    {.name = "Raw",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns the matching lines as strings instead of MatchInfo objects."},
    ENCODING_PARAM,
    {0},
};

static const sh_example select_string_examples[] = {
    {"Select-String -Path ./*.log -Pattern 'error'",
     "Finds the lines containing 'error' in the log files."},
    {"'Hello', 'HELLO' | Select-String -Pattern 'HELLO' -CaseSensitive",
     "Returns only the upper-case line."},
    {"Get-Content ./app.conf | Select-String '^\\s*port\\s*=' -Raw",
     "Returns the matching lines as plain strings."},
    {0},
};

/* ================================================================== */
/* The table                                                           */
/* ================================================================== */

const sh_cmdlet cmd_item_cmdlets[] = {
    {.name = "Get-Location",
     .aliases = "gl,pwd",
     .synopsis = "Gets information about the current working location.",
     .description = "Returns a PathInfo object for the current location, or with -Stack the "
                    "locations saved by Push-Location.",
     .params = get_location_params,
     .examples = get_location_examples,
     .output_type = TYPE_PATHINFO,
     .process = get_location_process},
    {.name = "Set-Location",
     .aliases = "cd,sl,chdir",
     .synopsis = "Sets the current working location to a specified location.",
     .description = "Changes the shell's location, which relative paths start from. 'cd -' "
                    "and 'cd +' walk back and forward through the last locations visited.",
     .default_set = "Path",
     .params = set_location_params,
     .examples = set_location_examples,
     .process = set_location_process},
    {.name = "Push-Location",
     .aliases = "pushd",
     .synopsis = "Adds the current location to the top of a location stack.",
     .description = "Saves the current location on a stack and, given a path, changes to it. "
                    "Pop-Location returns to the saved location.",
     .default_set = "Path",
     .params = push_location_params,
     .examples = push_location_examples,
     .process = push_location_process},
    {.name = "Pop-Location",
     .aliases = "popd",
     .synopsis = "Changes the current location to the location most recently pushed onto the "
                 "stack.",
     .description = "Returns to the location saved by the last Push-Location.",
     .params = pop_location_params,
     .examples = pop_location_examples,
     .process = pop_location_process},
    {.name = "Get-ChildItem",
     .aliases = "gci,ls,dir",
     .synopsis = "Gets the items and child items in one or more specified locations.",
     .description = "Lists directories (directories first, then files, by name) as "
                    "DirectoryInfo and FileInfo objects, or the items that a wildcard "
                    "matches. Hidden items (names starting with a dot) appear with -Force.",
     .default_set = "Path",
     .params = get_child_item_params,
     .examples = get_child_item_examples,
     .output_type = TYPE_FILE,
     .process = get_child_item_process},
    {.name = "Get-Item",
     .aliases = "gi",
     .synopsis = "Gets the item at the specified location.",
     .description = "Gets files and directories themselves (not their contents) as FileInfo "
                    "and DirectoryInfo objects.",
     .default_set = "Path",
     .params = get_item_params,
     .examples = get_item_examples,
     .output_type = TYPE_FILE,
     .process = get_item_process},
    {.name = "New-Item",
     .aliases = "ni",
     .synopsis = "Creates a new item.",
     .description = "Creates a file (optionally with content), a directory or a link, and "
                    "returns it.",
     .params = new_item_params,
     .examples = new_item_examples,
     .output_type = TYPE_FILE,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = new_item_process},
    {.name = "Remove-Item",
     .aliases = "rm,del,ri,rmdir,rd,erase",
     .synopsis = "Deletes the specified items.",
     .description = "Deletes files and directories. A directory that is not empty needs "
                    "-Recurse.",
     .default_set = "Path",
     .params = remove_item_params,
     .examples = remove_item_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = remove_item_process},
    {.name = "Copy-Item",
     .aliases = "cp,copy,cpi",
     .synopsis = "Copies an item from one location to another.",
     .description = "Copies files, and directories with -Recurse. Existing files at the "
                    "destination are overwritten.",
     .default_set = "Path",
     .params = copy_item_params,
     .examples = copy_item_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = copy_item_process},
    {.name = "Move-Item",
     .aliases = "mv,move,mi",
     .synopsis = "Moves an item from one location to another.",
     .description = "Moves or renames files and directories, across file systems too.",
     .default_set = "Path",
     .params = move_item_params,
     .examples = move_item_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = move_item_process},
    {.name = "Rename-Item",
     .aliases = "ren,rni",
     .synopsis = "Renames an item.",
     .description = "Gives an item a new name in the same directory.",
     .default_set = "ByPath",
     .params = rename_item_params,
     .examples = rename_item_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = rename_item_process},
    {.name = "Test-Path",
     .synopsis = "Determines whether all elements of a path exist.",
     .description = "Returns True when the path exists (or, with a wildcard, when anything "
                    "matches) and False otherwise.",
     .default_set = "Path",
     .params = test_path_params,
     .examples = test_path_examples,
     .output_type = "System.Boolean",
     .process = test_path_process},
    {.name = "Join-Path",
     .synopsis = "Combines a path and a child path into a single path.",
     .description = "Joins path elements with exactly one separator between them.",
     .params = join_path_params,
     .examples = join_path_examples,
     .output_type = "System.String",
     .process = join_path_process},
    {.name = "Split-Path",
     .synopsis = "Returns the specified part of a path.",
     .description = "Returns the parent (by default), the leaf, its base name or extension, "
                    "or tells whether the path is absolute.",
     .default_set = "ParentSet",
     .params = split_path_params,
     .examples = split_path_examples,
     .output_type = "System.String",
     .process = split_path_process},
    {.name = "Resolve-Path",
     .aliases = "rvpa",
     .synopsis = "Resolves the wildcard characters in a path, and displays the path contents.",
     .description = "Returns the full paths of existing items as PathInfo objects, or as "
                    "relative strings with -Relative.",
     .default_set = "Path",
     .params = resolve_path_params,
     .examples = resolve_path_examples,
     .output_type = TYPE_PATHINFO,
     .process = resolve_path_process},
    {.name = "Get-Content",
     .aliases = "gc,cat,type",
     .synopsis = "Gets the content of the item at the specified location.",
     .description = "Reads files and writes their lines to the pipeline one at a time, so "
                    "that later commands start working before the whole file is read.",
     .default_set = "Path",
     .params = get_content_params,
     .examples = get_content_examples,
     .output_type = "System.String",
     .process = get_content_process},
    {.name = "Set-Content",
     .aliases = "sc",
     .synopsis = "Writes new content or replaces existing content in a file.",
     .description = "Writes the values, one per line, replacing the file's content. The file "
                    "is replaced atomically: readers see the old or the new content, never "
                    "a mix.",
     .default_set = "Path",
     .params = set_content_params,
     .examples = set_content_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(content_cmd),
     .process = content_process,
     .end = set_content_end,
     .cleanup = content_cleanup},
    {.name = "Add-Content",
     .aliases = "ac",
     .synopsis = "Adds content to the specified items, such as adding words to a file.",
     .description = "Appends the values, one per line, to the files, creating them if "
                    "needed.",
     .default_set = "Path",
     .params = set_content_params,
     .examples = add_content_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(content_cmd),
     .process = content_process,
     .end = add_content_end,
     .cleanup = content_cleanup},
    {.name = "Clear-Content",
     .aliases = "clc",
     .synopsis = "Deletes the contents of an item, but does not delete the item.",
     .description = "Empties files, keeping them.",
     .default_set = "Path",
     .params = clear_content_params,
     .examples = clear_content_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = clear_content_process},
    {.name = "Select-String",
     .aliases = "sls",
     .synopsis = "Finds text in strings and files.",
     .description = "Searches input strings or files for regular-expression (or plain text) "
                    "patterns, like grep, and returns MatchInfo objects with the line, its "
                    "number, the file and the matches.",
     .default_set = "File",
     .params = select_string_params,
     .examples = select_string_examples,
     .output_type = TYPE_MATCHINFO,
     .state_size = sizeof(sls_cmd),
     .begin = sls_begin,
     .process = sls_process,
     .end = sls_end,
     .cleanup = sls_cleanup},
    {0},
};
