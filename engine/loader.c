/*
 * loader.c - finds and loads the engine's shared object on first use.
 *
 * Loading libvirt and its ~60 libraries costs several milliseconds, more
 * than the whole start-up budget of the shell, so the engine is a separate
 * object that only a VM cmdlet loads. This file is linked into the shell
 * itself and depends on nothing but libc.
 *
 * Where the object is looked for, first match wins:
 *   1. $HVSH_ENGINE_LIB, taken as is (no fallback: an explicit choice that
 *      does not load is an error worth seeing);
 *   2. DIR/../lib/hvsh/libhvsh-engine.so, DIR being the directory of the
 *      executable's real path (an installed hvsh);
 *   3. DIR/libhvsh-engine.so (build/san/hvsh next to its object) and
 *      DIR/build/rel/libhvsh-engine.so (./hvsh at the repository's top).
 * When none exists the error names the installed location, the one a user
 * is expected to have.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

#define LIB_NAME "libhvsh-engine.so"

static const eng_api *loaded;

static char *exe_dir(void)
{
	char *real = realpath("/proc/self/exe", NULL);
	if (!real)
		return NULL;
	char *slash = strrchr(real, '/');
	if (slash)
		*slash = '\0';
	return real;
}

static char *join(const char *dir, const char *rest)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, rest) < 0)
		abort();
	return p;
}

char *eng_library_path(void)
{
	const char *env = getenv("HVSH_ENGINE_LIB");
	if (env && *env)
		return strdup(env);
	char *dir = exe_dir();
	if (!dir)
		return strdup(LIB_NAME);
	static const char *const candidates[] = {
	    "../lib/hvsh/" LIB_NAME,
	    LIB_NAME,
	    "build/rel/" LIB_NAME,
	};
	char *first = NULL;
	for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		char *p = join(dir, candidates[i]);
		if (access(p, F_OK) == 0) {
			free(first);
			free(dir);
			return p;
		}
		if (!first)
			first = p;
		else
			free(p);
	}
	free(dir);
	return first;
}

const eng_api *eng_load(char **err)
{
	if (loaded)
		return loaded;
	char *path = eng_library_path();
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		if (asprintf(err, "Cannot load the hypervisor engine '%s': %s", path,
		             why ? why : "unknown error") < 0)
			abort();
		free(path);
		return NULL;
	}
	eng_api_fn fn = (eng_api_fn)dlsym(h, ENG_API_SYMBOL);
	const eng_api *api = fn ? fn() : NULL;
	if (!api || api->version != ENG_API_VERSION) {
		if (asprintf(err, "Cannot load the hypervisor engine '%s': %s", path,
		             !fn ? "it exports no " ENG_API_SYMBOL
		                 : "it was built for another version of hvsh") < 0)
			abort();
		dlclose(h);
		free(path);
		return NULL;
	}
	free(path);
	loaded = api; /* the object stays loaded for the life of the process */
	return api;
}
