/*
 * vm.c - virtual machines: listing with live figures, creation with its
 * disk, start, stop, removal.
 *
 * Listing takes the domains in one call (virConnectListAllDomains), then
 * each one's state, CPU time and balloon size from virDomainGetInfo, which
 * waits for no job, and its settings (read_settings).
 *
 * CPUUsage is the share of the host's processors the VM used since the
 * last time this process looked at it; the first look has no earlier
 * sample, so it uses the average since the VM started. Uptime comes from
 * the QEMU process itself (its start time in /proc), found through the
 * pid file libvirt keeps.
 *
 * Creation is all or nothing: the VM's directory and disk are made first
 * and removed again when anything after them fails, so a failed New-VM
 * leaves no VM and no disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "internal.h"

extern char **environ;

#define DEFAULT_VERSION "10.0"

/* ---- CPU samples kept between calls ---- */
typedef struct cpu_sample {
	char id[40];
	unsigned long long cpu_ns;
	long long at_ns;
} cpu_sample;
static cpu_sample *samples;
static size_t nsamples;
/* the listing reads VMs on several threads; one may start meanwhile */
static pthread_mutex_t samples_lock = PTHREAD_MUTEX_INITIALIZER;

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static cpu_sample *sample_for(const char *id)
{
	for (size_t i = 0; i < nsamples; i++)
		if (strcmp(samples[i].id, id) == 0)
			return &samples[i];
	cpu_sample *s = realloc(samples, (nsamples + 1) * sizeof *samples);
	if (!s)
		abort();
	samples = s;
	memset(&samples[nsamples], 0, sizeof samples[0]);
	snprintf(samples[nsamples].id, sizeof samples[0].id, "%s", id);
	return &samples[nsamples++];
}

/* ---- the QEMU process's age ---- */

static long qemu_pid(const char *name)
{
	char *paths[4] = {0};
	size_t n = 0;
	if (eng_g.root)
		paths[n++] = eng_printf("%s/run/qemu/%s.pid", eng_g.root, name);
	paths[n++] = eng_printf("/run/libvirt/qemu/%s.pid", name);
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		paths[n++] = eng_printf("%s/libvirt/qemu/run/%s.pid", xdg, name);
	long pid = 0;
	for (size_t i = 0; i < n; i++) {
		FILE *f = pid == 0 ? fopen(paths[i], "re") : NULL;
		if (f) {
			if (fscanf(f, "%ld", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		free(paths[i]);
	}
	return pid;
}

/* Milliseconds since process `pid` started, or 0; *qemu tells whether it
 * is QEMU (a pid file may outlive its process, and the pid be reused). */
static int64_t process_age_ms(long pid, bool *qemu)
{
	*qemu = false;
	if (pid <= 0)
		return 0;
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	char buf[2048];
	size_t len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	/* fields after the command name, which may hold spaces and ')' */
	char *p = strrchr(buf, ')');
	if (!p)
		return 0;
	const char *comm = strchr(buf, '(') + 1;
	*qemu = strncmp(comm, "qemu", 4) == 0 || strncmp(comm, "kvm)", 4) == 0;
	unsigned long long start = 0;
	/* state is field 3; starttime is field 22 */
	int field = 2;
	for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
		if (++field == 22) {
			start = strtoull(tok, NULL, 10);
			break;
		}
	}
	f = fopen("/proc/uptime", "re");
	if (!f)
		return 0;
	double up = 0;
	if (fscanf(f, "%lf", &up) != 1)
		up = 0;
	fclose(f);
	long hz = sysconf(_SC_CLK_TCK);
	double age = up - (double)start / (double)(hz > 0 ? hz : 100);
	return age > 0 ? (int64_t)(age * 1000) : 0;
}

/* ---- KVM's failure ---- */

/* The QEMU log libvirt keeps for a domain. */
static char *qemu_log_path(const char *name)
{
	if (eng_g.root)
		return eng_printf("%s/log/qemu/%s.log", eng_g.root, name);
	if (strcmp(eng_g.uri, "qemu:///session") == 0) {
		const char *xdg = getenv("XDG_CACHE_HOME");
		const char *home = getenv("HOME");
		return xdg && *xdg ? eng_printf("%s/libvirt/qemu/log/%s.log", xdg, name)
		                   : eng_printf("%s/.cache/libvirt/qemu/log/%s.log",
		                                home ? home : "", name);
	}
	return eng_printf("/var/log/libvirt/qemu/%s.log", name);
}

/* Whether a paused domain stopped because KVM failed its guest: QEMU then
 * pauses it (libvirt's reason: unknown, or crashed) after writing "KVM
 * internal error" to its log, since the domain's last start. A host where
 * that happened is remembered (eng_note_kvm_failure), so that the next
 * starts use software emulation. */
static bool kvm_failed(const char *name, int reason)
{
	if (reason != VIR_DOMAIN_PAUSED_UNKNOWN && reason != VIR_DOMAIN_PAUSED_CRASHED)
		return false;
	char *path = qemu_log_path(name);
	FILE *f = fopen(path, "re");
	free(path);
	if (!f)
		return false;
	bool failed = false;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) >= 0) {
		if (strstr(line, ": starting up "))
			failed = false;
		else if (strncmp(line, "KVM internal error", 18) == 0)
			failed = true;
	}
	free(line);
	fclose(f);
	if (failed)
		eng_note_kvm_failure(name);
	return failed;
}

static bool stopped_by_kvm(virDomainPtr dom)
{
	int st = 0, reason = 0;
	if (virDomainGetState(dom, &st, &reason, 0) < 0) {
		virResetLastError();
		return false;
	}
	return st == VIR_DOMAIN_PAUSED && kvm_failed(virDomainGetName(dom), reason);
}

/* ---- one VM ---- */

static eng_vm_state map_state(int st, bool managed_save)
{
	switch (st) {
	case VIR_DOMAIN_RUNNING:
	case VIR_DOMAIN_BLOCKED:
		return ENG_VM_RUNNING;
	case VIR_DOMAIN_PAUSED:
	case VIR_DOMAIN_PMSUSPENDED:
		return ENG_VM_PAUSED;
	case VIR_DOMAIN_SHUTDOWN:
		return ENG_VM_STOPPING;
	case VIR_DOMAIN_SHUTOFF:
	case VIR_DOMAIN_CRASHED:
		return managed_save ? ENG_VM_SAVED : ENG_VM_OFF;
	default:
		return ENG_VM_OTHER;
	}
}

static int host_cpus(void)
{
	static int n;
	if (!n) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		n = c > 0 ? (int)c : 1;
	}
	return n;
}

/* The settings Get-VM shows, from the persistent description. For a VM
 * that is off and was made by hvsh, its metadata and two figures libvirt
 * keeps are all of them: formatting and parsing each whole description
 * was most of listing many VMs. A running VM (its persistent description
 * may differ from the live one) and a domain hvsh did not make are read
 * whole. */
static int read_settings(virDomainPtr dom, bool active, const virDomainInfo *info,
                         eng_domain_desc *d, char **err)
{
	const char *dom_name = virDomainGetName(dom);
	if (!active) {
		char *meta = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, ENG_XMLNS,
		                                  VIR_DOMAIN_AFFECT_CONFIG);
		int found = meta ? eng_domxml_parse_metadata(meta, d) : -1;
		free(meta);
		if (found == 1) {
			d->name = eng_strdup(dom_name);
			d->vcpus = info->nrVirtCpu;
			d->memory = (int64_t)info->maxMem * 1024;
			return 0;
		}
		if (found == 0)
			eng_domain_desc_free(d);
		virResetLastError();
	}
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	if (!xml)
		return eng_fail_virt(err, "cannot read the description of virtual machine '%s'",
		                     dom_name);
	int rc = eng_domxml_parse(xml, d, err);
	free(xml);
	return rc;
}

/* Fills v from a domain: 0, or -1 with *err. Until libvirt has
 * reconnected to a running domain it reports the last state it knew, and
 * the guest may have powered off or stopped on an error meanwhile: with
 * before_reconnect, such a domain is left for later (1). A paused guest
 * cannot have changed its state while its QEMU kept running. */
static int fill_vm(virDomainPtr dom, eng_vm *v, bool before_reconnect, char **err)
{
	const char *dom_name = virDomainGetName(dom);
	memset(v, 0, sizeof *v);
	virDomainInfo info;
	if (virDomainGetInfo(dom, &info) < 0)
		return eng_fail_virt(err, "cannot read the state of virtual machine '%s'",
		                     dom_name);
	int state = info.state, reason = 0;
	if (state == VIR_DOMAIN_PAUSED && virDomainGetState(dom, &state, &reason, 0) < 0)
		virResetLastError();
	bool active = eng_is_active(state), qemu = false;
	if (active && before_reconnect && state != VIR_DOMAIN_PAUSED)
		return 1;
	int64_t age = active ? process_age_ms(qemu_pid(dom_name), &qemu) : 0;
	if (active && before_reconnect && !qemu)
		return 1;
	eng_domain_desc d;
	if (read_settings(dom, active, &info, &d, err) < 0)
		return -1;
	v->name = eng_strdup(d.name);
	if (virDomainGetUUIDString(dom, v->id) < 0)
		virResetLastError();
	v->generation = d.generation;
	v->version = eng_strdup(d.version && *d.version ? d.version : DEFAULT_VERSION);
	v->notes = eng_strdup(d.notes);
	v->path = eng_strdup(d.path);
	v->processor_count = d.vcpus;
	v->memory_startup = d.memory;
	v->status = eng_strdup("Operating normally");
	/* Hyper-V's defaults for what was never set */
	v->dynamic_memory = d.dynamic_memory;
	v->memory_minimum = d.memory_minimum > 0 ? d.memory_minimum : ENG_DEFAULT_MEMORY_MINIMUM;
	v->memory_maximum = d.memory_maximum > 0 ? d.memory_maximum : ENG_DEFAULT_MEMORY_MAXIMUM;
	v->automatic_start_action =
	    eng_strdup(d.start_action && *d.start_action ? d.start_action : "StartIfRunning");
	v->automatic_stop_action =
	    eng_strdup(d.stop_action && *d.stop_action ? d.stop_action : "Save");
	v->automatic_start_delay = d.start_delay;
	v->checkpoint_type =
	    eng_strdup(d.checkpoint_type && *d.checkpoint_type ? d.checkpoint_type : "Production");
	v->snapshot_file_location =
	    eng_strdup(d.snapshot_location && *d.snapshot_location ? d.snapshot_location : d.path);
	eng_domain_desc_free(&d);

	bool saved = false;
	if (!active) {
		int ms = virDomainHasManagedSaveImage(dom, 0);
		saved = ms == 1;
		if (ms < 0)
			virResetLastError();
	}
	v->state = state == VIR_DOMAIN_NOSTATE ? ENG_VM_OFF : map_state(state, saved);
	if (state == VIR_DOMAIN_PAUSED && kvm_failed(v->name, reason)) {
		v->state = ENG_VM_PAUSED_CRITICAL;
		free(v->status);
		v->status = eng_strdup("KVM internal error");
	}
	if (active) {
		v->memory_assigned =
		    info.memory > 0 ? (int64_t)info.memory * 1024 : v->memory_startup;
		v->uptime_ms = age;
		pthread_mutex_lock(&samples_lock);
		cpu_sample *s = sample_for(v->id);
		long long t = now_ns();
		double used_ns, span_ns;
		if (s->at_ns && info.cpuTime >= s->cpu_ns && t > s->at_ns) {
			used_ns = (double)(info.cpuTime - s->cpu_ns);
			span_ns = (double)(t - s->at_ns);
		} else {
			used_ns = (double)info.cpuTime;
			span_ns = (double)v->uptime_ms * 1e6;
		}
		if (span_ns > 0) {
			double pct = used_ns * 100.0 / span_ns / host_cpus();
			v->cpu_usage = pct > 100 ? 100 : (int)(pct + 0.5);
		}
		s->cpu_ns = info.cpuTime;
		s->at_ns = t;
		pthread_mutex_unlock(&samples_lock);
		/* the first sample averages over the process's life: a paused
		   VM's processors do not run, whatever they did before */
		if (state == VIR_DOMAIN_PAUSED)
			v->cpu_usage = 0;
	}
	return 0;
}

static int cmp_vm(const void *a, const void *b)
{
	const eng_vm *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

/* A share of the listed domains: those from `first`, every `step`th. */
typedef struct list_share {
	virDomainPtr *doms;
	int ndoms, first, step;
	eng_vm *vms; /* indexed like doms */
	char *state; /* per domain: 0 not read yet, 1 read, 2 gone meanwhile */
} list_share;

/* Reads the share's domains not read yet, and frees those it has read. */
static void read_share(list_share *p, bool before_reconnect)
{
	for (int i = p->first; i < p->ndoms; i += p->step) {
		if (p->state[i])
			continue;
		char *e = NULL;
		int rc = fill_vm(p->doms[i], &p->vms[i], before_reconnect, &e);
		free(e); /* undefined meanwhile: not listed */
		if (rc == 1)
			continue;
		p->state[i] = rc == 0 ? 1 : 2;
		virDomainFree(p->doms[i]);
	}
}

static void *read_share_before_reconnect(void *arg)
{
	read_share(arg, true);
	return NULL;
}

/* libvirt reconnects to the running domains in the background after it
 * opens: the other VMs are read meanwhile, on each processor, and the
 * running ones once it has finished. */
int eng_list_vms(eng_vm **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	if (eng_open(err) < 0)
		return -1;
	virDomainPtr *doms = NULL;
	int ndoms = virConnectListAllDomains(eng_g.conn, &doms, 0);
	if (ndoms < 0)
		return eng_fail_virt(err, "cannot list the virtual machines");
	eng_vm *vms = calloc(ndoms > 0 ? (size_t)ndoms : 1, sizeof *vms);
	char *state = calloc(ndoms > 0 ? (size_t)ndoms : 1, 1);
	if (!vms || !state)
		abort();
	enum { MAX_THREADS = 8, DOMAINS_PER_THREAD = 64 };
	int nthreads = host_cpus();
	if (nthreads > MAX_THREADS)
		nthreads = MAX_THREADS;
	if (nthreads > ndoms / DOMAINS_PER_THREAD)
		nthreads = ndoms / DOMAINS_PER_THREAD > 0 ? ndoms / DOMAINS_PER_THREAD : 1;
	list_share shares[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (int t = 0; t < nthreads; t++) {
		shares[t] = (list_share){doms, ndoms, t, nthreads, vms, state};
		if (t > 0)
			started[t] = pthread_create(&threads[t], NULL, read_share_before_reconnect,
			                            &shares[t]) == 0;
	}
	read_share(&shares[0], true);
	for (int t = 1; t < nthreads; t++)
		if (started[t])
			pthread_join(threads[t], NULL);
	/* the running VMs, and what a thread that failed to start left */
	if (ndoms > 0 && memchr(state, 0, (size_t)ndoms)) {
		eng_settle();
		list_share all = {doms, ndoms, 0, 1, vms, state};
		read_share(&all, false);
	}
	size_t k = 0;
	for (int i = 0; i < ndoms; i++)
		if (state[i] == 1)
			vms[k++] = vms[i];
	free(doms);
	free(state);
	qsort(vms, k, sizeof *vms, cmp_vm);
	*out = vms;
	*n = k;
	return 0;
}

static virDomainPtr lookup(const char *id, char **err)
{
	if (eng_connect(err) < 0)
		return NULL;
	virDomainPtr dom = virDomainLookupByUUIDString(eng_g.conn, id);
	if (!dom) {
		virErrorPtr e = virGetLastError();
		if (e && e->code == VIR_ERR_NO_DOMAIN) {
			virResetLastError();
			eng_fail(err, "no virtual machine has the Id %s", id);
		} else {
			eng_fail_virt(err, "cannot find the virtual machine %s", id);
		}
	}
	return dom;
}

virDomainPtr eng_lookup(const char *id, char **err)
{
	return lookup(id, err);
}

int eng_get_vm(const char *id, eng_vm *out, char **err)
{
	memset(out, 0, sizeof *out);
	virDomainPtr dom = lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	int rc = fill_vm(dom, out, false, err);
	virDomainFree(dom);
	return rc;
}

void eng_vms_free(eng_vm *vms, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(vms[i].name);
		free(vms[i].version);
		free(vms[i].notes);
		free(vms[i].path);
		free(vms[i].status);
		free(vms[i].automatic_start_action);
		free(vms[i].automatic_stop_action);
		free(vms[i].checkpoint_type);
		free(vms[i].snapshot_file_location);
	}
	free(vms);
}

/* ---- names ---- */

char *eng_check_name(const char *name)
{
	if (!name || !*name)
		return eng_strdup("the name is empty");
	size_t len = strlen(name);
	if (len > 100)
		return eng_strdup("the name is longer than 100 characters");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == '/')
			return eng_strdup(
			    "the name contains '/', which this host cannot store in a "
			    "virtual machine's name");
		if (*p < 0x20 || *p == 0x7f)
			return eng_strdup("the name contains a control character");
	}
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return eng_printf("'%s' cannot name a virtual machine's directory", name);
	/* libxml2 rejects invalid UTF-8 later with a worse message */
	const unsigned char *s = (const unsigned char *)name;
	while (*s) {
		int n = *s < 0x80         ? 1
		        : (*s >> 5) == 6  ? 2
		        : (*s >> 4) == 14 ? 3
		        : (*s >> 3) == 30 ? 4
		                          : 0;
		if (!n)
			return eng_strdup("the name is not valid UTF-8");
		for (int i = 1; i < n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return eng_strdup("the name is not valid UTF-8");
		s += n;
	}
	return NULL;
}

/* ---- creation ---- */

/* Runs argv (no shell); 0 on exit status 0, else -1 with *err holding
 * what the program wrote. */
static int run_program(char *const argv[], char **err)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return eng_fail(err, "cannot run %s: %s", argv[0], strerror(errno));
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return eng_fail(err, "cannot run %s: %s", argv[0], strerror(rc));
	}
	char out[2048];
	size_t len = 0;
	for (;;) {
		ssize_t r = read(fds[0], out + len, sizeof out - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		if (len == sizeof out - 1) {
			char sink[512];
			while (read(fds[0], sink, sizeof sink) > 0)
				;
			break;
		}
	}
	close(fds[0]);
	out[len] = '\0';
	while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return eng_fail(err, "cannot wait for %s: %s", argv[0], strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return eng_fail(err, "%s failed: %s", argv[0], len ? out : "no message");
}

static const char *format_for_extension(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".vhdx") == 0)
		return "vhdx";
	if (dot && strcasecmp(dot, ".vhd") == 0)
		return "vpc";
	if (dot && (strcasecmp(dot, ".img") == 0 || strcasecmp(dot, ".raw") == 0))
		return "raw";
	return "qcow2";
}

static char *absolute_in(const char *dir, const char *path)
{
	return path[0] == '/' ? eng_strdup(path) : eng_printf("%s/%s", dir, path);
}

static char *parent_of(const char *path)
{
	char *p = eng_strdup(path);
	char *slash = strrchr(p, '/');
	if (slash && slash != p)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	return p;
}

int eng_new_vm(const eng_vm_spec *spec, eng_vm *out, char **err)
{
	memset(out, 0, sizeof *out);
	char *bad = eng_check_name(spec->name);
	if (bad) {
		eng_fail(err, "The virtual machine name '%s' is not valid: %s", spec->name, bad);
		free(bad);
		return -1;
	}
	if (eng_connect(err) < 0)
		return -1;
	virDomainPtr old = virDomainLookupByName(eng_g.conn, spec->name);
	if (old) {
		virDomainFree(old);
		eng_fail(err, "A virtual machine named '%s' already exists on this host",
		         spec->name);
		return ENG_EEXIST;
	}
	virResetLastError();

	int rc = -1;
	char *vm_parent =
	    spec->path && *spec->path ? eng_strdup(spec->path) : eng_default_dir("vms");
	char *vm_dir = eng_printf("%s/%s", vm_parent, spec->name);
	char *disk = NULL, *xml = NULL, *disk_format = NULL;
	bool made_dir = false, made_disk = false;
	struct stat st;
	if (stat(vm_dir, &st) != 0) {
		if (eng_mkdirs(vm_dir, 0755) < 0) {
			eng_fail(err, "cannot create the virtual machine's directory '%s': %s",
			         vm_dir, strerror(errno));
			goto out;
		}
		made_dir = true;
	}
	if (spec->new_vhd_path) {
		char *disks = eng_default_dir("disks");
		disk = absolute_in(disks, spec->new_vhd_path);
		free(disks);
		if (stat(disk, &st) == 0) {
			eng_fail(err, "The file '%s' already exists", disk);
			goto out;
		}
		char *dir = parent_of(disk);
		int mk = eng_mkdirs(dir, 0755);
		free(dir);
		if (mk < 0) {
			eng_fail(err, "cannot create the directory of '%s': %s", disk,
			         strerror(errno));
			goto out;
		}
		disk_format = eng_strdup(format_for_extension(disk));
		if (strcmp(disk_format, "vhdx") == 0) {
			eng_fail(err, ENG_VHDX_REFUSED, disk);
			goto out;
		}
		char size[32];
		snprintf(size, sizeof size, "%llu", (unsigned long long)spec->new_vhd_size);
		char *argv[] = {"qemu-img", "create", "-q", "-f", disk_format, disk, size, NULL};
		if (run_program(argv, err) < 0) {
			unlink(disk); /* qemu-img may leave a partial file */
			goto out;
		}
		made_disk = true;
	} else if (spec->vhd_path) {
		disk = eng_strdup(spec->vhd_path);
		if (stat(disk, &st) != 0 || !S_ISREG(st.st_mode)) {
			eng_fail(err, "The virtual hard disk '%s' was not found", disk);
			goto out;
		}
		disk_format = eng_strdup(eng_image_format(disk));
		if (strcmp(disk_format, "vhdx") == 0) {
			eng_fail(err, ENG_VHDX_REFUSED, disk);
			goto out;
		}
	}
	const char *why;
	eng_domain_desc d = {
	    .name = (char *)spec->name,
	    .generation = spec->generation == 2 ? 2 : 1,
	    .version = (char *)(spec->version ? spec->version : DEFAULT_VERSION),
	    .notes = "",
	    .path = vm_dir,
	    .com1_path = NULL,
	    .vcpus = 1,
	    .memory = spec->memory_startup,
	    .disk_path = disk,
	    .disk_format = disk_format,
	    .boot_device = (char *)spec->boot_device,
	    .kvm = eng_use_kvm(&why),
	};
	char *com1 = eng_printf("%s/com1.log", vm_dir);
	d.com1_path = com1;
	xml = eng_domxml_build(&d);
	free(com1);
	virDomainPtr dom = virDomainDefineXML(eng_g.conn, xml);
	if (!dom) {
		eng_fail_virt(err, "cannot define virtual machine '%s'", spec->name);
		goto out;
	}
	rc = fill_vm(dom, out, false, err);
	if (rc < 0) {
		virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_NVRAM);
		virResetLastError();
	}
	virDomainFree(dom);
out:
	if (rc < 0) {
		if (made_disk)
			unlink(disk);
		if (made_dir) {
			char *log = eng_printf("%s/com1.log", vm_dir);
			unlink(log);
			free(log);
			rmdir(vm_dir);
		}
	}
	free(xml);
	free(disk);
	free(disk_format);
	free(vm_dir);
	free(vm_parent);
	return rc;
}

/* ---- state changes ---- */

static int domain_state(virDomainPtr dom)
{
	int st = VIR_DOMAIN_NOSTATE, reason;
	if (virDomainGetState(dom, &st, &reason, 0) < 0)
		virResetLastError();
	return st;
}

int eng_domain_state(virDomainPtr dom)
{
	return domain_state(dom);
}

bool eng_is_active(int st)
{
	return st != VIR_DOMAIN_SHUTOFF && st != VIR_DOMAIN_CRASHED && st != VIR_DOMAIN_NOSTATE;
}

/* The domain type matches the host's virtualization mode before a start:
 * the mode is a host setting (HVSH_ACCEL), not a VM's. */
static int apply_accel(virDomainPtr dom, char **err)
{
	const char *dom_name = virDomainGetName(dom);
	const char *why;
	bool kvm = eng_use_kvm(&why);
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
	if (!xml)
		return eng_fail_virt(err, "cannot read the description of '%s'", dom_name);
	char *changed = eng_domxml_set_accel(xml, kvm);
	free(xml);
	if (!changed)
		return 0;
	virDomainPtr again = virDomainDefineXML(eng_g.conn, changed);
	free(changed);
	if (!again)
		return eng_fail_virt(err, "cannot switch '%s' to %s", dom_name,
		                     kvm ? "KVM" : "software emulation");
	virDomainFree(again);
	return 0;
}

int eng_start_vm(const char *id, char **err)
{
	virDomainPtr dom = lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = 0;
	int st = domain_state(dom);
	if (st == VIR_DOMAIN_PAUSED && stopped_by_kvm(dom)) {
		const char *why;
		bool kvm = eng_use_kvm(&why);
		rc = eng_fail(err,
		              "Its guest stopped with a KVM internal error: KVM cannot run it on "
		              "this host. Turn it off (Stop-VM -TurnOff) and start it again; %s",
		              kvm ? "to use software emulation, set Set-VMHost -VirtualizationMode "
		                    "Emulated (or HVSH_ACCEL=tcg) first"
		                  : "it will start with software emulation");
	} else if (st == VIR_DOMAIN_PAUSED) {
		if (virDomainResume(dom) < 0)
			rc = eng_fail_virt(err, "cannot resume '%s'", dom_name);
	} else if (st == VIR_DOMAIN_SHUTOFF || st == VIR_DOMAIN_CRASHED ||
	           st == VIR_DOMAIN_NOSTATE) {
		rc = apply_accel(dom, err);
		if (rc == 0 && virDomainCreate(dom) < 0) {
			virErrorPtr e = virGetLastError();
			const char *msg = e && e->message ? e->message : "";
			if (strstr(msg, "KVM") || strstr(msg, "kvm"))
				rc = eng_fail(
				    err,
				    "%s. KVM does not work on this host: Set-VMHost "
				    "-VirtualizationMode Emulated (or HVSH_ACCEL=tcg) chooses "
				    "software emulation",
				    msg);
			else
				rc = eng_fail_libvirt(err);
			virResetLastError();
		}
	}
	virDomainFree(dom);
	return rc;
}

int eng_stop_vm(const char *id, eng_stop_mode mode, int timeout_ms, char **err)
{
	virDomainPtr dom = lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = 0;
	int st = domain_state(dom);
	if (st == VIR_DOMAIN_SHUTOFF || st == VIR_DOMAIN_CRASHED || st == VIR_DOMAIN_NOSTATE) {
		virDomainFree(dom);
		return 0;
	}
	if (mode == ENG_STOP_SAVE) {
		if (virDomainManagedSave(dom, 0) < 0)
			rc = eng_fail_libvirt(err);
	} else if (mode == ENG_STOP_TURNOFF) {
		if (virDomainDestroy(dom) < 0)
			rc = eng_fail_libvirt(err);
	} else if (st == VIR_DOMAIN_PAUSED && stopped_by_kvm(dom)) {
		rc = eng_fail(err,
		              "Its guest stopped with a KVM internal error and cannot shut down: "
		              "use Stop-VM -TurnOff to turn it off");
	} else if (st == VIR_DOMAIN_PAUSED && virDomainResume(dom) < 0) {
		/* a paused guest cannot see the power button */
		rc = eng_fail_virt(err, "cannot resume '%s'", dom_name);
	} else if (virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) < 0) {
		rc = eng_fail_libvirt(err);
	} else {
		long long deadline = now_ns() + (long long)timeout_ms * 1000000LL;
		for (;;) {
			st = domain_state(dom);
			if (st == VIR_DOMAIN_SHUTOFF || st == VIR_DOMAIN_CRASHED)
				break;
			if (now_ns() > deadline) {
				rc = eng_fail(
				    err,
				    "The guest did not answer the ACPI power button within the "
				    "time allowed (%d s). Use Stop-VM -TurnOff to turn it off",
				    timeout_ms / 1000);
				break;
			}
			usleep(50000);
		}
	}
	virDomainFree(dom);
	return rc;
}

/* Suspend-VM / Resume-VM: QEMU stops or restarts its virtual CPUs; memory
 * and devices stay as they are, so Paused costs no guest cooperation. */
int eng_pause_vm(const char *id, bool pause, char **err)
{
	virDomainPtr dom = lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = 0;
	int st = domain_state(dom);
	bool running = st == VIR_DOMAIN_RUNNING || st == VIR_DOMAIN_BLOCKED;
	if (pause ? !running : st != VIR_DOMAIN_PAUSED)
		rc = eng_fail(err,
		              "The operation cannot be performed while the virtual machine '%s' is "
		              "%s",
		              dom_name,
		              st == VIR_DOMAIN_PAUSED ? "paused"
		              : running               ? "running"
		                                      : "not running");
	else if ((pause ? virDomainSuspend(dom) : virDomainResume(dom)) < 0)
		rc = eng_fail_virt(err, "cannot %s '%s'", pause ? "pause" : "resume", dom_name);
	virDomainFree(dom);
	return rc;
}

int eng_remove_vm(const char *id, char **err)
{
	virDomainPtr dom = lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = 0;
	int st = domain_state(dom);
	if (st != VIR_DOMAIN_SHUTOFF && st != VIR_DOMAIN_CRASHED && st != VIR_DOMAIN_NOSTATE) {
		rc = eng_fail(err,
		              "The operation cannot be performed while the virtual machine '%s' is "
		              "running. Stop it first with Stop-VM",
		              dom_name);
		virDomainFree(dom);
		return rc;
	}
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	eng_domain_desc d = {0};
	if (xml) {
		char *e = NULL;
		if (eng_domxml_parse(xml, &d, &e) < 0)
			free(e);
		free(xml);
	} else {
		virResetLastError();
	}
	if (virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_NVRAM |
	                                    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
	                                    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
	                                    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA) < 0) {
		rc = eng_fail_libvirt(err);
	} else if (d.path && *d.path) {
		/* the configuration's directory goes, with the COM 1 log New-VM
		   made there (also when COM 1 has moved since); disks stay, as on
		   Hyper-V */
		if (d.com1_path && strncmp(d.com1_path, d.path, strlen(d.path)) == 0)
			unlink(d.com1_path);
		char *log = eng_printf("%s/com1.log", d.path);
		unlink(log);
		free(log);
		rmdir(d.path);
	}
	eng_domain_desc_free(&d);
	virDomainFree(dom);
	return rc;
}
