"""What a one-patient native report does not load: modules its work never uses (start-up cost)."""

import subprocess
import sys

import pytest

NOT_NEEDED = ("mgcheck.recipes", "rich._emoji_codes")


def _loaded_by_report(out: str) -> str:
    """Run `mgcheck report --example -o out` as the command line does; its exit code and which of NOT_NEEDED it loaded."""
    code = (
        f"import sys, runpy\nsys.argv = ['mgcheck', 'report', '--example', '-q', '-o', {out!r}]\n"
        "try:\n    runpy.run_module('mgcheck', run_name='__main__')\nexcept SystemExit as done:\n"
        f"    print(done.code, sorted(m for m in {NOT_NEEDED!r} if m in sys.modules))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.slow
def test_a_native_report_loads_neither_the_recipes_module_nor_richs_emoji_table(tmp_path):
    """No dishes: mgcheck.recipes is not imported; panel titles are Text: Rich's emoji table is not loaded."""
    assert _loaded_by_report(str(tmp_path / "r.txt")) == "0 []"
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "─ What next ─" in text and "Magnesium intake: example_week" in text
