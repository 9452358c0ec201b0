/*
 * Random numbers (issue 12): getrandom fills what is asked, with bytes that differ from
 * call to call and look uniform (every byte value turns up in 64 KiB, no run of zeroes);
 * its flags (GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE; INSECURE|RANDOM and unknown bits
 * are -EINVAL), a length of 0, and -EFAULT for a bad buffer; AT_RANDOM's 16 bytes are not
 * all zero and differ from a getrandom draw. Every ABI; also under qemu-user.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define EFAULT		14
#define EINVAL		22
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

static unsigned char buf[65536];

int main(void)
{
	unsigned char a[64], b[64];
	int counts[256] = { 0 }, missing = 0, zero_run = 0, run = 0;
	long r, r2;

	ktap_plan(11);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	r = sys(getrandom, a, sizeof(a), 0);
	r2 = sys(getrandom, b, sizeof(b), 0);
	ktap_result(r == 64 && r2 == 64 && memcmp(a, b, sizeof(a)),
		    "getrandom 64 bytes twice: 64 each, and different (%ld, %ld)", r, r2);

	r = sys(getrandom, buf, sizeof(buf), 0);
	for (unsigned int i = 0; i < sizeof(buf); i++) {
		counts[buf[i]]++;
		run = buf[i] ? 0 : run + 1;
		if (run > zero_run)
			zero_run = run;
	}
	for (int v = 0; v < 256; v++)
		if (counts[v] < 128 || counts[v] > 400)	/* expected 256 each */
			missing++;
	ktap_result(r == 65536 && !missing && zero_run < 8,
		    "64 KiB: %ld bytes, every value 128..400 times (%d outside), longest zero run %d",
		    r, missing, zero_run);

	r = sys(getrandom, a, 16, GRND_NONBLOCK);
	ktap_result(r == 16, "GRND_NONBLOCK once seeded: 16 (%ld)", r);
	r = sys(getrandom, a, 16, GRND_RANDOM);
	ktap_result(r == 16, "GRND_RANDOM: 16 (%ld)", r);
	r = sys(getrandom, a, 16, GRND_INSECURE);
	ktap_result(r == 16, "GRND_INSECURE: 16 (%ld)", r);
	r = sys(getrandom, a, 16, GRND_INSECURE | GRND_RANDOM);
	ktap_result(r == -EINVAL, "GRND_INSECURE | GRND_RANDOM: -EINVAL (%ld)", r);
	r = sys(getrandom, a, 16, 0x8);
	ktap_result(r == -EINVAL, "an unknown flag: -EINVAL (%ld)", r);
	r = sys(getrandom, a, 0, 0);
	ktap_result(r == 0, "a length of 0: 0 (%ld)", r);
	r = sys(getrandom, (void *)16, 16, 0);
	ktap_result(r == -EFAULT, "into an unmapped address: -EFAULT (%ld)", r);

	const unsigned char *at = (const unsigned char *)getauxval(AT_RANDOM);
	int nonzero = 0;

	for (int i = 0; at && i < 16; i++)
		nonzero += at[i] != 0;
	ktap_result(at && nonzero >= 8, "AT_RANDOM: 16 bytes, %d of them non-zero", nonzero);
	sys(getrandom, a, 16, 0);
	ktap_result(at && memcmp(at, a, 16), "AT_RANDOM differs from a fresh getrandom draw");
	return ktap_finish();
}
