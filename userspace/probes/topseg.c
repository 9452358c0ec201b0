/*
 * An ELF with a segment in the top canonical page (0x7ffffffff000), which Linux never maps
 * so that SYSRET can never return to the edge of the canonical range (CVE-2012-0217).
 * exec must refuse it: the kernel reports status 126 instead of running it.
 */
#include <ferry/probe.h>

__attribute__((section(".topseg"), used)) char top_page[16] = "top";

int main(void)
{
	printf("topseg: loaded with a segment at 0x7ffffffff000 (should have been refused)\n");
	return 1;
}
