/*
 * autostart.c - the host's start and stop (`hvsh --host-start`,
 * `--host-stop`): each VM's AutomaticStartAction and AutomaticStopAction,
 * as Hyper-V applies them when its host boots and shuts down.
 *
 * Stop: every running or paused VM is marked in hvsh's metadata as
 * running at the host's stop (what StartIfRunning needs later), then
 * saved (Save, Hyper-V's default), turned off (TurnOff), or shut down
 * through the ACPI power button (ShutDown). Shutdowns run side by side:
 * every guest gets the button at once, and those still running when the
 * time allowed is over are turned off, so that the host's shutdown is
 * never held forever.
 *
 * Start: VMs whose action is Start, and those with StartIfRunning that
 * were running at the last stop, start (a saved one resumes), each after
 * its AutomaticStartDelay counted from the host's start, earliest first.
 *
 * With a libvirt daemon, Set-VM also sets libvirt's own autostart flag
 * for Start (settings.c), so such VMs start with the daemon even where
 * hvsh's unit is not installed; starting one that already runs is no
 * error here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "internal.h"

#define RUNNING_MARK "runningAtHostStop"

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int set_mark(xmlDocPtr doc, virDomainPtr dom, bool active, void *ctx, char **err)
{
	(void)dom;
	(void)active;
	(void)err;
	xmlNodePtr vm = eng_xml_hvsh(doc);
	eng_xml_set_text(vm, vm->ns, RUNNING_MARK, *(bool *)ctx ? "true" : "false");
	return 0;
}

/* Whether the VM was running when the host last stopped. */
static bool was_running(const char *id)
{
	char *err = NULL;
	virDomainPtr dom = eng_lookup(id, &err);
	free(err);
	err = NULL;
	if (!dom)
		return false;
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	virDomainFree(dom);
	if (!xml) {
		virResetLastError();
		return false;
	}
	xmlDocPtr doc = eng_xml_read(xml, &err);
	free(xml);
	free(err);
	if (!doc)
		return false;
	bool yes = false;
	xmlNodePtr vm = eng_xml_hvsh(doc);
	for (xmlNodePtr n = vm->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, RUNNING_MARK) == 0) {
			xmlChar *t = xmlNodeGetContent(n);
			yes = t && strcmp((const char *)t, "true") == 0;
			xmlFree(t);
		}
	xmlFreeDoc(doc);
	return yes;
}

static int by_delay(const void *a, const void *b)
{
	const eng_vm *x = *(eng_vm *const *)a, *y = *(eng_vm *const *)b;
	return (x->automatic_start_delay > y->automatic_start_delay) -
	       (x->automatic_start_delay < y->automatic_start_delay);
}

int eng_host_start(eng_report_fn report, void *ctx, char **err)
{
	eng_g.lock_wait_ms = 30000;
	eng_vm *vms = NULL;
	size_t n = 0;
	if (eng_list_vms(&vms, &n, err) < 0)
		return -1;
	eng_vm **todo = calloc(n ? n : 1, sizeof *todo);
	if (!todo)
		abort();
	size_t ntodo = 0;
	for (size_t i = 0; i < n; i++) {
		eng_vm *v = &vms[i];
		if (v->state == ENG_VM_RUNNING)
			continue;
		bool go = strcmp(v->automatic_start_action, "Start") == 0 ||
		          (strcmp(v->automatic_start_action, "StartIfRunning") == 0 &&
		           was_running(v->id));
		if (go)
			todo[ntodo++] = v;
	}
	qsort(todo, ntodo, sizeof *todo, by_delay); /* names stay in order within a delay */
	long long t0 = now_ms();
	int failures = 0;
	for (size_t k = 0; k < ntodo; k++) {
		eng_vm *v = todo[k];
		long long wait = t0 + (long long)v->automatic_start_delay * 1000 - now_ms();
		if (wait > 0)
			usleep((useconds_t)(wait * 1000));
		char *e = NULL;
		if (eng_start_vm(v->id, &e) < 0) {
			failures++;
			report(ctx, v->name, NULL, e);
		} else {
			report(ctx, v->name, v->state == ENG_VM_SAVED ? "restored" : "started",
			       NULL);
		}
		free(e);
	}
	free(todo);
	eng_vms_free(vms, n);
	return failures;
}

int eng_host_stop(int timeout_ms, eng_report_fn report, void *ctx, char **err)
{
	eng_g.lock_wait_ms = 30000;
	eng_vm *vms = NULL;
	size_t n = 0;
	if (eng_list_vms(&vms, &n, err) < 0)
		return -1;
	int failures = 0;
	bool *waiting = calloc(n ? n : 1, sizeof *waiting);
	if (!waiting)
		abort();
	for (size_t i = 0; i < n; i++) {
		eng_vm *v = &vms[i];
		bool active = v->state == ENG_VM_RUNNING || v->state == ENG_VM_PAUSED ||
		              v->state == ENG_VM_PAUSED_CRITICAL;
		char *e = NULL;
		if (eng_edit_domain(v->id, set_mark, &active, &e) < 0) {
			failures++;
			report(ctx, v->name, NULL, e);
			free(e);
			continue;
		}
		if (!active)
			continue;
		const char *action = v->automatic_stop_action;
		int rc = 0;
		if (strcmp(action, "Save") == 0 && v->state != ENG_VM_PAUSED_CRITICAL)
			rc = eng_stop_vm(v->id, ENG_STOP_SAVE, 0, &e);
		else if (strcmp(action, "ShutDown") == 0 && v->state != ENG_VM_PAUSED_CRITICAL) {
			virDomainPtr dom = eng_lookup(v->id, &e);
			/* a paused guest cannot see the button */
			if (dom && (v->state != ENG_VM_PAUSED || virDomainResume(dom) == 0) &&
			    virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) == 0) {
				waiting[i] = true;
				virDomainFree(dom);
				continue;
			}
			if (dom) {
				virResetLastError();
				virDomainFree(dom);
			}
			free(e);
			e = NULL;
			rc = eng_stop_vm(v->id, ENG_STOP_TURNOFF, 0, &e);
			action = "TurnOff";
		} else {
			/* TurnOff, and a guest KVM stopped, which can neither save
			   nor shut down */
			rc = eng_stop_vm(v->id, ENG_STOP_TURNOFF, 0, &e);
			action = "TurnOff";
		}
		if (rc < 0) {
			failures++;
			report(ctx, v->name, NULL, e);
		} else {
			report(ctx, v->name, strcmp(action, "Save") == 0 ? "saved" : "turned off",
			       NULL);
		}
		free(e);
	}
	/* the shutdowns, side by side */
	long long deadline = now_ms() + timeout_ms;
	for (;;) {
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			if (!waiting[i])
				continue;
			char *e = NULL;
			virDomainPtr dom = eng_lookup(vms[i].id, &e);
			free(e);
			int st = dom ? eng_domain_state(dom) : VIR_DOMAIN_SHUTOFF;
			if (dom)
				virDomainFree(dom);
			if (!eng_is_active(st)) {
				waiting[i] = false;
				report(ctx, vms[i].name, "shut down", NULL);
			} else {
				any = true;
			}
		}
		if (!any || now_ms() > deadline)
			break;
		usleep(100000);
	}
	for (size_t i = 0; i < n; i++) {
		if (!waiting[i])
			continue;
		char *e = NULL;
		if (eng_stop_vm(vms[i].id, ENG_STOP_TURNOFF, 0, &e) < 0) {
			failures++;
			report(ctx, vms[i].name, NULL, e);
		} else {
			char *what = eng_printf("turned off: it did not shut down within %d s",
			                        timeout_ms / 1000);
			report(ctx, vms[i].name, what, NULL);
			free(what);
		}
		free(e);
	}
	free(waiting);
	eng_vms_free(vms, n);
	return failures;
}
