"""Ferry's host-side syscall-trace tooling.

Reads the JSON Lines trace records the kernel writes (records.py), formats them like strace
(fmt.py), normalises syscall names across the x86_64, i386 and arm64 ABIs from the repo's
.tbl files (tables.py, normalize.py), aligns and compares traces (values.py, align.py,
known.py, cost.py) and writes text, JSON, HTML and Perfetto reports (report_*.py,
perfetto.py). linuxparse.py and linux.py produce the "real Linux" column from qemu-user
-strace and native strace.

The CLIs (read.py, compare.py, linux.py) are run as scripts; they load this folder as the
package "ferrytrace" (see _boot.py) because the folder's name would shadow the standard
library's "trace" module.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
