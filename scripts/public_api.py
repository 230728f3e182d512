#!/usr/bin/env python3
"""Lists par-index's public API from rustdoc's JSON output: one line per public path (item,
struct field, enum variant, method), with its kind. `scripts/semver-check.sh` compares the
list with the one committed at the last version tag.

Usage: public_api.py target/doc/par_index.json > api/public-api.txt
"""
import json
import sys

doc = json.load(open(sys.argv[1]))
index = doc["index"]
out = set()


def item(i):
    return index.get(str(i))


def kind_of(it):
    return next(iter(it["inner"])) if isinstance(it["inner"], dict) else it["inner"]


def members(it, path):
    inner = it["inner"]
    k = kind_of(it)
    if k == "struct":
        plain = inner["struct"]["kind"].get("plain") if isinstance(inner["struct"]["kind"], dict) else None
        for f in (plain or {}).get("fields", []):
            fi = item(f)
            if fi and fi["visibility"] == "public":
                out.add(f"{path}::{fi['name']} field")
    if k == "enum":
        for v in inner["enum"]["variants"]:
            vi = item(v)
            if vi:
                out.add(f"{path}::{vi['name']} variant")
    impls = inner.get(k, {}).get("impls", []) if isinstance(inner.get(k), dict) else []
    for im in impls:
        ii = item(im)
        if not ii or ii["inner"]["impl"].get("trait") is not None:
            if ii and ii["inner"]["impl"].get("trait") is not None and not ii["inner"]["impl"].get("is_synthetic") and not ii["inner"]["impl"].get("blanket_impl"):
                out.add(f"{path} impl {ii['inner']['impl']['trait']['path']}")
            continue
        for m in ii["inner"]["impl"]["items"]:
            mi = item(m)
            if mi and mi["visibility"] == "public":
                out.add(f"{path}::{mi['name']} {kind_of(mi)}")


def walk(module, path, seen):
    for i in module["inner"]["module"]["items"]:
        it = item(i)
        if not it or it["visibility"] != "public":
            continue
        k = kind_of(it)
        if k == "use":
            u = it["inner"]["use"]
            target = item(u["id"]) if u.get("id") is not None else None
            if u["is_glob"]:
                if target and kind_of(target) == "module":
                    walk_all(target, path, seen)
                continue
            if target is None:
                out.add(f"{path}::{u['name']} external")
                continue
            name = u["name"]
            add(target, f"{path}::{name}", seen)
        else:
            add(it, f"{path}::{it['name']}", seen)


def walk_all(module, path, seen):
    """A glob: every item of the module that is public (items are public even when the
    module is private)."""
    for i in module["inner"]["module"]["items"]:
        it = item(i)
        if not it or it["visibility"] != "public":
            continue
        if kind_of(it) == "use":
            u = it["inner"]["use"]
            target = item(u["id"]) if u.get("id") is not None else None
            if target is not None and not u["is_glob"]:
                add(target, f"{path}::{u['name']}", seen)
        elif kind_of(it) != "module":
            add(it, f"{path}::{it['name']}", seen)


def add(it, path, seen):
    k = kind_of(it)
    out.add(f"{path} {k}")
    if k == "module":
        if (it["id"], path) in seen:
            return
        seen.add((it["id"], path))
        walk(it, path, seen)
    else:
        members(it, path)


walk(item(doc["root"]), "par_index", set())
print("\n".join(sorted(out)))
