"""Small files that lie about themselves, built in the test, and a way to measure reading them.

The cases of issue 11: an XLSX of 1.5 KB declaring <dimension ref="A1:XFD50000"/> with one
cell in row 50,000; one whose range reaches AX2000000000, with its cell there; a DOCX of
75 KB holding 49 MB of empty <w:p/> paragraphs, alone and with header parts; a zip whose
member unpacks a thousand times over. And those a review found past the first budget: a PDF
whose pages share one heavy content stream, or that draws one form again and again; workbook
parts named as openpyxl does not expect; millions of shared strings, which openpyxl parses
whole as it opens a workbook. `measured` runs a reader in a fresh Python process and
reports its processor time, wall time and the growth of its peak memory (ru_maxrss).
`post_measured` and `import_measured` post a file through a page and hold the request to
the same bounds (tracemalloc's peak for memory).
"""

import io
import json
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.builders import ACTION_IMPORT, evidence_form_data
from tests.support.paths import ROOT

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


def noisy(unit: bytes, count: int, every: int = 300) -> bytes:
    """`unit` `count` times, with a random comment every `every` units, so that it packs under the zip ratio."""
    out = []
    for start in range(0, count, every):
        out.append(unit * min(every, count - start))
        out.append(b"<!--" + os.urandom(12).hex().encode() + b"-->")
    return b"".join(out)


def xlsx_with_parts(
    *, sheet_name: str = "xl/worksheets/sheet1.xml", before_rows: bytes = b"", strings_name: str = "", strings=b""
) -> bytes:
    """A workbook of one sheet (cell A1 "Title"), with its sheet and shared strings in parts named as given.

    openpyxl opens the parts [Content_Types].xml and the workbook's relationships name, whatever
    their names; `before_rows` goes in the sheet before its rows, `strings` inside <sst>.
    """
    types = _CONTENT_TYPES.replace("/xl/worksheets/sheet1.xml", f"/{sheet_name}")
    relationships = f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="/{sheet_name}"/>'
    if strings_name:
        types = types.replace(
            "</Types>",
            f'<Override PartName="/{strings_name}" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        relationships += f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="/{strings_name}"/>'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET}">'.encode()
        + before_rows
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row></sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">{relationships}</Relationships>',
        )
        archive.writestr(sheet_name, sheet)
        if strings_name:
            archive.writestr(strings_name, f'<?xml version="1.0"?><sst xmlns="{SHEET}">'.encode() + strings + b"</sst>")
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, dictionary: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n" % (dictionary, len(packed)) + packed + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages_sharing_a_stream(operators: int, pages: int, operator: bytes = b"( ) Tj ") -> bytes:
    """A PDF of `pages` pages that all draw one content stream of `operators` text operators (blank ones)."""
    stream, font = 3 + pages, 4 + pages
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, stream)
    )
    kids = b" ".join(b"%d 0 R" % (3 + number) for number in range(pages))
    return _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
        + [page] * pages
        + [_stream(b"BT /F1 1 Tf " + operator * operators + b"ET"), _FONT]
    )


def pdf_drawing_a_form(operators: int, times: int) -> bytes:
    """A PDF of one page that draws one form `times` times; the form shows `operators` blank strings."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> /Contents 4 0 R >>",
            _stream(b"q " + b"/X0 Do " * times + b"Q BT /F1 1 Tf (a) Tj ET"),
            _FONT,
            _stream(
                b"BT /F1 1 Tf " + b"( ) Tj " * operators + b"ET",
                b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /Font << /F1 5 0 R >> >>",
            ),
        ]
    )


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


def post_measured(client, url, data):
    """Post `data()` twice: timed (processor and wall seconds), then with tracemalloc for the peak of memory.

    Twice, as tracemalloc slows every allocation several times over. The first response is returned.
    """
    cpu, wall = time.process_time(), time.monotonic()
    response = client.post(url, data(), follow=True)
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    tracemalloc.start()
    try:
        client.post(url, data(), follow=True)
        peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    assert cpu < CPU_SECONDS, cpu
    assert wall < WALL_SECONDS, wall
    assert peak_mb < MEMORY_MB, peak_mb
    return response


def evidence_post(title, name, content):
    """The evidence form's post with this file attached, made afresh each time it is called (for post_measured)."""
    return lambda: evidence_form_data(title=title, attachments=[SimpleUploadedFile(name, content)])


def import_measured(client, content, name):
    """Post the file to Northmere's import twice: timed, then under tracemalloc for the peak of memory; the first
    response."""
    cpu, wall = time.process_time(), time.monotonic()
    response = client.post(ACTION_IMPORT, {"file": SimpleUploadedFile(name, content)})
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    tracemalloc.start()
    try:
        client.post(ACTION_IMPORT, {"file": SimpleUploadedFile(name, content)})
        peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    assert cpu < CPU_SECONDS, cpu
    assert wall < WALL_SECONDS, wall
    assert peak_mb < MEMORY_MB, peak_mb
    return response
