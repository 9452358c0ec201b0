# Issue 16, boundaries (owner: harden): the attack probe (docs/hardening.md).
probes-common += attack
