"""Lighthouse on the built site, served the way GitHub Pages serves it: a benchmark, not a test.

    make bench-lighthouse            (or: .venv/bin/python bench/lighthouse.py --runs 3)

Builds the site, serves it on 127.0.0.1 with gzip, a 10-minute cache lifetime and 404.html for missing paths
(what GitHub Pages does), runs Lighthouse from npm with Debian's Chromium and its mobile defaults (simulated
slow 4G and a 4x slower CPU) on the home page, a note and the notebook, and prints the four category scores
and the bytes transferred per page. Each page is measured --runs times and the run with the median
performance score is reported: performance moves with the load of the machine, the other scores do not.
Targets: 100 for accessibility, best practices and SEO, 95 for performance. The figures go into
bench/RESULTS.md under "## Lighthouse", with the machine and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from static_server import GzipSiteServer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "lighthouse"
NPM_PREFIX = OUT / "npm"  # git-ignored, like everything under bench/out/
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = NPM_PREFIX / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## Lighthouse"
# name → URL path. The note has code blocks and a table; the notebook is the heaviest page.
PAGES = {
    "home": "",
    "note": "engineering/mapping-legacy-sql/",
    "notebook": "study/networking-model-debugging/",
}
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}  # id → target


@dataclass(frozen=True)
class Measurement:
    page: str
    scores: dict[str, int]  # category id → 0..100
    total_bytes: int  # transferred, compressed: what a reader downloads
    below_target: list[str]  # "page: category: audit-id: title (value)" for each audit that costs points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    ensure_lighthouse()
    site = OUT / "site"
    with GzipSiteServer(site) as server:
        build(site, server.base_url)
        missing = [path for path in PAGES.values() if not (site / path / "index.html").is_file()]
        if missing:
            sys.exit(f"the site has no page at {', '.join('/' + path for path in missing)}: update PAGES")
        measurements = [measure(name, server.url(path), args.runs) for name, path in PAGES.items()]
    print(table(measurements))
    for line in (line for m in measurements for line in m.below_target):
        print(f"below target: {line}")
    write_results(measurements, args.runs)
    print(f"\nwritten: {RESULTS.relative_to(ROOT)} ({HEADING[3:]}); reports: {OUT.relative_to(ROOT)}/reports/")
    return 0


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into bench/out/lighthouse/npm unless it is already there."""
    package = NPM_PREFIX / "node_modules" / "lighthouse" / "package.json"
    if package.is_file() and json.loads(package.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    if shutil.which("npm") is None:
        sys.exit("npm is needed to install Lighthouse: apt-get install npm")
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {NPM_PREFIX.relative_to(ROOT)}", flush=True)
    NPM_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(NPM_PREFIX)]
        + [f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )


def build(site: Path, base_url: str) -> None:
    """Build strictly, with the served address as site_url so canonical links point at the served site."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the site does not build:\n{done.stdout}{done.stderr}")


def measure(page: str, url: str, runs: int) -> Measurement:
    lhrs = [lighthouse(url, OUT / "reports" / f"{page}-{run}.json") for run in range(1, runs + 1)]
    lhr = sorted(lhrs, key=lambda one: one["categories"]["performance"]["score"] or 0)[len(lhrs) // 2]
    for warning in lhr.get("runWarnings", []):
        print(f"lighthouse warning ({page}): {warning}", file=sys.stderr)
    scores = {category: round(100 * (lhr["categories"][category]["score"] or 0)) for category in CATEGORIES}
    return Measurement(
        page=page,
        scores=scores,
        total_bytes=int(lhr["audits"]["total-byte-weight"]["numericValue"]),
        below_target=[f"{page}: {line}" for line in costly_audits(lhr, scores)],
    )


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run; its report (the "LHR") is kept under bench/out/lighthouse/reports/ to read later."""
    report.parent.mkdir(parents=True, exist_ok=True)
    print(f"lighthouse {url}", flush=True)
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet"]
        + [f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        env=os.environ | {"CHROME_PATH": str(CHROMIUM)},
        check=True,
        timeout=300,
    )
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if "runtimeError" in lhr:
        sys.exit(f"lighthouse could not measure {url}: {lhr['runtimeError'].get('message')}")
    return lhr


def costly_audits(lhr: dict, scores: dict[str, int]) -> list[str]:
    """The weighted audits that cost points, in the categories below their target."""
    found = []
    for category, target in CATEGORIES.items():
        if scores[category] >= target:
            continue
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{category}: {ref['id']}: {audit['title']}{value}")
    return found


def table(measurements: list[Measurement]) -> str:
    header = ["page", *CATEGORIES, "transferred"]
    rows = [[m.page, *(str(m.scores[c]) for c in CATEGORIES), f"{m.total_bytes / 1024:.0f} KiB"] for m in measurements]
    targets = ["target", *(f"≥{t}" if t < 100 else str(t) for t in CATEGORIES.values()), ""]
    lines = [header, ["---"] * len(header), *rows, targets]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def machine() -> str:
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False).stdout
    return (
        f"{os.cpu_count()} CPUs, {memory_kib / 1024**2:.0f} GiB memory, {platform.system()} {platform.machine()}, "
        f"{chromium.strip()}, Lighthouse {LIGHTHOUSE_VERSION}"
    )


def write_results(measurements: list[Measurement], runs: int) -> None:
    """Replace this benchmark's section of bench/RESULTS.md; other benchmarks own the other sections."""
    below = [line for m in measurements for line in m.below_target]
    section = "\n".join(
        [
            HEADING,
            "",
            f"`make bench-lighthouse`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. {machine()}.",
            f"Mobile defaults (simulated slow 4G, 4x CPU slowdown), served with gzip on 127.0.0.1; median of "
            f"{runs} run{'s' if runs > 1 else ''} per page by performance score. Transferred: compressed bytes of "
            "everything the page loads.",
            "",
            table(measurements),
            "",
            *(["Audits that cost points:", "", *(f"- {line}" for line in below)] if below else ["All targets met."]),
            "",
        ]
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    RESULTS.write_text(replace_section(text, section), encoding="utf-8")


def replace_section(text: str, section: str) -> str:
    """`text` with its "## Lighthouse" section (up to the next "## " heading) replaced, or the section appended."""
    lines = text.splitlines()
    if HEADING not in lines:
        return text.rstrip("\n") + "\n\n" + section
    start = lines.index(HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = "\n".join(lines[end:])
    return "\n".join(lines[:start]) + ("\n" if start else "") + section + ("\n" + after + "\n" if after else "")


if __name__ == "__main__":
    sys.exit(main())
