# The trace channel on arm64 (issue 15; owner: tchan). Executed in tests/boot/cases.py's
# namespace. scripts/qemu-run.py --trace gives both arches an ivshmem-plain device; on arm64
# the kernel finds it on the virt machine's ECAM PCIe (arch/arm64/kernel/pci.c) on every boot
# route that traces: -kernel (BAR 2 assigned by the kernel, at EL1 and at EL2) and U-Boot
# (which enumerates PCI and assigns it first). A device tree without a usable host bridge is
# one warning line and tracing off, never a crash.

import shutil  # noqa: E402

TCHAN_BAR = (r"^trace: ivshmem 00:\d\d\.0 BAR 2 at 0x[0-9a-f]+, 32768 KiB \(%s\), "
             r"write-combining")
TCHAN_REJECT = [r"Oops", r"WARNING", r"BUG", r"panic"]


def check_channel_records(records):
    """The records came through the channel: the guest's header, hello's writes, its end."""
    if not records or records[0].get("type") != "header" or records[0].get("arch") != "arm64":
        return f"no arm64 header record (first record {records[:1]})"
    writes = [r for r in syscalls(records) if r.get("name") == "write"]
    if not writes or not all(r.get("ret", 0) > 0 for r in writes):
        return f"writes {[r.get('ret') for r in writes]}, expected some, all succeeding"
    if not any(r.get("type") == "exit" for r in records):
        return "no exit record"
    return None


for _route, _kw, _who in (("direct", {}, "assigned by the kernel"),
                          ("el2", {"machine": "virtualization=on"}, "assigned by the kernel"),
                          ("uboot", {"boot": "uboot"}, "as the firmware left it")):
    add(f"arm64_trace_channel_{_route}", "arm64", cmdline="trace=all", init="arm64/hello",
        ktap=False, trace_check=check_channel_records, expect=[TCHAN_BAR % _who],
        reject=TCHAN_REJECT, **_kw)


def tchan_dtb(*edits):
    """QEMU virt's DTB with trace=all as its bootargs (the loader shim passes no command
    line) and these fdtput edits of the PCIe node, for --dtb."""
    def make(tmp, objtree):
        out = os.path.join(tmp, "tchan.dtb")
        shutil.copy(dumped_dtb(tmp), out)
        subprocess.run(["fdtput", "-t", "s", out, "/chosen", "bootargs", "trace=all"],
                       check=True)
        for e in edits:
            subprocess.run(["fdtput", *e[:1], out, "/pcie@10000000", *e[1:]], check=True)
        return out
    return make


# Each is one warning line, tracing off, and the boot goes on (no /init under the shim: 127).
for _name, _edit, _why in (
        ("no_pcie_node", ("-r",),
         r"no PCIe host bridge \(pci-host-ecam-generic\) in the device tree"),
        ("ecam_too_small", ("-tx", "reg", "0x40", "0x10000000", "0x0", "0x80000"),
         r"PCIe ECAM window is smaller than one bus \(1 MiB\)"),
        ("no_window_fits_bar", ("-tx", "ranges", "0x2000000", "0x0", "0x10000000", "0x0",
                                "0x10000000", "0x0", "0x100000"),
         r"ivshmem 00:\d\d\.0 BAR 2: no PCIe memory window fits the BAR")):
    add(f"arm64_trace_channel_bad_dt_{_name}", "arm64", cmdline="", status=127, ktap=False,
        dtb=tchan_dtb(_edit), trace_check=lambda records: None,
        expect=[r"^trace: no channel: " + _why + r"\r?$"], reject=TCHAN_REJECT)
