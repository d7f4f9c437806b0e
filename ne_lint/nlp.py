"""The one spaCy pipeline, and the fact-file names it finds in each block.

`spacy.blank("en")` with the rule-based sentencizer: tokenisation and sentences without a
trained model, so nothing has to be downloaded. Fact-file names (drugs, brands, classes,
conditions, analytes, units, mistranslated phrases) are compiled once into token-hash look-ups
(`ne_lint.phrases.PhraseIndex`, which does a PhraseMatcher's job and unpickles 100x faster):
acronyms ("SSRIs", "ADD") and brands that are also English words match only as written, the
rest case-insensitively. Hyphen and space variants are generated, so "beta-blocker",
"beta blocker" and "β-blocker" need one entry.

Analysis runs `nlp.pipe` over every block of every document in one stream.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in the methods that need them: a fully cached run never loads spaCy
    from spacy.language import Language
    from spacy.tokens import Doc, Span

from ne_lint.documents.model import Block, Document
from ne_lint.facts.model import Facts
from ne_lint.phrases import PhraseIndex


ENTITY_KINDS = ("drug", "class", "condition")
DETERMINERS = {"the", "a", "an"}  # overlapping names of these: the longest wins
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9&/\-]+s?$")


@dataclass
class Mention:
    """A fact-file name found in a block."""

    kind: str  # drug | class | condition | analyte | unit | term
    id: str
    role: str  # generic | synonym | brand | class | condition | analyte | unit | term
    start: int  # token index in the block's spaCy Doc
    end: int
    start_char: int  # character offsets in the block's text
    end_char: int
    text: str
    alts: list = field(default_factory=list)  # other (kind, id, role) readings of the same words

    def reading(self, kind: str) -> tuple[str, str] | None:
        """(id, role) of this mention read as `kind` ('amphetamine' is a drug and a class)."""
        if self.kind == kind:
            return self.id, self.role
        for k, i, r in self.alts:
            if k == kind:
                return i, r
        return None


@dataclass
class AnalyzedBlock:
    block: Block
    doc: Doc
    mentions: list[Mention]  # drugs, classes, conditions: non-overlapping, in order
    extra: dict[str, list[Mention]] = field(default_factory=dict)  # analyte, unit, term
    _sents: list | None = field(default=None, repr=False, compare=False)

    def sentences(self) -> list[Span]:
        """The block's sentences, made once: `Doc.sents` builds new spans on every walk, and
        five checks walk them."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def mentions_in(self, start_char: int, end_char: int, kinds: Iterable[str] = ENTITY_KINDS) -> list[Mention]:
        kinds = set(kinds)
        return [m for m in self.mentions if m.kind in kinds and m.start_char >= start_char and m.end_char <= end_char]


@dataclass
class AnalyzedDocument:
    document: Document
    blocks: list[AnalyzedBlock]

    def by_index(self, index: int | None) -> AnalyzedBlock | None:
        """The block at a Document.blocks position (a dict built on first use: checks ask for
        intros and headings once per sentence, and a scan per call was quadratic on long files)."""
        if index is None:
            return None
        table = self.__dict__.get("_by_index")
        if table is None:
            table = self.__dict__["_by_index"] = {ab.block.index: ab for ab in self.blocks}
        return table.get(index)

    def list_items(self, list_id: int) -> list[AnalyzedBlock]:
        """The items of one list, in order."""
        table = self.__dict__.get("_list_items")
        if table is None:
            table = self.__dict__["_list_items"] = {}
            for ab in self.blocks:
                if ab.block.kind == "list_item" and ab.block.list_id is not None:
                    table.setdefault(ab.block.list_id, []).append(ab)
        return table.get(list_id, [])


def name_variants(name: str) -> set[str]:
    """Spelling variants that mean the same name: hyphens, spaces, the Greek beta."""
    out = {name}
    if "-" in name:
        out.add(name.replace("-", " "))
        out.add(name.replace("-", ""))
    if " " in name and len(name.split()) == 2:
        out.add(name.replace(" ", "-"))
    for v in list(out):
        if "β" in v:
            out.add(v.replace("β", "beta"))
        if v.lower().startswith("beta"):
            out.add("β" + v[4:])
    # "hepatitis B." at a sentence end is two tokens, "hepatitis" and "B." (spaCy keeps a single
    # capital with its period, for initials and "E. coli"): match that form as well
    for v in list(out):
        if re.search(r"\s[A-Z]$", v):
            out.add(v + ".")
    return out


def fold_accents(text: str) -> str:
    """'ondansétron' → 'ondansetron': letters without their combining accents. Names are
    compared folded (case-blind names only), so an article that keeps the source language's
    accents still names the drug — and drug-name tells the author to drop them."""
    if text.isascii():
        return text
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _with_determiners(phrase: str) -> set[str]:
    """The phrase, and the phrase with one 'the', 'a' or 'an' between two of its words
    ("go to first aid" → "go to the first aid")."""
    words = phrase.split()
    out = {phrase}
    for i in range(1, len(words)):
        if words[i] in DETERMINERS or words[i - 1] in DETERMINERS:
            continue
        for det in ("the", "a", "an"):
            out.add(" ".join(words[:i] + [det] + words[i:]))
    return out


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and len(name) <= 10


def _make_pipeline() -> "Language":
    """`spacy.blank("en")` with the sentencizer and two tokenizer changes of ours."""
    import spacy

    nlp = spacy.blank("en")
    # "70 ng/mL." and "5.5 mmol/L.": end a sentence after a litre symbol, as after any word
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[mdµμnpfc]L)\.$", r"(?<=/L)\.$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sentencizer")
    nlp.max_length = 2_000_000
    return nlp


def _negated_by_prefix(doc: "Doc", start: int) -> bool:
    """Whether a name is written with the prefix 'non' ("non-opioid analgesics", "non opioid",
    "non-small cell lung cancer"): the phrase names everything but the fact-file entry, so
    reading it as the entry would turn a correct list into a wrong one."""
    if start >= 1 and doc[start - 1].lower_ == "non":
        return True
    return start >= 2 and doc[start - 1].text in {"-", "‑", "–"} and doc[start - 2].lower_ == "non"


class Analyzer:
    """Holds the pipeline and the name look-ups compiled from one fact file; build once per process."""

    def __init__(self, facts: Facts, common_words: set[str] | None = None):
        self.facts = facts
        self.nlp: Language = _make_pipeline()
        self._keys: dict[int, tuple[str, str, str]] = {}
        # names and mistranslated phrases as token-hash look-ups (`ne_lint.phrases`): case-blind
        # for most names, as written for acronyms and brands that are English words; a
        # mistranslated phrase may have an article between its words ("go to (the) first aid")
        self.lower_index = PhraseIndex()
        self.exact_index = PhraseIndex()
        self.common_words = common_words or set()
        self._compile()
        self._fresh_tokenizer_cache()

    def _fresh_tokenizer_cache(self) -> None:
        """spaCy's tokenizer caches at most `max_cache_size` chunks and never evicts: compiling the
        fact file's names filled it, sending every article word down the slow path. Start the
        articles with an empty, larger cache."""
        self.nlp.tokenizer.max_cache_size = 200_000
        self.nlp.tokenizer.suffix_search = self.nlp.tokenizer.suffix_search  # re-assigning flushes the cache

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.nlp = _make_pipeline()  # built (0.1 s) rather than unpickled with its vocab
        self._fresh_tokenizer_cache()

    def __getstate__(self) -> dict:
        """Pickled without its facts (see `ne_lint.compiled`: the loader puts them back) and
        without the pipeline, which `__setstate__` builds afresh."""
        state = self.__dict__.copy()
        state["facts"] = None
        state["nlp"] = None
        return state

    # ---- compile ---------------------------------------------------------------------------
    def _names(self) -> Iterable[tuple[str, str, str, str]]:
        f = self.facts
        for d in f.drugs.values():
            yield "drug", d.id, "generic", d.name
            for s in d.synonyms:
                yield "drug", d.id, "synonym", s
            for b in d.brands:
                yield "drug", d.id, "brand", b.name
        for c in f.classes.values():
            for n in {c.name, *c.names}:
                yield "class", c.id, "class", n
                if not n.endswith("s") and not is_acronym(n):
                    yield "class", c.id, "class", n + "s"
        for c in f.conditions.values():
            for n in {c.name, *c.names}:
                yield "condition", c.id, "condition", n
                if not n.endswith("s") and not is_acronym(n) and len(n) > 3:
                    yield "condition", c.id, "condition", n + "s"
        for a in f.analytes.values():
            for n in {a.display, *a.names}:
                yield "analyte", a.id, "analyte", n
        for u in f.units.values():
            for n in {u.symbol, *u.names}:
                yield "unit", u.id, "unit", n

    def _compile(self) -> None:
        from spacy.attrs import LOWER, ORTH

        lower: dict[str, list] = {}
        exact: dict[str, list] = {}
        for kind, entry_id, role, name in self._names():
            key = f"{kind}\t{entry_id}\t{role}"
            for variant in name_variants(name):
                if kind == "unit":
                    # unit words ("picograms per milliliter") in any case; symbols as written
                    words = " " in variant and re.fullmatch(r"[A-Za-z ]+", variant)
                    (lower if words else exact).setdefault(key, []).append(variant)
                elif is_acronym(variant) or (role == "brand" and variant.lower() in self.common_words):
                    exact.setdefault(key, []).append(variant)
                else:
                    lower.setdefault(key, []).append(fold_accents(variant))
        for t in self.facts.terms.values():
            match_id = self.nlp.vocab.strings.add(f"term\t{t.id}\tterm")
            self._keys[match_id] = ("term", t.id, "term")
            variants = sorted({v for phrase in t.wrong for v in _with_determiners(fold_accents(phrase.lower()))})
            # in the same case-blind index as the names: one pass over the block finds both
            self.lower_index.add(match_id, [self._hashes(v, LOWER) for v in variants])
        for table, index, attr in ((lower, self.lower_index, LOWER), (exact, self.exact_index, ORTH)):
            for key, names in table.items():
                kind, entry_id, role = key.split("\t")
                match_id = self.nlp.vocab.strings.add(key)
                self._keys[match_id] = (kind, entry_id, role)
                index.add(match_id, [self._hashes(n, attr) for n in sorted(set(names))])

    def _hashes(self, text: str, attr: int) -> list[int]:
        """A pattern's tokens as the article's tokens will be hashed: the same tokenizer."""
        return [int(h) for h in self.nlp.make_doc(text).to_array([attr])]

    # ---- analyse ---------------------------------------------------------------------------
    def _mentions(self, doc: Doc, text: str) -> tuple[list[Mention], dict[str, list[Mention]]]:
        """`text` is the block's text the doc was made from (`doc.text` rebuilds it token by token)."""
        from spacy.attrs import LOWER, ORTH
        from spacy.tokens import Span
        from spacy.util import filter_spans

        if len(doc):
            columns = doc.to_array([LOWER, ORTH]).T.tolist()
            lowers, orths = columns[0], columns[1]
            if not text.isascii():
                strings = self.nlp.vocab.strings
                for i, token in enumerate(doc):
                    if not token.text.isascii():
                        lowers[i] = strings.add(fold_accents(token.lower_))
        else:
            lowers, orths = [], []
        matches = self.lower_index.find(lowers) + self.exact_index.find(orths)
        entity_spans: list[Span] = []
        extra: dict[str, list[Mention]] = {}
        # every reading of each matched stretch: a name may be a drug and a class at once
        readings: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
        for match_id, start, end in matches:
            kind, entry_id, role = self._keys[match_id]
            if kind in ENTITY_KINDS:
                if (start, end) not in readings:
                    entity_spans.append(Span(doc, start, end))
                readings.setdefault((start, end), []).append((kind, entry_id, role))
            else:
                span = doc[start:end]
                extra.setdefault(kind, []).append(
                    Mention(kind, entry_id, role, start, end, span.start_char, span.end_char, span.text))
        mentions = []
        for span in sorted(filter_spans(entity_spans), key=lambda s: s.start):
            if _negated_by_prefix(doc, span.start):
                continue  # "non-opioid analgesics" names what the class is not
            options = sorted(set(readings[(span.start, span.end)]))
            # a word that is both a drug and a class ("amphetamine"): the plural reads as the class
            options.sort(key=lambda o: (o[0] != ("class" if span.text.lower().endswith("s") else "drug")))
            kind, entry_id, role = options[0]
            mentions.append(Mention(kind, entry_id, role, span.start, span.end, span.start_char,
                                    span.end_char, span.text, alts=options[1:]))
        for kind in extra:
            # longest first, then drop mentions inside a longer one of the same kind
            spans = [Span(doc, m.start, m.end) for m in extra[kind]]
            keep = {(s.start, s.end) for s in filter_spans(spans)}
            extra[kind] = sorted((m for m in extra[kind] if (m.start, m.end) in keep), key=lambda m: m.start)
        return mentions, extra

    def analyze(self, documents: list[Document]) -> list[AnalyzedDocument]:
        """Every block of every document through one `nlp.pipe` stream (blocks are at most
        `MAX_BLOCK_CHARS` long: the document model splits giant ones)."""
        texts = ((b.text, (di, bi)) for di, d in enumerate(documents) for bi, b in enumerate(d.blocks))
        analyzed = [AnalyzedDocument(d, []) for d in documents]
        for doc, (di, bi) in self.nlp.pipe(texts, as_tuples=True, batch_size=256):
            mentions, extra = self._mentions(doc, documents[di].blocks[bi].text)
            analyzed[di].blocks.append(AnalyzedBlock(documents[di].blocks[bi], doc, mentions, extra))
        return analyzed
