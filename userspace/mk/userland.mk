# The userland (issue 14; owner: userland).
# reboot: reboot(2)'s checks and the power-off that ends the run, sethostname/setdomainname;
# boot only (tests/boot/cases_userland.py): under qemu-user they would reach the host's kernel.
probes-common += reboot
# bootmark: prints the cycle counter for the boot-to-prompt figure (scripts/bench/boot_prompt.py).
probes-common += bootmark
