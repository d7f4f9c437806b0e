"""dose-unit: a dose written in the wrong unit — grams for milligrams, milligrams for micrograms.

Machine translation and hurried editing keep the numbers and lose the unit: "lorazepam 0.5 to
1 g", "start topiramate at 25 g", "levothyroxine 12.5 to 25 mg", "melatonin 2 mcg". Each is a
thousand times off, and each can kill or do nothing. The fact file's `doses` section gives each
drug its usual dose span (smallest single dose to largest daily dose, every population, route
and form); this check reads a dose next to a drug name and flags it only when it lies far
outside that span *and* the same numbers fit the span in a unit a thousand (or a million)
times larger or smaller. A dose that is merely unusual is left to the editor: doses legitimately
vary, a unit slip does not.

Weight-, area- and volume-based quantities ("mg/kg", "mcg/kg/min", "mg/m2", "mg/mL") are not
doses in this sense and are skipped.

`dose-unit.schedule`: a dose span the fact file marks `schedule: weekly` (low-dose methotrexate)
written with "per day", "daily" or "a day" after it — the weekly dose taken every day, a known
fatal error.

Infusion rates per kilogram per minute ("norepinephrine 0.05 to 0.5 mg/kg/min") are compared
with the fact file's `rate: per-kg-per-minute` spans (rules/infusion_rates.yaml) the same way:
only a rate a thousand times off that fits in the other unit is flagged.

`dose-unit.high` (a warning): a dose more than three times the largest daily dose of every span
the drug has, with no unit that would make it fit — a digit slip ("rasagiline 10 mg", "1,000 mg
of doxycycline"). Sentences about overdose, totals over a course, or weekly, monthly or depot
doses are left alone: those amounts are meant to be large.
"""
from __future__ import annotations

import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import FactRef, Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

NUMBER = r"\d+(?:[.,]\d+)?"
MASS_WORDS = r"(?:mg|g|gr|mcg|µg|μg|ug|ng|milligrams?|micrograms?|grams?|grammes?|nanograms?)"
# a quantity: "0.5 to 1 g", "25 mg", "2,5 mg", "12.5-25 micrograms"
QUANTITY = re.compile(r"(?<![\w.,])(?P<lo>" + NUMBER + r")(?:\s*(?:-|–|—|to|and|or)\s*(?P<hi>" + NUMBER + r"))?"
                      r"\s*(?P<unit>" + MASS_WORDS + r")(?![\w/])", re.I)
# what turns a mass into a concentration, a weight-based or per-minute rate, or a unit's content
# (a per-hour amount stays a dose: patches and infusions are labelled so, "12-100 mcg/h")
PER_SOMETHING = re.compile(r"\s*(?:/|per\s+|a\s+|each\s+)(?:k(?:ilo)?g|kilogram|kilo\b|m2|m²|square|m\b|ml|millilit|l\b|lit|dl|"
                           r"decilit|min|minute|tablet|capsule|dose\s+of\s+body|puff|actuation|spray|drop|"
                           r"patch|sachet|vial|ampoule|ampule|unit|serving)", re.I)
# "/kg/min", "per kilo per minute", "/kg per minute": an infusion rate by body weight
PER_KG_MINUTE = re.compile(r"\s*(?:/|per\s+|a\s+)\s*(?:kg|kilo(?:gram)?s?|kilogrammes?)(?:\s+of\s+body\s+weight)?"
                           r"\s*(?:/|per\s+|a\s+|each\s+)\s*(?:min(?:ute)?s?)\b", re.I)
RATE = re.compile(r"(?<![\w.,])(?P<lo>" + NUMBER + r")(?:\s*(?:-|–|—|to|and|or)\s*(?P<hi>" + NUMBER + r"))?"
                  r"\s*(?P<unit>" + MASS_WORDS + r")" + PER_KG_MINUTE.pattern, re.I)
SYMBOLS = {"mg": "mg", "g": "g", "gr": "g", "mcg": "mcg", "µg": "µg", "μg": "µg", "ug": "µg", "ng": "ng",
           "milligram": "mg", "milligrams": "mg", "microgram": "mcg", "micrograms": "mcg", "gram": "g",
           "grams": "g", "gramme": "g", "grammes": "g", "nanogram": "ng", "nanograms": "ng"}
# "5 g of testosterone gel", "a 30 g tube of hydrocortisone cream": the weight of a preparation,
# not of the drug in it
PREPARATIONS = re.compile(r"\b(?:gels?|creams?|ointments?|lotions?|foams?|pastes?|tubes?|jars?|pumps?|sachets?|"
                          r"powders?|granules|pack|packs|bottles?|box|boxes|emulsions?)\b", re.I)
DOSE_WORDS = re.compile(r"\b(?:doses?|dosage|dosing|start(?:s|ed)?\s+(?:with|at|on)|take[sn]?|given|prescribed)\b", re.I)
# amounts that are meant to be large: an overdose, a total over a course, a weekly or monthly dose
OVERDOSE = re.compile(r"\b(?:overdos\w*|toxic\w*|poison\w*|lethal|fatal|ingest\w*)\b", re.I)
NOT_A_DAILY_DOSE = re.compile(r"\b(?:cumulative|total|in\s+all|course|week\w*|month\w*|year\w*|loading|bolus|"
                              r"single\s+dose|once\s+only|depot|injection\s+every|every\s+\d+\s+(?:weeks|months))\b", re.I)
# "a maximum of 40 mg", "do not exceed 300 mg", "no more than 4 g": the largest dose, as stated
MAXIMUM = re.compile(r"\b(?:max(?:imum|\.)?(?:\s+(?:daily\s+)?dose)?(?:\s+(?:is|of))?|(?:do|must|should)\s+not\s+exceed|"
                     r"not\s+(?:to\s+)?exceed|no\s+more\s+than|not\s+more\s+than|at\s+most)\s*$", re.I)
MAXIMUM_FACTOR = 1.4  # a stated maximum 40% above the fact's largest daily dose: no population allows it
# a sentence that is about a dose: the only drug it names owns its amounts
DOSE_SENTENCE = re.compile(r"\b(?:doses?|dosage|start(?:s|ed)?\s+(?:with|at|on)|increas\w*\s+(?:to|up\s+to)|"
                           r"max(?:imum)?|gives?|given|take[sn]?)\b", re.I)
FINE_FACTOR = 3.0  # within three times the span's ends: an unusual dose, not a slip
MAX_GAP_TOKENS = 10  # a dose belongs to the drug named at most this many tokens before it


def _number(text: str) -> float:
    """'2,5' is 2.5 (a decimal comma, as translated text writes); '1,000' is a thousand."""
    if "," in text:
        whole, frac = text.split(",", 1)
        return float(whole + frac) if len(frac) == 3 else float(whole + "." + frac)
    return float(text)


DAILY = re.compile(r"\s*(?:,\s*)?(?:per\s+day|a\s+day|/\s*day|daily|every\s+day|each\s+day|once\s+a\s+day|"
                   r"once\s+daily|twice\s+a\s+day|twice\s+daily|a\s+d[ií]a|al\s+d[ií]a)\b", re.I)


class DoseUnitCheck(Check):
    id = "dose-unit"
    codes = ("dose-unit.schedule", "dose-unit.high")
    severity = "error"
    summary = "A dose whose unit is a thousand times off (g for mg, mg for micrograms)."
    doc = """\
## What it does
Reads doses written beside a drug name ("lorazepam 0.5 to 1 g", "25 mg of topiramate",
"levothyroxine is started at 12.5 to 25 mg") and compares them with the drug's usual dose span
in the fact file. It flags a dose only when it is far outside that span and the same numbers
fit in a unit a thousand times larger or smaller — the signature of a unit slip. Doses per
kilogram, per square metre, per millilitre or per minute are not read. `dose-unit.schedule`
flags a weekly-only dose (low-dose methotrexate, 7.5–25 mg) written as a daily one.
`dose-unit.high` warns of a dose over three times the drug's largest usual daily dose that no
unit change explains (a digit slip: "rasagiline 10 mg once a day"; the span is 0.5–1 mg).

## Why is this bad?
A unit slip multiplies a dose by a thousand. A reader who takes "1 g of lorazepam" at its word,
or a carer who measures "2 mcg" of melatonin, is harmed or helped not at all.

## Example
```
The usual dose of lorazepam for anxiety is 0.5 to 1 g two or three times a day.
```

## How to fix
Write the unit of the source (0.5 to 1 mg). The message names the unit in which the numbers
fit the drug's usual doses, and the fact's source.
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        facts = ctx.facts
        if not facts.doses:
            return
        previous: list[Mention] = []  # dosed drugs of the last sentence that named any
        for ab in doc.blocks:
            text = ab.block.text
            # a name inside a hyphenated compound ("N-methyl-D-adrenaline") is no drug being dosed
            drugs = [m for m in ab.mentions if m.reading("drug") and facts.doses_of(m.reading("drug")[0])
                     and not (m.start_char and text[m.start_char - 1] == "-")]
            if ab.block.kind == "heading":
                previous = drugs
                continue
            named = [m for m in ab.mentions if m.reading("drug")]
            for sent in ab.sentences():
                in_sent = [d for d in drugs if sent.start <= d.start < sent.end]
                if not in_sent and any(sent.start <= m.start < sent.end for m in named):
                    previous = []  # "Moclobemide is taken at 3 to 6 g": a drug without dose facts owns it
                    continue
                quantities = [q for q in QUANTITY.finditer(text, sent.start_char, sent.end_char)
                              if not PER_SOMETHING.match(text, q.end())]
                if in_sent:
                    yield from self._rates(ab, RATE.finditer(text, sent.start_char, sent.end_char),
                                           lambda q: self._drug_for(ab, in_sent, q), ctx)
                if not in_sent:
                    # "Levothyroxine replaces the hormone. The doctor starts with a dose of 12.5 to
                    # 25 mg": a dose sentence after one that named a single drug
                    ids = {m.reading("drug")[0] for m in previous}
                    if len(ids) == 1 and DOSE_WORDS.search(ab.block.text[sent.start_char:sent.end_char]):
                        yield from self._rates(ab, RATE.finditer(text, sent.start_char, sent.end_char),
                                               lambda q: previous[0], ctx)
                        for q in quantities:
                            if not _preparation_weight(text, q, None):
                                yield from self._judge(ab, previous[0], q, ctx)
                    elif 1 < len(ids) <= 3 and DOSE_WORDS.search(ab.block.text[sent.start_char:sent.end_char]):
                        # "Lisdexamfetamine becomes dextroamphetamine. The usual dose is 30 to 70 g":
                        # a slip only if the dose fits none of the drugs just named
                        one_each = list({m.reading("drug")[0]: m for m in previous}.values())
                        for q in quantities:
                            if _preparation_weight(text, q, None) or any(self._plausible(ab, m, q, ctx) for m in one_each):
                                continue
                            yield from next((f for f in (list(self._judge(ab, m, q, ctx)) for m in one_each) if f), [])
                    continue
                previous = in_sent
                for q in quantities:
                    drug = self._drug_for(ab, in_sent, q)
                    if drug is None or _preparation_weight(text, q, drug):
                        continue
                    findings = list(self._judge(ab, drug, q, ctx))
                    partner = _pair_partner(ab, in_sent, drug)
                    if findings and partner is not None and not list(self._judge(ab, partner, q, ctx)):
                        # "Zyban (varenicline) ... 150 mg": a brand paired with the wrong generic;
                        # the dose fits the brand's drug, and brand-generic reports the pairing
                        continue
                    yield from findings

    @staticmethod
    def _drug_for(ab: AnalyzedBlock, drugs: list[Mention], q: re.Match) -> Mention | None:
        """The drug a dose belongs to: the nearest one named before it ('X 25 mg', 'X is started at
        25 mg'), or right after it ('25 mg of X'), with no other drug in between; or, in a dose
        sentence about one drug, that drug however far ('Bisoprolol, for example, is started at
        1.25 mg and can be increased up to a maximum of 100 mg per day')."""
        before = [d for d in drugs if d.end_char <= q.start()]
        if before:
            d = before[-1]
            gap_tokens = [t for t in ab.doc if d.end_char <= t.idx < q.start()]
            if not any(t.text in (";", ":") for t in gap_tokens):
                if len(gap_tokens) <= MAX_GAP_TOKENS:
                    return d
                sent = ab.doc[d.start].sent
                one_drug = len({m.reading("drug")[0] for m in drugs if sent.start <= m.start < sent.end}) == 1
                if one_drug and q.start() < sent.end_char and DOSE_SENTENCE.search(
                        ab.block.text, sent.start_char, sent.end_char):
                    return d
        after = [d for d in drugs if d.start_char >= q.end()]
        if after and re.fullmatch(r"\s*(?:of|de)\s+(?:the\s+)?", ab.block.text[q.end():after[0].start_char]):
            return after[0]
        return None

    def _judge(self, ab: AnalyzedBlock, drug: Mention, q: re.Match, ctx: CheckContext) -> Iterable[Finding]:
        facts = ctx.facts
        drug_id = drug.reading("drug")[0]
        written = SYMBOLS.get(q.group("unit").lower(), SYMBOLS.get(q.group("unit")))
        unit = _unit_by_symbol(facts, written)
        if unit is None:
            return
        values = [_number(q.group("lo"))] + ([_number(q.group("hi"))] if q.group("hi") else [])
        yield from self._schedule(ab, drug_id, q, unit, values, ctx)
        stated_maximum = bool(MAXIMUM.search(ab.block.text, max(0, q.start() - 30), q.start()))
        verdicts = []
        for dose in _amounts(facts, drug_id, _sentence_of(ab, q)):
            conv = _in_dose_unit(facts, dose, unit, values)
            if conv is None:
                continue
            target = facts.units[dose.unit]
            if all(dose.low / FINE_FACTOR <= v <= dose.high * FINE_FACTOR for v in conv):
                if stated_maximum and all(v > dose.high * MAXIMUM_FACTOR for v in conv):
                    continue  # "up to a maximum of 40 mg per day" of a drug whose largest dose is 28 mg
                return  # a plausible dose for some route or population
            for k in (3, -3, 6, -6):
                scaled = [v * 10 ** k for v in conv]
                if all(dose.low <= v <= dose.high for v in scaled):
                    verdicts.append((dose, target, k))
                    break
        if not verdicts:
            yield from self._too_high(ab, drug_id, q, unit, values, ctx)
            return
        dose, target, k = verdicts[0]
        right = _unit_with_factor(facts, unit, k)
        name = facts.drug_display(drug_id)
        shown = q.group(0)
        span = f"{dose.low:g}–{dose.high:g} {target.symbol}"
        times = f"{10 ** abs(k):,}"
        direction = "more" if k < 0 else "less"
        message = (f"'{shown}' of {name} is {times} times {direction} than its usual doses ({span}"
                   f"{', ' + dose.route if dose.route else ''}): the unit looks wrong"
                   + (f"; did you mean {right.symbol}?" if right else ""))
        # no automatic fix: the number may be the slip rather than the unit
        yield self.finding(ab, q.start(), q.end(), message,
                           suggestion=f"check the source and write the dose in {right.symbol if right else target.symbol}",
                           fact=FactRef(dose.id, "doses", list(dose.sources)))


    def _rates(self, ab: AnalyzedBlock, quantities, drug_for, ctx: CheckContext) -> Iterable[Finding]:
        """'norepinephrine 0.05 to 0.5 mg per kilo per minute': an infusion rate a thousand times
        off its usual rates (0.01-3 µg/kg/min) that fits them in the unit a thousand times smaller."""
        facts = ctx.facts
        for q in quantities:  # each match runs to the end of its "/kg/min"
            drug = drug_for(q)
            if drug is None:
                continue
            written = SYMBOLS.get(q.group("unit").lower(), SYMBOLS.get(q.group("unit")))
            unit = _unit_by_symbol(facts, written)
            rates = [d for d in facts.doses_of(drug.reading("drug")[0]) if d.rate == "per-kg-per-minute"]
            if unit is None or not rates:
                continue
            values = [_number(q.group("lo"))] + ([_number(q.group("hi"))] if q.group("hi") else [])
            for dose in rates:
                conv = _in_dose_unit(facts, dose, unit, values)
                if conv is None:
                    continue
                if all(dose.low / FINE_FACTOR <= v <= dose.high * FINE_FACTOR for v in conv):
                    break
                k = next((k for k in (3, -3) if all(dose.low <= v * 10 ** k <= dose.high for v in conv)), None)
                if k is None:
                    continue
                target = facts.units[dose.unit]
                right = _unit_with_factor(facts, unit, k)
                name = facts.drug_display(drug.reading("drug")[0])
                yield self.finding(
                    ab, q.start(), q.end(),
                    f"'{q.group(0)}' of {name} is 1,000 times "
                    f"{'more' if k < 0 else 'less'} than its usual infusion rates "
                    f"({dose.low:g}–{dose.high:g} {target.symbol}/kg/min): the unit looks wrong"
                    + (f"; did you mean {right.symbol}/kg/min?" if right else ""),
                    suggestion=f"check the source and write the rate in {right.symbol if right else target.symbol}/kg/min",
                    fact=FactRef(dose.id, "doses", list(dose.sources)))
                break

    @staticmethod
    def _plausible(ab: AnalyzedBlock, drug: Mention, q: re.Match, ctx: CheckContext) -> bool:
        """Whether a dose lies within reach of one of the drug's usual spans (or cannot be read)."""
        facts = ctx.facts
        unit = _unit_by_symbol(facts, SYMBOLS.get(q.group("unit").lower(), SYMBOLS.get(q.group("unit"))))
        if unit is None:
            return True
        values = [_number(q.group("lo"))] + ([_number(q.group("hi"))] if q.group("hi") else [])
        for dose in _amounts(facts, drug.reading("drug")[0], _sentence_of(ab, q)):
            conv = _in_dose_unit(facts, dose, unit, values)
            if conv is not None and all(dose.low / FINE_FACTOR <= v <= dose.high * FINE_FACTOR for v in conv):
                return True
        return False

    def _too_high(self, ab, drug_id, q, unit, values, ctx) -> Iterable[Finding]:
        """'rasagiline 10 mg once a day': more than three times the largest daily dose of every
        route and population, yet no unit slip — a number off by a factor of ten.

        Not when the sentence is about overdose, nor about a total over a course or a week unless
        the amount itself is written per day: those amounts are meant to be large."""
        context = _sentence_of(ab, q)
        if OVERDOSE.search(context) or NOT_A_DAILY_DOSE.search(context) and not DAILY.match(ab.block.text, q.end()):
            return  # "40 mg per day" is daily even in a sentence on weekly steps
        spans = [(dose, conv) for dose in _amounts(ctx.facts, drug_id, context)
                 if (conv := _in_dose_unit(ctx.facts, dose, unit, values)) is not None]
        # a stated maximum ("up to a maximum of 40 mg per day") is held to the largest dose itself
        factor = MAXIMUM_FACTOR if MAXIMUM.search(ab.block.text, max(0, q.start() - 30), q.start()) else FINE_FACTOR
        stated = "stated maximum" if factor == MAXIMUM_FACTOR else "dose"
        if not spans or not all(min(conv) > dose.high * factor for dose, conv in spans):
            return
        dose = max((d for d, _ in spans), key=lambda d: d.high * ctx.facts.units[d.unit].factor)
        target = ctx.facts.units[dose.unit]
        name = ctx.facts.drug_display(drug_id)
        yield self.finding(
            ab, q.start(), q.end(),
            (f"'{q.group(0)}' of {name} is more than {FINE_FACTOR:g} times its largest usual {'' if dose.route_cues else 'daily '}dose "
             f"({dose.high:g} {target.symbol}{', ' + dose.route if dose.route else ''}): a digit looks wrong"
             if stated == "dose" else
             f"'{q.group(0)}' as the maximum of {name} is well above its largest daily dose "
             f"({dose.high:g} {target.symbol}{', ' + dose.route if dose.route else ''})"),
            rule="dose-unit.high", severity="warning",
            suggestion=f"check the source: usual doses of {name} are {dose.low:g}–{dose.high:g} {target.symbol}",
            fact=FactRef(dose.id, "doses", list(dose.sources)))

    def _schedule(self, ab, drug_id, q, unit, values, ctx) -> Iterable[Finding]:
        """'methotrexate 7.5 to 25 mg per day': a weekly dose written as a daily one."""
        text = ab.block.text
        daily = DAILY.match(text, q.end())
        if not daily:
            return
        for dose in _amounts(ctx.facts, drug_id):
            conv = _in_dose_unit(ctx.facts, dose, unit, values) if dose.schedule == "weekly" else None
            if conv is not None and all(dose.low <= v <= dose.high for v in conv):
                name = ctx.facts.drug_display(drug_id)
                yield self.finding(
                    ab, q.start(), daily.end(),
                    f"{name} at {q.group(0)} is taken once a week, not every day "
                    f"({dose.note or 'weekly dosing'}): a daily dose of this size is a known fatal error",
                    rule="dose-unit.schedule", severity="error",
                    suggestion=f"write the dose as once weekly ({q.group(0)} once a week), as the source does",
                    fact=FactRef(dose.id, "doses", list(dose.sources)))
                return


def _amounts(facts, drug_id: str, context: str | None = None) -> list:
    """A drug's dose spans that are amounts (not infusion rates).

    A span with `route_cues` ("auto-injector", "EpiPen") is the only one that applies when its
    sentence names one of them: "3 mg of adrenaline" from an auto-injector is ten times its
    0.1-0.5 mg, though 3 mg fits the drug's span across every route."""
    spans = [d for d in facts.doses_of(drug_id) if not d.rate]
    if context:
        cued = [d for d in spans if d.route_cues and _names_cue(d.route_cues, context)]
        if cued:
            return cued
    return spans


def _names_cue(cues: list[str], text: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(c) + r"(?![\w-])", text, re.I) for c in cues)


def _sentence_of(ab: AnalyzedBlock, q: re.Match) -> str:
    sent = next((s for s in ab.sentences() if s.start_char <= q.start() < s.end_char), None)
    return ab.block.text[sent.start_char:sent.end_char] if sent is not None else ab.block.text


def _in_dose_unit(facts, dose, unit, values) -> list[float] | None:
    """The stated values in the unit of a dose span, or None when the units do not convert."""
    target = facts.units.get(dose.unit)
    if target is None or target.dimension != unit.dimension:
        return None
    return [v * unit.factor / target.factor for v in values]


def _pair_partner(ab: AnalyzedBlock, drugs: list[Mention], drug: Mention) -> Mention | None:
    """The other half of 'Brand (generic)' or 'generic (Brand)' around this drug mention."""
    text = ab.block.text
    for other in drugs:
        if other is drug:
            continue
        lo, hi = sorted((other, drug), key=lambda m: m.start_char)
        if re.fullmatch(r"\s*\(\s*", text[lo.end_char:hi.start_char]):
            return other
    return None


def _preparation_weight(text: str, q: re.Match, drug: Mention | None) -> bool:
    """A weight that belongs to something else: "15 grams of fast sugar", or, in grams, a gel,
    cream, tube or sachet named around the dose."""
    of = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+)?([\w-]+)", text[q.end():])
    if of and (drug is None or not (drug.start_char >= q.end() and text[drug.start_char:].lower().startswith(of.group(1).lower()))):
        return True
    if q.group("unit").lower() not in ("g", "gr", "gram", "grams", "gramme", "grammes"):
        return False
    lo = min(q.start(), drug.start_char) if drug is not None else q.start()
    hi = max(q.end(), drug.end_char) if drug is not None else q.end()
    return bool(PREPARATIONS.search(text, max(0, lo - 25), min(len(text), hi + 25)))


def _unit_by_symbol(facts, symbol: str | None):
    if symbol is None:
        return None
    for u in facts.units.values():
        if u.dimension == "mass" and (u.symbol == symbol or symbol in u.names):
            return u
    return None


def _unit_with_factor(facts, unit, k: int):
    """The mass unit 10^k times the size of `unit`: the numbers as written fit in it."""
    want = unit.factor * 10 ** k
    for u in facts.units.values():
        if u.dimension == "mass" and abs(u.factor - want) <= want * 1e-6:
            return u
    return None
