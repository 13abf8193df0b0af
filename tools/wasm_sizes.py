#!/usr/bin/env python3
"""Bytes of a WebAssembly module's code by crate, from its `name` section (issue 20: where the
first load's bytes go). twiggy 0.7 cannot read the module (newer opcodes). Use on the module
before wasm-opt, which keeps the names:

    python3 tools/wasm_sizes.py target/wasm32-unknown-unknown/release/tierwise-app.wasm

A function is counted under the first path segment of its (demangled, legacy `_ZN…E`)
name, or of the type a generic `<T as Trait>` / `drop_in_place<T>` names when that segment is
`core`, `alloc` or `std`, so the code a crate's types instantiate counts for that crate.
The sizes are before wasm-opt; their proportions are what matters."""
import re
import sys
from collections import Counter


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def demangle(name):
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j:j + n])
        i = j + n
    return "::".join(parts)


def crate_of(name):
    name = demangle(name)
    name = name.replace("$LT$", "<").replace("$GT$", ">").replace("..", "::").replace("$u20$", " ")
    first = re.split(r"[:<>\s]", name.lstrip("_<"), maxsplit=1)[0] or "?"
    if first in ("core", "alloc", "std"):
        inner = re.search(r"<\s*([A-Za-z_][A-Za-z0-9_]*)::", name)
        if inner and inner.group(1) not in ("core", "alloc", "std"):
            return inner.group(1)
    return first


def main(path):
    b = open(path, "rb").read()
    i, imported, bodies, names = 8, 0, [], {}
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if sid == 2:  # imports: count the functions
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(b, j)
                    j += ln
                kind = b[j]
                j += 1
                if kind == 0:
                    imported += 1
                    _, j = leb(b, j)
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                sz, j = leb(b, j)
                bodies.append(sz)
                j += sz
        elif sid == 0:
            ln, j = leb(b, i)
            if b[j:j + ln] == b"name":
                j += ln
                while j < end:
                    sub = b[j]
                    ssize, j = leb(b, j + 1)
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            ln2, k = leb(b, k)
                            names[idx] = b[k:k + ln2].decode("utf-8", "replace")
                            k += ln2
                    j += ssize
        i = end
    by = Counter()
    for k, sz in enumerate(bodies):
        by[crate_of(names.get(imported + k, "?"))] += sz
    total = sum(bodies)
    print(f"code {total:,} bytes in {len(bodies):,} functions ({len(names):,} named)")
    for crate, sz in by.most_common(30):
        print(f"{sz:>12,}  {100 * sz / total:5.1f}%  {crate}")


if __name__ == "__main__":
    main(sys.argv[1])
