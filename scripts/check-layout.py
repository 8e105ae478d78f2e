#!/usr/bin/python3
"""Fails when a source file includes a header its folder may not include (docs/ARCHITECTURE.md).

Server: feature wings over a small core, wired together in app/.
  config, store    -> themselves, common
  net              -> itself, config, common
  http             -> itself, store, config, common, and net's narrow interface (NET_INTERFACE)
  accounts         -> itself, http, store, config, common
  a feature wing   -> itself, accounts, http, store, config, common (never another wing, never app)
  app              -> anything
common never includes server/ or client/; client includes only itself and common; client tests
never include server headers. Any server folder not named here is a feature wing.
Usage: check-layout.py [REPO_ROOT]
"""
import os
import re
import sys

CORE = {
    "config": {"config"},
    "store": {"store"},
    "net": {"net", "config"},
    "http": {"http", "store", "config"},
    "accounts": {"accounts", "http", "store", "config"},
}
NET_INTERFACE = {"net/ConnectionState.h", "net/ResponseWriter.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folders(root, tree):
    base = os.path.join(root, tree)
    return {d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d))}


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    server = folders(root, "server")
    client = folders(root, "client")
    common = folders(root, "common")
    problems = []

    # One name, one tree: an include like "api/X.h" must never be able to mean two folders.
    for name in sorted((server & client) | (server & common) | (client & common)):
        problems.append(f"folder name '{name}' exists in more than one of server/, client/, common/")

    def owner(include):
        top = include.split("/", 1)[0]
        if "/" not in include:
            return None, None
        for tree, names in (("server", server), ("client", client), ("common", common)):
            if top in names:
                return tree, top
        return None, None

    def allowed(tree, folder, inc_tree, inc_folder, include):
        if inc_tree is None:
            return True  # Qt, system or a file beside the includer
        if tree == "common":
            return inc_tree == "common"
        if tree == "client":
            return inc_tree in ("client", "common")
        if tree == "tests-client":
            return inc_tree in ("client", "common")
        if tree == "tests":
            return True
        # server
        if inc_tree == "client":
            return False
        if inc_tree == "common" or folder == "app":
            return True
        if folder in CORE:
            if folder == "http" and include in NET_INTERFACE:
                return True
            return inc_folder in CORE[folder]
        # a feature wing
        return inc_folder in (folder, "accounts", "http", "store", "config")

    for tree in ("server", "client", "common", "tests"):
        for dirpath, _, files in os.walk(os.path.join(root, tree)):
            for name in files:
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, os.path.join(root, tree))
                folder = rel.split(os.sep, 1)[0] if os.sep in rel else ""
                kind = tree
                if tree == "tests" and folder == "client":
                    kind = "tests-client"
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for include in INCLUDE.findall(text):
                    inc_tree, inc_folder = owner(include)
                    if not allowed(kind, folder, inc_tree, inc_folder, include):
                        problems.append(f"{tree}/{rel}: may not include \"{include}\" "
                                        f"({inc_tree}/{inc_folder})")
    for p in problems:
        print(p)
    print(f"layout: {len(problems)} forbidden include(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
