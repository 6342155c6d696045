"""One registry of named plug-ins: built-ins found from their package's module files, others added at run time.

A built-in is a module of the plug-in package, found by listing the package's directories (its
`__path__`), that is public (its name does not start with `_`) and assigns the plug-in attribute
(`RENDERER`, `STANDARD`, `IMPORTER`) at its top level: `RENDERER = ...` at the start of a line. The
module's text is read, not imported, so naming the built-ins for `--help` costs no import; a module
that assigns no such attribute (`interface`, `base`, a helper) is not a plug-in. A built-in is named
as its module (loading one named otherwise is an error). Their order is a rule, not a list: the
package's `first` name (its default), then the others alphabetically, then its `last` (a fallback).
"""

from __future__ import annotations

import importlib
import os
import re
from functools import cache
from typing import Generic, Protocol, TypeVar

from mgcheck.errors import UsageProblem


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


def built_in_modules(package: str, attribute: str, first: str = "", last: str = "") -> tuple[str, ...]:
    """The names of the modules of `package` that define `attribute` (see the module docstring), without
    importing them: `first`, the others alphabetically, then `last`. Read again only when the package's
    `__path__` changes (a test adds a directory)."""
    return _modules(tuple(importlib.import_module(package).__path__), package, attribute, first, last)


@cache
def _modules(directories: tuple[str, ...], package: str, attribute: str, first: str, last: str) -> tuple[str, ...]:
    assigns = re.compile(rf"^{attribute}\s*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
    found: set[str] = set()
    for directory in directories:
        with os.scandir(directory) as entries:
            for entry in entries:
                module, suffix = os.path.splitext(entry.name)
                if suffix != ".py" or module.startswith("_") or not module.isidentifier() or module in found:
                    continue
                with open(entry.path, encoding="utf-8") as source:
                    if assigns.search(source.read()):
                        found.add(module)
    ends = [name for name in (first, last) if name in found]
    return tuple(name for name in (first, *sorted(found - set(ends)), last) if name in found)


class Registry(Generic[T]):
    """Plug-ins by name: each built-in is attribute `attribute` of a module `package.<module>`, found by
    `built_in_modules` (`first`, the others alphabetically); others are added by `register`.

    `kind` names them in messages ("format", "standard"); built-ins cannot be removed.
    """

    def __init__(self, package: str, attribute: str, kind: str, removal_kind: str = "", first: str = "") -> None:
        self.package = package
        self.attribute = attribute
        self.kind = kind
        self.removal_kind = removal_kind or kind
        self.first = first
        self._items: dict[str, T] = {}

    def built_in(self) -> tuple[str, ...]:
        """The built-ins' names, in order, found from the package's files without importing them."""
        return built_in_modules(self.package, self.attribute, self.first)

    def _discover(self) -> None:
        if not self._items:
            for module in self.built_in():
                item: T = getattr(importlib.import_module(f"{self.package}.{module}"), self.attribute)
                if item.name != module:
                    raise ValueError(
                        f"{self.package}.{module}.{self.attribute} is named '{item.name}': "
                        f"a built-in {self.kind} is named as its module"
                    )
                self._items[item.name] = item

    def register(self, item: T) -> None:
        """Add (or replace) one."""
        self._discover()
        self._items[item.name] = item

    def unregister(self, name: str) -> None:
        self._discover()
        if name in self.built_in():
            raise ValueError(f"the built-in {self.removal_kind} {name} cannot be removed")
        self._items.pop(name, None)

    def all(self) -> dict[str, T]:
        """Every one by name, built-ins first."""
        self._discover()
        return dict(self._items)

    def names(self) -> tuple[str, ...]:
        """Every name, built-ins first. Before any is loaded these are the built-ins' module names, given
        without importing them (a built-in is named as its module), so `--help` stays fast."""
        return tuple(self._items) if self._items else self.built_in()

    def canonical(self, name: str) -> str:
        """The registered name `name` spells in any case ('EFSA' -> 'efsa'); a usage problem when there is none."""
        known = self.all()
        if name in known:
            return name
        found = next((known_name for known_name in known if known_name.casefold() == name.casefold()), None)
        if found is None:
            raise UsageProblem(f"{self.kind} '{name}' is not one of {', '.join(known)}")
        return found

    def get(self, name: str) -> T:
        """The one called `name`, in any case ('JSON' -> 'json'); a usage problem listing the registered
        ones when there is none."""
        return self.all()[self.canonical(name)]
