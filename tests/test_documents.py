"""Parsers: blocks, their kinds and contexts, and the map from prose back to the source."""
from __future__ import annotations

import html as htmllib

from hypothesis import given, settings
from hypothesis import strategies as st

from ne_lint.documents import parse_source
from ne_lint.documents.load import decode


def blocks(text, fmt):
    return [(b.kind, b.text) for b in parse_source("x", text, fmt).blocks]


def span_text(doc, block, needle):
    i = block.text.index(needle)
    s, e = block.source_span(i, i + len(needle))
    return doc.source[s:e]


# ---- plain text ---------------------------------------------------------------------------

def test_text_headings_paragraphs_and_bullets():
    src = ("What is dopamine?\n\nDopamine is a neurotransmitter. It is made\nin the brain.\n\n"
           "Effects include:\n\n  • Movement\n  - Reward\n1. Memory\n\nRelated Articles\nFoods for the heart\n")
    doc = parse_source("x", src, "text")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds == [
        ("heading", "What is dopamine?"),
        ("paragraph", "Dopamine is a neurotransmitter. It is made in the brain."),
        ("paragraph", "Effects include:"),
        ("list_item", "Movement"), ("list_item", "Reward"), ("list_item", "Memory"),
        ("heading", "Related Articles"), ("heading", "Foods for the heart"),
    ]
    intro = doc.blocks[2]
    assert intro.followed_by == "list"
    assert {b.list_intro for b in doc.blocks[3:6]} == {intro.index}
    assert doc.blocks[3].heading == 0
    assert span_text(doc, doc.blocks[4], "Reward") == "Reward"
    assert doc.position(doc.blocks[4].source_start) == (9, 5)


def test_text_intro_followed_by_paragraph_has_no_list():
    doc = parse_source("x", "Symptoms include:\n\nEach condition differs.\n", "text")
    assert doc.blocks[0].followed_by == "block"


def test_text_crlf_and_bom_keep_lines_and_columns():
    text, bom, newline = decode("\ufeffTitle\r\n\r\nNE rises.\r\n".encode("utf-8"), "x")
    assert bom and newline == "\r\n"
    doc = parse_source("x", text, "text")
    assert doc.position(doc.blocks[1].source_start) == (3, 1)


# ---- Markdown -----------------------------------------------------------------------------

def test_markdown_inline_markup_entities_and_escapes_map_back():
    src = ("---\ntitle: NE\n---\n# The *NE* system\n\nTake **Levophed** &amp; \\*more\\* [here](http://x.org/a).\n"
           "<!-- ne-lint-disable drug-name -->\n\n```\nlevofed in code\n```\n")
    doc = parse_source("x", src, "markdown")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "The NE system"), ("paragraph", "Take Levophed & *more* here."),
    ]
    p = doc.blocks[1]
    assert span_text(doc, p, "Levophed") == "Levophed"
    assert span_text(doc, p, "&") == "&amp;"
    assert span_text(doc, p, "*more*") == "\\*more\\*"
    assert span_text(doc, p, "here") == "here"
    assert doc.position(p.source_span(5, 13)[0]) == (6, 8)
    assert [c.text for c in doc.comments] == ["ne-lint-disable drug-name"]


def test_markdown_lists_know_their_intro_and_heading():
    src = "## Beta blockers\n\nCommon ones include:\n\n- Inderal (propranolol)\n- Tenormin\n\nAfter.\n"
    doc = parse_source("x", src, "markdown")
    intro, first, second, after = doc.blocks[1:]
    assert intro.followed_by == "list"
    assert first.kind == second.kind == "list_item"
    assert first.list_intro == intro.index and first.heading == 0
    assert first.list_id == second.list_id
    assert after.kind == "paragraph"


def test_markdown_table_cells_and_code_are_handled():
    src = "Doses:\n\n| drug | dose |\n|---|---|\n| Ritalin &eacute; | 10 mg |\n\nUse `levofed` here.\n"
    doc = parse_source("x", src, "markdown")
    assert doc.blocks[0].followed_by == "table"
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [c.text for c in cells] == ["drug", "dose", "Ritalin é", "10 mg"]
    assert span_text(doc, cells[2], "é") == "&eacute;"
    assert "levofed" not in doc.blocks[-1].text


# ---- HTML ---------------------------------------------------------------------------------

def test_html_blocks_skip_scripts_and_map_entities():
    src = ("<html><head><title>T</title><script>var levofed = 1;</script></head><body>\n"
           "<nav><a href='/'>Home</a></nav>\n<h2>Beta&nbsp;blockers</h2>\n"
           "<p>Commonly prescribed beta blockers include:</p>\n"
           "<ul><li>Sectral (acebutolol)<li>Inderal &amp; co</ul>\n"
           "<p>It&#39;s <b>bold</b><br>text</p></body></html>")
    doc = parse_source("x", src, "html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Beta blockers"),  # a no-break space reads as a space
        ("paragraph", "Commonly prescribed beta blockers include:"),
        ("list_item", "Sectral (acebutolol)"),
        ("list_item", "Inderal & co"),
        ("paragraph", "It's bold text"),
    ]
    assert doc.blocks[1].followed_by == "list"
    assert doc.blocks[2].list_intro == doc.blocks[1].index
    assert span_text(doc, doc.blocks[3], "&") == "&amp;"
    assert span_text(doc, doc.blocks[4], "'") == "&#39;"


def test_html_deep_nesting_does_not_recurse():
    depth = 20000
    src = "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth
    doc = parse_source("x", src, "html")
    assert [b.text for b in doc.blocks] == ["Deep text."]



def test_giant_paragraph_is_split_at_sentences_and_keeps_positions():
    from ne_lint.documents.model import MAX_BLOCK_CHARS

    sentence = "Norepinephrine rises under stress and doctors give it in shock. "
    text = "Title\n\n" + sentence * (3 * MAX_BLOCK_CHARS // len(sentence)) + "The end.\n"
    doc = parse_source("x", text, "text")
    body = doc.blocks[1:]
    assert len(body) >= 3 and all(len(b.text) <= MAX_BLOCK_CHARS for b in body)
    assert " ".join(b.text for b in body) == text.split("\n\n", 1)[1].strip()
    assert all(b.text.endswith(".") for b in body)  # cut after a sentence end
    last = body[-1]
    i = last.text.index("The end.")
    assert doc.source[last.starts[i]:last.ends[i + 7]] == "The end."


def test_lint_of_a_one_line_page_over_spacy_max_length(linter):
    line = "Norepinephrine is given in hospital when the pressure falls. " * 17_000  # ~1.04 million characters
    text = line + "A formulation called levofed is used."
    doc = parse_source("x", text, "text")
    [result] = linter.lint_documents([doc])
    found = [(f.rule, f.line, f.column, f.excerpt) for f in result.findings if f.rule == "drug-name"]
    assert found == [("drug-name", 1, len(line) + 22, "levofed")]
    assert len(result.findings[0].context) < 400

# ---- properties ---------------------------------------------------------------------------

PROSE = st.text(alphabet=st.sampled_from(list("abcdeNE é😀-*_[]()&;:.,#\n\t•1")), max_size=300)


def _check_map(doc):
    for b in doc.blocks:
        assert len(b.text) == len(b.starts) == len(b.ends)
        prev = -1
        for i, ch in enumerate(b.text):
            s, e = b.starts[i], b.ends[i]
            assert 0 <= s < e <= len(doc.source) or (s == e and ch == " ")
            assert s >= prev  # the map never runs backwards
            prev = s
            src = doc.source[s:e]
            if ch != " " and not src.startswith("&"):
                assert src in (ch, "\\" + ch) or src.endswith(ch), (ch, src)


@settings(max_examples=150, deadline=None)
@given(PROSE)
def test_text_parser_never_crashes_and_maps_every_character(text):
    _check_map(parse_source("x", text, "text"))


@settings(max_examples=150, deadline=None)
@given(PROSE)
def test_markdown_parser_never_crashes_and_maps_every_character(text):
    _check_map(parse_source("x", text, "markdown"))


HTML_PIECES = st.lists(st.sampled_from([
    "<p>", "</p>", "<li>", "<ul>", "</ul>", "<b>", "</b>", "<script>x</script>", "&amp;", "&eacute;", "&#233;",
    "&bogus;", "NE", " EN ", "levofed", "\n", "<br>", "<h2>", "</h2>", "<!-- c -->", "<div>", "</div>", "<", ">",
]), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(HTML_PIECES)
def test_html_parser_never_crashes_and_maps_entities(text):
    doc = parse_source("x", text, "html")
    _check_map(doc)
    for b in doc.blocks:
        for i, ch in enumerate(b.text):
            src = doc.source[b.starts[i]:b.ends[i]]
            if src.startswith("&") and len(src) > 1:
                assert ch in htmllib.unescape(src)
