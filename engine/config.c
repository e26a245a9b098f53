/*
 * config.c - hvsh.conf: the host's settings that outlive a shell (the
 * engine's URI, the virtualization mode, the default directories of VMs
 * and disks), read once and lazily, and written by Set-VMHost.
 *
 * Two files, `key = value` lines: the user's
 * ($XDG_CONFIG_HOME/hvsh/hvsh.conf, else ~/.config/hvsh/hvsh.conf) beats
 * the system's (/etc/hvsh/hvsh.conf); within a file the last line wins.
 * Lines that cannot be used are reported on standard error and skipped
 * rather than fatal, because a typo in a file shared by every shell must
 * not stop them all. Each value remembers its file and line, so that
 * Get-VMHost can say where a choice came from.
 *
 * Set-VMHost writes the user's file, the one that wins: it replaces the
 * key's last line, or appends one, and keeps every other line (comments
 * included) as it was; the file is replaced atomically.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const keys[ENG_CONF_NKEYS] = {
    [ENG_CONF_ENGINE] = "engine",
    [ENG_CONF_MODE] = "virtualization_mode",
    [ENG_CONF_VM_PATH] = "virtual_machine_path",
    [ENG_CONF_VHD_PATH] = "virtual_hard_disk_path",
};

typedef struct conf_setting {
	char *value;  /* NULL: not set */
	char *origin; /* "FILE line N" */
} conf_setting;

static bool loaded;
static conf_setting settings[ENG_CONF_NKEYS];

static void conf_warn(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The engine knows no shell, so it cannot raise a warning record: the
 * message goes to standard error, once per process, naming the place. */
static void conf_warn(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = NULL;
	if (vasprintf(&what, fmt, ap) < 0)
		abort();
	va_end(ap);
	if (line > 0)
		fprintf(stderr, "WARNING: %s, line %d: %s; the line is ignored.\n", file, line,
		        what);
	else
		fprintf(stderr, "WARNING: %s: %s; the file is ignored.\n", file, what);
	free(what);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static void set(conf_setting *s, const char *value, const char *file, int line)
{
	free(s->value);
	free(s->origin);
	s->value = eng_strdup(value);
	s->origin = eng_printf("%s line %d", file, line);
}

/* Splits one line into key and value (in place); false for a blank or
 * comment line, or a bad one (*bad, malloc'd, says why). A '#' that starts
 * the line, or follows a blank outside quotes, starts a comment; values
 * may be quoted. */
static bool split_line(char *text, char **key, char **value, char **bad)
{
	*bad = NULL;
	char quote = 0;
	for (char *p = text; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if ((*p == '"' || *p == '\'') &&
		           (p == text || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '=')) {
			quote = *p;
		} else if (*p == '#' && (p == text || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
	char *s = trim(text);
	if (!*s)
		return false;
	char *eq = strchr(s, '=');
	if (!eq) {
		*bad = eng_printf("'%s' is not of the form 'key = value'", s);
		return false;
	}
	*eq = '\0';
	*key = trim(s);
	*value = trim(eq + 1);
	size_t n = strlen(*value);
	if (n >= 2 && ((*value)[0] == '"' || (*value)[0] == '\'') &&
	    (*value)[n - 1] == (*value)[0]) {
		(*value)[n - 1] = '\0';
		(*value)++;
	}
	if (!**key)
		*bad = eng_strdup("a value without a key");
	else if (!**value)
		*bad = eng_printf("'%s' has no value", *key);
	return *bad == NULL;
}

static int key_index(const char *key)
{
	for (int i = 0; i < ENG_CONF_NKEYS; i++)
		if (strcasecmp(key, keys[i]) == 0)
			return i;
	return -1;
}

/* The value as stored, or NULL with *why when the key does not take it. */
static const char *normalized(int k, const char *value, const char **why)
{
	if (k == ENG_CONF_MODE) {
		if (strcasecmp(value, "Emulated") == 0)
			return "Emulated";
		if (strcasecmp(value, "Hardware") == 0)
			return "Hardware";
		*why = "expected Emulated or Hardware";
		return NULL;
	}
	if ((k == ENG_CONF_VM_PATH || k == ENG_CONF_VHD_PATH) && value[0] != '/') {
		*why = "expected an absolute path";
		return NULL;
	}
	return value;
}

/* Reads one file; a setting it makes is kept unless an earlier (more
 * personal) file made it already. A missing file is no error. */
static void read_file(const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		if (errno != ENOENT && errno != ENOTDIR)
			conf_warn(path, 0, "cannot read it: %s", strerror(errno));
		return;
	}
	conf_setting mine[ENG_CONF_NKEYS] = {{0}};
	char *text = NULL;
	size_t cap = 0;
	int line = 0;
	while (getline(&text, &cap, f) >= 0) {
		line++;
		char *key = NULL, *value = NULL, *bad = NULL;
		if (!split_line(text, &key, &value, &bad)) {
			if (bad)
				conf_warn(path, line, "%s", bad);
			free(bad);
			continue;
		}
		int k = key_index(key);
		if (k < 0) {
			conf_warn(path, line,
			          "unknown key '%s' (the keys are engine, virtualization_mode, "
			          "virtual_machine_path and virtual_hard_disk_path)",
			          key);
			continue;
		}
		const char *why = NULL;
		const char *v = normalized(k, value, &why);
		if (v)
			set(&mine[k], v, path, line);
		else
			conf_warn(path, line, "%s is '%s', %s", keys[k], value, why);
	}
	free(text);
	fclose(f);
	for (int i = 0; i < ENG_CONF_NKEYS; i++) {
		if (!settings[i].value) {
			settings[i] = mine[i];
		} else {
			free(mine[i].value);
			free(mine[i].origin);
		}
	}
}

char *eng_conf_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return eng_printf("%s/hvsh/hvsh.conf", xdg);
	if (home && *home)
		return eng_printf("%s/.config/hvsh/hvsh.conf", home);
	return NULL;
}

static void load(void)
{
	if (loaded)
		return;
	loaded = true;
	char *user = eng_conf_user_path();
	if (user)
		read_file(user);
	free(user);
	read_file("/etc/hvsh/hvsh.conf");
}

const char *eng_conf_get(eng_conf_key key, const char **origin)
{
	load();
	if (origin)
		*origin = settings[key].origin;
	return settings[key].value;
}

static void unload(void)
{
	for (int i = 0; i < ENG_CONF_NKEYS; i++) {
		free(settings[i].value);
		free(settings[i].origin);
		settings[i] = (conf_setting){0};
	}
	loaded = false;
}

int eng_conf_set(eng_conf_key key, const char *value, char **err)
{
	const char *why = NULL;
	const char *v = normalized(key, value, &why);
	if (!v)
		return eng_fail(err, "%s '%s' is not valid: %s", keys[key], value, why);
	/* quoted when a '#' or blanks at either end would change its reading */
	size_t vlen = strlen(v);
	bool plain = !strchr(v, '#') && v[0] != ' ' && v[0] != '\t' && v[0] != '"' &&
	             v[0] != '\'' && v[vlen - 1] != ' ' && v[vlen - 1] != '\t';
	if (!plain && strchr(v, '"') && strchr(v, '\''))
		return eng_fail(err, "%s '%s' cannot be stored: it holds both quote characters",
		                keys[key], value);
	char *quoted = plain ? eng_strdup(v) : eng_printf(strchr(v, '"') ? "'%s'" : "\"%s\"", v);
	char *path = eng_conf_user_path();
	if (!path) {
		free(quoted);
		return eng_fail(err, "cannot store %s: neither XDG_CONFIG_HOME nor HOME is set",
		                keys[key]);
	}
	/* the file as it is, its lines kept; the key's last line replaced */
	char *old = NULL;
	size_t old_len = 0;
	FILE *f = fopen(path, "re");
	if (f) {
		FILE *mem = open_memstream(&old, &old_len);
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, mem);
		fclose(mem);
		fclose(f);
	} else if (errno != ENOENT) {
		int rc = eng_fail(err, "cannot read %s: %s", path, strerror(errno));
		free(path);
		free(quoted);
		return rc;
	}
	size_t last = (size_t)-1, idx = 0;
	for (char *p = old; p && *p; idx++) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *copy = strndup(p, len);
		char *k = NULL, *val = NULL, *bad = NULL;
		if (split_line(copy, &k, &val, &bad) && strcasecmp(k, keys[key]) == 0)
			last = idx;
		free(bad);
		free(copy);
		p = nl ? nl + 1 : p + len;
	}
	char *out = NULL;
	size_t out_len = 0;
	FILE *mem = open_memstream(&out, &out_len);
	idx = 0;
	for (char *p = old; p && *p; idx++) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (idx == last)
			fprintf(mem, "%s = %s\n", keys[key], quoted);
		else
			fprintf(mem, "%.*s\n", (int)len, p);
		p = nl ? nl + 1 : p + len;
	}
	if (last == (size_t)-1)
		fprintf(mem, "%s = %s\n", keys[key], quoted);
	fclose(mem);
	char *dir = eng_strdup(path);
	*strrchr(dir, '/') = '\0';
	int rc = 0;
	if (eng_mkdirs(dir, 0755) < 0 || eng_write_file(path, out) < 0)
		rc = eng_fail(err, "cannot write %s: %s", path, strerror(errno));
	free(dir);
	free(out);
	free(old);
	free(path);
	free(quoted);
	if (rc == 0)
		unload(); /* read again on next use, with this line's origin */
	return rc;
}
