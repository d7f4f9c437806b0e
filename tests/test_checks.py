"""Each check on small articles: what must be found (rule, line, column, excerpt) and what must not."""
from __future__ import annotations

from conftest import spots


# ---- drug-class ---------------------------------------------------------------------------

def test_drug_class_list_under_class_intro(lint):
    text = """
    Commonly prescribed amphetamines include:

      • Adderall (dextroamphetamine)
      • Ritalin (methylphenidate)
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 4, 5, "Ritalin (methylphenidate)")]


def test_drug_class_list_under_a_qualified_intro_and_a_class_named_by_what_it_does(lint):
    text = """
    The statins most used in Italy include:

    - atorvastatin
    - ezetimibe

    Medicines that block sodium channels include:

    - carbamazepine
    - levetiracetam
    """
    found = lint(text, fmt="markdown", rule="drug-class")
    assert [(f.line, f.excerpt) for f in found] == [(4, "ezetimibe"), (9, "levetiracetam")]


def test_drug_class_list_under_heading_in_markdown(lint):
    text = """
    ## SSRIs

    - Zoloft (sertraline)
    - Wellbutrin (bupropion)
    """
    assert spots(lint(text, "markdown", rule="drug-class")) == [("drug-class", 4, 3, "Wellbutrin (bupropion)")]


def test_drug_class_copula_apposition_examples(lint):
    text = """
    Bupropion is an SSRI that many people take.

    Concerta, an amphetamine, lasts twelve hours.

    MAOIs such as phenelzine and sertraline need a special diet.

    Ritalin and other amphetamines are stimulants.
    """
    found = spots(lint(text, rule="drug-class"))
    assert found == [
        ("drug-class", 1, 1, "Bupropion is an SSRI"),
        ("drug-class", 3, 1, "Concerta, an amphetamine"),
        ("drug-class", 5, 30, "sertraline"),
        ("drug-class", 7, 1, "Ritalin and other amphetamines"),
    ]


def test_drug_class_non_prefix_names_what_the_class_is_not(lint):
    text = """
    Non-opioid analgesics such as ibuprofen, paracetamol or metamizole come first.

    Opioid analgesics such as ibuprofen are for severe pain.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 3, 27, "ibuprofen")]


def test_drug_class_described_as_is_right_without_inheriting_uses(lint):
    text = """
    Phentermine is a stimulant that curbs appetite. Semaglutide is an appetite suppressant.

    Atomoxetine is an appetite suppressant.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 3, 1, "Atomoxetine is an appetite suppressant")]
    # the stimulant class's uses (ADHD, narcolepsy) are not phentermine's
    assert [f.message for f in lint("Phentermine is used to treat depression.", rule="indication")] == [
        "depression is not a known use of Phentermine; the fact file lists: obesity, weight loss"]


def test_drug_class_include_only_when_the_class_is_the_subject(lint):
    text = """
    Add-on options when asthma remains uncontrolled on ICS-LABA include tiotropium.

    Examples of beta-blockers include propranolol and amlodipine.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 3, 51, "amlodipine")]


def test_drug_class_appositive_member_list_and_mechanism_classes(lint):
    text = """
    The factor Xa inhibitors, apixaban, rivaroxaban, edoxaban and dabigatran, are taken at a fixed dose.

    Besides ACE inhibitors, amlodipine and chlorthalidone, are options.

    Sodium channel blockers such as carbamazepine, lidocaine, flecainide and levetiracetam act on nerves.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 1, 63, "dabigatran"),
                                                     ("drug-class", 5, 74, "levetiracetam")]


def test_drug_class_aside_with_one_example_closes_before_and(lint):
    text = """
    Penicillins, including amoxicillin, and cefalexin (Keflex) are considered safe throughout pregnancy.

    SSRIs, including sertraline, citalopram, and bupropion, are first-line.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 3, 46, "bupropion")]


def test_drug_class_copula_after_a_brand_in_parentheses_and_a_class_by_use(lint):
    text = """
    Sertraline (Zoloft) is a benzodiazepine. Azelastine (Allergodil) is a corticosteroid nasal spray.

    Retinoids such as tretinoin, adapalene and azelaic acid unclog pores.
    """
    assert spots(lint(text, rule="drug-class")) == [
        ("drug-class", 1, 1, "Sertraline (Zoloft)"),
        ("drug-class", 1, 42, "Azelastine (Allergodil)"),
        ("drug-class", 3, 44, "azelaic acid"),
    ]


def test_drug_class_apposition_with_a_comparison_and_a_class_around_an_aside(lint):
    text = """
    Varenicline, an antidepressant like bupropion, binds to nicotine receptors.

    The atypical (second-generation) antipsychotics, such as olanzapine and haloperidol, cause fewer movement disorders.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 1, 1, "Varenicline, an antidepressant"),
                                                     ("drug-class", 3, 73, "haloperidol")]


def test_drug_class_among_the_class(lint):
    text = """
    Among the beta-blockers we find propranolol, atenolol and amlodipine.

    Among the most used SSRIs are sertraline and escitalopram. Among them we find bupropion.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 1, 59, "amlodipine")]


def test_drug_class_apposition_after_a_brand_in_parentheses(lint):
    text = """
    Clopidogrel (Plavix), an anticoagulant, is added after a stent. Apixaban (Eliquis), an anticoagulant, is taken twice a day.
    """
    assert spots(lint(text, rule="drug-class")) == [("drug-class", 1, 14, "Plavix), an anticoagulant")]

def test_drug_class_negation_and_true_claims_stay_quiet(lint):
    text = """
    Ritalin is not an amphetamine. Bupropion isn't an SSRI.

    Unlike amphetamines, methylphenidate blocks reuptake.

    SSRIs such as sertraline and escitalopram are first-line.

    Sectral (acebutolol) is a beta-blocker. Methylphenidate is a CNS stimulant.

    Drugs that interact with amphetamines include:

      • Nardil (phenelzine)
    """
    assert lint(text, rule="drug-class") == []


# ---- brand-generic ------------------------------------------------------------------------

def test_brand_generic_wrong_pairs(lint):
    text = """
    Beta-blockers such as Inderal (metoprolol) slow the heart.

    Fluoxetine (Zoloft) is an SSRI.

    Lexapro, the brand name for fluoxetine, is popular.
    """
    found = spots(lint(text, rule="brand-generic"))
    assert [(r, l, c) for r, l, c, _ in found] == [("brand-generic", 1, 23), ("brand-generic", 3, 1), ("brand-generic", 5, 1)]
    assert found[0][3] == "Inderal (metoprolol)"


def test_brand_generic_right_pairs_and_combinations(lint):
    text = """
    Inderal (propranolol), Sectral (acebutolol), Lopresor (metoprolol) and Efexor (venlafaxine).

    Adderall (dextroamphetamine) and Levophed (norepinephrine).
    """
    assert lint(text, rule="brand-generic") == []


# ---- drug-name ----------------------------------------------------------------------------

def test_terminology_cues_in_the_next_or_previous_sentence(lint):
    text = """
    The sebaceous glands produce too much sebum and the pores get blocked. People with fat skin are more often affected.

    After liposuction of the belly fat, the fat skin folds are removed.
    """
    found = lint(text, rule="terminology")
    assert [(f.line, f.excerpt) for f in found] == [(1, "fat skin")]


def test_drug_name_misspellings_with_fixes(lint):
    text = """
    A formulation of norepinephrine called levofed is used in the emergency room.

    Levofed is injected into a vein. Some children take Adderal or Straterra tablets.
    """
    found = lint(text, rule="drug-name")
    assert spots(found) == [
        ("drug-name", 1, 40, "levofed"),
        ("drug-name", 3, 1, "Levofed"),
        ("drug-name", 3, 53, "Adderal"),
        ("drug-name", 3, 64, "Straterra"),
    ]
    assert [f.fix for f in found] == ["Levophed", "Levophed", "Adderall", "Strattera"]


def test_drug_name_foreign_spellings(lint):
    text = """
    Take fentermina before breakfast. Ondansétron tablets help, and so does valproato.

    The camiseta, the mentira and the café in this sentence are not drugs; nor is Ménière disease.
    """
    found = lint(text, rule="drug-name")
    assert spots(found) == [("drug-name", 1, 6, "fentermina"), ("drug-name", 1, 35, "Ondansétron"),
                            ("drug-name", 1, 73, "valproato")]
    assert [f.fix for f in found] == ["phentermine", "Ondansetron", "valproate"]


def test_drug_name_spanish_e_prefix_and_plurals(lint):
    text = """
    Espironolactona protects the heart. Heparins and low-molecular-weight heparins are injected.
    """
    found = lint(text, rule="drug-name")
    assert spots(found) == [("drug-name", 1, 1, "Espironolactona")]
    assert [f.fix for f in found] == ["Spironolactone"]


def test_drug_name_accented_words_of_other_languages_stay_quiet(lint):
    assert lint("Ménopause précoce : causes et traitements. Le médecin prescrit un café.", rule="drug-name") == []


def test_drug_name_other_countries_spellings_of_regional_brands_stay_quiet(lint):
    text = """
    Haloperidol is sold as Serenase in Italy. Carbolithium contains lithium. Roaccutan is isotretinoin.

    Venlafaxine is also sold as Efexxor.
    """
    assert spots(lint(text, rule="drug-name")) == [("drug-name", 3, 29, "Efexxor")]


def test_drug_name_international_and_common_words_stay_quiet(lint):
    text = """
    Paracetamol, salbutamol, noradrenaline, Lopresor, Efexor and Betaloc are correct names.

    The resin was sensitive to renin and the nervous system responded.

    Propofol is a general anaesthetic; oestrogen and haemoglobin are measured before the medication.
    """
    assert lint(text, rule="drug-name") == []


def test_drug_name_rare_dictionary_words_stay_quiet(lint):
    # "centile" is one sound from the brand Centyl and rare in running text, but English
    text = "Before each methylphenidate dose change, compare heart rate and blood pressure with centile charts."
    assert lint(text, rule="drug-name") == []


def test_drug_name_one_edit_from_the_broad_lexicon_in_drug_context(lint):
    text = """
    The ciproflaxacin should be taken with water. Xarleto is taken once a day.

    The most used PPIs include:

    - lanzoprazole
    - pantoprazole
    """
    found = lint(text, rule="drug-name")
    assert [(f.line, f.column, f.excerpt, f.fix) for f in found] == [
        (1, 5, "ciproflaxacin", "ciprofloxacin"), (1, 47, "Xarleto", "Xarelto"), (5, 3, "lanzoprazole", "lansoprazole")]


# ---- indication ---------------------------------------------------------------------------

def test_indication_fronted_condition_and_safe_choice_in_pregnancy(lint):
    text = """
    For the pain of a stomach ulcer, ibuprofen or diclofenac are the best choice.

    For high blood pressure, ACE inhibitors are a good option. Both ACE inhibitors and sartans are a safe choice for women who are pregnant.
    """
    found = lint(text, rule="indication")
    assert spots(found) == [("indication", 1, 19, "stomach ulcer, ibuprofen"), ("indication", 3, 128, "pregnant")]


def test_indication_suitability_history_and_safety_claims(lint):
    text = """
    Carbamazepine is particularly suitable for absence seizures.

    Triptans are a good choice also for people who have had a stroke.

    Methotrexate can be continued without worry during pregnancy.

    Sertraline can be used during pregnancy. Aspirin is recommended for people who have had a heart attack.

    ACE inhibitors must not be used during pregnancy.
    """
    found = lint(text, rule="indication")
    assert spots(found) == [
        ("indication", 1, 1, "Carbamazepine is particularly suitable for absence seizures"),
        ("indication", 3, 59, "stroke"),
        ("indication", 5, 1, "Methotrexate can be continued without worry during pregnancy"),
    ]
    assert found[2].message == "Methotrexate is contraindicated in pregnancy"


def test_indication_wrong_and_contraindicated_uses(lint):
    text = """
    Beta-blockers reduce the activity of norepinephrine and are useful in the treatment of depression.

    Propranolol is especially recommended for people with asthma.

    SSRIs are used to treat high blood pressure.
    """
    found = spots(lint(text, rule="indication"))
    assert found == [
        ("indication", 1, 88, "depression"),
        ("indication", 3, 1, "Propranolol is especially recommended for people with asthma"),
        ("indication", 5, 1, "SSRIs are used to treat high blood pressure"),
    ]



def test_indication_more_cue_forms(lint):
    text = """
    Carbamazepine is also the best medicine for absence seizures in children.

    A short course of antibiotics helps to cure the flu faster.
    """
    found = lint(text, rule="indication")
    assert [(f.line, f.excerpt, f.message) for f in found] == [
        (1, "Carbamazepine is also the best medicine for absence seizures", "Carbamazepine does not treat absence seizures"),
        (3, "antibiotics helps to cure the flu", "antibiotics do not treat influenza"),
    ]


def test_indication_population_only_for_wrong_uses(lint):
    text = """
    Statins are used in patients with compensated cirrhosis.

    Propranolol is used in patients with asthma to slow the heart.
    """
    found = lint(text, rule="indication")
    assert [(f.line, f.severity) for f in found] == [(3, "error")]  # a contraindication is still one

def test_indication_a_verdict_on_the_headings_topic_and_a_population_named_after_the_use(lint):
    text = """
    # Parkinson's disease: the treatments

    ## When hallucinations appear

    Some patients see people who are not there. When this happens, haloperidol is the treatment of choice.

    Low-dose quetiapine is the first choice. Haloperidol is not a good option.

    # Dementia

    Haloperidol is the first choice to calm hallucinations in people with Lewy body dementia.
    """
    found = lint(text, fmt="markdown", rule="indication")
    assert [(f.line, f.column, f.excerpt) for f in found] == [
        (5, 64, "haloperidol"), (11, 71, "Lewy body dementia")]  # not the negated line 7
    assert "heading above" in found[0].message


def test_indication_examples_of_a_recommended_class_and_a_considered_verdict(lint):
    text = """
    # Asthma inhalers

    On the other hand, beta-blockers such as propranolol are a good option to calm the palpitations.

    For women who want to get pregnant, valproate is considered the safest choice.

    Selective beta-blockers such as bisoprolol are a good option to calm the palpitations.
    """
    found = lint(text, fmt="markdown", rule="indication")
    assert [(f.line, f.excerpt) for f in found] == [(3, "propranolol"), (5, "pregnant, valproate")]


def test_glaucoma_drops_and_eye_pressure(lint):
    text = """
    Dorzolamide is sold as Trusopt (brinzolamide). Eye pressure is usually considered normal between 10 and 21 mmol/L.

    Monopost is a preservative-free latanoprost. Treatment combines acetazolamide, a topical beta-blocker, an alpha-2 agonist and pilocarpine.
    """
    found = lint(text)
    assert [(f.rule, f.line, f.excerpt) for f in found] == [
        ("brand-generic", 1, "Trusopt (brinzolamide)"), ("reference-range", 1, "10 and 21 mmol/L")]


def test_professional_sentences_stay_quiet(lint):
    text = """
    The amfetamines also release these catecholamines: dexamfetamine, lisdexamfetamine and mixed amfetamine salts.

    RCUK 2021 guidance no longer recommends routine corticosteroids in the emergency treatment of anaphylaxis.

    Linezolid, a reversible non-selective MAOI, can also enhance the pressor response.

    The US Adrenalin label gives a septic shock dose range of 0.05-2 micrograms/kg/min.

    The World Health Organization (WHO) lists it.

    4. HOW TO TAKE YOUR MEDICINE
    """
    assert lint(text) == []


def test_indication_true_and_negated_claims_stay_quiet(lint):
    text = """
    SNRIs are medications used to treat anxiety and depression.

    Beta-blockers are not used to treat depression.

    Beta-blockers have traditionally been used to treat high blood pressure and angina pectoris.

    Amphetamines increase the activity of norepinephrine.

    These medications are considered first-line ADHD medications.

    Norepinephrine is used in the emergency room to treat acute hypotension.
    """
    assert lint(text, rule="indication") == []


def test_indication_pronoun_points_back(lint):
    text = """
    SSRIs are widely prescribed. They are also used to treat hypertension.
    """
    assert spots(lint(text, rule="indication")) == [("indication", 1, 58, "hypertension")]


# ---- abbreviation -------------------------------------------------------------------------

def test_abbreviation_scrambled_after_definition(lint):
    text = """
    This article explains the functions of norepinephrine or NE.

    In general, EN affects many organs. Post-traumatic stress disorder (PTSD) is common; PSTD needs care.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 3, 13, "EN"), ("abbreviation", 3, 86, "PSTD")]
    assert found[0].fix == "NE"


def test_abbreviation_scrambled_plural(lint):
    text = """
    Monoamine oxidase inhibitors (MAOIs) block its breakdown. Doctors rarely prescribe MOAIs today.

    Selective serotonin reuptake inhibitors (SSRIs) and SNRIs are both used; SRSIs take weeks to work.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 84, "MOAIs"), ("abbreviation", 3, 74, "SRSIs")]
    assert [f.fix for f in found] == ["MAOIs", "SSRIs"]

def test_abbreviation_wrong_expansion_and_foreign_form(lint):
    text = """
    A healthy diet reduces the risk of peripheral artery disease (CAD).

    Attention deficit hyperactivity disorder (ADHD) is common. The TDAH affects adults too.
    """
    found = spots(lint(text, rule="abbreviation"))
    assert found == [("abbreviation", 1, 63, "CAD"), ("abbreviation", 3, 64, "TDAH")]



def test_abbreviation_foreign_forms_need_signs_of_translation(lint):
    translated = """
    Measure the arterial tension at home every morning. The cardiac frequency is also noted.

    High blood pressure is common. The PA should stay below 135/85 mmHg. In the SNC, the drug causes drowsiness.
    """
    assert spots(lint(translated, rule="abbreviation")) == [
        ("abbreviation", 3, 36, "PA"), ("abbreviation", 3, 77, "SNC")]
    # the same sentences without calques: PA may be the physician assistant, SNC a quotation
    english = """
    Measure your blood pressure at home every morning. The heart rate is also noted.

    High blood pressure is common. The PA should stay below 135/85 mmHg. In the SNC, the drug causes drowsiness.
    """
    assert lint(english, rule="abbreviation") == []
    # translated, but the article uses PA's English sense too: the pulmonary artery
    both = translated.replace("drowsiness.", "drowsiness. The pulmonary artery pressure is measured too.")
    assert spots(lint(both, rule="abbreviation")) == [("abbreviation", 3, 77, "SNC")]


def test_abbreviation_one_word_long_form_swapped_and_a_one_letter_word_changed(lint):
    text = """
    Before a stimulant, the doctor orders an ECG (echocardiogram) to check the heart.

    The blood test measures the CRP (creatinine-reactive protein).

    An electrocardiogram (ECG) and an EEG (electroencephalogram) are routine.
    """
    assert spots(lint(text, rule="abbreviation")) == [
        ("abbreviation", 1, 42, "ECG (echocardiogram)"),
        ("abbreviation", 3, 29, "CRP (creatinine-reactive protein)")]


def test_abbreviation_long_form_with_its_words_reordered(lint):
    text = """
    The SSC (Sepsis Survival Committee) recommends norepinephrine first.

    The Surviving Sepsis Campaign (SSC) and the National Institute for Health and Care Excellence (NICE) agree.

    Use a cream with SPF (solar protection filter) 50, or a sun protection factor (SPF) of 30.
    """
    assert spots(lint(text, rule="abbreviation")) == [("abbreviation", 1, 5, "SSC (Sepsis Survival Committee)"),
                                                      ("abbreviation", 5, 18, "SPF (solar protection filter)")]


def test_abbreviation_an_aside_in_parentheses_is_no_definition(lint):
    text = """
    Osteoporosis is common after menopause. The THM (estrogen, combined with a progestogen if the woman still has her uterus) helps.
    """
    assert spots(lint(text, rule="abbreviation")) == [("abbreviation", 1, 45, "THM")]


def test_abbreviation_short_form_then_another_ones_long_form(lint):
    text = """
    When the ejection fraction is 40% or less, doctors speak of HFrEF (heart failure with preserved ejection fraction).

    HFpEF (heart failure with preserved ejection fraction) is different.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 61, "HFrEF (heart failure with preserved ejection fraction)")]
    assert found[0].fix is None  # the short form or the long form may be the slip


def test_abbreviation_known_form_scrambled_and_foreign_form_by_its_class(lint):
    text = """
    The HbA1c test shows the average sugar. An HbAc1 below 7% is the usual target.

    Ibuprofen and naproxen are FANS that relieve migraine pain. McKinley checks his SpO2.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 44, "HbAc1"), ("abbreviation", 3, 28, "FANS")]
    assert [f.fix for f in found] == ["HbA1c", "NSAID"]


def test_abbreviation_scrambled_with_its_number(lint):
    text = """
    GLP-1 (glucagon-like peptide-1) slows the stomach. Tirzepatide acts on the GPL-1 receptor.

    COVID-19, IL-6 and SGLT-2 stay quiet.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 76, "GPL-1")]
    assert [f.fix for f in found] == ["GLP-1"]


def test_abbreviation_foreign_form_by_drug_sibling_condition_and_topics(lint):
    text = """
    Unstable angina can precede an IMA.

    Ibuprofen with ASS harms the stomach.

    Doctors measure obesity with the IMC.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 32, "IMA"), ("abbreviation", 3, 16, "ASS"),
                                ("abbreviation", 5, 34, "IMC")]
    quiet = lint("The IMA and the IMC stay quiet in an article about nothing they stand for.", rule="abbreviation")
    assert quiet == []


def test_abbreviation_glossary_definitions(lint):
    text = """
    Abbreviations: TDM, therapeutic drug monitoring; PPP, pregnancy prevention programme; ASM, antiseizure medication.

    TDM is advised for phenytoin under the PPP. Each AMS is reviewed.
    """
    assert spots(lint(text, rule="abbreviation")) == [("abbreviation", 3, 50, "AMS")]


def test_abbreviation_garbled_long_form_and_foreign_form_with_umlaut(lint):
    text = """
    The test used is the INR (internal normalized rate). The international normalized ratio (INR) is 1.

    Overactive bladder (ÜAB in German leaflets) and urinary retention differ from an HWI.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 22, "INR (internal normalized rate)"),
                            ("abbreviation", 3, 21, "ÜAB"), ("abbreviation", 3, 82, "HWI")]


def test_abbreviation_foreign_form_by_a_topic_and_its_narrower_conditions(lint):
    text = """
    Beta-blockers lower the FC in people with angina. The KMD is measured in osteoporosis.
    """
    assert spots(lint(text, rule="abbreviation")) == [("abbreviation", 1, 25, "FC"), ("abbreviation", 1, 55, "KMD")]


def test_abbreviation_one_word_of_the_long_form_changed_and_glosses(lint):
    text = """
    The hypothalamus releases cortisol-releasing hormone (CRH). The thyroid makes T4 (thyroxine) and T3 (tetraiodothyronine).

    Adrenal insufficiency (AI) has several causes. Primary AI (Addison's disease) is rare. Myocardial infarct (MI) is a heart attack.
    """
    found = lint(text, rule="abbreviation")
    assert spots(found) == [("abbreviation", 1, 27, "cortisol-releasing hormone (CRH)"),
                            ("abbreviation", 1, 98, "T3 (tetraiodothyronine)")]
    assert "'CRH' stands for corticotropin-releasing hormone, not 'cortisol-releasing hormone'" in found[0].message

def test_abbreviation_definitions_stay_quiet(lint):
    text = """
    The sympathetic nervous system (SNS) releases norepinephrine (NE). The SNS and NE work together.
    """
    assert lint(text, rule="abbreviation") == []


# ---- terminology --------------------------------------------------------------------------

def test_terminology_wrong_in_context(lint):
    text = """
    When the body is stressed, its social network signals the adrenal glands.

    Neurons located in the trunk and spinal cord release norepinephrine.

    The drug is injected through a dropper into a vein.
    """
    found = spots(lint(text, rule="terminology"))
    assert found == [
        ("terminology", 1, 32, "social network"),
        ("terminology", 3, 24, "trunk"),
        ("terminology", 5, 32, "dropper"),
    ]


def test_terminology_romance_and_german_calques_with_their_english_senses(lint):
    text = """
    ## The drop: when uric acid crystallizes

    Allopurinol brings a drop in uric acid within weeks.

    Hemicrania is much more than a headache.

    Hemicrania continua responds to indomethacin.

    It is necessary to realize physical exercise regularly. Patients realize exercise is hard.
    """
    found = lint(text, "markdown", rule="terminology")
    assert spots(found) == [("terminology", 1, 4, "The drop"), ("terminology", 5, 1, "Hemicrania"),
                            ("terminology", 9, 20, "realize physical exercise")]


def test_terminology_fine_in_other_context(lint):
    text = """
    Social networks like Facebook can ease loneliness.

    The rash spread over the trunk and the arms.

    Use the dropper to put two drops in each eye.
    """
    assert lint(text, rule="terminology") == []


# ---- reference-range ----------------------------------------------------------------------

def test_reference_range_unit_slip_and_wrong_range(lint):
    text = """
    The normal range for norepinephrine in blood is 70 to 1700 ng/mL.

    A normal resting heart rate in adults is 100 to 160 beats per minute.

    The normal sodium level is 135 to 145 mg/dL.
    """
    found = lint(text, rule="reference-range")
    assert spots(found) == [
        ("reference-range", 1, 49, "70 to 1700 ng/mL"),
        ("reference-range", 3, 42, "100 to 160 beats per minute"),
        ("reference-range", 5, 28, "135 to 145 mg/dL"),
    ]
    assert "pg/mL" in found[0].message and "mmol/L" in found[2].message


def test_reference_range_definitional_cut_off_and_analyte_named_by_its_unit(lint):
    text = """
    A normal BMI is 18.5 to 24.9. In Asian adults a normal BMI is 18.5 to 22.9.

    A normal weight corresponds to a value between 18.5 and 29.9 kg/m2.
    """
    assert spots(lint(text, rule="reference-range")) == [("reference-range", 3, 48, "18.5 and 29.9 kg/m2")]


def test_reference_range_abnormal_thresholds_and_doses_of_a_mispaired_brand_stay_quiet(lint):
    text = """
    Normal values:

    - HDL cholesterol: low if it is below 40 mg/dL in men and below 50 mg/dL in women
    """
    assert lint(text, "markdown", rule="reference-range") == []
    assert lint("For smoking cessation, Zyban (varenicline) is used in a dose of 150 mg once a day.", rule="dose-unit") == []


def test_reference_range_correct_values_stay_quiet(lint):
    text = """
    The normal range for norepinephrine for a blood test is 70 to 1700 picograms per milliliter (pg/mL).

    A normal resting heart rate for adults is 60 to 100 beats per minute.

    Levels above 2,000 pg/mL suggest a pheochromocytoma.
    """
    assert lint(text, rule="reference-range") == []



def test_reference_range_limits_ages_and_normally(lint):
    text = """
    In adults, the normal range of TSH is about 4.5 to 10 mIU/L.

    A normal lactate is below 2 mg/dL.

    Fasting blood sugar, normally between 70 and 100 mmol/L, can increase.
    """
    found = lint(text, rule="reference-range")
    assert spots(found) == [
        ("reference-range", 1, 45, "4.5 to 10 mIU/L"),
        ("reference-range", 3, 27, "2 mg/dL"),
        ("reference-range", 5, 39, "70 and 100 mmol/L"),
    ]
    # an infant's range does not excuse an adult value; the unit the numbers fit is named
    assert "not a normal" in found[0].message
    assert "fit mmol/L" in found[1].message and "fit mg/dL" in found[2].message


def test_reference_range_true_limits_stay_quiet(lint):
    text = """
    Normal lactate is below 2 mmol/L. Normal fasting glucose is below 100 mg/dL.

    In newborns (0-5 days) a normal TSH can be as high as 15 mIU/L.

    Normal potassium is above 3.5 mmol/L.
    """
    assert lint(text, rule="reference-range") == []



def test_reference_range_other_unit_kind_nearest_analyte_and_thresholds(lint):
    text = """
    The normal TSH range is between 0.4 and 4.0 mg/L.

    With a pulse oximeter, remember that a normal oxygen saturation is between 95 and 100%.

    In a person with symptoms, a fasting plasma glucose of 7.0 mmol/L or above confirms diabetes; in a person without symptoms repeat it.
    """
    found = lint(text, rule="reference-range")
    assert spots(found) == [("reference-range", 1, 33, "0.4 and 4.0 mg/L")]
    assert "fit mIU/L" in found[0].message

# ---- dose-unit ----------------------------------------------------------------------------

def test_dose_unit_slips(lint):
    text = """
    The usual dose of lorazepam for anxiety is 0.5 to 1 g two or three times a day.

    Topiramate is started at 25 g per day. In older people levothyroxine is started at 12.5 to 25 mg a day.
    """
    found = lint(text, rule="dose-unit")
    assert spots(found) == [
        ("dose-unit", 1, 44, "0.5 to 1 g"),
        ("dose-unit", 3, 26, "25 g"),
        ("dose-unit", 3, 84, "12.5 to 25 mg"),
    ]
    assert "did you mean mg?" in found[0].message and "did you mean mcg?" in found[2].message
    assert found[0].fix is None  # the number may be the slip: never applied automatically



def test_dose_unit_and_range_of_the_drug_or_analyte_just_named(lint):
    text = """
    Levothyroxine replaces the missing hormone. In older people the doctor starts with a low dose of 12.5 to 25 mg.

    Dopamine can be measured in a 24-hour urine sample. In adults, the normal values are about 65 to 400 mg in 24 hours.

    Sertraline and levothyroxine are different medicines. The dose is 50 mg.
    """
    found = lint(text)
    assert [(f.rule, f.line, f.excerpt) for f in found if f.rule in ("dose-unit", "reference-range")] == [
        ("dose-unit", 1, "12.5 to 25 mg"), ("reference-range", 3, "65 to 400 mg in 24 hours")]

def test_dose_unit_a_dose_ten_times_too_high(lint):
    text = """
    Rasagiline is taken at 10 mg once a day. For acne, doxycycline is given at 1,000 mg once a day.

    Doxycycline 100 mg twice a day is usual. An overdose of 10 g of rasagiline was reported once.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.rule, f.line, f.column, f.excerpt) for f in found] == [
        ("dose-unit.high", 1, 24, "10 mg"),
        ("dose-unit.high", 1, 76, "1,000 mg"),
    ]
    assert "1 mg" in found[0].message and found[0].severity == "warning"


def test_dose_unit_a_stated_maximum_above_the_largest_dose(lint):
    text = """
    Memantine is started at 5 mg. The dose is increased by 5 mg each week up to a maximum of 40 mg per day.

    Memantine is increased by 5 mg each week to a maximum of 20 mg per day.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.rule, f.line, f.column, f.excerpt) for f in found] == [("dose-unit.high", 1, 90, "40 mg")]
    assert "28 mg" in found[0].message


def test_reference_range_blood_pressure_in_centimetres_of_mercury(lint):
    text = """
    In adults, the dose is reviewed if blood pressure is above 14/9 mmHg on two occasions.

    Blood pressure is monitored 24/7 in intensive care. When BP is more than 20/10 mmHg above target, start two drugs.
    """
    found = lint(text, rule="reference-range")
    assert [(f.line, f.column, f.excerpt) for f in found] == [(1, 60, "14/9 mmHg")]
    assert found[0].fix == "140/90 mmHg"


def test_reference_range_a_drug_named_for_its_therapeutic_range(lint):
    text = """
    For phenytoin the target range is 10 to 20 mmol/L. For valproate the usual therapeutic range is 50 to 100 mg/L.

    Carbamazepine is started at a low dose and its therapeutic range is 4 to 12 mg/L.

    The doctor checks the medicine in the blood:

    - For valproate the usual target range is 50 to 100 mg/L.
    - For carbamazepine it is 4 to 12 g/L.

    A transferrin saturation below 20% in the serum level check means iron deficiency.
    """
    found = lint(text, fmt="markdown", rule="reference-range")
    assert [(f.line, f.column, f.excerpt) for f in found] == [(1, 35, "10 to 20 mmol/L"), (8, 27, "4 to 12 g/L")]
    assert "µg/mL" in found[0].message


def test_reference_range_faecal_calprotectin_in_mg_per_g(lint):
    text = """
    In healthy adults, faecal calprotectin is below 50 mg/g; in a healthy adult, calprotectin is below 50 µg/g.
    """
    found = lint(text, rule="reference-range")
    assert [(f.line, f.column, f.excerpt) for f in found] == [(1, 49, "50 mg/g")]


def test_dose_unit_infusion_rates_per_kilogram_per_minute(lint):
    text = """
    Noradrenaline is the first choice in septic shock. The dose usually stays between 0.05 and 0.5 mg per kilo per minute.

    Dobutamine runs at 2 to 20 mcg/kg/min; dopamine at 5 mg/kg/min is wrong. Norepinephrine 0.1 µg/kg/min is a usual start.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.line, f.column, f.excerpt) for f in found] == [
        (1, 83, "0.05 and 0.5 mg per kilo per minute"), (3, 52, "5 mg/kg/min")]
    assert "did you mean mcg/kg/min?" in found[1].message


def test_dose_unit_after_a_sentence_naming_two_drugs(lint):
    text = """
    Lisdexamfetamine is a prodrug: it only becomes active dextroamphetamine in the blood. The usual dose for adults is 30 to 70 g once a day.

    Lisdexamfetamine becomes dextroamphetamine. The usual dose is 30 to 70 mg.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.line, f.excerpt) for f in found] == [(1, "30 to 70 g")]


def test_dose_unit_a_route_named_in_the_sentence_picks_its_span(lint):
    text = """
    The adult pen delivers 3 mg of adrenaline. The EpiPen delivers 0.3 mg of adrenaline.

    In cardiac arrest, adrenaline 1 mg is given intravenously every 3 to 5 minutes. The nasal spray gives 2 mg of epinephrine.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.rule, f.line, f.excerpt) for f in found] == [("dose-unit.high", 1, "3 mg")]


def test_dose_unit_far_in_a_dose_sentence_about_one_drug_and_not_across_another_drug(lint):
    text = """
    Bisoprolol, for example, is started at 1.25 mg and can be increased up to a maximum of 100 mg per day.

    Phenelzine is usually started at 15 mg three times a day. Moclobemide is taken after meals, between 3 and 6 g per day.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.line, f.excerpt, "bisoprolol" in f.message or "moclobemide" in f.message) for f in found] == [
        (1, "100 mg", True), (3, "3 and 6 g", True)]


def test_dose_unit_weekly_dose_written_as_daily_and_per_hour_patches(lint):
    text = """
    For rheumatoid arthritis, methotrexate is taken at 7.5 to 25 mg per day.

    Methotrexate 15 mg once a week is the usual dose. Fentanyl patches release 12 to 100 mg per hour.
    """
    found = lint(text, rule="dose-unit")
    assert [(f.rule, f.line, f.column, f.excerpt) for f in found] == [
        ("dose-unit.schedule", 1, 52, "7.5 to 25 mg per day"),
        ("dose-unit", 3, 76, "12 to 100 mg"),
    ]


def test_dose_unit_plausible_and_weight_based_doses_stay_quiet(lint):
    text = """
    Lorazepam 1 mg is taken at night. Start with 25 mg of topiramate and take 2 g of it at most? No.

    Levothyroxine 100 mcg is a usual dose; full replacement is 1.6 mcg/kg per day.

    Topiramate 25 mg/mL oral suspension. Lorazepam 0.05 mg/kg IV.

    Apply 5 g of testosterone gel daily. Use a 30 g tube of hydrocortisone cream.
    """
    assert lint(text, rule="dose-unit") == []


# ---- structure ----------------------------------------------------------------------------

def test_structure_findings(lint):
    text = """
    UHB Trust / Getty Images

    Symptoms of the condition include:

    Each condition has its own profile, which can make you nervous or nervous .

    The range is 70 to 1700 pg / ml in blood ( plasma ).

    Related Articles
    Choosing foods after a heart attack

    A healthy diet is important for the heart. Read more
    """
    found = spots(lint(text, rule="structure"))
    assert found == [
        ("structure.scraper-residue", 1, 1, "UHB Trust / Getty Images"),
        ("structure.list-intro", 3, 27, "include:"),
        ("structure.repeated-word", 5, 56, "nervous or nervous"),
        ("structure.spacing", 5, 74, " ."),
        ("structure.unit-spelling", 7, 25, "pg / ml"),
        ("structure.spacing", 7, 42, "( "),
        ("structure.spacing", 7, 50, " )"),
        ("structure.scraper-residue", 9, 1,
         "Related Articles\nChoosing foods after a heart attack\n\nA healthy diet is important for the heart. Read more"),
    ]


def test_structure_doubled_phrase_foreign_credit_and_rate_unit(lint):
    text = """
    Foto: Freepik

    Serotonin helps regulate sleep. It is it is important for digestion, and so so is fibre.

    The infusion runs at 0.1 mcg / kg / min.
    """
    found = spots(lint(text, rule="structure"))
    assert found == [
        ("structure.scraper-residue", 1, 1, "Foto: Freepik"),
        ("structure.repeated-word", 3, 33, "It is it is"),
        ("structure.repeated-word", 3, 74, "so so"),
        ("structure.unit-spelling", 5, 26, "mcg / kg / min"),
    ]

def test_structure_related_block_ends_with_its_page_region(lint):
    text = """
    <article><p>Antibiotics treat bacterial infections.</p></article>
    <aside><h3>You may also like</h3>
    <ul><li><a href="/a">Vaginal candidiasis: what it is</a></li></ul></aside>
    <footer><p>Follow us on social networks like Facebook.</p></footer>
    """
    found = lint(text, "html", rule="structure")
    assert [(f.rule, f.line, f.end_line) for f in found] == [("structure.scraper-residue", 2, 3)]

def test_structure_untranslated_related_article_teasers(lint):
    text = """
    Salt raises blood pressure.

    Te puede interesar: Dieta sin sal, 10 trucos

    **Das könnte Sie auch interessieren:** Kürbiskerne für die Prostata
    """
    found = [f for f in lint(text, "markdown", rule="structure") if f.rule == "structure.scraper-residue"]
    assert [(f.line, f.column) for f in found] == [(3, 1), (5, 3)]


def test_structure_correct_text_stays_quiet(lint):
    text = """
    The biorhythms that NE helps regulate include:

      • Blood flow
      • Mood stability

    More and more people take EpiPen and EpiPen Jr (epinephrine) at a ratio of 1 : 2.

    Resistant hypertension or hypertension at a young age needs a work-up...
    """
    assert lint(text, rule="structure") == []
