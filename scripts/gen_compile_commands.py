#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""compile_commands.json for editors and clang-tidy.

  gen_compile_commands.py fragment SRCTREE SOURCE OBJECT COMMAND...  (after each compile)
  gen_compile_commands.py collect OUT OBJECT...                       (after the link)
"""
import json
import os
import shlex
import sys


def main(argv):
    if argv[1] == "fragment":
        srctree, src, obj = argv[2:5]
        entry = {"directory": srctree, "file": os.path.join(srctree, src),
                 "output": obj, "command": " ".join(shlex.quote(a) for a in argv[5:])}
        with open(obj + ".cmd.json", "w") as f:
            json.dump(entry, f)
    elif argv[1] == "collect":
        out, objs = argv[2], argv[3:]
        entries = []
        for obj in objs:
            try:
                with open(obj + ".cmd.json") as f:
                    entries.append(json.load(f))
            except FileNotFoundError:
                pass
        new = json.dumps(entries, indent=1) + "\n"
        old = open(out).read() if os.path.exists(out) else None
        if new != old:
            with open(out, "w") as f:
                f.write(new)
        else:
            os.utime(out)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
