"""One registry of named plug-ins: built-ins found by module name on first use, others added at run time."""

from __future__ import annotations

import importlib
from typing import Generic, Protocol, TypeVar

from mgcheck.errors import UsageProblem


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Registry(Generic[T]):
    """Plug-ins by name: each built-in is attribute `attribute` of module `package.<module>`.

    `kind` names them in messages ("format", "standard"); built-ins cannot be removed.
    """

    def __init__(
        self, package: str, built_in: tuple[str, ...], attribute: str, kind: str, removal_kind: str = ""
    ) -> None:
        self.package = package
        self.built_in = built_in
        self.attribute = attribute
        self.kind = kind
        self.removal_kind = removal_kind or kind
        self._items: dict[str, T] = {}

    def _discover(self) -> None:
        if not self._items:
            for module in self.built_in:
                item: T = getattr(importlib.import_module(f"{self.package}.{module}"), self.attribute)
                self._items[item.name] = item

    def register(self, item: T) -> None:
        """Add (or replace) one."""
        self._discover()
        self._items[item.name] = item

    def unregister(self, name: str) -> None:
        self._discover()
        if name in self.built_in:
            raise ValueError(f"the built-in {self.removal_kind} {name} cannot be removed")
        self._items.pop(name, None)

    def all(self) -> dict[str, T]:
        """Every one by name, built-ins first."""
        self._discover()
        return dict(self._items)

    def names(self) -> tuple[str, ...]:
        """Every name, built-ins first. Before any is loaded these are the built-ins' module names, given
        without importing them (a built-in is named as its module; a test checks), so `--help` stays fast."""
        return tuple(self._items) if self._items else self.built_in

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
