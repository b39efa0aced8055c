"""Small files that lie about themselves, built in the test, and a way to measure reading them.

The cases of issue 11: an XLSX of 1.5 KB declaring <dimension ref="A1:XFD50000"/> with one
cell in row 50,000; one whose range reaches AX2000000000, with its cell there; a DOCX of
75 KB holding 49 MB of empty <w:p/> paragraphs, alone and with header parts; a zip whose
member unpacks a thousand times over. `measured` runs a reader in a fresh Python process and
reports its processor time, wall time and the growth of its peak memory (ru_maxrss).
"""

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

# What "answered within a few seconds and a memory bound" means in these tests. Before the reading
# budget these files took 11 s to hours of processor time, and the DOCX 836 MB (1.5 GB with headers).
CPU_SECONDS = 5.0  # processor time: what the file costs, whatever else the machine is doing
WALL_SECONDS = 30.0  # the wall clock, loose enough for a busy test machine
MEMORY_MB = 100

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET}" xmlns:r="{RELATIONSHIPS}">'
    '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _column(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xlsx_declaring(dimension: str, rows: dict[int, list[str]], *, extra: dict[str, bytes] | None = None) -> bytes:
    """A workbook whose one sheet declares `dimension` and holds `rows` ({row number: cell texts from column A})."""
    body = "".join(
        f'<row r="{number}">'
        + "".join(
            f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'
            for i, text in enumerate(cells, start=1)
            if text
        )
        + "</row>"
        for number, cells in sorted(rows.items())
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET}">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_far_cell(text: str = "x") -> bytes:
    """A sheet declaring A1:AX2000000000, with a cell at AX2000000000: two billion rows to reach it."""
    cells = [""] * 49 + [text]
    return xlsx_declaring("A1:AX2000000000", {2_000_000_000: cells})


def xlsx_bomb() -> bytes:
    """A workbook with a part of 50 MB of blanks, packed about a thousand times over."""
    return xlsx_declaring("A1:A1", {1: ["x"]}, extra={"xl/sharedStrings.xml": b" " * (50 * 1024 * 1024)})


def docx_of_empty_paragraphs(megabytes: int = 49, *, headers: int = 0, packed: bool = True) -> bytes:
    """A Word document whose body (and each header part) is `megabytes` MB of empty <w:p/> paragraphs."""
    paragraphs = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    document = f'<?xml version="1.0"?><w:document xmlns:w="{WORD}"><w:body>'.encode()
    header = f'<?xml version="1.0"?><w:hdr xmlns:w="{WORD}">'.encode()
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method, compresslevel=9 if packed else None) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document + paragraphs + b"</w:body></w:document>")
        for number in range(1, headers + 1):
            archive.writestr(f"word/header{number}.xml", header + paragraphs + b"</w:hdr>")
    return buffer.getvalue()


def docx_bomb() -> bytes:
    """A short, ordinary Word document that also packs 60 MB of nothing, in a part no reader parses."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{WORD}"><w:body>'
            "<w:p><w:r><w:t>Audit of strategy discussions</w:t></w:r></w:p></w:body></w:document>",
        )
        archive.writestr("word/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


_MEASURE = textwrap.dedent(
    """
    import io, json, resource, sys, time
    sys.path.insert(0, sys.argv[1])
    how, name, path = sys.argv[2], sys.argv[3], sys.argv[4]
    from partnerships import attachment_text, filetypes, spreadsheets
    data = open(path, "rb").read()

    def usage():
        use = resource.getrusage(resource.RUSAGE_SELF)
        return use.ru_utime + use.ru_stime, use.ru_maxrss

    cpu, rss = usage()
    wall = time.monotonic()
    if how == "scan":
        stream = io.BytesIO(data)
        result = attachment_text.read_text(stream, filetypes.detect(stream), name)
        outcome = {"problem": result.problem, "parts": result.parts[:5]}
    else:
        try:
            sheet = spreadsheets.open_sheet(io.BytesIO(data), name=name, max_rows=20_000, max_bytes=5 * 1024 * 1024)
            outcome = {"rows": sum(1 for _ in sheet)}
        except spreadsheets.SpreadsheetError as error:
            outcome = {"error": str(error)}
    wall = time.monotonic() - wall
    cpu_after, rss_after = usage()
    outcome.update(cpu=cpu_after - cpu, wall=wall, memory_mb=(rss_after - rss) / 1024)
    print(json.dumps(outcome))
    """
)


def measured(how: str, data: bytes, name: str, tmp_path: Path) -> dict:
    """Read `data` as the identifier scan ("scan") or the import ("import") would, in a fresh process.

    The outcome (the scan's problem and first parts, or the import's row count or error) with the
    reading's processor seconds ("cpu"), wall seconds and growth of peak memory in MB.
    """
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _MEASURE, str(ROOT), how, name, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
