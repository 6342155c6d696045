"""Check the raw USDA files against their folder's SHA256SUMS before a build reads them."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def verify_checksums(folder: Path, used_files: tuple[str, ...], label: str) -> None:
    """Stop the build unless every file used matches the folder's SHA256SUMS (`label` names the table)."""
    sums_file = folder / "SHA256SUMS"
    if not sums_file.exists():
        sys.exit(f"error: {sums_file} not found; cannot verify the {label} files")
    expected = {}
    for line in sums_file.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            expected[name.strip().lstrip("*")] = digest
    for name in used_files:
        if name not in expected:
            sys.exit(f"error: {name} has no checksum in {sums_file}")
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if actual != expected[name]:
            sys.exit(f"error: {name}: SHA-256 {actual} does not match SHA256SUMS ({expected[name]})")
