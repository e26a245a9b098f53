/*
 * engine.c - the connection to libvirt, the choice of engine, and the
 * table of functions the shell calls (engine.h).
 *
 * Connection. It opens on first use, never at start. The URI comes from
 * HVSH_ENGINE (which the shell's -Engine option sets, marking it with
 * HVSH_ENGINE_SOURCE=command-line: the engine never sees the command line
 * itself), else `engine =` in hvsh.conf (the user's, then the system's),
 * else the automatic choice: the system daemon when its socket answers a
 * connect(), the session daemon for a non-root user, else libvirt's
 * embedded QEMU driver in a root directory hvsh owns. Why the choice fell
 * where it did is kept for Get-VMHost.
 *
 * hvsh.conf is read once, lazily, like everything here: a shell that runs
 * no VM cmdlet never opens it. Its lines that cannot be used are reported
 * on standard error and skipped rather than fatal, because a typo in a
 * file shared by every shell must not stop them all. The file also sets
 * virtualization_mode, below HVSH_ACCEL and above the probe of /dev/kvm.
 *
 * The embedded driver runs inside this process, which brings three facts
 * with it: it needs an event loop (a thread running libvirt's default
 * one); its root needs etc/qemu.conf with stdio_handler = "file" (there is
 * no virtlogd) and, as root, user/group root (otherwise QEMU is re-probed
 * on every start) and remember_owner = 0 (QEMU runs as root: there is no
 * ownership to restore, and the extended attributes libvirt would keep for
 * it only bring warnings); and only one process may hold a root. libvirt does not
 * say who holds it, so hvsh takes its own lock first: a non-blocking flock
 * on ROOT/hvsh.lock holding the holder's pid, so that a second hvsh fails
 * at once with a message naming that pid.
 *
 * QEMU processes outlive the hvsh that started them and the next open
 * reconnects to them; until a domain's reconnect finishes libvirt reports
 * its last known state (the control state reads OCCUPIED). After opening,
 * the engine waits (bounded) for every active domain to settle before any
 * state is trusted.
 *
 * Domains are described and read with libxml2 (domxml.c); hvsh's own
 * settings live in <metadata> under its namespace.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>

#include "internal.h"

eng_state eng_g;

/* ---- small helpers shared by the engine's files ---- */

char *eng_strdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

char *eng_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = NULL;
	if (vasprintf(&p, fmt, ap) < 0)
		abort();
	va_end(ap);
	return p;
}

/* Sets *err to "WHAT: libvirt's last error" (or just WHAT). */
int eng_fail_virt(char **err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = NULL;
	if (vasprintf(&what, fmt, ap) < 0)
		abort();
	va_end(ap);
	const virErrorPtr e = virGetLastError();
	if (e && e->message)
		*err = eng_printf("%s: %s", what, e->message);
	else
		*err = eng_strdup(what);
	free(what);
	virResetLastError();
	return -1;
}

int eng_fail_libvirt(char **err)
{
	const virErrorPtr e = virGetLastError();
	*err = eng_strdup(e && e->message ? e->message : "the engine gave no reason");
	virResetLastError();
	return -1;
}

int eng_fail(char **err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(err, fmt, ap) < 0)
		abort();
	va_end(ap);
	return -1;
}

/* mkdir -p */
int eng_mkdirs(const char *path, mode_t mode)
{
	char *p = eng_strdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode) < 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Writes a file atomically: temporary file, fsync, rename. */
int eng_write_file(const char *path, const char *text)
{
	char *tmp = eng_printf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	int ok = off == len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		int saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}

static char *read_small_file(const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return eng_strdup(buf);
}

/* ---- choosing the engine ---- */

static bool socket_answers(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
	bool ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

static char *default_data_dir(void)
{
	if (geteuid() == 0)
		return eng_strdup("/var/lib/hvsh");
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return eng_printf("%s/hvsh", xdg);
	const char *home = getenv("HOME");
	return eng_printf("%s/.local/share/hvsh", home && *home ? home : "/tmp");
}

static void choose_engine(void)
{
	const char *env = getenv("HVSH_ENGINE");
	if (env && *env) {
		const char *source = getenv("HVSH_ENGINE_SOURCE");
		eng_g.uri = eng_strdup(env);
		eng_g.reason = eng_strdup(source && strcmp(source, "command-line") == 0
		                              ? "set by the -Engine option"
		                              : "set by the HVSH_ENGINE environment variable");
		return;
	}
	const char *origin;
	const char *uri = eng_conf_get(ENG_CONF_ENGINE, &origin);
	if (uri) {
		eng_g.uri = eng_strdup(uri);
		eng_g.reason = eng_printf("set in %s", origin);
		return;
	}
	static const char *const sockets[] = {"/run/libvirt/virtqemud-sock",
	                                      "/run/libvirt/libvirt-sock"};
	for (size_t i = 0; i < 2; i++)
		if (socket_answers(sockets[i])) {
			eng_g.uri = eng_strdup("qemu:///system");
			eng_g.reason = eng_printf("the system daemon answers on %s", sockets[i]);
			return;
		}
	if (geteuid() != 0) {
		eng_g.uri = eng_strdup("qemu:///session");
		eng_g.reason =
		    eng_strdup("no system daemon answers; the session daemon serves this user");
		return;
	}
	char *data = default_data_dir();
	eng_g.uri = eng_printf("qemu:///embed?root=%s/engine", data);
	eng_g.reason = eng_strdup("no system daemon answers; the embedded engine runs inside hvsh");
	free(data);
}

/* The root directory of an embedded URI (malloc'd), or NULL. */
static char *embed_root(const char *uri)
{
	if (strncmp(uri, "qemu:///embed", 13) != 0)
		return NULL;
	const char *r = strstr(uri, "root=");
	if (!r)
		return NULL;
	r += 5;
	size_t n = strcspn(r, "&");
	char *root = strndup(r, n);
	if (!root)
		abort();
	return root;
}

/* ---- the embedded driver's needs ---- */

static void *event_loop(void *arg)
{
	(void)arg;
	for (;;)
		if (virEventRunDefaultImpl() < 0)
			virResetLastError();
	return NULL;
}

static int start_event_loop(char **err)
{
	static bool started;
	if (started)
		return 0;
	if (virEventRegisterDefaultImpl() < 0)
		return eng_fail_virt(err, "cannot start libvirt's event loop");
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, event_loop, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return eng_fail(err, "cannot start libvirt's event loop: %s", strerror(rc));
	started = true;
	return 0;
}

/* Takes ROOT/hvsh.lock; a holder's pid makes the message. */
static int lock_root(const char *root, char **err)
{
	if (eng_g.lock_fd >= 0)
		return 0; /* held since an earlier connection of this process */
	char *path = eng_printf("%s/hvsh.lock", root);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		eng_fail(err, "cannot open the engine's lock file '%s': %s", path, strerror(e));
		free(path);
		return -1;
	}
	/* the host's start and stop wait for a shell that holds the root */
	for (int waited = 0; waited < eng_g.lock_wait_ms && flock(fd, LOCK_EX | LOCK_NB) < 0;
	     waited += 100)
		usleep(100000);
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		char *pid = read_small_file(path);
		if (pid)
			pid[strcspn(pid, "\n")] = '\0';
		eng_fail(
		    err,
		    "The embedded engine at '%s' is in use by another hvsh (process %s); only one "
		    "process can hold an embedded engine. To share virtual machines between "
		    "processes, start the libvirt daemon (systemctl start libvirtd) so that hvsh "
		    "connects to qemu:///system, or set HVSH_ENGINE to another root",
		    root, pid && *pid ? pid : "unknown");
		free(pid);
		free(path);
		close(fd);
		return -1;
	}
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		int e = errno;
		eng_fail(err, "cannot write the engine's lock file '%s': %s", path, strerror(e));
		free(path);
		close(fd);
		return -1;
	}
	free(path);
	eng_g.lock_fd = fd;
	return 0;
}

static int prepare_root(const char *root, char **err)
{
	char *etc = eng_printf("%s/etc", root);
	if (eng_mkdirs(etc, 0755) < 0) {
		int e = errno;
		eng_fail(err, "cannot create the engine's directory '%s': %s", etc, strerror(e));
		free(etc);
		return -1;
	}
	free(etc);
	if (lock_root(root, err) < 0)
		return -1;
	const char *conf = geteuid() == 0 ? "# Written by hvsh: no virtlogd, QEMU runs as root.\n"
	                                    "stdio_handler = \"file\"\n"
	                                    "remember_owner = 0\n"
	                                    "user = \"root\"\n"
	                                    "group = \"root\"\n"
	                                  : "# Written by hvsh: no virtlogd.\n"
	                                    "stdio_handler = \"file\"\n";
	char *path = eng_printf("%s/etc/qemu.conf", root);
	char *old = read_small_file(path);
	int rc = 0;
	if (!old || strcmp(old, conf) != 0)
		if (eng_write_file(path, conf) < 0) {
			int e = errno;
			rc = eng_fail(err, "cannot write '%s': %s", path, strerror(e));
		}
	free(old);
	free(path);
	return rc;
}

/* Waits, bounded, until libvirt has finished reconnecting to the running
 * domains (their control state leaves OCCUPIED). */
static void settle_domains(void)
{
	virDomainPtr *doms = NULL;
	int n = virConnectListAllDomains(eng_g.conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
	if (n < 0) {
		virResetLastError();
		return;
	}
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int i = 0; i < n; i++) {
		for (;;) {
			virDomainControlInfo info;
			if (virDomainGetControlInfo(doms[i], &info, 0) < 0) {
				virResetLastError();
				break;
			}
			if (info.state != VIR_DOMAIN_CONTROL_OCCUPIED)
				break;
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if ((now.tv_sec - start.tv_sec) * 1000 +
			        (now.tv_nsec - start.tv_nsec) / 1000000 >
			    5000)
				break;
			usleep(1000);
		}
		virDomainFree(doms[i]);
	}
	free(doms);
}

static void ignore_error(void *data, virErrorPtr e)
{
	(void)data;
	(void)e;
}

/* Whether libvirt's last error is the embedded driver's pid file being
 * locked by another process. */
static bool driver_pid_busy(void)
{
	virErrorPtr e = virGetLastError();
	return e && e->message && strstr(e->message, "Failed to acquire pid file");
}

int eng_open(char **err)
{
	if (eng_g.conn)
		return 0;
	if (!eng_g.initialized) {
		/* libvirt logs its errors to stderr by default; they reach the
		   user through the error records instead (setenv before
		   virInitialize, which reads it once) */
		if (!getenv("LIBVIRT_LOG_OUTPUTS"))
			setenv("LIBVIRT_LOG_OUTPUTS", "4:file:/dev/null", 0);
		if (virInitialize() < 0)
			return eng_fail_virt(err, "cannot initialise libvirt");
		/* before any two threads parse at once (the listing's do) */
		xmlInitParser();
		virSetErrorFunc(NULL, ignore_error); /* errors are reported by the caller */
		eng_g.lock_fd = -1;
		eng_g.initialized = true;
	}
	if (!eng_g.uri)
		choose_engine();
	char *root = embed_root(eng_g.uri);
	if (root) {
		if (prepare_root(root, err) < 0 || start_event_loop(err) < 0) {
			free(root);
			return -1;
		}
		eng_g.root = root;
	}
	eng_g.conn = virConnectOpen(eng_g.uri);
	/* holding hvsh.lock, a driver.pid still locked belongs to an hvsh that
	   is ending: wait for it, briefly */
	for (int waited = 0; !eng_g.conn && root && waited < 5000 && driver_pid_busy();
	     waited += 50) {
		usleep(50000);
		eng_g.conn = virConnectOpen(eng_g.uri);
	}
	if (!eng_g.conn) {
		virErrorPtr e = virGetLastError();
		if (root && geteuid() == 0 && e && e->message &&
		    strstr(e->message, "Failed to parse user"))
			/* libvirt's QEMU driver looks up its default user even when
			   qemu.conf names root: the user comes with libvirt-daemon-system */
			eng_fail(
			    err,
			    "Cannot start the embedded engine at '%s': %s. Run "
			    "scripts/install-deps.sh, "
			    "or create the user: useradd --system --user-group --no-create-home "
			    "libvirt-qemu",
			    root, e->message);
		else
			eng_fail_virt(err, "Cannot connect to the hypervisor engine '%s' (%s)",
			              eng_g.uri, eng_g.reason);
		virResetLastError();
		if (eng_g.lock_fd >= 0) {
			close(eng_g.lock_fd);
			eng_g.lock_fd = -1;
		}
		free(eng_g.root);
		eng_g.root = NULL;
		return -1;
	}
	/* a daemon has long reconnected to its domains */
	eng_g.settled = !root;
	return 0;
}

void eng_settle(void)
{
	if (eng_g.conn && !eng_g.settled) {
		settle_domains();
		eng_g.settled = true;
	}
}

int eng_connect(char **err)
{
	if (eng_open(err) < 0)
		return -1;
	eng_settle();
	return 0;
}

static void eng_disconnect(void)
{
	if (eng_g.conn) {
		virConnectClose(eng_g.conn);
		eng_g.conn = NULL;
	}
	/* the lock stays until the process ends: the embedded driver keeps
	   its own (driver.pid) until then, and the next hvsh must not find
	   ours free while libvirt's is still held */
}

/* ---- host ---- */

/* The record of a guest that KVM failed on this host (see
 * eng_note_kvm_failure), malloc'd, or NULL. */
static char *kvm_failure(void)
{
	char *path = eng_default_dir("kvm-failed");
	char *text = read_small_file(path);
	free(path);
	if (text) {
		size_t n = strlen(text);
		while (n && text[n - 1] == '\n')
			text[--n] = '\0';
	}
	return text;
}

void eng_note_kvm_failure(const char *vm_name)
{
	char *old = kvm_failure();
	free(old);
	if (old)
		return;
	time_t now = time(NULL);
	char when[64];
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&now));
	char *path = eng_default_dir("kvm-failed");
	char *dir = eng_strdup(path);
	*strrchr(dir, '/') = '\0';
	char *text = eng_printf("'%s' stopped with a KVM internal error at %s\n", vm_name, when);
	if (eng_mkdirs(dir, 0755) < 0 || eng_write_file(path, text) < 0)
		fprintf(stderr, "WARNING: cannot record KVM's failure in %s: %s\n", path,
		        strerror(errno));
	free(text);
	free(dir);
	free(path);
}

/* HVSH_ACCEL beats hvsh.conf's virtualization_mode, which beats what the
 * host has shown: /dev/kvm, unless KVM already failed a guest here. */
bool eng_use_kvm(const char **why)
{
	static char reason[1024];
	*why = reason;
	const char *accel = getenv("HVSH_ACCEL");
	if (accel && strcasecmp(accel, "tcg") == 0) {
		snprintf(reason, sizeof reason, "HVSH_ACCEL=tcg asks for software emulation");
		return false;
	}
	bool env_kvm = accel && strcasecmp(accel, "kvm") == 0;
	const char *origin = NULL;
	const char *mode = env_kvm ? NULL : eng_conf_get(ENG_CONF_MODE, &origin);
	if (mode && strcmp(mode, "Emulated") == 0) {
		snprintf(reason, sizeof reason, "virtualization_mode = Emulated in %s", origin);
		return false;
	}
	if (access("/dev/kvm", R_OK | W_OK) != 0) {
		if (mode)
			snprintf(
			    reason, sizeof reason,
			    "virtualization_mode = Hardware in %s, but /dev/kvm is not usable here",
			    origin);
		else
			snprintf(reason, sizeof reason, "/dev/kvm is not usable here");
		return false;
	}
	if (env_kvm) {
		snprintf(reason, sizeof reason, "HVSH_ACCEL=kvm asks for KVM");
		return true;
	}
	if (mode) {
		snprintf(reason, sizeof reason, "virtualization_mode = Hardware in %s", origin);
		return true;
	}
	char *failed = kvm_failure();
	if (failed) {
		snprintf(reason, sizeof reason,
		         "KVM fails on this host (%s); Set-VMHost -VirtualizationMode Hardware "
		         "uses it anyway",
		         failed);
		free(failed);
		return false;
	}
	snprintf(reason, sizeof reason, "/dev/kvm is available");
	return true;
}

char *eng_default_dir(const char *what)
{
	eng_conf_key key = strcmp(what, "vms") == 0     ? ENG_CONF_VM_PATH
	                   : strcmp(what, "disks") == 0 ? ENG_CONF_VHD_PATH
	                                                : ENG_CONF_NKEYS;
	const char *set = key != ENG_CONF_NKEYS ? eng_conf_get(key, NULL) : NULL;
	if (set)
		return eng_strdup(set);
	if (eng_g.root)
		return eng_printf("%s/%s", eng_g.root, what);
	char *data = default_data_dir();
	char *p = eng_printf("%s/%s", data, what);
	free(data);
	return p;
}

static char *version_text(unsigned long v)
{
	return eng_printf("%lu.%lu.%lu", v / 1000000, v / 1000 % 1000, v % 1000);
}

static int host_info(eng_host *h, char **err)
{
	memset(h, 0, sizeof *h);
	if (eng_connect(err) < 0)
		return -1;
	char *hn = virConnectGetHostname(eng_g.conn);
	if (!hn) {
		virResetLastError();
		char buf[256] = "localhost";
		gethostname(buf, sizeof buf - 1);
		hn = eng_strdup(buf);
	}
	h->name = hn;
	h->engine_uri = eng_strdup(eng_g.uri);
	h->engine_reason = eng_strdup(eng_g.reason);
	const char *why;
	h->virtualization_mode = eng_strdup(eng_use_kvm(&why) ? "Hardware" : "Emulated");
	h->virtualization_reason = eng_strdup(why);
	unsigned long lv = 0, hv = 0;
	if (virConnectGetLibVersion(eng_g.conn, &lv) < 0)
		virResetLastError();
	if (virConnectGetVersion(eng_g.conn, &hv) < 0)
		virResetLastError();
	h->libvirt_version = version_text(lv);
	h->qemu_version = version_text(hv);
	virNodeInfo ni;
	if (virNodeGetInfo(eng_g.conn, &ni) == 0) {
		h->logical_processor_count = (int)ni.cpus;
		h->memory_capacity = (int64_t)ni.memory * 1024;
	} else {
		virResetLastError();
	}
	h->virtual_machine_path = eng_default_dir("vms");
	h->virtual_hard_disk_path = eng_default_dir("disks");
	return 0;
}

static int check_dir(const char *what, const char *path, char **err)
{
	struct stat st;
	if (!path)
		return 0;
	if (path[0] != '/')
		return eng_fail(err, "The %s '%s' is not an absolute path", what, path);
	if (stat(path, &st) != 0)
		return eng_fail(err, "The %s '%s' does not exist: %s", what, path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return eng_fail(err, "The %s '%s' is not a directory", what, path);
	return 0;
}

static int set_host(const eng_host_settings *s, char **err)
{
	const char *mode = s->virtualization_mode;
	if (mode && strcasecmp(mode, "Hardware") != 0 && strcasecmp(mode, "Emulated") != 0)
		return eng_fail(err,
		                "The virtualization mode '%s' is not valid: expected Hardware "
		                "or Emulated",
		                mode);
	if (check_dir("virtual machine path", s->virtual_machine_path, err) < 0 ||
	    check_dir("virtual hard disk path", s->virtual_hard_disk_path, err) < 0)
		return -1;
	if (s->virtual_machine_path &&
	    eng_conf_set(ENG_CONF_VM_PATH, s->virtual_machine_path, err) < 0)
		return -1;
	if (s->virtual_hard_disk_path &&
	    eng_conf_set(ENG_CONF_VHD_PATH, s->virtual_hard_disk_path, err) < 0)
		return -1;
	if (mode && eng_conf_set(ENG_CONF_MODE, mode, err) < 0)
		return -1;
	return 0;
}

static void host_free(eng_host *h)
{
	free(h->name);
	free(h->engine_uri);
	free(h->engine_reason);
	free(h->virtualization_mode);
	free(h->virtualization_reason);
	free(h->libvirt_version);
	free(h->qemu_version);
	free(h->virtual_machine_path);
	free(h->virtual_hard_disk_path);
	memset(h, 0, sizeof *h);
}

static const eng_api api = {
    .version = ENG_API_VERSION,
    .connect = eng_open,
    .disconnect = eng_disconnect,
    .host_info = host_info,
    .host_free = host_free,
    .set_host = set_host,
    .host_start = eng_host_start,
    .host_stop = eng_host_stop,
    .list_vms = eng_list_vms,
    .get_vm = eng_get_vm,
    .vms_free = eng_vms_free,
    .new_vm = eng_new_vm,
    .start_vm = eng_start_vm,
    .stop_vm = eng_stop_vm,
    .remove_vm = eng_remove_vm,
    .check_name = eng_check_name,
    .pause_vm = eng_pause_vm,
    .restart_vm = eng_restart_vm,
    .set_vm = eng_set_vm,
    .drives = &eng_drives_table,
    .nics = &eng_nics_table,
    .hardware = &eng_hardware_table,
    .firmware = &eng_firmware_table,
};

__attribute__((visibility("default"))) const eng_api *hvsh_engine_api(void)
{
	return &api;
}
