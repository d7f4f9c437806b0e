"""structure: the shape of the text — lists that never come, doubled words, scraper residue,
stray spaces, unit spelling.

Rule ids are `structure.<what>` so a team can ignore one kind (`--ignore structure.spacing`)
or all of them (`--ignore structure`).
"""
from __future__ import annotations

import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument

LIST_CONTENT = {"list", "table", "code", "media", "html"}
# "X and X" is English when it intensifies ("more and more", "over and over")
REPEAT_IDIOMS = {"more", "less", "again", "over", "on", "round", "around", "through", "by", "out",
                 "up", "down", "far", "bit", "little", "step", "back", "forth", "side", "inch",
                 "day", "week", "year", "time", "layer", "one", "two", "many", "very", "so", "miles",
                 "hours", "years", "weeks", "days", "ever", "worse", "better", "fewer", "higher"}
# after a doubled word, these show the phrase has ended ("nervous or nervous and tired")
CLAUSE_WORDS = {"is", "are", "was", "were", "can", "may", "will", "could", "might", "should", "and", "or", "but",
                "the", "a", "an", "to", "have", "has", "had", "also", "often", "then", "so", "because", "when",
                "if", "as", "than", "too", "again", "all", "this", "these", "they", "it", "you", "we"}
AUXILIARIES = {"have", "has", "had", "is", "are", "was", "were", "be", "been", "do", "does", "did", "will",
               "would", "can", "could", "may", "might", "should", "must"}
DOUBLED_OK = {"had", "that", "bye", "no", "tsk",
              "ha", "ho", "hmm", "knock", "chop", "pom", "yada", "bla", "blah", "tut", "murmur"}
# words after a repeated noun that make it a different, qualified thing
QUALIFIERS = {"at", "in", "with", "of", "due", "caused", "from", "for", "after", "during", "without",
              "that", "which", "who", "secondary", "related", "associated", "induced", "like", "type", "XR"}
WORD = r"[^\W\d_][\w'’-]*"
_WORD_END = re.compile(r"[\w'’-]+$")
_WORD_START = re.compile(r"[\w'’-]+")


def _may_repeat(lower: str) -> bool:
    """Whether some 'X and X' / 'X or X' can be in the (lower-cased, single-spaced) text: a
    cheap superset of REPEATED_PAIR's matches, so most blocks skip the regex."""
    for conj in (" and ", " or "):
        i = lower.find(conj)
        while i >= 0:
            before = _WORD_END.search(lower, max(0, i - 80), i)
            after = _WORD_START.match(lower, i + len(conj))
            if before and after and (after.group().startswith(before.group()) or before.group().endswith(after.group())):
                return True
            i = lower.find(conj, i + 1)
    return False


REPEATED_PAIR = re.compile(rf"\b(?P<w>{WORD})\s+(?P<conj>or|and)\s+(?P=w)\b", re.I)
DOUBLED = re.compile(rf"\b(?P<w>{WORD})(?P<gap>\s+)(?P=w)\b", re.I)
# "it is it is", "of the of the": a two-word phrase written twice (a paste or a translation slip)
DOUBLED_PHRASE = re.compile(rf"\b(?P<w>(?P<a>{WORD})\s+(?P<b>{WORD}))\s+(?P=a)\s+(?P=b)\b", re.I)
SPACE_BEFORE = re.compile(r"(?<=[^\s(\[])(?P<space>[ \u00a0\t]+)(?P<p>[,.;:!?])(?=$|[\s\"'”’)\]])")
PAREN_SPACES = re.compile(r"\((?P<a>[ \u00a0]+)?(?P<inner>[^()]{1,200}?)(?P<b>[ \u00a0]+)?\)")
SPACED_UNIT = re.compile(r"(?<![\w/])(?P<num>[A-Za-zµμ]{1,6})(?P<s1>\s*)/(?P<s2>\s*)(?P<den>[A-Za-z]{1,5}(?:\s?\d{1,2}\s?h)?)"
                         r"(?:(?P<s3>\s*)/(?P<s4>\s*)(?P<den2>[A-Za-z]{1,5}))?(?![\w/])")
TEASER_TITLE_WORDS = 16


class StructureCheck(Check):
    id = "structure"
    severity = "warning"
    summary = "List intros without a list, repeated words, scraper residue, stray spaces, unit spelling."
    codes = ("structure.list-intro", "structure.repeated-word", "structure.scraper-residue",
             "structure.spacing", "structure.unit-spelling")
    doc = """\
## What it does
Finds problems in the shape of an article rather than in its facts:

- `structure.list-intro`: a sentence that announces a list ("Symptoms include:") with no list,
  table or code after it;
- `structure.repeated-word`: a word joined to itself ("nervous or nervous", "the the");
- `structure.scraper-residue`: text copied along with the article: image credits
  ("UHB Trust / Getty Images"), "Related Articles" blocks with their teasers, "Read more" links,
  garbled publisher boilerplate (patterns from the fact file's `boilerplate` section);
- `structure.spacing`: a space before a comma, period, colon, semicolon, question or
  exclamation mark, or inside parentheses ("( encephalitis )");
- `structure.unit-spelling`: a unit with spaces around its slash ("pg / ml").

## Why is this bad?
Each is a sign that the text was machine-translated or scraped and never edited; a missing list
also leaves the reader without what the article promised (the list of symptoms, the drugs).

## Example
```
Symptoms of the condition include:

Having too much NE can cause symptoms...     <- the announced list is missing
```

## How to fix
Restore the missing list or end the sentence with a period; delete the doubled word and the
residue; remove the stray space; write units as `pg/mL`. `--fix` applies the unambiguous ones
(stray spaces, doubled words, unit spelling, a credit line).
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        covered_blocks: set[int] = set()
        yield from self._residue(doc, ctx, covered_blocks)
        unit_spellings = _unit_spellings(ctx)
        for ab in doc.blocks:
            if ab.block.index in covered_blocks:
                continue
            yield from self._list_intro(ab)
            yield from self._repeats(ab)
            yield from self._spacing(ab)
            yield from self._units(ab, unit_spellings, ctx)

    # ---- list intro ------------------------------------------------------------------------
    def _list_intro(self, ab: AnalyzedBlock) -> Iterable[Finding]:
        block = ab.block
        if block.kind not in ("paragraph", "list_item") or not block.text.endswith(":"):
            return
        if block.followed_by in LIST_CONTENT:
            return
        if block.kind == "list_item":
            return  # "Eyes:" inside a list is a label, not an intro
        words = list(re.finditer(r"\S+", block.text))
        last = words[-1]
        start = words[-2].start() if len(words) >= 2 and len(last.group()) <= 2 else last.start()
        yield self.finding(
            ab, start, len(block.text),
            f"'{block.text[start:]}' announces a list, but no list follows",
            rule="structure.list-intro",
            suggestion="add the list it announces, or end the sentence with a period")

    # ---- repeated words --------------------------------------------------------------------
    def _repeats(self, ab: AnalyzedBlock) -> Iterable[Finding]:
        text = ab.block.text
        # the backreference regex over every block was a third of this check: a cheap look first
        pairs = REPEATED_PAIR.finditer(text) if _may_repeat(text.lower()) else ()
        for m in pairs:
            word = m.group("w").lower()
            if m.group("conj").lower() == "and" and (word in REPEAT_IDIOMS or word.endswith("er")):
                continue
            if m.group("w")[:1].isupper():
                continue  # names: "EpiPen and EpiPen Jr", "Adderall or Adderall XR"
            if text[m.end():m.end() + 1] == "-" or word in AUXILIARIES:
                continue  # "thiazide and thiazide-like", "if you have or have had", "is or is not"
            nxt = re.match(r"\s*([\w-]+)", text[m.end():])
            if nxt and (nxt.group(1).lower() in QUALIFIERS or nxt.group(1)[:1].isupper() or nxt.group(1)[:1].isdigit()):
                continue  # "hypertension or hypertension at a young age": the second one is qualified
            if nxt and nxt.group(1).isalpha() and nxt.group(1).lower() not in CLAUSE_WORDS:
                continue  # "creatinine and creatinine clearance": the second begins a compound
            yield self.finding(
                ab, m.start(), m.end(),
                f"'{m.group(0)}' joins a word to itself",
                rule="structure.repeated-word",
                suggestion="keep one word, or write the two different words the source meant "
                           "(a translation often turns two synonyms into one)")
        for m in DOUBLED_PHRASE.finditer(text):
            a, b = m.group("a").lower(), m.group("b").lower()
            if a == b or a.isdigit() or b.isdigit() or a in DOUBLED_OK:
                continue
            yield self.finding(
                ab, m.start(), m.end(), f"'{m.group('w')}' is repeated",
                rule="structure.repeated-word", suggestion=f"write '{m.group('w')}' once",
                fix=m.group("w"))
        for m in DOUBLED.finditer(text):
            word = m.group("w").lower()
            if word in DOUBLED_OK or word.isdigit():
                continue
            second = text[m.end() - len(m.group("w")):m.end()]
            if second[:1].isupper() and not m.group(0)[:1].isupper():
                continue  # "… Endocrine tests / **Tests covered:**": a new line's label, joined by a soft break
            yield self.finding(
                ab, m.start(), m.end(), f"'{m.group('w')}' is repeated",
                rule="structure.repeated-word", suggestion=f"write '{m.group('w')}' once",
                fix=m.group("w"))

    # ---- spacing ---------------------------------------------------------------------------
    def _spacing(self, ab: AnalyzedBlock) -> Iterable[Finding]:
        text = ab.block.text
        for m in SPACE_BEFORE.finditer(text):
            p = m.group("p")
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end():m.end() + 1]
            if p == ":" and before.isdigit() and text[m.end():].lstrip()[:1].isdigit():
                continue  # a ratio, "1 : 2"
            if p == "." and after == ".":
                continue  # an ellipsis
            name = {",": "comma", ".": "period", ";": "semicolon", ":": "colon",
                    "!": "exclamation mark", "?": "question mark"}[p]
            yield self.finding(
                ab, m.start(), m.end(), f"space before {name}",
                rule="structure.spacing", suggestion=f"remove the space before the {name}", fix=p)
        for m in PAREN_SPACES.finditer(text):
            # two findings, each on the stray space and its parenthesis, so the highlight sits
            # on the slip and not on the words inside
            if not m.group("inner").strip():
                continue
            if m.group("a"):
                yield self.finding(ab, m.start(), m.start("inner"), "space after opening parenthesis",
                                   rule="structure.spacing", suggestion="remove the space after '('", fix="(")
            if m.group("b"):
                yield self.finding(ab, m.start("b"), m.end(), "space before closing parenthesis",
                                   rule="structure.spacing", suggestion="remove the space before ')'", fix=")")

    # ---- units -----------------------------------------------------------------------------
    def _units(self, ab: AnalyzedBlock, spellings: dict[str, str], ctx: CheckContext) -> Iterable[Finding]:
        text = ab.block.text
        for m in SPACED_UNIT.finditer(text):
            if not (m.group("s1") or m.group("s2") or m.group("s3") or m.group("s4")):
                continue
            key = (m.group("num") + "/" + re.sub(r"\s+", " ", m.group("den"))
                   + ("/" + m.group("den2") if m.group("den2") else "")).lower()
            symbol = spellings.get(key)
            if not symbol:
                continue
            unit_id = spellings.get("#id:" + key)
            yield self.finding(
                ab, m.start(), m.end(), f"unit written '{m.group(0)}'; the symbol is {symbol}",
                rule="structure.unit-spelling", suggestion=f"write {symbol}", fix=symbol,
                fact=ctx.fact("units", unit_id) if unit_id else None)

    # ---- scraper residue -------------------------------------------------------------------
    def _residue(self, doc: AnalyzedDocument, ctx: CheckContext, covered: set[int]) -> Iterable[Finding]:
        rules = list(ctx.facts.boilerplate.values())
        if not rules:
            return
        blocks = doc.blocks
        i = 0
        while i < len(blocks):
            ab = blocks[i]
            text = ab.block.text
            hit = None
            for bp in rules:
                span = _match_boilerplate(bp, ab)
                if span:
                    hit = (bp, span)
                    break
            if not hit:
                i += 1
                continue
            bp, (s, e) = hit
            fact = ctx.fact("boilerplate", bp.id)
            if bp.kind == "related-block":
                # the heading and the teaser blocks that follow it are one piece of residue
                j = i
                # ... up to the end of its page region (an <aside> ends where the <footer> begins)
                while (j + 1 < len(blocks) and blocks[j + 1].block.region == ab.block.region
                       and _teaser_like(blocks[j + 1], rules)):
                    j += 1
                start = ab.block.source_start
                end = blocks[j].block.source_end
                for k in range(i, j + 1):
                    covered.add(blocks[k].block.index)
                at_end = j == len(blocks) - 1
                yield self.source_finding(
                    start, end,
                    f"'{text}' and what follows it ({j - i} teaser block{'s' if j - i != 1 else ''}) "
                    "were scraped from the page around the article",
                    rule="structure.scraper-residue", fact=fact,
                    suggestion="delete the related-articles block" + ("" if at_end else " up to the article text"))
                i = j + 1
                continue
            whole = (s, e) == (0, len(text)) or (bp.kind == "image-credit" and len(text.split()) <= 12)
            if whole:
                s, e = 0, len(text)
                covered.add(ab.block.index)
            yield self.finding(
                ab, s, e, f"'{text[s:e]}': {bp.message}", rule="structure.scraper-residue", fact=fact,
                suggestion="delete it", fix="" if whole and bp.kind == "image-credit" else None)
            i += 1


_compiled: dict[int, tuple[object, list[re.Pattern]]] = {}


def _patterns(bp) -> list[re.Pattern]:
    """A rule's phrases as one alternation (longest first) plus its regexes, compiled once per rule."""
    hit = _compiled.get(id(bp))
    if hit is None or hit[0] is not bp:
        patterns = [re.compile(r, re.I) for r in bp.regex]
        if bp.phrases:
            phrases = sorted(bp.phrases, key=len, reverse=True)
            patterns.insert(0, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.I))
        hit = _compiled[id(bp)] = (bp, patterns)
    return hit[1]


def _match_boilerplate(bp, ab: AnalyzedBlock) -> tuple[int, int] | None:
    text = ab.block.text
    words = text.count(" ") + 1
    # the scope's cheap conditions first: most blocks fail them before any regex runs
    if bp.scope == "heading" and (words > TEASER_TITLE_WORDS or ab.block.kind == "list_item"):
        return None
    if bp.scope == "line" and words > (30 if bp.kind in ("teaser", "related-block") else 14):
        return None  # a credit is short; a teaser line carries a whole article title after "Read more:"
    bare = text.rstrip(" :.!»›→…")
    for rx in _patterns(bp):
        if bp.scope == "heading":
            m = rx.match(bare)
            if m and (m.end() == len(bare) or rx.pattern.startswith("^")):
                return (0, len(text))
        elif bp.scope == "block-end":
            for m in rx.finditer(bare):
                if m.end() == len(bare):
                    return (m.start(), len(text))
        elif bp.scope == "line":
            if rx.search(text):
                return (0, len(text))
        else:
            m = rx.search(text)
            if m:
                return (m.start(), m.end())
    return None


def _teaser_like(ab: AnalyzedBlock, rules) -> bool:
    """A block in a related-articles run: a short title, or a snippet ending in a teaser link."""
    text = ab.block.text
    if ab.block.kind == "heading" or len(text.split()) <= TEASER_TITLE_WORDS and not text.endswith(":"):
        return True
    return any(bp.kind == "teaser" and _match_boilerplate(bp, ab) for bp in rules)


def _unit_spellings(ctx: CheckContext) -> dict[str, str]:
    """Lower-cased 'num/den' spellings of every unit symbol and name, to its canonical symbol
    (built once per run)."""
    return ctx.memo("structure.unit-spellings", lambda: _build_unit_spellings(ctx))


def _build_unit_spellings(ctx: CheckContext) -> dict[str, str]:
    out: dict[str, str] = {}
    for unit in ctx.facts.units.values():
        for name in {unit.symbol, *unit.names}:
            if "/" in name and " " not in name.replace(" h", "h"):
                key = re.sub(r"\s*/\s*", "/", name).lower()
                out.setdefault(key, unit.symbol)
                out.setdefault("#id:" + key, unit.id)
    return out
