# SPDX-License-Identifier: GPL-2.0
"""A small KTAP version 1 reader, enough for the kernel's ktest output and the unit tests.

parse(text) finds the first "KTAP version 1" line, then reads the plan ("1..N") and the
result lines ("ok N name", "not ok N name", possibly indented for subtests) that follow.
The result says whether every top-level test passed and the plan was met.
"""
import re

RESULT = re.compile(r"^(\s*)(not ok|ok) (\d+)\s*-?\s*(.*?)(\s+#\s*(SKIP|TODO).*)?$")
PLAN = re.compile(r"^(\s*)1\.\.(\d+)$")


class Parsed:
    def __init__(self):
        self.lines = []		# the KTAP lines themselves, for the report
        self.plan = None	# top-level plan
        self.total = 0		# top-level results
        self.failed = 0
        self.failed_names = []
        self.nested_failed = 0

    @property
    def ok(self):
        return self.failed == 0 and self.nested_failed == 0 and \
            self.plan is not None and self.plan == self.total


def parse(text):
    p = Parsed()
    started = False
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if not started:
            if line.strip() == "KTAP version 1":
                started = True
                p.lines.append(line.strip())
            continue
        m = RESULT.match(line)
        pm = PLAN.match(line)
        if m:
            p.lines.append(line)
            failed = m.group(2) == "not ok"
            if m.group(1) == "":
                p.total += 1
                if failed:
                    p.failed += 1
                    p.failed_names.append(m.group(4))
            elif failed:
                p.nested_failed += 1
        elif pm:
            p.lines.append(line)
            if pm.group(1) == "" and p.plan is None:
                p.plan = int(pm.group(2))
        elif line.strip().startswith("#") or line.strip().startswith("KTAP version"):
            p.lines.append(line)
    return p
