"""Build the base pack's layout files (the layout of the reference report): ``templates/base/report.docx``
(the master: styles, page setup, footers, cover, and a loop over the pack's ``[report] order``) and
one fragment per section, ``templates/base/sections/<id>.docx``, each a document a bureau can
open and edit in Word or WPS. A pack overrides any of them by holding a file of the same name;
``tests/test_layout.py`` proves the committed files are what this script builds.

Each file is a docxtpl (Jinja) document: every generated sentence is one paragraph
holding one ``{{ … }}`` tag in a single run, and paragraph-level control tags
(``{%p if … %}`` / ``{%p for … %}``) sit alone in their own paragraphs, which docxtpl
removes when rendering. The page layout follows GB/T 9704-2012 (see
``/work/shared/spec/domain.md`` §8); all formatting lives in named styles so a finance
bureau can restyle the report in Word without touching this script.

Usage::

    python tools/build_template.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor, Twips

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "templates" / "base"

# ---------------------------------------------------------------------------
# OOXML helpers: the few things python-docx has no API for.
#
# OOXML is order-sensitive: the children of w:pPr, w:rPr and w:sectPr must appear in
# the schema's sequence or Word refuses the file. `set_child` inserts at the right place.
# ---------------------------------------------------------------------------

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
    "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
    "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
    "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
    "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
    "printerSettings", "sectPrChange",
)
# Only the tail of w:settings' sequence, from the one element this script sets.
SETTINGS_TAIL = (
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)

# Attributes that make Word take a font or colour from the theme instead of the
# explicit value; a theme font would override our 仿宋_GB2312 with Calibri/MS Mincho.
THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
THEME_COLOR_ATTRS = ("themeColor", "themeShade", "themeTint")


def set_child(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Replace (or add) child ``w:<tag>`` of `parent` at its schema position, with `attrs`
    as ``w:``-qualified attributes; return the new element."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    child = OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    for i, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def set_fonts(rpr, east_asia: str, latin: str | None = None) -> None:
    """Set the run fonts. python-docx's ``font.name`` sets only ascii/hAnsi, so CJK text
    would fall back to the theme's East Asian font without ``w:eastAsia``."""
    attrs = {"eastAsia": east_asia}
    if latin:
        attrs.update(ascii=latin, hAnsi=latin, cs=latin)
    set_child(rpr, "rFonts", RPR_ORDER, **attrs)


def set_language(rpr, east_asia: str = "zh-CN") -> None:
    """Tag text as Chinese so Word picks CJK line-breaking rules and proofing."""
    set_child(rpr, "lang", RPR_ORDER, val="en-US", eastAsia=east_asia, bidi="ar-SA")


def set_first_line_chars(ppr, chars: int, twips: int) -> None:
    """First-line indent counted in characters (``firstLineChars`` is 1/100 char), so it
    stays two characters when the font size changes; ``firstLine`` is the fallback for
    readers that ignore the character count."""
    set_child(ppr, "ind", PPR_ORDER, firstLineChars=str(chars * 100), firstLine=str(twips))


def set_outline_level(ppr, level: int) -> None:
    """Outline level drives Word's navigation pane and TOC fields."""
    set_child(ppr, "outlineLvl", PPR_ORDER, val=str(level))


def disable_snap_to_grid(ppr) -> None:
    """Keep a paragraph off the document grid (both the line and the character grid)."""
    set_child(ppr, "snapToGrid", PPR_ORDER, val="0")


def set_character_spacing(rpr, spacing) -> None:
    """Character spacing (expanded/condensed) in twentieths of a point."""
    set_child(rpr, "spacing", RPR_ORDER, val=str(round(spacing.pt * 20)))


def set_doc_grid(sect_pr, grid_type: str, line_pitch: int, char_space: int) -> None:
    """Document grid: ``linePitch`` in twips; ``charSpace`` the width added to each
    character, in 1/4096 pt, over the Normal font size (used by "linesAndChars")."""
    set_child(sect_pr, "docGrid", SECTPR_ORDER, type=grid_type,
              linePitch=str(line_pitch), charSpace=str(char_space))


def strip_theme_formatting(styles_element) -> None:
    """Remove theme font and theme colour references from every style and the defaults,
    so explicit fonts apply everywhere (theme values win over explicit ones in Word)."""
    for rfonts in styles_element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for color in styles_element.iter(qn("w:color")):
        for attr in THEME_COLOR_ATTRS:
            color.attrib.pop(qn(f"w:{attr}"), None)


def reset_style_formatting(style) -> None:
    """Drop a built-in style's paragraph and run properties (borders, theme colours,
    Latin spacing) so it is defined only by what this script sets."""
    for tag in ("w:pPr", "w:rPr"):
        for old in style.element.findall(qn(tag)):
            style.element.remove(old)


def append_field(paragraph, instruction: str, placeholder: str) -> None:
    """Append a complex field (begin / instrText / separate / result / end). The cached
    result shows until the reader updates fields; Word and LibreOffice update PAGE live."""
    def fld_char(kind: str):
        run = paragraph.add_run()
        run._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))

    fld_char("begin")
    instr = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def set_theme_font_language(settings_element, east_asia: str = "zh-CN") -> None:
    """Theme fonts resolve by this language: the stock ja-JP would give MS Mincho to any
    text that still asks for a theme font (python-docx has no API for it)."""
    set_child(settings_element, "themeFontLang", SETTINGS_TAIL,
              val="en-US", eastAsia=east_asia)


def drop_relationship(rels, reltype_suffix: str) -> None:
    """Remove relationships (and so the parts) whose type ends with `reltype_suffix`."""
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith(reltype_suffix)]:
        del rels[rid]
        rels.related_parts.pop(rid, None)


# ---------------------------------------------------------------------------
# Layout constants (GB/T 9704-2012).
# ---------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Twips(11906), Twips(16838)  # A4, exact twips Word uses
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

BODY_SIZE = Pt(16)          # 三号
TITLE_SIZE = Pt(22)         # 二号
SMALL_SIZE = Pt(14)         # 四号: page numbers, captions
LINE_SPACING = Pt(28.9)     # 22 lines in the 225 mm text block
FIRST_LINE_CHARS = 2

# 28 characters a line. 28 x 16 pt is 448 pt but the line is 442.25 pt, so something
# must squeeze each character by at least 0.21 pt. Word's own way is a "linesAndChars"
# grid with a negative charSpace, but LibreOffice (our PDF previewer, 7.4 measured) does
# not squeeze: it gives each 16 pt glyph two 15.79 pt cells (14 characters a line), and
# even with condensed text it still spreads about one line in six. So: a line grid only,
# and body text condensed by 0.3 pt, which gives 28 characters a line in Word, WPS and
# LibreOffice alike (29 would need 455 pt). The computed charSpace is still written, so
# switching GRID_TYPE to "linesAndChars" (or picking it in Word's Page Setup) is all it
# takes to use Word's character grid instead.
GRID_TYPE = "lines"
GRID_CONDENSE = Pt(-0.3)

FANGSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
TITLE_FONT = "方正小标宋简体"
LATIN = "Times New Roman"

# 页码: 一字线上距版心下边缘 7 mm. Word measures the footer distance from the page edge
# to the footer's bottom, so subtract the footer line's height from (bottom margin - 7).
FOOTER_LINE = Pt(18)
FOOTER_DISTANCE = Emu(Mm(35 - 7) - FOOTER_LINE)


def text_block_twips() -> tuple[int, int]:
    """Width and height of the text block (版心) in twips."""
    width = PAGE_WIDTH.twips - MARGINS["left"].twips - MARGINS["right"].twips
    height = PAGE_HEIGHT.twips - MARGINS["top"].twips - MARGINS["bottom"].twips
    return width, height


def grid_metrics() -> tuple[int, int]:
    """linePitch (twips) and charSpace (1/4096 pt) for 22 lines of 28 characters of the
    Normal font (before GRID_CONDENSE, which Word would add on top)."""
    width, height = text_block_twips()
    line_pitch = height // LINES_PER_PAGE
    char_pitch_pt = width / 20 / CHARS_PER_LINE
    # Round down: a pitch a hair too wide leaves Word 27 characters a line, not 28.
    char_space = math.floor((char_pitch_pt - BODY_SIZE.pt) * 4096)
    return line_pitch, char_space


# ---------------------------------------------------------------------------
# Package, document defaults and settings.
# ---------------------------------------------------------------------------

def clean_package(doc) -> None:
    """Drop parts of python-docx's stock template that would contradict ours: the
    Word 2010 duplicate style sheet (stale Calibri styles) and the preview thumbnail."""
    drop_relationship(doc.part.rels, "/stylesWithEffects")
    drop_relationship(doc.part.package.rels, "/thumbnail")


def set_doc_defaults(doc) -> None:
    """Document-wide run/paragraph defaults: every style inherits these fonts, size and
    the zh-CN East Asian language; no paragraph spacing unless a style asks for it."""
    styles = doc.styles.element
    strip_theme_formatting(styles)
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG, LATIN)
    set_child(rpr, "sz", RPR_ORDER, val=str(int(BODY_SIZE.pt * 2)))
    set_child(rpr, "szCs", RPR_ORDER, val=str(int(BODY_SIZE.pt * 2)))
    set_language(rpr)
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_child(ppr, "spacing", PPR_ORDER, before="0", after="0", line="240", lineRule="auto")


def set_settings(doc) -> None:
    """Odd/even footers for outer-edge page numbers; theme fonts resolved for Chinese;
    no stale preview picture."""
    doc.settings.odd_and_even_pages_header_footer = True
    settings = doc.settings.element
    set_theme_font_language(settings)
    for old in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(old)


def set_core_properties(doc) -> None:
    props = doc.core_properties
    props.title = "部门决算公开"
    props.language = "zh-CN"
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = ""
    props.revision = 1
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now


# ---------------------------------------------------------------------------
# Styles.
# ---------------------------------------------------------------------------

def style_base(style, east_asia: str, size=BODY_SIZE, latin: str | None = None) -> None:
    """Start a style from scratch: East Asian font, size, black, upright, not bold."""
    reset_style_formatting(style)
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element.get_or_add_rPr(), east_asia, latin)


def no_indent(style) -> None:
    """Zero both indent forms: firstLineChars inherited from Normal would win otherwise."""
    set_first_line_chars(style.element.get_or_add_pPr(), 0, 0)


def off_grid(style) -> None:
    """Sizes other than 三号 have no business with the 16 pt grid (on a character grid
    a 22 pt glyph takes two cells) nor with the body's condensing: natural spacing."""
    disable_snap_to_grid(style.element.get_or_add_pPr())
    set_character_spacing(style.element.get_or_add_rPr(), Pt(0))


def define_normal(doc) -> None:
    normal = doc.styles["Normal"]
    style_base(normal, FANGSONG, latin=LATIN)
    set_language(normal.element.get_or_add_rPr())
    set_character_spacing(normal.element.get_or_add_rPr(), GRID_CONDENSE)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing = LINE_SPACING  # a Length means "exactly"
    fmt.space_before = fmt.space_after = Pt(0)
    set_first_line_chars(normal.element.get_or_add_pPr(), FIRST_LINE_CHARS,
                         int(BODY_SIZE.pt * FIRST_LINE_CHARS * 20))


def define_title(doc) -> None:
    """二号 方正小标宋简体, centred; exact 35 pt lines because 28.9 pt would clip 22 pt
    glyphs; the space before puts the title in the upper third of the cover page."""
    title = doc.styles["Title"]
    style_base(title, TITLE_FONT, TITLE_SIZE)
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.line_spacing = Pt(35)
    fmt.space_before = Pt(LINE_SPACING.pt * 6)
    no_indent(title)
    off_grid(title)


def define_heading(doc, level: int, east_asia: str, bold: bool = False) -> None:
    heading = doc.styles[f"Heading {level}"]
    style_base(heading, east_asia)
    heading.font.bold = bold
    fmt = heading.paragraph_format
    fmt.keep_with_next = True
    ppr = heading.element.get_or_add_pPr()
    set_outline_level(ppr, level - 1)
    if level == 1:
        # Part heading: centred, with one blank line's space above it.
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_child(ppr, "spacing", PPR_ORDER, beforeLines="100",
                  before=str(LINE_SPACING.twips), after="0")
        no_indent(heading)


def define_caption(doc) -> None:
    caption = doc.styles["Caption"]
    style_base(caption, FANGSONG, SMALL_SIZE)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_indent(caption)
    off_grid(caption)


def define_list_body(doc) -> None:
    """Numbered list lines come pre-numbered from the generator: a plain Normal twin,
    so a region can restyle lists (e.g. hanging indent) without touching body text."""
    styles = doc.styles
    if "List Body" not in [s.name for s in styles]:
        styles.add_style("List Body", WD_STYLE_TYPE.PARAGRAPH)
    body = styles["List Body"]
    body.base_style = styles["Normal"]
    body.next_paragraph_style = body
    body.quick_style = True
    style_base(body, FANGSONG)


def paragraph_style(doc, name: str):
    """An existing paragraph style, or a new one based on Normal."""
    styles = doc.styles
    if name not in [s.name for s in styles]:
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style = styles[name]
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def define_attachment_styles(doc) -> None:
    """附件 label: 三号黑体, flush left (GB/T 9704 7.3.5.2); an attachment's report title:
    二号小标宋, centred, on exact lines tall enough for 22 pt glyphs; the report's headings, one
    style per level (一、 黑体, （一） 楷体, 1. 仿宋 bold, as the body's), kept out of the 目录."""
    label = paragraph_style(doc, "Attachment Label")
    style_base(label, HEITI)
    no_indent(label)
    label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    label.paragraph_format.keep_with_next = True
    for level, font, bold in ((1, HEITI, False), (2, KAITI, False), (3, FANGSONG, True)):
        heading = paragraph_style(doc, f"Report Heading {level}")
        style_base(heading, font)
        heading.font.bold = bold
        heading.paragraph_format.keep_with_next = True
    title = paragraph_style(doc, "Report Title")
    style_base(title, TITLE_FONT, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(35)
    title.paragraph_format.keep_with_next = True
    no_indent(title)
    off_grid(title)


def define_contents_styles(doc) -> None:
    """The 目录's lines, Word's own ``toc 1``/``toc 2`` (an update of the field keeps them): parts
    in 黑体 flush left, sections and tables two characters in; page numbers on a dotted right tab
    (set on each line, the text block's width). Its heading, ``TOC Heading``."""
    for level, font, indent in ((1, HEITI, 0), (2, FANGSONG, FIRST_LINE_CHARS)):
        style = paragraph_style(doc, f"toc {level}")
        style_base(style, font)
        style.next_paragraph_style = doc.styles["Normal"]
        ppr = style.element.get_or_add_pPr()
        set_child(ppr, "ind", PPR_ORDER, leftChars=str(indent * 100), left=str(int(BODY_SIZE.pt * indent * 20)),
                  firstLineChars="0", firstLine="0")
        style.element.set(qn("w:styleId"), f"TOC{level}")
    # The 目录's own heading: Word's "TOC Heading" (outline level 9, so it lists nothing of itself),
    # 二号黑体 centred like a part heading, on exact lines tall enough for 22 pt glyphs.
    heading = doc.styles["TOC Heading"]
    heading.font.size = TITLE_SIZE
    fmt = heading.paragraph_format
    fmt.line_spacing = Pt(35)
    fmt.space_after = LINE_SPACING
    ppr = heading.element.get_or_add_pPr()
    set_child(ppr, "spacing", PPR_ORDER, beforeLines="0", before="0", after=str(LINE_SPACING.twips),
              line=str(Pt(35).twips), lineRule="exact")
    disable_snap_to_grid(ppr)


def define_header_footer_styles(doc) -> None:
    """Footer: 四号 宋体 for the dashes and digits alike (半角宋体阿拉伯数字), off the grid.
    Header: no text, but keep it clean (no border, no indent) if someone opens it."""
    for name in ("Header", "Footer"):
        style = doc.styles[name]
        style_base(style, SONGTI, SMALL_SIZE, latin=SONGTI)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        off_grid(style)
        no_indent(style)
    doc.styles["Footer"].paragraph_format.line_spacing = FOOTER_LINE


def sync_linked_character_styles(doc) -> None:
    """Word links "Heading 1 Char" etc. to their paragraph styles and applies them to
    partly formatted paragraphs: give each the paragraph style's run formatting."""
    styles = doc.styles.element
    for para in styles.findall(qn("w:style")):
        link = para.find(qn("w:link"))
        if para.get(qn("w:type")) != "paragraph" or link is None:
            continue
        char = styles.get_by_id(link.get(qn("w:val")))
        if char is None:
            continue
        for old in char.findall(qn("w:rPr")):
            char.remove(old)
        rpr = para.find(qn("w:rPr"))
        if rpr is not None:
            char.append(OxmlElement("w:rPr"))
            char[-1].extend(deepcopy(child) for child in rpr)


def define_styles(doc) -> None:
    set_doc_defaults(doc)
    define_normal(doc)
    define_title(doc)
    define_heading(doc, 1, HEITI)
    define_heading(doc, 2, HEITI)
    define_heading(doc, 3, KAITI)
    define_heading(doc, 4, FANGSONG, bold=True)
    define_caption(doc)
    define_list_body(doc)
    define_attachment_styles(doc)
    define_contents_styles(doc)
    define_header_footer_styles(doc)
    sync_linked_character_styles(doc)


# ---------------------------------------------------------------------------
# Page setup and footers.
# ---------------------------------------------------------------------------

def set_page(section) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.gutter = Twips(0)
    section.header_distance = Mm(15)
    section.footer_distance = FOOTER_DISTANCE
    set_doc_grid(section._sectPr, GRID_TYPE, *grid_metrics())


def fill_page_number(footer, alignment) -> None:
    """`— N —` in the footer, one character (四号) in from the outer edge."""
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = SMALL_SIZE
    else:
        paragraph.paragraph_format.left_indent = SMALL_SIZE
    paragraph.add_run("— ")
    append_field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def set_footers(section) -> None:
    """Page numbers on the outer edge: odd pages right, even pages left. The cover
    page (title only) carries no page number, as is usual for a cover."""
    fill_page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    fill_page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    section.first_page_footer.paragraphs[0].style = "Footer"


# ---------------------------------------------------------------------------
# Content: paragraphs holding Jinja tags for docxtpl.
# ---------------------------------------------------------------------------

class Body:
    """Writes the template's paragraphs; each text is a single run, so no tag is split."""

    def __init__(self, doc):
        self.doc = doc

    def para(self, text: str, style: str = "Normal", page_break: bool = False):
        paragraph = self.doc.add_paragraph(text, style=style)
        if page_break:
            # Inside the heading's own paragraph so an `{%p if %}` around it cannot
            # leave a stray break (or lose one).
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def tag(self, statement: str) -> None:
        """A paragraph-level Jinja statement; docxtpl removes its paragraph."""
        self.para(f"{{%p {statement} %}}")

    def heading(self, level: int, text: str, page_break: bool = False) -> None:
        self.para(text, f"Heading {level}", page_break)

    def sentence(self, name: str) -> None:
        self.para(f"{{{{ {name} }}}}")

    def caption(self, key: str) -> None:
        """A figure: its native chart, then its caption, both only when the figure is drawn (a
        figure left out takes no number); or the region's sentence replacing it, if any."""
        self.tag(f"if charts.{key}")
        self.chart(key)
        self.para(f"{{{{ n.figure('{key}') }}}}", "Caption")
        self.tag(f"elif charts.{key}.note")
        self.sentence(f"charts.{key}.note")
        self.tag("endif")

    def chart(self, key: str):
        """The paragraph holding a chart: centred, no indent, kept with its caption, and off the
        line grid with single (auto) line spacing, so the exact 28.9 pt body lines cannot clip it."""
        paragraph = self.para(f"{{{{ charts.{key} }}}}")
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.keep_with_next = True
        ppr = paragraph._p.get_or_add_pPr()
        disable_snap_to_grid(ppr)
        set_child(ppr, "spacing", PPR_ORDER, before="120", after="60", line="240", lineRule="auto")
        set_first_line_chars(ppr, 0, 0)
        return paragraph

    def block(self, expression: str) -> None:
        """A paragraph that docgen replaces whole with generated OOXML (a table with its title)."""
        self.para(f"{{{{p {expression} }}}}")

    def report_heading(self, level: int, text: str) -> None:
        """A heading inside an attachment's report: styled as the report's headings one level
        down, but outside the 目录 (``Report Heading N`` has no outline level)."""
        self.para(text, f"Report Heading {level}")

    def item(self, label: str, text: str) -> None:
        """A （一） item with its text: run in (（一）机构组成。… in one paragraph, the label bold) when
        the pack's ``[numbering] run_in`` says so, else a heading line, then the text."""
        self.tag("if n.run_in")
        paragraph = self.para(label + "。")
        paragraph.runs[0].bold = True
        paragraph.add_run(text)
        self.tag("else")
        self.report_heading(2, label + "{{ n.end('h2') }}")
        self.para(text)
        self.tag("endif")

    def loop(self, items: str, style: str = "List Body") -> None:
        self.tag(f"for line in {items}")
        self.para("{{ line }}", style)
        self.tag("endfor")

    def section(self, show_id: str, heading: str, *sentences: str, figure: str = "") -> None:
        """A simple 第二部分 section: optional as a whole."""
        self.tag(f"if show.{show_id}")
        self.heading(2, heading)
        for name in sentences:
            self.sentence(name)
        if figure:
            self.caption(figure)
        self.tag("endif")


def write_cover(body: Body) -> None:
    """Two title lines (name, then year and 部门决算) so the title never breaks mid-word."""
    body.para("{{ d.name }}", "Title")
    year_line = body.para("{{ headings.cover }}", "Title")
    year_line.paragraph_format.space_before = Pt(0)


def write_overview(body: Body) -> None:
    """第一部分 部门概况."""
    body.heading(1, "{{ n.enter(unit) }}{{ unit.number }} {{ headings.overview }}", page_break=True)
    body.heading(2, "{{ n.h1() }}{{ s.duties_heading }}")
    # A heading stands only over a list that has lines.
    body.tag("if s.functions")
    body.heading(3, "{{ n.h2() }}主要职能{{ n.end('h2') }}")
    body.loop("s.functions")
    body.tag("endif")
    body.tag("if s.key_work")
    body.heading(3, "{{ n.h2() }}{{ d.year }}年重点工作完成情况{{ n.end('h2') }}")
    body.loop("s.key_work", "Normal")
    body.tag("endif")
    body.heading(2, "{{ n.h1() }}机构设置")
    body.sentence("s.institutions")
    body.sentence("s.secondary_units_lead")
    body.loop("s.secondary_units")


def write_general_budget(body: Body) -> None:
    body.tag("if show.general_budget")
    body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.general_budget }}")
    body.heading(3, "{{ n.h2() }}一般公共预算财政拨款支出决算总体情况")
    body.sentence("s.general_budget_overall")
    body.caption("general_budget_change")
    body.heading(3, "{{ n.h2() }}一般公共预算财政拨款支出决算结构情况")
    body.sentence("s.general_budget_structure")
    body.caption("general_budget_structure")
    body.heading(3, "{{ n.h2() }}一般公共预算财政拨款支出决算具体情况")
    body.sentence("s.general_budget_detail")
    body.loop("s.general_budget_items")
    body.tag("endif")


def write_three_public_costs(body: Body) -> None:
    body.tag("if show.three_public_costs")
    body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.three_public_costs }}")
    # A department without “三公” costs prints the pack's none sentence alone, where the pack has one.
    body.tag("if s.three_public_none")
    body.sentence("s.three_public_none")
    body.tag("else")
    body.heading(3, "{{ n.h2() }}“三公”经费财政拨款支出决算总体情况说明")
    body.sentence("s.three_public_overall")
    body.tag("if s.three_public_year_change")  # 上海: the change on last year, its own paragraph
    body.sentence("s.three_public_year_change")
    body.tag("endif")
    body.heading(3, "{{ n.h2() }}“三公”经费财政拨款支出决算具体情况说明")
    body.sentence("s.three_public_structure")
    body.caption("three_public_structure")
    # The 1. 2. 3. items are sentences that start with their number, not headings.
    body.para("{{ n.h3() }}{{ s.travel }}")
    body.para("{{ n.h3() }}{{ s.vehicles }}")
    body.sentence("s.vehicle_purchase")
    body.sentence("s.vehicle_operation")
    body.para("{{ n.h3() }}{{ s.reception }}")
    body.sentence("s.domestic_reception")
    body.sentence("s.foreign_reception")
    body.sentence("s.other_domestic_reception")
    body.tag("endif")
    body.tag("endif")


def write_other_matters(body: Body) -> None:
    body.tag("if show.other_matters")
    body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.other_matters }}")
    body.heading(3, "{{ n.h2() }}机关运行经费支出情况")
    body.sentence("s.operating_costs")
    body.heading(3, "{{ n.h2() }}政府采购支出情况")
    body.sentence("s.procurement")
    body.heading(3, "{{ n.h2() }}国有资产占有使用情况")
    body.sentence("s.assets")
    # 预算绩效管理情况 is （四） here unless the pack's order prints it as a section of its own.
    body.tag("if \"performance\" not in ordered")
    body.heading(3, "{{ n.h2() }}预算绩效管理情况{{ n.end('h2') }}")
    write_performance_body(body, 4, "n.h3()")
    body.tag("endif")
    body.tag("endif")


def write_performance_body(body: Body, level: int, number: str) -> None:
    """预算绩效管理情况 below its heading; ``level`` and ``number`` are those of its two sub-headings."""
    body.sentence("s.performance_management")
    body.tag("if s.overall_self_evaluation")
    body.sentence("s.overall_self_evaluation")
    body.tag("endif")
    body.heading(level, "{{ %s }}{{ s.projects_heading }}" % number)
    body.sentence("s.projects_lead")
    body.loop("s.projects")
    body.tag("for table in tables.performance")
    body.block("table")
    body.tag("endfor")
    body.heading(level, "{{ %s }}{{ s.results_heading }}" % number)
    body.sentence("s.overall_result")
    body.sentence("s.projects_result")


def write_performance(body: Body) -> None:
    """预算绩效管理情况 as a section of its own."""
    body.tag("if show.performance")
    body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.performance }}")
    write_performance_body(body, 3, "n.h2()")
    body.tag("endif")


def write_statement(body: Body) -> None:
    """第二部分 YYYY年度部门决算情况说明: the part's heading; its sections follow in the pack's order."""
    body.heading(1, "{{ n.enter(unit) }}{{ unit.number }} {{ headings.statement }}", page_break=True)


def simple_section(section_id: str, *sentences: str, figure: str = ""):
    """The fragment writer of a simple 第二部分 section: heading, sentences, its figure."""
    def write(body: Body) -> None:
        body.section(section_id, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.%s }}" % section_id, *sentences, figure=figure)
    return write


def fund_section(section_id: str):
    """政府性基金 / 国有资本经营: the sentence, then one line per 项 where the pack words them (上海)."""
    def write(body: Body) -> None:
        body.tag(f"if show.{section_id}")
        body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ headings.%s }}" % section_id)
        body.sentence(f"s.{section_id}")
        body.loop(f"s.{section_id}_items")
        body.tag("endif")
    return write


def write_generic(body: Body) -> None:
    """The layout of a section without a fragment of its own: its heading, then its paragraphs."""
    body.tag("if unit.shown")
    body.heading(2, "{{ n.enter(unit) }}{{ unit.number }}{{ unit.heading }}")
    body.loop("unit.lines", "Normal")
    body.tag("endif")


def write_glossary(body: Body) -> None:
    """第三部分 名词解释."""
    body.tag("if show.glossary")
    body.heading(1, "{{ n.enter(unit) }}{{ unit.number }} {{ headings.glossary }}", page_break=True)
    body.loop("s.glossary")
    body.tag("endif")


def write_report_title(body: Body, report: str, first_break: str = "") -> None:
    """A report's two title lines; numbering restarts at 一、 for each report."""
    if first_break:
        body.tag(f"if {first_break}")
        body.para("{{ n.restart() }}{{ %s.title }}" % report, "Report Title")
        body.tag("else")
        body.para("{{ n.restart() }}{{ %s.title }}" % report, "Report Title", page_break=True)
        body.tag("endif")
    else:
        body.para("{{ n.restart() }}{{ %s.title }}" % report, "Report Title")
    body.tag(f"if {report}.title_second")
    body.para("{{ %s.title_second }}" % report, "Report Title")
    body.tag("endif")


def write_overall_evaluation(body: Body) -> None:
    """附件1: the department's overall spending performance evaluation report."""
    body.tag("if s.attachments.overall")
    body.para("{{ n.attachment() }}", "Attachment Label")
    write_report_title(body, "s.attachments.overall")
    o = "s.attachments.overall"
    body.report_heading(1, "{{ n.h1() }}{{ %s.headings.profile }}" % o)
    body.item("{{ n.h2() }}机构组成", "{{ %s.organisation }}" % o)
    body.report_heading(2, "{{ n.h2() }}机构职能{{ n.end('h2') }}")
    body.loop(f"{o}.functions")
    body.item("{{ n.h2() }}人员概况", "{{ %s.staff }}" % o)
    body.report_heading(1, "{{ n.h1() }}{{ %s.headings.funds }}" % o)
    body.item("{{ n.h2() }}{{ %s.headings.income }}" % o, "{{ %s.income }}" % o)
    body.item("{{ n.h2() }}{{ %s.headings.spending }}" % o, "{{ %s.spending }}" % o)
    body.report_heading(1, "{{ n.h1() }}{{ %s.headings.performance }}" % o)
    body.report_heading(2, "{{ n.h2() }}{{ %s.headings.budget }}{{ n.end('h2') }}" % o)
    body.loop(f"{o}.budget_management", "Normal")
    body.report_heading(2, "{{ n.h2() }}结果应用情况{{ n.end('h2') }}")
    body.loop(f"{o}.results_use", "Normal")
    body.report_heading(1, "{{ n.h1() }}评价结论及建议")
    body.report_heading(2, "{{ n.h2() }}评价结论{{ n.end('h2') }}")
    body.loop(f"{o}.conclusion", "Normal")
    body.report_heading(2, "{{ n.h2() }}存在问题{{ n.end('h2') }}")
    body.loop(f"{o}.problems", "Normal")
    body.report_heading(2, "{{ n.h2() }}改进建议{{ n.end('h2') }}")
    body.loop(f"{o}.suggestions")
    body.tag("endif")


PROJECT_REPORT = (
    ("项目概况", (("项目基本情况", "background"), ("项目绩效目标", "goals"), ("项目自评步骤及方法", "method"))),
    ("项目资金申报及使用情况", (("项目资金申报及批复情况", "approval"), ("资金计划、到位及使用情况", None),
                                ("项目财务管理情况", "financial_management"))),
    ("项目实施及管理情况", (("项目组织架构及实施流程", "organisation"), ("项目管理情况", "management"),
                            ("项目监管情况", "supervision"))),
    ("项目绩效情况", (("项目完成情况", "completion"), ("项目效益情况", "benefits"))),
    ("评价结论及建议", (("评价结论", "conclusion"), ("存在的问题", "problems"), ("相关建议", "suggestions"))),
)
FUNDS_DETAIL = (("资金计划", "fund_plan"), ("资金到位", "funds_received"), ("资金使用", "fund_use"))


def write_project_reports(body: Body) -> None:
    """附件2: one evaluation report per project, each from a new page."""
    body.tag("for report in s.attachments.projects")
    # 附件2 starts a new page unless it directly follows the part heading (no 附件1).
    # A pack that labels each report (附件2-1 …) starts each one at its label.
    label = "{{ n.attachment_item(loop.index, loop.length) }}"
    body.tag("if loop.first and s.attachments.overall or not loop.first and n.labels_each_report")
    body.para(label, "Attachment Label", page_break=True)
    body.tag("elif loop.first")
    body.para(label, "Attachment Label")
    body.tag("endif")
    write_report_title(body, "report", first_break="loop.first or n.labels_each_report")
    for h1, subsections in PROJECT_REPORT:
        body.report_heading(1, "{{ n.h1() }}" + h1)
        for h2, field in subsections:
            body.report_heading(2, "{{ n.h2() }}" + h2)
            if field:
                body.sentence(f"report.{field}")
                continue
            for h3, detail in FUNDS_DETAIL:
                body.report_heading(3, "{{ n.h3() }}" + h3)
                body.sentence(f"report.{detail}")
    body.tag("endfor")


def write_attachments(body: Body) -> None:
    """第四部分 附件."""
    body.tag("if show.attachments and (s.attachments.overall or s.attachments.projects)")
    body.heading(1, "{{ n.enter(unit) }}{{ unit.number }} {{ headings.attachments }}", page_break=True)
    write_overall_evaluation(body)
    write_project_reports(body)
    body.tag("endif")


def write_statistical_tables(body: Body) -> None:
    """附表: the statistical tables (公开表), each placed whole by ``{{p table }}`` (title, number,
    unit line, table, note, and any section break a landscape table needs). ``statistics.opening``
    is a section break when the first table is landscape, so the heading starts its page."""
    body.tag("if show.statistical_tables and statistics.tables")
    body.para("{{p statistics.opening }}")
    body.tag("if statistics.heading")
    body.heading(1, "{{ n.enter(unit) }}{{ unit.number }} {{ statistics.heading }}", page_break=True)
    body.tag("endif")
    body.tag("for table in statistics.tables")
    body.para("{{p table }}")
    body.tag("endfor")
    body.tag("endif")


FRAGMENTS = {
    "overview": write_overview,
    "statement": write_statement,
    "income_spending": simple_section("income_spending", "s.totals", figure="totals_change"),
    "income": simple_section("income", "s.income_structure", figure="income_structure"),
    "spending": simple_section("spending", "s.spending_structure", figure="spending_structure"),
    "grants": simple_section("grants", "s.grant_totals", figure="grant_totals_change"),
    "general_budget": write_general_budget,
    "basic_spending": simple_section("basic_spending", "s.basic_lead", "s.basic_personnel", "s.basic_public"),
    "three_public_costs": write_three_public_costs,
    "government_fund": fund_section("government_fund"),
    "state_capital": fund_section("state_capital"),
    "other_matters": write_other_matters,
    "performance": write_performance,
    "glossary": write_glossary,
    "attachments": write_attachments,
    "statistical_tables": write_statistical_tables,
    "default": write_generic,
}
"""Each section's layout fragment (``sections/<id>.docx``); ``default`` serves sections without one."""


def write_master(body: Body) -> None:
    """The cover, then every section of the pack's ``[report] order``, each from its fragment."""
    write_cover(body)
    # The cover's own section and, where the pack asks for one, the 目录 (docgen.ooxml.contents).
    body.para("{{p contents }}")
    body.tag("for unit in layout")
    body.tag("include unit.fragment")
    body.tag("endfor")


# ---------------------------------------------------------------------------

def new_document():
    """A document with the GB/T 9704 styles, page setup and footers, and an empty body."""
    doc = Document()
    # The stock template starts with one empty paragraph; the content replaces it.
    for paragraph in doc.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    clean_package(doc)
    define_styles(doc)
    set_settings(doc)
    set_core_properties(doc)
    section = doc.sections[0]
    set_page(section)
    set_footers(section)
    return doc


def build(out: Path) -> list[Path]:
    """Write the master ``report.docx`` into folder ``out`` and each fragment into ``out/sections``."""
    written = []
    for name, write in [("report", write_master)] + [(f"sections/{k}", w) for k, w in FRAGMENTS.items()]:
        doc = new_document()
        write(Body(doc))
        path = out / f"{name}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
