#!/usr/bin/env python3
"""A deterministic corpus of made-up health articles for benchmarking ne-lint.

    python benchmarks/generate.py OUT_DIR [--articles 300] [--seed 1]
    python benchmarks/generate.py OUT_DIR --big [--big-format md] [--big-bytes 3200000]

Articles are Markdown, HTML and plain text (a third each, in turn), 300 to 3,000 words, built
from sentence templates over a vocabulary of real drug names, brands, classes, conditions and
laboratory ranges (pairings taken from ne-lint's fact file, so the clean sentences are right).
About one sentence in twenty-five carries an injected error of the kinds ne-lint is meant to
catch: a misspelled brand, a drug in the wrong class, a brand paired with the wrong generic, a
false indication, a normal range off by a power of ten, a space before punctuation, a repeated
word. A quarter of the articles have no injected error at all.

The same seed gives byte-identical files on any machine (standard library only; `random.Random`
seeded with an integer per article). Files are named article-0001.md ... and the folder's old
article-*.{md,html,txt} files are removed first, so a smaller --articles leaves no stale ones.
`--big` writes one article over 3 MB (big.md by default) instead of the corpus. A manifest.json
beside the articles lists each file's format, words and injected errors.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Vocabulary. (generic, brand, class, classes, conditions it treats) — right per the fact file.
DRUGS = [
    ("metoprolol", "Lopressor", "beta-blocker", "beta-blockers", ["hypertension", "angina", "heart failure"]),
    ("propranolol", "Inderal", "beta-blocker", "beta-blockers", ["hypertension", "angina", "migraine"]),
    ("atenolol", "Tenormin", "beta-blocker", "beta-blockers", ["hypertension", "angina"]),
    ("carvedilol", "Coreg", "beta-blocker", "beta-blockers", ["heart failure", "hypertension"]),
    ("lisinopril", "Zestril", "ACE inhibitor", "ACE inhibitors", ["hypertension", "heart failure"]),
    ("ramipril", "Altace", "ACE inhibitor", "ACE inhibitors", ["hypertension", "heart failure"]),
    ("losartan", "Cozaar", "angiotensin receptor blocker", "angiotensin receptor blockers", ["hypertension", "stroke"]),
    ("amlodipine", "Norvasc", "calcium channel blocker", "calcium channel blockers", ["hypertension", "angina"]),
    ("furosemide", "Lasix", "loop diuretic", "loop diuretics", ["edema", "heart failure"]),
    ("hydrochlorothiazide", "Microzide", "thiazide diuretic", "thiazide diuretics", ["hypertension", "edema"]),
    ("fluoxetine", "Prozac", "SSRI", "SSRIs", ["depression", "panic disorder", "bulimia nervosa"]),
    ("sertraline", "Zoloft", "SSRI", "SSRIs", ["depression", "panic disorder", "PTSD"]),
    ("escitalopram", "Lexapro", "SSRI", "SSRIs", ["depression", "generalized anxiety disorder"]),
    ("venlafaxine", "Effexor", "SNRI", "SNRIs", ["depression", "generalized anxiety disorder"]),
    ("duloxetine", "Cymbalta", "SNRI", "SNRIs", ["depression", "fibromyalgia", "diabetic neuropathy"]),
    ("amitriptyline", "Elavil", "tricyclic antidepressant", "tricyclic antidepressants", ["depression"]),
    ("phenelzine", "Nardil", "MAOI", "MAOIs", ["depression"]),
    ("mirtazapine", "Remeron", "antidepressant", "antidepressants", ["depression"]),
    ("bupropion", "Wellbutrin", "antidepressant", "antidepressants", ["depression", "smoking cessation"]),
    ("methylphenidate", "Ritalin", "CNS stimulant", "CNS stimulants", ["ADHD", "narcolepsy"]),
    ("lisdexamfetamine", "Vyvanse", "amphetamine", "amphetamines", ["ADHD", "binge eating disorder"]),
    ("atomoxetine", "Strattera", "selective norepinephrine reuptake inhibitor",
     "selective norepinephrine reuptake inhibitors", ["ADHD"]),
    ("modafinil", "Provigil", "wakefulness-promoting agent", "wakefulness-promoting agents", ["narcolepsy", "shift work disorder"]),
    ("alprazolam", "Xanax", "benzodiazepine", "benzodiazepines", ["panic disorder", "generalized anxiety disorder"]),
    ("clonazepam", "Klonopin", "benzodiazepine", "benzodiazepines", ["panic disorder", "seizures"]),
    ("lorazepam", "Ativan", "benzodiazepine", "benzodiazepines", ["anxiety disorder", "seizures"]),
    ("diazepam", "Valium", "benzodiazepine", "benzodiazepines", ["anxiety disorder", "alcohol withdrawal"]),
    ("zolpidem", "Ambien", "hypnotic", "hypnotics", ["insomnia"]),
    ("lithium", "Lithobid", "mood stabilizer", "mood stabilizers", ["bipolar disorder", "mania"]),
    ("quetiapine", "Seroquel", "atypical antipsychotic", "atypical antipsychotics", ["schizophrenia", "bipolar disorder"]),
    ("aripiprazole", "Abilify", "atypical antipsychotic", "atypical antipsychotics", ["schizophrenia", "bipolar disorder"]),
    ("atorvastatin", "Lipitor", "statin", "statins", ["hyperlipidemia", "coronary artery disease"]),
    ("clopidogrel", "Plavix", "antiplatelet", "antiplatelets", ["stroke", "myocardial infarction"]),
    ("warfarin", "Coumadin", "anticoagulant", "anticoagulants", ["deep vein thrombosis", "pulmonary embolism", "atrial fibrillation"]),
    ("apixaban", "Eliquis", "anticoagulant", "anticoagulants", ["atrial fibrillation", "deep vein thrombosis"]),
    ("ibuprofen", "Advil", "NSAID", "NSAIDs", ["pain", "fever", "osteoarthritis"]),
    ("naproxen", "Aleve", "NSAID", "NSAIDs", ["pain", "fever", "rheumatoid arthritis"]),
    ("sumatriptan", "Imitrex", "triptan", "triptans", ["migraine", "cluster headache"]),
    ("cetirizine", "Zyrtec", "antihistamine", "antihistamines", ["allergic rhinitis", "urticaria"]),
    ("prednisone", "Deltasone", "corticosteroid", "corticosteroids", ["asthma", "rheumatoid arthritis"]),
    ("norepinephrine", "Levophed", "vasopressor", "vasopressors", ["septic shock", "acute hypotension"]),
    ("epinephrine", "EpiPen", "catecholamine", "catecholamines", ["anaphylaxis"]),
    ("clonidine", "Catapres", "alpha-2 agonist", "alpha-2 agonists", ["hypertension", "ADHD"]),
    ("guanfacine", "Intuniv", "alpha-2 agonist", "alpha-2 agonists", ["ADHD", "hypertension"]),
    ("gabapentin", "Neurontin", "anticonvulsant", "anticonvulsants", ["epilepsy", "neuropathic pain"]),
    ("levothyroxine", "Synthroid", "thyroid hormone", "thyroid hormones", ["hypothyroidism"]),
    ("metformin", "Glucophage", "biguanide", "biguanides", ["type 2 diabetes"]),
    ("tadalafil", "Cialis", "PDE5 inhibitor", "PDE5 inhibitors", ["erectile dysfunction", "benign prostatic hyperplasia"]),
]
# Misspellings seen in scraped and machine-translated drafts (one edit or a sound-alike).
MISSPELLED = {
    "Levophed": ["Levofed", "Levophet"], "Zoloft": ["Zoloff", "Zolof"], "Lexapro": ["Lexipro", "Lexapo"],
    "Wellbutrin": ["Welbutrin", "Wellbutrim"], "Ritalin": ["Ritallin", "Retalin"], "Xanax": ["Xanex", "Zanax"],
    "Klonopin": ["Klonapin", "Clonopin"], "Seroquel": ["Seroquell", "Seraquel"], "Abilify": ["Abilfy", "Abilifi"],
    "Lipitor": ["Lipitorr", "Lipiter"], "Plavix": ["Plavics", "Plavicks"], "Prozac": ["Prozak", "Prozack"],
    "Cymbalta": ["Cymbalt", "Symbalta"], "Effexor": ["Efexor", "Effexxor"], "Vyvanse": ["Vyvance", "Vivanse"],
    "Lopressor": ["Lopresor", "Lopressir"], "Norvasc": ["Norvask", "Norvac"], "Synthroid": ["Synthriod", "Sinthroid"],
    "Neurontin": ["Neurotin", "Nuerontin"], "Coumadin": ["Comadin", "Coumidin"], "Ambien": ["Ambian", "Ambiem"],
}
CONDITION_WORDS = sorted({c for d in DRUGS for c in d[4]})
# (analyte phrase, low, high, unit, wrong unit for the same numbers)
RANGES = [
    ("plasma norepinephrine", 70, 750, "pg/mL", "ng/mL"),
    ("fasting blood glucose", 70, 99, "mg/dL", "mg/L"),
    ("serum potassium", 3.5, 5.0, "mmol/L", "mg/dL"),
    ("serum sodium", 135, 145, "mmol/L", "mg/L"),
    ("TSH", 0.4, 4.0, "mIU/L", "IU/L"),
    ("serum creatinine", 0.6, 1.2, "mg/dL", "g/dL"),
    ("resting heart rate", 60, 100, "beats/min", "beats/s"),
    ("hemoglobin", 12, 16, "g/dL", "mg/dL"),
    ("plasma epinephrine", 10, 200, "pg/mL", "ng/mL"),
]
BODY = ["heart", "brain", "kidney", "liver", "circulation", "stomach", "skin", "nervous system", "adrenal gland",
        "thyroid gland", "pancreas", "immune system", "digestive system", "retina", "spinal cord"]
SYMPTOMS = ["headache", "nausea", "dizziness", "fatigue", "dry mouth", "insomnia", "weight gain", "constipation",
            "blurred vision", "a fast heartbeat", "sweating", "tremor", "low blood pressure", "loss of appetite",
            "drowsiness", "diarrhea", "anxiety", "muscle cramps", "a rash", "sexual side effects"]
PEOPLE = ["Your doctor", "A pharmacist", "Your healthcare provider", "A specialist", "Your care team", "A nurse"]
ADVICE = ["take it at the same time every day", "avoid alcohol while taking it", "not stop it suddenly",
          "tell them about every other medication you take", "keep a diary of your symptoms",
          "have regular blood tests", "report any new symptoms right away", "read the leaflet in the pack",
          "store it away from heat and moisture", "ask before taking it during pregnancy"]
TIMES = ["a few days", "one to two weeks", "four to six weeks", "several months", "a few hours", "24 hours"]
CONNECTIVES = ["However", "In addition", "For this reason", "In most cases", "As a result", "In general",
               "According to recent studies", "For example", "In rare cases", "Over time"]
FILLER = [
    "{Conn}, the {body} may respond differently in older adults and in people with {cond}.",
    "{People} can explain how the {body} and the {body2} work together during stress.",
    "Common side effects include {sym}, {sym2} and {sym3}.",
    "Most people notice an improvement within {time}, although some need longer.",
    "{People} may ask you to {advice}.",
    "It is important to {advice}, especially during the first weeks of treatment.",
    "{Conn}, lifestyle changes such as regular exercise, a balanced diet and enough sleep also help.",
    "Call your doctor if you have {sym} that does not go away after {time}.",
    "The {body} contains receptors that respond to hormones and chemical messengers in the blood.",
    "Seek emergency care if you notice chest pain, trouble breathing or swelling of the face.",
    "{Conn}, genetics, age and other health conditions all affect how well a treatment works.",
    "Some people feel {sym} at first, but this usually fades within {time}.",
    "Researchers are still studying how the {body} adapts to long-term treatment.",
    "Keep all medicines out of the reach of children and pets.",
    "{Conn}, women who are pregnant or breastfeeding should talk to {people} before starting a new medicine.",
    "The dose is usually started low and increased slowly over {time}.",
    "Regular blood tests help {people} check how the {body} is doing.",
    "There is no single test that confirms {cond}; the diagnosis rests on symptoms and an examination.",
]
DRUG_SENTENCES = [
    "{G} is {a_c} used to treat {cond}.",
    "{Brand} ({g}) is prescribed for {cond} in adults and, in some cases, in children.",
    "{g_cap}, sold under the brand name {Brand}, belongs to a group of drugs called {cs}.",
    "{Conn}, {cs} such as {g} lower the risk of complications from {cond}.",
    "{g_cap} ({Brand}) is usually taken once or twice a day, with or without food.",
    "People with {cond} are often given {g}, which is {a_c}.",
    "{g_cap}, {a_c}, may cause {sym} and {sym2}.",
    "{Brand} is the brand name for {g}, {a_c} approved for {cond}.",
    "Doctors sometimes combine {g} with other {cs} when one medicine is not enough.",
    "If you take {Brand}, {advice_you}.",
    "{g_cap} and other {cs} work by changing how the {body} responds to chemical signals.",
    "{g_cap} is one of the most widely prescribed treatments for {cond}.",
]
RANGE_SENTENCES = [
    "A normal {analyte} level is {low} to {high} {unit}.",
    "In healthy adults, {analyte} ranges from {low} to {high} {unit}.",
    "The reference range for {analyte} is {low}-{high} {unit}, although laboratories differ slightly.",
]
HEADINGS = ["What is {g}?", "How {cs} work", "Side effects", "Who should not take {g}", "Dosage",
            "When to see a doctor", "Interactions", "Warnings and precautions", "How {cond} is treated",
            "Living with {cond}", "Tests and diagnosis", "Outlook", "Frequently asked questions",
            "Summary", "What causes {cond}?", "Alternatives to {Brand}"]
TITLES = ["{Brand} ({g}): Uses, Side Effects and Dosage", "What to Know About {cs_cap}",
          "{cond_cap}: Causes, Symptoms and Treatment", "A Guide to {g_cap}", "How {g_cap} Works",
          "Everything You Need to Know About {cond_cap}"]
CREDITS = ["Getty Images", "Verywell / Jessica Olah", "UHB Trust / Getty Images", "Photo: Shutterstock",
           "Image credit: iStock"]
RELATED = ["Related Articles", "Read more", "You may also like"]
ERROR_KINDS = ["misspelled-brand", "wrong-class", "brand-generic", "wrong-indication", "wrong-range",
               "space-before-punctuation", "repeated-word", "list-wrong-class"]


@dataclass
class Block:
    kind: str  # h1 | h2 | p | ul | table | credit | related | code | comment
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class Writer:
    """Builds one article's blocks from the templates, injecting errors at a given rate."""

    def __init__(self, rng: random.Random, error_rate: float):
        self.rng = rng
        self.error_rate = error_rate
        self.errors: dict[str, int] = {}
        self.topic = rng.choice(DRUGS)

    # ---- pieces ----------------------------------------------------------------------------
    def _drug(self):
        # half the drug sentences are about the article's topic drug
        return self.topic if self.rng.random() < 0.5 else self.rng.choice(DRUGS)

    def _other(self, drug, same_class: bool = False):
        while True:
            d = self.rng.choice(DRUGS)
            if d[0] != drug[0] and (d[3] == drug[3]) == same_class and not set(d[4]) & set(drug[4]):
                return d

    def _fields(self, drug) -> dict[str, str]:
        r = self.rng
        g, brand, c, cs, conds = drug
        cond = r.choice(conds)
        s1, s2, s3 = r.sample(SYMPTOMS, 3)
        b1, b2 = r.sample(BODY, 2)
        return {
            "g": g, "G": g[0].upper() + g[1:], "g_cap": g[0].upper() + g[1:], "Brand": brand, "c": c, "cs": cs,
            "cs_cap": cs[0].upper() + cs[1:], "cond": cond, "cond_cap": cond[0].upper() + cond[1:],
            "sym": s1, "sym2": s2, "sym3": s3, "body": b1, "body2": b2, "time": r.choice(TIMES),
            "advice": r.choice(ADVICE), "advice_you": "you should " + r.choice(ADVICE),
            "People": r.choice(PEOPLE), "people": r.choice(PEOPLE).lower(), "a_c": _a(c),
            "Conn": r.choice(CONNECTIVES),
        }

    def _err(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def _wants_error(self) -> bool:
        return self.error_rate > 0 and self.rng.random() < self.error_rate

    def sentence(self) -> str:
        r = self.rng
        roll = r.random()
        drug = self._drug()
        f = self._fields(drug)
        if roll < 0.45:
            s = r.choice(FILLER).format(**f)
            if self._wants_error():
                s = self._surface_error(s)
            return s
        if roll < 0.93:
            if self._wants_error():
                return self._fact_error(drug, f)
            s = r.choice(DRUG_SENTENCES).format(**f)
            if self._wants_error():
                s = self._surface_error(s)
            return s
        analyte, low, high, unit, wrong = r.choice(RANGES)
        t = r.choice(RANGE_SENTENCES)
        if self._wants_error():
            self._err("wrong-range")
            if r.random() < 0.5:
                return t.format(analyte=analyte, low=_num(low * 10), high=_num(high * 10), unit=unit)
            return t.format(analyte=analyte, low=_num(low), high=_num(high), unit=wrong)
        return t.format(analyte=analyte, low=_num(low), high=_num(high), unit=unit)

    def _fact_error(self, drug, f) -> str:
        r = self.rng
        kind = r.choice(ERROR_KINDS[:4])
        self._err(kind)
        if kind == "misspelled-brand":
            brand = drug[1]
            wrong = r.choice(MISSPELLED[brand]) if brand in MISSPELLED else _one_edit(r, brand)
            return r.choice(["{Brand} ({g}) is prescribed for {cond}.", "Many patients know {g} as {Brand}.",
                             "If you take {Brand}, {advice_you}."]).format(**{**f, "Brand": wrong})
        other = self._other(drug)
        if kind == "wrong-class":
            return r.choice(["{g_cap} is {a_c}.", "{g_cap}, {a_c}, is usually taken once a day.",
                             "{cs_cap} such as {g} are often prescribed first."]).format(
                **{**f, "a_c": _a(other[2]), "cs_cap": other[3][0].upper() + other[3][1:]})
        if kind == "brand-generic":
            return "{Brand} ({g}) is prescribed for {cond}.".format(**{**f, "g": other[0]})
        return r.choice(["{g_cap} is used to treat {cond}.", "{g_cap} is commonly prescribed for {cond}.",
                         "Doctors use {g} in the treatment of {cond}."]).format(**{**f, "cond": r.choice(other[4])})

    def _surface_error(self, s: str) -> str:
        r = self.rng
        words = s.split(" ")
        if r.random() < 0.5 and ("," in s or "." in s):
            self._err("space-before-punctuation")
            if "," in s and r.random() < 0.6:
                return s.replace(",", " ,", 1)
            return s[:-1] + " ."
        if len(words) > 4:
            i = r.randrange(1, len(words) - 2)
            w = words[i]
            if w.isalpha():
                self._err("repeated-word")
                words.insert(i, w)
                return " ".join(words)
        return s

    def paragraph(self) -> Block:
        return Block("p", " ".join(self.sentence() for _ in range(self.rng.randint(2, 6))))

    def heading(self) -> Block:
        f = self._fields(self._drug())
        return Block("h2", self.rng.choice(HEADINGS).format(**f))

    def drug_list(self) -> list[Block]:
        r = self.rng
        drug = self._drug()
        members = [d for d in DRUGS if d[3] == drug[3]]
        items = [d for d in r.sample(members, min(len(members), r.randint(2, 5)))]
        if self._wants_error() or (len(items) < 2 and self._wants_error()):
            self._err("list-wrong-class")
            items.insert(r.randrange(len(items) + 1), self._other(drug))
        style = r.random()
        rendered = []
        for d in items:
            if style < 0.4:
                rendered.append(f"{d[1]} ({d[0]})")
            elif style < 0.7:
                rendered.append(f"{d[0][0].upper() + d[0][1:]}: used for {r.choice(d[4])}")
            else:
                rendered.append(d[0][0].upper() + d[0][1:])
        intro = r.choice(["Commonly prescribed {cs} include:", "Examples of {cs} include:",
                          "The {cs} most often used are:"]).format(cs=drug[3])
        return [Block("p", intro), Block("ul", items=rendered)]

    def symptom_list(self) -> list[Block]:
        items = [s[0].upper() + s[1:] for s in self.rng.sample(SYMPTOMS, self.rng.randint(3, 7))]
        return [Block("p", "Tell your doctor if you notice any of the following:"), Block("ul", items=items)]

    def table(self) -> Block:
        rows = [["Generic name", "Brand name", "Class"]]
        for d in self.rng.sample(DRUGS, self.rng.randint(3, 6)):
            rows.append([d[0], d[1], d[2]])
        return Block("table", rows=rows)

    def title(self) -> str:
        return self.rng.choice(TITLES).format(**self._fields(self.topic))


def _a(noun: str) -> str:
    """The noun with its indefinite article: 'an SSRI', 'an ACE inhibitor', 'a beta-blocker'."""
    first = noun.split()[0].split("-")[0]
    acronym = first.isupper() and len(first) > 1
    vowel = first[0] in "FHLMNRSX" if acronym else first[0].lower() in "aeiou"
    return ("an " if vowel else "a ") + noun


def _num(x: float) -> str:
    if isinstance(x, float) and not x.is_integer():
        return f"{x:.1f}"
    x = int(round(x))
    return f"{x:,}" if x >= 10_000 else str(x)


def _one_edit(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.4:
        return word[:i] + word[i + 1:]  # drop a letter
    if op < 0.7 and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap two letters
    return word[:i] + word[i] + word[i:]  # double a letter


# ---- rendering: one function per format, each block rendered on its own -----------------------
def _md_inline(rng: random.Random, text: str) -> str:
    """Bold a drug name, link a condition, now and then: markup that positions must see through."""
    if rng.random() < 0.25:
        for d in DRUGS:
            if d[0] in text:
                text = text.replace(d[0], f"**{d[0]}**", 1)
                break
    if rng.random() < 0.15:
        for c in CONDITION_WORDS:
            if f" {c} " in text or f" {c}." in text:
                slug = c.replace(" ", "-").lower()
                text = text.replace(c, f"[{c}](https://example.org/conditions/{slug})", 1)
                break
    return text


def render_md(rng: random.Random, b: Block) -> str:
    if b.kind == "h1":
        return f"# {b.text}\n\n"
    if b.kind == "h2":
        return f"{'##' if rng.random() < 0.8 else '###'} {b.text}\n\n"
    if b.kind == "p":
        text = _md_inline(rng, b.text)
        if rng.random() < 0.3:  # hard-wrapped paragraph: soft breaks inside
            text = _wrap(text, 88)
        return text + "\n\n"
    if b.kind == "ul":
        bullet = rng.choice(["-", "*", "1."])
        out = []
        for i, it in enumerate(b.items, 1):
            out.append(f"{i}. {it}" if bullet == "1." else f"{bullet} {_md_inline(rng, it)}")
        return "\n".join(out) + "\n\n"
    if b.kind == "table":
        head, *rows = b.rows
        lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines) + "\n\n"
    if b.kind == "credit":
        return f"![Illustration]({'https://example.org/img/' + str(rng.randrange(10**6)) + '.jpg'})\n*{b.text}*\n\n"
    if b.kind == "related":
        return f"**{b.text}**\n\n" + "\n".join(f"- [{it}](https://example.org/a/{i})" for i, it in enumerate(b.items)) + "\n\n"
    if b.kind == "code":
        return "```\ndose_mg = weight_kg * 0.5  # not prose\n```\n\n"
    if b.kind == "comment":
        return "<!-- editor: check the figures in this section -->\n\n"
    raise ValueError(b.kind)


def _html_escape(rng: random.Random, text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if rng.random() < 0.5:
        text = text.replace("'", "&#8217;")
    if rng.random() < 0.2:
        text = text.replace(" to ", " to&nbsp;", 1)
    return text


def _html_inline(rng: random.Random, text: str) -> str:
    text = _html_escape(rng, text)
    if rng.random() < 0.25:
        for d in DRUGS:
            if d[0] in text:
                text = text.replace(d[0], f"<strong>{d[0]}</strong>", 1)
                break
    if rng.random() < 0.15:
        for c in CONDITION_WORDS:
            if f" {c} " in text:
                text = text.replace(c, f'<a href="/conditions/{c.replace(" ", "-")}">{c}</a>', 1)
                break
    return text


def render_html(rng: random.Random, b: Block) -> str:
    if b.kind == "h1":
        return f"<h1>{_html_escape(rng, b.text)}</h1>\n"
    if b.kind == "h2":
        return f"<h2>{_html_escape(rng, b.text)}</h2>\n"
    if b.kind == "p":
        text = _html_inline(rng, b.text)
        if rng.random() < 0.3:
            text = _wrap(text, 100).replace("\n", "\n  ")
        return f"<p>{text}</p>\n"
    if b.kind == "ul":
        tag = "ol" if rng.random() < 0.2 else "ul"
        return f"<{tag}>\n" + "".join(f"  <li>{_html_inline(rng, it)}</li>\n" for it in b.items) + f"</{tag}>\n"
    if b.kind == "table":
        head, *rows = b.rows
        out = ["<table>", "  <tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
        out += ["  <tr>" + "".join(f"<td>{_html_escape(rng, c)}</td>" for c in r) + "</tr>" for r in rows]
        return "\n".join(out) + "\n</table>\n"
    if b.kind == "credit":
        return (f'<figure><img src="/img/{rng.randrange(10**6)}.jpg" alt="illustration">'
                f"<figcaption>{_html_escape(rng, b.text)}</figcaption></figure>\n")
    if b.kind == "related":
        return (f'<aside class="related"><h3>{b.text}</h3><ul>'
                + "".join(f'<li><a href="/a/{i}">{_html_escape(rng, it)}</a></li>' for i, it in enumerate(b.items))
                + "</ul></aside>\n")
    if b.kind == "code":
        return "<pre><code>dose_mg = weight_kg * 0.5</code></pre>\n"
    if b.kind == "comment":
        return "<!-- editor: check the figures in this section -->\n"
    raise ValueError(b.kind)


def render_txt(rng: random.Random, b: Block) -> str:
    if b.kind in ("h1", "h2"):
        return b.text.rstrip("?") + ("?" if b.text.endswith("?") else "") + "\n\n\n"
    if b.kind == "p":
        return b.text + "\n\n"
    if b.kind == "ul":
        bullet = rng.choice(["  • ", "- ", "* "])
        return "\n".join(bullet + it for it in b.items) + "\n\n"
    if b.kind == "table":
        return "\n".join("\t".join(r) for r in b.rows) + "\n\n"
    if b.kind == "credit":
        return b.text + "\n\n"
    if b.kind == "related":
        return b.text + "\n\n" + "\n\n".join(b.items) + "\n\n"
    if b.kind in ("code", "comment"):
        return ""
    raise ValueError(b.kind)


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)


RENDER = {"md": render_md, "html": render_html, "txt": render_txt}


def _html_head(rng: random.Random, title: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_html_escape(rng, title)}</title>\n<style>body {{ font-family: sans-serif; }}</style>\n"
            "<script>window.dataLayer = window.dataLayer || [];</script>\n</head>\n<body>\n"
            "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/drugs\">Drugs A-Z</a></li>"
            "<li><a href=\"/conditions\">Conditions</a></li></ul></nav>\n<article>\n")


HTML_FOOT = ("</article>\n<footer><p>This content is for information only and is not medical advice.</p>"
             "</footer>\n<script>console.log('analytics');</script>\n</body>\n</html>\n")


def article(seed: int, index: int, fmt: str, target_words: int | None = None, min_bytes: int | None = None,
            clean: bool | None = None) -> tuple[str, dict]:
    """One article as text, and its manifest entry. Stops at `target_words` words (whitespace-
    separated, markup included) or, for the big article, at `min_bytes` bytes of UTF-8."""
    rng = random.Random(seed * 1_000_003 + index)
    if clean is None:
        clean = rng.random() < 0.25
    w = Writer(rng, 0.0 if clean else rng.uniform(0.02, 0.07))
    render = RENDER[fmt]
    title = w.title()
    parts: list[str] = []
    if fmt == "md" and rng.random() < 0.5:
        parts.append(f"---\ntitle: \"{title}\"\nauthor: Staff writer\ndate: 2024-{rng.randint(1, 12):02d}-"
                     f"{rng.randint(1, 28):02d}\ntags: [health, medicines]\n---\n\n")
    if fmt == "html":
        parts.append(_html_head(rng, title))
    parts.append(render(rng, Block("h1", title)))
    words = sum(len(p.split()) for p in parts)
    size = sum(len(p.encode()) for p in parts)
    foot_words = len(HTML_FOOT.split()) if fmt == "html" else 0

    def add(b: Block) -> None:
        nonlocal words, size
        s = render(rng, b)
        parts.append(s)
        words += len(s.split())
        size += len(s.encode())

    def done() -> bool:
        if min_bytes is not None:
            return size >= min_bytes
        return words + foot_words >= (target_words or 0)

    add(w.paragraph())
    if rng.random() < 0.4:
        add(Block("credit", rng.choice(CREDITS)))
    while not done():
        add(w.heading())
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.12:
                for b in w.drug_list():
                    add(b)
            elif roll < 0.18:
                for b in w.symptom_list():
                    add(b)
            elif roll < 0.21:
                add(w.table())
            elif roll < 0.23:
                add(Block(rng.choice(["code", "comment"])))
            else:
                add(w.paragraph())
            if done():
                break
    if rng.random() < 0.3 and min_bytes is None:
        add(Block("related", rng.choice(RELATED), items=[w.title() for _ in range(rng.randint(3, 6))]))
    if fmt == "html":
        parts.append(HTML_FOOT)
    text = "".join(parts)
    return text, {"format": fmt, "words": len(text.split()), "bytes": len(text.encode()),
                  "injected_errors": dict(sorted(w.errors.items()))}


ARTICLE_RE = re.compile(r"^article-\d+\.(md|html|txt)$")


def generate(out: Path, articles: int = 300, seed: int = 1, min_words: int = 300, max_words: int = 3000) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if ARTICLE_RE.match(old.name):
            old.unlink()
    sizes = random.Random(seed)
    manifest = {}
    fmts = ["md", "html", "txt"]
    for i in range(1, articles + 1):
        fmt = fmts[(i - 1) % 3]
        # words: uniform over [min, max]; the rendered file lands a few words over its target
        target = sizes.randint(min_words, max_words - 40)
        text, entry = article(seed, i, fmt, target_words=target)
        name = f"article-{i:04d}.{fmt}"
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        manifest[name] = entry
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def generate_big(out: Path, seed: int = 1, fmt: str = "md", min_bytes: int = 3_200_000) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    text, entry = article(seed, 999_999, fmt, min_bytes=min_bytes, clean=False)
    path = out / f"big.{fmt}"
    path.write_text(text, encoding="utf-8", newline="\n")
    manifest_path = out / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    manifest[path.name] = entry
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the articles to")
    ap.add_argument("--articles", "-n", type=int, default=300, help="number of articles (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--big", action="store_true", help="write one article over 3 MB instead of the corpus")
    ap.add_argument("--big-format", choices=sorted(RENDER), default="md")
    ap.add_argument("--big-bytes", type=int, default=3_200_000, help="minimum size of the big article")
    args = ap.parse_args(argv)
    if args.big:
        path = generate_big(args.out, args.seed, args.big_format, args.big_bytes)
        print(f"wrote {path} ({path.stat().st_size:,} bytes, {len(path.read_bytes().split()):,} words)")
        return
    manifest = generate(args.out, args.articles, args.seed)
    words = sum(e["words"] for e in manifest.values())
    errors = sum(sum(e["injected_errors"].values()) for e in manifest.values())
    print(f"wrote {len(manifest)} articles to {args.out} ({words:,} words, {errors:,} injected errors)")


if __name__ == "__main__":
    main()
