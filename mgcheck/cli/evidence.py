"""`mgcheck evidence`: every published finding the reports can cite."""

from typing import Annotated

import typer

from mgcheck.cli import app, handled


@app.command("evidence")
@handled
def evidence_command(
    doi: Annotated[bool, typer.Option("--doi", help="Print only the DOIs, one per line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Every published finding the reports can cite."""
    import json

    from mgcheck.evidence import all_findings, as_entry
    from mgcheck.text import unconfirmed_mark

    findings = [as_entry(f) for f in all_findings()]
    if doi:
        for entry in dict.fromkeys(str(f["doi"]) for f in findings):
            typer.echo(entry)
        return
    if as_json:
        typer.echo(json.dumps(findings, indent=2, ensure_ascii=False))
        return
    for finding in findings:
        flag = unconfirmed_mark(finding["status"])
        typer.echo(
            f"{finding['id']} ({finding['design']}){flag}\n  {finding['finding']}\n"
            f"  Population: {finding['population']} (shown to: {finding['applies_to_people']})\n"
            f"  {finding['citation']}\n"
        )
