"""Plain option values (text, lists of text, choices, flags) reach the commands without Typer's pydantic coercion.

Typer 0.29 builds a pydantic TypeAdapter for each option of the command it runs, importing
pydantic (0.15-0.2 s, a third of a one-patient report) to turn the text Click already gives into
the same text. For options typed `str`, `list[str]`, an Enum or `bool`, the groups here give Typer
a coercion of its own kind that does what the adapter does (the option's `parser` when it has one,
the choice by Typer's own matching; a flag's value that is not yet a bool goes to Typer's) without
pydantic; every other option (numbers with ranges,
paths) keeps Typer's. A Typer without this hook (before 0.29, which had no pydantic), or whose
private classes differ from 0.29's, is left as it is. `tests/test_cli_options.py` checks that a report imports no pydantic and that both
coercions give the same values and errors.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer
import typer.core

try:  # Typer >= 0.29: per-parameter runtime coercion, by default through pydantic
    from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
    from typer._param_types import coerce_cli_choice
except ImportError:  # pragma: no cover - an older Typer coerces through Click, without pydantic
    RuntimeParam = None  # type: ignore[assignment, misc]

__all__ = ["PlainGroup", "plain_coercion"]


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):
        """Text as given (through the option's parser), the Enum member it names, or a flag's bool."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is bool and not isinstance(value, bool):
                # A flag's value from elsewhere than the command line ('yes' in an environment variable).
                typer_own = build_runtime_param(resolve_type_descriptor(self.annotation, self.parameter_info))
                return typer_own._coerce_value(value, param=param, ctx=ctx)
            if isinstance(value, (list, tuple)):
                return [self._one(item) for item in value]
            return self._one(value)

        def _one(self, value: Any) -> Any:
            annotation = self.annotation
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                try:
                    return coerce_cli_choice(
                        value, choices=list(annotation), case_sensitive=self.parameter_info.case_sensitive
                    )
                except ValueError as error:
                    raise typer.BadParameter(str(error)) from None
            parser = self.parameter_info.parser
            if parser is not None:
                try:
                    return parser(value)
                except ValueError as error:
                    raise typer.BadParameter(str(error)) from None
            return value if isinstance(value, bool) else _text(value)


def _plain(annotation: Any) -> bool:
    """Whether values of this (resolved) annotation are text, a list of text, an Enum's names or a flag."""
    if annotation in (str, bool) or annotation == list[str]:
        return True
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def plain_coercion(command: Any, ctx: Any) -> None:
    """Give each plain option of the Click command `command` (its --help too) the coercion above, once;
    the others keep Typer's."""
    if RuntimeParam is None:
        return
    for param in [*command.params, command.get_help_option(ctx)]:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", True) is not None:
            continue
        try:
            if descriptor.file_annotation is None and _plain(descriptor.annotation):
                param._runtime_param = _PlainParam(
                    parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
                )
        except (TypeError, AttributeError):
            # A Typer whose private coercion classes differ from 0.29's (typer._coercion is not public):
            # every option keeps Typer's own coercion rather than every command failing.
            return


class PlainGroup(typer.core.TyperGroup):
    """Typer's command group, giving the command it runs (and itself) plain coercion."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_coercion(self, ctx)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_coercion(command, ctx)
        return name, command, rest
