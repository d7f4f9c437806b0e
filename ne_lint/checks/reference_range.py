"""reference-range: a stated normal range or value that contradicts every cited range.

A sentence that names an analyte (norepinephrine, potassium, resting heart rate) and calls a
value normal, healthy, typical or a reference ("The normal range … is 70 to 1700 pg/mL") is
compared with the fact file's ranges for that analyte (and specimen, when the sentence names
one: plasma, serum, blood, urine). Ranges differ by laboratory, posture and method, so a stated
range is flagged only when it fits none of the cited ones — within a tolerance of a quarter of
the range's width — and the message says whether it would fit with another unit (pg/mL for
ng/mL, µg for mg), the commonest slip.
"""
from __future__ import annotations

import math
import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import FactRef, Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

# "usual", "typical", "standard" only of values: "the usual goal", "the usual dose" are not normal ranges
NORMAL_CUES = re.compile(r"\b(?:normal(?:ly)?|reference|healthy|(?:typical|usual|standard|expected)\s+(?:\w+\s+)?(?:range|ranges|"
                         r"values?|levels?|results?|readings?|concentrations?|amounts?)|desirable|optimal|"
                         r"ideal|acceptable|physiological|(?:people|persons?|adults?|individuals?|someone|children)\s+without\s+(?:diabetes|(?:\w+\s+)?disease|illness)|should\s+(?:stay|remain|be\s+kept|be)\s+(?:between|within|below|under))\b", re.I)
# "the target range is 10 to 20 mg/L", "trough levels of 10-20 mg/L": a drug's therapeutic range
THERAPEUTIC_CUES = re.compile(r"\b(?:(?:therapeutic|target)\s+(?:range|ranges|level|levels|concentrations?|window|values?)|"
                              r"troughs?|(?:blood|serum|plasma)\s+(?:level|levels|concentrations?))\b", re.I)
ABNORMAL_THRESHOLD = re.compile(
    r"\b(?:low|high|elevated|raised|abnormal|too\s+(?:low|high)|deficient|insufficient|dangerous)\s+"
    r"(?:if|when|whenever|once|below|under|above|over|from|at)\b", re.I)
NUMBER = r"(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
RANGE = re.compile(r"(?:between\s+|from\s+)?" + NUMBER + r"\s*%?\s*(?:to|-|–|—|and|until)\s*" + NUMBER)
# ages and age bands are not values: "for men under 50 is below 15", "(1 to 3 years)"
AGE_PHRASES = re.compile(
    r"\b(?:men|women|people|adults|children|patients|those|anyone|aged?|ages)\s+(?:(?:under|over|below|above|of|"
    r"between|older\s+than|younger\s+than)\s+)?\d+(?:\s*(?:-|–|to|and)\s*\d+)?(?:\s*(?:years?|yrs?))?"
    r"|\(\s*\d+\s*(?:-|–|to)\s*\d+\s*(?:years?|months?|weeks?|days?)[^)]*\)"
    r"|\b\d+\s*(?:-|–|to)\s*\d+\s*(?:years?|months?)\s+(?:old|of\s+age)\b", re.I)
UPPER = re.compile(r"(?:less\s+than|lower\s+than|below|under|up\s+to|at\s+most|no\s+more\s+than|not\s+(?:more|higher)\s+than|"
                   r"does\s+not\s+exceed|<|≤|<=)\s*" + NUMBER)
LOWER = re.compile(r"(?:more\s+than|greater\s+than|higher\s+than|above|over|at\s+least|>|≥|>=)\s*" + NUMBER)
SINGLE = re.compile(r"(?:about|around|approximately|roughly|is|of|=|:)\s*" + NUMBER)
PER_DAY = re.compile(r"^\s*(mg|µg|μg|mcg|ug|g|ng|nmol|µmol|μmol|umol|mmol)\s*(?:in|per|a|each|every|/)\s*"
                     r"(?:24\s*(?:hours?|hrs?|h)|day)\b", re.I)
BLOOD_PRESSURE = re.compile(r"\b(?:blood\s+pressure|BP)\b", re.I)
BP_VALUE = re.compile(r"(?:(?P<bound>below|under|less\s+than|lower\s+than|<|≤|up\s+to|about|around|of|is|:)\s*)?"
                      r"(?<![\d/])(?P<sys>\d{2,3})\s*/\s*(?P<dia>\d{2,3})(?![\d/])", re.I)
# "above 14/9 mmHg": centimetres of mercury, as Spanish, Italian and French write blood pressure
CM_HG_VALUE = re.compile(r"(?:(?P<bound>above|over|below|under|than|of|at|exceeds?|is|reaches|to)\s+)?"
                         r"(?<![\d/.,])(?P<sys>\d{1,2})\s*/\s*(?P<dia>\d{1,2})(?![\d/.,])"
                         r"(?P<unit>\s*(?:mm\s*Hg|mmHg|millimet(?:re|er)s?\s+of\s+mercury))?", re.I)
BP_DIFFERENCE_AFTER = re.compile(r"\s*(?:above|below|over|under|higher|lower|more|less|from|in\s+(?:systolic|average))\b", re.I)
BP_DIFFERENCE_BEFORE = re.compile(r"(?:\b(?:reduc\w*|lower\w*|drops?|falls?|rises?|increas\w*|decreas\w*|differ\w*|chang\w*|"
                                  r"by|fall\s+of|drop\s+of)\b[^.;]*)$", re.I)
SPECIMENS = {
    "plasma": {"plasma", "serum", "blood"}, "serum": {"plasma", "serum", "blood"},
    "blood": {"plasma", "serum", "blood"}, "urine": {"urine", "urine-24h"}, "urinary": {"urine", "urine-24h"},
}
TOLERANCE = 0.25
CONCENTRATIONS = {"mass-concentration", "molar-concentration", "iu-concentration", "equivalent-concentration"}
# a range cited for a special population applies only when the text speaks of that population
POPULATIONS = {
    "athletes": ("athlet",),
    "children": ("child", "infant", "newborn", "neonat", "toddler", "pediatric", "paediatric", "kids",
                 "baby", "babies", "adolescen", "teen", "boys", "girls"),
    "pregnancy": ("pregnan", "trimester"),
    "elderly": ("elderly", "older adult", "aged 65", "over 65", "over 70"),
}


# "0-5 days", "3-11 months", "6-10 years": an age band ending before adulthood
AGE_BAND = re.compile(r"(\d+)\s*(?:-|–|to)?\s*(\d+)?\s*(days?|d|weeks?|months?|mo|years?|y)\b")


def _pediatric_band(context: str) -> bool:
    """Whether a range's context names only ages below 18 (by days, months, or years)."""
    if re.search(r"\b(?:and\s+older|or\s+older|\+|over|adults?)\b", context):
        return False
    bands = AGE_BAND.findall(context)
    if not bands:
        return False
    for first, last, unit in bands:
        upper = int(last or first)
        if unit.startswith("y") and upper >= 18:
            return False
    return True


def _population_ok(context: str, text: str) -> bool:
    context, text = context.lower(), text.lower()
    if "adult" in context and "athlet" not in context:
        return True  # a general adult range, whatever else it covers
    if _pediatric_band(context) and not any(s in text for s in POPULATIONS["children"]):
        return False
    for stems in POPULATIONS.values():
        if any(s in context for s in stems) and not any(s in text for s in stems):
            return False
    return True


def _drug_levels(ab: AnalyzedBlock, sent, ctx: CheckContext) -> list[Mention]:
    """'For phenytoin the target range is 10 to 20 mmol/L': a drug named in a sentence about its
    therapeutic range stands for its blood level, when the fact file has one."""
    levels = ctx.memo("drug-level-analytes", lambda: _level_analytes(ctx.facts))
    out = []
    for m in ab.mentions:
        drug = m.reading("drug")
        if drug and sent.start <= m.start < sent.end and drug[0] in levels:
            out.append(Mention("analyte", levels[drug[0]], "analyte", m.start, m.end, m.start_char, m.end_char, m.text))
    return out


def _level_analytes(facts) -> dict[str, str]:
    """Drug id -> the analyte of its blood level ('phenytoin-level', 'vancomycin-trough')."""
    out = {}
    for analyte_id in facts.analytes:
        base, _, suffix = analyte_id.rpartition("-")
        if suffix in ("level", "trough") and base in facts.drugs:
            out.setdefault(base, analyte_id)
    return out


def _num(text: str) -> float:
    return float(re.sub(r"[,\u202f\u00a0 ]", "", text))


class ReferenceRangeCheck(Check):
    id = "reference-range"
    severity = "error"
    summary = "A stated normal range or value that fits none of the cited reference ranges, or has the wrong unit."
    doc = """\
## What it does
Finds statements of a normal value — "the normal range for plasma norepinephrine is 70 to
1,700 pg/mL", "a normal resting heart rate is 60 to 100 beats per minute", "normal potassium
is below 5.0 mmol/L" — and compares them with every cited range in the fact file for that
analyte (and specimen). It flags a statement only when it fits none of them, and says when the
numbers would fit another unit (ng/mL written for pg/mL, mg for µg per 24 hours).

## Why is this bad?
A reader compares their lab report with the article; a range off by a factor of a thousand
turns a normal result into an alarming one, or hides a tumour marker.

## Example
```
The normal range for norepinephrine in blood is 70 to 1700 ng/mL.
```

## How to fix
Use the range and unit of a cited source (70–1,700 pg/mL), and say that ranges vary by
laboratory.
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        facts = ctx.facts
        if not facts.ranges:
            return
        for ab in doc.blocks:
            analytes = ab.extra.get("analyte", [])
            previous: list[Mention] = []  # the analytes of the block's last sentence that named any
            for sent in ab.sentences():
                sent_text = ab.block.text[sent.start_char:sent.end_char]  # Span.text rebuilds it per token
                in_sent = [a for a in analytes if sent.start <= a.start < sent.end]
                if not in_sent:
                    levels = _drug_levels(ab, sent, ctx)  # cheap: the sentence's drug mentions
                    if levels and self._therapeutic_context(doc, ab, sent_text):
                        in_sent = levels
                if not in_sent:
                    if not self._normal_context(doc, ab, sent_text):
                        continue
                    # "Dopamine can be measured in urine. In adults, the normal values are 65 to
                    # 400 µg in 24 hours": the value of the one analyte just named
                    if len({a.id for a in previous}) == 1:
                        a = previous[0]
                        here = Mention(a.kind, a.id, a.role, sent.start, sent.start, sent.start_char,
                                       sent.start_char, "")
                        yield from self._sentence(ab, sent, [here], ctx)
                    else:
                        # "a normal weight is a value between 18.5 and 29.9 kg/m2": a unit that
                        # only one analyte's ranges use names the analyte
                        owner = self._unit_owner(ab, sent, ctx)
                        if owner:
                            here = Mention("analyte", owner, "analyte", sent.start, sent.start,
                                           sent.start_char, sent.start_char, "")
                            yield from self._sentence(ab, sent, [here], ctx)
                    continue
                previous = in_sent
                if self._normal_context(doc, ab, sent_text):
                    yield from self._sentence(ab, sent, in_sent, ctx)
                elif self._therapeutic_context(doc, ab, sent_text):
                    # "the target range is ...": a cue for drug levels only, not for every analyte
                    levels = set(ctx.memo("drug-level-analytes", lambda: _level_analytes(ctx.facts)).values())
                    yield from self._sentence(ab, sent, [a for a in in_sent if a.id in levels], ctx)

        for ab in doc.blocks:
            for sent in ab.sentences():
                sent_text = ab.block.text[sent.start_char:sent.end_char]
                if BLOOD_PRESSURE.search(sent_text):
                    yield from self._centimetres_of_mercury(ab, sent, ctx)
                    if self._normal_context(doc, ab, sent_text):
                        yield from self._blood_pressure(ab, sent, ctx)

    def _centimetres_of_mercury(self, ab: AnalyzedBlock, sent, ctx: CheckContext) -> Iterable[Finding]:
        """'the dose is reviewed if blood pressure is above 14/9 mmHg': 140/90 in centimetres of
        mercury, the way Spanish, Italian and French speak of blood pressure, left as it was.

        Any sentence about blood pressure, normal-range cue or not: no blood pressure is 14/9 mmHg.
        The pair needs a unit in mmHg or a comparison before it, so '24/7 monitoring' stays quiet."""
        text = ab.block.text
        for m in CM_HG_VALUE.finditer(text, sent.start_char, sent.end_char):
            sys_, dia = int(m.group("sys")), int(m.group("dia"))
            if not (m.group("unit") or m.group("bound")) or not (8 <= sys_ <= 25 and 4 <= dia <= 16 and sys_ > dia):
                continue
            if BP_DIFFERENCE_AFTER.match(text, m.end()) or BP_DIFFERENCE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "more than 20/10 mmHg above target", "lowers it by 10/5 mmHg": a difference
            start = m.start("sys")
            end = m.end("unit") if m.group("unit") else m.end("dia")
            ref = next((r for r in ctx.facts.ranges.values() if r.analyte == "systolic-blood-pressure"), None)
            yield self.finding(
                ab, start, end,
                f"'{text[start:end]}' is no blood pressure in mmHg: the numbers are centimetres of mercury, "
                f"as Spanish, Italian and French write them ({sys_ * 10}/{dia * 10} mmHg)",
                suggestion=f"write {sys_ * 10}/{dia * 10} mmHg", fix=f"{sys_ * 10}/{dia * 10} mmHg",
                fact=FactRef(ref.id, "ranges", list(ref.sources)) if ref else None)

    @staticmethod
    def _unit_owner(ab: AnalyzedBlock, sent, ctx: CheckContext) -> str | None:
        """The one analyte whose cited ranges use the sentence's unit (kg/m2: BMI), if any."""
        owners = ctx.memo("reference-range-unit-owners", lambda: _unit_owners(ctx.facts))
        found = {owners.get(u.id) for u in ab.extra.get("unit", []) if sent.start <= u.start < sent.end}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _therapeutic_context(doc: AnalyzedDocument, ab: AnalyzedBlock, sentence: str) -> bool:
        """A therapeutic-range cue in the sentence or, for a list item, in the list's intro or
        another item ("- For valproate the target range is 50 to 100 mg/L. - For carbamazepine
        it is 4 to 12 g/L.")."""
        if THERAPEUTIC_CUES.search(sentence):
            return True
        if ab.block.kind != "list_item":
            return False
        intro = doc.by_index(ab.block.list_intro)
        if intro and THERAPEUTIC_CUES.search(intro.block.text):
            return True
        return ab.block.list_id is not None and any(
            THERAPEUTIC_CUES.search(b.block.text) for b in doc.list_items(ab.block.list_id))

    @staticmethod
    def _normal_context(doc: AnalyzedDocument, ab: AnalyzedBlock, sentence: str) -> bool:
        """A normal-range cue in the sentence, or for a list item in the list's intro."""
        if NORMAL_CUES.search(sentence):
            return True
        intro = doc.by_index(ab.block.list_intro) if ab.block.kind == "list_item" else None
        return bool(intro and NORMAL_CUES.search(intro.block.text))

    def _blood_pressure(self, ab: AnalyzedBlock, sent, ctx: CheckContext) -> Iterable[Finding]:
        """'Normal blood pressure is below 120/80 mmHg': systolic and diastolic, each against its ranges."""
        facts = ctx.facts
        text = ab.block.text
        s0 = sent.start_char
        units = [u for u in ab.extra.get("unit", []) if sent.start <= u.start < sent.end]
        for m in BP_VALUE.finditer(text[s0:sent.end_char]):
            start, end = s0 + m.start("sys"), s0 + m.end("dia")
            unit = _unit_after(units, end, text)
            unit_obj = facts.units.get(unit.id) if unit else None
            if unit_obj is not None and unit_obj.dimension != "pressure":
                continue
            bound = (m.group("bound") or "").lower()
            upper = bound in ("below", "under", "<", "≤", "up to") or bound.startswith(("less", "lower"))
            verdicts = []
            for analyte_id, value in (("systolic-blood-pressure", float(m.group("sys"))),
                                      ("diastolic-blood-pressure", float(m.group("dia")))):
                ranges = [r for r in facts.ranges.values() if r.analyte == analyte_id and _population_ok(r.context, text)]
                if not ranges:
                    continue
                stated = (None, value) if upper else (value, value)
                v = _compare(facts, ranges, stated, unit_obj, analyte_id)
                if v:
                    verdicts.append(v)
            if not verdicts:
                continue
            kind, detail, ref = verdicts[0]
            span_end = unit.end_char if unit else end
            shown = text[start:span_end]
            cited_unit = facts.units[ref.unit].symbol if ref.unit in facts.units else ref.unit
            if kind == "unit":
                message = f"blood pressure '{shown}': the numbers fit {detail}, not the unit written"
            else:
                message = f"'{shown}' is not a normal blood pressure in any cited range"
            yield self.finding(ab, start, span_end, message,
                               suggestion=f"normal adult blood pressure is below 120/80 {cited_unit}",
                               fact=FactRef(ref.id, "ranges", list(ref.sources)))

    def _sentence(self, ab: AnalyzedBlock, sent, analytes: list[Mention], ctx: CheckContext) -> Iterable[Finding]:
        facts = ctx.facts
        text = ab.block.text
        s0, s1 = sent.start_char, sent.end_char
        stext = text[s0:s1]
        if ABNORMAL_THRESHOLD.search(stext):
            return  # "HDL is low if it is below 40 mg/dL": a threshold for abnormal, not a normal range
        units = [u for u in ab.extra.get("unit", []) if sent.start <= u.start < sent.end]
        specimen = None
        for word, group in SPECIMENS.items():
            if re.search(r"\b" + word + r"\b", stext, re.I):
                specimen = group
                break
        for analyte in analytes:
            ranges = [r for r in facts.ranges.values() if r.analyte == analyte.id
                      and (specimen is None or r.specimen in specimen or r.specimen == "vital")
                      and _population_ok(r.context, text)]
            if not ranges:
                continue
            after = stext[analyte.end_char - s0:]
            later = [a for a in analytes if a.start_char > analyte.start_char]
            if later:  # "a pulse oximeter ... oxygen saturation is 95 to 100%": the value is the later one's
                after = after[:later[0].start_char - analyte.end_char]
            value = self._value(after)
            if value is None:
                continue
            lo, hi, m_start, m_end = value
            # "65 to 400 mg in 24 hours" before "mg": a bare mass unit is a dose, not a lab value
            unit = _per_day_unit(facts, text, analyte.end_char + m_end) or _unit_after(units, analyte.end_char + m_end, text)
            stated = (lo, hi)
            unit_obj = facts.units.get(unit.id) if unit else None
            verdict = _compare(facts, ranges, stated, unit_obj, analyte.id)
            if verdict is None:
                continue
            kind, detail, ref = verdict
            span_start = analyte.end_char + m_start
            span_end = unit.end_char if unit and unit.start_char >= span_start else analyte.end_char + m_end
            shown = text[span_start:span_end].strip()
            rng_unit = facts.units[ref.unit].symbol if ref.unit in facts.units else ref.unit
            cited = f"{_fmt(ref.low)}–{_fmt(ref.high)} {rng_unit} ({ref.specimen}{', ' + ref.context if ref.context else ''})"
            name = facts.analytes[analyte.id].display
            if kind == "unit":
                message = f"'{shown}' for {name}: the numbers fit {detail}, not the unit written; cited range {cited}"
            else:
                message = f"'{shown}' is not a normal {name} value in any cited range; e.g. {cited}"
            yield self.finding(ab, span_start, span_end, message,
                               suggestion=f"use a cited range and unit, e.g. {cited}",
                               fact=FactRef(ref.id, "ranges", list(ref.sources)))

    @staticmethod
    def _value(after: str) -> tuple[float | None, float | None, int, int] | None:
        """The first stated value after the analyte: a range, an upper or lower bound, or one number."""
        window = AGE_PHRASES.sub(lambda m: " " * len(m.group(0)), after[:160])
        best = None
        for rx, kind in ((RANGE, "range"), (UPPER, "upper"), (LOWER, "lower"), (SINGLE, "single")):
            m = rx.search(window)
            # ranked by where the number starts: "is 135 to 145" is a range, not "is 135"
            if m and (best is None or m.start(1) < best[0].start(1)):
                best = (m, kind)
        if best is None:
            return None
        m, kind = best
        # a number glued to a year, an age or a percentage of people is not a lab value
        tail = window[m.end():m.end() + 12].lower()
        if re.match(r"\s*(?:years?|yrs?|percent|%\s+of|people|patients|times|hours? after|minutes? after)\b", tail):
            return None
        # "48 mmol/mol or above": a diagnostic threshold, not a statement of the normal range
        if re.match(r"^\s*(?:[^\s\d.,;]+\s*){0,3}(?:\([^)]*\)\s*)?or\s+(?:above|more|higher|greater|over|below|less|lower|under)\b",
                    window[m.end():m.end() + 60].lower()):
            return None
        if kind == "range":
            lo, hi = _num(m.group(1)), _num(m.group(2))
            if lo > hi:
                return None
            return lo, hi, m.start(1), m.end(2)
        value = _num(m.group(1))
        if kind == "upper":
            return None, value, m.start(1), m.end(1)
        if kind == "lower":
            return value, None, m.start(1), m.end(1)
        return value, value, m.start(1), m.end(1)


def _unit_after(units: list[Mention], position: int, text: str) -> Mention | None:
    for u in units:
        if u.start_char >= position and u.start_char - position <= 40:
            gap = text[position:u.start_char]
            if not re.search(r"[.;]|\d", gap.replace(",", "")):
                return u
    return None


def _per_day_unit(facts, text: str, position: int) -> Mention | None:
    """'65 to 400 mg in 24 hours': a mass or amount per day written in words."""
    m = PER_DAY.match(text[position:])
    if not m:
        return None
    prefix = m.group(1).lower().replace("mcg", "µg").replace("ug", "µg").replace("μ", "µ")
    wanted = {f"{prefix}/24 h", f"{prefix}/24h", f"{prefix}/day"}
    for unit in facts.units.values():
        if any(n.lower().replace("μ", "µ") in wanted for n in (unit.symbol, *unit.names)):
            return Mention("unit", unit.id, "unit", -1, -1, position + m.start(1), position + m.end(), m.group(0).strip())
    return None


def _unit_owners(facts) -> dict[str, str]:
    """unit id → analyte id, for the units that the ranges of only one analyte use."""
    users: dict[str, set[str]] = {}
    for r in facts.ranges.values():
        users.setdefault(r.unit, set()).add(r.analyte)
    return {unit: next(iter(a)) for unit, a in users.items() if len(a) == 1}


def _fits(stated, r) -> bool:
    """Whether a stated value or range (low, high; either may be None) fits the cited range `r`,
    within its tolerance."""
    low, high = r.low, r.high
    share = TOLERANCE if r.tolerance is None else r.tolerance
    lo, hi = stated
    if low == 0 and hi is not None and hi < high * 0.2:
        return False  # "normal is below 140": 0.07 to 0.11 is not a normal value but a unit slip
    width = max(high - low, abs(high) * 0.1, 1e-12)
    tol = share * width
    if lo is not None and hi is not None and lo == hi:  # a single typical value
        return low - tol <= lo <= high + tol
    ok = True
    if lo is not None:
        # a lower limit ("normal is above 3.5") names the range's bottom: at most twice it
        ceiling = min(high, max(low * 2, low + tol)) if hi is None and low > 0 else high
        ok &= (low - max(tol, low * share)) <= lo <= ceiling
    if hi is not None:
        # an upper limit ("normal is below 2") names the range's top, not any number under it
        floor = max(low, high * 0.5) if lo is None else low
        ok &= floor <= hi <= high + max(tol, high * share)
    return ok


def _convert(value, unit, target, analyte) -> float | None:
    if value is None:
        return None
    if unit.dimension == target.dimension:
        return value * unit.factor / target.factor
    mm = getattr(analyte, "molar_mass", None)
    if not mm:
        return None
    pairs = {("mass-concentration", "molar-concentration"): 1 / mm, ("molar-concentration", "mass-concentration"): mm,
             ("mass-per-day", "molar-per-day"): 1 / mm, ("molar-per-day", "mass-per-day"): mm}
    k = pairs.get((unit.dimension, target.dimension))
    if k is None:
        return None
    return value * unit.factor * k / target.factor


def _compare(facts, ranges, stated, unit, analyte_id):
    """None when the stated value fits a cited range; else ('range'|'unit', detail, range)."""
    analyte = facts.analytes.get(analyte_id)
    comparable = []
    for r in ranges:
        target = facts.units.get(r.unit)
        if target is None:
            continue
        if unit is None:
            conv = stated  # no unit written: read the numbers in the range's own unit
        else:
            conv = tuple(_convert(v, unit, target, analyte) for v in stated)
            if any(v is None for v, s in zip(conv, stated) if s is not None):
                continue
        comparable.append((r, target, conv))
        if _fits(conv, r):
            return None
    if not comparable:
        # a unit of another kind altogether (mg/L for TSH, which is counted in mIU/L): a slip
        # when the numbers fit a cited range as written
        for r in ranges:
            target = facts.units.get(r.unit)
            if (unit is not None and target is not None and target.dimension != unit.dimension
                    and ({unit.dimension, target.dimension} <= CONCENTRATIONS
                         or target.dimension == "pressure" and unit.dimension in CONCENTRATIONS)
                    and _fits(stated, r)):
                # (a pressure written in mmol/L, "intraocular pressure between 10 and 21 mmol/L", is the
                # same slip; a concentration's analyte beside "65 mmHg" is a MAP target, not a level)
                return ("unit", target.symbol, r)
        return None
    if unit is None:
        # without a unit, only flag numbers that fit no range in any of its units
        return ("range", "", comparable[0][0])
    # the numbers as written fit a cited range in its own unit: the unit is the slip (mg/dL for mmol/L)
    for r, target, conv in comparable:
        if target.id != unit.id and _fits(stated, r):
            return ("unit", target.symbol, r)
    for r, target, conv in comparable:
        for k in (-9, -6, -3, 3, 6, 9, -1, 1, -2, 2):
            scaled = tuple(v * 10 ** k if v is not None else None for v in conv)
            if _fits(scaled, r):
                # name the unit that the numbers fit
                symbol = _unit_with_factor(facts, unit, k)
                if symbol is None and abs(k) < 3:
                    continue  # a factor of 10 or 100 with no unit to match is a wrong number, not a unit slip
                return ("unit", symbol or f"a unit 10^{-k} times {'larger' if k > 0 else 'smaller'}", r)
    best = min(comparable, key=lambda c: _distance(c[2], c[0]))
    return ("range", "", best[0])


def _unit_with_factor(facts, unit, k) -> str | None:
    """The symbol of a unit of the same dimension whose size differs by 10^k."""
    want = unit.factor * 10 ** k
    same = [u for u in facts.units.values() if u.dimension == unit.dimension and math.isclose(u.factor, want, rel_tol=1e-6)]
    # g/L rather than mg/mL for a slip in mg/L: keep the written denominator
    denominator = unit.symbol.split("/", 1)[-1]
    same.sort(key=lambda u: u.symbol.split("/", 1)[-1] != denominator)
    return same[0].symbol if same else None


def _distance(conv, r) -> float:
    vals = [v for v in conv if v is not None]
    mid = (r.low + r.high) / 2 or 1
    return sum(abs(v - mid) / abs(mid) for v in vals)


def _fmt(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:g}"
