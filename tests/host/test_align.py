"""The aligner and classifier: a real diff (insertions, deletions, renames), not a zip."""
import json

from ferrytrace import align, comparison, records, values


def trace(calls, abi="x86_64", source="ferry", probe="p"):
    """A trace from (name, [(kind, value)...] or None, ret[, errno]) tuples."""
    lines = [json.dumps({"type": "header", "source": source, "arch": abi, "probe": probe})]
    for c in calls:
        name, args, ret = c[:3]
        dec = None if args is None else [{"name": a[2] if len(a) > 2 else f"a{i}", "kind": a[0],
                                      "value": a[1]} for i, a in enumerate(args)]
        lines.append(json.dumps({"type": "syscall", "abi": abi, "name": name, "decoded": dec,
                                 "ret": ret, "pid": 1}))
    return records.loads("\n".join(lines), warn=lambda m: None, label=source + abi)


def classes(ta, tb, norm, float_sigchld=False):
    _, _, pairs = align.compare(ta, tb, norm, float_sigchld=float_sigchld)
    return [(p["a"], p["b"], p["class"]) for p in pairs]


def test_insertion_and_deletion_do_not_shift(norm):
    a = trace([("getpid", [], 1), ("getppid", [], 0), ("write", [("fd", "1")], 3), ("exit_group", [("int", "0")], None)])
    b = trace([("getpid", [], 1), ("write", [("fd", "1")], 3), ("brk", [("ptr", "NULL")], 4096), ("exit_group", [("int", "0")], None)])
    assert classes(a, b, norm) == [(0, 0, "equal"), (1, None, "only-a"), (2, 1, "equal"),
                                   (None, 2, "only-b"), (3, 3, "equal")]


def test_renamed_call_is_name_only_across_abis(norm):
    path, flags, mode = ("str", '"/x"', "filename"), ("flags", "O_RDONLY", "flags"), ("int", "0", "mode")
    a = trace([("open", [path, flags, mode], -2)])
    b = trace([("openat", [("fd", "AT_FDCWD", "dfd"), path, flags, mode], -2)], abi="arm64")
    assert classes(a, b, norm) == [(0, 0, "name-only")]
    c = trace([("openat", [("fd", "AT_FDCWD", "dfd"), path, flags, mode], 3)], abi="arm64")
    assert classes(a, c, norm) == [(0, 0, "differ")]         # result differs
    d = trace([("openat", [("fd", "AT_FDCWD", "dfd"), ("str", '"/y"', "filename"), flags, mode], -2)],
              abi="arm64")
    _, _, pairs = align.compare(a, d, norm)
    assert (pairs[0]["class"], pairs[0]["why"]) == ("differ", ["arg filename"])


def test_newselect_equals_select(norm):
    a = trace([("_newselect", [("int", "0")], 0)], abi="i386")
    b = trace([("select", [("int", "0")], 0)], abi="x86_64")
    assert classes(a, b, norm) == [(0, 0, "equal")]


def test_differing_args_and_results(norm):
    a = trace([("write", [("fd", "1"), ("buf", '"hi\\n"'), ("int", "3")], 3)])
    b = trace([("write", [("fd", "2"), ("buf", '"hi\\n"'), ("int", "3")], 3)])
    _, _, pairs = align.compare(a, b, norm)
    assert (pairs[0]["class"], pairs[0]["why"]) == ("differ", ["arg a0"])
    c = trace([("write", [("fd", "1"), ("buf", '"hi\\n"'), ("int", "3")], -9, "EBADF")])
    _, _, pairs = align.compare(a, c, norm)
    assert pairs[0]["why"] == ["errno"]               # an error on one side: errno, not result


def test_pointers_compare_as_pointers(norm):
    a = trace([("uname", [("ptr", "0x7ffe0000")], 0), ("brk", [("ptr", "NULL")], 0x1000)])
    b = trace([("uname", [("ptr", "0xfffff000")], 0), ("brk", [("ptr", "NULL")], 0x5555000)], abi="arm64")
    assert [c for *_, c in classes(a, b, norm)] == ["equal", "equal"]
    c = trace([("uname", [("ptr", "NULL")], 0)])
    assert classes(a, c, norm)[0][2] == "differ"


def test_not_a_zip(norm):
    # one extra call at the front: a zip would pair every call wrongly
    a = trace([("getpid", [], 1), ("getppid", [], 0), ("gettid", [], 1), ("uname", [("ptr", "0x1")], 0)])
    b = trace([("brk", [("ptr", "NULL")], 4096)] + [("getpid", [], 1), ("getppid", [], 0), ("gettid", [], 1), ("uname", [("ptr", "0x2")], 0)])
    assert classes(a, b, norm) == [(None, 0, "only-b"), (0, 1, "equal"), (1, 2, "equal"),
                                   (2, 3, "equal"), (3, 4, "equal")]


def test_unknown_values_are_compatible():
    known_int = {"kind": "int", "value": "71"}
    assert values.arg_compatible({"kind": None, "value": "71"}, known_int)
    assert not values.arg_compatible({"kind": None, "value": "70"}, known_int)
    assert values.arg_compatible({"kind": None, "value": "0x800040"}, {"kind": "buf", "value": '"hi"'})
    assert values.arg_compatible({"kind": "str", "value": '"/work/main/build/prob"...', "truncated": True},
                                 {"kind": "str", "value": '"/work/main/build/probes/x"'})
    assert not values.arg_compatible({"kind": "str", "value": '"/a"'}, {"kind": "str", "value": '"/b"'})
    assert values.arg_compatible({"kind": "fd", "value": "AT_FDCWD"}, {"kind": None, "value": "-100"})
    assert values.results_compatible({"ret": None}, {"ret": 5})


def test_comparison_rows_merge_three_traces(norm):
    a = trace([("getpid", [], 1), ("write", [("fd", "1")], 3)], source="ferry")
    b = trace([("execve", None, 0), ("getpid", [], 1), ("write", [("fd", "1")], 3)], source="strace")
    c = trace([("getpid", [], 1), ("write", [("fd", "1")], 3), ("brk", None, 1)], abi="arm64", source="qemu-user")
    cmp = comparison.Comparison([a, b, c], norm, known_entries=[])
    cells = [r["cells"] for r in cmp.rows]
    assert cells == [[None, 0, None], [0, 1, 0], [1, 2, 1], [None, None, 2]]
    assert cmp.sides[0]["counts"] == {"equal": 2, "name-only": 0, "differ": 0, "only-a": 0,
                                      "only-b": 1, "known": 0}


def trace_with_signals(items, abi="x86_64"):
    """A trace of syscalls (name, ret) and signal deliveries ("---SIGxxx")."""
    lines = [json.dumps({"type": "header", "source": "ferry", "arch": abi, "probe": "p"})]
    for it in items:
        if isinstance(it, str):
            lines.append(json.dumps({"type": "signal", "signal": it[3:], "pid": 1,
                                     "siginfo": {"si_signo": it[3:]}}))
        else:
            lines.append(json.dumps({"type": "syscall", "abi": abi, "name": it[0], "decoded": [],
                                     "ret": it[1], "pid": 1}))
    return records.loads("\n".join(lines), warn=lambda m: None, label="s" + abi)


def test_a_sigchld_taken_one_call_later_moves_no_call(norm):
    # The parent reads its child's pipe; the child's exit comes during the first read on one
    # kernel, after the second on the other: the reads and close still pair up.
    a = trace_with_signals([("read", 3), "---SIGCHLD", ("rt_sigreturn", 3), ("read", 0),
                            ("close", 0), ("wait4", 9)])
    b = trace_with_signals([("read", 3), ("read", 0), "---SIGCHLD", ("rt_sigreturn", 0),
                            ("close", 0), ("wait4", 9)])
    # a C probe's traces: in place, so the reads around the moved delivery are out of pairs
    assert any(c.startswith("only") for _, _, c in classes(a, b, norm))
    got = classes(a, b, norm, float_sigchld=True)                       # a script's
    assert [g for g in got if g[2] != "equal" and g[:2] != (2, 3)] == []
    assert (0, 0, "equal") in got and (3, 1, "equal") in got and (4, 4, "equal") in got
    assert (1, 2, "equal") in got                     # the two deliveries pair up
    assert (2, 3, "differ") in got                    # their sigreturns: the interrupted results
    order = [g[0] if g[0] is not None else g[1] for g in got]
    assert order.index(1) < order.index(3)            # a's delivery shown where a took it


def test_a_sigchld_only_on_one_side_stays_a_difference(norm):
    a = trace_with_signals([("read", 3), "---SIGCHLD", ("rt_sigreturn", 3), ("close", 0)])
    b = trace_with_signals([("read", 3), ("close", 0)])
    assert classes(a, b, norm, float_sigchld=True) == [(0, 0, "equal"), (1, None, "only-a"),
                                                       (2, None, "only-a"), (3, 1, "equal")]


def test_other_signals_do_not_float(norm):
    # A SIGSEGV is the program's own doing: where it comes is compared.
    a = trace_with_signals([("getpid", 1), "---SIGSEGV", ("close", 0)])
    b = trace_with_signals([("getpid", 1), ("close", 0), "---SIGSEGV"])
    assert any(c != "equal" for _, _, c in classes(a, b, norm, float_sigchld=True))
