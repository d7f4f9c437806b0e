"""The fact file as Python objects, with the derived relations checks ask about.

The YAML says what is true of each drug, class and condition; this module answers the questions
checks ask: which classes is a drug in (parents included), which conditions does a claim about a
drug or class cover, which entry does a name belong to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Origin:
    """Where an entry was written: for messages and `facts check`."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Brand:
    name: str
    regions: tuple[str, ...] = ()


@dataclass
class Drug:
    id: str
    name: str
    sources: list[str]
    origin: Origin
    synonyms: list[str] = field(default_factory=list)
    brands: list[Brand] = field(default_factory=list)
    ingredients: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    # classes the drug is fairly called a member of (phentermine "a stimulant", semaglutide "an
    # appetite suppressant") whose uses it does not share: a class claim naming one is right,
    # but the class's indications are not inherited as they are from `classes`
    described_as: list[str] = field(default_factory=list)
    indications: list[str] = field(default_factory=list)
    off_label: list[str] = field(default_factory=list)
    contraindications: list[str] = field(default_factory=list)
    wrong_uses: list[str] = field(default_factory=list)
    atc: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def generic_names(self) -> list[str]:
        return [self.name, *self.synonyms]


@dataclass
class DrugClass:
    id: str
    name: str
    names: list[str]
    sources: list[str]
    origin: Origin
    parents: list[str] = field(default_factory=list)
    indications: list[str] = field(default_factory=list)
    off_label: list[str] = field(default_factory=list)
    contraindications: list[str] = field(default_factory=list)
    wrong_uses: list[str] = field(default_factory=list)
    member_if_indicated_for: list[str] = field(default_factory=list)
    atc: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Condition:
    id: str
    name: str
    sources: list[str]
    origin: Origin
    names: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Abbreviation:
    id: str
    short: str
    expansions: list[str]
    sources: list[str]
    origin: Origin
    foreign: list[str] = field(default_factory=list)  # the same abbreviation in other languages (TDAH)
    # condition or class ids an article is about when it needs this abbreviation (BMI: obesity):
    # with one of them named, a foreign form ('IMC') is this abbreviation left untranslated
    topics: list[str] = field(default_factory=list)
    # foreign forms that are English abbreviations too (Italian PA, pressione arteriosa; English PA,
    # physician assistant): flagged only in an article that already shows machine translation
    foreign_if_translated: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Term:
    id: str
    wrong: list[str]
    right: str
    sources: list[str]
    origin: Origin
    languages: list[str] = field(default_factory=list)
    explanation: str = ""
    wrong_if_near: list[str] = field(default_factory=list)
    fine_if_near: list[str] = field(default_factory=list)
    not_followed_by: list[str] = field(default_factory=list)
    fix: bool = False
    note: str = ""


@dataclass
class Unit:
    id: str
    symbol: str
    names: list[str]
    dimension: str
    factor: float
    sources: list[str]
    origin: Origin
    note: str = ""


@dataclass
class Analyte:
    id: str
    names: list[str]
    sources: list[str]
    origin: Origin
    name: str = ""
    molar_mass: float | None = None
    note: str = ""

    @property
    def display(self) -> str:
        return self.name or self.names[0]


@dataclass
class ReferenceRange:
    id: str
    analyte: str
    specimen: str
    unit: str
    low: float
    high: float
    sources: list[str]
    origin: Origin
    context: str = ""
    # how far a stated limit may sit from the cited one, as a share of it: laboratories differ
    # (0.25 by default), a definition does not (BMI 24.9 is the cut-off everywhere)
    tolerance: float | None = None
    note: str = ""


@dataclass
class Dose:
    """The usual dose span of a drug: its smallest single dose to its largest daily dose.

    Wide on purpose (children and adults, every route and form): the dose check only asks
    whether a stated dose is off by a unit slip (a thousand times: g for mg, mg for µg).
    """

    id: str
    drug: str
    unit: str
    low: float
    high: float
    sources: list[str]
    origin: Origin
    route: str = ""
    # "weekly": doses in this span are taken once a week, and the same amount every day is a
    # known fatal error (low-dose methotrexate); the general span of the drug is another entry
    schedule: str = ""
    # "per-kg-per-minute": an infusion rate (norepinephrine 0.01-3 µg/kg/min), compared only
    # with amounts written per kilogram per minute; every other span is an amount
    rate: str = ""
    # words that make this span the only one to judge by ("auto-injector" for IM adrenaline)
    route_cues: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Boilerplate:
    id: str
    kind: str
    message: str
    sources: list[str]
    origin: Origin
    phrases: list[str] = field(default_factory=list)
    regex: list[str] = field(default_factory=list)
    scope: str = "any"
    note: str = ""


@dataclass
class Facts:
    """Every section of the merged fact files, with lookups derived on first use."""

    drugs: dict[str, Drug] = field(default_factory=dict)
    classes: dict[str, DrugClass] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    abbreviations: dict[str, Abbreviation] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    analytes: dict[str, Analyte] = field(default_factory=dict)
    ranges: dict[str, ReferenceRange] = field(default_factory=dict)
    boilerplate: dict[str, Boilerplate] = field(default_factory=dict)
    doses: dict[str, Dose] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    digest: str = ""

    # ---- abbreviations -------------------------------------------------------------------
    @cached_property
    def abbreviations_by_short(self) -> dict[str, list[Abbreviation]]:
        out: dict[str, list[Abbreviation]] = {}
        for a in self.abbreviations.values():
            out.setdefault(a.short, []).append(a)
        return out

    @cached_property
    def abbreviations_by_foreign_form(self) -> dict[str, Abbreviation]:
        return {f: a for a in self.abbreviations.values() for f in a.foreign}

    @cached_property
    def abbreviations_by_translated_form(self) -> dict[str, list[Abbreviation]]:
        """Foreign forms that are also English abbreviations, with every entry they may stand for."""
        out: dict[str, list[Abbreviation]] = {}
        for a in self.abbreviations.values():
            for f in a.foreign_if_translated:
                out.setdefault(f, []).append(a)
        return out

    # ---- brands --------------------------------------------------------------------------
    def drugs_with_brand(self, name: str) -> set[str]:
        """Ids of the drugs sold under a brand name (case-insensitive): one, or a few across countries."""
        return self._drugs_by_brand.get(name.lower(), set())

    @cached_property
    def _drugs_by_brand(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for d in self.drugs.values():
            for b in d.brands:
                out.setdefault(b.name.lower(), set()).add(d.id)
        return out

    # ---- doses ---------------------------------------------------------------------------
    def doses_of(self, drug_id: str) -> list[Dose]:
        """The dose spans of a drug, and of its ingredients for a combination product."""
        return self._doses_by_drug.get(drug_id, [])

    @cached_property
    def _doses_by_drug(self) -> dict[str, list[Dose]]:
        out: dict[str, list[Dose]] = {}
        for dose in self.doses.values():
            out.setdefault(dose.drug, []).append(dose)
        return out

    # ---- classes -------------------------------------------------------------------------
    def class_ancestors(self, class_id: str) -> set[str]:
        """The class and every broader class above it."""
        return self._class_ancestors.get(class_id, {class_id})

    @cached_property
    def _class_ancestors(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}

        def walk(cid: str, seen: frozenset) -> set[str]:
            if cid in result:
                return result[cid]
            out = {cid}
            cls = self.classes.get(cid)
            if cls:
                for parent in cls.parents:
                    if parent not in seen:  # a cycle is reported by validation, not followed
                        out |= walk(parent, seen | {cid})
            result[cid] = out
            return out

        for cid in self.classes:
            walk(cid, frozenset())
        return result

    def drug_class_ids(self, drug_id: str) -> set[str]:
        """Every class a drug belongs to: listed, their ancestors, and use-defined classes."""
        return self._drug_classes.get(drug_id, set())

    def drug_fits_class(self, drug_id: str, class_id: str) -> bool:
        """Whether calling the drug a member of the class is right: one of its classes (or their
        ancestors), or a class it is `described_as`, or an ancestor of one."""
        if class_id in self.drug_class_ids(drug_id):
            return True
        drug = self.drugs.get(drug_id)
        return drug is not None and any(class_id in self.class_ancestors(c) for c in drug.described_as)

    @cached_property
    def _drug_classes(self) -> dict[str, set[str]]:
        by_use: dict[str, list[str]] = {}
        for cls in self.classes.values():
            for cond in cls.member_if_indicated_for:
                by_use.setdefault(cond, []).append(cls.id)
        result = {}
        for drug in self.drugs.values():
            ids: set[str] = set()
            for cid in drug.classes:
                ids |= self.class_ancestors(cid)
            for ingredient in drug.ingredients:
                ing = self.drugs.get(ingredient)
                if ing:
                    for cid in ing.classes:
                        ids |= self.class_ancestors(cid)
            for cond in drug.indications:
                for cid in by_use.get(cond, ()):
                    ids |= self.class_ancestors(cid)
            result[drug.id] = ids
        return result

    def class_members(self, class_id: str) -> set[str]:
        return self._class_members.get(class_id, set())

    @cached_property
    def _class_members(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}
        for drug_id, class_ids in self._drug_classes.items():
            for cid in class_ids:
                result.setdefault(cid, set()).add(drug_id)
        return result

    def class_descendants(self, class_id: str) -> set[str]:
        return {cid for cid, anc in self._class_ancestors.items() if class_id in anc}

    # ---- conditions ----------------------------------------------------------------------
    def condition_ancestors(self, cond_id: str) -> set[str]:
        return self._condition_ancestors.get(cond_id, {cond_id})

    def condition_descendants(self, cond_id: str) -> set[str]:
        return {cid for cid, anc in self._condition_ancestors.items() if cond_id in anc}

    @cached_property
    def _condition_ancestors(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}

        def walk(cid: str, seen: frozenset) -> set[str]:
            if cid in result:
                return result[cid]
            out = {cid}
            cond = self.conditions.get(cid)
            if cond:
                for parent in cond.parents:
                    if parent not in seen:
                        out |= walk(parent, seen | {cid})
            result[cid] = out
            return out

        for cid in self.conditions:
            walk(cid, frozenset())
        return result

    def conditions_related(self, a: str, b: str) -> bool:
        """Whether one condition is the other, or broader or narrower than it."""
        return a in self.condition_ancestors(b) or b in self.condition_ancestors(a)

    # ---- uses ----------------------------------------------------------------------------
    def uses_of_drug(self, drug_id: str) -> dict[str, set[str]]:
        """The drug's own uses merged with those of its classes, by kind."""
        drug = self.drugs[drug_id]
        out = {k: set(getattr(drug, k)) for k in ("indications", "off_label", "contraindications", "wrong_uses")}
        for ing in drug.ingredients:
            if ing in self.drugs:
                for k, v in self.uses_of_drug(ing).items():
                    out[k] |= v
        for cid in self.drug_class_ids(drug_id):
            cls = self.classes.get(cid)
            if cls is None:
                continue
            out["indications"] |= set(cls.indications)
            out["off_label"] |= set(cls.off_label)
            # a class-wide contraindication or wrong use applies to each member unless the drug
            # itself lists that condition as a use (propranolol and anxiety, say)
            own = set(drug.indications) | set(drug.off_label)
            out["contraindications"] |= set(cls.contraindications) - own
            out["wrong_uses"] |= set(cls.wrong_uses) - own
        return out

    def uses_of_class(self, class_id: str) -> dict[str, set[str]]:
        """A class's uses: its own, its ancestors', and any member drug's."""
        out = {k: set() for k in ("indications", "off_label", "contraindications", "wrong_uses")}
        for cid in self.class_ancestors(class_id):
            cls = self.classes.get(cid)
            if cls is None:
                continue
            for k in out:
                if k in ("indications", "off_label") and cid != class_id:
                    continue  # a parent's uses need not hold for this narrower class
                out[k] |= set(getattr(cls, k))
        cls = self.classes.get(class_id)
        if cls:
            out["indications"] |= set(cls.member_if_indicated_for)
        for drug_id in self.class_members(class_id):
            drug = self.drugs[drug_id]
            out["indications"] |= set(drug.indications)
            out["off_label"] |= set(drug.off_label)
        used = out["indications"] | out["off_label"]
        out["contraindications"] -= used
        out["wrong_uses"] -= used
        return out

    def family_uses(self, class_ids) -> set[str]:
        """Uses of the neighbourhood of some classes: every member of them and of their parents.

        A use no sibling drug has is far from the subject ("SSRIs for hypertension"); one a
        sibling has may be an off-label use the fact file has not recorded ("SNRIs for ADHD").
        """
        out: set[str] = set()
        family: set[str] = set()
        for cid in class_ids:
            family.add(cid)
            cls = self.classes.get(cid)
            if cls:
                family.update(cls.parents)
        # a class defined by use (anxiolytics: whatever treats anxiety) is not a family: its
        # members share a use, not a mechanism, so their other uses say nothing of this drug
        family = {cid for cid in family if not (cid in self.classes and self.classes[cid].member_if_indicated_for)}
        for cid in family:
            cls = self.classes.get(cid)
            if cls:
                out |= set(cls.indications) | set(cls.off_label)
            for drug_id in self.class_members(cid):
                drug = self.drugs[drug_id]
                out |= set(drug.indications) | set(drug.off_label)
        return out

    # ---- names ---------------------------------------------------------------------------
    def drug_display(self, drug_id: str) -> str:
        return self.drugs[drug_id].name

    def class_display(self, class_id: str) -> str:
        cls = self.classes.get(class_id)
        return cls.name if cls else class_id

    def condition_display(self, cond_id: str) -> str:
        cond = self.conditions.get(cond_id)
        return cond.name if cond else cond_id

    def sources_of(self, kind: str, entry_id: str) -> list[str]:
        section = getattr(self, kind)
        entry = section.get(entry_id)
        return list(entry.sources) if entry else []
