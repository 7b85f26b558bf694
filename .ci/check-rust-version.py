#!/usr/bin/env python3
"""Checks that the library's `rust-version` is what its dependencies require.

The required version is the highest `rust-version` over the packages a user of the library
compiles: the library itself and everything reached from it through normal and build
dependencies (never dev-dependencies, and never the command line in `cli/`), with the versions
in Cargo.lock and the features the workspace turns on. An optional dependency counts only when
one of its parent's enabled features turns it on: `cargo metadata` also lists optional
dependencies that are merely named by a weak `dep?/feature` (rust_decimal's `borsh`, `rand`, ...),
and those are never built.

Exits 1, printing both versions, when the root package's `rust-version` differs, or when the
library's optional features (the HTTP client) would need a newer Rust than it declares.
Standard library only: CI has nothing but the Rust toolchain and python3.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBRARY = "clubready-wire"
# A target that is never true: crates use it to name a dependency (for docs or version pinning)
# without ever building it, as indexmap does with serde.
NEVER = "cfg(any())"


def version_key(text):
    """`1.85`, `1.85.0` and `1.6` as comparable (major, minor, patch) tuples."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def crate_name(name):
    """A dependency's name as `cargo metadata` writes it in `resolve.nodes[].deps[].name`."""
    return name.replace("-", "_")


def enabled_optional_deps(package, features):
    """Names (as in `crate_name`) of the optional dependencies that `features` turn on."""
    optional = {crate_name(d.get("rename") or d["name"]) for d in package["dependencies"] if d["optional"]}
    enabled = set()
    for feature in features:
        if crate_name(feature) in optional:
            enabled.add(crate_name(feature))  # an implicit feature named after the dependency
        for value in package["features"].get(feature, []):
            if value.startswith("dep:"):
                enabled.add(crate_name(value[4:]))
            elif "/" in value:
                dep = value.split("/", 1)[0]
                if not dep.endswith("?"):  # `dep/feature` turns `dep` on; `dep?/feature` does not
                    enabled.add(crate_name(dep))
            elif crate_name(value) in optional:
                enabled.add(crate_name(value))
    return enabled


def built_edges(package, node):
    """The package ids of `node`'s dependencies that are built when `package` is."""
    declared = {}
    for dep in package["dependencies"]:
        if dep["kind"] == "dev" or dep.get("target") == NEVER:
            continue
        declared.setdefault(crate_name(dep.get("rename") or dep["name"]), []).append(dep)
    enabled = enabled_optional_deps(package, node["features"])
    for edge in node["deps"]:
        kinds = [k for k in edge["dep_kinds"] if k["kind"] != "dev" and k.get("target") != NEVER]
        decls = declared.get(edge["name"], [])
        if not kinds or not decls:
            continue
        if any(not d["optional"] for d in decls) or edge["name"] in enabled:
            yield edge["pkg"]


def requirement(all_features):
    """The highest rust-version of the packages a user builds (with every optional feature of
    the library turned on, if asked), the packages that set it, and how many were counted."""
    args = ["cargo", "metadata", "--format-version", "1", "--locked",
            "--manifest-path", os.path.join(ROOT, "Cargo.toml")]
    if all_features:
        args.append("--all-features")
    metadata = json.loads(subprocess.run(args, check=True, stdout=subprocess.PIPE).stdout)
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    manifest = os.path.join(ROOT, "Cargo.toml")
    (root,) = [p for p in metadata["packages"]
               if p["name"] == LIBRARY and os.path.samefile(p["manifest_path"], manifest)]

    seen, stack = set(), [root["id"]]
    while stack:
        pkg_id = stack.pop()
        if pkg_id not in seen:
            seen.add(pkg_id)
            stack.extend(built_edges(packages[pkg_id], nodes[pkg_id]))

    deps = [packages[i] for i in seen if i != root["id"]]
    with_version = [p for p in deps if p["rust_version"]]
    required = max(version_key(p["rust_version"]) for p in with_version)
    setters = sorted(f"{p['name']} {p['version']} (rust-version {p['rust_version']})"
                     for p in with_version if version_key(p["rust_version"]) == required)
    print(f"{len(deps)} packages built for {LIBRARY}"
          f"{' with all its features' if all_features else ''}; "
          f"{len(deps) - len(with_version)} declare no rust-version")
    return required, setters, root["rust_version"]


def main():
    required, setters, declared = requirement(all_features=False)
    required_text = ".".join(str(n) for n in required).removesuffix(".0")
    print(f"required by the dependencies: {required_text}, set by {', '.join(setters)}")
    print(f"declared by {LIBRARY}: {declared}")
    if declared is None or version_key(declared) != required:
        print(f"error: {LIBRARY}'s rust-version ({declared}) is not what its dependencies "
              f"require ({required_text}); set rust-version = \"{required_text}\" in Cargo.toml")
        return 1
    # An optional feature (the HTTP client) must not need a newer Rust than the one declared.
    optional, optional_setters, _ = requirement(all_features=True)
    optional_text = ".".join(str(n) for n in optional).removesuffix(".0")
    print(f"required with every feature: {optional_text}, set by {', '.join(optional_setters)}")
    if optional > required:
        print(f"error: an optional feature needs Rust {optional_text}, newer than the declared "
              f"{declared}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
