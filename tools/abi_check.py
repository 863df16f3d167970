#!/usr/bin/env python3
"""Guards the C ABI of libmhpbr against incompatible change.

The committed description (capi/mhpbr.abi) lists every exported function's
normalised prototype, every public struct's fields in order, and every
numeric MHPBR_ constant. A check fails when, against that description:
  - a function is removed or its prototype changes;
  - a struct loses, renames, retypes or reorders a field (fields may only
    be added at the end);
  - a constant changes value or disappears;
  - the built library does not export a listed function, or exports a
    symbol that is not an mhpbr_ function.
Additions pass. After a deliberate, compatible addition, regenerate:

  python3 tools/abi_check.py --write capi/mhpbr.abi capi/mhpbr.h

An incompatible change needs a new ABI major (MHPBR_VERSION_MAJOR, which is
the SOVERSION), a CHANGELOG entry and a regenerated description.
"""
import argparse
import re
import subprocess
import sys


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def norm(s):
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*([(),*;\[\]])\s*", r"\1", s)
    return s


def drop_parameter_names(decl):
    """Parameter names are not ABI: `int f(const char* path)` -> `int
    f(const char*)`."""
    head, _, params = decl.partition("(")
    params = params.rsplit(")", 1)[0]
    kept = []
    for param in params.split(","):
        param = param.strip()
        if re.search(r"[\s*]\w+$", param) and param != "void":
            param = re.sub(r"\w+$", "", param)
        kept.append(param)
    return "%s(%s)" % (head, ",".join(kept))


def describe(header_text):
    """Returns {"function name": proto, "struct name": [fields], "const": v}."""
    text = strip_comments(header_text)
    out = {}
    # Macros first (multi-line initialiser macros are skipped: not ABI).
    for m in re.finditer(r"^\s*#define\s+(MHPBR_[A-Z0-9_]+)\s+\(?(-?\d+)\)?\s*$",
                         text, flags=re.M):
        if m.group(1).startswith("MHPBR_VERSION_"):
            continue  # the version moves by design
        out["const " + m.group(1)] = m.group(2)
    body = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    body = re.sub(r"\\\n", " ", body)
    for m in re.finditer(r"typedef\s+struct\s+(\w+)\s*\{(.*?)\}\s*\w+\s*;",
                         body, flags=re.S):
        fields = [norm(f) for f in m.group(2).split(";") if f.strip()]
        out["struct " + m.group(1)] = fields
    for m in re.finditer(r"MHPBR_EXPORT\s+([^;]+?)\s*;", body, flags=re.S):
        proto = norm(drop_parameter_names(m.group(1)))
        name = re.search(r"(\w+)\s*\(", proto).group(1)
        out["function " + name] = proto
    return out


def write(desc, path):
    with open(path, "w") as f:
        f.write("# The C ABI of libmhpbr, checked by tools/abi_check.py.\n"
                "# Regenerate only for a compatible addition (see there).\n")
        for key in sorted(desc):
            value = desc[key]
            if isinstance(value, list):
                value = " | ".join(value)
            f.write("%s = %s\n" % (key, value))


def read(path):
    desc = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            key, value = line.rstrip("\n").split(" = ", 1)
            desc[key] = value.split(" | ") if key.startswith("struct ") else value
    return desc


def exported_symbols(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    symbols = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtWDdBbRr":
            symbols.add(parts[2].split("@")[0])
    return symbols


def check(old, new, library):
    problems = []
    for key, value in old.items():
        if key not in new:
            problems.append("removed: %s" % key)
        elif key.startswith("struct "):
            if new[key][:len(value)] != value:
                problems.append("%s: fields changed (they may only be added "
                                "at the end): was %s, now %s" % (key, value, new[key]))
        elif new[key] != value:
            problems.append("%s changed: was %r, now %r" % (key, value, new[key]))
    if library:
        symbols = exported_symbols(library)
        for key in old:
            if key.startswith("function ") and key[9:] not in symbols:
                problems.append("%s is not exported by %s" % (key[9:], library))
        for s in sorted(symbols):
            if not s.startswith("mhpbr_"):
                problems.append("exported symbol outside the C API: %s" % s)
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("abi", help="the committed description (capi/mhpbr.abi)")
    p.add_argument("header", help="the C header (capi/mhpbr.h)")
    p.add_argument("--library", help="the built libmhpbr.so to check too")
    p.add_argument("--write", action="store_true", help="regenerate the description")
    args = p.parse_args()
    with open(args.header) as f:
        new = describe(f.read())
    if args.write:
        write(new, args.abi)
        return 0
    problems = check(read(args.abi), new, args.library)
    for problem in problems:
        print("ABI: " + problem)
    if problems:
        print("%d incompatible change(s) to the C ABI" % len(problems))
        return 1
    added = sorted(set(new) - set(read(args.abi)))
    print("C ABI compatible: %d entries checked%s" % (
        len(read(args.abi)), "; added: " + ", ".join(added) if added else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
