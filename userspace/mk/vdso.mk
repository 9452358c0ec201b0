# The vDSO (issue 14; owner: vdso): libc_vdso compares the vDSO's clocks with the syscalls,
# finds its symbols at Linux's versions, and checks [vvar]/[vdso] in /proc/self/maps.
probes-libc-extra += libc_vdso
