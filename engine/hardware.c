/*
 * hardware.c - a VM's processor, memory and COM ports: eng_api.hardware
 * (see hardware.h).
 *
 * Every change reads the persistent description, edits it as a document
 * and defines it again in one libvirt call, so a refused or failed change
 * leaves nothing behind. The count and the memory settings Set-VM also
 * knows go through eng_domxml_apply, the one place that writes them.
 * Changes a running VM takes at once (processor limit, weight, affinity)
 * are made live after the description is stored; when the live change
 * fails, the previous description is defined again.
 *
 * Processor limits are cgroup settings libvirt applies to each virtual
 * processor's thread: Maximum N% is a quota of N ms every 100 ms (CFS
 * bandwidth control; libvirt's smallest quota is 1 ms, so 0% is held to
 * 1%), RelativeWeight is the CPU weight, scaled so that Hyper-V's default
 * of 100 is the cgroup default (1024 shares under cgroup v1, weight 100
 * under v2). What a setting was given as is kept in hvsh's metadata, so
 * Get-VMProcessor shows it back exactly.
 *
 * A named pipe's socket lives in a directory of hvsh's shared by every
 * VM, as Windows' pipe namespace is; two VMs cannot name the same pipe.
 * libvirt creates the socket when the VM starts and QEMU listens on it
 * (<serial type='unix'><source mode='bind'>), so a client can attach
 * to it at any time; output written while nobody listens is dropped, as
 * with Hyper-V's pipes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "internal.h"

#define X(s) ((const xmlChar *)(s))

/* Hyper-V's defaults for what was never set. */
#define DEFAULT_MAXIMUM  100
#define DEFAULT_WEIGHT   100
#define DEFAULT_BUFFER   20
#define DEFAULT_PRIORITY 50

/* CFS bandwidth: the period, and libvirt's smallest quota (microseconds). */
#define CFS_PERIOD_US 100000
#define CFS_MIN_QUOTA 1000

#define PIPE_PREFIX "\\\\.\\pipe\\"

/* ---- the domain and its description ---- */

static char *read_xml(virDomainPtr dom, char **err)
{
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
	if (!xml)
		eng_fail_virt(err, "cannot read the description of '%s'", virDomainGetName(dom));
	return xml;
}

static int define_xml(virDomainPtr dom, const char *xml, char **err)
{
	virDomainPtr again = virDomainDefineXML(eng_g.conn, xml);
	if (!again)
		return eng_fail_virt(err, "'%s' failed to modify its settings",
		                     virDomainGetName(dom));
	virDomainFree(again);
	return 0;
}

static void remove_node(xmlNodePtr n)
{
	if (n) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

static bool has_element_children(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

static long long number_of(xmlNodePtr n, long long fallback)
{
	char *t = eng_xml_text(n);
	char *end = NULL;
	long long v = t ? strtoll(t, &end, 10) : fallback;
	if (t && (end == t || *end))
		v = fallback;
	free(t);
	return v;
}

/* hvsh's metadata: an element of <hvsh:vm>, as text (malloc'd) or a number. */
static char *meta_text(xmlDocPtr doc, const char *name)
{
	xmlNodePtr vm = eng_xml_hvsh(doc);
	for (xmlNodePtr n = vm->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns &&
		    strcmp((const char *)n->name, name) == 0)
			return eng_xml_text(n);
	return NULL;
}

static long long meta_number(xmlDocPtr doc, const char *name, long long fallback)
{
	char *t = meta_text(doc, name);
	char *end = NULL;
	long long v = t ? strtoll(t, &end, 10) : fallback;
	if (t && (end == t || *end))
		v = fallback;
	free(t);
	return v;
}

static bool meta_bool(xmlDocPtr doc, const char *name)
{
	char *t = meta_text(doc, name);
	bool v = t && strcmp(t, "true") == 0;
	free(t);
	return v;
}

static void set_meta(xmlDocPtr doc, const char *name, const char *text)
{
	xmlNodePtr vm = eng_xml_hvsh(doc);
	eng_xml_set_text(vm, vm->ns, name, text);
}

static void set_meta_number(xmlDocPtr doc, const char *name, long long v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	set_meta(doc, name, num);
}

static void set_meta_bool(xmlDocPtr doc, const char *name, int v)
{
	if (v >= 0)
		set_meta(doc, name, v ? "true" : "false");
}

/* ---- the host ---- */

/* The host's processors: how many the bitmap covers, which are online
 * (bits of *map, malloc'd by libvirt), how many are; -1 with *err. */
static int host_cpus(unsigned char **map, unsigned *online, char **err)
{
	int n = virNodeGetCPUMap(eng_g.conn, map, online, 0);
	if (n < 0)
		return eng_fail_virt(err, "cannot read the host's processors");
	return n;
}

static bool cpu_in(const unsigned char *map, int cpu)
{
	return (map[cpu / 8] >> (cpu % 8)) & 1;
}

/* want[0..n) as a cpuset list, "0,2-3" (malloc'd). */
static char *format_cpus(const bool *want, int n)
{
	size_t cap = 16, len = 0;
	char *out = malloc(cap);
	if (!out)
		abort();
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (!want[i])
			continue;
		int j = i;
		while (j + 1 < n && want[j + 1])
			j++;
		char item[32];
		int k = i == j ? snprintf(item, sizeof item, "%s%d", len ? "," : "", i)
		               : snprintf(item, sizeof item, "%s%d-%d", len ? "," : "", i, j);
		if (len + (size_t)k + 1 > cap) {
			cap = (len + (size_t)k + 1) * 2;
			out = realloc(out, cap);
			if (!out)
				abort();
		}
		memcpy(out + len, item, (size_t)k + 1);
		len += (size_t)k;
		i = j;
	}
	return out;
}

static char *online_list(const unsigned char *map, int n)
{
	bool *on = calloc((size_t)n + 1, sizeof *on);
	if (!on)
		abort();
	for (int i = 0; i < n; i++)
		on[i] = cpu_in(map, i);
	char *s = format_cpus(on, n);
	free(on);
	return s;
}

/* Reads a cpuset list ("0,2-3") into want[0..n), every processor online
 * in map; ENG_EINVAL with *err naming the fault. */
static int parse_cpus(const char *list, const unsigned char *map, int n, bool *want, char **err)
{
	const char *p = list;
	int rc = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		char *end;
		long a = strtol(p, &end, 10), b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (!isdigit((unsigned char)*p))
				break;
			b = strtol(p, &end, 10);
			p = end;
		}
		if (b < a) {
			eng_fail(err, "The processor range %ld-%ld runs backwards", a, b);
			return ENG_EINVAL;
		}
		for (long i = a; i <= b && rc == 0; i++) {
			if (i >= n || !cpu_in(map, (int)i)) {
				char *on = online_list(map, n);
				eng_fail(err,
				         "The host has no processor %ld: its processors are %s", i,
				         on);
				free(on);
				return ENG_EINVAL;
			}
			want[i] = true;
		}
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return 0;
		if (*p != ',')
			break;
		p++;
	}
	eng_fail(err,
	         "'%s' is not a list of processors: give numbers and ranges separated by commas, "
	         "such as 0,2-3",
	         list);
	return ENG_EINVAL;
}

/* The host's flag for hardware virtualization: "vmx" (Intel), "svm"
 * (AMD), or NULL when its processor shows neither. */
static const char *nested_flag(void)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	if (!f)
		return NULL;
	char line[8192];
	const char *flag = NULL;
	while (fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "flags", 5) != 0 || !colon)
			continue;
		char *save = NULL;
		for (char *tok = strtok_r(colon + 1, " \t\n", &save); tok && !flag;
		     tok = strtok_r(NULL, " \t\n", &save))
			if (strcmp(tok, "vmx") == 0 || strcmp(tok, "svm") == 0)
				flag = strcmp(tok, "vmx") == 0 ? "vmx" : "svm";
		break; /* every processor shows the same flags */
	}
	fclose(f);
	return flag;
}

/* Whether KVM lets its guests run guests: the module's `nested`. */
static bool kvm_nested(const char *flag)
{
	char path[96];
	snprintf(path, sizeof path, "/sys/module/%s/parameters/nested",
	         strcmp(flag, "vmx") == 0 ? "kvm_intel" : "kvm_amd");
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	char c = 0;
	bool on = fscanf(f, " %c", &c) == 1 && (c == 'Y' || c == 'y' || c == '1');
	fclose(f);
	return on;
}

/* cgroup v2 counts CPU weight 1..10000 (default 100), v1 shares
 * 2..262144 (default 1024). */
static bool cgroup_v2(void)
{
	return access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0;
}

static unsigned long long shares_of_weight(int weight)
{
	return cgroup_v2() ? (unsigned long long)weight : (unsigned long long)weight * 1024 / 100;
}

static int weight_of_shares(long long shares)
{
	long long w = cgroup_v2() ? shares : (shares * 100 + 512) / 1024;
	return w < 1 ? 1 : w > 10000 ? 10000 : (int)w;
}

/* ---- processor ---- */

/* QEMU's baseline models: the same processor on every x86-64 host. */
static bool baseline_model(const char *model)
{
	static const char *const names[] = {"qemu64", "kvm64", "qemu32", "kvm32", NULL};
	for (size_t i = 0; names[i]; i++)
		if (model && strcmp(model, names[i]) == 0)
			return true;
	return false;
}

/* A VM without a <cpu> gets QEMU's default model, qemu64: a baseline. */
static bool cpu_is_baseline(xmlNodePtr cpu)
{
	if (!cpu)
		return true;
	char *mode = eng_xml_attr(cpu, "mode");
	char *model = eng_xml_text(eng_xml_child(cpu, "model"));
	bool yes = (!mode || strcmp(mode, "custom") == 0) && (!model || baseline_model(model));
	free(mode);
	free(model);
	return yes;
}

static void perfmon_parts(const char *text, eng_processor *p)
{
	char *copy = eng_strdup(text ? text : "");
	char *save = NULL;
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		p->perfmon_pmu |= strcasecmp(tok, "pmu") == 0;
		p->perfmon_lbr |= strcasecmp(tok, "lbr") == 0;
		p->perfmon_pebs |= strcasecmp(tok, "pebs") == 0;
		p->perfmon_ipt |= strcasecmp(tok, "ipt") == 0;
	}
	free(copy);
}

/* The Perfmon list in one spelling ("pmu,lbr"); ENG_EINVAL for a word
 * that is none of pmu, lbr, pebs and ipt. */
static int perfmon_canonical(const char *text, char **out, char **err)
{
	eng_processor p = {0};
	char *copy = eng_strdup(text);
	char *save = NULL;
	int rc = 0;
	for (char *tok = strtok_r(copy, ", ", &save); tok && rc == 0;
	     tok = strtok_r(NULL, ", ", &save))
		if (strcasecmp(tok, "pmu") != 0 && strcasecmp(tok, "lbr") != 0 &&
		    strcasecmp(tok, "pebs") != 0 && strcasecmp(tok, "ipt") != 0) {
			eng_fail(
			    err,
			    "'%s' is not a performance monitoring component: expected pmu, lbr, "
			    "pebs or ipt",
			    tok);
			rc = ENG_EINVAL;
		}
	free(copy);
	if (rc)
		return rc;
	perfmon_parts(text, &p);
	*out = eng_printf("%s%s%s%s%s%s%s", p.perfmon_pmu ? "pmu" : "",
	                  p.perfmon_pmu && (p.perfmon_lbr || p.perfmon_pebs || p.perfmon_ipt) ? ","
	                                                                                      : "",
	                  p.perfmon_lbr ? "lbr" : "",
	                  p.perfmon_lbr && (p.perfmon_pebs || p.perfmon_ipt) ? "," : "",
	                  p.perfmon_pebs ? "pebs" : "", p.perfmon_pebs && p.perfmon_ipt ? "," : "",
	                  p.perfmon_ipt ? "ipt" : "");
	return 0;
}

static void read_processor(xmlDocPtr doc, eng_processor *out)
{
	memset(out, 0, sizeof *out);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr vcpu = eng_xml_child(root, "vcpu");
	out->count = (int)number_of(vcpu, 1);
	char *cpuset = eng_xml_attr(vcpu, "cpuset");
	out->affinity = cpuset ? cpuset : eng_strdup("");

	xmlNodePtr tune = eng_xml_child(root, "cputune");
	long long period = number_of(eng_xml_child(tune, "period"), 0);
	long long quota = number_of(eng_xml_child(tune, "quota"), 0);
	long long shares = number_of(eng_xml_child(tune, "shares"), 0);
	/* what the setting was given as; else what the description says */
	long long derived = period > 0 && quota > 0 ? quota * 100 / period : DEFAULT_MAXIMUM;
	out->maximum = (int)meta_number(doc, "processorMaximum", derived > 100 ? 100 : derived);
	out->reserve = (int)meta_number(doc, "processorReserve", 0);
	out->relative_weight = (int)meta_number(
	    doc, "processorRelativeWeight", shares > 0 ? weight_of_shares(shares) : DEFAULT_WEIGHT);
	out->compatibility_for_migration = cpu_is_baseline(eng_xml_child(root, "cpu"));
	out->compatibility_for_older_os = meta_bool(doc, "compatibilityForOlderOperatingSystems");
	out->expose_virtualization_extensions = meta_bool(doc, "exposeVirtualizationExtensions");
	out->host_resource_protection = meta_bool(doc, "hostResourceProtection");
	out->hw_thread_count_per_core = meta_number(doc, "hwThreadCountPerCore", 0);

	/* Hyper-V's defaults: the host's processors per NUMA node and its
	   sockets per node */
	virNodeInfo ni;
	int per_node = 1, sockets = 1;
	if (virNodeGetInfo(eng_g.conn, &ni) == 0) {
		per_node = (int)(ni.sockets * ni.cores * ni.threads);
		sockets = (int)ni.sockets;
	} else {
		virResetLastError();
	}
	out->maximum_count_per_numa_node =
	    (int)meta_number(doc, "maximumCountPerNumaNode", per_node);
	out->maximum_count_per_numa_socket =
	    (int)meta_number(doc, "maximumCountPerNumaSocket", sockets);
	char *perfmon = meta_text(doc, "perfmon");
	perfmon_parts(perfmon, out);
	free(perfmon);
}

static int get_processor(const char *id, eng_processor *out, char **err)
{
	memset(out, 0, sizeof *out);
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	char *xml = read_xml(dom, err);
	xmlDocPtr doc = xml ? eng_xml_read(xml, err) : NULL;
	int rc = -1;
	if (doc) {
		read_processor(doc, out);
		xmlFreeDoc(doc);
		rc = 0;
	}
	free(xml);
	virDomainFree(dom);
	return rc;
}

static void processor_free(eng_processor *p)
{
	free(p->affinity);
	memset(p, 0, sizeof *p);
}

/* Sets or removes an element child of parent holding a number. */
static void set_number_child(xmlNodePtr parent, const char *name, long long v, bool keep)
{
	if (!keep) {
		remove_node(eng_xml_child(parent, name));
		return;
	}
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	eng_xml_set_text(parent, NULL, name, num);
}

static long long quota_of(int maximum)
{
	long long q = (long long)maximum * CFS_PERIOD_US / 100;
	return q < CFS_MIN_QUOTA ? CFS_MIN_QUOTA : q;
}

/* The processor model: QEMU's baseline (compat) or libvirt's "maximum",
 * the host's processor under KVM and every feature QEMU emulates under
 * TCG. Other children (topology, features ...) stay. */
static void set_cpu_model(xmlNodePtr root, bool compat)
{
	xmlNodePtr cpu = eng_xml_element(root, NULL, "cpu");
	xmlUnsetProp(cpu, X("match"));
	xmlUnsetProp(cpu, X("migratable"));
	if (compat) {
		xmlSetProp(cpu, X("mode"), X("custom"));
		xmlSetProp(cpu, X("match"), X("exact"));
		xmlSetProp(cpu, X("check"), X("none"));
		xmlNodePtr model = eng_xml_child(cpu, "model");
		char *name = eng_xml_text(model);
		if (!baseline_model(name)) {
			model = eng_xml_element(cpu, NULL, "model");
			xmlNodeSetContent(model, X("qemu64"));
			xmlUnsetProp(model, X("vendor_id"));
		}
		xmlSetProp(model, X("fallback"), X("forbid"));
		free(name);
	} else {
		remove_node(eng_xml_child(cpu, "model"));
		remove_node(eng_xml_child(cpu, "vendor"));
		xmlSetProp(cpu, X("mode"), X("maximum"));
		xmlSetProp(cpu, X("check"), X("none"));
		xmlSetProp(cpu, X("migratable"), X("on"));
	}
}

/* The host's vmx or svm, required of the processor (or no longer). */
static void set_cpu_nested(xmlNodePtr root, bool on, const char *flag)
{
	xmlNodePtr cpu = eng_xml_child(root, "cpu");
	for (xmlNodePtr n = cpu ? cpu->children : NULL, next; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "feature") != 0)
			continue;
		char *name = eng_xml_attr(n, "name");
		if (name && (strcmp(name, "vmx") == 0 || strcmp(name, "svm") == 0))
			remove_node(n);
		free(name);
	}
	if (!on || !flag)
		return;
	if (!cpu) {
		/* the model a VM without <cpu> has, written out */
		set_cpu_model(root, true);
		cpu = eng_xml_child(root, "cpu");
	}
	xmlNodePtr f = xmlNewChild(cpu, NULL, X("feature"), NULL);
	xmlSetProp(f, X("policy"), X("require"));
	xmlSetProp(f, X("name"), X(flag));
}

static bool changes_model(const eng_processor_settings *s)
{
	return s->compatibility_for_migration >= 0 || s->compatibility_for_older_os >= 0 ||
	       s->expose_virtualization_extensions >= 0 || s->host_resource_protection >= 0 ||
	       s->hw_thread_count_per_core >= 0 || s->maximum_count_per_numa_node >= 0 ||
	       s->maximum_count_per_numa_socket >= 0 || s->perfmon;
}

static bool changes_live(const eng_processor_settings *s)
{
	return s->maximum >= 0 || s->relative_weight >= 0 || s->affinity;
}

/* The changes a running VM takes at once. */
static int apply_live(virDomainPtr dom, const eng_processor_settings *s, const bool *want,
                      int ncpus, char **err)
{
	virTypedParameterPtr params = NULL;
	int n = 0, max = 0;
	int rc = 0;
	if (s->maximum >= 0) {
		bool limit = s->maximum < 100;
		if (virTypedParamsAddULLong(&params, &n, &max, "vcpu_period", CFS_PERIOD_US) < 0 ||
		    virTypedParamsAddLLong(&params, &n, &max, "vcpu_quota",
		                           limit ? quota_of(s->maximum) : -1) < 0)
			rc = -1;
	}
	if (rc == 0 && s->relative_weight >= 0 &&
	    virTypedParamsAddULLong(&params, &n, &max, "cpu_shares",
	                            shares_of_weight(s->relative_weight)) < 0)
		rc = -1;
	if (rc == 0 && n > 0 &&
	    virDomainSetSchedulerParametersFlags(dom, params, n, VIR_DOMAIN_AFFECT_LIVE) < 0)
		rc = -1;
	virTypedParamsFree(params, n);
	if (rc < 0)
		return eng_fail_virt(err, "'%s' failed to apply the processor limits",
		                     virDomainGetName(dom));
	if (!s->affinity)
		return 0;
	int maplen = VIR_CPU_MAPLEN(ncpus);
	unsigned char *map = calloc((size_t)maplen, 1);
	if (!map)
		abort();
	for (int i = 0; i < ncpus; i++)
		if (want[i])
			VIR_USE_CPU(map, i);
	int vcpus = virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE);
	for (int v = 0; v < vcpus && rc == 0; v++)
		if (virDomainPinVcpuFlags(dom, (unsigned)v, map, maplen, VIR_DOMAIN_AFFECT_LIVE) <
		    0)
			rc = -1;
	if (vcpus < 0 ||
	    (rc == 0 && virDomainPinEmulator(dom, map, maplen, VIR_DOMAIN_AFFECT_LIVE) < 0))
		rc = -1;
	free(map);
	if (rc < 0)
		return eng_fail_virt(err, "'%s' failed to move to the processors asked for",
		                     virDomainGetName(dom));
	return 0;
}

/* What the host cannot give a VM whose processor exposes virtualization
 * extensions; NULL when it can. */
static char *nested_warning(const char *name)
{
	const char *why;
	if (!eng_use_kvm(&why))
		return eng_printf(
		    "ExposeVirtualizationExtensions is kept for '%s', and takes effect "
		    "only with hardware virtualization (KVM): this host uses software "
		    "emulation (%s).",
		    name, why);
	const char *flag = nested_flag();
	if (!flag)
		return eng_printf(
		    "ExposeVirtualizationExtensions is kept for '%s', but the host's "
		    "processor has no virtualization extensions (vmx or svm) to pass on.",
		    name);
	if (!kvm_nested(flag))
		return eng_printf(
		    "ExposeVirtualizationExtensions is kept for '%s', but KVM on this host "
		    "does not allow nested virtualization: set the %s module's parameter "
		    "nested=1.",
		    name, strcmp(flag, "vmx") == 0 ? "kvm_intel" : "kvm_amd");
	return NULL;
}

/* What the VM's state or the host forbids, before anything is read:
 * -1 or ENG_EINVAL with *err, else 0. */
static int check_processor(virDomainPtr dom, const eng_processor_settings *s, char **err)
{
	const char *name = virDomainGetName(dom);
	const char *busy = eng_busy_state(dom);
	const char *head = "failed to modify device 'Processor'.";
	int rc = s->count >= 0 ? eng_check_processor_count(name, busy, s->count, err) : 0;
	if (rc != 0)
		return rc;
	if (busy && changes_model(s))
		return eng_fail(err,
		                "'%s' %s The processor's features cannot be changed while the "
		                "virtual machine is %s",
		                name, head, busy);
	if (busy && strcmp(busy, "saved") == 0 && changes_live(s))
		/* a saved VM resumes with the processor its saved state holds */
		return eng_fail(err,
		                "'%s' %s The virtual machine is saved: its saved state keeps the "
		                "processor settings it had. Start it first: a running virtual "
		                "machine takes the change at once",
		                name, head);
	virNodeInfo ni;
	if (s->hw_thread_count_per_core > 0 && virNodeGetInfo(eng_g.conn, &ni) == 0 &&
	    s->hw_thread_count_per_core > (int64_t)ni.threads) {
		eng_fail(
		    err,
		    "'%s' %s The virtual machine cannot have %lld threads per core: the host's "
		    "processors have %u",
		    name, head, (long long)s->hw_thread_count_per_core, ni.threads);
		return ENG_EINVAL;
	}
	virResetLastError();
	return 0;
}

/* Writes s into the description; `affinity` and `perfmon` are s's, in
 * their one spelling. */
static void edit_processor(xmlDocPtr doc, const eng_processor_settings *s, const char *affinity,
                           const char *perfmon)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (s->maximum >= 0 || s->relative_weight >= 0) {
		xmlNodePtr tune = eng_xml_element(root, NULL, "cputune");
		if (s->maximum >= 0) {
			bool limit = s->maximum < 100;
			set_number_child(tune, "period", CFS_PERIOD_US, limit);
			set_number_child(tune, "quota", quota_of(s->maximum), limit);
			set_meta_number(doc, "processorMaximum", s->maximum);
		}
		if (s->relative_weight >= 0) {
			set_number_child(tune, "shares",
			                 (long long)shares_of_weight(s->relative_weight),
			                 s->relative_weight != DEFAULT_WEIGHT);
			set_meta_number(doc, "processorRelativeWeight", s->relative_weight);
		}
		if (!has_element_children(tune))
			remove_node(tune);
	}
	if (s->reserve >= 0)
		set_meta_number(doc, "processorReserve", s->reserve);
	if (s->affinity) {
		xmlNodePtr vcpu = eng_xml_element(root, NULL, "vcpu");
		if (affinity)
			xmlSetProp(vcpu, X("cpuset"), X(affinity));
		else
			xmlUnsetProp(vcpu, X("cpuset"));
	}
	if (s->compatibility_for_migration >= 0)
		set_cpu_model(root, s->compatibility_for_migration);
	if (s->expose_virtualization_extensions >= 0) {
		set_cpu_nested(root, s->expose_virtualization_extensions, nested_flag());
		set_meta_bool(doc, "exposeVirtualizationExtensions",
		              s->expose_virtualization_extensions);
	} else if (s->compatibility_for_migration >= 0 &&
	           meta_bool(doc, "exposeVirtualizationExtensions")) {
		/* a new model keeps the nested feature asked for before */
		set_cpu_nested(root, true, nested_flag());
	}
	set_meta_bool(doc, "compatibilityForOlderOperatingSystems", s->compatibility_for_older_os);
	set_meta_bool(doc, "hostResourceProtection", s->host_resource_protection);
	if (s->hw_thread_count_per_core >= 0)
		set_meta_number(doc, "hwThreadCountPerCore", s->hw_thread_count_per_core);
	if (s->maximum_count_per_numa_node >= 0)
		set_meta_number(doc, "maximumCountPerNumaNode", s->maximum_count_per_numa_node);
	if (s->maximum_count_per_numa_socket >= 0)
		set_meta_number(doc, "maximumCountPerNumaSocket", s->maximum_count_per_numa_socket);
	if (perfmon)
		set_meta(doc, "perfmon", perfmon);
}

static int set_processor(const char *id, const eng_processor_settings *s, char **warning,
                         char **err)
{
	*warning = NULL;
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *name = virDomainGetName(dom);
	unsigned char *online = NULL;
	unsigned nonline = 0;
	bool *want = NULL;
	char *affinity = NULL, *perfmon = NULL, *xml = NULL, *applied = NULL, *changed = NULL;
	xmlDocPtr doc = NULL;
	int rc = -1;
	int ncpus = host_cpus(&online, &nonline, err);
	if (ncpus < 0 || (rc = check_processor(dom, s, err)) != 0)
		goto out;
	/* the processors the VM may use: those listed, or every one online */
	want = calloc((size_t)ncpus + 1, sizeof *want);
	if (!want)
		abort();
	for (int i = 0; s->affinity && !*s->affinity && i < ncpus; i++)
		want[i] = cpu_in(online, i);
	if (s->affinity && *s->affinity) {
		if ((rc = parse_cpus(s->affinity, online, ncpus, want, err)) != 0)
			goto out;
		affinity = format_cpus(want, ncpus);
	}
	if (s->perfmon && (rc = perfmon_canonical(s->perfmon, &perfmon, err)) != 0)
		goto out;
	rc = -1;

	xml = read_xml(dom, err);
	eng_vm_settings vs = {
	    .processor_count = s->count > 0 ? s->count : 0,
	    .dynamic_memory = -1,
	    .automatic_start_delay = -1,
	};
	applied = !xml ? NULL : s->count > 0 ? eng_domxml_apply(xml, &vs, err) : eng_strdup(xml);
	doc = applied ? eng_xml_read(applied, err) : NULL;
	if (!doc)
		goto out;
	eng_processor cur;
	read_processor(doc, &cur);
	int maximum = s->maximum >= 0 ? s->maximum : cur.maximum;
	int reserve = s->reserve >= 0 ? s->reserve : cur.reserve;
	processor_free(&cur);
	if (reserve > maximum) {
		eng_fail(
		    err,
		    "'%s' failed to modify device 'Processor'. The reserve (%d%%) cannot be more "
		    "than the maximum (%d%%)",
		    name, reserve, maximum);
		rc = ENG_EINVAL;
		goto out;
	}
	edit_processor(doc, s, affinity, perfmon);
	changed = eng_xml_dump(doc);
	if (define_xml(dom, changed, err) < 0)
		goto out;
	bool active = eng_is_active(eng_domain_state(dom));
	if (active && changes_live(s) && apply_live(dom, s, want, ncpus, err) < 0) {
		/* the stored description goes back to what runs */
		char *ignored = NULL;
		if (define_xml(dom, xml, &ignored) < 0)
			free(ignored);
		goto out;
	}
	if (s->expose_virtualization_extensions == 1)
		*warning = nested_warning(name);
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	free(changed);
	free(applied);
	free(xml);
	free(perfmon);
	free(affinity);
	free(want);
	free(online);
	virDomainFree(dom);
	return rc;
}

/* ---- memory ---- */

static int get_memory(const char *id, eng_memory *out, char **err)
{
	memset(out, 0, sizeof *out);
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	char *xml = read_xml(dom, err);
	xmlDocPtr doc = xml ? eng_xml_read(xml, err) : NULL;
	int rc = -1;
	if (doc) {
		out->buffer = (int)meta_number(doc, "memoryBuffer", DEFAULT_BUFFER);
		out->priority = (int)meta_number(doc, "memoryPriority", DEFAULT_PRIORITY);
		virNodeInfo ni;
		if (virNodeGetInfo(eng_g.conn, &ni) == 0)
			out->maximum_per_numa_node =
			    (int64_t)ni.memory * 1024 / (ni.nodes > 0 ? ni.nodes : 1);
		else
			virResetLastError();
		xmlFreeDoc(doc);
		rc = 0;
	}
	free(xml);
	virDomainFree(dom);
	return rc;
}

static void vm_free(eng_vm *v)
{
	/* eng_vms_free frees the array it is given */
	eng_vm *copy = malloc(sizeof *copy);
	if (!copy)
		abort();
	*copy = *v;
	eng_vms_free(copy, 1);
}

static int set_memory(const char *id, const eng_memory_settings *s, char **err)
{
	eng_vm cur;
	int rc = eng_get_vm(id, &cur, err);
	if (rc < 0)
		return rc;
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom) {
		vm_free(&cur);
		return ENG_ENOTFOUND;
	}
	char *xml = NULL, *applied = NULL, *changed = NULL;
	xmlDocPtr doc = NULL;
	eng_vm_settings vs = {.memory_startup = s->startup > 0 ? s->startup : 0,
	                      .dynamic_memory = s->dynamic,
	                      .memory_minimum = s->minimum > 0 ? s->minimum : 0,
	                      .memory_maximum = s->maximum > 0 ? s->maximum : 0,
	                      .automatic_start_delay = -1};
	rc = eng_check_memory(virDomainGetName(dom), eng_busy_state(dom), &cur, &vs, err);
	if (rc)
		goto out;
	rc = -1;
	xml = read_xml(dom, err);
	applied = xml ? eng_domxml_apply(xml, &vs, err) : NULL;
	doc = applied ? eng_xml_read(applied, err) : NULL;
	if (!doc)
		goto out;
	if (s->buffer >= 0)
		set_meta_number(doc, "memoryBuffer", s->buffer);
	if (s->priority >= 0)
		set_meta_number(doc, "memoryPriority", s->priority);
	changed = eng_xml_dump(doc);
	rc = define_xml(dom, changed, err);
out:
	if (doc)
		xmlFreeDoc(doc);
	free(changed);
	free(applied);
	free(xml);
	virDomainFree(dom);
	vm_free(&cur);
	return rc;
}

/* ---- COM ports ---- */

static char *pipe_dir(void)
{
	return eng_default_dir("pipes");
}

/* The serial device of COM `number` (libvirt's port number-1), or NULL. */
static xmlNodePtr com_serial(xmlNodePtr devices, int number)
{
	int index = 0;
	for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns ||
		    strcmp((const char *)n->name, "serial") != 0)
			continue;
		char *port = eng_xml_attr(eng_xml_child(n, "target"), "port");
		int p = port ? atoi(port) : index;
		free(port);
		index++;
		if (p == number - 1)
			return n;
	}
	return NULL;
}

static void read_com(xmlNodePtr devices, int number, const char *pipes, eng_com_port *out)
{
	out->number = number;
	xmlNodePtr ser = com_serial(devices, number);
	char *type = eng_xml_attr(ser, "type");
	char *src = eng_xml_attr(eng_xml_child(ser, "source"), "path");
	if (type && src && strcmp(type, "unix") == 0) {
		size_t n = strlen(pipes);
		const char *base = strrchr(src, '/');
		/* a socket of hvsh's pipe directory stands for a named pipe */
		if (base && (size_t)(base - src) == n && strncmp(src, pipes, n) == 0)
			out->path = eng_printf(PIPE_PREFIX "%s", base + 1);
		else
			out->path = eng_strdup(src);
		out->host_path = src;
	} else if (type && src && strcmp(type, "file") == 0) {
		out->path = eng_strdup(src);
		out->host_path = src;
	} else {
		out->path = eng_strdup("");
		out->host_path = eng_strdup("");
		free(src);
	}
	free(type);
}

static int get_com_ports(const char *id, eng_com_port out[ENG_COM_PORTS], char **err)
{
	memset(out, 0, ENG_COM_PORTS * sizeof *out);
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	char *xml = read_xml(dom, err);
	xmlDocPtr doc = xml ? eng_xml_read(xml, err) : NULL;
	int rc = -1;
	if (doc) {
		xmlNodePtr devices = eng_xml_child(xmlDocGetRootElement(doc), "devices");
		char *pipes = pipe_dir();
		for (int i = 0; i < ENG_COM_PORTS; i++) {
			read_com(devices, i + 1, pipes, &out[i]);
			char key[32];
			snprintf(key, sizeof key, "com%dDebuggerMode", i + 1);
			out[i].debugger_mode = meta_bool(doc, key);
		}
		free(pipes);
		xmlFreeDoc(doc);
		rc = 0;
	}
	free(xml);
	virDomainFree(dom);
	return rc;
}

static void com_ports_free(eng_com_port *ports, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ports[i].path);
		free(ports[i].host_path);
	}
	memset(ports, 0, n * sizeof *ports);
}

/* Where `path` sends COM output: *socket (a named pipe's socket) or *file
 * (malloc'd), both NULL for ""; ENG_EINVAL with *err when it is
 * neither a local pipe nor an absolute file path. */
static int com_target(const char *path, char **socket, char **file, char **err)
{
	*socket = *file = NULL;
	if (!*path)
		return 0;
	if (strncmp(path, "\\\\", 2) == 0) {
		const char *server = path + 2;
		const char *sep = strchr(server, '\\');
		if (!sep || strncasecmp(sep + 1, "pipe\\", 5) != 0) {
			eng_fail(err, "'%s' is not a named pipe: expected \\\\.\\pipe\\NAME", path);
			return ENG_EINVAL;
		}
		if (sep - server != 1 || server[0] != '.') {
			eng_fail(
			    err,
			    "The pipe '%s' is on another computer: a COM port connects to a pipe "
			    "on this host, \\\\.\\pipe\\NAME",
			    path);
			return ENG_EINVAL;
		}
		const char *name = sep + 6;
		const char *why = NULL;
		if (!*name)
			why = "it has no name";
		else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			why = "'.' and '..' cannot name a pipe";
		for (const unsigned char *p = (const unsigned char *)name; *p && !why; p++)
			if (*p == '/' || *p == '\\')
				why = "a pipe's name cannot contain '/' or '\\'";
			else if (*p < 0x20 || *p == 0x7f)
				why = "a pipe's name cannot contain control characters";
		char *dir = pipe_dir();
		char *sock = eng_printf("%s/%s", dir, name);
		free(dir);
		if (!why && strlen(sock) >= sizeof(((struct sockaddr_un *)0)->sun_path))
			why = "its socket's path would be longer than the host allows";
		if (why) {
			eng_fail(err, "The pipe name '%s' is not valid: %s", path, why);
			free(sock);
			return ENG_EINVAL;
		}
		*socket = sock;
		return 0;
	}
	if (strchr(path, '\\')) {
		eng_fail(err,
		         "'%s' is neither a named pipe (\\\\.\\pipe\\NAME) nor a file path on this "
		         "host",
		         path);
		return ENG_EINVAL;
	}
	if (path[0] != '/') {
		eng_fail(err, "The COM port's file '%s' is not an absolute path", path);
		return ENG_EINVAL;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		eng_fail(err, "'%s' is a directory: a COM port writes to a file", path);
		return ENG_EINVAL;
	}
	char *dir = eng_strdup(path);
	*strrchr(dir, '/') = '\0';
	if (*dir && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		eng_fail(err, "The directory of the COM port's file '%s' does not exist", path);
		free(dir);
		return ENG_EINVAL;
	}
	free(dir);
	*file = eng_strdup(path);
	return 0;
}

/* The name of another VM whose COM port uses the socket (malloc'd), or
 * NULL. */
static char *socket_user(const char *id, const char *sock)
{
	virDomainPtr *doms = NULL;
	int n = virConnectListAllDomains(eng_g.conn, &doms, 0);
	if (n < 0) {
		virResetLastError();
		return NULL;
	}
	char *user = NULL;
	for (int i = 0; i < n; i++) {
		char uuid[VIR_UUID_STRING_BUFLEN] = "";
		if (virDomainGetUUIDString(doms[i], uuid) < 0)
			virResetLastError();
		char *e = NULL;
		char *xml = !user && strcasecmp(uuid, id) != 0 ? read_xml(doms[i], &e) : NULL;
		xmlDocPtr doc = xml ? eng_xml_read(xml, &e) : NULL;
		free(e);
		xmlNodePtr devices =
		    doc ? eng_xml_child(xmlDocGetRootElement(doc), "devices") : NULL;
		for (int k = 1; devices && k <= ENG_COM_PORTS && !user; k++) {
			char *src =
			    eng_xml_attr(eng_xml_child(com_serial(devices, k), "source"), "path");
			if (src && strcmp(src, sock) == 0)
				user = eng_strdup(virDomainGetName(doms[i]));
			free(src);
		}
		if (doc)
			xmlFreeDoc(doc);
		free(xml);
		virDomainFree(doms[i]);
	}
	free(doms);
	return user;
}

/* Points serial device `ser` at the socket, the file, or nothing. */
static void connect_serial(xmlNodePtr ser, const char *sock, const char *file)
{
	for (xmlNodePtr n = ser->children, next; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "target") != 0)
			remove_node(n);
	}
	xmlSetProp(ser, X("type"), X(sock ? "unix" : file ? "file" : "null"));
	if (!sock && !file)
		return;
	xmlNodePtr src = xmlNewNode(NULL, X("source"));
	if (sock)
		xmlSetProp(src, X("mode"), X("bind")); /* QEMU listens */
	xmlSetProp(src, X("path"), X(sock ? sock : file));
	xmlNodePtr target = eng_xml_child(ser, "target");
	if (target)
		xmlAddPrevSibling(target, src);
	else
		xmlAddChild(ser, src);
}

/* libvirt shows COM 1 again as the console; a stale copy would disagree
 * with the port, so it goes and libvirt makes it anew. */
static void drop_serial_console(xmlNodePtr devices, int number)
{
	for (xmlNodePtr n = devices->children, next; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "console") != 0)
			continue;
		xmlNodePtr target = eng_xml_child(n, "target");
		char *type = eng_xml_attr(target, "type");
		char *port = eng_xml_attr(target, "port");
		if ((!type || strcmp(type, "serial") == 0) && (port ? atoi(port) : 0) == number - 1)
			remove_node(n);
		free(type);
		free(port);
	}
}

static int set_com_port(const char *id, int number, const char *path, int debugger_mode, char **err)
{
	if (number < 1 || number > ENG_COM_PORTS) {
		eng_fail(err, "There is no COM %d: a virtual machine has COM 1 and COM 2", number);
		return ENG_EINVAL;
	}
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *name = virDomainGetName(dom);
	char *sock = NULL, *file = NULL, *xml = NULL, *changed = NULL, *user = NULL;
	xmlDocPtr doc = NULL;
	int rc = path ? com_target(path, &sock, &file, err) : 0;
	if (rc)
		goto out;
	rc = -1;
	xml = read_xml(dom, err);
	doc = xml ? eng_xml_read(xml, err) : NULL;
	if (!doc)
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr devices = eng_xml_element(root, NULL, "devices");
	if (path) {
		xmlNodePtr ser = com_serial(devices, number);
		char *pipes = pipe_dir();
		eng_com_port now = {0};
		read_com(devices, number, pipes, &now);
		free(pipes);
		bool same = strcmp(now.host_path, sock ? sock : file ? file : "") == 0;
		com_ports_free(&now, 1);
		const char *busy = same ? NULL : eng_busy_state(dom);
		if (busy) {
			eng_fail(err,
			         "'%s' failed to modify device 'COM %d'. A COM port cannot be "
			         "connected elsewhere while the virtual machine is %s",
			         name, number, busy);
			goto out;
		}
		if (sock) {
			char *other_port = eng_xml_attr(
			    eng_xml_child(com_serial(devices, 3 - number), "source"), "path");
			bool mine = other_port && strcmp(other_port, sock) == 0;
			free(other_port);
			user = mine ? eng_strdup(name) : socket_user(id, sock);
			if (user) {
				eng_fail(
				    err,
				    "The pipe '%s' is already connected to a COM port of virtual "
				    "machine '%s'",
				    path, user);
				rc = ENG_EINVAL;
				goto out;
			}
			char *dir = pipe_dir();
			int mk = eng_mkdirs(dir, 0755);
			if (mk < 0)
				eng_fail(err, "cannot create the pipe directory '%s': %s", dir,
				         strerror(errno));
			free(dir);
			if (mk < 0)
				goto out;
		}
		if (!ser && (sock || file)) {
			ser = xmlNewChild(devices, NULL, X("serial"), NULL);
			xmlNodePtr target = xmlNewChild(ser, NULL, X("target"), NULL);
			char port[16];
			snprintf(port, sizeof port, "%d", number - 1);
			xmlSetProp(target, X("port"), X(port));
		}
		if (ser) {
			connect_serial(ser, sock, file);
			drop_serial_console(devices, number);
		}
	}
	if (debugger_mode >= 0) {
		char key[32];
		snprintf(key, sizeof key, "com%dDebuggerMode", number);
		set_meta_bool(doc, key, debugger_mode);
	}
	changed = eng_xml_dump(doc);
	rc = define_xml(dom, changed, err);
out:
	if (doc)
		xmlFreeDoc(doc);
	free(changed);
	free(xml);
	free(user);
	free(sock);
	free(file);
	virDomainFree(dom);
	return rc;
}

const eng_hardware_api eng_hardware_table = {
    .get_processor = get_processor,
    .processor_free = processor_free,
    .set_processor = set_processor,
    .get_memory = get_memory,
    .set_memory = set_memory,
    .get_com_ports = get_com_ports,
    .com_ports_free = com_ports_free,
    .set_com_port = set_com_port,
};
