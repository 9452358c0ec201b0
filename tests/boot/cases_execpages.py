# exec mapping programs from their files' pages (issue 11; owner: execpages; fs/binfmt_elf.c).
# Executed inside tests/boot/cases.py's namespace.
#
# execpages: the probe copies itself to /tmp and runs the copy: .bss zero, including the
# bytes sharing the data segment's last file page (where the file holds other bytes); two
# copies of one file running at once each keep their own .data, the file unchanged; ETXTBSY
# for open(O_WRONLY) and truncate() of a running program and for execve of a file open for
# writing, and both work again afterwards. Under qemu-user the copies run on the host kernel
# (Linux's answers: x86_64 ran all ten checks there); where the host cannot exec the ABI
# the checks that need an exec SKIP, which Ferry must not.
add_on_every_abi("execpages", reject=PROCESS_REJECT + [r"# SKIP"], expect=[r"11 passed, 0 failed"])
