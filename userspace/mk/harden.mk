# Issue 16, boundaries (owner: harden): the attack probe (docs/hardening.md).
probes-common += attack
# RFLAGS.AC set by user code is cleared on every entry (x86_64 only; entry_test=ac_entry).
probes-x86_64-extra += ac_entry
