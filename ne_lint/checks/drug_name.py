"""drug-name: misspelled drug and brand names ("levofed" for Levophed, "Adderal").

A word is a candidate only when it is not an English word people use, not a name the fact file
knows, and not any of the ~107,000 drug names in the broad lexicon — so a name that is right in
some country (Lopresor, Efexor, salbutamol) is never a misspelling. A candidate is matched:

1. by sound, against the fact file's names: its phonetic key ("ph" = "f", "y" = "i", doubled
   letters single) equals a known name's key — "levofed" and "Levophed";
2. by spelling, against the fact file's names: one edit (two for long names) away, transpositions
   counted as one — "Adderal", "setraline";
3. by sound, against the broad lexicon, for drugs the fact file does not curate;
4. by spelling, one edit away from a broad-lexicon name of six letters or more with the same
   first two letters ("ciproflaxacin", "Xarleto"), for words of seven letters or more.

Foreign spellings of curated names are reported as such (a warning): the name with the source
language's accents ("ondansétron"; the analyzer folds accents, so the other checks see the drug),
a Romance -a/-o form ("fentermina", "valproato") or a Spanish e- before s+consonant
("espironolactona"). Any other accented word is another language's word and is not matched. A
capitalised respelling of a regional brand in another country's spelling ("Serenase" beside the
UK's Serenace: c/s, th/t, ph/f, y/i, a final vowel) is taken for that country's brand; a doubled
letter ("Efexxor") is a slip. Plurals of known names ("heparins") are not misspellings.

Weaker matches (2-4) need drug context in the sentence (another drug or class, or words such as
"prescribed", "tablet", "mg") or, for a list item, in its list and intro. Rarer English words (Zipf frequency below 3) are accepted as
candidates only with a phonetic match and drug context.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import Finding
from ne_lint.lexicon import phonetic_key
from ne_lint.nlp import AnalyzedDocument, fold_accents

DRUG_CUES = {
    "drug", "drugs", "medication", "medications", "medicine", "medicines", "prescribed", "prescribe",
    "prescription", "brand", "tablet", "tablets", "pill", "pills", "capsule", "capsules", "injection",
    "injected", "inject", "infusion", "dose", "doses", "dosage", "mg", "mcg", "formulation", "generic",
    "pharmacy", "called", "sold", "marketed", "taking", "take", "takes", "taken", "contains", "contain", "treatment", "therapy",
    "antidepressant", "antidepressants", "stimulant", "stimulants", "vasopressor", "syrup", "patch",
    "spray", "inhaler", "drops", "ointment", "cream", "administered", "drip", "iv",
}
COMMON_ZIPF = 3.0
RARE_ZIPF = 2.0
WEAK_MAX_ZIPF = 1.5  # a spelling match or a lexicon match needs a word English (almost) never writes
CANDIDATE = re.compile(r"^[A-Za-zÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,}(?:-[a-z]+)?$")
WORD = re.compile(r"(?<![\w'-])[A-Za-zÀ-ÖØ-Þ][a-zß-öø-ÿ]{4,}(?![\w'])")
FOREIGN_ENDINGS = ("a", "o")  # Spanish, Italian, Portuguese INN forms: fentermina, valproato


class DrugNameCheck(Check):
    id = "drug-name"
    severity = "error"
    summary = "Misspelled drug and brand names, checked against the fact file and a 107k-name lexicon."
    doc = """\
## What it does
Flags words that look like a misspelled drug or brand name: "levofed" (Levophed), "Adderal"
(Adderall), "Straterra" (Strattera), "setraline" (sertraline). It never flags a name that is
correct somewhere: the fact file and a lexicon of ~107,000 drug names from DrugBank, MeSH and
MedlinePlus know Lopresor, Efexor, paracetamol and salbutamol. Common English words are never
candidates.

## Why is this bad?
A misspelled brand sends readers searching for a drug that does not exist, and a spell checker
cannot help: it flags the correct "Levophed" as unknown just the same.

## Example
```
A formulation of norepinephrine called levofed is used in the emergency room.
```

## How to fix
Write the name as the manufacturer does: "Levophed". `--fix` applies the correction, keeping
a brand capitalised and a generic lower-case.
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        lex = None
        fact_names = None
        for ab in doc.blocks:
            covered = set()
            for m in ab.mentions:
                covered.update(range(m.start, m.end))
                if m.kind == "drug" and not m.text.isascii():
                    yield from self._accented(ab, m, ctx)
            for kind_mentions in ab.extra.values():
                for m in kind_mentions:
                    covered.update(range(m.start, m.end))
            # candidate words by a regex over the text; a spaCy token only for the few that are
            # not common English (creating a Token per word was the check's main cost)
            for wm in WORD.finditer(ab.block.text):
                word = wm.group()
                if not CANDIDATE.match(word):
                    continue
                if lex is None:
                    lex = ctx.lexicon
                    fact_names = lex.sorted_fact_names
                zipf = lex.zipf(word)
                if zipf >= COMMON_ZIPF or word.lower() in lex.fact_names:
                    continue
                span = ab.doc.char_span(wm.start(), wm.end())
                if span is None or len(span) != 1 or span[0].i in covered:
                    continue
                tok = span[0]
                if word.lower() in lex.drug_variants:
                    # a name the broad lexicon knows: right somewhere, unless it is only a variant
                    # spelling of a curated generic ("propanolol", "amiodarona")
                    variant = _generic_variant(word.lower(), lex, ctx)
                    if variant:
                        drug_id, generic = variant
                        fixed = generic[:1].upper() + generic[1:] if word[:1].isupper() and tok.is_sent_start else generic
                        yield self.finding(
                            ab, tok.idx, tok.idx + len(word),
                            f"'{word}' is a variant or foreign spelling of {generic}; English texts write {generic}",
                            severity="warning", suggestion=f"write {fixed}", fix=fixed,
                            fact=ctx.fact("drugs", drug_id))
                    continue
                if tok.i + 1 < len(ab.doc) and ab.doc[tok.i + 1].text == "-":
                    continue  # part of a compound the tokenizer split
                lowered = word.lower()
                if lowered.endswith("s") and (lowered[:-1] in lex.fact_names or lowered[:-1] in lex.drug_variants
                                              or lowered.endswith("es") and lowered[:-2] in lex.fact_names):
                    continue  # "heparins", "insulins": the plural of a known name, not a misspelling
                plain = fold_accents(word)
                exact = lex.fact_names.get(plain.lower()) if plain != word else None
                if exact:
                    # "ondansétron": the fact file's name with the source language's accents
                    drug_id, _role, display = exact
                    match = (plain.lower(), display, drug_id, "foreign-fact")
                elif plain != word:
                    # any other accented word is a word of another language ("précoce"), not a
                    # drug name misspelt: only the exact forms above are judged
                    match = _foreign_form(plain.lower(), lex)
                else:
                    match = _foreign_form(plain.lower(), lex) or _match(plain.lower(), lex, tuple(fact_names))
                if match is None:
                    continue
                name, display, drug_id, strength = match
                if word[:1].isupper() and strength != "foreign-fact" and (
                        name in lex.regional_names and _regional_respelling(word.lower()) == _regional_respelling(name)
                        or drug_id is None and name not in lex.brand_variants):
                    # a capitalised name that respells a brand sold in one country the way another
                    # country spells it ("Serenase" beside the UK's Serenace, "Roaccutan" beside
                    # Roaccutane), or that is one letter from an obscure generic ("Clopixol",
                    # clopidol), is more often another country's brand than a slip; "Efexxor" is not
                    continue
                if strength == "foreign-fact":
                    fixed = _cased(display, word, tok.is_sent_start, is_brand=_is_brand(lex, ctx, name))
                    yield self.finding(
                        ab, tok.idx, tok.idx + len(word),
                        f"'{word}' is a foreign spelling of {fixed}{_describe(ctx, drug_id, display, lex, name)}; "
                        f"English texts write {fixed}",
                        severity="warning", suggestion=f"write {fixed}", fix=fixed,
                        fact=ctx.fact("drugs", drug_id) if drug_id else None)
                    continue
                if name in _spelling_variants(word.lower()):
                    continue  # "anaesthetic", "oestrogen", "haemoglobin": British spelling, not a slip
                if lowered in _english_dictionary():
                    continue  # "centile": rare in running text (so below the frequency guard), yet English
                sent = tok.sent
                context = _drug_context(doc, ab, sent) or (
                    # a curated name one edit away: the paragraph naming other drugs is context enough
                    # ("Diazepam is taken at 2 to 10 mg. Lorazepan is preferred in older people.")
                    strength == "spelling-fact" and any(m.kind in ("drug", "class") for m in ab.mentions))
                if strength != "sound-fact" and not context:
                    continue
                if zipf >= RARE_ZIPF and not (strength.startswith("sound") and context):
                    continue
                if zipf >= WEAK_MAX_ZIPF and strength != "sound-fact":
                    continue  # "tegmental", "Hypericum": rare words English does use, not slips
                fixed = _cased(display, word, tok.is_sent_start, is_brand=_is_brand(lex, ctx, name))
                what = _describe(ctx, drug_id, display, lex, name)
                yield self.finding(
                    ab, tok.idx, tok.idx + len(word),
                    f"'{word}' looks like a misspelling of {fixed}{what}",
                    severity="error" if strength == "sound-fact" else "warning",
                    suggestion=f"write {fixed}", fix=fixed,
                    fact=ctx.fact("drugs", drug_id) if drug_id else None)


    def _accented(self, ab, m, ctx) -> Iterable[Finding]:
        """A fact-file drug written with the source language's accents ('ondansétron',
        'paracétamol'): the analyzer reads it folded, so the drug is known; English drops them."""
        if m.text.lower() in _accented_names(ctx):
            return
        drug = ctx.facts.drugs.get(m.id)
        if drug is None:
            return
        plain = fold_accents(m.text)
        names = {n.lower(): n for n in (*drug.generic_names, *(b.name for b in drug.brands))}
        fixed = names.get(plain.lower(), plain)
        if m.text[:1].isupper() and fixed[:1].islower():
            fixed = fixed[:1].upper() + fixed[1:]
        yield self.finding(
            ab, m.start_char, m.end_char,
            f"'{m.text}' is a foreign spelling of {fixed}; English texts write {fixed}",
            severity="warning", suggestion=f"write {fixed}", fix=fixed, fact=ctx.fact("drugs", drug.id))


def _regional_respelling(name: str) -> str:
    """A key equal for the spellings countries give one brand: c/k/z/s, th/t, ph/f, y/i and a
    final vowel vary; doubled letters (the usual slip) do not."""
    w = name.lower().replace("th", "t").replace("ph", "f").replace("y", "i")
    w = re.sub(r"[ckz]", "s", w)
    return re.sub(r"[aeo]$", "", w)


@lru_cache(maxsize=1)
def _english_dictionary() -> frozenset[str]:
    """Webster's Second (234,000 words, lower case): the words English has, however rare.

    Word frequency alone lets through real words that running text seldom uses ("centile",
    one sound from the brand Centyl); a misspelt drug name is almost never a dictionary word.
    Loaded on the first candidate that gets this far (0.07 s), which most articles never reach."""
    from english_words import get_english_words_set
    return frozenset(get_english_words_set(["web2"], lower=True))


def _accented_names(ctx) -> set[str]:
    """The fact file's names that are written with accents themselves (none are misspelt so)."""
    return ctx.memo("drug-name-accented", lambda: {
        n.lower() for d in ctx.facts.drugs.values() for n in (*d.generic_names, *(b.name for b in d.brands))
        if not n.isascii()})


def _foreign_form(word: str, lex):
    """A fact-file name in its Spanish, Italian or Portuguese form: the INN with a final -a or -o
    ('fentermina', 'furosemida', 'valproato') sounds like the English name once that ending is
    dropped. Only a sound match to a curated name counts, and only for words of seven letters
    or more, so short English and Romance words stay out."""
    if len(word) < 7:
        return None
    # French adds an -e to an INN ending in a consonant ("linézolide"), German drops the English -e
    # ("Fluoxetin", "Cytisin"): the fact-file name itself, one letter off at the end
    for exact in ((word[:-1],) if word.endswith("e") else ()) + ((word + "e",) if not word.endswith("e") else ()):
        entry = lex.fact_names.get(exact)
        if entry is not None and " " not in exact:
            drug_id, role, display = entry
            return exact, display, drug_id, "foreign-fact"
    if not word.endswith(FOREIGN_ENDINGS):
        return None
    stems = [word[:-1]]
    if re.match(r"es[^aeiou]", word):
        stems.append(word[1:-1])  # Spanish puts an e before s + consonant: espironolactona, estreptomicina
    for stem in stems:
        for name in lex.fact_phonetic.get(phonetic_key(stem), ()):
            if name != word and " " not in name:
                drug_id, role, display = lex.fact_names[name]
                return name, display, drug_id, "foreign-fact"
    return None


def _spelling_variants(word: str) -> set[str]:
    """American spellings of a British one: ae/oe → e, -ise → -ize, -our → -or, -tre → -ter."""
    out = {word.replace("ae", "e").replace("oe", "e")}
    for a, b in (("ise", "ize"), ("our", "or"), ("tre", "ter")):
        out |= {v.replace(a, b) for v in out}
    out.discard(word)
    return out


def _generic_variant(word: str, lex, ctx) -> tuple[str, str] | None:
    """(drug id, generic) when a lexicon word is a near spelling of that same drug's curated generic."""
    canonical = lex.canonical(word)
    if not canonical:
        return None
    for drug in ctx.facts.drugs.values():
        names = [n.lower() for n in drug.generic_names]
        if canonical.lower() not in names and lex.canonical(drug.name) != canonical:
            continue
        for name in names:
            if word + "e" == name and lex.zipf(word) >= 1.0:
                return None  # "thyroxin", "adrenalin": established English spellings too
            if " " in name:
                continue
            if name[:1] == word[:1] and OSA.distance(name, word) <= 2:
                return drug.id, name
            # "fentermina" for phentermine: the same sounds once a Romance ending is dropped
            if phonetic_key(name) in (phonetic_key(word), phonetic_key(word[:-1]), phonetic_key(word[1:-1])):
                return drug.id, name
    return None


def _drug_context(doc, ab, sent) -> bool:
    """A drug, a class or a drug word in the sentence; for a list item, in its list or intro."""
    if any(m.kind in ("drug", "class") and sent.start <= m.start < sent.end for m in ab.mentions):
        return True
    if any(t.lower_ in DRUG_CUES for t in sent):
        return True
    if ab.block.kind == "list_item" and ab.block.list_id is not None:
        related = [x for x in doc.list_items(ab.block.list_id) if x is not ab]
        intro = doc.by_index(ab.block.list_intro)
        if intro is not None:
            related.append(intro)
        return any(any(m.kind in ("drug", "class") for m in x.mentions) or any(t.lower_ in DRUG_CUES for t in x.doc)
                   for x in related)
    return False


def _match(word: str, lex, fact_names: tuple[str, ...]):
    """(name, display, drug id, strength) of the best known name this word misspells, or None."""
    key = phonetic_key(word)
    sounds = sorted((n for n in lex.fact_phonetic.get(key, ()) if n != word), key=lambda n: n in lex.regional_names)
    if sounds:
        drug_id, role, display = lex.fact_names[sounds[0]]
        return sounds[0], display, drug_id, "sound-fact"
    limit = 1 if len(word) < 9 else 2
    close = process.extract(word, fact_names, scorer=OSA.distance, score_cutoff=limit, limit=8)
    # two edits only between two long names (not "tegmental" for the 8-letter "Tegretal"); among
    # equally close names, one sold everywhere before a regional brand (Norvasc before Norvas)
    close = [(name, dist) for name, dist, _ in close
             if name != word and (dist < 2 or min(len(name), len(word)) >= 9)
             and (name[:1] == word[:1] or phonetic_key(name)[:1] == key[:1])]
    if close:
        name, _ = min(close, key=lambda c: (c[1], c[0] in lex.regional_names, c[0]))
        drug_id, role, display = lex.fact_names[name]
        return name, display, drug_id, "spelling-fact"
    for name in lex.phonetic.get(key, ()):
        if name != word and len(word) >= 6:
            return name, name, None, "sound-lexicon"
    if len(word) >= 7:
        best = process.extractOne(word, lex.names_starting(word[:2]), scorer=OSA.distance, score_cutoff=1)
        # a plural or singular of a lexicon name is a grammatical form, not a misspelling
        if best and best[0] != word and best[0] not in (word + "s", word + "es") and word not in (best[0] + "s", best[0] + "es"):
            return best[0], best[0], None, "spelling-lexicon"
    return None


def _is_brand(lex, ctx, name: str) -> bool:
    entry = lex.fact_names.get(name)
    if entry:
        return entry[1] == "brand"
    return name in lex.brand_variants


def _cased(display: str, written: str, sentence_start: bool, is_brand: bool) -> str:
    if is_brand:
        return display if any(c.isupper() for c in display) else display[:1].upper() + display[1:]
    if written[:1].isupper() and sentence_start:
        return display[:1].upper() + display[1:]
    return display.lower() if display.islower() or not is_brand else display


def _describe(ctx, drug_id, display, lex, name) -> str:
    if drug_id:
        generic = ctx.facts.drugs[drug_id].name
        return f" ({generic})" if generic.lower() != display.lower() else ""
    canonical = lex.canonical(name)
    return f" ({canonical})" if canonical and canonical.lower() != name else ""
