"""The snippet contract, defined once: which files are snippets, where their expected output lives, how a page
includes them, which code fences must be verified, and what a snippet's result depends on.

The build (notesite.site), the verifier (notesite.verify) and the serve-time checker all import this module, and
nothing else restates it. It imports neither MkDocs nor pytest. Include and section syntax are not copied here:
they are asked of `pymdownx.snippets`' own SnippetPreprocessor (its patterns, its target parser, its section
extractor, its base-path lookup), configured as the page's Markdown is, so "what the engine reads as an include"
and "what the page renders as one" cannot disagree.

Layout: `<snippets>/<section>/<note>/<name>.py|.sql` is a snippet; `<name>.out` beside it is its expected output.
Names starting with `_`, files that are neither runnable nor output, and everything in deeper folders are support
files: never run on their own, part of the fingerprint of every snippet of their folder. A runnable file anywhere
else under the snippets folder, or an output file with no snippet, is a mistake that the verifier reports.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import markdown
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

# --- layout ----------------------------------------------------------------------------------------------------

KINDS = {".py": "python", ".sql": "sql"}  # runnable suffixes and the kind of example each is
OUTPUT_SUFFIX = ".out"
SUPPORT_PREFIX = "_"
NOTE_DEPTH = 3  # <section>/<note>/<file>, counted from the snippets folder
DEFAULT_TIMEOUT = 10.0  # seconds; a snippet may declare more
DECLARATION = re.compile(r"^\s*(?:#|--)\s*snippet:\s*(?P<body>.*)$")
DECLARATION_LINES = 5


def is_snippet(rel: PurePosixPath) -> bool:
    """`rel` is relative to the snippets folder."""
    return len(rel.parts) == NOTE_DEPTH and rel.suffix in KINDS and not rel.name.startswith(SUPPORT_PREFIX)


def expected_output(snippet: Path) -> Path:
    return snippet.with_suffix(OUTPUT_SUFFIX)


def snippet_of_output(output: Path) -> Path | None:
    """The snippet whose expected output this file is, if that snippet exists."""
    for suffix in KINDS:
        candidate = output.with_suffix(suffix)
        if candidate.is_file() and not candidate.name.startswith(SUPPORT_PREFIX):
            return candidate
    return None


@dataclass(frozen=True)
class Stray:
    """A file under the snippets folder that looks like part of an example but that nothing verifies."""

    path: Path
    problem: str


def stray_problem(path: Path, snippets_dir: Path) -> str | None:
    """Why this file would be shown or kept without being verified; None when it is fine."""
    rel = PurePosixPath(path.relative_to(snippets_dir).as_posix())
    if rel.suffix in KINDS and len(rel.parts) < NOTE_DEPTH:
        return (
            f"a runnable file outside a note folder is never run; move it to "
            f"snippets/<section>/<note>/{rel.name} (or delete it)"
        )
    if rel.suffix == OUTPUT_SUFFIX and len(rel.parts) == NOTE_DEPTH and snippet_of_output(path) is None:
        names = " or ".join(rel.with_suffix(s).name for s in KINDS)
        return f"an expected output with no snippet: there is no {names} beside it; delete it or restore the snippet"
    return None


@dataclass(frozen=True)
class Layout:
    snippets: list[Path]
    strays: list[Stray]


def discover(snippets_dir: Path) -> Layout:
    """Every snippet under the snippets folder, and every file that looks verified but is not."""
    snippets, strays = [], []
    for path in sorted(snippets_dir.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if is_snippet(PurePosixPath(path.relative_to(snippets_dir).as_posix())):
            snippets.append(path)
        elif problem := stray_problem(path, snippets_dir):
            strays.append(Stray(path, problem))
    return Layout(snippets, strays)


class DeclarationError(ValueError):
    pass


@dataclass(frozen=True)
class Snippet:
    path: Path
    timeout: float = DEFAULT_TIMEOUT
    expected_exit: int = 0
    network: bool = False  # declared `# snippet: network`: the one thing that lets a snippet connect out

    @classmethod
    def at(cls, path: Path) -> Snippet:
        """Read the declarations in the first lines: `# snippet: timeout=60 exit=2 network` (`--` in SQL)."""
        values: dict = {}
        lines = path.read_text(encoding="utf-8").splitlines()[:DECLARATION_LINES]
        for number, line in enumerate(lines, start=1):
            match = DECLARATION.match(line)
            if not match:
                continue
            for pair in match.group("body").split():
                key, _, value = pair.partition("=")
                try:
                    if key == "timeout":
                        values["timeout"] = float(value)
                    elif key == "exit":
                        values["expected_exit"] = int(value)
                    elif key == "network" and not value:
                        values["network"] = True
                    else:
                        raise ValueError
                except ValueError:
                    raise DeclarationError(
                        f"{number}: cannot read the declaration `{pair}`; write "
                        "`snippet: timeout=<seconds> exit=<status> network` (each optional)"
                    ) from None
        return cls(path, **values)

    @property
    def kind(self) -> str:
        return KINDS[self.path.suffix]

    @property
    def expected(self) -> Path:
        return expected_output(self.path)

    @property
    def note_dir(self) -> Path:
        return self.path.parent


# --- fingerprints ------------------------------------------------------------------------------------------------


def folder_files(note_dir: Path) -> list[Path]:
    """Everything a snippet of this folder may read: the folder's files, at any depth."""
    return sorted(p for p in note_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(snippet: Path) -> str:
    """What the snippet's result can depend on among the site's files: its name and every file of its note folder
    (code, expected output, setup, data), by path relative to the folder, so that two clones agree."""
    digest = hashlib.sha256(snippet.name.encode())
    for path in folder_files(snippet.parent):
        digest.update(path.relative_to(snippet.parent).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def file_fingerprint(path: Path) -> str:
    """A notebook's fingerprint: the notebook holds its code and its outputs, so the file alone."""
    return hashlib.sha256(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest()).hexdigest()


# --- includes: asked of pymdownx.snippets ----------------------------------------------------------------------

# A line that an author meant as an include or a block marker: dashes, `8<`, dashes, at the start of the line.
# Whether it *is* one is pymdownx's decision (RE_ALL_SNIPPETS); this only finds the lines to ask about.
LOOKS_LIKE_INCLUDE = re.compile(r"^[ \t]*;*-+[ \t]*8[ \t]*<[ \t]*-+")
EXTENSION_OPTIONS = set(SnippetExtension().getConfigs())


@dataclass(frozen=True)
class Include:
    line: int  # 1-based line in the page source
    target: str  # as written, e.g. "engineering/note/fix.py:demo"
    path: str  # the file, relative to a base path, e.g. "engineering/note/fix.py"
    section: str | None = None  # a named section
    line_range: bool = False  # `file:3:9`


@dataclass(frozen=True)
class Unread:
    """A line that looks like an include but that pymdownx.snippets prints as text."""

    line: int
    text: str

    @property
    def reason(self) -> str:
        if self.text != self.text.rstrip():
            return "trailing spaces after the include: pymdownx.snippets prints the line as text; delete them"
        return 'pymdownx.snippets does not read this as an include and prints it as text; write --8<-- "path"'


@dataclass(frozen=True)
class PageIncludes:
    includes: list[Include] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)


class Includes:
    """The page's include syntax, as the site's `pymdownx.snippets` configuration reads it."""

    def __init__(self, options: dict | None = None, root: Path | None = None):
        options = {k: v for k, v in (options or {}).items() if k in EXTENSION_OPTIONS}
        bases = options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, (str, Path)) else list(bases)
        self.bases = [Path(root or ".", str(b)).resolve() for b in bases]
        options["base_path"] = [str(b) for b in self.bases]
        options["check_paths"] = True  # a missing section raises instead of including nothing
        self.reader = SnippetPreprocessor(SnippetExtension(**options).getConfigs(), markdown.Markdown())

    @property
    def base(self) -> Path:
        """The first base path: where `section/note/file.py` lives (the snippets folder)."""
        return self.bases[0]

    def scan(self, source: str) -> PageIncludes:
        """Every include of a page, top level, in order, and every line that looks like one but is not.

        Walks the lines as SnippetPreprocessor.parse_snippets does: inline `--8<-- "path"`, block markers with one
        path per line between them, `;` escapes; a page that contains no `8<` is skipped at once."""
        found = PageIncludes()
        if "8<" not in source:
            return found
        block = False
        for number, line in enumerate(source.split("\n"), start=1):
            match = self.reader.RE_ALL_SNIPPETS.match(line)
            if match:
                if match.group("escape") or (block and match.group("inline_marker")):
                    continue  # escaped: shown as text on purpose; inline inside a block: ignored by pymdownx
                if match.group("inline_marker"):
                    self._add(found, number, match.group("snippet")[1:-1].strip())
                else:
                    block = not block
            elif block:
                target = self.reader.RE_SNIPPET.match(line).group("snippet").strip()
                if target and not target.startswith(";"):
                    self._add(found, number, target)
            elif LOOKS_LIKE_INCLUDE.match(line) and not self.reader.match_section(line):
                found.unread.append(Unread(number, line.rstrip("\r")))
        return found

    def _add(self, found: PageIncludes, number: int, written: str) -> None:
        target = self.reader.parse_snippet_target(written)
        if target is None:
            found.unread.append(Unread(number, written))
            return
        ranges = bool(target["start"] and target["end"])
        found.includes.append(Include(number, written, target["path"], target["section"], ranges))

    def resolve(self, include: Include) -> Path | None:
        """The file an include shows, looked up in the base paths as pymdownx does (restrict_base_path included)."""
        self.reader.bases = None
        found = self.reader.get_snippet_path(include.path)
        return Path(found) if found else None

    def problem(self, include: Include) -> str | None:
        """What stops the include from showing what it names, in words an author can act on; None when it works."""
        path = self.resolve(include)
        if path is None or not path.is_file():
            return f'--8<-- "{include.target}": no file {self.shown(include.path)}; create it or fix the path'
        if include.section:
            try:
                self.reader.extract_section(include.section, self.reader.read_lines(str(path)))
            except SnippetMissingError:
                return (
                    f'--8<-- "{include.target}": {self.shown(include.path)} has no section `{include.section}`; '
                    f"mark it with `--8<-- [start:{include.section}]` and `--8<-- [end:{include.section}]` comments"
                )
        return None

    def text(self, include: Include) -> str:
        """What the page shows for an include: pymdownx.snippets' own rendering of it (sections cut out and
        dedented as configured, section markers removed)."""
        self.reader.seen, self.reader.bases, self.reader.failed = set(), None, set()
        return "\n".join(self.reader.parse_snippets([f'--8<-- "{include.target}"']))

    def shown(self, rel: str) -> str:
        return f"{self.base.name}/{rel}"

    def is_notation(self, lines: list[str]) -> list[bool]:
        """Per line: is it include notation (replaced by a file's content when the page renders)?"""
        return self.reader.get_syntax_mask(lines)


# --- what a shown file is ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What the page shows through one include: a snippet's code, its output, or a support file."""

    role: str  # "code", "output", "support"
    snippet: str | None  # the snippet it belongs to, relative to the snippets folder; None for support files


def shown_as(path: Path, snippets_dir: Path) -> Shown | str:
    """What an included file is, or (a string) why showing it would show something nothing verifies."""
    try:
        rel = PurePosixPath(path.resolve().relative_to(snippets_dir.resolve()).as_posix())
    except ValueError:
        return Shown("support", None)  # another base path: not the snippets folder's business
    if is_snippet(rel):
        return Shown("code", rel.as_posix())
    if problem := stray_problem(path, snippets_dir):
        return problem
    if rel.suffix == OUTPUT_SUFFIX and len(rel.parts) == NOTE_DEPTH:
        snippet = snippet_of_output(path)
        return Shown("output", PurePosixPath(snippet.relative_to(snippets_dir.resolve()).as_posix()).as_posix())
    return Shown("support", None)


def include_problems(source: str, includes: Includes, snippets_dir: Path) -> list[tuple[int, str]]:
    """(line, problem) for every include of a page that would show nothing, show text, or show something that
    nothing verifies: a missing file or section, a line pymdownx prints as text, a stray or orphan file."""
    scanned = includes.scan(source)
    found = [(unread.line, f"{unread.text.strip()}: {unread.reason}") for unread in scanned.unread]
    for include in scanned.includes:
        problem = includes.problem(include)
        if problem is None:
            role = shown_as(includes.resolve(include), snippets_dir)
            problem = f'--8<-- "{include.target}": {role}' if isinstance(role, str) else None
        if problem:
            found.append((include.line, problem))
    return sorted(found)


# --- code fences ---------------------------------------------------------------------------------------------------

RUNNABLE_LANGS = {"python", "py", "python3", "pycon", "sql", "duckdb"}
FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>[\w+-]*)")
NOT_RUN = re.compile(r"^\s*<!--\s*not-run:\s*\S.*-->\s*$")


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based line of the opening fence
    lang: str
    body: list[str]
    marked_not_run: bool


def fences(source: str) -> list[Fence]:
    lines = source.splitlines()
    # Only a line holding ``` or ~~~ can open or close a fence; a page is mostly prose, so look at those alone.
    marked = [number for number, line in enumerate(lines) if "```" in line or "~~~" in line]
    found, resume = [], 0
    for position, number in enumerate(marked):
        match = FENCE_OPEN.match(lines[number]) if number >= resume else None
        if not match:
            continue
        indent, fence = match.group("indent"), match.group("fence")
        close = re.compile(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}\s*$")
        end = next((i for i in marked[position + 1 :] if close.match(lines[i])), len(lines))
        above = next((lines[i] for i in range(number - 1, -1, -1) if lines[i].strip()), "")
        found.append(
            Fence(number + 1, match.group("lang").lower(), lines[number + 1 : end], bool(NOT_RUN.match(above)))
        )
        resume = end + 1
    return found


def is_include_fence(fence: Fence, includes: Includes) -> bool:
    """Every non-blank line of the body is include notation, as pymdownx.snippets reads it."""
    mask = includes.is_notation(fence.body)
    lines = [(line, notation) for line, notation in zip(fence.body, mask) if line.strip()]
    return bool(lines) and all(notation for _, notation in lines)


def unverified_fences(source: str, includes: Includes) -> list[Fence]:
    """Runnable-looking fences that are neither snippet includes nor marked `<!-- not-run: why -->`."""
    return [
        f
        for f in fences(source)
        if f.lang in RUNNABLE_LANGS and not f.marked_not_run and not is_include_fence(f, includes)
    ]
