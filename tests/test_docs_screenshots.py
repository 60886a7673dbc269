"""Every screenshot the README and docs show exists and is a real PNG."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REFERENCE = re.compile(r"\((?:docs/)?(screenshots/[\w.-]+\.png)\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def referenced_screenshots():
    return sorted(
        {
            (page.name, match)
            for page in PAGES
            for match in REFERENCE.findall(page.read_text())
        }
    )


def test_the_docs_show_screenshots():
    pages = {page for page, _ in referenced_screenshots()}
    assert {"README.md", "editors-guide.md"} <= pages


@pytest.mark.parametrize(("page", "path"), referenced_screenshots())
def test_referenced_screenshot_exists(page, path):
    image = ROOT / "docs" / path
    assert image.is_file(), (
        f"{page} shows {path}: run pytest tests/demo/screenshots.py -n 0"
    )
    data = image.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000, f"{path} is not a PNG"
