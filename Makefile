# SPDX-License-Identifier: GPL-2.0
#
# Top-level Makefile of the Ferry kernel. It follows Linux's conventions:
#
#   make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- defconfig
#   make ARCH=arm64 [O=dir] [V=1] [LLVM=1]
#   make ARCH=x86_64 run [BOOT=direct|grub] [CMDLINE=...] [INIT=...]
#   make check
#   make C=1 | C=2     sparse over each C file compiled (C=1) or every C file (C=2)
#
# Non-recursive: every source directory has a Kbuild file with obj-y / obj-$(CONFIG_...)
# lines; this Makefile reads them all and builds one object list. 'make help' lists targets.

KERNELNAME := Ferry
VERSION    := 0
PATCHLEVEL := 1
KERNELRELEASE := $(VERSION).$(PATCHLEVEL)

MAKEFLAGS += --no-print-directory -rR
.SUFFIXES:
.DEFAULT_GOAL := all
SHELL := /bin/bash

srctree := $(CURDIR)

# ---- architecture -----------------------------------------------------------------------
HOSTARCH := $(shell uname -m | sed -e 's/aarch64/arm64/' -e 's/amd64/x86_64/')
ARCH ?= $(HOSTARCH)
ifeq ($(ARCH),x86)
override ARCH := x86_64
endif
ifeq ($(ARCH),x86_64)
SRCARCH := x86
CROSS_DEFAULT := x86_64-linux-gnu-
CLANG_TARGET := x86_64-linux-gnu
else ifeq ($(ARCH),arm64)
SRCARCH := arm64
CROSS_DEFAULT := aarch64-linux-gnu-
CLANG_TARGET := aarch64-linux-gnu
else
$(error ARCH=$(ARCH) is not supported: use ARCH=x86_64 (or x86) or ARCH=arm64)
endif
# An empty CROSS_COMPILE (for example inherited from a make of the host arch) counts as unset.
ifneq ($(ARCH),$(HOSTARCH))
ifeq ($(strip $(CROSS_COMPILE)),)
override CROSS_COMPILE := $(CROSS_DEFAULT)
endif
endif

# ---- output folder: build/<arch> unless O= says otherwise -------------------------------
O ?= build/$(ARCH)
override O := $(patsubst %/,%,$(O))
objtree := $(O)

# ---- verbosity --------------------------------------------------------------------------
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-8s%s\n'
endif

# ---- toolchain: GNU by default, LLVM=1 for clang + ld.lld ---------------------------------
ifeq ($(LLVM),1)
CC      := clang --target=$(CLANG_TARGET)
LD      := ld.lld
OBJCOPY := llvm-objcopy
OBJDUMP := llvm-objdump
NM      := llvm-nm
READELF := llvm-readelf
else
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
OBJDUMP := $(CROSS_COMPILE)objdump
NM      := $(CROSS_COMPILE)nm
READELF := $(CROSS_COMPILE)readelf
endif
CPP     := $(CC) -E
HOSTCC  ?= gcc
# Debian's interpreter: python3-kconfiglib installs there, not into a pyenv.
PYTHON3 ?= $(firstword $(wildcard /usr/bin/python3) python3)

# ---- configuration (kconfiglib) ---------------------------------------------------------
KCONFIG_CONFIG := $(objtree)/.config
AUTOCONF       := $(objtree)/include/generated/autoconf.h
KCONFIG_FILES  := Kconfig $(wildcard */Kconfig */*/Kconfig arch/*/Kconfig*)
kconfig = $(Q)mkdir -p $(objtree) && srctree=$(srctree) ARCH=$(ARCH) SRCARCH=$(SRCARCH) \
	KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON3) scripts/kconfig/kconf.py

config-targets := defconfig olddefconfig menuconfig savedefconfig oldconfig syncconfig \
	allnoconfig allyesconfig %_defconfig listnewconfig
no-dot-config-targets := clean mrproper distclean help check check-unit install-deps probes \
	compare bench fuzz run qemu-gdb $(config-targets)

ifeq ($(filter $(no-dot-config-targets),$(MAKECMDGOALS)),)
need-config := 1
else ifneq ($(filter-out $(no-dot-config-targets),$(MAKECMDGOALS)),)
need-config := 1
endif

# The .config, when present, supplies CONFIG_* to this Makefile.
-include $(KCONFIG_CONFIG)

# ---- flags ------------------------------------------------------------------------------
KBUILD_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Iinclude -Iarch/$(SRCARCH)/include -Iinclude/uapi -I$(objtree)/include \
	-I$(objtree)/arch/$(SRCARCH)/include/generated \
	-include include/linux/kconfig.h -D__KERNEL__ -DKBUILD_ARCH_STR='"$(ARCH)"'
KBUILD_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-common \
	-fno-stack-protector -fno-pic -fno-pie -fno-strict-aliasing -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -Wall -Wextra -Wno-unused-parameter \
	-Wno-sign-compare -Wno-missing-field-initializers -Werror=implicit-function-declaration \
	-Werror=return-type
KBUILD_AFLAGS := -D__ASSEMBLY__
KBUILD_LDFLAGS := -nostdlib -z max-page-size=4096 --build-id=none
ld-option = $(shell $(LD) $(1) -v >/dev/null 2>&1 && echo $(1))
ifneq ($(LLVM),1)
KBUILD_LDFLAGS += $(call ld-option,--no-warn-rwx-segments)
endif

# core-dirs: generic directories, in link order; the arch Makefile adds its own.
core-dirs := init kernel kernel/entry kernel/sched kernel/locking kernel/trace mm lib fs fs/proc \
	     drivers/base drivers/char drivers/tty drivers/tty/serial drivers/rtc \
	     drivers/pci
head-y :=
include arch/$(SRCARCH)/Makefile
# KCFLAGS: extra compiler flags from the command line, as Linux takes them.
KBUILD_CFLAGS += $(KCFLAGS)

# ---- object lists from Kbuild files -----------------------------------------------------
define collect-dir
obj-y :=
include $(1)/Kbuild
all-objs += $$(addprefix $(1)/,$$(obj-y))
endef
all-objs :=
$(foreach d,$(arch-dirs) $(core-dirs),$(eval $(call collect-dir,$(d))))
all-objs := $(filter-out $(head-y),$(all-objs))
link-objs := $(addprefix $(objtree)/,$(head-y) $(all-objs))

# A change of compiler or flags rebuilds everything: objects depend on this stamp.
flags-sig := $(CC)|$(KBUILD_CPPFLAGS)|$(KBUILD_CFLAGS)|$(KBUILD_AFLAGS)|$(KBUILD_LDFLAGS)
FLAGS_STAMP := $(objtree)/include/generated/flags.stamp
ifneq ($(need-config),)
$(shell mkdir -p $(objtree)/include/generated; \
	if [ "$$(cat $(FLAGS_STAMP) 2>/dev/null)" != '$(flags-sig)' ]; then \
		printf '%s' '$(flags-sig)' > $(FLAGS_STAMP); fi)
endif

# ---- top-level targets ------------------------------------------------------------------
.PHONY: all vmlinux FORCE
all: vmlinux $(KBUILD_IMAGE_TARGETS) $(objtree)/compile_commands.json

vmlinux: $(objtree)/vmlinux

ifneq ($(need-config),)
# A Kconfig change (e.g. a new 'select') updates an existing .config first: make then
# re-reads it, so the object lists below never come from a stale one.
$(KCONFIG_CONFIG): $(KCONFIG_FILES)
	@echo "  $(if $(wildcard $@),Kconfig changed: olddefconfig $@,no $@: using arch/$(SRCARCH)/configs/defconfig)"
	$(kconfig) $(if $(wildcard $@),olddefconfig,defconfig arch/$(SRCARCH)/configs/defconfig)
	@touch $@

# Regenerate autoconf.h whenever .config or a Kconfig file changes (olddefconfig semantics).
$(AUTOCONF): $(KCONFIG_CONFIG) $(KCONFIG_FILES)
	$(quiet) SYNC $(AUTOCONF)
	$(kconfig) syncconfig $(AUTOCONF)
	@touch $@	# kconfiglib leaves an unchanged header alone: without this, SYNC every run
endif

# ---- sparse: make C=1 checks each C file as it is compiled, C=2 every C file of the kernel ----
# As in Linux: the checker sees the compiler's flags plus __CHECKER__, which gives __user,
# __iomem and __force their meaning (include/linux/compiler.h). CF= adds flags (CF=-Wsparse-error
# makes a warning fail the build). scripts/check.py runs C=2 on both arches and fails on any
# warning (docs/hardening.md, "Sparse").
CHECK ?= sparse
CHECKFLAGS := -D__CHECKER__ -D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \
	-Wno-return-void -Wno-unknown-attribute --arch=$(ARCH) $(CF)
checksrc = $(Q)$(CHECK) $(CHECKFLAGS) $(c_flags) $<

# ---- compile rules ----------------------------------------------------------------------
COMPILER_VERSION := $(shell $(CC) --version | head -n1)
CFLAGS_main.o = -DKERNELRELEASE='"$(KERNELRELEASE)"' -DKBUILD_COMPILER='"$(COMPILER_VERSION)"'
c_flags = $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(CFLAGS_$(notdir $(basename $@)).o)
a_flags = $(KBUILD_CPPFLAGS) $(KBUILD_AFLAGS)

# Each compile also leaves a compile_commands.json fragment beside its object.
define record-cmd
$(Q)$(PYTHON3) scripts/gen_compile_commands.py fragment "$(srctree)" "$<" "$@" $(1)
endef

$(objtree)/%.o: %.c $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) CC $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(c_flags) -MMD -MP -c $< -o $@
	$(call record-cmd,$(CC) $(c_flags) -c $< -o $@)
	$(if $(filter 1,$(C)),$(quiet) CHECK $<)
	$(if $(filter 1,$(C)),$(checksrc))

$(objtree)/%.o: %.S $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) AS $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(a_flags) -MMD -MP -c $< -o $@
	$(call record-cmd,$(CC) $(a_flags) -c $< -o $@)

$(objtree)/%.lds: %.lds.S $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) LDS $@
	@mkdir -p $(dir $@)
	$(Q)$(CPP) $(a_flags) -P -MMD -MP -MT $@ -D__LINKER__ $< -o $@

# ---- syscall tables and headers from .tbl files ------------------------------------------
-include arch/$(SRCARCH)/Makefile.syscalls

# Errno names for trace records, from the one errno header.
ERRNAMES := $(objtree)/include/generated/errnames.h
$(ERRNAMES): include/uapi/asm-generic/errno.h
	@mkdir -p $(dir $@)
	$(Q)awk '$$1 == "#define" && $$3 ~ /^[0-9]+$$/ { print "[" $$3 "] = \"" $$2 "\"," }' $< > $@
$(objtree)/kernel/trace/record.o: $(ERRNAMES)

# The tracer's view of each syscall ABI of this arch (names and SYSCALL_DEFINE metadata by
# number), generated from the same .tbl files as the dispatch tables. SYSCALL_ABIS lists
# name:table pairs (set in arch/$(SRCARCH)/Makefile).
ifeq ($(CONFIG_SYSCALL_TRACE),y)
abi-name = $(word 1,$(subst :, ,$(1)))
abi-tbl = $(word 2,$(subst :, ,$(1)))
define syscall-abi-rule
$(objtree)/gen/syscall_abi_$(call abi-name,$(1)).c: $(call abi-tbl,$(1)) scripts/syscalltbl.sh
	$$(Q)scripts/syscalltbl.sh abi $(call abi-tbl,$(1)) $$@ $(call abi-name,$(1))
link-objs += $(objtree)/gen/syscall_abi_$(call abi-name,$(1)).o
endef
$(foreach a,$(SYSCALL_ABIS),$(eval $(call syscall-abi-rule,$(a))))
endif
$(objtree)/gen/%.o: $(objtree)/gen/%.c $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) CC $@
	$(Q)$(CC) $(c_flags) -MMD -MP -c $< -o $@
	$(if $(filter 1,$(C)),$(quiet) CHECK $<)
	$(if $(filter 1,$(C)),$(checksrc))

# C=2: every C object of the kernel gets a .chk step that always runs, compiled or not.
# 'make C=2 checksrc' checks without building; 'make O=dir dir/path/file.chk' checks one file
# (also one outside the kernel: scripts/check.py proves a __user dereference is caught so).
c-objs := $(foreach o,$(link-objs),$(if $(or $(wildcard $(patsubst $(objtree)/%.o,%.c,$(o))),\
	$(filter $(objtree)/gen/%,$(o))),$(o)))
.PHONY: checksrc
checksrc: $(c-objs:.o=.chk)
ifeq ($(C),2)
all: checksrc
endif
$(objtree)/gen/%.chk: $(objtree)/gen/%.c $(AUTOCONF) FORCE
	$(quiet) CHECK $<
	$(checksrc)
$(objtree)/%.chk: %.c $(AUTOCONF) FORCE
	$(quiet) CHECK $<
	$(checksrc)

# ---- link: vmlinux with a symbol table (kallsyms) -----------------------------------------
LDS := $(objtree)/arch/$(SRCARCH)/kernel/vmlinux.lds
$(objtree)/vmlinux: $(link-objs) $(LDS) scripts/link-vmlinux.sh scripts/kallsyms.py
	$(quiet) LD $@
	$(Q)LD="$(LD)" LDFLAGS="$(KBUILD_LDFLAGS) $(LDFLAGS_vmlinux)" NM="$(NM)" \
		CC="$(CC)" AFLAGS="$(a_flags)" PYTHON3="$(PYTHON3)" Q="$(Q)" \
		scripts/link-vmlinux.sh $@ $(LDS) $(link-objs)

# The syscall metadata the linked kernel really uses (its syscall_abi_* tables), for the host
# trace decoder (scripts/trace/decode/): read from vmlinux's symbols and data after the link.
ifeq ($(CONFIG_SYSCALL_TRACE),y)
SYSCALL_META := $(objtree)/syscall_meta.json
vmlinux: $(SYSCALL_META)
$(SYSCALL_META): $(objtree)/vmlinux scripts/syscall_meta.py
	$(quiet) META $@
	$(Q)$(PYTHON3) scripts/syscall_meta.py $< $@
endif

$(objtree)/System.map: $(objtree)/vmlinux
	$(Q)$(NM) -n $< | grep -v -E ' [aNUw] ' > $@

$(objtree)/compile_commands.json: $(link-objs) scripts/gen_compile_commands.py
	$(Q)$(PYTHON3) scripts/gen_compile_commands.py collect $@ $(link-objs)

.PHONY: compile_commands.json
compile_commands.json: $(objtree)/compile_commands.json
	$(Q)cp $< $@
	@echo "  wrote compile_commands.json for $(ARCH)"

-include $(link-objs:.o=.d) $(LDS:.lds=.d)

# ---- configuration targets -----------------------------------------------------------------
.PHONY: $(config-targets)
defconfig:
	$(kconfig) defconfig arch/$(SRCARCH)/configs/defconfig
%_defconfig:
	$(kconfig) defconfig arch/$(SRCARCH)/configs/$@
olddefconfig oldconfig menuconfig listnewconfig allnoconfig allyesconfig:
	$(kconfig) $@
savedefconfig:
	$(kconfig) savedefconfig $(objtree)/defconfig
	@echo "  wrote $(objtree)/defconfig"
syncconfig:
	$(kconfig) syncconfig $(AUTOCONF)

# ---- running under QEMU -------------------------------------------------------------------
# scripts/run builds what the run needs, boots it and exits with the kernel's status; make
# can only turn that into 0 or 2, so the runner's last line names the status.
BOOT ?= direct
RUN_VARS := ARCH BOOT INIT INITRD ARGS CMDLINE QEMU_CPU QEMU_SMP QEMU_MEM QEMU_EXTRA TRACE ICOUNT \
	TIMEOUT V LLVM CROSS_COMPILE PROBE_O GDB_PORT FILES USERLAND
shell-quote = '$(subst ','\'',$(1))'
run-vars = O=$(call shell-quote,$(objtree)) $(strip \
	$(foreach v,$(RUN_VARS),$(if $($(v)),$(v)=$(call shell-quote,$($(v))))))

.PHONY: run qemu-gdb
run:
	$(Q)$(PYTHON3) scripts/run $(run-vars)

qemu-gdb:
	$(Q)$(PYTHON3) scripts/run --gdb $(run-vars)

# ---- tests ------------------------------------------------------------------------------
.PHONY: check check-unit install-deps
check:
	$(Q)$(PYTHON3) scripts/check.py $(if $(JOBS),--jobs $(JOBS)) $(if $(ONLY),--only '$(ONLY)') $(if $(filter 1,$(LINUX)),--linux)

check-unit:
	$(Q)$(PYTHON3) scripts/check.py --only unit

install-deps:
	$(Q)scripts/install-deps.sh

# ---- cleaning ---------------------------------------------------------------------------
.PHONY: clean mrproper distclean
clean:
	$(Q)rm -rf $(objtree)/*/ $(objtree)/vmlinux* $(objtree)/System.map $(objtree)/compile_commands.json
mrproper distclean:
	$(Q)rm -rf build compile_commands.json $(if $(filter-out build/%,$(objtree)),$(objtree))

# ---- help -------------------------------------------------------------------------------
.PHONY: help
help:
	@echo 'Configuration (kconfiglib; output in $$O/.config):'
	@echo '  defconfig        - arch/$$SRCARCH/configs/defconfig'
	@echo '  olddefconfig     - update .config, new symbols get their defaults'
	@echo '  menuconfig       - edit .config in a terminal menu'
	@echo '  savedefconfig    - write a minimal $$O/defconfig'
	@echo 'Building:'
	@echo '  all (default)    - vmlinux and the boot image of the arch'
	@echo '  vmlinux          - the kernel ELF with symbols (x86_64: bootable by QEMU -kernel)'
	@echo '  compile_commands.json - for editors and clang-tidy'
	@$(if $(archhelp),$(archhelp),true)
	@echo 'Running and testing:'
	@echo '  run              - build, then boot under QEMU, console on stdout. No INIT=: the'
	@echo '                     busybox userland'"'"'s shell on the console, interactive (Ctrl-C/Z'
	@echo '                     reach the guest, Ctrl-A X leaves QEMU; poweroff, reboot -f or'
	@echo '                     exit end the run with 0); USERLAND=x86_64|i386 (ARCH=x86_64),'
	@echo '                     arm64|arm (ARCH=arm64) picks its ABI (docs/userland.md);'
	@echo '                     CMDLINE='"'"'init=/bin/sh -- -c "cmd"'"'"' runs one command there.'
	@echo '                     INIT=elf runs that program as /init instead;'
	@echo '                     FILES="/bin/x=file ..." puts more files beside it'
	@echo '                     BOOT=direct|uboot(arm64)|grub(x86_64) QEMU_CPU= QEMU_MEM='
	@echo '                     QEMU_SMP=N: N CPUs (QEMU -smp N; default 2, both arches)'
	@echo '                     CMDLINE= QEMU_EXTRA= INITRD= ARGS= ICOUNT=1 TIMEOUT=sec'
	@echo '                     TRACE=file.jsonl: syscall records of the run (docs/tracing.md)'
	@echo '                     The run'"'"'s last line names the status ("run: kernel status 250'
	@echo '                     (kernel panic)"). make run exits 0 when the status is 0 and exits 2'
	@echo '                     otherwise (GNU make'"'"'s rule for a failing recipe).'
	@echo '                     scripts/run VAR=value... takes the same variables and exits with'
	@echo '                     the status itself: the kernel'"'"'s (init'"'"'s exit status; 126/127'
	@echo '                     init not executable/missing, 128+n killed by signal n, 249 ktest'
	@echo '                     failed, 250 panic, 251 Oops) or the runner'"'"'s, with one line'
	@echo '                     saying why: 124 timeout, 125 not run (bad variable or file, too'
	@echo '                     little QEMU_MEM, QEMU failed), 130 Ctrl-C, 253 QEMU stopped'
	@echo '                     without a status (scripts/qemu-run.py has the details)'
	@echo '  qemu-gdb         - as run, but QEMU waits for gdb on :1234 (GDB_PORT=); attach with'
	@echo '                     scripts/gdb/attach.sh, then e.g. break do_syscall_64 / do_el0_svc'
	@echo '  check            - all tests: host unit tests + QEMU boot tests, both arches, and the'
	@echo '                     script suite on every ABI against Linux 6.1'"'"'s recorded output;'
	@echo '                     LINUX=1 re-records that output from Linux first (ONLY=suite: the'
	@echo '                     suite alone)'
	@echo '  probes           - the userspace probes for ABIS="x86_64 i386 arm64 arm" (build/probes;'
	@echo '                     arm: AArch32 EABI programs, run by the arm64 kernel)'
	@echo '  compare          - the main job: trace PROBES="tour routes hello libc_hello" on every ABI'
	@echo '                     (ABIS="x86_64 i386 arm64 arm") and compare them; LINUX=1 adds'
	@echo '                     real Linux (qemu-user, strace, and Debian'"'"'s 6.1 kernels booted'
	@echo '                     with the probe traced by ftrace);'
	@echo '                     VIEW=full|diff picks the table; ends with a verdict, status 1 on'
	@echo '                     an unexpected difference. PROBES="sh:files.sh" traces a whole'
	@echo '                     script of userspace/scripts (sh:PATH: any script file) and every'
	@echo '                     process it forks, on the busybox userland'
	@echo '  bench            - instruction counts of every syscall route, boot, size, build time'
	@echo '                     (icount, repeated twice); LINUX=1 beside Debian Linux; WITH_CHECK=1'
	@echo '  fuzz             - the syscall fuzzer on every ABI (mm_selfcheck on) and libFuzzer over'
	@echo '                     the FDT, cpio and command-line parsers, the trace reader'"'"'s'
	@echo '                     mutation harness: FUZZ_TIME=600 s in all, FUZZ_SEED= to replay'
	@echo '  install-deps     - apt-get what is missing (Debian 12)'
	@echo 'Checking:'
	@echo '  C=1 / C=2        - run sparse (CHECK=) over each C file compiled / every C file,'
	@echo '                     CF= adds its flags (docs/hardening.md, "Sparse")'
	@echo 'Variables: ARCH=x86_64|x86|arm64 CROSS_COMPILE= LLVM=1 O=dir V=1 C=1|2'
	@echo 'Cleaning: clean (objects of $$O), mrproper (all of build/)'

# ---- userspace probes ---------------------------------------------------------------------
PROBE_O ?= build/probes
ABIS ?= x86_64 i386 arm64 arm
.PHONY: probes
probes:
	$(Q)$(MAKE) -f userspace/Makefile PROBE_O=$(PROBE_O) ABIS="$(ABIS)" Q=$(Q) LLVM=$(LLVM)

# ---- the main job: traced probes on every ABI, Linux beside them, compared ------------------
PROBES ?= tour routes hello libc_hello
.PHONY: compare
compare:
	$(Q)$(PYTHON3) scripts/compare.py --probes "$(PROBES)" --abis "$(ABIS)" $(if $(filter 1,$(LINUX)),--linux) $(if $(VIEW),--view $(VIEW))

# ---- fuzzing (issue 16, docs/fuzzing.md): the syscall fuzzer on every ABI and the host
# harnesses of the parsers, FUZZ_TIME seconds in all (default 600); FUZZ_SEED= replays a run.
.PHONY: fuzz
fuzz:
	$(Q)$(PYTHON3) scripts/fuzz.py $(if $(FUZZ_TIME),--time $(FUZZ_TIME)) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED)) --abis "$(ABIS)"

# ---- benchmarks: cost of every syscall route, boot, size, build time; LINUX=1 adds Debian's Linux
.PHONY: bench
bench:
	$(Q)$(PYTHON3) scripts/bench.py $(if $(filter 1,$(LINUX)),--linux) $(if $(filter 1,$(WITH_CHECK)),--with-check)
