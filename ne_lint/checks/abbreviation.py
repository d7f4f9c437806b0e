"""abbreviation: an abbreviation defined one way and written another, redefined, or defined
with a long form it does not stand for.

Definitions are found with the Schwartz–Hearst algorithm (as in scispacy's abbreviation
detector), extended to the forms health articles use: "long form (SF)", "SF (long form)",
"long form or SF", "long form, also known as SF". Later tokens that are permutations of a
defined short form ("EN" after "norepinephrine or NE") or one edit away from it are flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz.distance import OSA

from ne_lint.checks.base import Check, CheckContext
from ne_lint.checks.translation_signs import TRANSLATED, translation_signs
from ne_lint.finding import Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument

SHORT_FORM = re.compile(r"^(?=[A-Za-z0-9&/-]*[A-Z][A-Za-z0-9&/-]*[A-Z])[A-Za-z0-9][A-Za-z0-9&/-]{1,9}$")
USE_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Z0-9À-ÖØ-Þ]{1,9}(?:-[0-9]{1,2}[A-Z]{0,2})?$")  # "GLP-1" with its number
CAPITALISED = re.compile(r"(?<![\w])[A-Za-z0-9À-ÖØ-Þ]*[A-ZÀ-ÖØ-Þ][A-Za-z0-9À-ÖØ-Þ]*(?:-[0-9]{1,2}[A-Za-z]{0,2}(?![\w-]))?(?![\w])")
# "HbAc1" after "HbA1c": a mixed-case form with at least two capitals (never an ordinary word)
GLOSSARY_ENTRY = re.compile(r"(?:^|[;.]\s+)([A-Z][A-Za-z0-9&/-]{1,9}),\s+([a-zA-Z][a-zA-Z -]{2,80}?)(?=\s*(?:[;.(]|$))")
MIXED_USE_TOKEN = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{2,9}$")
# what may precede the long form inside "SF (…)": "NE (also called noradrenaline)"
SF_LONG_CUES = {"the", "a", "an", "also called", "also known as", "i.e.", "ie", "short for", "or", "meaning", "that is"}
# three or more words in capitals in a row: a shouted title line in a text file
CAPS_RUN = re.compile(r"\b[A-Z][A-Z']+(?:\s+[A-Z][A-Z']+){2,}\b")
OR_CUES = ("or", "also known as", "also called", "known as", "abbreviated", "abbreviated as", "called")
LEAD_WORDS = {"the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "with", "your", "its", "their", "this", "that"}


def schwartz_hearst(short: str, long: str) -> str | None:
    """The shortest suffix of `long` whose letters spell `short` right to left (first at a word start)."""
    s, l = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (long[l].lower() != c or (s == 0 and l > 0 and long[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    start = long.rfind(" ", 0, l + 1) + 1
    result = long[start:].strip()
    return result or None


def normalize_long(text: str) -> str:
    t = re.sub(r"[-‐–]", " ", text.lower())
    t = re.sub(r"[^a-z0-9 ]", "", t)
    t = re.sub(r"\s+", " ", t).strip()
    return re.sub(r"s$", "", t)


@dataclass
class Definition:
    short: str
    long: str
    block: AnalyzedBlock
    start: int  # char offsets of the short form in the block
    end: int
    long_start: int
    seen: bool = False  # a known abbreviation the article uses without defining it


def _candidate_long(text_before: str, short: str) -> str:
    words = text_before.split()
    limit = min(len(short) + 5, len(short) * 2)
    return " ".join(words[-limit:])


def _strip_plural(short: str) -> str:
    return short[:-1] if len(short) > 2 and short.endswith("s") and short[:-1].isupper() else short


class AbbreviationCheck(Check):
    id = "abbreviation"
    severity = "error"
    summary = "An abbreviation written scrambled, redefined, or defined with the wrong long form."
    doc = """\
## What it does
Finds abbreviation definitions in the article ("norepinephrine (NE)", "NE (norepinephrine)",
"norepinephrine or NE", "…, also known as NE") and then flags:

- a later token whose letters are a permutation of a defined abbreviation ("EN" after "NE",
  "MOAIs" after "MAOIs") or, for abbreviations of four letters or more, one changed letter or
  one swap away from one ("PSTD" after "PTSD");
- an abbreviation defined again with a different meaning in the same article;
- a definition whose long form belongs to another abbreviation in the fact file
  ("heart rate (BP)": heart rate is HR), or with one word of its own long form changed
  ("cortisol-releasing hormone (CRH)": CRH is corticotropin-releasing hormone);
- a known abbreviation the article writes, later scrambled ("HbA1c" … "HbAc1"), and a foreign
  abbreviation left untranslated ("TDAH" in an article about ADHD, "FANS" beside ibuprofen).

## Why is this bad?
A reader who learned "NE" cannot know that "EN" means the same thing; machine translation
often reorders letters (Spanish "noradrenalina (NA)", French "EN"). A wrong expansion teaches
the wrong term.

## Example
```
This article explains the functions of norepinephrine or NE.
In general, EN affects many organs.
```

## How to fix
Write the abbreviation as defined (`--fix` does, for permutations); use the long form that the
abbreviation stands for.
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        definitions, findings = self._definitions(doc, ctx)
        yield from findings
        # words with a capital, found once by a regex: walking every spaCy token of every block
        # three times was most of this check's time
        caps = [(ab, m.group(), m.start()) for ab in doc.blocks for m in CAPITALISED.finditer(ab.block.text)]
        foreign = list(self._foreign(doc, ctx, {d.short for d in definitions}, caps))
        yield from foreign
        # a foreign form is reported once, as foreign: not again as a scrambled English one (IMAO)
        foreign_spots = {f.start for f in foreign}
        defined = {}
        for d in definitions:
            defined.setdefault(d.short, d)
        seen = self._seen_known(ctx, defined, caps)
        if not defined and not seen:
            return
        definition_spots = {(id(d.block), d.start) for d in definitions}
        known = ctx.facts.abbreviations_by_short
        lowered_doc = " ".join(ab.block.text.lower() for ab in doc.blocks)
        spelled_out: dict[str, bool] = {}
        shouted = {id(ab): [m.span() for m in CAPS_RUN.finditer(ab.block.text)] for ab in doc.blocks}
        for ab, text, idx in caps:
            if ab.block.kind == "heading" and ab.block.text.upper() == ab.block.text:
                continue  # an all-caps heading is not made of abbreviations
            if any(lo <= idx < hi for lo, hi in shouted[id(ab)]):
                continue  # "4. HOW TO TAKE YOUR MEDICINE": words in capitals, not abbreviations
            # "MOAIs" after "monoamine oxidase inhibitors (MAOIs)": the plural of a scrambled form
            plural = len(text) > 3 and text.endswith("s") and bool(USE_TOKEN.match(text[:-1]))
            word = text[:-1] if plural else text
            if not (USE_TOKEN.match(word) or MIXED_USE_TOKEN.match(word) and any(c.isdigit() for c in word)) \
                    or word in defined:
                continue
            if (id(ab), idx) in definition_spots or foreign_spots and ab.block.source_span(idx, idx + 1)[0] in foreign_spots:
                continue
            target = self._scrambled_of(word, defined, known, ctx, lowered_doc, spelled_out)
            if target is None and word not in known and len(word) >= 3:
                # "HbAc1" in an article that writes HbA1c, defined or not: a known form, scrambled
                target = next(((d, "permutation") for short, d in seen.items()
                               if sorted(short.upper()) == sorted(word.upper()) and short != word), None)
            if target is None:
                continue
            d, kind = target
            line_hint = self._where(doc, d)
            if kind == "permutation":
                yield self.finding(
                    ab, idx, idx + len(text),
                    f"'{text}' is not defined; it looks like a scrambled '{d.short}' ({d.long}, "
                    f"{'written' if d.seen else 'defined'} {line_hint})",
                    suggestion=f"write {d.short} ({d.long})", fix=d.short + ("s" if plural else ""),
                    fact=self._fact(ctx, d.short))
            else:
                yield self.finding(
                    ab, idx, idx + len(text),
                    f"'{text}' is not defined; did you mean '{d.short}' ({d.long}, defined {line_hint})?",
                    severity="warning", suggestion=f"write {d.short} ({d.long})",
                    fact=self._fact(ctx, d.short))

    @staticmethod
    def _seen_known(ctx: CheckContext, defined: dict, caps) -> dict[str, Definition]:
        """Fact-file abbreviations the article writes as they are (first use), not defined in it."""
        known = ctx.facts.abbreviations_by_short
        seen: dict[str, Definition] = {}
        for ab, text, idx in caps:
            a = known.get(text)
            if a is not None and text not in defined and text not in seen:
                seen[text] = Definition(text, a[0].expansions[0], ab, idx, idx + len(text), idx, seen=True)
        return seen

    # ---- untranslated abbreviations -------------------------------------------------------
    def _foreign(self, doc: AnalyzedDocument, ctx: CheckContext, defined: set[str], caps) -> Iterable[Finding]:
        """'TDAH' in an English article about ADHD: the source language's abbreviation, left as is.

        A foreign form is flagged when the article also names the English abbreviation, its long
        form or one of its topics, so a French quotation stays quiet. In an article that already
        shows machine translation (see `translation_signs`), that guard is dropped for forms that
        are no English abbreviation ('SNC' in an article on antipsychotics), and the forms that
        are English abbreviations too ('PA': pressione arteriosa, or physician assistant) are
        flagged with the guard: that evidence is what separates them from the English ones.
        """
        forms = ctx.facts.abbreviations_by_foreign_form
        translated_forms = ctx.facts.abbreviations_by_translated_form
        english = ctx.facts.abbreviations_by_short
        hits = [(ab, text, idx) for ab, text, idx in caps if text not in defined
                and (text in forms and text not in english or text in translated_forms)]
        if not hits:
            return
        tokens = {text for _, text, _ in caps}
        lowered = " ".join(ab.block.text.lower() for ab in doc.blocks)
        mentioned = _mentioned_ids(doc, ctx)

        def about(entry) -> bool:
            return (entry.short in tokens or any(x.lower() in lowered for x in entry.expansions)
                    or bool(_named_by_facts(entry, ctx) & mentioned))

        strict, pending = [], []
        for ab, text, idx in hits:
            entry = forms.get(text) if text not in english else None
            if entry is not None and about(entry):
                strict.append((ab, text, idx, entry))
            else:
                pending.append((ab, text, idx, entry))
        if pending and translation_signs(doc, ctx, {text for _, text, _, _ in strict}) >= TRANSLATED:
            for ab, text, idx, entry in pending:
                if entry is None:
                    here = ab.block.text.lower()
                    if any(x.lower() in here for e in english.get(text, ()) for x in e.expansions):
                        continue  # the paragraph also uses an English sense ('pulmonary artery')
                    entry = next((e for e in translated_forms.get(text, ()) if about(e)
                                  and e.short != text), None)
                if entry is not None:
                    strict.append((ab, text, idx, entry))
        for ab, text, idx, entry in sorted(strict, key=lambda h: (h[0].block.index, h[2])):
            meaning = entry.expansions[0]
            yield self.finding(
                ab, idx, idx + len(text),
                f"'{text}' is the untranslated foreign abbreviation of {entry.short} ({meaning})",
                suggestion=f"write {entry.short}", fix=entry.short, fact=ctx.fact("abbreviations", entry.id))

    def _definitions(self, doc: AnalyzedDocument, ctx: CheckContext) -> tuple[list[Definition], list[Finding]]:
        definitions: list[Definition] = []
        findings: list[Finding] = []
        known_shorts = {a.short for a in ctx.facts.abbreviations.values()}
        for ab in doc.blocks:
            text = ab.block.text
            for m in re.finditer(r"\(\s*([^()]{1,80}?)\s*\)", text):
                inner = m.group(1).strip()
                before = text[:m.start()].rstrip()
                if SHORT_FORM.match(inner):  # long form (SF)
                    short = _strip_plural(inner)
                    sentence_start = max(before.rfind(". "), before.rfind("; "), before.rfind(": "))
                    candidate = _candidate_long(before[sentence_start + 1:], short)
                    long = schwartz_hearst(short, candidate)
                    start = m.start(1)
                    if long and len(long) > len(short):
                        long = self._trim(long)
                        wrong = self._wrong_expansion(ab, ctx, short, before, start, start + len(inner))
                        if wrong:  # the letters fit, but the words are another abbreviation's (HFpEF for HFrEF)
                            findings.append(wrong)
                        definitions.append(Definition(short, long, ab, start, start + len(inner),
                                                      m.start() - len(long)))
                    else:
                        f = self._wrong_expansion(ab, ctx, short, before, start, start + len(inner))
                        if f:
                            findings.append(f)
                else:  # SF (long form)
                    prev = re.search(r"([A-Za-z0-9&/-]{2,12})$", before)
                    # a known short form may have one capital ("T3 (tetraiodothyronine)")
                    if prev and (SHORT_FORM.match(prev.group(1)) or prev.group(1) in known_shorts):
                        short = _strip_plural(prev.group(1))
                        # "HFrEF (heart failure with preserved ejection fraction)": another's long form
                        wrong = self._wrong_expansion(ab, ctx, short, inner, prev.start(1), m.end(), whole=True)
                        if wrong:
                            findings.append(wrong)
                        long = schwartz_hearst(short, inner)
                        # the parenthesis holds the long form and nothing before it but a cue
                        # ("THM (estrogen, combined with ... has her uterus)" is an aside, not a definition)
                        head = inner[:len(inner) - len(long)].strip(" ,;:").lower() if long else ""
                        if (long and len(long.split()) <= len(short) + 5 and long.lower() == inner.lower()[-len(long):]
                                and (not head or head in SF_LONG_CUES or _initials_spell(short, long))):
                            definitions.append(Definition(short, self._trim(long), ab, prev.start(1),
                                                          prev.end(1), m.start(1)))
            for cue in OR_CUES:
                for m in re.finditer(r",?\s+" + cue.replace(" ", r"\s+") + r"\s+([A-Z][A-Za-z0-9&/-]{1,9})\b", text):
                    short = _strip_plural(m.group(1))
                    if not SHORT_FORM.match(short) or short.lower() == short:
                        continue
                    before = text[:m.start()]
                    last_word = before.split()[-1] if before.split() else ""
                    if SHORT_FORM.match(last_word.strip(",;")):
                        continue  # "an ARB or ARNI": a list of abbreviations, not a definition
                    sentence_start = max(before.rfind(". "), before.rfind("; "), before.rfind(": "), before.rfind("("))
                    long = schwartz_hearst(short, _candidate_long(before[sentence_start + 1:], short))
                    if long and len(long) > len(short):
                        definitions.append(Definition(short, self._trim(long), ab, m.start(1), m.end(1),
                                                      m.start() - len(long)))
            # a glossary: "TDM, therapeutic drug monitoring; CrCl, creatinine clearance."
            for m in GLOSSARY_ENTRY.finditer(text):
                short, long = _strip_plural(m.group(1)), m.group(2).strip()
                if SHORT_FORM.match(short) and len(long) > len(short) and _initials_spell(short, long):
                    definitions.append(Definition(short, long, ab, m.start(1), m.end(1), m.start(2)))
        # the same short form defined twice with different meanings
        first: dict[str, Definition] = {}
        for d in definitions:
            if d.short in first:
                prior = first[d.short]
                # "Adrenal insufficiency (AI) ... primary AI (Addison's disease)": a gloss, not a new
                # meaning, when the first long form's initials spell the abbreviation and the second's do not
                gloss = _initials_spell(d.short, prior.long) and not _initials_spell(d.short, d.long)
                # a definition already reported as a wrong long form is not a meaning to keep to
                reported = any(f.start <= x.block.block.source_span(x.start, x.end)[0] < f.end
                               for f in findings for x in (d, prior))
                if not self._same_meaning(prior.long, d.long, ctx) and not gloss and not reported:
                    findings.append(self.finding(
                        d.block, d.start, d.end,
                        f"'{d.short}' was defined as '{prior.long}' {self._where(doc, prior)} and is now "
                        f"redefined as '{d.long}'",
                        severity="warning", suggestion="use one meaning per abbreviation, or spell the second out",
                        fact=self._fact(ctx, d.short)))
            else:
                first[d.short] = d
        return definitions, findings

    @staticmethod
    def _trim(long: str) -> str:
        words = long.split()
        while len(words) > 1 and words[0].lower() in LEAD_WORDS:
            words.pop(0)
        return " ".join(words).strip(" ,;:")

    def _same_meaning(self, a: str, b: str, ctx: CheckContext) -> bool:
        na, nb = normalize_long(a), normalize_long(b)
        if na == nb or na.endswith(" " + nb) or nb.endswith(" " + na):
            return True
        for drug in ctx.facts.drugs.values():  # norepinephrine and noradrenaline are one thing
            names = {normalize_long(n) for n in drug.generic_names}
            if na in names and nb in names:
                return True
        return False

    def _wrong_expansion(self, ab, ctx, short, before, start, end, whole: bool = False) -> Finding | None:
        """'heart rate (BP)': the words before belong to another abbreviation.
        With `whole`, `before` is the complete long form written in parentheses after the short one."""
        entries = ctx.facts.abbreviations_by_short.get(short, [])
        if not entries:
            return None
        tail = normalize_long(before)
        own = [normalize_long(x) for a in entries for x in a.expansions]
        if any(tail.endswith(x) for x in own):
            return None
        for other in ctx.facts.abbreviations.values():
            # "HF with reduced ejection fraction (HFrEF)": a compound ends with its part's long form
            if other.short == short or other.short.lower() in short.lower():
                continue
            for expansion in other.expansions:
                x = normalize_long(expansion)
                long_enough = len(x.split()) >= 2 or (whole and len(x) >= 8 and not self._same_meaning(x, own[0], ctx))
                if long_enough and (tail == x or (not whole and tail.endswith(" " + x))):
                    meanings = list(dict.fromkeys(normalize_long(a) for e in entries for a in e.expansions))
                    meaning = " or ".join(meanings[:2])
                    return self.finding(
                        ab, start, end,
                        f"'{short}' stands for {meaning}; '{expansion}' is {other.short}",
                        severity="warning", suggestion=f"write '{expansion} ({other.short})', or the long form of {short}; which one the source meant needs a reader",
                        fact=ctx.fact("abbreviations", other.id))
        # "cortisol-releasing hormone (CRH)": one word of the known long form changed
        for a in entries:
            for expansion in a.expansions:
                x = normalize_long(expansion).split()
                if len(x) == 1:
                    found = self._one_word_swapped(ab, ctx, a, short, x[0], tail, before, start, end, whole)
                    if found:
                        return found
                    continue
                written = tail.split()[-len(x):] if not whole else tail.split()
                if len(written) != len(x):
                    continue
                diff = [(w, e) for w, e in zip(written, x) if w != e]
                # or several words each garbled from its own ("internal normalized rate" for
                # international normalized ratio): same first three letters, one word kept
                garbled = 2 <= len(diff) < len(x) and all(_garbled(w, e) for w, e in diff)
                # or its words reordered, one of them changed ("Sepsis Survival Committee" for
                # Surviving Sepsis Campaign): the same initials, all words but one the same stems
                stems = [e[:4] for e in x]
                kept = sum(1 for w in written if w[:4] in stems)
                reordered = (len(x) >= 3 and len(diff) >= 2 and kept >= len(x) - 1
                             and sorted(w[0] for w in written) == sorted(e[0] for e in x))
                # or words swapped for others with the same initials ("solar protection filter" for
                # sun protection factor): the letters still spell the abbreviation, the meaning is gone
                respelt = (len(x) >= 3 and 2 <= len(diff) < len(x) and [w[0] for w in written] == [e[0] for e in x]
                           and all(_really_different(w, e) for w, e in diff))
                reordered = reordered or respelt
                if (len(diff) == 1 and _really_different(*diff[0]) or garbled) and written[0][:1] == x[0][:1] or reordered:
                    # the span covers the long form written, then the short form
                    words = list(re.finditer(r"[A-Za-z0-9']+", before))
                    # (`before` is the block's text up to the parenthesis, so its offsets are the block's)
                    lo = start if whole or len(words) < len(x) else words[-len(x)].start()
                    shown = before.strip() if whole else before[lo:].strip()
                    return self.finding(
                        ab, lo, end,
                        f"'{short}' stands for {expansion}, not '{shown}'",
                        severity="warning", suggestion=f"write '{expansion} ({short})'",
                        fact=ctx.fact("abbreviations", a.id))
        return None

    def _one_word_swapped(self, ab, ctx, a, short, expansion, tail, before, start, end, whole) -> Finding | None:
        """'ECG (echocardiogram)': a one-word long form turned into its neighbour with the same
        start and ending (electro-/echo-cardiogram, electro-/echo-encephalogram)."""
        words = tail.split()
        if not words or (whole and len(words) != 1):
            return None
        written = words[-1]
        own = {normalize_long(x) for e in ctx.facts.abbreviations_by_short.get(short, []) for x in e.expansions}
        if (len(expansion) < 8 or written in own or written[:1] != expansion[:1]
                or _common_suffix(written, expansion) < 6 or not _really_different(written, expansion)):
            return None
        lo = start if whole else before.lower().rfind(written)
        if lo < 0:
            return None
        shown = before.strip() if whole else before[lo:].strip()
        return self.finding(
            ab, lo, end, f"'{short}' stands for {expansion}, not '{shown}'",
            severity="warning", suggestion=f"write '{expansion} ({short})', or the abbreviation of {shown}",
            fact=ctx.fact("abbreviations", a.id))

    # ---- uses ------------------------------------------------------------------------------
    def _scrambled_of(self, word, defined, known, ctx, lowered_doc, spelled_out: dict):
        # a known abbreviation whose meaning the article spells out is used deliberately
        # (one search of the article per distinct word: on a long file, per use was quadratic)
        if word not in spelled_out:
            spelled_out[word] = any(x.lower() in lowered_doc for a in ctx.facts.abbreviations_by_short.get(word, ())
                                    for x in a.expansions)
        if spelled_out[word]:
            return None
        for short, d in defined.items():
            if len(short) != len(word) and abs(len(short) - len(word)) > 1:
                continue
            if sorted(short.upper()) == sorted(word.upper()) and short.upper() != word.upper():
                return d, "permutation"
        if word in known:
            return None
        # one letter changed or two swapped, in a form long enough that this is unlikely to be
        # another abbreviation ("PSTD" for PTSD); a letter added or dropped ("VMAT" beside
        # "VMAT2", "ADH" beside "ADHD") and three-letter forms ("ACC" beside "ACR") are too often
        # a different abbreviation
        for short, d in defined.items():
            if len(short) >= 4 and len(word) == len(short) and short.isupper() and OSA.distance(short, word) == 1:
                return d, "edit"
        return None

    @staticmethod
    def _where(doc: AnalyzedDocument, d: Definition) -> str:
        line, _ = doc.document.position(d.block.block.source_span(d.start, d.end)[0])
        return f"on line {line}"

    @staticmethod
    def _fact(ctx: CheckContext, short: str):
        entries = ctx.facts.abbreviations_by_short.get(short)
        return ctx.fact("abbreviations", entries[0].id) if entries else None


def _mentioned_ids(doc: AnalyzedDocument, ctx: CheckContext) -> set[str]:
    """Classes and conditions the article names, and the classes of the drugs it names."""
    out: set[str] = set()
    for ab in doc.blocks:
        for m in ab.mentions:
            if m.kind == "condition":
                out.add(m.id)
            elif m.reading("class"):
                out.add(m.reading("class")[0])
            if m.reading("drug"):
                out |= ctx.facts.drug_class_ids(m.reading("drug")[0])
    return out


def _named_by_facts(entry, ctx: CheckContext) -> set[str]:
    """The classes and conditions an abbreviation is about, any of which, named in the article,
    makes a foreign form of it an untranslated abbreviation:

    - those whose names are its long forms ('FANS' is about NSAIDs: an article on ibuprofen);
    - the classes of a drug its long form names ('ASS', aspirin: an article on NSAIDs);
    - conditions beside the one it names, under the same broader condition ('IMA', myocardial
      infarction: an article on angina, both coronary artery disease);
    - the entry's own `topics` (BMI: obesity).
    """
    facts = ctx.facts
    memo = ctx.memo("abbreviation-topics", dict)
    if entry.id in memo:
        return memo[entry.id]
    expansions = {x.lower() for x in entry.expansions}
    expansions |= {x + "s" for x in expansions}
    out = {c.id for c in facts.classes.values() if expansions & {n.lower() for n in (c.name, *c.names)}}
    named_conditions = {c.id for c in facts.conditions.values()
                        if expansions & {n.lower() for n in (c.name, *c.names)}}
    out |= named_conditions
    for cond_id in named_conditions:
        parents = set(facts.conditions[cond_id].parents)
        out |= {c.id for c in facts.conditions.values() if parents & set(c.parents)}
    for d in facts.drugs.values():
        if expansions & {n.lower() for n in d.generic_names}:
            out |= facts.drug_class_ids(d.id)
    # a topic covers its narrower conditions and classes: cardiovascular disease, the angina article
    for topic in entry.topics:
        out |= {topic} | facts.class_descendants(topic) | facts.condition_descendants(topic)
    memo[entry.id] = out
    return out


def _initials_spell(short: str, long: str) -> bool:
    """Whether the initials of the long form's words (small words optional) spell the short form."""
    words = [w for w in re.split(r"[\s-]+", long.lower()) if w]
    letters = [c for c in short.lower() if c.isalpha()]

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return all(w in LEAD_WORDS for w in words[j:])
        if j == len(words):
            return False
        if words[j][0] == letters[i] and match(i + 1, j + 1):
            return True
        return words[j] in LEAD_WORDS and match(i, j + 1)

    return match(0, 0)


def _garbled(a: str, b: str) -> bool:
    """A word turned into a neighbour with the same start ('rate' for 'ratio', 'internal' for
    'international'), not a spelling or inflection of it (haemoglobin, infarct/infarction)."""
    if a[:3] != b[:3] or a.startswith(b) or b.startswith(a):
        return False
    simple = lambda w: w.replace("ae", "e").replace("oe", "e").replace("our", "or").replace("is", "iz")
    return simple(a) != simple(b)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _really_different(a: str, b: str) -> bool:
    """Two words that are not spellings of one another (haemoglobin/hemoglobin, infarct/infarction)."""
    if min(len(a), len(b)) <= 2:
        return a != b  # "creatinine-reactive protein": the C of C-reactive is no prefix of a spelling
    if OSA.distance(a, b) <= 2 or a.startswith(b) or b.startswith(a):
        return False
    return a[:6] != b[:6] or min(len(a), len(b)) < 6
