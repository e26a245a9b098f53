/*
 * timeit.c - runs a command N times and prints the median wall-clock time
 * and the peak resident memory, for `make bench`.
 *
 *   timeit RUNS COMMAND [ARG ...]
 *   prints: MEDIAN_SECONDS PEAK_RSS_KB FAILED_RUNS LAST_FAILED_STATUS
 *
 * GNU time reports wall time in hundredths of a second, too coarse for a
 * start-up measured in milliseconds, so this helper times each run with
 * CLOCK_MONOTONIC around fork/exec/wait and takes the child's peak RSS from
 * wait4's rusage. The command's output goes to /dev/null and its input
 * comes from /dev/null, so only the shell's own work is measured.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: timeit RUNS COMMAND [ARG ...]\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	if (runs < 1)
		runs = 1;
	double *times = calloc((size_t)runs, sizeof *times);
	if (!times)
		return 70;
	long peak_kb = 0;
	int failed = 0, last_status = 0;
	for (int i = 0; i < runs; i++) {
		struct timespec start, end;
		clock_gettime(CLOCK_MONOTONIC, &start);
		pid_t pid = fork();
		if (pid < 0) {
			perror("timeit: fork");
			return 70;
		}
		if (pid == 0) {
			int null = open("/dev/null", O_RDWR);
			if (null >= 0) {
				dup2(null, STDIN_FILENO);
				dup2(null, STDOUT_FILENO);
				dup2(null, STDERR_FILENO);
			}
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		int status = 0;
		struct rusage usage;
		if (wait4(pid, &status, 0, &usage) < 0) {
			perror("timeit: wait4");
			return 70;
		}
		clock_gettime(CLOCK_MONOTONIC, &end);
		times[i] =
		    (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
		if (usage.ru_maxrss > peak_kb)
			peak_kb = usage.ru_maxrss;
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (code != 0) {
			failed++;
			last_status = code;
		}
	}
	qsort(times, (size_t)runs, sizeof *times, compare_doubles);
	double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
	printf("%.6f %ld %d %d\n", median, peak_kb, failed, last_status);
	free(times);
	return 0;
}
