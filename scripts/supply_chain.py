"""Supply-chain checks (`make audit`, part of `make test`, so CI runs them).

1. bandit over renda/ (tests and migrations excluded by [tool.bandit] in pyproject.toml):
   fails on any high-severity finding; medium ones are listed. Every finding kept in the code
   carries `# nosec <test> - <reason>` where it is justified.
2. pip-audit --strict over the installed packages: fails on a known vulnerability. When no
   vulnerability source (PyPI's JSON API, OSV) can be reached — as on machines with only a
   package mirror — pip-audit cannot audit anything; this says so plainly and never reports a
   clean audit that did not happen. REQUIRE_DEPENDENCY_AUDIT=1 makes that a failure.

Usage: python scripts/supply_chain.py [--skip-bandit] [--skip-pip-audit]
"""

import json
import os
import subprocess  # nosec B404 - runs the two audit tools with fixed argument lists
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE = "=" * 78


def run(args: list[str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603 - fixed commands, no shell
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def bandit() -> bool:
    done = run(["bandit", "-q", "-c", "pyproject.toml", "-r", "renda", "-f", "json"])
    if done.returncode not in (0, 1) or not done.stdout.strip():
        print(f"bandit could not run:\n{done.stderr}")
        return False
    results = json.loads(done.stdout)["results"]
    by_level = {
        level: [r for r in results if r["issue_severity"] == level]
        for level in ("HIGH", "MEDIUM", "LOW")
    }
    for finding in by_level["HIGH"] + by_level["MEDIUM"]:
        print(
            f"  {finding['issue_severity']:<6} {finding['test_id']} "
            f"{finding['filename']}:{finding['line_number']} {finding['issue_text']}"
        )
    counts = ", ".join(f"{len(v)} {k.lower()}" for k, v in by_level.items())
    ok = not by_level["HIGH"]
    print(f"bandit: {counts} severity finding(s) — {'passed' if ok else 'FAILED (high severity)'}")
    return ok


def pip_audit() -> bool:
    done = run(
        ["pip_audit", "--strict", "--skip-editable", "--progress-spinner", "off", "-f", "json"]
    )
    report = _json(done.stdout)
    if done.returncode == 0 and report is not None:
        audited = len(report["dependencies"])
        print(f"pip-audit: {audited} packages audited, no known vulnerabilities — passed")
        return True
    vulnerable = [d for d in (report or {}).get("dependencies", []) if d.get("vulns")]
    if vulnerable:
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                print(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
        print(f"pip-audit: {len(vulnerable)} package(s) with known vulnerabilities — FAILED")
        return False
    return _not_performed(done.stderr)


def _not_performed(stderr: str) -> bool:
    reason = next((line for line in stderr.splitlines() if line.strip()), "no output")
    required = os.environ.get("REQUIRE_DEPENDENCY_AUDIT", "") not in ("", "0")
    print(RULE)
    print("DEPENDENCY AUDIT NOT PERFORMED: pip-audit could not reach a vulnerability source")
    print("(PyPI's JSON API or OSV), so no package was checked for known vulnerabilities.")
    print(f"pip-audit said: {reason[:300]}")
    print("Run `make audit` where https://pypi.org or https://osv.dev is reachable.")
    print(RULE)
    return not required


def _json(text: str):
    try:
        return json.loads(text) if text.strip() else None
    except json.JSONDecodeError:
        return None


def main(argv: list[str]) -> int:
    ok = True
    if "--skip-bandit" not in argv:
        ok = bandit() and ok
    if "--skip-pip-audit" not in argv:
        ok = pip_audit() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
