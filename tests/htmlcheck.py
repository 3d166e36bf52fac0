"""The W3C Nu HTML checker (npm vnu-jar, offline on Java), shared by the validity tests."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"


def html_problems(pages: dict[str, bytes], directory: Path) -> list[str]:
    """Every error the checker finds in `pages` (name → HTML), as "name.html:line: message"."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail("The HTML checker is missing: `npm ci` installs vnu-jar (make test does)")
    files = []
    for name, content in pages.items():
        path = directory / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
